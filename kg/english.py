"""English labels for Chinese names: pinyin for people and places, translated generic parts for units and campaigns.

Used by the extract stage for articles without a translation, and as the fallback when a translation does not
name an entity. Everything is rule-based and deterministic. The generic lexicons are the `kg/data/english_*.tsv`
files (UTF-8, tab-separated, `#` comment lines), loaded once:

* `english_surnames.tsv`: surnames with their surname reading (曾 Zeng, 单 Shan), compound surnames (欧阳 Ouyang);
* `english_given_readings.tsv`: readings of polyphonic characters in given names (了 liao, 长 chang);
* `english_wade_giles.tsv`: every toneless pinyin syllable with its Wade–Giles spelling;
* `english_places.tsv`: provinces, regions, province-level and prefecture-level cities, rivers, countries, with
  postal or older spellings as variants (北京 Beijing / Peking);
* `english_place_suffixes.tsv`: 省 Province, 市 City, 县 County, 专区 Prefecture, 自治州 Autonomous Prefecture ...;
* `english_ethnic_groups.tsv`: nationalities named in autonomous areas (苗 Miao, 侗 Dong);
* `english_units.tsv`: generic work-unit and body suffixes (机床厂 Machine Tool Factory, 车间 Workshop, 市委
  Municipal Party Committee, 局 Bureau);
* `english_terms.tsv`: generic vocabulary of industry and of the campaigns (钢铁 iron and steel, 技术革新 technical
  innovation, 运动 movement, 大跃进 Great Leap Forward);
* `english_organizations.tsv`: national bodies and the few big national enterprises known by an abbreviation.

Conventions (decided here, tested in `tests/test_english.py`):

* People: `Surname Given`, given name as one word (冯志远 → "Feng Zhiyuan"); an apostrophe before a syllable that
  starts with a, o or e inside a word (张西安 → "Zhang Xi'an"); ü kept (吕 → "Lü"). Variants: without apostrophe
  and diacritics ("Lu", "Lyu"), hyphenated given name ("Liao Shi-gang"), Wade–Giles ("Liao Shih-kang").
* Places: the bare name for cities (太原, 太原市 → "Taiyuan"; "Taiyuan City", "Taiyuan Municipality" are
  variants); the suffix kept for provinces, counties, prefectures and districts (辽宁省 → "Liaoning Province",
  新余县 → "Xinyu County", 遵义专区 → "Zunyi Prefecture"); a direction before 区 is translated (南区 → "South
  District").
* Organisations: generic parts translated, proper parts in pinyin, one capitalised word per proper run of up to
  three characters and per jieba word beyond (永安水泥厂 → "Yong'an Cement Plant"). Words that are commonly used as
  an enterprise's trade name (建设, 红旗, 胜利 ...) stay in pinyin in the label, their translation is a variant.
  Numbers: sub-units (workshop, section, group, team, furnace) put the number after: 二十五车间 and 第一车间 →
  "Workshop 25", "Workshop 1"; N号 gives "Blast Furnace No. 1"; works put it before: 第一炼铁厂 → "No. 1
  Ironworks". A unit under a named parent is "Child of Parent" ("No. 1 Ironworks of Benxi Iron and Steel
  Company"); under a bare generic parent the parent is a modifier (厂党委 → "Factory Party Committee").
  Bureaus, departments and ministries with a subject take the "of" form ("Guangzhou Municipal Bureau of Machinery
  and Electrical Industry"); 中共 gives "CPC ... Committee".
* Campaigns: title case. 运动 is "Movement" ("Campaign" as variant), except after a verb phrase: 增产节约运动 →
  "Increase Production and Practice Economy Campaign", and longer verb phrases give "Campaign to ...". 四化 (in
  1958-61: mechanisation, semi-mechanisation, automation, semi-automation) is "Four Transformations". Emulation
  drives: 男赶X、女赶Y的竞赛运动 → "Competition Movement of Men Catching Up with X and Women Catching Up with the Y".
  Lists of clauses are joined "A, B and C"; 以X为中心的Y is "Y Centered on X"; 和X一样 is "Same as X"; a word the
  lexicon does not know is written in pinyin.
* Anything no rule names falls back to pinyin, one capitalised word per jieba word; labels never contain Chinese.
"""

from __future__ import annotations

import functools
import itertools
import logging
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources

import cn2an
import jieba
import jieba.posseg
from pypinyin import Style, lazy_pinyin
from pypinyin.constants import PHRASES_DICT

jieba.setLogLevel(logging.WARNING)

MAX_VARIANTS = 30

_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_QUOTES = "“”‘’\"'「」『』《》〈〉"
_BRACKETS = re.compile(r"[（(][^）)]*[）)]")
_SEPARATORS = "、，,；;"
_CN_DIGITS = "零〇一二三四五六七八九十百千万亿两"
_NUMBER = re.compile(rf"(第)?([{_CN_DIGITS}0-9０-９]+)(号|次|届)?")
_MINOR_WORDS = {"a", "an", "and", "as", "at", "by", "for", "from", "in", "of", "on", "or", "the", "to", "with"}
_ORDINALS = (
    "Zeroth", "First", "Second", "Third", "Fourth", "Fifth", "Sixth", "Seventh", "Eighth", "Ninth", "Tenth",
    "Eleventh", "Twelfth", "Thirteenth", "Fourteenth", "Fifteenth", "Sixteenth", "Seventeenth", "Eighteenth",
    "Nineteenth", "Twentieth",
)  # fmt: skip
_DIRECTIONS = {
    "东": ("East", "Eastern"), "西": ("West", "Western"), "南": ("South", "Southern"), "北": ("North", "Northern"),
    "中": ("Central", "Middle"), "东北": ("Northeast", "Northeastern"), "东南": ("Southeast", "Southeastern"),
    "西北": ("Northwest", "Northwestern"), "西南": ("Southwest", "Southwestern"), "城": ("Urban", "City"),
    "郊": ("Suburban", "Outer"), "矿": ("Mining", "Mine"),
}  # fmt: skip
#: Person-name prefixes of familiarity (小于 → "Xiao Yu") and titles after a name (王同志 → "Comrade Wang").
_NAME_PREFIXES = {"小": "Xiao", "老": "Lao", "大": "Da", "阿": "A"}
_NAME_TITLES = {"同志": "Comrade", "师傅": "Master", "老师": "Teacher", "大娘": "Aunt", "大爷": "Uncle"}
#: Subjects and verbs of emulation drives: 男赶X、女赶Y.
_EMULATION_SUBJECTS = {"男": "men", "女": "women", "老": "the old", "少": "the young", "青年": "young people",
                       "妇女": "women", "老年": "the old", "人人": "everyone"}  # fmt: skip
