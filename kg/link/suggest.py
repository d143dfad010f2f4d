"""Fuzzy merge suggestions: entity nodes of one type whose names are string-similar.

Similarity is the cosine of character 3-gram tf-idf vectors (Salton & Buckley 1988; sublinear
tf, smoothed idf) of each node's names under :func:`kg.link.normalize.key`: the canonical name
and its aliases, except acronyms (one short form may stand for two entities) and keys shorter
than four characters. All pairs above the threshold are found without comparing every pair:

* **blocking**: names are only compared within one (type, guard signature) block, where the
  signature is the name's numbers, versions and sizes (:func:`signature`); so ResNet-50/ResNet-101, GPT-3/GPT-4,
  Llama-3-8B/Llama-3-70B, ImageNet-1K/ImageNet-21K, CIFAR-10/CIFAR-100, BERT-base/BERT-large
  and names of different types are never suggested;
* **prefix filtering** (the All-Pairs similarity join, Bayardo, Ma & Srikant, WWW 2007): with
  features ordered from most to least frequent, each vector's frequent head whose norm stays
  below the threshold is left out of the inverted index; two unit vectors with cosine ≥ t always
  share an indexed (rare) feature, so the join is exact while skipping the long posting lists.

Pairs already decided in the alias registry (accepted and waiting for a rebuild, or rejected)
are skipped, and so are pairs of nodes that no paper mentions (hierarchy parents from the
knowledge base). Each suggestion carries both names, their paper counts and sample evidence
sentences from the Paper → entity links (docs/schema.md); the node in more papers is offered as
the canonical one.
"""

from __future__ import annotations

import math
import re
import unicodedata
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

import networkx as nx

from kg.link.normalize import key
from kg.link.registry import Registry
from kg.model import ENTITY_TYPES

NGRAM = 3
MIN_KEY = 4
DEFAULT_THRESHOLD = 0.8
_NUMBER = re.compile(r"\d[\d.]*[^\W\d_]*")
SIZE_WORDS = frozenset(
    "tiny small base medium large xl xxl xxxl huge giant mini nano micro lite pro plus ultra turbo".split()
)

Vector = list[tuple[int, float]]  # (feature id, weight), ordered by feature id = most frequent first


def grams(text: str, n: int = NGRAM) -> Counter[str]:
    padded = f" {text} "
    return Counter(padded[i : i + n] for i in range(len(padded) - n + 1))


def tfidf(texts: Sequence[str]) -> list[Vector]:
    """L2-normalised character n-gram tf-idf vectors; feature ids go from most to least frequent."""
    counts = [grams(t) for t in texts]
    df = Counter(g for c in counts for g in c)
    fid = {g: i for i, (g, _) in enumerate(sorted(df.items(), key=lambda kv: (-kv[1], kv[0])))}
    n = len(texts)
    idf = {g: math.log((1 + n) / (1 + d)) + 1 for g, d in df.items()}
    vectors = []
    for c in counts:
        w = {fid[g]: (1 + math.log(tf)) * idf[g] for g, tf in c.items()}
        norm = math.sqrt(sum(x * x for x in w.values())) or 1.0
        vectors.append(sorted((f, x / norm) for f, x in w.items()))
    return vectors


