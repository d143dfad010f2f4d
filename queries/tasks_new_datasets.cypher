// question: Which tasks got the most new datasets (datasets proposed by papers on the task)?
// params: limit (default 10)
MATCH (p:Paper)-[:PROPOSES]->(d:Dataset)
MATCH (p)-[:ADDRESSES|PROPOSES]->(t:Task)
RETURN t.name AS task, count(DISTINCT d) AS new_datasets
ORDER BY new_datasets DESC, task
LIMIT $limit