_EMULATION_VERBS = {"赶": "catching up with", "学": "learning from", "超": "surpassing", "比": "comparing with",
                    "帮": "helping"}  # fmt: skip
#: Descriptive pattern 以X为中心的Y, and the comparison 和X一样 ("same as X").
_CENTERED = re.compile(r"^以(.+?)为(中心|重点|纲)的?(.+)$")
_SAME_AS = re.compile(r"^(?:和|跟|同|与)(.+?)一(?:个)?样$")
_ADMIN_ONLY = {"省": "Provincial", "市": "Municipal", "县": "County", "区": "District"}


# --------------------------------------------------------------------------------------------------------------
# Lexicons


@dataclass(frozen=True)
class _Entry:
    """One lexicon row: English label, other accepted forms, a kind or category, and one more column."""

    en: str
    variants: tuple[str, ...] = ()
    kind: str = ""
    extra: str = ""

    @property
    def forms(self) -> tuple[str, ...]:
        return _dedupe((self.en, *self.variants))


def _rows(name: str) -> list[list[str]]:
    """The rows of `kg/data/<name>`, comment and blank lines skipped, cells stripped."""
    text = resources.files("kg").joinpath("data", name).read_text(encoding="utf-8")
    return [
        [cell.strip() for cell in line.split("\t")] for line in text.splitlines() if line.strip() and line[0] != "#"
    ]


def _cell(row: Sequence[str], index: int) -> str:
    return row[index] if len(row) > index else ""


def _alternatives(cell: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in cell.split("|") if v.strip())


@functools.cache
def _surnames() -> dict[str, tuple[str, ...]]:
    """Surname → its pinyin syllables (compound surnames have two)."""
    return {row[0]: tuple(row[1].split()) for row in _rows("english_surnames.tsv")}


@functools.cache
def _given_readings() -> dict[str, str]:
    return {row[0]: row[1] for row in _rows("english_given_readings.tsv")}


@functools.cache
def _wade_giles() -> dict[str, str]:
    return {row[0]: row[1] for row in _rows("english_wade_giles.tsv")}


@functools.cache
def _places() -> dict[str, _Entry]:
    return {r[0]: _Entry(r[1], _alternatives(_cell(r, 3)), _cell(r, 2)) for r in _rows("english_places.tsv")}


@functools.cache
def _place_suffixes() -> dict[str, _Entry]:
    """Suffix → English noun, with the adjective (kind) and whether the label keeps it (extra "1")."""
    return {r[0]: _Entry(r[1], (), _cell(r, 2), _cell(r, 3)) for r in _rows("english_place_suffixes.tsv")}


@functools.cache
def _ethnic_groups() -> dict[str, str]:
    return {row[0]: row[1] for row in _rows("english_ethnic_groups.tsv")}


@functools.cache
def _units() -> dict[str, _Entry]:
    return {
        r[0]: _Entry(r[1], _alternatives(_cell(r, 2)), _cell(r, 3), _cell(r, 4)) for r in _rows("english_units.tsv")
    }


@functools.cache
def _terms() -> dict[str, _Entry]:
    return {r[0]: _Entry(r[1], _alternatives(_cell(r, 2)), _cell(r, 3)) for r in _rows("english_terms.tsv")}


@functools.cache
def _organizations() -> dict[str, _Entry]:
    return {r[0]: _Entry(r[1], _alternatives(_cell(r, 2))) for r in _rows("english_organizations.tsv")}


@functools.cache
def _words() -> dict[str, _Entry]:
    """Terms and unit words together, for finding known words inside a longer string."""
    return {**_units(), **_terms()}


@functools.cache
def _phrase_lexicon() -> dict[str, _Entry]:
    """Everything a campaign phrase may contain: units, places and terms (terms win)."""
    return {**_units(), **_places(), **_terms()}


@functools.cache
def _max_key_length() -> int:
    return max(len(k) for table in (_terms(), _units(), _places(), _organizations()) for k in table)


def _longest_suffix(text: str, table: Mapping[str, object], min_rest: int = 0) -> str | None:
    """The longest key of `table` that `text` ends with, leaving at least `min_rest` characters before it."""
    for size in range(len(text) - min_rest, 0, -1):
        if text[-size:] in table:
            return text[-size:]
    return None


def _longest_prefix(text: str, table: Mapping[str, object], min_length: int = 1) -> str | None:
    for size in range(min(len(text), _max_key_length()), min_length - 1, -1):
        if text[:size] in table:
            return text[:size]
    return None


# --------------------------------------------------------------------------------------------------------------
# Small string helpers


def _dedupe(items: Iterable[str]) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for item in items:
        item = re.sub(r"\s+", " ", item).strip()
        if item and item not in seen:
            seen[item] = None
    return tuple(seen)


def _cap(word: str) -> str:
    return word[:1].upper() + word[1:]


def _title(text: str) -> str:
    """Title case that leaves capitals alone and keeps short function words low (not the first word)."""
    words = text.split(" ")
    out = []
    for i, word in enumerate(words):
        parts = word.split("-")
        parts = [p if (j or i) and p.lower() in _MINOR_WORDS else _cap(p) for j, p in enumerate(parts)]
        out.append("-".join(parts))
    return " ".join(out)


def _plain(text: str) -> str:
    """Without apostrophes inside words and without ü: "Lü Xi'an" → "Lu Xian"."""
    return re.sub(r"(?<=\w)['’](?=\w)", "", text).replace("ü", "u").replace("Ü", "U")


