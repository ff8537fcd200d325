"""Resolve stage: the entities of every article become graph entities, one per real-world thing, with stable ids.

Who is the same across articles:

* a **place** is its gazetteer entry (重庆 and 重庆市 alike);
* an **organisation** at the top is its name without leading places plus those places: 仪表厂 in an article
  that names 重庆 is 西安仪表厂; a short form joins a full form only when no place contradicts it, and an
  abbreviation (鞍钢) joins the one entity that has it as a variant;
* a **unit** is its name under its parent: two factories' 第一车间 are two entities;
* a **person** is their name and the units the articles put them in: 廖某 of one factory and 廖某 of another stay
  apart; a mention with no unit joins the only person of that name, if there is only one;
* a **campaign** is its name without quotes and descriptive words.

Ids are readable and derived only from kind and names: `person/liao-shigang`, `place/chongqing`,
`organization/chongqing-jianshe-jichuangchang--ershiwu-chejian` (unit after parent), and for people who share a
name, the top unit they belong to: `person/liao-shigang--shenyang-fengdong-gongjuchang`. The same input gives the
same ids in any order, and an entity keeps its id when other articles are added unless they reveal a namesake.

An alias file (`aliases.tsv`, see `Aliases`) lets a historian force a merge, forbid one, or set a label, without
touching code; merged ids are kept as `owl:sameAs` so links to them keep working.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import jieba

from kg.english import person_name, pinyin_syllables
from kg.extract import lexicon as lx
from kg.extract.entities import strip_places
from kg.extract.recognize import clean_campaign, head_of
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
    same_as: tuple[str, ...] = ()  # ids this entity absorbed (by an alias-file merge)


@dataclass(frozen=True)
class Resolution:
    """The graph entities, and for each (article id, local entity key) the graph entity id."""

    entities: tuple[GraphEntity, ...]
    links: dict[tuple[str, str], str]

    def entity(self, entity_id: str) -> GraphEntity:
        return next(e for e in self.entities if e.id == entity_id)


# ---------------------------------------------------------------------------------------------------------------
# The alias file


@dataclass(frozen=True)
class Aliases:
    """Curation without code: a TSV file, one decision per line, `#` for comments::

        same        Person        冯志远        廖仕刚            # one person, two spellings
        different   Organization  仪表厂    西安仪表厂    # not the same factory
        label       Place         旅大          en    Lüda        # preferred label

    Names are matched against an entity's Chinese name and variants. A person may be qualified by the unit the
    text puts them in: `冯志远@沈阳风动工具厂`.
    """

    same: tuple[tuple[str, str, str], ...] = ()
    different: tuple[tuple[str, str, str], ...] = ()
    labels: tuple[tuple[str, str, str, str], ...] = ()

    @classmethod
    def read(cls, path: str | Path) -> Aliases:
        same, different, labels = [], [], []
        for number, raw in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), start=1):
            line = raw.split("#", 1)[0].rstrip()
            if not line.strip():
                continue
            cells = [cell.strip() for cell in line.split("\t") if cell.strip()]
            action = cells[0].lower()
            if action in ("same", "different") and len(cells) == 4 and cells[1] in FOLDERS:
                (same if action == "same" else different).append((cells[1], cells[2], cells[3]))
            elif action == "label" and len(cells) == 5 and cells[1] in FOLDERS and cells[3] in ("zh", "en"):
                labels.append((cells[1], cells[2], cells[3], cells[4]))
            else:
                raise ValueError(
                    f"{path}:{number}: cannot read {raw.strip()!r} (expected `same|different TYPE "
                    "NAME NAME` or `label TYPE NAME zh|en LABEL`, tab-separated)"
                )
        return cls(tuple(same), tuple(different), tuple(labels))


# ---------------------------------------------------------------------------------------------------------------
# Resolution


@dataclass(eq=False)
class _Cluster:
    """Article entities found to be one thing."""

    type: str
    members: list[tuple[str, Entity]] = field(default_factory=list)
    parent: _Cluster | None = None
    affiliation: str = ""  # persons: the top unit that sets them apart from namesakes
    absorbed: set[str] = field(default_factory=set)
    pinned: str = ""  # the name that keeps its id after an alias-file merge

    def forms(self) -> set[str]:
        return {form for _, entity in self.members for form in (entity.name, *entity.variants)}

    def name(self) -> str:
        if self.pinned:
            return self.pinned
        names = [entity.name for _, entity in self.members]
        return max(sorted(set(names)), key=lambda n: (names.count(n) if self.type == "Campaign" else len(n), -len(n)))


def resolve(extractions: Iterable[Extraction], *, aliases: Aliases | None = None) -> Resolution:
    """One graph entity per real-world thing across all articles, with stable ids."""
    extractions = sorted(extractions, key=lambda x: x.article.id)
    aliases = aliases or Aliases()
    clusters: dict[tuple[str, str], _Cluster] = {}  # (article id, local key) -> cluster
    ordered: list[_Cluster] = []

    def join(article_id: str, entity: Entity, cluster: _Cluster | None) -> _Cluster:
        if cluster is None:
            cluster = _Cluster(entity.type)
            ordered.append(cluster)
        cluster.members.append((article_id, entity))
        clusters[(article_id, entity.key)] = cluster
        return cluster

    # Places, campaigns and top organisations first, by key; then units under their parents; then people.
    by_key: dict[tuple[str, str], _Cluster] = {}
    for extraction in extractions:
        for entity in sorted(extraction.entities, key=lambda e: e.key):
            if entity.type in ("Place", "Campaign") or (entity.type == "Organization" and entity.parent is None):
                key = (entity.type, _identity(entity, extraction))
                by_key[key] = join(extraction.article.id, entity, by_key.get(key))
    _join_short_forms(ordered, extractions, clusters, aliases)
    pending = [(x, e) for x in extractions for e in x.entities if e.type == "Organization" and e.parent is not None]
    while pending:
        rest = []
        for extraction, entity in pending:
            parent = clusters.get((extraction.article.id, entity.parent))
            if parent is None:
                rest.append((extraction, entity))
                continue
            key = (f"unit:{id(parent)}", _normal(entity.name))
            cluster = join(extraction.article.id, entity, by_key.get(key))
            cluster.parent = parent
            by_key[key] = cluster
        if len(rest) == len(pending):  # parents in a cycle: make them top-level
            for extraction, entity in rest:
                by_key.setdefault(("Organization", entity.name), join(extraction.article.id, entity, None))
            break
        pending = rest
    _resolve_people(extractions, clusters, ordered)
    _apply_same(ordered, clusters, aliases)
    return _finish(ordered, clusters, aliases)


def _identity(entity: Entity, extraction: Extraction) -> str:
    if entity.type == "Place":
        entry = lx.places().get(entity.name)
        return entry.name if entry else entity.name
    if entity.type == "Campaign":
        head = next((h for h in sorted(lx.CAMPAIGN_HEADS, key=len, reverse=True) if entity.name.endswith(h)), "")
        return clean_campaign(entity.name[: len(entity.name) - len(head)] if head else entity.name) + head
    return _normal(entity.name)


def _normal(name: str) -> str:
    """Quotes and spaces do not change an organisation's name."""
    return re.sub(r"[“”‘’\"'\s]", "", name)


