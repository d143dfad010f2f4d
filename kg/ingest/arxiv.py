"""arXiv API responses: Atom 1.0 feeds (RFC 4287; https://info.arxiv.org/help/api/user-manual.html).

Each ``<entry>`` becomes a record with the Atom element names as fields: ``id`` (the abs
URL, from which the arXiv id is taken without its version), ``title``, ``summary`` (the
abstract), ``published``, ``updated``, ``authors`` (every ``<author><name>``) and ``link``
(the ``rel="alternate"`` href). Parsed with expat so each entry keeps the line its
``<entry>`` tag is on; a feed cut short keeps the entries before the error. Expat does not
fetch external entities.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from xml.parsers import expat

from kg.ingest.record import field_names, preview, to_paper
from kg.model import Paper, Reject, Source

ATOM = "http://www.w3.org/2005/Atom"
ARXIV_NAMES: dict[str, tuple[str, ...]] = {
    "title": ("title",),
    "abstract": ("summary",),
    "id": ("id",),
    "url": ("link", "id"),
    "authors": ("authors",),
    "date": ("published", "updated"),
    "arxiv_id": ("id",),
}
_TEXT_FIELDS = frozenset({"id", "title", "summary", "published", "updated"})


class _Feed:
    """Expat handlers collecting one dict per Atom entry, with the line and raw text of each."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.lines = text.split("\n")
        self.parser = expat.ParserCreate(namespace_separator=" ")
        self.parser.StartElementHandler = self.start
        self.parser.EndElementHandler = self.end
        self.parser.CharacterDataHandler = self.chars
        self.entries: list[tuple[int, dict[str, object], str]] = []
        self.entry: dict[str, object] | None = None
        self.start_line = 0
        self.path: list[str] = []
        self.buffer: list[str] = []

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        local = tag.removeprefix(f"{ATOM} ")
        self.path.append(local)
        self.buffer = []
        if local == "entry" and self.entry is None:
            self.entry, self.start_line = {"authors": []}, self.parser.CurrentLineNumber
        elif self.entry is not None and local == "link" and attrs.get("rel", "alternate") == "alternate":
            self.entry.setdefault("link", attrs.get("href", ""))

    def chars(self, data: str) -> None:
        self.buffer.append(data)

    def end(self, tag: str) -> None:
        local = self.path.pop()
        text = "".join(self.buffer)
        self.buffer = []
        if self.entry is None:
            return
        if local == "entry":
            raw = "\n".join(self.lines[self.start_line - 1 : self.parser.CurrentLineNumber])
            self.entries.append((self.start_line, self.entry, raw))
            self.entry = None
        elif local == "name" and self.path[-1:] == ["author"]:
            self.entry["authors"].append(text)  # type: ignore[union-attr]
        elif local in _TEXT_FIELDS and self.path[-1:] == ["entry"]:
            self.entry[local] = text


def read_arxiv(text: str, name: str, fields: Mapping[str, str]) -> Iterator[Paper | Reject]:
    names = field_names(fields, ARXIV_NAMES)
    feed = _Feed(text)
    error: Reject | None = None
    try:
        feed.parser.Parse(text, True)
    except expat.ExpatError as err:
        line = err.lineno or 0
        error = Reject(
            Source(name, line),
            f"invalid XML: {expat.ErrorString(err.code)} at line {line} "
            f"column {err.offset + 1}; the rest of the feed was not read",
            preview("\n".join(feed.lines[max(line - 1, 0) :])),
        )
    for line, entry, raw in feed.entries:
        yield to_paper(entry, Source(name, line), raw, names)
    if error:
        yield error