def _clean(zh: str) -> str:
    """Without quotes, spaces and (when something is left) bracketed asides: 会议（厂级、车间） → 会议."""
    zh = _BRACKETS.sub("", zh) or zh
    return "".join(ch for ch in zh if not ch.isspace() and ch not in _QUOTES)


def _and_join(items: Sequence[str]) -> str:
    if len(items) <= 2:
        return " and ".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _ordinal(n: int) -> str:
    if n < len(_ORDINALS):
        return _ORDINALS[n]
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _number(text: str) -> int | None:
    """Chinese or Arabic numeral → int (二十五 → 25, 两万零二百 → 20200); None when it is not one."""
    text = text.translate(str.maketrans("０１２３４５６７８９〇", "01234567890"))
    if text.isdigit():
        return int(text)
    try:
        value = cn2an.cn2an(text.replace("两", "二"), "smart")
    except (ValueError, KeyError, IndexError):
        return None
    return int(value) if float(value).is_integer() else None


def _format_number(n: int) -> str:
    return f"{n:,}"


def _plural(word: str) -> str:
    if not word or word[-1:] == "s" or not word[-1:].isalpha():
        return word
    if word.endswith(("ch", "sh", "x", "z")):
        return word + "es"
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        return word[:-1] + "ies"
    return word + "s"


def _product(parts: Sequence[Sequence[str]], limit: int = MAX_VARIANTS) -> list[tuple[str, ...]]:
    """The combinations of alternatives, the all-first one first, at most `limit`."""
    return list(itertools.islice(itertools.product(*parts), limit))


# --------------------------------------------------------------------------------------------------------------
# Pinyin and Wade–Giles


def pinyin_syllables(text: str) -> list[str]:
    """Toneless pinyin, one syllable per Han character (other characters pass through), ü written ü."""
    return lazy_pinyin(text, style=Style.NORMAL, errors="default", v_to_u=True)


def _join_syllables(syllables: Iterable[str]) -> str:
    """Syllables as one word, with an apostrophe before an a/o/e-initial syllable (xi an → xi'an)."""
    out = ""
    for syllable in syllables:
        if out and out[-1].isalpha() and syllable[:1] in ("a", "o", "e") and syllable.isalpha():
            out += "'"
        out += syllable
    return out


def _fallback(zh: str) -> tuple[str, ...]:
    """Pinyin, one capitalised word per jieba word, when no rule gives a name (other characters pass through)."""
    words = [w for w in jieba.lcut(_clean(zh)) if _HAN.search(w) or w.isalnum()]
    return _dedupe([" ".join(_pinyin_word(w) for w in words)])


def _pinyin_word(zh: str) -> str:
    """One capitalised pinyin word for a proper name (长安 → "Chang'an")."""
    return _cap(_join_syllables(pinyin_syllables(zh)))


def wade_giles(syllable: str) -> str:
    """The Wade–Giles spelling of one toneless pinyin syllable (shi → shih, gang → kang, qu → ch'ü)."""
    return _wade_giles().get(syllable.lower(), syllable.lower())


def _wade_giles_word(syllables: Sequence[str]) -> str:
    return _cap("-".join(wade_giles(s) for s in syllables))


def _plain_wade_giles(text: str) -> str:
    """Wade–Giles as the press often printed it: without aspiration marks or umlauts."""
    return text.replace("'", "").replace("ü", "u").replace("Ü", "U")


# --------------------------------------------------------------------------------------------------------------
# People


@dataclass(frozen=True)
class _PersonName:
    surname: tuple[str, ...]
    given: tuple[str, ...]
    prefix: str = ""  # 小, 老: a familiar form ("Xiao Yu"), then there is no given name
    title: str = ""  # Comrade, Master


def _given_syllables(given: str) -> tuple[str, ...]:
    """Pinyin of a given name: a word pypinyin knows keeps its reading, otherwise each character its name reading."""
    if not given:
        return ()
    if given in PHRASES_DICT:
        return tuple(pinyin_syllables(given))
    readings = _given_readings()
    return tuple(readings.get(ch) or pinyin_syllables(ch)[0] for ch in given)


def _parse_person(zh: str) -> _PersonName | None:
    zh = _clean(zh)
    if not _HAN.search(zh):
        return None
    title = ""
    for suffix, english in _NAME_TITLES.items():
        if zh.endswith(suffix) and len(zh) > len(suffix):
            zh, title = zh[: -len(suffix)], english
            break
    surnames = _surnames()
    if len(zh) == 2 and zh[0] in _NAME_PREFIXES and zh[1] in surnames and zh not in surnames:
        return _PersonName(surnames[zh[1]], (), zh[0], title)
    if len(zh) >= 2 and zh[:2] in surnames and (len(zh) >= 3 or len(surnames[zh[:2]]) == 2):
        surname, given = zh[:2], zh[2:]
    else:
        surname, given = zh[:1], zh[1:]
    syllables = surnames.get(surname) or tuple(pinyin_syllables(surname))
    return _PersonName(syllables, _given_syllables(given), "", title)


def _person_forms(zh: str) -> tuple[str, ...]:
    """Label first, then the variants."""
    if "·" in zh or "•" in zh:  # a transcribed or minority name: each part a word
        parts = [p for p in re.split(r"[·•]", _clean(zh)) if p]
        return _dedupe([" ".join(_pinyin_word(p) for p in parts), " ".join(_plain(_pinyin_word(p)) for p in parts)])
    name = _parse_person(zh)
    if name is None:
        return _dedupe([_clean(zh)])
    surname = _cap(_join_syllables(name.surname))
    surname_wg = _wade_giles_word(name.surname)
    surnames = [surname, _plain(surname)]
    if "ü" in surname:
        surnames.append(surname.replace("ü", "yu"))
    if name.prefix:
        prefix = _NAME_PREFIXES[name.prefix]
        prefix_wg = _wade_giles_word(pinyin_syllables(name.prefix))
        forms = [f"{prefix} {s}" for s in surnames] + [
            f"{prefix_wg} {surname_wg}",
            _plain_wade_giles(f"{prefix_wg} {surname_wg}"),
        ]
    else:
        given = _cap(_join_syllables(name.given))
        given_hyphen = _cap("-".join(name.given))
        given_wg = _wade_giles_word(name.given)
        forms = [f"{surname} {given}"]
        forms += [f"{s} {given}" for s in surnames[1:]]
        forms += [_plain(f"{s} {given}") for s in surnames]
        if len(name.given) > 1:
            forms += [f"{surname} {given_hyphen}", _plain(f"{surname} {given_hyphen}")]
        forms += [f"{surname_wg} {given_wg}", _plain_wade_giles(f"{surname_wg} {given_wg}")]
        forms = [f.strip() for f in forms]
    if name.title:
        forms = [f"{name.title} {f}" for f in forms] + (forms if name.given or name.prefix else [])
    return _dedupe(forms)


