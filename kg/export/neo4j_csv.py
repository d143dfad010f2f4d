"""Node and relationship CSV files for ``neo4j-admin database import full``.

Headers follow the Neo4j import format: ``id:ID`` (global id space, also stored as the ``id``
property), ``:LABEL``, ``:START_ID``, ``:END_ID``, ``:TYPE``, and typed
properties (``paper_count:long``, ``aliases:string[]``); per the import manual, the labels of
``:LABEL`` are split by the array delimiter too. One file per label and one per
relationship type, written row by row with the csv module (RFC 4180 quoting: every field in
double quotes, quotes doubled, embedded newlines kept, hence ``--multiline-fields=true``).
Array elements are joined with U+001F (the ASCII unit separator), given to neo4j-admin as
``--array-delimiter=U+001F``; the character cannot come out of a title or an abstract, and
should it occur it is replaced by a space so the arrays cannot be split wrongly. The files are
written together (:func:`kg.graph.io.atomic_write_files`): a failure (a full disk) leaves the
previous export and no partial file.
"""

from __future__ import annotations

import csv
import io
import shlex
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path
from typing import Any

import networkx as nx

from kg.export.statements import ENTITY_LABEL, build_id, link_rows, node_rows
from kg.graph.io import atomic_write_files
from kg.model import ENTITY_TYPES

ARRAY_DELIMITER = "\x1f"
ARRAY_DELIMITER_ARG = "U+001F"


def value_type(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "long"
    if isinstance(value, float):
        return "double"
    return "string"


def column_type(values: Iterable[Any]) -> str:
    """The neo4j-admin type of a property column: one scalar type, ``[]`` when lists; mixed → string."""
    kinds: set[str] = set()
    is_array = False
    for value in values:
        if isinstance(value, list):
            is_array = True
            kinds.update(value_type(v) for v in value)
        else:
            kinds.add(value_type(value))
    kind = kinds.pop() if len(kinds) == 1 else "string"
    return kind + ("[]" if is_array else "")


def cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ARRAY_DELIMITER.join(cell(v) for v in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value).replace(ARRAY_DELIMITER, " ")


@dataclass
class CsvExport:
    """What was written: files by kind, and row counts."""

    out: Path
    nodes: dict[str, int] = field(default_factory=dict)  # file name -> rows
    links: dict[str, int] = field(default_factory=dict)

    def command(self, database: str = "neo4j") -> str:
        """The neo4j-admin command that imports these files (Neo4j 5)."""
        parts = [
            "neo4j-admin",
            "database",
            "import",
            "full",
            "--overwrite-destination",
            f"--array-delimiter={ARRAY_DELIMITER_ARG}",
            "--multiline-fields=true",
        ]
        parts += [f"--nodes={self.out / name}" for name in self.nodes]
        parts += [f"--relationships={self.out / name}" for name in self.links]
        parts.append(database)
        return " ".join(shlex.quote(p) for p in parts)


def _lines(header: list[str], rows: Iterable[list[str]]) -> Iterator[str]:
    """The CSV text of ``header`` and ``rows``, one record at a time."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_ALL, lineterminator="\n")
    for row in chain([header], rows):
        writer.writerow(row)
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()


def _records(
    rows: list[dict[str, Any]], keys: list[str], fixed: list[str], columns: list[tuple[str, str]]
) -> Iterator[list[str]]:
    """Each row as a CSV record: its ``keys``, the ``fixed`` cells, then its property ``columns``."""
    for row in rows:
        yield [*(row[k] for k in keys), *fixed, *(cell(row["props"].get(k)) for k, _ in columns)]


def _columns(rows: list[dict[str, Any]], skip: set[str]) -> list[tuple[str, str]]:
    values: dict[str, list[Any]] = defaultdict(list)
    for row in rows:
        for key, value in row["props"].items():
            if key not in skip:
                values[key].append(value)
    return [(key, column_type(values[key])) for key in sorted(values)]


def _typed(key: str, kind: str) -> str:
    return key if kind == "string" else f"{key}:{kind}"


def write_csv(graph: nx.MultiDiGraph, out: Path) -> CsvExport:
    """Write ``<Label>.nodes.csv`` and ``<TYPE>.rels.csv`` files into ``out``."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    export = CsvExport(out)
    files: dict[Path, Iterator[str]] = {}
    for label, rows in sorted(node_rows(graph, build_id(graph)).items()):
        columns = _columns(rows, {"id"})
        labels = ARRAY_DELIMITER.join([label, ENTITY_LABEL] if label in ENTITY_TYPES else [label])
        header = ["id:ID", ":LABEL", *(_typed(k, t) for k, t in columns)]
        name = f"{label}.nodes.csv"
        export.nodes[name] = len(rows)
        files[out / name] = _lines(header, _records(rows, ["id"], [labels], columns))
    by_type: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for (relation, _, _), rows in sorted(link_rows(graph).items()):
        by_type[relation].extend(rows)
    for relation, rows in sorted(by_type.items()):
        columns = _columns(rows, set())
        header = [":START_ID", ":END_ID", ":TYPE", *(_typed(k, t) for k, t in columns)]
        name = f"{relation}.rels.csv"
        export.links[name] = len(rows)
        files[out / name] = _lines(header, _records(rows, ["source", "target"], [relation], columns))
    atomic_write_files(files)
    return export
