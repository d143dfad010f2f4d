"""Every Paper → entity link of graph.json carries its mentions as parallel lists that point at the text."""

from __future__ import annotations

import json
from pathlib import Path

from kg.pipeline import BuildOptions, build

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "abstracts.jsonl"


def test_link_evidence_lists_are_parallel_ordered_and_quote_the_text(tmp_path: Path) -> None:
    build([str(EXAMPLES)], tmp_path, BuildOptions(cache=False))
    graph = json.loads((tmp_path / "graph.json").read_text(encoding="utf-8"))
    papers = {n["id"]: n for n in graph["nodes"] if n["type"] == "Paper"}
    links = [link for link in graph["links"] if link["source"] in papers and "surface" in link]
    assert links and any(len(link["surface"]) > 1 for link in links)
    for link in links:
        paper = papers[link["source"]]
        columns = [link[k] for k in ("surface", "field", "start", "end", "sentence")]
        assert all(isinstance(c, list) and len(c) == len(link["surface"]) for c in columns)
        for surface, field, start, end, sentence in zip(*columns, strict=True):
            assert paper[field][start:end] == surface and surface in sentence
        order = [(f != "title", s) for f, s in zip(link["field"], link["start"], strict=True)]
        assert order == sorted(order) and "evidence" not in link


def test_graph_json_is_networkx_node_link_data_in_utf8(tmp_path: Path) -> None:
    """graph.json is written as orjson's bytes: it must read back as the node-link data networkx
    makes of the same graph, with non-ASCII text (Greek, accents, ligatures) kept as characters."""
    import networkx as nx

    from kg.graph.io import write_graph

    g = nx.MultiDiGraph()
    g.add_node("paper:1", type="Paper", name="β-VAE für ﬁne résumés", abstract="α → β")
    g.add_node("method:b", type="Method", name="β-VAE")
    g.add_node("paper:0", type="Paper", name="no links")
    g.add_edge("paper:1", "method:b", key="PROPOSES", relation="PROPOSES")
    g.add_edge("paper:1", "method:b", key="USES", relation="USES")
    write_graph(g, tmp_path / "graph.json")
    raw = (tmp_path / "graph.json").read_bytes()
    assert "β-VAE für ﬁne résumés".encode() in raw
    data = json.loads(raw)
    expected = nx.node_link_data(g, edges="links")
    expected["nodes"].sort(key=lambda n: n["id"])
    expected["links"].sort(key=lambda li: (li["source"], li["target"], li["key"]))
    assert data == expected
