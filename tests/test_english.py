"""English labels without a translation: pinyin for people and places, translated generic parts for units and campaigns.

The tables below use generic examples (and the names the brief asks for); the last tests measure the labels against
the English forms of the gold annotations where the shared dev data is present.
"""

from __future__ import annotations

import json
import re
import unicodedata
from importlib import resources

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypinyin.contrib.tone_convert import to_normal
from pypinyin.pinyin_dict import pinyin_dict

from kg.english import (
    campaign_name,
    campaign_variants,
    english_label,
    english_variants,
    organization_name,
    organization_variants,
    person_name,
    person_variants,
    pinyin_syllables,
    place_name,
    place_variants,
    wade_giles,
)

from .conftest import GOLD, require_shared

# --------------------------------------------------------------------------------------------------------------
# People


@pytest.mark.parametrize(
    ("zh", "en"),
    [
        ("廖世刚", "Liao Shigang"),
        ("黄荣昌", "Huang Rongchang"),
        ("邓小平", "Deng Xiaoping"),
        ("陈云", "Chen Yun"),
        # surnames with a surname reading of their own
        ("曾国藩", "Zeng Guofan"),
        ("单田芳", "Shan Tianfang"),
        ("仇英", "Qiu Ying"),
        ("解放", "Xie Fang"),
        ("区梦觉", "Ou Mengjue"),
        ("查良镛", "Zha Liangyong"),
        ("朴正", "Piao Zheng"),
        ("盖叫天", "Ge Jiaotian"),
        ("乐和", "Yue He"),
        ("覃振", "Qin Zhen"),
        ("翟志刚", "Zhai Zhigang"),
        ("缪荃孙", "Miao Quansun"),
        ("秘书", "Bi Shu"),
        ("召忠", "Shao Zhong"),
        ("那英", "Na Ying"),
        ("员半千", "Yun Banqian"),
        ("折克行", "She Kexing"),
        ("种师道", "Chong Shidao"),
        ("卜明", "Bu Ming"),
        ("长江涛", "Chang Jiangtao"),
    ],
)
def test_person_surname_readings(zh: str, en: str) -> None:
    assert person_name(zh) == en


@pytest.mark.parametrize(
    ("zh", "en"),
    [
        ("欧阳海", "Ouyang Hai"),
        ("司马光", "Sima Guang"),
        ("诸葛亮", "Zhuge Liang"),
        ("上官云珠", "Shangguan Yunzhu"),
        ("东方红", "Dongfang Hong"),
        ("皇甫嵩", "Huangfu Song"),
        ("司徒雷登", "Situ Leideng"),
        ("令狐冲", "Linghu Chong"),
        ("慕容复", "Murong Fu"),
        ("夏侯惇", "Xiahou Dun"),
        ("公孙胜", "Gongsun Sheng"),
        ("宇文泰", "Yuwen Tai"),
        ("澹台明", "Tantai Ming"),
        ("端木蕻良", "Duanmu Hongliang"),
        ("西门庆", "Ximen Qing"),
        ("南宫适", "Nangong Shi"),
        ("钟离春", "Zhongli Chun"),
        ("闻人杰", "Wenren Jie"),
        ("赫连勃勃", "Helian Bobo"),
        ("呼延灼", "Huyan Zhuo"),
        ("轩辕辉", "Xuanyuan Hui"),
        ("尉迟恭", "Yuchi Gong"),
        ("万俟卨", "Moqi Xie"),
        ("长孙无忌", "Zhangsun Wuji"),
        ("欧阳", "Ouyang"),
    ],
)
def test_person_compound_surnames(zh: str, en: str) -> None:
    assert person_name(zh) == en


