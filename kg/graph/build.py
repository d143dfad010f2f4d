"""Assemble the networkx MultiDiGraph from papers and linked entities (schema: docs/schema.md)."""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

from kg.graph.ids import paper_id
from kg.model import Paper


def paper_attrs(paper: Paper) -> dict[str, object]:
    attrs: dict[str, object] = {
        "type": "Paper",
        "name": paper.title,
        "title": paper.title,
        "abstract": paper.abstract,
        "sources": [str(s) for s in (paper.sources or [paper.source])],
    }
    optional = {"url": paper.url, "arxiv_id": paper.arxiv_id, "date": paper.date}
    attrs.update({k: v for k, v in optional.items() if v})
    if paper.authors:
        attrs["authors"] = list(paper.authors)
    return attrs


def add_papers(graph: nx.MultiDiGraph, papers: Iterable[Paper]) -> None:
    for paper in papers:
        graph.add_node(paper_id(paper.title, paper.arxiv_id), **paper_attrs(paper))


def build_graph(papers: Iterable[Paper]) -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph()
    add_papers(graph, papers)
    return graph
