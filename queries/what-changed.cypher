// What changed: relationships that appeared or intensified in a window
// Question: Which (actor, event type, actor or place) relationships have more events between
//   `since` and `until` than in all the time before `since`: new ones, and intensified ones?
// Parameters (paste these lines into Neo4j Browser first):
// :param since => '2020-01-01'       // string: first day of the window, ISO 8601
// :param until => '9999'             // string: last day of the window, ISO 8601 ('9999' = to the end)
// :param types => []                 // list<string>: event types ([] = all)
// :param min_weight => 1             // int: least number of events in the window
MATCH (s:Actor)-[:SUBJECT_OF]->(e:Event)-[r:OBJECT]->(t)
WHERE r.role IS NULL AND e.day >= $since AND e.day <= $until AND (size($types) = 0 OR e.type IN $types)
WITH s, t, e.type AS type, count(*) AS recent
WHERE recent >= $min_weight
OPTIONAL MATCH (t)<-[earlier:OBJECT]-(b:Event)<-[:SUBJECT_OF]-(s)
WITH s, t, type, recent,
     sum(CASE WHEN earlier.role IS NULL AND b.type = type AND b.day < $since THEN 1 ELSE 0 END) AS before
WHERE recent > before
RETURN s.name AS subject, type, t.name AS object, before, recent,
       CASE WHEN before = 0 THEN 'new' ELSE 'intensified' END AS change
ORDER BY change DESC, recent DESC, subject, type, object, before
