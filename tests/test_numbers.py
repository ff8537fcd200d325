"""Chinese numerals and reported figures: `kg.extract.numbers`."""

from __future__ import annotations

import dataclasses
import json
from collections import Counter

import cn2an
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.extract.numbers import Quantity, find_quantities, parse_number

from .conftest import DEV, GOLD, SHARED, require_shared


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("一万二千三百", 12300),
        ("七万八千多", 78000),
        ("两万零二百", 20200),
        ("23．1", 23.1),
        ("１２３", 123),
        ("1,200", 1200),
        ("1，200", 1200),
        ("百分之三十点九", 30.9),
        ("三十五点五", 35.5),
        ("一百一十", 110),
        ("十万", 100000),
        ("4.2万", 42000),
        ("1亿", 100000000),
        ("一倍半", 1.5),
        ("三倍", 3),
        ("二千七百一十四", 2714),
        ("万", 10000),
        ("十", 10),
        ("百", 100),
        ("一百十四", 114),
        ("二千零八十九", 2089),
        ("十万零二千五百四十六", 102546),
        ("二万四千四百四十六点六", 24446.6),
        ("一亿二千万", 120000000),
        ("一千零十", 1010),
        ("一万二", 12000),
        ("三千五", 3500),
        ("一九五八", 1958),
        ("零点五", 0.5),
        ("两", 2),
        ("百分之百", 100),
        ("三分之一", 1 / 3),
        ("23.1％", 23.1),
        ("二十来", None),
        ("几十", None),
        ("十几万", None),
        ("数百", None),
        ("三四", None),
        ("五十百", None),
        ("二两", None),
        ("点五", None),
        ("", None),
        ("车间", None),
    ],
)
def test_parse_number(text: str, expected: float | None) -> None:
    if expected is None:
        assert parse_number(text) is None
    else:
        assert parse_number(text) == pytest.approx(expected)


@given(st.integers(min_value=1, max_value=999_999_999_999))
@settings(max_examples=300, deadline=None)
def test_parse_number_reads_every_chinese_integer(n: int) -> None:
    assert parse_number(cn2an.an2cn(n)) == n
    assert parse_number(f"{n:,}") == n


