"""Shared fixtures: the real articles (seeds/ in the repo, ../shared when present) and one build of each set."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kg.pipeline import build

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"
SHARED = Path(os.environ.get("KG_SHARED", REPO.parent / "shared"))  # the dev corpus, gold and scorer
DEV = SHARED / "corpus" / "dev"
DEV_BILINGUAL = SHARED / "corpus" / "dev-bilingual"
GOLD = SHARED / "gold"
SCORER = SHARED / "eval" / "score.py"
REQUIRE_ALL = os.environ.get("KG_REQUIRE_ALL") == "1"


def require_tool(name: str) -> str:
    """The path of a system tool; skips the test when it is missing, unless KG_REQUIRE_ALL=1 (CI) makes it fail."""
    path = shutil.which(name)
    if path is None:
        message = f"{name} is not installed (CI installs it; set KG_REQUIRE_ALL=1 to make this a failure)"
        if REQUIRE_ALL:
            pytest.fail(message)
        pytest.skip(message)
    return path


def require_shared() -> None:
    """Skip where ../shared (the dev corpus, gold and scorer) is absent: it is data beside the repo, not in it."""
    if not DEV.is_dir():
        pytest.skip(f"{SHARED} is not present (the dev corpus and gold live beside the repository)")


def score(graph: Path, gold: Path) -> dict:
    """The shared scorer's report (`score.py --json`) on a built graph against a folder of gold files."""
    require_shared()
    run = subprocess.run(
        [sys.executable, str(SCORER), str(graph), "--gold", str(gold), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(run.stdout)


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`kg build seeds/` into a fresh folder (graph.ttl, graph.trig, graph.html, store/)."""
    out = tmp_path_factory.mktemp("seed-build")
    report = build([SEEDS], out)
    assert report.articles == 2 and not report.rejected
    return out


@pytest.fixture(scope="session")
def dev_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`kg build ../shared/seeds ../shared/corpus/dev` (12 articles)."""
    require_shared()
    out = tmp_path_factory.mktemp("dev-build")
    report = build([SHARED / "seeds", DEV], out, html=False, store=False)
    assert report.articles == 12 and not report.rejected
    return out
