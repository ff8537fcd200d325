"""Reported figures: every number the article reports, with what it counts, whom it is about and when.

The numbers come from `kg.extract.numbers` (Chinese numerals converted, qualifiers and units read) and the periods
from `kg.extract.timex` (resolved against the publication date). Here each figure gets

* its subject: the unit or place the clause is about — 全厂 / 这个公司 / 全市 point back to the one named before;
  else the nearest person, unit or place before it in the sentence; else the subject of the sentence before;
* what it counts: the words after its measure word (六十多项**重大技术革新**), or the words before the number
  (职工提出的**技术革新建议**已在十万件以上);
* its period: the time expression of its sentence nearest before it (今年第一季度 → 1959-Q1), else the one of the
  sentence before in the same paragraph.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

import jieba.posseg

from kg.extract import lexicon as lx
from kg.extract.numbers import Quantity, find_quantities
from kg.extract.timex import find_times
from kg.model import Article, Entity, Evidence, Mention, Period, Statistic

#: Paragraph kinds whose figures are not reported facts (the headline repeats the text's).
SKIPPED_KINDS = ("headline", "byline", "credit", "signature")
#: Words that refer back to a unit or place named before: the kind of entity and the heads it may end with.
ANAPHORS = {
    "全厂": ("Organization", ("厂",)), "这个厂": ("Organization", ("厂",)), "该厂": ("Organization", ("厂",)),
    "本厂": ("Organization", ("厂",)), "全公司": ("Organization", ("公司",)), "这个公司": ("Organization", ("公司",)),
    "全矿": ("Organization", ("矿",)), "这个矿": ("Organization", ("矿",)), "全车间": ("Organization", ("车间",)),
    "这个车间": ("Organization", ("车间",)), "全省": ("Place", ("省",)), "全市": ("Place", ("市",)),
    "这个市": ("Place", ("市",)), "全县": ("Place", ("县",)), "全区": ("Place", ("区",)), "全州": ("Place", ("州",)),
    "这个企业": ("Organization", ("厂", "公司", "矿")), "全社": ("Organization", ("社",)),
}  # fmt: skip
#: Verbs and adverbs stripped from the end of the words before a number (…已在 十万件, …达到 二万吨).


def extract_statistics(
    article: Article, entities: Iterable[Entity], mentions: Iterable[Mention]
) -> tuple[Statistic, ...]:
    """Every reported figure of the article's Chinese text, in text order."""
    text = article.zh.text
    entities = {e.key: e for e in entities}
    dateline = dateline_span(article)
    zh_mentions = sorted(
        (m for m in mentions if m.lang == "zh" and not dateline[0] <= m.start < dateline[1]), key=lambda m: m.start
    )
    times = [t for t in find_times(text, article.date) if not dateline[0] <= t[0] < dateline[1]]
    found: list[Statistic] = []
    for quantity in find_quantities(text):
        if _paragraph_kind(article, quantity.start) in SKIPPED_KINDS:
            continue
        sentence = article.zh.sentence_at(quantity.start)
        found.append(
            Statistic(
                value=quantity.value,
                qualifier=quantity.qualifier,
                unit=quantity.unit,
                what=_what(text, quantity),
                evidence=Evidence("zh", sentence, quantity.start, quantity.end),
                subject=_subject(article, entities, zh_mentions, quantity),
                period=_period(article, times, quantity),
                surface=quantity.surface,
            )
        )
    if article.en is not None:
        found = [replace(st, what_en=english_what(article, st)) for st in found]
    return tuple(found)


_EN_STOP = re.compile(
    r"^(?:and|or|in|at|of|to|than|which|that|were|was|is|are|have|has|had|with|by|for|from|on|per|each|"
    r"compared|respectively|this|these|the|a|an|since|during|emerged|again|who|were|within|after|before)$",
    re.IGNORECASE,
)


def english_what(article: Article, statistic: Statistic) -> str:
    """What the translation says the figure counts: the words after the same number in the English text, at about
    the same place (`more than 110 advanced collectives` → `advanced collectives`)."""
    text = article.en.text
    value = statistic.value
    number = f"{int(value):,}" if float(value).is_integer() else f"{value:g}"
    matches = list(re.finditer(rf"(?<![\d.,]){re.escape(number)}(?![\d])", text))
    if not matches:
        return ""
    position = statistic.evidence.start / max(1, len(article.zh.text))
    match = min(matches, key=lambda m: abs(m.start() / max(1, len(text)) - position))
    words = []
    for word in re.findall(r"[A-Za-z][\w'-]*|[%,.;:()]", text[match.end() : match.end() + 80])[:7]:
        if not word[0].isalpha() or _EN_STOP.match(word):
            break
        words.append(word)
    return " ".join(words[:5])


