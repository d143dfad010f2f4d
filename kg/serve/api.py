"""Read-only queries behind the explorer: search, top nodes, neighbourhoods, node details.

:class:`GraphView` wraps a built graph (docs/schema.md) and answers with plain
JSON-ready dicts; :mod:`kg.serve.explorer` serves them over HTTP under ``/api/`` and
:mod:`kg.export.html` embeds them in the static page. Search ranks exact, prefix,
word-prefix and substring matches of canonical names and aliases (in that order, then by
degree), the usual ordering of an autocomplete box.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any
from urllib.parse import quote

import networkx as nx

from kg.serve.queries import cypher_query, sparql_query

ENTITY_TYPES = ("Method", "Dataset", "Metric", "Task")
HIERARCHY = ("VARIANT_OF", "SUBTASK_OF")
RESULT_LINKS = ("FOR_METHOD", "ON_DATASET", "WITH_METRIC", "FOR_TASK")
PWC_KIND = {"Method": "method", "Dataset": "dataset", "Task": "task"}

Json = dict[str, Any]


def as_list(value: Any) -> list:
    if value is None:
        return []
    return list(value) if isinstance(value, list | tuple) else [value]


def _http(url: Any) -> str | None:
    """``url`` if it is an http(s) URL (never ``javascript:`` or ``data:``), else None."""
    return url if isinstance(url, str) and re.match(r"https?://", url, re.IGNORECASE) else None


def external_links(attrs: dict[str, Any]) -> list[Json]:
    """Links to Wikidata, Papers with Code, Hugging Face and the paper's own pages."""
    links: list[Json] = []
    type_ = attrs.get("type")
    if qid := attrs.get("wikidata"):
        links.append({"label": f"Wikidata {qid}", "url": f"https://www.wikidata.org/wiki/{quote(str(qid))}"})
    if pwc := attrs.get("pwc"):
        slug = quote(str(pwc), safe="/")
        path = slug if "/" in slug else f"{PWC_KIND[type_]}/{slug}" if type_ in PWC_KIND else f"search?q={slug}"
        links.append({"label": "Papers with Code", "url": f"https://paperswithcode.com/{path}"})
    if hf := attrs.get("hf"):
        prefix = "datasets/" if type_ == "Dataset" else ""
        links.append({"label": f"Hugging Face {hf}", "url": f"https://huggingface.co/{prefix}{quote(str(hf))}"})
    if arxiv := attrs.get("arxiv_id"):
        links.append({"label": f"arXiv {arxiv}", "url": f"https://arxiv.org/abs/{quote(str(arxiv))}"})
    if url := _http(attrs.get("url")):
        links.append({"label": "Paper page", "url": url})
    return links


def highlight(sentence: str, text: str, start: int | None, end: int | None, surface: str) -> Json:
    """Split ``sentence`` into before / mention / after, locating the mention by its offsets.

    ``start``/``end`` are offsets into the field ``text`` (title or abstract); when the
    sentence cannot be placed in it, the first occurrence of ``surface`` is used instead.
    """
    sentence = sentence or text
    at = text.find(sentence) if sentence else -1
    if at >= 0 and start is not None and end is not None and at <= start < end <= at + len(sentence):
        lo, hi = start - at, end - at
    else:
        lo = sentence.find(surface) if surface else -1
        hi = lo + len(surface)
    if lo < 0:
        return {"before": sentence, "mark": "", "after": ""}
    return {"before": sentence[:lo], "mark": sentence[lo:hi], "after": sentence[hi:]}


def mentions(link: dict[str, Any], paper: dict[str, Any]) -> list[Json]:
    """The evidence of one Paper → entity link, one highlighted sentence per mention."""
    surfaces = as_list(link.get("surface"))
    fields, starts = as_list(link.get("field")), as_list(link.get("start"))
    ends, sentences = as_list(link.get("end")), as_list(link.get("sentence"))
    out = []
    for i, surface in enumerate(surfaces):
        field = fields[i] if i < len(fields) else "abstract"
        text = str(paper.get(field) or "")
        sentence = sentences[i] if i < len(sentences) else ""
        start = starts[i] if i < len(starts) else None
        end = ends[i] if i < len(ends) else None
        out.append({"field": field, "surface": surface, **highlight(sentence, text, start, end, surface)})
    return out


