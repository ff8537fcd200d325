"""The competency queries (queries/*.rq): each parses, runs on the seed build with `kg query`, gives the same answer
on a real triple store (the `oxigraph` server, loaded with graph.ttl over HTTP), and answers its question.

Questions (a)–(d) and (g) are checked for the facts the seed articles state (names, numbers, periods, sentences;
not IRIs or row counts, which follow extraction details) and for their exact answers on a small hand-written
graph in the build's layout (MINI_GRAPH); (e) and (f) against the same answer computed independently with rdflib;
(g) also against the article texts themselves: the quoted words and sentence are the text at the given offsets.
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Dataset, URIRef
from rdflib.namespace import DCTERMS, SKOS

from kg.cli import main
from kg.namespaces import ITSRDF, NIF, RK

from .conftest import REPO, SEEDS, require_tool

QUERIES = REPO / "queries"
#: Every competency query, the historian's question it answers (its first comment line) and its columns.
COMPETENCY = {
    "members-of-units.rq": (
        "(a)",
        [
            "person",
            "personName",
            "unit",
            "unitName",
            "parent",
            "parentName",
            "factory",
            "factoryName",
            "evidence",
            "sentence",
            "article",
        ],
    ),
    "emulation-models.rq": (
        "(b)",
        [
            "model",
            "modelKind",
            "modelName",
            "campaign",
            "campaignName",
            "launchedBy",
            "launcherName",
            "sentence",
            "article",
        ],
    ),
    "figures-for-a-unit.rq": (
        "(c)",
        [
            "unit",
            "unitName",
            "person",
            "personName",
            "measured",
            "qualifier",
            "value",
            "unitText",
            "period",
            "periodStart",
            "periodEnd",
            "printed",
            "sentence",
            "article",
        ],
    ),
    "campaigns-in-a-quarter.rq": (
        "(d)",
        ["campaign", "campaignName", "campaignNameEn", "basis", "start", "end", "article"],
    ),
    "names-by-language.rq": (
        "(e)",
        ["entity", "kind", "lang", "preferred", "variants", "writtenInTexts", "mentions"],
    ),
    "missing-from-translation.rq": (
        "(f)",
        ["article", "date", "entity", "kind", "englishLabel", "chineseWritten", "chineseMentions"],
    ),
    "fact-with-evidence.rq": (
        "(g)",
        [
            "subject",
            "subjectName",
            "predicate",
            "object",
            "objectName",
            "article",
            "date",
            "lang",
            "evidence",
            "evidenceBegin",
            "evidenceEnd",
            "sentence",
            "sentenceBegin",
            "sentenceEnd",
        ],
    ),
}
#: GROUP_CONCAT joins with this; SPARQL leaves the order of the parts open, so comparisons sort them.
CONCAT_SEPARATOR = " | "
#: Seconds a server started by a test may take to answer.
STARTUP_SECONDS = 60.0

ID = "https://w3id.org/rmrb-kg/id/"


# ---------------------------------------------------------------------------------------------------------
# Helpers (test_serve.py uses them too)


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_answers(url: str, process: subprocess.Popen, log: Path) -> None:
    """Poll `url` until it answers (any HTTP status), failing with the server's log if it exits or never does."""
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"the server exited with {process.returncode}:\n{log.read_text(errors='replace')}")
        try:
            urllib.request.urlopen(url, timeout=5).close()
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.1)
    pytest.fail(f"the server did not answer {url} within {STARTUP_SECONDS:g} s:\n{log.read_text(errors='replace')}")


def stop(process: subprocess.Popen) -> None:
    """Terminate a server started by a test, and kill it if it does not stop."""
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=15)


def oxigraph_binary() -> str:
    """The `oxigraph` server of the pip package (beside this Python), else one on PATH."""
    beside = Path(sys.executable).with_name("oxigraph")
    return str(beside) if beside.is_file() else require_tool("oxigraph")


def http(url: str, *, data: bytes | None = None, headers: dict[str, str] | None = None) -> tuple[int, str, bytes]:
    """(status, content type, body) of one request; HTTP errors are returned, not raised."""
    request = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.headers.get("Content-Type", ""), response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Content-Type", ""), error.read()


def sparql_over_http(endpoint: str, query: str) -> dict:
    """SPARQL JSON results of POSTing `query` (application/sparql-query) to `endpoint`."""
    status, _, body = http(
        endpoint,
        data=query.encode("utf-8"),
        headers={"Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"},
    )
    assert status == 200, body.decode("utf-8", "replace")
    return json.loads(body)


