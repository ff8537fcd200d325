"""The namespace module mirrors the ontology file, and a misspelt term fails loudly."""

from __future__ import annotations

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDFS

from kg.namespaces import RK, RK_IRI, SCHEMA

from .conftest import REPO


def test_rk_mirrors_the_ontology() -> None:
    ontology = Graph().parse(REPO / "ontology" / "rmrb-kg.ttl")
    declared = {str(s) for s in ontology.subjects() if isinstance(s, URIRef) and str(s).startswith(RK_IRI)}
    mirrored = {str(RK[name]) for name in RK.__annotations__}
    assert declared == mirrored


def test_every_term_has_english_and_chinese_label_and_comment() -> None:
    ontology = Graph().parse(REPO / "ontology" / "rmrb-kg.ttl")
    for name in RK.__annotations__:
        term = RK[name]
        for predicate in (RDFS.label, RDFS.comment):
            languages = {o.language for o in ontology.objects(term, predicate)}
            assert {"en", "zh"} <= languages, (name, predicate)


def test_misspelt_terms_fail() -> None:
    with pytest.raises(AttributeError):
        _ = RK.emulationTarg
    with pytest.raises(AttributeError):
        _ = SCHEMA.observationAbuot