@pytest.mark.parametrize(
    ("zh", "en"),
    [
        ("张西安", "Zhang Xi'an"),  # apostrophe before an a/o/e syllable inside the given name
        ("王延安", "Wang Yan'an"),
        ("李海鸥", "Li Hai'ou"),
        ("刘天恩", "Liu Tian'en"),
        ("吕正操", "Lü Zhengcao"),  # ü kept
        ("吕", "Lü"),
        ("李了", "Li Liao"),  # name readings of polyphonic characters
        ("王长", "Wang Chang"),
        ("张都", "Zhang Du"),
        ("曾经国", "Zeng Jingguo"),  # the surname is not read as in 曾经
        ("小于", "Xiao Yu"),  # familiar forms
        ("老王", "Lao Wang"),
        ("王同志", "Comrade Wang"),
    ],
)
def test_person_spelling(zh: str, en: str) -> None:
    assert person_name(zh) == en


@pytest.mark.parametrize(
    ("zh", "variants"),
    [
        ("廖世刚", ["Liao Shi-gang", "Liao Shih-kang"]),
        ("邓小平", ["Deng Xiao-ping", "Teng Hsiao-p'ing", "Teng Hsiao-ping"]),
        ("张西安", ["Zhang Xian", "Zhang Xi-an", "Chang Hsi-an"]),
        ("吕正操", ["Lu Zhengcao", "Lyu Zhengcao", "Lü Zheng-cao", "Lü Cheng-ts'ao"]),
        ("欧阳海", ["Ou-yang Hai"]),
        ("司马光", ["Ssu-ma Kuang"]),
        ("朱德", ["Chu Te"]),
        ("周恩来", ["Chou En-lai"]),
    ],
)
def test_person_variants(zh: str, variants: list[str]) -> None:
    got = person_variants(zh)
    assert person_name(zh) not in got
    for variant in variants:
        assert variant in got


# --------------------------------------------------------------------------------------------------------------
# Wade–Giles


@pytest.mark.parametrize(
    ("pinyin", "wg"),
    [
        ("shi", "shih"), ("gang", "kang"), ("zhi", "chih"), ("chi", "ch'ih"), ("ri", "jih"), ("zi", "tzu"),
        ("ci", "tz'u"), ("si", "ssu"), ("qu", "ch'ü"), ("xu", "hsü"), ("ju", "chü"), ("yu", "yü"), ("you", "yu"),
        ("yi", "i"), ("ye", "yeh"), ("yan", "yen"), ("xian", "hsien"), ("qing", "ch'ing"), ("zhong", "chung"),
        ("chong", "ch'ung"), ("rong", "jung"), ("ge", "ko"), ("ke", "k'o"), ("he", "ho"), ("de", "te"),
        ("guo", "kuo"), ("luo", "lo"), ("zuo", "tso"), ("gui", "kuei"), ("kui", "k'uei"), ("xue", "hsüeh"),
        ("jue", "chüeh"), ("lüe", "lüeh"), ("er", "erh"), ("zeng", "tseng"), ("cao", "ts'ao"), ("ba", "pa"),
        ("pa", "p'a"), ("tian", "t'ien"), ("xiong", "hsiung"), ("yong", "yung"), ("yuan", "yüan"), ("lü", "lü"),
    ],
)  # fmt: skip
def test_wade_giles_syllables(pinyin: str, wg: str) -> None:
    assert wade_giles(pinyin) == wg


def test_wade_giles_table_covers_every_pinyin_syllable() -> None:
    syllables = {to_normal(p, v_to_u=True) for value in pinyin_dict.values() for p in value.split(",")} - {"ê"}
    text = resources.files("kg").joinpath("data", "english_wade_giles.tsv").read_text(encoding="utf-8")
    table = {line.split("\t")[0] for line in text.splitlines() if line and not line.startswith("#")}
    assert syllables <= table


# --------------------------------------------------------------------------------------------------------------
# Places