def _join_short_forms(ordered: list[_Cluster], extractions: list[Extraction], clusters: dict, aliases: Aliases) -> None:
    """仪表厂 (in an article naming 重庆) joins 西安仪表厂; 鞍钢 joins the one entity with that variant."""
    places_of_article = {
        x.article.id: {
            lx.places().get(e.name).name if lx.places().get(e.name) else e.name for e in x.entities if e.type == "Place"
        }
        for x in extractions
    }
    tops = [c for c in ordered if c.type == "Organization"]
    full = {id(c): strip_places(c.name()) for c in tops}
    for short in sorted(tops, key=lambda c: (len(c.name()), c.name())):
        core, places = full[id(short)]
        article_places = set().union(*(places_of_article[a] for a, _ in short.members))
        options = []
        for other in tops:
            if other is short or not other.members:
                continue
            other_core, other_places = full[id(other)]
            if _forbidden(aliases, "Organization", short.forms(), other.forms()):
                continue
            if core == other_core and places < other_places and (other_places - places) & article_places:
                options.append(other)  # the article names the place the fuller name starts with
            elif len(short.name()) == 2 and short.name() in other.forms() and head_of(short.name()) is None:
                options.append(other)
        if len(options) == 1:
            target = options[0]
            for article_id, entity in short.members:
                target.members.append((article_id, entity))
                clusters[(article_id, entity.key)] = target
            short.members.clear()
    ordered[:] = [c for c in ordered if c.members]


