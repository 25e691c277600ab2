"""Entity resolution: one node per real-world actor across languages, spellings and documents."""
import itertools
import re

import pytest
from anyascii import anyascii
from rapidfuzz import fuzz

from sphere.extract.document import extract_article
from sphere.pipeline import ingest
from sphere.records import Article
from sphere.resolve.cities import is_common_word
from sphere.resolve.names import match_key, same_person
from sphere.store.embedded_store import EmbeddedStore

from conftest import SEEDS

ONE_ACTOR_EACH = ["Khalifa Haftar", "Vladimir Putin", "Sergey Lavrov", "Nicolás Maduro", "Russia", "Libya",
                  "Syria", "United States", "Libyan National Army"]


def words(name: str) -> list[str]:
    """An independent Latin key (anyascii, not Sphere's transliteration): lowercase letters per word."""
    name = re.sub(r"\(.*?\)", " ", name)                       # "House of Representatives (Libya)"
    return [w for w in re.split(r"[^a-z]+", anyascii(name).lower()) if w and w not in {"al", "el", "the"}]


COMPASS = {"northern", "southern", "eastern", "western", "northeastern", "northwestern", "southeastern",
           "southwestern"}      # "Eastern Libya" and "Western Libya" are two regions, not two spellings


def stem(word: str) -> str:
    return word[:max(4, len(word) - 2)]


def variants(a: str, b: str) -> bool:
    """Names of one thing written twice: the same last word up to an inflected ending or a letter of
    transliteration, and first words that agree when both have them."""
    wa, wb = words(a), words(b)
    if not wa or not wb:
        return False
    last = stem(wa[-1]) == stem(wb[-1]) or (min(len(wa[-1]), len(wb[-1])) > 4 and fuzz.ratio(wa[-1], wb[-1]) >= 85)
    if not last:
        return False
    if len(wa) == 1 or len(wb) == 1:
        return True
    if wa[0] != wb[0] and {wa[0], wb[0]} <= COMPASS:
        return False
    return fuzz.ratio(" ".join(wa[:-1]), " ".join(wb[:-1])) >= 50


@pytest.fixture(scope="module")
def seeds_graph(tmp_path_factory):
    store = EmbeddedStore(tmp_path_factory.mktemp("seeds") / "data")
    ingest([SEEDS], store)
    yield store
    store.close()


def nodes(store, label):
    return store.query(f"MATCH (n:{label}) RETURN n.id AS id, n.name AS name, n.kind AS kind, "
                       f"n.aliases AS aliases").dicts()


@pytest.mark.parametrize("label", ["Actor", "Place"])
def test_no_two_nodes_are_spelling_or_inflection_variants(seeds_graph, label):
    found = nodes(seeds_graph, label)
    clashes = [(a["name"], b["name"]) for a, b in itertools.combinations(found, 2)
               if (a["kind"] == "PERSON") == (b["kind"] == "PERSON") and variants(a["name"], b["name"])]
    assert clashes == []


@pytest.mark.parametrize("name", ONE_ACTOR_EACH)
def test_one_actor_with_its_aliases_from_every_document(seeds_graph, name):
    matching = [a for a in nodes(seeds_graph, "Actor") if variants(a["name"], name)]
    assert [a["name"] for a in matching] == [name]
    actor = matching[0]
    texts = seeds_graph.query("MATCH (d:Document)-[:MENTIONS]->(a:Actor {id: $id}) RETURN d.source AS source",
                              {"id": actor["id"]}).dicts()
    assert texts
    for row in texts:
        text = (SEEDS / row["source"]).read_text(encoding="utf-8")
        assert any(alias in text for alias in actor["aliases"]), (name, row["source"])


