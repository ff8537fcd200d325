"""Time expressions in Chinese news text, resolved against the article's publication date.

`find_times` finds every time expression in running text (去年, 今年第一季度, 3月中旬, 近三个月来, 从4月初到5月13日,
本报重庆4日电 …) with its offsets and resolves it to a `Period`; `resolve_time` resolves one expression.

Period labels (`Period.label`; start and end are inclusive dates):

| what | label | example |
|---|---|---|
| year | `YYYY` | 去年 in a 1959 article → `1958` |
| half-year | `YYYY-H1`, `YYYY-H2` | 上半年 |
| quarter | `YYYY-Q1` … `YYYY-Q4` | 今年第一季度, 一季度 |
| month | `YYYY-MM` | 3月份, 去年12月 |
| ten days (旬) | `YYYY-MM-D1`/`D2`/`D3` (1–10, 11–20, 21–end) | 3月上旬, 月初 (= D1), 2月底 (= D3) |
| day | `YYYY-MM-DD` | 3月18日, 本报重庆4日电 |
| any other interval | `YYYY-MM-DD/YYYY-MM-DD` | 近三个月, 1957年以来, 年初 |

Any interval that happens to be a whole year, half, quarter, month, 旬 or day gets that label (`period_between`).

Decisions:
- Past first. A bare month after the publication month is last year's (12月 in an April article); a bare day after
  the publication day is last month's (the dateline 4日电 of an article of the 5th is this month's, 31日电 of an
  article of June 1st is May's). A bare 中旬/下旬 that has not begun yet is last month's. Quarters, halves and
  holidays stay in the publication year (plans speak of 第四季度 ahead).
- A bare 上旬/中旬/下旬, 月初/月底 or 上半月/下半月 belongs to the last month named earlier in the same sentence
  (3月中旬钢产量比上旬上升 → 上旬 of March), else to the publication month.
- 年初 is January and February (`YYYY-01-01/YYYY-02-28`), 年底/年末 November and December; 月初 is the first 旬,
  月底/月末 the last.
- A duration that frames a time (近三个月, 最近三个月中, 两个多月来, 一个月内, 两个月零七天中, 过去两年,
  十二年来) ends on the publication date and starts that long before (the same day N months earlier); 多 adds
  nothing (三个多月来 → three months). A bare duration (提前三个月) is no time expression, and neither is one
  day (这一天中, 同一天里: the day the context names).
- 最后三个月 / 头两个月 / 今年前三个月 are the last/first months of the year; 9月份前二十八天 the first days of the
  month. X以来, X起, 从X开始, X至今 and X到现在 run from the start of X to the publication date; X到Y, X至Y and
  X—Y from the start of X to the end of Y (1到8月, 1至5月上旬, 从4月初到5月13日, 1951—1955年).
- 去年同期 (去年同时期) is the period named earlier in the same sentence, a year back
  (今年第一季度…比去年同期 → 1958-Q1); without one it is unclear and left out.
- Holidays (元旦, 国际劳动节/五一节, 国庆节/国庆, 妇女节, 建军节, 儿童节) are their day in the publication year.
- Seasons (今春, 去冬, 今年春季) are three-month intervals; winter is December to February.
- Everything is rule-based and deterministic; no outside parser is consulted.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from kg.extract.numbers import parse_number
from kg.model import Period

#: Years named relative to the publication year.
RELATIVE_YEARS: dict[str, int] = {"大前年": -3, "前年": -2, "去年": -1, "上年": -1, "今年": 0, "本年": 0,
                                  "明年": 1, "后年": 2}  # fmt: skip
#: Months named relative to the publication month.
RELATIVE_MONTHS: dict[str, int] = {"本月": 0, "这个月": 0, "上月": -1, "上个月": -1, "下月": 1, "下个月": 1}
#: Holidays with a fixed date, as (month, day).
HOLIDAYS: dict[str, tuple[int, int]] = {
    "元旦": (1, 1), "国际劳动节": (5, 1), "劳动节": (5, 1), "五一节": (5, 1), "国庆节": (10, 1), "国庆": (10, 1),
    "国际妇女节": (3, 8), "妇女节": (3, 8), "三八节": (3, 8), "建军节": (8, 1), "八一建军节": (8, 1),
    "儿童节": (6, 1), "六一儿童节": (6, 1),
}  # fmt: skip
#: First month of each season; winter runs into the next year.
SEASONS: dict[str, int] = {"春": 3, "夏": 6, "秋": 9, "冬": 12}
SEASON_YEARS: dict[str, int] = {"去": -1, "今": 0, "明": 1}
#: Parts of a year: (first month, last month).
YEAR_PARTS: dict[str, tuple[int, int]] = {"初": (1, 2), "底": (11, 12), "末": (11, 12)}
#: Parts of a month, as 旬 (1, 2, 3).
MONTH_PARTS: dict[str, int] = {"初": 1, "中": 2, "底": 3, "末": 3}
DEKADS: dict[str, int] = {"上": 1, "中": 2, "下": 3}
#: How long the units of a duration are, as (months, days).
DURATION_UNITS: dict[str, tuple[int, int]] = {"年": (12, 0), "个月": (1, 0), "个季度": (3, 0), "天": (0, 1),
                                              "日": (0, 1), "星期": (0, 7), "个星期": (0, 7), "个礼拜": (0, 7),
                                              "周": (0, 7)}  # fmt: skip
#: Separators of a range of times (1到8月, 5％—9％ is for numbers).
RANGE_SEPARATORS = ("到", "至", "—", "－", "-", "~", "～")
#: After a time these make it the start of an interval that runs to the publication date (and 开始 after 从X).
SINCE_WORDS = ("以来", "起", "至今", "到现在", "到目前", "到今天")
#: After a bare day these show a dateline or a time of that day (4日电, 29日晚), so a Chinese-numeral day counts.
DAY_FOLLOWERS = ("电", "讯", "晚", "夜", "凌晨", "上午", "下午", "中午", "清晨", "早晨", "起", "以来", "止", "开始")
#: After 起 these make it part of a verb (起草, 起来, 起义), not "from … on".
_NOT_AFTER_QI = frozenset("草来义飞步身码")
#: Characters that may surround an expression given to `resolve_time` (从…, 在…中, …期间, …的).
_FRAME_CHARS = "从自由在于到止中里内间期的时份 　"
_SENTENCE_END = re.compile(r"[。！？!?\n]")

_CN = "零〇一二两三四五六七八九十"
_NOT_AFTER_NUMERAL = rf"(?<![\d{_CN}])"
_YEAR = (
    r"(?:(?:(?<!\d)(?:(?P<year0>1[89]\d\d|20\d\d)(?:到|至|—|－|-))?(?P<year>1[89]\d\d|20\d\d)"
    r"|(?P<cnyear>[〇零一二三四五六七八九]{4}))年度?"
    r"|(?P<yword>大前年|前年|去年|上年|今年|本年|明年|后年))"
)
_MONTH_NUM = r"(?:1[0-2]|0?[1-9]|十[一二]|[一二三四五六七八九十])"
_DAY_NUM = r"(?:3[01]|[12]\d|0?[1-9]|三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九])"
_MONTH = (
    rf"(?:(?P<month0>{_MONTH_NUM})(?:到|至|—|－|-|、))?(?P<month>{_MONTH_NUM})月份?(?!革命)"
    rf"(?:(?P<dekad>上|中|下)旬|(?P<mhalf>上|下)半月|(?P<mpart>初|底|末)|(?P<day>{_DAY_NUM})[日号])?"
)
_QUARTER = r"(?:(?:第|头)(?P<q1>[一二三四1-4])季度?|(?P<q2>[一二三四1-4])季度)"
_HALF = r"(?P<half>上|下)半年"
_TAIL = rf"(?:{_QUARTER}|{_HALF}|{_MONTH})"
_YEAR_TAIL = rf"(?:{_TAIL}|年?(?P<ypart>初|底|末)|(?P<whole>全年|一年))"
#: 1958年, 去年12月, 今年第一季度, 3月上旬, 1至5月上旬, 3月18日, 上半年, 今年初, 去年一年. It may match the
#: empty string, and 年初 or 全年 without a year: `_resolve_date` turns those down.
DATE_RE = re.compile(rf"{_NOT_AFTER_NUMERAL}(?:{_YEAR})?{_YEAR_TAIL}?")
#: 本月, 上个月初, 上月下旬.
RELATIVE_MONTH_RE = re.compile(
    r"(?P<rel>本月|这个月|上个月|上月|下个月|下月)(?:(?P<dekad>上|中|下)旬|(?P<mpart>初|底|末)|份)?"
)
#: Bare parts that take their month from the sentence: 上旬, 下半月, 月初, 年底.
BARE_PART_RE = re.compile(r"(?P<dekad>上|中|下)旬|(?P<mhalf>上|下)半月|月(?P<mpart>初|底|末)|年(?P<ypart>初|底|末)")
#: A bare day: Arabic (29日) anywhere, Chinese (三十日) only before a dateline or time-of-day word.
BARE_DAY_RE = re.compile(rf"(?<![\d月])(?P<day>3[01]|[12]\d|0?[1-9])日|{_NOT_AFTER_NUMERAL}(?P<cnday>{_DAY_NUM})日")
#: 近三个月来, 两个月零七天中, 过去两年, 十二年来, 一个月内.
DURATION_RE = re.compile(
    r"(?P<pre>最近|近|过去|这些|这)?"
    rf"{_NOT_AFTER_NUMERAL}(?P<n>\d+|[{_CN}百]+|半)(?P<more>多)?"
    r"(?P<unit>个(?P<mid>多|半)?(?:月|星期|礼拜|季度)|年|天|星期|周)(?P<half>半)?(?P<more2>多)?"
    rf"(?:[零又](?P<n2>\d+|[{_CN}]+)(?P<unit2>个月|天|日))?"
    r"(?P<post>以来|来|之中|当中|中|之内|以内|内|里|期间)?"
)
#: 最后三个月, 今年头两个月, 今年前三个月, 9月份前二十八天.
FIRST_LAST_RE = re.compile(
    rf"(?:{_YEAR})?(?:(?P<fm>{_MONTH_NUM})月份?)?(?P<which>头|(?<!提)前|最后)(?P<n>\d+|[{_CN}]+)(?P<unit>个月|天)"
)
#: 国庆节, 今年国庆, 元旦.
HOLIDAY_RE = re.compile(rf"(?:{_YEAR})?(?P<holiday>{'|'.join(sorted(HOLIDAYS, key=len, reverse=True))})")
#: 今春, 去冬, 今年春季, 去年冬天.
SEASON_RE = re.compile(r"(?P<rel>今|去|明)(?P<s1>春|夏|秋|冬)(?![天季])|" + _YEAR + r"(?P<s2>春|夏|秋|冬)[季天]")
#: 去年同期: the period named before, a year back.
SAME_PERIOD_RE = re.compile(r"(?:去年|上年)同(?:时)?期")


@dataclass
class _Found:
    """A time expression while `find_times` works: offsets, its period, or how to get it from the context."""

    start: int
    end: int
    period: Period | None
    resolve_later: Callable[[dt.date, Period | None], Period | None] | None = None


def period_between(start: dt.date, end: dt.date) -> Period:
    """The period `start`..`end` (inclusive), labelled as a year, half, quarter, month, 旬 or day when it is one."""
    last = calendar.monthrange(end.year, end.month)[1]
    if start == end:
        return Period(start, end, start.isoformat())
    if start.year == end.year and start.day == 1 and end.day == last:
        y, m0, m1 = start.year, start.month, end.month
        if (m0, m1) == (1, 12):
            return Period(start, end, f"{y}")
        if m1 - m0 == 5 and m0 in (1, 7):
            return Period(start, end, f"{y}-H{1 if m0 == 1 else 2}")
        if m1 - m0 == 2 and m0 % 3 == 1:
            return Period(start, end, f"{y}-Q{(m0 + 2) // 3}")
        if m0 == m1:
            return Period(start, end, f"{y}-{m0:02d}")
    if (start.year, start.month) == (end.year, end.month):
        for k, (first, final) in enumerate(((1, 10), (11, 20), (21, last)), start=1):
            if (start.day, end.day) == (first, final):
                return Period(start, end, f"{start.year}-{start.month:02d}-D{k}")
    return Period(start, end, f"{start.isoformat()}/{end.isoformat()}")


def _month(year: int, month: int) -> Period:
    return period_between(dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1]))


def _dekad(year: int, month: int, k: int) -> Period:
    first, final = ((1, 10), (11, 20), (21, calendar.monthrange(year, month)[1]))[k - 1]
    return period_between(dt.date(year, month, first), dt.date(year, month, final))


def _months(year: int, first: int, last: int) -> Period:
    """Whole months `first`..`last` of `year` (last may exceed 12: winter runs into the next year)."""
    end_year, end_month = year + (last - 1) // 12, (last - 1) % 12 + 1
    end = dt.date(end_year, end_month, calendar.monthrange(end_year, end_month)[1])
    return period_between(dt.date(year, first, 1), end)


def _add_months(day: dt.date, months: int) -> dt.date:
    """`day` moved by whole months, clamped to the end of a shorter month."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def _shift_year(period: Period, years: int) -> Period:
    """The same period `years` later (去年同期)."""
    return period_between(_add_months(period.start, 12 * years), _add_months(period.end, 12 * years))


