"""Query modules, `sphere analyze` and the Gephi export on a large graph in the embedded store.

Builds (once, in DIR/EVENTS-ACTORS) a generated graph of 1M events between 50k actors and 2k places
in 5k documents, through the real writer, projection and `sphere analyze`; later runs reuse it
(`--reuse STORE` names a built store folder directly). Then prints:
- the median and max latency of every query module over random parameters (with --old-queries DIR,
  the modules of that folder too, run alternately on the same parameters: before/after side by side);
- the wall time of `analyze`, and the wall time and peak RSS of a GEXF export of the whole network,
  each in a fresh process, for every --tree given (a PYTHONPATH holding the sphere package), trees
  alternating so that a busy machine slows them alike. --max-rss-mb stops an export that passes it.

    python bench/graph_scale.py [--events 1000000] [--actors 50000] [--dir /tmp/sphere-bench]
    python bench/graph_scale.py --reuse /tmp/sphere-1m/1000000-50000 --old-queries /tmp/main/queries \
        --tree /tmp/main/ingest --tree ingest
"""
from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

from sphere.model import ontology
from sphere.store.base import GraphBatch, RelRows
from sphere.store.embedded_store import EmbeddedStore

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
        event = {"id": eid, "type": rng.choice(types), "date": day, "modality": rng.choice(MODALITIES),
                 "confidence": 0.6, "lang": "en", "status": None, "role": None, "date_text": None, "attrs": "{}"}
        batch.nodes["Event"].append(event)
        rels["SUBJECT_OF"].append({"src": subject, "dst": eid})
        if kind < 0.8:
            rels["OBJECT_A"].append({"src": eid, "dst": rng.choice(actor_ids), "role": None})
        else:
            rels["OBJECT_P"].append({"src": eid, "dst": rng.choice(place_ids), "role": None})
        if rng.random() < 0.1:
            rels["AT"].append({"src": eid, "dst": rng.choice(place_ids)})
        doc = rng.randrange(documents)
        event["day"] = day or batch.nodes["Document"][doc]["published"]
        rels["REPORTED_IN"].append({"src": eid, "dst": f"doc:{doc}",
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


def build_store(folder: Path, args) -> None:
    from sphere.query.centrality import analyze
    from sphere.write.projection import rebuild_projection

    store = EmbeddedStore(folder)
    store.ensure_schema()
    _, seconds = timed(build, store, args.events, args.actors, args.places, args.documents)
    print(f"wrote {args.events} events, {args.actors} actors: {seconds:.1f} s")
    ids = [row[0] for row in store.query("MATCH (a:Actor) RETURN a.id").rows]
    _, seconds = timed(rebuild_projection, store, ids)
    print(f"projection rebuilt: {seconds:.1f} s")
    report, seconds = timed(analyze, store)
    print(f"analyze: {report.nodes} nodes, {report.edges} edges, {report.communities} communities: {seconds:.1f} s")
    store.close()


def time_modules(folder: Path, actors: int, runs: int, old_queries: str | None, only: list[str]) -> None:
    from sphere.query.modules import load_modules

    store = EmbeddedStore(folder)
    _, seconds = timed(store.ensure_schema)
    print(f"schema step (fills in what an older store lacks): {seconds:.1f} s", flush=True)
    new = load_modules()
    old = load_modules(Path(old_queries).resolve()) if old_queries else {}
    rng = random.Random(11)
    print(f"{'module':<20} {'median ms':>10} {'max ms':>10}" +
          (f" {'old median':>11} {'old max':>10} {'old/new':>8}" if old else ""), flush=True)
    for name, module in new.items():
        if only and name not in only:
            continue
        latencies, old_latencies = [], []
        for _ in range(runs):
            params = {k: str(v) for k, v in module_params(rng, actors).get(name, {}).items()}
            if name in old:
                old_latencies.append(timed(old[name].run, store, params)[1] * 1000)
            latencies.append(timed(module.run, store, params)[1] * 1000)
        line = f"{name:<20} {statistics.median(latencies):>10.1f} {max(latencies):>10.1f}"
        if old_latencies:
            ratio = statistics.median(old_latencies) / statistics.median(latencies)
            line += f" {statistics.median(old_latencies):>11.1f} {max(old_latencies):>10.1f} {ratio:>7.1f}x"
        print(line, flush=True)
    store.close()


# ---- analyze and export, each in a fresh process --------------------------------------------------
def phase(folder: Path, name: str) -> None:
    """Run inside the child process: one phase, then one JSON line of figures."""
    store = EmbeddedStore(folder)
    if name == "analyze":
        from sphere.query.centrality import analyze

        report, seconds = timed(analyze, store)
        figures = {"seconds": seconds, "nodes": report.nodes, "edges": report.edges}
    else:
        from sphere.export.gephi import export_network

        out = folder.parent / f"{folder.name}.gexf"
        (nodes, edges), seconds = timed(export_network, store, out)
        figures = {"seconds": seconds, "nodes": nodes, "edges": edges, "mb": out.stat().st_size / 1e6}
        out.unlink()
    store.close()
    figures["peak_mb"] = _own_peak_mb()
    print(json.dumps(figures))


def _own_peak_mb() -> float:
    """This process's peak RSS (VmHWM): ru_maxrss would carry the parent's peak across fork and exec."""
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_phase(folder: Path, name: str, tree: str, max_rss_mb: int) -> dict:
    env = {**os.environ, "PYTHONPATH": tree}
    child = subprocess.Popen([sys.executable, __file__, "--phase", name, "--reuse", str(folder)], env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = {"mb": 0.0, "stopped": False}
    started = time.perf_counter()

    def watch() -> None:
        while child.poll() is None:
            peak["mb"] = max(peak["mb"], _rss_mb(child.pid))
            if max_rss_mb and peak["mb"] > max_rss_mb:
                peak["stopped"] = True
                child.kill()
            time.sleep(0.5)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    out, err = child.communicate()
    watcher.join()
    if peak["stopped"]:
        return {"stopped": True, "seconds": time.perf_counter() - started, "peak_mb": peak["mb"]}
    if child.returncode != 0:
        raise SystemExit(f"{name} with {tree} failed: {err[-800:]}")
    return json.loads(out.strip().splitlines()[-1])


def _rss_mb(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def time_phases(folder: Path, trees: list[str], max_rss_mb: int, phases: list[str]) -> None:
    for i, tree in enumerate(trees):
        print(f"  tree [{i}] {tree}")
    for name in phases:
        for i, tree in enumerate(trees):
            figures = run_phase(folder, name, tree, max_rss_mb)
            if figures.get("stopped"):
                print(f"[{i}] {name}: stopped at {figures['peak_mb']:.0f} MB RSS after {figures['seconds']:.0f} s "
                      f"(--max-rss-mb {max_rss_mb})", flush=True)
            elif name == "analyze":
                print(f"[{i}] analyze: {figures['nodes']} nodes, {figures['edges']} edges in {figures['seconds']:.1f} s; "
                      f"peak RSS {figures['peak_mb']:.0f} MB", flush=True)
            else:
                print(f"[{i}] gexf export: {figures['nodes']} nodes, {figures['edges']} edges, {figures['mb']:.0f} MB "
                      f"in {figures['seconds']:.1f} s; peak RSS {figures['peak_mb']:.0f} MB", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--actors", type=int, default=50_000)
    parser.add_argument("--places", type=int, default=2_000)
    parser.add_argument("--documents", type=int, default=5_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--dir", default="/tmp/sphere-bench")
    parser.add_argument("--reuse", metavar="STORE", help="a store this script built before (DIR/EVENTS-ACTORS)")
    parser.add_argument("--old-queries", metavar="DIR", help="also time the query modules of this folder")
    parser.add_argument("--tree", action="append", help="PYTHONPATH for analyze and export (repeatable)")
    parser.add_argument("--skip", action="append", default=[], choices=["queries", "analyze", "export"])
    parser.add_argument("--max-rss-mb", type=int, default=4000)
    parser.add_argument("--modules", help="only these query modules, comma-separated")
    parser.add_argument("--phase", choices=["analyze", "export"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase:
        return phase(Path(args.reuse), args.phase)
    folder = Path(args.reuse) if args.reuse else Path(args.dir) / f"{args.events}-{args.actors}"
    if args.reuse and not folder.exists():
        raise SystemExit(f"--reuse {folder}: no store there; run without --reuse to build one")
    if not folder.exists():
        build_store(folder, args)
    store = EmbeddedStore(folder)
    print(f"graph: {store.stats()['nodes']}; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores", flush=True)
    store.close()
    if "queries" not in args.skip:
        time_modules(folder, args.actors, args.runs, args.old_queries, (args.modules or "").split(",") if args.modules else [])
    trees = [str(Path(t).resolve()) for t in (args.tree or [os.environ.get("PYTHONPATH", "ingest")])]
    time_phases(folder, trees, args.max_rss_mb, [p for p in ("analyze", "export") if p not in args.skip])


if __name__ == "__main__":
    main()
