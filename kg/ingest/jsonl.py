"""JSON Lines (one object per line, https://jsonlines.org) and JSON (an array of objects, or one object).

Each record keeps the 1-based line it starts on. A JSON Lines file goes on after a bad
line; a JSON array is read item by item with ``json.JSONDecoder.raw_decode``, so the items
before a syntax error are kept and the error is reported at its line (the rest of the
array cannot be resynchronised and is reported as not read).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping

from kg.ingest.record import MAX_RECORD_CHARS, field_names, preview, to_paper
from kg.model import Paper, Reject, Source

_DECODER = json.JSONDecoder()
_SPACE = " \t\n\r"


def _from_object(obj: object, source: Source, raw: str, names: Mapping[str, tuple[str, ...]]) -> Paper | Reject:
    if not isinstance(obj, dict):
        return Reject(source, f"not a JSON object (a JSON {type(obj).__name__})", preview(raw))
    return to_paper(obj, source, raw, names)


def read_jsonl(text: str, name: str, fields: Mapping[str, str]) -> Iterator[Paper | Reject]:
    names = field_names(fields)
    for lineno, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        source = Source(name, lineno)
        if len(line) > MAX_RECORD_CHARS:
            yield Reject(
                source, f"line too long ({len(line):,} characters; at most {MAX_RECORD_CHARS:,})", preview(line)
            )
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as err:
            yield Reject(source, f"invalid JSON: {err.msg}: column {err.colno}", preview(line))
            continue
        except RecursionError:
            yield Reject(source, "invalid JSON: nested too deeply", preview(line))
            continue
        yield _from_object(obj, source, line, names)


def read_json(
    text: str, name: str, fields: Mapping[str, str], names: Mapping[str, tuple[str, ...]] | None = None
) -> Iterator[Paper | Reject]:
    """A JSON array of records (or a single record object); ``names`` overrides the default field names."""
    names = names or field_names(fields)
    pos = len(text) - len(text.lstrip(_SPACE))
    if not text.startswith("[", pos):
        try:
            obj = json.loads(text)
        except json.JSONDecodeError as err:
            yield Reject(
                Source(name, err.lineno),
                f"invalid JSON: {err.msg}: line {err.lineno} column {err.colno}",
                preview(text[err.pos :]),
            )
            return
        yield _from_object(obj, Source(name, text.count("\n", 0, pos) + 1), text.strip(), names)
        return
    pos, line, counted = pos + 1, 1, 0
    while True:
        while pos < len(text) and text[pos] in _SPACE + ",":
            pos += 1
        line, counted = line + text.count("\n", counted, pos), pos
        if text.startswith("]", pos):
            return
        if pos >= len(text):
            yield Reject(Source(name, line), "truncated JSON: the array is not closed by ']'")
            return
        try:
            obj, end = _DECODER.raw_decode(text, pos)
        except json.JSONDecodeError as err:
            rest = len(text) - pos
            yield Reject(
                Source(name, line),
                f"invalid JSON: {err.msg}: line {err.lineno} column "
                f"{err.colno}; the rest of the array ({rest:,} characters) was not read",
                preview(text[pos:]),
            )
            return
        yield _from_object(obj, Source(name, line), text[pos:end], names)
        pos = end
