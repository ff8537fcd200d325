"""Entities: candidate mentions grouped into one entity per real-world thing per article.

The recognisers (`kg.extract.recognize`) propose spans; here they become entities:

* a name found once is looked for everywhere else in the article (a name in a title is also a name in the text);
* short forms join their full form: 仪表厂 → 西安仪表厂, 永安厂 → 永安水泥厂, 鞍钢 → 鞍山钢铁公司,
  一个样运动 → “和先进厂一个样”运动, 比学赶帮 → 比先进、学先进、赶先进、帮后进;
* units get their parent: the one the text names (这个厂的二十五车间, 本溪钢铁公司第一炼铁厂), else the nearest
  unit above them before in the text.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field, replace

from kg.english import english_label
from kg.extract import lexicon as lx
from kg.extract.recognize import Candidate, Words, clean_campaign, first_chars, head_of
from kg.model import Article, Entity, Mention

#: Words that point back to an organisation named before (这个厂的二十五车间).
_ANAPHORA = re.compile(r"(?:这个|这|该|本|此)(厂|公司|矿|局|单位|企业)(?:的)?$")


@dataclass
class _Group:
    """An entity while it is being assembled."""

    type: str
    spans: set[tuple[int, int]] = field(default_factory=set)
    forms: set[str] = field(default_factory=set)
    name: str = ""
    parent: _Group | None = None
    explicit_parent: bool = False  # the text names the parent with the unit (甲的乙, 甲乙, 本厂乙)
    level: int = 0
    extra_forms: set[str] = field(default_factory=set)

    def first(self) -> int:
        return min(start for start, _ in self.spans)


def group_entities(article: Article, words: Words, candidates: list[Candidate]) -> tuple[list[Entity], list[Mention]]:
    """Entities and their mentions from the candidates of one article's Chinese text."""
    text = article.zh.text
    persons = _group_persons(text, [c for c in candidates if c.label == "Person"])
    taken_by_people = [span for group in persons for span in group.spans]
    places = _group_places(text, [c for c in candidates if c.label == "Place"], taken_by_people)
    organizations = _drop_kinds_of_units(
        text, _group_organizations(article, [c for c in candidates if c.label == "Organization"])
    )
    persons = _drop_inside(persons, [s for g in organizations for s in g.spans])
    named = [(c.start, c.end) for c in candidates if c.label in ("Organization", "Place")]
    campaigns = _group_campaigns(
        text,
        [
            c
            for c in (_after_names(c, named) for c in candidates if c.label == "Campaign")
            if not _generic_campaign(text, c)
        ],
    )
    groups = persons + places + organizations + campaigns
    return _finish(article, groups)


def _after_names(campaign: Candidate, names: list[tuple[int, int]]) -> Candidate:
    """`上海某某厂增产节约运动`: the unit or place in front runs the campaign; it is not part of its name."""
    start = campaign.start
    for name_start, name_end in sorted(names):
        if name_start <= start < name_end and name_end < campaign.end - len(campaign.head) - 1:
            start = name_end
    return campaign if start == campaign.start else replace(campaign, start=start)


def _generic_campaign(text: str, campaign: Candidate) -> bool:
    surface = text[campaign.start : campaign.end]
    core = surface[: -len(campaign.head)] if campaign.head and surface.endswith(campaign.head) else surface
    return clean_campaign(core) in lx.GENERIC_CAMPAIGN_CORES


def _drop_kinds_of_units(text: str, groups: list[_Group]) -> list[_Group]:
    """A unit named only by its trade (棉纺织厂, 手工业合作社, 高等学校) with no parent and never pointed at
    (这个厂) is a kind of unit, not one; drop it, and let its units hang from its parent."""
    dropped = set()
    for group in groups:
        if group.parent is not None or not _trade_only(group.name):
            continue
        if any(
            _ANAPHORA.search(text[max(0, s - 6) : s] + "厂")
            for s, _ in group.spans
            if text[s - 3 : s] in ("这个", "该")
        ):
            continue
        dropped.add(id(group))
    kept = [g for g in groups if id(g) not in dropped]
    for group in kept:
        while group.parent is not None and id(group.parent) in dropped:
            group.parent = group.parent.parent
    return kept