def figures(text: str) -> list[tuple[float, str, str]]:
    return [(q.value, q.qualifier, q.unit) for q in find_quantities(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("实现的半机械化项目达一万二千三百件", [(12300, "exact", "件")]),
        ("有七万八千多名后进个人赶上先进水平", [(78000, "more_than", "名")]),
        ("炼铁的综合焦比降低23．1％", [(23.1, "exact", "%")]),
        ("实现了1,200多项重大技术改进", [(1200, "more_than", "项")]),
        ("创日产两万零二百吨的新纪录", [(20200, "exact", "吨")]),
        ("煤产量上升百分之三十点九", [(30.9, "exact", "%")]),
        ("又涌现了近百个先进集体", [(100, "about", "个")]),
        ("建议已在十万件以上", [(100000, "more_than", "件")]),
        ("连续实现六十多项重大技术革新", [(60, "more_than", "项")]),
        ("已有六百多人", [(600, "more_than", "人")]),
        ("一千多先进个人", [(1000, "more_than", "人")]),
        ("辽宁省一百多万钢铁大军奋战一昼夜", [(1000000, "more_than", "人")]),
        ("十几万钢铁工人走在最前列", [(100000, "more_than", "人")]),
        ("节省出四万四千多劳动力", [(44000, "more_than", "人")]),
        ("比去年同期约提高一倍半", [(1.5, "about", "倍")]),
        ("工效提高八倍", [(8, "exact", "倍")]),
        ("产量都提高一倍以上", [(1, "more_than", "倍")]),
        ("劳动生产率提高了30％", [(30, "exact", "%")]),
        ("程度由38.29％提高到62.1％", [(38.29, "exact", "%"), (62.1, "exact", "%")]),
        ("职工有95％以上参加", [(95, "more_than", "%")]),
        ("几乎100％的职工", [(100, "about", "%")]),
        ("不到八百吨", [(800, "less_than", "吨")]),
        ("现在用不到二千公斤", [(2000, "less_than", "公斤")]),
        ("至少三百人", [(300, "at_least", "人")]),
        ("超过90％", [(90, "more_than", "%")]),
        ("约有二十人", [(20, "about", "人")]),
        ("二十来个", [(20, "about", "个")]),
        ("十多个炉前工人", [(10, "more_than", "个")]),
        ("二十多座土高炉", [(20, "more_than", "座")]),
        ("十三万多件", [(130000, "more_than", "件")]),
        ("增长三成", [(30, "exact", "%")]),
        ("完成了计划的七成半", [(75, "exact", "%")]),
        ("其中有三分之二是青年", [(66.67, "exact", "%")]),
        ("废品率为千分之三", [(3, "exact", "‰")]),
        ("提高了五个百分点", [(5, "exact", "百分点")]),
        ("占用的时间达三百多个小时", [(300, "more_than", "小时")]),
        ("刘祥团全勤十二年", [(12, "exact", "年")]),
        ("已提前三个月完成", [(3, "exact", "个月")]),
        ("用了三年半时间", [(3.5, "exact", "年")]),
        ("用了一年半时间", []),
        ("功率为二十五千瓦", [(25, "exact", "千瓦")]),
        ("试制出上千种新产品", [(1000, "about", "种")]),
        ("标号提高到七百号。", [(700, "exact", "号")]),
        ("全省钢产量达到二万四千四百四十六点六吨", [(24446.6, "exact", "吨")]),
        ("电动机一百十四台、变压器十一台", [(114, "exact", "台"), (11, "exact", "台")]),
        ("轴承五十种二十三万六千多套", [(50, "exact", "种"), (236000, "more_than", "套")]),
        ("全年出勤三百零六个工", [(306, "exact", "个")]),
        ("全国钢产量将达到一千八百万吨", [(18000000, "exact", "吨")]),
        ("两座高炉再次创造了最高纪录", [(2, "exact", "座")]),
        ("每个月开两次", [(2, "exact", "次")]),
        ("本来缺乏两百个劳动力", [(200, "exact", "个")]),
        ("1958年全县农业总产值为六千二百四十万元", [(62400000, "exact", "元")]),
        ("总共生产了一亿二千多万吨煤", [(120000000, "more_than", "吨")]),
        ("无锡市十万工人已受到教育", [(100000, "exact", "人")]),
        ("高炉利用系数是一点七七", [(1.77, "exact", "")]),
        ("有效容积已降低到零点七零五立方公尺左右", [(0.705, "about", "立方公尺")]),
        ("比1957年增长两倍多到十三倍", [(2, "more_than", "倍"), (13, "exact", "倍")]),
    ],
)
def test_find_quantities_values_qualifiers_units(text: str, expected: list[tuple[float, str, str]]) -> None:
    found = figures(text)
    assert [q for _, q, _ in found] == [q for _, q, _ in expected]
    assert [u for _, _, u in found] == [u for _, _, u in expected]
    assert [v for v, _, _ in found] == pytest.approx([v for v, _, _ in expected])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "装卸搬运的机械化程度由去年的5％—9％激增到65％",
            [(5, "at_least", "%"), (9, "exact", "%"), (65, "exact", "%")],
        ),
        ("每天用煤四千到四千八百公斤", [(4000, "at_least", "公斤"), (4800, "exact", "公斤")]),
        ("煤炭消耗量比过去降低15％到25％左右", [(15, "at_least", "%"), (25, "about", "%")]),
        ("三至五万吨的钢材", [(30000, "at_least", "吨"), (50000, "exact", "吨")]),
        ("有时召开三次到四次", [(3, "at_least", "次"), (4, "exact", "次")]),
        ("由二十四吨提高到二十八吨至三十吨", [(24, "exact", "吨"), (28, "at_least", "吨"), (30, "exact", "吨")]),
        ("加上1到8月的生铁", []),
        ("1至5月上旬，占用的时间", []),
    ],
)
def test_ranges_give_a_lower_bound_at_least_and_an_upper_bound(
    text: str, expected: list[tuple[float, str, str]]
) -> None:
    assert figures(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # dates and times of day
        "1958年",
        "一九五八年",
        "据新华社沈阳30日电",
        "在3月29日",
        "今年第一季度",
        "第四季度",
        "从3月份起",
        "去年12月",
        "3月下半月",
        "下午三点钟",
        "十点二十分",
        "在10:30",
        "五十年代",
        # ages, ordinals, numbers inside names
        "他今年五十二岁",
        "第一车间",
        "二十五车间的巧姑娘小组",
        "三十五车间在任务大大增加的情况下",
        "本溪钢铁公司第一炼铁厂",
        "红星二号高炉",
        "第二次战役",
        "第一版",
        "四级干部会",
        "八级工",
        "“四化”运动",
        "三结合的作法",
        "第二个五年计划",
        "一台万吨级水压机",
        # an article 一 and turns of phrase
        "一个声势浩大的运动",
        "一项新纪录",
        "一起",
        "一样",
        "统一",
        "一定",
        "一切",
        "一些同志",
        "万一",
        "两道工序",
        "两个方面",
        "这两个战役",
        "于是抓住了三大关口",
        "这三种产品产量的总和",
        "发动群众围攻以上八个关键",
        "干劲十足",
        "十之八九",
        # idioms and vague amounts
        "千方百计",
        "一心一意",
        "三番五次",
        "十全十美",
        "万众一心",
        "百花齐放",
        "成千上万的群众",
        "四面八方",
        "一日千里",
        "十年树木，百年树人",
        "三面红旗",
        "他如一日地坚持",
        "几十个人",
        "几倍甚至几十倍",
        "数百人",
        "三四个人",
        "劳动效率成倍、成十倍地提高",
        "十分落后",
        "百货公司",
        "千万不要忘记",
        # durations that frame another figure
        "两个多月来",
        "最近三个月中",
        "近三个月来",
        "两个月零七天中",
        "十二年来",
        "在一个月内",
        "比过去两年的总和还多",
        "比9月份前二十八天的平均日产量",
        "在最后三个月中",
        # neither figure nor number
        "零件质量",
        "零星的经验",
    ],
)
def test_non_statistics_are_left_out(text: str) -> None:
    assert find_quantities(text) == []


