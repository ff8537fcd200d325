"""Relations between the entities of one article, each with the words that state it.

* `subOrganizationOf` — a unit and the parent the text names with it (or the nearest unit above it);
* `memberOf` — a person and the most specific unit the sentence puts them in (大同煤矿掘进工刘某), or, for a
  worker or cadre named without one, the unit the paragraph is about;
* `locatedIn` — an organisation and the places its name starts with (江西省新余钢铁厂 → 江西, 新余); a campaign
  and the place its sentence is about (重庆市广大职工开展…运动; 全市 → the city named before); a place and the
  province or prefecture the gazetteer puts it in, when the article names both;
* `emulationTarget` — a campaign and the people or units it calls on to learn from, catch up with or be the same
  as: inside its name (男赶甲、女赶乙), or in a sentence near it (和甲一个样, 向乙学习);
* `launchedBy` — a campaign and the body whose call launched it (厂党委…号召…开展…运动).

Honorific titles (先进生产者, 革新能手 …) right before a name are kept as `Title`s.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace

from kg.extract import lexicon as lx
from kg.extract.statistics import dateline_span, is_baseline
from kg.extract.timex import find_times
from kg.model import Activity, Article, Entity, Evidence, Mention, Period, Relation, Title

#: Honorific titles kept as a person's title (they are not entities).
HONORIFICS = (
    "全国著名革新能手", "全国劳动模范", "先进生产者", "先进工作者", "劳动模范", "技术革新能手", "革新能手", "生产能手",
    "标兵", "劳模", "技术能手", "红旗手", "三八红旗手", "模范共产党员", "青年突击手", "突击手", "五好工人",
)  # fmt: skip
#: Titles that say the person works in the unit the text is about.
WORK_TITLES = tuple(t for t in lx.PERSON_TITLES if t not in ("同志", "英雄", "模范", "女英雄", "青年", "姑娘"))
#: Words between an organisation and a person that mean the person is held up to it, not one of its members.
_EMULATION_BETWEEN = re.compile("向|学习|赶|像|一样|看齐|全国|著名")
#: Cues that make what follows (or precedes) a model to emulate.
_TARGET_BEFORE = (
    "男赶",
    "女赶",
    "追赶",
    "赶上",
    "赶超",
    "学习",
    "男学",
    "女学",
    "学",
    "赶",
    "超",
    "向",
    "和",
    "跟",
    "同",
    "比",
)
_TARGET_AFTER = ("一个样", "一样", "学习", "看齐", "为榜样", "式的")
#: Verbs whose subject launches the campaign that follows.
_LAUNCH_VERBS = ("号召", "发起", "发动", "组织", "领导", "部署", "提出", "开展", "掀起", "决定")
#: Words meaning "the whole province / city / county" that refer back to the place named before.
_WHOLE = {"全省": ("province",), "全市": ("prefecture", "province"), "全县": ("county",), "全区": ("prefecture",),
          "本省": ("province",), "本市": ("prefecture", "province"), "这个市": ("prefecture", "province")}  # fmt: skip


class _Index:
    """Mentions by entity and by position, for the rules below."""

    def __init__(self, article: Article, entities: Iterable[Entity], mentions: Iterable[Mention]) -> None:
        self.article = article
        self.text = article.zh.text
        self.entities = {e.key: e for e in entities}
        self.mentions = sorted((m for m in mentions if m.lang == "zh"), key=lambda m: (m.start, -m.end))
        self.by_entity: dict[str, list[Mention]] = defaultdict(list)
        for m in self.mentions:
            self.by_entity[m.entity].append(m)

    def kind(self, mention: Mention) -> str:
        return self.entities[mention.entity].type

    def in_sentence(self, index: int) -> list[Mention]:
        return [m for m in self.mentions if m.sentence == index]

    def nested(self, mention: Mention) -> bool:
        """Inside another entity's mention (重庆 in 重庆钢铁公司)."""
        return any(
            o.start <= mention.start and mention.end <= o.end and o != mention and o.entity != mention.entity
            for o in self.mentions
            if self.kind(o) in ("Organization", "Campaign")
        )

    def evidence(self, start: int, end: int) -> Evidence:
        sentence = self.article.zh.sentence_at(start)
        return Evidence("zh", sentence, start, end)

    def sentence_evidence(self, mention: Mention) -> Evidence:
        span = self.article.zh.sentences[mention.sentence]
        return Evidence("zh", mention.sentence, span.start, span.end)

    def paragraph_of(self, offset: int) -> tuple[int, int]:
        for p in self.article.zh.paragraphs:
            if p.start <= offset <= p.end:
                return p.start, p.end
        return 0, len(self.text)


