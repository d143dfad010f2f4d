"""Score a built graph against gold annotations (the scoring of ``../shared/eval/score_graph.py``).

The figures agree exactly with the shared scorer (``../shared/CONTRACT.md``); this module
reimplements it so that ``kg eval`` can also explain them (:attr:`PaperErrors`).

Per gold paper (found by its title, ignoring case and everything but letters and digits),
gold entities are matched one to one, greedily, to the entity nodes the paper links to: a
gold entity and a node are candidates when their normalised names/surfaces overlap
(:func:`norm`: NFKC, case, ``- _ /`` and spaces, punctuation, a crude plural ``s``);
candidates of the same type go first, then by gold order and node id. Counted:

* per type, true positives (matched, same type), false positives (unmatched nodes, and
  the node's type of a type-mismatched match), false negatives (unmatched gold entities,
  and the gold type of a type-mismatched match); typed overall is their sum;
* untyped: any match is a true positive;
* PROPOSES: over matched pairs, gold ``proposed`` against a ``PROPOSES``/``INTRODUCES``
  link; unmatched proposed gold entities are false negatives, unmatched proposing nodes
  false positives (as the shared scorer does, not for gold papers missing from the graph);
* fragmentation: mean number of nodes per gold entity (type, normalised name) matched in
  two or more papers; conflation: mean number of gold entities per matched node (1.0 ideal).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

TYPES = ("Method", "Dataset", "Metric", "Task")
PROPOSING = ("PROPOSES", "INTRODUCES")


def norm(text: str) -> str:
    """The scorer's light normalisation of names and surfaces."""
    text = unicodedata.normalize("NFKC", text).lower()
    text = re.sub(r"[\s\-_/]+", " ", text)
    text = re.sub(r"[^\w ]", "", text).strip()
    # crude singular: models -> model, cnns -> cnn (not 'loss', 'class')
    words = text.split()
    return " ".join(w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w for w in words)


def norm_title(title: str) -> str:
    return re.sub(r"[^a-z0-9]", "", unicodedata.normalize("NFKC", title).lower())


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    def prf(self) -> dict[str, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"p": p, "r": r, "f1": f}

    def as_dict(self) -> dict[str, Any]:
        return {**self.prf(), "tp": self.tp, "fp": self.fp, "fn": self.fn}


@dataclass
class Linked:
    """An entity node as one paper links to it: its surfaces and relations there."""

    id: str
    type: str
    name: str
    surface: set[str] = field(default_factory=set)
    relations: set[str] = field(default_factory=set)

    @property
    def proposed(self) -> bool:
        return any(r in self.relations for r in PROPOSING)

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "type": self.type, "name": self.name, "surface": sorted(self.surface),
                "relations": sorted(self.relations)}


@dataclass
class GraphIndex:
    """What the scorer reads of graph.json: paper ids by title, and each paper's linked entities."""

    papers: dict[str, str]  # norm_title -> paper id (the first node with that title)
    linked: dict[str, dict[str, Linked]]  # paper id -> entity id -> Linked

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> GraphIndex:
        links = data.get("links", data.get("edges"))
        if links is None:
            raise ValueError("graph has neither 'links' nor 'edges'")
        nodes = {n["id"]: n for n in data["nodes"]}
        papers: dict[str, str] = {}
        for nid, n in nodes.items():
            if n.get("type") == "Paper":
                papers.setdefault(norm_title(n.get("title") or n.get("name") or ""), nid)
        linked: dict[str, dict[str, Linked]] = defaultdict(dict)
        for e in links:
            s_type, t_type = nodes.get(e["source"], {}).get("type"), nodes.get(e["target"], {}).get("type")
            if s_type == "Paper" and t_type in TYPES:
                paper, ent = e["source"], e["target"]
            elif t_type == "Paper" and s_type in TYPES:
                paper, ent = e["target"], e["source"]
            else:
                continue
            node = nodes[ent]
            rec = linked[paper].setdefault(ent, Linked(ent, node["type"], node.get("name", "")))
            rec.surface.update(e.get("surface") or [])
            if e.get("relation"):
                rec.relations.add(str(e["relation"]).upper())
        return cls(papers, linked)

    @classmethod
    def load(cls, path: Path) -> GraphIndex:
        """Read graph.json, or the graph.json of a build directory."""
        path = Path(path)
        if path.is_dir():
            path = path / "graph.json"
        with path.open(encoding="utf-8") as fh:
            return cls.from_data(json.load(fh))


@dataclass
class PaperErrors:
    """The mistakes on one gold paper, for ``kg eval --errors``."""

    title: str
    paper_id: str | None
    missed: list[dict[str, Any]] = field(default_factory=list)  # gold entities with no node
    spurious: list[Linked] = field(default_factory=list)  # nodes with no gold entity
    mistyped: list[tuple[dict[str, Any], Linked]] = field(default_factory=list)
    proposes: list[tuple[dict[str, Any], Linked]] = field(default_factory=list)  # flag disagrees

    def __bool__(self) -> bool:
        return bool(self.paper_id is None or self.missed or self.spurious or self.mistyped or self.proposes)

    def as_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "paper_id": self.paper_id,
            "false_negatives": self.missed,
            "false_positives": [s.as_dict() for s in self.spurious],
            "type_mismatches": [{"gold": g, "node": s.as_dict()} for g, s in self.mistyped],
            "proposes_mismatches": [{"gold": g, "node": s.as_dict()} for g, s in self.proposes],
        }