_REGIONS = re.compile("^(?:华北|华东|华南|华中|西南|西北|东北|全国|各地|地方)(?:地区)?")


def _trade_only(name: str) -> bool:
    head = head_of(name)
    if head is None or head in lx.COMMITTEE_HEADS:
        return False
    core, places = strip_places(name)
    if places:
        return False  # 重庆塑料厂: a place makes it one unit
    core = _REGIONS.sub("", core[: -len(head)] if core.endswith(head) else core)
    if not core:
        return False
    position = 0
    while position < len(core):
        word = next(
            (core[position:end] for end in range(len(core), position, -1) if core[position:end] in lx.TRADE_WORDS), None
        )
        if word is None:
            return False
        position += len(word)
    return True


# ---------------------------------------------------------------------------------------------------------------
# People


def _group_persons(text: str, candidates: list[Candidate]) -> list[_Group]:
    names = {text[c.start : c.end] for c in candidates}
    # A name that is always followed by the rest of a longer one is that longer name (刘某 + 团 = 刘某团).
    for short in sorted(names, key=len):
        longer = [n for n in names if n != short and n.startswith(short)]
        if longer and all(text.startswith(longer[0], m.start()) for m in re.finditer(re.escape(short), text)):
            names.discard(short)
    groups: dict[str, _Group] = {}
    claimed: list[tuple[int, int]] = []
    for name in sorted(names, key=lambda n: (-len(n), n)):
        group = _Group("Person", name=name)
        for match in re.finditer(re.escape(name), text):
            span = (match.start(), match.end())
            if not any(s < span[1] and span[0] < e for s, e in claimed):
                group.spans.add(span)
                group.forms.add(name)
                claimed.append(span)
        if group.spans:
            groups[name] = group
    _add_nicknames(text, groups, claimed)
    return list(groups.values())


def _add_nicknames(text: str, groups: dict[str, _Group], claimed: list[tuple[int, int]]) -> None:
    """小于, 老王: a familiar form of the only person with that surname in the article."""
    by_surname: dict[str, list[_Group]] = defaultdict(list)
    for group in groups.values():
        by_surname[group.name[0]].append(group)
    for surname, owners in by_surname.items():
        if len(owners) != 1:
            continue
        for match in re.finditer(f"[小老]{re.escape(surname)}(?![0-9０-９一二三四五六七八九十百千万])", text):
            span = (match.start(), match.end())
            if not any(s < span[1] and span[0] < e for s, e in claimed):
                owners[0].spans.add(span)
                owners[0].forms.add(match.group(0))


def _drop_inside(groups: list[_Group], outer: list[tuple[int, int]]) -> list[_Group]:
    """Drop mentions that lie inside an organisation's name (东风 in 广州东风机床厂)."""
    kept = []
    for group in groups:
        group.spans = {
            span for span in group.spans if not any(s <= span[0] and span[1] <= e and (s, e) != span for s, e in outer)
        }
        if group.spans:
            kept.append(group)
    return kept


# ---------------------------------------------------------------------------------------------------------------
# Places


def _group_places(text: str, candidates: list[Candidate], people: list[tuple[int, int]]) -> list[_Group]:
    groups: dict[str, _Group] = {}
    for c in candidates:
        if any(s <= c.start and c.end <= e for s, e in people):
            continue
        surface = text[c.start : c.end]
        key = _place_key(surface)
        group = groups.setdefault(key, _Group("Place"))
        group.spans.add((c.start, c.end))
        group.forms.add(surface)
    for key, group in groups.items():
        entry = lx.places().get(key)
        if entry and entry.short and entry.level in ("province", "prefecture", "county"):
            group.name = entry.short  # 重庆 for 重庆 and 重庆市 alike, so articles agree on the name
            group.extra_forms.add(entry.name)
        else:
            group.name = max(group.forms, key=lambda f: (len(f), f))
    return list(groups.values())


