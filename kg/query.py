"""Query stage: SPARQL over the built graph with Oxigraph (pyoxigraph), results as a table, CSV, TSV or JSON.

The query runs against the on-disk store `kg build` writes (`outputs/store`), or against any graph file
(Turtle, TriG, N-Triples, N-Quads, JSON-LD) loaded into memory. The default graph is the union of the
named graphs, so queries need no `GRAPH` clause unless they ask which article says what.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox

from kg.namespaces import DATA_FOLDERS, DEFAULT_BASE, PREFIXES

#: Graph file suffixes Oxigraph can load.
GRAPH_FORMATS = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".trig": ox.RdfFormat.TRIG,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".nq": ox.RdfFormat.N_QUADS,
    ".jsonld": ox.RdfFormat.JSON_LD,
    ".rdf": ox.RdfFormat.RDF_XML,
}
RESULT_FORMATS = {
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
}
OUTPUT_FORMATS = ("table", *RESULT_FORMATS)


class QueryError(ValueError):
    """A query or a graph that cannot be used; the message says why (with the parser's position)."""


def load_graph(path: str | Path, store: ox.Store | None = None) -> ox.Store:
    """Load a graph file into `store` (a new in-memory store by default)."""
    path = Path(path)
    fmt = GRAPH_FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise QueryError(f"{path}: unknown graph format (expected one of {', '.join(GRAPH_FORMATS)})")
    if not path.is_file():
        raise QueryError(f"{path}: no such graph file")
    store = store if store is not None else ox.Store()
    try:
        store.bulk_load(path=str(path), format=fmt)
    except SyntaxError as error:
        raise QueryError(f"{path}: not valid {path.suffix[1:]}: {error}") from error
    return store


def write_store(graph_file: str | Path, store_dir: str | Path) -> Path:
    """(Re)create the on-disk Oxigraph store `store_dir` from a graph file, replacing any old one whole."""
    store_dir = Path(store_dir)
    store_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{store_dir.name}.", dir=store_dir.parent))
    try:
        store = ox.Store(str(tmp))
        load_graph(graph_file, store)
        store.flush()
        del store
        old = store_dir.with_name(f".{store_dir.name}.old")
        shutil.rmtree(old, ignore_errors=True)
        if store_dir.exists():
            store_dir.rename(old)
        tmp.rename(store_dir)
        shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return store_dir


def open_store(*, graph: str | Path | None = None, store: str | Path | None = None) -> ox.Store:
    """The store to query: a graph file loaded into memory, or an on-disk store opened read-only."""
    if graph is not None:
        return load_graph(graph)
    if store is None:
        raise QueryError("give a graph file (--graph) or a store folder (--store)")
    path = Path(store)
    if not path.is_dir():
        raise QueryError(f"{path}: no store here (run `kg build` first, or pass --graph FILE)")
    try:
        return ox.Store.read_only(str(path))
    except OSError as error:
        raise QueryError(f"{path}: cannot open the store: {error}") from error


def default_prefixes(base: str = DEFAULT_BASE) -> dict[str, str]:
    """Prefixes every query may use without declaring them (rk:, schema:, org:, person: …)."""
    return PREFIXES | {folder: f"{base}{folder}/" for folder in DATA_FOLDERS}


Results = ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples


def run_query(store: ox.Store, query: str, *, base: str = DEFAULT_BASE) -> Results:
    """Run `query`; raises `QueryError` with the parser's message and position when it is not valid SPARQL."""
    try:
        return store.query(query, prefixes=default_prefixes(base), use_default_graph_as_union=True)
    except SyntaxError as error:
        raise QueryError(f"bad query: {error}") from error
    except (OSError, ValueError, RuntimeError) as error:
        raise QueryError(f"query failed: {error}") from error


def read_query(text_or_file: str) -> str:
    """The argument as a query: a file's text if it names a file, '-' for stdin, else the text itself."""
    if text_or_file == "-":
        import sys

        return sys.stdin.read()
    path = Path(text_or_file)
    if len(text_or_file) < 4096 and "\n" not in text_or_file and path.suffix in (".rq", ".sparql", ".txt"):
        if not path.is_file():
            raise QueryError(f"{path}: no such query file")
        return path.read_text(encoding="utf-8")
    return text_or_file


def format_results(results: Results, fmt: str, *, base: str = DEFAULT_BASE) -> str:
    """Results as text: `table` (aligned, prefixed names), or `csv`, `tsv`, `json`, `xml` (SPARQL standards)."""
    if isinstance(results, ox.QueryBoolean):
        if fmt == "table":
            return "true\n" if bool(results) else "false\n"
        return results.serialize(format=_results_format(fmt)).decode("utf-8")
    if isinstance(results, ox.QueryTriples):
        rdf_format = ox.RdfFormat.N_TRIPLES if fmt in ("table", "csv", "tsv") else ox.RdfFormat.JSON_LD
        if fmt == "xml":
            rdf_format = ox.RdfFormat.RDF_XML
        return ox.serialize(results, format=rdf_format).decode("utf-8")
    if fmt == "table":
        variables = [v.value for v in results.variables]
        rows = [[_show(row[v], base) if row[v] is not None else "" for v in variables] for row in results]
        return render_table(variables, rows)
    return results.serialize(format=_results_format(fmt)).decode("utf-8")


def _results_format(fmt: str) -> ox.QueryResultsFormat:
    found = RESULT_FORMATS.get(fmt)
    if found is None:
        raise QueryError(f"unknown output format {fmt!r} (expected one of {', '.join(OUTPUT_FORMATS)})")
    return found


def _show(term: object, base: str) -> str:
    if isinstance(term, ox.NamedNode):
        for prefix, namespace in sorted(default_prefixes(base).items(), key=lambda kv: -len(kv[1])):
            if term.value.startswith(namespace):
                local = term.value[len(namespace) :]
                if local and all(c.isalnum() or c in "-_." for c in local):
                    return f"{prefix}:{local}"
        return f"<{term.value}>"
    if isinstance(term, ox.Literal):
        return term.value
    return str(term)


def render_table(columns: list[str], rows: Iterable[list[str]]) -> str:
    """A plain aligned text table (CJK characters count double, as terminals draw them)."""
    rows = [[cell.replace("\n", " ") for cell in row] for row in rows]
    widths = [_width(c) for c in columns]
    for row in rows:
        widths = [max(w, _width(cell)) for w, cell in zip(widths, row, strict=True)]
    lines = [_pad_row(columns, widths), "  ".join("-" * w for w in widths)]
    lines += [_pad_row(row, widths) for row in rows]
    return "\n".join(line.rstrip() for line in lines) + "\n"


def _width(text: str) -> int:
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad_row(cells: list[str], widths: list[int]) -> str:
    return "  ".join(cell + " " * (width - _width(cell)) for cell, width in zip(cells, widths, strict=True))
