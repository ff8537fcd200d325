"""`kg serve`: a read-only SPARQL 1.1 Protocol endpoint over a built store, with the standard library only.

    GET  /sparql?query=…                              (plus default-graph-uri / named-graph-uri)
    POST /sparql  application/sparql-query            (the query is the body)
    POST /sparql  application/x-www-form-urlencoded   (query=…)
    GET  /           a query form;   GET /ontology   the ontology and shapes as Turtle

Results follow the Accept header (or a `format=` parameter): SPARQL JSON (the default for SELECT and ASK),
XML, CSV, TSV or a plain-text table; Turtle (the default for CONSTRUCT and DESCRIBE), N-Triples, JSON-LD or
RDF/XML for graphs.

One bad query must not take the server down, so every query runs in a pool of worker processes, each with
the store opened read-only. pyoxigraph cannot cancel a running query, so a query that outlives `--timeout`
has its worker killed and replaced: the server answers 503 and goes on serving. Results beyond
`--max-results` rows are refused (422) rather than silently cut, since a truncated answer looks complete.
Updates (`update=`, application/sparql-update, or an update sent as a query) are refused with 403, and so is
SERVICE, which would make the server fetch from other hosts. Long queries (413/414), unknown paths (404),
wrong methods (405), unknown content types (415) and unacceptable Accept headers (406) get plain-text errors.
"""

from __future__ import annotations

import contextlib
import html
import json
import multiprocessing
import queue
import re
import signal
import sys
import tempfile
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from multiprocessing.connection import Connection
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pyoxigraph as ox

from kg.namespaces import DEFAULT_BASE
from kg.query import (
    QueryError,
    ReadOnlyError,
    Results,
    open_store,
    render_table,
    run_query,
    show_term,
    update_keyword,
    used_prefixes,
    uses_service,
    write_store,
)

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
#: Seconds a query may run before its worker is killed.
DEFAULT_TIMEOUT = 10.0
#: Rows (or triples) a result may have; a larger one is refused, not truncated.
DEFAULT_MAX_RESULTS = 10_000
#: Bytes (UTF-8) a query may have.
DEFAULT_MAX_QUERY_BYTES = 64 * 1024
#: Worker processes answering queries side by side.
DEFAULT_WORKERS = 2
#: A form-encoded body may be up to three times the query (percent-encoding), plus the other fields.
FORM_OVERHEAD = 3
FORM_SLACK_BYTES = 4096
#: Seconds a client may take to send its request before the connection is dropped.
SOCKET_TIMEOUT = 30
#: Seconds a new worker may take to start and open the store.
WORKER_START_TIMEOUT = 60.0
#: Characters of a request line shown in the log.
LOG_LINE_CHARS = 200

SPARQL_PATH = "/sparql"
ONTOLOGY_PATHS = ("/ontology", "/ontology.ttl")
FORM_PATHS = ("/", "/index.html")

QUERY_TYPE = "application/sparql-query"
UPDATE_TYPE = "application/sparql-update"
FORM_TYPE = "application/x-www-form-urlencoded"
TEXT_TYPE = "text/plain; charset=utf-8"

#: What a SELECT or ASK result can be sent as, the server's preference first.
SOLUTION_TYPES = (
    "application/sparql-results+json",
    "application/sparql-results+xml",
    "text/csv",
    "text/tab-separated-values",
    "application/json",
    "application/xml",
    "text/xml",
    "text/plain",
)
#: What a CONSTRUCT or DESCRIBE result can be sent as, the server's preference first.
GRAPH_TYPES = ("text/turtle", "application/n-triples", "application/ld+json", "application/rdf+xml")
#: Short names a `format=` / `output=` parameter may use (SPARQLWrapper sends both).
SOLUTION_ALIASES = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "table": "text/plain",
    "text": "text/plain",
}
GRAPH_ALIASES = {
    "turtle": "text/turtle",
    "ttl": "text/turtle",
    "nt": "application/n-triples",
    "ntriples": "application/n-triples",
    "n-triples": "application/n-triples",
    "json": "application/ld+json",
    "jsonld": "application/ld+json",
    "json-ld": "application/ld+json",
    "xml": "application/rdf+xml",
    "rdfxml": "application/rdf+xml",
    "rdf+xml": "application/rdf+xml",
}
RESULTS_FORMATS = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "application/xml": ox.QueryResultsFormat.XML,
    "text/xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
