"""Scaling the build: --workers, --dask, the Extraction cache and --update give the graph a plain build gives."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.pipeline import BuildOptions, build
from kg.scale.cache import decode, encode

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "abstracts.jsonl"
CORPUS = ROOT.parent / "shared" / "corpus" / "hf-trending"


def kg(*args: str) -> None:
    done = CliRunner().invoke(main, list(args))
    assert done.exit_code == 0, done.output


def graph_bytes(outdir: Path) -> bytes:
    return (outdir / "graph.json").read_bytes()


def report(outdir: Path) -> dict:
    return json.loads((outdir / "report.json").read_text(encoding="utf-8"))


@pytest.fixture
def two_parts(tmp_path: Path) -> tuple[str, str]:
    """examples/abstracts.jsonl cut in two files: 20 papers, then 7."""
    lines = EXAMPLES.read_text(encoding="utf-8").splitlines(keepends=True)
    old, new = tmp_path / "old.jsonl", tmp_path / "new.jsonl"
    old.write_text("".join(lines[:20]), encoding="utf-8")
    new.write_text("".join(lines[20:]), encoding="utf-8")
    return str(old), str(new)


def test_update_equals_a_full_rebuild_and_extracts_only_new_papers(two_parts: tuple[str, str], tmp_path: Path) -> None:
    old, new = two_parts
    kg("build", old, new, "-o", str(tmp_path / "full"))
    kg("build", old, "-o", str(tmp_path / "up"))
    assert (report(tmp_path / "up")["extracted"], report(tmp_path / "up")["cached"]) == (20, 0)

    kg("build", "--update", str(tmp_path / "up"), new)
    assert graph_bytes(tmp_path / "up") == graph_bytes(tmp_path / "full")
    up = report(tmp_path / "up")
    assert up["inputs"] == [old, new]
    assert (up["kept"], up["extracted"], up["cached"]) == (27, 7, 20)

    kg("build", "--update", str(tmp_path / "up"))  # nothing new: nothing re-extracted, same graph
    assert (report(tmp_path / "up")["extracted"], report(tmp_path / "up")["cached"]) == (0, 27)
    assert graph_bytes(tmp_path / "up") == graph_bytes(tmp_path / "full")


def test_update_refuses_what_it_cannot_do(tmp_path: Path) -> None:
    runner = CliRunner()
    done = runner.invoke(main, ["build", "--update", str(tmp_path), str(EXAMPLES)])
    assert done.exit_code == 2 and "no earlier build" in done.output
    kg("build", str(EXAMPLES), "-o", str(tmp_path / "a"))
    done = runner.invoke(main, ["build", "--update", str(tmp_path / "a"), "-o", str(tmp_path / "b")])
    assert done.exit_code == 2 and "--update OUTDIR writes to OUTDIR" in done.output
    assert runner.invoke(main, ["build"]).exit_code == 2


def test_a_changed_kb_invalidates_the_cache(tmp_path: Path) -> None:
    kb = tmp_path / "kb.jsonl"
    kb.write_text('{"name": "FocalMix", "type": "Method"}\n', encoding="utf-8")
    out = tmp_path / "out"
    options = BuildOptions(kb_paths=[kb], use_kb_cache=False)
    assert build([str(EXAMPLES)], out, options).extracted == 27
    assert build([str(EXAMPLES)], out, options).cached == 27
    kb.write_text('{"name": "FocalMix", "type": "Method", "aliases": ["FMix"]}\n', encoding="utf-8")
    again = build([str(EXAMPLES)], out, options)
    assert (again.extracted, again.cached) == (27, 0)


def test_no_cache_keeps_nothing(tmp_path: Path) -> None:
    kg("build", str(EXAMPLES), "-o", str(tmp_path / "out"), "--no-cache")
    assert not (tmp_path / "out" / ".cache").exists()
    assert report(tmp_path / "out")["extracted"] == 27


def test_cached_extractions_round_trip_exactly(tmp_path: Path) -> None:
    from kg.extract import Extractor
    from kg.ingest import read_inputs

    papers = list(read_inputs([str(EXAMPLES)], None, {}))
    extractions = list(Extractor().extract(papers))
    assert sum(len(e.results) for e in extractions) > 0 and sum(len(e.abbreviations) for e in extractions) > 0
    assert [decode(e.paper, encode(e)) for e in extractions] == extractions


def test_two_workers_give_the_same_graph_as_one(tmp_path: Path) -> None:
    inputs = [str(CORPUS)] if CORPUS.is_dir() else [str(EXAMPLES)]
    one = build(inputs, tmp_path / "one", BuildOptions(cache=False))
    two = build(inputs, tmp_path / "two", BuildOptions(cache=False, workers=2))
    assert graph_bytes(tmp_path / "two") == graph_bytes(tmp_path / "one")
    assert one.nodes.get("Method", 0) > 0 and two.extracted == one.kept


def test_dask_local_cluster_gives_the_same_graph(two_parts: tuple[str, str], tmp_path: Path) -> None:
    pytest.importorskip("dask.distributed")
    inputs = list(two_parts)
    build(inputs, tmp_path / "local", BuildOptions(cache=False))
    report_ = build(inputs, tmp_path / "dask", BuildOptions(cache=False, dask="local", workers=2))
    assert graph_bytes(tmp_path / "dask") == graph_bytes(tmp_path / "local")
    assert report_.extracted == 27
