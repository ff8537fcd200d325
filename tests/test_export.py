"""Atomic writes: an interrupted export leaves the old file whole and no temporary file behind."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.export import write_atomic, write_text_atomic


def test_interrupted_write_keeps_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "graph.ttl"
    write_text_atomic(target, "old complete content\n")

    def crash(tmp: Path) -> None:
        tmp.write_text("half of the new", encoding="utf-8")
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, crash)
    assert target.read_text(encoding="utf-8") == "old complete content\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.ttl"]
