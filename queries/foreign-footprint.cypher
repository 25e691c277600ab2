// Foreign footprint: who deploys, bases, visits and arms in a country or place
// Question: Which foreign actors deploy forces, hold or seek bases, visit, supply arms or cooperate
//   militarily in this country (any of its places) or this one place, how often, and when?
//   Targets are sorted; the evidence is the first three sentences in sorted order (the reduce() is a
//   list sort in plain Cypher).
// Parameters (paste these lines into Neo4j Browser first):
// :param host => 'Libya'             // string: a country (name, alias or ISO code) or a place
// :param types => ['DEPLOY', 'MILITARY_BASE', 'VISIT', 'ARMS_TRANSFER', 'MILITARY_COOPERATION']  // list<string>: event types ([] = all)
// :param since => ''                 // string: first day, ISO 8601 ('' = from the start)
// :param until => '9999'             // string: last day, ISO 8601 ('9999' = to the end)
OPTIONAL MATCH (p:Place)
WHERE p.id = $host OR p.name = $host OR $host IN p.aliases
OPTIONAL MATCH (c:Actor)
WHERE c.kind = 'COUNTRY' AND (c.country = $host OR c.name = $host OR $host IN c.aliases)
WITH p, CASE WHEN p IS NULL THEN c.country ELSE p.country END AS host_country
MATCH (x:Actor|Place)
WHERE (p IS NULL AND x.country = host_country) OR x.id = p.id
MATCH (e:Event)-[:OBJECT|AT]->(x)
WHERE size($types) = 0 OR e.type IN $types
MATCH (s:Actor)-[:SUBJECT_OF]->(e)
WHERE s.country IS NULL OR s.country <> host_country
MATCH (e)-[evidence:REPORTED_IN]->(d:Document)
WITH s, e, x, evidence, coalesce(e.day, '') AS day
WHERE day >= $since AND day <= $until
WITH s.id AS sid, s.name AS actor, s.country AS actor_country, e.type AS type,
     reduce(sorted = [], item IN collect(DISTINCT x.name) | [k IN sorted WHERE k < item] + [item] + [k IN sorted WHERE k >= item]) AS targets,
     count(DISTINCT e.id) AS events, min(day) AS first_seen, max(day) AS last_seen,
     reduce(sorted = [], item IN collect(DISTINCT evidence.sentence) | ([k IN sorted WHERE k < item] + [item] + [k IN sorted WHERE k >= item])[0..3]) AS sentences
RETURN actor, actor_country, type, targets, events, first_seen, last_seen,
       sentences AS evidence
ORDER BY events DESC, actor, type, actor_country, first_seen, last_seen
