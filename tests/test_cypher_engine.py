"""The embedded engine: server lifecycle, loads through the exporter's statements, retries, --wipe, kg cypher."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from click.testing import CliRunner
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import ResponseError
from test_queries_cypher import NASTY, fixture_graph

from kg.cli import main
from kg.cypher.engine import FalkorExecutor
from kg.cypher.queryfile import bind, parse_params, parse_query
from kg.cypher.script import split_statements
from kg.cypher.server import FalkorServer
from kg.export.cypher_script import write_script
from kg.export.neo4j_load import counts, load
from kg.graph.io import write_graph

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def server() -> Any:
    with FalkorServer() as running:
        yield running


@pytest.fixture
def executor(server: FalkorServer, request: pytest.FixtureRequest) -> FalkorExecutor:
    return FalkorExecutor(server.db, request.node.name.replace("[", "_").replace("]", ""))


def dump(ex: FalkorExecutor) -> tuple[list[Any], list[Any]]:
    """Every node's labels and properties, every relationship with its ends and properties, sorted."""
    _, nodes = ex.read("MATCH (n) RETURN n.id AS id, labels(n) AS labels, properties(n) AS props ORDER BY id", {})
    _, links = ex.read(
        "MATCH (a)-[r]->(b) RETURN a.id AS a, type(r) AS t, b.id AS b, properties(r) AS props ORDER BY a, t, b", {}
    )
    return [[i, sorted(lb), p] for i, lb, p in nodes], links


def test_server_stops_and_removes_its_directory_also_on_error() -> None:
    with pytest.raises(RuntimeError, match="boom"), FalkorServer() as running:
        process, directory = running.process, running.dir
        assert running.socket.exists() and process.poll() is None
        raise RuntimeError("boom")
    assert process.poll() is not None
    assert not directory.exists()


def test_load_matches_graph_and_is_idempotent(executor: FalkorExecutor) -> None:
    graph = fixture_graph()
    first = load(graph, executor, batch_size=5)
    assert counts(executor) == (graph.number_of_nodes(), graph.number_of_edges())
    assert (first.nodes, first.links) == (graph.number_of_nodes(), graph.number_of_edges())
    before = dump(executor)
    load(graph, executor, batch_size=3)
    assert counts(executor) == (graph.number_of_nodes(), graph.number_of_edges())
    assert dump(executor) == before
    _, rows = executor.read("MATCH (n:Entity) RETURN count(n)", {})
    assert rows[0][0] == sum(1 for _, t in graph.nodes(data="type") if t in ("Method", "Dataset", "Metric", "Task"))


def test_injection_shaped_names_round_trip_as_parameters(executor: FalkorExecutor) -> None:
    load(fixture_graph(), executor)
    _, rows = executor.read("MATCH (m:Method {name: $name}) RETURN m.name, m.aliases", {"name": NASTY})
    assert rows == [[NASTY, [NASTY, "evil'net"]]]
    _, rows = executor.read(
        "MATCH (p:Paper)-[r:PROPOSES]->(m:Method {name: $name}) RETURN p.title, r.surface", {"name": NASTY}
    )
    assert rows == [[NASTY + " and ImageNet-Ω", [NASTY]]]


def test_script_on_the_engine_gives_the_same_graph_as_a_live_load(
    server: FalkorServer, executor: FalkorExecutor, tmp_path: Path
) -> None:
    graph = fixture_graph()
    load(graph, executor)
    write_script(graph, tmp_path / "graph.cypher", batch_size=4)
    scripted = FalkorExecutor(server.db, "scripted")
    statements = scripted.run_script((tmp_path / "graph.cypher").read_text(encoding="utf-8"))
    assert statements > 10
    assert dump(scripted) == dump(executor)


def test_wipe_removes_what_kg_loaded_and_nothing_else(executor: FalkorExecutor) -> None:
    graph = fixture_graph()
    load(graph, executor)
    executor.write("CREATE (:Note {text: 'mine'})", {})
    smaller = graph.subgraph([n for n, t in graph.nodes(data="type") if t == "Paper"]).copy()
    report = load(smaller, executor, clear=True)
    assert report.wiped == graph.number_of_nodes()
    assert counts(executor) == (smaller.number_of_nodes() + 1, 0)
    _, rows = executor.read("MATCH (n:Note) RETURN n.text", {})
    assert rows == [["mine"]]


