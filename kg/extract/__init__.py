"""Extract stage: one `Article` in, one `Extraction` (entities, mentions, relations, statistics) out.

`extract(article)` is the entry point. The Chinese text is the source of every fact; the English translation,
where there is one, only adds English labels and English mentions.
"""

from __future__ import annotations

from kg.extract.entities import extract_entities
from kg.extract.pipeline import chinese_pipeline
from kg.model import Article, Extraction

__all__ = ["chinese_pipeline", "extract"]


def extract(article: Article) -> Extraction:
    """Find the entities of one article and where it mentions them."""
    doc = chinese_pipeline()(article.zh.text)
    entities, mentions = extract_entities(article, doc)
    return Extraction(article=article, entities=entities, mentions=mentions)
