"""The influence projection: one relationship per (subject, event type, object), rebuilt from events."""
from __future__ import annotations

from collections import defaultdict

from ..model import graph_model
from ..store import dialect
from ..store.base import GraphStore, RelRows


def rebuild_projection(store: GraphStore, actor_ids: list[str]) -> None:
    if not actor_ids:
        return
    ids = sorted(set(actor_ids))
    groups: dict[tuple, dict] = defaultdict(lambda: {"weight": 0, "dates": [], "docs": set()})
    for target in graph_model().projection["MEET"].targets:
        for row in store.query(dialect.event_edges(target), {"ids": ids}).dicts():
            group = groups[(row["type"], target, row["src"], row["dst"])]
            group["docs"].add(row["doc"])
            day = row["date"] or row["published"]
            if day:
                group["dates"].append(day)
            group["weight"] += 1
    edges: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for (event_type, target, src, dst), group in sorted(groups.items()):
        dates = sorted(group["dates"])
        edges[(event_type, target)].append({
            "src": src, "dst": dst, "weight": group["weight"], "documents": len(group["docs"]),
            "first_seen": dates[0] if dates else None, "last_seen": dates[-1] if dates else None,
        })
    store.replace_projection(ids, [RelRows(t, "Actor", target, rows) for (t, target), rows in edges.items()])
