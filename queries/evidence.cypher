// Evidence: every sentence and document behind one relationship
// Question: Which sentences, in which documents, stand behind "subject -[type]-> object"?
//   MEET is mutual, so either actor may be the subject.
// Parameters (paste these lines into Neo4j Browser first):
// :param subject => 'Khalifa Haftar' // string: the subject's name, alias or id
// :param type => 'MEET'              // string: the event type of the relationship
// :param object => 'Sergei Shoigu'   // string: the object's name, alias or id (actor or place)
MATCH (s:Actor)
WHERE s.id = $subject OR s.name = $subject OR $subject IN s.aliases
MATCH (s)-[role:SUBJECT_OF|OBJECT]-(e:Event)
WITH e, type(role) AS role
WHERE e.type = $type AND (e.type = 'MEET' OR role = 'SUBJECT_OF')
WITH DISTINCT e
OPTIONAL MATCH (e)-[:SUBJECT_OF|OBJECT]-(o)
WITH e, o
WHERE o.id = $object OR o.name = $object OR $object IN o.aliases
WITH DISTINCT e
OPTIONAL MATCH (e)-[evidence:REPORTED_IN]->(d:Document)
RETURN DISTINCT e.day AS date, e.modality AS modality, evidence.sentence AS sentence,
       evidence.start AS start_offset, evidence.`end` AS end_offset, d.title AS document, d.source AS source,
       d.url AS url
ORDER BY date, document, start_offset, end_offset, sentence, modality, source, url