@pytest.mark.parametrize(
    ("zh", "en"),
    [
        ("重庆", "Chongqing"),
        ("重庆市", "Chongqing"),
        ("辽宁", "Liaoning"),
        ("辽宁省", "Liaoning Province"),
        ("太原", "Taiyuan"),
        ("太原市", "Taiyuan"),
        ("陕西", "Shaanxi"),
        ("陕西省", "Shaanxi Province"),
        ("山西", "Shanxi"),
        ("内蒙古", "Inner Mongolia"),
        ("内蒙古自治区", "Inner Mongolia Autonomous Region"),
        ("广西僮族自治区", "Guangxi Zhuang Autonomous Region"),
        ("新疆维吾尔自治区", "Xinjiang Uygur Autonomous Region"),
        ("延边朝鲜族自治州", "Yanbian Korean Autonomous Prefecture"),
        ("遵义专区", "Zunyi Prefecture"),
        ("东乡县", "Dongxiang County"),
        ("沛县", "Pei County"),
        ("南区", "South District"),
        ("郊区", "Suburban District"),
        ("长江", "Yangtze River"),
        ("黄河", "Yellow River"),
        ("渭河", "Wei River"),
        ("嘉陵江", "Jialing River"),
        ("西安", "Xi'an"),
        ("延安", "Yan'an"),
        ("哈尔滨", "Harbin"),
        ("长治", "Changzhi"),  # pypinyin alone says zhang zhi
        ("漯河", "Luohe"),  # and ta he
        ("旅大", "Lüda"),
        ("苏联", "Soviet Union"),
        ("江西省东乡县", "Dongxiang County, Jiangxi"),
    ],
)
def test_place_name(zh: str, en: str) -> None:
    assert place_name(zh) == en


@pytest.mark.parametrize(
    ("zh", "variants"),
    [
        ("重庆", ["Chungking", "Ch'ung-ch'ing"]),
        ("北京", ["Peking"]),
        ("广州", ["Canton"]),
        ("沈阳", ["Mukden"]),
        ("南京", ["Nanking"]),
        ("天津", ["Tientsin"]),
        ("西安", ["Sian", "Xian"]),
        ("成都", ["Chengtu"]),
        ("武汉", ["Wu-han"]),
        ("太原市", ["Taiyuan City", "Taiyuan Municipality"]),
        ("辽宁省", ["Liaoning"]),
        ("旅大", ["Luda"]),
        ("仁怀", ["Jen-huai"]),  # Wade–Giles for any place
    ],
)
def test_place_variants(zh: str, variants: list[str]) -> None:
    got = place_variants(zh)
    assert place_name(zh) not in got
    for variant in variants:
        assert variant in got


def test_autonomous_prefecture_with_two_nationalities() -> None:
    assert place_name("黔东南苗族侗族自治州") == "Qiandongnan Miao and Dong Autonomous Prefecture"


# --------------------------------------------------------------------------------------------------------------
# Organisations


@pytest.mark.parametrize(
    ("zh", "en"),
    [
        # numbers: sub-units put it after, works before, N号 as "No. N"
        ("二十五车间", "Workshop 25"),
        ("第一车间", "Workshop 1"),
        ("一车间", "Workshop 1"),
        ("第二十五车间", "Workshop 25"),
        ("三十五车间", "Workshop 35"),
        ("一号高炉", "Blast Furnace No. 1"),
        ("3号高炉", "Blast Furnace No. 3"),
        ("第一炼铁厂", "No. 1 Ironworks"),
        ("第二炼钢厂", "No. 2 Steelworks"),
        ("第三轧钢厂", "No. 3 Steel Rolling Mill"),
        # generic parts translated, place and proper parts in pinyin
        ("重庆钢铁公司", "Chongqing Iron and Steel Company"),
        ("鞍山钢铁公司", "Anshan Iron and Steel Company"),
        ("苏州电机厂", "Suzhou Electrical Machinery Factory"),
        ("哈尔滨轴承厂", "Harbin Bearing Factory"),
        ("大连造船厂", "Dalian Shipyard"),
        ("石景山钢铁厂", "Shijingshan Iron and Steel Works"),
        ("华新水泥厂", "Huaxin Cement Plant"),
        ("公和祥机床厂", "Gonghexiang Machine Tool Factory"),
        ("长安机器厂", "Chang'an Machine Factory"),
        ("广州日报", "Guangzhou Daily"),
        ("工具科", "Tool Section"),
        ("生产技术科", "Production Technology Section"),
        ("金工车间", "Metalworking Workshop"),
        ("烧结总厂", "General Sintering Plant"),
        ("马恒昌小组", "Ma Hengchang Group"),  # groups are often named after their leader
        ("五一机床厂", "Wuyi Machine Tool Factory"),  # a date as a name, not a number
        ("红旗人民公社", "Hongqi People's Commune"),  # trade names in pinyin
        # CPC and other bodies
        ("中共太原市委", "CPC Taiyuan Municipal Committee"),
        ("中共武汉市委", "CPC Wuhan Municipal Committee"),
        ("中共江西省委", "CPC Jiangxi Provincial Committee"),
        ("太原市委", "Taiyuan Municipal Party Committee"),
        ("中共中央", "CPC Central Committee"),
        ("党中央", "Party Central Committee"),
        ("厂党委", "Factory Party Committee"),
        ("这个厂的党委", "Factory Party Committee"),
        ("车间党支部", "Workshop Party Branch"),
        ("太原市人民委员会", "Taiyuan Municipal People's Council"),
        ("广州市机电工业局", "Guangzhou Municipal Bureau of Machinery and Electrical Industry"),
        ("市机电工业局", "Municipal Bureau of Machinery and Electrical Industry"),
        ("新华社", "Xinhua News Agency"),
        ("鞍钢", "Angang"),
        ("冶金工业部", "Ministry of Metallurgical Industry"),
        # a unit under a named parent
        ("本溪钢铁公司第一炼铁厂", "No. 1 Ironworks of Benxi Iron and Steel Company"),
        ("鞍钢烧结总厂", "General Sintering Plant of Angang"),
        ("北京市委宣传部", "Propaganda Department of Beijing Municipal Party Committee"),
        ("炼铁厂原料工段", "Ironworks Raw Materials Section"),  # a bare generic parent qualifies its child
    ],
)
def test_organization_name(zh: str, en: str) -> None:
    assert organization_name(zh) == en


