"""Extract stage: one `Article` in, one `Extraction` (entities, mentions, relations, statistics) out.

`extract(article)` is the entry point. The Chinese text is the source of every fact; the English translation,
where there is one, only adds English labels and English mentions.
"""

from __future__ import annotations

from kg.extract.align import align
from kg.extract.entities import group_entities
from kg.extract.pipeline import analyse, chinese_pipeline
from kg.extract.relations import campaign_activities, extract_relations, merge_campaigns_by_target
from kg.extract.statistics import extract_statistics
from kg.model import Article, Extraction

__all__ = ["analyse", "chinese_pipeline", "extract"]


def extract(article: Article) -> Extraction:
    """Find the entities of one article and where it mentions them."""
    doc = analyse(article.zh.text, known_names=_credited_names(article))
    entities, mentions = group_entities(article, doc._.words, list(doc._.candidates))
    relations, titles = extract_relations(article, entities, mentions)
    while (merged := merge_campaigns_by_target(entities, mentions, relations)) is not None:
        entities, mentions = merged
        relations, titles = extract_relations(article, entities, mentions)
    entities, english_mentions, notes = align(article, entities)
    return Extraction(
        article=article,
        entities=tuple(entities),
        mentions=tuple(sorted([*mentions, *english_mentions])),
        relations=relations,
        statistics=extract_statistics(article, entities, mentions),
        titles=titles,
        activities=campaign_activities(article, entities, mentions),
        notes=tuple(notes),
    )


def _credited_names(article: Article) -> tuple[str, ...]:
    """Names from the byline, the signature and photo credits (张三、李四摄)."""
    import re

    names = list(article.authors)
    for paragraph in article.zh.paragraphs:
        if paragraph.kind in ("credit", "signature"):
            chunk = article.zh.text[paragraph.start : paragraph.end]
            chunk = re.sub(r"[（(][^）)]*稿[）)]|摄|[（）()]|新华社|本报|记者|通讯员", " ", chunk)
            names += [n for n in re.split(r"[\s、，,]+", chunk) if 2 <= len(n) <= 4]
    return tuple(dict.fromkeys(names))
