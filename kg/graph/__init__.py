"""The in-memory graph (a networkx MultiDiGraph) and its graph.json form."""
