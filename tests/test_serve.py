"""`kg serve` as a client sees it: a real server process on a free port, queried with SPARQLWrapper and raw HTTP.

It answers GET and POST in JSON, CSV, TSV, XML and Turtle; refuses updates, huge, garbage and runaway queries with
clear HTTP errors; and still answers a normal query afterwards. Content negotiation and the reply bodies are
also checked in-process, where they are quick to vary.
"""

from __future__ import annotations

import csv
import io
import json
import re
import selectors
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph
from SPARQLWrapper import CSV, JSON, POST, POSTDIRECTLY, TSV, TURTLE, XML, SPARQLWrapper

from kg.serve import GRAPH_ALIASES, GRAPH_TYPES, SOLUTION_ALIASES, SOLUTION_TYPES, QueryRequest, answer, negotiate

from .test_queries import (
    COMPETENCY,
    QUERIES,
    STARTUP_SECONDS,
    http,
    kg_query_json,
    normalised,
    stop,
    wait_until_answers,
)

HEADLINES = (
    "SELECT ?date ?headline WHERE { ?a a schema:NewsArticle ; schema:datePublished ?date ; "
    'schema:headline ?headline . FILTER(lang(?headline) = "zh") } ORDER BY ?date'
)
#: A query no store can finish: a four-way cross product of every triple.
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
#: The limits the test server runs with (small, so the tests can reach them quickly).
TIMEOUT_SECONDS = 2
MAX_RESULTS = 100
MAX_QUERY_BYTES = 8192


def start_server(*source: str, folder: Path, extra: tuple[str, ...] = ()) -> tuple[subprocess.Popen, str]:
    """`kg serve SOURCE --port 0`; returns the process and the endpoint URL it prints once it listens."""
    log = folder / "serve.log"
    command = [sys.executable, "-m", "kg.cli", "serve", *source, "--port", "0", *extra]
    with log.open("wb") as err:
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=err)
    url = _printed_url(process, log)
    wait_until_answers(url.removesuffix("/sparql") + "/", process, log)
    return process, url


def _printed_url(process: subprocess.Popen, log: Path) -> str:
    selector = selectors.DefaultSelector()
    selector.register(process.stdout, selectors.EVENT_READ)
    deadline = time.monotonic() + STARTUP_SECONDS
    line = b""
    while time.monotonic() < deadline and not line.endswith(b"\n"):
        if not selector.select(timeout=0.5):
            if process.poll() is not None:
                break
            continue
        chunk = process.stdout.read1(4096)
        if not chunk:
            break
        line += chunk
    found = re.search(rb"http://\S+/sparql", line)
    if found is None:
        stop(process)
        pytest.fail(f"kg serve printed no URL ({line!r}):\n{log.read_text(errors='replace')}")
    return found[0].decode()


