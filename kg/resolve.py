"""Resolve stage: the entities of every article become graph entities with one stable id each.

The id is the entity kind's folder plus a readable slug of its canonical Chinese name in pinyin
(`person/liao-shigang`); it depends only on the name, never on input order or on the other articles.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from kg.english import pinyin_syllables
from kg.model import Extraction

#: Folder of the IRI per entity kind.
FOLDERS = {"Person": "person", "Organization": "organization", "Place": "place", "Campaign": "campaign"}


@dataclass(frozen=True)
class GraphEntity:
    """One real-world thing across the whole build: its id (`person/liao-shigang`), labels and variants."""

    id: str
    type: str
    name: str
    en_label: str
    variants: tuple[str, ...]
    en_variants: tuple[str, ...]
    parent: str | None = None  # id of the unit this one belongs to (units are identified with their parent)


@dataclass(frozen=True)
class Resolution:
    """The graph entities, and for each (article id, local entity key) the graph entity id."""

    entities: tuple[GraphEntity, ...]
    links: dict[tuple[str, str], str]


def resolve(extractions: Iterable[Extraction]) -> Resolution:
    """Merge entities with the same kind and canonical name across articles."""
    groups: dict[tuple[str, str], list[tuple[str, object]]] = defaultdict(list)
    for extraction in extractions:
        for entity in extraction.entities:
            groups[(entity.type, entity.name)].append((extraction.article.id, entity))
    entities: list[GraphEntity] = []
    links: dict[tuple[str, str], str] = {}
    for (kind, name), members in sorted(groups.items()):
        entity_id = f"{FOLDERS[kind]}/{slug(name)}"
        variants = sorted({v for _, e in members for v in e.variants})
        en_labels = sorted({e.en_label for _, e in members if e.en_label})
        en_variants = sorted({v for _, e in members for v in e.en_variants} | set(en_labels[1:]))
        entities.append(
            GraphEntity(entity_id, kind, name, en_labels[0] if en_labels else "", tuple(variants), tuple(en_variants))
        )
        for article_id, entity in members:
            links[(article_id, entity.key)] = entity_id
    return Resolution(tuple(sorted(entities, key=lambda e: e.id)), links)


def slug(name: str) -> str:
    """A readable ASCII slug for a Chinese name: toneless pinyin, words joined by hyphens."""
    syllables = [s.lower() for s in pinyin_syllables(name)]
    text = "-".join(s for s in syllables if s)
    text = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    if not text or len(text) > 80:
        digest = hashlib.sha1(name.encode("utf-8")).hexdigest()[:10]
        text = f"{text[:60].rstrip('-')}-{digest}".strip("-")
    return text
