"""Every Cypher statement the stores run, generated from the graph model, and the dialect gap.

The Neo4j and embedded (Ladybug) dialects differ only in what is decided here:
schema DDL, Neo4j's extra kind labels, Ladybug's typed values for new rows, and the
rewrites that make a query module written in Neo4j Cypher run on Ladybug (`to_ladybug`).
"""
from __future__ import annotations

import re
from itertools import takewhile

from ..model import GraphModel, NodeSpec, RelSpec, graph_model

LADYBUG_TYPES = {"string": "STRING", "string_list": "STRING[]", "float": "DOUBLE", "int": "INT64"}
RESERVED = {"end", "start", "type", "count"}


def name(prop: str) -> str:
    """A property name quoted where a dialect reserves it (`end` is a keyword in Ladybug)."""
    return f"`{prop}`" if prop in RESERVED else prop


# ---- schema -------------------------------------------------------------------------------------
def neo4j_schema(model: GraphModel | None = None) -> list[str]:
    model = model or graph_model()
    constraints = [
        f"CREATE CONSTRAINT {spec.label.lower()}_{spec.key} IF NOT EXISTS "
        f"FOR (n:{spec.label}) REQUIRE n.{spec.key} IS UNIQUE"
        for spec in model.nodes.values()
    ]
    return constraints + [f"CREATE INDEX {spec.label.lower()}_{prop} IF NOT EXISTS FOR (n:{spec.label}) ON (n.{prop})"
                          for spec in model.nodes.values() for prop in spec.indexes]


def ladybug_schema(model: GraphModel | None = None) -> list[str]:
    model = model or graph_model()
    statements = []
    for spec in model.nodes.values():
        columns = ", ".join(f"{name(p)} {LADYBUG_TYPES[kind]}" for p, kind in spec.columns().items())
        statements.append(f"CREATE NODE TABLE IF NOT EXISTS {spec.label}({columns}, PRIMARY KEY({spec.key}))")
    for rel in model.all_relationships().values():
        pairs = ", ".join(f"FROM {a} TO {b}" for a in rel.sources for b in rel.targets)
        columns = "".join(f", {name(p)} {LADYBUG_TYPES[kind]}" for p, kind in rel.properties.items())
        statements.append(f"CREATE REL TABLE IF NOT EXISTS {rel.type}({pairs}{columns})")
    return statements


def ladybug_columns(label: str) -> str:
    return f"CALL table_info('{label}') RETURN name"


def ladybug_add_column(label: str, prop: str, kind: str) -> str:
    """For stores created before a property joined the model."""
    return f"ALTER TABLE {label} ADD IF NOT EXISTS {name(prop)} {LADYBUG_TYPES[kind]}"


# Properties that joined the model later and are derived from the rest of the graph: how a store
# written before them fills them in: the path out of node n, and the value read along it (the event's
# day: its date, else its document's, as write/rows.py writes it).
_DERIVED = {("Event", "day"): ("-[:REPORTED_IN]->(d:Document)", "coalesce(n.date, d.published)")}


def backfills(neo4j: bool) -> dict[tuple[str, str], str]:
    """(label, property) -> the statement that fills the property in where it is missing; on Neo4j in
    transactions of 10,000 rows (a million events in one transaction would hold them all in memory)."""
    statements = {}
    for (label, prop), (path, value) in _DERIVED.items():
        missing = f"n.{prop} IS NULL"
        if neo4j:
            statements[label, prop] = (f"MATCH (n:{label}) WHERE {missing} CALL (n) {{ MATCH (n){path} "
                                       f"SET n.{prop} = {value} }} IN TRANSACTIONS OF 10000 ROWS")
        else:
            statements[label, prop] = f"MATCH (n:{label}){path} WHERE {missing} SET n.{prop} = {value}"
    return statements


# ---- writes -------------------------------------------------------------------------------------
def _value(prop: str, kind: str, typed: bool) -> str:
    """typed: Ladybug infers a column that is null in every row as STRING, so numbers are cast."""
    if typed and kind in ("float", "int"):
        return f"CAST(row.{name(prop)} AS {LADYBUG_TYPES[kind]})"
    return f"row.{name(prop)}"


