"""The spaCy pipeline for Chinese, built from code: blank `zh` with the jieba segmenter and rule components.

Nothing is downloaded: jieba ships its dictionary, and every rule comes from the generic lexicons of
`kg.extract.lexicon`. The pipeline has two components:

* `rmrb_candidates` runs the recognisers and keeps every candidate mention in `doc.spans["candidates"]` (they may
  overlap: a place inside a factory's name) and on `doc._.candidates` with their details;
* `rmrb_entities` picks the longest non-overlapping candidates as `doc.ents`, for spaCy's own tools (displaCy,
  `doc.ents` in user code).

Tokens are split where a mention starts or ends inside a jieba word (廖某某式 → 廖某某 | 式), so every mention is
a real spaCy `Span`.
"""

from __future__ import annotations

from functools import cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from kg.extract.recognize import recognize

Doc.set_extension("candidates", default=(), force=True)
Doc.set_extension("words", default=None, force=True)
Doc.set_extension("known_names", default=(), force=True)


def _split_at(doc: Doc, cuts: set[int]) -> None:
    """Split tokens so that each offset in `cuts` is a token boundary."""
    with doc.retokenize() as retokenizer:
        for token in doc:
            inner = sorted(c - token.idx for c in cuts if token.idx < c < token.idx + len(token.text))
            if not inner:
                continue
            pieces, last = [], 0
            for cut in [*inner, len(token.text)]:
                pieces.append(token.text[last:cut])
                last = cut
            retokenizer.split(token, pieces, heads=[(token, 0)] * len(pieces))


@Language.component("rmrb_candidates")
def rmrb_candidates(doc: Doc) -> Doc:
    """Run the recognisers; keep the candidates as spans (they may overlap)."""
    words, candidates = recognize(doc.text, known_names=doc._.known_names)
    _split_at(doc, {c.start for c in candidates} | {c.end for c in candidates})
    doc._.words = words
    doc._.candidates = tuple(candidates)
    doc.spans["candidates"] = [
        span for c in candidates if (span := doc.char_span(c.start, c.end, label=c.label)) is not None
    ]
    return doc


@Language.component("rmrb_entities")
def rmrb_entities(doc: Doc) -> Doc:
    """The longest non-overlapping candidates become `doc.ents`."""
    doc.ents = filter_spans(list(doc.spans.get("candidates", [])))
    return doc


@cache
def chinese_pipeline() -> Language:
    """The Chinese pipeline, built once per process."""
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    nlp.add_pipe("rmrb_candidates")
    nlp.add_pipe("rmrb_entities")
    return nlp


def analyse(text: str, *, known_names: tuple[str, ...] = ()) -> Doc:
    """Run the pipeline on `text`; `known_names` are names known before (the byline's)."""
    nlp = chinese_pipeline()
    doc = nlp.make_doc(text)
    doc._.known_names = known_names
    for _, component in nlp.pipeline:
        doc = component(doc)
    return doc


__all__ = ["Span", "analyse", "chinese_pipeline"]
