"""The SPARQL and Cypher queries equivalent to selecting a node in the explorer.

Cypher follows the Neo4j export (kg/export/statements.py): label = node type, unique ``id``
property. SPARQL matches the node by the string of its ``skos:prefLabel`` (the canonical name, W3C
SKOS; compared with ``STR()`` so a language tag does not matter). Strings are written as JSON string literals,
whose escapes (``\\"``, ``\\\\``, ``\\n``, ``\\uXXXX``) are also valid in SPARQL 1.1 and Cypher.
"""

from __future__ import annotations

import json
from typing import Any


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
    name = _literal(str(attrs.get("name", node)))
    return (
        "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"
        "SELECT ?node ?p ?o ?s WHERE {\n"
        f"  ?node skos:prefLabel ?label . FILTER(STR(?label) = {name})\n"
        "  { ?node ?p ?o } UNION { ?s ?p ?node }\n"
        "}\nLIMIT 100"
    )