def create_nodes(spec: NodeSpec) -> str:
    """Ladybug: nodes known to be new. (Its COPY FROM a Python frame was the bulk path, but each COPY kept
    about 10 MB of memory until the process ended: a long ingest grew by over 1 GB per 1,000 documents.)"""
    values = ", ".join(f"{name(p)}: {_value(p, kind, True)}" for p, kind in spec.columns().items())
    return f"UNWIND $rows AS row CREATE (n:{spec.label} {{{values}}})"


def create_relationships(rel: RelSpec, source: str, target: str) -> str:
    """Ladybug: relationships from or to nodes this write created, so none of them exists yet."""
    values = ", ".join(f"{name(p)}: {_value(p, kind, True)}" for p, kind in rel.properties.items())
    return _each_row_between(source, target) + f"CREATE (a)-[r:{rel.type}{' {' + values + '}' if values else ''}]->(b)"


def _each_row_between(source: str, target: str) -> str:
    """Each row of $rows with its two end nodes a (row.src) and b (row.dst), for a relationship write."""
    return f"UNWIND $rows AS row MATCH (a:{source} {{id: row.src}}) MATCH (b:{target} {{id: row.dst}}) "


def upsert_nodes(spec: NodeSpec, typed: bool = False) -> str:
    sets = [f"n.{name(p)} = {_value(p, kind, typed)}" for p, kind in spec.properties.items() if p != spec.key]
    return (
        f"UNWIND $rows AS row MERGE (n:{spec.label} {{{spec.key}: row.{spec.key}}}) "
        f"SET {', '.join(sets)}"
    )


def upsert_nodes_with_kind_labels(spec: NodeSpec) -> str:
    """Neo4j: the upsert, plus the node's kind as an extra label (n:Person) and no other kind label,
    all kinds in one statement (one plan, one round trip) rather than one statement per kind."""
    statement = upsert_nodes(spec)
    for kind, label in spec.kind_labels.items():
        statement += (f" FOREACH (_ IN CASE WHEN row.kind = '{kind}' THEN [1] ELSE [] END | SET n:{label})"
                      f" FOREACH (_ IN CASE WHEN row.kind = '{kind}' THEN [] ELSE [1] END | REMOVE n:{label})")
    return statement


def upsert_relationships(rel: RelSpec, source: str, target: str) -> str:
    statement = _each_row_between(source, target) + f"MERGE (a)-[r:{rel.type}]->(b)"
    if rel.properties:
        statement += " SET " + ", ".join(f"r.{name(p)} = row.{name(p)}" for p in rel.properties)
    return statement


def set_scores(spec: NodeSpec) -> str:
    sets = ", ".join(f"n.{name(p)} = row.{name(p)}" for p in spec.scores)
    return f"UNWIND $rows AS row MATCH (n:{spec.label} {{{spec.key}: row.{spec.key}}}) SET {sets}"


def clear_influence_labels(label: str, tiers: list[str]) -> str:
    return f"MATCH (n:{label}) REMOVE " + ", ".join(f"n:{tier}" for tier in tiers)


def set_influence_label(label: str, tier: str) -> str:
    return f"UNWIND $ids AS id MATCH (n:{label} {{id: id}}) SET n:{tier}"


def existing_ids(label: str) -> str:
    return f"MATCH (n:{label}) WHERE n.id IN $ids RETURN n.id AS id"


def existing_aliases(label: str) -> str:
    return f"MATCH (n:{label}) WHERE n.id IN $ids RETURN n.id AS id, n.aliases AS aliases"


def people() -> str:
    """Ordered, so that resolving names against the graph's people goes the same way on every store."""
    return "MATCH (a:Actor) WHERE a.kind = 'PERSON' RETURN a.id AS id, a.name AS name ORDER BY a.id"


def ingested_documents() -> str:
    return "MATCH (d:Document) WHERE d.id IN $ids AND d.ingested_at IS NOT NULL RETURN d.id AS id"


def mark_ingested() -> str:
    return "UNWIND $rows AS row MATCH (d:Document {id: row.id}) SET d.ingested_at = row.ingested_at"


