"""Recognisers: candidate mentions of people, organisations, places and campaigns in one Chinese text.

Each recogniser is a pure function of the text and its jieba words (with part-of-speech tags) and returns
`Candidate`s with character offsets. They may overlap (a place inside an organisation's name, a person inside a
campaign's); `kg.extract.entities` decides what they refer to. Rules use only the generic lexicons of
`kg.extract.lexicon`, never a name taken from an article.
"""

from __future__ import annotations

import logging
import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cache

import jieba
import jieba.posseg

from kg.extract import lexicon as lx

jieba.setLogLevel(logging.WARNING)

HAN = r"\u4e00-\u9fff"
_HAN_RE = re.compile(f"[{HAN}]")
#: Characters that end a name on either side.
_BOUNDARY = set("，。；：、！？“”‘’「」『』（）()《》〈〉,.;:!?\n\u3000 　—…·")


@dataclass(frozen=True, order=True)
class Word:
    """A jieba word with its offsets and part-of-speech tag."""

    start: int
    end: int
    text: str
    tag: str


@dataclass(frozen=True, order=True)
class Candidate:
    """A possible mention: offsets, kind, and how it was found (`source`), plus organisation details.

    `head` is the organisation head (厂, 车间 …) and `level` its depth; `parent` is the span of an organisation
    the text names as this one's parent (二十五车间 in 二十五车间的红领巾小组), when there is one.
    """

    start: int
    end: int
    label: str
    source: str
    head: str = ""
    level: int = 0
    parent: tuple[int, int] | None = None
    name: str = ""  # the full name when the text elides part of it (第一、第三轧钢厂 → 第一轧钢厂)


class Words:
    """The jieba words of a text, with lookups by offset."""

    def __init__(self, text: str) -> None:
        self.text = text
        found: list[Word] = []
        offset = 0
        for line in text.split("\n"):
            for piece in jieba.posseg.cut(line):
                found.append(Word(offset, offset + len(piece.word), piece.word, piece.flag))
                offset += len(piece.word)
            offset += 1
        self.words = found
        self._starts = [w.start for w in found]
        self.starts = set(self._starts)
        self.ends = {w.end for w in found}

    def at(self, offset: int) -> Word | None:
        """The word covering `offset`."""
        index = bisect_right(self._starts, offset) - 1
        if index >= 0 and self.words[index].start <= offset < self.words[index].end:
            return self.words[index]
        return None

    def __iter__(self):
        return iter(self.words)


@cache
def _dictionary_tags() -> dict[str, str]:
    jieba.initialize()
    return jieba.posseg.dt.word_tag_tab


@cache
def _dictionary_freq() -> dict[str, int]:
    jieba.initialize()
    return jieba.dt.FREQ


def in_dictionary(word: str) -> bool:
    """True when jieba's dictionary knows `word` as an ordinary word (names it discovers are not in it)."""
    return _dictionary_freq().get(word, 0) > 0


# ---------------------------------------------------------------------------------------------------------------
# People


def split_surname(name: str) -> tuple[str, str] | None:
    """(surname, given name) when `name` looks like a Chinese personal name, else None."""
    if not 2 <= len(name) <= 4 or not all(_HAN_RE.match(ch) for ch in name):
        return None
    surnames = lx.surnames()
    if len(name) >= 3 and name[:2] in surnames:
        return name[:2], name[2:]
    if name[0] in surnames and len(name) <= 3:
        return name[0], name[1:]
    return None


