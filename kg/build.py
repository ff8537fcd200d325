"""Build stage: extractions and their resolution in, one RDF dataset out. The only stage that speaks RDF.

Layout of the dataset:

* `graph:entities` — every entity once: its types, `skos:prefLabel`/`rdfs:label` in Chinese and English, and
  its variants as `skos:altLabel`.
* `graph:<article id>` — what one article asserts: the article itself, its texts (NIF contexts), the sentences
  that carry evidence, every mention, the relations it states (each also reified as an `rk:Assertion` that
  points at its evidence), its reported figures and titles.
* `graph:periods` — the reference periods (OWL-Time intervals) facts point at.

`graph.ttl` is the union of all of them; `graph.trig` keeps the named graphs.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from decimal import Decimal

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import FOAF, ORG, OWL, PROV, RDF, RDFS, SKOS, TIME, XSD

from kg.model import Article, Evidence, Extraction, Period, Statistic
from kg.namespaces import DCTERMS, DEFAULT_BASE, ITSRDF, NIF, RK, SCHEMA, bind_all, data_namespace
from kg.resolve import GraphEntity, Resolution

#: RDF types per entity kind; units with a parent are `org:OrganizationalUnit`, the others formal organisations.
ENTITY_CLASSES = {
    "Person": (SCHEMA.Person, FOAF.Person),
    "Organization": (ORG.Organization,),
    "Place": (SCHEMA.Place,),
    "Campaign": (RK.Campaign,),
}
#: Relation names (kg.model.RELATION_TYPES) to properties.
RELATION_PROPERTIES = {
    "memberOf": ORG.memberOf,
    "subOrganizationOf": ORG.subOrganizationOf,
    "locatedIn": SCHEMA.location,
    "containedInPlace": SCHEMA.containedInPlace,
    "emulationTarget": RK.emulationTarget,
    "launchedBy": RK.launchedBy,
}
QUALIFIERS = {
    "exact": RK.exact,
    "more_than": RK.moreThan,
    "about": RK.about,
    "at_least": RK.atLeast,
    "less_than": RK.lessThan,
}


class _Iris:
    """Minting of every data IRI from a base; one place, so the scheme is easy to read and to change."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.graph = data_namespace(base, "graph")
        self.article = data_namespace(base, "article")
        self.text_ns = data_namespace(base, "text")
        self.period_ns = data_namespace(base, "period")

    def entity(self, entity_id: str) -> URIRef:
        return URIRef(self.base + entity_id)

    def text(self, article: Article, lang: str) -> URIRef:
        return URIRef(f"{self.text_ns}{article.id}/{lang}")

    def span(self, article: Article, lang: str, start: int, end: int) -> URIRef:
        """NIF / RFC 5147 string IRI: `<text>#char=start,end`."""
        return URIRef(f"{self.text(article, lang)}#char={start},{end}")

    def period(self, period: Period) -> URIRef:
        return self.period_ns[period.label]

    def node(self, folder: str, article: Article, *parts: object) -> URIRef:
        suffix = "-".join(str(p) for p in parts)
        return URIRef(f"{data_namespace(self.base, folder)}{article.id}-{suffix}")


def build_dataset(extractions: Iterable[Extraction], resolution: Resolution, *, base: str = DEFAULT_BASE) -> Dataset:
    """The RDF dataset for a batch: one named graph per article plus the shared entity and period graphs."""
    iris = _Iris(base)
    dataset = bind_all(Dataset(), base)
    entities_graph = dataset.graph(iris.graph["entities"])
    for entity in resolution.entities:
        _add_entity(entities_graph, iris, entity)
    periods: set[Period] = set()
    for extraction in sorted(extractions, key=lambda x: x.article.id):
        graph = dataset.graph(iris.graph[extraction.article.id])
        periods |= _add_article(graph, iris, extraction, resolution)
    periods_graph = dataset.graph(iris.graph["periods"])
    for period in sorted(periods):
        _add_period(periods_graph, iris.period(period), period)
    return dataset


def union_graph(dataset: Dataset, base: str = DEFAULT_BASE) -> Graph:
    """Every triple of every named graph in one graph (what `graph.ttl` holds)."""
    union = bind_all(Graph(), base)
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        union.add((s, p, o))
    return union