def _place_key(surface: str) -> str:
    """One key for 辽宁 and 辽宁省: the gazetteer's full name, or the surface without its suffix."""
    entry = lx.places().get(surface)
    if entry:
        return entry.name
    for suffix in lx.PLACE_SUFFIXES:
        if surface.endswith(suffix) and surface[: -len(suffix)] in lx.places():
            inner = lx.places()[surface[: -len(suffix)]]
            return inner.name if suffix in ("省", "市", "县", "区") else surface
    return surface


# ---------------------------------------------------------------------------------------------------------------
# Organisations


def _group_organizations(article: Article, candidates: list[Candidate]) -> list[_Group]:
    text = article.zh.text
    by_name: dict[str, _Group] = {}
    parents: dict[str, str] = {}
    for c in _prefer_longer_names(text, candidates):
        name = c.name or text[c.start : c.end]
        group = by_name.setdefault(name, _Group("Organization", name=name, level=c.level))
        group.spans.add((c.start, c.end))
        group.forms.add(name)
        if c.parent:
            parents[name] = text[c.parent[0] : c.parent[1]]
    for c in candidates:  # 甲的乙: the text names 乙's parent
        name = c.name or text[c.start : c.end]
        before = next((n for n in by_name if n != name and text.endswith(n + "的", 0, c.start)), None)
        if before and name not in parents and by_name[before].level <= by_name[name].level:
            parents[name] = before
    _propagate(text, by_name)
    groups = _merge_short_forms(by_name, parents)
    for child, parent in parents.items():
        child_group, parent_group = _find(groups, child), _find(groups, parent)
        if child_group and parent_group and child_group is not parent_group:
            child_group.parent = parent_group
            child_group.explicit_parent = True
    _attach_parents(article, groups)
    return groups


def _prefer_longer_names(text: str, candidates: list[Candidate]) -> list[Candidate]:
    """A candidate inside an occurrence of a longer candidate's name is that name (姑娘小组 → 红领巾小组)."""
    names = sorted({text[c.start : c.end] for c in candidates if not c.name}, key=len, reverse=True)
    out = []
    for c in candidates:
        replacement = c
        for name in names:
            if len(name) <= c.end - c.start or c.name:
                continue
            for offset in range(max(0, c.end - len(name)), c.start + 1):
                if text.startswith(name, offset) and offset + len(name) == c.end:
                    replacement = Candidate(
                        offset, offset + len(name), c.label, c.source, head_of(name) or c.head, c.level, c.parent
                    )
                    break
            if replacement is not c:
                break
        out.append(replacement)
    return sorted(set(out))


def _propagate(text: str, by_name: dict[str, _Group]) -> None:
    """A name found once is a mention wherever it occurs, unless a longer name covers that place."""
    claimed = sorted({span for g in by_name.values() for span in g.spans})
    for name, group in sorted(by_name.items(), key=lambda kv: (-len(kv[0]), kv[0])):
        if len(name) < 3 and group.level > 0:
            continue
        for match in re.finditer(re.escape(name), text):
            span = (match.start(), match.end())
            if not any(s <= span[0] and span[1] <= e for s, e in claimed) and not any(
                s < span[1] and span[0] < e for s, e in claimed
            ):
                group.spans.add(span)
                claimed.append(span)


