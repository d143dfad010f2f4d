"""Write a load as a Cypher script that ``cypher-shell`` (or the embedded engine) can run.

The script holds the constraints and indexes, then the same batched ``UNWIND ... MERGE``
statements as a live load with each batch's ``$rows`` replaced by a literal list. Literals
follow the openCypher string grammar: single-quoted, with backslash escapes for the backslash,
the quote and the control characters ``\\n \\r \\t \\b \\f``; every other character (including
non-Latin text) is written as UTF-8 as it is, which keeps the script readable and avoids
``\\uXXXX`` escapes that some engines do not decode. Map keys are plain identifiers (checked
by :mod:`kg.export.statements`), so nothing outside a string literal comes from the data.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx

from kg.export.statements import Batch, batches, build_id, identifier, schema_items
from kg.graph.io import atomic_write_chunks

ESCAPES = {"\\": "\\\\", "'": "\\'", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
TRANSLATION = str.maketrans(ESCAPES)


def literal(value: Any) -> str:
    """A Cypher literal for a property value (string, int, float, bool, list, map)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return "'" + value.translate(TRANSLATION) + "'"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(literal(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{identifier(str(k))}: {literal(v)}" for k, v in value.items()) + "}"
    raise TypeError(f"no Cypher literal for {type(value).__name__}")


def inline(batch: Batch) -> str:
    """The batch's statement with its rows written in place of ``$rows``."""
    if batch.cypher.count("$rows") != 1:
        raise ValueError("a batch statement must use $rows exactly once")
    return batch.cypher.replace("$rows", literal(batch.rows))


def script_chunks(graph: nx.MultiDiGraph, batch_size: int = 500) -> Iterator[str]:
    """The script, statement by statement, each ending with ``;`` and a newline."""
    build = build_id(graph)
    yield f"// kg graph {build}: constraints and indexes, then nodes, then relationships.\n"
    for item in schema_items(graph):
        yield item.neo4j() + ";\n"
    for batch in batches(graph, batch_size, build):
        yield inline(batch) + ";\n"


def write_script(graph: nx.MultiDiGraph, path: Path, batch_size: int = 500) -> None:
    atomic_write_chunks(Path(path), script_chunks(graph, batch_size))
