"""Export rates and query latency over a finished build directory.

* Neo4j CSV: rows (nodes + relationships) written per second by :func:`kg.export.neo4j_csv.write_csv`;
* RDF: N-Triples triples written per second by :func:`kg.export.rdf_io.write_rdf`;
* SPARQL: the N-Triples bulk-loaded into a pyoxigraph store, then the median latency of a few
  typical queries (top datasets, entity counts by class, one paper's proposals);
* Cypher: the graph loaded into the embedded FalkorDB engine through the Neo4j exporter's
  statements (rows/s), then the median latency of every query in ``queries/*.cypher`` with
  its default parameters.

Each query is run ``repeat`` times; its latency is the median, after one warm-up run.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
KG_ONTOLOGY = "https://kg.example.org/ontology#"
SPARQL = {
    "top datasets": f"PREFIX kg: <{KG_ONTOLOGY}> SELECT ?d (COUNT(DISTINCT ?p) AS ?n) "
    "WHERE { ?p kg:evaluatesOn ?d } GROUP BY ?d ORDER BY DESC(?n) LIMIT 10",
    "count by class": "SELECT ?c (COUNT(?s) AS ?n) WHERE { ?s a ?c } GROUP BY ?c",
    "one paper's proposals": f"PREFIX kg: <{KG_ONTOLOGY}> SELECT ?m WHERE {{ "
    "{ SELECT ?p WHERE { ?p kg:proposes ?x } LIMIT 1 } ?p kg:proposes ?m }",
}


def median_ms(run: Callable[[], Any], repeat: int = 5) -> float:
    run()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def neo4j_csv_rate(outdir: Path) -> tuple[int, float]:
    """(rows, seconds) of a Neo4j CSV export of the build in ``outdir``."""
    from kg.export.neo4j_csv import write_csv
    from kg.graph.io import read_graph

    graph = read_graph(outdir / "graph.json")
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        export = write_csv(graph, Path(tmp))
        seconds = time.perf_counter() - start
    return sum(export.nodes.values()) + sum(export.links.values()), seconds


def rdf_rate(outdir: Path, nt_path: Path) -> tuple[int, float]:
    """(triples, seconds) of an N-Triples export of the build in ``outdir`` to ``nt_path``."""
    from kg.export.rdf import DEFAULT_BASE
    from kg.export.rdf_io import write_rdf

    start = time.perf_counter()
    triples = write_rdf(outdir, nt_path, "nt", DEFAULT_BASE)
    return triples, time.perf_counter() - start


def sparql_latency(nt_path: Path) -> tuple[float, dict[str, float]]:
    """(seconds to bulk-load the store, median ms per query)."""
    from pyoxigraph import RdfFormat, Store

    store = Store()  # in memory
    start = time.perf_counter()
    store.bulk_load(path=str(nt_path), format=RdfFormat.N_TRIPLES)
    load = time.perf_counter() - start
    return load, {name: median_ms(lambda q=q: list(store.query(q))) for name, q in SPARQL.items()}


def cypher_latency(outdir: Path) -> tuple[float, dict[str, float]]:
    """(rows/s loading the embedded engine, median ms per queries/*.cypher query)."""
    from kg.cypher.engine import FalkorExecutor
    from kg.cypher.queryfile import read_query
    from kg.cypher.server import FalkorServer
    from kg.export.neo4j_load import load
    from kg.graph.io import read_graph

    graph = read_graph(outdir / "graph.json")
    queries = {p.stem: read_query(p) for p in sorted((ROOT / "queries").glob("*.cypher"))}
    with FalkorServer() as server:
        executor = FalkorExecutor(server.db, "bench")
        report = load(graph, executor, batch_size=1000)
        latency = {name: median_ms(lambda q=q: executor.read(q.text, dict(q.defaults)), repeat=3)
                   for name, q in queries.items()}
    return report.rows_per_second, latency
