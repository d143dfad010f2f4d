"""Split a Cypher script into statements the way cypher-shell does.

Statements end at a ``;`` that is outside string literals (``'...'``, ``"..."``, with backslash
escapes), backtick-quoted names and comments (``// ...`` to the end of the line, ``/* ... */``).
Comments before a statement are dropped, comments inside it are kept (engines ignore them),
and statements that hold nothing but comments and blanks are dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

LEADING_COMMENT = re.compile(r"\s*(?://[^\n]*|/\*.*?\*/)", re.S)


def _strip_leading_comments(statement: str) -> str:
    while m := LEADING_COMMENT.match(statement):
        statement = statement[m.end() :]
    return statement.strip()


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
            if statement := _strip_leading_comments(text[start:i]):
                yield statement
            start = i + 1
        i += 1
    if statement := _strip_leading_comments(text[start:]):
        yield statement
