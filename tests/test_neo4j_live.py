"""Live Neo4j (runs when NEO4J_URI is set): the seed graph and the fixture graph loaded over Bolt,
every query checked with the same assertions as on the embedded engine.

The tests use NEO4J_DATABASE (default: the server's) and delete only what kg loaded (``--wipe``).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from test_queries_cypher import FIXTURE_CHECKS, QUERY_FILES, check_seed, fixture_graph

from kg.export.neo4j_load import counts, load, wipe
from kg.graph.io import read_graph

pytestmark = [
    pytest.mark.neo4j,
    pytest.mark.skipif(not os.environ.get("NEO4J_URI"), reason="NEO4J_URI is not set"),
]


@pytest.fixture(scope="module")
def neo4j() -> Iterator[Any]:
    from kg.export.neo4j_live import Neo4jExecutor, connect

    driver = connect(
        os.environ["NEO4J_URI"], os.environ.get("NEO4J_USERNAME", "neo4j"), os.environ.get("NEO4J_PASSWORD", "")
    )
    executor = Neo4jExecutor(driver, os.environ.get("NEO4J_DATABASE"))
    yield executor
    wipe(executor)
    driver.close()


@pytest.fixture(scope="module")
def seed_loaded(neo4j: Any, seed_graph_dir: Path) -> Any:
    graph = read_graph(seed_graph_dir)
    load(graph, neo4j, clear=True)
    return graph


def test_seed_load_is_idempotent(neo4j: Any, seed_loaded: Any) -> None:
    before = counts(neo4j)
    load(seed_loaded, neo4j)
    assert counts(neo4j) == before


@pytest.mark.parametrize("path", QUERY_FILES, ids=[p.stem for p in QUERY_FILES])
def test_query_answers_on_seed_graph(neo4j: Any, seed_loaded: Any, path: Path) -> None:
    check_seed(neo4j, seed_loaded, path.stem, path)


@pytest.fixture(scope="module")
def fixture_loaded(neo4j: Any) -> Any:
    load(fixture_graph(), neo4j, clear=True)
    return neo4j


@pytest.mark.parametrize("path", QUERY_FILES, ids=[p.stem for p in QUERY_FILES])
def test_query_answers_on_fixture_graph(fixture_loaded: Any, path: Path) -> None:
    FIXTURE_CHECKS[path.stem](fixture_loaded, path)
