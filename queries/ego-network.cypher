// Ego network: whom an actor deals with, how, how often, first and last seen
// Question: Whom does this actor deal with, through which kinds of events, how often, where,
//   when first and last, and which sentences say so? MEET is mutual; other types have a direction.
//   Places are sorted; the evidence is the first three sentences in sorted order (the reduce() is a
//   list sort in plain Cypher, so the answer is the same on every store).
// Parameters (paste these lines into Neo4j Browser first):
// :param actor => 'Khalifa Haftar'   // string: the actor's name, any alias, or id
// :param since => ''                 // string: first day, ISO 8601 ('' = from the start)
// :param until => '9999'             // string: last day, ISO 8601 ('9999' = to the end)
// :param types => []                 // list<string>: event types ([] = all)
// :param min_weight => 1             // int: least number of events in a row
MATCH (a:Actor)
WHERE a.id = $actor OR a.name = $actor OR $actor IN a.aliases
MATCH (a)-[role:SUBJECT_OF|OBJECT]-(e:Event)-[:SUBJECT_OF|OBJECT]-(other)
WHERE other.id <> a.id
MATCH (e)-[evidence:REPORTED_IN]->(d:Document)
WITH other, e, role, evidence, d
OPTIONAL MATCH (e)-[:AT]->(place)
WITH other, e, role, evidence, place, coalesce(e.day, '') AS day
WHERE day >= $since AND day <= $until AND (size($types) = 0 OR e.type IN $types)
WITH other, e.type AS type,
     CASE WHEN e.type = 'MEET' THEN 'mutual' WHEN type(role) = 'SUBJECT_OF' THEN 'outgoing' ELSE 'incoming' END AS direction,
     count(DISTINCT e) AS events, min(day) AS first_seen, max(day) AS last_seen,
     reduce(sorted = [], item IN collect(DISTINCT place.name) | [k IN sorted WHERE k < item] + [item] + [k IN sorted WHERE k >= item]) AS places,
     reduce(sorted = [], item IN collect(DISTINCT evidence.sentence) | ([k IN sorted WHERE k < item] + [item] + [k IN sorted WHERE k >= item])[0..3]) AS sentences
WHERE events >= $min_weight
RETURN other.name AS actor, other.kind AS kind, type, direction, events, first_seen, last_seen,
       places, sentences AS evidence
ORDER BY events DESC, actor, type, direction, kind, first_seen, last_seen
