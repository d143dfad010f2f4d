"""A Paper → entity link's evidence, held compactly while a build's graph is in memory.

The CONTRACT (docs/schema.md) gives every Paper → entity link one item per mention in five
parallel lists: ``surface``, ``field``, ``start``, ``end``, ``sentence``. Five lists per link
cost about 450 bytes in CPython, more than the networkx link itself, so :mod:`kg.graph.build`
stores one flat :class:`Evidence` tuple (surface, field, start, end, sentence, surface, ...)
under ``evidence`` instead, and :mod:`kg.graph.io` writes it out as the five lists.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import chain
from operator import attrgetter
from typing import Any

from kg.model import Mention

FIELDS = ("surface", "field", "start", "end", "sentence")
KEY = "evidence"
_VALUES = attrgetter(*FIELDS)


class Evidence(tuple[Any, ...]):
    """The mentions of one link, flattened: ``len(FIELDS)`` items per mention, in link order."""

    __slots__ = ()

    @classmethod
    def of(cls, mentions: Iterable[Mention]) -> Evidence:
        return cls(chain.from_iterable(map(_VALUES, mentions)))

    def lists(self) -> dict[str, list[Any]]:
        """The CONTRACT's parallel lists: field name → one value per mention."""
        return {name: list(self[i :: len(FIELDS)]) for i, name in enumerate(FIELDS)}


def contract_attrs(attrs: dict[str, Any]) -> dict[str, Any]:
    """A link's attributes as graph.json holds them: :class:`Evidence` expanded into its lists."""
    evidence = attrs.get(KEY)
    if not isinstance(evidence, Evidence):
        return attrs
    return {**{k: v for k, v in attrs.items() if k != KEY}, **evidence.lists()}