def _add_entity(graph: Graph, iris: _Iris, entity: GraphEntity) -> None:
    iri = iris.entity(entity.id)
    classes = ENTITY_CLASSES.get(entity.type)
    if classes is None:
        raise ValueError(f"Unexpected entity type: {entity.type!r}")
    for rdf_class in classes:
        graph.add((iri, RDF.type, rdf_class))
    if entity.type == "Organization":
        unit = entity.parent is not None
        graph.add((iri, RDF.type, ORG.OrganizationalUnit if unit else ORG.FormalOrganization))
    for predicate in (SKOS.prefLabel, RDFS.label):
        graph.add((iri, predicate, Literal(entity.name, lang="zh")))
        if entity.en_label:
            graph.add((iri, predicate, Literal(entity.en_label, lang="en")))
    for variant in entity.variants:
        if variant != entity.name:
            graph.add((iri, SKOS.altLabel, Literal(variant, lang="zh")))
    for variant in entity.en_variants:
        if variant != entity.en_label:
            graph.add((iri, SKOS.altLabel, Literal(variant, lang="en")))
    if entity.parent is not None:
        graph.add((iri, ORG.unitOf, iris.entity(entity.parent)))
    for other in entity.same_as:
        graph.add((iri, OWL.sameAs, iris.entity(other)))


def _add_article(graph: Graph, iris: _Iris, extraction: Extraction, resolution: Resolution) -> set[Period]:
    article = extraction.article
    node = iris.article[article.id]
    graph.add((node, RDF.type, SCHEMA.NewsArticle))
    graph.add((node, RK.articleId, Literal(article.id)))
    for source in article.sources or (article.source,):
        graph.add((node, DCTERMS.source, Literal(source)))
    graph.add((node, SCHEMA.datePublished, Literal(article.date, datatype=XSD.date)))
    if article.page is not None:
        graph.add((node, RK.pageNumber, Literal(article.page)))
        graph.add((node, SCHEMA.printPage, Literal(str(article.page))))
    if article.column:
        graph.add((node, SCHEMA.printSection, Literal(article.column, lang="zh")))
    for text in article.texts:
        context = iris.text(article, text.lang)
        graph.add((node, SCHEMA.headline, Literal(text.title, lang=text.lang)))
        graph.add((node, RK.text, context))
        graph.add((context, RDF.type, NIF.Context))
        graph.add((context, NIF.isString, Literal(text.text)))
        graph.add((context, DCTERMS.language, Literal(text.lang)))
        graph.add((context, DCTERMS.isPartOf, node))
        if text.lang != "zh":
            graph.add((context, SCHEMA.translationOfWork, iris.text(article, "zh")))

    def entity_iri(key: str) -> URIRef:
        return iris.entity(resolution.links[(article.id, key)])

    for mention in extraction.mentions:
        entity = entity_iri(mention.entity)
        graph.add((node, SCHEMA.mentions, entity))
        span = iris.span(article, mention.lang, mention.start, mention.end)
        graph.add((span, RDF.type, RK.Mention))
        _add_string(graph, iris, article, span, mention.lang, mention.start, mention.end)
        graph.add((span, NIF.sentence, _add_sentence(graph, iris, article, mention.lang, mention.sentence)))
        graph.add((span, ITSRDF.taIdentRef, entity))
    if article.authors:
        for mention in extraction.mentions:
            if mention.lang == "zh" and mention.text in article.authors and _in_byline(article, mention.start):
                graph.add((node, SCHEMA.author, entity_iri(mention.entity)))

    for relation in extraction.relations:
        subject, obj = entity_iri(relation.subject), entity_iri(relation.object)
        predicate = RELATION_PROPERTIES.get(relation.predicate)
        if predicate is None:
            raise ValueError(f"Unexpected relation: {relation.predicate!r}")
        graph.add((subject, predicate, obj))
        ev = relation.evidence
        ends = f"{resolution.links[(article.id, relation.subject)]} {resolution.links[(article.id, relation.object)]}"
        digest = hashlib.sha1(ends.encode("utf-8")).hexdigest()[:8]
        assertion = iris.node("assertion", article, relation.predicate, ev.lang, ev.start, ev.end, digest)
        graph.add((assertion, RDF.type, RK.Assertion))
        graph.add((assertion, RDF.subject, subject))
        graph.add((assertion, RDF.predicate, predicate))
        graph.add((assertion, RDF.object, obj))
        graph.add((assertion, PROV.wasDerivedFrom, node))
        graph.add((assertion, RK.evidence, _add_evidence(graph, iris, article, ev)))

    periods: set[Period] = set()
    for statistic in extraction.statistics:
        periods |= _add_statistic(graph, iris, extraction, statistic, entity_iri)
    for activity in extraction.activities:
        campaign = entity_iri(activity.campaign)
        graph.add((campaign, RK.period, iris.period(activity.period)))
        periods.add(activity.period)
    for title in extraction.titles:
        person = entity_iri(title.person)
        graph.add((person, RK.honorificTitle, Literal(title.title, lang="zh")))
        ev = title.evidence
        award = iris.node("title", article, ev.lang, ev.start, ev.end)
        graph.add((award, RDF.type, RK.TitleAward))
        graph.add((award, RK.titleHolder, person))
        graph.add((award, RK.titleName, Literal(title.title, lang="zh")))
        graph.add((award, PROV.wasDerivedFrom, node))
        graph.add((award, RK.evidence, _add_evidence(graph, iris, article, ev)))
        if title.period is not None:
            graph.add((award, RK.period, iris.period(title.period)))
            periods.add(title.period)
    return periods


