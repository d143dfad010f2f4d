"""`kg export graphml|gexf`: the graph for Gephi, yEd and Cytoscape desktop.

Written with networkx's GraphML (graphml.graphdrawing.org) and GEXF 1.2 (gexf.net) writers.
Neither format has list-valued attributes (GEXF's list types are not read by the desktop
tools, and networkx reads a list as dynamic "spells"), so every list property (``aliases``,
``sources``, the evidence lists ``surface``/``start``/``end``/``sentence`` of a link, ...)
is written as its JSON array text, e.g. ``["ILSVRC", "ImageNet"]``: one string the tools
show as is and that ``json.loads`` turns back into the list. The evidence offsets ``start`` and
``end`` are written as ``span_start`` and ``span_end``, since GEXF reserves ``start``/``end`` for
time intervals. Every node also gets ``label`` = its ``name``, the attribute the tools display.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import networkx as nx

FORMATS = ("graphml", "gexf")
RENAMED = {"start": "span_start", "end": "span_end"}


def flat_value(value: Any) -> str | int | float | bool:
    """A value GraphML and GEXF can hold: lists and other objects become JSON text."""
    if isinstance(value, str | int | float | bool):
        return value
    return json.dumps(value, ensure_ascii=False)


def flat_graph(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy of ``graph`` whose properties are all scalars, with a ``label`` on every node."""
    flat = nx.MultiDiGraph()
    for node, attrs in graph.nodes(data=True):
        flat.add_node(node, **{k: flat_value(v) for k, v in attrs.items()}, label=str(attrs.get("name", node)))
    for source, target, key, attrs in graph.edges(keys=True, data=True):
        flat.add_edge(source, target, key=key, **{RENAMED.get(k, k): flat_value(v) for k, v in attrs.items()})
    return flat


def write_graph_format(graph: nx.MultiDiGraph, path: Path, fmt: str) -> None:
    """Write ``graph`` to ``path`` as ``graphml`` or ``gexf`` (atomically)."""
    from kg.graph.io import atomic_write_chunks

    flat = flat_graph(graph)
    if fmt == "graphml":
        lines = nx.generate_graphml(flat, encoding="utf-8", prettyprint=True)
    elif fmt == "gexf":
        lines = nx.generate_gexf(flat, encoding="utf-8", prettyprint=True, version="1.2draft")
    else:
        raise ValueError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")
    atomic_write_chunks(Path(path), (line + "\n" for line in lines))