def _forbidden(aliases: Aliases, kind: str, forms_a: set[str], forms_b: set[str]) -> bool:
    return any(
        k == kind and ((a in forms_a and b in forms_b) or (a in forms_b and b in forms_a))
        for k, a, b in aliases.different
    )


def _resolve_people(extractions: list[Extraction], clusters: dict, ordered: list[_Cluster]) -> None:
    """People of one name are one person unless the units the articles put them in say otherwise."""
    by_name: dict[str, list[_Cluster]] = defaultdict(list)
    unaffiliated: list[tuple[str, Entity]] = []
    for extraction in extractions:
        for entity in sorted(extraction.entities, key=lambda e: e.key):
            if entity.type != "Person":
                continue
            units = {
                _top(clusters[(extraction.article.id, r.object)])
                for r in extraction.relations
                if r.predicate == "memberOf"
                and r.subject == entity.key
                and (extraction.article.id, r.object) in clusters
            }
            if not units:
                unaffiliated.append((extraction.article.id, entity))
                continue
            cluster = next((c for c in by_name[entity.name] if c.affiliation in {u.name() for u in units}), None)
            if cluster is None:
                cluster = _Cluster("Person", affiliation=sorted(u.name() for u in units)[0])
                by_name[entity.name].append(cluster)
                ordered.append(cluster)
            cluster.members.append((extraction.article.id, entity))
            clusters[(extraction.article.id, entity.key)] = cluster
    for article_id, entity in unaffiliated:
        namesakes = by_name[entity.name]
        if len(namesakes) == 1:
            cluster = namesakes[0]
        else:
            cluster = next((c for c in namesakes if not c.affiliation), None)
            if cluster is None:
                cluster = _Cluster("Person")
                by_name[entity.name].append(cluster)
                ordered.append(cluster)
        cluster.members.append((article_id, entity))
        clusters[(article_id, entity.key)] = cluster
    for namesakes in by_name.values():
        if len(namesakes) == 1:
            namesakes[0].affiliation = ""  # no namesake: the name alone is the id


def _top(cluster: _Cluster) -> _Cluster:
    while cluster.parent is not None:
        cluster = cluster.parent
    return cluster


def _apply_same(ordered: list[_Cluster], clusters: dict, aliases: Aliases) -> None:
    """Merges forced by the alias file; the absorbed entity's id is kept for owl:sameAs."""
    for kind, a, b in aliases.same:
        first = _find(ordered, kind, a)
        second = _find(ordered, kind, b)
        if first is None or second is None or first is second:
            continue
        keep, gone = sorted((first, second), key=lambda c: _base_id(c))
        keep.pinned = keep.name()
        keep.absorbed.add(_base_id(gone))
        for article_id, entity in gone.members:
            keep.members.append((article_id, entity))
            clusters[(article_id, entity.key)] = keep
        for other in ordered:
            if other.parent is gone:
                other.parent = keep
        gone.members.clear()
    ordered[:] = [c for c in ordered if c.members]


