// Co-presence: who met whom, and where the meetings happen
// Question: Which actors met in the same place, how often and when, and which places host the
//   meetings? Narrow it to one actor or one place. The evidence is the first two sentences in
//   sorted order (the reduce() is a list sort in plain Cypher).
// Parameters (paste these lines into Neo4j Browser first):
// :param actor => ''                 // string: an actor's name, alias or id ('' = everyone)
// :param place => ''                 // string: a place's name, alias or id ('' = everywhere)
// :param since => ''                 // string: first day, ISO 8601 ('' = from the start)
// :param until => '9999'             // string: last day, ISO 8601 ('9999' = to the end)
// :param min_weight => 1             // int: least number of meetings in a row
MATCH (x:Actor)
WHERE $actor = '' OR x.id = $actor OR x.name = $actor OR $actor IN x.aliases
MATCH (x)-[role:SUBJECT_OF|OBJECT]-(e:Event)
WHERE e.type = 'MEET' AND ($actor <> '' OR type(role) = 'SUBJECT_OF')
WITH x, e
MATCH (a:Actor)-[:SUBJECT_OF]->(e)-[r:OBJECT]->(b:Actor)
WHERE r.role IS NULL AND (a.id = x.id OR b.id = x.id)
WITH a, b, e
MATCH (e)-[:AT]->(p)
WHERE $place = '' OR p.id = $place OR p.name = $place OR $place IN p.aliases
WITH p, a, b, e
MATCH (e)-[evidence:REPORTED_IN]->(d:Document)
WITH p, a, b, e, evidence, coalesce(e.day, '') AS day
WHERE day >= $since AND day <= $until
WITH p, a, b, count(DISTINCT e) AS meetings, min(day) AS first_seen, max(day) AS last_seen,
     reduce(sorted = [], item IN collect(DISTINCT evidence.sentence) | ([k IN sorted WHERE k < item] + [item] + [k IN sorted WHERE k >= item])[0..2]) AS sentences
WHERE meetings >= $min_weight
RETURN p.name AS place, a.name AS actor, b.name AS met, meetings, first_seen, last_seen,
       sentences AS evidence
ORDER BY meetings DESC, place, actor, met, first_seen, last_seen