def unfinished_documents() -> str:
    """Documents written but not marked ingested: an ingest was interrupted (or is running)."""
    return "MATCH (d:Document) WHERE d.ingested_at IS NULL RETURN d.id AS id LIMIT 1"


def documents_with_identity() -> str:
    """Every stored version of the documents whose lasting identity is in $identities."""
    return "MATCH (d:Document) WHERE d.identity IN $identities RETURN d.id AS id, d.identity AS identity"


# ---- the influence projection (write/projection.py) ---------------------------------------------
# How the projection's properties of two sets of events combine: what an increment does.
PROJECTION_COMBINE = {"weight": "sum", "documents": "sum", "first_seen": "min", "last_seen": "max"}
_EVENT_ROW = "RETURN s.id AS src, e.type AS type, t.id AS dst, e.day AS day, d.id AS doc"


def event_edges(target: str, every_subject: bool = False) -> str:
    """Events (of the subjects in $ids, or of every subject) with their object of one label, from
    ingested documents: what the projection is built from. (WITH ... WHERE, not MATCH ... WHERE:
    Ladybug loses rows when pushed-down filters constrain a relationship and an end node.)"""
    subjects = "MATCH (s:Actor)" if every_subject else "UNWIND $ids AS sid MATCH (s:Actor {id: sid})"
    return (
        f"{subjects} MATCH (s)-[:SUBJECT_OF]->(e:Event)-[o:OBJECT]->(t:{target}) "
        "MATCH (e)-[:REPORTED_IN]->(d:Document) WITH s, e, o, t, d "
        "WHERE o.role IS NULL AND d.ingested_at IS NOT NULL " + _EVENT_ROW
    )


def edge_events(target: str) -> str:
    """Events behind the projection relationships $keys ({src, type, dst}), from ingested documents
    other than $retired: a recount of just these relationships."""
    return (
        f"UNWIND $keys AS k MATCH (s:Actor {{id: k.src}})-[:SUBJECT_OF]->(e:Event)-[o:OBJECT]->(t:{target} {{id: k.dst}}) "
        "MATCH (e)-[:REPORTED_IN]->(d:Document) WITH k, s, e, o, t, d "
        "WHERE e.type = k.type AND o.role IS NULL AND d.ingested_at IS NOT NULL AND NOT d.id IN $retired "
        + _EVENT_ROW
    )


def edges_of_documents(target: str) -> str:
    """The projection relationships ({src, type, dst}) that the events of the documents $ids count in."""
    return (
        f"UNWIND $ids AS id MATCH (e:Event)-[:REPORTED_IN]->(:Document {{id: id}}) "
        f"MATCH (s:Actor)-[:SUBJECT_OF]->(e)-[o:OBJECT]->(t:{target}) WITH s, e, o, t WHERE o.role IS NULL "
        "RETURN DISTINCT s.id AS src, e.type AS type, t.id AS dst"
    )


def projection_leaving(target: str, model: GraphModel | None = None) -> str:
    """The projection relationships ({src, type, dst}) leaving the actors $ids (Neo4j spelling)."""
    model = model or graph_model()
    return (f"UNWIND $ids AS sid MATCH (s:Actor {{id: sid}})-[r:{'|'.join(model.projection)}]->(t:{target}) "
            "RETURN s.id AS src, type(r) AS type, t.id AS dst")


def _combined(prop: str) -> str:
    how = PROJECTION_COMBINE[prop]
    if how == "sum":
        return f"r.{name(prop)} = r.{name(prop)} + row.{name(prop)}"
    wider = "<" if how == "min" else ">"
    return (f"r.{name(prop)} = CASE WHEN r.{name(prop)} IS NULL OR row.{name(prop)} {wider} r.{name(prop)} "
            f"THEN row.{name(prop)} ELSE r.{name(prop)} END")


def _add_to(rel: RelSpec) -> str:
    created = ", ".join(f"r.{name(p)} = row.{name(p)}" for p in rel.properties)
    matched = ", ".join(_combined(p) for p in rel.properties)
    return f"MERGE (a)-[r:{rel.type}]->(b) ON CREATE SET {created} ON MATCH SET {matched}"


