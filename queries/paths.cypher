// Paths: how is one actor connected to another
// Question: What are the shortest chains of relationships between two actors, and which events and
//   sentences stand behind each hop? (Up to 6 hops through actors and places; every chain of the
//   least length, so ties between equally short chains do not make the answer arbitrary, up to the
//   first 10 chains by the ids along them, so that actors joined through hubs get a readable answer.)
// Parameters (paste these lines into Neo4j Browser first):
// :param source => 'Khalifa Haftar'  // string: one actor's name, alias or id
// :param target => 'Sergey Lavrov'   // string: the other actor's name, alias or id
MATCH (a:Actor)
WHERE a.id = $source OR a.name = $source OR $source IN a.aliases
MATCH (b:Actor)
WHERE b.id = $target OR b.name = $target OR $target IN b.aliases
MATCH p = allShortestPaths((a)-[:MEET|VISIT|INVITE|COMMUNICATE|SUPPORT|OPPOSE|ACCUSE|MILITARY_COOPERATION|ARMS_TRANSFER|ECONOMIC_COOPERATION|DEPLOY|MILITARY_BASE|MEDIATE|AGREE|REFUSE|SANCTION|ASYLUM|FIGHT|AFFILIATION*..6]-(b))
WITH length(p) AS hops, nodes(p) AS chain, reduce(joined = '', item IN nodes(p) | joined + '|' + item.id) AS key
ORDER BY hops, key
LIMIT 10
UNWIND chain AS n
WITH hops, collect(DISTINCT n.id) AS ids
UNWIND ids AS xid
MATCH (x:Actor {id: xid})
MATCH (x)-[:SUBJECT_OF]->(e:Event)
MATCH (e)-[r:OBJECT]->(y)
WHERE y.id IN ids AND r.role IS NULL
MATCH (e)-[evidence:REPORTED_IN]->(d:Document)
RETURN hops, x.name AS subject, e.type AS type, y.name AS object, e.day AS date,
       evidence.sentence AS sentence, d.title AS document
ORDER BY subject, object, date, type, document, sentence, hops