def strip_places(name: str) -> tuple[str, frozenset[str]]:
    """`江西省新余钢铁厂` → (`钢铁厂`, {江西省, 新余市}): the name without its leading places, and those places."""
    places: set[str] = set()
    rest = name
    if rest[:1] in ("省", "市", "县") and head_of(rest[1:]) and len(rest) > 3:
        rest = rest[1:]  # 市机电工业局: "the city's", the place named before
    while True:
        match = None
        for length in range(min(len(rest) - 2, 12), 1, -1):
            prefix = rest[:length]
            if prefix in lx.places():
                match = prefix
                break
            if prefix[-1] in "省市县区" and prefix[:-1] in lx.places():
                match = prefix
                break
            if prefix[-1] == "县" and 2 <= len(prefix) <= 4 and prefix[0] not in "全各本该每":
                match = prefix  # a county of the period that no longer exists (禹县)
                break
        if not match or head_of(rest[len(match) :]) is None or len(rest) - len(match) < 2:
            return rest, frozenset(places)
        entry = lx.places().get(match) or lx.places().get(match[:-1])
        places.add(entry.name if entry else match)
        rest = rest[len(match) :]


def _merge_short_forms(by_name: dict[str, _Group], parents: dict[str, str]) -> list[_Group]:
    """Join short forms to their full form: place dropped, proper part shortened, company abbreviations."""
    groups = sorted(by_name.values(), key=lambda g: (-len(g.name), g.name))
    merged: list[_Group] = []
    for group in groups:
        numbered = [
            g
            for g in groups
            if re.fullmatch(f"第[一二三四五六七八九十]+{re.escape(group.name)}", g.name)
            and parents.get(g.name) == parents.get(group.name)
        ]
        if len(numbered) > 1:
            continue  # 轧钢厂 beside 第一轧钢厂 and 第三轧钢厂 means any of them: not one entity
        target = numbered[0] if numbered else _full_form_of(group, merged)
        if target is None:
            merged.append(group)
            continue
        target.spans |= group.spans
        target.forms |= group.forms
        target.level = min(target.level, group.level)
    return merged


def _normal_head(name: str) -> str:
    """One spelling for heads that mean the same (成品试验组 = 成品试验小组, 钧台公社 = 钧台人民公社)."""
    for long_head, short_head in lx.HEAD_SYNONYMS:
        if name.endswith(long_head):
            return name[: -len(long_head)] + short_head
    return name


def _full_form_of(short: _Group, fuller: list[_Group]) -> _Group | None:
    """The one fuller name `short` is a short form of, or None (when there is none, or more than one)."""
    name = _normal_head(short.name)
    core, places = strip_places(name)
    head = head_of(name)
    matches = []
    for other in fuller:
        other_name = _normal_head(other.name)
        other_core, other_places = strip_places(other_name)
        if core == other_core and places <= other_places and short.name != other.name:
            matches.append(other)  # 仪表厂 ~ 西安仪表厂, 江西新余钢铁厂 ~ 江西省新余钢铁厂
        elif (
            len(name) == 2
            and name[1] in lx.ABBREVIATION_TRADES
            and lx.ABBREVIATION_TRADES[name[1]] in other.name
            and other.name.startswith(name[0])
        ):
            matches.append(other)  # 鞍钢 ~ 鞍山钢铁公司
        elif (
            other.name.endswith(short.name)
            and other.name != short.name
            and _qualifier(other.name[: -len(short.name)], fuller)
        ):
            matches.append(other)  # 焊接工段 ~ 车架车间焊接工段, 织布车间 ~ 本厂织布车间
        elif head and head == head_of(other_name) and not places and len(name) - len(head) >= 2:
            short_core = name[: -len(head)]
            long_core = other_core[: -len(head)] if other_core.endswith(head) else other_core
            shortened = long_core.startswith(short_core) and long_core != short_core  # 永安厂 ~ 永安水泥厂
            trade_dropped = long_core.endswith(short_core) and long_core[: -len(short_core)] in lx.TRADE_WORDS
            numbered = short_core[0].isdigit() or re.match("第?[一二三四五六七八九十]", short_core)
            if (shortened or trade_dropped) and not numbered:
                matches.append(other)  # 推广队 ~ 技术推广队
    unique = {id(m): m for m in matches}
    return next(iter(unique.values())) if len(unique) == 1 else None