def person_name(zh: str) -> str:
    """`冯志远` → `Feng Zhiyuan`: surname, then the given name as one word."""
    forms = _person_forms(zh)
    return forms[0] if forms else ""


def person_variants(zh: str) -> list[str]:
    """Other accepted English forms of a person's name: plain, hyphenated and Wade–Giles ("Liao Shih-kang")."""
    return list(_person_forms(zh)[1:])


# --------------------------------------------------------------------------------------------------------------
# Places


def _romanised_place(zh: str) -> tuple[str, ...]:
    """Pinyin word, plain pinyin and Wade–Giles of a place name nobody translates."""
    syllables = pinyin_syllables(zh)
    word = _cap(_join_syllables(syllables))
    return _dedupe([word, _plain(word), _wade_giles_word(syllables), _plain_wade_giles(_wade_giles_word(syllables))])


def _known_place(zh: str) -> tuple[str, ...] | None:
    entry = _places().get(zh)
    if entry is None:
        return None
    romanised = zh.removesuffix("市") if len(zh) > 2 else zh
    extra = _romanised_place(romanised)[1:] if entry.kind not in ("country",) and "'" not in entry.en else ()
    return _dedupe((entry.en, _plain(entry.en), *entry.variants, *extra))


def _autonomous_place(zh: str) -> tuple[str, ...] | None:
    """黔东南苗族侗族自治州 → "Qiandongnan Miao and Dong Autonomous Prefecture"."""
    suffix = next((s for s in ("自治区", "自治州", "自治县", "自治旗") if zh.endswith(s) and len(zh) > len(s)), None)
    if suffix is None:
        return None
    stem, groups = zh[: -len(suffix)], []
    ethnic = _ethnic_groups()
    while stem and stem not in _places():
        bare = stem.removesuffix("族")
        key = _longest_suffix(bare, ethnic)
        if key is None:
            break
        groups.insert(0, ethnic[key])
        stem = bare[: -len(key)]
    if not groups:
        return None
    suffix_en = _place_suffixes()[suffix].en
    nationalities = _and_join(groups)
    if not stem:
        return _dedupe([f"{nationalities} {suffix_en}"])
    bases = _place_forms(stem)
    return _dedupe([f"{b} {nationalities} {suffix_en}" for b in bases[:2]] + [f"{bases[0]} {suffix_en}"])


def _suffixed_place(zh: str, known_stem_only: bool) -> tuple[str, ...] | None:
    """A name and a place suffix: 辽宁省 → "Liaoning Province", 太原市 → "Taiyuan", 南区 → "South District"."""
    suffixes = _place_suffixes()
    key = _longest_suffix(zh, suffixes, min_rest=1)
    if key is None:
        return None
    stem, suffix = zh[: -len(key)], suffixes[key]
    known = _known_place(stem)
    if known is None and key == "区" and stem in _DIRECTIONS:
        label, alt = _DIRECTIONS[stem]
        return _dedupe([f"{label} {suffix.en}", f"{alt} {suffix.en}", _pinyin_word(zh)])
    if known is None and known_stem_only:
        return None
    whole = _romanised_place(zh)
    if known is not None:
        bases = known
    else:
        syllables = pinyin_syllables(zh)[: len(stem)]
        word = _cap(_join_syllables(syllables))
        bases = _dedupe([word, _plain(word), _wade_giles_word(syllables)])
    suffixed = [f"{b} {suffix.en}" for b in bases]
    if key == "市":
        suffixed += [f"{bases[0]} Municipality"]
    if len(stem) == 1 and key not in ("省", "县", "区", "专区", "地区", "江", "河", "水库"):
        return _dedupe([whole[0], *whole[1:], *suffixed[:1]])  # 津市 → "Jinshi", 昆山 → "Kunshan"
    if suffix.extra == "1":
        return _dedupe([*suffixed, *bases])
    return _dedupe([*bases, *suffixed])


def _nested_place(zh: str) -> tuple[str, ...] | None:
    """A place inside a province or city: 江西省新余县 → "Xinyu County, Jiangxi"."""
    for size in range(min(len(zh) - 2, 5), 1, -1):
        head, rest = zh[:size], zh[size:]
        head_stem = head.removesuffix("省").removesuffix("市").removesuffix("自治区")
        entry = _places().get(head_stem)
        if entry is None or entry.kind not in ("province", "autonomous_region", "municipality", "city"):
            continue
        if rest in _place_suffixes() or len(rest) < 2:
            continue
        inner = _place_forms(rest)
        qualified = [f"{inner[0]}, {entry.en}"]
        if entry.kind == "province":
            qualified.append(f"{inner[0]}, {entry.en} Province")
        return _dedupe([qualified[0], *inner, *qualified[1:]])
    return None


@functools.cache
def _place_forms(zh: str) -> tuple[str, ...]:
    zh = _clean(zh)
    if not zh:
        return ()
    if not _HAN.search(zh):
        return (zh,)
    for attempt in (
        lambda: _known_place(zh),
        lambda: _autonomous_place(zh),
        lambda: _suffixed_place(zh, known_stem_only=True),
        lambda: _nested_place(zh),
        lambda: _suffixed_place(zh, known_stem_only=False),
    ):
        forms = attempt()
        if forms:
            return forms
    return _romanised_place(zh)


def place_name(zh: str) -> str:
    """`重庆` → `Chongqing`, `辽宁省` → `Liaoning Province`, `太原市` → `Taiyuan`, `遵义专区` → `Zunyi Prefecture`."""
    forms = _place_forms(zh)
    return forms[0] if forms else ""


