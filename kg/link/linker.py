"""Resolve every mention of the corpus to one canonical node.

Order of evidence, strongest first, each recorded as the alias's reason:

1. ``kb``: the mention matched a knowledge-base entry (its canonical name, type, parent and
   external ids win);
2. ``accepted``: a merge a person accepted in the alias registry (:mod:`kg.link.registry`);
3. ``acronym``: a short form resolves to the long form defined in its own abstract, else to
   the long form the corpus defines most often for it, the abstract's words breaking ties
   (ambiguous acronyms: SAM, PPO, RL are decided per paper, and the decision is kept);
4. ``normalisation``: spellings with the same :func:`kg.link.normalize.key` and type.

A bare task word ("classification") is the paper's own longer task of that head written short
("text-video retrieval ... retrieval"), else it names the task of the paper's domain ("image
classification" in a paper about images; config/link.toml), reason ``context``; in a paper of
none of its domains it names no entity.
Name-shaped words the KB does not know take the type most of their mentions in the corpus
have (a corpus-level vote; the rules type a name a Dataset or Metric only from its context and
make it a Method without any, so one Dataset or Metric mention weighs as much as four Method
mentions, and ties go to Dataset, then Metric: "the ICDAR 2015 benchmark" in one abstract types
the bare "ICDAR" of others), unless their family is a KB entry
("ImageNet-E" takes the type of ImageNet). Variants get a ``parent`` (VARIANT_OF) when
stripping a version, size or number from their name gives another node of the same type or a
KB entry; tasks get the parent task the KB (or the imported Papers with Code hierarchy) gives.
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from kg.graph.ids import entity_id
from kg.kb.load import KBEntry, KnowledgeBase
from kg.link.normalize import family_candidates, key, without_task_words
from kg.model import Entity, Extraction, Mention, Paper, ResultMention

_WORDS = re.compile(r"[a-z]{4,}")
_TOKENS = re.compile(r"[a-z0-9]+")
# what one name-shape mention typed by its context weighs against one typed Method by default
_CONTEXT_WEIGHT = 4
LINK_CONFIG = Path(__file__).resolve().parents[2] / "config" / "link.toml"


def load_bare_tasks(path: Path = LINK_CONFIG) -> dict[str, dict[str, frozenset[str]]]:
    with path.open("rb") as fh:
        cfg = tomllib.load(fh)
    return {bare: {task: frozenset(words) for task, words in opts.items()}
            for bare, opts in cfg.get("bare_tasks", {}).items()}


class PaperWords:
    """The lower-cased words of one paper's title and abstract, made on first use: only a bare
    task word (its tokens) or an acronym the corpus defines more than one way (its words of four
    letters or more) needs them, and most papers have neither."""

    def __init__(self, paper: Paper) -> None:
        self.paper = paper

    @cached_property
    def _low(self) -> str:
        return self.paper.text.lower()

    @cached_property
    def words(self) -> set[str]:
        return set(_WORDS.findall(self._low))

    @cached_property
    def tokens(self) -> Counter[str]:
        return Counter(_TOKENS.findall(self._low))


@dataclass
class PaperLinks:
    """One paper's resolved mentions: entity id → its mentions, and the ids it proposes."""

    extraction: Extraction
    mentions: dict[str, list[Mention]] = field(default_factory=dict)
    proposed: set[str] = field(default_factory=set)
    results: list[tuple[ResultMention, dict[str, str]]] = field(default_factory=list)


@dataclass
class LinkedCorpus:
    entities: dict[str, Entity]
    papers: list[PaperLinks]
    decisions: list[dict[str, str]]  # ambiguous acronyms resolved: paper, short form, chosen, reason