class FlakyExecutor(FalkorExecutor):
    """Fails once in the middle of the ``fail_on``-th write: half its rows are written, then the connection drops."""

    def __init__(self, db: Any, name: str, fail_on: int, error: Exception) -> None:
        super().__init__(db, name)
        self.writes = 0
        self.fail_on = fail_on
        self.error = error

    def write(self, cypher: str, params: dict[str, Any]) -> list[list[Any]]:
        self.writes += 1
        if self.writes == self.fail_on:
            rows = params["rows"]
            super().write(cypher, {"rows": rows[: len(rows) // 2]})
            raise self.error
        return super().write(cypher, params)


def test_transient_failure_mid_batch_is_retried_with_correct_counts(server: FalkorServer) -> None:
    graph = fixture_graph()
    flaky = FlakyExecutor(server.db, "flaky", fail_on=2, error=RedisConnectionError("connection reset"))
    report = load(graph, flaky, batch_size=6, backoff=0)
    assert report.retries == 1
    assert counts(flaky) == (graph.number_of_nodes(), graph.number_of_edges())


def test_non_transient_error_is_raised_at_once(server: FalkorServer) -> None:
    flaky = FlakyExecutor(server.db, "broken", fail_on=1, error=ResponseError("syntax"))
    with pytest.raises(ResponseError):
        load(fixture_graph(), flaky, backoff=0)
    assert flaky.writes == 1


def test_split_statements_respects_strings_names_and_comments() -> None:
    text = "// header; not a statement\nRETURN 'a;b\\';c' AS `x;y`;\n/* ; */ RETURN \"q;\" /* ; */ AS z ;\n// tail;\n"
    assert list(split_statements(text)) == ["RETURN 'a;b\\';c' AS `x;y`", 'RETURN "q;" /* ; */ AS z']


def test_query_header_defaults_and_typed_overrides() -> None:
    assert parse_params('a (default "x, (y)"), n (default 3), f (default false)') == {"a": "x, (y)", "n": 3, "f": False}
    query = parse_query('// params: task (default "NER"), limit (default 10), low (default false)\nRETURN 1')
    assert bind(query, ["limit=5", "task=Named Entity Recognition", "low=true", "extra=[1,2]"]) == {
        "task": "Named Entity Recognition",
        "limit": 5,
        "low": True,
        "extra": [1, 2],
    }
    with pytest.raises(ValueError):
        bind(query, ["limit=five"])


@pytest.fixture(scope="module")
def graph_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("fixture-graph")
    write_graph(fixture_graph(), out / "graph.json")
    return out


def test_kg_cypher_runs_a_query_file_with_params_as_json(graph_dir: Path) -> None:
    result = CliRunner().invoke(
        main,
        [
            "cypher",
            str(graph_dir),
            "-f",
            str(ROOT / "queries" / "leaderboard.cypher"),
            "-p",
            "dataset=ILSVRC",
            "-p",
            "limit=2",
            "--json",
        ],
    )
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [r["method"] for r in rows] == ["ViT", "EfficientNet"]


def test_kg_cypher_prints_a_table(graph_dir: Path) -> None:
    result = CliRunner().invoke(
        main,
        [
            "cypher",
            str(graph_dir),
            "MATCH (d:Dataset {name: $n}) RETURN d.name AS dataset, d.aliases AS aliases",
            "-p",
            "n=ImageNet",
        ],
    )
    assert result.exit_code == 0, result.output
    header, rule, row = result.stdout.splitlines()
    assert header.split(" | ") == ["dataset ", "aliases"]
    assert set(rule) <= {"-", "+"}
    assert row.startswith("ImageNet | ") and '"ILSVRC"' in row


def test_kg_cypher_reports_a_bad_query(graph_dir: Path) -> None:
    result = CliRunner().invoke(main, ["cypher", str(graph_dir), "MATCH (n RETURN n"])
    assert result.exit_code == 1 and "query failed" in result.output
    result = CliRunner().invoke(main, ["cypher", str(graph_dir)])
    assert result.exit_code == 2


def test_graph_with_an_unsafe_relation_name_is_refused(executor: FalkorExecutor) -> None:
    graph = nx.MultiDiGraph()
    graph.add_node("a", type="Paper", name="a")
    graph.add_node("b", type="Paper", name="b")
    graph.add_edge("a", "b", relation="X]->() DETACH DELETE a //")
    with pytest.raises(ValueError, match="identifier"):
        load(graph, executor)
