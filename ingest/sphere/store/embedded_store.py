"""The embedded store: Ladybug (the maintained Kuzu fork), persisted in a local folder.

New nodes and relationships go through Ladybug's bulk COPY from Arrow tables (its fast path);
rows that may already exist (nodes seen before, relationships of a crashed partial write)
go through the same idempotent MERGE statements that Neo4j runs.

Ladybug lets one process at a time open the database file. A process that finds it held waits
(with a short backoff, up to SPHERE_LOCK_WAIT_SECONDS, default 30) and then says the store is
busy. A long job (an ingest, `watch`) opens the store `shared`: it lets go of the file once it has
made no call for RELEASE_AFTER_IDLE seconds (while it extracts the next chunk), so an analyst's
query gets its turn between two writes of the job, and the job waits in turn.
"""
from __future__ import annotations

import os
import re
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path

import ladybug

from ..model import graph_model
from . import dialect
from .base import GraphBatch, GraphStore, ProjectionChange, QueryResult, RelRows, StoreBusy, StoreError

DB_FILE = "graph.lbug"
LOCK_WAIT_ENV = "SPHERE_LOCK_WAIT_SECONDS"
LOCK_WAIT_SECONDS = 30.0
RELEASE_AFTER_IDLE = 0.5       # a shared store's calls closer than this (one chunk's writes) share one opening
LOCK_ERROR = "Could not set lock"
_LOCK_HOLDER = re.compile(r"held by PID (\d+)")


