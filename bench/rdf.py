"""RDF export throughput and SPARQL latency of every ``queries/*.rq`` over one build directory.

Prints triples/s of each ``kg export rdf`` format (N-Triples and N-Quads are streamed; the
others go through an rdflib graph), the time to load the store ``kg serve`` uses, then the
median latency (after one warm-up run) of every example query with its default parameters.

    python -m bench.rdf OUTDIR
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FORMATS = ("nt", "nq", "turtle", "jsonld", "xml")


def export_rates(outdir: Path, formats: tuple[str, ...] = FORMATS) -> dict[str, tuple[int, float]]:
    """(triples, seconds) of each export format."""
    from kg.export.rdf import DEFAULT_BASE
    from kg.export.rdf_io import SUFFIXES, write_rdf

    rates = {}
    with tempfile.TemporaryDirectory() as tmp:
        for fmt in formats:
            start = time.perf_counter()
            triples = write_rdf(outdir, Path(tmp) / f"graph{SUFFIXES[fmt]}", fmt, DEFAULT_BASE)
            rates[fmt] = (triples, time.perf_counter() - start)
    return rates


def query_latency(outdir: Path, repeat: int = 5) -> tuple[float, dict[str, tuple[int, float]]]:
    """(seconds to load the store, {query name: (rows, median ms)})."""
    from kg.serve.app import load_store

    start = time.perf_counter()
    store = load_store(outdir)
    load = time.perf_counter() - start
    latency = {}
    for path in sorted((ROOT / "queries").glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        rows = len(list(store.query(text)))
        times = []
        for _ in range(repeat):
            began = time.perf_counter()
            list(store.query(text))
            times.append(time.perf_counter() - began)
        latency[path.stem] = (rows, statistics.median(times) * 1000)
    return load, latency


def run(outdir: Path) -> None:
    for fmt, (triples, seconds) in export_rates(outdir).items():
        print(f"export {fmt:7s} {triples:>10,} triples {seconds:7.2f} s {triples / seconds:>12,.0f} triples/s")
    load, latency = query_latency(outdir)
    print(f"store load (kg serve)    {load:7.2f} s")
    for name, (rows, ms) in latency.items():
        print(f"query {name:22s} {rows:>5} rows {ms:9.1f} ms")


if __name__ == "__main__":
    run(Path(sys.argv[1]))
