"""Export stage: the dataset written as files, each one complete or not at all.

Every file is written to a temporary file in the same folder and renamed over the target, so an interrupted
build never leaves a truncated `graph.ttl`. Serialisations are canonical (sorted), so the same input gives
byte-identical files.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

from rdflib import Dataset, Graph

from kg.build import union_graph
from kg.namespaces import DATA_FOLDERS, DEFAULT_BASE, PREFIXES, bind_all, data_namespace

#: File name per export format (`kg export --format`).
EXPORT_FILES = {"ttl": "graph.ttl", "trig": "graph.trig", "nt": "graph.nt", "jsonld": "graph.jsonld"}


def write_atomic(path: Path, write: Callable[[Path], None]) -> Path:
    """Call `write(tmp)` on a temporary file next to `path`, then rename it to `path`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    os.close(handle)
    tmp = Path(name)
    try:
        write(tmp)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return path


def write_text_atomic(path: Path, text: str) -> Path:
    return write_atomic(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))


def serialize(dataset: Dataset, fmt: str, *, base: str = DEFAULT_BASE) -> str:
    """The dataset as text in one of `EXPORT_FILES`' formats (Turtle and N-Triples hold the union graph)."""
    if fmt == "ttl":
        return union_graph(dataset, base).serialize(format="turtle")
    if fmt == "trig":
        return _trig(dataset, base)
    if fmt == "nt":
        lines = union_graph(dataset, base).serialize(format="nt").splitlines()
        return "".join(f"{line}\n" for line in sorted(set(lines)) if line.strip())
    if fmt == "jsonld":
        return dataset.serialize(format="json-ld", indent=1, sort_keys=True, ensure_ascii=False)
    raise ValueError(f"Unexpected export format: {fmt!r} (expected one of {', '.join(EXPORT_FILES)})")


def _trig(dataset: Dataset, base: str) -> str:
    """TriG with the named graphs in IRI order (rdflib's own TriG writer follows store order)."""
    blocks = []
    for context in sorted(dataset.graphs(), key=lambda g: str(g.identifier)):
        if not len(context):
            continue
        named = bind_all(Graph(), base)
        for triple in context:
            named.add(triple)
        text = named.serialize(format="turtle")
        head, _, body = text.partition("\n\n")
        if not head.startswith("@prefix"):
            body = text
        indented = "".join(f"    {line}\n" if line else "\n" for line in body.strip("\n").split("\n"))
        name = str(context.identifier)
        graph_ns = str(data_namespace(base, "graph"))
        local = name[len(graph_ns) :]
        label = f"graph:{local}" if name.startswith(graph_ns) and local.replace("-", "").isalnum() else f"<{name}>"
        blocks.append(f"{label} {{\n{indented}}}\n")
    return "".join(f"{line}\n" for line in _all_prefixes(base)) + "\n" + "\n".join(blocks)


def _all_prefixes(base: str) -> list[str]:
    namespaces = PREFIXES | {folder: str(data_namespace(base, folder)) for folder in DATA_FOLDERS}
    return [f"@prefix {prefix}: <{ns}> ." for prefix, ns in sorted(namespaces.items())]


def write_exports(dataset: Dataset, out_dir: Path, formats: Iterable[str], *, base: str = DEFAULT_BASE) -> list[Path]:
    """Write the dataset in each format into `out_dir`; returns the files written."""
    return [write_text_atomic(out_dir / EXPORT_FILES[fmt], serialize(dataset, fmt, base=base)) for fmt in formats]
