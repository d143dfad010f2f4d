// question: Which papers mention both of two entities (e.g. a method and a dataset)?
// params: x (default "ResNet-50"), y (default "ImageNet")
MATCH (p:Paper)-->(a:Entity), (p)-->(b:Entity)
WHERE (toLower(a.name) = toLower($x) OR any(s IN coalesce(a.aliases, []) WHERE toLower(s) = toLower($x)))
  AND (toLower(b.name) = toLower($y) OR any(s IN coalesce(b.aliases, []) WHERE toLower(s) = toLower($y)))
RETURN DISTINCT p.title AS paper, p.url AS url
ORDER BY paper