def plausible_name(name: str, *, strict: bool) -> bool:
    """Is `name` a plausible personal name? `strict` also refuses words jieba's dictionary knows."""
    parts = split_surname(name)
    if parts is None or parts[1][0] in lx.NOT_GIVEN_NAME_START:
        return False
    if name in lx.places() or any(name.endswith(head) for head in lx.ORG_HEADS) or name[-1] in "县省市区镇乡村州旗":
        return False
    if name[0] == name[1]:
        return False  # 季季红, 月月红: reduplication, not a surname and a given name
    if name in lx.PERSON_TITLES or name[1:] in lx.PERSON_TITLES:
        return False
    given = parts[1]
    if len(given) >= 2 and _dictionary_freq().get(given, 0) > lx.COMMON_WORD_FREQUENCY:
        return False
    if strict and name[0] in lx.FUNCTION_WORD_SURNAMES and in_dictionary(given):
        return False  # 全工种: 全 + a word, not a surname and a given name
    if strict and in_dictionary(name):
        # Dictionary words tagged as names are mostly common words (高潮, 卫星); keep 3-character ones (李富春).
        return _dictionary_tags().get(name) == "nr" and len(name) == 3
    return True


def _name_after(text: str, start: int, words: Words) -> tuple[int, int] | None:
    """The personal name that starts at `start` (after a title or in a list).

    Strongest evidence first: punctuation or 同志/等人 right after the name, then a name jieba recognised,
    then a jieba word boundary (not for surnames that are also common function words: 和, 向, 都 …).
    """
    if start >= len(text):
        return None
    lengths = (4, 3) if text[start : start + 2] in lx.surnames() else (3, 2, 4)
    candidates = [(start, start + n) for n in lengths if start + n <= len(text)]
    candidates = [
        (s, e) for s, e in candidates if split_surname(text[s:e]) and not any(ch in _BOUNDARY for ch in text[s:e])
    ]
    word = words.at(start)
    jieba_name = word is not None and word.start == start and word.tag.startswith("nr")
    weak_surname = text[start] in lx.FUNCTION_WORD_SURNAMES and text[start : start + 2] not in lx.surnames()
    for s, e in candidates:
        if weak_surname and not (jieba_name and word.end == e):
            continue  # 全工种, 和炼钢: a function word, not a surname
        if (e == len(text) or text[e] in _BOUNDARY or text[e : e + 3].startswith(lx.PERSON_AFTER)) and plausible_name(
            text[s:e], strict=False
        ):
            return s, e
    if jieba_name and 2 <= len(word.text) <= 4 and plausible_name(word.text, strict=False):
        return start, word.end
    if text[start] in lx.FUNCTION_WORD_SURNAMES and text[start : start + 2] not in lx.surnames():
        return None
    for s, e in candidates:
        if (
            e in words.starts
            and (text[e] in "等的在和是也又就说向同被把从到为曾" or e - s == 3)
            and plausible_name(text[s:e], strict=False)
        ):
            return s, e
    return None


def find_persons(text: str, words: Words, *, names: Iterable[str] = ()) -> list[Candidate]:
    """People: known names (byline, credits), names after titles, jieba's names that pass the checks, lists."""
    found: dict[tuple[int, int], Candidate] = {}

    def add(start: int, end: int, source: str) -> None:
        if source in ("jieba", "list") and _quoted(text, start):
            return  # “月月红、季季红” is a slogan, not a list of people
        found.setdefault((start, end), Candidate(start, end, "Person", source))

    for name in names:
        for match in re.finditer(re.escape(name), text):
            add(match.start(), match.end(), "byline")
    for title in lx.PERSON_TITLES:
        for match in re.finditer(re.escape(title), text):
            if match.end() not in words.ends and match.end() not in words.starts:
                continue  # 社长 inside 新华社长沙讯 is no title
            span = _name_after(text, match.end(), words)
            if span:
                add(*span, "title")
    for index, word in enumerate(words.words):
        if word.tag == "nr" and plausible_name(word.text, strict=True):
            add(word.start, word.end, "jieba")
        # jieba splits some names into a surname and a given name: 黄 / 荣昌, 彭 / 淑珍, 诸葛 / 文远
        nxt = words.words[index + 1] if index + 1 < len(words.words) else None
        if word.text in lx.surnames() and nxt and nxt.tag in _GIVEN_TAGS and len(nxt.text) <= 2:
            merged = word.text + nxt.text
            if plausible_name(merged, strict=True) and _name_context(text, word.start, nxt.end):
                add(word.start, nxt.end, "jieba")
        # …or glue the surname to the word before: 工钱 / 国良 for 保全工 钱国良
        if (
            word.tag in ("nr", "nrt")
            and len(word.text) == 2
            and word.start > 0
            and text[word.start - 1] in lx.surnames()
        ):
            merged = text[word.start - 1 : word.end]
            if plausible_name(merged, strict=True) and _name_context(text, word.start - 1, word.end):
                add(word.start - 1, word.end, "jieba")
    for match in re.finditer(f"(?:男|女|^|[“、，\\s　])(?:学|赶|超|追赶|学习)([{HAN}]{{2,3}})(?=[、，。”的])", text):
        if plausible_name(match.group(1), strict=False) and text[match.start(1)] not in lx.FUNCTION_WORD_SURNAMES:
            add(match.start(1), match.end(1), "title")  # 男学甲、女学乙: the models of an emulation drive
    for match in re.finditer(f"([{HAN}]{{2,4}})(?:同志|师傅)", text):
        if plausible_name(match.group(1), strict=False) and match.start(1) in words.starts:
            add(match.start(1), match.end(1), "title")
    _extend_lists(text, words, found)
    return _trim_names(text, list(found.values()))


