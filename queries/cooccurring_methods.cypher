// question: Which pairs of methods are used together in the most papers?
// params: limit (default 10)
MATCH (a:Method)<-[:USES|PROPOSES]-(p:Paper)-[:USES|PROPOSES]->(b:Method)
WHERE a.name < b.name
RETURN a.name AS method_a, b.name AS method_b, count(DISTINCT p) AS papers
ORDER BY papers DESC, method_a, method_b
LIMIT $limit