@pytest.mark.parametrize(
    ("zh", "variants"),
    [
        ("重庆钢铁公司", ["Chongqing Steel Company"]),
        ("第一车间", ["No. 1 Workshop", "First Workshop", "Workshop No. 1"]),
        ("一号高炉", ["No. 1 Blast Furnace"]),
        ("第一炼铁厂", ["No. 1 Ironmaking Plant", "First Ironworks"]),
        ("苏州电机厂", ["Suzhou Electric Motor Factory"]),
        ("中共太原市委", ["Taiyuan Municipal Party Committee", "Taiyuan Municipal Committee of the CPC"]),
        ("鞍钢", ["Anshan Iron and Steel Company"]),
        ("新华社", ["Xinhua", "New China News Agency"]),
        ("运输部", ["Transport Department"]),
        ("红旗人民公社", ["Red Flag People's Commune"]),  # the translation of a trade name
        ("江西省东乡钢铁厂", ["Dongxiang Iron and Steel Plant", "Jiangxi Dongxiang Iron and Steel Plant"]),
        ("本溪钢铁公司第一炼铁厂", ["No. 1 Ironworks", "Benxi Iron and Steel Company No. 1 Ironworks"]),
    ],
)
def test_organization_variants(zh: str, variants: list[str]) -> None:
    got = organization_variants(zh)
    assert organization_name(zh) not in got
    for variant in variants:
        assert variant in got


def test_organization_variants_never_drop_to_a_bare_generic_name() -> None:
    """Without its place, 哈尔滨轴承厂 would be any bearing factory."""
    assert "Bearing Factory" not in organization_variants("哈尔滨轴承厂")
    assert "Daily" not in organization_variants("广州日报")


# --------------------------------------------------------------------------------------------------------------
# Campaigns


