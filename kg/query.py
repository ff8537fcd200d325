"""Query stage: SPARQL over the built graph with Oxigraph (pyoxigraph), results as a table, CSV, TSV, JSON or XML.

The query runs against the on-disk store `kg build` writes (`outputs/store`), or against any graph file
(Turtle, TriG, N-Triples, N-Quads, JSON-LD) loaded into memory. The default graph is the union of the
named graphs, so queries need no `GRAPH` clause unless they ask which article says what.

Queries only read: a SPARQL Update is refused with a message saying so (the store is opened read-only anyway),
and a query that does not parse is reported with its line, column and the offending line, so the reader sees
where to look.

Oxigraph keeps every integer type as `xsd:integer` (`nif:beginIndex "0"^^xsd:nonNegativeInteger` comes back as
`"0"^^xsd:integer`): the values compare the same, only the datatype IRI differs from the graph files.
"""

from __future__ import annotations

import re
import shutil
import sys
import tempfile
import unicodedata
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
#: The graph serialisation for CONSTRUCT / DESCRIBE results, per output format (`table` is prefixed Turtle).
GRAPH_RESULT_FORMATS = {
    "table": ox.RdfFormat.TURTLE,
    "csv": ox.RdfFormat.N_TRIPLES,
    "tsv": ox.RdfFormat.N_TRIPLES,
    "json": ox.RdfFormat.JSON_LD,
    "xml": ox.RdfFormat.RDF_XML,
}
#: Suffixes read as a query file rather than as query text.
QUERY_FILE_SUFFIXES = (".rq", ".sparql", ".txt")
#: The first keyword of each SPARQL 1.1 Update operation.
UPDATE_KEYWORDS = frozenset({"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"})

# The parts of a query that may hold any word (strings, IRIs, comments, variables, prefixed names): blanked out
# before looking for keywords, so `?service` or `"insert"` are not mistaken for SERVICE or INSERT.
_OPAQUE = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n]|\\.)*"'
    r"|'(?:[^'\\\n]|\\.)*'"
    r'|<[^<>"{}|^`\\\s]*>'
    r"|#[^\n]*"
    r"|[?$]\w+"
    r"|[\w.-]*:[\w.:%-]*",
    re.DOTALL,
)
_WORD = re.compile(r"[A-Za-z]+")
_PREFIX_DECLARATION = re.compile(r"\bPREFIX\s+([\w.-]*):", re.IGNORECASE)
_PREFIXED_NAME = re.compile(r"(?<![\w?$:/#.-])([A-Za-z][\w.-]*)?:(?=[\w%]|\s|$)")
_OXIGRAPH_POSITION = re.compile(r"^error at (\d+):(\d+): (.*)$", re.DOTALL)
_CHARACTER_CLASS = re.compile(r"\[[^\]]*\]")


class QueryError(ValueError):
    """A query or a graph that cannot be used; the message says why (with the parser's position)."""


class ReadOnlyError(QueryError):
    """A SPARQL Update (or another write) sent where only queries are answered."""


def graph_format(path: Path, formats: dict[str, object]) -> object:
    """The format of a graph file, by its suffix, in `formats`; QueryError when it is unknown or the file missing."""
    fmt = formats.get(path.suffix.lower())
    if fmt is None:
        raise QueryError(f"{path}: unknown graph format (expected one of {', '.join(formats)})")
    if not path.is_file():
        raise QueryError(f"{path}: no such graph file")
    return fmt


def load_graph(path: str | Path, store: ox.Store | None = None) -> ox.Store:
    """Load a graph file into `store` (a new in-memory store by default)."""
    path = Path(path)
    fmt = graph_format(path, GRAPH_FORMATS)
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


def run_query(
    store: ox.Store,
    query: str,
    *,
    base: str = DEFAULT_BASE,
    default_graphs: Iterable[str] = (),
    named_graphs: Iterable[str] = (),
) -> Results:
    """Run `query` (read-only); raises `QueryError` saying where a query does not parse, `ReadOnlyError` on an update.

    The default graph is the union of all graphs, unless `default_graphs` names the graphs to use instead
    (the SPARQL protocol's `default-graph-uri`); `named_graphs` restricts what `GRAPH ?g` ranges over.
    """
    keyword = update_keyword(query)
    if keyword is not None:
        raise ReadOnlyError(
            f"this is a SPARQL Update ({keyword}), and the graph is read-only here: "
            "rebuild with `kg build` to change it, or load graph.trig into a store of your own"
        )
    options: dict[str, object] = {"prefixes": default_prefixes(base)}
    default = [ox.NamedNode(iri) for iri in default_graphs]
    if default:
        options["default_graph"] = default
    else:
        options["use_default_graph_as_union"] = True
    named = [ox.NamedNode(iri) for iri in named_graphs]
    if named:
        options["named_graphs"] = named
    try:
        return store.query(query, **options)
    except SyntaxError as error:
        raise QueryError(f"bad query: {explain_syntax_error(query, error, base=base)}") from error
    except (OSError, ValueError, RuntimeError) as error:
        raise QueryError(f"query failed: {error}") from error