def extract_relations(
    article: Article, entities: Iterable[Entity], mentions: Iterable[Mention]
) -> tuple[tuple[Relation, ...], tuple[Title, ...]]:
    """All relations and titles the article states, each with its evidence, in a stable order."""
    index = _Index(article, entities, mentions)
    relations: dict[tuple[str, str, str], Relation] = {}
    for relation in (
        *_sub_organizations(index),
        *_memberships(index),
        *_locations(index),
        *_emulation_targets(index),
        *_launchers(index),
    ):
        key = (relation.subject, relation.predicate, relation.object)
        if relation.subject != relation.object and key not in relations:
            relations[key] = relation
    return tuple(sorted(relations.values(), key=lambda r: (r.predicate, r.subject, r.object))), _titles(index)


# ---------------------------------------------------------------------------------------------------------------


def _sub_organizations(index: _Index) -> Iterable[Relation]:
    for entity in index.entities.values():
        if entity.parent is None or entity.parent not in index.entities:
            continue
        child_mentions = index.by_entity.get(entity.key, [])
        parent_mentions = index.by_entity.get(entity.parent, [])
        if not child_mentions:
            continue
        # the closest pair, parent before child, states it best (这个厂的二十五车间, 甲公司乙厂)
        pairs = [(c.start - p.end, p, c) for c in child_mentions for p in parent_mentions if 0 <= c.start - p.end <= 12]
        if pairs:
            _, parent, child = min(pairs, key=lambda t: (t[0], t[2].start))
            evidence = index.evidence(parent.start, child.end)
        else:
            evidence = index.sentence_evidence(child_mentions[0])
        yield Relation(entity.key, "subOrganizationOf", entity.parent, evidence)


def _memberships(index: _Index) -> Iterable[Relation]:
    """Each person's most specific unit, by the first rule that finds one:

    1. the unit named in the same clause before them, or after them as `某某是甲车间的组长` / `…组成的甲小组`;
    2. the unit their post names (矿长 → the mine, 车间主任 → the workshop) or a bare head before them
       (车间技术员某某 → the workshop the text is about);
    3. for a worker or cadre (工人, 技术员, 书记 …), the unit the paragraph is about.
    People held up as models (向某某学习, 和某某一个样, 男学某某) are not members of the unit in their sentence.
    """
    for person in (m for m in index.mentions if index.kind(m) == "Person"):
        if _in_paragraph_kind(index, person.start, ("byline", "credit", "signature", "headline")):
            continue
        if _held_up(index, person):
            continue
        before = index.text[max(0, person.start - 10) : person.start]
        unit = _unit_in_sentence(index, person) or _unit_after(index, person)
        if unit is None:
            unit = _unit_of_post(index, person, before)
        if unit is None and before.endswith(WORK_TITLES):
            unit = _unit_of_paragraph(index, person.start)
        if unit is None:
            continue
        if unit.sentence == person.sentence:
            evidence = index.evidence(min(unit.start, person.start), max(unit.end, person.end))
        else:
            evidence = index.sentence_evidence(person)
        for member in _listed_with(index, person):
            yield Relation(member.entity, "memberOf", unit.entity, evidence)
            entity = index.entities[unit.entity]
            if entity.parent and entity.name.endswith(tuple(lx.COMMITTEE_HEADS)):
                yield Relation(member.entity, "memberOf", entity.parent, evidence)


