// question: Which methods are used most by papers on a task (its subtasks included)?
// params: task (default "Image Classification"), limit (default 10)
MATCH (t:Task)
WHERE toLower(t.name) = toLower($task) OR any(a IN coalesce(t.aliases, []) WHERE toLower(a) = toLower($task))
MATCH (sub:Task)-[:SUBTASK_OF*0..3]->(t)
MATCH (p:Paper)-[:ADDRESSES|PROPOSES]->(sub)
MATCH (p)-[:USES|PROPOSES]->(m:Method)
RETURN m.name AS method, count(DISTINCT p) AS papers
ORDER BY papers DESC, method
LIMIT $limit
