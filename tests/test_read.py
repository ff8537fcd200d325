"""The read stage on the real articles: both layouts, every dev file, offsets, and every kind of bad input."""

from __future__ import annotations

import contextlib
import datetime as dt
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.read import ReaderError, parse_article, read_article, read_articles

from .conftest import DEV, DEV_BILINGUAL, SEEDS, require_shared


def body_paragraphs(article) -> list[str]:
    return [article.zh.text[p.start : p.end] for p in article.zh.paragraphs if p.kind == "body"]


def test_seed_bilingual_layout() -> None:
    article = read_article(SEEDS / "000_523bdd3c56f652b7.txt")
    assert article.source == "000_523bdd3c56f652b7.txt"
    assert article.date == dt.date(1959, 6, 5)
    assert article.page == 2
    assert article.authors == ()
    assert article.zh.title == "重庆钢铁公司和建设机床厂树立标兵带动全面  先进人物先进集体不断涌现"
    assert article.en is not None
    assert article.en.title.startswith("Chongqing Steel Company and Construction Machine Tool Factory")
    assert len(body_paragraphs(article)) == 3  # the dateline paragraph and two more
    assert len([p for p in article.en.paragraphs if p.kind == "body"]) == 3
    assert body_paragraphs(article)[0].startswith("本报重庆4日电")
    assert article.id == "rmrb-1959-06-05-p2-6062c0f4"


def test_second_seed_headline_with_full_width_space() -> None:
    article = read_article(SEEDS / "002_2ac144ac53f253a4.txt")
    assert article.date == dt.date(1960, 4, 19)
    assert [article.zh.text[p.start : p.end] for p in article.zh.paragraphs if p.kind == "headline"] == [
        "重庆开展“和先进水平一个样”运动",
        "全市实现的重大革新项目迅猛增加　七万八千多人赶上先进水平",
    ]
    assert len(body_paragraphs(article)) == 3


@pytest.mark.parametrize(
    ("name", "date", "page", "authors", "paragraphs", "first"),
    [
        (
            "1959-06-03_党委书记抓化验_道道关口有人守_华新厂水泥质量长期优良.md",
            dt.date(1959, 6, 3),
            2,
            ("张冠五",),
            4,
            "本报武汉2日电",
        ),
        ("1960-04-07_武汉太原积极扩大技术革新成果.md", dt.date(1960, 4, 7), 5, (), 9, "据新华社武汉电"),
        (
            "1961-03-02_以主人翁的态度对待社会主义生产劳动_刘祥团全勤十二年.md",
            dt.date(1961, 3, 2),
            3,
            (),
            4,
            "本报济南1日电",
        ),
        (
            "1960-04-06_按行业把先进经验配套成龙_广州机电工业已配齐木模、铸造等五套经验.md",
            dt.date(1960, 4, 6),
            3,
            (),
            4,
            "据广州日报消息",
        ),
    ],
)
def test_archive_files(name: str, date: dt.date, page: int, authors: tuple, paragraphs: int, first: str) -> None:
    require_shared()
    article = read_article(DEV / name)
    assert (article.date, article.page, article.authors) == (date, page, authors)
    assert len(body_paragraphs(article)) == paragraphs
    assert body_paragraphs(article)[0].startswith(first)
    assert article.en is None
    assert "\r" not in article.zh.text


def test_headings_byline_and_signature() -> None:
    require_shared()
    article = read_article(DEV / "1960-04-07_武汉太原积极扩大技术革新成果.md")
    headings = [article.zh.text[p.start : p.end] for p in article.zh.paragraphs if p.kind == "heading"]
    assert headings[:2] == ["武汉", "机械化半机械化程度两个月提高23.81％"] and len(headings) == 6
    signed = read_article(DEV / "1959-06-03_党委书记抓化验_道道关口有人守_华新厂水泥质量长期优良.md")
    kinds = {p.kind: signed.zh.text[p.start : p.end] for p in signed.zh.paragraphs}
    assert kinds["byline"] == "张冠五"
    assert kinds["signature"] == "（张冠五）"
    assert not body_paragraphs(signed)[-1].endswith("（张冠五）")