#: Words right before a name that hold the person up as a model.
_MODEL_BEFORE = ("学习", "向", "赶", "学", "像", "追赶", "男赶", "女赶", "男学", "女学", "超")
#: Posts and the unit heads they are posts of.
_POST_UNITS = {
    "矿长": ("矿",), "副矿长": ("矿",), "厂长": ("厂",), "副厂长": ("厂",), "车间主任": ("车间",),
    "工段长": ("工段",), "队长": ("队",), "副队长": ("队",), "组长": ("组",), "小组长": ("组",), "班长": ("班", "组"),
    "社长": ("社",), "局长": ("局",), "副局长": ("局",), "经理": ("公司",), "场长": ("场",), "站长": ("站",),
    "校长": ("学校", "中学", "小学", "学院"), "院长": ("院",), "所长": ("所",), "书记": ("党委", "总支", "支部"),
}  # fmt: skip
_BARE_HEADS = ("车间", "工段", "小组", "厂", "矿", "公社", "公司", "队", "组")


def _held_up(index: _Index, person: Mention) -> bool:
    sentence = index.article.zh.sentences[person.sentence]
    before = index.text[max(sentence.start, person.start - 10) : person.start]
    if before.endswith(_MODEL_BEFORE):
        return True
    clause = re.split("[，。；：！？]", index.text[sentence.start : person.start])[-1]
    after = index.text[person.end : min(sentence.end, person.end + 8)]
    return bool(re.search("[和跟同与]", clause)) and bool(
        re.match("(?:[^，。；]{0,4})(?:一个样|一样|看齐|学习)", after)
    )


def _unit_after(index: _Index, person: Mention) -> Mention | None:
    """某某是甲车间的组长, 某某、某某等十几个人组成的甲小组: the unit after the person in the same clause."""
    sentence = index.article.zh.sentences[person.sentence]
    clause_end = next((i for i in range(person.end, sentence.end) if index.text[i] in "，。；：！？"), sentence.end)
    for unit in (m for m in index.in_sentence(person.sentence) if index.kind(m) == "Organization"):
        if not (person.end <= unit.start < clause_end) or index.nested(unit) or _is_press_or_state(index, unit):
            continue
        between = index.text[person.end : unit.start]
        if re.match("^(?:同志)?(?:是|担任|在|任)", between) and index.text[unit.end : unit.end + 1] in (
            "的",
            "任",
            "当",
        ):
            return _most_specific_following(index, unit, clause_end)
        if re.search("组成的$|参加的$|所在的$", between):
            return unit
    return None


def _most_specific_following(index: _Index, unit: Mention, clause_end: int) -> Mention:
    """装配车间三八装配小组的组长: the last of the units written one after another."""
    current = unit
    for other in index.mentions:
        if other.start == current.end and index.kind(other) == "Organization" and other.end <= clause_end:
            current = other
    return current


def _unit_of_post(index: _Index, person: Mention, before: str) -> Mention | None:
    """矿长某某 → the mine named last; 车间技术员某某 → the workshop named last."""
    post = next((p for p in sorted(_POST_UNITS, key=len, reverse=True) if before.endswith(p)), None)
    heads = _POST_UNITS[post] if post else ()
    if not heads:
        bare = re.search(f"({'|'.join(_BARE_HEADS)})(?:的)?(?:{'|'.join(map(re.escape, WORK_TITLES))})$", before)
        if bare is None or any(m.end == person.start - len(bare.group(0)) + len(bare.group(1)) for m in index.mentions):
            return None
        heads = (bare.group(1),)
    for mention in reversed([m for m in index.mentions if m.end <= person.start and index.kind(m) == "Organization"]):
        entity = index.entities[mention.entity]
        if not index.nested(mention) and any(f.endswith(heads) for f in (entity.name, *entity.variants)):
            return mention
    return None


def _listed_with(index: _Index, person: Mention) -> list[Mention]:
    """The person and those listed after them (甲、乙、丙等人): they share the unit the text gives the first."""
    people = [person]
    for other in (m for m in index.mentions if m.start >= person.end and index.kind(m) == "Person"):
        if index.text[people[-1].end : other.start] not in ("、", "和", "及", "与", "同"):
            break
        people.append(other)
    return people


def _in_paragraph_kind(index: _Index, offset: int, kinds: tuple[str, ...]) -> bool:
    return any(p.kind in kinds and p.start <= offset < p.end for p in index.article.zh.paragraphs)


