"""Split a Cypher script into statements the way cypher-shell does.

Statements end at a ``;`` that is outside string literals (``'...'``, ``"..."``, with backslash
escapes), backtick-quoted names and comments (``// ...`` to the end of the line, ``/* ... */``).
Comments are kept inside the statement text (engines ignore them); statements that hold
nothing but comments and blanks are dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

COMMENTS = re.compile(r"//[^\n]*|/\*.*?\*/", re.S)


def _is_blank(statement: str) -> bool:
    return not COMMENTS.sub("", statement).strip()


def split_statements(text: str) -> Iterator[str]:
    start = 0
    i = 0
    n = len(text)
    while i < n:
        c = text[i]
        if c in "'\"`":
            i += 1
            while i < n and text[i] != c:
                i += 2 if text[i] == "\\" and c != "`" else 1
        elif text.startswith("//", i):
            end = text.find("\n", i)
            i = n if end < 0 else end
        elif text.startswith("/*", i):
            end = text.find("*/", i + 2)
            i = n if end < 0 else end + 1
        elif c == ";":
            if not _is_blank(text[start:i]):
                yield text[start:i].strip()
            start = i + 1
        i += 1
    if not _is_blank(text[start:]):
        yield text[start:].strip()
