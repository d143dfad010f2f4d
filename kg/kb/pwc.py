"""Import a Papers with Code archive into the local KB cache (``kg kb import-pwc``).

Reads the archive layout of ``../shared/kb/pwc-archive`` (see its SOURCE.md):

* tasks: ``all_tasks.txt``, the ``Task Name`` column of ``*_tasks_detailed.csv``, parents from
  ``task_hierarchy.csv`` (``Parent Task`` → ``Child Tasks``) and the ``Subtasks`` column,
  aliases from ``synonyms.csv``; ``research_areas.csv`` lists fields (Computer Vision, Time
  Series, ...) rather than tasks: a task of that name elsewhere in the archive is dropped;
* datasets and metrics: the ``Common Datasets``, ``Benchmarks`` and ``SOTA Metrics`` columns;
* ``leaderboards/*.json`` (sota-extractor format): tasks with subtasks and synonyms, datasets,
  metrics, and model names as Methods (trailing qualifiers such as "(single model)" removed).

Every candidate goes through :func:`kg.kb.filters.reject_reason`; metrics seen only once in the
whole archive are dropped as well (one-off leaderboard columns), and so are tasks the extractor's
head lists read as techniques (:func:`names_a_technique`). A candidate whose name is
already a surface of a curated entry is kept only to add aliases and a slug to it (or dropped if
the curated entry has another type); names found with two types keep the first of Task, Dataset,
Metric, Method. The cache is written atomically, sorted, so running the import twice gives the
same file. The data is CC BY-SA 4.0: it is read from a path at run time and never committed.
"""

from __future__ import annotations

import csv
import json
import os
import re
import tempfile
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from kg.extract.lexicon import WORD_SPLIT, default_lexicon, singular
from kg.graph.ids import entity_id
from kg.kb.filters import NOT_NAMES, EnglishLexicon, reject_reason
from kg.kb.load import KBEntry, KnowledgeBase, normalise
from kg.model import EntityType

TYPE_ORDER = ("Task", "Dataset", "Metric", "Method")
MIN_METRIC_COUNT = 2
_ACRONYM = re.compile(r"^(.*\S)\s*\(([A-Z][A-Za-z0-9\-]{1,9})\)$")
_QUALIFIER = re.compile(r"(\s*[\(\[\{][^()\[\]{}]*[\)\]\}])+\s*$")


@dataclass
class Candidate:
    type: str
    name: str
    aliases: list[str] = field(default_factory=list)
    parent: str | None = None
    count: int = 0


@dataclass
class ImportReport:
    """What an import read, kept, merged into curated entries and dropped (by reason)."""

    read: Counter[str] = field(default_factory=Counter)  # by type
    kept: Counter[str] = field(default_factory=Counter)  # new entries, by type
    merged: Counter[str] = field(default_factory=Counter)  # enrich a curated entry, by type
    dropped: Counter[str] = field(default_factory=Counter)  # by reason
    path: Path | None = None

    def lines(self) -> list[str]:
        def by_type(c: Counter[str]) -> str:
            return ", ".join(f"{t} {c[t]}" for t in TYPE_ORDER if c[t])

        out = [
            f"read     {sum(self.read.values()):6d}  ({by_type(self.read)})",
            f"kept     {sum(self.kept.values()):6d}  ({by_type(self.kept)})",
            f"merged   {sum(self.merged.values()):6d}  into curated entries ({by_type(self.merged)})",
            f"dropped  {sum(self.dropped.values()):6d}",
        ]
        out += [f"  {reason:26s} {n:6d}" for reason, n in self.dropped.most_common()]
        if self.path:
            out.append(f"wrote {self.path}")
        return out


