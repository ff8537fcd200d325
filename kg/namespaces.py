"""The vocabulary, in one place: the project ontology (`ontology/rmrb-kg.ttl`) mirrored as `RK`, the external terms
the graph uses, the data namespaces, and `bind_all` for readable prefixes.

Every namespace here is a `DefinedNamespace` with `_fail = True`, so a misspelt term raises `AttributeError`
at import or test time instead of writing a wrong IRI. `tests/test_namespaces.py` checks that `RK` and the
ontology file declare the same terms.
"""

from __future__ import annotations

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, OWL, PROV, RDF, RDFS, SKOS, TIME, XSD, DefinedNamespace

#: The project's ontology namespace (../shared/CONTRACT.md).
RK_IRI = "https://w3id.org/rmrb-kg/ontology#"
#: The default base of data IRIs (configurable with `--base`).
DEFAULT_BASE = "https://w3id.org/rmrb-kg/id/"


class RK(DefinedNamespace):
    """The rmrb-kg ontology (`ontology/rmrb-kg.ttl`)."""

    _fail = True
    _NS = Namespace(RK_IRI)

    # classes
    Campaign: URIRef
    Mention: URIRef
    Evidence: URIRef
    Assertion: URIRef
    ReportedFigure: URIRef
    TitleAward: URIRef
    Qualifier: URIRef
    Period: URIRef
    # object properties
    emulationTarget: URIRef
    launchedBy: URIRef
    text: URIRef
    evidence: URIRef
    qualifier: URIRef
    period: URIRef
    titleHolder: URIRef
    # datatype properties
    titleName: URIRef
    honorificTitle: URIRef
    pageNumber: URIRef
    articleId: URIRef
    notation: URIRef
    surface: URIRef
    # qualifier concepts
    qualifiers: URIRef
    exact: URIRef
    moreThan: URIRef
    about: URIRef
    atLeast: URIRef
    lessThan: URIRef


class SCHEMA(DefinedNamespace):
    """The schema.org terms the graph uses (rdflib's own snapshot lacks `observationAbout`)."""

    _fail = True
    _NS = Namespace("https://schema.org/")

    NewsArticle: URIRef
    Person: URIRef
    Place: URIRef
    Event: URIRef
    Observation: URIRef
    QuantitativeValue: URIRef
    mentions: URIRef
    datePublished: URIRef
    headline: URIRef
    author: URIRef
    printPage: URIRef
    printSection: URIRef
    inLanguage: URIRef
    location: URIRef
    containedInPlace: URIRef
    value: URIRef
    minValue: URIRef
    maxValue: URIRef
    unitText: URIRef
    variableMeasured: URIRef
    observationAbout: URIRef
    observationDate: URIRef
    startDate: URIRef
    translationOfWork: URIRef


class NIF(DefinedNamespace):
    """NIF 2.0 Core: texts, strings with offsets, sentences and phrases."""

    _fail = True
    _NS = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")

    Context: URIRef
    String: URIRef
    RFC5147String: URIRef
    Sentence: URIRef
    Phrase: URIRef
    isString: URIRef
    referenceContext: URIRef
    beginIndex: URIRef
    endIndex: URIRef
    anchorOf: URIRef
    sentence: URIRef
    predLang: URIRef


class ITSRDF(DefinedNamespace):
    """ITS 2.0 RDF: the link from a mention to the entity it names."""

    _fail = True
    _NS = Namespace("http://www.w3.org/2005/11/its/rdf#")

    taIdentRef: URIRef
    taClassRef: URIRef


#: Prefixes written into every serialisation, so the Turtle reads well.
PREFIXES: dict[str, str] = {
    "rk": RK_IRI,
    "schema": str(SCHEMA._NS),
    "org": str(ORG._NS),
    "dcterms": str(DCTERMS._NS),
    "skos": str(SKOS._NS),
    "prov": str(PROV._NS),
    "foaf": str(FOAF._NS),
    "nif": str(NIF._NS),
    "itsrdf": str(ITSRDF._NS),
    "time": str(TIME._NS),
    "owl": str(OWL._NS),
    "rdf": str(RDF._NS),
    "rdfs": str(RDFS._NS),
    "xsd": str(XSD._NS),
}

#: Data IRI folders, each bound to a prefix of the same name (`person:liao-shigang`).
DATA_FOLDERS = ("article", "person", "organization", "place", "campaign", "period", "graph")


def data_namespace(base: str, folder: str) -> Namespace:
    """The namespace for one kind of data IRI, e.g. `https://w3id.org/rmrb-kg/id/person/`."""
    if folder not in DATA_FOLDERS and folder not in ("text", "observation", "assertion", "title"):
        raise ValueError(f"Unexpected data folder: {folder!r}")
    return Namespace(f"{base}{folder}/")


def bind_all(graph: Graph, base: str = DEFAULT_BASE) -> Graph:
    """Bind every prefix on `graph` (a copy of triples into a new Graph loses them: call this on each one)."""
    for prefix, iri in PREFIXES.items():
        graph.bind(prefix, Namespace(iri), override=True, replace=True)
    for folder in DATA_FOLDERS:
        graph.bind(folder, data_namespace(base, folder), override=True, replace=True)
    return graph