def _unit_in_sentence(index: _Index, person: Mention) -> Mention | None:
    """The last organisation mention before the person in the same sentence, close enough and not a model's."""
    units = [
        m
        for m in index.in_sentence(person.sentence)
        if index.kind(m) == "Organization"
        and m.end <= person.start
        and not _is_press_or_state(index, m)
        and not index.nested(m)
    ]
    for unit in reversed(units):
        between = index.text[unit.end : person.start]
        if (
            len(between) > 40
            or (re.search("[，；]", between) and len(between) > 12)
            or _EMULATION_BETWEEN.search(between)
        ):
            return None
        return unit
    return None


def _unit_of_paragraph(index: _Index, offset: int) -> Mention | None:
    """The nearest enterprise or unit named before `offset` in its paragraph, else in the article."""
    start, _ = index.paragraph_of(offset)
    earlier = [
        m
        for m in index.mentions
        if index.kind(m) == "Organization"
        and m.end <= offset
        and not _is_press_or_state(index, m)
        and not index.nested(m)
    ]
    in_paragraph = [m for m in earlier if m.start >= start]
    pool = in_paragraph or earlier
    return pool[-1] if pool else None


def _is_press_or_state(index: _Index, mention: Mention) -> bool:
    name = index.entities[mention.entity].name
    return name in lx.NATIONAL_BODIES or name.endswith(("日报", "通讯社", "报社", "市委", "省委", "县委", "地委"))


def _locations(index: _Index) -> Iterable[Relation]:
    places = {e.key: e for e in index.entities.values() if e.type == "Place"}
    place_by_form: dict[str, str] = {}
    for place in places.values():
        for form in (place.name, *place.variants):
            place_by_form[form] = place.key
    for entity in index.entities.values():
        if entity.type != "Organization" or entity.parent is not None:
            continue
        mentions = index.by_entity.get(entity.key, [])
        for form in sorted({entity.name, *entity.variants}, key=len, reverse=True):
            for place_key in _leading_places(form, place_by_form):
                mention = next((m for m in mentions if m.text == form), mentions[0] if mentions else None)
                if mention is not None:
                    yield Relation(entity.key, "locatedIn", place_key, index.sentence_evidence(mention))
    yield from _campaign_places(index)
    yield from _contained_places(index, places)


def _leading_places(name: str, place_by_form: dict[str, str]) -> list[str]:
    """The article's places that start an organisation's name (中共 and similar prefixes skipped)."""
    found: list[str] = []
    rest = re.sub("^(?:中共|中国共产党|国营|地方国营|公私合营)", "", name)
    while rest:
        form = next((f for f in sorted(place_by_form, key=len, reverse=True) if rest.startswith(f)), None)
        if form is None:
            break
        found.append(place_by_form[form])
        rest = rest[len(form) :]
        rest = rest[1:] if rest[:1] in ("省", "市", "县") and not found[-1].endswith(rest[:1]) else rest
    return found


def _campaign_places(index: _Index) -> Iterable[Relation]:
    for campaign in (m for m in index.mentions if index.kind(m) == "Campaign"):
        sentence = index.article.zh.sentences[campaign.sentence]
        before = [
            m
            for m in index.in_sentence(campaign.sentence)
            if index.kind(m) == "Place" and m.end <= campaign.start and not index.nested(m)
        ]
        between = [
            m
            for m in index.in_sentence(campaign.sentence)
            if index.kind(m) == "Campaign"
            and before
            and before[-1].end <= m.start < campaign.start
            and m.entity != campaign.entity
        ]
        if before and not between:
            yield Relation(
                campaign.entity, "locatedIn", before[-1].entity, index.evidence(before[-1].start, campaign.end)
            )
            continue
        clause = index.text[sentence.start : campaign.start]
        whole = next((w for w in _WHOLE if w in clause), None)
        if whole:
            place = _latest_place(index, campaign.start, _WHOLE[whole])
            if place is not None:
                yield Relation(campaign.entity, "locatedIn", place, index.sentence_evidence(campaign))


