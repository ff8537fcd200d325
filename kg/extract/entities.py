"""Entities: spans the pipeline labelled, grouped into one entity per name per article."""

from __future__ import annotations

from spacy.tokens import Doc

from kg.english import english_label
from kg.model import Article, Entity, Mention


def extract_entities(article: Article, doc: Doc) -> tuple[tuple[Entity, ...], tuple[Mention, ...]]:
    """One entity per (type, name); one mention per labelled span, with its sentence."""
    entities: dict[str, Entity] = {}
    mentions: list[Mention] = []
    for span in doc.ents:
        key = f"{span.label_}:{span.text}"
        if key not in entities:
            entities[key] = Entity(
                key=key,
                type=span.label_,
                name=span.text,
                variants=(span.text,),
                en_label=english_label(span.text, span.label_),
            )
        start, end = span.start_char, span.end_char
        mentions.append(Mention("zh", start, end, span.text, key, article.zh.sentence_at(start)))
    return tuple(entities[key] for key in sorted(entities)), tuple(sorted(mentions))