_DATELINE = re.compile("^(?:据)?(?:本报|新华社|中国新闻社)[^　 ，。]{0,12}?(?:电|讯|消息)[　 ]*")


def dateline_span(article: Article) -> tuple[int, int]:
    """The span of the dateline (本报南昌28日电　): its place is where the news came from, not its subject."""
    for paragraph in article.zh.paragraphs:
        if paragraph.kind == "body":
            match = _DATELINE.match(article.zh.text[paragraph.start : paragraph.end])
            if match:
                return paragraph.start, paragraph.start + match.end()
    return 0, 0


def _main_subject(entities: dict[str, Entity], mentions: list[Mention]) -> str | None:
    """The unit the article is most about (most mentions, top level), else its most mentioned place."""
    for kind in ("Organization", "Place"):
        counts: dict[str, int] = {}
        for m in mentions:
            entity = entities[m.entity]
            if entity.type == kind and entity.parent is None and entity.name not in lx.NATIONAL_BODIES:
                counts[m.entity] = counts.get(m.entity, 0) + 1
        if counts:
            return max(sorted(counts), key=lambda key: counts[key])
    return None


def _paragraph_kind(article: Article, offset: int) -> str:
    return next((p.kind for p in article.zh.paragraphs if p.start <= offset < p.end), "body")


def _subject(article: Article, entities: dict[str, Entity], mentions: list[Mention], quantity: Quantity) -> str | None:
    text = article.zh.text
    sentence = article.zh.sentences[article.zh.sentence_at(quantity.start)]
    clause_start = max(sentence.start, _last_clause_break(text, sentence.start, quantity.start))
    for scope_start in (clause_start, sentence.start):
        anaphor = _anaphor_in(text[scope_start : quantity.start])
        if anaphor:
            return _latest_of_kind(entities, mentions, quantity.start, *ANAPHORS[anaphor])
    before = [
        m
        for m in mentions
        if sentence.start <= m.start
        and m.end <= quantity.start
        and not _nested(m, mentions, entities)
        and entities[m.entity].type != "Campaign"
    ]
    in_clause = [m for m in before if m.start >= clause_start]
    if in_clause:  # the clause's own subject: 革新能手某某连续实现六十多项
        return in_clause[-1].entity
    units = [m for m in before if entities[m.entity].type in ("Organization", "Place")]
    if units:  # else the unit the sentence is about, rather than a person of another clause
        return units[-1].entity
    if before:
        return before[-1].entity
    for index in range(article.zh.sentence_at(quantity.start) - 1, -1, -1):
        previous = article.zh.sentences[index]
        if _paragraph_start(article, previous.start) != _paragraph_start(article, quantity.start):
            break
        anaphor = _anaphor_in(text[previous.start : previous.end])
        if anaphor:
            return _latest_of_kind(entities, mentions, previous.end, *ANAPHORS[anaphor])
        subjects = [
            m
            for m in mentions
            if previous.start <= m.start < previous.end
            and not _nested(m, mentions, entities)
            and entities[m.entity].type in ("Organization", "Place", "Person")
        ]
        if subjects:
            return subjects[0].entity
    return _main_subject(entities, mentions)


def _last_clause_break(text: str, start: int, end: int) -> int:
    breaks = [i + 1 for i in range(start, end) if text[i] in "，；："]
    return breaks[-1] if breaks else start


def _anaphor_in(chunk: str) -> str | None:
    found = [(chunk.rfind(a), a) for a in ANAPHORS if a in chunk]
    return max(found)[1] if found else None


def _latest_of_kind(
    entities: dict[str, Entity], mentions: list[Mention], offset: int, kind: str, heads: tuple[str, ...]
) -> str | None:
    """The entity of `kind` whose name ends with one of `heads`, mentioned last before `offset` (any kind as a
    fallback: 全厂 after a company's unit named 某某厂 is that unit)."""
    earlier = [m for m in mentions if m.end <= offset and entities[m.entity].type == kind]
    for mention in reversed(earlier):
        entity = entities[mention.entity]
        forms = (entity.name, *entity.variants)
        if (kind == "Place" and _place_level_matches(entity.name, heads)) or any(f.endswith(heads) for f in forms):
            return mention.entity
    return earlier[-1].entity if earlier else None