def _latest_place(index: _Index, offset: int, levels: tuple[str, ...]) -> str | None:
    """The place of one of `levels` named last before `offset`."""
    for mention in reversed([m for m in index.mentions if m.end <= offset and index.kind(m) == "Place"]):
        entity = index.entities[mention.entity]
        entry = lx.places().get(entity.name) or lx.places().get(mention.text)
        if entry is not None and entry.level in levels:
            return mention.entity
    return None


def _contained_places(index: _Index, places: dict[str, Entity]) -> Iterable[Relation]:
    """A place written right after the place that contains it (山西省大同, 江西省新余县), as the gazetteer says."""
    for outer in (m for m in index.mentions if index.kind(m) == "Place"):
        inner = next((m for m in index.mentions if m.start == outer.end and index.kind(m) == "Place"), None)
        if inner is None or inner.entity == outer.entity:
            continue
        entry = lx.places().get(places[inner.entity].name) or lx.places().get(inner.text)
        outer_entry = lx.places().get(places[outer.entity].name) or lx.places().get(outer.text)
        if entry and outer_entry and outer_entry.name in (entry.parent, entry.province):
            yield Relation(inner.entity, "containedInPlace", outer.entity, index.evidence(outer.start, inner.end))


def _emulation_targets(index: _Index) -> Iterable[Relation]:
    campaigns = [m for m in index.mentions if index.kind(m) == "Campaign"]
    models = [m for m in index.mentions if index.kind(m) in ("Person", "Organization")]
    for campaign in campaigns:  # 男赶甲、女赶乙的竞赛运动
        inside = [m for m in models if campaign.start <= m.start and m.end <= campaign.end]
        for model in inside:
            if any(
                o.start in (model.end, model.end + 1) and index.entities[o.entity].parent == model.entity
                for o in inside
            ):
                continue  # 二十五车间红领巾小组: the group is the model, not its workshop
            before = index.text[campaign.start : model.start]
            if before.endswith(_TARGET_BEFORE) or re.search("[赶学比超]$", before):
                yield Relation(
                    campaign.entity, "emulationTarget", model.entity, index.evidence(campaign.start, campaign.end)
                )
    for model in models:  # 和甲一个样, 向乙学习
        if any(c.start <= model.start and model.end <= c.end for c in campaigns):
            continue
        sentence = index.article.zh.sentences[model.sentence]
        before = index.text[sentence.start : model.start]
        after = index.text[model.end : sentence.end]
        cue_after = next((cue for cue in _TARGET_AFTER if after.startswith(cue)), None)
        cue_before = re.search("(?:向|以)$|(?:学习|追赶|赶上|赶超)$|[赶学比超帮]的是[^，。；：]{0,14}$", before)
        follows = next(
            (
                o
                for o in models
                if o.start in (model.end, model.end + 1)
                and o.entity != model.entity
                and index.entities[o.entity].parent == model.entity
            ),
            None,
        )
        if follows is not None:
            continue  # 学的是本厂织布车间的某某小组: the group is the model, not its workshop
        if not cue_after and not cue_before:
            continue
        if cue_after in ("一个样", "一样") and not re.search("(?:和|跟|同|与)[^，。；]*$", before):
            continue
        campaign = _campaign_for(index, campaigns, model, cue_after or "")
        if campaign is not None:
            yield Relation(
                campaign.entity, "emulationTarget", model.entity, index.evidence(sentence.start, sentence.end)
            )


def merge_campaigns_by_target(
    entities: list[Entity], mentions: list[Mention], relations: Iterable[Relation]
) -> tuple[list[Entity], list[Mention]] | None:
    """A drive whose models are all models of another campaign of the article is that campaign, named by one of
    its models (追赶乙的竞赛 inside 男赶甲、女赶乙的竞赛运动). Returns the merged entities and mentions, or None."""
    targets: dict[str, set[str]] = defaultdict(set)
    for relation in relations:
        if relation.predicate == "emulationTarget":
            targets[relation.subject].add(relation.object)
    for small, small_targets in sorted(targets.items()):
        for big, big_targets in sorted(targets.items()):
            if small != big and small_targets < big_targets:
                keys = {e.key: e for e in entities}
                merged = replace(
                    keys[big], variants=tuple(sorted({*keys[big].variants, keys[small].name, *keys[small].variants}))
                )
                new_entities = [merged if e.key == big else e for e in entities if e.key != small]
                new_mentions = sorted(replace(m, entity=big) if m.entity == small else m for m in mentions)
                return new_entities, new_mentions
    return None