def clean(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().strip('"').rstrip(":").strip()


def split_acronym(name: str) -> tuple[str, list[str]]:
    """"Optical Character Recognition (OCR)" → ("Optical Character Recognition", ["OCR"]).

    The short form must start with the long form's first letter and have its letters in order
    in the long form (the test of Schwartz & Hearst, 2003); "3D Object Detection (RoI)" stays whole.
    """
    m = _ACRONYM.match(name)
    if not m or sum(c.isupper() for c in m[2]) < 2 or m[1][0].lower() != m[2][0].lower():
        return name, []
    rest = iter(m[1].lower())
    if all(ch in rest for ch in m[2].lower() if ch.isalnum()):
        return m[1], [m[2]]
    return name, []


def _split(cell: str | None) -> list[str]:
    """A semicolon-separated cell; a trailing "..." marks a list the archive truncated."""
    items = [clean(x) for x in (cell or "").split(";")]
    return [x for x in items if x and x not in ("N/A", "...") and not x.endswith("...")]


def model_name(raw: str) -> str:
    """A leaderboard model string without trailing qualifiers: "BERT (single model)" → "BERT"."""
    return clean(_QUALIFIER.sub("", clean(raw)))


def task_slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


class _Collector:
    def __init__(self) -> None:
        self.items: dict[tuple[str, str], Candidate] = {}
        self.areas: set[str] = set()  # normalised research areas: fields, not tasks

    def add(self, type_: str, name: str, *, aliases: list[str] = (), parent: str | None = None) -> None:
        name, acronyms = split_acronym(clean(name))
        aliases = [*aliases, *acronyms]
        if parent:
            parent = split_acronym(clean(parent))[0]
        if not name:
            return
        key = (type_, normalise(name))
        cand = self.items.setdefault(key, Candidate(type_, name))
        cand.count += 1
        cand.aliases += [a for a in aliases if a not in cand.aliases and normalise(a) != key[1]]
        if parent and not cand.parent and normalise(parent) != key[1]:
            cand.parent = parent


def _csv_rows(path: Path) -> Iterator[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        yield from csv.DictReader(fh, skipinitialspace=True)


def _walk_leaderboard_task(task: dict, parent: str | None, col: _Collector) -> None:
    name = clean(task.get("task", ""))
    col.add("Task", name, aliases=[clean(s) for s in task.get("synonyms") or []], parent=parent)
    for ds in task.get("datasets") or []:
        for table in [ds, *(ds.get("subdatasets") or [])]:
            col.add("Dataset", table.get("dataset", ""))
            sota = table.get("sota") or {}
            for metric in sota.get("metrics") or []:
                col.add("Metric", metric)
            for row in sota.get("rows") or []:
                col.add("Method", model_name(row.get("model_name", "")))
    for sub in task.get("subtasks") or []:
        _walk_leaderboard_task(sub, name or parent, col)


def collect(archive: Path) -> _Collector:
    """Every candidate name of the archive, with aliases, parents and occurrence counts."""
    col = _Collector()
    for row in _csv_rows(archive / "task_hierarchy.csv"):
        parent = clean(row.get("Parent Task", ""))
        col.add("Task", parent)
        for child in _split(row.get("Child Tasks")):
            col.add("Task", child, parent=parent)
    for path in sorted(archive.glob("*_tasks_detailed.csv")):
        for row in _csv_rows(path):
            task = clean(row.get("Task Name", ""))
            col.add("Task", task)
            for sub in _split(row.get("Subtasks")):
                col.add("Task", sub, parent=task)
            for column in ("Common Datasets (Top 10)", "Benchmarks"):
                for ds in _split(row.get(column)):
                    col.add("Dataset", ds)
            for metric in _split(row.get("SOTA Metrics")):
                col.add("Metric", metric)
    for path in sorted(archive.glob("all_tasks*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            col.add("Task", line)
    areas = archive / "research_areas.csv"
    if areas.is_file():
        col.areas = {normalise(clean(row.get("Research Area", ""))) for row in _csv_rows(areas)} - {""}
    synonyms = archive / "synonyms.csv"
    if synonyms.is_file():
        for row in _csv_rows(synonyms):
            col.add("Task", row.get("task", ""), aliases=[clean(row.get("synonym", ""))])
    for path in sorted((archive / "leaderboards").glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        for task in data if isinstance(data, list) else [data]:
            _walk_leaderboard_task(task, None, col)
    return col


def names_a_technique(name: str, head_lists: Mapping[EntityType, frozenset[str]]) -> bool:
    """A task named by one of the extractor's Method heads and none of its Task heads ("Deep
    Hashing", "Binarization", "Sentence Embeddings", "Unsupervised Pre-training"): a technique,
    a Method by the annotation guidelines. As a KB Task it would retype every phrase ending in
    it ("vision-language driven image augmentation"), so it is left to the extractor's rules."""
    head = singular(WORD_SPLIT.split(name.lower())[-1])
    return head in head_lists["Method"] and head not in head_lists["Task"]


def select(
    col: _Collector, curated: KnowledgeBase, lexicon: EnglishLexicon,
    head_lists: Mapping[EntityType, frozenset[str]] | None = None,
) -> tuple[list[KBEntry], ImportReport]:
    """Filter the candidates; the entries to cache and the report. ``head_lists``: the head
    words of each type (default: the extractor's, config/extract.toml)."""
    head_lists = head_lists or default_lexicon().head_lists
    report = ImportReport()
    surfaces = {normalise(s): e for e in curated.entries for s in e.surfaces}
    seen: set[str] = set()
    kept: list[Candidate] = []
    for type_ in TYPE_ORDER:
        for (t, key), cand in sorted(col.items.items()):
            if t != type_:
                continue
            report.read[type_] += 1
            hit = surfaces.get(key)
            if hit is not None and hit.type != type_:
                reason = "curated-other-type"
            elif hit is not None:
                reason = None
                report.merged[type_] += 1
            elif key in seen:
                reason = "type-conflict"
            elif type_ == "Task" and key in col.areas:  # "Computer Vision", "Time Series"
                reason = "research-area"
            elif cand.name in NOT_NAMES:  # "SOTA", "CPU" (as an alias of its long form, "OCR" is kept)
                reason = "not-a-name"
            elif type_ == "Metric" and cand.count < MIN_METRIC_COUNT:
                reason = reject_reason(cand.name, type_, lexicon) or "rare-metric"
            else:
                reason = reject_reason(cand.name, type_, lexicon)
                if reason is None and type_ == "Task" and names_a_technique(cand.name, head_lists):
                    reason = "method-head"
            if reason:
                report.dropped[reason] += 1
                continue
            seen.add(key)
            if hit is None:
                report.kept[type_] += 1
            kept.append(cand)
    names = {(c.type, normalise(c.name)) for c in kept}
    names |= {(e.type, normalise(s)) for e in curated.entries for s in e.surfaces}
    entries = []
    for c in kept:
        aliases = [a for a in c.aliases if a and not reject_reason(a, c.type, lexicon)]
        parent = c.parent if c.parent and (c.type, normalise(c.parent)) in names else None
        entries.append(
            KBEntry(
                id=entity_id(c.type, c.name),
                type=c.type,
                name=c.name,
                aliases=tuple(aliases),
                parent=parent,
                pwc=task_slug(c.name) if c.type == "Task" else None,
                source="pwc",
            )
        )
    return sorted(entries, key=lambda e: (TYPE_ORDER.index(e.type), e.name.casefold(), e.name)), report


def write_atomic(path: Path, entries: list[KBEntry]) -> None:
    """Write the JSONL cache through a temporary file and a rename, so readers never see half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".pwc-", suffix=".jsonl", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            for e in entries:
                fh.write(json.dumps(e.to_json(), ensure_ascii=False) + "\n")
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


def import_pwc(
    archive: Path, cache: Path, curated: KnowledgeBase, lexicon: EnglishLexicon | None = None
) -> ImportReport:
    """Import ``archive`` into the cache file ``cache``; returns the report."""
    if not (archive / "task_hierarchy.csv").is_file():
        raise FileNotFoundError(f"{archive} does not look like a Papers with Code archive (no task_hierarchy.csv)")
    entries, report = select(collect(archive), curated, lexicon or EnglishLexicon())
    write_atomic(cache, entries)
    report.path = cache
    return report