def _place_level_matches(name: str, heads: tuple[str, ...]) -> bool:
    entry = lx.places().get(name)
    if entry is None:
        return name.endswith(heads)
    levels = {"省": ("province",), "市": ("prefecture", "province"), "县": ("county",), "区": ("prefecture", "county"),
              "州": ("prefecture",)}  # fmt: skip
    return any(entry.level in levels.get(head, ()) for head in heads) or entry.name.endswith(heads)


def _nested(mention: Mention, mentions: list[Mention], entities: dict[str, Entity]) -> bool:
    return any(
        o.start <= mention.start and mention.end <= o.end and o != mention and o.entity != mention.entity
        for o in mentions
        if entities[o.entity].type in ("Organization", "Campaign")
    )


def _paragraph_start(article: Article, offset: int) -> int:
    return next((p.start for p in article.zh.paragraphs if p.start <= offset <= p.end), 0)


_NOUNISH = {"n", "vn", "nz", "nt", "ns", "l", "b", "an", "ng", "j", "a", "s", "nr", "eng"}


def _what(text: str, quantity: Quantity) -> str:
    """What the figure counts: the noun phrase after its measure word (六十多项|重大技术革新), else the one that
    ends the clause before the number (职工提出的|技术革新建议|已在十万件以上), without verbs and adverbs."""
    after_end = next(
        (i for i in range(quantity.end, min(len(text), quantity.end + 16)) if text[i] in _CLAUSE_END),
        min(len(text), quantity.end + 16),
    )
    after = [(w.word, w.flag) for w in jieba.posseg.cut(text[quantity.end : after_end])]
    phrase = ""
    for number, (word, flag) in enumerate(after):
        if word in "“”":
            continue
        verb_inside = (
            flag.startswith("v") and number > 0 and number + 1 < len(after) and after[number + 1][1][:1] == "n"
        )
        if (
            flag[:1] not in ("n", "v", "l", "b", "a", "j")
            or word in _NOT_WHAT
            or (flag.startswith("v") and flag != "vn" and not verb_inside)
        ):
            break
        phrase += word
    if len(phrase) >= 2:
        return phrase[:12]
    clause_start = max(
        (i + 1 for i in range(max(0, quantity.start - 30), quantity.start) if text[i] in _CLAUSE_END),
        default=max(0, quantity.start - 30),
    )
    words = [(w.word, w.flag) for w in jieba.posseg.cut(text[clause_start : quantity.start])]
    while words and (words[-1][1][:1] not in ("n",) or words[-1][0] in _NOT_WHAT):
        words.pop()  # 已在, 达到了, 比…提高
    phrase_words: list[str] = []
    for word, flag in reversed(words):
        if flag in _NOUNISH or (word == "的" and phrase_words):
            phrase_words.insert(0, word)
        else:
            break
    return "".join(phrase_words).lstrip("的")[-12:]


_CLAUSE_END = set("，。；：！？、（）\n")
_NOT_WHAT = {"的", "多", "以上", "左右", "上下", "之多", "以下", "不等", "全部", "其中", "比", "较"}


def is_baseline(text: str, start: int) -> bool:
    """比去年同期, 较1957年: the period a figure is compared with, not the one it belongs to."""
    return (
        text[max(0, start - 1) : start] in ("比", "较", "同", "由", "于") or text[max(0, start - 2) : start] == "超过"
    )


def _period(article: Article, times: list[tuple[int, int, Period]], quantity: Quantity) -> Period | None:
    """The time expression nearest before the figure in its sentence, else in the sentence before it."""
    index = article.zh.sentence_at(quantity.start)
    for scope in (index, index - 1):
        if scope < 0:
            break
        sentence = article.zh.sentences[scope]
        if _paragraph_start(article, sentence.start) != _paragraph_start(article, quantity.start):
            break
        limit = quantity.start if scope == index else sentence.end
        inside = [
            (start, period)
            for start, end, period in times
            if sentence.start <= start and end <= limit and not is_baseline(article.zh.text, start)
        ]
        if inside:
            return max(inside, key=lambda t: t[0])[1]
    return None
