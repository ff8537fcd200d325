"""The spaCy pipeline for Chinese, built from code: blank `zh` with the jieba segmenter and rule components.

Nothing is downloaded: jieba ships its dictionary, and every pattern comes from the generic lexicons in
`kg/data/`.
"""

from __future__ import annotations

import logging
from functools import cache

import jieba
import jieba.posseg
import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

jieba.setLogLevel(logging.WARNING)

#: jieba part-of-speech tags read as entity labels by the first, simple recogniser.
JIEBA_ENTITY_TAGS = {"nr": "Person", "ns": "Place", "nt": "Organization"}


@Language.component("jieba_pos_entities")
def jieba_pos_entities(doc: Doc) -> Doc:
    """Mark words that jieba tags as person (nr), place (ns) or organisation (nt) names."""
    spans: list[Span] = []
    offset = 0
    for word in jieba.posseg.cut(doc.text):
        start, offset = offset, offset + len(word.word)
        label = JIEBA_ENTITY_TAGS.get(word.flag)
        if label and len(word.word) >= 2:
            span = doc.char_span(start, offset, label=label, alignment_mode="expand")
            if span is not None:
                spans.append(span)
    doc.ents = spacy.util.filter_spans(spans)
    return doc


@cache
def chinese_pipeline() -> Language:
    """The Chinese pipeline, built once per process."""
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    nlp.add_pipe("jieba_pos_entities")
    return nlp
