"""Hugging Face trending-papers page dumps (text copied from https://huggingface.co/papers/trending).

Two layouts occur: (a) a header (the page's badge, newsletter prompt, Subscribe button and
curator by-line, then a date such as ``Mar 12``; see :data:`BOILERPLATE`), then
title and abstract paragraphs separated by blank lines; (b) no blank lines, the header's
``Subscribe`` glued to the first title (``SubscribeVisualQuality-R1: ...``), titles and
abstracts on alternate lines. Both are read the same way: every non-blank line is a
title or an abstract, and a small state machine pairs each title with the abstract that
follows it. The pairing does not trust strict alternation, so a missing abstract, an
abstract with no title, or a stray line costs one Reject, not the rest of the file.

Boilerplate lines are skipped unless an abstract follows them (then they are a title that
happens to look like a header). An abstract is a line of 300+ characters, or one ending in
a full stop with 15+ words; a title is a line under 300 characters not ending in a full
stop. In between, the position decides.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

from kg.ingest.record import preview, to_paper
from kg.model import Paper, Reject, Source

# The page's own lines: its "new" badge, the newsletter prompt (two wordings), the Subscribe
# button and the curator's by-line; matched loosely so that small rewordings still count.
BOILERPLATE = re.compile(
    r"new|subscribe|get trending papers in your e-?mail inbox( once a day)?!?|by ?ak and the research community",
    re.IGNORECASE,
)
_DATE = re.compile(r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]* \d{1,2}(?:, \d{4})?")
_GLUED = re.compile(r"Subscribe(?=[^\sa-z])")
_STRAY = re.compile(r"[\W\d_]*")  # no letter at all: counters, bullets, separators
HF_NAMES: dict[str, tuple[str, ...]] = {"title": ("title",), "abstract": ("abstract",)}
ABSTRACT_CHARS = 300
ABSTRACT_WORDS = 15


def looks_like_abstract(line: str) -> bool:
    return len(line) >= ABSTRACT_CHARS or (line.endswith(".") and len(line.split()) >= ABSTRACT_WORDS)


def looks_like_title(line: str) -> bool:
    return len(line) < ABSTRACT_CHARS and not line.endswith(".")


def is_header(line: str) -> bool:
    return bool(BOILERPLATE.fullmatch(line) or _DATE.fullmatch(line))


def content_lines(text: str) -> list[tuple[int, str]]:
    """Non-blank lines with their 1-based numbers; skipped headers out, a glued ``Subscribe`` cut off."""
    lines = [(n, line.strip()) for n, line in enumerate(text.split("\n"), 1) if line.strip()]
    kept: list[tuple[int, str]] = []
    for i, (n, line) in enumerate(lines):
        followed_by_abstract = i + 1 < len(lines) and looks_like_abstract(lines[i + 1][1])
        if is_header(line) and not followed_by_abstract:
            continue
        if not kept and not looks_like_abstract(line):
            line = _GLUED.sub("", line, count=1) if _GLUED.match(line) else line
        kept.append((n, line))
    return kept


def read_hf_dump(text: str, name: str, fields: Mapping[str, str]) -> Iterator[Paper | Reject]:
    title: tuple[int, str] | None = None
    for n, line in content_lines(text):
        if _STRAY.fullmatch(line):
            yield Reject(Source(name, n), "stray line (neither a title nor an abstract)", preview(line))
        elif title is None:
            if looks_like_abstract(line):
                yield Reject(Source(name, n), "abstract with no title before it", preview(line))
            else:
                title = (n, line)
        elif looks_like_title(line):
            yield Reject(Source(name, title[0]), "title with no abstract after it", preview(title[1]))
            title = (n, line)
        else:
            raw = f"{title[1]}\n{line}"
            yield to_paper({"title": title[1], "abstract": line}, Source(name, title[0]), raw, HF_NAMES)
            title = None
    if title is not None:
        yield Reject(Source(name, title[0]), "title with no abstract after it (end of file)", preview(title[1]))
