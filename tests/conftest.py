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


@pytest.fixture(scope="session")
def seed_graph_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A build of the whole seed corpus (../shared), or of examples/ when ../shared is absent."""
    from kg.pipeline import build

    inputs = [str(CORPUS)] if CORPUS.is_dir() else [str(EXAMPLES)]
    out = tmp_path_factory.mktemp("seed")
    build(inputs, out)
    return out


@pytest.fixture(scope="session")
def examples_graph_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A build of the bundled examples/ corpus."""
    from kg.pipeline import build

    out = tmp_path_factory.mktemp("examples")
    build([str(EXAMPLES)], out)
    return out
