// Influential actors: who weighs most in a period, overall or within a country's sphere
// Question: Which actors take part in the most events in a period (weighted degree), and how
//   central are they in the whole network (PageRank, written by `sphere analyze`)? With a country,
//   only events that involve an actor of that country count: that country's sphere.
// Parameters (paste these lines into Neo4j Browser first):
// :param since => ''                 // string: first day, ISO 8601 ('' = from the start)
// :param until => '9999'             // string: last day, ISO 8601 ('9999' = to the end)
// :param types => []                 // list<string>: event types ([] = all)
// :param country => ''               // string: ISO 3166 alpha-2 code, e.g. 'RU' ('' = everyone)
// :param limit => 20                 // int: rows
MATCH (e:Event)
WITH e, coalesce(e.day, '') AS day
WHERE day >= $since AND day <= $until AND (size($types) = 0 OR e.type IN $types)
MATCH (a:Actor)-[:SUBJECT_OF|OBJECT]-(e)
WITH a, e
WHERE $country = '' OR a.country = $country
   OR EXISTS { MATCH (e)-[:SUBJECT_OF|OBJECT]-(other) WHERE other.country = $country }
WITH a.id AS id, a.name AS actor, a.kind AS kind, a.country AS country, a.pagerank AS pagerank,
     a.community AS community, count(DISTINCT e.id) AS events
RETURN actor, kind, country, events, pagerank, community
ORDER BY events DESC, pagerank DESC, actor, kind, country, community
LIMIT $limit