_GIVEN_TAGS = ("nr", "nrt", "nz", "ns", "ag", "n")


def _quoted(text: str, position: int) -> bool:
    """Inside “…” (an open quote before, on the same line, not yet closed)."""
    line_start = text.rfind("\n", 0, position) + 1
    chunk = text[line_start:position]
    return chunk.count("“") > chunk.count("”")


def _name_context(text: str, start: int, end: int) -> bool:
    """A name stands after a boundary or a post (…工, …员, …长, 助手, 学生) and before a boundary or a verb."""
    before = text[start - 1 : start] if start else ""
    after = text[end : end + 1]
    before_ok = not before or before in _BOUNDARY or before in "和与及同" or before in lx.TITLE_END_CHARS
    after_ok = (
        not after
        or after in _BOUNDARY
        or after in "等的在和是也又都说同向被把从到为曾"
        or text.startswith(lx.PERSON_AFTER, end)
    )
    return before_ok and after_ok


def _extend_lists(text: str, words: Words, found: dict[tuple[int, int], Candidate]) -> None:
    """In `甲、乙、丙等` (or 甲和乙), once one item is a person the next one is too, if it looks like a name."""
    changed = True
    while changed:
        changed = False
        for start, end in sorted(found):
            if text[end : end + 1] in ("、", "和", "及", "与"):
                span = _name_after(text, end + 1, words)
                if span and span not in found and not _quoted(text, span[0]):
                    found[span] = Candidate(*span, "Person", "list")
                    changed = True
            if start >= 3 and text[start - 1] == "、":
                for length in (3, 2, 4):
                    name = text[start - 1 - length : start - 1]
                    if plausible_name(name, strict=False) and (length < 4 or name[:2] in lx.surnames()):
                        span = (start - 1 - length, start - 1)
                        if span not in found and not _quoted(text, span[0]):
                            found[span] = Candidate(*span, "Person", "list")
                            changed = True
                        break


#: Characters that stick to a name in jieba's output but are not part of it (廖某某式, 某某摄).
_NAME_TAILS = set("式摄等们的说和是在也又就同")


def _trim_names(text: str, candidates: list[Candidate]) -> list[Candidate]:
    """A candidate that is a known name plus one more character (廖某某式, 某某摄) is cut back to the name."""
    names = {text[c.start : c.end] for c in candidates}
    out: list[Candidate] = []
    for c in candidates:
        name = text[c.start : c.end]
        shorter = [
            n for n in names if n != name and name.startswith(n) and len(name) - len(n) == 1 and name[-1] in _NAME_TAILS
        ]
        if shorter:
            out.append(Candidate(c.start, c.start + len(shorter[0]), "Person", c.source))
        else:
            out.append(c)
    return sorted(set(out))


