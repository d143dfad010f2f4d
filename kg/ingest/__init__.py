"""Ingestion: stream Paper records (or Rejects) out of input files, directories and stdin."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from pathlib import Path

from kg.model import Paper, Reject, Source

__all__ = ["read_inputs"]


def read_inputs(
    paths: Sequence[str], fmt: str | None = None, fields: dict[str, str] | None = None
) -> Iterator[Paper | Reject]:
    """Yield every record of every input, in input order (minimal JSONL reader for now)."""
    for p in paths:
        for lineno, line in enumerate(Path(p).read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            rec = json.loads(line)
            yield Paper(title=rec["title"], abstract=rec["abstract"], source=Source(p, lineno))