def _number(text: str | None) -> int | None:
    """An integer written in Arabic or Chinese digits, or None."""
    if not text:
        return None
    value = parse_number(text)
    return int(value) if value is not None and value == int(value) else None


def _year_of(m: re.Match[str], published: dt.date) -> int | None:
    """The year a match names (1958年, 一九五八年, 去年), or None when it names none."""
    if m["year"]:
        return int(m["year"])
    if m["cnyear"]:
        return _number(m["cnyear"])
    if m["yword"]:
        return published.year + RELATIVE_YEARS[m["yword"]]
    return None


def _past_month(month: int, published: dt.date) -> int:
    """The year of a bare month: this year's, or last year's when it comes after the publication month."""
    return published.year - 1 if month > published.month else published.year


def _month_detail(year: int, month: int, m: re.Match[str], published: dt.date) -> Period | None:
    """A month (or its 旬, half, start/end or day) of `year`, from the groups of `m`."""
    if m["dekad"]:
        return _dekad(year, month, DEKADS[m["dekad"]])
    if m["mpart"]:
        return _dekad(year, month, MONTH_PARTS[m["mpart"]])
    if "mhalf" in m.re.groupindex and m["mhalf"]:
        last = calendar.monthrange(year, month)[1]
        days = (1, 15) if m["mhalf"] == "上" else (16, last)
        return period_between(dt.date(year, month, days[0]), dt.date(year, month, days[1]))
    if "day" in m.re.groupindex and m["day"]:
        day = _number(m["day"])
        if day is None or not 1 <= day <= calendar.monthrange(year, month)[1]:
            return None
        return period_between(dt.date(year, month, day), dt.date(year, month, day))
    return _month(year, month)


