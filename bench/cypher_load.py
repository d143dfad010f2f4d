"""Load throughput (rows/s) of the embedded Cypher engine, through the Neo4j exporter's statements.

Builds the seed corpus (../shared/corpus/hf-trending, else examples/) unless given a build
directory, then loads it into a fresh FalkorDB graph per batch size and prints nodes + links
written per second (wall time of schema creation and every UNWIND ... MERGE batch).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import networkx as nx

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "hf-trending"
BATCH_SIZES = (200, 1000, 5000)


def seed_graph(outdir: Path | None = None) -> nx.MultiDiGraph:
    from kg.graph.io import read_graph
    from kg.pipeline import build

    if outdir is None:
        outdir = Path(tempfile.mkdtemp(prefix="kg-bench-"))
        build([str(CORPUS if CORPUS.is_dir() else ROOT / "examples")], outdir)
    return read_graph(outdir)


def run(outdir: Path | None = None, batch_sizes: tuple[int, ...] = BATCH_SIZES) -> None:
    """Print one line per batch size: rows, seconds, rows/s."""
    from kg.cypher.engine import FalkorExecutor
    from kg.cypher.server import FalkorServer
    from kg.export.neo4j_load import load

    graph = seed_graph(outdir)
    with FalkorServer() as server:
        for size in batch_sizes:
            report = load(graph, FalkorExecutor(server.db, f"bench{size}"), batch_size=size)
            print(
                f"cypher load (embedded FalkorDB, batch {size:5d}): {report.nodes} nodes + {report.links} links "
                f"in {report.seconds:.2f}s = {report.rows_per_second:,.0f} rows/s"
            )


if __name__ == "__main__":
    run(Path(sys.argv[1]) if len(sys.argv) > 1 else None)