def add_projection(event_type: str, target: str) -> str:
    """Rows ({src, dst} and the properties of a set of events) added to the projection relationships
    of one type: created when missing, else weights and documents summed, first/last seen widened."""
    rel = graph_model().projection[event_type]
    return (f"UNWIND $rows AS row MATCH (a:Actor {{id: row.src}}) MATCH (b:{target} {{id: row.dst}}) "
            + _add_to(rel))


def add_projection_every_type(target: str, model: GraphModel | None = None) -> str:
    """Neo4j: add_projection for rows of every event type ({"type", ...}) in one statement."""
    model = model or graph_model()
    return _every_type(target, model, _add_to)


def delete_projection_rows(event_type: str, target: str) -> str:
    return (f"UNWIND $rows AS row MATCH (a:Actor {{id: row.src}})-[r:{event_type}]->(b:{target} {{id: row.dst}}) "
            "DELETE r")


def upsert_projection(target: str, model: GraphModel | None = None) -> str:
    """Neo4j: projection rows of every event type ({"type", "src", "dst", ...}) towards one target
    label in one statement, their values replacing the stored ones."""
    model = model or graph_model()
    return _every_type(target, model, lambda rel: f"MERGE (a)-[r:{rel.type}]->(b) SET " + ", ".join(
        f"r.{name(p)} = row.{name(p)}" for p in rel.properties))


def _every_type(target: str, model: GraphModel, clause) -> str:
    """Cypher 5 has no relationship type from a parameter, so each type is a FOREACH that runs for
    the rows of that type."""
    branches = [f"FOREACH (_ IN CASE WHEN row.type = '{event_type}' THEN [1] ELSE [] END | {clause(rel)})"
                for event_type, rel in model.projection.items() if target in rel.targets]
    return (f"UNWIND $rows AS row MATCH (a:Actor {{id: row.src}}) MATCH (b:{target} {{id: row.dst}}) "
            + " ".join(branches))


# ---- replaced documents ---------------------------------------------------------------------------
def delete_document_events() -> str:
    """The events reported in the documents $ids, with their relationships."""
    return "UNWIND $ids AS id MATCH (e:Event)-[:REPORTED_IN]->(:Document {id: id}) DETACH DELETE e"


def delete_documents() -> str:
    return "UNWIND $ids AS id MATCH (d:Document {id: id}) DETACH DELETE d"


# ---- corrections (resolve/overrides.py) -------------------------------------------------------------
def _incident_pattern(rel: RelSpec, label: str, other: str, outgoing: bool) -> str:
    return f"(n:{label} {{id: $id}})-[r:{rel.type}]->(o:{other})" if outgoing \
        else f"(o:{other})-[r:{rel.type}]->(n:{label} {{id: $id}})"


def incident(rel: RelSpec, label: str, other: str, outgoing: bool) -> str:
    """The relationships of one type between the node $id and nodes of another label."""
    props = "".join(f", r.{name(p)} AS {name(p)}" for p in rel.properties)
    return f"MATCH {_incident_pattern(rel, label, other, outgoing)} RETURN o.id AS other{props}"


def delete_incident(rel: RelSpec, label: str, other: str, outgoing: bool) -> str:
    return f"UNWIND $others AS oid MATCH {_incident_pattern(rel, label, other, outgoing)} WHERE o.id = oid DELETE r"


def node_properties(spec: NodeSpec) -> str:
    return f"MATCH (n:{spec.label} {{id: $id}}) RETURN " + ", ".join(
        f"n.{name(p)} AS {name(p)}" for p in spec.properties)


def delete_node(label: str) -> str:
    return f"MATCH (n:{label} {{id: $id}}) DETACH DELETE n"


def subjects_touching(label: str) -> str:
    """Actors whose events name the node $id: their projection changes when it does."""
    return (f"MATCH (n:{label} {{id: $id}})<-[:OBJECT|AT]-(e:Event) WITH e "
            "MATCH (s:Actor)-[:SUBJECT_OF]->(e) RETURN DISTINCT s.id AS id")


