"""The Cypher statements and parameter batches that load a kg graph into Neo4j.

One source of truth for every Cypher export: the live Bolt loader, the ``.cypher`` script
writer and the embedded engine all send exactly these statements with these rows. Nodes and
links are written with the batched ``UNWIND $rows AS row MERGE ...`` pattern recommended by
the Neo4j import guidelines: ``MERGE`` on the unique ``id`` (nodes) or on the (start, type,
end) triple (links, one per relation as in the graph's multigraph key), then ``SET x = props``
so a second load of the same graph changes no count and no property.

Labels: the node ``type`` (``Paper``, ``Method``, ``Dataset``, ``Metric``, ``Task``, ``Result``)
plus ``Entity`` on the four entity types; relationship type = the link's ``relation``
(docs/schema.md). Every node kg writes carries ``kg_build`` (a digest of the graph), which is
how ``--wipe`` finds what kg loaded before. Labels and types are checked to be plain
identifiers, the only text spliced into the Cypher; every value travels as a parameter.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Literal

import networkx as nx

from kg.model import ENTITY_TYPES

ENTITY_LABEL = "Entity"
NODE_LABELS = ("Paper", "Method", "Dataset", "Metric", "Task", "Result")
BUILD_PROPERTY = "kg_build"
IDENTIFIER = re.compile(r"[A-Za-z][A-Za-z0-9_]*\Z")

SCHEMA_RE = re.compile(
    r"CREATE (?P<kind>CONSTRAINT|INDEX) \w+ IF NOT EXISTS FOR \(n:(?P<label>\w+)\) "
    r"(?:REQUIRE|ON) \(?n\.(?P<prop>\w+)\)?(?P<unique> IS UNIQUE)?\s*;?\s*\Z"
)


@functools.lru_cache(maxsize=1024)
def identifier(name: str) -> str:
    """``name`` if it can be spliced into Cypher as a label, type or key; else ValueError."""
    if not IDENTIFIER.match(name):
        raise ValueError(f"not a safe Cypher identifier: {name!r}")
    return name


@dataclass(frozen=True)
class SchemaItem:
    """A uniqueness constraint or a range index on one property of one label."""

    kind: Literal["unique", "index"]
    label: str
    property: str

    @property
    def name(self) -> str:
        return f"kg_{self.label.lower()}_{self.property}_{self.kind}"

    def neo4j(self) -> str:
        """The Neo4j 5 statement (idempotent through ``IF NOT EXISTS``)."""
        target = f"FOR (n:{self.label})"
        if self.kind == "unique":
            return f"CREATE CONSTRAINT {self.name} IF NOT EXISTS {target} REQUIRE n.{self.property} IS UNIQUE"
        return f"CREATE INDEX {self.name} IF NOT EXISTS {target} ON (n.{self.property})"

    @classmethod
    def parse(cls, cypher: str) -> SchemaItem | None:
        """The item a statement made by :meth:`neo4j` creates, or None for any other statement."""
        m = SCHEMA_RE.match(cypher.strip())
        if not m:
            return None
        return cls("unique" if m["unique"] else "index", m["label"], m["prop"])


SCHEMA: tuple[SchemaItem, ...] = (
    *(SchemaItem("unique", label, "id") for label in NODE_LABELS),
    *(SchemaItem("index", label, "name") for label in (*ENTITY_TYPES, ENTITY_LABEL)),
)


@dataclass(frozen=True)
class Batch:
    """One write: a Cypher statement and the rows it UNWINDs (sent as parameter ``rows``)."""

    cypher: str
    rows: list[dict[str, Any]]
    kind: Literal["nodes", "links"]

    @property
    def params(self) -> dict[str, Any]:
        return {"rows": self.rows}


def node_statement(label: str) -> str:
    extra = f", n:{ENTITY_LABEL}" if label in ENTITY_TYPES else ""
    return f"UNWIND $rows AS row MERGE (n:{identifier(label)} {{id: row.id}}) SET n = row.props{extra}"


def link_statement(relation: str, source_label: str, target_label: str) -> str:
    return (
        f"UNWIND $rows AS row MATCH (a:{identifier(source_label)} {{id: row.source}}) "
        f"MATCH (b:{identifier(target_label)} {{id: row.target}}) "
        f"MERGE (a)-[r:{identifier(relation)}]->(b) SET r = row.props"
    )


def property_value(value: Any) -> Any:
    """A Neo4j-storable value: scalars as they are, homogeneous flat lists; anything else as JSON text."""
    if isinstance(value, (list, tuple, set)):
        items = [v for v in value if v is not None]
        if all(isinstance(v, str) for v in items) or all(isinstance(v, int) and not isinstance(v, bool) for v in items):
            return list(items)
        return [v if isinstance(v, str) else json.dumps(v, ensure_ascii=False) for v in items]
    if isinstance(value, (str, int, float, bool)):
        return value
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def properties(data: dict[str, Any]) -> dict[str, Any]:
    """The properties of a node or link: every attribute but None, keys checked to be identifiers."""
    return {identifier(k): property_value(v) for k, v in sorted(data.items()) if v is not None}


def build_id(graph: nx.MultiDiGraph) -> str:
    """A digest of the graph's nodes and links: the ``kg_build`` mark of the nodes it loads."""
    digest = hashlib.sha1()
    for node, data in sorted(graph.nodes(data=True), key=lambda nd: nd[0]):
        digest.update(json.dumps([node, data], sort_keys=True, default=str).encode())
    for s, t, data in sorted(graph.edges(data=True), key=lambda e: (e[0], e[1], e[2].get("relation", ""))):
        digest.update(json.dumps([s, t, data], sort_keys=True, default=str).encode())
    return digest.hexdigest()[:12]