GRAPH_FORMATS = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
}
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


@dataclass(frozen=True)
class Limits:
    """What one query may cost: time, result size, query size, and how many run at once."""

    timeout: float = DEFAULT_TIMEOUT
    max_results: int = DEFAULT_MAX_RESULTS
    max_query_bytes: int = DEFAULT_MAX_QUERY_BYTES
    workers: int = DEFAULT_WORKERS


@dataclass(frozen=True)
class QueryRequest:
    """A query as the protocol delivers it: the text, what the client accepts, and the dataset it names."""

    query: str
    accept: str = ""
    formats: tuple[str, ...] = ()
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()


@dataclass(frozen=True)
class Reply:
    """An HTTP answer: status, content type and body (plain text for every error)."""

    status: int
    content_type: str
    body: bytes
    headers: tuple[tuple[str, str], ...] = field(default=())


def text_reply(status: int, message: str, headers: Iterable[tuple[str, str]] = ()) -> Reply:
    """A plain-text answer, ending in a newline."""
    return Reply(status, TEXT_TYPE, (message.rstrip("\n") + "\n").encode("utf-8"), tuple(headers))


# ---------------------------------------------------------------------------------------------------------
# Content negotiation


def negotiate(
    offers: Sequence[str], accept: str, formats: Iterable[str] = (), aliases: dict[str, str] | None = None
) -> str | None:
    """The media type to answer with: a recognised `format=` value first, else the best Accept match, else None.

    Ties on quality go to the server's order of `offers`; no Accept header (or `*/*`) gives the first offer.
    """
    for value in formats:
        value = value.strip().lower()
        chosen = (aliases or {}).get(value, value)
        if chosen in offers:
            return chosen
    ranges = _accept_ranges(accept)
    if not ranges:
        return offers[0]
    best, best_q = None, 0.0
    for offer in offers:
        q = _quality(offer, ranges)
        if q > best_q:
            best, best_q = offer, q
    return best


def _accept_ranges(accept: str) -> list[tuple[str, float]]:
    ranges = []
    for part in accept.split(","):
        media, *params = (p.strip() for p in part.split(";"))
        if not media:
            continue
        q = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = max(0.0, min(1.0, float(value)))
                except ValueError:
                    q = 0.0
        ranges.append((media.lower(), q))
    return ranges


def _quality(offer: str, ranges: list[tuple[str, float]]) -> float:
    """The q of the most specific range matching `offer` (type/subtype over type/* over */*)."""
    kind = offer.split("/")[0]
    best_specificity, q = -1, 0.0
    for media, quality in ranges:
        specificity = 2 if media == offer else 1 if media == f"{kind}/*" else 0 if media == "*/*" else -1
        if specificity > best_specificity:
            best_specificity, q = specificity, quality
    return q


# ---------------------------------------------------------------------------------------------------------
# Answering one query (runs inside a worker process)


def answer(store: ox.Store, request: QueryRequest, *, max_results: int, base: str = DEFAULT_BASE) -> Reply:
    """Run one query and serialise its result as negotiated; every failure is a plain-text reply."""
    try:
        results = run_query(
            store,
            request.query,
            base=base,
            default_graphs=request.default_graphs,
            named_graphs=request.named_graphs,
        )
        return _serialise(results, request, max_results=max_results, base=base)
    except ReadOnlyError as error:
        return text_reply(HTTPStatus.FORBIDDEN, str(error))
    except QueryError as error:
        return text_reply(HTTPStatus.BAD_REQUEST, str(error))
    except (OSError, ValueError, RuntimeError, SyntaxError) as error:
        return text_reply(HTTPStatus.BAD_REQUEST, f"query failed: {error}")


