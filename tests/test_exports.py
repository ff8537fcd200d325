"""The hand-off files: graph.ttl, graph.trig, graph.nt and graph.jsonld are valid for independent parsers (rapper,
N3.js, pyoxigraph, rdflib), say the same thing, and come out byte-identical on a rebuild; `kg export` writes any of
them from a store or a graph file; ontology.ttl travels with the data; `kg validate` says what is wrong in words.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from kg.cli import main
from kg.export import EXPORT_FILES, ONTOLOGY_DIR, ONTOLOGY_FILE, ONTOLOGY_SOURCES
from kg.pipeline import build
from kg.validate import validate_file

from .conftest import REPO, REQUIRE_ALL, SEEDS, require_tool

ALL_FORMATS = tuple(EXPORT_FILES)
OX_FORMATS = {
    "ttl": ox.RdfFormat.TURTLE,
    "trig": ox.RdfFormat.TRIG,
    "nt": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
}
RAPPER_SYNTAX = {"ttl": "turtle", "trig": "trig", "nt": "ntriples"}
N3JS_FORMAT = {"ttl": "Turtle", "trig": "TriG", "nt": "N-Triples"}
#: A node script: parse a file with N3.js and print how many quads it holds.
N3JS_COUNT = """
const N3 = require('n3');
const fs = require('fs');
const [file, format] = process.argv.slice(1);
const quads = new N3.Parser({ format }).parse(fs.readFileSync(file, 'utf8'));
console.log(quads.length);
"""


@pytest.fixture(scope="module")
def full_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`kg build seeds/ --formats all` (no HTML)."""
    out = tmp_path_factory.mktemp("full-build")
    report = build([SEEDS], out, formats=ALL_FORMATS, html=False)
    assert report.articles == 2 and not report.rejected
    return out


def quads(path: Path, fmt: str) -> set[ox.Quad]:
    return set(ox.parse(path=str(path), format=OX_FORMATS[fmt]))


def triples(path: Path, fmt: str) -> set[ox.Triple]:
    return {ox.Triple(q.subject, q.predicate, q.object) for q in quads(path, fmt)}


# ---------------------------------------------------------------------------------------------------------
# The four files say the same thing, the same way every time


def test_every_format_holds_the_same_triples(full_build: Path) -> None:
    reference = triples(full_build / "graph.ttl", "ttl")
    assert len(reference) > 100
    for fmt in ALL_FORMATS:
        assert triples(full_build / EXPORT_FILES[fmt], fmt) == reference, fmt


def test_trig_and_jsonld_keep_the_named_graphs(full_build: Path) -> None:
    trig = quads(full_build / "graph.trig", "trig")
    names = {q.graph_name.value for q in trig}
    assert {n.rsplit("/", 1)[-1] for n in names} >= {"entities", "rmrb-1959-06-05-p2-6062c0f4"}
    assert quads(full_build / "graph.jsonld", "jsonld") == trig
    dataset = Dataset()
    dataset.parse(full_build / "graph.jsonld", format="json-ld")
    from_rdflib = {str(g.identifier) for g in dataset.graphs() if len(g) and g.identifier != DATASET_DEFAULT_GRAPH_ID}
    assert from_rdflib == names
    assert len(list(dataset.quads((None, None, None, None)))) == len(trig)


def test_jsonld_is_compact_json(full_build: Path) -> None:
    document = json.loads((full_build / "graph.jsonld").read_text(encoding="utf-8"))
    assert document["@context"]["schema"] == "https://schema.org/"
    graphs = {node["@id"]: node["@graph"] for node in document["@graph"]}
    people = [node for node in graphs["graph:entities"] if node["@id"] == "person:liao-shigang"]
    assert people and {"@language": "zh", "@value": "廖世刚"} in people[0]["skos:prefLabel"]


def test_long_texts_keep_their_value_in_trig(full_build: Path) -> None:
    """Indenting the named graphs must not indent the lines of a multi-line literal (the article texts)."""
    text = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#isString"
    in_trig = {t.object.value for t in triples(full_build / "graph.trig", "trig") if t.predicate.value == text}
    in_ttl = {t.object.value for t in triples(full_build / "graph.ttl", "ttl") if t.predicate.value == text}
    assert in_trig == in_ttl and any("\n" in value for value in in_ttl)


