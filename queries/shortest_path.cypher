// question: How are two methods connected: the shortest chain of papers and entities between them (at most 4 hops)?
// params: source (default "ResNet"), target (default "Transformer")
MATCH (a:Method), (b:Method)
WHERE (toLower(a.name) = toLower($source) OR any(x IN coalesce(a.aliases, []) WHERE toLower(x) = toLower($source)))
  AND (toLower(b.name) = toLower($target) OR any(x IN coalesce(b.aliases, []) WHERE toLower(x) = toLower($target)))
  AND a <> b
MATCH p = (a)-[:USES|PROPOSES|EVALUATES_ON|ADDRESSES|VARIANT_OF|SUBTASK_OF*1..4]-(b)
WITH length(p) AS hops, [n IN nodes(p) | n.name] AS path, [r IN relationships(p) | type(r)] AS relations
RETURN hops, path, relations
ORDER BY hops, path, relations
LIMIT 1
