"""What networkx itself costs per node and per link, measured with tracemalloc.

The peak-RSS target (≤ 500 MB at 100k abstracts) has to hold the whole graph in a networkx
``MultiDiGraph`` (the design fixes networkx as the in-memory graph). This measures the
structure alone: nodes with no attributes, and links between distinct pairs with no
attributes or with only the ``relation`` every link of the CONTRACT carries, so that the
floor for a graph of a given size can be read off (docs/guide/performance.md).
"""

from __future__ import annotations

import tracemalloc
from collections.abc import Callable

import networkx as nx


def traced_bytes(make: Callable[[], object]) -> int:
    """Bytes still allocated by ``make()`` while its result is alive."""
    tracemalloc.start()
    try:
        kept = make()
        size = tracemalloc.get_traced_memory()[0]
        del kept
        return size
    finally:
        tracemalloc.stop()


def networkx_bytes(links: int = 200_000, links_per_node: int = 10) -> dict[str, float]:
    """Bytes per node (no attributes), per link (no attributes) and per link with a ``relation``."""
    sources = [f"paper:{i:012x}" for i in range(links // links_per_node)]
    targets = [f"method:name-{i}" for i in range(links_per_node)]
    nodes = sources + targets

    def graph() -> nx.MultiDiGraph:
        g = nx.MultiDiGraph()
        g.add_nodes_from(nodes)
        return g

    def linked(attrs: dict[str, str]) -> Callable[[], nx.MultiDiGraph]:
        def make() -> nx.MultiDiGraph:
            g = graph()
            for i in range(links):  # distinct (source, target) pairs, as a paper's links are
                g.add_edge(sources[i // links_per_node], targets[i % links_per_node], key="USES", **attrs)
            return g

        return make

    base = traced_bytes(graph)
    return {
        "node": base / len(nodes),
        "link": (traced_bytes(linked({})) - base) / links,
        "link_with_relation": (traced_bytes(linked({"relation": "USES"})) - base) / links,
    }