def _qualifier(prefix: str, groups: list[_Group]) -> bool:
    """What may stand before a unit's name in a longer form of it: its parent's name (车架车间|焊接工段), a word
    pointing at the unit the text is about (本厂|织布车间), or a verb jieba glued on (学|某某小组)."""
    if (
        prefix in ("本厂", "该厂", "这个厂", "本矿", "该矿", "本公司", "该公司", "全厂")
        or prefix in "学赶比超向和与跟同"
    ):
        return True
    return head_of(prefix) is not None and any(prefix in g.forms or prefix == g.name for g in groups)


def _find(groups: list[_Group], form: str) -> _Group | None:
    return next((g for g in groups if form in g.forms), None)


def _attach_parents(article: Article, groups: list[_Group]) -> None:
    """Units without a parent named with them: 甲的乙, else the unit above them that the nearest sentence
    (this one first, then the ones before) puts first — the sentence's subject, not a passing mention."""
    text = article.zh.text
    mentions = sorted(((span, group) for group in groups for span in group.spans), key=lambda m: (m[0], m[1].name))
    for span, group in mentions:
        if group.parent is not None:
            continue
        before = text[max(0, span[0] - 6) : span[0]]
        explicit = _ANAPHORA.search(before)
        earlier = [(s, g) for s, g in mentions if s[1] <= span[0] and g is not group]
        if before.endswith("的") and earlier and earlier[-1][0][1] == span[0] - 1:
            candidate = earlier[-1][1]
            if _can_contain(candidate, group):
                group.parent, group.explicit_parent = candidate, True
                continue
        named = _parent_by_prefix(article, group, span, earlier, groups)
        if named is not None:
            group.parent, group.explicit_parent = named, True
            continue
        if group.level == 0 and not explicit:
            continue
        branch = group.name.endswith(("分局", "分厂", "分公司", "分社", "分店"))
        if group.level == 1 and not explicit and not branch and not _is_generic_unit(group.name):
            continue
        sentence = article.zh.sentence_at(span[0])
        above = [(article.zh.sentence_at(s[0]), s[0], g) for s, g in earlier if _can_contain(g, group)]
        if above:
            nearest = max(index for index, _, _ in above)
            group.parent = min(
                ((start, g) for index, start, g in above if index == nearest), key=lambda t: (t[0], t[1].name)
            )[1]
            continue
        later = [(s[0], g) for s, g in mentions if s[0] >= span[1] and _can_contain(g, group)]
        if later and article.zh.sentence_at(later[0][0]) - sentence <= 1:
            group.parent = later[0][1]


#: Words in front of a unit's name that point at its parent: 公社农具厂 (the commune's), 本厂织布车间 (this
#: factory's), 公司运输处 (the company's).
_PARENT_POINTERS = {"本厂": ("厂",), "该厂": ("厂",), "本矿": ("矿",), "本公司": ("公司",), "公社": ("公社",),
                    "公司": ("公司",), "厂": ("厂",), "矿": ("矿",), "局": ("局",)}  # fmt: skip


def _parent_by_prefix(
    article: Article, group: _Group, span: tuple[int, int], earlier: list, groups: list[_Group]
) -> _Group | None:
    pointer = next((p for p in sorted(_PARENT_POINTERS, key=len, reverse=True) if group.name.startswith(p)), None)
    if pointer is None or len(group.name) <= len(pointer) + 1 or head_of(group.name[len(pointer) :]) is None:
        return None
    heads = _PARENT_POINTERS[pointer]
    options = [
        g
        for _, g in reversed(earlier)
        if g is not group and _normal_head(g.name).endswith(heads) and g.level <= group.level
    ]
    if pointer.startswith(("本", "该")):  # this factory: the one the article is about
        counts = {id(g): len(g.spans) for g in groups if _normal_head(g.name).endswith(heads) and g.parent is None}
        options = sorted((g for g in groups if id(g) in counts), key=lambda g: (-counts[id(g)], g.first()))
    return options[0] if options else None


