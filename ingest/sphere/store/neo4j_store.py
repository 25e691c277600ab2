"""Neo4j 5 through the official driver: constraints first, UNWIND batches, managed transactions."""
from __future__ import annotations

import functools
import os

from neo4j import GraphDatabase
from neo4j.exceptions import AuthError, ClientError, DatabaseUnavailable, ServiceUnavailable, SessionExpired

from ..model import graph_model
from . import dialect
from .base import GraphBatch, GraphStore, ProjectionChange, QueryResult, RelRows, StoreRefused, StoreUnavailable

BATCH_ROWS = 5000


# The server turns the credentials down: a wrong user or password (after a few attempts the answer
# is AuthenticationRateLimit instead), or an initial password that must first be changed.
REFUSALS = {"Neo.ClientError.Security.Unauthorized", "Neo.ClientError.Security.AuthenticationRateLimit",
            "Neo.ClientError.Security.CredentialsExpired"}
# ServiceUnavailable includes a commit whose answer was lost: every write is an idempotent MERGE, so
# redoing it is safe. DatabaseUnavailable is a server that is still starting.
UNREACHABLE = (ServiceUnavailable, SessionExpired, DatabaseUnavailable)


def _reachable(method):
    """Driver errors that mean "the server is not there" become StoreUnavailable (the run retries)."""
    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        try:
            result = method(self, *args, **kwargs)
            if hasattr(result, "__next__"):
                return _reachable_rows(self, result)
            return result
        except UNREACHABLE as exc:
            raise _unreachable(self, exc) from exc
        except ClientError as exc:
            raise _refused(self, exc) if _is_refusal(exc) else exc
    return wrapper


def _reachable_rows(store, rows):
    try:
        yield from rows
    except UNREACHABLE as exc:
        raise _unreachable(store, exc) from exc
    except ClientError as exc:
        raise _refused(store, exc) if _is_refusal(exc) else exc


def _unreachable(store, exc: Exception) -> StoreUnavailable:
    return StoreUnavailable(f"Neo4j at {store.uri} is unreachable: {' '.join(str(exc).split())}")


def _is_refusal(exc: ClientError) -> bool:
    return isinstance(exc, AuthError) or exc.code in REFUSALS


def _refused(store, exc: ClientError) -> StoreRefused:
    """Refused credentials are not an outage: no retry, one line saying what to fix."""
    reason = " ".join(str(exc.message or exc.code).split())
    return StoreRefused(f"Neo4j at {store.uri} refused user {store.user!r}: {reason} "
                        "(check NEO4J_USER and NEO4J_PASSWORD)")


class Neo4jStore(GraphStore):
    name = "neo4j"

    def __init__(self, uri: str, user: str, password: str, database: str | None = None):
        self.uri = uri
        self.user = user
        self.database = database
        retry = float(os.environ.get("SPHERE_NEO4J_RETRY_SECONDS", "30"))
        # notifications (deprecations, "property key does not exist" on an empty graph) would be
        # logged on stderr for every query; the statements are linted in the tests instead
        self._driver = GraphDatabase.driver(uri, auth=(user, password), max_transaction_retry_time=retry,
                                            connection_timeout=min(retry, 30.0),
                                            notifications_min_severity="OFF")

    def close(self) -> None:
        self._driver.close()

    @_reachable
    def ensure_schema(self) -> None:
        for statement in dialect.neo4j_schema():
            self._driver.execute_query(statement, database_=self.database)
        with self._driver.session(database=self.database) as session:
            for statement in dialect.backfills(neo4j=True).values():
                session.run(statement).consume()

    @_reachable
    def query(self, statement: str, params: dict | None = None) -> QueryResult:
        with self._driver.session(database=self.database) as session:
            result = session.run(statement, params or {})
            columns = list(result.keys())
            rows = [[_plain(value) for value in record.values()] for record in result]
        return QueryResult(columns, rows)

    @_reachable
    def iter_rows(self, statement: str, params: dict | None = None):
        with self._driver.session(database=self.database) as session:
            for record in session.run(statement, params or {}):
                yield {key: _plain(value) for key, value in record.items()}

    @_reachable
    def write(self, batch: GraphBatch) -> None:
        with self._driver.session(database=self.database) as session:
            session.execute_write(_write_batch, batch)

    @_reachable
    def write_scores(self, label: str, rows: list[dict]) -> None:
        statement = dialect.set_scores(graph_model().nodes[label])
        with self._driver.session(database=self.database) as session:
            session.execute_write(lambda tx: _run_batched(tx, statement, rows))

    @_reachable
    def mark_influence(self, label: str, tiers: dict[str, list[str]]) -> None:
        def relabel(tx):
            tx.run(dialect.clear_influence_labels(label, list(tiers))).consume()
            for tier, ids in tiers.items():
                tx.run(dialect.set_influence_label(label, tier), ids=ids).consume()

        with self._driver.session(database=self.database) as session:
            session.execute_write(relabel)

    @_reachable
    def change_projection(self, change: ProjectionChange) -> None:
        with self._driver.session(database=self.database) as session:
            session.execute_write(_change_projection, change)


def _write_batch(tx, batch: GraphBatch) -> None:
    """Nodes, then relationships, then the ledger, in one transaction: one statement per node label
    and per (relationship, endpoints), each row list in UNWIND batches of BATCH_ROWS."""
    model = graph_model()
    for label, rows in batch.nodes.items():
        spec = model.nodes[label]
        statement = dialect.upsert_nodes_with_kind_labels(spec) if spec.kind_labels else dialect.upsert_nodes(spec)
        _run_batched(tx, statement, rows)
    for rel in batch.relationships:
        spec = model.all_relationships()[rel.type]
        _run_batched(tx, dialect.upsert_relationships(spec, rel.source, rel.target), rel.rows)
    _run_batched(tx, dialect.mark_ingested(), batch.documents)


def _change_projection(tx, change: ProjectionChange) -> None:
    """The change in one transaction: relationships of every event type towards one target label
    are added, or set, in one statement (a row carries its event type)."""
    if change.retired:
        tx.run(dialect.delete_document_events(), ids=change.retired).consume()
        tx.run(dialect.delete_documents(), ids=change.retired).consume()
    for rel in change.removed:
        _run_batched(tx, dialect.delete_projection_rows(rel.type, rel.target), rel.rows)
    for target, rows in _by_target(change.exact):
        _run_batched(tx, dialect.upsert_projection(target), rows)
    for target, rows in _by_target(change.added):
        _run_batched(tx, dialect.add_projection_every_type(target), rows)
    _run_batched(tx, dialect.mark_ingested(), change.ingested)


def _by_target(edges: list[RelRows]) -> list[tuple[str, list[dict]]]:
    by_target: dict[str, list[dict]] = {}
    for rel in edges:
        by_target.setdefault(rel.target, []).extend({**row, "type": rel.type} for row in rel.rows)
    return sorted(by_target.items())


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
