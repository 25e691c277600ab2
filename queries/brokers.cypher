// Brokers: actors who bridge otherwise separate groups
// Question: Which actors lie on the most shortest paths between others (betweenness, written by
//   `sphere analyze`), and how many communities do their direct ties reach? Only the $limit actors
//   of highest betweenness have their ties counted, so a large graph answers at once.
// Parameters (paste these lines into Neo4j Browser first):
// :param min_weight => 1             // int: least weight of a tie for it to count
// :param limit => 20                 // int: rows
MATCH (a:Actor)
WHERE a.betweenness > 0
WITH a
ORDER BY a.betweenness DESC, a.name, a.kind
LIMIT $limit
OPTIONAL MATCH (a)-[tie:MEET|VISIT|INVITE|COMMUNICATE|SUPPORT|OPPOSE|ACCUSE|MILITARY_COOPERATION|ARMS_TRANSFER|ECONOMIC_COOPERATION|DEPLOY|MILITARY_BASE|MEDIATE|AGREE|REFUSE|SANCTION|ASYLUM|FIGHT|AFFILIATION]-(n)
WHERE tie.weight >= $min_weight
WITH a, count(DISTINCT n) AS ties, count(DISTINCT n.community) AS communities_reached
RETURN a.name AS actor, a.kind AS kind, a.betweenness AS betweenness, ties, communities_reached,
       a.community AS community
ORDER BY betweenness DESC, actor, kind, ties DESC, communities_reached DESC, community
LIMIT $limit
