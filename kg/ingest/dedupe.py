"""Deduplicate papers across inputs: by arXiv id when known, else by normalised title.

A paper read twice keeps its first record and gains the source of every later one;
fields missing on the first record (url, arXiv id, authors, date) are filled from later ones.
"""

from __future__ import annotations

from kg.graph.ids import normalise_title
from kg.model import Paper


class Deduplicator:
    def __init__(self) -> None:
        self._papers: dict[str, Paper] = {}
        self._by_title: dict[str, str] = {}
        self.duplicates = 0

    def add(self, paper: Paper) -> bool:
        """Keep ``paper``; return False if it merely duplicated one already kept."""
        title_key = normalise_title(paper.title)
        key = f"arxiv:{paper.arxiv_id}" if paper.arxiv_id else None
        existing = self._papers.get(key) if key else None
        if existing is None and title_key in self._by_title:
            existing = self._papers[self._by_title[title_key]]
        if existing is None:
            paper.sources = paper.sources or [paper.source]
            key = key or f"title:{title_key}"
            self._papers[key] = paper
            self._by_title.setdefault(title_key, key)
            return True
        self.duplicates += 1
        existing.sources.extend(s for s in (paper.sources or [paper.source]) if s not in existing.sources)
        for attr in ("url", "arxiv_id", "date", "id"):
            if not getattr(existing, attr) and getattr(paper, attr):
                setattr(existing, attr, getattr(paper, attr))
        if not existing.authors and paper.authors:
            existing.authors = list(paper.authors)
        return False

    @property
    def papers(self) -> list[Paper]:
        return list(self._papers.values())