def read_query(text_or_file: str) -> str:
    """The argument as a query: a file's text if it names a file, '-' for stdin, else the text itself."""
    if text_or_file == "-":
        return sys.stdin.read()
    path = Path(text_or_file)
    if len(text_or_file) < 4096 and "\n" not in text_or_file and path.suffix in QUERY_FILE_SUFFIXES:
        if not path.is_file():
            raise QueryError(f"{path}: no such query file")
        return path.read_text(encoding="utf-8")
    return text_or_file


# ---------------------------------------------------------------------------------------------------------
# Looking inside a query without running it


def query_keywords(query: str) -> list[str]:
    """The query's bare keywords in order, upper-cased (strings, IRIs, comments, variables and names removed)."""
    skeleton = _OPAQUE.sub(" ", query)
    return [word.upper() for word in _WORD.findall(skeleton)]


def update_keyword(query: str) -> str | None:
    """The operation keyword (INSERT, DELETE, LOAD …) when `query` is a SPARQL Update, else None."""
    words = [w for w in query_keywords(query) if w not in ("PREFIX", "BASE")]
    if words and words[0] in UPDATE_KEYWORDS:
        return words[0] if words[0] != "INSERT" or len(words) < 2 else f"{words[0]} {words[1]}"
    return None


def uses_service(query: str) -> bool:
    """Whether the query calls out to another endpoint (SERVICE), which makes the engine fetch over HTTP."""
    return "SERVICE" in query_keywords(query)


def explain_syntax_error(query: str, error: SyntaxError, *, base: str = DEFAULT_BASE) -> str:
    """Oxigraph's syntax error as a reader can use it: line, column, the line itself with a caret, and why.

    Oxigraph's parser reports the furthest point it reached, often the end of the query; rdflib's parser
    stops at the start of the clause that cannot be completed, which is where a person should look. So the
    position comes from rdflib where it also fails, else from Oxigraph; the reason is Oxigraph's, trimmed of
    character-class noise. An undeclared prefix is named as such.
    """
    message = str(error)
    found = _OXIGRAPH_POSITION.match(message)
    ox_line, ox_column, reason = (int(found[1]), int(found[2]), found[3]) if found else (1, 1, message)
    reason = _plain_reason(reason)
    if "Prefix not found" in message:
        unknown = _unknown_prefix(query, base)
        if unknown is not None:
            prefix, line, column = unknown
            return (
                f"unknown prefix '{prefix}:' at line {line} column {column}; declare it "
                f"(PREFIX {prefix}: <…>) or use a predeclared one ({', '.join(sorted(default_prefixes(base)))})"
                + _show_position(query, line, column)
            )
    line, column = _rdflib_position(query) or (ox_line, ox_column)
    near = _near(query, line, column)
    where = f"syntax error at line {line} column {column}" + (f", near '{near}'" if near else "")
    if (line, column) == (ox_line, ox_column):
        return f"{where}: {reason}" + _show_position(query, line, column)
    return f"{where} (Oxigraph's parser, at {ox_line}:{ox_column}: {reason})" + _show_position(query, line, column)


def _plain_reason(reason: str) -> str:
    """Oxigraph's 'expected one of …' without its character-class listings (`['A' ..= 'Z' | …]`)."""
    text = " ".join(_CHARACTER_CLASS.sub("", reason).split())
    text = re.sub(r"(,\s*)+", ", ", text).replace("one of , ", "one of ").strip(" ,")
    text = re.sub(r",\s*$", "", text)
    if text in ("expected", "expected one of", ""):
        return "the query stops making sense here"
    return text


def _rdflib_position(query: str) -> tuple[int, int] | None:
    """Where rdflib's SPARQL grammar fails on `query` (line, column; 1-based), or None when it parses it."""
    from pyparsing import ParseException
    from rdflib.plugins.sparql.parser import parseQuery

    try:
        parseQuery(query)
    except ParseException as error:
        return error.lineno, error.col
    except Exception:  # any other failure of this second opinion just means "no position"
        return None
    return None