def place_variants(zh: str) -> list[str]:
    """Other accepted forms: postal or older spellings (重庆 Chungking), Wade–Giles, the name with or without suffix."""
    return list(_place_forms(zh)[1:])


# --------------------------------------------------------------------------------------------------------------
# Organisations


@dataclass
class _OrgUnit:
    """One level of an organisation name: 西安仪表厂 | 二十五车间 | 红领巾小组."""

    zh: str
    known: _Entry | None = None
    places: list[tuple[str, ...]] = field(default_factory=list)  # each: label form first
    admin: str = ""  # adjective of a place suffix: Municipal, Provincial
    mods: list[tuple[str, ...]] = field(default_factory=list)
    unit: _Entry | None = None
    number: int | None = None
    number_style: str = ""  # "ordinal" (第一), "no" (一号) or "" (二十五)
    proper: bool = False  # has a proper name of its own
    cpc: bool = False

    @property
    def bare(self) -> bool:
        """A generic unit word only (厂, 炼铁厂): in a longer name it qualifies its child."""
        return self.known is None and not self.places and not self.proper and self.number is None


def _is_word_boundary(text: str, index: int) -> bool:
    position = 0
    for word in jieba.lcut(text, HMM=False):
        position += len(word)
        if position == index:
            return True
        if position > index:
            return False
    return index == len(text)


def _unit_at_boundary(text: str, start: int) -> bool:
    """Whether a unit word starting at `start` starts a word: at a jieba boundary, or after a lexicon word inside one
    jieba word (技术|科 in 技术科, but not 干|部 in 干部 nor 拉|丝厂 in 拉丝厂)."""
    if start == 0:
        return True
    position = 0
    for word in jieba.lcut(text, HMM=False):
        end = position + len(word)
        if position == start:
            return True
        if position < start < end:
            head, overlap = text[position:start], text[start:end]
            if end == len(text) and _word_forms(head, in_org=True) is not None:
                return True  # 技术科
            return len(overlap) >= 2 and _word_forms(overlap, in_org=True) is not None  # 永安水泥|厂
        position = end
    return position == start


def _unit_suffix(text: str, strict: bool = False) -> str | None:
    """The longest unit word `text` ends with that starts a word; with `strict` False, else the longest one."""
    units = _units()
    candidates = [text[-k:] for k in range(len(text), 0, -1) if text[-k:] in units]
    for key in candidates:
        if _unit_at_boundary(text, len(text) - len(key)):
            return key
    return None if strict or not candidates else candidates[0]


def _split_parent(rest: str) -> tuple[str, str]:
    """Split what comes before a unit suffix into the parent organisation and the unit's own modifiers."""
    orgs = _organizations()
    for i in range(len(rest), 0, -1):
        head = rest[:i]
        ends_with_unit = _unit_suffix(head, strict=True) is not None
        if (head in orgs or ends_with_unit) and (i == len(rest) or _is_word_boundary(rest, i)):
            if head in _place_suffixes() or head in _ADMIN_ONLY:
                continue
            return head, rest[i:]
    return "", rest


def _looks_like_person(zh: str) -> bool:
    if not 2 <= len(zh) <= 4 or not _HAN.search(zh):
        return False
    if zh in _places() or zh in _terms() or zh in _organizations():
        return False
    surnames = _surnames()
    if not (zh[0] in surnames or zh[:2] in surnames):
        return False
    tags = jieba.posseg.lcut(zh)
    return len(tags) == 1 and tags[0].flag.startswith("nr")


def _proper_run(zh: str, person_ok: bool = False) -> list[tuple[str, ...]]:
    """Pinyin words for a run nobody translates: up to 3 characters one word, longer ones one word per jieba word.
    With `person_ok` (groups and teams are often named after their leader) a person's name is written as one."""
    if person_ok and _looks_like_person(zh):
        return [_person_forms(zh)[:2]]
    if len(zh) <= 3:
        return [_romanised_place(zh)[:2]]
    return [_romanised_place(w)[:2] for w in jieba.lcut(zh)]


def _word_forms(zh: str, *, in_org: bool) -> tuple[tuple[str, ...], bool] | None:
    """English forms of one lexicon word and whether it is a proper part; None when the lexicon does not know it."""
    places, terms, units = _places(), _terms(), _units()
    if zh in places:
        return _known_place(zh) or (), True
    if zh in terms:
        term = terms[zh]
        if term.kind == "measure":
            return (), False
        if in_org and "name" in term.kind.split("/"):
            pinyin = _pinyin_word(zh)
            return _dedupe([pinyin, *(_title(f) for f in term.forms)]), True
        return tuple(_title(f) if in_org else f for f in term.forms), False
    if zh in units:
        return tuple(_title(f.replace("{}", "").strip()) for f in units[zh].forms), False
    return None


def _tokens(text: str) -> list[str]:
    """Words of a modifier string: jieba words, re-joined where the lexicon knows a longer word."""
    words = jieba.lcut(text, HMM=False)
    out, i = [], 0
    while i < len(words):
        for j in range(len(words), i, -1):
            joined = "".join(words[i:j])
            if j - i > 1 and _word_forms(joined, in_org=True) is not None:
                out.append(joined)
                i = j
                break
        else:
            out.append(words[i])
            i += 1
    return out


def _split_known(run: str) -> list[tuple[str, bool]]:
    """Inside an unknown run, the lexicon words of two or more characters (木模 split by jieba) and the rest."""
    out: list[tuple[str, bool]] = []
    i, start = 0, 0
    while i < len(run):
        key = _longest_prefix(run[i:], _words(), min_length=2)
        if key is None:
            i += 1
            continue
        if start < i:
            out.append((run[start:i], False))
        out.append((key, True))
        i += len(key)
        start = i
    if start < len(run):
        out.append((run[start:], False))
    return out