def _resolve_date(m: re.Match[str], published: dt.date) -> Period | None:
    """Years, quarters, halves, months with their parts, and month ranges (DATE_RE)."""
    if m.end() == m.start():
        return None
    period = _resolve_date_part(m, published)
    first_year = int(m["year0"]) if m["year0"] else None
    if period is not None and first_year is not None:  # 1951—1955年
        return period_between(dt.date(first_year, 1, 1), period.end) if first_year < period.start.year else None
    return period


def _resolve_date_part(m: re.Match[str], published: dt.date) -> Period | None:
    """The period of a DATE_RE match, its first year of a year range aside."""
    year = _year_of(m, published)
    quarter = _number(m["q1"] or m["q2"])
    if quarter:
        return _months(year or published.year, 3 * quarter - 2, 3 * quarter) if 1 <= quarter <= 4 else None
    if m["half"]:
        return _months(year or published.year, 1, 6) if m["half"] == "上" else _months(year or published.year, 7, 12)
    if m["month"]:
        month = _number(m["month"])
        if month is None or not 1 <= month <= 12:
            return None
        year = year if year is not None else _past_month(month, published)
        period = _month_detail(year, month, m, published)
        if period is not None and m["month0"]:
            first = _number(m["month0"])
            if first is None or not 1 <= first < month:
                return None
            period = period_between(dt.date(year, first, 1), period.end)
        return period
    if year is None:
        return None
    if m["ypart"]:
        return _months(year, *YEAR_PARTS[m["ypart"]])
    return _months(year, 1, 12)