def kg_query_json(query_file: Path, *where: str, capsys: pytest.CaptureFixture) -> dict:
    """`kg query FILE --format json` (with `--store DIR` or `--graph FILE`) as parsed SPARQL JSON."""
    capsys.readouterr()
    status = main(["query", str(query_file), *where, "--format", "json"])
    captured = capsys.readouterr()
    assert status == 0, captured.err
    return json.loads(captured.out)


def normalised(results: dict) -> tuple[list[str], list[tuple]]:
    """Columns and the sorted rows of SPARQL JSON, each cell (type, value, language or datatype)."""
    columns = results["head"]["vars"]
    rows = []
    for binding in results["results"]["bindings"]:
        row = []
        for column in columns:
            cell = binding.get(column)
            if cell is None:
                row.append(None)
                continue
            value = cell["value"]
            if CONCAT_SEPARATOR in value:
                value = CONCAT_SEPARATOR.join(sorted(value.split(CONCAT_SEPARATOR)))
            row.append((cell["type"], value, cell.get("xml:lang") or cell.get("datatype")))
        rows.append(tuple(row))
    return columns, sorted(rows, key=repr)


def values(results: dict, *columns: str) -> set[tuple]:
    """The rows of SPARQL JSON as tuples of plain values (None where unbound)."""
    return {
        tuple(binding[c]["value"] if c in binding else None for c in columns)
        for binding in results["results"]["bindings"]
    }


