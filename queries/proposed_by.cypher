// question: Which papers propose (introduce) a given method, dataset, metric or task?
// params: entity (default "Transformer")
MATCH (p:Paper)-[:PROPOSES]->(e:Entity)
WHERE toLower(e.name) = toLower($entity) OR any(a IN coalesce(e.aliases, []) WHERE toLower(a) = toLower($entity))
RETURN e.name AS entity, e.type AS type, p.title AS paper, p.date AS date, p.url AS url
ORDER BY entity, paper