def _resolve_relative_month(m: re.Match[str], published: dt.date) -> Period | None:
    """本月, 上个月, 上月下旬 …"""
    first = _add_months(published.replace(day=1), RELATIVE_MONTHS[m["rel"]])
    return _month_detail(first.year, first.month, m, published)


def _resolve_bare_day(m: re.Match[str], published: dt.date, strict: bool) -> Period | None:
    """A day of this month, or of the last month that has it when it is after the publication day."""
    day = int(m["day"]) if m["day"] else _number(m["cnday"])
    if m["cnday"] and strict and not m.string.startswith(DAY_FOLLOWERS, m.end()):
        return None
    if day is None or not 1 <= day <= 31:
        return None
    month_start = published.replace(day=1)
    if day > published.day:
        month_start = _add_months(month_start, -1)
    for _ in range(3):  # 31日 in an article of May 1st: April has no 31st, so March
        if day <= calendar.monthrange(month_start.year, month_start.month)[1]:
            found = month_start.replace(day=day)
            return period_between(found, found)
        month_start = _add_months(month_start, -1)
    return None  # pragma: no cover - two months in a row never both lack a day


def _resolve_duration(m: re.Match[str], published: dt.date) -> Period | None:
    """近三个月, 十二年来, 两个月零七天中: the span that ends on the publication date."""
    if not (m["pre"] or m["post"]):
        return None
    n = 0.5 if m["n"] == "半" else parse_number(m["n"])
    unit = m["unit"].replace("多", "").replace("半", "")
    if n is None or n <= 0 or (m["pre"] in ("这", "这些") and n < 2) or (unit in ("天", "日") and n == 1):
        return None  # 这一天中, 同一天里: that one day, told by the context, not the day before publication
    if m["mid"] == "半" or m["half"]:
        n += 0.5
    months_per, days_per = DURATION_UNITS[unit]
    if unit == "年" and n >= 100:
        return None  # 1957年来 is a year, not 1957 years
    months = n * months_per
    days = n * days_per + (months - int(months)) * 30
    if m["n2"]:
        n2 = parse_number(m["n2"])
        if n2 is None:
            return None
        extra_months, extra_days = DURATION_UNITS[m["unit2"]]
        months += n2 * extra_months
        days += n2 * extra_days
    start = _add_months(published, -int(months)) - dt.timedelta(days=round(days))
    return period_between(start, published)


