"""Read stage: article files in, `Article` records out.

Two layouts are understood:

* the archive layout, one article per Markdown file::

      ### 标题  副标题            (sub-headlines joined by two spaces)
      作者行                      (often empty; one or more names, or a title and a name)
      1959-06-05
      第2版()
      专栏：
      <blank>
          正文段落 …              (indented by 4 spaces, 2 spaces or 　　; CRLF on some lines)

* the bilingual layout: ``Title:/Author:/Date:/Page:`` header, English paragraphs, ``<hr />``, ``Original:``,
  then the archive layout.

Each language version becomes one canonical text (NFC; headline lines, byline, then paragraphs, one per line)
that every offset in the graph points into. A file that cannot be read raises `ReaderError`, which names the
file and the reason; `read_articles` collects those and goes on with the rest of the batch.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from kg.model import Article, Paragraph, Span, Text

#: File suffixes taken when walking a directory.
ARTICLE_SUFFIXES = (".md", ".txt")

_DATE_LINE = re.compile(r"^(\d{4})\s*[-年./]\s*(\d{1,2})\s*[-月./]\s*(\d{1,2})\s*日?$")
_DATE_LIKE = re.compile(r"^\d{4}\s*[-年./]\s*\d{1,2}(\s*[-月./]\s*\d{1,2}\s*日?)?$|^\d{4}-\S*$")
_PAGE_LINE = re.compile(r"^第\s*(\d+)\s*版\s*(?:\((.*)\)|（(.*)）)?\s*$")
_COLUMN_LINE = re.compile(r"^专栏[:：]\s*(.*)$")
_ENGLISH_HEADER = re.compile(r"^(Title|Author|Date|Page):\s?(.*)$")
_RULE = re.compile(r"^\s*<hr\s*/?>\s*$", re.IGNORECASE)
_ORIGINAL = re.compile(r"^\s*Original:\s*$")
_PHOTO_MARKER = re.compile(r"^[（(]附图片[）)]$")
#: A photographer's credit at the end of a caption: `　郝文成、管玉山摄（新华社稿）`, `新华社记者　张三摄`.
_CREDIT = re.compile(
    r"(?:^|[\u3000 ]+)((?:(?:新华社|本报|中国新闻社)?(?:特约)?(?:记者|通讯员)[\u3000 ]*)?"
    r"[\u4e00-\u9fff][\u4e00-\u9fff、\u3000 ]{0,30}[\u4e00-\u9fff]\s*摄(?:[（(][^）)]{0,12}[）)])?)$"
)
#: An author's signature closing the last paragraph: `…关口。　　　　（王立新）`.
_SIGNATURE = re.compile(r"[\u3000 ]{2,}([（(][\u4e00-\u9fff、\u3000 ]{2,20}[）)])$")
_ZH_SENTENCE_END = re.compile(r"[。！？；…]+[”’」』）)]*")
_EN_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’')]*\s+(?=[\"“‘(]?[A-Z0-9])")
_INDENT = " \t\u3000\u00a0"
#: Role words that precede a name on the byline.
_BYLINE_ROLES = ("新华社记者", "本报记者", "本报通讯员", "特约记者", "通讯员", "记者", "本报", "新华社")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


class ReaderError(ValueError):
    """A file that is not an article. The message names the file and the reason."""

    def __init__(self, path: str | Path, reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{path}: {reason}")


@dataclass(frozen=True)
class Rejection:
    """A file the reader refused, and why."""

    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


@dataclass(frozen=True)
class Batch:
    """What `read_articles` found: the articles (sorted by id) and the files it rejected (sorted by path)."""

    articles: tuple[Article, ...]
    rejected: tuple[Rejection, ...]


def read_articles(inputs: Iterable[str | Path]) -> Batch:
    """Read every article under `inputs` (files, or directories walked recursively for *.md and *.txt).

    Never raises for a bad file: it goes to `Batch.rejected`. The result does not depend on the order of
    `inputs`. Two files holding the same article (same date, page and title) become one article: the text
    of the one with a translation is kept, and every file name is kept in `Article.sources`.
    """
    articles: dict[str, Article] = {}
    rejected: list[Rejection] = []
    for path in _article_files(inputs, rejected):
        try:
            article = read_article(path)
        except ReaderError as error:
            rejected.append(Rejection(error.path, error.reason))
            continue
        kept = articles.get(article.id)
        if kept is not None:
            winner = min((kept, article), key=lambda a: (a.en is None, a.path))
            sources = tuple(sorted({*kept.sources, *article.sources}))
            article = replace(winner, sources=sources)
        articles[article.id] = article
    return Batch(
        articles=tuple(articles[key] for key in sorted(articles)),
        rejected=tuple(sorted(set(rejected), key=lambda r: (r.path, r.reason))),
    )


def _article_files(inputs: Iterable[str | Path], rejected: list[Rejection]) -> Iterator[Path]:
    seen: set[Path] = set()
    for raw in sorted({str(p) for p in inputs}):
        path = Path(raw)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES)
            if not found:
                rejected.append(Rejection(str(path), "directory holds no article files (*.md, *.txt)"))
            candidates = found
        elif path.is_file():
            candidates = [path]
        else:
            rejected.append(Rejection(str(path), "no such file or directory"))
            continue
        for candidate in candidates:
            key = candidate.resolve()
            if key not in seen:
                seen.add(key)
                yield candidate


def read_article(path: str | Path) -> Article:
    """Read one article file. Raises `ReaderError` naming the file and the reason."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ReaderError(path, f"cannot read file ({error.strerror or error})") from error
    return parse_article(data, source=path.name, path=str(path))


