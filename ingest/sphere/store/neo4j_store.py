"""Neo4j 5 through the official driver: constraints first, UNWIND batches, managed transactions."""
from __future__ import annotations

from neo4j import GraphDatabase

from ..model import graph_model
from . import dialect
from .base import GraphBatch, GraphStore, QueryResult, RelRows

BATCH_ROWS = 1000


class Neo4jStore(GraphStore):
    name = "neo4j"

    def __init__(self, uri: str, user: str, password: str, database: str | None = None):
        self.uri = uri
        self.database = database
        self._driver = GraphDatabase.driver(uri, auth=(user, password))

    def close(self) -> None:
        self._driver.close()

    def ensure_schema(self) -> None:
        for statement in dialect.neo4j_schema():
            self._driver.execute_query(statement, database_=self.database)

    def query(self, statement: str, params: dict | None = None) -> QueryResult:
        with self._driver.session(database=self.database) as session:
            result = session.run(statement, params or {})
            columns = list(result.keys())
            rows = [[_plain(value) for value in record.values()] for record in result]
        return QueryResult(columns, rows)

    def iter_rows(self, statement: str, params: dict | None = None):
        with self._driver.session(database=self.database) as session:
            for record in session.run(statement, params or {}):
                yield {key: _plain(value) for key, value in record.items()}

    def write(self, batch: GraphBatch) -> None:
        with self._driver.session(database=self.database) as session:
            session.execute_write(_write_batch, batch)

    def write_scores(self, label: str, rows: list[dict]) -> None:
        statement = dialect.set_scores(graph_model().nodes[label])
        with self._driver.session(database=self.database) as session:
            session.execute_write(lambda tx: _run_batched(tx, statement, rows))

    def mark_influence(self, label: str, tiers: dict[str, list[str]]) -> None:
        def relabel(tx):
            tx.run(dialect.clear_influence_labels(label, list(tiers))).consume()
            for tier, ids in tiers.items():
                tx.run(dialect.set_influence_label(label, tier), ids=ids).consume()

        with self._driver.session(database=self.database) as session:
            session.execute_write(relabel)

    def replace_projection(self, actor_ids: list[str], edges: list[RelRows]) -> None:
        with self._driver.session(database=self.database) as session:
            session.execute_write(_replace_projection, actor_ids, edges)


def _write_batch(tx, batch: GraphBatch) -> None:
    model = graph_model()
    for label, rows in batch.nodes.items():
        spec = model.nodes[label]
        if not spec.kind_labels:
            _run_batched(tx, dialect.upsert_nodes(spec), rows)
            continue
        for kind, kind_label in spec.kind_labels.items():
            _run_batched(tx, dialect.upsert_nodes(spec, kind_label), [r for r in rows if r.get("kind") == kind])
        _run_batched(tx, dialect.upsert_nodes(spec), [r for r in rows if r.get("kind") not in spec.kind_labels])
    for rel in batch.relationships:
        spec = model.all_relationships()[rel.type]
        _run_batched(tx, dialect.upsert_relationships(spec, rel.source, rel.target), rel.rows)
    _run_batched(tx, dialect.mark_ingested(), batch.documents)


def _replace_projection(tx, actor_ids: list[str], edges: list[RelRows]) -> None:
    model = graph_model()
    for event_type, spec in model.projection.items():
        for target in spec.targets:
            tx.run(dialect.delete_projection(event_type, target), ids=actor_ids).consume()
    for rel in edges:
        _run_batched(tx, dialect.upsert_relationships(model.projection[rel.type], rel.source, rel.target), rel.rows)


def _run_batched(tx, statement: str, rows: list[dict]) -> None:
    for i in range(0, len(rows), BATCH_ROWS):
        tx.run(statement, rows=rows[i:i + BATCH_ROWS]).consume()


def _plain(value):
    """Driver graph objects become plain dicts so every store answers with the same shapes."""
    if hasattr(value, "items") and hasattr(value, "element_id"):
        return dict(value.items())
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value