def test_the_variant_check_itself_catches_what_it_must():
    assert variants("Хафтара", "Khalifa Haftar") and variants("Uho Chave", "Hugo Chávez")
    assert variants("Krinitsyn", "Oleg Krinitsyn") and variants("Lavrovym", "Sergey Lavrov")
    assert not variants("Bashar al-Assad", "Hafez al-Assad") and not variants("Russia", "Belarus")
    assert not variants("Eastern Libya", "Western Libya") and variants("Eastern Libya", "eastern Libya")


@pytest.mark.parametrize("a, b", [("Сергій Лавров", "Sergey Lavrov"), ("Дмитро Пєсков", "Dmitry Peskov"),
                                  ("Володимир Зеленський", "Volodymyr Zelensky"), ("Уго Чавес", "Hugo Chávez"),
                                  ("Abdelbasset Al-Badri", "Abdelbasset al Badri"), ("Башар Асад", "Bashar al-Assad")])
def test_one_person_across_scripts_and_conventions(a, b):
    assert same_person(a, b)


@pytest.mark.parametrize("a, b", [("Sergey Lavrov", "Sergei Shoigu"), ("Dmitry Medvedev", "Dmitry Medvedchuk"),
                                  ("Vladimir Putin", "Volodymyr Zelensky"), ("Hafez al-Assad", "Bashar al-Assad")])
def test_different_people_stay_apart(a, b):
    assert not same_person(a, b)


def test_match_keys_ignore_script_and_diacritics():
    assert match_key("Ніколас Мадуро") == match_key("Николас Мадуро")
    assert match_key("Nicolás") == match_key("Nicolas")


@pytest.mark.parametrize("text, lang, place", [
    ("Министр обороны посетил Запорожье в понедельник.", "ru", "place:zaporizhzhia"),
    ("The minister flew to Mosul on Monday.", "en", "place:mosul"),
    ("Але міністр так і не приїхав до Дніпра.", "uk", "place:dnipro"),
])
def test_world_cities_are_found_in_every_language_and_common_words_are_not(text, lang, place):
    found = extract_article(Article(doc="t", text=text, source="t", lang=lang)).entities
    assert [e.id for e in found.values() if e.is_place] == [place]


def test_the_stop_word_filter_keeps_toponyms_and_drops_words():
    assert is_common_word("Але") and is_common_word("Мир")
    assert not is_common_word("Київ") and not is_common_word("Одесса") and not is_common_word("Орел")


def test_a_country_named_like_a_pronoun_is_not_found_in_the_pronoun():
    from sphere.extract.document import extract_article
    from sphere.records import Article
    names = {e.name for e in extract_article(Article("t.txt", "Тем временем Франция осудила удары. Парламент Того "
                                                     "ратифицировал соглашение.", "t.txt")).entities.values()}
    assert "France" in names and "Togo" in names
    names = {e.name for e in extract_article(Article("t.txt", "Тем временем Франция осудила удары.", "t.txt")).entities.values()}
    assert "Togo" not in names


def test_a_surname_the_tagger_missed_is_the_documents_person():
    from sphere.extract.document import extract_article
    from sphere.records import Article
    extraction = extract_article(Article("t.txt", "Indian Prime Minister Narendra Modi arrived in Moscow. "
                                         "Modi also pressed Vladimir Putin to release Indian citizens.", "t.txt"))
    names = {k: e.name for k, e in extraction.entities.items()}
    assert ("COMMUNICATE", "Narendra Modi", "Vladimir Putin") in [
        (e.type, names[e.subject], names.get(e.object)) for e in extraction.events]


def test_every_missed_surname_of_a_person_is_found_not_only_the_first():
    from sphere.extract.document import extract_article
    from sphere.records import Article
    extraction = extract_article(Article("t.txt", "Indian Prime Minister Narendra Modi arrived in Moscow. "
                                         "Modi also pressed Vladimir Putin. Modi later visited Austria.", "t.txt"))
    modi = next(k for k, e in extraction.entities.items() if e.name == "Narendra Modi")
    assert extraction.mention_counts[modi] == 3
