"""Relations, figures and their evidence, pattern by pattern, on made-up sentences in the period's style (no name
from the sample articles), and the dev bar through the scorer."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from kg.extract import extract
from kg.extract.numbers import find_quantities, parse_number
from kg.extract.timex import resolve_time
from kg.model import Extraction

from .conftest import GOLD, require_shared, score
from .test_extract import article


def facts(*paragraphs: str, date: str = "1959-06-05") -> tuple[Extraction, set[tuple[str, str, str]]]:
    """The extraction and its relations as (subject name, predicate, object name)."""
    extraction = extract(article(*paragraphs, date=date))
    names = {e.key: e.name for e in extraction.entities}
    return extraction, {(names[r.subject], r.predicate, names[r.object]) for r in extraction.relations}


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        (
            ("本报西安3日电　西安仪表厂开展技术革新。这个厂的十二车间的“红领巾”小组完成了任务。",),
            {("十二车间", "subOrganizationOf", "西安仪表厂"), ("“红领巾”小组", "subOrganizationOf", "十二车间")},
        ),
        (("包头钢铁公司第二炼铁厂创造了新纪录。",), {("第二炼铁厂", "subOrganizationOf", "包头钢铁公司")}),
        (("武汉锅炉厂铆焊车间工人提出了建议。",), {("铆焊车间", "subOrganizationOf", "武汉锅炉厂")}),
        (("西安仪表厂党委号召全厂职工学习。",), {("西安仪表厂党委", "subOrganizationOf", "西安仪表厂")}),
    ],
)
def test_sub_organisations(paragraphs: tuple[str, ...], expected: set) -> None:
    _, found = facts("标题", *paragraphs)
    assert expected <= found


@pytest.mark.parametrize(
    ("sentence", "person", "unit"),
    [
        ("西安仪表厂装配车间老工人冯志远创造了新的操作法。", "冯志远", "装配车间"),
        ("兰州石油机械厂技术员邵建平改进了设计。", "邵建平", "兰州石油机械厂"),
        ("钱德贵是西安仪表厂装配车间的组长。", "钱德贵", "装配车间"),
        ("女工苗玉田、姚秀英等七人组成的“三八”小组提前完成了计划。", "姚秀英", "“三八”小组"),
    ],
)
def test_membership(sentence: str, person: str, unit: str) -> None:
    _, found = facts("标题", "本报西安3日电　西安仪表厂大搞技术革新。", sentence)
    members = {(s, o) for s, p, o in found if p == "memberOf"}
    assert (person, unit) in members, members


def test_a_model_held_up_is_no_member() -> None:
    _, found = facts("标题", "西安仪表厂的工人们提出要和全国著名革新能手冯志远一个样。")
    assert not {r for r in found if r[0] == "冯志远" and r[1] == "memberOf"}


def test_membership_by_post_and_list() -> None:
    _, found = facts(
        "标题",
        "本报太原5日电　太原新华矿务局大同煤矿提前完成了计划。",
        "矿长秦大海说，先进生产者钱德贵、苗玉田等人起了带头作用。",
    )
    members = {(s, o) for s, p, o in found if p == "memberOf"}
    assert ("秦大海", "大同煤矿") in members
    assert ("钱德贵", "大同煤矿") in members and ("苗玉田", "大同煤矿") in members


@pytest.mark.parametrize(
    ("sentence", "campaign", "models"),
    [
        (
            "厂党委号召开展一个男学冯志远、女学苗玉田的竞赛运动。",
            "男学冯志远、女学苗玉田的竞赛运动",
            {"冯志远", "苗玉田"},
        ),
        (
            "全厂开展了“赶先进、学先进”的竞赛：赶的是省内最好的兰州石油机械厂，学的是本厂的“红领巾”小组。",
            "“赶先进、学先进”的竞赛",
            {"兰州石油机械厂", "“红领巾”小组"},
        ),
        (
            "全厂开展“和先进厂一个样”运动，工人们提出要和全国著名革新能手冯志远一个样。",
            "“和先进厂一个样”运动",
            {"冯志远"},
        ),
    ],
)
def test_emulation_targets(sentence: str, campaign: str, models: set[str]) -> None:
    extraction, found = facts("标题", "本报西安3日电　西安仪表厂大搞技术革新。", sentence)
    (entity,) = [e for e in extraction.entities if e.type == "Campaign" and campaign in (e.name, *e.variants)]
    assert {o for s, p, o in found if p == "emulationTarget" and s == entity.name} >= models, found


def test_locations_from_names_and_sentences() -> None:
    _, found = facts(
        "标题",
        "本报南昌5日电　江西省东乡钢铁厂和中共南昌市委都很重视质量。",
        "南昌市职工开展了增产节约运动。",
    )
    assert ("东乡钢铁厂", "locatedIn", "江西") in {(s.replace("江西省", ""), p, o) for s, p, o in found}
    assert ("中共南昌市委", "locatedIn", "南昌") in found
    assert ("增产节约运动", "locatedIn", "南昌") in found


def test_launched_by_and_titles() -> None:
    extraction, found = facts("标题", "西安仪表厂党委号召全厂职工开展“三比三赛”运动。革新能手冯志远带头响应。")
    assert ("“三比三赛”运动", "launchedBy", "西安仪表厂党委") in found
    names = {e.key: e.name for e in extraction.entities}
    assert ("冯志远", "革新能手") in {(names[t.person], t.title) for t in extraction.titles}


def test_every_relation_has_evidence_that_slices_back() -> None:
    extraction, _ = facts("标题", "本报西安3日电　西安仪表厂装配车间老工人冯志远创造了新的操作法。")
    text = extraction.article.zh.text
    assert extraction.relations
    for relation in extraction.relations:
        ev = relation.evidence
        sentence = extraction.article.zh.sentences[ev.sentence]
        assert sentence.start <= ev.start < ev.end <= sentence.end
        assert text[ev.start : ev.end].strip()


# ---------------------------------------------------------------------------------------------------------------
# Figures


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("一万二千三百", 12300), ("七万八千多", 78000), ("两万零二百", 20200), ("23．1", 23.1), ("1,200多", 1200),
        ("百分之三十点九", 30.9), ("二千七百一十四", 2714), ("一倍半", 1.5), ("4.2万", 42000), ("１２３", 123),
    ],
)  # fmt: skip
def test_numerals(text: str, value: float) -> None:
    assert parse_number(text) == pytest.approx(value)


@pytest.mark.parametrize(
    ("text", "value", "qualifier", "unit"),
    [
        ("职工提出的技术革新建议已在十万件以上。", 100000, "more_than", "件"),
        ("有七万八千多名后进个人赶上了先进水平。", 78000, "more_than", "名"),
        ("又涌现了近百个先进集体。", 100, "about", "个"),
        ("全年生产生铁不到八百吨。", 800, "less_than", "吨"),
        ("焦比降低23．1％。", 23.1, "exact", "%"),
        ("实现了1,200多项重大技术改进。", 1200, "more_than", "项"),
    ],
)
def test_figures_in_running_text(text: str, value: float, qualifier: str, unit: str) -> None:
    (quantity,) = find_quantities(text)
    assert (quantity.value, quantity.qualifier, quantity.unit) == (pytest.approx(value), qualifier, unit)


def test_dates_ordinals_and_unit_names_are_no_figures() -> None:
    assert find_quantities("1959年3月18日，第二车间和二十五车间都订出了计划，一心一意搞生产。") == []


@pytest.mark.parametrize(
    ("expression", "published", "label"),
    [
        ("去年", "1959-06-05", "1958"),
        ("今年第一季度", "1959-06-05", "1959-Q1"),
        ("3月份", "1960-04-19", "1960-03"),
        ("12月", "1960-04-19", "1959-12"),
        ("3月中旬", "1960-04-19", "1960-03-D2"),
        ("近三个月", "1959-06-05", "1959-03-05/1959-06-05"),
    ],
)
def test_time_expressions(expression: str, published: str, label: str) -> None:
    period = resolve_time(expression, dt.date.fromisoformat(published))
    assert period is not None and period.label == label
    assert period.start <= dt.date.fromisoformat(published)


def test_figures_get_subject_and_period() -> None:
    extraction = extract(
        article("标题", "本报西安3日电　西安仪表厂在今年第一季度里，革新能手冯志远连续实现六十多项重大技术革新。")
    )
    names = {e.key: e.name for e in extraction.entities}
    (figure,) = [s for s in extraction.statistics if s.value == 60]
    assert (figure.qualifier, figure.unit, figure.what) == ("more_than", "项", "重大技术革新")
    assert names[figure.subject] == "冯志远"
    assert figure.period is not None and figure.period.label == "1959-Q1"


def test_dev_set_meets_the_relation_and_statistics_bar(dev_build: Path) -> None:
    """The bar of the relations issue: relation F1 ≥ 0.70 overall and ≥ 0.60 per relation; statistics F1 ≥ 0.80
    with subject accuracy ≥ 0.70."""
    require_shared()
    report = score(dev_build / "graph.ttl", GOLD / "dev")
    assert report["relations"]["all"]["f1"] >= 0.70
    for name in ("memberOf", "subOrganizationOf", "locatedIn", "emulationTarget"):
        assert report["relations"][name]["f1"] >= 0.60, (name, report["relations"][name])
    assert report["statistics"]["f1"] >= 0.80
    assert report["statistic_subject_accuracy"] >= 0.70


def test_figures_of_a_translated_article_get_english_words() -> None:
    from kg.read import read_article

    from .conftest import SEEDS

    extraction = extract(read_article(SEEDS / "000_523bdd3c56f652b7.txt"))
    by_value = {s.value: s for s in extraction.statistics}
    assert by_value[60].what_en == "major technical innovations"
    assert by_value[100000].what_en == "technical innovation proposals"


def test_made_up_dev_set_stays_good(tmp_path: Path) -> None:
    """Twelve made-up articles in the period's style, annotated by the guidelines (tests/data/madeup-dev), written
    apart from the rules; used while improving them, so they are a second dev set, not a held-out one."""
    require_shared()
    from kg.pipeline import build

    made_up = Path(__file__).parent / "data" / "madeup-dev"
    build([made_up / "corpus"], tmp_path, html=False, store=False)
    report = score(tmp_path / "graph.ttl", made_up / "gold")
    assert report["entities"]["all"]["f1"] >= 0.90
    assert report["relations"]["all"]["f1"] >= 0.80
    assert report["statistics"]["f1"] >= 0.90
