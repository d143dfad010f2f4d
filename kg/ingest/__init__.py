"""Ingestion: stream Paper records (or Rejects) out of input files, directories and stdin.

``read_inputs`` reads each input in order: ``-`` is stdin, a directory is walked
(:mod:`kg.ingest.walk`), a file is decoded (:mod:`kg.ingest.decode`), its format detected
(:mod:`kg.ingest.detect`) and handed to that format's reader. Every record comes out as a
:class:`~kg.model.Paper` or a :class:`~kg.model.Reject`; nothing raises on bad input, so
``papers + rejects`` accounts for everything read. A file that cannot be read at all
(missing, unreadable, empty, binary) or holds no record at all gives one Reject at line 0.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

from kg.ingest.decode import NotText, decode
from kg.ingest.detect import READERS, detect
from kg.ingest.record import check_fields, preview
from kg.ingest.walk import walk
from kg.model import Paper, Reject, Source

__all__ = ["FORMATS", "read_inputs", "read_bytes"]

FORMATS = tuple(READERS)
log = logging.getLogger("kg.ingest")


def read_bytes(
    data: bytes, name: str, fmt: str | None = None, fields: Mapping[str, str] | None = None
) -> Iterator[Paper | Reject]:
    """The records of one input's raw bytes; ``name`` is what sources and messages call it."""
    text = decode(data, name)
    if isinstance(text, NotText):
        yield Reject(Source(name, 0), text.reason, text.preview)
        return
    fmt = detect(name, text, fmt)
    log.debug("%s: reading as %s", name, fmt)
    empty = True
    try:
        for record in READERS[fmt](text, name, check_fields(fields)):
            empty = False
            yield record
    except Exception as err:  # a reader's bug must not stop the build: report the file instead
        log.debug("%s: reader %s failed", name, fmt, exc_info=True)
        yield Reject(
            Source(name, 0),
            f"could not read as {fmt} ({type(err).__name__}: {err}); the rest of the file was not read",
            preview(text),
        )
        return
    if empty:
        yield Reject(Source(name, 0), f"no records found (read as {fmt})", preview(text))


def _read_file(path: Path, fmt: str | None, fields: Mapping[str, str] | None) -> Iterator[Paper | Reject]:
    try:
        data = path.read_bytes()
    except OSError as err:
        yield Reject(Source(str(path), 0), f"cannot read: {err.strerror or err}")
        return
    yield from read_bytes(data, str(path), fmt, fields)


def read_inputs(
    paths: Sequence[str], fmt: str | None = None, fields: Mapping[str, str] | None = None
) -> Iterator[Paper | Reject]:
    """Yield every record of every input, in input order (directories in sorted order)."""
    if fmt is not None and fmt not in READERS:
        raise ValueError(f"unknown format {fmt!r} (known: {', '.join(READERS)})")
    check_fields(fields)
    for p in paths:
        path = Path(p)
        if p == "-":
            yield from read_bytes(sys.stdin.buffer.read(), "-", fmt, fields)
        elif path.is_dir():
            for file in walk(path, forced_format=fmt is not None):
                yield from _read_file(file, fmt, fields)
        elif path.exists():
            yield from _read_file(path, fmt, fields)
        else:
            yield Reject(Source(p, 0), "no such file or directory")
