"""Export stage: the dataset written as files, each one complete or not at all.

Every file is written to a temporary file in the same folder and renamed over the target, so an interrupted
build never leaves a truncated `graph.ttl`. Serialisations are canonical (sorted), so the same input gives
byte-identical files:

* `graph.ttl` — the union of all named graphs as Turtle (loads anywhere);
* `graph.trig` — the named graphs (one per article, plus `graph:entities` and `graph:periods`);
* `graph.nt` — the union as N-Triples, one sorted line per triple (diffable, streamable);
* `graph.jsonld` — the named graphs as JSON-LD with a prefix `@context`, nodes and values sorted.

`ontology.ttl` carries the vocabulary and the SHACL shapes beside the data, so a copy of the output folder is
self-describing. `read_dataset` turns a graph file or an Oxigraph store back into a dataset for `kg export`.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import RDF, XSD

from kg.build import union_graph
from kg.namespaces import DATA_FOLDERS, DEFAULT_BASE, NIF, PREFIXES, bind_all, data_namespace

#: File name per export format (`kg export --format`).
EXPORT_FILES = {"ttl": "graph.ttl", "trig": "graph.trig", "nt": "graph.nt", "jsonld": "graph.jsonld"}
#: The ontology files copied beside every build, in this order (vocabulary first, then the shapes).
ONTOLOGY_DIR = Path(__file__).resolve().parent.parent / "ontology"
ONTOLOGY_SOURCES = ("rmrb-kg.ttl", "shapes.ttl")
ONTOLOGY_FILE = "ontology.ttl"
#: rdflib parser name per graph file suffix (what `read_dataset` accepts).
RDFLIB_FORMATS = {".ttl": "turtle", ".trig": "trig", ".nt": "nt", ".nq": "nquads", ".jsonld": "json-ld"}
#: Indentation of graph.jsonld (one space keeps it readable and small).
JSONLD_INDENT = 1
#: Properties whose values `kg.build` types with an integer subtype, which an Oxigraph store keeps as xsd:integer.
STORE_INTEGER_TYPES = {NIF.beginIndex: XSD.nonNegativeInteger, NIF.endIndex: XSD.nonNegativeInteger}
#: Turtle's long-string delimiter.
LONG_QUOTE = '"' * 3


def write_atomic(path: Path, write: Callable[[Path], None]) -> Path:
    """Call `write(tmp)` on a temporary file next to `path`, then rename it to `path`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    os.close(handle)
    tmp = Path(name)
    try:
        write(tmp)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return path


def write_text_atomic(path: Path, text: str) -> Path:
    return write_atomic(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))


def serialize(dataset: Dataset, fmt: str, *, base: str = DEFAULT_BASE) -> str:
    """The dataset as text in one of `EXPORT_FILES`' formats (Turtle and N-Triples hold the union graph)."""
    if fmt == "ttl":
        return union_graph(dataset, base).serialize(format="turtle")
    if fmt == "trig":
        return _trig(dataset, base)
    if fmt == "nt":
        lines = union_graph(dataset, base).serialize(format="nt").splitlines()
        return "".join(f"{line}\n" for line in sorted(set(lines)) if line.strip())
    if fmt == "jsonld":
        return _jsonld(dataset, base)
    raise ValueError(f"Unexpected export format: {fmt!r} (expected one of {', '.join(EXPORT_FILES)})")


def _trig(dataset: Dataset, base: str) -> str:
    """TriG with the named graphs in IRI order (rdflib's own TriG writer follows store order).

    Triples in the default graph (a graph read from Turtle has only those) come first, outside any block.
    """
    blocks = []
    for context in sorted(dataset.graphs(), key=lambda g: (g.identifier != DATASET_DEFAULT_GRAPH_ID, g.identifier)):
        if not len(context):
            continue
        body = _turtle_body(context, base)
        if context.identifier == DATASET_DEFAULT_GRAPH_ID:
            blocks.append(body)
            continue
        blocks.append(f"{_graph_label(context.identifier, base)} {{\n{_indent(body.strip(chr(10)))}\n}}\n")
    return "".join(f"{line}\n" for line in _all_prefixes(base)) + "\n" + "\n".join(blocks)