def event_sentences(label: str) -> str:
    """Every event of the node $id with the sentences that report it."""
    return (f"MATCH (n:{label} {{id: $id}})-[:SUBJECT_OF|OBJECT|AT]-(e:Event) WITH DISTINCT e "
            "MATCH (e)-[ev:REPORTED_IN]->(d:Document) RETURN e.id AS event, d.id AS doc, ev.sentence AS sentence")


# ---- reads --------------------------------------------------------------------------------------
def count_nodes(label: str) -> str:
    return f"MATCH (n:{label}) RETURN count(n) AS count"


def count_relationships(rel_type: str) -> str:
    return f"MATCH ()-[r:{rel_type}]->() RETURN count(r) AS count"


def projection_edges(event_type: str, target: str) -> str:
    return (
        f"MATCH (s:Actor)-[r:{event_type}]->(t:{target}) "
        "RETURN s.id AS src, t.id AS dst, r.weight AS weight, r.first_seen AS first_seen, "
        "r.last_seen AS last_seen, r.documents AS documents"
    )


def multi_day_projection_edges(event_type: str, target: str) -> str:
    """The projection relationships of one type whose events fall on more than one day: the only ones
    whose days an export must read from their events (one day, first_seen, covers the others)."""
    return (f"MATCH (s:Actor)-[r:{event_type}]->(t:{target}) WITH s, r, t WHERE r.first_seen <> r.last_seen "
            "RETURN s.id AS src, t.id AS dst")


def projection_edges_in_order(event_type: str, target: str) -> str:
    """projection_edges, in (source id, target id) order: the stream an export merges."""
    return projection_edges(event_type, target) + " ORDER BY src, dst"


def edge_summaries() -> str:
    """Every (subject, event type, object) of events from ingested documents, summed the way the
    projection sums them, for the event types $types ([] = all) and, when $windowed, only the events
    of a day between $since and $until; in (subject id, type, object id) order."""
    return (
        "MATCH (s:Actor)-[:SUBJECT_OF]->(e:Event)-[o:OBJECT]->(t) "
        "MATCH (e)-[:REPORTED_IN]->(d:Document) WITH s, e, o, t, d "
        "WHERE o.role IS NULL AND d.ingested_at IS NOT NULL "
        "WITH s.id AS src, e.type AS type, t.id AS dst, e.day AS day, d.id AS doc "
        "WHERE (size($types) = 0 OR type IN $types) "
        "AND ($windowed = false OR (day IS NOT NULL AND day <> '' AND day >= $since AND day <= $until)) "
        "RETURN src, type, dst, count(*) AS weight, count(DISTINCT doc) AS documents, collect(DISTINCT day) AS days "
        "ORDER BY src, type, dst"
    )


def node_ids(label: str) -> str:
    return f"MATCH (n:{label}) RETURN n.id AS id ORDER BY n.id"


def node_named(label: str) -> str:
    """The nodes whose id, name or an alias is $name exactly (a country also by its code)."""
    return (f"MATCH (n:{label}) WHERE n.id = $name OR n.name = $name OR $name IN n.aliases "
            "OR (n.kind = 'COUNTRY' AND n.country = $name) "
            "RETURN n.id AS id, n.name AS name, n.kind AS kind, n.aliases AS aliases, n.country AS country")


def all_nodes(label: str) -> str:
    spec = graph_model().nodes[label]
    return f"MATCH (n:{label}) RETURN " + ", ".join(f"n.{name(p)} AS {name(p)}" for p in spec.columns()) + " ORDER BY n.id"


def all_relationships(rel: RelSpec, source: str, target: str) -> str:
    props = "".join(f", r.{name(p)} AS {name(p)}" for p in rel.properties)
    return f"MATCH (a:{source})-[r:{rel.type}]->(b:{target}) RETURN a.id AS src, b.id AS dst{props}"