# ---------------------------------------------------------------------------------------------------------------
# Places


@cache
def _places_by_first_char() -> dict[str, list[str]]:
    table: dict[str, list[str]] = {}
    for name in lx.places():
        table.setdefault(name[0], []).append(name)
    for names in table.values():
        names.sort(key=len, reverse=True)
    return table


def _place_at(text: str, position: int) -> str | None:
    for name in _places_by_first_char().get(text[position], ()):
        if text.startswith(name, position):
            return name
    return None


def find_places(text: str, words: Words) -> list[Candidate]:
    """Places: gazetteer names at word starts (counties only when their province or prefecture is named too),
    a known name with an administrative suffix (遵义专区), and the place of a dateline (本报重庆4日电)."""
    found: dict[tuple[int, int], Candidate] = {}
    provinces_named: set[str] = set()
    pending: list[tuple[int, int, lx.PlaceEntry]] = []
    position = 0
    while position < len(text):
        name = (
            _place_at(text, position) if (position in words.starts or _starts_after_boundary(text, position)) else None
        )
        if not name:
            position += 1
            continue
        entry = lx.places()[name]
        end = position + len(name)
        for suffix in lx.PLACE_SUFFIXES:
            if text.startswith(suffix, end) and name == entry.short and not text.startswith(suffix + suffix, end):
                end += len(suffix)
                break
        if not _ends_cleanly(text, end, words, name):
            position += 1
            continue
        if entry.level == "county" and end - position == len(name) and name == entry.short:
            pending.append((position, end, entry))
        else:
            found[(position, end)] = Candidate(position, end, "Place", "gazetteer")
            provinces_named |= {entry.name, entry.short, entry.parent, entry.province}
        position = end
    for start, end, entry in pending:
        if (
            entry.parent in provinces_named
            or entry.province in provinces_named
            or _in_place_list(text, start, end, found)
        ):
            found[(start, end)] = Candidate(start, end, "Place", "gazetteer")
    for match in re.finditer(f"(?:本报|新华社|中国新闻社)([{HAN}]{{2,4}}?)(?:\\d+日)?(?:电|讯)", text):
        span = (match.start(1), match.end(1))
        if span not in found:
            found[span] = Candidate(*span, "Place", "dateline")
    for word in words.words:  # counties of the period that no longer exist (禹县)
        if (
            re.fullmatch(f"[{HAN}]{{1,3}}县", word.text)
            and word.tag in ("ns", "nr", "n")
            and word.text[0] not in "全各本该每"
        ):
            found.setdefault((word.start, word.end), Candidate(word.start, word.end, "Place", "suffix"))
    for match in re.finditer(f"([{HAN}]{{2,5}}?)(专区|自治州|地区)(?=[^{HAN}]|[{HAN}])", text):
        span = (match.start(1), match.end(2))
        if match.group(1) in lx.places() and span not in found:
            found[span] = Candidate(*span, "Place", "suffix")
    return sorted(found.values())


def _starts_after_boundary(text: str, position: int) -> bool:
    """After punctuation, a non-Chinese character, or a conjunction jieba glued on (和旅大 → 和 | 旅大)."""
    return (
        position == 0
        or text[position - 1] in _BOUNDARY
        or not _HAN_RE.match(text[position - 1])
        or (text[position - 1] in "和与及在从到向对同跟")
    )


def _ends_cleanly(text: str, end: int, words: Words, name: str) -> bool:
    """A place name must not end inside a word (平安顺利 holds no 安顺), unless a name part follows."""
    if end >= len(text) or end in words.starts or text[end] in _BOUNDARY:
        return True
    word = words.at(end - 1)
    return word is not None and word.end == end