def _resolve_first_last(m: re.Match[str], published: dt.date) -> Period | None:
    """最后三个月 (of the year), 今年头两个月, 9月份前二十八天 (of the month)."""
    n = _number(m["n"])
    year = _year_of(m, published)
    if n is None or n <= 0:
        return None
    if m["unit"] == "天":
        month = _number(m["fm"])
        if month is None or not 1 <= month <= 12:
            return None
        year = year if year is not None else _past_month(month, published)
        last = calendar.monthrange(year, month)[1]
        if n > last:
            return None
        if m["which"] == "最后":  # 9月最后一天
            return period_between(dt.date(year, month, last - n + 1), dt.date(year, month, last))
        return period_between(dt.date(year, month, 1), dt.date(year, month, n))
    if m["fm"] or n > 12 or (m["which"] == "前" and year is None):
        return None  # a bare 前三个月 may be "three months ago"
    year = year if year is not None else published.year
    return _months(year, 13 - n, 12) if m["which"] == "最后" else _months(year, 1, n)


def _resolve_holiday(m: re.Match[str], published: dt.date) -> Period:
    year = _year_of(m, published) or published.year
    day = dt.date(year, *HOLIDAYS[m["holiday"]])
    return period_between(day, day)


def _resolve_season(m: re.Match[str], published: dt.date) -> Period | None:
    if m["s1"]:
        year, season = published.year + SEASON_YEARS[m["rel"]], m["s1"]
    else:
        year, season = _year_of(m, published), m["s2"]
        if year is None:  # pragma: no cover - the pattern requires a year
            return None
    first = SEASONS[season]
    return _months(year, first, first + 2)


def _bare_part(m: re.Match[str]) -> Callable[[dt.date, Period | None], Period | None]:
    """How to resolve 上旬, 下半月, 月初 once the sentence's earlier times are known."""

    def resolve(published: dt.date, context: Period | None) -> Period | None:
        if context is not None and (context.start.year, context.start.month) == (context.end.year, context.end.month):
            return _month_detail(context.start.year, context.start.month, m, published)
        year, month = published.year, published.month
        if m["dekad"] and published.day <= 10 * (DEKADS[m["dekad"]] - 1):  # not begun yet: last month's
            previous = _add_months(published.replace(day=1), -1)
            year, month = previous.year, previous.month
        return _month_detail(year, month, m, published)

    return resolve


def _same_period(published: dt.date, context: Period | None) -> Period | None:
    """去年同期: the period named before in the sentence, a year back; None without one."""
    return None if context is None else _shift_year(context, -1)