def _fill_modifiers(unit: _OrgUnit, text: str) -> None:
    """Places, number and modifiers of one unit, in the order they are written."""
    # leading places: 江西省新余, 广州市, 南区, or a bare 市 (市机电工业局 → "Municipal ...")
    while text:
        if text[:1] in _ADMIN_ONLY and not unit.places:
            unit.admin = _ADMIN_ONLY[text[:1]]
            text = text[1:]
            continue
        found = None
        for size in range(min(len(text), 8), 1, -1):
            head = text[:size]
            suffix_key = _longest_suffix(head, _place_suffixes(), min_rest=1)
            stem = head[: -len(suffix_key)] if suffix_key else head
            if head in _places():
                found = (head, _known_place(head) or (), "")
            elif suffix_key in ("省", "市", "县", "专区", "地区", "自治区", "自治州", "区") and (
                stem in _places()
                or (suffix_key == "区" and stem in _DIRECTIONS)
                or (len(stem) >= 2 and _is_word_boundary(text, size))  # an unknown place: 新余县, not 地区
            ):
                forms = _place_forms(head)
                bare_forms = _place_forms(stem) if suffix_key != "区" else forms
                found = (head, bare_forms if suffix_key in ("省", "市") else forms, suffix_key)
            if found:
                break
        if not found:
            break
        head, forms, suffix_key = found
        unit.places.append(forms)
        if suffix_key in ("省", "市", "县", "专区", "地区", "自治区", "自治州"):
            unit.admin = _place_suffixes()[suffix_key].kind
        text = text[len(head) :]
    # the number: 第一, 二十五, 一号
    match = _NUMBER.match(text)
    if match and (match.group(1) or match.group(3) or (match.end() == len(text) and text not in _terms())):
        value = _number(match.group(2))
        if value is not None:
            unit.number = value
            unit.number_style = "ordinal" if match.group(1) else "no" if match.group(3) else ""
            text = text[match.end() :]
    # modifiers: lexicon words translated, the rest in pinyin
    pending = ""
    tokens = _tokens(text)
    for index, word in enumerate([*tokens, ""]):
        known = _word_forms(word, in_org=True) if word else None
        between_known = 0 < index < len(tokens) - 1 and all(
            all(known_piece for _, known_piece in _split_known(tokens[j])) for j in (index - 1, index + 1)
        )
        if word in ("和", "与", "及") and between_known:
            known = (("and",), False)  # 轻工业和化学工业 → "Light Industry and Chemical Industry"
        if word and known is None:
            pending += word
            continue
        if pending:
            for piece, is_known in _split_known(pending):
                piece_forms = _word_forms(piece, in_org=True) if is_known else None
                if piece_forms is None:
                    unit.mods.extend(_proper_run(piece, unit.unit is not None and unit.unit.kind == "part"))
                    unit.proper = True
                elif piece_forms[0]:
                    unit.mods.append(piece_forms[0])
                    unit.proper |= piece_forms[1]
            pending = ""
        if known is not None and known[0]:
            unit.mods.append(known[0])
            unit.proper |= known[1]


def _parse_org(zh: str, depth: int = 0) -> list[_OrgUnit]:
    """The chain of units of an organisation name, outermost first."""
    if not zh:
        return []
    orgs = _organizations()
    if zh in orgs:
        return [_OrgUnit(zh, known=orgs[zh])]
    if zh.startswith("中共") and len(zh) > 2 and depth == 0:
        chain = _parse_org(zh[2:], depth)
        if chain:
            chain[-1].cpc = True
        return chain
    key = _unit_suffix(zh)
    unit = _OrgUnit(zh, unit=_units()[key] if key else None)
    rest = zh[: -len(key)] if key else zh
    if key is None and (place := _longest_prefix(zh, _places(), min_length=2)) and zh[len(place) :] in orgs:
        # a known organisation after a place (辽宁鞍钢)
        return [*_parse_org(place, depth + 1), _OrgUnit(zh[len(place) :], known=orgs[zh[len(place) :]])]
    parent, own = _split_parent(rest) if depth < 4 else ("", rest)
    chain = _parse_org(parent, depth + 1) if parent else []
    _fill_modifiers(unit, own)
    return [*chain, unit]


def _numbered(core: str, unit: _OrgUnit) -> list[str]:
    """The numbered forms of a unit name, label first: "Workshop 25", "No. 1 Ironworks", "Blast Furnace No. 1"."""
    n = unit.number
    if n is None:
        return [core]
    after = unit.unit is not None and unit.unit.extra == "after"
    forms = {"after": f"{core} {n}", "before": f"No. {n} {core}", "no": f"{core} No. {n}",
             "ordinal": f"{_ordinal(n)} {core}"}  # fmt: skip
    if unit.number_style == "no":
        order = ["no", "before", "after", "ordinal"]
    elif after:
        order = ["after", "before", "no", "ordinal"]
    else:
        order = ["before", "ordinal", "after", "no"]
    return [forms[k].strip() for k in order]


def _unit_forms(unit: _OrgUnit) -> list[str]:
    """Label first, then variants, of one unit without its parents."""
    if unit.known is not None:
        forms = list(unit.known.forms)
    else:
        kind = unit.unit.kind if unit.unit else "unit"
        unit_texts = list(unit.unit.forms) if unit.unit else [""]
        mods_options = [" ".join(c) for c in _product(unit.mods, 6)] if unit.mods else [""]
        place_options = [" ".join(c) for c in _product(unit.places, 4)] if unit.places else [""]
        forms = []
        for place, mods, text in itertools.product(place_options, mods_options, unit_texts):
            admin = unit.admin if kind in ("gov", "body") and unit.admin else ""
            if admin and place.endswith(admin):
                admin = ""
            cores = [text.replace("{}", mods) if "{}" in text else f"{mods} {text}"]
            if kind == "gov" and mods:
                cores.insert(0, f"{text.replace('{}', '').strip()} of {mods}")
            for core in cores:
                core = re.sub(r"\s+", " ", core).strip()
                for numbered in _numbered(core, unit):
                    forms.append(f"{place} {admin} {numbered}")
                    if admin:
                        forms.append(f"{place} {numbered}")
                    if len(unit.places) > 1:
                        forms.append(" ".join([*(p[0] for p in unit.places[1:]), numbered]))
                    if place and kind not in ("gov", "body") and (unit.proper or unit.mods):
                        forms.append(numbered)
    forms = list(_dedupe(forms))
    if unit.cpc and forms:
        label = forms[0]
        short = label.replace("Party Committee", "Committee")
        cpc = [f"CPC {short}", label, f"{short} of the CPC", f"{short} of the Communist Party of China"]
        forms = cpc + [f"CPC {f}" for f in forms[1:] if "CPC" not in f and "Communist" not in f] + forms[1:]
    return list(_dedupe(forms))


