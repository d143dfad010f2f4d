"""Candidate entity spans of one text, and how overlapping candidates are resolved.

A :class:`Candidate` is a character span with a type, a proposed node name and the reason
it was found. Sources, in decreasing priority: the knowledge base (PhraseMatcher), acronym
definitions (Schwartz & Hearst), name-shaped words, and noun phrases ending in a typed head
noun. Overlaps are resolved greedily, longest span first (the leftmost-longest rule of
spaCy's ``filter_spans``), except that a noun phrase that only adds a generic head word to a
name ("Adam optimizer", "ImageNet dataset") yields to the name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from operator import attrgetter

from kg.model import EntityType

PRIORITY = {"kb": 4, "acronym": 3, "proposal": 3, "name_shape": 2, "repository": 2, "np_head": 1, "activity": 1,
            "ner": 1}

# Heads that add nothing to a name they follow ("BERT model" is BERT).
GENERIC_HEADS = frozenset(
    "model models method methods dataset datasets benchmark benchmarks framework frameworks "
    "architecture architectures algorithm algorithms optimizer optimizers network networks "
    "approach approaches technique techniques corpus corpora suite family variant variants "
    "backbone backbones metric metrics score task tasks system systems encoder encoders".split()
)

# A split is whitespace after ., ! or ? before a capital, digit, quote or bracket, or a run of
# newlines. The pattern opens with a character class (the punctuation mark or the newline) so that
# re scans for its first character in C instead of trying the pattern at every position (4x).
_SENT_END = re.compile(r"""[.!?\n](?:(?<=[.!?])\s+(?=[A-Z0-9"'(\[])|(?<=\n)\n*)""")


@dataclass(slots=True)  # a build makes and reads millions: slots are faster to do both with
class Candidate:
    start: int
    end: int
    type: EntityType
    name: str
    reason: str
    kb_id: str | None = None
    proposed: bool = False
    long_form: str | None = None
    ambiguous: tuple[str, ...] = field(default=())  # other KB ids this surface may mean
    weak: bool = False  # kept only if the paper proposes it
    member: bool = False  # one member of a compressed mention; members may share characters

    @property
    def length(self) -> int:
        return self.end - self.start


def sentence_bounds(text: str) -> list[tuple[int, int]]:
    """Sentence (start, end) offsets: a split after ., ! or ? before a capital, and at newlines."""
    bounds, start = [], 0
    for m in _SENT_END.finditer(text):
        end = m.start()
        bounds.append((start, end if text[end] == "\n" else end + 1))  # the mark ends its sentence
        start = m.end()
    bounds.append((start, len(text)))
    return [(s, e) for s, e in bounds if e > s]


def _covered_by_name(np: Candidate, names: list[Candidate], text: str) -> bool:
    """True when ``np`` is a name candidate followed only by generic head words
    ("Adam optimizer", "CNN model architectures"); ``names`` start where ``np`` does."""
    for c in names:
        if c.end < np.end:
            rest = text[c.end : np.end].lower().split()
            if rest and all(w in GENERIC_HEADS for w in rest):
                return True
    return False


_START = attrgetter("start")


def resolve(candidates: list[Candidate], text: str) -> list[Candidate]:
    """Non-overlapping candidates: longest first, then by source priority, then leftmost."""
    names_at: dict[int, list[Candidate]] = {}  # by start: a phrase is only tested against the names it opens with
    for c in candidates:
        if c.reason != "np_head":
            names_at.setdefault(c.start, []).append(c)
    pool = [c for c in candidates
            if c.reason != "np_head" or c.start not in names_at or not _covered_by_name(c, names_at[c.start], text)]
    # longest first, then by priority, then leftmost: the key (start - end, -priority, start) as one int, which
    # sorts faster than the tuple (priorities are 0 to 4, starts below len(text) + 1)
    width = len(text) + 1
    pool.sort(key=lambda c: ((c.start - c.end) * 8 - PRIORITY.get(c.reason, 0)) * width + c.start)
    taken: list[Candidate] = []
    occupied = bytearray(len(text) + 1)  # 1: by a candidate, 2: by members of a compressed mention
    for c in pool:
        start, end = c.start, c.end
        span = occupied[start:end]
        if any(span) and not (c.member and 1 not in span):
            continue
        occupied[start:end] = (b"\x02" if c.member else b"\x01") * (end - start)
        taken.append(c)
    taken.sort(key=_START)
    return taken