def test_rebuilds_are_byte_identical(full_build: Path, tmp_path: Path) -> None:
    build(sorted(SEEDS.iterdir(), reverse=True), tmp_path, formats=ALL_FORMATS, html=False, store=False)
    for name in (*EXPORT_FILES.values(), ONTOLOGY_FILE):
        assert (tmp_path / name).read_bytes() == (full_build / name).read_bytes(), name


def test_n_triples_are_sorted_lines(full_build: Path) -> None:
    lines = (full_build / "graph.nt").read_text(encoding="utf-8").splitlines()
    assert lines == sorted(set(lines)) and len(lines) == len(triples(full_build / "graph.nt", "nt"))


# ---------------------------------------------------------------------------------------------------------
# Independent parsers


@pytest.mark.parametrize("fmt", sorted(RAPPER_SYNTAX))
def test_rapper_parses(full_build: Path, fmt: str) -> None:
    rapper = require_tool("rapper")
    path = full_build / EXPORT_FILES[fmt]
    run = subprocess.run([rapper, "-i", RAPPER_SYNTAX[fmt], "-c", str(path)], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    count = re.search(r"returned (\d+) (?:triples|statements)", run.stderr)
    assert count is not None, run.stderr
    assert int(count[1]) == len(quads(path, fmt))


def _n3js() -> tuple[str, dict[str, str]]:
    """node, and an environment in which `require('n3')` finds the repository's node_modules."""
    node = require_tool("node")
    modules = REPO / "node_modules"
    if not (modules / "n3").is_dir():
        message = "N3.js is not installed: run `npm ci` in the repository (CI does)"
        if REQUIRE_ALL:
            pytest.fail(message)
        pytest.skip(message)
    return node, {**os.environ, "NODE_PATH": str(modules)}


@pytest.mark.parametrize("fmt", sorted(N3JS_FORMAT))
def test_n3js_parses(full_build: Path, fmt: str) -> None:
    node, env = _n3js()
    path = full_build / EXPORT_FILES[fmt]
    run = subprocess.run(
        [node, "-e", N3JS_COUNT, str(path), N3JS_FORMAT[fmt]], capture_output=True, text=True, env=env, cwd=REPO
    )
    assert run.returncode == 0, run.stderr
    assert int(run.stdout) == len(quads(path, fmt))


def test_rdflib_parses(full_build: Path) -> None:
    for fmt, parser in (("ttl", "turtle"), ("nt", "nt")):
        assert len(Graph().parse(full_build / EXPORT_FILES[fmt], format=parser)) == len(
            triples(full_build / "graph.ttl", "ttl")
        )


# ---------------------------------------------------------------------------------------------------------
# kg export


@pytest.mark.parametrize("fmt", ALL_FORMATS)
def test_export_from_the_store_equals_the_build(full_build: Path, tmp_path: Path, fmt: str) -> None:
    """Oxigraph folds xsd:nonNegativeInteger into xsd:integer; the export gives the offsets their type back."""
    out = tmp_path / EXPORT_FILES[fmt]
    assert main(["export", "--format", fmt, "--store", str(full_build / "store"), "--out", str(out)]) == 0
    assert out.read_bytes() == (full_build / EXPORT_FILES[fmt]).read_bytes()


def test_export_from_a_graph_file_to_stdout(full_build: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["export", "--format", "nt", "--graph", str(full_build / "graph.jsonld")]) == 0
    assert capsys.readouterr().out == (full_build / "graph.nt").read_text(encoding="utf-8")
    assert main(["export", "--format", "trig", "--graph", str(full_build / "graph.trig")]) == 0
    assert capsys.readouterr().out == (full_build / "graph.trig").read_text(encoding="utf-8")


def test_export_of_triples_without_graphs(full_build: Path, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    """A Turtle file has only a default graph: TriG and JSON-LD then hold plain triples, not a made-up graph."""
    for fmt in ("trig", "jsonld"):
        out = tmp_path / EXPORT_FILES[fmt]
        assert main(["export", "--format", fmt, "--graph", str(full_build / "graph.ttl"), "--out", str(out)]) == 0
        found = quads(out, fmt)
        assert {q.graph_name for q in found} == {ox.DefaultGraph()}
        assert {ox.Triple(q.subject, q.predicate, q.object) for q in found} == triples(full_build / "graph.ttl", "ttl")


def test_export_reports_a_missing_source(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["export", "--format", "ttl", "--store", str(tmp_path / "nope")]) == 2
    assert "no store here" in capsys.readouterr().err
    assert main(["export", "--format", "ttl", "--graph", str(tmp_path / "nope.ttl")]) == 2
    assert "no such graph file" in capsys.readouterr().err


def test_build_formats_option(tmp_path: Path) -> None:
    assert main(["build", str(SEEDS), "--out", str(tmp_path), "--no-html", "--no-store", "--formats", "nt,jsonld"]) == 0
    written = sorted(p.name for p in tmp_path.iterdir())
    assert written == ["graph.jsonld", "graph.nt", ONTOLOGY_FILE, "translation-check.tsv"]  # the seeds are bilingual


# ---------------------------------------------------------------------------------------------------------
# The ontology travels with the data


def test_ontology_travels_with_the_data(full_build: Path) -> None:
    path = full_build / ONTOLOGY_FILE
    together = Graph().parse(path, format="turtle")
    apart = Graph()
    for name in ONTOLOGY_SOURCES:
        apart.parse(ONTOLOGY_DIR / name, format="turtle")
    assert isomorphic(together, apart)
    assert len(list(ox.parse(path=str(path), format=ox.RdfFormat.TURTLE))) == len(apart)
    assert "sh:NodeShape" in path.read_text(encoding="utf-8")


def test_ontology_parses_with_rapper(full_build: Path) -> None:
    rapper = require_tool("rapper")
    run = subprocess.run(
        [rapper, "-i", "turtle", "-c", str(full_build / ONTOLOGY_FILE)], capture_output=True, text=True
    )
    assert run.returncode == 0, run.stderr


# ---------------------------------------------------------------------------------------------------------
# kg validate in plain words


def _broken(full_build: Path, tmp_path: Path) -> Path:
    text = (full_build / "graph.ttl").read_text(encoding="utf-8")
    broken = text.replace(
        'schema:datePublished "1959-06-05"^^xsd:date',
        'schema:datePublished "1959-06-05"^^xsd:date, "1959-06-06"^^xsd:date',
    )
    broken = broken.replace('dcterms:language "zh"', 'dcterms:language "fr"', 1)
    broken += "\n<https://w3id.org/rmrb-kg/id/period/1959-Q9> a <https://w3id.org/rmrb-kg/ontology#Period> .\n"
    assert broken.count("1959-06-06") == 1 and '"fr"' in broken
    path = tmp_path / "broken.ttl"
    path.write_text(broken, encoding="utf-8")
    return path


def test_validate_names_each_problem_in_words(full_build: Path, tmp_path: Path) -> None:
    report = validate_file(_broken(full_build, tmp_path))
    assert not report.conforms
    assert (
        "article rmrb-1959-06-05-p2-6062c0f4: An article has exactly one publication date, an xsd:date. "
        "(schema:datePublished; found 2: 1959-06-05, 1959-06-06)"
    ) in report.problems
    assert any(p.startswith("zh text of article ") and "(dcterms:language; found fr)" in p for p in report.problems)
    assert "period 1959-Q9: Needs at least 1 time:hasBeginning/time:inXSDDate." in report.problems
    assert all("http" not in problem for problem in report.problems)


def test_validate_cli(full_build: Path, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["validate", str(full_build / "graph.ttl")]) == 0
    assert capsys.readouterr().out.strip() == "conforms"
    assert main(["validate", str(_broken(full_build, tmp_path))]) == 1
    captured = capsys.readouterr()
    assert captured.out.strip() == "4 violations"
    assert "article rmrb-1959-06-05-p2-6062c0f4: An article has exactly one publication date" in captured.err


def test_cli_knows_every_export_format() -> None:
    from kg.cli import EXPORT_FORMATS

    assert EXPORT_FORMATS == ALL_FORMATS