def _in_place_list(text: str, start: int, end: int, found: dict) -> bool:
    """Listed with a place already found: 遵义、仁怀和绥阳."""
    for other_start, other_end in found:
        between = text[other_end:start] if other_end <= start else text[end:other_start]
        if len(between) <= 12 and re.fullmatch(
            f"(?:[、和及与]|[、和及与][{HAN}]{{2,3}}[、和及与])*[、和及与]", between
        ):
            return True
    return False


# ---------------------------------------------------------------------------------------------------------------
# Organisations

_NUMBERED = re.compile("^(?:第?[一二三四五六七八九十百零两〇\\d]+号?)$")
_HEADS_BY_LENGTH = sorted(lx.ORG_HEADS, key=len, reverse=True)


def head_of(name: str) -> str | None:
    """The organisation head that ends `name` (longest match), or None."""
    for head in _HEADS_BY_LENGTH:
        if name.endswith(head):
            return head
    return None


def find_organizations(text: str, words: Words) -> list[Candidate]:
    """Organisations: a head (厂, 车间, 市委 …) and the name parts before it, a national body, or the
    short form of a company (鞍钢). Chains (本溪钢铁公司第一炼铁厂) are split into parent and unit."""
    found: dict[tuple[int, int], Candidate] = {}
    for head_start, end, head in _head_occurrences(text, words):
        start = _extend_left(text, words, head_start, head)
        if text[max(0, start - 1) : start] == "等":
            continue  # 机修、运输等辅助厂: a category closing a list
        for candidate in _split_chain(text, start, end):
            found.setdefault((candidate.start, candidate.end), candidate)
    if not any(school in text for school in lx.SCHOOL_HEADS):
        found = {span: c for span, c in found.items() if c.head not in lx.SCHOOL_UNIT_HEADS}
    _add_elided(text, found)
    for body in lx.NATIONAL_BODIES:
        for match in re.finditer(re.escape(body), text):
            span = (match.start(), match.end())
            if not any(s <= span[0] and span[1] <= e for s, e in found):
                found.setdefault(span, Candidate(*span, "Organization", "lexicon", head=body, level=0))
    for word in words.words:
        if _is_abbreviation(word):
            span = (word.start, word.end)
            found.setdefault(span, Candidate(*span, "Organization", "abbreviation", head=word.text, level=0))
    return _drop_nested_duplicates(sorted(found.values()))


def _is_abbreviation(word: Word) -> bool:
    """鞍钢, 太钢: a place's first character and the first of the company's trade, as one word."""
    return (
        len(word.text) == 2
        and word.text[1] in lx.ABBREVIATION_TRADES
        and word.tag in ("n", "j", "nz", "nt")
        and word.text not in lx.NOT_ABBREVIATIONS
        and word.text[0] in _places_by_first_char()
    )


def _add_elided(text: str, found: dict[tuple[int, int], Candidate]) -> None:
    """`第一、第三轧钢厂` names two units: the first one's name is completed from the second."""
    for (start, end), c in list(found.items()):
        name = text[start:end]
        numbered = re.match("第[一二三四五六七八九十]+", name)
        if not numbered:
            continue
        rest = name[numbered.end() :]
        position = start
        while position >= 4 and text[position - 1] == "、":
            before = re.search("第[一二三四五六七八九十]+$", text[max(0, position - 6) : position - 1])
            if not before:
                break
            elided_start = position - 1 - len(before.group(0))
            found.setdefault(
                (elided_start, position - 1),
                replace(c, start=elided_start, end=position - 1, name=before.group(0) + rest, parent=None),
            )
            position = elided_start


def _head_occurrences(text: str, words: Words) -> list[tuple[int, int, str]]:
    """Every place a head ends a name: the head must end a jieba word, or be followed by a post (厂长, 党委书记,
    车间主任, 组组长), so that 厂房, 部分, 组织 and 局面 are not heads. Longest head first at each position."""
    found: list[tuple[int, int, str]] = []
    position = 0
    while position < len(text):
        head = next((h for h in _HEADS_BY_LENGTH if text.startswith(h, position)), None)
        if head is None:
            position += 1
            continue
        end = position + len(head)
        word = words.at(end - 1)
        ends_word = end == len(text) or end in words.starts
        followed_by_post = text.startswith(lx.POSTS, end) and not (head in lx.WEAK_HEADS and text[end] in "长员")
        inside_common_word = word is not None and word.text != head and word.text in lx.NOT_ORG_WORDS
        if (ends_word or followed_by_post) and not inside_common_word:
            found.append((position, end, head))
            position = end
        else:
            position += 1
    return found