def writer_statements() -> list[str]:
    """Every statement the writers and readers can run, for the linter."""
    model = graph_model()
    out = list(neo4j_schema(model))
    for spec in model.nodes.values():
        out += [upsert_nodes(spec), existing_ids(spec.label), count_nodes(spec.label), all_nodes(spec.label)]
        if spec.kind_labels:
            out.append(upsert_nodes_with_kind_labels(spec))
        if "aliases" in spec.properties:
            out += [existing_aliases(spec.label), node_properties(spec), delete_node(spec.label),
                    subjects_touching(spec.label), event_sentences(spec.label)]
        if spec.scores:
            tiers = list(model.influence_labels)
            out += [set_scores(spec), clear_influence_labels(spec.label, tiers)]
            out += [set_influence_label(spec.label, tier) for tier in tiers]
    for rel in model.all_relationships().values():
        out.append(count_relationships(rel.type))
        out += [upsert_relationships(rel, a, b) for a in rel.sources for b in rel.targets]
        out += [all_relationships(rel, a, b) for a in rel.sources for b in rel.targets]
        if rel.type in model.relationships:
            ends = [(a, b, True) for a in rel.sources for b in rel.targets] + \
                   [(b, a, False) for a in rel.sources for b in rel.targets]
            out += [f(rel, label, other, outgoing) for label, other, outgoing in ends
                    for f in (incident, delete_incident)]
    targets = model.projection["MEET"].targets
    for event_type, rel in model.projection.items():
        for target in rel.targets:
            out += [add_projection(event_type, target), delete_projection_rows(event_type, target),
                    projection_edges(event_type, target), projection_edges_in_order(event_type, target),
                    multi_day_projection_edges(event_type, target)]
    out += [event_edges(t, every) for t in targets for every in (False, True)]
    for target in targets:
        out += [upsert_projection(target, model), add_projection_every_type(target, model), edge_events(target),
                edges_of_documents(target), projection_leaving(target, model)]
    out += [edge_summaries(), ingested_documents(), mark_ingested(), people(), unfinished_documents(), documents_with_identity(),
            delete_document_events(), delete_documents()]
    return out


# ---- query modules: Neo4j Cypher -> Ladybug Cypher --------------------------------------------
_SHORTEST_PATH = re.compile(r"\b(shortestPath|allShortestPaths)\(\s*(\(\w+\))-\[(:[\w|]+)\*\.\.(\d+)\]-(\(\w+\))\s*\)")
_TYPE_FUNCTION = re.compile(r"\btype\(")
# The query modules' list sort: an insertion sort in plain Neo4j 5 Cypher (no APOC, no coll.sort);
# its "first n" form keeps n items at every step, so a hub's thousands of sentences cost n, not n².
SORTED_LIST = "reduce(sorted = [], item IN {list} | [k IN sorted WHERE k < item] + [item] + [k IN sorted WHERE k >= item])"
SORTED_HEAD = ("reduce(sorted = [], item IN {list} | "
               "([k IN sorted WHERE k < item] + [item] + [k IN sorted WHERE k >= item])[0..{n}])")


# A list of nodes as one string of their ids ('|id1|id2...'), a key to sort chains by (neither store
# sorts by a list): Neo4j's reduce, Ladybug's list_reduce.
JOINED_IDS = "reduce(joined = '', item IN {list} | joined + '|' + item.id)"


def _template(spelling: str) -> re.Pattern:
    return re.compile(re.escape(spelling).replace(re.escape("{list}"), "(.+?)").replace(re.escape("{n}"), r"(\d+)"))


_SORTED_LIST, _SORTED_HEAD, _JOINED_IDS = _template(SORTED_LIST), _template(SORTED_HEAD), _template(JOINED_IDS)
_LIST_MAP = re.compile(r"\[(\w+) IN ([^\[\]|]+?) \| ([^\[\]|]+?)\]")
_LONE_NODE = re.compile(r"\(\w+(:\w+)*\)")
_LABEL_EITHER = re.compile(r"(\(\w+)(:\w+(?:\|\w+)+)\)")
_CLAUSE = re.compile(r"^(OPTIONAL MATCH|MATCH|WITH|UNWIND|RETURN|ORDER BY|CALL|WHERE)\b")