def find_times(text: str, published: dt.date) -> list[tuple[int, int, Period]]:
    """Every time expression in `text`, as (start, end, period), in text order and never overlapping.

    The longest expression wins (今年第一季度 over 今年); X到Y and X以来 become one interval.
    """
    return [(f.start, f.end, f.period) for f in _find(text, published, strict=True) if f.period is not None]


def resolve_time(expression: str, published: dt.date) -> Period | None:
    """The period of one time expression (去年, 3月上旬, 近三个月 …), or None when it is unclear or none.

    The expression must be one time and little else: framing words such as 从, 在, 中, 里, 期间 may surround it.
    """
    expression = expression.strip()
    found = [f for f in _find(expression, published, strict=False) if f.period is not None]
    if len(found) != 1:
        return None
    rest = expression[: found[0].start] + expression[found[0].end :]
    return found[0].period if not rest.strip(_FRAME_CHARS) else None


def _candidates(text: str, published: dt.date, strict: bool) -> list[_Found]:
    """Every match of every pattern; those that need the context are resolved later."""
    found: list[_Found] = []
    simple: list[tuple[re.Pattern[str], Callable[[re.Match[str], dt.date], Period | None]]] = [
        (DATE_RE, _resolve_date),
        (RELATIVE_MONTH_RE, _resolve_relative_month),
        (DURATION_RE, _resolve_duration),
        (FIRST_LAST_RE, _resolve_first_last),
        (HOLIDAY_RE, _resolve_holiday),
        (SEASON_RE, _resolve_season),
        (BARE_DAY_RE, lambda m, published: _resolve_bare_day(m, published, strict)),
    ]
    for pattern, resolve in simple:
        for m in pattern.finditer(text):
            period = resolve(m, published)
            if period is not None:
                found.append(_Found(m.start(), m.end(), period))
    for m in BARE_PART_RE.finditer(text):
        if m["ypart"]:  # 年初, 年底: of the publication year
            found.append(_Found(m.start(), m.end(), _months(published.year, *YEAR_PARTS[m["ypart"]])))
        else:
            found.append(_Found(m.start(), m.end(), None, _bare_part(m)))
    for m in SAME_PERIOD_RE.finditer(text):
        found.append(_Found(m.start(), m.end(), None, _same_period))
    return found


def _find(text: str, published: dt.date, strict: bool) -> list[_Found]:
    """Pick the leftmost-longest expressions, join ranges and 以来, then resolve what needs the sentence."""
    chosen: list[_Found] = []
    for f in sorted(_candidates(text, published, strict), key=lambda f: (f.start, -(f.end - f.start))):
        if not chosen or f.start >= chosen[-1].end:
            chosen.append(f)
    merged: list[_Found] = []
    for f in chosen:
        previous = merged[-1] if merged else None
        if previous is not None and previous.period is not None and f.period is not None:
            between = text[previous.end : f.start]
            if between.removeprefix("起") in RANGE_SEPARATORS and previous.period.start <= f.period.end:
                end = f.end + (1 if text.startswith("止", f.end) else 0)
                merged[-1] = _Found(previous.start, end, period_between(previous.period.start, f.period.end))
                continue
        merged.append(f)
    for f in merged:
        word = next((w for w in SINCE_WORDS if text.startswith(w, f.end)), "")
        if word == "起" and text[f.end + 1 : f.end + 2] in _NOT_AFTER_QI:
            word = ""  # 起草, 起来: a verb, not "from … on"
        if not word and text.startswith("开始", f.end) and text[f.start - 1 : f.start] in ("从", "自"):
            word = "开始"  # 从去年12月开始
        if word and f.period is not None and f.period.start <= published:
            f.end += len(word)
            f.period = period_between(f.period.start, published)
    sentence_of = _sentence_index(text)
    context: Period | None = None
    context_sentence = -1
    for f in merged:
        sentence = sentence_of(f.start)
        if sentence != context_sentence:
            context, context_sentence = None, sentence
        if f.resolve_later is not None:
            f.period = f.resolve_later(published, context)
        if f.period is not None:
            context = f.period
    return merged


def _sentence_index(text: str) -> Callable[[int], int]:
    """A function from an offset to the index of its sentence (split at 。！？ and line ends)."""
    ends = [m.start() for m in _SENTENCE_END.finditer(text)]

    def index(offset: int) -> int:
        return sum(1 for end in ends if end < offset)

    return index
