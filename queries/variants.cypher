// question: What are the variants of a model family (or of a dataset family), transitively?
// params: family (default "ResNet")
MATCH (f:Entity)
WHERE toLower(f.name) = toLower($family) OR any(a IN coalesce(f.aliases, []) WHERE toLower(a) = toLower($family))
MATCH (v:Entity)-[:VARIANT_OF*1..3]->(f)
RETURN DISTINCT f.name AS family, v.name AS variant, coalesce(v.paper_count, 0) AS papers
ORDER BY papers DESC, variant