@functools.cache
def _organization_forms(zh: str) -> tuple[str, ...]:
    text = _clean(zh)
    demonstrative = re.match(r"^(这个|那个|这|该|本|各)", text)  # 这个厂的党委, 各区分局; not 本溪
    after = text[demonstrative.end() :] if demonstrative else ""
    if after and (_longest_prefix(after, _units()) or after[:1] in _ADMIN_ONLY):
        text = after
    text = text.replace("的", "")
    if not text:
        return ()
    if not _HAN.search(text):
        return (text,) if any(ch.isalnum() for ch in text) else ()
    chain = _parse_org(text)
    forms: list[str] = []
    for unit in chain:
        own = _unit_forms(unit)
        if not own:
            continue
        if not forms:
            forms = own
        elif all(u.bare for u in chain[: chain.index(unit)]):
            forms = [f"{p} {c}" for p, c in _product([forms[:4], own[:8]], MAX_VARIANTS)] + own[:6]
        else:
            combined = [f"{own[0]} of {forms[0]}"]
            combined += [f"{c} of {p}" for p, c in _product([forms[:3], own[:6]], 12)]
            combined += [f"{p} {c}" for p, c in _product([forms[:3], own[:6]], 12)]
            combined += own
            forms = combined
    return _dedupe(forms)[: MAX_VARIANTS + 1] or _fallback(text)


def organization_name(zh: str) -> str:
    """`重庆钢铁公司` → `Chongqing Iron and Steel Company`, `二十五车间` → `Workshop 25`."""
    forms = _organization_forms(zh)
    return forms[0] if forms else ""


def organization_variants(zh: str) -> list[str]:
    """Other accepted forms: other words for the unit and its parts, other layouts of numbers and parents."""
    return list(_organization_forms(zh)[1:])


# --------------------------------------------------------------------------------------------------------------
# Campaigns


@dataclass
class _Phrase:
    """An English phrase from Chinese words: label words and alternative phrasings."""

    forms: list[str]
    verb: bool = False  # starts with a verb: "campaign to ..."
    descriptive: bool = False  # long enough that "Campaign to X" reads better than "X Campaign"


def _phrase_items(zh: str) -> list[tuple[str, tuple[str, ...]]]:
    """(category, forms) for each word of a campaign phrase, lexicon longest-match first, numbers as digits."""
    lexicon = _phrase_lexicon()
    items: list[tuple[str, tuple[str, ...]]] = []
    i, unknown = 0, ""

    def flush() -> None:
        nonlocal unknown
        if unknown:
            for word in jieba.lcut(unknown):
                forms = _person_forms(word)[:1] if _looks_like_person(word) else _romanised_place(word)[:1]
                items.append(("proper", forms))
            unknown = ""

    while i < len(zh):
        key = _longest_prefix(zh[i:], lexicon)
        match = _NUMBER.match(zh, i)
        number_length = match.end() - i if match else 0
        if match and zh[match.end() : match.end() + 1] == "年" and not match.group(1) and not match.group(3):
            value = _number(match.group(2))
            if value is not None and 1800 <= value <= 2100:  # 1958年 → "1958"
                flush()
                items.append(("year", (str(value),)))
                i = match.end() + 1
                continue
        if match and number_length >= len(key or ""):
            value = _number(match.group(2))
            if value is not None and (match.group(1) or match.group(3) or len(match.group(2)) > 1 or not key):
                flush()
                text = _ordinal(value).lower() if match.group(1) else _format_number(value)
                items.append(("ordinal" if match.group(1) else "number", (text,)))
                i = match.end()
                continue
        char = zh[i]
        if key is None or (len(key) == 1 and key not in _terms()):
            if char in "和与及同":
                flush()
                items.append(("and", ("and",)))
            elif char in _SEPARATORS:
                flush()
                items.append(("sep", (",",)))
            elif char in "的之":
                flush()
            else:
                unknown += char
            i += 1
            continue
        flush()
        if key in _places():
            items.append(("place", _known_place(key) or (key,)))
        elif key in _terms():
            term = _terms()[key]
            kinds = term.kind.split("/")
            if "v" in kinds and "name" in kinds:  # 建设: "build" first in a phrase, "construction" elsewhere
                first = not any(c not in ("sep",) for c, _ in items)
                items.append(("v", (term.en,)) if first else ("n", (*term.variants, term.en)))
            else:
                items.append((kinds[-1], term.forms))
        else:
            items.append(("n", tuple(f.replace("{}", "").strip().lower() for f in _units()[key].forms)))
        i += len(key)
    flush()
    return items


def _phrase(zh: str) -> _Phrase:
    items = [(cat, forms) for cat, forms in _phrase_items(zh) if cat != "measure" and forms and forms[0].strip()]
    words: list[list[str]] = []
    previous = ""
    for index, (category, forms) in enumerate(items):
        coordinate = category == "adj" or (
            forms[0].endswith("ation") and bool(words) and words[-1][0].endswith("ation")
        )
        if index and category == previous and category in ("adj", "n") and words[-1] != ["and"] and coordinate:
            words.append(["and"])  # coordinate modifiers or -isations: 优质高产 → "high-quality and high-yield"
        if previous == "number" and category != "sep":
            try:
                plural = int(words[-1][0].replace(",", "")) > 1
            except ValueError:
                plural = False
            if plural:
                forms = tuple(" ".join([*f.split(" ")[:-1], _plural(f.split(" ")[-1])]) for f in forms)
        if previous == "v" and category == "adj":
            forms = tuple(sorted(forms, key=lambda f: not f.startswith("the ")))  # 学先进 → "learn from the advanced"
        words.append(list(forms))
        previous = category
    label_words = [w[0] for w in words]
    text = " ".join(label_words).replace(" ,", ",")
    alternatives = [" ".join(c).replace(" ,", ",") for c in _product(words, 8)]
    verb = bool(items) and items[0][0] == "v"
    descriptive = verb and (len(items) > 2 or any(c in ("number", "proper", "place") for c, _ in items))
    return _Phrase(list(_dedupe([text, *alternatives])), verb=verb, descriptive=descriptive)