class Linker:
    def __init__(self, kb: KnowledgeBase, accepted: Iterable[tuple[str, str, str]] = ()) -> None:
        self.kb = kb
        self.by_id: dict[str, KBEntry] = {e.id: e for e in kb.entries}
        self.kb_keys: dict[tuple[str, str], KBEntry] = {}
        any_type: dict[str, set[str]] = defaultdict(set)
        for e in kb.entries:
            for alias in (e.name, *e.aliases):
                self.kb_keys.setdefault((e.type, key(alias)), e)
                any_type[key(alias)].add(e.id)
        # names whose KB entry is unique across types: they fix the type of a name-shaped word
        self.kb_unique = {k: self.by_id[next(iter(ids))] for k, ids in any_type.items() if len(ids) == 1}
        # accepted merges: (type, key(alias)) -> canonical name
        self.accepted = {(t, key(alias)): canonical for t, canonical, alias in accepted}
        self.bare_tasks = load_bare_tasks()
        self.long_forms: dict[str, tuple[str, str]] = {}  # key(long form) -> (type, name), per corpus

    def _bare_task(self, m: Mention, ex: Extraction, text: PaperWords) -> Mention | None:
        """A bare task word is the abstract's own task of that head written short ("text-video
        retrieval ... retrieval"), the title's first if the abstract names several, unless a dataset
        names it ("ImageNet classification" is the domain's task); else "classification" in a paper
        about images → "image classification" (reason context); in a paper of none of the domains, a
        bare task word names no entity (None)."""
        bare = m.name.lower()
        options = self.bare_tasks.get(bare) if m.type == "Task" else None
        if not options:
            return m
        if not any(o.type == "Dataset" and o.field == m.field and m.start - 2 <= o.end < m.start for o in ex.mentions):
            longer = [o for o in ex.mentions if o.type == "Task" and o.name.lower().endswith((" " + bare, "-" + bare))]
            if len({key(o.name) for o in longer}) > 1:
                longer = [o for o in longer if o.field == "title"] or longer
            if longer:
                return Mention(m.surface, m.field, m.start, m.end, m.type, longer[0].name, "context", m.sentence,
                               kb_id=longer[0].kb_id, proposed=m.proposed)
        best, hits = None, 0
        for task, words in options.items():
            n = sum(text.tokens[w] for w in words)
            if n > hits:
                best, hits = task, n
        if best is None:
            return None
        return Mention(m.surface, m.field, m.start, m.end, m.type, best, "context", m.sentence,
                       proposed=m.proposed)

    # -- one mention -------------------------------------------------------------------------
    def _target(self, m: Mention, type_: str) -> tuple[str, str, str, KBEntry | None]:
        """(type, canonical key, reason, KB entry) a mention resolves to."""
        if m.kb_id and m.kb_id in self.by_id:
            e = self.by_id[m.kb_id]
            return e.type, key(e.name), "kb", e
        k = key(m.name)
        if (type_, k) in self.accepted:
            canonical = self.accepted[(type_, k)]
            entry = self.kb_keys.get((type_, key(canonical)))
            return type_, key(canonical), "accepted", entry
        if m.reason == "acronym" and m.long_form:
            # the abstract's own definition decides, not a KB name that only looks alike (POT ≠ PoT)
            entry = self.kb_keys.get((type_, key(m.long_form)))
            defined = self.long_forms.get(key(m.long_form))
        else:
            entry = self.kb_keys.get((type_, k))
            if entry is None and m.reason != "context":  # a bare task word is the task it was given
                entry = self.kb_keys.get((type_, key(m.surface)))
            if entry is None and type_ == "Metric":
                entry = self.kb_keys.get((type_, key(without_task_words(m.name))))
            defined = self.long_forms.get(k) or self.long_forms.get(key(m.surface))
        if entry is None and defined is not None:
            return defined[0], key(defined[1]), "acronym", None
        if entry is None and m.reason == "name_shape":  # its type was a guess; the KB knows better
            entry = self.kb_unique.get(k)
            if entry is not None and m.surface.isupper() and not entry.spells_with_capitals(m.surface):
                entry = None  # "RECALL", the paper's method, is no recall
            family = self.kb_unique.get(key(m.name.split("-")[0])) if entry is None and "-" in m.name else None
            if family is not None:  # ImageNet-E is a dataset as ImageNet is, BERT-wwm a method as BERT
                type_ = family.type
        if entry is not None:
            return entry.type, key(entry.name), "kb", entry
        return type_, k, m.reason if m.reason in ("acronym", "context") else "normalisation", None

    # -- the corpus --------------------------------------------------------------------------
    def link(self, extractions: Iterable[Extraction]) -> LinkedCorpus:
        extractions = list(extractions)
        self.long_forms = {}
        votes: dict[str, Counter[str]] = defaultdict(Counter)
        definitions: dict[str, Counter[str]] = defaultdict(Counter)  # short form -> long-form names
        for ex in extractions:
            for m in ex.mentions:
                if m.reason == "name_shape":
                    votes[key(m.name)][m.type] += 1 if m.type == "Method" else _CONTEXT_WEIGHT
                if m.reason == "acronym" and m.long_form:
                    if m.surface != m.long_form:
                        definitions[_short(m.surface)][f"{m.type}\t{m.name}"] += 1
                    # one entity per long form, however each abstract names it (DRO or "distributionally
                    # robust optimization"), and the long form written out elsewhere is that entity too
                    self.long_forms.setdefault(key(m.long_form), (m.type, m.name))

        voted = {k: _majority(counts) for k, counts in votes.items()}

        names: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
        aliases: dict[tuple[str, str], dict[str, str]] = defaultdict(dict)
        entries: dict[tuple[str, str], KBEntry] = {}
        decisions: list[dict[str, str]] = []
        papers: list[PaperLinks] = []
        resolved_per_paper: list[list[tuple[tuple[str, str], Mention]]] = []
        for ex in extractions:
            text = PaperWords(ex.paper)
            resolved = []
            for mention in ex.mentions:
                m = self._bare_task(self._corpus_acronym(mention, ex, definitions, text, decisions), ex, text)
                if m is None:
                    continue
                type_ = voted[key(m.name)] if m.reason == "name_shape" and not m.kb_id else m.type
                t, k, reason, entry = self._target(m, type_)
                node = (t, k)
                if entry is not None:
                    entries[node] = entry
                names[node][m.name if entry is None else entry.name] += 1
                if reason != "context":  # a bare "classification" is no alias of "image classification"
                    node_aliases = aliases[node]  # one reason for both: read sorted, so in any order
                    node_aliases.setdefault(m.surface, reason)
                    node_aliases.setdefault(m.name, reason)
                resolved.append((node, m))
            resolved_per_paper.append(resolved)

        entities: dict[str, Entity] = {}
        node_ids: dict[tuple[str, str], str] = {}
        for node in sorted(names):
            entry = entries.get(node)
            name = entry.name if entry else min(names[node].items(), key=lambda kv: (-kv[1], len(kv[0]), kv[0]))[0]
            ent = self._entity(entry) if entry is not None else Entity(type=node[0], name=name)
            for alias, reason in sorted(aliases[node].items()):
                ent.aliases.setdefault(alias, reason)
            ent.aliases.pop(name, None)
            eid = entity_id(node[0], name)
            entities[eid] = ent
            node_ids[node] = eid
        self._add_families(entities)

        for ex, resolved in zip(extractions, resolved_per_paper, strict=True):
            pl = PaperLinks(ex)
            for node, m in resolved:
                eid = node_ids[node]
                pl.mentions.setdefault(eid, []).append(m)
                if m.proposed:
                    pl.proposed.add(eid)
            if ex.results:  # most papers report none: no maps to build
                pl.results = self._result_ids(ex, resolved, pl, entities, node_ids)
            papers.append(pl)
        return LinkedCorpus(entities, papers, decisions)

    @staticmethod
    def _result_ids(ex: Extraction, resolved: list[tuple[tuple[str, str], Mention]], pl: PaperLinks,
                    entities: dict[str, Entity], node_ids: dict[tuple[str, str], str],
                    ) -> list[tuple[ResultMention, dict[str, str]]]:
        """Each result of the paper with the ids of the entities it names, by role."""
        by_name = {entities[eid].name: eid for eid in pl.mentions}
        by_mention = {m.name: node_ids[node] for node, m in resolved}
        out = []
        for r in ex.results:
            ids = {}
            for role, value in (("method", r.method), ("dataset", r.dataset), ("metric", r.metric), ("task", r.task)):
                eid = by_mention.get(value) or by_name.get(value) if value else None
                if eid is not None and entities[eid].type == role.capitalize():  # the linker may retype
                    ids[role] = eid
            out.append((r, ids))
        return out

    def _corpus_acronym(
        self, m: Mention, ex: Extraction, definitions: dict[str, Counter[str]], text: PaperWords,
        decisions: list[dict[str, str]],
    ) -> Mention:
        """A bare short form (not defined in this abstract) takes a long form the corpus defines."""
        if m.reason != "name_shape" or m.kb_id:
            return m
        short = _short(m.surface)
        if short in ex.abbreviations or short not in definitions:
            return m
        options = definitions[short]
        if len(options) == 1:
            best = next(iter(options))
        else:  # the abstract's words decide, then the corpus's counts
            def score(opt: str) -> tuple[int, int]:
                return (len(text.words & set(_WORDS.findall(opt.lower()))), options[opt])
            best = max(sorted(options), key=score)
            decisions.append({"paper": ex.paper.title, "short": short, "chosen": best.split("\t")[1],
                              "reason": "context" if score(best)[0] else "most frequent definition"})
        type_, name = best.split("\t")
        return Mention(m.surface, m.field, m.start, m.end, type_, name, "acronym", m.sentence,  # type: ignore[arg-type]
                       proposed=m.proposed, long_form=name)

    def _entity(self, entry: KBEntry) -> Entity:
        ent = Entity(type=entry.type, name=entry.name, parent=entry.parent,
                     aliases={a: "kb" for a in entry.aliases if a != entry.name})
        ent.external = {k: v for k, v in (("wikidata", entry.wikidata), ("pwc", entry.pwc), ("hf", entry.hf)) if v}
        return ent

    def _add_families(self, entities: dict[str, Entity]) -> None:
        """VARIANT_OF parents for variants whose family is a node or a KB entry; KB parents
        that no paper mentions become nodes too, so that the hierarchy is whole."""
        by_key = {(e.type, key(e.name)): e.name for e in entities.values()}
        for ent in list(entities.values()):
            if ent.parent:
                continue
            for base in family_candidates(ent.name):
                parent = by_key.get((ent.type, key(base)))
                entry = self.kb_keys.get((ent.type, key(base)))
                if parent or entry:
                    ent.parent = parent or entry.name  # type: ignore[union-attr]
                    break
        todo = [e for e in entities.values() if e.parent]
        while todo:
            ent = todo.pop()
            if (ent.type, key(ent.parent)) in by_key:  # type: ignore[arg-type]
                continue
            entry = self.kb_keys.get((ent.type, key(ent.parent)))  # type: ignore[arg-type]
            if entry is None:
                ent.parent = None
                continue
            parent = self._entity(entry)
            entities[entity_id(parent.type, parent.name)] = parent
            by_key[(parent.type, key(parent.name))] = parent.name
            if parent.parent:
                todo.append(parent)


def _majority(counts: Counter[str]) -> str:
    """The type with the most votes (a Dataset or Metric mention counts :data:`_CONTEXT_WEIGHT`
    times); ties go to Dataset, then Metric, Method: a name-shaped word is a Dataset or Metric only
    by its context, a Method also without any ("NORB is trained within five epochs" after
    "benchmarks for object classification (NORB, CIFAR10)")."""
    best = max(counts.values())
    return next(t for t in ("Dataset", "Metric", "Method", "Task") if counts[t] == best)


def _short(surface: str) -> str:
    return surface[:-1] if surface.endswith("s") and surface[:-1].isupper() else surface
