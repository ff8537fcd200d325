"""How fast a build is, stage by stage (a benchmark, not a test: run it by hand, compare over time).

    .venv/bin/python benchmarks/build_speed.py [INPUT ...]     (default: seeds/)

Prints articles per second for reading + extraction, and the seconds taken by resolution, RDF building and
writing Turtle and TriG.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from kg.build import build_dataset
from kg.export import write_exports
from kg.extract import extract
from kg.read import read_articles
from kg.resolve import resolve


def main(inputs: list[str]) -> None:
    start = time.perf_counter()
    articles = read_articles(inputs or ["seeds"]).articles
    extract(articles[0])  # warm up jieba and the pipeline, so the rate measures the steady state
    timed = time.perf_counter()
    extractions = [extract(article) for article in articles]
    extracted = time.perf_counter()
    resolution = resolve(extractions)
    resolved = time.perf_counter()
    dataset = build_dataset(extractions, resolution)
    built = time.perf_counter()
    with tempfile.TemporaryDirectory() as out:
        write_exports(dataset, Path(out), ["ttl", "trig"])
    written = time.perf_counter()
    print(f"articles: {len(articles)} (read and warm-up {timed - start:.2f} s)")
    print(f"extract:  {len(articles) / (extracted - timed):.1f} articles/s")
    print(f"resolve:  {resolved - extracted:.2f} s")
    print(f"build:    {built - resolved:.2f} s ({len(dataset)} quads)")
    print(f"write:    {written - built:.2f} s (Turtle and TriG)")


if __name__ == "__main__":
    main(sys.argv[1:])