def _clauses(zh: str) -> _Phrase:
    """A phrase, a comparison (和先进厂一样 → "same as advanced factories") or a list (A、B、C → "A, B and C")."""
    clauses = [c for c in re.split(f"[{_SEPARATORS}]", zh) if c]
    if len(clauses) > 1:
        parts = [part for part in (_clauses(c) for c in clauses) if part.forms]
        if not parts:
            return _Phrase([])
        label = _and_join([p.forms[0] for p in parts])
        plain = ", ".join(p.forms[0] for p in parts)
        verb = all(p.verb for p in parts)
        return _Phrase(list(_dedupe([label, plain])), verb=verb, descriptive=verb)
    if match := _SAME_AS.match(zh):
        inner = _phrase(match.group(1)).forms
        return _Phrase([f"same as {f}" for f in inner[:4]])
    return _phrase(zh)


def _emulation(zh: str, head: _Entry | None) -> list[str] | None:
    """男赶X、女赶Y → "men catching up with X and women catching up with the Y"."""
    clauses = [c for c in re.split(f"[{_SEPARATORS}]", zh) if c]
    if len(clauses) < 2:
        return None
    parts = []
    for clause in clauses:
        subject = _longest_prefix(clause, _EMULATION_SUBJECTS)
        if subject is None or clause[len(subject) : len(subject) + 1] not in _EMULATION_VERBS:
            return None
        target = clause[len(subject) + 1 :]
        if not target:
            return None
        if _looks_like_person(target):
            name = person_name(target)
        elif target in _terms():
            name = _terms()[target].en
        else:
            name = f"the {organization_name(target)}"
        parts.append(f"{_EMULATION_SUBJECTS[subject]} {_EMULATION_VERBS[clause[len(subject)]]} {name}")
    body = " and ".join(parts)
    if head is None:
        return [body]
    return [f"{form} of {body}" for form in head.forms]


def _campaign_forms(zh: str) -> tuple[str, ...]:
    text = _clean(zh)
    if not text:
        return ()
    terms = _terms()
    if text in terms and terms[text].kind in ("slogan", "n", "v", "adj"):
        return _dedupe(_title(f) for f in terms[text].forms)
    heads = {k: v for k, v in terms.items() if v.kind == "head"}
    key = _longest_suffix(text, heads, min_rest=1)
    head = heads[key] if key else None
    body = (text[: -len(key)] if key else text).removesuffix("的")
    if (emulation := _emulation(body, head)) is not None:
        return _dedupe(_title(f) for f in emulation)
    if (
        (match := _CENTERED.match(text))
        and (inner := _campaign_forms(match.group(3)))
        and _phrase(match.group(1)).forms
    ):
        centre = _phrase(match.group(1)).forms
        return _dedupe([f"{inner[0]} Centered on {_title(centre[0])}", *(f"{i} Centred on {_title(centre[0])}"
                                                                        for i in inner[:3]), *inner[1:4]])  # fmt: skip
    if body in terms and terms[body].kind == "slogan" and any(s in body for s in _SEPARATORS):
        slogan = terms[body].forms
        if head is None:
            return _dedupe(_title(f) for f in slogan)
        return _dedupe([f"'{_title(slogan[0])}' {_title(head.en)}", *(_title(f"{h} to {s}") for h in head.forms
                                                                       for s in slogan)])  # fmt: skip
    phrase = _clauses(body)
    if head is None:
        return _dedupe(_title(f) for f in phrase.forms)
    head_forms = list(head.forms)
    heads_in_phrase = {h for h in head_forms if all(f.lower().endswith(h) for f in phrase.forms[:1])}
    if heads_in_phrase:  # the phrase already names the kind (扫盲 "literacy campaign")
        return _dedupe(_title(f) for f in phrase.forms)
    forms: list[str] = []
    if phrase.verb:
        campaign_heads = sorted(head_forms, key=lambda h: h != "campaign")
        to_forms = [f"{h} to {p}" for h in campaign_heads for p in phrase.forms]
        suffix_forms = [f"{p} {h}" for h in campaign_heads for p in phrase.forms]
        forms = to_forms + suffix_forms if phrase.descriptive else suffix_forms + to_forms
    else:
        forms = [f"{p} {h}" for h in head_forms for p in phrase.forms]
    return _dedupe(_title(f) for f in forms)[: MAX_VARIANTS + 1]


def campaign_name(zh: str) -> str:
    """`技术革新运动` → `Technical Innovation Movement`, `大跃进` → `Great Leap Forward`."""
    forms = _campaign_forms(zh) or _fallback(zh)
    return forms[0] if forms else ""


def campaign_variants(zh: str) -> list[str]:
    """Other accepted forms: other words for the parts and for the head ("Campaign" for "Movement")."""
    return list(_campaign_forms(zh)[1:])


# --------------------------------------------------------------------------------------------------------------
# Dispatch

_LABELS = {"Person": person_name, "Organization": organization_name, "Place": place_name, "Campaign": campaign_name}
_VARIANTS = {
    "Person": person_variants,
    "Organization": organization_variants,
    "Place": place_variants,
    "Campaign": campaign_variants,
}


def english_label(zh: str, kind: str) -> str:
    """The English label for a Chinese name of the given entity kind."""
    if kind not in _LABELS:
        raise ValueError(f"Unexpected entity type: {kind!r}")
    return _LABELS[kind](zh)


def english_variants(zh: str, kind: str) -> list[str]:
    """Other accepted English forms of the name (never the label itself), best first."""
    if kind not in _VARIANTS:
        raise ValueError(f"Unexpected entity type: {kind!r}")
    label = english_label(zh, kind)
    return [v for v in _VARIANTS[kind](zh) if v != label]