class _TooLarge(Exception):
    """A result with more rows than the server's limit."""


def _serialise(results: Results, request: QueryRequest, *, max_results: int, base: str) -> Reply:
    graph = isinstance(results, ox.QueryTriples)
    offers, aliases = (GRAPH_TYPES, GRAPH_ALIASES) if graph else (SOLUTION_TYPES, SOLUTION_ALIASES)
    media = negotiate(offers, request.accept, request.formats, aliases)
    if media is None:
        kind = "a graph (CONSTRUCT/DESCRIBE)" if graph else "solutions (SELECT/ASK)"
        return text_reply(
            HTTPStatus.NOT_ACCEPTABLE, f"cannot send {kind} as {request.accept!r}; ask for one of: " + ", ".join(offers)
        )
    try:
        if isinstance(results, ox.QueryBoolean):
            body = _boolean_body(results, media)
        elif graph:
            body = _graph_body(_capped(results, max_results), media, base)
        else:
            variables = [v.value for v in results.variables]
            rows = [[row[v] for v in results.variables] for row in _capped(results, max_results)]
            body = _solutions_body(variables, rows, media, base)
    except _TooLarge:
        unit = "triples" if graph else "rows"
        return text_reply(
            HTTPStatus.UNPROCESSABLE_ENTITY,
            f"result too large: more than {max_results} {unit} (the server's limit, kg serve --max-results); "
            "add LIMIT/OFFSET to page through it, or narrow the query",
        )
    charset = "; charset=utf-8" if media.startswith("text/") else ""
    return Reply(HTTPStatus.OK, media + charset, body)


def _capped(results: Iterable, max_results: int) -> list:
    rows = []
    for row in results:
        if len(rows) >= max_results:
            raise _TooLarge
        rows.append(row)
    return rows


def _boolean_body(result: ox.QueryBoolean, media: str) -> bytes:
    if media == "text/plain":
        return b"true\n" if bool(result) else b"false\n"
    return result.serialize(format=RESULTS_FORMATS[media])


def _graph_body(triples: list[ox.Triple], media: str, base: str) -> bytes:
    fmt = GRAPH_FORMATS[media]
    prefixes = used_prefixes(triples, base) if fmt == ox.RdfFormat.TURTLE else None
    return ox.serialize(triples, format=fmt, prefixes=prefixes)


def _solutions_body(variables: list[str], rows: list[list], media: str, base: str) -> bytes:
    """SPARQL JSON written here; the other formats by pyoxigraph from that JSON, so they follow the standards."""
    if media == "text/plain":
        table = [[show_term(term, base) if term is not None else "" for term in row] for row in rows]
        return render_table(variables, table).encode("utf-8")
    document = {
        "head": {"vars": variables},
        "results": {
            "bindings": [
                {name: _json_term(term) for name, term in zip(variables, row, strict=True) if term is not None}
                for row in rows
            ]
        },
    }
    data = json.dumps(document, ensure_ascii=False).encode("utf-8")
    fmt = RESULTS_FORMATS[media]
    if fmt == ox.QueryResultsFormat.JSON:
        return data
    return ox.parse_query_results(data, format=ox.QueryResultsFormat.JSON).serialize(format=fmt)


def _json_term(term: object) -> dict:
    """One RDF term in the SPARQL 1.1 JSON results format."""
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        found: dict[str, str] = {"type": "literal", "value": term.value}
        if term.language:
            found["xml:lang"] = term.language
        elif term.datatype.value not in (XSD_STRING, RDF_LANG_STRING):
            found["datatype"] = term.datatype.value
        return found
    if isinstance(term, ox.Triple):
        parts = {"subject": term.subject, "predicate": term.predicate, "object": term.object}
        return {"type": "triple", "value": {name: _json_term(part) for name, part in parts.items()}}
    raise ValueError(f"Unexpected term in a result: {term!r}")


# ---------------------------------------------------------------------------------------------------------
# The worker processes


