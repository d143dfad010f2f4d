"""Fuzzy merge suggestions: exact similarity join, guards, registry, evidence, and the `kg aliases` CLI."""

from __future__ import annotations

import itertools
import json
import math
import os
import random
import time
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.graph.io import write_graph
from kg.link.registry import Registry
from kg.link.suggest import grams, signature, similar_pairs, suggest, tfidf

# (type, name, aliases with reasons, papers that mention it)
NODES = [
    ("Method", "Denoising Diffusion Probabilistic Model", {"DDPM": "acronym"}, ["p1", "p2"]),
    ("Method", "denoising diffusion probabilistic modeling", {}, ["p3"]),
    ("Method", "Proximal Policy Optimization", {"PPO": "acronym"}, ["p1"]),
    ("Method", "proximal policy optimisation", {}, ["p2", "p3"]),
    ("Method", "Segment Anything Model", {"SAM": "acronym"}, ["p1"]),
    ("Method", "Sharpness-Aware Minimization", {"SAM": "acronym"}, ["p2"]),
    ("Method", "self-distillation with no labels", {"DINO": "acronym"}, ["p1"]),
    ("Method", "DETR with improved denoising anchor boxes", {"DINO": "acronym"}, ["p3"]),
    ("Method", "ResNet-50", {}, ["p1"]),
    ("Method", "ResNet-101", {}, ["p2"]),
    ("Method", "ResNet", {}, []),
    ("Method", "GPT-3", {}, ["p1"]),
    ("Method", "GPT-4", {}, ["p2"]),
    ("Method", "Llama-3-8B", {}, ["p1"]),
    ("Method", "Llama-3-70B", {}, ["p2"]),
    ("Method", "BERT-base", {}, ["p1"]),
    ("Method", "BERT-large", {}, ["p2"]),
    ("Dataset", "ImageNet-1K", {}, ["p1"]),
    ("Dataset", "ImageNet-21K", {}, ["p2"]),
    ("Dataset", "CIFAR-10", {}, ["p1"]),
    ("Dataset", "CIFAR-100", {}, ["p3"]),
    ("Task", "object detection", {}, ["p1"]),
    ("Method", "object detector", {}, ["p2"]),
]
GUARDED = [("ResNet-50", "ResNet-101"), ("ResNet-50", "ResNet"), ("GPT-3", "GPT-4"), ("Llama-3-8B", "Llama-3-70B"),
           ("BERT-base", "BERT-large"), ("ImageNet-1K", "ImageNet-21K"), ("CIFAR-10", "CIFAR-100"),
           ("object detection", "object detector")]


def hand_graph() -> nx.MultiDiGraph:
    """A graph as docs/schema.md describes it: papers linked to entities with their evidence."""
    g = nx.MultiDiGraph()
    for p in ("p1", "p2", "p3"):
        g.add_node(f"paper:{p}", type="Paper", name=f"Paper {p}", title=f"Paper {p}", abstract="", sources=["x:1"])
    for type_, name, aliases, papers in NODES:
        node = f"{type_.lower()}:{name.lower()}"
        g.add_node(node, type=type_, name=name, aliases=sorted(aliases),
                   alias_reasons=[aliases[a] for a in sorted(aliases)], paper_count=len(papers))
        for p in papers:
            sentence = f"In {p} we train the {name} for a while."
            start = sentence.index(name)
            rel = {"Method": "USES", "Dataset": "EVALUATES_ON", "Task": "ADDRESSES"}[type_]
            g.add_edge(f"paper:{p}", node, key=rel, relation=rel, surface=[name], field=["abstract"],
                       start=[start], end=[start + len(name)], sentence=[sentence], reason=["kb"])
    return g


@pytest.fixture
def outdir(tmp_path: Path) -> Path:
    write_graph(hand_graph(), tmp_path / "graph.json")
    return tmp_path


def pairs(found: list) -> set[frozenset[str]]:
    return {frozenset((s.keep.name, s.merge.name)) for s in found}


