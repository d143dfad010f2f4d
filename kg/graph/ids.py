"""Stable node ids: the same input always gives the same ids.

Papers are keyed by arXiv id when known, else by a hash of the normalised title;
entities by type and a slug of the canonical name (the linker keeps canonical names
unique per type, so the slug only needs to be readable, not collision-proof on its own:
a short hash of the exact name is appended when the slug loses characters).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata


def normalise_title(title: str) -> str:
    """Lower-case alphanumerics only: the key papers are deduplicated on (as the scorer matches them)."""
    return re.sub(r"[^a-z0-9]", "", unicodedata.normalize("NFKC", title).casefold())


def _digest(text: str, n: int = 12) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:n]


def paper_key(title: str, arxiv_id: str | None = None) -> str:
    """The deduplication key of a paper."""
    if arxiv_id:
        return f"arxiv:{arxiv_id}"
    return f"title:{normalise_title(title) or _digest(title)}"


def paper_id(title: str, arxiv_id: str | None = None) -> str:
    if arxiv_id:
        return f"paper:arxiv:{arxiv_id}"
    return f"paper:{_digest(normalise_title(title) or title)}"


def slug(name: str) -> str:
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9.+]+", "-", text).strip("-")


def entity_id(type_: str, name: str) -> str:
    s = slug(name)
    # Keep ids distinct for names that differ only in characters the slug drops.
    lossless = s.replace("-", " ") == re.sub(r"[\s\-_]+", " ", name.lower()).strip()
    return f"{type_.lower()}:{s}" if s and lossless else f"{type_.lower()}:{s or 'x'}-{_digest(name, 6)}"


def result_id(paper: str, metric: str, value: str, method: str | None, dataset: str | None) -> str:
    return f"result:{_digest('|'.join([paper, metric, value, method or '', dataset or '']))}"