@pytest.mark.parametrize(
    ("zh", "en"),
    [
        ("增产节约运动", "Increase Production and Practice Economy Campaign"),
        ("技术革新运动", "Technical Innovation Movement"),
        ("技术革命运动", "Technical Revolution Movement"),
        ("技术革新和技术革命运动", "Technical Innovation and Technical Revolution Movement"),
        ("机械化半机械化运动", "Mechanization and Semi-Mechanization Movement"),
        ("优质高产运动", "High-Quality and High-Yield Movement"),
        ("群众性的质量检查运动", "Mass Quality Inspection Movement"),
        ("大跃进", "Great Leap Forward"),
        ("1958年大跃进", "1958 Great Leap Forward"),
        ("“四化”运动", "Four Transformations Movement"),
        ("比、学、赶、帮", "Compare, Learn, Catch Up, Help"),
        ("比学赶帮", "Compare, Learn, Catch Up, Help"),
        ("第一次战役", "First Campaign"),
        ("社会主义劳动竞赛", "Socialist Labour Competition"),
        ("整风运动", "Rectification Campaign"),
        ("以技术革新为中心的群众运动", "Mass Movement Centered on Technical Innovation"),
        ("建设一万座土高炉的运动", "Campaign to Build 10,000 Native Blast Furnaces"),
        # lists of clauses, and the comparison 和X一样
        (
            "比先进、学先进、赶先进、帮后进的竞赛活动",
            "Competition to Compare with the Advanced, Learn from the Advanced, Catch Up with the Advanced "
            "and Help the Backward",
        ),
        ("抓先进、插红旗", "Grasp the Advanced and Plant Red Flags"),
        ("“和先进水平一样”运动", "Same as Advanced Level Movement"),
        ("跟先进单位一个样", "Same as Advanced Units"),
    ],
)
def test_campaign_name(zh: str, en: str) -> None:
    assert campaign_name(zh) == en


@pytest.mark.parametrize(
    ("zh", "variants"),
    [
        ("增产节约运动", ["Campaign to Increase Production and Practise Economy"]),
        ("技术革新运动", ["Technical Innovation Campaign", "Technological Innovation Movement"]),
        ("“四化”运动", ["Four Modernizations Movement"]),
    ],
)
def test_campaign_variants(zh: str, variants: list[str]) -> None:
    got = campaign_variants(zh)
    assert campaign_name(zh) not in got
    for variant in variants:
        assert variant in got


def test_emulation_drive_names_its_targets() -> None:
    label = campaign_name("男赶王大明、女赶重庆钢铁公司的竞赛运动")
    assert label == (
        "Competition Movement of Men Catching Up with Wang Daming "
        "and Women Catching Up with the Chongqing Iron and Steel Company"
    )
    assert campaign_name("男赶王大明、女赶马恒昌小组") == (
        "Men Catching Up with Wang Daming and Women Catching Up with the Ma Hengchang Group"
    )


# --------------------------------------------------------------------------------------------------------------
# Dispatch, determinism, data files


@pytest.mark.parametrize(
    ("zh", "kind", "en"),
    [
        ("廖世刚", "Person", "Liao Shigang"),
        ("辽宁省", "Place", "Liaoning Province"),
        ("二十五车间", "Organization", "Workshop 25"),
        ("技术革新运动", "Campaign", "Technical Innovation Movement"),
    ],
)
def test_english_label_dispatches_on_kind(zh: str, kind: str, en: str) -> None:
    assert english_label(zh, kind) == en
    variants = english_variants(zh, kind)
    assert en not in variants and len(variants) == len(set(variants))


def test_unknown_kind_is_an_error() -> None:
    with pytest.raises(ValueError, match="Statistic"):
        english_label("二十五", "Statistic")
    with pytest.raises(ValueError):
        english_variants("二十五", "Statistic")


def test_labels_are_deterministic_and_clean() -> None:
    names = [("廖世刚", "Person"), ("重庆建设机床厂二十五车间", "Organization"), ("遵义专区", "Place")]
    for zh, kind in names:
        assert english_label(zh, kind) == english_label(zh, kind)
        assert english_variants(zh, kind) == english_variants(zh, kind)
        for text in [english_label(zh, kind), *english_variants(zh, kind)]:
            assert text == text.strip() and "  " not in text and not re.search(r"[\u4e00-\u9fff]", text)


