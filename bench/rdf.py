"""RDF export throughput and SPARQL latency of every ``queries/*.rq`` over one build directory.

Prints triples/s of each ``kg export rdf`` format (N-Triples and N-Quads are streamed; Turtle,
JSON-LD and RDF/XML go through an rdflib graph, which holds every triple in memory: leave them
out of ``--formats`` for big graphs), the time to load the store ``kg serve`` uses (in memory, or
on disk with ``--store DIR``, reused when it holds this build already; then also its size on
disk), then each example query's rows and median latency over ``--repeat`` runs after one
warm-up run, with its default parameters.

Exports and the store load each run in a process of their own, so that one graph is in memory
at a time. The queries run in a worker process that has the store open; Oxigraph cannot cancel
a query, so a run longer than ``--timeout`` is reported as ``> N s`` and the worker is replaced.

    python -m bench.rdf OUTDIR [--store DIR] [--formats nt,nq,turtle,jsonld,xml] [--timeout 60]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
FORMATS = ("nt", "nq", "turtle", "jsonld", "xml")
SPAWN = get_context("spawn")


def in_own_process(function: Callable[..., Any], *args: Any) -> Any:
    """``function(*args)`` in a fresh process, so the memory it takes is returned when it ends."""
    with ProcessPoolExecutor(1, mp_context=SPAWN) as pool:
        return pool.submit(function, *args).result()


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


def open_store(outdir: Path, store_dir: Path | None) -> Any:
    """The store ``kg serve`` would query: on disk in ``store_dir``, else in memory."""
    from kg.serve.store import open_store

    return open_store(outdir, directory=store_dir, in_memory=store_dir is None)


def load_seconds(outdir: Path, store_dir: Path | None) -> float:
    start = time.perf_counter()
    open_store(outdir, store_dir)
    return time.perf_counter() - start


def answer_queries(outdir: Path, store_dir: Path | None, conn: Connection) -> None:
    """The worker: open the store, then for each query text received send back (rows, seconds)."""
    store = open_store(outdir, store_dir)
    conn.send("ready")
    while (text := conn.recv()) is not None:
        start = time.perf_counter()
        rows = sum(1 for _ in store.query(text))
        conn.send((rows, time.perf_counter() - start))


class QueryWorker:
    """A process with the store open that runs one query at a time, killed when a run overruns."""

    def __init__(self, outdir: Path, store_dir: Path | None) -> None:
        self.conn, child = SPAWN.Pipe()
        self.process = SPAWN.Process(target=answer_queries, args=(outdir, store_dir, child), daemon=True)
        self.process.start()
        self.conn.recv()

    def run(self, text: str, timeout: float) -> tuple[int, float] | None:
        """(rows, seconds), or None when the query took longer than ``timeout`` (the worker is then dead)."""
        self.conn.send(text)
        if self.conn.poll(timeout):
            rows, seconds = self.conn.recv()
            # on a busy machine the answer may be waiting by the time it is polled for, and still
            # have taken longer than the timeout by the worker's own clock
            if seconds <= timeout:
                return rows, seconds
        self.process.kill()
        self.process.join()
        return None

    def close(self) -> None:
        if self.process.is_alive():
            self.conn.send(None)
        self.process.join()


def query_latency(
    outdir: Path, store_dir: Path | None = None, repeat: int = 3, timeout: float = 60.0
) -> Iterator[tuple[str, tuple[int, float] | None]]:
    """(query name, (rows, median ms)) of each ``queries/*.rq`` in turn, None for the figure when a
    run took longer than ``timeout`` seconds."""
    worker = QueryWorker(outdir, store_dir)
    for path in sorted((ROOT / "queries").glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        runs = []
        while len(runs) <= repeat and (run := worker.run(text, timeout)) is not None:
            runs.append(run)
        if len(runs) <= repeat:
            worker = QueryWorker(outdir, store_dir)
            yield path.stem, None
        else:
            yield path.stem, (runs[0][0], statistics.median(seconds for _, seconds in runs[1:]) * 1000)
    worker.close()


def disk_bytes(directory: Path) -> int:
    return sum(p.stat().st_size for p in directory.rglob("*") if p.is_file())


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.rdf", description=__doc__.splitlines()[0])
    parser.add_argument("outdir", type=Path, help="A build directory.")
    parser.add_argument("--store", type=Path, help="Keep the store on disk in this directory (default: in memory).")
    parser.add_argument("--formats", default=",".join(FORMATS), help="Export formats to time ('' for none).")
    parser.add_argument("--repeat", type=int, default=3, help="Timed runs of each query, after one warm-up run.")
    parser.add_argument("--timeout", type=float, default=60.0, help="Seconds one run of a query may take.")
    args = parser.parse_args(argv)

    formats = tuple(f for f in args.formats.split(",") if f)
    for fmt, (triples, seconds) in in_own_process(export_rates, args.outdir, formats).items():
        rate = triples / seconds
        print(f"export {fmt:7s} {triples:>12,} triples {seconds:8.1f} s {rate:>10,.0f} triples/s", flush=True)
    where = f"on disk in {args.store}" if args.store else "in memory"
    print(f"store load (kg serve, {where}) {in_own_process(load_seconds, args.outdir, args.store):.1f} s", flush=True)
    if args.store:
        print(f"store size on disk {disk_bytes(args.store) / 2**20:,.0f} MB", flush=True)
    for name, result in query_latency(args.outdir, args.store, args.repeat, args.timeout):
        figure = f"{result[0]:>6} rows {result[1]:10.1f} ms" if result else f"{'':>11}> {args.timeout:g} s"
        print(f"query {name:22s} {figure}", flush=True)


if __name__ == "__main__":
    main()
