"""Chinese numbers in running text: read numerals and find the figures an article reports.

`parse_number` turns one numeral (一万二千三百, 23．1, 4.2万, 百分之三十点九, 一倍半) into a float.
`find_quantities` scans running text for reported figures -- value, qualifier, unit and character offsets -- and
leaves out what only looks like one: dates, ages, ordinals, numbers inside names (二十五车间), idioms (千方百计),
vague amounts (几十, 数百), an article 一 (一个声势浩大的运动) and durations that only frame another figure.

Decisions (the reasons are in the docstrings below):
- A range (5％—9％, 二十八吨至三十吨, 四千到四千八百公斤) gives two quantities: the lower bound with qualifier
  `at_least`, the upper bound with its own qualifier (exact, or about for 25％左右). A bound without unit or
  magnitude borrows them from the other one (四千到四千八百公斤 → 4000 公斤; 三至五万吨 → 30000 吨).
- A duration (十二年, 三百多个小时, 提前三个月) is a figure unless it frames the time of another figure: followed by
  来/中/内/以来/里/期间/后/前 or preceded by 近/最近/过去/这/头/前/最后 (两个多月来, 最近三个月中, 前二十八天).
  Durations of at most two units (两个月, 一年半) and compound ones (两个月零七天) are never figures.
- Percentages: N％, 百分之N and N成 give unit "%" (N成 → N×10); 千分之N gives "‰"; another fraction (三分之一)
  gives its percentage (33.33 %). N个百分点 gives unit "百分点".
- 万/亿 are magnitudes, not units: 十万吨 → 100000 吨; 4.2万 → 42000.
- A number with no measure word is kept when it has a decimal part (系数是一点七七) or is ten or more but neither a
  bare 百/千/万 nor a lone 十 (四万四千多劳动力 → 44000, unit 人 when a word for people follows; 百货, 千万不要,
  干劲十足 → nothing).
- 一 with an ordinary measure word (一个, 一项, 一次) is an article, not a figure; 一倍 and 翻一番 are kept. Counts of
  one or two with a loose measure word (两个方面, 两道工序, 两种) are turns of phrase. A number right after 这/那/
  以上/上述 points back to a figure already given (这三种产品) and is left out.
- 多 counts as more_than wherever it stands (七万八千多人, 一百多万, 两吨多, 两个多月), 几 after a digit too
  (十几万 → 100000, more_than); a leading 几/数 (几十, 数百) is vague and left out.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

#: The qualifiers a figure can carry.
QUALIFIERS = ("exact", "more_than", "about", "at_least", "less_than")

#: Digits, small units (within a 万 group) and magnitudes of Chinese numerals, everyday and formal (大写) forms.
CN_DIGITS: dict[str, int] = {
    "零": 0, "〇": 0, "一": 1, "壹": 1, "二": 2, "贰": 2, "两": 2, "三": 3, "叁": 3, "四": 4, "肆": 4,
    "五": 5, "伍": 5, "六": 6, "陆": 6, "七": 7, "柒": 7, "八": 8, "捌": 8, "九": 9, "玖": 9,
}  # fmt: skip
CN_SMALL_UNITS: dict[str, int] = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
CN_BIG_UNITS: dict[str, int] = {"万": 10_000, "亿": 100_000_000}
#: Arabic multipliers after digits (4.2万, 3千).
ARABIC_MULTIPLIERS: dict[str, int] = {"十": 10, "百": 100, "千": 1000, "万": 10_000, "亿": 100_000_000}

#: Full-width digits, decimal point and percent sign, mapped one character to one so offsets survive.
_NORMALISE = str.maketrans("０１２３４５６７８９．％", "0123456789.%")

#: A numeral in running text (after `_NORMALISE`): 百分之/千分之, then Arabic digits with an optional Chinese
#: magnitude, or a run of the everyday Chinese numeral characters with an optional 点 decimal part. The formal
#: 大写 forms are left out of scanning: 拾 is far more often "to pick up" than "ten".
NUMERAL_RE = re.compile(
    r"(?P<pct>百分之|千分之)?"
    r"(?:(?P<ar>\d+(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?P<mul>[十百千万亿]*)"
    r"|(?P<cn>[零〇一二两三四五六七八九十百千万亿]+(?:点[零〇一二三四五六七八九]+)?))"
)
CN_NUMERAL_CHARS = frozenset("零〇一二两三四五六七八九十百千万亿")

#: Words before a figure that qualify it; None marks look-alikes that must not (最近 is not 近).
PREFIX_QUALIFIERS: dict[str, str | None] = {
    "超过": "more_than", "多于": "more_than", "高于": "more_than", "逾": "more_than",
    "近": "about", "将近": "about", "接近": "about", "约": "about", "大约": "about", "大概": "about",
    "几乎": "about", "差不多": "about", "约计": "about",
    "至少": "at_least", "最少": "at_least", "起码": "at_least", "不少于": "at_least", "不下": "at_least",
    "不低于": "at_least",
    "不到": "less_than", "不足": "less_than", "未满": "less_than", "不满": "less_than", "少于": "less_than",
    "低于": "less_than", "不超过": "less_than", "至多": "less_than", "最多": "less_than",
    "最近": None, "附近": None, "靠近": None, "临近": None, "亲近": None,
    "节约": None, "制约": None, "签约": None, "预约": None, "合约": None, "公约": None, "条约": None,
}  # fmt: skip
#: Verbs that may stand between a prefix qualifier and its figure (约提高一倍半, 近达三千吨).
LINKING_VERBS = (
    "提高", "增加", "增长", "降低", "减少", "下降", "上升", "节约", "节省", "超产", "增产", "为", "有", "达到",
    "达", "占", "是", "合", "计", "等于", "相当于", "生产", "产",
)  # fmt: skip
_PREFIX_RE = re.compile(
    "(?P<q>{})(?:{})?了?$".format(
        "|".join(sorted(PREFIX_QUALIFIERS, key=len, reverse=True)),
        "|".join(sorted(LINKING_VERBS, key=len, reverse=True)),
    )
)
#: Qualifiers right after a number (七万八千多, 十余) or after its unit (十万件以上, 二十吨左右).
INNER_QUALIFIERS: dict[str, str] = {"多": "more_than", "余": "more_than"}
SUFFIX_QUALIFIERS: dict[str, str] = {
    "以上": "more_than", "有余": "more_than", "开外": "more_than",
    "左右": "about", "上下": "about", "光景": "about",
    "以下": "less_than", "以内": "less_than",
}  # fmt: skip
#: Separators of a range (5％—9％, 三次到四次).
RANGE_SEPARATORS = frozenset({"至", "到", "—", "——", "－", "-", "~", "～", "〜"})

#: Time units: a number with one of them is a duration (see `_frames_time`).
TIME_UNITS = frozenset({"年", "个月", "天", "小时", "钟头", "分钟", "秒", "星期", "礼拜", "周", "昼夜", "工作日",
                        "个季度", "个星期", "个礼拜", "个钟头", "个工作日"})  # fmt: skip
#: Measure words and units, matched longest first. 个 and 号 and 成 have their own rules.
UNITS = frozenset({
    # counts
    "件", "项", "人", "名", "位", "台", "种", "次", "座", "条", "处", "所", "家", "套", "部", "批", "支", "只",
    "匹", "头", "口", "辆", "艘", "架", "根", "块", "张", "本", "册", "篇", "份", "封", "间", "栋", "幢", "层",
    "户", "门", "棵", "株", "颗", "粒", "片", "双", "对", "副", "把", "枝", "盏", "瓶", "包", "袋", "箱", "桶",
    "筐", "担", "列", "笔", "宗", "例", "起", "回", "遍", "趟", "场", "代", "面", "道", "样", "类", "方面", "组",
    "人次", "架次", "台次", "车次", "工日", "吨公里", "番",
    # measures
    "吨", "公斤", "斤", "市斤", "克", "公里", "里", "华里", "米", "公尺", "尺", "寸", "丈", "厘米", "毫米", "公分",
    "亩", "市亩", "公顷", "顷", "平方米", "平方公里", "立方米", "平方公尺", "立方公尺", "千瓦", "瓩", "度", "马力",
    "元", "角", "升", "斗", "方", "土方", "石方", "转", "倍", "百分点", "%", "‰",
    # time (durations; dates are told apart by `DATE_UNITS`)
    *TIME_UNITS,
})  # fmt: skip
_UNITS_BY_LENGTH = sorted(UNITS, key=len, reverse=True)
#: After a number these make it a date, time of day, age or era, never a figure.
DATE_UNITS = frozenset({"月", "月份", "日", "时", "点钟", "季度", "世纪", "年代", "年度", "年级", "旬", "岁", "周岁",
                        "虚岁", "周年"})  # fmt: skip
_DATE_UNITS_BY_LENGTH = sorted(DATE_UNITS, key=len, reverse=True)
#: After a number these make it part of a name or a set term (二十五车间, 一厂, 四级干部, 四化, 三结合, 五年计划).
NAME_SUFFIXES = (
    "车间", "分厂", "厂", "工段", "工区", "矿", "井", "高炉", "平炉", "连", "营", "团", "师", "军", "路军", "路", "街",
    "班", "排", "队", "区", "中", "小", "楼", "宿舍", "村", "型", "式", "级", "等奖", "等", "期", "版", "届", "线",
    "化", "结合", "定", "反", "好", "大", "字", "害", "风", "查", "比", "边", "侧", "旁", "者", "年计划",
    "机", "号机", "号炉", "号井",
)  # fmt: skip
#: Idioms and set phrases whose numeral characters are no figure. Only blocking when not part of a longer numeral.
IDIOMS = frozenset({
    "千方百计", "一心一意", "三番五次", "十全十美", "万众一心", "百花齐放", "百家争鸣", "成千上万", "成千成万",
    "成百上千", "成千累万", "千千万万", "千百万", "千军万马", "千家万户", "千山万水", "万水千山", "万紫千红",
    "千辛万苦", "千变万化", "千差万别", "千真万确", "万无一失", "万古长青", "一五一十", "三令五申", "四面八方",
    "五湖四海", "七嘴八舌", "七上八下", "乱七八糟", "九牛一毛", "一穷二白", "一分为二", "三心二意", "独一无二",
    "说一不二", "一干二净", "接二连三", "三三两两", "两面三刀", "一清二楚", "一举两得", "三言两语", "百炼成钢",
    "百折不挠", "百尺竿头", "百发百中", "百战百胜", "一日千里", "一泻千里", "千里马", "万里长城", "万里长征",
    "信心百倍", "精神百倍", "千斤顶", "千斤重担", "一丝不苟", "一成不变", "三五成群", "三面红旗", "三头六臂",
    "千头万绪", "千言万语", "千秋万代", "万古千秋", "三天两头", "三天打鱼", "两天晒网", "十年树木", "百年树人",
    "百年大计", "十万火急", "千万人", "千百万人", "亿万人", "万人空巷", "万分", "十分", "万一", "两头", "如一日",
    "三包一奖", "三包", "迎接十一", "庆祝十一", "十一前夕", "十一献礼", "一年四季", "九牛二虎", "半斤八两",
    "不管三七二十一",
})  # fmt: skip
_NAMES_BY_LENGTH = sorted(NAME_SUFFIXES, key=len, reverse=True)
_IDIOM_RE = re.compile("|".join(sorted(IDIOMS, key=len, reverse=True)))
#: Just before a number these make it an ordinal, a weekday, a rate's base (每百斤) or vague (几十, 数百).
ORDINAL_PREFIXES = ("第", "星期", "礼拜", "每")
VAGUE_PREFIXES = ("几", "数", "若")
#: Just before a number these make it point back to a figure already given (这三种产品, 以上八个关键).
DEMONSTRATIVES = ("这", "那", "此", "该", "以上", "上述")
#: Units that an article 一 takes (一个, 一项) but that 一倍, 一％ or 翻一番 do not.
KEEP_ONE_UNITS = frozenset({"倍", "%", "‰", "番"})
#: Measure words whose counts of one or two are turns of phrase (两个方面, 两道工序, 两种), not figures.
SMALL_COUNT_UNITS = frozenset({"个", "道", "种", "样", "条", "方面", "类", "面", "组", "对", "双", "把", "回", "遍",
                               "代", "方", *TIME_UNITS})  # fmt: skip
#: Units after which 多 still belongs to the figure (一倍多, 两吨多, 一年多); for counts 多 comes first (十多个).
CONTINUOUS_UNITS = frozenset({"倍", "吨", "斤", "公斤", "市斤", "里", "公里", "米", "亩", "元", "度", *TIME_UNITS})
#: Units after which 半 adds a half (一倍半, 一年半, 三吨半).
HALF_UNITS = frozenset({"倍", "吨", "斤", "公斤", "市斤", "亩", "元", "里", "公里", "米", *TIME_UNITS})
#: Characters that cannot follow 多 when it qualifies the preceding unit (两吨多少, 一年多样).
_NOT_AFTER_DUO = frozenset("少么样数种次项方余")
#: Characters after N成 that show 成 is a verb or part of a word, not tenths (三成为, 一成不变).
_NOT_AFTER_CHENG = frozenset("为了功绩就立本果员品长套批龙倍群熟片交型分不千百万")
#: Verbs ending in 成 (完成, 建成) that may precede a round figure without making it vague like 成千 or 成十倍.
_VERBS_BEFORE_CHENG = frozenset("完建变造形达组制构合促做养生改分写炼织筑铸装配")
#: 个 before these forms one unit with them (三个月, 两个多小时, 五个百分点).
_GE_UNITS_RE = re.compile(r"个(多|半)?(月|小时|钟头|星期|礼拜|工作日|季度|百分点)")
#: Words that show a number without measure word counts people (一百多万钢铁大军, 七十多万炼铁队伍).
PERSON_NOUNS = ("人", "工人", "职工", "群众", "大军", "队伍", "劳动力", "劳力", "农民", "社员", "干部", "民工",
                "妇女", "青年", "学生", "居民", "人口", "矿工", "技术人员", "战士", "个人")  # fmt: skip
_PERSON_WINDOW = 4
#: Around a duration these show it frames when another figure happened (近三个月来, 两个月零七天中).
TIME_FRAME_SUFFIXES = ("以来", "之中", "当中", "之内", "以内", "期间", "之间", "以后", "之后", "以前", "之前",
                       "来", "中", "内", "里", "间", "后", "前")  # fmt: skip
_TIME_FRAME_PREFIX_RE = re.compile(r"(?:最近|近|过去|这|那|头|(?<!提)前|最后|今后|此后|以后|未来)(?:的)?$")
#: A second duration joined to the first (两个月零七天).
_COMPOUND_TIME_RE = re.compile(r"[零又][零〇一二两三四五六七八九十\d]+个?(?:多|半)?(?:年|月|天|日|小时|星期)")
_PUNCTUATION = frozenset("，。；：、！？,.;:!?（）()“”\"'《》\n 　")


@dataclass(frozen=True)
class Quantity:
    """One reported figure in a text: value, qualifier, unit, and where it is (`surface == text[start:end]`)."""

    value: float
    qualifier: str
    unit: str
    start: int
    end: int
    surface: str


def parse_number(text: str) -> float | None:
    """The value of one numeral, or None when it is no number or only a vague one (几十, 数百, 三四).

    Accepts Arabic digits (also full-width, with `,` thousands and `.`/`．` decimals), Chinese numerals (with 零,
    colloquial 一万二 = 12000, 点 decimals, digit strings 一九五八), a mix (4.2万), 百分之/千分之 (the number
    itself: 百分之三十点九 → 30.9), fractions (三分之一 → 0.333…), multiples (三倍, 一倍半 → 1.5) and ignores a
    trailing qualifier (七万八千多 → 78000) or percent sign.
    """
    s = text.strip().translate(_NORMALISE).replace("，", ",")
    for prefix in ("百分之", "千分之"):
        if s.startswith(prefix):
            s = s[len(prefix) :]
            break
    trailing = ("左右", "以上", "以下", "上下", "多", "余", "%", "‰")
    while s and (end := next((t for t in trailing if s.endswith(t)), None)):
        s = s[: -len(end)]
    half = Decimal(0)
    if s.endswith("倍半"):
        s, half = s[:-2], Decimal("0.5")
    elif s.endswith("倍"):
        s = s[:-1]
    if not s or any(ch in s for ch in "几数若"):
        return None
    if "分之" in s:
        denominator, _, numerator = s.partition("分之")
        d, n = _decimal(denominator), _decimal(numerator)
        return float(n / d) if d and n is not None else None
    value = _decimal(s)
    return None if value is None else float(value + half)


def _decimal(s: str) -> Decimal | None:
    """A numeral without prefix or suffix as an exact decimal (no 4.2 × 10000 = 42000.000000000004)."""
    arabic = re.fullmatch(r"(\d+(?:,\d{3})*(?:\.\d+)?)([十百千万亿]*)", s)
    if arabic:
        try:
            value = Decimal(arabic[1].replace(",", ""))
        except InvalidOperation:  # pragma: no cover - the pattern only lets digits through
            return None
        for ch in arabic[2]:
            value *= ARABIC_MULTIPLIERS[ch]
        return value
    whole, point, fraction = s.partition("点")
    integer = _cn_integer(whole)
    if integer is None:
        return None
    if not point:
        return Decimal(integer)
    if not fraction or any(CN_DIGITS.get(ch) is None or ch == "两" for ch in fraction):
        return None
    return Decimal(integer) + Decimal("0." + "".join(str(CN_DIGITS[ch]) for ch in fraction))


def _cn_integer(s: str) -> int | None:
    """A Chinese integer numeral. Two bare digits side by side (三四, 七八) are an estimate, so None."""
    if not s or any(ch not in CN_DIGITS and ch not in CN_SMALL_UNITS and ch not in CN_BIG_UNITS for ch in s):
        return None
    if all(ch in CN_DIGITS for ch in s):
        if len(s) == 1:
            return CN_DIGITS[s]
        if len(s) >= 3 or any(CN_DIGITS[ch] == 0 for ch in s):  # a digit string: 一九五八, 零七
            return int("".join(str(CN_DIGITS[ch]) for ch in s))
        return None
    yi = wan = group = 0
    digit: int | None = None
    zero = False
    last_unit = 0
    smallest = 10**5  # small units must fall within a 万 group (二百五十, not 五十百)
    wan_seen = False
    for ch in s:
        if ch in CN_DIGITS:
            if CN_DIGITS[ch] == 0:
                if digit is not None:
                    return None
                zero = True
                continue
            if digit is not None:
                return None
            digit = CN_DIGITS[ch]
        elif ch in CN_SMALL_UNITS:
            unit = CN_SMALL_UNITS[ch]
            if unit >= smallest:
                return None
            if digit is None:
                nothing_yet = yi == wan == group == 0 and not zero
                if unit == 10 or nothing_yet:  # 十二, 一千零十; a bare 百 or 千 opens a numeral
                    digit = 1
                else:
                    return None
            group += digit * unit
            digit, zero, smallest, last_unit = None, False, unit, unit
        else:
            unit = CN_BIG_UNITS[ch]
            current = group + (digit or 0)
            if unit == CN_BIG_UNITS["万"]:
                if wan_seen:
                    return None
                if current == 0:
                    if yi:
                        return None
                    current = 1  # 万 alone
                wan, wan_seen = current * unit, True
            else:
                current += wan
                if yi or (current == 0 and (zero or wan_seen)):
                    return None
                yi, wan, wan_seen = (current or 1) * unit, 0, False
            group, digit, zero, smallest, last_unit = 0, None, False, 10**5, unit
    if digit is not None:
        if last_unit >= 100 and not zero:  # 一万二 = 12000, 三千五 = 3500, 一百一 = 110
            digit *= last_unit // 10
        group += digit
    return yi + wan + group


@dataclass
class _Candidate:
    """A number found while scanning, before ranges are linked and the filters run."""

    start: int  # of the surface, a prefix qualifier included
    number_start: int  # of the numeral itself
    end: int
    value: float | None
    qualifier: str
    unit: str
    chinese: bool  # written in Chinese numerals
    bare: bool  # a bare 百/千/万/亿 with no digit before it
    magnitude: int  # the trailing 万/亿 magnitude, lent to the other bound of a range
    drop: str | None = None  # why it is no figure; "date" also drops the other bound of a range
    has_prefix: bool = False


def find_quantities(text: str) -> list[Quantity]:
    """Every reported figure in `text`, in text order, with qualifier, unit and offsets.

    The lexicons above are generic (measure words, qualifiers, name suffixes, idioms); see the module docstring
    for how ranges, durations and percentages come out.
    """
    norm = text.translate(_NORMALISE)
    blocked = _idiom_spans(norm)
    candidates: list[_Candidate] = []
    pos = 0
    while (m := NUMERAL_RE.search(norm, pos)) is not None:
        candidate = _read_candidate(norm, m)
        if any(s < candidate.end and candidate.number_start < e for s, e in blocked):
            candidate.drop = "idiom"
        candidates.append(candidate)
        pos = max(candidate.end, m.end())
    _link_ranges(norm, candidates)
    found: list[Quantity] = []
    for c in candidates:
        if c.drop is None:
            c.drop = _filter(norm, c)
        if c.drop is None and c.value is not None:
            value = round(c.value, 6)
            found.append(Quantity(value, c.qualifier, c.unit, c.start, c.end, text[c.start : c.end]))
    return found


def _idiom_spans(text: str) -> list[tuple[int, int]]:
    """Spans of idioms, unless a numeral runs on into them (一万一千 holds 万一 but is a number)."""
    spans = []
    for m in _IDIOM_RE.finditer(text):
        before = text[m.start() - 1] if m.start() else ""
        after = text[m.end()] if m.end() < len(text) else ""
        first_numeral = m.group()[0] in CN_NUMERAL_CHARS
        last_numeral = m.group()[-1] in CN_NUMERAL_CHARS
        if (first_numeral and before in CN_NUMERAL_CHARS) or (last_numeral and after in CN_NUMERAL_CHARS):
            continue
        if after == "之":  # 十分之一, 万分之五 are fractions
            continue
        spans.append(m.span())
    return spans


def _read_candidate(text: str, m: re.Match[str]) -> _Candidate:
    """Read one numeral and what belongs to it: inner qualifier, magnitude, unit and suffix qualifier."""
    number_start = m.start()
    core = m["ar"] + m["mul"] if m["ar"] else m["cn"]
    chinese = m["cn"] is not None
    bare = chinese and core[0] in "百千万亿"
    pos = m.end()
    unit = ""
    drop: str | None = None
    if m["pct"] == "百分之":
        unit = "%"
    elif m["pct"] == "千分之":
        unit = "‰"
    kilo_unit = ""
    if core.endswith("千") and m.end() < len(text) and text[m.end()] in "瓦克":
        core, kilo_unit = core[:-1], "千" + text[m.end()]  # 二十五千瓦: 千 belongs to the unit
    value = _decimal(core)
    if chinese and pos < len(text) and text[pos] in CN_NUMERAL_CHARS:
        drop = "garbled"  # 十点二十分: a time of day, not 10.2
    magnitude = next((CN_BIG_UNITS[ch] for ch in reversed(core) if ch in CN_BIG_UNITS), 1)
    value, qualifier, magnitude, pos = _read_inner(text, pos, core, value, magnitude)
    # Fractions: 三分之一, 百分之 handled by the pattern.
    if not m["pct"] and text.startswith("分之", pos):
        numerator = NUMERAL_RE.match(text, pos + 2)
        if numerator and not numerator["pct"] and value:
            top = _decimal(numerator["ar"] + numerator["mul"] if numerator["ar"] else numerator["cn"])
            value = None if top is None else (top / value * 100).quantize(Decimal("0.01"))
            unit, pos = "%", numerator.end()
        else:
            value, pos = None, pos + 2
    if kilo_unit and pos == m.end():
        unit, pos = kilo_unit, pos + 1
    if not unit:
        unit, pos, drop_unit, factor, inner_more = _read_unit(text, pos, value)
        drop = drop or drop_unit
        if value is not None:
            value *= factor
        if inner_more:
            qualifier = "more_than"
    # 一倍半, 一年半; 一倍多, 两吨多; then 以上, 左右 ...
    if pos < len(text) and text[pos] == "半" and value is not None:
        if unit in HALF_UNITS:
            value, pos = value + Decimal("0.5"), pos + 1
        elif unit == "%" and text[pos - 1] == "成":
            value, pos = value + 5, pos + 1  # 七成半 = 75 %
    if pos < len(text) and text[pos] == "级" and unit:
        drop = "name"  # 万吨级, 千瓦级: a class of machine
    if text.startswith("多", pos) and unit in CONTINUOUS_UNITS and text[pos + 1 : pos + 2] not in _NOT_AFTER_DUO:
        qualifier, pos = "more_than", pos + 1
    for word, meaning in SUFFIX_QUALIFIERS.items():
        if text.startswith(word, pos):
            qualifier, pos = meaning, pos + len(word)
            break
    start, prefix_qualifier = _prefix_qualifier(text, m.start(), bare)
    if prefix_qualifier and qualifier == "exact":
        qualifier = prefix_qualifier
    return _Candidate(
        start=start,
        number_start=number_start,
        end=pos,
        value=None if value is None else float(value),
        qualifier=qualifier,
        unit=unit,
        chinese=chinese,
        bare=bare,
        magnitude=magnitude,
        drop=drop,
        has_prefix=prefix_qualifier is not None,
    )


def _read_inner(
    text: str, pos: int, core: str, value: Decimal | None, magnitude: int
) -> tuple[Decimal | None, str, int, int]:
    """Qualifier right after the numeral: 十几万, 七万八千多, 一百多万, 二十来个. Returns value, qualifier,
    magnitude and the position after them."""
    if value is None or pos >= len(text):
        return value, "exact", magnitude, pos
    if text[pos] == "几":  # 十几万: more than 100000; a leading 几 never starts a numeral
        tail = re.match(r"几([十百千万亿]*)", text[pos:])
        assert tail is not None
        for ch in tail[1]:
            if ch in CN_BIG_UNITS:
                value, magnitude = value * CN_BIG_UNITS[ch], CN_BIG_UNITS[ch]
        return value, "more_than", magnitude, pos + len(tail[0])
    if text[pos] in INNER_QUALIFIERS:
        qualifier, pos = INNER_QUALIFIERS[text[pos]], pos + 1
        bigs = ""
        while pos < len(text) and text[pos] in CN_BIG_UNITS:  # 一百多万, 一亿二千多万
            bigs, magnitude, pos = bigs + text[pos], CN_BIG_UNITS[text[pos]], pos + 1
        if bigs:
            value = _decimal(core + bigs)
            if text[pos : pos + 1] in INNER_QUALIFIERS:
                pos += 1
        return value, qualifier, magnitude, pos
    if text[pos] == "来" and core[-1] in "十百千万" and _unit_at(text, pos + 1)[0]:
        return value, "about", magnitude, pos + 1  # 二十来个
    return value, "exact", magnitude, pos


def _unit_at(text: str, pos: int) -> tuple[str, int]:
    """The measure word or unit starting at `pos` ("" when none) and where it ends."""
    ge = _GE_UNITS_RE.match(text, pos)
    if ge:
        unit = ge[2] if ge[2] in ("小时", "钟头", "百分点", "工作日") else "个" + ge[2]
        return unit, ge.end()
    for unit in _UNITS_BY_LENGTH:
        if text.startswith(unit, pos):
            return unit, pos + len(unit)
    if text.startswith("个", pos):
        return "个", pos + 1
    return "", pos


def _read_unit(text: str, pos: int, value: Decimal | None) -> tuple[str, int, str | None, Decimal, bool]:
    """Unit after a number: (unit, end, reason to drop, factor on the value, whether 个多月 said 'more than').

    The longest word wins among names (二十五车间), dates (3月份) and units (三小时, not 三小 + 时).
    """
    one = Decimal(1)
    after = text[pos + 1] if pos + 1 < len(text) else ""
    if text.startswith(("点钟", "点半"), pos) or (text[pos : pos + 1] in (":", "：") and after.isdigit()):
        return "点钟", pos + 2, "date", one, False
    if text.startswith("号", pos):
        if not after or after in _PUNCTUATION or text.startswith(("以上", "以下", "左右"), pos + 1):
            return "号", pos + 1, None, one, False  # a grade: 熟料标号提高到七百号。
        return "", pos, "name", one, False  # 二号高炉
    tenths = value is not None and 1 <= value <= 10 and value == int(value)
    if text.startswith("成", pos) and tenths and after not in _NOT_AFTER_CHENG:
        return "%", pos + 1, None, Decimal(10), False
    unit, end = _unit_at(text, pos)
    name = next((s for s in _NAMES_BY_LENGTH if text.startswith(s, pos)), "")
    date = next((d for d in _DATE_UNITS_BY_LENGTH if text.startswith(d, pos)), "")
    if name and len(name) >= max(len(date), end - pos):
        return "", pos, "name", one, False
    if date and len(date) >= end - pos:
        return date, pos + len(date), "date", one, False
    more = text.startswith("个多", pos) and _GE_UNITS_RE.match(text, pos) is not None
    return unit, end, None, one, more


def _prefix_qualifier(text: str, number_start: int, bare: bool) -> tuple[int, str | None]:
    """Start of the surface and qualifier from the words before a number (近百, 约提高一倍半, 上千种)."""
    window_start = max(0, number_start - 8)
    m = _PREFIX_RE.search(text[window_start:number_start])
    if m and PREFIX_QUALIFIERS[m["q"]] is not None:
        return window_start + m.start(), PREFIX_QUALIFIERS[m["q"]]
    if bare and number_start and text[number_start - 1] == "上" and text[max(0, number_start - 2)] != "以":
        return number_start - 1, "about"  # 上千种新产品
    return number_start, None


def _link_ranges(text: str, candidates: list[_Candidate]) -> None:
    """Join the bounds of ranges: the lower is at least, a bare bound borrows unit and magnitude, dates drop both."""
    for low, high in itertools.pairwise(candidates):
        if text[low.end : high.number_start] not in RANGE_SEPARATORS or high.has_prefix:
            continue
        if high.drop == "date" or low.drop == "date":
            low.drop = high.drop = "date"
            continue
        if not low.unit and high.unit:
            low.unit = high.unit
            if low.value is not None and high.value is not None and low.magnitude < high.magnitude:
                scaled = low.value * high.magnitude / low.magnitude
                if scaled <= high.value:  # 三至五万吨: 30000 to 50000
                    low.value = scaled
        elif low.unit and not high.unit and low.unit in ("%", "‰"):
            high.unit = low.unit  # 百分之五到十
        if low.qualifier == "exact":
            low.qualifier = "at_least"


def _filter(text: str, c: _Candidate) -> str | None:
    """Why a candidate is no reported figure, or None when it is one."""
    if c.value is None:
        return "vague"
    before = text[max(0, c.number_start - 2) : c.number_start]
    if any(before.endswith(p) for p in ORDINAL_PREFIXES):
        return "ordinal"
    if any(before.endswith(p) for p in VAGUE_PREFIXES):
        return "vague"
    round_figure = c.unit == "倍" or text[c.number_start] in "百千万亿"
    if before.endswith("成") and before[:1] not in _VERBS_BEFORE_CHENG and round_figure:
        return "vague"  # 成百, 成千, 成十倍; not 完成十万吨
    if before.endswith(DEMONSTRATIVES):
        return "anaphora"  # 这三种产品, 以上八个关键: a figure stated before
    if c.value == 0:
        return "zero"  # 零件, 零星
    if c.number_start and text[c.number_start - 1] in CN_NUMERAL_CHARS:
        return "vague"  # the tail of a numeral the scanner could not read
    if c.unit == "年" and c.value >= 1000:
        return "date"  # 1958年, 一九五八年
    if c.unit in TIME_UNITS and _frames_time(text, c):
        return "time frame"
    if c.value == 1 and c.chinese and c.unit not in KEEP_ONE_UNITS:
        return "article"  # 一个, 一项, 一次
    if c.value <= 2 and c.unit in SMALL_COUNT_UNITS:
        return "phrase"  # 两个方面, 两道工序
    if not c.unit:
        lone_ten = text[c.number_start : c.end] == "十"  # 干劲十足, 十之八九
        if (c.value < 10 and c.value == int(c.value)) or (c.bare and c.qualifier == "exact") or lone_ten:
            return "no unit"
        c.unit = _person_unit(text, c.end)
    return None


def _frames_time(text: str, c: _Candidate) -> bool:
    """Whether a duration frames another figure (两个多月来, 最近三个月中) rather than being one (十二年)."""
    end = c.end
    compound = _COMPOUND_TIME_RE.match(text, end)
    if compound or (text[c.number_start] == "零" and c.number_start and text[c.number_start - 1] in "年月天"):
        return True
    if text.startswith(TIME_FRAME_SUFFIXES, end):
        return True
    return _TIME_FRAME_PREFIX_RE.search(text, max(0, c.number_start - 3), c.number_start) is not None


def _person_unit(text: str, end: int) -> str:
    """人 when a word for people closely follows a number that has no measure word, else ""."""
    window = text[end : end + _PERSON_WINDOW + 2]
    for i, ch in enumerate(window[: _PERSON_WINDOW + 1]):
        if ch in _PUNCTUATION or ch == "的":
            return ""
        if window.startswith(PERSON_NOUNS, i):
            return "人"
    return ""