_PIECES = [
    *"的和与、，第一二十百号次年个运动竞赛厂车间小组党委中共市委省县区自治州族苗王李重庆以为中心男赶女学先进“”（）A1 ·"
]
_PIECES += ["技术革新", "机床厂", "新华社", "鞍钢", "比、学", "一样", "欧阳", "钢铁公司"]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(_PIECES), max_size=9).map("".join),
    st.sampled_from(["Person", "Organization", "Place", "Campaign"]),
)
def test_any_string_gets_a_label_without_error(zh: str, kind: str) -> None:
    label = english_label(zh, kind)
    variants = english_variants(zh, kind)
    assert isinstance(label, str) and label not in variants
    assert not re.search(r"[\u4e00-\u9fff]", label)
    if re.search(r"[\u4e00-\u9fff]", zh.strip("的个次和与、，（）“” ")):
        assert label


def test_pinyin_syllables_one_per_character() -> None:
    assert pinyin_syllables("吕梁") == ["lü", "liang"]


DATA_FILES = [
    "english_surnames.tsv",
    "english_given_readings.tsv",
    "english_wade_giles.tsv",
    "english_places.tsv",
    "english_place_suffixes.tsv",
    "english_ethnic_groups.tsv",
    "english_units.tsv",
    "english_terms.tsv",
    "english_organizations.tsv",
]


@pytest.mark.parametrize("name", DATA_FILES)
def test_data_file_format(name: str) -> None:
    """UTF-8, a header comment, tab-separated rows with the header's number of columns at most, unique keys."""
    text = resources.files("kg").joinpath("data", name).read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[0].startswith("#")
    columns = lines[0].count("\t") + 1
    keys = [line.split("\t")[0] for line in lines[1:] if line and not line.startswith("#")]
    assert keys and len(keys) == len(set(keys))
    for line in lines[1:]:
        if line and not line.startswith("#"):
            assert 2 <= line.count("\t") + 1 <= columns, line


def test_lexicons_name_nobody_from_the_sample_articles() -> None:
    """Generalise, never memorise: no person from the gold, no sample-specific unit name, in any lexicon."""
    text = "".join(resources.files("kg").joinpath("data", n).read_text(encoding="utf-8") for n in DATA_FILES)
    for banned in ("廖世刚", "巧姑娘", "建设机床厂", "公和祥", "华新", "一个样", "播种队"):
        assert banned not in text
    if GOLD.is_dir():
        for path in GOLD.glob("*/*.json"):
            for entity in json.loads(path.read_text(encoding="utf-8"))["entities"]:
                if entity["type"] == "Person":
                    assert not any(name in text for name in entity["zh"] if len(name) > 2), entity


# --------------------------------------------------------------------------------------------------------------
# Against the gold: the fallback labels for entities whose gold has English forms


def _norm(text: str) -> str:
    """As the scorer compares English labels: NFKC, case-folded, no quotes, a leading "the" dropped."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = re.sub(r"[\"“”‘’']", "", text)
    return re.sub(r"^the ", "", re.sub(r"\s+", " ", text).strip())


def _gold_entities() -> list[dict]:
    require_shared()
    paths = sorted((GOLD / "dev-bilingual").glob("*.json")) + sorted((GOLD / "dev").glob("00[02]_*.json"))
    return [e for p in paths for e in json.loads(p.read_text(encoding="utf-8"))["entities"] if e.get("en")]


def _hits(entities: list[dict]) -> float:
    hits = 0
    for entity in entities:
        zh, kind = entity["zh"][0], entity["type"]
        forms = {_norm(f) for f in [english_label(zh, kind), *english_variants(zh, kind)]}
        hits += bool(forms & {_norm(v) for v in entity["en"]})
    return hits / len(entities)


def test_gold_people_and_places_are_spelled_as_the_translators_did() -> None:
    entities = [e for e in _gold_entities() if e["type"] in ("Person", "Place")]
    assert entities
    assert all(_norm(english_label(e["zh"][0], e["type"])) in {_norm(v) for v in e["en"]} for e in entities)


def test_gold_required_entities_mostly_reached_by_label_or_variant() -> None:
    """Measured at 0.89 on the required gold entities (people and places 1.0, organisations 0.96); campaigns, free
    descriptive phrases, come from the translation when there is one."""
    entities = [e for e in _gold_entities() if not e.get("optional")]
    assert _hits(entities) >= 0.85
    assert _hits([e for e in entities if e["type"] == "Organization"]) >= 0.85
