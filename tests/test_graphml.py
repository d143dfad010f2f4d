"""`kg export graphml|gexf`: the files load back into networkx with the same nodes and links."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner
from explorer_support import write_fixture

from kg.cli import main
from kg.graph.io import read_graph

READERS = {
    "graphml": lambda path: nx.read_graphml(path, force_multigraph=True),
    "gexf": nx.read_gexf,
}


def export(fmt: str, outdir: Path, output: Path) -> nx.Graph:
    result = CliRunner().invoke(main, ["export", fmt, str(outdir), "-o", str(output)])
    assert result.exit_code == 0, result.output
    return READERS[fmt](output)


@pytest.mark.parametrize("fmt", sorted(READERS))
def test_round_trip_of_the_fixture_graph(fmt: str, tmp_path: Path) -> None:
    outdir = write_fixture(tmp_path)
    graph = read_graph(outdir)
    back = export(fmt, outdir, tmp_path / f"g.{fmt}")
    assert (back.number_of_nodes(), back.number_of_edges()) == (graph.number_of_nodes(), graph.number_of_edges())
    imagenet = back.nodes["dataset:imagenet"]
    assert imagenet["label"] == "ImageNet" and imagenet["type"] == "Dataset"
    assert json.loads(imagenet["aliases"]) == ["ILSVRC", "ImageNet", "ImageNet-1k"]
    link = next(d for s, t, d in back.edges(data=True) if (s, t) == ("paper:0a1b2c3d4e5f", "dataset:imagenet"))
    assert json.loads(link["surface"]) == ["ILSVRC"] and link["relation"] == "EVALUATES_ON"
    assert json.loads(link["span_start"]) == graph.edges["paper:0a1b2c3d4e5f", "dataset:imagenet",
                                                         "EVALUATES_ON"]["start"]


@pytest.mark.parametrize("fmt", sorted(READERS))
def test_round_trip_of_the_seed_graph(fmt: str, seed_graph_dir: Path, tmp_path: Path) -> None:
    graph = read_graph(seed_graph_dir)
    back = export(fmt, seed_graph_dir, tmp_path / f"seed.{fmt}")
    assert (back.number_of_nodes(), back.number_of_edges()) == (graph.number_of_nodes(), graph.number_of_edges())
    assert set(back.nodes) == set(graph.nodes)


def test_gexf_keeps_the_graph_static(tmp_path: Path) -> None:
    outdir = write_fixture(tmp_path)
    export("gexf", outdir, tmp_path / "g.gexf")
    text = (tmp_path / "g.gexf").read_text(encoding="utf-8")
    assert 'mode="static"' in text and " start=" not in text  # evidence offsets are not time spans