def similar_pairs(vectors: Sequence[Vector], threshold: float) -> Iterator[tuple[int, int, float]]:
    """Every pair (i, j), i < j, of unit vectors with cosine ≥ ``threshold`` (exact; All-Pairs).

    Each vector's head (its most frequent features, whose dot product with any vector of the set
    stays below t: by Cauchy-Schwarz, or by the features' largest weights) is left out of the
    index, so pairs are found through rare features only. A vector probes the index from its
    rarest feature down; a vector first met at feature f shares no rarer indexed feature, so
    their cosine is at most |x≤f|·|y≤f| (Cauchy-Schwarz), and it becomes a candidate only if
    that reaches t. The dot product over the indexed features is accumulated while probing, and
    the exact cosine is computed only when that partial sum, plus the bound on the features not
    counted, can reach t.
    """
    t, t2 = threshold - 1e-12, threshold * threshold
    index: dict[int, list[tuple[int, float, float]]] = defaultdict(list)  # f -> (vector, weight, |v≤f|²)
    dense = [dict(v) for v in vectors]
    ids = [[f for f, _ in v] for v in vectors]
    cumulative: list[list[float]] = []  # squared norm of the features before each position
    cut_ids: list[int] = []  # id of the first indexed feature
    maxweight: dict[int, float] = defaultdict(float)
    for vec in vectors:
        for f, w in vec:
            maxweight[f] = max(maxweight[f], w)
    for i, vec in enumerate(vectors):
        sq, reach, cum, cut = 0.0, 0.0, [0.0], len(vec)
        for pos, (f, w) in enumerate(vec):
            sq += w * w
            reach += w * maxweight[f]
            cum.append(sq)
            if cut == len(vec) and min(sq, reach * reach) >= t2:
                cut = pos
        cumulative.append(cum)
        cut_ids.append(vec[cut][0] if cut < len(vec) else -1)
        partial: dict[int, float] = {}
        for pos in range(len(vec) - 1, cut - 1, -1):
            f, w = vec[pos]
            mine = cum[pos + 1]
            postings = index[f]
            for j, wj, theirs in postings:
                if j in partial:
                    partial[j] += w * wj
                elif mine * theirs >= t2 - 1e-12:
                    partial[j] = w * wj
            postings.append((i, w, mine))
        for j in sorted(partial):
            # counted: features indexed in both; the others all have ids below the later cut
            below = max(cut_ids[i], cut_ids[j])
            head_i = cumulative[i][bisect_left(ids[i], below)]
            head_j = cumulative[j][bisect_left(ids[j], below)]
            if partial[j] + math.sqrt(head_i * head_j) < t:
                continue
            a, b = dense[i], dense[j]
            score = sum(a[f] * b[f] for f in a.keys() & b.keys())
            if score >= t:
                yield j, i, min(score, 1.0)


def signature(name: str) -> tuple[tuple[str, ...], frozenset[str]]:
    """The guard: names may merge only when their numbers, versions and sizes agree.

    Numbers are the runs that start with a digit, with the letters glued to them ("Llama-3-8B"
    → 3, 8b; GPT-4o → 4o; ResNet50 → 50; 3D → 3d), a trailing ".0" dropped (v2.0 = v2); sizes
    are words such as base, large or XL.
    """
    text = unicodedata.normalize("NFKC", name).casefold()
    nums = tuple(re.sub(r"(\.0)+$", "", n.rstrip(".")) for n in _NUMBER.findall(text))
    return nums, frozenset(SIZE_WORDS.intersection(re.split(r"[^\w]+", text)))


@dataclass
class Side:
    """One node of a suggested pair, with its evidence."""

    id: str
    name: str
    paper_count: int
    aliases: list[str] = field(default_factory=list)
    contexts: list[str] = field(default_factory=list)


@dataclass
class Suggestion:
    type: str
    score: float
    keep: Side  # offered as canonical: in more papers
    merge: Side
    matched: tuple[str, str]  # the two names (canonical or alias) that scored

    def as_dict(self) -> dict[str, Any]:
        return asdict(self) | {"score": round(self.score, 4)}


def _is_acronym(alias: str, reason: str) -> bool:
    return reason == "acronym" and alias.replace("-", "").isalnum() and sum(c.isupper() for c in alias) >= 2


def _names(data: dict[str, Any]) -> list[str]:
    """The names of a node that take part in matching: canonical name and non-acronym aliases."""
    aliases = data.get("aliases") or []
    reasons = data.get("alias_reasons") or [""] * len(aliases)
    names = [data["name"], *(a for a, r in zip(aliases, reasons, strict=False) if not _is_acronym(a, r))]
    return [n for n in names if len(key(n)) >= MIN_KEY]


