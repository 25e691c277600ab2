// Country influence matrix: events between countries' actors, by type
// Question: How many events of each type go from the actors of one country (the country itself,
//   its institutions, people and places) to those of another?
// Parameters (paste these lines into Neo4j Browser first):
// :param since => ''                 // string: first day, ISO 8601 ('' = from the start)
// :param until => '9999'             // string: last day, ISO 8601 ('9999' = to the end)
// :param types => []                 // list<string>: event types ([] = all)
// :param foreign_only => true        // boolean: leave out events within one country
// :param min_weight => 1             // int: least number of events in a cell
MATCH (s:Actor)-[:SUBJECT_OF]->(e:Event)-[r:OBJECT]->(o)
WHERE r.role IS NULL AND s.country IS NOT NULL AND o.country IS NOT NULL
  AND ($foreign_only = false OR s.country <> o.country)
WITH s, o, e, coalesce(e.day, '') AS day
WHERE day >= $since AND day <= $until AND (size($types) = 0 OR e.type IN $types)
WITH s.country AS from_country, o.country AS to_country, e.type AS type, count(*) AS events
WHERE events >= $min_weight
RETURN from_country, to_country, type, events
ORDER BY events DESC, from_country, to_country, type