def _is_generic_unit(name: str) -> bool:
    """A factory named only by its trade or number (炼铁厂, 第二炼钢厂) is a unit of a company in the text."""
    core, places = strip_places(name)
    return not places and core == name and len(name) <= 6


def _can_contain(parent: _Group, child: _Group) -> bool:
    """A unit sits under a unit of a higher level and the same kind: a factory under a company, a workshop under
    a factory, a sub-bureau under a bureau; never under the press or a Party committee of a city."""
    if parent is child or (parent.level >= child.level and not (parent.level == 0 and child.level >= 1)):
        return False
    if parent.name in lx.NATIONAL_BODIES or parent.name.endswith(("日报", "报社", "通讯社", "出版社")):
        return False
    if child.name.endswith(lx.SCHOOL_HEADS) and parent.name.endswith(lx.SCHOOL_HEADS):
        return False  # a school is not a unit of another school
    government = ("局", "委", "厅", "社")
    if child.name.endswith("分局"):
        return parent.name.endswith("局") and not parent.name.endswith("分局")
    if child.name.endswith(("厂", "矿", "公司")):
        return parent.name.endswith(("公司", "总厂", "矿务局", "联合企业")) or (
            child.name.endswith("分厂") and parent.name.endswith("厂")
        )
    return not (parent.name.endswith(government) and not child.name.endswith(government))


# ---------------------------------------------------------------------------------------------------------------
# Campaigns


def _campaign_keys(name: str) -> set[str]:
    """Keys under which two campaign names are the same campaign."""
    head = next((h for h in sorted(lx.CAMPAIGN_HEADS, key=len, reverse=True) if name.endswith(h)), "")
    core = clean_campaign(name[: len(name) - len(head)] if head else name)
    keys = {core}
    initials = first_chars(core) if _short_enumeration(core) else ""
    if initials:
        keys.add("#" + initials)
    return keys


def _short_enumeration(core: str) -> bool:
    """比先进、学先进、赶先进、帮后进: a slogan of short items, which the press abbreviates by first characters."""
    items = core.split("、")
    return len(items) >= 2 and "的" not in core and all(1 <= len(item) <= 4 for item in items)


def _group_campaigns(text: str, candidates: list[Candidate]) -> list[_Group]:
    groups: list[_Group] = []
    for c in sorted(candidates, key=lambda c: (-(c.end - c.start), c.start)):
        surface = text[c.start : c.end]
        form = re.sub(r"（[^）]*）|\([^)]*\)", "", surface)
        keys = _campaign_keys(form)
        target = next((g for g in groups if _same_campaign(keys, g)), None)
        if target is None:
            target = _Group("Campaign", name=_campaign_name(form))
            groups.append(target)
        target.spans.add((c.start, c.end))
        target.forms.add(form)
        if form != surface:
            target.forms.add(surface)
        core = clean_campaign(form[: -len(c.head)] if c.head and form.endswith(c.head) else form)
        if c.head:
            target.extra_forms.add(core + c.head)
        target.extra_forms.add(core)
        initials = first_chars(core) if _short_enumeration(core) else ""
        if initials:
            target.extra_forms.add(initials)
    _add_shortened_mentions(text, groups)
    for group in groups:
        by_name = {f: group for f in group.extra_forms if len(f) >= 4 and not f.startswith("#")}
        for form in sorted(by_name, key=len, reverse=True):
            for match in re.finditer(re.escape(form), text):
                span = (match.start(), match.end())
                if not any(s < span[1] and span[0] < e for g in groups for s, e in g.spans):
                    group.spans.add(span)
                    group.forms.add(form)
    return groups


