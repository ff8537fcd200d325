"""Bilingual alignment: the English mentions of the Chinese entities, in the translation's own words.

For every entity the English forms we would expect (`kg.english`: pinyin for people and places, old spellings,
numerals for units, a lexicon of generic parts) are compared with the phrases of the translation that could name
it — runs of capitalised words, lower-case unit phrases (`the tool section`), quoted slogans and the phrases
around *movement*, *campaign*, *competition* — by the overlap of their words. The best phrase names the entity in
English (its `@en` label, `Workshop 25` rather than a made-up `No. 25 Workshop`), and every phrase assigned is an
English mention with its offsets, evidence like a Chinese one.

What is left over is the translation check users ask for: Chinese entities the translation never names, and
names in the translation that no Chinese entity accounts for.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from kg.english import english_label, english_variants
from kg.model import Article, Entity, Mention

#: Words that carry no name (left out when comparing phrases).
STOPWORDS = frozenset(
    [
        "the",
        "a",
        "an",
        "of",
        "and",
        "to",
        "in",
        "on",
        "at",
        "for",
        "by",
        "with",
        "from",
        "as",
        "its",
        "their",
        "this",
        "that",
        "these",
        "those",
    ]
)
#: English heads that say the same thing, so `Machine Works` can align with `Machine Factory`.
HEAD_CLASSES = (
    {"factory", "plant", "works", "mill", "ironworks", "steelworks"},
    {"company", "corporation"},
    {"workshop", "shop"},
    {"section", "department", "division"},
    {"group", "team", "crew", "squad"},
    {"committee"},
    {"bureau", "administration"},
    {"agency"},
    {"mine", "colliery", "pit"},
    {"daily", "newspaper"},
    {"movement", "campaign", "drive", "competition", "emulation", "upsurge", "activities", "activity", "contest"},
)
_ORDINALS = {"first": "1", "second": "2", "third": "3", "fourth": "4", "fifth": "5", "sixth": "6", "seventh": "7",
             "eighth": "8", "ninth": "9", "tenth": "10"}  # fmt: skip
_UNIT_HEADS = ("workshop", "section", "group", "team", "plant", "factory", "mill", "department", "committee",
               "brigade", "crew", "shift", "laboratory", "office", "bureau", "works", "mine")  # fmt: skip
_CAMPAIGN_HEADS = ("movement", "movements", "campaign", "campaigns", "competition", "drive", "emulation",
                   "upsurge", "activities", "contest")  # fmt: skip
_LEFT_STOPS = frozenset(
    [
        "the",
        "a",
        "an",
        "this",
        "that",
        "these",
        "those",
        "its",
        "their",
        "our",
        "his",
        "her",
        "all",
        "every",
        "each",
        "of",
        "in",
        "on",
        "to",
        "by",
        "with",
        "or",
        "for",
        "from",
        "as",
        "be",
        "is",
        "was",
        "were",
        "launched",
        "launch",
        "launching",
        "carried",
        "carrying",
        "out",
        "promoted",
        "pushed",
        "same",
        "vigorous",
    ]
)
_CAPITALISED = re.compile(
    r"(?:No\.\s?\d+\s)?[A-Z][\w'’-]*(?:\s(?:of|and|the|for|No\.|\d+(?:st|nd|rd|th)?|[A-Z][\w'’-]*))*"
)
_MIN_SCORE = {"Person": 0.99, "Place": 0.99, "Organization": 0.6, "Campaign": 0.5}


@dataclass(frozen=True)
class Window:
    """A phrase of the English text that could name an entity."""

    start: int
    end: int
    text: str
    kind: str  # "name" (capitalised), "unit" (lower-case unit phrase) or "campaign"


def tokens(text: str) -> tuple[str, ...]:
    """Comparable words: lower case, no apostrophes, hyphenated parts split, plural -s off, ordinals as digits."""
    found = []
    for raw in re.findall(r"[A-Za-z'’]+|\d+", text.replace("-", " ")):
        word = raw.lower().replace("'", "").replace("’", "")
        word = re.sub(r"^(\d+)(?:st|nd|rd|th)$", r"\1", word)
        word = _ORDINALS.get(word, word)
        if word in STOPWORDS or word == "no":
            continue
        found.append(_stem(word))
    return tuple(found)


def _stem(word: str) -> str:
    """A crude English stem, enough to match `comparison` with `compare` and `catching up` with `catch up`."""
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    for suffix in ("ation", "ison", "ing", "ion", "ed", "e"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def _head_class(word: str) -> set[str]:
    return next((cls for cls in HEAD_CLASSES if word in cls or word.rstrip("s") in cls), {word})


def _score(window: tuple[str, ...], expected: tuple[str, ...], kind: str) -> float:
    """How well a phrase matches an expected English form (F1 over words; heads and numbers must agree)."""
    if not window or not expected:
        return 0.0
    if kind in ("Organization", "Campaign") and window[-1] not in _head_class(expected[-1]) and kind == "Organization":
        return 0.0
    numbers = {w for w in expected if w.isdigit()}
    if numbers != {w for w in window if w.isdigit()}:
        return 0.0
    common = sum(min(window.count(w), expected.count(w)) for w in set(window))
    if kind == "Organization" and len(expected) > 1 and common <= 1:
        return 0.0  # a bare head (Group) names nothing
    if kind in ("Person", "Place"):
        return 1.0 if window == expected else 0.0
    precision, recall = common / len(window), common / len(expected)
    return 0.0 if common == 0 else 2 * precision * recall / (precision + recall)


def windows(text: str) -> list[Window]:
    """Every phrase of the English text that could name an entity."""
    found: set[Window] = set()
    for match in _CAPITALISED.finditer(text):
        words = list(re.finditer(r"\S+", match.group(0)))
        for i, first in enumerate(words):
            if first.group(0) in ("of", "and", "the", "for"):
                continue
            for last in words[i:]:
                if last.group(0) in ("of", "and", "the", "for"):
                    continue
                start, end = match.start() + first.start(), match.start() + last.end()
                found.add(Window(start, end, text[start:end], "name"))
    heads = "|".join(_UNIT_HEADS)
    for match in re.finditer(rf"\b((?:[a-z][\w-]*\s){{1,3}}(?:{heads})s?)\b", text):
        phrase_words = list(re.finditer(r"\S+", match.group(1)))
        for first in phrase_words[:-1]:
            if first.group(0) in _LEFT_STOPS:
                continue
            start = match.start(1) + first.start()
            found.add(Window(start, match.end(1), text[start : match.end(1)], "unit"))
    found |= _campaign_windows(text)
    return sorted(found, key=lambda w: (w.start, w.end))


def _campaign_windows(text: str) -> set[Window]:
    found: set[Window] = set()
    for match in re.finditer(r"[\"“]([^\"”]{2,60})[\"”]", text):  # quoted slogans, with a head after them
        found.add(Window(match.start(1), match.end(1), match.group(1).rstrip(",. "), "campaign"))
        after = re.match(rf"\s({'|'.join(_CAMPAIGN_HEADS)})\b", text[match.end() :])
        if after:
            end = match.end() + after.end()
            found.add(Window(match.start(), end, text[match.start() : end], "campaign"))
    for match in re.finditer(rf"\b({'|'.join(_CAMPAIGN_HEADS)})\b", text):
        left = list(re.finditer(r"[\w'’\"“”-]+", text[max(0, match.start() - 80) : match.start()]))
        offset = max(0, match.start() - 80)
        starts = [match.start()]
        for word in reversed(left):
            between = text[offset + word.end() : starts[-1]]
            if word.group(0).lower() in _LEFT_STOPS or re.search(r"[,.;:()]", between):
                break
            starts.append(offset + word.start())
        ends = [match.end()]
        complement = re.match(
            r"\s(?:of|to|for|centered on|centred on|in|against)\s[^.;:()]{2,160}", text[match.end() :]
        )
        if complement:  # an enumeration after the head may hold commas: end at each, and at to/which/that
            chunk = complement.group(0)
            cuts = [m.start() for m in re.finditer(r",\s(?!and\s)|\s(?:to|in|which|that|so|not)\s", chunk)]
            ends += [match.end() + cut for cut in cuts if cut > 4] + [match.end() + len(chunk.rstrip(", "))]
        for start in starts:
            for end in ends:
                found.add(Window(start, end, text[start:end].rstrip(", "), "campaign"))
    return found


def _expected(entity: Entity) -> list[tuple[str, ...]]:
    forms = {entity.en_label, *entity.en_variants}
    for zh in (entity.name, *entity.variants):
        forms.add(english_label(zh, entity.type))
        forms.update(english_variants(zh, entity.type))
    return [t for t in {tokens(f) for f in forms if f} if t]


def align(article: Article, entities: Iterable[Entity]) -> tuple[list[Entity], list[Mention], list[str]]:
    """English mentions and labels for the entities of a bilingual article, and the translation check.

    Returns the entities (with `en_label` from the translation where it names them, other English forms in
    `en_variants`), the English mentions, and one note per Chinese entity the translation does not name and per
    name in the translation that no entity accounts for.
    """
    entities = list(entities)
    if article.en is None:
        return entities, [], []
    text = article.en.text
    candidates = windows(text)
    scored: list[tuple[float, int, Window, Entity]] = []
    for entity in entities:
        expected = _expected(entity)
        allowed = {
            "Person": ("name",),
            "Place": ("name",),
            "Organization": ("name", "unit"),
            "Campaign": ("campaign",),
        }[entity.type]
        for window in candidates:
            if window.kind not in allowed:
                continue
            words = tokens(window.text)
            score = max((_score(words, e, entity.type) for e in expected), default=0.0)
            if score >= _MIN_SCORE[entity.type]:
                scored.append((score, window.end - window.start, window, entity))
    # Phrases of one kind do not overlap; a place may sit inside a unit's name, a person inside a campaign's.
    taken: dict[str, list[tuple[int, int]]] = {kind: [] for kind in ("Person", "Place", "Organization", "Campaign")}
    found: dict[str, list[tuple[float, Window]]] = {}
    for score, _, window, entity in sorted(scored, key=lambda t: (-t[0], -t[1], t[2].start, t[3].key)):
        family = taken[entity.type]
        if any(s < window.end and window.start < e for s, e in family):
            continue
        family.append((window.start, window.end))
        found.setdefault(entity.key, []).append((score, window))
    names = taken["Person"] + taken["Place"] + taken["Organization"]
    _align_by_position(article, entities, candidates, names, found)
    mentions: list[Mention] = []
    aligned: list[Entity] = []
    notes: list[str] = []
    for entity in entities:
        hits = found.get(entity.key, [])
        if not hits:
            aligned.append(entity)
            notes.append(f"no English mention\t{entity.type}\t{entity.name}\t{entity.en_label}")
            continue
        best = max(hits, key=lambda h: (h[0], h[1].end - h[1].start, -h[1].start))[1]
        label = _clean_label(best.text)
        others = sorted({_clean_label(h[1].text) for h in hits} - {label})
        en_variants = tuple(sorted({*entity.en_variants, *others, entity.en_label} - {label, ""}))
        aligned.append(replace(entity, en_label=label, en_variants=en_variants))
        for _, window in hits:
            mentions.append(
                Mention("en", window.start, window.end, window.text, entity.key, article.en.sentence_at(window.start))
            )
    for window in _unaccounted_names(article, candidates, names):
        notes.append(f"no Chinese entity\tName\t\t{window.text}")
    return aligned, sorted(mentions), notes


_MONTHS = frozenset(
    [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ]
)


def _clean_label(text: str) -> str:
    """A phrase as a label: no trailing punctuation, and no quote mark left without its pair."""
    text = re.sub(r"[,;:.]+([\"”])$", r"\1", text.strip()).rstrip(",;:.")
    for quote in ('"', "“", "”"):
        if text.count('"') % 2 or text.count("“") != text.count("”"):
            text = text.replace(quote, "")
    return text.strip(" ,")


def _unaccounted_names(article: Article, candidates: list[Window], taken: list[tuple[int, int]]) -> list[Window]:
    """Runs of capitalised words the translation uses as names, that no Chinese entity accounts for: not the
    headline, not a sentence's first word alone, not a date."""
    text = article.en.text
    body_start = min((p.start for p in article.en.paragraphs if p.kind == "body"), default=0)
    runs = []
    for match in _CAPITALISED.finditer(text, body_start):
        words = [w for w in match.group(0).split() if w.lower() not in STOPWORDS]
        sentence_start = match.start() == 0 or text[max(0, match.start() - 2) : match.start()].strip() in (".", "", "–")
        if not words or (sentence_start and len(words) < 2) or any(w.lower().strip(",") in _MONTHS for w in words):
            continue
        if re.search(r"\d", match.group(0)) or any(s < match.end() and match.start() < e for s, e in taken):
            continue
        if len(words) == 1 and re.search(rf"\b{re.escape(words[0].lower())}\b", text):
            continue  # a common word capitalised at a sentence start (According, Whoever)
        phrase = re.sub(r"(?:\s(?:and|of|the|for))+$", "", match.group(0))
        runs.append(Window(match.start(), match.start() + len(phrase), phrase, "name"))
    return runs


def _align_by_position(
    article: Article,
    entities: list[Entity],
    candidates: list[Window],
    taken: list[tuple[int, int]],
    found: dict[str, list[tuple[float, Window]]],
) -> None:
    """A unit the translation names in its own words (红领巾小组 → Clever Girls Group): an unclaimed capitalised
    phrase with the same kind of head, closest to where the Chinese names it (as a share of the text)."""
    zh_length, en_length = len(article.zh.text) or 1, len(article.en.text) or 1
    for entity in entities:
        if entity.type != "Organization" or entity.key in found:
            continue
        expected = _expected(entity)
        heads = set().union(*(_head_class(e[-1]) for e in expected)) if expected else set()
        position = article.zh.text.find(entity.name) / zh_length
        options = [
            w
            for w in _unaccounted_names(article, candidates, taken)
            if len(tokens(w.text)) >= 2 and tokens(w.text)[-1] in heads
        ]
        if not options:
            continue
        best = min(options, key=lambda w: (abs(w.start / en_length - position), w.start))
        if abs(best.start / en_length - position) > 0.25:
            continue
        same = [w for w in options if w.text == best.text]
        found[entity.key] = [(0.5, w) for w in same]
        taken.extend((w.start, w.end) for w in same)
