"""Abbreviation detection: Schwartz & Hearst (2003), "A simple algorithm for identifying
abbreviation definitions in biomedical text", PSB 2003.

A short form is a parenthesised span of at most two words, 2–10 characters, starting with a
letter or digit and holding a letter, after a long-form window of at most
``min(len(sf) + 5, 2 * len(sf))`` words. The long form is the shortest suffix of the window
in which the short form's characters occur in order, right to left, with the short form's
first character at the start of a word. As in scispaCy's ``AbbreviationDetector``, every
later use of the short form in the same document is then linked to the long form. Schwartz &
Hearst's other order, "SF (long form)", is read when the parentheses hold more than two words
and all of them are the long form ("FOCUS (Familiar Objects in Common and Uncommon Settings)"),
and so is "SF: Long Form", as titles and announcements write a name ("DeCLUTR: Deep Contrastive
Learning for Unsupervised Textual Representations"), when the capitals of the words after the
colon, to the end of the clause, are the short form's.

An acronym used without a definition whose capitals are the initials of a Title-Case name of
the same abstract ("IFM" after "an algorithm named Iterative Feature Merging", "MoHD" for
"Mixture of Hidden-Dimensions") is taken as that name's short form: :func:`initials_of`.

This module works on plain strings (character offsets) so that it is cheap and testable;
``kg.extract.components`` wraps it as the ``kg_abbreviations`` spaCy factory.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from kg.extract.lexicon import WORD_SPLIT

_PAREN = re.compile(r"\(([^()]{1,40})\)")
_WORD = re.compile(r"\S+")
_LIST_BREAK = re.compile(r"[;,]\s")
# "SF (long form)": parentheses of three or more words (no markup) after a word
_REVERSED = re.compile(r" \(([^()\\{}]{5,100})\)")
# "SF: Long Form": a word, a colon and a clause that opens with a capital
_COLON = re.compile(r"(?<![^\s(])([A-Za-z][\w\-]{1,9}):\s+([A-Z][^.,;:\n()]{3,100})")


@dataclass(frozen=True)
class Abbreviation:
    short: str
    long: str
    short_start: int
    long_start: int
    long_end: int


def _valid_short(sf: str) -> bool:
    return (
        2 <= len(sf) <= 10
        and len(sf.split()) <= 2
        and sf[0].isalnum()
        and any(c.isalpha() for c in sf)
        and any(c.isupper() for c in sf)
    )


def _core(sf: str) -> str:
    """The short form without a plural s ("LLMs": "LLM")."""
    return sf[:-1] if sf.endswith("s") and len(sf) > 2 and sf[:-1].isupper() else sf


def _window(core: str) -> int:
    """The most words a long form of the short form ``core`` spans (Schwartz & Hearst)."""
    return min(len(core) + 5, 2 * len(core))


def best_long_form(short: str, long: str) -> int | None:
    """Start index in ``long`` of the shortest long form matching ``short``, or None."""
    s_idx, l_idx = len(short) - 1, len(long) - 1
    while s_idx >= 0:
        c = short[s_idx].lower()
        if not c.isalnum():
            s_idx -= 1
            continue
        while l_idx >= 0 and (
            long[l_idx].lower() != c or (s_idx == 0 and l_idx > 0 and long[l_idx - 1].isalnum())
        ):
            l_idx -= 1
        if l_idx < 0:
            return None
        l_idx -= 1
        s_idx -= 1
    return max(long.rfind(c, 0, l_idx + 1) for c in " \n\t") + 1


def spelled_by_capitals(short: str, long: str) -> bool:
    """Whether the short form's capitals occur in order among the long form's capitals, as where
    a long form capitalises the letters its acronym takes ("Layer-wise Ensemble of different
    VIews" for LEVI)."""
    capitals = iter(acronym_capitals(long))
    return all(c in capitals for c in acronym_capitals(short))


def find_abbreviations(text: str) -> list[Abbreviation]:
    """Every "long form (SF)" definition in ``text``."""
    found: list[Abbreviation] = []
    for m in _PAREN.finditer(text):
        sf = m.group(1).strip()
        # "(SF; ...)" or "(SF, ...)": keep the part before the separator.
        sf = _LIST_BREAK.split(sf)[0].strip()
        sf_core = _core(sf)
        if not _valid_short(sf_core):
            continue
        before = text[: m.start()].rstrip()
        clause_start = max(before.rfind(c) for c in ".,;:()[]\n") + 1  # a long form holds no comma
        words = list(_WORD.finditer(before, clause_start))
        window = _window(sf_core)
        if not words:
            continue
        win_start = words[max(0, len(words) - window)].start()
        candidate = before[win_start:]
        rel = best_long_form(sf_core, candidate)
        if rel is None:
            continue
        long = candidate[rel:].strip(" ,-")
        long_start = win_start + rel
        if len(long) <= len(sf_core) or long.lower() == sf_core.lower() or len(long.split()) > window:
            continue
        found.append(Abbreviation(sf, long, m.start(1) + m.group(1).index(sf), long_start, long_start + len(long)))
    found.extend(_reversed_definitions(text))
    found.extend(_colon_definitions(text))
    return found


def _reversed_definitions(text: str) -> list[Abbreviation]:
    """Every "SF (long form)" definition: the long form is all of the parenthesised words, at most
    the window a long form may span, and the short form's characters occur in it in order."""
    found: list[Abbreviation] = []
    for m in _REVERSED.finditer(text):
        sf_start = max(text.rfind(" ", 0, m.start()), text.rfind("\n", 0, m.start())) + 1
        sf, long = text[sf_start : m.start()], m.group(1).strip()
        if "(" in sf or ")" in sf:
            continue
        core = _core(sf)
        n_words = len(long.split())
        if n_words < 3 or not _valid_short(core) or n_words > _window(core):
            continue
        start = best_long_form(core, long)
        # the long form is all of the parentheses: it opens with the short form's first letter, or
        # its capitals spell the short form ("ASPIRE (Language-guided data Augmentation for
        # SPurIous correlation REmoval)"), but not "NNs (which have non-Gaussian posteriors)"
        if start is None or (start > 0 and not spelled_by_capitals(core, long)):
            continue
        long_start = m.start(1) + m.group(1).index(long)
        found.append(Abbreviation(sf, long, sf_start, long_start, long_start + len(long)))
    return found


def _colon_definitions(text: str) -> list[Abbreviation]:
    """Every "SF: Long Form" definition: the clause after the colon, within the window a long form
    may span, whose capitals are the short form's and which opens with its first letter ("PASS:
    Pictures without humAns for Self-Supervision"; not "GAN: A Review of Generative Adversarial
    Networks")."""
    found: list[Abbreviation] = []
    if ": " not in text:
        return found
    for m in _colon_matches(text):
        sf, long = m.group(1), m.group(2).rstrip(" -")
        core = _core(sf)
        capitals = acronym_capitals(core)
        if (_valid_short(core) and len(capitals) >= 2 and long[0] == sf[0].upper()
                and len(long.split()) <= _window(core) and acronym_capitals(long) == capitals):
            found.append(Abbreviation(sf, long, m.start(1), m.start(2), m.start(2) + len(long)))
    return found


def _colon_matches(text: str) -> Iterator[re.Match[str]]:
    """The matches of :data:`_COLON` in ``text``, the same as its ``finditer``, tried only where the
    short form may start: at most ten characters before a colon (its letters hold none), after the
    colon before and the last match (a tenth of the time of a scan of every position)."""
    end, before = 0, -1  # where the last match ends; the colon before this one
    colon = text.find(":")
    while colon >= 0:
        for start in range(max(end, before + 1, colon - 10), colon - 1):
            m = _COLON.match(text, start)
            if m is not None:
                yield m
                end = m.end()
                break
        before, colon = colon, text.find(":", colon + 1)


_SMALL_WORDS = frozenset("of for and the to in on with a an by via".split())


def initials_of(name: str) -> str:
    """The capitals an acronym of a Title-Case name would have: the first letters of its words
    and hyphen parts, small words left out ("Mixture of Hidden-Dimensions" -> "MHD")."""
    parts = [p for p in WORD_SPLIT.split(name) if p and p.lower() not in _SMALL_WORDS]
    return "".join(p[0].upper() for p in parts if p[0].isalpha())


@lru_cache(maxsize=1 << 14)  # asked for every name-shaped word of most abstracts (short_forms_by_initials)
def acronym_capitals(short: str) -> str:
    """The capitals of a short form ("MoHD" -> "MHD", "LLMs" -> "LLM")."""
    return "".join(c for c in short if c.isupper())