def test_near_duplicates_are_suggested_with_evidence() -> None:
    found = suggest(hand_graph())
    assert pairs(found) == {
        frozenset(("Denoising Diffusion Probabilistic Model", "denoising diffusion probabilistic modeling")),
        frozenset(("Proximal Policy Optimization", "proximal policy optimisation")),
    }
    ppo = next(s for s in found if s.keep.name.lower().startswith("proximal"))
    # the node in more papers is offered as the canonical one
    assert (ppo.keep.name, ppo.keep.paper_count, ppo.merge.paper_count) == ("proximal policy optimisation", 2, 1)
    assert ppo.keep.contexts == [f"In {p} we train the proximal policy optimisation for a while." for p in ("p2", "p3")]
    assert 0.8 <= ppo.score < 1 and ppo.type == "Method"
    assert [s.score for s in found] == sorted((s.score for s in found), reverse=True)


def test_guards_hold_at_any_threshold() -> None:
    found = suggest(hand_graph(), threshold=0.05)
    assert found, "a low threshold suggests many pairs"
    for a, b in GUARDED:
        assert frozenset((a, b)) not in pairs(found)
    assert all(signature(s.keep.name) == signature(s.merge.name) for s in found)


def test_shared_acronyms_do_not_make_a_suggestion() -> None:
    """Two entities may share a short form (DINO, SAM): that alone is no reason to merge them."""
    ambiguous = {"self-distillation with no labels", "DETR with improved denoising anchor boxes",
                 "Segment Anything Model", "Sharpness-Aware Minimization"}
    assert all(ambiguous.isdisjoint((s.keep.name, s.merge.name)) for s in suggest(hand_graph(), threshold=0.3))


def test_decided_pairs_are_skipped(tmp_path: Path) -> None:
    reg = Registry(tmp_path / "aliases.tsv")
    reg.reject("Method", "proximal policy optimisation", "Proximal Policy Optimization")
    reg.accept("Method", "Denoising Diffusion Probabilistic Model", "denoising diffusion probabilistic modeling")
    assert suggest(hand_graph(), reg) == []


@pytest.mark.parametrize("threshold", [0.3, 0.6, 0.85])
def test_similarity_join_is_exact(threshold: float) -> None:
    """The prefix-filtered join finds exactly the pairs a brute-force cosine finds."""
    rng = random.Random(threshold)
    words = ["net", "former", "diffusion", "graph", "vision", "language", "model", "deep", "sparse", "res", "vit"]
    names = sorted({"".join(rng.choice(words) + rng.choice(["", " ", "-"]) for _ in range(rng.randint(1, 4)))
                    for _ in range(300)})
    vectors = tfidf(names)
    dense = [dict(v) for v in vectors]
    brute = {(i, j) for i, j in itertools.combinations(range(len(names)), 2)
             if sum(w * dense[j].get(f, 0.0) for f, w in dense[i].items()) >= threshold}
    found = {(i, j): s for i, j, s in similar_pairs(vectors, threshold)}
    assert set(found) == brute and brute
    assert all(math.isclose(sum(v * v for v in d.values()), 1.0) for d in dense)


def test_grams_and_signature() -> None:
    assert grams("vit") == {" vi": 1, "vit": 1, "it ": 1}
    assert signature("Llama-3-8B") == signature("llama 3 8b") != signature("Llama-3-70B")
    assert signature("SQuAD v2.0") == signature("SQuAD 2")
    assert signature("GPT-4o") != signature("GPT-4")
    assert signature("3D U-Net") != signature("2D U-Net")
    assert signature("T5-XL") != signature("T5-XXL")


def test_cli_suggest_text_and_json(outdir: Path) -> None:
    runner = CliRunner()
    text = runner.invoke(main, ["aliases", "suggest", str(outdir)]).output
    assert '"proximal policy optimisation" (2 papers)  <-  "Proximal Policy Optimization" (1 papers)' in text
    assert "proximal policy optimisation: In p2 we train the proximal policy optimisation for a while." in text
    command = "kg aliases accept 'proximal policy optimisation' 'Proximal Policy Optimization' --type Method"
    assert f"{command} -o {outdir}" in text
    data = json.loads(runner.invoke(main, ["aliases", "suggest", str(outdir), "--json", "--limit", "1"]).output)
    assert len(data) == 1 and data[0]["keep"]["name"] == "Denoising Diffusion Probabilistic Model"
    assert set(data[0]) == {"type", "score", "keep", "merge", "matched"}