def _worker_main(conn: Connection, store_dir: str, base: str, max_results: int) -> None:
    """A worker: open the store read-only, then answer requests until the server closes the pipe."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the server's to handle
    try:
        store = ox.Store.read_only(store_dir)
    except OSError as error:
        conn.send(("failed", str(error)))
        return
    conn.send(("ready", ""))
    while True:
        try:
            request = conn.recv()
        except (EOFError, OSError):
            return
        conn.send(answer(store, request, max_results=max_results, base=base))


class _Worker:
    """One worker process and the pipe to it."""

    def __init__(self, context: multiprocessing.context.BaseContext, store_dir: str, base: str, max_results: int):
        self.conn, child = context.Pipe()
        self.process = context.Process(
            target=_worker_main, args=(child, store_dir, base, max_results), daemon=True, name="kg-serve-worker"
        )
        self.process.start()
        child.close()

    def wait_ready(self, timeout: float) -> None:
        if not self.conn.poll(timeout):
            self.stop()
            raise QueryError(f"a query worker did not start within {timeout:g} s")
        status, detail = self.conn.recv()
        if status != "ready":
            self.stop()
            raise QueryError(f"a query worker could not open the store: {detail}")

    def ask(self, request: QueryRequest, timeout: float) -> Reply | None:
        """The worker's reply, or None when it takes longer than `timeout` (the caller then stops it)."""
        self.conn.send(request)
        if not self.conn.poll(timeout):
            return None
        return self.conn.recv()

    def stop(self) -> None:
        self.process.kill()
        self.process.join(timeout=5)
        self.conn.close()


class WorkerPool:
    """Worker processes over one store; a query that runs too long costs its worker, never the server."""

    def __init__(self, store_dir: str | Path, *, limits: Limits, base: str = DEFAULT_BASE) -> None:
        self.store_dir = str(store_dir)
        self.limits = limits
        self.base = base
        self._context = multiprocessing.get_context("spawn")  # no fork of a threaded server
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._workers: set[_Worker] = set()
        self._lock = threading.Lock()
        self._closed = False

    def start(self) -> None:
        """Start every worker and wait until each has the store open (raises QueryError if one cannot)."""
        workers = [self._new_worker() for _ in range(self.limits.workers)]
        try:
            for worker in workers:
                worker.wait_ready(WORKER_START_TIMEOUT)
        except QueryError:
            self.close()
            raise
        for worker in workers:
            self._idle.put(worker)

    def run(self, request: QueryRequest) -> Reply:
        """Answer `request` in a free worker, within the time limit."""
        timeout = self.limits.timeout
        try:
            worker = self._idle.get(timeout=timeout)
        except queue.Empty:
            return text_reply(
                HTTPStatus.SERVICE_UNAVAILABLE,
                f"busy: all {self.limits.workers} query workers stayed taken for {timeout:g} s; try again",
                [("Retry-After", "5")],
            )
        try:
            reply = worker.ask(request, timeout)
        except (EOFError, OSError):
            self._replace(worker)
            return text_reply(HTTPStatus.INTERNAL_SERVER_ERROR, "the query worker died on this query")
        if reply is None:
            self._replace(worker)
            return text_reply(
                HTTPStatus.SERVICE_UNAVAILABLE,
                f"query timed out after {timeout:g} s (the server's limit, kg serve --timeout); narrow it or add LIMIT",
            )
        self._idle.put(worker)
        return reply

    def close(self) -> None:
        """Stop every worker."""
        with self._lock:
            self._closed = True
            workers, self._workers = list(self._workers), set()
        for worker in workers:
            worker.stop()

    def _new_worker(self) -> _Worker:
        worker = _Worker(self._context, self.store_dir, self.base, self.limits.max_results)
        with self._lock:
            self._workers.add(worker)
        return worker

    def _replace(self, worker: _Worker) -> None:
        """Kill `worker` (pyoxigraph cannot cancel its query) and start another in the background."""
        with self._lock:
            self._workers.discard(worker)
        worker.stop()
        threading.Thread(target=self._start_replacement, daemon=True, name="kg-serve-respawn").start()

    def _start_replacement(self) -> None:
        with self._lock:
            if self._closed:
                return
        worker = self._new_worker()
        try:
            worker.wait_ready(WORKER_START_TIMEOUT)
        except QueryError as error:
            print(f"kg serve: {error}", file=sys.stderr)
            return
        with self._lock:
            if self._closed:
                worker.stop()
                return
        self._idle.put(worker)