@pytest.fixture(scope="module")
def endpoint(seed_build: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("serve")
    limits = ("--timeout", str(TIMEOUT_SECONDS), "--max-results", str(MAX_RESULTS))
    process, url = start_server(
        "--store", str(seed_build / "store"), folder=folder, extra=(*limits, "--max-query-bytes", str(MAX_QUERY_BYTES))
    )
    try:
        yield url
    finally:
        stop(process)


def client(url: str, query: str, fmt: str, *, method: str | None = None) -> SPARQLWrapper:
    wrapper = SPARQLWrapper(url)
    wrapper.setQuery(query)
    wrapper.setReturnFormat(fmt)
    if method == POSTDIRECTLY:
        wrapper.setMethod(POST)
        wrapper.setRequestMethod(POSTDIRECTLY)
    elif method is not None:
        wrapper.setMethod(method)
    return wrapper


def headlines_of(results: dict) -> list[tuple[str, str]]:
    return [(b["date"]["value"], b["headline"]["value"]) for b in results["results"]["bindings"]]


SEED_HEADLINES = [
    ("1959-06-05", "重庆钢铁公司和建设机床厂树立标兵带动全面  先进人物先进集体不断涌现"),
    ("1960-04-19", "重庆开展“和先进水平一个样”运动  全市实现的重大革新项目迅猛增加　七万八千多人赶上先进水平"),
]


# ---------------------------------------------------------------------------------------------------------
# SPARQLWrapper, GET and POST, every format


def test_get_json(endpoint: str) -> None:
    assert headlines_of(client(endpoint, HEADLINES, JSON).queryAndConvert()) == SEED_HEADLINES


def test_post_form_and_post_direct_json(endpoint: str) -> None:
    assert headlines_of(client(endpoint, HEADLINES, JSON, method=POST).queryAndConvert()) == SEED_HEADLINES
    assert headlines_of(client(endpoint, HEADLINES, JSON, method=POSTDIRECTLY).queryAndConvert()) == SEED_HEADLINES


def test_csv_and_tsv(endpoint: str) -> None:
    rows = list(csv.reader(io.StringIO(client(endpoint, HEADLINES, CSV).queryAndConvert().decode("utf-8"))))
    assert rows == [["date", "headline"], *[list(row) for row in SEED_HEADLINES]]
    tsv = client(endpoint, HEADLINES, TSV, method=POST).queryAndConvert().decode("utf-8").splitlines()
    assert tsv[0] == "?date\t?headline"
    assert tsv[1].startswith('"1959-06-05"^^<http://www.w3.org/2001/XMLSchema#date>\t"重庆钢铁公司')


def test_xml(endpoint: str) -> None:
    document = client(endpoint, HEADLINES, XML).queryAndConvert()
    assert [node.firstChild.data for node in document.getElementsByTagName("literal")][1] == SEED_HEADLINES[0][1]


def test_construct_as_turtle(endpoint: str) -> None:
    query = "CONSTRUCT { ?p skos:prefLabel ?name } WHERE { ?p a schema:Person ; skos:prefLabel ?name }"
    graph = client(endpoint, query, TURTLE).queryAndConvert()
    if isinstance(graph, bytes):
        graph = Graph().parse(data=graph.decode("utf-8"), format="turtle")
    labels = {str(o) for o in graph.objects()}
    assert "廖世刚" in labels and "Liao Shigang" in labels


def test_construct_as_n_triples_and_ask(endpoint: str) -> None:
    query = urllib.parse.quote("CONSTRUCT WHERE { ?s a schema:Place }")
    status, content_type, body = http(f"{endpoint}?query={query}", headers={"Accept": "application/n-triples"})
    assert status == 200 and content_type.startswith("application/n-triples")
    assert len(list(ox.parse(body, format=ox.RdfFormat.N_TRIPLES))) == body.count(b"\n") > 0
    assert client(endpoint, "ASK { ?s a schema:NewsArticle }", JSON).queryAndConvert()["boolean"] is True


def test_competency_queries_answer_as_kg_query(endpoint: str, seed_build: Path, capsys: pytest.CaptureFixture) -> None:
    for name in sorted(COMPETENCY):
        text = (QUERIES / name).read_text(encoding="utf-8")
        served = client(endpoint, text, JSON, method=POST).queryAndConvert()
        assert normalised(served) == normalised(
            kg_query_json(QUERIES / name, "--store", str(seed_build / "store"), capsys=capsys)
        ), name


# ---------------------------------------------------------------------------------------------------------
# Refusals: each a clear HTTP error, and the server goes on serving


def _get(endpoint: str, query: str, **params: str) -> tuple[int, str, bytes]:
    return http(f"{endpoint}?{urllib.parse.urlencode({'query': query, **params})}")


def test_updates_are_refused(endpoint: str) -> None:
    update = "INSERT DATA { <urn:a> <urn:b> <urn:c> }"
    with pytest.raises(urllib.error.HTTPError) as refused:
        client(endpoint, update, JSON, method=POST).query()  # SPARQLWrapper sends update=…
    assert refused.value.code == 403
    for status, _, body in (
        http(endpoint, data=update.encode(), headers={"Content-Type": "application/sparql-update"}),
        _get(endpoint, update),
        http(endpoint, data=urllib.parse.urlencode({"query": "DELETE WHERE { ?s ?p ?o }"}).encode()),
    ):
        assert status == 403 and b"read-only" in body, body
    assert client(endpoint, "ASK { ?s ?p ?o }", JSON).queryAndConvert()["boolean"] is True


def test_huge_queries_are_refused(endpoint: str) -> None:
    huge = "SELECT * WHERE { ?s ?p ?o } # " + "x" * (MAX_QUERY_BYTES * 4)
    status, content_type, body = http(
        endpoint, data=huge.encode(), headers={"Content-Type": "application/sparql-query"}
    )
    assert status == 413 and content_type.startswith("text/plain") and b"too large" in body
    almost = "SELECT * WHERE { ?s ?p ?o } LIMIT 1 # " + "x" * MAX_QUERY_BYTES
    status, _, body = http(endpoint, data=almost.encode(), headers={"Content-Type": "application/sparql-query"})
    assert status == 413 and b"query too long" in body
    assert _get(endpoint, almost)[0] == 414
    assert http(f"{endpoint}?query={'x' * 70_000}")[0] == 414  # longer than any request line http.server reads


def test_garbage_is_refused(endpoint: str) -> None:
    status, _, body = _get(endpoint, "SELECT ?x WHERE { ?x ?y }")
    assert status == 400 and b"bad query: syntax error at line 1 column 19" in body
    assert _get(endpoint, "")[0] == 400
    assert http(endpoint)[0] == 400  # no query at all
    assert http(endpoint, data=b"\xff\xfe", headers={"Content-Type": "application/sparql-query"})[0] == 400
    assert http(endpoint, data=b"query=1", headers={"Content-Type": "image/png"})[0] == 415
    assert http(endpoint.removesuffix("/sparql") + "/nothing-here")[0] == 404
    status, _, _ = http(endpoint, data=b"", headers={"Content-Type": "application/sparql-query"})
    assert status == 400
    with socket.create_connection(_address(endpoint)) as raw:
        raw.sendall(b"\x00\x01\x02 not http at all\r\n\r\n")
        assert re.match(rb"HTTP/1\.[01] 400 ", raw.recv(100))
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(urllib.request.Request(endpoint, method="DELETE"), timeout=10)
    assert refused.value.code == 405 and refused.value.headers["Allow"] == "GET, POST"
    assert client(endpoint, HEADLINES, JSON).queryAndConvert()["results"]["bindings"]


def _address(endpoint: str) -> tuple[str, int]:
    parts = urllib.parse.urlsplit(endpoint)
    return parts.hostname, parts.port


def test_unacceptable_accept_header(endpoint: str) -> None:
    status, _, body = http(f"{endpoint}?query=ASK%7B%7D", headers={"Accept": "image/png"})
    assert status == 406 and b"application/sparql-results+json" in body


def test_runaway_query_times_out_and_the_server_goes_on(endpoint: str) -> None:
    status, _, body = _get(endpoint, RUNAWAY)
    assert status == 503 and b"timed out" in body
    assert headlines_of(client(endpoint, HEADLINES, JSON).queryAndConvert()) == SEED_HEADLINES
    status, _, _ = _get(endpoint, RUNAWAY)  # the replacement worker is killed as well, and replaced again
    assert status == 503
    assert headlines_of(client(endpoint, HEADLINES, JSON, method=POST).queryAndConvert()) == SEED_HEADLINES


def test_result_size_limit(endpoint: str) -> None:
    status, _, body = _get(endpoint, "SELECT * WHERE { ?s ?p ?o }")
    assert status == 422 and f"more than {MAX_RESULTS} rows".encode() in body
    status, _, body = _get(endpoint, "CONSTRUCT WHERE { ?s ?p ?o }")
    assert status == 422 and b"triples" in body
    status, _, body = _get(endpoint, f"SELECT * WHERE {{ ?s ?p ?o }} LIMIT {MAX_RESULTS}")
    assert status == 200 and len(json.loads(body)["results"]["bindings"]) == MAX_RESULTS


def test_service_is_refused(endpoint: str) -> None:
    status, _, body = _get(endpoint, "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }")
    assert status == 403 and b"SERVICE" in body


def test_form_page_and_ontology(endpoint: str) -> None:
    root = endpoint.removesuffix("/sparql")
    status, content_type, body = http(root + "/")
    assert status == 200 and content_type.startswith("text/html") and b'action="/sparql"' in body
    status, content_type, body = http(root + "/ontology")
    assert status == 200 and content_type.startswith("text/turtle")
    assert len(list(ox.parse(body, format=ox.RdfFormat.TURTLE))) > 100


def test_serving_a_graph_file(seed_build: Path, tmp_path: Path) -> None:
    process, url = start_server("--graph", str(seed_build / "graph.trig"), folder=tmp_path, extra=("--workers", "1"))
    try:
        assert headlines_of(client(url, HEADLINES, JSON).queryAndConvert()) == SEED_HEADLINES
    finally:
        stop(process)


def test_missing_store_is_reported(tmp_path: Path) -> None:
    run = subprocess.run(
        [sys.executable, "-m", "kg.cli", "serve", "--store", str(tmp_path / "nope"), "--port", "0"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 2 and "no store here" in run.stderr


# ---------------------------------------------------------------------------------------------------------
# In-process: negotiation and reply bodies


@pytest.mark.parametrize(
    ("accept", "formats", "expected"),
    [
        ("", (), "application/sparql-results+json"),
        ("*/*", (), "application/sparql-results+json"),
        ("text/csv", (), "text/csv"),
        ("text/*;q=0.5, application/sparql-results+xml", (), "application/sparql-results+xml"),
        ("text/csv;q=0.2, text/tab-separated-values;q=0.9", (), "text/tab-separated-values"),
        ("application/sparql-results+json;q=0, text/*", (), "text/csv"),
        ("image/png", (), None),
        ("image/png", ("tsv",), "text/tab-separated-values"),
        ("text/csv", ("nonsense", "json"), "application/sparql-results+json"),
    ],
)
def test_negotiate_solutions(accept: str, formats: tuple[str, ...], expected: str | None) -> None:
    assert negotiate(SOLUTION_TYPES, accept, formats, SOLUTION_ALIASES) == expected


def test_negotiate_graphs() -> None:
    assert negotiate(GRAPH_TYPES, "", (), GRAPH_ALIASES) == "text/turtle"
    assert negotiate(GRAPH_TYPES, "application/n-triples, */*;q=0.1", (), GRAPH_ALIASES) == "application/n-triples"
    assert negotiate(GRAPH_TYPES, "", ("json",), GRAPH_ALIASES) == "application/ld+json"


def test_answer_bodies_follow_the_standards(seed_build: Path) -> None:
    """Our JSON parses to what the store answers; CSV, TSV and XML are byte for byte pyoxigraph's own."""
    store = ox.Store.read_only(str(seed_build / "store"))
    query = "SELECT ?s ?label ?missing WHERE { ?s skos:prefLabel ?label } ORDER BY ?s ?label"

    def expected() -> ox.QuerySolutions:
        skos = {"skos": "http://www.w3.org/2004/02/skos/core#"}
        return store.query(query, prefixes=skos, use_default_graph_as_union=True)

    reply = answer(store, QueryRequest(query), max_results=MAX_RESULTS)
    assert reply.status == 200 and reply.content_type == "application/sparql-results+json"
    ours = ox.parse_query_results(reply.body, format=ox.QueryResultsFormat.JSON)
    assert [v.value for v in ours.variables] == [v.value for v in expected().variables]
    assert [[str(t) for t in row] for row in ours] == [[str(t) for t in row] for row in expected()]
    for media, fmt in (
        ("text/csv", ox.QueryResultsFormat.CSV),
        ("text/tab-separated-values", ox.QueryResultsFormat.TSV),
        ("application/sparql-results+xml", ox.QueryResultsFormat.XML),
    ):
        reply = answer(store, QueryRequest(query, accept=media), max_results=MAX_RESULTS)
        assert reply.status == 200 and reply.content_type.startswith(media)
        assert reply.body == expected().serialize(format=fmt)
    table = answer(store, QueryRequest(query, formats=("table",)), max_results=MAX_RESULTS)
    assert table.content_type.startswith("text/plain") and re.search("person:liao-shigang +廖世刚", table.body.decode())
