// question: What is the leaderboard for a dataset and a metric, from the results papers report?
// params: dataset (default "ImageNet"), metric (default "Top-1 Accuracy"), lower_is_better (default false), limit (default 10)
MATCH (r:Result)-[:ON_DATASET]->(d:Dataset), (r)-[:WITH_METRIC]->(k:Metric)
WHERE (toLower(d.name) = toLower($dataset) OR any(a IN coalesce(d.aliases, []) WHERE toLower(a) = toLower($dataset)))
  AND (toLower(k.name) = toLower($metric) OR any(a IN coalesce(k.aliases, []) WHERE toLower(a) = toLower($metric)))
MATCH (p:Paper)-[:REPORTS]->(r)
OPTIONAL MATCH (r)-[:FOR_METHOD]->(m:Method)
WITH r, p, m, toFloat(replace(r.value, '%', '')) AS score
WHERE score IS NOT NULL
RETURN coalesce(m.name, r.method) AS method, r.value AS value, p.title AS paper
ORDER BY CASE WHEN $lower_is_better THEN score ELSE -score END, method, paper
LIMIT $limit
