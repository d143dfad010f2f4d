"""Deduplicate papers across inputs: by arXiv id when known, else by normalised title.

A paper read twice keeps its first record and gains the source of every later one;
fields missing on the first record (url, arXiv id, authors, date, id) are filled from
later ones. Every key a kept paper is known by (its arXiv id, the normalised titles of
all its records) points back to it, so a third record matching any of them merges too.
Two records with different arXiv ids are never merged, whatever their titles.
"""

from __future__ import annotations

from kg.graph.ids import paper_key
from kg.model import Paper


class Deduplicator:
    def __init__(self) -> None:
        self._papers: list[Paper] = []
        self._index: dict[str, Paper] = {}  # "arxiv:<id>" / "title:<normalised>" -> kept paper
        self.duplicates = 0

    def _find(self, paper: Paper) -> Paper | None:
        if paper.arxiv_id and (found := self._index.get(paper_key(paper.title, paper.arxiv_id))):
            return found
        found = self._index.get(paper_key(paper.title))
        if found and paper.arxiv_id and found.arxiv_id and found.arxiv_id != paper.arxiv_id:
            return None
        return found

    def _register(self, kept: Paper, paper: Paper) -> None:
        self._index.setdefault(paper_key(paper.title), kept)
        if kept.arxiv_id:
            self._index.setdefault(paper_key(kept.title, kept.arxiv_id), kept)

    def add(self, paper: Paper) -> bool:
        """Keep ``paper``; return False if it merely duplicated one already kept."""
        existing = self._find(paper)
        if existing is None:
            paper.sources = paper.sources or [paper.source]
            self._papers.append(paper)
            self._register(paper, paper)
            return True
        self.duplicates += 1
        existing.sources.extend(s for s in (paper.sources or [paper.source]) if s not in existing.sources)
        for attr in ("url", "arxiv_id", "date", "id"):
            if not getattr(existing, attr) and getattr(paper, attr):
                setattr(existing, attr, getattr(paper, attr))
        if not existing.authors and paper.authors:
            existing.authors = list(paper.authors)
        self._register(existing, paper)
        return False

    @property
    def papers(self) -> list[Paper]:
        return list(self._papers)
