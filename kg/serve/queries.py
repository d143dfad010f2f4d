"""The SPARQL and Cypher queries equivalent to selecting a node in the explorer.

Cypher follows the Neo4j export (kg/export/statements.py): label = node type, unique ``id``
property. SPARQL names the node by the IRI that ``kg export rdf`` mints for it under the
default base (kg/export/rdf.py), so the query runs as is against ``kg serve``'s endpoint.
Strings are written as JSON string literals, whose escapes (``\\"``, ``\\\\``, ``\\n``,
``\\uXXXX``) are also valid in Cypher.
"""

from __future__ import annotations

import json
from typing import Any

from kg.export.rdf import DEFAULT_BASE, Iris


def _literal(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _label(type_: Any) -> str:
    text = str(type_ or "")
    return f":{text}" if text.isidentifier() else ""


def cypher_query(node: str, attrs: dict[str, Any]) -> str:
    """The node and its direct neighbourhood, in Cypher."""
    return (
        f"MATCH (n{_label(attrs.get('type'))} {{id: {_literal(node)}}})-[r]-(m)\n"
        "RETURN n, type(r) AS relation, m\nLIMIT 100"
    )


def sparql_query(node: str, attrs: dict[str, Any]) -> str:
    """The node's statements, both directions, in SPARQL."""
    iri = Iris(DEFAULT_BASE).node(node)
    return (
        f"# {attrs.get('type', 'node')} {_literal(str(attrs.get('name', node)))}; IRI as minted by kg export rdf\n"
        "SELECT ?s ?p ?o WHERE {\n"
        f"  {{ <{iri}> ?p ?o . BIND(<{iri}> AS ?s) }}\n"
        f"  UNION {{ ?s ?p <{iri}> . BIND(<{iri}> AS ?o) }}\n"
        "}\nLIMIT 200"
    )
