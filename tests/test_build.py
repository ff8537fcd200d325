"""The whole flow on the real articles: contract, SHACL, parsers, determinism, committed outputs, bad input."""

from __future__ import annotations

import filecmp
import shutil
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph, Literal
from rdflib.namespace import RDF, XSD

from kg.cli import main
from kg.namespaces import DCTERMS, SCHEMA
from kg.pipeline import build
from kg.validate import validate_file

from .conftest import DEV, REPO, SEEDS, SHARED, require_shared, require_tool

CONTRACT_FILES = ("graph.ttl", "graph.trig", "graph.html", "ontology.ttl", "translation-check.tsv")


def test_graph_parses_with_pyoxigraph(seed_build: Path) -> None:
    store = ox.Store()
    store.load(path=str(seed_build / "graph.ttl"), format=ox.RdfFormat.TURTLE)
    assert len(store) > 100
    quads = ox.Store()
    quads.load(path=str(seed_build / "graph.trig"), format=ox.RdfFormat.TRIG)
    assert len({q.graph_name for q in quads}) >= 3  # entities, periods, one per article


def test_graph_parses_with_rapper(seed_build: Path) -> None:
    rapper = require_tool("rapper")
    for name, syntax in (("graph.ttl", "turtle"), ("graph.trig", "trig")):
        run = subprocess.run([rapper, "-i", syntax, "-c", str(seed_build / name)], capture_output=True, text=True)
        assert run.returncode == 0, run.stderr
        assert "returned" in run.stderr and "returned 0 triples" not in run.stderr


def _articles(path: Path) -> Graph:
    dataset = Dataset(default_union=True)
    dataset.parse(path, format="turtle")
    return dataset


def test_every_article_follows_the_contract(seed_build: Path) -> None:
    graph = _articles(seed_build / "graph.ttl")
    articles = sorted(graph.subjects(RDF.type, SCHEMA.NewsArticle))
    assert len(articles) == 2
    for article in articles:
        sources = list(graph.objects(article, DCTERMS.source))
        assert len(sources) == 1 and str(sources[0]).endswith(".txt")
        (date,) = graph.objects(article, SCHEMA.datePublished)
        assert date.datatype == XSD.date
        headlines = {h.language: str(h) for h in graph.objects(article, SCHEMA.headline)}
        assert set(headlines) == {"zh", "en"}  # the seeds are bilingual
        assert all(isinstance(o, Literal) for o in graph.objects(article, SCHEMA.printPage))
    assert Literal("000_523bdd3c56f652b7.txt") in set(graph.objects(None, DCTERMS.source))


def test_shacl_shapes_pass(seed_build: Path) -> None:
    report = validate_file(seed_build / "graph.ttl")
    assert report.conforms, report.problems


def test_shacl_catches_a_shifted_offset(seed_build: Path, tmp_path: Path) -> None:
    text = (seed_build / "graph.ttl").read_text(encoding="utf-8")
    broken = text.replace('nif:beginIndex "0"^^xsd:nonNegativeInteger', 'nif:beginIndex "1"^^xsd:nonNegativeInteger', 1)
    assert broken != text
    (tmp_path / "broken.ttl").write_text(broken, encoding="utf-8")
    report = validate_file(tmp_path / "broken.ttl")
    assert not report.conforms
    assert any("offsets" in problem for problem in report.problems)


def test_two_builds_are_byte_identical_in_any_argument_order(seed_build: Path, tmp_path: Path) -> None:
    files = sorted(SEEDS.iterdir(), reverse=True)
    build(files, tmp_path)
    for name in CONTRACT_FILES:
        assert filecmp.cmp(seed_build / name, tmp_path / name, shallow=False), name


def test_committed_outputs_are_fresh(seed_build: Path) -> None:
    """outputs/ holds the seed build so a visitor can open it without installing; rebuild when this fails."""
    for name in CONTRACT_FILES:
        committed = REPO / "outputs" / name
        assert committed.is_file(), f"outputs/{name} is missing: run `kg build seeds/`"
        stale = f"outputs/{name} is stale: run `kg build seeds/`"
        assert filecmp.cmp(seed_build / name, committed, shallow=False), stale