def sorted_list(expression: str, first: int | None = None) -> str:
    """The Neo4j spelling of "expression (a list), sorted" (or its first n items) that to_ladybug knows."""
    return SORTED_LIST.format(list=expression) if first is None else SORTED_HEAD.format(list=expression, n=first)


def joined_ids(expression: str) -> str:
    """The Neo4j spelling of "the ids of these nodes as one string" that to_ladybug knows."""
    return JOINED_IDS.format(list=expression)


def to_ladybug(statement: str) -> str:
    """The constructs of the query modules that Ladybug spells differently from Neo4j 5.

    - shortestPath((a)-[:T*..n]-(b)) is Ladybug's (a)-[:T* SHORTEST 1..n]-(b), allShortestPaths
      its ALL SHORTEST; type(r) is label(r); a node of either label, (x:Actor|Place), is (x:Actor:Place);
    - the modules' insertion sort (SORTED_LIST, and SORTED_HEAD for its first n items; Ladybug has
      neither reduce nor list comprehensions) is list_sort; a list map [x IN list | f(x)] is
      list_transform(list, x -> f(x)); JOINED_IDS (a list of nodes as one string of ids) is a
      list_reduce;
    - a WHERE right after a MATCH that constrains a relationship's property and a node at an end
      of it that no other relationship of the pattern shares becomes WITH * WHERE, a filter on the
      matched rows: Ladybug 0.22 pushes such predicates into its joins and then loses rows
      (`r.role IS NULL AND o.country IS NOT NULL` dropped every event whose object had other
      incoming events), which made country-matrix undercount. So does the WHERE of a MATCH that
      walks out from a node found before (it gets a HINT, below). Any other WHERE stays where it
      is, so that a filter on the events of a whole-graph scan cuts the rows before they are joined.
    - a top-level MATCH whose pattern reaches a node bound by an earlier MATCH gets a join-order
      HINT that walks the pattern outward from that node (see _expand_from_bound).
    Everything else the modules use is common to both.
    """
    statement = _SHORTEST_PATH.sub(_ladybug_shortest, statement)
    statement = _LABEL_EITHER.sub(lambda m: m.group(1) + m.group(2).replace("|", ":") + ")", statement)
    statement = _TYPE_FUNCTION.sub("label(", statement)
    statement = _SORTED_HEAD.sub(r"list_sort(\1)[0..\2]", statement)
    statement = _SORTED_LIST.sub(r"list_sort(\1)", statement)
    statement = _JOINED_IDS.sub(r"list_reduce(list_transform(\1, item -> '|' + item.id), (left, right) -> left + right)", statement)
    statement = _LIST_MAP.sub(r"list_transform(\2, \1 -> \3)", statement)
    return _expand_from_bound(_filter_after_match(statement))


def _ladybug_shortest(match: re.Match) -> str:
    kind = "ALL SHORTEST" if match.group(1) == "allShortestPaths" else "SHORTEST"
    source, types, hops, target = match.group(2, 3, 4, 5)
    return f"{source}-[{types}* {kind} 1..{hops}]-{target}"


def _filter_after_match(statement: str) -> str:
    """WHERE of a top-level MATCH (a clause at the start of a line) -> WITH * WHERE where Ladybug
    would lose rows (see _loses_rows). OPTIONAL MATCH keeps its WHERE (it decides what is optional),
    and so do MATCHes nested in EXISTS { }."""
    lines = statement.splitlines()
    for i, line in enumerate(lines):
        if i and line.startswith("WHERE") and lines[i - 1].startswith("MATCH "):
            condition = " ".join([line, *takewhile(lambda rest: not _CLAUSE.match(rest), lines[i + 1:])])
            if _loses_rows(lines[i - 1][len("MATCH "):], condition):
                lines[i] = "WITH * " + line
    return "\n".join(lines)


def _loses_rows(pattern: str, condition: str) -> bool:
    """Whether a WHERE names a property of one of the pattern's relationships and of a node at an
    end of it that no other relationship shares (a pattern this module cannot read counts as such)."""
    chain = _chain(pattern, iter(range(1, 1000)))
    if chain is None:
        return not _LONE_NODE.fullmatch(pattern.strip())
    named = set(re.findall(r"\b(\w+)\.", condition))
    for i in range(1, len(chain), 2):
        ends = [chain[j][1] for j in (i - 1, i + 1) if j in (0, len(chain) - 1)]
        if chain[i][1] in named and named & set(ends):
            return True
    return False


