"""Exports of a built graph: Neo4j (live, CSV, Cypher script), RDF, HTML, GraphML, GEXF."""
