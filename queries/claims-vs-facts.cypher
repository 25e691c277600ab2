// Claims versus facts: what is planned, claimed or denied about an actor
// Question: Which of this actor's events are plans, attributed claims or denials rather than
//   asserted facts, with the sentence that says so?
// Parameters (paste these lines into Neo4j Browser first):
// :param actor => 'Russia'           // string: the actor's name, any alias, or id
// :param modalities => ['planned', 'reported_claim', 'denied']  // list<string>: modalities to show
// :param since => ''                 // string: first day, ISO 8601 ('' = from the start)
// :param until => '9999'             // string: last day, ISO 8601 ('9999' = to the end)
MATCH (a:Actor)
WHERE a.id = $actor OR a.name = $actor OR $actor IN a.aliases
MATCH (a)-[:SUBJECT_OF|OBJECT]-(e:Event)
MATCH (s:Actor)-[:SUBJECT_OF]->(e)-[evidence:REPORTED_IN]->(d:Document)
WITH e, s, evidence, d
OPTIONAL MATCH (e)-[first:OBJECT]->(o)
WHERE first.role IS NULL
WITH e, s, o, evidence, d, coalesce(e.day, '') AS day
WHERE day >= $since AND day <= $until AND e.modality IN $modalities
RETURN e.modality AS modality, day AS date, e.type AS type, s.name AS subject, o.name AS object,
       evidence.sentence AS sentence, d.title AS document
ORDER BY modality, date, type, subject, object, document, sentence