@dataclass
class Evaluation:
    papers: int = 0
    papers_missing: int = 0
    types: dict[str, Counts] = field(default_factory=lambda: {t: Counts() for t in TYPES})
    untyped: Counts = field(default_factory=Counts)
    proposes: Counts = field(default_factory=Counts)
    gold_to_nodes: dict[tuple[str, str], set[str]] = field(default_factory=lambda: defaultdict(set))
    node_to_gold: dict[str, set[tuple[str, str]]] = field(default_factory=lambda: defaultdict(set))
    gold_papers: dict[tuple[str, str], int] = field(default_factory=lambda: defaultdict(int))
    errors: list[PaperErrors] = field(default_factory=list)

    @property
    def typed(self) -> Counts:
        return sum(self.types.values(), Counts())

    @property
    def fragmented(self) -> dict[tuple[str, str], set[str]]:
        """Gold entities matched in two or more papers, with the nodes they were matched to."""
        return {k: self.gold_to_nodes[k] for k, n in self.gold_papers.items() if n >= 2}

    @property
    def fragmentation(self) -> float | None:
        multi = self.fragmented
        return sum(len(v) for v in multi.values()) / len(multi) if multi else None

    @property
    def conflation(self) -> float | None:
        ntg = self.node_to_gold
        return sum(len(v) for v in ntg.values()) / len(ntg) if ntg else None

    def as_dict(self) -> dict[str, Any]:
        """The shared scorer's ``--json`` figures, with tp/fp/fn added to typed, untyped and proposes."""
        return {
            "papers": self.papers,
            "papers_missing": self.papers_missing,
            "types": {t: c.as_dict() for t, c in self.types.items()},
            "typed": self.typed.as_dict(),
            "untyped": self.untyped.as_dict(),
            "proposes": self.proposes.as_dict(),
            "fragmentation": self.fragmentation,
            "conflation": self.conflation,
        }


def match(gold: list[dict[str, Any]], linked: dict[str, Linked]) -> list[tuple[int, str, bool]]:
    """Greedy one-to-one matching of gold entities to linked nodes: (gold index, node id, same type)."""
    cands = []
    for gi, g in enumerate(gold):
        gkeys = {norm(x) for x in [g["name"], *g.get("surface", [])]}
        for sid, rec in linked.items():
            if gkeys & {norm(x) for x in [rec.name, *rec.surface]}:
                typed = rec.type == g["type"]
                cands.append((0 if typed else 1, gi, sid, typed))
    cands.sort()
    used_g: set[int] = set()
    used_s: set[str] = set()
    pairs = []
    for _, gi, sid, typed in cands:
        if gi not in used_g and sid not in used_s:
            used_g.add(gi)
            used_s.add(sid)
            pairs.append((gi, sid, typed))
    return pairs


def score_paper(
    ev: Evaluation, title: str, gold: list[dict[str, Any]], pid: str, linked: dict[str, Linked]
) -> None:
    err = PaperErrors(title, pid)
    pairs = match(gold, linked)
    for gi, sid, typed in pairs:
        g, s = gold[gi], linked[sid]
        ev.untyped.tp += 1
        if typed:
            ev.types[g["type"]].tp += 1
        else:
            ev.types[g["type"]].fn += 1
            ev.types[s.type].fp += 1
            err.mistyped.append((g, s))
        key = (g["type"], norm(g["name"]))
        ev.gold_to_nodes[key].add(sid)
        ev.gold_papers[key] += 1
        ev.node_to_gold[sid].add(key)
        if g.get("proposed") and s.proposed:
            ev.proposes.tp += 1
        elif g.get("proposed") or s.proposed:
            ev.proposes.fn += bool(g.get("proposed"))
            ev.proposes.fp += s.proposed
            err.proposes.append((g, s))
    matched_g = {gi for gi, _, _ in pairs}
    matched_s = {sid for _, sid, _ in pairs}
    for gi, g in enumerate(gold):
        if gi not in matched_g:
            ev.types[g["type"]].fn += 1
            ev.untyped.fn += 1
            ev.proposes.fn += bool(g.get("proposed"))
            err.missed.append(g)
    for sid, s in linked.items():
        if sid not in matched_s:
            ev.types[s.type].fp += 1
            ev.untyped.fp += 1
            ev.proposes.fp += s.proposed
            err.spurious.append(s)
    if err:
        ev.errors.append(err)


def evaluate(graph: GraphIndex, gold: Iterable[dict[str, Any]]) -> Evaluation:
    """Score ``graph`` against gold paper lines (``{"title", "entities": [...]}``, GUIDELINES.md)."""
    ev = Evaluation()
    for line in gold:
        ev.papers += 1
        ents = [e for e in line["entities"] if e["type"] in TYPES]
        pid = graph.papers.get(norm_title(line["title"]))
        if pid is None:
            ev.papers_missing += 1
            for e in ents:
                ev.types[e["type"]].fn += 1
                ev.untyped.fn += 1
            ev.errors.append(PaperErrors(line["title"], None, missed=ents))
            continue
        score_paper(ev, line["title"], ents, pid, graph.linked.get(pid, {}))
    return ev


def read_gold(path: Path) -> list[dict[str, Any]]:
    with Path(path).open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]