def test_cli_reject_stops_the_suggestion(outdir: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["aliases", "reject", "Proximal Policy Optimization",
                                  "proximal policy optimisation", "-o", str(outdir)])
    assert result.exit_code == 0, result.output  # type found in the graph
    assert (outdir / "aliases.tsv").read_text(encoding="utf-8").splitlines()[1].startswith(
        "reject\tMethod\tProximal Policy Optimization\tproximal policy optimisation\t")
    text = runner.invoke(main, ["aliases", "suggest", str(outdir)]).output
    assert "Denoising" in text and "roximal" not in text
    ambiguous = runner.invoke(main, ["aliases", "accept", "ResNet", "object detection", "-o", str(outdir)])
    assert ambiguous.exit_code == 2 and "'object detection': Task" in ambiguous.output


def test_cli_show(outdir: Path) -> None:
    runner = CliRunner()
    runner.invoke(main, ["aliases", "accept", "Segment Anything Model", "SAM-Net", "--type", "Method",
                         "-o", str(outdir), "--by", "ann"])
    result = runner.invoke(main, ["aliases", "show", "segment-anything models", str(outdir)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == 'method:segment anything model  Method  "Segment Anything Model"  papers: 1'
    assert any(line.split() == ["SAM", "acronym"] for line in lines)
    assert any(line.startswith('  registry: accept "Segment Anything Model" <- "SAM-Net" ann ') for line in lines)
    assert "    paper:p1  USES  Paper p1  {Segment Anything Model}" in lines
    # an acronym shared by two nodes shows both
    both = runner.invoke(main, ["aliases", "show", "SAM", str(outdir)]).output
    assert "Sharpness-Aware Minimization" in both and "Segment Anything Model" in both
    missing = runner.invoke(main, ["aliases", "show", "Denoising Difusion", str(outdir)])
    assert missing.exit_code == 1 and "close: Denoising Diffusion Probabilistic Model" in missing.output


def test_seed_graph_suggestions_respect_guards(seed_graph_dir: Path) -> None:
    from kg.graph.io import read_graph

    graph = read_graph(seed_graph_dir)
    found = suggest(graph, threshold=0.6)
    assert all(signature(s.keep.name) == signature(s.merge.name) for s in found)
    assert all(graph.nodes[s.keep.id]["type"] == graph.nodes[s.merge.id]["type"] == s.type for s in found)


@pytest.mark.slow
def test_speed_on_synthetic_names() -> None:
    """KG_SUGGEST_NAMES synthetic names (default 20,000) in well under a minute; see docs/guide/eval-aliases.md."""
    n = int(os.environ.get("KG_SUGGEST_NAMES", "20000"))
    rng = random.Random(0)
    coined = ["".join(rng.choice("bcdfgklmnprstvz") + rng.choice("aeiou") for _ in range(rng.randint(2, 4)))
              for _ in range(n // 3)]
    common = ("network model transformer learning attention diffusion graph neural adaptive sparse deep "
              "contrastive generative segmentation detection language vision retrieval policy").split()
    g = nx.MultiDiGraph()
    for i in range(n):
        words = [rng.choice(coined).capitalize()] + rng.sample(common, rng.randint(0, 2))
        name = " ".join(words) + (f"-{rng.randint(1, 9)}" if rng.random() < 0.3 else "")
        g.add_node(f"method:{i}", type="Method", name=name if rng.random() > 0.05 else name.lower() + "s",
                   paper_count=1)
    start = time.perf_counter()
    found = suggest(g)
    elapsed = time.perf_counter() - start
    assert found and elapsed < 60 * n / 100_000 + 10, f"{n} names: {elapsed:.1f}s"