@pytest.fixture(scope="module")
def oxigraph_server(seed_build: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The pip `oxigraph` server on loopback, with graph.ttl loaded into its default graph over HTTP."""
    binary = oxigraph_binary()
    folder = tmp_path_factory.mktemp("oxigraph")
    log = folder / "server.log"
    port = free_port()
    with log.open("wb") as out:
        process = subprocess.Popen(
            [binary, "serve", "--location", str(folder / "db"), "--bind", f"127.0.0.1:{port}"],
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        base = f"http://127.0.0.1:{port}"
        wait_until_answers(f"{base}/query?query=ASK%7B%7D", process, log)
        status, _, body = http(
            f"{base}/store?default",
            data=(seed_build / "graph.ttl").read_bytes(),
            headers={"Content-Type": "text/turtle"},
        )
        assert status in (200, 201, 204), body
        yield f"{base}/query"
    finally:
        stop(process)


# ---------------------------------------------------------------------------------------------------------
# Every query, on the seed build


def test_every_question_has_its_query() -> None:
    assert sorted(p.name for p in QUERIES.glob("*.rq")) == sorted(COMPETENCY)


@pytest.mark.parametrize("name", sorted(COMPETENCY))
def test_query_says_which_question_it_answers(name: str) -> None:
    first = (QUERIES / name).read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith(f"# Historian's question {COMPETENCY[name][0]}: "), first


@pytest.mark.parametrize("name", sorted(COMPETENCY))
def test_query_runs_on_the_seed_build(name: str, seed_build: Path, capsys: pytest.CaptureFixture) -> None:
    results = kg_query_json(QUERIES / name, "--store", str(seed_build / "store"), capsys=capsys)
    assert results["head"]["vars"] == COMPETENCY[name][1]
    assert results["results"]["bindings"], f"{name} has no answer on the seeds"  # the answers: the next section


@pytest.mark.parametrize("name", sorted(COMPETENCY))
def test_query_gives_the_same_answer_in_a_triple_store(
    name: str, seed_build: Path, oxigraph_server: str, capsys: pytest.CaptureFixture
) -> None:
    """The import test: graph.ttl loaded into the oxigraph server answers exactly as `kg query` on the store."""
    ours = kg_query_json(QUERIES / name, "--store", str(seed_build / "store"), capsys=capsys)
    theirs = sparql_over_http(oxigraph_server, (QUERIES / name).read_text(encoding="utf-8"))
    assert normalised(theirs) == normalised(ours)


@pytest.mark.parametrize("name", sorted(COMPETENCY))
def test_query_gives_the_same_answer_from_the_graph_file(
    name: str, seed_build: Path, capsys: pytest.CaptureFixture
) -> None:
    from_store = kg_query_json(QUERIES / name, "--store", str(seed_build / "store"), capsys=capsys)
    from_file = kg_query_json(QUERIES / name, "--graph", str(seed_build / "graph.trig"), capsys=capsys)
    assert normalised(from_file) == normalised(from_store)


# ---------------------------------------------------------------------------------------------------------
# (e) and (f) on the seed build, against the answer computed with rdflib


@pytest.fixture(scope="module")
def seed_graph(seed_build: Path) -> Dataset:
    dataset = Dataset(default_union=True)
    dataset.parse(seed_build / "graph.trig", format="trig")
    return dataset


def _mentions(graph: Dataset) -> list[tuple[URIRef, URIRef, str, str]]:
    """(mention, entity, text, anchor) for every mention in the graph."""
    return [
        (mention, entity, graph.value(mention, NIF.referenceContext), str(graph.value(mention, NIF.anchorOf)))
        for mention, entity in graph.subject_objects(ITSRDF.taIdentRef)
    ]


def test_names_by_language_on_the_seeds(seed_build: Path, seed_graph: Dataset, capsys: pytest.CaptureFixture) -> None:
    results = kg_query_json(QUERIES / "names-by-language.rq", "--store", str(seed_build / "store"), capsys=capsys)
    written: dict[tuple[str, str], set[str]] = defaultdict(set)
    counts: Counter[tuple[str, str]] = Counter()
    for _, entity, text, anchor in _mentions(seed_graph):
        key = (str(entity), str(seed_graph.value(text, DCTERMS.language)))
        written[key].add(anchor)
        counts[key] += 1
    rows = {(r[0], r[1]): r for r in values(results, "entity", "lang", "preferred", "writtenInTexts", "mentions")}
    for key, anchors in written.items():
        assert key in rows, key
        assert set(rows[key][3].split(CONCAT_SEPARATOR)) == anchors
        assert int(rows[key][4]) == counts[key]
    for (entity, lang), row in rows.items():
        labels = {str(o) for o in seed_graph.objects(URIRef(entity), SKOS.prefLabel) if o.language == lang}
        assert {row[2]} == labels or (row[2] is None and not labels)
    liao = rows[(f"{ID}person/liao-shigang", "zh")]
    assert liao[2] == "廖世刚" and "廖世刚" in liao[3].split(CONCAT_SEPARATOR)
    assert rows[(f"{ID}person/liao-shigang", "en")][2] == "Liao Shigang"


def test_missing_from_translation_on_the_seeds(
    seed_build: Path, seed_graph: Dataset, capsys: pytest.CaptureFixture
) -> None:
    results = kg_query_json(
        QUERIES / "missing-from-translation.rq", "--store", str(seed_build / "store"), capsys=capsys
    )
    by_text: dict[URIRef, set[URIRef]] = defaultdict(set)
    mentions_in: Counter[tuple[URIRef, URIRef]] = Counter()
    for _, entity, text, _ in _mentions(seed_graph):
        by_text[text].add(entity)
        mentions_in[(text, entity)] += 1
    expected = {}
    for article, text in seed_graph.subject_objects(RK.text):
        if str(seed_graph.value(text, DCTERMS.language)) != "zh":
            continue
        english = [
            t for t in seed_graph.objects(article, RK.text) if str(seed_graph.value(t, DCTERMS.language)) == "en"
        ]
        if not english:
            continue
        for entity in by_text[text] - by_text[english[0]]:
            expected[(str(article), str(entity))] = str(mentions_in[(text, entity)])
    found = {(r[0], r[1]): r[2] for r in values(results, "article", "entity", "chineseMentions")}
    assert found == expected


# ---------------------------------------------------------------------------------------------------------
# (a)–(d) and (g) on the seed build: the facts the two seed articles state

#: The seed articles' files, where every quoted sentence must be found word for word.
SEED_TEXT = "".join(path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt")))
#: The quarter in campaigns-in-a-quarter.rq's VALUES line (1960-Q2); the tests put another in its place.
QUARTER = '("1960-04-01"^^xsd:date "1960-06-30"^^xsd:date)'


def _seed(name: str, seed_build: Path, capsys: pytest.CaptureFixture) -> dict:
    return kg_query_json(QUERIES / name, "--store", str(seed_build / "store"), capsys=capsys)


def _seed_text(query: str, seed_build: Path, capsys: pytest.CaptureFixture) -> dict:
    """`kg query` with query text (a competency query edited the way its comments say) on the seed build."""
    capsys.readouterr()
    status = main(["query", query, "--store", str(seed_build / "store"), "--format", "json"])
    captured = capsys.readouterr()
    assert status == 0, captured.err
    return json.loads(captured.out)


def _rows(results: dict) -> list[dict[str, str]]:
    """The rows of SPARQL JSON as {column: plain value}, unbound columns left out."""
    return [{c: cell["value"] for c, cell in b.items()} for b in results["results"]["bindings"]]


def test_members_of_units_on_the_seeds(seed_build: Path, capsys: pytest.CaptureFixture) -> None:
    rows = _rows(_seed("members-of-units.rq", seed_build, capsys))
    liao = [r for r in rows if r.get("personName") == "廖世刚"]
    assert liao, rows
    assert {(r["unitName"], r["factoryName"]) for r in liao} == {("重庆建设机床厂", "重庆建设机床厂")}
    assert any("廖世刚" in r.get("evidence", "") and "廖世刚" in r.get("sentence", "") for r in liao), liao
    steel = {r["personName"] for r in rows if r.get("factoryName") == "重庆钢铁公司" and "personName" in r}
    assert {"黄荣昌", "张文金", "马海清"} <= steel
    # the units themselves (no person): 巧姑娘小组 → 二十五车间 → 重庆建设机床厂, each with the sentence naming it
    units = {(r["unitName"], r.get("parentName"), r["factoryName"]): r for r in rows if "person" not in r}
    group = units[("巧姑娘小组", "二十五车间", "重庆建设机床厂")]
    assert "巧姑娘小组" in group["sentence"] and "二十五车间" in group["sentence"]
    assert ("二十五车间", "重庆建设机床厂", "重庆建设机床厂") in units
    assert ("工具科", "长安机器厂", "长安机器厂") in units
    for row in rows:  # every quote is the article's own words
        for column in ("evidence", "sentence"):
            assert row.get(column, "") in SEED_TEXT, row


def test_emulation_models_on_the_seeds(seed_build: Path, capsys: pytest.CaptureFixture) -> None:
    rows = _rows(_seed("emulation-models.rq", seed_build, capsys))
    men = [r for r in rows if "男赶" in r.get("campaignName", "")]
    assert {(r["modelName"], r["modelKind"]) for r in men} >= {("廖世刚", "person"), ("巧姑娘小组", "unit")}
    assert {r.get("launcherName") for r in men} == {"厂党委"}
    assert all("男赶廖世刚" in r["sentence"] and r["sentence"] in SEED_TEXT for r in men), men
    same = [r for r in rows if "一个样" in r.get("campaignName", "")]
    wei = [r for r in same if r["modelName"] == "魏高厚"]
    assert wei and wei[0]["modelKind"] == "person" and wei[0].get("launcherName") == "长安机器厂"
    assert "魏高厚" in wei[0]["sentence"] and wei[0]["sentence"] in SEED_TEXT
    assert {"工具科", "第一车间", "第六车间"} <= {r["modelName"] for r in same if r["modelKind"] == "unit"}
    assert not {r["modelName"] for r in same} & {"廖世刚", "巧姑娘小组"}  # 1959's models are not 1960's


def test_figures_for_a_unit_on_the_seeds(seed_build: Path, capsys: pytest.CaptureFixture) -> None:
    rows = _rows(_seed("figures-for-a-unit.rq", seed_build, capsys))
    columns = ("unitName", "personName", "qualifier", "value", "unitText", "period", "periodStart", "periodEnd")
    found = {tuple(r.get(c) for c in columns): r for r in rows}
    # 廖世刚's figure, counted for his factory: 六十多项 (more than 60) innovations in the first quarter of 1959
    liao = found[("重庆建设机床厂", "廖世刚", "moreThan", "60", "项", "1959-Q1", "1959-01-01", "1959-03-31")]
    assert liao["printed"] == "六十多项" and "技术革新" in liao["measured"] and "廖世刚" in liao["sentence"]
    # 重庆钢铁公司: last year (1958) and this year's first quarter, as the article (June 1959) dates them
    steel = {key[2:]: found[key]["printed"] for key in found if key[0] == "重庆钢铁公司" and key[1] is None}
    assert steel[("moreThan", "110", "个", "1958", "1958-01-01", "1958-12-31")] == "一百一十多个"
    assert steel[("moreThan", "1500", "个", "1958", "1958-01-01", "1958-12-31")] == "一千五百多个"
    assert steel[("about", "100", "个", "1959-Q1", "1959-01-01", "1959-03-31")] == "近百个"
    assert steel[("moreThan", "1000", "人", "1959-Q1", "1959-01-01", "1959-03-31")] == "一千多"
    factory = {(r["qualifier"], r["value"], r.get("unitText")) for r in rows if r["unitName"] == "重庆建设机床厂"}
    assert {("moreThan", "100000", "件"), ("exact", "367", "人"), ("exact", "38", "个")} <= factory
    assert "重庆" not in {r.get("unitName") for r in rows}  # figures about a city are not a unit's
    for row in rows:
        assert row["printed"] in row["sentence"] and row["sentence"] in SEED_TEXT, row
        assert row.get("periodStart", "") <= row.get("periodEnd", ""), row


def test_campaigns_in_a_quarter_on_the_seeds(seed_build: Path, capsys: pytest.CaptureFixture) -> None:
    text = (QUERIES / "campaigns-in-a-quarter.rq").read_text(encoding="utf-8")
    assert QUARTER in text
    q1 = _rows(_seed_text(text.replace(QUARTER, '("1959-01-01"^^xsd:date "1959-03-31"^^xsd:date)'), seed_build, capsys))
    found = {r["campaignName"]: (r["basis"], r["start"], r["end"]) for r in q1}
    # seed 000 (June 1959): 今年第一季度 … 以攻硫为中心的优质高产运动 … 建立群众性的责任制运动
    for name in ("以攻硫为中心的优质高产运动", "建立群众性的责任制运动"):
        assert found[name] == ("campaign period", "1959-01-01", "1959-03-31"), found
    assert all(start < "1959-04-01" and end >= "1959-01-01" for _, start, end in found.values()), found
    assert not [name for name in found if "一个样" in name or "技术革命" in name], found  # 1960's campaigns
    q2 = _rows(_seed("campaigns-in-a-quarter.rq", seed_build, capsys))  # the file's own quarter, 1960-Q2
    names = {r["campaignName"] for r in q2}
    assert any("一个样" in name for name in names), names
    assert not names & {"以攻硫为中心的优质高产运动", "建立群众性的责任制运动"}
    assert all(r["start"] <= "1960-06-30" and r["end"] >= "1960-04-01" for r in q2), q2


def test_fact_with_evidence_on_the_seeds(seed_build: Path, seed_graph: Dataset, capsys: pytest.CaptureFixture) -> None:
    """The provenance query: each fact's words and sentence are the article's text at the offsets it gives."""
    rows = _rows(_seed("fact-with-evidence.rq", seed_build, capsys))
    texts = {
        (str(article), str(seed_graph.value(text, DCTERMS.language))): str(seed_graph.value(text, NIF.isString))
        for article, text in seed_graph.subject_objects(RK.text)
    }
    for row in rows:
        text = texts[(row["article"], row["lang"])]
        begin, end = int(row["evidenceBegin"]), int(row["evidenceEnd"])
        sentence_begin, sentence_end = int(row["sentenceBegin"]), int(row["sentenceEnd"])
        assert text[begin:end] == row["evidence"], row
        assert text[sentence_begin:sentence_end] == row["sentence"], row
        assert sentence_begin <= begin < sentence_end, row
        # the fact itself is in the article's named graph, graph:<article id>
        article_id = seed_graph.value(URIRef(row["article"]), RK.articleId)
        fact = (URIRef(row["subject"]), URIRef(row["predicate"]), URIRef(row["object"]))
        assert fact in seed_graph.graph(URIRef(f"{ID}graph/{article_id}")), row
    facts = {(r.get("subjectName"), r["predicate"], r.get("objectName")): r for r in rows}
    liao = facts[("廖世刚", "http://www.w3.org/ns/org#memberOf", "重庆建设机床厂")]
    assert (liao["date"], liao["lang"]) == ("1959-06-05", "zh")
    assert "廖世刚" in liao["evidence"] and liao["sentence"] in SEED_TEXT
    assert liao["sentence"].startswith("重庆建设机床厂在今年第一季度里，革新能手廖世刚")
    wei = [r for (s, p, o), r in facts.items() if p.endswith("#emulationTarget") and o == "魏高厚"]
    assert wei and wei[0]["date"] == "1960-04-19" and "魏高厚" in wei[0]["sentence"]
    # the VALUES line, as its comment says: only the facts about 廖世刚, as subject or object
    text = (QUERIES / "fact-with-evidence.rq").read_text(encoding="utf-8").replace("  # VALUES", "  VALUES")
    about_liao = _rows(_seed_text(text, seed_build, capsys))
    assert about_liao and all("廖世刚" in (r.get("subjectName"), r.get("objectName")) for r in about_liao)
    assert {r["predicate"].rsplit("#", 1)[1] for r in about_liao} >= {"memberOf", "emulationTarget"}


# ---------------------------------------------------------------------------------------------------------
# (a)–(d) on a small graph in the build's layout, with relations, campaigns and figures

MINI_GRAPH = """
@prefix article: <https://w3id.org/rmrb-kg/id/article/> .
@prefix campaign: <https://w3id.org/rmrb-kg/id/campaign/> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix graph: <https://w3id.org/rmrb-kg/id/graph/> .
@prefix itsrdf: <http://www.w3.org/2005/11/its/rdf#> .
@prefix nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix organization: <https://w3id.org/rmrb-kg/id/organization/> .
@prefix period: <https://w3id.org/rmrb-kg/id/period/> .
@prefix person: <https://w3id.org/rmrb-kg/id/person/> .
@prefix place: <https://w3id.org/rmrb-kg/id/place/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rk: <https://w3id.org/rmrb-kg/ontology#> .
@prefix schema: <https://schema.org/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix time: <http://www.w3.org/2006/time#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

graph:entities {
    person:liao a schema:Person ; skos:prefLabel "廖世刚"@zh , "Liao Shigang"@en .
    person:wang a schema:Person ; skos:prefLabel "王秀英"@zh , "Wang Xiuying"@en .
    organization:factory a org:Organization , org:FormalOrganization ;
        skos:prefLabel "重庆建设机床厂"@zh , "Chongqing Construction Machine Tool Factory"@en .
    organization:workshop a org:Organization , org:OrganizationalUnit ; skos:prefLabel "二十五车间"@zh ;
        org:unitOf organization:factory .
    organization:group a org:Organization , org:OrganizationalUnit ; skos:prefLabel "巧姑娘小组"@zh ;
        org:subOrganizationOf organization:workshop .
    organization:committee a org:Organization , org:OrganizationalUnit ; skos:prefLabel "厂党委"@zh ;
        org:unitOf organization:factory .
    place:chongqing a schema:Place ; skos:prefLabel "重庆"@zh .
    campaign:men a rk:Campaign ; skos:prefLabel "男赶廖世刚"@zh ;
        rk:emulationTarget person:liao ; rk:launchedBy organization:committee .
    campaign:women a rk:Campaign ; skos:prefLabel "女赶巧姑娘小组"@zh , "Women catch up with the Clever Girls"@en ;
        rk:emulationTarget organization:group .
    campaign:same a rk:Campaign ; skos:prefLabel "一个样运动"@zh ; rk:period period:1960-Q2 .
    campaign:thrift a rk:Campaign ; skos:prefLabel "增产节约运动"@zh ; rk:period period:1959-Q1 .
}

graph:periods {
    period:1959-Q1 a rk:Period ; rk:notation "1959-Q1" ;
        time:hasBeginning period:1959-Q1-start ; time:hasEnd period:1959-Q1-end .
    period:1959-Q1-start time:inXSDDate "1959-01-01"^^xsd:date .
    period:1959-Q1-end time:inXSDDate "1959-03-31"^^xsd:date .
    period:1960-Q2 a rk:Period ; rk:notation "1960-Q2" ;
        time:hasBeginning period:1960-Q2-start ; time:hasEnd period:1960-Q2-end .
    period:1960-Q2-start time:inXSDDate "1960-04-01"^^xsd:date .
    period:1960-Q2-end time:inXSDDate "1960-06-30"^^xsd:date .
}

graph:a1959 {
    article:a1959 a schema:NewsArticle ; schema:datePublished "1959-06-05"^^xsd:date ;
        schema:mentions campaign:men , campaign:same , organization:factory .
    person:liao org:memberOf organization:factory .
    person:wang org:memberOf organization:group .
    <https://w3id.org/rmrb-kg/id/assertion/a1> a rk:Assertion ;
        rdf:subject person:liao ; rdf:predicate org:memberOf ; rdf:object organization:factory ;
        rk:evidence <https://w3id.org/rmrb-kg/id/text/a1959/zh#char=0,9> ; prov:wasDerivedFrom article:a1959 .
    <https://w3id.org/rmrb-kg/id/assertion/a2> a rk:Assertion ;
        rdf:subject person:wang ; rdf:predicate org:memberOf ; rdf:object organization:group ;
        rk:evidence <https://w3id.org/rmrb-kg/id/text/a1959/zh#char=20,28> ; prov:wasDerivedFrom article:a1959 .
    <https://w3id.org/rmrb-kg/id/assertion/a3> a rk:Assertion ;
        rdf:subject campaign:men ; rdf:predicate rk:emulationTarget ; rdf:object person:liao ;
        rk:evidence <https://w3id.org/rmrb-kg/id/text/a1959/zh#char=40,45> ; prov:wasDerivedFrom article:a1959 .
    <https://w3id.org/rmrb-kg/id/text/a1959/zh#char=0,9> a rk:Evidence ; nif:anchorOf "建设机床厂革新能手廖世刚" ;
        nif:sentence <https://w3id.org/rmrb-kg/id/text/a1959/zh#char=0,19> .
    <https://w3id.org/rmrb-kg/id/text/a1959/zh#char=20,28> a rk:Evidence ; nif:anchorOf "巧姑娘小组的王秀英" ;
        nif:sentence <https://w3id.org/rmrb-kg/id/text/a1959/zh#char=20,39> .
    organization:group org:subOrganizationOf organization:workshop .
    <https://w3id.org/rmrb-kg/id/assertion/a4> a rk:Assertion ;
        rdf:subject organization:group ; rdf:predicate org:subOrganizationOf ; rdf:object organization:workshop ;
        rk:evidence <https://w3id.org/rmrb-kg/id/text/a1959/zh#char=61,72> ; prov:wasDerivedFrom article:a1959 .
    <https://w3id.org/rmrb-kg/id/text/a1959/zh#char=61,72> a rk:Evidence ; nif:anchorOf "二十五车间的巧姑娘小组" ;
        nif:sentence <https://w3id.org/rmrb-kg/id/text/a1959/zh#char=61,87> .
    <https://w3id.org/rmrb-kg/id/text/a1959/zh#char=61,87> a nif:Sentence ;
        nif:anchorOf "二十五车间的巧姑娘小组在两个月零七天中完成了全年的工作量。" .
    <https://w3id.org/rmrb-kg/id/text/a1959/zh#char=40,45> a rk:Evidence ; nif:anchorOf "男赶廖世刚" ;
        nif:sentence <https://w3id.org/rmrb-kg/id/text/a1959/zh#char=40,60> .
    <https://w3id.org/rmrb-kg/id/text/a1959/zh#char=0,19> a nif:Sentence ;
        nif:anchorOf "重庆建设机床厂革新能手廖世刚连续实现六十多项重大技术革新。" .
    <https://w3id.org/rmrb-kg/id/text/a1959/zh#char=20,39> a nif:Sentence ;
        nif:anchorOf "巧姑娘小组的王秀英提前完成任务。" .
    <https://w3id.org/rmrb-kg/id/text/a1959/zh#char=40,60> a nif:Sentence ;
        nif:anchorOf "厂党委号召全厂职工展开一个男赶廖世刚的竞赛运动。" .
    <https://w3id.org/rmrb-kg/id/observation/a1959-zh-12-16> a schema:Observation , rk:ReportedFigure ;
        schema:observationAbout organization:factory ; schema:value 60 ; schema:minValue 60 ;
        rk:qualifier rk:moreThan ; schema:unitText "项" ; schema:variableMeasured "重大技术革新"@zh ;
        rk:surface "六十多项"@zh ; rk:period period:1959-Q1 ; prov:wasDerivedFrom article:a1959 ;
        rk:evidence <https://w3id.org/rmrb-kg/id/text/a1959/zh#char=0,9> .
    <https://w3id.org/rmrb-kg/id/observation/a1959-zh-24-26> a schema:Observation , rk:ReportedFigure ;
        schema:observationAbout person:wang ; schema:value 7 ; rk:qualifier rk:exact ; schema:unitText "天" ;
        schema:variableMeasured "提前完成任务"@zh ; rk:surface "七天"@zh ; prov:wasDerivedFrom article:a1959 .
    <https://w3id.org/rmrb-kg/id/observation/a1959-zh-70-75> a schema:Observation ;
        schema:observationAbout place:chongqing ; schema:value 78000 ; rk:qualifier rk:moreThan ;
        prov:wasDerivedFrom article:a1959 .
}

graph:a1960 {
    article:a1960 a schema:NewsArticle ; schema:datePublished "1960-04-19"^^xsd:date ;
        schema:mentions campaign:women , campaign:thrift .
}
"""


@pytest.fixture(scope="module")
def mini_graph(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("mini") / "mini.trig"
    path.write_text(MINI_GRAPH, encoding="utf-8")
    return path


def _mini(name: str, mini_graph: Path, capsys: pytest.CaptureFixture) -> dict:
    results = kg_query_json(QUERIES / name, "--graph", str(mini_graph), capsys=capsys)
    assert results["head"]["vars"] == COMPETENCY[name][1]
    return results


def test_members_of_units_answers(mini_graph: Path, capsys: pytest.CaptureFixture) -> None:
    results = _mini("members-of-units.rq", mini_graph, capsys)
    columns = ("personName", "unitName", "parentName", "factoryName", "evidence", "sentence", "article")
    assert values(results, *columns) == {
        (
            "廖世刚",
            "重庆建设机床厂",
            None,
            "重庆建设机床厂",
            "建设机床厂革新能手廖世刚",
            "重庆建设机床厂革新能手廖世刚连续实现六十多项重大技术革新。",
            f"{ID}article/a1959",
        ),
        (
            "王秀英",
            "巧姑娘小组",
            "二十五车间",
            "重庆建设机床厂",
            "巧姑娘小组的王秀英",
            "巧姑娘小组的王秀英提前完成任务。",
            f"{ID}article/a1959",
        ),
        # the units themselves: with the sentence that says so where an article does, else from graph:entities
        (
            None,
            "巧姑娘小组",
            "二十五车间",
            "重庆建设机床厂",
            "二十五车间的巧姑娘小组",
            "二十五车间的巧姑娘小组在两个月零七天中完成了全年的工作量。",
            f"{ID}article/a1959",
        ),
        (None, "二十五车间", "重庆建设机床厂", "重庆建设机床厂", None, None, None),
        (None, "厂党委", "重庆建设机床厂", "重庆建设机床厂", None, None, None),
    }


def test_emulation_models_answers(mini_graph: Path, capsys: pytest.CaptureFixture) -> None:
    results = _mini("emulation-models.rq", mini_graph, capsys)
    assert values(results, "modelName", "modelKind", "campaignName", "launcherName", "sentence") == {
        ("廖世刚", "person", "男赶廖世刚", "厂党委", "厂党委号召全厂职工展开一个男赶廖世刚的竞赛运动。"),
        ("巧姑娘小组", "unit", "女赶巧姑娘小组", None, None),
    }


def test_figures_for_a_unit_answers(mini_graph: Path, capsys: pytest.CaptureFixture) -> None:
    results = _mini("figures-for-a-unit.rq", mini_graph, capsys)
    columns = (
        "unitName",
        "personName",
        "measured",
        "qualifier",
        "value",
        "unitText",
        "period",
        "periodStart",
        "periodEnd",
        "printed",
    )
    assert values(results, *columns) == {
        (
            "重庆建设机床厂",
            None,
            "重大技术革新",
            "moreThan",
            "60",
            "项",
            "1959-Q1",
            "1959-01-01",
            "1959-03-31",
            "六十多项",
        ),
        ("巧姑娘小组", "王秀英", "提前完成任务", "exact", "7", "天", None, None, None, "七天"),  # one of its people
    }  # the figure about a place (重庆) is not a unit's


def test_campaigns_in_a_quarter_answers(mini_graph: Path, capsys: pytest.CaptureFixture) -> None:
    results = _mini("campaigns-in-a-quarter.rq", mini_graph, capsys)
    assert values(results, "campaignName", "basis", "start", "end", "article") == {
        ("一个样运动", "campaign period", "1960-04-01", "1960-06-30", None),
        ("女赶巧姑娘小组", "article date", "1960-04-19", "1960-04-19", f"{ID}article/a1960"),
    }  # 男赶廖世刚 was mentioned in 1959 only; 增产节约运动's own period (1959-Q1) outranks its 1960 mention


def test_queries_need_no_predeclared_prefixes(mini_graph: Path, capsys: pytest.CaptureFixture) -> None:
    """Each query declares its own prefixes, so it runs unchanged in any store (here: plain pyoxigraph)."""
    import pyoxigraph as ox

    store = ox.Store()
    store.load(path=str(mini_graph), format=ox.RdfFormat.TRIG)
    for name in ("members-of-units.rq", "emulation-models.rq", "figures-for-a-unit.rq", "campaigns-in-a-quarter.rq"):
        text = (QUERIES / name).read_text(encoding="utf-8")
        plain = json.loads(
            store.query(text, use_default_graph_as_union=True).serialize(format=ox.QueryResultsFormat.JSON)
        )
        assert normalised(plain) == normalised(_mini(name, mini_graph, capsys)), name
