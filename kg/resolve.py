"""Resolve stage: the entities of every article become graph entities with one stable id each.

The id is the entity kind's folder plus a readable slug of its canonical Chinese name in pinyin
(`person/liao-shigang`); it depends only on the name, never on input order or on the other articles.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace

from kg.english import pinyin_syllables
from kg.model import Entity, Extraction

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
    """Merge entities with the same kind and canonical name across articles; units also need the same parent."""
    extractions = list(extractions)
    links: dict[tuple[str, str], str] = {}
    members: dict[str, list[Entity]] = defaultdict(list)
    pending = [(x.article.id, e) for x in extractions for e in x.entities]
    # parents first, so that a unit's id can include its parent's
    while pending:
        progress = False
        rest = []
        for article_id, entity in pending:
            parent_id = None
            if entity.parent is not None:
                parent_id = links.get((article_id, entity.parent))
                if parent_id is None:
                    rest.append((article_id, entity))
                    continue
            base = f"{FOLDERS[entity.type]}/{slug(entity.name)}"
            entity_id = f"{parent_id}--{slug(entity.name)}" if parent_id else base
            links[(article_id, entity.key)] = entity_id
            members[entity_id].append(entity)
            progress = True
        if not progress:  # a cycle of parents: drop the parents rather than loop
            rest = [(a, replace(e, parent=None)) for a, e in rest]
        pending = rest
    entities = []
    for entity_id, group in sorted(members.items()):
        first = min(group, key=lambda e: (-len(e.name), e.name))
        variants = sorted({v for e in group for v in (e.name, *e.variants)} - {first.name})
        en_labels = sorted({e.en_label for e in group if e.en_label})
        en_variants = sorted({v for e in group for v in e.en_variants} | set(en_labels[1:]))
        parent = entity_id.rsplit("--", 1)[0] if "--" in entity_id else None
        entities.append(
            GraphEntity(
                entity_id,
                first.type,
                first.name,
                first.en_label or (en_labels or [""])[0],
                tuple(variants),
                tuple(en_variants),
                parent,
            )
        )
    return Resolution(tuple(entities), links)


def slug(name: str) -> str:
    """A readable ASCII slug for a Chinese name: toneless pinyin, words joined by hyphens."""
    syllables = [s.lower() for s in pinyin_syllables(name)]
    text = "-".join(s for s in syllables if s)
    text = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    if not text or len(text) > 80:
        digest = hashlib.sha1(name.encode("utf-8")).hexdigest()[:10]
        text = f"{text[:60].rstrip('-')}-{digest}".strip("-")
    return text
