"""`kg export html`: the explorer as one self-contained HTML file that opens from ``file://``.

The page of ``kg serve`` (kg/serve/static) with its stylesheet, the vis-network build and
its script inlined, and the graph embedded as ``<script type="application/json">``: every node's
summary and aliases, every link, and each node's panel (``GraphView.node``), so the page needs
neither a server nor the network. The JSON is made safe for an HTML script element as the
HTML standard advises (§4.12.1.3): ``<``, ``>`` and ``&`` are written as ``\\u003c`` etc., so a
title holding ``</script>`` cannot close the element; U+2028/U+2029 are escaped as well.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import networkx as nx

from kg.serve.api import GraphView, as_list
from kg.serve.explorer import STATIC, vis_network_js

_UNSAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def script_json(data: object) -> str:
    """JSON text that can sit inside a ``<script>`` element whatever strings it holds."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return re.sub("[<>&\u2028\u2029]", lambda m: _UNSAFE[m.group()], text)


def graph_data(graph: nx.MultiDiGraph) -> dict[str, object]:
    """What the page's static data source reads (see ``staticSource`` in app.js)."""
    view = GraphView(graph)
    nodes = [
        {**view.summary(n), "aliases": [str(a) for a in as_list(graph.nodes[n].get("aliases"))]}
        for n in view.by_degree
    ]
    links = [{"source": s, "target": t, "relation": rel} for s, t, rel in graph.edges(keys=True)]
    return {"meta": view.meta(), "nodes": nodes, "links": links, "details": {n: view.node(n) for n in graph}}


def _inline(tag: str, text: str) -> str:
    if re.search(f"</{tag}", text, re.IGNORECASE):
        raise ValueError(f"cannot inline an asset holding </{tag}")
    return text


def render_html(graph: nx.MultiDiGraph) -> str:
    """The whole page as one string."""
    page = (STATIC / "index.html").read_text(encoding="utf-8")
    parts = {
        '<link rel="stylesheet" href="static/app.css">':
            f"<style>\n{_inline('style', (STATIC / 'app.css').read_text(encoding='utf-8'))}</style>",
        '<script src="static/vendor/vis-network.min.js"></script>':
            f"<script>\n{_inline('script', vis_network_js().read_text(encoding='utf-8'))}\n</script>",
        '<script src="static/app.js"></script>':
            f'<script type="application/json" id="kg-data">{script_json(graph_data(graph))}</script>\n'
            f"<script>\n{_inline('script', (STATIC / 'app.js').read_text(encoding='utf-8'))}</script>",
    }
    for tag, inline in parts.items():
        if page.count(tag) != 1:
            raise ValueError(f"index.html should hold {tag} once")
        page = page.replace(tag, inline)
    return page


def write_html(graph: nx.MultiDiGraph, path: Path) -> None:
    from kg.graph.io import atomic_write_text

    atomic_write_text(Path(path), render_html(graph))
