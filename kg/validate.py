"""Validation: the SHACL shapes of `ontology/shapes.ttl`, run with pyshacl, violations in plain words.

Each violation becomes one line a person can act on: what the node is (`article rmrb-1959-06-05-p2-6062c0f4`,
`person liao-shigang (冯志远)`, `zh span 14–17 of article … «冯志远»`), the shape's own message, and the
property with what was found there:

    article rmrb-1959-06-05-p2-6062c0f4: An article has exactly one publication date, an xsd:date.
        (schema:datePublished; found 2: 1959-06-05, 1959-06-06)

Shapes without a message get one written from their constraint (`needs at least 1 time:hasEnd/time:inXSDDate`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from pyshacl import validate
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, SH, SKOS
from rdflib.term import Node

from kg.namespaces import NIF, bind_all

ONTOLOGY_DIR = Path(__file__).resolve().parent.parent / "ontology"
#: Values of a property listed in a problem before "…".
SHOWN_VALUES = 3
#: Characters of a literal shown in a problem.
SHOWN_CHARS = 40
#: Data IRI folders and what a person calls a node in them.
NODE_KINDS = {
    "article": "article",
    "person": "person",
    "organization": "organization",
    "place": "place",
    "campaign": "campaign",
    "period": "period",
    "observation": "reported figure",
    "assertion": "assertion",
    "title": "title award",
    "graph": "graph",
}
_SPAN = re.compile(r"/text/(?P<article>[^/]+)/(?P<lang>[a-z-]+)(?:#char=(?P<start>\d+),(?P<end>\d+))?$")
_DATA_NODE = re.compile(r"/(?P<folder>[a-z]+)/(?P<local>[^/#]+)$")


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
    bind_all(data)
    problems = {
        describe_result(result, results, shapes_graph, data)
        for result in results.subjects(RDF.type, SH.ValidationResult)
    }
    return ValidationReport(bool(conforms), tuple(sorted(problems)))


def describe_result(result: Node, results: Graph, shapes: Graph, data: Graph) -> str:
    """One SHACL validation result in plain words: the node, the rule it breaks, the property and what is there."""
    focus = results.value(result, SH.focusNode)
    path = results.value(result, SH.resultPath)
    source = results.value(result, SH.sourceShape)
    message = results.value(result, SH.resultMessage)
    custom = shapes.value(source, SH.message) if source is not None else None
    rule = str(custom) if custom is not None else _constraint_words(result, results, shapes, path)
    if custom is None and message is not None and not rule:
        rule = str(message)
    details = []
    if path is not None and custom is not None:  # a generated rule already names the path
        details.append(show_path(path, shapes if isinstance(path, BNode) else results))
    found = _found(focus, path, data, results.value(result, SH.value)) if path is not None else ""
    if found:
        details.append(found)
    suffix = f" ({'; '.join(details)})" if details else ""
    return f"{describe_node(focus, data)}: {rule}{suffix}"


def describe_node(node: Node | None, data: Graph) -> str:
    """What a person calls `node`: its kind and short name, with the Chinese label or the span's text."""
    if node is None:
        return "(no node)"
    if not isinstance(node, URIRef):
        return f"blank node {node}"
    span = _SPAN.search(str(node))
    if span:
        if span["start"] is None:
            return f"{span['lang']} text of article {span['article']}"
        anchor = data.value(node, NIF.anchorOf)
        shown = f" «{_short(str(anchor))}»" if anchor is not None else ""
        return f"{span['lang']} span {span['start']}–{span['end']} of article {span['article']}{shown}"
    found = _DATA_NODE.search(str(node))
    if found and found["folder"] in NODE_KINDS:
        label = next((o for o in data.objects(node, SKOS.prefLabel) if getattr(o, "language", None) == "zh"), None)
        named = f" ({label})" if label is not None else ""
        return f"{NODE_KINDS[found['folder']]} {found['local']}{named}"
    return data.namespace_manager.normalizeUri(node)