# ---------------------------------------------------------------------------------------------------------
# HTTP


class SparqlServer(ThreadingHTTPServer):
    """The HTTP server: one thread per connection, queries handed to the worker pool."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], pool: WorkerPool, *, ontology: bytes, quiet: bool = False):
        super().__init__(address, SparqlHandler)
        self.pool = pool
        self.ontology = ontology
        self.quiet = quiet

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        host = f"[{host}]" if ":" in str(host) else host
        return f"http://{host}:{port}{SPARQL_PATH}"


class SparqlHandler(BaseHTTPRequestHandler):
    """The SPARQL 1.1 Protocol (query operation only) plus a form page and the ontology."""

    server: SparqlServer
    server_version = "kg-serve/1"
    protocol_version = "HTTP/1.1"
    timeout = SOCKET_TIMEOUT

    def do_GET(self) -> None:
        path, params = self._split_target()
        if params is None:
            return
        if path == SPARQL_PATH:
            self._query(params)
        elif path in FORM_PATHS:
            self._send(Reply(HTTPStatus.OK, "text/html; charset=utf-8", _form_page().encode("utf-8")))
        elif path in ONTOLOGY_PATHS:
            self._send(Reply(HTTPStatus.OK, "text/turtle; charset=utf-8", self.server.ontology))
        else:
            self._send(_not_found(path))

    def do_POST(self) -> None:
        path, params = self._split_target()
        if params is None:
            return
        if path in FORM_PATHS or path in ONTOLOGY_PATHS:
            self._send(text_reply(HTTPStatus.METHOD_NOT_ALLOWED, f"{path} only answers GET", [("Allow", "GET")]))
            return
        if path != SPARQL_PATH:
            self._send(_not_found(path))
            return
        body = self._read_body()
        if body is None:
            return
        content_type = self.headers.get_content_type()
        if content_type == UPDATE_TYPE:
            self._send(_refuse_update("an application/sparql-update request"))
        elif content_type == QUERY_TYPE:
            text = _decode(body)
            if text is None:
                self._send(text_reply(HTTPStatus.BAD_REQUEST, "the query is not UTF-8"))
                return
            self._query(params, direct=text)
        elif content_type == FORM_TYPE:
            form = _parse_params(body.decode("latin-1"))
            if form is None:
                self._send(text_reply(HTTPStatus.BAD_REQUEST, "the form is not valid UTF-8 url-encoding"))
                return
            self._query({**params, **form})
        else:
            self._send(
                text_reply(
                    HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
                    f"cannot read a {content_type} body: send {QUERY_TYPE} or {FORM_TYPE} (query=…)",
                )
            )

    def _refuse_method(self) -> None:
        self._send(
            text_reply(
                HTTPStatus.METHOD_NOT_ALLOWED,
                f"{self.command} is not supported: this endpoint is read-only (GET or POST a query)",
                [("Allow", "GET, POST")],
            )
        )

    do_PUT = do_DELETE = do_PATCH = do_OPTIONS = do_HEAD = _refuse_method

    # -- the query operation ----------------------------------------------------------------------------

    def _query(self, params: dict[str, list[str]], direct: str | None = None) -> None:
        if "update" in params:
            self._send(_refuse_update("an update= parameter"))
            return
        queries = [direct] if direct is not None else params.get("query", [])
        if len(queries) != 1:
            hint = f"send exactly one query= parameter (a form to try one is at {FORM_PATHS[0]})"
            self._send(text_reply(HTTPStatus.BAD_REQUEST, f"no query: {hint}" if not queries else hint))
            return
        text = queries[0]
        refusal = _check_query(text, self.server.pool.limits, uri=direct is None and self.command == "GET")
        if refusal is not None:
            self._send(refusal)
            return
        request = QueryRequest(
            query=text,
            accept=self.headers.get("Accept", ""),
            formats=tuple(params.get("format", []) + params.get("output", [])),
            default_graphs=tuple(params.get("default-graph-uri", [])),
            named_graphs=tuple(params.get("named-graph-uri", [])),
        )
        self._send(self.server.pool.run(request))

    # -- reading the request ----------------------------------------------------------------------------

    def _split_target(self) -> tuple[str, dict[str, list[str]] | None]:
        target = urlsplit(self.path)
        params = _parse_params(target.query)
        if params is None:
            self._send(text_reply(HTTPStatus.BAD_REQUEST, "the URL parameters are not valid UTF-8 url-encoding"))
        return target.path, params

    def _read_body(self) -> bytes | None:
        """The request body, or None after answering 411/413 (the connection is then closed unread)."""
        length = self.headers.get("Content-Length")
        if length is None or not length.strip().isdigit():
            self.close_connection = True
            self._send(text_reply(HTTPStatus.LENGTH_REQUIRED, "a POST needs a Content-Length header"))
            return None
        limit = self.server.pool.limits.max_query_bytes * FORM_OVERHEAD + FORM_SLACK_BYTES
        if int(length) > limit:
            self.close_connection = True
            self._send(
                text_reply(
                    HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
                    f"request body too large: {length} bytes (the limit is {limit}; kg serve --max-query-bytes)",
                )
            )
            return None
        return self.rfile.read(int(length))

    # -- writing the answer -----------------------------------------------------------------------------

    def _send(self, reply: Reply) -> None:
        self.send_response(reply.status)
        self.send_header("Content-Type", reply.content_type)
        self.send_header("Content-Length", str(len(reply.body)))
        self.send_header("Vary", "Accept")
        for name, value in reply.headers:
            self.send_header(name, value)
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(reply.body)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """http.server's own errors (malformed request line, headers too long …) in plain text too."""
        self.close_connection = True
        if self.request_version == "HTTP/0.9":  # a garbled request line: answer with a status line anyway
            self.request_version = "HTTP/1.0"
        phrase = message or HTTPStatus(code).phrase
        reply = text_reply(code, f"{phrase}: {explain}" if explain else phrase)
        with contextlib.suppress(OSError):  # the client may be gone already
            self._send(reply)

    def log_message(self, format: str, *args: object) -> None:
        if self.server.quiet:
            return
        line = format % args
        if len(line) > LOG_LINE_CHARS:
            line = line[: LOG_LINE_CHARS - 1] + "…"
        sys.stderr.write(f"{self.address_string()} {line}\n")