def parse_article(data: bytes | str, *, source: str, path: str | None = None) -> Article:
    """Parse the bytes (or text) of one article. Raises `ReaderError` for anything that is not one."""
    where = path or source
    text = decode(data, where) if isinstance(data, bytes) else data
    if _CONTROL.search(text):
        raise ReaderError(where, "binary or control characters in the text (not an article)")
    text = unicodedata.normalize("NFC", text)
    lines = re.split(r"\r\n|\r|\n", text)
    if not any(line.strip() for line in lines):
        raise ReaderError(where, "file holds only whitespace")
    first = next(line for line in lines if line.strip())
    if _ENGLISH_HEADER.match(first.strip()):
        return _parse_bilingual(lines, source=source, where=where)
    if first.lstrip().startswith("#"):
        return _parse_archive(lines, source=source, where=where)
    raise ReaderError(where, "neither the archive layout ('### title' first) nor the bilingual one ('Title:' first)")


def decode(data: bytes, where: str) -> str:
    """UTF-8 (with or without BOM), else GB18030, else a `ReaderError`."""
    if not data:
        raise ReaderError(where, "empty file")
    if b"\x00" in data:
        raise ReaderError(where, "binary file (NUL bytes), not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError as error:
        raise ReaderError(where, f"not UTF-8 or GB18030 text (undecodable byte at offset {error.start})") from None


# ---------------------------------------------------------------------------------------------------------------
# The two layouts


def _parse_bilingual(lines: list[str], *, source: str, where: str) -> Article:
    header: dict[str, str] = {}
    index = 0
    while index < len(lines):
        match = _ENGLISH_HEADER.match(lines[index].strip())
        if match:
            header[match.group(1)] = match.group(2).strip()
        elif lines[index].strip():
            break
        index += 1
    rule = next((i for i in range(index, len(lines)) if _RULE.match(lines[i])), None)
    if rule is None:
        raise ReaderError(where, "bilingual layout without the '<hr />' line before the original")
    english = [line.strip() for line in lines[index:rule] if line.strip()]
    rest = lines[rule + 1 :]
    original = next((i for i, line in enumerate(rest) if _ORIGINAL.match(line)), None)
    if original is not None:
        rest = rest[original + 1 :]
    if not any(line.strip() for line in rest):
        raise ReaderError(where, "bilingual layout with no Chinese original after '<hr />'")
    article = _parse_archive(rest, source=source, where=where, fallback_date=header.get("Date", ""))
    headline = [header["Title"]] if header.get("Title") else []
    en_text = _make_text("en", [("headline", line) for line in headline] + [("body", p) for p in english])
    return replace(article, en=en_text)


def _parse_archive(lines: list[str], *, source: str, where: str, fallback_date: str = "") -> Article:
    index = next(i for i, line in enumerate(lines) if line.strip())
    title_line = lines[index].strip()
    if not title_line.startswith("#"):
        raise ReaderError(where, f"expected '### title' on line {index + 1}, found {title_line[:30]!r}")
    title = title_line.lstrip("#").strip()
    if not title:
        raise ReaderError(where, "the '###' title line is empty")
    index += 1

    # Header: author line(s) up to the date line, then the page and column lines.
    author_lines: list[str] = []
    date: dt.date | None = None
    while index < len(lines) and index <= 8:
        line = lines[index].strip()
        if _DATE_LIKE.match(line):
            date = _parse_date(line, where)
            index += 1
            break
        if line.startswith(("第", "专栏")) and (_PAGE_LINE.match(line) or _COLUMN_LINE.match(line)):
            break
        if line:
            author_lines.append(line)
        index += 1
    if date is None:
        if not fallback_date:
            raise ReaderError(where, "no date line (YYYY-MM-DD) after the title")
        date = _parse_date(fallback_date, where)
    page: int | None = None
    column = ""
    while index < len(lines):
        line = lines[index].strip()
        if (match := _PAGE_LINE.match(line)) and page is None:
            page = int(match.group(1))
        elif match := _COLUMN_LINE.match(line):
            column = match.group(1).strip()
        elif line:
            break
        index += 1

    body = [line.strip(_INDENT) for line in lines[index:]]
    body = [line for line in body if line]
    title_parts = [part for part in re.split(r" {2,}", title) if part.strip()]
    headline, body = _split_headline(title_parts, body)
    author_line = " ".join(author_lines)
    blocks: list[tuple[str, str]] = [("headline", line) for line in headline]
    if author_line:
        blocks.append(("byline", author_line))
    blocks.extend(_body_blocks(body))
    zh = _make_text("zh", blocks)
    if not any(p.kind != "headline" for p in zh.paragraphs):
        raise ReaderError(where, "the article has a header but no text")
    title_key = re.sub(r"\s+", "", zh.title)
    digest = hashlib.sha1(title_key.encode("utf-8")).hexdigest()[:8]
    page_part = f"p{page}" if page is not None else "p0"
    return Article(
        id=f"rmrb-{date.isoformat()}-{page_part}-{digest}",
        source=source,
        path=where,
        sources=(source,),
        date=date,
        page=page,
        column=column,
        author_line=author_line,
        authors=parse_byline(author_line),
        zh=zh,
    )


def _parse_date(line: str, where: str) -> dt.date:
    match = _DATE_LINE.match(line.strip())
    if match:
        try:
            return dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        except ValueError:
            pass
    raise ReaderError(where, f"date {line.strip()!r} does not parse as a calendar date")


def _split_headline(title_parts: list[str], body: list[str]) -> tuple[list[str], list[str]]:
    """The archive repeats the headline as the first body lines; take those lines as the headline."""
    wanted = re.sub(r"\s+", "", "".join(title_parts))
    taken = ""
    for count, line in enumerate(body, start=1):
        taken += re.sub(r"\s+", "", line)
        if taken == wanted:
            return body[:count], body[count:]
        if not wanted.startswith(taken):
            break
    return title_parts, body


def _body_blocks(body: list[str]) -> list[tuple[str, str]]:
    """Label body lines: body paragraph, heading (a short line with no sentence end), caption and credit."""
    blocks: list[tuple[str, str]] = []
    caption_next = False
    for line in body:
        if _PHOTO_MARKER.match(line):
            caption_next = True
            continue
        credit = _CREDIT.search(line)
        if credit and (caption_next or credit.start() > 0 or len(line) <= 40):
            caption = line[: credit.start()].rstrip(_INDENT)
            if caption:
                blocks.append(("caption", caption + line[len(caption) : credit.start(1)]))
            blocks.append(("credit", credit.group(1)))
            caption_next = False
            continue
        signature = _SIGNATURE.search(line)
        if signature and not caption_next:
            blocks.append(("body", line[: signature.start(1)]))
            blocks.append(("signature", signature.group(1)))
            continue
        if caption_next:
            blocks.append(("caption", line))
            caption_next = False
        elif len(line) <= 30 and not _ZH_SENTENCE_END.search(line):
            blocks.append(("heading", line))
        else:
            blocks.append(("body", line))
    return blocks


def _make_text(lang: str, blocks: list[tuple[str, str]]) -> Text:
    """Lay the blocks out as one canonical text. A caption and its credit, or a paragraph and the signature
    closing it, share a line (the spaces between stay in the first block, so offsets match the archive)."""
    parts: list[str] = []
    paragraphs: list[Paragraph] = []
    position = 0
    for number, (kind, content) in enumerate(blocks):
        if number and not (kind in ("credit", "signature") and blocks[number - 1][0] in ("caption", "body")):
            parts.append("\n")
            position += 1
        paragraphs.append(Paragraph(kind, position, position + len(content)))
        parts.append(content)
        position += len(content)
    text = "".join(parts)
    sentences = tuple(sentence for paragraph in paragraphs for sentence in split_sentences(text, paragraph, lang))
    return Text(lang=lang, text=text, paragraphs=tuple(paragraphs), sentences=sentences)


def split_sentences(text: str, paragraph: Paragraph, lang: str) -> list[Span]:
    """Sentence spans inside one paragraph (Chinese: after 。！？；…, closing quotes kept; English: after .!?)."""
    pattern = _ZH_SENTENCE_END if lang == "zh" else _EN_SENTENCE_END
    spans: list[Span] = []
    start = paragraph.start
    chunk = text[paragraph.start : paragraph.end]
    for match in pattern.finditer(chunk):
        end = paragraph.start + match.end()
        if lang != "zh":
            end = paragraph.start + match.start() + len(match.group(0).rstrip())
        if end > start:
            spans.append(Span(start, end))
        start = paragraph.start + match.end()
    if start < paragraph.end:
        spans.append(Span(start, paragraph.end))
    return [_trim(text, span) for span in spans if text[span.start : span.end].strip()]


def _trim(text: str, span: Span) -> Span:
    start, end = span.start, span.end
    while start < end and text[start] in _INDENT:
        start += 1
    while end > start and text[end - 1] in _INDENT:
        end -= 1
    return Span(start, end)


def parse_byline(line: str) -> tuple[str, ...]:
    """The names on a byline: role words (本报记者, 新华社记者 …) removed, one entry per name."""
    names: list[str] = []
    for token in re.split(r"[\s\u3000、，,;；]+", line.strip()):
        for role in _BYLINE_ROLES:
            if token.startswith(role) and len(token) > len(role):
                token = token[len(role) :]
                break
        if token and token not in _BYLINE_ROLES:
            names.append(token)
    return tuple(names)
