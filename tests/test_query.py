"""`kg query` on a real build: table, CSV and JSON output, a query file, and a clear error on a bad query."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.cli import main

HEADLINES = (
    'SELECT ?date ?headline WHERE { ?a a schema:NewsArticle ; schema:datePublished ?date ; '
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
