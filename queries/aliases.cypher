// question: Under which names (aliases) does an entity appear, and why was each name linked to it?
// params: entity (default "ResNet")
MATCH (e:Entity)
WHERE toLower(e.name) = toLower($entity) OR any(a IN coalesce(e.aliases, []) WHERE toLower(a) = toLower($entity))
UNWIND range(0, size(coalesce(e.aliases, [])) - 1) AS i
RETURN e.name AS entity, e.type AS type, e.aliases[i] AS alias, coalesce(e.alias_reasons, [])[i] AS reason
ORDER BY entity, alias
