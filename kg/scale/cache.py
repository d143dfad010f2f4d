"""A content-addressed cache of Extractions, so that a rebuild re-extracts only new or changed papers.

The key of a paper is ``sha1(extractor fingerprint, title, abstract)``
(:meth:`kg.scale.spec.ExtractorSpec.fingerprint`): an Extraction depends on nothing else, so a
hit is exactly what re-extracting would give. Entries are JSON (not pickle: a cache file is
data, never code) in one SQLite table, ``OUTDIR/.cache/extractions.sqlite``, read by key
without loading the whole cache. Each build writes a fresh table holding only the papers of
that build and renames it over the old one when the build succeeds, so the cache never grows
beyond the corpus and an interrupted build leaves the previous cache intact. An SQLite error
while writing (a full disk) is raised as an ``OSError`` naming the cache file, and the new
table is removed.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path
from types import TracebackType

from kg.model import Extraction, Mention, Paper, ResultMention

FILE = "extractions.sqlite"


class ExtractionCache:
    """``get`` a paper's cached Extraction (or None), ``put`` a fresh one; ``None`` directory: no cache."""

    def __init__(self, directory: Path | None, fingerprint: str = "") -> None:
        self.fingerprint = fingerprint
        self.hits = self.misses = 0
        self.old = self.new = None
        if directory is None:
            return
        directory.mkdir(parents=True, exist_ok=True)
        self.path, self.tmp = directory / FILE, directory / f".{FILE}.tmp"
        if self.path.exists():
            self.old = sqlite3.connect(self.path)
        for stale in (self.tmp, self.tmp.with_name(self.tmp.name + "-journal")):  # left by a killed build
            stale.unlink(missing_ok=True)
        with disk_errors(self.tmp):
            self.new = sqlite3.connect(self.tmp)
            self.new.execute("CREATE TABLE extraction (key TEXT PRIMARY KEY, data TEXT NOT NULL)")

    def key(self, paper: Paper) -> str:
        return hashlib.sha1("\0".join((self.fingerprint, paper.title, paper.abstract)).encode()).hexdigest()

    def get(self, paper: Paper) -> Extraction | None:
        row = None
        if self.old is not None:
            row = self.old.execute("SELECT data FROM extraction WHERE key = ?", (self.key(paper),)).fetchone()
        if row is None:
            self.misses += 1
            return None
        self.hits += 1
        self._store(paper, row[0])
        return decode(paper, row[0])

    def put(self, extraction: Extraction) -> Extraction:
        if self.new is not None:
            self._store(extraction.paper, encode(extraction))
        return extraction

    def _store(self, paper: Paper, data: str) -> None:
        if self.new is not None:
            with disk_errors(self.tmp):
                self.new.execute("INSERT OR REPLACE INTO extraction VALUES (?, ?)", (self.key(paper), data))

    def __enter__(self) -> ExtractionCache:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None) -> None:
        if self.old is not None:
            self.old.close()
        if self.new is None:
            return
        committed = False
        try:
            if kind is None:
                with disk_errors(self.tmp):
                    self.new.commit()
                committed = True
        finally:
            self.new.close()
            if committed:
                os.replace(self.tmp, self.path)
            else:
                self.tmp.unlink(missing_ok=True)


@contextmanager
def disk_errors(path: Path) -> Iterator[None]:
    """SQLite's errors on ``path`` (disk full, I/O error) as an OSError that names the file."""
    try:
        yield
    except sqlite3.OperationalError as err:
        raise OSError(errno.EIO, str(err), str(path)) from err


def encode(extraction: Extraction) -> str:
    """Everything but the paper (which the build re-reads) as one JSON line."""
    return json.dumps({
        "mentions": [asdict(m) for m in extraction.mentions],
        "results": [asdict(r) for r in extraction.results],
        "abbreviations": extraction.abbreviations,
    }, ensure_ascii=False, separators=(",", ":"))


def decode(paper: Paper, data: str) -> Extraction:
    """The Extraction ``encode`` stored; mentions of one sentence share its string, as when extracted."""
    obj = json.loads(data)
    sentences: dict[str, str] = {}
    for m in obj["mentions"]:
        m["sentence"] = sentences.setdefault(m["sentence"], m["sentence"])
    return Extraction(paper, [Mention(**m) for m in obj["mentions"]], [ResultMention(**r) for r in obj["results"]],
                      obj["abbreviations"])