def _extend_left(text: str, words: Words, head_start: int, head: str) -> int:
    """Walk left from the head over name parts (nouns, unit numbers, places, quoted names, trade verbs)."""
    start = head_start
    first = True
    while start > 0 and head_start + len(head) - start <= 24:
        word = words.at(start - 1)
        if word is None:
            break
        straddles = word.end > start
        if straddles:  # a word that runs into the head (焊接工|段, 钢铁|公司): its part before the head
            word = Word(word.start, start, text[word.start : start], word.tag)
        if word.text in ("”", "」"):
            open_at = text.rfind("“" if word.text == "”" else "「", max(0, start - 16), word.start)
            if open_at < 0:
                break
            start, first = open_at, False
            continue
        if word.text in lx.GENERIC_MODIFIERS or word.text.startswith(lx.NOT_NAME_PART_PREFIXES):
            break
        if any(ch in _BOUNDARY for ch in word.text) or not _name_part(text, word, adjacent=first):
            break
        start, first = word.start, first and straddles
    word = words.at(start)
    if word and len(word.text) == 2 and word.text[0] in _PREPOSITIONS and word.text[1] in "市省县区":
        start += 1  # jieba's 经市 in 经市机电工业局
    return start


_PREPOSITIONS = set("经在从对向据由被把将给到于")
_NOUN_TAGS = {"n", "nz", "nt", "nr", "nrt", "nrfg", "vn", "j", "eng", "an", "b", "ng", "zg", "s", "nl", "nw"}


def _phrase_start(text: str, position: int) -> bool:
    """Nothing but a boundary, 的 or a conjunction before `position`."""
    return position == 0 or text[position - 1] in _BOUNDARY or text[position - 1] in "的和与及同跟"


def _name_part(text: str, word: Word, *, adjacent: bool) -> bool:
    """May `word` be part of an organisation's name, right before what is already taken?"""
    if _NUMBERED.match(word.text) or word.text in lx.places():
        return True
    if word.tag == "m":
        return False
    if word.tag == "ns":
        return adjacent or word.text in lx.places() or word.text.endswith(tuple(lx.PLACE_SUFFIXES))
    if word.tag == "f":
        return word.text in ("东", "南", "西", "北", "中")
    if word.tag in _NOUN_TAGS:
        return True
    if word.tag == "l":
        return adjacent
    # A rare verb or adjective names a trade (掘进队, 修配队, 锻工车间, 前进木模厂); a common one is the sentence's
    # own verb (通知轧钢厂, 提起机修车间). A one-character adjective starts a name only after a boundary (红领巾小组).
    if word.tag in ("v", "vn", "a", "ad", "vd", "nrt"):
        if len(word.text) == 1:
            return word.tag == "a" and _phrase_start(text, word.start)
        return len(word.text) == 2 and _dictionary_freq().get(word.text, 0) <= lx.RARE_VERB_FREQUENCY
    return False


