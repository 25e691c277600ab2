// What changed: relationships that appeared or intensified in a window
// Question: Which (actor, event type, actor or place) relationships have more events between
//   `since` and `until` than in all the time before `since`: new ones, and intensified ones?
// Parameters (paste these lines into Neo4j Browser first):
// :param since => '2020-01-01'       // string: first day of the window, ISO 8601
// :param until => '9999'             // string: last day of the window, ISO 8601 ('9999' = to the end)
// :param types => []                 // list<string>: event types ([] = all)
// :param min_weight => 1             // int: least number of events in the window
MATCH (s:Actor)-[:SUBJECT_OF]->(e:Event)-[r:OBJECT]->(t)
WHERE r.role IS NULL
MATCH (e)-[:REPORTED_IN]->(d:Document)
WITH s, t, e, coalesce(e.date, d.published, '') AS day
WHERE day <> '' AND day <= $until AND (size($types) = 0 OR e.type IN $types)
WITH s.id AS sid, s.name AS subject, t.id AS tid, t.name AS object, e.type AS type,
     sum(CASE WHEN day >= $since THEN 1 ELSE 0 END) AS recent,
     sum(CASE WHEN day < $since THEN 1 ELSE 0 END) AS before
WHERE recent >= $min_weight AND recent > before
RETURN subject, type, object, before, recent,
       CASE WHEN before = 0 THEN 'new' ELSE 'intensified' END AS change
ORDER BY change DESC, recent DESC, subject, type, object, before
