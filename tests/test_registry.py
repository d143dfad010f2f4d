"""The alias registry: file format, round trip, replacement rules, CLI, and accept → rebuild → merged."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.link.registry import Registry

HEADER = "decision\ttype\tname\tother\twho\twhen\tnote\n"


def test_round_trip_is_sorted_plain_and_idempotent(tmp_path: Path) -> None:
    path = tmp_path / "aliases.tsv"
    reg = Registry.load(path)  # missing file: empty
    assert len(reg) == 0
    reg.reject("Method", "SAM", "SAM 2", who="bob", when="2025-02-01", note="different\tmodels")
    reg.accept("Method", "Vision Transformer", "Visual Transformer", who="alice", when="2025-01-31")
    reg.accept("Dataset", "COCO", "MS COCO")
    reg.save()
    assert path.read_text(encoding="utf-8") == HEADER + (
        "accept\tDataset\tCOCO\tMS COCO\t\t\t\n"
        "reject\tMethod\tSAM\tSAM 2\tbob\t2025-02-01\tdifferent models\n"
        "accept\tMethod\tVision Transformer\tVisual Transformer\talice\t2025-01-31\t\n"
    )
    before = path.read_bytes()
    again = Registry.load(path)
    again.save()
    assert path.read_bytes() == before
    assert list(again) == list(reg)
    assert again.accepted() == [("Dataset", "COCO", "MS COCO"), ("Method", "Vision Transformer", "Visual Transformer")]


def test_rejection_is_symmetric_and_spelling_tolerant(tmp_path: Path) -> None:
    reg = Registry(tmp_path / "r.tsv")
    reg.reject("Method", "Segment Anything Model", "Sharpness-Aware Minimization")
    assert reg.is_rejected("Method", "sharpness aware minimization", "segment-anything models")
    assert not reg.is_rejected("Task", "Segment Anything Model", "Sharpness-Aware Minimization")
    assert not reg.is_rejected("Method", "Segment Anything Model", "SAM")


def test_newer_decision_replaces_older(tmp_path: Path) -> None:
    reg = Registry(tmp_path / "r.tsv")
    reg.accept("Method", "A-Net", "ANet v")
    reg.reject("Method", "anet V", "a-net")  # same pair, other order and spelling
    assert reg.accepted() == [] and reg.is_rejected("Method", "A-Net", "ANet v")
    reg.accept("Method", "BigModel", "bm-alias")
    reg.accept("Method", "OtherModel", "bm-alias")  # an alias has one canonical name
    assert reg.accepted() == [("Method", "OtherModel", "bm-alias")]
    assert len(reg) == 2


def test_chains_resolve_and_cycles_are_refused(tmp_path: Path) -> None:
    reg = Registry(tmp_path / "r.tsv")
    reg.accept("Method", "Transformer", "transformer model")
    reg.accept("Method", "transformer model", "transformer architecture")
    assert sorted(reg.accepted()) == [("Method", "Transformer", "transformer architecture"),
                                      ("Method", "Transformer", "transformer model")]
    with pytest.raises(ValueError, match="already an alias"):
        reg.accept("Method", "transformer architecture", "Transformer")
    assert len(reg) == 2  # unchanged by the refused decision
    reg.accept("Method", "transformer model", "Transformer")  # the same pair, turned round: allowed
    assert sorted(reg.accepted()) == [("Method", "transformer model", "Transformer"),
                                      ("Method", "transformer model", "transformer architecture")]


@pytest.mark.parametrize(("line", "message"), [
    ("merge\tMethod\tA\tB", "expected 'accept|reject"),
    ("accept\tModel\tA\tB", "type must be one of"),
    ("accept\tMethod\tResNet\tresnets", "same name"),
    ("accept\tMethod\tA", "expected"),
])
def test_bad_lines_are_reported_with_their_line_number(tmp_path: Path, line: str, message: str) -> None:
    path = tmp_path / "aliases.tsv"
    path.write_text(HEADER + "# a comment\n\n" + line + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match=f"aliases.tsv:4: .*{message}"):
        Registry.load(path)


def test_lines_appended_by_hand_win_and_get_sorted(tmp_path: Path) -> None:
    path = tmp_path / "aliases.tsv"
    path.write_text(HEADER + "accept\tTask\tobject detection\tobject detections task\n"
                    "reject\tTask\tObject Detection\tobject detections task\n", encoding="utf-8")
    reg = Registry.load(path)
    assert reg.accepted() == [] and reg.is_rejected("Task", "object detection", "object detections task")
    reg.save()
    assert path.read_text(encoding="utf-8") == HEADER + (
        "reject\tTask\tObject Detection\tobject detections task\t\t\t\n")


def test_cli_accept_and_reject_write_the_registry(tmp_path: Path) -> None:
    path = tmp_path / "reviewed.tsv"
    runner = CliRunner()
    for args in (["accept", "Proximal Policy Optimization", "proximal policy optimisation", "--type", "Method"],
                 ["reject", "CIFAR-10", "CIFAR-10.1", "--type", "Dataset", "--note", "a new test set"]):
        result = runner.invoke(main, ["aliases", *args, "--registry", str(path), "--by", "me"])
        assert result.exit_code == 0, result.output
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[1].startswith("reject\tDataset\tCIFAR-10\tCIFAR-10.1\tme\t20")
    assert lines[1].endswith("\ta new test set")
    assert lines[2].startswith("accept\tMethod\tProximal Policy Optimization\tproximal policy optimisation\tme\t")
    refused = runner.invoke(main, ["aliases", "accept", "BERT", "bert", "--type", "Method", "--registry", str(path)])
    assert refused.exit_code == 2 and "same name" in refused.output
    no_type = runner.invoke(main, ["aliases", "accept", "X", "Y", "-o", str(tmp_path / "nothing")])
    assert no_type.exit_code == 2 and "give --type" in no_type.output


ABSTRACTS = [
    {"title": "ZetaFormer: Sparse Attention for Long Documents",
     "abstract": "We propose ZetaFormer, a sparse attention model. ZetaFormer outperforms BERT on ImageNet."},
    {"title": "Scaling Sparse Attention",
     "abstract": "We train ZettaFormer, a larger sparse attention model, and compare it with BERT."},
]


def test_accept_then_rebuild_merges(tmp_path: Path) -> None:
    from kg.graph.io import read_graph
    from kg.pipeline import BuildOptions, build

    if "registry" not in {f.name for f in dataclasses.fields(BuildOptions)}:
        pytest.skip("the build does not read the alias registry yet")
    inputs = tmp_path / "in.jsonl"
    inputs.write_text("".join(json.dumps(a) + "\n" for a in ABSTRACTS), encoding="utf-8")
    out = tmp_path / "out"

    def formers() -> list[dict]:
        graph = read_graph(out)
        return [d for _, d in graph.nodes(data=True) if d["type"] == "Method" and "former" in d["name"].lower()]

    build([str(inputs)], out)
    if sorted(d["name"] for d in formers()) != ["ZetaFormer", "ZettaFormer"]:
        pytest.skip(f"the extractor does not make the two nodes: {formers()}")
    runner = CliRunner()
    suggested = runner.invoke(main, ["aliases", "suggest", str(out), "--threshold", "0.7"]).output
    assert '"ZetaFormer" (1 papers)  <-  "ZettaFormer" (1 papers)' in suggested
    accepted = runner.invoke(main, ["aliases", "accept", "ZetaFormer", "ZettaFormer", "-o", str(out)])
    assert accepted.exit_code == 0, accepted.output  # the type comes from the graph
    build([str(inputs)], out)  # reads out/aliases.tsv
    (node,) = formers()
    assert node["name"] == "ZetaFormer" and node["paper_count"] == 2
    assert dict(zip(node["aliases"], node["alias_reasons"], strict=True))["ZettaFormer"] == "accepted"
    assert "ZettaFormer" not in runner.invoke(main, ["aliases", "suggest", str(out), "--threshold", "0.5"]).output
