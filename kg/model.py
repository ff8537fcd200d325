"""The plain, frozen records that pass between the stages of the flow.

read → extract → resolve → build RDF → export/view/query. No stage hands RDF to another: RDF appears only in
`kg.build`. Every record is hashable and sorts deterministically, so the same input always gives the same output.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

#: The four entity kinds the graph knows (see ../shared/CONTRACT.md).
ENTITY_TYPES = ("Person", "Organization", "Place", "Campaign")
#: Relation names, mapped to RDF properties in `kg.build`.
RELATION_TYPES = ("memberOf", "subOrganizationOf", "locatedIn", "containedInPlace", "emulationTarget", "launchedBy")


@dataclass(frozen=True, order=True)
class Span:
    """A half-open character range `[start, end)` into one canonical text (Python code points, NFC)."""

    start: int
    end: int


@dataclass(frozen=True)
class Paragraph:
    """A block of one canonical text.

    `kind` is headline, byline, body, heading (a short sub-heading line), caption (of a photo), credit (the
    photographer's `…摄`) or signature (an author's name closing the article, `（王立新）`).
    """

    kind: str
    start: int
    end: int


@dataclass(frozen=True)
class Text:
    """One language version of an article: its canonical text and the structure found in it.

    The canonical text is the headline lines, then the paragraphs, one per line (`\\n`), NFC-normalised, with
    the archive's indentation and line-ending quirks removed. All offsets in the graph point into it.
    """

    lang: str
    text: str
    paragraphs: tuple[Paragraph, ...]
    sentences: tuple[Span, ...]

    @property
    def title(self) -> str:
        """The headline lines joined by two spaces, as the archive writes them."""
        return "  ".join(self.text[p.start : p.end] for p in self.paragraphs if p.kind == "headline")

    def sentence_at(self, offset: int) -> int:
        """Index of the sentence holding `offset` (the last one that starts at or before it)."""
        low, high = 0, len(self.sentences) - 1
        while low < high:
            mid = (low + high + 1) // 2
            if self.sentences[mid].start <= offset:
                low = mid
            else:
                high = mid - 1
        return low


@dataclass(frozen=True)
class Article:
    """One input article. `id` derives from date, page and Chinese title, never from the file path."""

    id: str
    source: str
    path: str
    date: dt.date
    page: int | None
    column: str
    author_line: str
    authors: tuple[str, ...]
    zh: Text
    en: Text | None = None
    sources: tuple[str, ...] = ()  # every file name that held this article (usually just `source`)

    def text(self, lang: str) -> Text:
        """The text in `lang`; raises KeyError when the article has no such version."""
        found = self.zh if lang == "zh" else self.en if lang == "en" else None
        if found is None:
            raise KeyError(f"{self.source} has no {lang!r} text")
        return found

    @property
    def texts(self) -> tuple[Text, ...]:
        return (self.zh,) if self.en is None else (self.zh, self.en)


@dataclass(frozen=True, order=True)
class Evidence:
    """Where a fact is stated: language, sentence index and character range in that language's text."""

    lang: str
    sentence: int
    start: int
    end: int


@dataclass(frozen=True, order=True)
class Mention:
    """One surface form of an entity in one text. `entity` is the article-local entity key."""

    lang: str
    start: int
    end: int
    text: str
    entity: str
    sentence: int


@dataclass(frozen=True)
class Entity:
    """An entity as one article knows it: `key` is local to the article (e.g. `Organization:二十五车间`).

    `name` is the fullest Chinese form, `variants` every Chinese surface form, `en_label` the English label
    (the translation's wording where there is one), `en_variants` further English forms.
    `parent` is the key of the unit this one belongs to, when the article names it.
    """

    key: str
    type: str
    name: str
    variants: tuple[str, ...] = ()
    en_label: str = ""
    en_variants: tuple[str, ...] = ()
    parent: str | None = None


@dataclass(frozen=True, order=True)
class Period:
    """A calendar interval a fact refers to, resolved against the article date."""

    start: dt.date
    end: dt.date
    label: str  # stable notation: 1959, 1959-Q1, 1959-03, 1959-03-11/1959-03-20, ...


@dataclass(frozen=True, order=True)
class Relation:
    """A typed link between two article-local entities, with the words that state it."""

    subject: str
    predicate: str
    object: str
    evidence: Evidence


@dataclass(frozen=True)
class Title:
    """An honorific title (先进生产者, 革新能手 …) held by a person, with its period when stated."""

    person: str
    title: str
    evidence: Evidence
    period: Period | None = None


@dataclass(frozen=True, order=True)
class Activity:
    """A campaign active in a period, as a sentence that names both says (从7月起…展开了…运动)."""

    campaign: str
    period: Period
    evidence: Evidence


@dataclass(frozen=True)
class Statistic:
    """A reported figure: value, qualifier (exact/more_than/about/at_least/less_than), unit and what is counted."""

    value: float
    qualifier: str
    unit: str
    what: str
    evidence: Evidence
    subject: str | None = None
    period: Period | None = None
    what_en: str = ""
    surface: str = ""


@dataclass(frozen=True)
class Extraction:
    """Everything the extract stage found in one article."""

    article: Article
    entities: tuple[Entity, ...]
    mentions: tuple[Mention, ...]
    relations: tuple[Relation, ...] = ()
    statistics: tuple[Statistic, ...] = ()
    titles: tuple[Title, ...] = ()
    activities: tuple[Activity, ...] = ()
    notes: tuple[str, ...] = field(default=())

    def entity(self, key: str) -> Entity:
        for entity in self.entities:
            if entity.key == key:
                return entity
        raise KeyError(key)
