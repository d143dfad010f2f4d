"""A bounded load test of the SPARQL endpoint on loopback: a fixed number of queries from client
threads against a real ``kg serve`` process, which stops by itself and prints the errors and the
latency percentiles.

    python -m bench.load OUTDIR [--queries 2000] [--clients 20]

OUTDIR is a build directory. ``kg serve OUTDIR --port 0`` is started on 127.0.0.1 (its default
limits, or ``--serve-option``s), then the clients share ``--queries`` requests: every
``queries/*.rq`` with its default parameters and a few small queries (a count, a label lookup,
an ASK), in turn, each sent as a form-encoded POST asking for SPARQL JSON. A request counts as
an error unless it answers 200 with a JSON body. Latency is per request, wall-clock, measured by
the client; percentiles are nearest-rank. The server is stopped at the end; the exit code is 1
when any request failed.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
SMALL_QUERIES = (
    "PREFIX kg: <https://kg.example.org/ontology#> SELECT (COUNT(?p) AS ?n) WHERE { ?p a kg:Paper }",
    "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
    'SELECT ?e WHERE { ?e skos:prefLabel ?l FILTER(LCASE(?l) = "imagenet") }',
    "ASK { ?s ?p ?o }",
)


def workload(queries_dir: Path = ROOT / "queries") -> list[str]:
    """The queries the clients cycle through."""
    return [p.read_text(encoding="utf-8") for p in sorted(queries_dir.glob("*.rq"))] + list(SMALL_QUERIES)


@contextmanager
def kg_serve(outdir: Path, options: Sequence[str] = ()) -> Iterator[str]:
    """A ``kg serve`` process on a free loopback port for the ``with`` block; yields the SPARQL URL."""
    cmd = [sys.executable, "-m", "kg", "serve", str(outdir), "--host", "127.0.0.1", "--port", "0", *options]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None
        url = None
        for line in proc.stdout:
            if m := re.match(r"SPARQL:\s+(\S+)", line):
                url = m.group(1)
                break
        if url is None:
            raise RuntimeError(f"kg serve exited with code {proc.wait()} before serving")
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=30)


@dataclass
class LoadResult:
    """Latencies (seconds) of the requests that succeeded and the reasons of those that did not."""

    clients: int
    latencies: list[float] = field(default_factory=list)
    errors: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0

    @property
    def requests(self) -> int:
        return len(self.latencies) + sum(self.errors.values())

    def percentile(self, p: float) -> float:
        """Nearest-rank percentile of the successful requests' latencies, in milliseconds."""
        ordered = sorted(self.latencies)
        return 1000 * ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)] if ordered else math.nan

    def summary(self) -> str:
        head = (f"{self.requests} queries from {self.clients} clients in {self.seconds:.1f} s "
                f"({self.requests / self.seconds:.0f}/s), errors {sum(self.errors.values())}")
        latency = ", ".join(f"p{p:g} {self.percentile(p):.1f} ms" for p in (50, 90, 99, 100)).replace("p100", "max")
        reasons = "".join(f"\n  {count} × {reason}" for reason, count in self.errors.most_common())
        return f"{head}\nlatency: {latency}{reasons}"


def ask(url: str, query: str, timeout: float) -> None:
    """One query as a form-encoded POST; raises unless it answers 200 with JSON."""
    request = urllib.request.Request(url, data=urlencode({"query": query}).encode(), headers={
        "Accept": "application/sparql-results+json", "Content-Type": "application/x-www-form-urlencoded"})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        json.loads(response.read())


def run_load(url: str, queries: Sequence[str], total: int = 2000, clients: int = 20,
             timeout: float = 60.0) -> LoadResult:
    """Send ``total`` queries (cycling through ``queries``) from ``clients`` threads; wait for all."""
    result = LoadResult(clients)
    lock = threading.Lock()
    counter = iter(range(total))

    def client() -> None:
        while True:
            with lock:
                i = next(counter, None)
            if i is None:
                return
            start = time.perf_counter()
            try:
                ask(url, queries[i % len(queries)], timeout)
            except urllib.error.HTTPError as err:
                reason = f"HTTP {err.code}: {err.read().decode(errors='replace').strip()[:80]}"
            except (OSError, ValueError) as err:
                reason = f"{type(err).__name__}: {err}"
            else:
                with lock:
                    result.latencies.append(time.perf_counter() - start)
                continue
            with lock:
                result.errors[reason] += 1

    threads = [threading.Thread(target=client, daemon=True) for _ in range(clients)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    result.seconds = time.perf_counter() - began
    return result


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.load", description=__doc__.split("\n\n")[0])
    parser.add_argument("outdir", type=Path, help="a build directory (kg build ... -o OUTDIR)")
    parser.add_argument("--queries", type=int, default=2000, help="requests in all (default 2000)")
    parser.add_argument("--clients", type=int, default=20, help="client threads (default 20)")
    parser.add_argument("--serve-option", action="append", default=[], metavar="OPTION",
                        help="an option for kg serve, e.g. --serve-option=--max-concurrent=4 (repeatable)")
    args = parser.parse_args(argv)
    with kg_serve(args.outdir, args.serve_option) as url:
        print(f"kg serve {args.outdir} at {url}", file=sys.stderr)
        result = run_load(url, workload(), args.queries, args.clients)
    print(result.summary())
    return 1 if result.errors else 0


if __name__ == "__main__":
    sys.exit(main())
