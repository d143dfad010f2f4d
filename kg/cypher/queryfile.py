"""Query files (``queries/*.cypher``): their header, and the parameters given on the command line.

A query file starts with comment lines::

    // question: Which methods are used most for a task?
    // params: task (default "Image Classification"), limit (default 10)

Defaults are JSON values (strings in double quotes, numbers, ``true``/``false``), so a file runs
with no ``-p``. A ``-p name=value`` takes the type of the declared default (``-p limit=5`` is an
integer); an undeclared parameter is read as JSON when it parses, else as a string.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HEADER = re.compile(r"^\s*//\s*(question|params)\s*:\s*(.*)$")
PARAM = re.compile(r"\s*(\w+)\s*\(\s*default\s+")


@dataclass
class Query:
    text: str
    question: str = ""
    defaults: dict[str, Any] = field(default_factory=dict)
    path: Path | None = None

    @property
    def name(self) -> str:
        return self.path.stem if self.path else "query"


def parse_params(spec: str) -> dict[str, Any]:
    """``a (default "x"), b (default 3)`` → ``{"a": "x", "b": 3}``."""
    decoder = json.JSONDecoder()
    params: dict[str, Any] = {}
    pos = 0
    spec = spec.rstrip()
    while pos < len(spec):
        m = PARAM.match(spec, pos)
        if not m:
            raise ValueError(f"bad params header at {spec[pos:]!r}: expected 'name (default VALUE)'")
        value, pos = decoder.raw_decode(spec, m.end())
        close = re.compile(r"\s*\)\s*,?").match(spec, pos)
        if not close:
            raise ValueError(f"bad params header: ')' expected after the default of {m[1]}")
        params[m[1]] = value
        pos = close.end()
    return params


def parse_query(text: str, path: Path | None = None) -> Query:
    query = Query(text=text, path=path)
    for line in text.splitlines():
        m = HEADER.match(line)
        if m and m[1] == "question":
            query.question = m[2].strip()
        elif m:
            query.defaults.update(parse_params(m[2]))
    return query


def read_query(path: Path) -> Query:
    return parse_query(Path(path).read_text(encoding="utf-8"), Path(path))


def coerce(text: str, default: Any = None) -> Any:
    """A command-line value, typed like ``default`` (or as JSON when it parses, else a string)."""
    if isinstance(default, bool):
        if text.lower() not in ("true", "false"):
            raise ValueError(f"expected true or false, got {text!r}")
        return text.lower() == "true"
    if isinstance(default, (int, float)):
        return type(default)(text)
    if isinstance(default, str):
        return text
    if isinstance(default, list):
        value = json.loads(text)
        if not isinstance(value, list):
            raise ValueError(f"expected a JSON list, got {text!r}")
        return value
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        return text


def bind(query: Query, assignments: list[str]) -> dict[str, Any]:
    """The query's parameters: its defaults overridden by ``name=value`` assignments."""
    params = dict(query.defaults)
    for assignment in assignments:
        name, sep, value = assignment.partition("=")
        if not sep or not name.strip():
            raise ValueError(f"expected name=value, got {assignment!r}")
        name = name.strip()
        params[name] = coerce(value, query.defaults.get(name))
    return params