def _check_query(text: str, limits: Limits, *, uri: bool) -> Reply | None:
    """Why the server will not run `text` (as a reply), or None when it may."""
    size = len(text.encode("utf-8"))
    if size > limits.max_query_bytes:
        status = HTTPStatus.REQUEST_URI_TOO_LONG if uri else HTTPStatus.REQUEST_ENTITY_TOO_LARGE
        return text_reply(
            status, f"query too long: {size} bytes (the limit is {limits.max_query_bytes}; kg serve --max-query-bytes)"
        )
    if not text.strip():
        return text_reply(HTTPStatus.BAD_REQUEST, "the query is empty")
    keyword = update_keyword(text)
    if keyword is not None:
        return _refuse_update(f"a SPARQL Update ({keyword})")
    if uses_service(text):
        return text_reply(
            HTTPStatus.FORBIDDEN,
            "SERVICE (federated query) is not allowed: this endpoint makes no requests to other hosts",
        )
    return None


def _refuse_update(what: str) -> Reply:
    return text_reply(
        HTTPStatus.FORBIDDEN,
        f"this endpoint is read-only: {what} is not accepted; rebuild with `kg build` to change the graph",
    )


def _not_found(path: str) -> Reply:
    return text_reply(
        HTTPStatus.NOT_FOUND,
        f"nothing at {path}: the SPARQL endpoint is {SPARQL_PATH}, a query form "
        f"is at {FORM_PATHS[0]}, the ontology at {ONTOLOGY_PATHS[0]}",
    )