def test_photo_caption_and_credit_are_split() -> None:
    require_shared()
    article = read_article(DEV / "1960-04-06_按行业把先进经验配套成龙_广州机电工业已配齐木模、铸造等五套经验.md")
    kinds = {p.kind: article.zh.text[p.start : p.end] for p in article.zh.paragraphs}
    assert kinds["credit"] == "黄汝广、廖衍强摄（新华社稿）"
    assert kinds["caption"].startswith("广州公和祥机床厂的工人们")
    assert "附图片" not in article.zh.text


def test_every_dev_file_parses_and_offsets_slice_back() -> None:
    require_shared()
    batch = read_articles([DEV, DEV_BILINGUAL])
    assert not batch.rejected
    assert len(batch.articles) == 10  # the four bilingual files are four of the ten
    for article in batch.articles:
        for text in article.texts:
            assert text.sentences, article.source
            for paragraph in text.paragraphs:
                assert "\n" not in text.text[paragraph.start : paragraph.end]
            for sentence in text.sentences:
                chunk = text.text[sentence.start : sentence.end]
                assert chunk == chunk.strip() and chunk
            assert text.sentence_at(text.sentences[-1].start) == len(text.sentences) - 1


def test_same_article_in_two_layouts_is_one_article() -> None:
    require_shared()
    batch = read_articles([DEV, DEV_BILINGUAL])
    merged = [a for a in batch.articles if len(a.sources) == 2]
    assert len(merged) == 4
    assert all(a.en is not None for a in merged)


def test_result_does_not_depend_on_argument_order() -> None:
    one = read_articles([SEEDS / "000_523bdd3c56f652b7.txt", SEEDS / "002_2ac144ac53f253a4.txt"])
    two = read_articles([SEEDS / "002_2ac144ac53f253a4.txt", SEEDS / "000_523bdd3c56f652b7.txt"])
    assert one == two


GOOD = "### 标题一  标题二\n\n1959-06-05\n第2版()\n专栏：\n\n    标题一\n    标题二\n    正文第一段。第二句。\n"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
        (b"### \xff\xfe\xff title\n", "not UTF-8 or GB18030"),
        ("### 标题\n\n第2版()\n专栏：\n\n    正文。\n".encode(), "no date line"),
        ("### 标题\n\n1959-13-45\n第2版()\n\n    正文。\n".encode(), "does not parse"),
        (b"   \n\n  \r\n", "only whitespace"),
        ("随便一段文字，没有标题。".encode(), "neither the archive layout"),
    ],
)
def test_bad_input_names_the_reason(data: bytes, reason: str) -> None:
    with pytest.raises(ReaderError) as raised:
        parse_article(data, source="bad.md", path="some/dir/bad.md")
    assert reason in str(raised.value)
    assert str(raised.value).startswith("some/dir/bad.md: ")


def test_gb18030_file_is_read(tmp_path: Path) -> None:
    path = tmp_path / "gbk.md"
    path.write_bytes(GOOD.encode("gb18030"))
    article = read_article(path)
    assert article.zh.title == "标题一  标题二"


def test_directory_without_articles_is_reported(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    batch = read_articles([tmp_path / "empty", SEEDS])
    assert len(batch.articles) == 2
    assert [r.reason for r in batch.rejected] == ["directory holds no article files (*.md, *.txt)"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400))
def test_arbitrary_bytes_give_an_article_or_a_reader_error(data: bytes) -> None:
    with contextlib.suppress(ReaderError):
        parse_article(data, source="fuzz.md")


_ALPHABET = "标题正文第版专栏：#-0123456789 　。，\r\n()（）附图片摄Title:Original<hr />"
_line = st.text(alphabet=st.sampled_from(_ALPHABET), max_size=30)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    title=_line,
    author=_line,
    date=st.one_of(st.dates().map(str), _line),
    page=_line,
    body=st.lists(_line, max_size=6),
    bilingual=st.booleans(),
)
def test_article_shaped_text_gives_an_article_or_a_reader_error(title, author, date, page, body, bilingual) -> None:
    text = f"### {title}\r\n{author}\r\n{date}\n{page}\n专栏：\n\n" + "\n".join(f"    {b}" for b in body)
    if bilingual:
        text = f"Title: {title}\nAuthor:\nDate: {date}\nPage: 2\n\nEnglish text.\n\n<hr />\n\nOriginal:\n\n{text}"
    try:
        article = parse_article(text, source="fuzz.md")
    except ReaderError:
        return
    for lang_text in article.texts:
        for sentence in lang_text.sentences:
            assert 0 <= sentence.start < sentence.end <= len(lang_text.text)
