"""Validation: the SHACL shapes of `ontology/shapes.ttl`, run with pyshacl, violations in plain words."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pyshacl import validate
from rdflib import Dataset, Graph
from rdflib.namespace import RDF, SH

from kg.namespaces import bind_all

ONTOLOGY_DIR = Path(__file__).resolve().parent.parent / "ontology"
FORMATS = {".ttl": "turtle", ".trig": "trig", ".nt": "nt", ".nq": "nquads", ".jsonld": "json-ld"}


@dataclass(frozen=True)
class ValidationReport:
    conforms: bool
    problems: tuple[str, ...]


def validate_graph(data: Graph, *, shapes: Path | None = None, ontology: Path | None = None) -> ValidationReport:
    """Check `data` against the shapes; each violation becomes one line naming the node, the property and why."""
    shapes_graph = Graph().parse(shapes or ONTOLOGY_DIR / "shapes.ttl", format="turtle")
    ontology_graph = Graph().parse(ontology or ONTOLOGY_DIR / "rmrb-kg.ttl", format="turtle")
    conforms, results, _ = validate(
        data,
        shacl_graph=shapes_graph,
        ont_graph=ontology_graph,
        inference="none",
        advanced=True,
        allow_warnings=True,
    )
    bind_all(results)
    problems = []
    for result in sorted(results.subjects(RDF.type, SH.ValidationResult)):
        focus = results.value(result, SH.focusNode)
        path = results.value(result, SH.resultPath)
        message = results.value(result, SH.resultMessage)
        where = f" {results.namespace_manager.normalizeUri(path)}" if path is not None else ""
        problems.append(f"{focus}{where}: {message}")
    return ValidationReport(bool(conforms), tuple(sorted(problems)))


def validate_file(path: Path, *, shapes: Path | None = None) -> ValidationReport:
    """Validate a graph file (Turtle, TriG, N-Triples, N-Quads or JSON-LD; named graphs are merged)."""
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        return ValidationReport(False, (f"{path}: unknown graph format",))
    if not path.is_file():
        return ValidationReport(False, (f"{path}: no such file",))
    dataset = Dataset(default_union=True)
    dataset.parse(path, format=fmt)
    union = Graph()
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        union.add((s, p, o))
    return validate_graph(union, shapes=shapes)