def marked_text(text: str, spans: list[tuple[int, int, str, str]]) -> list[Json]:
    """``text`` cut into segments; mention spans (start, end, node id, type) become links."""
    segments: list[Json] = []
    pos = 0
    for start, end, node, type_ in sorted(spans):
        if start < pos or end > len(text) or start >= end:
            continue  # overlapping or out-of-range span: keep the first one only
        if start > pos:
            segments.append({"text": text[pos:start]})
        segments.append({"text": text[start:end], "node": node, "type": type_})
        pos = end
    if pos < len(text):
        segments.append({"text": text[pos:]})
    return segments


class GraphView:
    """Query helpers over one built graph; every method returns JSON-ready data."""

    def __init__(self, graph: nx.MultiDiGraph) -> None:
        self.graph = graph
        self.degree: dict[str, int] = dict(graph.degree())
        self.by_degree = sorted(graph.nodes, key=lambda n: (-self.degree[n], str(n)))
        self._names: list[tuple[str, str, str]] = []  # (lower-cased name or alias, name or alias, id)
        for node, attrs in graph.nodes(data=True):
            for label in dict.fromkeys([str(attrs.get("name", node)), *map(str, as_list(attrs.get("aliases")))]):
                self._names.append((label.casefold(), label, node))

    def summary(self, node: str) -> Json:
        attrs = self.graph.nodes[node]
        return {"id": node, "type": attrs.get("type", ""), "name": str(attrs.get("name", node)),
                "degree": self.degree[node]}

    def _links(self, nodes: list[str]) -> list[Json]:
        """The links among ``nodes``, in their order (a set would order them by string hashes,
        which differ per process, and the page's layout with them)."""
        inside = set(nodes)
        return [
            {"source": s, "target": t, "relation": rel}
            for s, t, rel in self.graph.edges(nbunch=nodes, keys=True)
            if t in inside
        ]

    def _subgraph(self, nodes: list[str], **extra: Any) -> Json:
        return {"nodes": [self.summary(n) for n in nodes], "links": self._links(nodes), **extra}

    def meta(self) -> Json:
        types = Counter(t for _, t in self.graph.nodes(data="type"))
        return {"nodes": self.graph.number_of_nodes(), "links": self.graph.number_of_edges(),
                "types": dict(sorted(types.items()))}

    def search(self, query: str, limit: int = 20) -> list[Json]:
        """Nodes whose name or an alias matches ``query``, best first."""
        q = query.strip().casefold()
        if not q:
            return []
        best: dict[str, tuple[int, str]] = {}
        word = re.compile(rf"\b{re.escape(q)}")
        for low, label, node in self._names:
            if low == q:
                rank = 0
            elif low.startswith(q):
                rank = 1
            elif word.search(low):
                rank = 2
            elif q in low:
                rank = 3
            else:
                continue
            if node not in best or rank < best[node][0]:
                best[node] = (rank, label)
        order = sorted(best, key=lambda n: (best[n][0], -self.degree[n], str(n)))[:limit]
        return [{**self.summary(n), "match": best[n][1]} for n in order]

    def top(self, types: set[str] | None = None, limit: int = 300) -> Json:
        """The ``limit`` nodes of the given types with the highest degree, and the links among them."""
        nodes = [n for n in self.by_degree if not types or self.graph.nodes[n].get("type") in types][:limit]
        return self._subgraph(nodes, total=self.graph.number_of_nodes())

    def neighbors(self, node: str, types: set[str] | None = None, limit: int = 200) -> Json:
        """``node`` and its neighbours (both directions, highest degree first), with their links."""
        around = set(self.graph.successors(node)) | set(self.graph.predecessors(node))
        around = {n for n in around if not types or self.graph.nodes[n].get("type") in types}
        ranked = sorted(around, key=lambda n: (-self.degree[n], str(n)))
        return self._subgraph([node, *ranked[:limit]], center=node, total=len(around))

    def node(self, node: str) -> Json:
        """Everything the side panel shows about ``node``."""
        g = self.graph
        attrs = g.nodes[node]
        type_ = attrs.get("type", "")
        shown = {"type", "name", "aliases", "alias_reasons", "abstract", "title", "authors", "sources",
                 "url", "arxiv_id", "wikidata", "pwc", "hf"}  # the last five are in "links"
        detail: Json = {
            **self.summary(node),
            "aliases": [a for a in map(str, as_list(attrs.get("aliases"))) if a != attrs.get("name")],
            "properties": {k: v for k, v in sorted(attrs.items()) if k not in shown},
            "links": external_links(attrs),
            "parents": [self.summary(t) for _, t, r in g.out_edges(node, keys=True) if r in HIERARCHY],
            "variants": sorted(
                (self.summary(s) for s, _, r in g.in_edges(node, keys=True) if r in HIERARCHY),
                key=lambda d: (-d["degree"], d["name"]),
            ),
            "results": [self._result(r) for r in self._results(node)],
            "queries": {"sparql": sparql_query(node, attrs), "cypher": cypher_query(node, attrs)},
        }
        if type_ == "Paper":
            detail.update(self._paper(node))
        else:
            detail["papers"] = self._papers_of(node)
        return detail

    def _results(self, node: str) -> list[str]:
        g = self.graph
        if g.nodes[node].get("type") == "Paper":
            return [t for _, t, r in g.out_edges(node, keys=True) if r == "REPORTS"]
        return [s for s, _, r in g.in_edges(node, keys=True) if r in RESULT_LINKS]

    def _result(self, node: str) -> Json:
        attrs = self.graph.nodes[node]
        keys = ("value", "metric", "method", "dataset", "task", "evidence")
        papers = [s for s, _, r in self.graph.in_edges(node, keys=True) if r == "REPORTS"]
        return {**self.summary(node), **{k: str(attrs[k]) for k in keys if k in attrs}, "papers": papers}

    def _papers_of(self, node: str) -> list[Json]:
        g = self.graph
        papers = []
        for paper, _, rel, link in g.in_edges(node, keys=True, data=True):
            pattrs = g.nodes[paper]
            if pattrs.get("type") != "Paper":
                continue
            papers.append({
                "id": paper, "title": str(pattrs.get("title", pattrs.get("name", paper))),
                "date": str(pattrs.get("date", "")), "relation": rel, "mentions": mentions(link, pattrs),
            })
        return sorted(papers, key=lambda p: (p["relation"] != "PROPOSES", p["date"] == "", p["date"], p["title"]))

    def _paper(self, node: str) -> Json:
        g = self.graph
        attrs = g.nodes[node]
        spans: dict[str, list[tuple[int, int, str, str]]] = {"title": [], "abstract": []}
        mentioned = []
        for _, target, rel, link in g.out_edges(node, keys=True, data=True):
            tattrs = g.nodes[target]
            if tattrs.get("type") not in ENTITY_TYPES:
                continue
            mentioned.append({**self.summary(target), "relation": rel, "mentions": mentions(link, attrs)})
            for field, start, end in zip(as_list(link.get("field")), as_list(link.get("start")),
                                         as_list(link.get("end")), strict=False):
                if field in spans and isinstance(start, int) and isinstance(end, int):
                    spans[field].append((start, end, target, tattrs["type"]))
        return {
            "title": marked_text(str(attrs.get("title", attrs.get("name", ""))), spans["title"]),
            "abstract": marked_text(str(attrs.get("abstract", "")), spans["abstract"]),
            "authors": [str(a) for a in as_list(attrs.get("authors"))],
            "mentions": sorted(mentioned, key=lambda m: (m["relation"] != "PROPOSES", m["type"], m["name"])),
        }
