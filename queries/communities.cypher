// Communities: which actors form blocs, with their most central members
// Question: Which blocs (Louvain communities of the influence network, written by `sphere analyze`)
//   do the actors form, how big is each, and who are its most central members (by PageRank)?
// Parameters (paste these lines into Neo4j Browser first):
// :param top => 5                    // int: members shown per community, most central first
// :param min_size => 2               // int: smallest community shown
MATCH (a:Actor)
WHERE a.community IS NOT NULL
WITH a.community AS community, count(a) AS size
WHERE size >= $min_size
MATCH (m:Actor)
WHERE m.community = community AND m.community_rank <= $top
RETURN community, size, m.community_rank AS rank, m.name AS member, m.kind AS kind, m.pagerank AS pagerank
ORDER BY size DESC, community, rank, member, kind
