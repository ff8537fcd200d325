"""The whole flow in one call: read → extract → resolve → build RDF → export/view.

`build(inputs, out_dir)` is what `kg build` runs; the CLI only parses arguments and prints.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from kg.build import build_dataset, union_graph
from kg.export import write_exports, write_ontology, write_text_atomic
from kg.extract import extract
from kg.model import Extraction
from kg.namespaces import DEFAULT_BASE
from kg.query import write_store
from kg.read import Rejection, read_articles
from kg.resolve import Aliases, resolve
from kg.view import write_html

#: What `kg build` writes by default.
DEFAULT_FORMATS = ("ttl", "trig")


@dataclass(frozen=True)
class BuildReport:
    """What a build did: the articles built, the files rejected (with reasons) and the files written."""

    articles: int
    entities: int
    triples: int
    rejected: tuple[Rejection, ...]
    written: tuple[Path, ...]


def build(
    inputs: Iterable[str | Path],
    out_dir: str | Path = "outputs",
    *,
    base: str = DEFAULT_BASE,
    formats: tuple[str, ...] = DEFAULT_FORMATS,
    html: bool = True,
    store: bool = True,
    aliases: str | Path | None = None,
) -> BuildReport:
    """Build the graph of every article under `inputs` and write it to `out_dir`.

    Bad files are reported in `BuildReport.rejected` and skipped; the good ones are still built. Nothing is
    written when no article could be read. With `store`, the named graphs are also loaded into an on-disk
    Oxigraph store (`<out_dir>/store`) for `kg query` and `kg serve`. `aliases` is a curation file (see
    `kg.resolve.Aliases`) whose merges, splits and labels the build honours.
    """
    batch = read_articles(inputs)
    if not batch.articles:
        return BuildReport(0, 0, 0, batch.rejected, ())
    extractions = [extract(article) for article in batch.articles]
    resolution = resolve(extractions, aliases=Aliases.read(aliases) if aliases else None)
    dataset = build_dataset(extractions, resolution, base=base)
    out = Path(out_dir)
    written = write_exports(dataset, out, formats, base=base)
    written.append(write_ontology(out))
    check = translation_check(extractions)
    if check:
        written.append(write_text_atomic(out / "translation-check.tsv", check))
    union = union_graph(dataset, base)
    if html:
        written.append(write_html(union, out / "graph.html"))
    if store:
        trig = out / "graph.trig"
        if "trig" not in formats:
            trig = write_exports(dataset, out / ".store-source", ["trig"], base=base)[0]
        written.append(write_store(trig, out / "store"))
        if trig.parent.name == ".store-source":
            trig.unlink()
            trig.parent.rmdir()
    return BuildReport(
        articles=len(batch.articles),
        entities=len(resolution.entities),
        triples=len(union),
        rejected=batch.rejected,
        written=tuple(written),
    )


def translation_check(extractions: Iterable[Extraction]) -> str:
    """For bilingual articles: Chinese entities the translation never names and names in the translation that no
    Chinese entity accounts for, one per line (TSV), or '' when no article has a translation."""
    rows = [
        f"{x.article.id}\t{x.article.source}\t{note}"
        for x in sorted(extractions, key=lambda x: x.article.id)
        if x.article.en is not None
        for note in x.notes
    ]
    if not rows:
        return ""
    return "article\tfile\tissue\ttype\tchinese\tenglish\n" + "".join(f"{row}\n" for row in rows)