def test_offsets_slice_back_to_the_surface_in_text_order() -> None:
    text = (
        "本报重庆4日电　去年一年中，这个公司即涌现了一百一十多个先进集体，一千五百多个先进人物。"
        "今年第一季度，又涌现了近百个先进集体和一千多先进个人。近三个月来，职工提出的技术革新建议已在十万件以上。"
        "炼铁的综合焦比降低23．1％，入炉焦比降低1．583％。"
    )
    found = find_quantities(text)
    assert [q.surface for q in found] == [
        "一百一十多个",
        "一千五百多个",
        "近百个",
        "一千多",
        "十万件以上",
        "23．1％",
        "1．583％",
    ]
    assert all(text[q.start : q.end] == q.surface for q in found)
    assert [q.start for q in found] == sorted(q.start for q in found)
    assert [q.value for q in found] == pytest.approx([110, 1500, 100, 1000, 100000, 23.1, 1.583])


@given(
    st.text(
        alphabet="一二两三四五六七八九十百千万亿零几多余近约以上下左右个件吨年月日第车间％%.,0123456789", max_size=40
    )
)
@settings(max_examples=300, deadline=None)
def test_any_text_gives_well_formed_quantities(text: str) -> None:
    for q in find_quantities(text):
        assert text[q.start : q.end] == q.surface
        assert q.qualifier in ("exact", "more_than", "about", "at_least", "less_than")
        assert q.value > 0


def test_quantity_is_frozen() -> None:
    q = find_quantities("三十八个")[0]
    assert q == Quantity(38, "exact", "个", 0, 4, "三十八个")
    with pytest.raises(dataclasses.FrozenInstanceError):
        q.value = 1  # type: ignore[misc]


def test_dev_gold_values_are_found() -> None:
    """Recall and precision of values against the dev gold (the scorer's task is harder: it needs `what` too)."""
    require_shared()
    from kg.read import read_article

    required = hits = predicted = matched = 0
    for gold_file in sorted((GOLD / "dev").glob("*.json")):
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        source = next(p for p in (DEV / gold["source"], SHARED / "seeds" / gold["source"]) if p.exists())
        found = Counter(round(q.value, 4) for q in find_quantities(read_article(source).zh.text))
        every = Counter(round(float(s["value"]), 4) for s in gold["statistics"])
        needed = Counter(round(float(s["value"]), 4) for s in gold["statistics"] if not s.get("optional"))
        required += sum(needed.values())
        hits += sum((needed & found).values())
        predicted += sum(found.values())
        matched += sum((every & found).values())
    assert hits / required >= 0.95
    assert matched / predicted >= 0.85