def _turtle_body(context: Graph, base: str) -> str:
    """The triples of one graph as Turtle statements, without the prefix lines."""
    named = bind_all(Graph(), base)
    for triple in context:
        named.add(triple)
    text = named.serialize(format="turtle")
    head, _, body = text.partition("\n\n")
    return body if head.startswith("@prefix") else text


def _indent(turtle: str, margin: str = "    ") -> str:
    """Indent each line of rdflib's Turtle by `margin`, except the lines inside a long string literal.

    Indenting those would change the literal's value (a text's `nif:isString`, which every offset points
    into). rdflib escapes quotes inside a long string, so every bare triple quote opens or closes one.
    """
    lines = []
    inside = False
    for line in turtle.split("\n"):
        lines.append(line if inside or not line else margin + line)
        if line.count(LONG_QUOTE) % 2:
            inside = not inside
    return "\n".join(lines)


def _graph_label(name: URIRef | BNode, base: str) -> str:
    graph_ns = str(data_namespace(base, "graph"))
    local = str(name)[len(graph_ns) :]
    if isinstance(name, URIRef) and str(name).startswith(graph_ns) and local.replace("-", "").isalnum():
        return f"graph:{local}"
    return f"_:{name}" if isinstance(name, BNode) else f"<{name}>"


def _all_namespaces(base: str) -> dict[str, str]:
    return PREFIXES | {folder: str(data_namespace(base, folder)) for folder in DATA_FOLDERS}


def _all_prefixes(base: str) -> list[str]:
    return [f"@prefix {prefix}: <{ns}> ." for prefix, ns in sorted(_all_namespaces(base).items())]


# ---------------------------------------------------------------------------------------------------------
# JSON-LD, written by hand so it is canonical: rdflib's writer follows store order and repeats full IRIs.


def _jsonld(dataset: Dataset, base: str) -> str:
    """JSON-LD 1.1 with one `@graph` object per named graph; graphs, nodes, keys and values all sorted.

    Every namespace ends in `/` or `#`, so each prefix in the `@context` may start a compact IRI
    (`person:liao-shigang`). Literals keep their lexical form (`{"@value": "0", "@type": "xsd:integer"}`).
    """
    namespaces = _all_namespaces(base)
    compact = _compactor(namespaces)
    top: dict[str, dict] = {}
    for context in dataset.graphs():
        if not len(context):
            continue
        nodes = _node_objects(context, compact)
        if context.identifier == DATASET_DEFAULT_GRAPH_ID:
            for node in nodes:
                top.setdefault(node["@id"], {}).update(node)
            continue
        name = _id(context.identifier, compact)
        top.setdefault(name, {"@id": name})["@graph"] = nodes
    document = {
        "@context": dict(sorted(namespaces.items())),
        "@graph": [top[key] for key in sorted(top)],
    }
    return json.dumps(document, ensure_ascii=False, indent=JSONLD_INDENT) + "\n"


def _compactor(namespaces: dict[str, str]) -> Callable[[str], str]:
    """IRI → `prefix:local` with the longest namespace that leaves a plain local name, else the IRI itself."""
    by_length = sorted(namespaces.items(), key=lambda kv: -len(kv[1]))

    def compact(iri: str) -> str:
        for prefix, namespace in by_length:
            local = iri[len(namespace) :]
            if iri.startswith(namespace) and local and all(ch.isalnum() or ch in "-_." for ch in local):
                return f"{prefix}:{local}"
        return iri

    return compact


def _id(term: URIRef | BNode, compact: Callable[[str], str]) -> str:
    return f"_:{term}" if isinstance(term, BNode) else compact(str(term))