def _in_byline(article: Article, offset: int) -> bool:
    return any(p.kind == "byline" and p.start <= offset < p.end for p in article.zh.paragraphs)


def _add_statistic(graph: Graph, iris: _Iris, extraction: Extraction, statistic: Statistic, entity_iri) -> set[Period]:
    article = extraction.article
    ev = statistic.evidence
    node = iris.node("observation", article, ev.lang, ev.start, ev.end)
    graph.add((iris.article[article.id], SCHEMA.mentions, node))
    graph.add((node, RDF.type, SCHEMA.Observation))
    graph.add((node, RDF.type, RK.ReportedFigure))
    value = _number(statistic.value)
    graph.add((node, SCHEMA.value, value))
    if statistic.qualifier in ("more_than", "at_least"):
        graph.add((node, SCHEMA.minValue, value))
    elif statistic.qualifier == "less_than":
        graph.add((node, SCHEMA.maxValue, value))
    qualifier = QUALIFIERS.get(statistic.qualifier)
    if qualifier is None:
        raise ValueError(f"Unexpected qualifier: {statistic.qualifier!r}")
    graph.add((node, RK.qualifier, qualifier))
    if statistic.unit:
        graph.add((node, SCHEMA.unitText, Literal(statistic.unit)))
    if statistic.what:
        graph.add((node, SCHEMA.variableMeasured, Literal(statistic.what, lang="zh")))
    if statistic.what_en:
        graph.add((node, SCHEMA.variableMeasured, Literal(statistic.what_en, lang="en")))
    if statistic.surface:
        graph.add((node, RK.surface, Literal(statistic.surface, lang=ev.lang)))
    if statistic.subject is not None:
        graph.add((node, SCHEMA.observationAbout, entity_iri(statistic.subject)))
    graph.add((node, PROV.wasDerivedFrom, iris.article[article.id]))
    graph.add((node, RK.evidence, _add_evidence(graph, iris, article, ev)))
    if statistic.period is None:
        return set()
    graph.add((node, RK.period, iris.period(statistic.period)))
    return {statistic.period}


def _number(value: float) -> Literal:
    """Integers as xsd:integer, other numbers as xsd:decimal (exact, and readable in every store)."""
    if float(value).is_integer():
        return Literal(int(value))
    return Literal(Decimal(repr(float(value))), datatype=XSD.decimal)


def _add_string(graph: Graph, iris: _Iris, article: Article, span: URIRef, lang: str, start: int, end: int) -> None:
    graph.add((span, NIF.referenceContext, iris.text(article, lang)))
    graph.add((span, NIF.beginIndex, Literal(start, datatype=XSD.nonNegativeInteger)))
    graph.add((span, NIF.endIndex, Literal(end, datatype=XSD.nonNegativeInteger)))
    graph.add((span, NIF.anchorOf, Literal(article.text(lang).text[start:end])))


def _add_sentence(graph: Graph, iris: _Iris, article: Article, lang: str, index: int) -> URIRef:
    sentence = article.text(lang).sentences[index]
    node = iris.span(article, lang, sentence.start, sentence.end)
    graph.add((node, RDF.type, NIF.Sentence))
    _add_string(graph, iris, article, node, lang, sentence.start, sentence.end)
    return node


def _add_evidence(graph: Graph, iris: _Iris, article: Article, evidence: Evidence) -> URIRef:
    node = iris.span(article, evidence.lang, evidence.start, evidence.end)
    graph.add((node, RDF.type, RK.Evidence))
    _add_string(graph, iris, article, node, evidence.lang, evidence.start, evidence.end)
    graph.add((node, NIF.sentence, _add_sentence(graph, iris, article, evidence.lang, evidence.sentence)))
    return node


def _add_period(graph: Graph, iri: URIRef, period: Period) -> None:
    graph.add((iri, RDF.type, RK.Period))
    graph.add((iri, RDF.type, TIME.ProperInterval))
    graph.add((iri, RK.notation, Literal(period.label)))
    graph.add((iri, RDFS.label, Literal(period.label)))
    for predicate, day, suffix in ((TIME.hasBeginning, period.start, "start"), (TIME.hasEnd, period.end, "end")):
        instant = URIRef(f"{iri}-{suffix}")
        graph.add((iri, predicate, instant))
        graph.add((instant, RDF.type, TIME.Instant))
        graph.add((instant, TIME.inXSDDate, Literal(day, datatype=XSD.date)))
