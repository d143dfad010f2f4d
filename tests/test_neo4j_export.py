"""The neo4j-admin CSV files, the Cypher script and the `kg export neo4j*` commands."""

from __future__ import annotations

import csv
import re
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_queries_cypher import NASTY, fixture_graph

from kg.cli import main
from kg.cypher.script import split_statements
from kg.export.cypher_script import literal, script_chunks
from kg.export.neo4j_csv import ARRAY_DELIMITER, write_csv
from kg.export.statements import SCHEMA, SchemaItem, batches, identifier
from kg.graph.io import write_graph

SPECIAL = {"id:ID", ":LABEL", ":START_ID", ":END_ID", ":TYPE"}
PROPERTY = re.compile(r"[a-z_][a-z0-9_]*(:(long|double|boolean|string)(\[\])?)?\Z")


def read_csv(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        header = next(reader)
        return header, [dict(zip(header, row, strict=True)) for row in reader]


@pytest.fixture(scope="module")
def csv_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("csv")
    write_csv(fixture_graph(), out)
    return out


def test_csv_headers_use_the_neo4j_admin_syntax(csv_dir: Path) -> None:
    for path in csv_dir.glob("*.csv"):
        header, _ = read_csv(path)
        kind = "nodes" if path.name.endswith(".nodes.csv") else "rels"
        required = ["id:ID", ":LABEL"] if kind == "nodes" else [":START_ID", ":END_ID", ":TYPE"]
        assert header[: len(required)] == required, path.name
        for column in header[len(required) :]:
            assert column not in SPECIAL and PROPERTY.match(column), (path.name, column)
    header, _ = read_csv(csv_dir / "Method.nodes.csv")
    assert {"aliases:string[]", "paper_count:long", "name", "kg_build"} <= set(header)
    header, _ = read_csv(csv_dir / "USES.rels.csv")
    assert {"surface:string[]", "start:long[]", "end:long[]", "reason"} <= set(header)


def test_csv_row_counts_match_the_graph(csv_dir: Path) -> None:
    graph = fixture_graph()
    for label, count in Counter(t for _, t in graph.nodes(data="type")).items():
        _, rows = read_csv(csv_dir / f"{label}.nodes.csv")
        assert len(rows) == count, label
        expected = f"{label}{ARRAY_DELIMITER}Entity" if label in ("Method", "Dataset", "Metric", "Task") else label
        assert {r[":LABEL"] for r in rows} == {expected}
    for relation, count in Counter(r for _, _, r in graph.edges(data="relation")).items():
        _, rows = read_csv(csv_dir / f"{relation}.rels.csv")
        assert len(rows) == count and {r[":TYPE"] for r in rows} == {relation}


def test_injection_shaped_names_round_trip_through_csv(csv_dir: Path) -> None:
    _, rows = read_csv(csv_dir / "Method.nodes.csv")
    (nasty,) = [r for r in rows if r["name"] == NASTY]
    assert nasty["aliases:string[]"].split(ARRAY_DELIMITER) == [NASTY, "evil'net"]
    _, papers = read_csv(csv_dir / "Paper.nodes.csv")
    assert NASTY + " and ImageNet-Ω" in {r["title"] for r in papers}


def test_csv_command_names_every_file(tmp_path: Path) -> None:
    graph_dir = tmp_path / "g"
    write_graph(fixture_graph(), graph_dir / "graph.json")
    result = CliRunner().invoke(main, ["export", "neo4j-csv", str(graph_dir), "-o", str(tmp_path / "csv")])
    assert result.exit_code == 0, result.output
    command = result.stdout.strip()
    assert command.startswith("neo4j-admin database import full --overwrite-destination")
    assert command.endswith(" neo4j")
    assert "--array-delimiter=U+001F" in command and "--multiline-fields=true" in command
    for path in (tmp_path / "csv").glob("*.nodes.csv"):
        assert f"--nodes={path}" in command
    for path in (tmp_path / "csv").glob("*.rels.csv"):
        assert f"--relationships={path}" in command


def test_literals_escape_what_would_end_a_string() -> None:
    assert literal("a'b\\c\nd") == "'a\\'b\\\\c\\nd'"
    assert literal({"name": NASTY, "n": [1, 2], "ok": True}).startswith("{name: 'O\\'Brien")
    with pytest.raises(ValueError):
        literal({"bad key": 1})


def test_script_has_schema_then_one_statement_per_batch() -> None:
    graph = fixture_graph()
    text = "".join(script_chunks(graph, batch_size=4))
    statements = list(split_statements(text))
    assert [SchemaItem.parse(s) for s in statements[: len(SCHEMA)]] == list(SCHEMA)
    assert len(statements) == len(SCHEMA) + len(list(batches(graph, 4)))
    assert all("\n" not in s for s in statements)  # newlines inside values are escaped


def test_unsafe_identifiers_are_refused() -> None:
    for name in ("Method", "VARIANT_OF"):
        assert identifier(name) == name
    for name in ("", "a b", "X`", "USES]->(b) DETACH DELETE b //"):
        with pytest.raises(ValueError):
            identifier(name)


def test_export_cypher_command_writes_the_script(tmp_path: Path) -> None:
    graph_dir = tmp_path / "g"
    write_graph(fixture_graph(), graph_dir / "graph.json")
    out = tmp_path / "graph.cypher"
    result = CliRunner().invoke(main, ["export", "cypher", str(graph_dir), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").count("UNWIND [") == len(list(batches(fixture_graph(), 500)))


def test_live_export_needs_a_password_and_never_prints_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for var in ("NEO4J_URI", "NEO4J_USERNAME", "NEO4J_PASSWORD", "NEO4J_DATABASE"):
        monkeypatch.delenv(var, raising=False)
    graph_dir = tmp_path / "g"
    write_graph(fixture_graph(), graph_dir / "graph.json")
    result = CliRunner().invoke(main, ["export", "neo4j", str(graph_dir)])
    assert result.exit_code == 2 and "NEO4J_PASSWORD" in result.output
    result = CliRunner().invoke(
        main, ["export", "neo4j", str(graph_dir), "--uri", "bolt://127.0.0.1:9"], env={"NEO4J_PASSWORD": "s3cret-Pa55"}
    )
    assert result.exit_code == 1 and "cannot connect to bolt://127.0.0.1:9" in result.output
    assert "s3cret-Pa55" not in result.output