def _node_objects(graph: Graph, compact: Callable[[str], str]) -> list[dict]:
    """One JSON-LD node object per subject of `graph`, in subject order, with sorted keys and values."""
    nodes: dict[str, dict[str, list]] = {}
    for s, p, o in graph:
        node = nodes.setdefault(_id(s, compact), {})
        if p == RDF.type and not isinstance(o, Literal):
            node.setdefault("@type", []).append(_id(o, compact))
        else:
            node.setdefault(compact(str(p)), []).append(_value(o, compact))
    result = []
    for subject in sorted(nodes):
        node: dict[str, object] = {"@id": subject}
        for key in sorted(nodes[subject], key=lambda k: (k != "@type", k)):
            node[key] = sorted(nodes[subject][key], key=lambda v: json.dumps(v, ensure_ascii=False, sort_keys=True))
        result.append(node)
    return result


def _value(term: object, compact: Callable[[str], str]) -> object:
    if isinstance(term, Literal):
        if term.language:
            return {"@language": term.language, "@value": str(term)}
        if term.datatype is None or term.datatype == XSD.string:
            return {"@value": str(term)}
        return {"@type": compact(str(term.datatype)), "@value": str(term)}
    return {"@id": _id(term, compact)}  # type: ignore[arg-type]


# ---------------------------------------------------------------------------------------------------------
# Writing, reading back, and the ontology beside the data


def write_exports(dataset: Dataset, out_dir: Path, formats: Iterable[str], *, base: str = DEFAULT_BASE) -> list[Path]:
    """Write the dataset in each format into `out_dir`; returns the files written."""
    return [write_text_atomic(out_dir / EXPORT_FILES[fmt], serialize(dataset, fmt, base=base)) for fmt in formats]


def ontology_turtle(sources: Iterable[Path] | None = None) -> str:
    """The ontology and the SHACL shapes as one Turtle document (the files one after the other).

    Concatenation keeps their comments and layout; it is valid Turtle because each file is complete, repeats
    its own prefixes and uses no labelled blank nodes (`_:x`) that could collide.
    """
    paths = list(sources) if sources is not None else [ONTOLOGY_DIR / name for name in ONTOLOGY_SOURCES]
    parts = ["# The rmrb-kg ontology and SHACL shapes, copied from ontology/ by `kg build`.\n"]
    for path in paths:
        text = path.read_text(encoding="utf-8")
        if "_:" in text:
            raise ValueError(f"{path}: labelled blank nodes (_:…) cannot be concatenated safely")
        parts.append(f"\n# ---- {path.name} " + "-" * max(0, 100 - len(path.name)) + "\n\n")
        parts.append(text if text.endswith("\n") else text + "\n")
    return "".join(parts)


def write_ontology(out_dir: Path) -> Path:
    """Write `<out_dir>/ontology.ttl`: the vocabulary and shapes the data follows, travelling with it."""
    return write_text_atomic(Path(out_dir) / ONTOLOGY_FILE, ontology_turtle())


def read_dataset(*, graph: str | Path | None = None, store: str | Path | None = None) -> Dataset:
    """A graph file (Turtle, TriG, N-Triples, N-Quads, JSON-LD) or an Oxigraph store as an rdflib dataset.

    An Oxigraph store keeps every integer subtype as `xsd:integer`; the NIF offsets get their
    `xsd:nonNegativeInteger` back (`STORE_INTEGER_TYPES`), so an export of a build's store equals its files.
    """
    from kg.query import graph_format, open_store

    dataset = Dataset()
    if graph is not None:
        path = Path(graph)
        dataset.parse(path, format=graph_format(path, RDFLIB_FORMATS))
        return dataset
    import pyoxigraph as ox

    quads = open_store(store=store).dump(format=ox.RdfFormat.N_QUADS)
    dataset.parse(data=quads.decode("utf-8"), format="nquads")
    return _restore_integer_types(dataset)


def _restore_integer_types(dataset: Dataset) -> Dataset:
    """Give the properties of `STORE_INTEGER_TYPES` back the integer type Oxigraph folded into `xsd:integer`."""
    for predicate, datatype in STORE_INTEGER_TYPES.items():
        for s, p, o, g in list(dataset.quads((None, predicate, None, None))):
            if isinstance(o, Literal) and o.datatype == XSD.integer:
                dataset.remove((s, p, o, g))
                dataset.add((s, p, Literal(str(o), datatype=datatype), g))
    return dataset