def _unknown_prefix(query: str, base: str) -> tuple[str, int, int] | None:
    """The first prefix used in `query` that neither it nor the predeclared ones define, with its position."""
    declared = set(default_prefixes(base)) | {m[1] for m in _PREFIX_DECLARATION.finditer(query)}
    masked = _mask_strings_and_iris(query)
    for line_number, line in enumerate(masked.split("\n"), start=1):
        for found in _PREFIXED_NAME.finditer(line):
            prefix = found[1] or ""
            if prefix not in declared:
                return prefix, line_number, found.start() + 1
    return None


def _mask_strings_and_iris(query: str) -> str:
    """`query` with strings, IRIs and comments replaced by spaces of the same length (positions kept)."""

    def blank(found: re.Match[str]) -> str:
        text = found[0]
        if text[:1] in "?$" or (text[:1] not in "\"'<#" and ":" in text):
            return text  # variables and prefixed names stay
        return "".join("\n" if ch == "\n" else " " for ch in text)

    return _OPAQUE.sub(blank, query)


def _near(query: str, line: int, column: int) -> str:
    lines = query.split("\n")
    if not 1 <= line <= len(lines):
        return ""
    rest = lines[line - 1][column - 1 :].strip()
    return rest[:30] + ("…" if len(rest) > 30 else "")


def _show_position(query: str, line: int, column: int) -> str:
    """The offending line, and a caret under the column (CJK characters count double, as terminals draw them)."""
    lines = query.split("\n")
    if not 1 <= line <= len(lines):
        return ""
    text = lines[line - 1].rstrip().replace("\t", " ")
    return f"\n    {text}\n    {' ' * _width(text[: column - 1])}^"


# ---------------------------------------------------------------------------------------------------------
# Results as text


def format_results(results: Results, fmt: str, *, base: str = DEFAULT_BASE) -> str:
    """Results as text: `table` (aligned, prefixed names), or `csv`, `tsv`, `json`, `xml` (SPARQL standards).

    CONSTRUCT and DESCRIBE give a graph: Turtle with the usual prefixes for `table`, N-Triples for `csv`/`tsv`,
    JSON-LD for `json` and RDF/XML for `xml`. Oxigraph evaluates lazily, so a failure while the results are
    read (a SERVICE that does not answer …) surfaces here, as a `QueryError`.
    """
    try:
        return _format(results, fmt, base)
    except QueryError:
        raise
    except (OSError, ValueError, RuntimeError) as error:
        raise QueryError(f"query failed: {error}") from error


def _format(results: Results, fmt: str, base: str) -> str:
    if isinstance(results, ox.QueryBoolean):
        if fmt == "table":
            return "true\n" if bool(results) else "false\n"
        return results.serialize(format=_results_format(fmt)).decode("utf-8")
    if isinstance(results, ox.QueryTriples):
        rdf_format = GRAPH_RESULT_FORMATS.get(fmt)
        if rdf_format is None:
            _results_format(fmt)  # raises with the list of formats
        triples = list(results)
        prefixes = used_prefixes(triples, base) if rdf_format == ox.RdfFormat.TURTLE else None
        text = ox.serialize(triples, format=rdf_format, prefixes=prefixes).decode("utf-8")
        return text if text.endswith("\n") or not text else text + "\n"
    if fmt == "table":
        variables = [v.value for v in results.variables]
        rows = [[show_term(row[v], base) if row[v] is not None else "" for v in variables] for row in results]
        return render_table(variables, rows)
    return results.serialize(format=_results_format(fmt)).decode("utf-8")


def used_prefixes(triples: Iterable[ox.Triple], base: str = DEFAULT_BASE) -> dict[str, str]:
    """The predeclared prefixes whose namespace some IRI in `triples` starts with (for a short Turtle head)."""
    iris = {
        term.value
        for triple in triples
        for term in (triple.subject, triple.predicate, triple.object)
        if isinstance(term, ox.NamedNode)
    }
    iris |= {t.object.datatype.value for t in triples if isinstance(t.object, ox.Literal)}
    return {
        prefix: namespace
        for prefix, namespace in sorted(default_prefixes(base).items())
        if any(iri.startswith(namespace) for iri in iris)
    }


def _results_format(fmt: str) -> ox.QueryResultsFormat:
    found = RESULT_FORMATS.get(fmt)
    if found is None:
        raise QueryError(f"unknown output format {fmt!r} (expected one of {', '.join(OUTPUT_FORMATS)})")
    return found


def show_term(term: object, base: str = DEFAULT_BASE) -> str:
    """A term as a person reads it: a prefixed name where one fits, a literal's text, `<iri>` otherwise."""
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
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad_row(cells: list[str], widths: list[int]) -> str:
    return "  ".join(cell + " " * (width - _width(cell)) for cell, width in zip(cells, widths, strict=True))