def _campaign_for(index: _Index, campaigns: list[Mention], model: Mention, cue: str) -> Mention | None:
    """The campaign a call to emulate belongs to: one whose name holds the cue (一个样), else one nearby."""
    if cue:
        named = [c for c in campaigns if cue in index.entities[c.entity].name]
        if named:
            return min(named, key=lambda c: abs(c.start - model.start))
    near = [c for c in campaigns if abs(c.sentence - model.sentence) <= 1]
    return min(near, key=lambda c: abs(c.start - model.start)) if near else None


def _launchers(index: _Index) -> Iterable[Relation]:
    for campaign in (m for m in index.mentions if index.kind(m) == "Campaign"):
        sentence = index.article.zh.sentences[campaign.sentence]
        for org in reversed(
            [
                m
                for m in index.in_sentence(campaign.sentence)
                if index.kind(m) == "Organization" and m.end <= campaign.start and not index.nested(m)
            ]
        ):
            between = index.text[org.end : campaign.start]
            if any(verb in between for verb in _LAUNCH_VERBS) and "，" not in between[:2]:
                yield Relation(campaign.entity, "launchedBy", org.entity, index.evidence(org.start, campaign.end))
                break
        del sentence


def campaign_activities(
    article: Article, entities: Iterable[Entity], mentions: Iterable[Mention]
) -> tuple[Activity, ...]:
    """For each campaign, the period its sentence gives before naming it, else the one of the sentence before in
    the same paragraph (今年第一季度里，… 展开…运动), never ending after the publication date. The dateline's day
    (本报重庆18日电) and a baseline (比去年同期) are no periods of a campaign."""
    index = _Index(article, entities, mentions)
    dateline = dateline_span(article)
    times = [
        (start, end, period)
        for start, end, period in find_times(index.text, article.date)
        if not dateline[0] <= start < dateline[1]
        and not is_baseline(index.text, start)
        and period.start <= article.date
        and not ("/" in period.label and period.end == article.date)  # 两个月零七天中: a duration, not a date
    ]
    found: dict[tuple[str, str], Activity] = {}
    for campaign in (m for m in index.mentions if index.kind(m) == "Campaign"):
        paragraph = index.paragraph_of(campaign.start)
        for scope in (campaign.sentence, campaign.sentence - 1):
            if scope < 0:
                break
            sentence = article.zh.sentences[scope]
            if sentence.start < paragraph[0]:
                break
            limit = campaign.start if scope == campaign.sentence else sentence.end
            inside = [(s, e, p) for s, e, p in times if sentence.start <= s and e <= limit]
            if not inside:
                continue
            start, end, period = max(inside)
            if period.end > article.date:
                period = Period(period.start, article.date, f"{period.start}/{article.date}")
            found.setdefault(
                (campaign.entity, period.label),
                Activity(
                    campaign.entity,
                    period,
                    index.evidence(start, end)
                    if scope != campaign.sentence
                    else index.evidence(min(start, campaign.start), max(end, campaign.end)),
                ),
            )
            break
    return tuple(sorted(found.values()))


def _titles(index: _Index) -> tuple[Title, ...]:
    times = find_times(index.text, index.article.date)
    titles: dict[tuple[str, str], Title] = {}
    for person in (m for m in index.mentions if index.kind(m) == "Person"):
        before = index.text[max(0, person.start - 12) : person.start]
        title = next((t for t in sorted(HONORIFICS, key=len, reverse=True) if before.endswith(t)), None)
        if title is None:
            continue
        key = (person.entity, title)
        sentence = index.article.zh.sentences[person.sentence]
        period = next((p for s, e, p in times if sentence.start <= s and e <= person.start), None)
        if key not in titles:
            titles[key] = Title(person.entity, title, index.evidence(person.start - len(title), person.end), period)
    return tuple(sorted(titles.values(), key=lambda t: (t.person, t.title)))
