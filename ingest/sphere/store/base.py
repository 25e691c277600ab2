"""The store port: what the pipeline, the CLI and the exporters may ask of any graph store."""
from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator
from collections import defaultdict
from dataclasses import dataclass, field

from ..errors import SphereError
from ..model import graph_model
from . import dialect


class StoreError(SphereError, RuntimeError):
    """The store cannot be opened as configured (a bad NEO4J_URI, SPHERE_DATA naming a file, a damaged store)."""


class StoreUnavailable(StoreError):
    """The store cannot be reached (a Neo4j server down or restarting); the run may be retried."""


class StoreRefused(StoreError):
    """The store refuses this client (wrong user name or password): retrying cannot help."""


class StoreBusy(StoreError):
    """Another process holds the embedded store for longer than we wait for it."""


@dataclass
class RelRows:
    type: str
    source: str                  # source label
    target: str                  # target label
    rows: list[dict]


@dataclass
class GraphBatch:
    """Rows ready for the store, one list per node label and per (relationship, endpoints)."""

    nodes: dict[str, list[dict]] = field(default_factory=lambda: defaultdict(list))
    relationships: list[RelRows] = field(default_factory=list)
    documents: list[dict] = field(default_factory=list)   # {"id", "ingested_at"}: marked last

    def is_empty(self) -> bool:
        return not self.documents


@dataclass
class ProjectionChange:
    """One change of the influence projection, applied in one transaction, in this order: the retired
    documents removed with their events, evidence and mentions; the `removed` relationships deleted;
    the `exact` ones given their values; the `added` rows added (a chunk's events: weights and
    documents summed, first/last seen widened); the `ingested` documents marked (the ledger), so that
    a document's events are counted in the projection exactly when it is marked ingested."""

    retired: list[str] = field(default_factory=list)
    removed: list[RelRows] = field(default_factory=list)     # rows {src, dst}
    exact: list[RelRows] = field(default_factory=list)       # rows {src, dst, weight, documents, first_seen, last_seen}
    added: list[RelRows] = field(default_factory=list)       # the same rows, added to what is stored
    ingested: list[dict] = field(default_factory=list)       # {"id", "ingested_at"}


@dataclass(frozen=True)
class QueryResult:
    columns: list[str]
    rows: list[list]

    def dicts(self) -> list[dict]:
        return [dict(zip(self.columns, row)) for row in self.rows]


class GraphStore(ABC):
    name = "store"

    @abstractmethod
    def ensure_schema(self) -> None: ...

    @abstractmethod
    def query(self, statement: str, params: dict | None = None) -> QueryResult: ...

    @abstractmethod
    def iter_rows(self, statement: str, params: dict | None = None) -> Iterator[dict]:
        """Rows as dicts, one at a time, for reads too large to hold at once."""

    def run_module(self, statement: str, params: dict) -> QueryResult:
        """Run a query module, written in Neo4j Cypher, in this store's dialect."""
        return self.query(statement, params)

    def write_scores(self, label: str, rows: list[dict]) -> None:
        spec = graph_model().nodes[label]
        statement = dialect.set_scores(spec)
        for i in range(0, len(rows), 1000):
            self.query(statement, {"rows": rows[i:i + 1000]})

    def mark_influence(self, label: str, tiers: dict[str, list[str]]) -> None:
        """Extra labels for the most influential nodes, where the store has multiple labels (Neo4j)."""
        return None

    @abstractmethod
    def write(self, batch: GraphBatch) -> None:
        """Write nodes, then relationships, then mark the batch's documents as ingested (if it has any);
        their events are not added to the projection (ingest does that with change_projection)."""

    @abstractmethod
    def change_projection(self, change: ProjectionChange) -> None:
        """Apply the change in one transaction (see ProjectionChange)."""

    def close(self) -> None:
        return None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # ---- shared reads -------------------------------------------------------------------------
    def ingested(self, doc_ids: list[str]) -> set[str]:
        if not doc_ids:
            return set()
        return {row[0] for row in self.query(dialect.ingested_documents(), {"ids": doc_ids}).rows}

    def has_unfinished_documents(self) -> bool:
        """Whether some document is written but not marked ingested (its events not in the projection)."""
        return bool(self.query(dialect.unfinished_documents()).rows)

    def versions(self, identities: list[str]) -> dict[str, str]:
        """Stored document id -> identity, for every stored version of these identities."""
        if not identities:
            return {}
        return {row[0]: row[1] for row in self.query(dialect.documents_with_identity(), {"identities": identities}).rows}

    def aliases_of(self, label: str, ids: list[str]) -> dict[str, list[str]]:
        if not ids:
            return {}
        result = self.query(dialect.existing_aliases(label), {"ids": ids})
        return {row[0]: list(row[1] or []) for row in result.rows}

    def people(self) -> dict[str, str]:
        """id -> name of every person actor."""
        return {row[0]: row[1] for row in self.query(dialect.people()).rows}

    def stats(self) -> dict:
        model = graph_model()
        nodes = {label: self._count(dialect.count_nodes(label)) for label in model.nodes}
        rels = {rtype: self._count(dialect.count_relationships(rtype)) for rtype in model.all_relationships()}
        return {"nodes": nodes, "relationships": rels}

    def _count(self, statement: str) -> int:
        rows = self.query(statement).rows
        return int(rows[0][0]) if rows else 0