def test_html_has_no_external_resources(seed_build: Path) -> None:
    html = (seed_build / "graph.html").read_text(encoding="utf-8")
    assert 'src="http' not in html and 'href="http' not in html
    assert "vis-network" in html or "vis.Network" in html


def test_html_renders_offline_in_chromium(seed_build: Path) -> None:
    chromium = require_tool("chromium")
    sync_api = pytest.importorskip("playwright.sync_api")
    requests: list[str] = []
    errors: list[str] = []
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
        )
        page = browser.new_page()
        page.on("request", lambda request: requests.append(request.url))
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto((seed_build / "graph.html").as_uri())
        page.wait_for_function("typeof network !== 'undefined' && network.body.data.nodes.length > 0")
        labels = page.evaluate("network.body.data.nodes.get().map(n => n.label)")
        edges = page.evaluate("network.body.data.edges.length")
        browser.close()
    assert not errors, errors
    assert [url for url in requests if not url.startswith("file:")] == []
    assert "重庆" in labels and edges > 0


def test_cli_bad_input_is_reported_and_the_rest_is_built(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    shutil.copy(SEEDS / "000_523bdd3c56f652b7.txt", inputs)
    (inputs / "empty.md").write_bytes(b"")
    (inputs / "binary.md").write_bytes(b"\x00\x01\x02binary")
    (inputs / "latin1.txt").write_bytes(b"### \xff\xfe\xff\n")
    (inputs / "nodate.md").write_text("### 标题\n\n第2版()\n\n    正文。\n", encoding="utf-8")
    (inputs / "baddate.md").write_text("### 标题\n\n1959-02-30\n第2版()\n\n    正文。\n", encoding="utf-8")
    (tmp_path / "nothing").mkdir()
    out = tmp_path / "out"
    status = main(["build", str(inputs), str(tmp_path / "nothing"), "--out", str(out), "--no-store"])
    err = capsys.readouterr().err
    assert status == 1
    for name, reason in (
        ("empty.md", "empty file"),
        ("binary.md", "binary file"),
        ("latin1.txt", "not UTF-8 or GB18030"),
        ("nodate.md", "no date line"),
        ("baddate.md", "'1959-02-30' does not parse"),
        ("nothing", "holds no article files"),
    ):
        line = next(line for line in err.splitlines() if line.rstrip().endswith(name) or f"{name}:" in line)
        assert reason in line, line
    assert len(err.strip().splitlines()) == 6
    graph = _articles(out / "graph.ttl")
    assert len(set(graph.subjects(RDF.type, SCHEMA.NewsArticle))) == 1


def test_cli_exit_status_zero_when_all_good(tmp_path: Path) -> None:
    assert main(["build", str(SEEDS), "--out", str(tmp_path), "--no-html", "--no-store"]) == 0


def test_cli_nothing_readable_writes_nothing(tmp_path: Path) -> None:
    (tmp_path / "bad.md").write_bytes(b"")
    assert main(["build", str(tmp_path / "bad.md"), "--out", str(tmp_path / "out")]) == 1
    assert not (tmp_path / "out").exists()


def test_kg_console_script_builds(tmp_path: Path) -> None:
    kg = Path(sys.executable).with_name("kg")
    if not kg.exists():
        pytest.skip("the kg console script is not installed in this environment")
    run = subprocess.run([str(kg), "build", str(SEEDS), "--out", str(tmp_path)], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert "built 2 articles" in run.stdout


def test_dev_build_has_twelve_articles_the_scorer_finds(dev_build: Path) -> None:
    require_shared()
    run = subprocess.run(
        [
            sys.executable,
            str(SHARED / "eval" / "score.py"),
            str(dev_build / "graph.ttl"),
            "--gold",
            str(SHARED / "gold" / "dev"),
            "--json",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    import json

    report = json.loads(run.stdout)
    assert report["articles"] == 12
    assert report["missing_articles"] == []
    assert DEV.is_dir()
