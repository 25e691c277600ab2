// Timeline: the dated events of an actor, or of a pair, in order
// Question: What happened to or by this actor (and, if given, together with a second actor), in
//   date order, with modality and the sentence that says so? Undated events take their document's date.
// Parameters (paste these lines into Neo4j Browser first):
// :param actor => 'Khalifa Haftar'   // string: the actor's name, any alias, or id
// :param other => ''                 // string: a second actor to keep only shared events ('' = all)
// :param since => ''                 // string: first day, ISO 8601 ('' = from the start)
// :param until => '9999'             // string: last day, ISO 8601 ('9999' = to the end)
// :param types => []                 // list<string>: event types ([] = all)
MATCH (a:Actor)
WHERE a.id = $actor OR a.name = $actor OR $actor IN a.aliases
MATCH (a)-[:SUBJECT_OF|OBJECT]-(e:Event)
WITH DISTINCT a, e
WHERE $other = '' OR EXISTS {
    MATCH (e)-[:SUBJECT_OF|OBJECT]-(b:Actor)
    WHERE b.id <> a.id AND (b.id = $other OR b.name = $other OR $other IN b.aliases)
  }
OPTIONAL MATCH (e)-[evidence:REPORTED_IN]->(d:Document)
WITH e, evidence, d, coalesce(e.day, '') AS day
WHERE day >= $since AND day <= $until AND (size($types) = 0 OR e.type IN $types)
OPTIONAL MATCH (s:Actor)-[:SUBJECT_OF]->(e)
WITH e, s, evidence, d, day
OPTIONAL MATCH (e)-[first:OBJECT]->(o)
WHERE first.role IS NULL
WITH e, s, evidence, d, day, o
OPTIONAL MATCH (e)-[second:OBJECT]->(o2)
WHERE second.role = 'second'
WITH e, s, evidence, d, day, o, o2
OPTIONAL MATCH (e)-[:AT]->(at)
RETURN day AS date, e.date IS NULL AS undated, e.type AS type, s.name AS subject, o.name AS object,
       o2.name AS object2, at.name AS place, e.modality AS modality, evidence.sentence AS sentence,
       d.title AS document
ORDER BY date, document, evidence.start, type, subject, object, object2, place, modality, sentence
