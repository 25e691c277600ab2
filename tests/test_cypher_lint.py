"""Every Cypher statement the product runs passes Neo4j's own linter (@neo4j-cypher/language-support)."""
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from sphere import report
from sphere.model import graph_model, ontology
from sphere.store import dialect

LINT_DIR = Path(__file__).parent / "lint"
QUERIES = Path(__file__).resolve().parents[1] / "queries"


def _schema() -> dict:
    model = graph_model()
    labels = list(model.nodes) + [k for n in model.nodes.values() for k in n.kind_labels.values()]
    labels += list(model.influence_labels)
    # src and dst are keys of the writers' row maps ($rows), which the linter checks like properties
    return {"labels": labels, "relationshipTypes": list(model.all_relationships()),
            "propertyKeys": model.property_keys() + ["src", "dst"]}


def _statements() -> list[str]:
    statements = dialect.writer_statements() + list(report.STATEMENTS)
    statements += [f(label) for label in ("Actor", "Place") for f in (dialect.node_named, dialect.node_ids)]
    statements += [p.read_text(encoding="utf-8") for p in sorted(QUERIES.glob("*.cypher"))]
    return statements


EVENT_TYPE = re.compile(r"\b(" + "|".join(sorted(ontology().event_types, key=len, reverse=True)) + r")\b")


def _shape(statement: str) -> str:
    return EVENT_TYPE.sub("EVENT_TYPE", statement)


def _one_writer_per_shape(statements: list[str]) -> list[str]:
    """The writer statements made for each event type differ only in the type's name, which the linter
    checks against the schema (test_every_event_type_is_a_relationship_type_of_the_linted_schema): one of
    each shape is linted, for a third of the linter's time. Query modules are all linted."""
    kept: dict[str, str] = {}
    for statement in statements:
        kept.setdefault(_shape(statement), statement)
    return list(kept.values())


def _linted_statements() -> list[str]:
    writers = dialect.writer_statements()
    return _one_writer_per_shape(writers) + [s for s in _statements() if s not in writers]


def _lint(statements: list[str]) -> list[list[dict]]:
    if not (LINT_DIR / "node_modules" / "@neo4j-cypher").exists():
        pytest.fail("the Cypher linter is not installed: run `npm ci --prefix tests/lint`")
    done = subprocess.run([shutil.which("node") or "node", str(LINT_DIR / "lint.mjs")],
                          input=json.dumps({"statements": statements, "schema": _schema()}),
                          capture_output=True, text=True, check=True, cwd=LINT_DIR)
    return json.loads(done.stdout)


def test_every_statement_passes_the_neo4j_linter():
    statements = _linted_statements()
    assert len(statements) > 50
    problems = {s: d for s, d in zip(statements, _lint(statements)) if d}
    assert problems == {}


def test_every_event_type_is_a_relationship_type_of_the_linted_schema():
    assert set(ontology().event_types) <= set(_schema()["relationshipTypes"])


def test_the_writers_for_each_event_type_are_linted_once():
    writers = dialect.writer_statements()
    shapes = _one_writer_per_shape(writers)
    assert len(shapes) < len(writers) / 2


def test_the_linter_catches_a_broken_statement():
    [diagnostics] = _lint(["MATCH (a:Actr) RETURN a.nme LIMIT"])
    assert len(diagnostics) >= 2


def test_no_plugin_calls_or_syntax_newer_than_5_13():
    for statement in _statements():
        assert not re.search(r"\b(apoc|gds)\.", statement, re.I), statement
        assert not re.search(r"\bSHORTEST\s+\d", statement), statement
