"""Gold-format JSONL → spaCy ``DocBin`` training data for the optional NER component.

A gold line is ``{"title", "abstract"?, "entities": [{"type", "name", "surface": [...]}]}``
(the format of ``../shared/gold/``); the text of a paper is the extractor's own,
``title + "\\n" + abstract``, with the abstract from the gold line or from a matching input
line (same title). Every occurrence of every surface (whole words, exact case) becomes a
span labelled with the entity's type; overlapping spans keep the longest, leftmost first
(spaCy's ``filter_spans``); every token outside a span is "O" (spaCy's ``doc.ents`` setter).
A surface that does not occur in the text, or whose characters do not fall on token
boundaries, is reported, never fatal.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, DocBin, Span
from spacy.util import filter_spans

from kg.model import ENTITY_TYPES


@dataclass
class Problem:
    line: int
    title: str
    surface: str
    reason: str  # "missing" | "misaligned" | "no abstract"


@dataclass
class Conversion:
    docs: list[Doc] = field(default_factory=list)
    spans: int = 0
    problems: list[Problem] = field(default_factory=list)

    def summary(self) -> dict[str, Any]:
        reasons: dict[str, int] = {}
        for p in self.problems:
            reasons[p.reason] = reasons.get(p.reason, 0) + 1
        return {"docs": len(self.docs), "spans": self.spans, "problems": reasons}


def read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    with Path(path).open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def surface_spans(text: str, surface: str) -> list[tuple[int, int]]:
    """Character (start, end) of every whole-word occurrence of ``surface`` in ``text``."""
    pattern = rf"(?<!\w){re.escape(surface)}(?!\w)"
    return [(m.start(), m.end()) for m in re.finditer(pattern, text)]


def gold_doc(nlp: Language, text: str, gold: dict[str, Any], line: int, out: Conversion) -> Doc:
    """The tokenised ``text`` with the gold line's entities as ``doc.ents``."""
    doc = nlp.make_doc(text)
    spans: list[Span] = []
    for entity in gold.get("entities", []):
        if entity.get("type") not in ENTITY_TYPES:
            continue
        for surface in entity.get("surface") or [entity["name"]]:
            found = surface_spans(text, surface)
            if not found:
                out.problems.append(Problem(line, gold["title"], surface, "missing"))
            for start, end in found:
                span = doc.char_span(start, end, label=entity["type"])
                if span is None:
                    out.problems.append(Problem(line, gold["title"], surface, "misaligned"))
                else:
                    spans.append(span)
    doc.ents = filter_spans(spans)
    out.spans += len(doc.ents)
    return doc


def convert(nlp: Language, gold_lines: Iterable[dict[str, Any]],
            inputs: Iterable[dict[str, Any]] = ()) -> Conversion:
    """Docs with gold entities; abstracts from the gold lines, else from ``inputs`` by title."""
    abstracts = {i["title"]: i.get("abstract") or "" for i in inputs}
    out = Conversion()
    for line, gold in enumerate(gold_lines, 1):
        abstract = gold.get("abstract") or abstracts.get(gold["title"])
        if abstract is None:
            out.problems.append(Problem(line, gold["title"], "", "no abstract"))
            abstract = ""
        out.docs.append(gold_doc(nlp, f"{gold['title']}\n{abstract}", gold, line, out))
    return out


def write_docbin(docs: Iterable[Doc], path: Path) -> Path:
    DocBin(docs=docs, store_user_data=False).to_disk(path)
    return path
