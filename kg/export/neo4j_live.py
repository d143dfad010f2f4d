"""Neo4j over Bolt with the official driver: the :class:`~kg.export.neo4j_load.Executor` of live loads.

Writes run in managed write transactions (``session.execute_write``), one per batch, with the
rows as the ``$rows`` parameter; schema statements run as auto-commit queries, as Neo4j requires.
The driver's own retryability test (``is_retryable``) decides which errors are transient.
"""

from __future__ import annotations

from typing import Any

from kg.export.neo4j_load import Rows
from kg.export.statements import SchemaItem


class Neo4jExecutor:
    """Run statements on one database of a Neo4j server."""

    def __init__(self, driver: Any, database: str | None = None) -> None:
        self.driver = driver
        self.database = database or None

    def _session(self) -> Any:
        return self.driver.session(database=self.database)

    def create(self, item: SchemaItem) -> None:
        with self._session() as session:
            session.run(item.neo4j()).consume()

    def write(self, cypher: str, params: dict[str, Any]) -> Rows:
        with self._session() as session:
            return session.execute_write(lambda tx: tx.run(cypher, params).values())

    def read(self, cypher: str, params: dict[str, Any]) -> tuple[list[str], Rows]:
        def work(tx: Any) -> tuple[list[str], Rows]:
            result = tx.run(cypher, params)
            return list(result.keys()), result.values()

        with self._session() as session:
            return session.execute_read(work)

    def is_transient(self, error: BaseException) -> bool:
        from neo4j.exceptions import DriverError, Neo4jError

        return isinstance(error, (Neo4jError, DriverError)) and error.is_retryable()


def connect(uri: str, user: str, password: str) -> Any:
    """A driver with verified connectivity (raises on a wrong address or credentials)."""
    from neo4j import GraphDatabase

    driver = GraphDatabase.driver(uri, auth=(user, password))
    try:
        driver.verify_connectivity()
    except BaseException:
        driver.close()
        raise
    return driver
