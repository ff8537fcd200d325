"""`kg query` on a real build: table, CSV and JSON output, a query file, and a clear error on a bad query."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.cli import main

HEADLINES = (
    "SELECT ?date ?headline WHERE { ?a a schema:NewsArticle ; schema:datePublished ?date ; "
    'schema:headline ?headline . FILTER(lang(?headline) = "zh") } ORDER BY ?date'
)


def test_table_from_the_store(seed_build: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["query", HEADLINES, "--store", str(seed_build / "store")]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["date", "headline"]
    assert lines[2].startswith("1959-06-05  重庆钢铁公司和建设机床厂树立标兵带动全面")
    assert len(lines) == 4


def test_json_and_csv_from_a_graph_file(seed_build: Path, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    query_file = tmp_path / "q.rq"
    query_file.write_text(HEADLINES, encoding="utf-8")
    assert main(["query", str(query_file), "--graph", str(seed_build / "graph.ttl"), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [b["date"]["value"] for b in data["results"]["bindings"]] == ["1959-06-05", "1960-04-19"]
    assert main(["query", str(query_file), "--graph", str(seed_build / "graph.trig"), "--format", "csv"]) == 0
    assert capsys.readouterr().out.splitlines()[0] == "date,headline"


def test_bad_query_names_the_problem(seed_build: Path, capsys: pytest.CaptureFixture) -> None:
    status = main(["query", "SELECT ?x WHERE { ?x ?y }", "--graph", str(seed_build / "graph.ttl")])
    err = capsys.readouterr().err
    assert status == 2
    assert err.startswith("kg query: bad query:")
    assert "1:" in err  # the parser's line:column position


def test_missing_store_says_what_to_do(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["query", HEADLINES, "--store", str(tmp_path / "nope")]) == 2
    assert "run `kg build` first" in capsys.readouterr().err


def test_bad_query_shows_line_column_and_caret(seed_build: Path, capsys: pytest.CaptureFixture) -> None:
    query = 'SELECT ?x\nWHERE {\n  ?x schema:name ?n .\n  FILTER(lang(?n) = "zh"\n}\n'
    assert main(["query", query, "--store", str(seed_build / "store")]) == 2
    lines = capsys.readouterr().err.splitlines()
    assert lines[0].startswith("kg query: bad query: syntax error at line 4 column 3, near 'FILTER(lang(?n)")
    assert lines[1:3] == ['      FILTER(lang(?n) = "zh"', "      ^"]


def test_unknown_prefix_is_named(seed_build: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["query", "SELECT ?x WHERE { ?x a foo:Bar }", "--store", str(seed_build / "store")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("kg query: bad query: unknown prefix 'foo:' at line 1 column 24;")
    assert "schema" in err  # the predeclared prefixes are listed


def test_updates_are_refused(seed_build: Path, capsys: pytest.CaptureFixture) -> None:
    update = "PREFIX ex: <http://example.org/>\nINSERT DATA { ex:a ex:b ex:c }"
    assert main(["query", update, "--store", str(seed_build / "store")]) == 2
    assert "kg query: this is a SPARQL Update (INSERT DATA)" in capsys.readouterr().err


def test_keywords_in_strings_iris_and_variables_are_not_updates() -> None:
    from kg.query import update_keyword, uses_service

    assert update_keyword('SELECT ?insert WHERE { ?insert <urn:delete> "LOAD" } # DROP') is None
    assert update_keyword("# a comment\nPREFIX x: <urn:x#>\nDELETE WHERE { ?s ?p ?o }") == "DELETE"
    assert not uses_service('SELECT ?service WHERE { ?service <urn:p> "SERVICE" }')
    assert uses_service("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }")


def test_stdin_tsv_and_xml(seed_build: Path, capsys: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO(HEADLINES))
    assert main(["query", "-", "--store", str(seed_build / "store"), "--format", "tsv"]) == 0
    assert capsys.readouterr().out.splitlines()[0] == "?date\t?headline"
    assert main(["query", HEADLINES, "--store", str(seed_build / "store"), "--format", "xml"]) == 0
    assert capsys.readouterr().out.startswith(
        '<?xml version="1.0"?><sparql xmlns="http://www.w3.org/2005/sparql-results#">'
    )


def test_construct_prints_turtle_with_prefixes(seed_build: Path, capsys: pytest.CaptureFixture) -> None:
    query = "CONSTRUCT WHERE { ?p a schema:Person ; skos:prefLabel ?name }"
    assert main(["query", query, "--store", str(seed_build / "store")]) == 0
    out = capsys.readouterr().out
    assert "@prefix person: <https://w3id.org/rmrb-kg/id/person/> ." in out
    assert "@prefix org:" not in out  # only the prefixes the answer uses
    assert 'skos:prefLabel "廖世刚"@zh' in out
