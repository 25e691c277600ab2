"""Query-module latency and Gephi export at scale on the embedded store.

Builds (once, in BENCH_DIR) a generated graph of 1M events between 50k actors and 2k places in
5k documents, through the real writer, projection and `sphere analyze`; then prints the median
latency of every query module over random parameters, and the time and peak memory of a GEXF
export of the whole network.

    python bench/graph_scale.py [--events 1000000] [--actors 50000] [--dir /tmp/sphere-bench]
"""
from __future__ import annotations

import argparse
import random
import resource
import statistics
import time
from pathlib import Path

from sphere.model import ontology
from sphere.query.centrality import analyze
from sphere.query.modules import load_modules
from sphere.store.base import GraphBatch, RelRows
from sphere.store.embedded_store import EmbeddedStore
from sphere.write.projection import rebuild_projection

COUNTRIES = ["RU", "UA", "US", "LY", "SY", "TR", "VE", "CN", "FR", "DE", "GB", "IR", "IL", "EG", "AE"]
KINDS = ["PERSON"] * 6 + ["ORGANIZATION"] * 2 + ["GROUP"]
MODALITIES = ["asserted"] * 7 + ["planned", "reported_claim", "denied"]


def build(store: EmbeddedStore, events: int, actors: int, places: int, documents: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    types = list(ontology().event_types)
    batch = GraphBatch()
    actor_ids = [f"country:{c}" for c in COUNTRIES] + [f"bench:a{i}" for i in range(actors - len(COUNTRIES))]
    for i, actor in enumerate(actor_ids):
        kind = "COUNTRY" if actor.startswith("country:") else KINDS[i % len(KINDS)]
        country = actor[-2:] if kind == "COUNTRY" else rng.choice(COUNTRIES + [None])
        batch.nodes["Actor"].append({"id": actor, "name": f"Actor {i}", "kind": kind, "country": country,
                                     "aliases": [f"Actor {i}", f"Актор {i}"]})
    place_ids = [f"bench:p{i}" for i in range(places)]
    for i, place in enumerate(place_ids):
        batch.nodes["Place"].append({"id": place, "name": f"Place {i}", "kind": "PLACE", "aliases": [f"Place {i}"],
                                     "country": rng.choice(COUNTRIES), "lat": None, "lon": None})
    for d in range(documents):
        batch.nodes["Document"].append({"id": f"doc:{d}", "title": f"doc {d}", "source": f"{d}.txt", "url": None,
                                        "published": f"20{rng.randint(15, 25)}-{rng.randint(1, 12):02d}-15",
                                        "lang": "en", "sha256": str(d), "identity": f"d{d}.txt", "ingested_at": None})
        batch.documents.append({"id": f"doc:{d}", "ingested_at": "2026-01-01T00:00:00+00:00"})
    rels = {key: [] for key in ["SUBJECT_OF", "OBJECT_A", "OBJECT_P", "AT", "REPORTED_IN"]}
    hubs = actor_ids[:500]
    for e in range(events):
        eid = f"ev:{e}"
        subject = rng.choice(hubs) if rng.random() < 0.3 else rng.choice(actor_ids)
        kind = rng.random()
        day = None if rng.random() < 0.2 else f"20{rng.randint(15, 25)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        batch.nodes["Event"].append({"id": eid, "type": rng.choice(types), "date": day,
                                     "modality": rng.choice(MODALITIES), "confidence": 0.6, "lang": "en",
                                     "status": None, "role": None, "date_text": None, "attrs": "{}"})
        rels["SUBJECT_OF"].append({"src": subject, "dst": eid})
        if kind < 0.8:
            rels["OBJECT_A"].append({"src": eid, "dst": rng.choice(actor_ids), "role": None})
        else:
            rels["OBJECT_P"].append({"src": eid, "dst": rng.choice(place_ids), "role": None})
        if rng.random() < 0.1:
            rels["AT"].append({"src": eid, "dst": rng.choice(place_ids)})
        rels["REPORTED_IN"].append({"src": eid, "dst": f"doc:{rng.randrange(documents)}",
                                    "sentence": f"Sentence {e}.", "quote": "", "start": 0, "end": 10})
    batch.relationships = [
        RelRows("SUBJECT_OF", "Actor", "Event", rels["SUBJECT_OF"]),
        RelRows("OBJECT", "Event", "Actor", rels["OBJECT_A"]),
        RelRows("OBJECT", "Event", "Place", rels["OBJECT_P"]),
        RelRows("AT", "Event", "Place", rels["AT"]),
        RelRows("REPORTED_IN", "Event", "Document", rels["REPORTED_IN"]),
    ]
    store.write(batch)


def timed(fn, *args):
    start = time.perf_counter()
    out = fn(*args)
    return out, time.perf_counter() - start


def module_params(rng: random.Random, actors: int) -> dict[str, dict]:
    actor = f"Actor {rng.randrange(15, actors)}"
    other = f"Actor {rng.randrange(15, actors)}"
    return {
        "ego-network": {"actor": actor}, "timeline": {"actor": actor},
        "evidence": {"subject": actor, "type": "MEET", "object": other},
        "paths": {"source": actor, "target": other},
        "claims-vs-facts": {"actor": actor}, "co-presence": {"actor": actor},
        "foreign-footprint": {"host": rng.choice(["Actor 3", "Place 7"])},
        "influential-actors": {"since": "2020-01-01", "until": "2020-12-31"},
        "what-changed": {"since": "2025-01-01"},
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--actors", type=int, default=50_000)
    parser.add_argument("--places", type=int, default=2_000)
    parser.add_argument("--documents", type=int, default=5_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--dir", default="/tmp/sphere-bench")
    args = parser.parse_args()
    folder = Path(args.dir) / f"{args.events}-{args.actors}"
    fresh = not folder.exists()
    store = EmbeddedStore(folder)
    store.ensure_schema()
    if fresh:
        _, seconds = timed(build, store, args.events, args.actors, args.places, args.documents)
        print(f"wrote {args.events} events, {args.actors} actors: {seconds:.1f} s")
        ids = [row[0] for row in store.query("MATCH (a:Actor) RETURN a.id").rows]
        _, seconds = timed(rebuild_projection, store, ids)
        print(f"projection rebuilt: {seconds:.1f} s")
        report, seconds = timed(analyze, store)
        print(f"analyze: {report.nodes} nodes, {report.edges} edges, {report.communities} communities: {seconds:.1f} s")
    print(f"graph: {store.stats()['nodes']}")
    rng = random.Random(11)
    print(f"{'module':<20} {'median ms':>10} {'max ms':>10}")
    for name, module in load_modules().items():
        latencies = []
        for _ in range(args.runs):
            params = {k: str(v) for k, v in module_params(rng, args.actors).get(name, {}).items()}
            _, seconds = timed(module.run, store, params)
            latencies.append(seconds * 1000)
        print(f"{name:<20} {statistics.median(latencies):>10.1f} {max(latencies):>10.1f}")
    from sphere.export.gephi import export_network
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    (nodes, edges), seconds = timed(export_network, store, folder / "all.gexf")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    size = (folder / "all.gexf").stat().st_size / 1e6
    print(f"gexf export: {nodes} nodes, {edges} edges, {size:.0f} MB in {seconds:.1f} s; "
          f"peak RSS {peak / 1024:.0f} MB (before export {before / 1024:.0f} MB)")


if __name__ == "__main__":
    main()