def papers_of(graph: nx.MultiDiGraph, node: str) -> list[tuple[str, dict[str, Any]]]:
    """(paper id, link data) of every Paper → node link, sorted by paper id."""
    return sorted(
        ((p, d) for p, _, d in graph.in_edges(node, data=True) if graph.nodes[p].get("type") == "Paper"),
        key=lambda pd: (pd[0], pd[1].get("relation", "")),
    )


def contexts(graph: nx.MultiDiGraph, node: str, n: int = 2, width: int = 160) -> list[str]:
    """Up to ``n`` evidence sentences of the node, from different papers, cut to about ``width``."""
    out = []
    for _, d in papers_of(graph, node):
        sentences, surfaces = d.get("sentence") or [], d.get("surface") or []
        if not sentences:
            continue
        sentence, surface = sentences[0], surfaces[0] if surfaces else ""
        at = max(sentence.find(surface), 0)
        start = max(0, min(at - width // 2, len(sentence) - width))
        snippet = sentence[start : start + width]
        out.append(("…" if start else "") + snippet + ("…" if start + width < len(sentence) else ""))
        if len(out) == n:
            break
    return out


def _paper_count(graph: nx.MultiDiGraph, node: str) -> int:
    count = graph.nodes[node].get("paper_count")
    return count if count is not None else len({p for p, _ in papers_of(graph, node)})


def _side(graph: nx.MultiDiGraph, node: str) -> Side:
    d = graph.nodes[node]
    return Side(node, d["name"], _paper_count(graph, node), list(d.get("aliases") or []), contexts(graph, node))


def suggest(
    graph: nx.MultiDiGraph,
    registry: Registry | None = None,
    threshold: float = DEFAULT_THRESHOLD,
    limit: int | None = None,
) -> list[Suggestion]:
    """Candidate merges among the graph's entity nodes, best first (see the module docstring)."""
    registry = registry or Registry()
    best: dict[tuple[str, str], tuple[float, str, str]] = {}
    for type_ in ENTITY_TYPES:
        holders: dict[str, set[str]] = defaultdict(set)  # key -> nodes with a name of that key
        shown: dict[str, str] = {}  # key -> a name as written
        for node, d in graph.nodes(data=True):
            if d.get("type") == type_:
                for name in _names(d):
                    holders[key(name)].add(node)
                    shown.setdefault(key(name), name)
        keys = sorted(holders)
        vectors = tfidf(keys)
        blocks: dict[Any, list[int]] = defaultdict(list)
        for i, k in enumerate(keys):
            blocks[signature(shown[k])].append(i)
        scored = [(1.0, k, k) for k in keys if len(holders[k]) > 1]
        for block in blocks.values():
            for i, j, score in similar_pairs([vectors[b] for b in block], threshold):
                scored.append((score, keys[block[i]], keys[block[j]]))
        for score, ka, kb in scored:
            for a in holders[ka]:
                for b in holders[kb]:
                    if a != b and score > best.get((min(a, b), max(a, b)), (-1.0, "", ""))[0]:
                        named = {a: shown[ka], b: shown[kb]}
                        best[(min(a, b), max(a, b))] = (score, named[min(a, b)], named[max(a, b)])
    out = []
    for (a, b), (score, ma, mb) in best.items():
        name_a, name_b, type_ = graph.nodes[a]["name"], graph.nodes[b]["name"], graph.nodes[a]["type"]
        if signature(name_a) != signature(name_b) or registry.decision(type_, name_a, name_b) is not None:
            continue
        if not (_paper_count(graph, a) or _paper_count(graph, b)):  # two hierarchy-only KB nodes
            continue
        out.append((score, type_, a, b, ma, mb))
    out.sort(key=lambda s: (-s[0], s[1], s[2], s[3]))
    suggestions = []
    for score, type_, a, b, ma, mb in out[:limit]:
        sa, sb = _side(graph, a), _side(graph, b)
        if (sb.paper_count, -len(sb.name)) > (sa.paper_count, -len(sa.name)):
            sa, sb, ma, mb = sb, sa, mb, ma
        suggestions.append(Suggestion(type_, score, sa, sb, (ma, mb)))
    return suggestions
