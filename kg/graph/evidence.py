"""A Paper → entity link's evidence, held compactly while a build's graph is in memory.

The CONTRACT (docs/schema.md) gives every Paper → entity link one item per mention in five
parallel lists: ``surface``, ``field``, ``start``, ``end``, ``sentence``. Five lists in the
link's attribute dict cost about 630 bytes for a one-mention link in CPython, twice the networkx
link itself (290 bytes; docs/guide/performance.md), so :mod:`kg.graph.build`
stores one flat :class:`Evidence` tuple (surface, field, start, end, sentence, surface, ...)
under ``evidence`` instead, and :mod:`kg.graph.io` writes it out as the five lists. Equal
surfaces, fields and offsets of different links are one object (a surface recurs across
papers, every offset above 256 is otherwise an int object of its own).
"""

from __future__ import annotations

from collections.abc import Iterable
from operator import attrgetter
from typing import Any

from kg.model import Mention

FIELDS = ("surface", "field", "start", "end", "sentence")  # the order of Evidence.columns
KEY = "evidence"
_VALUES = attrgetter(*FIELDS)


class Evidence(tuple[Any, ...]):
    """The mentions of one link, flattened: ``len(FIELDS)`` items per mention, in link order."""

    __slots__ = ()

    @classmethod
    def of(cls, mentions: Iterable[Mention], shared: dict[Any, Any]) -> Evidence:
        """The mentions' values; ``shared`` maps every surface, field and offset seen so far to one
        object equal to it, so that links repeating a value hold one copy (mentions of a sentence
        share its string already, :func:`kg.extract.doc_to_extraction`)."""
        values: list[Any] = []
        for m in mentions:
            surface, field, start, end, sentence = _VALUES(m)
            values += (shared.setdefault(surface, surface), shared.setdefault(field, field),
                       shared.setdefault(start, start), shared.setdefault(end, end), sentence)
        return cls(values)

    def columns(self) -> dict[str, tuple[Any, ...]]:
        """The CONTRACT's parallel lists (JSON arrays): field name → one value per mention."""
        # written out, not a comprehension over FIELDS: called once per link of graph.json
        return {"surface": self[0::5], "field": self[1::5], "start": self[2::5], "end": self[3::5],
                "sentence": self[4::5]}


def contract_link(link: dict[str, Any]) -> dict[str, Any]:
    """A link record (source, target, key, attributes) as graph.json holds it: its
    :class:`Evidence`, if any, replaced in place by the parallel lists."""
    evidence = link.get(KEY)
    if isinstance(evidence, Evidence):
        del link[KEY]
        link.update(evidence.columns())
    return link
