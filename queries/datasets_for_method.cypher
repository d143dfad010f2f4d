// question: On which datasets was a method evaluated, and in how many papers?
// params: method (default "ResNet")
MATCH (m:Method)
WHERE toLower(m.name) = toLower($method) OR any(a IN coalesce(m.aliases, []) WHERE toLower(a) = toLower($method))
MATCH (m)-[r:EVALUATED_ON]->(d:Dataset)
RETURN m.name AS method, d.name AS dataset, size(coalesce(r.papers, [])) AS papers
ORDER BY papers DESC, dataset