class EmbeddedStore(GraphStore):
    name = "embedded"

    def __init__(self, data_dir: str | Path, shared: bool = False):
        """shared: hold the database file only while calls come (for long jobs), else from the
        first call until close()."""
        self.data_dir = Path(data_dir)
        self.shared = shared
        self._db = None
        self._conn = None
        self._depth = 0                         # calls in progress (an iter_rows may be read during another)
        self._guard = threading.RLock()         # the release timer runs on its own thread
        self._release: threading.Timer | None = None

    @property
    def conn(self) -> ladybug.Connection:
        if self._conn is None:
            self._db = open_database(self.data_dir)
            self._conn = ladybug.Connection(self._db)
        return self._conn

    @contextmanager
    def _using(self) -> Iterator[ladybug.Connection]:
        """The connection for one call; a shared store lets go of the file soon after the last call."""
        with self._guard:
            self._cancel_release()
            conn = self.conn
            self._depth += 1
        try:
            yield conn
        finally:
            with self._guard:
                self._depth -= 1
                if self._depth == 0 and self.shared:
                    self._release = threading.Timer(RELEASE_AFTER_IDLE, self._release_if_idle)
                    self._release.daemon = True
                    self._release.start()

    def _release_if_idle(self) -> None:
        with self._guard:
            if self._depth == 0:
                self._close_database()

    def _cancel_release(self) -> None:
        if self._release is not None:
            self._release.cancel()
            self._release = None

    def close(self) -> None:
        with self._guard:
            self._cancel_release()
            self._close_database()

    def _close_database(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._db.close()
            self._conn = self._db = None

    def ensure_schema(self) -> None:
        with self._using() as conn:
            for statement in dialect.ladybug_schema():
                conn.execute(statement)
            backfills = dialect.backfills(neo4j=False)
            for spec in graph_model().nodes.values():
                present = {row[0] for row in self.query(dialect.ladybug_columns(spec.label)).rows}
                for prop, kind in spec.columns().items():
                    if prop not in present:
                        conn.execute(dialect.ladybug_add_column(spec.label, prop, kind))
                        if (spec.label, prop) in backfills:
                            conn.execute(backfills[spec.label, prop])

    def iter_rows(self, statement: str, params: dict | None = None):
        with self._using() as conn:
            result = conn.execute(statement, params or {})
            columns = list(result.get_column_names())
            while result.has_next():
                yield dict(zip(columns, (_plain(v) for v in result.get_next())))

    def run_module(self, statement: str, params: dict) -> QueryResult:
        return self.query(dialect.to_ladybug(statement), params)

    def query(self, statement: str, params: dict | None = None) -> QueryResult:
        with self._using() as conn:
            result = conn.execute(statement, params or {})
            columns = list(result.get_column_names())
            rows = []
            while result.has_next():
                rows.append([_plain(value) for value in result.get_next()])
        return QueryResult(columns, rows)

    def write(self, batch: GraphBatch) -> None:
        with self._using():
            self._write(batch)

    def _write(self, batch: GraphBatch) -> None:
        model = graph_model()
        created: set[str] = set()
        for label, rows in batch.nodes.items():
            spec = model.nodes[label]
            existing = self._existing(label, [row[spec.key] for row in rows])
            fresh = [row for row in rows if row[spec.key] not in existing]
            self._run_batched(dialect.create_nodes(spec), _completed(fresh, spec.columns()))
            self._run_batched(dialect.upsert_nodes(spec, typed=True), [row for row in rows if row[spec.key] in existing])
            created.update(row[spec.key] for row in fresh)
        for rel in batch.relationships:
            self._write_relationships(rel, created)
        self._run_batched(dialect.mark_ingested(), batch.documents)

    def change_projection(self, change: ProjectionChange) -> None:
        """One Ladybug transaction: a process killed in it leaves the store as it was before."""
        with self._using() as conn, _transaction(conn):
            if change.retired:
                conn.execute(dialect.delete_document_events(), {"ids": change.retired})
                conn.execute(dialect.delete_documents(), {"ids": change.retired})
            for rel in change.removed:
                self._run_batched(dialect.delete_projection_rows(rel.type, rel.target), rel.rows)
            for rel in change.exact:
                spec = graph_model().projection[rel.type]
                self._run_batched(dialect.upsert_relationships(spec, rel.source, rel.target), rel.rows)
            for rel in change.added:
                self._run_batched(dialect.add_projection(rel.type, rel.target), rel.rows)
            self._run_batched(dialect.mark_ingested(), change.ingested)

    # ---- helpers ------------------------------------------------------------------------------
    def _write_relationships(self, rel: RelRows, created: set[str]) -> None:
        spec = graph_model().all_relationships()[rel.type]
        fresh = [row for row in rel.rows if row["src"] in created or row["dst"] in created]
        known = [row for row in rel.rows if not (row["src"] in created or row["dst"] in created)]
        self._run_batched(dialect.create_relationships(spec, rel.source, rel.target),
                    _completed(fresh, {"src": "string", "dst": "string", **spec.properties}))
        self._run_batched(dialect.upsert_relationships(spec, rel.source, rel.target), known)

    def _existing(self, label: str, ids: list[str]) -> set[str]:
        found: set[str] = set()
        for i in range(0, len(ids), 5000):
            found |= {row[0] for row in self.query(dialect.existing_ids(label), {"ids": ids[i:i + 5000]}).rows}
        return found

    def _run_batched(self, statement: str, rows: list[dict]) -> None:
        for i in range(0, len(rows), 1000):
            self.conn.execute(statement, {"rows": rows[i:i + 1000]})


@contextmanager
def _transaction(conn: ladybug.Connection) -> Iterator[None]:
    conn.execute("BEGIN TRANSACTION")
    try:
        yield
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def open_database(data_dir: Path) -> ladybug.Database:
    """The database in data_dir, waiting while another process holds it; StoreError or StoreBusy
    (one line naming the folder and what to do) when it cannot be opened."""
    _make_folder(data_dir)
    wait = float(os.environ.get(LOCK_WAIT_ENV, LOCK_WAIT_SECONDS))
    deadline = time.monotonic() + wait
    pause = 0.05
    while True:
        try:
            return ladybug.Database(str(data_dir / DB_FILE))
        except Exception as exc:  # Ladybug raises RuntimeError for a held lock and for a damaged file alike
            if LOCK_ERROR not in str(exc):
                raise StoreError(f"the store file {data_dir / DB_FILE} cannot be opened ({_first_line(exc)}); "
                                 f"if it is damaged, move {data_dir} away and ingest again") from exc
            if time.monotonic() + pause > deadline:
                held = _LOCK_HOLDER.search(str(exc))
                holder = f" (PID {held.group(1)})" if held else ""
                raise StoreBusy(f"the store at {data_dir} is busy: another process{holder} holds it, most "
                                f"likely an ingest writing; waited {wait:g} s ({LOCK_WAIT_ENV}); try again when "
                                "it is done") from exc
        time.sleep(pause)
        pause = min(pause * 2, 1.0)


def _make_folder(data_dir: Path) -> None:
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError) as exc:
        raise StoreError(f"the store folder {data_dir} (SPHERE_DATA) is a file, not a folder: "
                         "set SPHERE_DATA to a folder (it is created if missing)") from exc
    except OSError as exc:
        raise StoreError(f"cannot create the store folder {data_dir} (SPHERE_DATA): {exc.strerror or exc}; "
                         "set SPHERE_DATA to a folder you can write") from exc
    if (data_dir / DB_FILE).is_dir():
        raise StoreError(f"{data_dir / DB_FILE} is a folder, not a store file: move it away or set SPHERE_DATA "
                         "to another folder")


def _first_line(exc: Exception) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


def _completed(rows: list[dict], columns) -> list[dict]:
    """Rows with every column, null where a row has none: a new node's scores, an optional property."""
    return [{column: row.get(column) for column in columns} for row in rows]


def _plain(value):
    """Ladybug answers sums as Decimal; every store answers with plain JSON-able numbers."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value
