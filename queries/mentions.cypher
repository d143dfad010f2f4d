// question: Where is an entity mentioned: each paper, its relation to the entity and the exact surface forms?
// params: entity (default "ImageNet"), limit (default 25)
MATCH (p:Paper)-[r]->(e:Entity)
WHERE toLower(e.name) = toLower($entity) OR any(a IN coalesce(e.aliases, []) WHERE toLower(a) = toLower($entity))
RETURN e.name AS entity, p.title AS paper, type(r) AS relation, coalesce(r.surface, []) AS surfaces
ORDER BY entity, paper
LIMIT $limit