def _add_shortened_mentions(text: str, groups: list[_Group]) -> None:
    """`一个样运动` after `“和先进厂一个样”运动`: the end of a known name, then a head, is that campaign."""
    taken = [span for g in groups for span in g.spans]
    for match in re.finditer("|".join(lx.CAMPAIGN_HEADS), text):
        best: tuple[int, _Group] | None = None
        for group in groups:
            for core in {clean_campaign(f) for f in group.extra_forms if not f.startswith("#")}:
                for length in range(len(core) - 1, 2, -1):
                    if text.endswith(core[-length:], 0, match.start()) and (best is None or length > best[0]):
                        best = (length, group)
                        break
        if best is None:
            continue
        span = (match.start() - best[0], match.end())
        if not any(s < span[1] and span[0] < e for s, e in taken):
            best[1].spans.add(span)
            best[1].forms.add(text[span[0] : span[1]])
            taken.append(span)


def _same_campaign(keys: set[str], group: _Group) -> bool:
    group_keys = set().union(*(_campaign_keys(f) for f in group.forms))
    if keys & group_keys:
        return True
    for key in keys:
        for other in group_keys:
            if key.startswith("#") or other.startswith("#") or not key or not other:
                continue
            short, long_ = sorted((key, other), key=len)
            if (len(short) >= 3 and long_.endswith(short)) or long_.endswith("的" + short):
                return True  # 一个样 ~ 和先进厂一个样; 红旗 ~ 月月红、季季红的红旗
            if len(short) >= 2 and short in re.split("[和与及、]", long_) and len(long_) > len(short):
                return True  # 技术革命 ~ 技术革新和技术革命
    return False


def _campaign_name(form: str) -> str:
    """The campaign's name as the article writes it, without the words that only describe it:
    `“甲”的群众运动` → `“甲”运动`, `男赶甲的轰轰烈烈的竞赛运动` → `男赶甲的竞赛运动`."""
    head = next((h for h in sorted(lx.CAMPAIGN_HEADS, key=len, reverse=True) if form.endswith(h)), "")
    if not head:
        return form
    core = form[: -len(head)]
    quoted = re.search(r"“([^”]+)”", core)
    if quoted and clean_campaign(core) == quoted.group(1):
        return f"“{quoted.group(1)}”{head}"
    core = re.sub(r"([\u4e00-\u9fff])\1([\u4e00-\u9fff])\2的", "", core)  # 轰轰烈烈的
    changed = True
    while changed:
        changed = False
        for description in lx.CAMPAIGN_DESCRIPTIONS:
            if description.endswith("的") and core.startswith(description) and len(core) > len(description):
                core, changed = core[len(description) :], True
    return f"{core}{head}"


# ---------------------------------------------------------------------------------------------------------------
# Output


def _finish(article: Article, groups: list[_Group]) -> tuple[list[Entity], list[Mention]]:
    text = article.zh.text
    keys: dict[int, str] = {}
    entities: list[Entity] = []
    mentions: list[Mention] = []
    ordered = sorted(groups, key=lambda g: (g.type, g.first()))
    for group in ordered:
        name = group.name or max(group.forms, key=lambda f: (len(f), f))
        if group.type == "Organization":
            name = max(group.forms, key=lambda f: (len(f), f))
        key = f"{group.type}:{name}"
        while key in keys.values():
            key += "'"
        keys[id(group)] = key
    for group in ordered:
        name = keys[id(group)].split(":", 1)[1].rstrip("'")
        variants = sorted((group.forms | group.extra_forms) - {""})
        parent = keys.get(id(group.parent)) if group.parent is not None else None
        entities.append(
            Entity(
                key=keys[id(group)],
                type=group.type,
                name=name,
                variants=tuple(v for v in variants if v != name and not v.startswith("#")),
                en_label=english_label(name, group.type),
                parent=parent,
            )
        )
        for start, end in sorted(group.spans):
            mentions.append(Mention("zh", start, end, text[start:end], keys[id(group)], article.zh.sentence_at(start)))
    return entities, sorted(mentions)
