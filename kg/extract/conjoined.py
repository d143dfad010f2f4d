"""Conjoined modifiers that share one head: each conjunct with the head is a name of its own.

"image and video classification" names image classification and video classification,
"convolutional and recurrent neural networks" names both kinds of network, "supervised,
semi-supervised and self-supervised learning" three paradigms. This is the resolution of
coordination ellipsis in named-entity recognition (Buyko, Tomanek and Hahn 2007, "Resolution of
coordination ellipses in biological named entities using conditional random fields"), done here by
rule: a modifier written with "and" / "or" (and commas) right before a KB name of several words
takes the place of that name's first word, and the phrase it makes is kept when the KB knows it
with the type of the name it borrows the head from (a conjunct it does not know is skipped:
"semantic, panoptic and instance segmentation" still names semantic segmentation). The member's
surface is the whole compressed mention, as the annotation guidelines ask for members not written out.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from kg.extract.candidates import Candidate
from kg.extract.lexicon import Lexicon
from kg.kb.load import KBEntry

# the conjunct before "and" / "or" that ends right before a name, and any conjuncts listed before it
_LAST_CONJUNCT = re.compile(r"(?<![\w\-])([A-Za-z][A-Za-z\-]*[A-Za-z]),?\s+(?:and|or)\s+$")
_LISTED_CONJUNCT = re.compile(r"(?<![\w\-])([A-Za-z][A-Za-z\-]*[A-Za-z]),\s+$")
_MAX_CONJUNCTS = 3


def conjoined_members(chosen: list[Candidate], text: str, lex: Lexicon,
                      lookup: Callable[[str], KBEntry | None]) -> list[Candidate]:
    """The KB names that conjoined modifiers make with the head of a KB name after them."""
    out: list[Candidate] = []
    taken = [(c.start, c.end) for c in chosen]
    for c in chosen:
        if c.reason != "kb" or c.member or c.start < 4 or " " not in text[c.start : c.end]:
            continue
        head = text[c.start : c.end].split(" ", 1)[1]
        end = c.start
        m = _LAST_CONJUNCT.search(text, max(0, end - 40), end)
        for _ in range(_MAX_CONJUNCTS):
            if m is None:
                break
            start = m.start(1)
            modifier = m.group(1)
            if not _modifier(modifier, lex) or any(s < m.end(1) and start < e for s, e in taken):
                break
            entry = lookup(f"{modifier} {head}")
            if entry is not None and entry.type == c.type:  # a conjunct the KB does not know still lists
                out.append(Candidate(start, c.end, entry.type, entry.name, "kb", kb_id=entry.id, member=True))
            m = _LISTED_CONJUNCT.search(text, max(0, start - 40), start)
    return out


def _modifier(word: str, lex: Lexicon) -> bool:
    """A word that can modify a head: no stop word or verb, no head noun ("detection and instance
    segmentation" is two tasks already), no plural ("images and video classification")."""
    low = word.lower()
    plural = low.endswith("s") and not low.endswith(("ss", "us", "is"))
    return not plural and low not in lex.stop_modifiers and low not in lex.head_forms