def _split_chain(text: str, start: int, end: int) -> list[Candidate]:
    """`甲公司乙厂` is two organisations: the parent and the unit (whose variant keeps the full form)."""
    name = text[start:end]
    head = head_of(name)
    if head is None:
        return []
    core = name[: -len(head)]
    if (
        not core
        or core in lx.GENERIC_MODIFIERS
        or (head in lx.WEAK_HEADS and len(core) < 2 and not _NUMBERED.match(core))
    ):
        return []
    if name in lx.NOT_ORG_WORDS or (core.endswith(tuple(lx.GENERIC_MODIFIERS)) and len(core) == 1):
        return []
    if len(core) > 1 and core[0] in lx.WEAK_HEADS:
        return []  # 厂顶数厂: a slogan, not a name
    if head in lx.COMMITTEE_HEADS and head_of(core):
        parent = _split_chain(text, start, start + len(core))
        if parent:
            return [
                *parent,
                Candidate(
                    start,
                    end,
                    "Organization",
                    "head",
                    head=head,
                    level=lx.ORG_HEADS[head],
                    parent=(parent[-1].start, parent[-1].end),
                ),
            ]
    # the last inner head after which a complete organisation name starts (矿务局|桃河煤矿, not 矿|务局…)
    for cut in range(len(name) - len(head) - 1, 0, -1):
        inner = head_of(name[:cut])
        if inner is None or (inner in lx.WEAK_HEADS and cut < 3) or lx.ORG_HEADS[inner] > lx.ORG_HEADS[head] + 1:
            continue
        rest = name[cut:]
        rest_head = head_of(rest)
        if rest_head and len(rest) > len(rest_head) and lx.ORG_HEADS[inner] <= lx.ORG_HEADS.get(rest_head, 9):
            parent = _split_chain(text, start, start + cut)
            unit = Candidate(
                start + cut,
                end,
                "Organization",
                "head",
                head=rest_head,
                level=lx.ORG_HEADS[rest_head],
                parent=(start, start + cut),
            )
            if parent:
                return [*parent, unit]
    return [Candidate(start, end, "Organization", "head", head=head, level=lx.ORG_HEADS[head])]


def _drop_nested_duplicates(candidates: list[Candidate]) -> list[Candidate]:
    """Keep the longest organisation where two end at the same character (炼铁厂 inside 第一炼铁厂)."""
    by_end: dict[int, Candidate] = {}
    for c in candidates:
        kept = by_end.get(c.end)
        if kept is None or (c.end - c.start) > (kept.end - kept.start):
            by_end[c.end] = c
    return sorted(by_end.values())


# ---------------------------------------------------------------------------------------------------------------
# Campaigns


def find_campaigns(text: str, words: Words) -> list[Candidate]:
    """Campaigns: a head (运动, 竞赛 …) and the phrase that names it, back to a launching verb or a
    determiner (开展一个…, 在这次…中); and the few campaigns named without a head (大跃进)."""
    found: dict[tuple[int, int], Candidate] = {}
    for match in re.finditer("|".join(lx.CAMPAIGN_HEADS), text):
        head = match.group(0)
        end = match.end()
        if text[end : end + 1] == "员":  # 运动员
            continue
        start = _campaign_start(text, match.start(), words)
        if start is None:
            continue
        if (
            head in lx.WEAK_CAMPAIGN_HEADS
            and not re.search("[“”、]", text[start : match.start()])
            and not any(core in text[start : match.start()] for core in lx.NAMED_CAMPAIGNS)
        ):
            continue  # 活动, 战斗 name a campaign only with a slogan, an enumeration or a campaign's name
        found.setdefault((start, end), Candidate(start, end, "Campaign", "head", head=head))
    for name in lx.NAMED_CAMPAIGNS:
        for match in re.finditer(re.escape(name), text):
            span = (match.start(), match.end())
            if name in ("技术革新", "技术革命"):
                continue  # only as the core of a headed campaign
            if not any(s <= span[0] and span[1] <= e for s, e in found):
                found.setdefault(span, Candidate(*span, "Campaign", "lexicon", head=""))
    return sorted(found.values())


