"""Every queries/*.cypher runs on the embedded engine with assertions on its answers.

The answers are checked on a hand-made graph that follows docs/schema.md (loaded through the
exporter's statements) and on the seed-corpus build. The check functions are shared with the
live Neo4j tests (tests/test_neo4j_live.py), so both engines must give the same answers.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from kg.cypher.queryfile import Query, read_query
from kg.export.neo4j_load import load
from kg.graph.ids import entity_id, paper_id, result_id

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ROOT / "queries"
QUERY_FILES = sorted(QUERIES.glob("*.cypher"))

NASTY = 'O\'Brien "Net" `x` \\ }) DETACH DELETE n //\n注意力 Сеть é'

Rows = list[dict[str, Any]]


def _entity(graph: nx.MultiDiGraph, type_: str, name: str, aliases: dict[str, str] | None = None, **extra: Any) -> str:
    aliases = {name: "kb", **(aliases or {})}
    node = entity_id(type_, name)
    graph.add_node(
        node,
        type=type_,
        name=name,
        aliases=sorted(aliases),
        alias_reasons=[aliases[a] for a in sorted(aliases)],
        paper_count=0,
        **extra,
    )
    return node


def _paper(graph: nx.MultiDiGraph, title: str, arxiv: str, date: str) -> str:
    node = paper_id(title, arxiv)
    graph.add_node(
        node,
        type="Paper",
        name=title,
        title=title,
        abstract=f"Abstract of {title}.",
        sources=["fixture.jsonl:1"],
        arxiv_id=arxiv,
        url=f"https://arxiv.org/abs/{arxiv}",
        date=date,
    )
    return node


def _mention(graph: nx.MultiDiGraph, paper: str, entity: str, relation: str) -> None:
    surface = graph.nodes[entity]["name"]
    graph.add_edge(
        paper,
        entity,
        key=relation,
        relation=relation,
        surface=[surface],
        field=["abstract"],
        start=[0],
        end=[len(surface)],
        sentence=[f"We use {surface}."],
        reason="kb",
    )
    graph.nodes[entity]["paper_count"] += 1


def _link(graph: nx.MultiDiGraph, source: str, target: str, relation: str, **props: Any) -> None:
    graph.add_edge(source, target, key=relation, relation=relation, **props)


def fixture_graph() -> nx.MultiDiGraph:
    """A small graph in the docs/schema.md shape, with known answers to every query."""
    g = nx.MultiDiGraph()
    resnet = _entity(g, "Method", "ResNet", {"Residual Network": "acronym", "residual networks": "normalisation"})
    resnet50 = _entity(g, "Method", "ResNet-50", {"ResNet50": "normalisation"}, parent="ResNet")
    resnet101 = _entity(g, "Method", "ResNet-101", parent="ResNet")
    transformer = _entity(g, "Method", "Transformer", wikidata="Q85810444")
    vit = _entity(g, "Method", "ViT", {"Vision Transformer": "acronym"}, parent="Transformer")
    effnet = _entity(g, "Method", "EfficientNet")
    bert = _entity(g, "Method", "BERT")
    nasty = _entity(g, "Method", NASTY, {"evil'net": "accepted"})
    imagenet = _entity(g, "Dataset", "ImageNet", {"ILSVRC": "kb"}, pwc="imagenet")
    cifar = _entity(g, "Dataset", "CIFAR-10")
    wmt = _entity(g, "Dataset", "WMT 2014")
    glue = _entity(g, "Dataset", "GLUE")
    coco = _entity(g, "Dataset", "COCO")
    lvis = _entity(g, "Dataset", "LVIS")
    imagenet_x = _entity(g, "Dataset", "ImageNet-Ω")
    top1 = _entity(g, "Metric", "Top-1 Accuracy", {"top-1 accuracy": "normalisation"})
    bleu = _entity(g, "Metric", "BLEU")
    cls = _entity(g, "Task", "Image Classification")
    fine = _entity(g, "Task", "Fine-Grained Image Classification", parent="Image Classification")
    mt = _entity(g, "Task", "Machine Translation")
    det = _entity(g, "Task", "Object Detection")
    qa = _entity(g, "Task", "Question Answering")

    p1 = _paper(g, "Deep Residual Learning for Image Recognition", "1512.03385", "2015-12-10")
    p2 = _paper(g, "Attention Is All You Need", "1706.03762", "2017-06-12")
    p3 = _paper(g, "An Image is Worth 16x16 Words", "2010.11929", "2020-10-22")
    p4 = _paper(g, "EfficientNet: Rethinking Model Scaling", "1905.11946", "2019-05-28")
    p5 = _paper(g, "BERT: Pre-training of Deep Bidirectional Transformers", "1810.04805", "2018-10-11")
    p6 = _paper(g, NASTY + " and ImageNet-Ω", "2401.00001", "2024-01-01")
    p7 = _paper(g, "Microsoft COCO and LVIS for detection", "1405.0312", "2014-05-01")
    p8 = _paper(g, "Fine-grained birds with ResNet-50", "2101.00002", "2021-01-02")
    for paper, entity, relation in [
        (p1, resnet, "PROPOSES"),
        (p1, resnet50, "PROPOSES"),
        (p1, resnet101, "PROPOSES"),
        (p1, imagenet, "EVALUATES_ON"),
        (p1, cifar, "EVALUATES_ON"),
        (p1, cls, "ADDRESSES"),
        (p1, top1, "MEASURED_WITH"),
        (p2, transformer, "PROPOSES"),
        (p2, wmt, "EVALUATES_ON"),
        (p2, mt, "ADDRESSES"),
        (p2, bleu, "MEASURED_WITH"),
        (p3, vit, "PROPOSES"),
        (p3, transformer, "USES"),
        (p3, resnet50, "USES"),
        (p3, imagenet, "EVALUATES_ON"),
        (p3, cls, "ADDRESSES"),
        (p3, top1, "MEASURED_WITH"),
        (p4, effnet, "PROPOSES"),
        (p4, resnet50, "USES"),
        (p4, imagenet, "EVALUATES_ON"),
        (p4, cifar, "EVALUATES_ON"),
        (p4, cls, "ADDRESSES"),
        (p4, top1, "MEASURED_WITH"),
        (p5, bert, "PROPOSES"),
        (p5, transformer, "USES"),
        (p5, glue, "EVALUATES_ON"),
        (p5, qa, "ADDRESSES"),
        (p6, nasty, "PROPOSES"),
        (p6, imagenet_x, "PROPOSES"),
        (p6, cls, "ADDRESSES"),
        (p6, imagenet, "EVALUATES_ON"),
        (p7, coco, "PROPOSES"),
        (p7, lvis, "PROPOSES"),
        (p7, det, "ADDRESSES"),
        (p7, resnet101, "USES"),
        (p8, resnet50, "USES"),
        (p8, vit, "USES"),
        (p8, fine, "ADDRESSES"),
        (p8, imagenet, "EVALUATES_ON"),
    ]:
        _mention(g, paper, entity, relation)
    for child, parent in [(resnet50, resnet), (resnet101, resnet), (vit, transformer)]:
        _link(g, child, parent, "VARIANT_OF")
    _link(g, fine, cls, "SUBTASK_OF")
    for method, dataset, papers in [
        (resnet, imagenet, [p1]),
        (resnet, cifar, [p1]),
        (resnet50, imagenet, [p1, p3, p4, p8]),
        (vit, imagenet, [p3]),
        (effnet, imagenet, [p4]),
        (effnet, cifar, [p4]),
        (transformer, wmt, [p2]),
        (bert, glue, [p5]),
    ]:
        _link(g, method, dataset, "EVALUATED_ON", papers=papers, weight=len(papers))
    for method, task, papers in [(resnet, cls, [p1]), (vit, cls, [p3]), (transformer, mt, [p2])]:
        _link(g, method, task, "ADDRESSES", papers=papers, weight=len(papers))
    for paper, method, value in [
        (p1, resnet50, "76.1%"),
        (p3, vit, "88.55%"),
        (p4, effnet, "84.3"),
        (p4, resnet50, "not reported"),
    ]:
        method_name = g.nodes[method]["name"]
        rid = result_id(paper, "Top-1 Accuracy", value, method_name, "ImageNet")
        g.add_node(
            rid,
            type="Result",
            name=f"{value} top-1 accuracy",
            value=value,
            metric="Top-1 Accuracy",
            method=method_name,
            dataset="ImageNet",
            evidence=f"{method_name} reaches {value} top-1.",
        )
        _link(g, paper, rid, "REPORTS")
        _link(g, rid, method, "FOR_METHOD")
        _link(g, rid, imagenet, "ON_DATASET")
        _link(g, rid, top1, "WITH_METRIC")
        _link(g, rid, cls, "FOR_TASK")
    return g


def run_file(executor: Any, path: Path, **overrides: Any) -> Rows:
    """Run a query file with its default parameters (overridden by keyword); rows as dicts."""
    query: Query = read_query(path)
    columns, rows = executor.read(query.text, {**query.defaults, **overrides})
    return [dict(zip(columns, row, strict=True)) for row in rows]


def column(rows: Rows, name: str) -> list[Any]:
    return [row[name] for row in rows]


# Answers on fixture_graph(), one check per query file; shared with the live Neo4j tests.
FIXTURE_CHECKS: dict[str, Callable[[Any, Path], None]] = {}


def check(name: str) -> Callable[[Callable[[Any, Path], None]], Callable[[Any, Path], None]]:
    def register(fn: Callable[[Any, Path], None]) -> Callable[[Any, Path], None]:
        FIXTURE_CHECKS[name] = fn
        return fn

    return register


@check("top_datasets")
def _top_datasets(ex: Any, path: Path) -> None:
    rows = run_file(ex, path)
    assert rows[0] == {"dataset": "ImageNet", "papers": 5}
    assert rows[1] == {"dataset": "CIFAR-10", "papers": 2}
    assert len(run_file(ex, path, limit=3)) == 3


@check("methods_for_task")
def _methods_for_task(ex: Any, path: Path) -> None:
    rows = run_file(ex, path)
    assert rows[0] == {"method": "ResNet-50", "papers": 4}  # p1, p3, p4 and p8 (through the subtask)
    assert {"ViT", "EfficientNet", "Transformer", NASTY} <= set(column(rows, "method"))
    assert column(run_file(ex, path, task="machine translation"), "method") == ["Transformer"]


@check("datasets_for_method")
def _datasets_for_method(ex: Any, path: Path) -> None:
    assert run_file(ex, path, method="resnet50") == [{"method": "ResNet-50", "dataset": "ImageNet", "papers": 4}]
    assert column(run_file(ex, path), "dataset") == ["CIFAR-10", "ImageNet"]


@check("leaderboard")
def _leaderboard(ex: Any, path: Path) -> None:
    rows = run_file(ex, path)
    assert [(r["method"], r["value"]) for r in rows] == [
        ("ViT", "88.55%"),
        ("EfficientNet", "84.3"),
        ("ResNet-50", "76.1%"),
    ]
    assert column(run_file(ex, path, lower_is_better=True, dataset="ILSVRC"), "method")[0] == "ResNet-50"


@check("proposed_by")
def _proposed_by(ex: Any, path: Path) -> None:
    rows = run_file(ex, path)
    assert rows == [
        {
            "entity": "Transformer",
            "type": "Method",
            "paper": "Attention Is All You Need",
            "date": "2017-06-12",
            "url": "https://arxiv.org/abs/1706.03762",
        }
    ]
    assert column(run_file(ex, path, entity="COCO"), "paper") == ["Microsoft COCO and LVIS for detection"]


@check("variants")
def _variants(ex: Any, path: Path) -> None:
    rows = run_file(ex, path)
    assert [(r["family"], r["variant"]) for r in rows] == [("ResNet", "ResNet-50"), ("ResNet", "ResNet-101")]
    assert column(run_file(ex, path, family="transformer"), "variant") == ["ViT"]


@check("cooccurring_methods")
def _cooccurring(ex: Any, path: Path) -> None:
    rows = run_file(ex, path)
    assert rows[0] == {"method_a": "ResNet-50", "method_b": "ViT", "papers": 2}
    assert rows[1] == {"method_a": "BERT", "method_b": "Transformer", "papers": 1}
    assert all(r["method_a"] < r["method_b"] for r in rows)


@check("shortest_path")
def _shortest_path(ex: Any, path: Path) -> None:
    (row,) = run_file(ex, path)
    assert row["hops"] == 3
    # Three 3-hop chains exist; ties are broken by the node names, so the answer is stable.
    assert row["path"] == ["ResNet", "Image Classification", "An Image is Worth 16x16 Words", "Transformer"]
    assert row["relations"] == ["ADDRESSES", "ADDRESSES", "USES"]
    (direct,) = run_file(ex, path, source="vision transformer", target="transformer")
    assert direct["hops"] == 1 and direct["relations"] == ["VARIANT_OF"]


@check("tasks_new_datasets")
def _tasks_new_datasets(ex: Any, path: Path) -> None:
    rows = run_file(ex, path)
    assert rows == [
        {"task": "Object Detection", "new_datasets": 2},
        {"task": "Image Classification", "new_datasets": 1},
    ]


@check("aliases")
def _aliases(ex: Any, path: Path) -> None:
    rows = run_file(ex, path, entity="Residual Network")
    assert [(r["alias"], r["reason"]) for r in rows] == [
        ("ResNet", "kb"),
        ("Residual Network", "acronym"),
        ("residual networks", "normalisation"),
    ]
    assert {r["entity"] for r in rows} == {"ResNet"}
    assert column(run_file(ex, path, entity="evil'net"), "alias") == [NASTY, "evil'net"]


@check("papers_using_both")
def _papers_using_both(ex: Any, path: Path) -> None:
    rows = run_file(ex, path)
    assert column(rows, "paper") == [
        "An Image is Worth 16x16 Words",
        "Deep Residual Learning for Image Recognition",
        "EfficientNet: Rethinking Model Scaling",
        "Fine-grained birds with ResNet-50",
    ]
    assert run_file(ex, path, x="BERT", y="ImageNet") == []


@check("mentions")
def _mentions(ex: Any, path: Path) -> None:
    rows = run_file(ex, path, entity="ILSVRC")
    assert len(rows) == 5 and {r["relation"] for r in rows} == {"EVALUATES_ON"}
    assert rows[0]["surfaces"] == ["ImageNet"]
    (nasty,) = run_file(ex, path, entity=NASTY)
    assert nasty["entity"] == NASTY and nasty["relation"] == "PROPOSES" and nasty["paper"] == NASTY + " and ImageNet-Ω"


def check_seed(ex: Any, graph: nx.MultiDiGraph, name: str, path: Path) -> None:
    """Answers on the seed corpus (or the examples when ../shared is absent)."""
    rows = run_file(ex, path)
    names = {d["name"] for _, d in graph.nodes(data=True) if d.get("type") in ("Method", "Dataset")}
    if name == "top_datasets":  # ImageNet is among the most-used datasets of both corpora
        assert "ImageNet" in column(rows, "dataset")[:3]
    if name == "variants" and {"ResNet", "ResNet-50"} <= names:
        assert "ResNet-50" in column(rows, "variant")
    if name == "methods_for_task":
        assert all(isinstance(r["papers"], int) and r["papers"] >= 1 for r in rows)


@pytest.fixture(scope="module")
def falkor() -> Iterator[Any]:
    from kg.cypher.server import FalkorServer

    with FalkorServer() as server:
        yield server


@pytest.fixture(scope="module")
def fixture_engine(falkor: Any) -> Any:
    from kg.cypher.engine import FalkorExecutor

    executor = FalkorExecutor(falkor.db, "fixture")
    load(fixture_graph(), executor, batch_size=7)
    return executor


@pytest.fixture(scope="module")
def seed_engine(falkor: Any, seed_graph_dir: Path) -> tuple[Any, nx.MultiDiGraph]:
    from kg.cypher.engine import FalkorExecutor
    from kg.graph.io import read_graph

    graph = read_graph(seed_graph_dir)
    executor = FalkorExecutor(falkor.db, "seed")
    load(graph, executor)
    return executor, graph


def test_at_least_ten_queries_each_with_question_and_checks() -> None:
    assert len(QUERY_FILES) >= 10
    assert set(FIXTURE_CHECKS) == {p.stem for p in QUERY_FILES}
    for path in QUERY_FILES:
        query = read_query(path)
        assert query.question.endswith("?"), path.name
        assert "ORDER BY" in query.text, path.name
        used = {w[1:] for w in query.text.split() if w.startswith("$")}
        assert {u.strip("(),") for u in used} <= set(query.defaults), path.name


@pytest.mark.parametrize("path", QUERY_FILES, ids=[p.stem for p in QUERY_FILES])
def test_query_answers_on_fixture_graph(fixture_engine: Any, path: Path) -> None:
    FIXTURE_CHECKS[path.stem](fixture_engine, path)


@pytest.mark.parametrize("path", QUERY_FILES, ids=[p.stem for p in QUERY_FILES])
def test_query_answers_on_seed_graph(seed_engine: tuple[Any, nx.MultiDiGraph], path: Path) -> None:
    executor, graph = seed_engine
    check_seed(executor, graph, path.stem, path)
