"""The benchmark suite: the synthetic corpus is deterministic and sized, and ``python -m bench --quick``
prints every row of its table (no timing is asserted)."""

from __future__ import annotations

import subprocess
import sys
from itertools import islice
from pathlib import Path

from bench.synthetic import NAME, generate

ROOT = Path(__file__).resolve().parent.parent


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
