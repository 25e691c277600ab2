"""Score the extractor on any folder against gold files, and show every miss and every spurious event.

Prints the per-language and per-type table of the evaluation's own scorer (score.py), then, per document,
each gold event the extractor missed and each event it predicted that the gold does not have, with the
evidence sentence; and the missed and spurious entities.

Usage (from the project root):
  .venv/bin/python bench/score_gold.py                      # the development set in ../shared/eval/dev
  .venv/bin/python bench/score_gold.py seeds                # the five seeds
  .venv/bin/python bench/score_gold.py TEXTS GOLD ENTITIES  # any folder and its gold files
Options: --lang ru  --type DEPLOY  --table (the table only)  --pred FILE (score saved output, no extraction)
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"
SETS = {
    "dev": (EVAL / "dev" / "texts", EVAL / "dev" / "dev-gold.jsonl", EVAL / "dev" / "dev-entities.jsonl"),
    "seeds": (ROOT / "seeds", EVAL / "seeds-gold.jsonl", EVAL / "seeds-entities.jsonl"),
}


def load_scorer():
    spec = importlib.util.spec_from_file_location("score", EVAL / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def extract(texts: Path) -> list[dict]:
    sphere = ROOT / ".venv" / "bin" / "sphere"
    out = subprocess.run([str(sphere), "extract", str(texts), "--format", "jsonl"], capture_output=True, text=True)
    if out.returncode not in (0, 1):
        sys.exit(f"sphere extract failed: {out.stderr.strip()}")
    return [json.loads(line) for line in out.stdout.splitlines() if line.strip()]


def pair_up(scorer, gold: list[dict], entities: list[dict], pred: list[dict]):
    """The same greedy one-to-one matching as score.py: returns (missed gold, spurious predictions)."""
    names = scorer.Names(entities)
    by_doc = defaultdict(list)
    for p in pred:
        if p.get("record", "event") == "event":
            by_doc[p["doc"]].append(p)
    used, missed = set(), []
    for g in gold:
        hit = next((p for p in by_doc[g["doc"]] if id(p) not in used and scorer.event_matches(names, p, g)), None)
        if hit is None:
            missed.append(g)
        else:
            used.add(id(hit))
    docs = {g["doc"] for g in gold} | {e["doc"] for e in entities}
    spurious = [p for doc in sorted(by_doc) if doc in docs for p in by_doc[doc] if id(p) not in used]
    return missed, spurious


def entity_gaps(scorer, entities: list[dict], pred: list[dict]):
    names = scorer.Names(entities)
    gold = defaultdict(set)
    for e in entities:
        gold[e["doc"]].add(e["name"])
    found = defaultdict(set)
    for e in pred:
        if e.get("record") == "entity" and e["doc"] in gold:
            found[e["doc"]].add(e["name"])
    missed, spurious = [], []
    for doc in sorted(gold):
        hits = {g for g in gold[doc] for p in found[doc] if names.match(doc, p, g)}
        missed += [(doc, g) for g in sorted(gold[doc] - hits)]
        spurious += [(doc, p) for p in sorted(found[doc]) if not any(names.match(doc, p, g) for g in gold[doc])]
    return missed, spurious


def line(e: dict) -> str:
    roles = f"{e.get('subject')} -> {e.get('object')}" + (f" / {e['object2']}" if e.get("object2") else "")
    extra = {k: e.get(k) for k in ("location", "date", "modality") if e.get(k)}
    return f"  {e['type']:20s} {roles}  {json.dumps(extra, ensure_ascii=False)}"


def show(title: str, events: list[dict]) -> None:
    print(f"\n==== {title} ({len(events)})")
    last = None
    for e in sorted(events, key=lambda e: (e["doc"], e.get("evidence", ""))):
        if (e["doc"], e.get("evidence")) != last:
            print(f"[{e['doc']}] {e.get('evidence', '')}")
            last = (e["doc"], e.get("evidence"))
        print(line(e))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("target", nargs="*", default=["dev"], help="dev, seeds, or TEXTS GOLD ENTITIES")
    ap.add_argument("--lang")
    ap.add_argument("--type")
    ap.add_argument("--table", action="store_true", help="print the table only")
    ap.add_argument("--pred", help="score this saved extract output instead of running the extractor")
    args = ap.parse_args()
    texts, gold_path, ents_path = SETS[args.target[0]] if len(args.target) == 1 else map(Path, args.target)
    scorer = load_scorer()
    gold, entities = scorer.load_jsonl(str(gold_path)), scorer.load_jsonl(str(ents_path))
    pred = scorer.load_jsonl(args.pred) if args.pred else extract(texts)
    result = scorer.score(gold, entities, pred)
    for key, row in result["events"].items():
        print(f"{key:28s} P={row['p']:.3f} R={row['r']:.3f} F1={row['f1']:.3f}  "
              f"(tp {row['tp']}, pred {row['pred']}, gold {row['gold']})")
    acc = result["matched_attribute_accuracy"]
    ev, en = result["events"].get("all", {"p": 0, "r": 0, "f1": 0}), result["entities"]
    print("on matched events: " + ", ".join(f"{k} {v:.3f}" for k, v in acc.items()))
    print(f"events P={ev['p']:.3f} R={ev['r']:.3f} F1={ev['f1']:.3f} | "
          f"entities P={en['p']:.3f} R={en['r']:.3f} F1={en['f1']:.3f}")
    if args.table:
        return
    missed, spurious = pair_up(scorer, gold, entities, pred)

    def keep(e: dict) -> bool:
        lang_ok = not args.lang or f"-{args.lang}-" in e["doc"] or e.get("lang") == args.lang
        return lang_ok and (not args.type or e["type"] == args.type)

    show("missed gold events", [e for e in missed if keep(e)])
    show("spurious events", [e for e in spurious if keep(e)])
    ent_missed, ent_spurious = entity_gaps(scorer, entities, pred)
    for title, rows in (("missed entities", ent_missed), ("spurious entities", ent_spurious)):
        rows = [r for r in rows if not args.lang or f"-{args.lang}-" in r[0]]
        print(f"\n==== {title} ({len(rows)})")
        for doc, name in rows:
            print(f"  [{doc}] {name}")


if __name__ == "__main__":
    main()