def _find(ordered: list[_Cluster], kind: str, name: str) -> _Cluster | None:
    name, _, unit = name.partition("@")
    for cluster in ordered:
        if cluster.type == kind and name in cluster.forms() and (not unit or unit in _top_names(cluster)):
            return cluster
    return None


def _top_names(cluster: _Cluster) -> set[str]:
    names = {cluster.affiliation} if cluster.affiliation else set()
    top = _top(cluster)
    return names | (top.forms() if top is not cluster else set())


def _base_id(cluster: _Cluster) -> str:
    name = cluster.name()
    if cluster.type == "Person":
        own = slug(name, kind="Person")
        return f"person/{own}--{slug(cluster.affiliation)}" if cluster.affiliation else f"person/{own}"
    own = slug(_identity_name(cluster), kind=cluster.type)
    if cluster.parent is not None:
        return f"{_base_id(cluster.parent)}--{own}"
    return f"{FOLDERS[cluster.type]}/{own}"


def _identity_name(cluster: _Cluster) -> str:
    if cluster.type == "Place":
        entry = lx.places().get(cluster.name())
        return entry.short or entry.name if entry else cluster.name()
    if cluster.type == "Campaign":
        return re.sub(r"[“”‘’\"']", "", cluster.name())
    return cluster.name()


def _finish(ordered: list[_Cluster], clusters: dict, aliases: Aliases) -> Resolution:
    ids: dict[int, str] = {}
    for cluster in sorted(ordered, key=_base_id):
        ids[id(cluster)] = _base_id(cluster)
    labels = {(kind, name, lang): label for kind, name, lang, label in aliases.labels}
    entities = []
    for cluster in ordered:
        name = cluster.name()
        members = [e for _, e in cluster.members]
        en_labels = sorted({e.en_label for e in members if e.en_label})
        best_en = _most_common([e.en_label for e in members if e.en_label]) or ""
        forms = cluster.forms()
        for (kind, target, lang), label in sorted(labels.items()):
            if kind == cluster.type and target in forms:
                if lang == "zh":
                    name = label
                else:
                    best_en = label
        entities.append(
            GraphEntity(
                id=ids[id(cluster)],
                type=cluster.type,
                name=name,
                en_label=best_en,
                variants=tuple(sorted(forms - {name})),
                en_variants=tuple(sorted(({v for e in members for v in e.en_variants} | set(en_labels)) - {best_en})),
                parent=ids[id(cluster.parent)] if cluster.parent is not None else None,
                same_as=tuple(sorted(cluster.absorbed - {ids[id(cluster)]})),
            )
        )
    links = {key: ids[id(cluster)] for key, cluster in clusters.items() if cluster.members}
    return Resolution(tuple(sorted(entities, key=lambda e: e.id)), links)


def _most_common(values: list[str]) -> str | None:
    if not values:
        return None
    return max(sorted(set(values)), key=lambda v: (values.count(v), len(v)))


# ---------------------------------------------------------------------------------------------------------------
# Slugs


def slug(name: str, *, kind: str = "") -> str:
    """A readable ASCII slug for a Chinese name: pinyin, one hyphen-separated word per word of the name
    (`冯志远` → `liao-shigang`, `西安仪表厂` → `chongqing-jianshe-jichuangchang`). Long names are cut and
    end in a short hash of the whole name, so they stay unique."""
    if kind == "Person":
        words = [person_name(name)]
    else:
        words = ["".join(pinyin_syllables(word)) for word in jieba.cut(name) if word.strip()]
    text = "-".join(words).lower()
    text = re.sub(r"[^a-z0-9]+", "-", text.replace("ü", "v")).strip("-")
    if not text or len(text) > 60:
        digest = hashlib.sha1(name.encode("utf-8")).hexdigest()[:8]
        text = f"{text[:50].rstrip('-')}-{digest}".strip("-")
    return text
