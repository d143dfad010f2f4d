"""Run a load (schema, then batches) against any Cypher executor, retrying transient failures.

The executor is the only thing that differs between Neo4j over Bolt (:mod:`kg.export.neo4j_live`)
and the embedded engine (:mod:`kg.cypher.engine`): both receive the same statements and
parameters from :mod:`kg.export.statements`. Each batch is one transaction on Neo4j; a batch
that fails with a transient error (deadlock, leader switch, lost connection) is re-run whole
after an exponential backoff, which is safe because every statement is a MERGE: rows that
were already written before the failure are matched, not duplicated.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Protocol

import networkx as nx

from kg.export.statements import (
    NODE_LABELS,
    Batch,
    SchemaItem,
    batches,
    build_id,
    node_label,
    schema_items,
    wipe_statements,
)

log = logging.getLogger("kg.export.neo4j")

Rows = list[list[Any]]


class Executor(Protocol):
    """Where statements run: Neo4j over Bolt, or the embedded engine."""

    def create(self, item: SchemaItem) -> None:
        """Create a constraint or index if it does not exist."""

    def write(self, cypher: str, params: dict[str, Any]) -> Rows:
        """Run one write statement as one transaction; return its rows."""

    def read(self, cypher: str, params: dict[str, Any]) -> tuple[list[str], Rows]:
        """Run one read statement; return its column names and rows."""

    def is_transient(self, error: BaseException) -> bool:
        """Whether re-running the statement may succeed."""


@dataclass
class LoadReport:
    nodes: int = 0
    links: int = 0
    batches: int = 0
    retries: int = 0
    wiped: int = 0
    seconds: float = 0.0

    @property
    def rows(self) -> int:
        return self.nodes + self.links

    @property
    def rows_per_second(self) -> float:
        return self.rows / self.seconds if self.seconds else 0.0


def run_batch(
    executor: Executor,
    batch: Batch,
    retries: int = 5,
    backoff: float = 0.5,
    sleep: Callable[[float], None] = time.sleep,
) -> int:
    """Write one batch, re-running it on transient errors; return how many retries it took."""
    for attempt in range(retries + 1):
        try:
            executor.write(batch.cypher, batch.params)
            return attempt
        except Exception as error:
            if attempt == retries or not executor.is_transient(error):
                raise
            delay = backoff * 2**attempt
            log.warning(
                "transient error on a batch of %d %s (%s); retry %d in %.1fs",
                len(batch.rows),
                batch.kind,
                type(error).__name__,
                attempt + 1,
                delay,
            )
            sleep(delay)
    raise AssertionError("unreachable")


def wipe(executor: Executor, labels: Iterable[str] = NODE_LABELS, limit: int = 10000) -> int:
    """Delete, in chunks of ``limit``, every node of ``labels`` an earlier kg load marked; return how many."""
    total = 0
    for statement in wipe_statements(labels, limit):
        while True:
            rows = executor.write(statement, {})
            deleted = int(rows[0][0]) if rows else 0
            total += deleted
            if deleted < limit:
                break
    return total


def load(
    graph: nx.MultiDiGraph,
    executor: Executor,
    batch_size: int = 1000,
    retries: int = 5,
    backoff: float = 0.5,
    clear: bool = False,
    progress: Callable[[Batch], None] | None = None,
) -> LoadReport:
    """Create the schema, optionally wipe the previous kg load, then write every batch."""
    start = time.perf_counter()
    report = LoadReport()
    for item in schema_items(graph):
        executor.create(item)
    if clear:
        labels = {node_label(d) for _, d in graph.nodes(data=True)} | set(NODE_LABELS)
        report.wiped = wipe(executor, sorted(labels))
    for batch in batches(graph, batch_size, build_id(graph)):
        report.retries += run_batch(executor, batch, retries, backoff)
        report.batches += 1
        if batch.kind == "nodes":
            report.nodes += len(batch.rows)
        else:
            report.links += len(batch.rows)
        if progress:
            progress(batch)
    report.seconds = time.perf_counter() - start
    return report


def counts(executor: Executor) -> tuple[int, int]:
    """Number of nodes and relationships in the database."""
    _, nodes = executor.read("MATCH (n) RETURN count(n) AS nodes", {})
    _, links = executor.read("MATCH ()-[r]->() RETURN count(r) AS links", {})
    return int(nodes[0][0]), int(links[0][0])