def _parse_params(query_string: str) -> dict[str, list[str]] | None:
    try:
        return parse_qs(query_string, keep_blank_values=True, encoding="utf-8", errors="strict")
    except (UnicodeDecodeError, ValueError):
        return None


def _decode(body: bytes) -> str | None:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        return None


EXAMPLE_QUERY = """SELECT ?date ?headline WHERE {
  ?article a schema:NewsArticle ; schema:datePublished ?date ; schema:headline ?headline .
  FILTER(lang(?headline) = "zh")
} ORDER BY ?date"""


def _form_page() -> str:
    """A small page with a query form (no scripts, no outside resources)."""
    options = "".join(f'<option value="{name}">{name}</option>' for name in ("json", "table", "csv", "tsv", "xml"))
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>rmrb-kg SPARQL</title>
<style>body{{font:15px/1.4 system-ui,sans-serif;max-width:60em;margin:2em auto;padding:0 1em}}
textarea{{width:100%;height:14em;font:14px monospace}}</style></head>
<body><h1>rmrb-kg SPARQL endpoint</h1>
<p>Read-only SPARQL 1.1 over the People's Daily graph. The prefixes <code>schema:</code>, <code>org:</code>,
<code>rk:</code>, <code>skos:</code>, <code>nif:</code>, <code>person:</code> … are predeclared.
Endpoint: <code>{SPARQL_PATH}</code>; ontology and shapes: <a href="{ONTOLOGY_PATHS[0]}">{ONTOLOGY_PATHS[0]}</a>.</p>
<form action="{SPARQL_PATH}" method="get">
<textarea name="query">{html.escape(EXAMPLE_QUERY)}</textarea>
<p><label>Results as <select name="format">{options}</select></label> <button type="submit">Run</button>
(CONSTRUCT and DESCRIBE answer Turtle)</p></form></body></html>
"""


# ---------------------------------------------------------------------------------------------------------
# Running the server


def serve(
    *,
    store: str | Path | None = None,
    graph: str | Path | None = None,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    limits: Limits = Limits(),
    base: str = DEFAULT_BASE,
    quiet: bool = False,
) -> None:
    """Serve `store` (or `graph`, loaded into a temporary store) until interrupted; raises QueryError if it cannot.

    Prints one line with the endpoint's URL once it answers (with `--port 0`, the port the system chose).
    """
    from kg.export import ontology_turtle

    with tempfile.TemporaryDirectory(prefix="kg-serve-") as scratch:
        store_dir = _store_folder(store, graph, Path(scratch))
        pool = WorkerPool(store_dir, limits=limits, base=base)
        pool.start()
        try:
            server = SparqlServer((host, port), pool, ontology=ontology_turtle().encode("utf-8"), quiet=quiet)
        except OSError as error:
            pool.close()
            raise QueryError(f"cannot listen on {host}:{port}: {error.strerror or error}") from error
        previous = signal.signal(signal.SIGTERM, _stop_on_sigterm)
        try:
            print(f"kg serve: SPARQL endpoint at {server.url} (store {store_dir}); Ctrl-C stops it", flush=True)
            if not _is_loopback(host):
                print(f"kg serve: listening on {host}, so other machines can query it", file=sys.stderr)
            server.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            signal.signal(signal.SIGTERM, previous)
            server.server_close()
            pool.close()


def _store_folder(store: str | Path | None, graph: str | Path | None, scratch: Path) -> str:
    """The on-disk store to serve: `store` itself (checked), or `graph` loaded into one under `scratch`."""
    if graph is not None:
        return str(write_store(graph, scratch / "store"))
    open_store(store=store)  # raises QueryError with the reason when it is not a store
    return str(store)


def _stop_on_sigterm(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


_LOOPBACK = re.compile(r"^(127\.\d+\.\d+\.\d+|::1|localhost)$")


def _is_loopback(host: str) -> bool:
    return bool(_LOOPBACK.match(host))