def node_label(data: dict[str, Any]) -> str:
    return identifier(str(data.get("type", "")))


def _chunks(rows: Iterable[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    chunk: list[dict[str, Any]] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def node_rows(graph: nx.MultiDiGraph, build: str) -> dict[str, list[dict[str, Any]]]:
    """Rows by label: ``{"id": ..., "props": {...}}`` with ``id`` and ``kg_build`` in the properties."""
    by_label: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for node, data in graph.nodes(data=True):
        props = properties({**data, "id": str(node), BUILD_PROPERTY: build})
        by_label[node_label(data)].append({"id": str(node), "props": props})
    return by_label


def link_rows(graph: nx.MultiDiGraph) -> dict[tuple[str, str, str], list[dict[str, Any]]]:
    """Rows by (relation, source label, target label): ``{"source", "target", "props"}``."""
    by_key: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
    for source, target, data in graph.edges(data=True):
        key = (
            identifier(str(data["relation"])),
            node_label(graph.nodes[source]),
            node_label(graph.nodes[target]),
        )
        props = properties({k: v for k, v in data.items() if k not in ("relation", "key")})
        by_key[key].append({"source": str(source), "target": str(target), "props": props})
    return by_key


def batches(graph: nx.MultiDiGraph, batch_size: int = 1000, build: str | None = None) -> Iterator[Batch]:
    """Every write of a load, nodes first (links MATCH their ends), in a deterministic order."""
    if batch_size < 1:
        raise ValueError("batch size must be at least 1")
    build = build or build_id(graph)
    nodes = node_rows(graph, build)
    order = {label: i for i, label in enumerate(NODE_LABELS)}
    for label in sorted(nodes, key=lambda lb: (order.get(lb, len(order)), lb)):
        for chunk in _chunks(nodes[label], batch_size):
            yield Batch(node_statement(label), chunk, "nodes")
    links = link_rows(graph)
    for key in sorted(links):
        for chunk in _chunks(links[key], batch_size):
            yield Batch(link_statement(*key), chunk, "links")


def schema_items(graph: nx.MultiDiGraph | None = None) -> tuple[SchemaItem, ...]:
    """The constraints and indexes to create before loading (plus an id constraint per extra label)."""
    extra = sorted({node_label(d) for _, d in graph.nodes(data=True)} - set(NODE_LABELS)) if graph else []
    return SCHEMA + tuple(SchemaItem("unique", label, "id") for label in extra)


def wipe_statements(labels: Iterable[str] = NODE_LABELS, limit: int = 10000) -> list[str]:
    """Statements deleting up to ``limit`` kg-loaded nodes of a label each; repeat until they return 0."""
    return [
        f"MATCH (n:{identifier(label)}) WHERE n.{BUILD_PROPERTY} IS NOT NULL "
        f"WITH n LIMIT {int(limit)} DETACH DELETE n RETURN count(*) AS deleted"
        for label in labels
    ]
