"""The benchmark suite: the synthetic corpus is deterministic and sized, ``python -m bench --quick``
prints every row of its table, and ``python -m bench.rdf`` a latency or an honest timeout for every
``queries/*.rq`` (no timing is asserted)."""

from __future__ import annotations

import subprocess
import sys
from itertools import islice
from pathlib import Path

from bench.synthetic import NAME, generate
from kg.graph.io import write_graph
from tests.test_rdf import small_graph

ROOT = Path(__file__).resolve().parent.parent
QUERIES = sorted(p.stem for p in (ROOT / "queries").glob("*.rq"))


def test_synthetic_corpus_is_deterministic_unique_and_renamed() -> None:
    first = list(generate(300, seed=7))
    assert first == list(generate(300, seed=7)) and first != list(generate(300, seed=8))
    assert len(first) == 300 and len({r["title"] for r in first}) == 300
    examples = (ROOT / "examples" / "abstracts.jsonl").read_text(encoding="utf-8")
    names = {m.group() for r in first for m in NAME.finditer(r["abstract"])}
    assert len(names) > 100 and not names & {"FocalMix", "ImageNet-1K", "CutMix"} and "FocalMix" in examples
    assert all(r["title"].split(":")[0] in r["abstract"] for r in islice(first, 50))


def test_quick_bench_prints_the_whole_table(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "bench", "--quick", "--work", str(tmp_path)], cwd=ROOT,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    table = done.stdout
    for row in ("| extract+link, synthetic 300, 1 worker, per CPU-second |",
                "| extract+link, synthetic 300, 2 workers, wall-clock |",
                "| kg extract+link / en_core_web_sm, per CPU-second |",
                "| peak RSS, synthetic 1,000 |",
                "| networkx MultiDiGraph alone, graph of synthetic 1,000 (tracemalloc) |",
                "| 1M abstracts, 2 workers, linear from 1,000 (wall-clock) |",
                "| Neo4j CSV export, synthetic 300 |",
                "| RDF N-Triples export, synthetic 300 |",
                "| SPARQL query: top datasets |",
                "| Cypher queries/*.cypher, seed corpus, median of medians |"
                if (ROOT.parent / "shared" / "corpus" / "hf-trending").is_dir()
                else "| Cypher queries/*.cypher, synthetic 300, median of medians |"):
        assert row in table, row
    assert "own time by file:" in table and "kg/extract/rules.py" in table


def bench_rdf(tmp_path: Path, *options: str) -> list[str]:
    outdir = tmp_path / "out"
    write_graph(small_graph(), outdir / "graph.json")
    cmd = [sys.executable, "-m", "bench.rdf", str(outdir), "--store", str(tmp_path / "store"), *options]
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()


def test_bench_rdf_prints_exports_store_and_every_query(tmp_path: Path) -> None:
    lines = bench_rdf(tmp_path, "--formats", "nt,turtle", "--repeat", "1")
    assert [line.split()[:2] for line in lines[:2]] == [["export", "nt"], ["export", "turtle"]]
    assert lines[2].startswith(f"store load (kg serve, on disk in {tmp_path / 'store'})")
    assert lines[3].startswith("store size on disk")
    assert [line.split()[1] for line in lines[4:]] == QUERIES
    assert all(line.split()[3] == "rows" and line.endswith(" ms") for line in lines[4:])


def test_bench_rdf_reports_a_query_over_its_timeout(tmp_path: Path) -> None:
    lines = bench_rdf(tmp_path, "--formats", "", "--timeout", "0")
    assert [line.split()[1] for line in lines[2:]] == QUERIES
    assert all(line.endswith("> 0 s") for line in lines[2:])
