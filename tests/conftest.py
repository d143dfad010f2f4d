"""Shared fixtures: paths to the examples and to ../shared when it is there."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
EXAMPLES = ROOT / "examples"
CORPUS = SHARED / "corpus" / "hf-trending"
DEV_GOLD = SHARED / "gold" / "dev.gold.jsonl"


@pytest.fixture
def shared_corpus() -> Path:
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus/hf-trending is not there")
    return CORPUS