# ---- join order: walk out from what earlier clauses bound ------------------------------------------
_NODE = re.compile(r"\((\w*)((?::\w+)*)((?:\s*\{[^}]*\})?)\)")
_REL = re.compile(r"(<?-)\[(\w*)((?::[\w|]+)?)\](->?)")
_MATCH_LINE = re.compile(r"^(OPTIONAL MATCH|MATCH) (.+)$")


def _expand_from_bound(statement: str) -> str:
    """Ladybug plans each MATCH by its own estimates and, on a large graph, joins a relationship to
    the nodes an earlier clause found by scanning and hashing the whole relationship table (every
    REPORTED_IN of a million events, to report one actor's forty). A HINT that starts from the bound
    node makes it follow that node's adjacency lists instead: same rows, a plan proportional to them.

    The hint goes after the MATCH line, and the MATCH's WHERE becomes a WITH * WHERE that filters the
    rows it reached (Ladybug reads no WHERE after a HINT, and a pushed-down filter there made co-presence
    four times slower). An OPTIONAL MATCH is hinted only without a WHERE: with one, the hinted plan
    filters the whole relationship table (three times slower than Ladybug's own plan). Unnamed pattern elements are named (_h1, ...)
    so the hint can list them. Patterns of several parts, variable-length ones and those with no
    bound node are left as written."""
    lines = statement.splitlines()
    bound: set[str] = set()
    names = iter(range(1, 1000))
    out: list[str] = []
    for i, line in enumerate(lines):
        found = _MATCH_LINE.match(line)
        chain = _chain(found.group(2), names) if found else None
        if not chain:
            out.append(line)
            continue
        keyword = found.group(1)
        filtered = i + 1 < len(lines) and lines[i + 1].startswith("WHERE")
        hint = _hint(chain, bound) if len(chain) > 1 and not (keyword == "OPTIONAL MATCH" and filtered) else None
        out += [f"{keyword} {_spelled(chain)}", *([hint] if hint else [])]
        if hint and filtered:
            lines[i + 1] = "WITH * " + lines[i + 1]
        bound.update(element[1] for element in chain if element[0] == "node")
    return "\n".join(out)


def _chain(pattern: str, names) -> list[tuple] | None:
    """A one-part pattern as [("node", var, labels, props), ("rel", var, left, types, right), ...],
    or None for anything else (several parts, a path variable, variable length, a trailing clause).
    Unnamed elements take the next of `names` (a statement's counter: every name is new)."""
    elements, rest = [], pattern.strip()
    while True:
        node = _NODE.match(rest)
        if not node:
            return None
        elements.append(("node", node.group(1) or f"_h{next(names)}", node.group(2), node.group(3)))
        rest = rest[node.end():]
        if not rest:
            return elements
        rel = _REL.match(rest)
        if not rel:
            return None
        elements.append(("rel", rel.group(2) or f"_h{next(names)}", rel.group(1), rel.group(3), rel.group(4)))
        rest = rest[rel.end():]


def _spelled(chain: list[tuple]) -> str:
    parts = []
    for element in chain:
        if element[0] == "node":
            _, var, labels, props = element
            parts.append(f"({var}{labels}{props})")
        else:
            _, var, left, types, right = element
            parts.append(f"{left}[{var}{types}]{right}")
    return "".join(parts)


def _hint(chain: list[tuple], bound: set[str]) -> str | None:
    """HINT joining the chain's elements one at a time, outward from its first bound node."""
    names = [element[1] for element in chain]
    start = next((i for i, element in enumerate(chain) if element[0] == "node" and element[1] in bound), None)
    if start is None:
        return None
    joined = names[start]
    for i in [*range(start + 1, len(names)), *range(start - 1, -1, -1)]:
        joined = f"({joined} JOIN {names[i]})"
    return "HINT " + joined[1:-1]