def _campaign_start(text: str, head_start: int, words: Words) -> int | None:
    """Where the campaign's name begins, or None when the phrase before the head is generic.

    Walk left to a launching verb, a determiner or punctuation; a quoted name (“四化”) or a parenthesis is taken
    whole; `甲和乙运动` is one campaign when both sides are short names without 的 (技术革新和技术革命运动).
    """
    position = head_start
    limit = max(0, head_start - 40)
    while position > limit:
        ch = text[position - 1]
        if ch in "）)":
            open_at = text.rfind("（" if ch == "）" else "(", limit, position)
            if open_at < 0:
                break
            position = open_at
            continue
        if ch in "”」’":
            open_at = text.rfind({"”": "“", "」": "「", "’": "‘"}[ch], limit, position - 1)
            if open_at < 0:
                break
            position = open_at
            if re.search("[一二三四五六七八九十两几多]个$|一场$", text[max(limit, position - 3) : position]):
                break  # 十个“一个样”运动: a count of campaigns, not part of the name
            if _left_stop(text, position, words):
                break
            continue
        if ch in _BOUNDARY and ch != "、":
            break
        stop = _left_stop(text, position, words)
        if stop in ("和", "与", "及") and _coordinated(text, position, head_start, words):
            position -= 1
            continue
        if stop:
            break
        position -= 1
    core = clean_campaign(text[position:head_start])
    return None if core in lx.GENERIC_CAMPAIGN_CORES or len(core) < 2 else position


def _left_stop(text: str, position: int, words: Words) -> str | None:
    """The stop word (开展, 这次, 在 …) that ends right before `position`, if any."""
    for stop in lx.CAMPAIGN_LEFT_STOPS:
        if text.endswith(stop, 0, position):
            if len(stop) >= 2:
                return stop
            word = words.at(position - 1)
            if word is not None and word.text == stop:
                return stop
    return None


def _coordinated(text: str, conjunction_end: int, head_start: int, words: Words) -> bool:
    """`技术革新和技术革命运动`: both conjuncts are short names with no 的 (then the 和 is inside the name)."""
    right = text[conjunction_end:head_start]
    left_start = conjunction_end - 1
    while left_start > 0 and not _left_stop(text, left_start, words) and text[left_start - 1] not in _BOUNDARY:
        left_start -= 1
    left = text[left_start : conjunction_end - 1]
    return (
        2 <= len(left) <= 6
        and 2 <= len(right) <= 8
        and "的" not in left + right
        and left[-2:] != right[-2:]
        and left[:2] == right[:2]
    )


def clean_campaign(core: str) -> str:
    """The naming part of a campaign phrase: descriptive modifiers, quotes, parentheses and 的 removed."""
    core = re.sub(r"（[^）]*）|\([^)]*\)", "", core)
    changed = True
    while changed:
        changed = False
        for description in lx.CAMPAIGN_DESCRIPTIONS:
            if core.startswith(description):
                core = core[len(description) :]
                changed = True
            if core.endswith(description) and description.endswith("的"):
                core = core[: -len(description)]
                changed = True
        reduplicated = re.match(f"^([{HAN}])\\1([{HAN}])\\2的", core)  # 轰轰烈烈的
        if reduplicated:
            core = core[reduplicated.end() :]
            changed = True
    core = re.sub("^[全本该这]?个?(?:厂|矿|公司|车间|工段|小组|队|社|市|省|县|区)的", "", core)  # 全厂的红旗竞赛
    core = core.replace("“", "").replace("”", "").replace("‘", "").replace("’", "")
    core = re.sub("的(?:群众性的|群众|全民)$", "", core)  # “甲”的群众运动 is the 甲 campaign
    return core.rstrip("的").strip()


def first_chars(enumeration: str) -> str:
    """`比先进、学先进、赶先进、帮后进` → `比学赶帮` (how the press abbreviates such slogans)."""
    items = [item for item in enumeration.split("、") if item]
    return "".join(item[0] for item in items) if len(items) >= 2 else ""


def recognize(text: str, *, known_names: Sequence[str] = ()) -> tuple[Words, list[Candidate]]:
    """Every candidate mention in `text`."""
    words = Words(text)
    candidates = [
        *find_persons(text, words, names=known_names),
        *find_places(text, words),
        *find_organizations(text, words),
        *find_campaigns(text, words),
    ]
    return words, sorted(candidates)