def show_path(path: Node, graph: Graph) -> str:
    """A SHACL property path as SPARQL writes it (`time:hasBeginning/time:inXSDDate`, `^org:memberOf`)."""
    if isinstance(path, URIRef):
        return graph.namespace_manager.normalizeUri(path)
    if graph.value(path, RDF.first) is not None:
        return "/".join(show_path(step, graph) for step in Collection(graph, path))
    for predicate, wrap in (
        (SH.inversePath, "^{}"),
        (SH.zeroOrMorePath, "({})*"),
        (SH.oneOrMorePath, "({})+"),
        (SH.zeroOrOnePath, "({})?"),
    ):
        inner = graph.value(path, predicate)
        if inner is not None:
            return wrap.format(show_path(inner, graph))
    alternatives = graph.value(path, SH.alternativePath)
    if alternatives is not None:
        return "(" + "|".join(show_path(step, graph) for step in Collection(graph, alternatives)) + ")"
    return str(path)


def _constraint_words(result: Node, results: Graph, shapes: Graph, path: Node | None) -> str:
    """A sentence for a shape that has no sh:message, from the constraint it breaks."""
    component = results.value(result, SH.sourceConstraintComponent)
    source = results.value(result, SH.sourceShape)
    what = show_path(path, shapes if isinstance(path, BNode) else results) if path is not None else "value"

    def parameter(name: URIRef) -> str:
        value = shapes.value(source, name) if source is not None else None
        return shapes.namespace_manager.normalizeUri(value) if isinstance(value, URIRef) else str(value)

    words = {
        SH.MinCountConstraintComponent: lambda: f"Needs at least {parameter(SH.minCount)} {what}.",
        SH.MaxCountConstraintComponent: lambda: f"Has more than {parameter(SH.maxCount)} {what}.",
        SH.DatatypeConstraintComponent: lambda: f"Each {what} must be a {parameter(SH.datatype)}.",
        SH.NodeKindConstraintComponent: lambda: f"Each {what} must be a {parameter(SH.nodeKind).split(':')[-1]}.",
        SH.ClassConstraintComponent: lambda: f"Each {what} must be a {parameter(SH['class'])}.",
        SH.InConstraintComponent: lambda: f"{what} has a value outside the allowed list.",
        SH.LanguageInConstraintComponent: lambda: f"{what} has a language that is not allowed.",
        SH.UniqueLangConstraintComponent: lambda: f"{what} has two values in the same language.",
    }
    found = words.get(component)
    return found() if found is not None else ""


def _found(focus: Node | None, path: Node | None, data: Graph, value: Node | None) -> str:
    """What the data holds at the path (for a simple path), or the offending value pyshacl reports."""
    if focus is not None and isinstance(path, URIRef):
        values = sorted(data.objects(focus, path), key=str)
        if len(values) > 1 or (values and value is None):
            shown = ", ".join(_show_value(v, data) for v in values[:SHOWN_VALUES])
            more = ", …" if len(values) > SHOWN_VALUES else ""
            return f"found {len(values)}: {shown}{more}"
        if not values:
            return "found none"
    if value is not None and value != focus:
        return f"found {_show_value(value, data)}"
    return ""


def _show_value(value: Node, data: Graph) -> str:
    if isinstance(value, Literal):
        text = _short(str(value))
        return f'"{text}"@{value.language}' if value.language else text
    if isinstance(value, URIRef):
        return data.namespace_manager.normalizeUri(value)
    return str(value)


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= SHOWN_CHARS else text[: SHOWN_CHARS - 1] + "…"


def validate_file(path: Path, *, shapes: Path | None = None) -> ValidationReport:
    """Validate a graph file (Turtle, TriG, N-Triples, N-Quads or JSON-LD; named graphs are merged)."""
    from kg.export import read_dataset
    from kg.query import QueryError

    try:
        dataset = read_dataset(graph=path)
    except QueryError as error:
        return ValidationReport(False, (str(error),))
    union = Graph()
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        union.add((s, p, o))
    return validate_graph(union, shapes=shapes)
