"""View stage: the graph as one interactive HTML page (pyvis / vis-network) that works offline.

A pure consumer of the built RDF: entities are nodes (coloured by kind, labelled in Chinese and English),
articles are boxes, stated relations are labelled arrows and article mentions thin grey lines. pyvis'
`cdn_resources="in_line"` still links Bootstrap from a CDN; those tags are removed so no request leaves the
machine.
"""

from __future__ import annotations

import re
from pathlib import Path

import networkx as nx
from pyvis.network import Network
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import ORG, RDF, SKOS

from kg.export import write_text_atomic
from kg.namespaces import RK, SCHEMA

#: Node colour and shape per kind.
STYLES = {
    "Person": ("#e15759", "dot"),
    "Organization": ("#4e79a7", "dot"),
    "Place": ("#59a14f", "dot"),
    "Campaign": ("#f28e2b", "diamond"),
    "Article": ("#bab0ac", "box"),
}
KIND_OF_CLASS = {
    SCHEMA.Person: "Person",
    ORG.Organization: "Organization",
    ORG.FormalOrganization: "Organization",
    ORG.OrganizationalUnit: "Organization",
    SCHEMA.Place: "Place",
    RK.Campaign: "Campaign",
}
#: Relation properties drawn as arrows, with their short label.
EDGE_LABELS = {
    ORG.memberOf: "member of",
    ORG.subOrganizationOf: "part of",
    ORG.unitOf: "part of",
    SCHEMA.location: "located in",
    SCHEMA.containedInPlace: "in",
    RK.emulationTarget: "emulate",
    RK.launchedBy: "launched by",
}
_CDN_TAG = re.compile(r'\s*<(?:link|script)\b[^>]*(?:href|src)="https?://[^"]*"[^>]*>(?:\s*</script>)?', re.I)


def _label(graph: Graph, node: URIRef, lang: str) -> str:
    labels = sorted(
        str(o) for o in graph.objects(node, SKOS.prefLabel) if isinstance(o, Literal) and o.language == lang
    )
    return labels[0] if labels else ""


def to_networkx(graph: Graph) -> nx.MultiDiGraph:
    """Entities, articles and their links as a networkx graph, nodes and edges in a stable order."""
    view = nx.MultiDiGraph()
    kinds: dict[URIRef, str] = {}
    for rdf_class, kind in KIND_OF_CLASS.items():
        for node in graph.subjects(RDF.type, rdf_class):
            kinds[node] = kind
    for node in sorted(kinds):
        kind = kinds[node]
        zh, en = _label(graph, node, "zh"), _label(graph, node, "en")
        color, shape = STYLES[kind]
        view.add_node(
            str(node), label=zh or en, title=f"{zh}\n{en}\n{kind}\n{node}", color=color, shape=shape, group=kind
        )
    for article in sorted(graph.subjects(RDF.type, SCHEMA.NewsArticle)):
        dates = sorted(str(d) for d in graph.objects(article, SCHEMA.datePublished))
        headlines = sorted(str(h) for h in graph.objects(article, SCHEMA.headline))
        color, shape = STYLES["Article"]
        view.add_node(
            str(article),
            label=dates[0] if dates else "article",
            shape=shape,
            color=color,
            title="\n".join([*headlines, str(article)]),
            group="Article",
        )
        for entity in sorted(set(graph.objects(article, SCHEMA.mentions)) & set(kinds)):
            view.add_edge(str(article), str(entity), color="#dddddd", width=0.5, title="mentions")
    for predicate, text in EDGE_LABELS.items():
        for subject, obj in sorted(graph.subject_objects(predicate)):
            if subject in kinds and obj in kinds:
                view.add_edge(str(subject), str(obj), label=text, title=text, arrows="to", color="#555555")
    return view


def render_html(graph: Graph) -> str:
    """The page as text: vis-network inlined, no external request."""
    net = Network(height="900px", width="100%", directed=True, cdn_resources="in_line", heading="")
    net.from_nx(to_networkx(graph))
    net.set_options(
        '{"physics": {"stabilization": {"iterations": 200}, "barnesHut": {"springLength": 140}},'
        ' "interaction": {"hover": true, "navigationButtons": false}}'
    )
    html = net.generate_html(notebook=False)
    html = _CDN_TAG.sub("", html)
    return html.replace("<head>", '<head>\n<meta charset="utf-8">\n<title>rmrb-kg graph</title>', 1)


def write_html(graph: Graph, path: Path) -> Path:
    """Write the offline HTML view of `graph` to `path` (atomically)."""
    return write_text_atomic(path, render_html(graph))
