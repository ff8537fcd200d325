"""rmrb-kg: a knowledge-graph builder for the People's Daily (人民日报) archive.

The flow, one module per stage: `kg.read` → `kg.extract` → `kg.resolve` → `kg.build` → `kg.export` / `kg.view` /
`kg.query`. `kg.pipeline.build` runs it end to end; `kg.cli` is the command line.
"""

__version__ = "0.1.0"
