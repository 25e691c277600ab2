"""The repository documents its own contract, and the documents agree with the code and the schema."""
import json
import re
import shutil
import subprocess

import pytest

from sphere.model import graph_model, ontology
from sphere.output import extraction_records
from sphere.records import Article, Entity, Event, Extraction

from conftest import REPO

DOCS = REPO / "docs"
README = (REPO / "README.md").read_text(encoding="utf-8")


def _doc(name: str) -> str:
    return (DOCS / name).read_text(encoding="utf-8")


def _code_names(text: str) -> set[str]:
    """Every `name` written as code in a Markdown text."""
    return set(re.findall(r"`([^`\s]+)`", text))


def test_the_readme_links_the_contract_in_the_repository_not_outside_it():
    assert "SPEC.md" not in README
    for name in ("ontology.md", "graph-model.md", "extract-format.md"):
        assert f"(docs/{name})" in README
        assert (DOCS / name).is_file()


def test_the_ontology_page_lists_every_type_modality_and_kind_of_the_schema():
    page = _code_names(_doc("ontology.md"))
    spec = ontology()
    assert set(spec.event_types) <= page
    assert len([t for t in page if t in spec.event_types]) == len(spec.event_types) == 19
    assert set(spec.modalities) <= page
    assert set(spec.actor_kinds) | set(spec.place_kinds) <= page


def test_the_ontology_page_names_the_object_kind_of_each_type():
    rows = {m.group(1): m.group(2) for m in re.finditer(r"^\| `([A-Z_]+)` \|[^|]+\| ([^|]+) \|", _doc("ontology.md"), re.M)}
    for name, spec in ontology().event_types.items():
        kind = spec.get("object_kind", "actor")
        expected = {"actor": "actor", "place": "place", "any": "actor or place"}[kind]
        if spec.get("object_optional"):
            expected = "actor or none"
        assert rows[name].strip() == expected, name


def test_the_graph_model_page_names_every_label_relationship_and_property():
    page = _code_names(_doc("graph-model.md"))
    model = graph_model()
    for label, node in model.nodes.items():
        assert label in page
        assert set(node.columns()) <= page, label
    for rel_type, rel in model.relationships.items():
        assert rel_type in page
        assert set(rel.properties) <= page, rel_type
    assert set(model.projection["MEET"].properties) <= page
    assert set(model.influence_labels) <= {name.strip(":") for name in page}


def test_the_extract_format_page_names_every_field_the_command_prints():
    article = Article(doc="a.txt", text="Putin met Haftar.", source="a.txt")
    putin = Entity("person:putin", "Vladimir Putin", "PERSON", aliases={"Putin"})
    event = Event("MEET", putin.id, None, "Putin met Haftar.", 0, 17, "en")
    records = list(extraction_records(Extraction(article, "en", {putin.id: putin}, [event], {}, article.sha256)))
    page = _code_names(_doc("extract-format.md"))
    assert {r["record"] for r in records} == {"event", "entity"}
    for record in records:
        assert set(record) <= page, set(record) - page


def _engines_node_minimum() -> int:
    package = json.loads((REPO / "tests" / "lint" / "package.json").read_text(encoding="utf-8"))
    return int(re.fullmatch(r">=\s*(\d+)", package["engines"]["node"]).group(1))


def test_the_node_version_is_pinned_and_the_readme_says_the_same():
    minimum = _engines_node_minimum()
    assert f"Node {minimum}+" in README
    lock = json.loads((REPO / "tests" / "lint" / "package-lock.json").read_text(encoding="utf-8"))
    assert lock["packages"][""]["engines"]["node"] == f">={minimum}"


@pytest.mark.skipif(not shutil.which("node"), reason="no node on PATH")
def test_the_node_here_meets_the_pin():
    version = subprocess.run(["node", "--version"], capture_output=True, text=True, check=True).stdout
    assert int(version.strip().lstrip("v").split(".")[0]) >= _engines_node_minimum()


def test_the_readme_says_how_long_the_tests_take():
    assert re.search(r"suite takes about \d+ minutes", README)
