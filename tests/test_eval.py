"""`kg eval`: exact figures on a crafted graph, and agreement with ../shared/eval/score_graph.py."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from click.testing import CliRunner
from conftest import DEV_GOLD, SHARED

from kg.cli import main
from kg.graph.io import read_graph, write_graph

SCORER = SHARED / "eval" / "score_graph.py"
DEV_INPUT = SHARED / "gold" / "dev.input.jsonl"


def paper(graph: nx.MultiDiGraph, pid: str, title: str) -> None:
    graph.add_node(pid, type="Paper", name=title, title=title, abstract="", sources=["x.jsonl:1"])


def link(graph: nx.MultiDiGraph, pid: str, ent: tuple[str, str, str], relation: str, *surface: str) -> None:
    """Link paper ``pid`` to entity (id, type, name) with its surfaces; add the entity if new."""
    eid, etype, name = ent
    if eid not in graph:
        graph.add_node(eid, type=etype, name=name, aliases=[name], alias_reasons=["kb"], paper_count=0)
    graph.nodes[eid]["paper_count"] += 1
    n = len(surface)
    graph.add_edge(pid, eid, key=relation, relation=relation, surface=list(surface), field=["abstract"] * n,
                   start=[0] * n, end=[len(s) for s in surface], sentence=list(surface), reason=["kb"] * n)


RN50 = ("method:resnet-50", "Method", "ResNet-50")
RN50_BIS = ("method:resnet50", "Method", "ResNet50")
CIFAR = ("dataset:cifar", "Dataset", "CIFAR")

def ent(type_: str, name: str, *surface: str, proposed: bool = False) -> dict[str, Any]:
    return {"type": type_, "name": name, "surface": list(surface or [name]), "proposed": proposed}


CRAFTED_GOLD = [
    {"title": "Paper One", "entities": [
        ent("Method", "ResNet-50"), ent("Dataset", "ImageNet"), ent("Method", "FooNet", proposed=True),
        ent("Metric", "top-1 accuracy")]},
    {"title": "Paper Two!", "entities": [
        ent("Method", "ResNet-50"), ent("Task", "image classification"), ent("Dataset", "CIFAR-10")]},
    {"title": "paper three", "entities": [
        ent("Dataset", "CIFAR-100"), ent("Method", "BarNet", proposed=True), ent("Metric", "FID")]},
    {"title": "Paper Four", "entities": [
        ent("Task", "question answering", "QA"), ent("Method", "BazNet", proposed=True)]},
]


@pytest.fixture
def crafted(tmp_path: Path) -> tuple[Path, Path]:
    """Matches, a miss, a spurious node, a type mismatch, a PROPOSES miss, fragmentation, conflation."""
    g = nx.MultiDiGraph()
    paper(g, "paper:1", "Paper One")
    link(g, "paper:1", RN50, "USES", "ResNet-50")
    link(g, "paper:1", ("dataset:imagenet", "Dataset", "ImageNet"), "EVALUATES_ON", "ImageNet")
    link(g, "paper:1", ("method:foonet", "Method", "FooNet"), "PROPOSES", "FooNet")
    link(g, "paper:1", ("metric:accuracy", "Metric", "accuracy"), "MEASURED_WITH", "accuracy")  # FP + FN
    paper(g, "paper:2", "Paper Two")
    link(g, "paper:2", RN50_BIS, "USES", "ResNet-50")  # same gold entity, second node: fragmentation
    link(g, "paper:2", ("method:image-classification", "Method", "image classification"), "USES",
         "image classification")  # a Task typed as Method: untyped hit, typed miss
    link(g, "paper:2", CIFAR, "EVALUATES_ON", "CIFAR-10")
    paper(g, "paper:3", "Paper Three")
    link(g, "paper:3", CIFAR, "EVALUATES_ON", "CIFAR-100")  # second gold entity on one node: conflation
    link(g, "paper:3", ("method:barnet", "Method", "BarNet"), "USES", "BarNet")  # proposed, not flagged
    link(g, "paper:3", ("method:our-approach", "Method", "our approach"), "PROPOSES", "our approach")
    # Paper Four is not in the graph.
    graph_json, gold = tmp_path / "graph.json", tmp_path / "gold.jsonl"
    write_graph(g, graph_json)
    gold.write_text("".join(json.dumps(line) + "\n" for line in CRAFTED_GOLD), encoding="utf-8")
    return graph_json, gold


def kg_eval(*args: str) -> str:
    result = CliRunner().invoke(main, ["eval", *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def shared_scorer(graph_json: Path, gold: Path) -> dict[str, Any]:
    if not SCORER.is_file():
        pytest.skip("../shared/eval/score_graph.py is not there")
    out = subprocess.run([sys.executable, str(SCORER), str(graph_json), str(gold), "--json"],
                         capture_output=True, text=True, check=True).stdout
    return json.loads(out)


def assert_agrees(ours: dict[str, Any], theirs: dict[str, Any]) -> None:
    """Every figure of the shared scorer is ours, exactly (we may add tp/fp/fn)."""
    for key, value in theirs.items():
        if isinstance(value, dict):
            assert_agrees(ours[key], value)
        else:
            assert ours[key] == value, key


def test_crafted_figures_by_hand(crafted: tuple[Path, Path]) -> None:
    out = json.loads(kg_eval(*map(str, crafted), "--json"))
    assert (out["papers"], out["papers_missing"]) == (4, 1)
    counts = {t: (d["tp"], d["fp"], d["fn"]) for t, d in out["types"].items()}
    assert counts == {"Method": (4, 2, 1), "Dataset": (3, 0, 0), "Metric": (0, 1, 2), "Task": (0, 0, 2)}
    assert out["types"]["Method"]["f1"] == pytest.approx(2 * (4 / 6) * 0.8 / (4 / 6 + 0.8))
    assert (out["typed"]["tp"], out["typed"]["fp"], out["typed"]["fn"]) == (7, 3, 5)
    assert out["typed"]["f1"] == pytest.approx(14 / 22)
    assert (out["untyped"]["tp"], out["untyped"]["fp"], out["untyped"]["fn"]) == (8, 2, 4)
    assert out["untyped"]["f1"] == pytest.approx(16 / 22)
    # FooNet found and flagged; BarNet found, not flagged; "our approach" flagged, not gold;
    # BazNet's paper is missing: the shared scorer does not count it for PROPOSES.
    assert (out["proposes"]["tp"], out["proposes"]["fp"], out["proposes"]["fn"]) == (1, 1, 1)
    assert out["fragmentation"] == 2.0  # ResNet-50, in two papers, on two nodes
    assert out["conflation"] == pytest.approx(8 / 7)  # 7 matched nodes, CIFAR holds two gold entities


def test_crafted_agrees_with_shared_scorer(crafted: tuple[Path, Path]) -> None:
    assert_agrees(json.loads(kg_eval(*map(str, crafted), "--json")), shared_scorer(*crafted))


def test_errors_name_each_mistake(crafted: tuple[Path, Path]) -> None:
    text = kg_eval(*map(str, crafted), "--errors")
    assert 'FN        Metric "top-1 accuracy" {top-1 accuracy}' in text
    assert 'FP        Metric "accuracy" [metric:accuracy] {accuracy} MEASURED_WITH' in text
    assert 'TYPE      Task "image classification"' in text
    barnet = 'Method "BarNet" {BarNet} proposed  ->  Method "BarNet" [method:barnet] {BarNet} USES'
    assert f"PROPOSES  {barnet}" in text
    assert "== Paper Four [NOT IN GRAPH]" in text
    assert 'Method "resnet 50" -> method:resnet-50, method:resnet50' in text
    assert "dataset:cifar -> Dataset 'cifar 10'; Dataset 'cifar 100'" in text
    assert text.rstrip().endswith("typed_f1=0.636 untyped_f1=0.727 proposes_f1=0.500 fragmentation=2.0")
    errors = json.loads(kg_eval(*map(str, crafted), "--errors", "--json"))
    paper_two = next(e for e in errors["errors"] if e["title"] == "Paper Two!")
    assert paper_two["type_mismatches"][0]["node"]["id"] == "method:image-classification"
    assert errors["conflated"] == [{"node": "dataset:cifar", "gold": [
        {"type": "Dataset", "name": "cifar 10"}, {"type": "Dataset", "name": "cifar 100"}]}]


def test_build_directory_is_accepted(crafted: tuple[Path, Path]) -> None:
    graph_json, gold = crafted
    assert kg_eval(str(graph_json.parent), str(gold)) == kg_eval(str(graph_json), str(gold))


def perturbed_dev_graph(outdir: Path) -> Path:
    """The dev papers as `kg build` makes them, plus entities from the dev gold with deterministic noise:
    dropped, retyped, split over two nodes, merged into one, PROPOSES flipped, spurious nodes."""
    graph = read_graph(outdir)
    gold = [json.loads(line) for line in DEV_GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    by_title = {d["title"]: pid for pid, d in graph.nodes(data=True) if d["type"] == "Paper"}
    i = 0
    for line in gold:
        pid = by_title[line["title"]]
        for e in line["entities"]:
            i += 1
            if i % 7 == 0:
                continue
            etype = ("Method", "Task")[e["type"] == "Method"] if i % 5 == 0 else e["type"]
            name = e["name"] if i % 11 else e["name"] + " (split)"
            if i % 13 == 0:
                name = "shared node"
            relation = "PROPOSES" if bool(e.get("proposed")) != (i % 3 == 0) else "USES"
            link(graph, pid, (f"{etype.lower()}:{name}", etype, name), relation, *e["surface"][: 1 + i % 2])
        link(graph, pid, ("method:noise", "Method", "noise"), "USES", "noise")
    write_graph(graph, outdir / "graph.json")
    return outdir / "graph.json"


def test_dev_gold_agrees_with_shared_scorer(tmp_path: Path) -> None:
    if not DEV_INPUT.is_file():
        pytest.skip("../shared/gold is not there")
    from kg.pipeline import build

    build([str(DEV_INPUT)], tmp_path)
    theirs = shared_scorer(tmp_path / "graph.json", DEV_GOLD)
    assert_agrees(json.loads(kg_eval(str(tmp_path), str(DEV_GOLD), "--json")), theirs)
    graph_json = perturbed_dev_graph(tmp_path)
    theirs = shared_scorer(graph_json, DEV_GOLD)
    assert 0 < theirs["typed"]["f1"] < theirs["untyped"]["f1"] < 1 and theirs["fragmentation"] > 1
    assert_agrees(json.loads(kg_eval(str(graph_json), str(DEV_GOLD), "--json")), theirs)


def test_seed_graph_agrees_with_shared_scorer(seed_graph_dir: Path) -> None:
    if not DEV_GOLD.is_file():
        pytest.skip("../shared/gold is not there")
    theirs = shared_scorer(seed_graph_dir / "graph.json", DEV_GOLD)
    assert_agrees(json.loads(kg_eval(str(seed_graph_dir), str(DEV_GOLD), "--json")), theirs)
