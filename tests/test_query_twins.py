"""Every queries/<name>.rq gives the same answers as its twin queries/<name>.cypher.

Both run with their default parameters, the SPARQL one on the Oxigraph store `kg serve`
loads, the Cypher one on the embedded FalkorDB engine, over the hand-made graph of
tests/test_queries_cypher.py and over the seed-corpus build. Answers are compared as
multisets of rows, column by column; a Cypher list is the SPARQL twin's " | "-joined string.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import pyoxigraph as ox
import pytest

from kg.cypher.queryfile import read_query
from kg.export.neo4j_load import load
from kg.graph.io import read_graph, write_graph
from kg.serve.store import memory_store
from tests.test_queries_cypher import fixture_graph

QUERIES = Path(__file__).resolve().parent.parent / "queries"
# Cypher queries with no SPARQL twin, and why.
NO_TWIN: dict[str, str] = {}
TWINS = sorted(p.stem for p in QUERIES.glob("*.rq"))
INTEGER = "http://www.w3.org/2001/XMLSchema#integer"


def header(path: Path, mark: str) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.removeprefix(mark).strip() for line in lines if line.startswith(mark)][:2]


def test_every_cypher_query_has_a_twin_with_the_same_header() -> None:
    cypher = {p.stem for p in QUERIES.glob("*.cypher")}
    assert cypher - set(NO_TWIN) == set(TWINS)
    for name in TWINS:
        assert header(QUERIES / f"{name}.rq", "#") == header(QUERIES / f"{name}.cypher", "//")


def sparql_rows(store: ox.Store, name: str) -> tuple[list[str], list[tuple[Any, ...]]]:
    solutions = store.query((QUERIES / f"{name}.rq").read_text(encoding="utf-8"))
    names = [v.value for v in solutions.variables]
    rows = []
    for solution in solutions:
        terms = [solution[n] for n in names]
        rows.append(
            tuple(None if t is None else int(t.value) if t.datatype.value == INTEGER else t.value for t in terms)
        )
    return names, rows


def cypher_rows(executor: Any, name: str) -> tuple[list[str], list[tuple[Any, ...]]]:
    query = read_query(QUERIES / f"{name}.cypher")
    columns, rows = executor.read(query.text, query.defaults)
    return columns, [tuple(row) for row in rows]


def comparable(rows: list[tuple[Any, ...]], list_columns: set[int]) -> Counter:
    def cell(i: int, value: Any) -> Any:
        if i not in list_columns:
            return value
        items = value if isinstance(value, list) else (value.split(" | ") if value else [])
        return tuple(sorted(items))

    return Counter(tuple(cell(i, v) for i, v in enumerate(row)) for row in rows)


@pytest.fixture(scope="module")
def engines(tmp_path_factory: pytest.TempPathFactory, seed_graph_dir: Path) -> Iterator[dict[str, tuple]]:
    from kg.cypher.engine import FalkorExecutor
    from kg.cypher.server import FalkorServer

    graphs: dict[str, nx.MultiDiGraph] = {"fixture": fixture_graph(), "seed": read_graph(seed_graph_dir)}
    with FalkorServer() as server:
        out = {}
        for label, graph in graphs.items():
            outdir = tmp_path_factory.mktemp(f"twins-{label}")
            write_graph(graph, outdir / "graph.json")
            executor = FalkorExecutor(server.db, f"twins-{label}")
            load(graph, executor)
            out[label] = (memory_store(outdir), executor)
        yield out


@pytest.mark.parametrize("graph", ["fixture", "seed"])
@pytest.mark.parametrize("name", TWINS)
def test_twins_give_the_same_answers(engines: dict[str, tuple], graph: str, name: str) -> None:
    store, executor = engines[graph]
    columns, expected = cypher_rows(executor, name)
    variables, got = sparql_rows(store, name)
    assert variables == columns
    lists = {i for row in expected for i, v in enumerate(row) if isinstance(v, list)}
    assert comparable(got, lists) == comparable(expected, lists)
    if graph == "fixture":
        assert expected, f"{name} has no answer on the fixture graph: the comparison proves little"
