// question: Which datasets are used (evaluated on or introduced) by the most papers?
// params: limit (default 10)
MATCH (p:Paper)-[:EVALUATES_ON|PROPOSES]->(d:Dataset)
RETURN d.name AS dataset, count(DISTINCT p) AS papers
ORDER BY papers DESC, dataset
LIMIT $limit
