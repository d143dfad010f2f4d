"""The alias registry: merges a person accepted or rejected, in a plain TSV file the build applies.

One decision per line, tab-separated, sorted, with a header, so that the file diffs and
merges well under version control::

    decision  type    name                 other                who    when        note
    accept    Method  Vision Transformer   vision transformers  alice  2025-01-31
    reject    Method  SAM                  SAM-2                bob    2025-02-01  different models

``accept`` makes ``other`` an alias of ``name`` (the canonical one) on the next build, with
reason ``accepted``; ``reject`` keeps the two apart and stops :mod:`kg.link.suggest` from
proposing the pair again. Names are compared with :func:`kg.link.normalize.key` (case,
hyphens, plurals), so a decision holds for every spelling of the pair. There is one decision
per pair of names, and an alias has one canonical name: a newer decision replaces an older
one (also when lines are appended by hand; the file is re-sorted on the next save).
Lines starting with ``#`` are ignored. Default location: ``OUTDIR/aliases.tsv``.

API for the linker (small on purpose)::

    reg = Registry.load(path)            # a missing file is an empty registry
    reg.accepted()                       # [(type, canonical, alias)], chains resolved
    reg.is_rejected(type, a, b)          # symmetric
    reg.accept(type, canonical, alias, who=..., when=..., note=...)
    reg.reject(type, a, b, ...)
    reg.save()                           # atomic, sorted, idempotent
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import astuple, dataclass
from pathlib import Path
from typing import Literal

from kg.graph.io import atomic_write_chunks
from kg.link.normalize import key
from kg.model import ENTITY_TYPES

FILENAME = "aliases.tsv"
COLUMNS = ("decision", "type", "name", "other", "who", "when", "note")
Verdict = Literal["accept", "reject"]


def _clean(text: str) -> str:
    """One line, one cell: tabs and newlines become single spaces."""
    return " ".join(text.split())


@dataclass(frozen=True)
class Decision:
    decision: Verdict
    type: str
    name: str  # the canonical name when accepted
    other: str  # the alias when accepted
    who: str = ""
    when: str = ""
    note: str = ""

    @property
    def pair(self) -> tuple[str, frozenset[str]]:
        return self.type, frozenset((key(self.name), key(self.other)))

    def line(self) -> str:
        return "\t".join(astuple(self)) + "\n"


class Registry:
    """The decisions of one registry file; see the module docstring."""

    def __init__(self, path: Path | None = None, decisions: list[Decision] | None = None) -> None:
        self.path = Path(path) if path is not None else None
        self._decisions: dict[tuple[str, frozenset[str]], Decision] = {}  # by pair of names
        self._canonical: dict[tuple[str, str], Decision] = {}  # accepted, by (type, key(alias))
        for d in decisions or []:
            self._add(d)

    @classmethod
    def load(cls, path: Path) -> Registry:
        path = Path(path)
        decisions = []
        if path.is_file():
            for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                cells = line.split("\t")
                if not line.strip() or line.startswith("#") or cells[0] == COLUMNS[0]:
                    continue
                if len(cells) < 4 or cells[0] not in ("accept", "reject"):
                    raise ValueError(f"{path}:{lineno}: expected 'accept|reject<TAB>type<TAB>name<TAB>other'")
                try:
                    decisions.append(cls._decision(*cells[:7]))  # type: ignore[arg-type]
                except ValueError as err:
                    raise ValueError(f"{path}:{lineno}: {err}") from None
        registry = cls(path)
        for d in decisions:
            try:
                registry._add(d)
            except ValueError as err:
                raise ValueError(f"{path}: {err}") from None
        return registry

    @staticmethod
    def _decision(verdict: Verdict, type_: str, name: str, other: str, *extra: str) -> Decision:
        if type_ not in ENTITY_TYPES:
            raise ValueError(f"type must be one of {', '.join(ENTITY_TYPES)}, not {type_!r}")
        d = Decision(verdict, type_, _clean(name), _clean(other), *map(_clean, extra))
        if key(d.name) == key(d.other) or not key(d.name):
            raise ValueError(f"{name!r} and {other!r} are the same name already")
        return d

    def _insert(self, d: Decision) -> None:
        self._decisions[d.pair] = d
        if d.decision == "accept":
            self._canonical[(d.type, key(d.other))] = d

    def _remove(self, d: Decision) -> None:
        del self._decisions[d.pair]
        if d.decision == "accept":
            del self._canonical[(d.type, key(d.other))]

    def _root(self, type_: str, name: str) -> str:
        """The canonical name ``name`` resolves to through accepted decisions."""
        while (d := self._canonical.get((type_, key(name)))) is not None:
            name = d.name
        return name

    def _add(self, d: Decision) -> Decision:
        """Record ``d``, replacing the decision on its pair and, if accepted, its alias's former canonical."""
        old = [self._decisions.get(d.pair)]
        if d.decision == "accept":
            old.append(self._canonical.get((d.type, key(d.other))))
        old_set = {x for x in old if x is not None}
        for x in old_set:
            self._remove(x)
        if d.decision == "accept" and key(self._root(d.type, d.name)) == key(d.other):
            for x in old_set:
                self._insert(x)
            raise ValueError(f"{d.name!r} is already an alias of {d.other!r}: accept {d.other!r} {d.name!r}")
        self._insert(d)
        return d

    def accept(self, type_: str, canonical: str, alias: str, who: str = "", when: str = "",
               note: str = "") -> Decision:
        """Record that ``alias`` is another name of ``canonical`` (replaces any decision on the pair)."""
        return self._add(self._decision("accept", type_, canonical, alias, who, when, note))

    def reject(self, type_: str, a: str, b: str, who: str = "", when: str = "", note: str = "") -> Decision:
        """Record that ``a`` and ``b`` are different entities (replaces any decision on the pair)."""
        return self._add(self._decision("reject", type_, a, b, who, when, note))

    def decision(self, type_: str, a: str, b: str) -> Decision | None:
        """The decision on the pair, in either order, if any."""
        return self._decisions.get((type_, frozenset((key(a), key(b)))))

    def is_rejected(self, type_: str, a: str, b: str) -> bool:
        d = self.decision(type_, a, b)
        return d is not None and d.decision == "reject"

    def accepted(self) -> list[tuple[str, str, str]]:
        """(type, canonical, alias) for every accepted alias, sorted; chains are resolved
        (accepting A ← B then B ← C gives C the canonical A)."""
        return [(d.type, self._root(d.type, d.name), d.other) for d in self if d.decision == "accept"]

    def __iter__(self) -> Iterator[Decision]:
        return iter(sorted(self._decisions.values(), key=lambda d: (d.type, key(d.name), key(d.other), d.line())))

    def __len__(self) -> int:
        return len(self._decisions)

    def save(self, path: Path | None = None) -> Path:
        """Write the registry (to ``path``, else where it was loaded from), sorted, atomically."""
        target = Path(path) if path is not None else self.path
        if target is None:
            raise ValueError("no path to save the registry to")
        atomic_write_chunks(target, ["\t".join(COLUMNS) + "\n", *(d.line() for d in self)])
        return target
