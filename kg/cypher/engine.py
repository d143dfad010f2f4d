"""Run kg's Cypher on the embedded FalkorDB: the executor adapter, the loader, results as plain values.

:class:`FalkorExecutor` implements :class:`kg.export.neo4j_load.Executor`, so the graph is
loaded through exactly the statements and ``$rows`` parameters a live Neo4j load sends.
FalkorDB sends parameters in a ``CYPHER name=value`` preamble that its parser reads as
literals, never as query text. The only statements it cannot take verbatim are the Neo4j DDL
ones; :meth:`FalkorExecutor.create` maps each :class:`~kg.export.statements.SchemaItem` to
FalkorDB's range index and ``GRAPH.CONSTRAINT CREATE ... UNIQUE``.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import networkx as nx

from kg.cypher.server import EngineError, FalkorServer
from kg.export.neo4j_load import Rows, load
from kg.export.statements import SchemaItem


def plain(value: Any) -> Any:
    """A FalkorDB result value as JSON-ready Python: nodes and edges become maps, paths lists."""
    from falkordb import Edge, Node, Path

    if isinstance(value, Node):
        return {"labels": list(value.labels or []), **{k: plain(v) for k, v in value.properties.items()}}
    if isinstance(value, Edge):
        return {"type": value.relation, **{k: plain(v) for k, v in value.properties.items()}}
    if isinstance(value, Path):
        return [plain(n) for n in value.nodes()]
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    return value


class FalkorExecutor:
    """Run statements on one graph (keyspace) of a FalkorDB server."""

    def __init__(self, db: Any, name: str = "kg") -> None:
        self.db = db
        self.name = name
        self.graph = db.select_graph(name)

    def create(self, item: SchemaItem) -> None:
        from redis.exceptions import ResponseError

        try:
            self.graph.query(f"CREATE INDEX FOR (n:{item.label}) ON (n.{item.property})")
        except ResponseError as error:
            if "already indexed" not in str(error):
                raise
        if item.kind == "unique":
            try:
                self.db.connection.execute_command(
                    "GRAPH.CONSTRAINT",
                    "CREATE",
                    self.name,
                    "UNIQUE",
                    "NODE",
                    item.label,
                    "PROPERTIES",
                    1,
                    item.property,
                )
            except ResponseError as error:
                if "already exists" not in str(error):
                    raise

    def write(self, cypher: str, params: dict[str, Any]) -> Rows:
        return [plain(row) for row in self.graph.query(cypher, params or None).result_set]

    def read(self, cypher: str, params: dict[str, Any]) -> tuple[list[str], Rows]:
        result = self.graph.query(cypher, params or None)
        columns = [str(column[1]) for column in result.header]
        return columns, [plain(row) for row in result.result_set]

    def is_transient(self, error: BaseException) -> bool:
        from redis.exceptions import BusyLoadingError, ConnectionError, TimeoutError

        return isinstance(error, (BusyLoadingError, ConnectionError, TimeoutError))

    def run_script(self, text: str) -> int:
        """Run a ``;``-separated Cypher script (as ``kg export cypher`` writes); return statements run."""
        from kg.cypher.script import split_statements

        count = 0
        for statement in split_statements(text):
            item = SchemaItem.parse(statement)
            if item is not None:
                self.create(item)
            else:
                self.write(statement, {})
            count += 1
        return count


@contextmanager
def embedded(graph: nx.MultiDiGraph | None = None, batch_size: int = 1000) -> Iterator[FalkorExecutor]:
    """A fresh engine for the ``with`` block, with ``graph`` loaded when given."""
    with FalkorServer() as server:
        executor = FalkorExecutor(server.db)
        if graph is not None:
            load(graph, executor, batch_size=batch_size)
        yield executor


__all__ = ["EngineError", "FalkorExecutor", "embedded", "plain"]
