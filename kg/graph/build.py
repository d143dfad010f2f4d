"""Assemble the networkx MultiDiGraph from papers and the linked corpus (schema: docs/schema.md).

One Paper → entity link per pair, carrying every mention as parallel evidence lists
(surface, field, start, end, sentence); ``PROPOSES`` wins over the type's default role.
Method → Task ``ADDRESSES`` and Method → Dataset ``EVALUATED_ON`` come from co-occurrence in a
sentence, or from the paper's proposed methods and the paper's tasks and datasets; each keeps
the papers it rests on. Variants point to their family (``VARIANT_OF``), tasks to their parent
task (``SUBTASK_OF``). Result nodes hang off the paper that reports them.

Memory (docs/guide/performance.md): the evidence is held as one :class:`kg.graph.evidence.Evidence`
tuple per link, and :func:`build_graph` takes the linked corpus's papers off it one by one, so
that each paper's Extraction and mentions are freed once its links are in the graph.
Speed: every node is added before the links, which :class:`Links` then writes straight into
networkx's adjacency dicts (the structure ``MultiDiGraph.add_edge`` builds), since add_edge's
checks and keyword dict per call were half of build_graph's time (synthetic 100k, 4.2M links).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

import networkx as nx

from kg.graph.evidence import KEY, Evidence
from kg.graph.ids import entity_id, paper_id, result_id
from kg.link.linker import LinkedCorpus, PaperLinks
from kg.model import ROLE_BY_TYPE, Entity, Paper


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


def entity_attrs(ent: Entity, papers: list[str], dates: list[str]) -> dict[str, object]:
    aliases = sorted(ent.aliases)
    attrs: dict[str, object] = {
        "type": ent.type,
        "name": ent.name,
        "aliases": aliases,
        "alias_reasons": [ent.aliases[a] for a in aliases],
        "paper_count": len(papers),
    }
    if ent.parent:
        attrs["parent"] = ent.parent
    if ent.description:
        attrs["description"] = ent.description
    attrs.update(ent.external)
    if dates:
        attrs["first_seen"], attrs["last_seen"] = min(dates), max(dates)
    return attrs


class Links:
    """Adds links between nodes already in ``graph``, as ``graph.add_edge(u, v, key=relation,
    relation=relation, **attrs)`` would: the link's attribute dict under its key in the key dict
    that ``succ[u][v]`` and ``pred[v][u]`` share."""

    def __init__(self, graph: nx.MultiDiGraph) -> None:
        self.graph, self.succ, self.pred = graph, graph._succ, graph._pred

    def add(self, u: str, v: str, relation: str, **attrs: Any) -> None:
        keys = self.succ[u].get(v)
        if keys is None:
            keys = self.succ[u][v] = self.pred[v][u] = {}
        attrs["relation"] = relation
        keys[relation] = attrs

    def close(self) -> None:
        nx._clear_cache(self.graph)  # what add_edge does after each link: no stale cached result


def _paper_links(
    links: Links, pid: str, pl: PaperLinks, entities: dict[str, Entity], shared: dict[Any, Any]
) -> None:
    """The paper's links to the entities it mentions; ``shared`` gives one object per equal value."""
    for eid, mentions in pl.mentions.items():  # in any order: graph.json sorts the links
        ms = mentions if len(mentions) == 1 else sorted(mentions, key=lambda m: (m.field != "title", m.start))
        relation = "PROPOSES" if eid in pl.proposed else ROLE_BY_TYPE[entities[eid].type]
        reason = shared.setdefault(ms[0].reason, ms[0].reason)
        links.add(pid, eid, relation, reason=reason, **{KEY: Evidence.of(ms, shared)})


_PAIRED = {"Task": "ADDRESSES", "Dataset": "EVALUATED_ON"}  # Method → entity of the type, by co-occurrence


def _cooccurrence(pl: PaperLinks, entities: dict[str, Entity]) -> set[tuple[str, str, str]]:
    """(method, relation, task-or-dataset) pairs the paper supports."""
    by_sentence: dict[str, set[str]] = defaultdict(set)
    for eid, mentions in pl.mentions.items():
        for m in mentions:
            by_sentence[m.sentence].add(eid)
    pairs = set()
    types = {e: entities[e].type for e in pl.mentions}  # the proposed ids are mentioned ids
    groups = [*by_sentence.values(), pl.proposed | {e for e in pl.mentions if types[e] in _PAIRED}]
    for i, group in enumerate(groups):
        methods = [e for e in group if types[e] == "Method" and (i < len(groups) - 1 or e in pl.proposed)]
        if methods:
            others = [(_PAIRED[types[e]], e) for e in group if types[e] in _PAIRED]
            pairs.update((m, relation, other) for m in methods for relation, other in others)
    return pairs


def build_graph(papers: Iterable[Paper], linked: LinkedCorpus | None = None) -> nx.MultiDiGraph:
    """The graph of ``papers`` and, when given, of ``linked`` (whose ``papers`` list it empties)."""
    graph = nx.MultiDiGraph()
    for paper in papers:
        graph.add_node(paper_id(paper.title, paper.arxiv_id), **paper_attrs(paper))
    if linked is None:
        return graph
    graph.add_nodes_from(linked.entities)  # their attributes once every paper is in
    links = Links(graph)
    ent_papers: dict[str, list[str]] = defaultdict(list)
    ent_dates: dict[str, list[str]] = defaultdict(list)
    pair_papers: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    shared: dict[Any, Any] = {}
    while linked.papers:  # in any order: every list below is sorted or reduced before it is written
        pl = linked.papers.pop()
        pid = paper_id(pl.extraction.paper.title, pl.extraction.paper.arxiv_id)
        for eid in pl.mentions:
            ent_papers[eid].append(pid)
            if pl.extraction.paper.date:
                ent_dates[eid].append(pl.extraction.paper.date)
        for pair in _cooccurrence(pl, linked.entities):
            pair_papers[pair].append(pid)
        _paper_links(links, pid, pl, linked.entities, shared)
        _results(graph, links, pid, pl)
    for eid, ent in linked.entities.items():
        graph.add_node(eid, **entity_attrs(ent, ent_papers[eid], ent_dates[eid]))
    for (src, rel, dst), pids in pair_papers.items():
        pids.sort()
        links.add(src, dst, rel, papers=pids, weight=len(pids))
    for eid, ent in linked.entities.items():
        if ent.parent:
            parent = entity_id(ent.type, ent.parent)
            if parent in graph and parent != eid:
                links.add(eid, parent, "SUBTASK_OF" if ent.type == "Task" else "VARIANT_OF")
    links.close()
    return graph


def _results(graph: nx.MultiDiGraph, links: Links, pid: str, pl: PaperLinks) -> None:
    """The paper's Result nodes, REPORTS links to them and their links to the entities they name."""
    for r, ids in pl.results:
        rid = result_id(pid, r.metric, r.value, r.method, r.dataset)
        attrs = {"type": "Result", "name": f"{r.value} {r.metric}", "value": r.value, "metric": r.metric,
                 "evidence": r.evidence}
        attrs.update({k: v for k, v in (("method", r.method), ("dataset", r.dataset), ("task", r.task)) if v})
        graph.add_node(rid, **attrs)
        links.add(pid, rid, "REPORTS")
        for role, rel in (("method", "FOR_METHOD"), ("dataset", "ON_DATASET"), ("metric", "WITH_METRIC"),
                          ("task", "FOR_TASK")):
            if role in ids:
                links.add(rid, ids[role], rel)
