"""Articles in more than one language: each paragraph is read in its own language, nothing is lost."""
from sphere.extract.runner import extract_or_problem
from sphere.language import paragraph_languages
from sphere.multilingual import extract_by_language, language_parts
from sphere.output import extraction_records
from sphere.pipeline import extract_paths
from sphere.records import Article

RUSSIAN_WITH_ENGLISH = (
    "Министр обороны России Сергей Шойгу встретился в Москве с ливийским командующим Халифой Хафтаром.\n"
    "Стороны обсудили поставки оружия.\n"
    "In a statement on Tuesday, the United States imposed sanctions on the Wagner Group over its work in Libya.\n"
    "Позднее Хафтар посетил Каир.\n"
)
ENGLISH_WITH_RUSSIAN = (
    "Libyan commander Khalifa Haftar arrived in Moscow on Monday.\n"
    "Министр обороны России Сергей Шойгу встретился с ним в Кремле и обсудил поставки оружия.\n"
    "Haftar later flew to Cairo.\n"
)


def _events(extraction) -> list[dict]:
    return [r for r in extraction_records(extraction) if r["record"] == "event"]


def test_an_english_paragraph_of_a_russian_article_gives_its_events():
    extraction = extract_or_problem(Article(doc="mixed.txt", text=RUSSIAN_WITH_ENGLISH, source="mixed.txt"))
    events = _events(extraction)
    sanction = [e for e in events if e["type"] == "SANCTION"]
    assert [(e["subject"], e["object"], e["lang"]) for e in sanction] == [("United States", "Wagner Group", "en")]
    assert {(e["type"], e["lang"]) for e in events} >= {("MEET", "ru"), ("VISIT", "ru"), ("SANCTION", "en")}
    assert extraction.lang == "ru"


def test_offsets_and_evidence_point_into_the_original_text():
    extraction = extract_by_language(Article(doc="mixed.txt", text=RUSSIAN_WITH_ENGLISH, source="mixed.txt"))
    events = _events(extraction)
    assert [e["start"] for e in events] == sorted(e["start"] for e in events)      # in the order of the text
    for event in events:
        assert RUSSIAN_WITH_ENGLISH[event["start"]:event["end"]] == event["evidence"]
    assert extraction.sha256 == Article(doc="x", text=RUSSIAN_WITH_ENGLISH, source="x").sha256


def test_a_surname_in_one_language_joins_the_full_name_given_in_another():
    extraction = extract_by_language(Article(doc="m.txt", text=ENGLISH_WITH_RUSSIAN, source="m.txt"))
    people = {e.name: e for e in extraction.entities.values() if e.kind == "PERSON"}
    assert "Haftar" not in people
    assert {"Khalifa Haftar", "Sergei Shoigu"} <= set(people)
    assert any(e["type"] == "VISIT" and e["subject"] == "Khalifa Haftar" for e in _events(extraction))


def test_a_single_language_article_is_extracted_in_one_piece():
    text = "Сергей Шойгу встретился с Халифой Хафтаром.\nPhoto: Reuters\nЭто было в 2019 году.\n"
    assert language_parts(text, "ru") == [("ru", text)]


def test_a_part_keeps_the_length_and_lines_of_the_article():
    parts = dict(language_parts(RUSSIAN_WITH_ENGLISH, "ru"))
    assert set(parts) == {"ru", "en"}
    for part in parts.values():
        assert len(part) == len(RUSSIAN_WITH_ENGLISH)
        assert part.count("\n") == RUSSIAN_WITH_ENGLISH.count("\n")
    assert "United States" in parts["en"] and "Шойгу" not in parts["en"]
    assert "Шойгу" in parts["ru"] and "United States" not in parts["ru"]


def test_short_or_unclear_paragraphs_stay_in_the_articles_language():
    text = "Photo: Reuters\nБаза Wagner Group в Ливии расширена, сообщает источник.\n"
    assert [lang for lang, _, _ in paragraph_languages(text, "ru")] == ["ru", "ru"]


def test_a_russian_quote_in_a_ukrainian_article_is_read_as_russian():
    text = ("Міністр закордонних справ України заявив, що переговори тривають.\n"
            "«Мы не будем обсуждать этот вопрос, пока войска не отведены», — сказал Лавров.\n")
    assert [lang for lang, _, _ in paragraph_languages(text, "uk")] == ["uk", "ru"]


def test_the_extract_command_reads_every_language_of_a_mixed_file(tmp_path):
    (tmp_path / "mixed.txt").write_text(RUSSIAN_WITH_ENGLISH, encoding="utf-8")
    [extraction] = list(extract_paths([tmp_path / "mixed.txt"], lambda p: None))
    assert "SANCTION" in {e["type"] for e in _events(extraction)}


GERMAN_QUOTE = "Die Regierung in Berlin hat die Gespräche mit der Türkei über die Lage in Libyen nicht fortgesetzt."
ARABIC_QUOTE = "وقال المتحدث باسم الحكومة إن المحادثات ستستمر في الأسبوع المقبل"


def test_a_paragraph_in_a_language_sphere_does_not_read_is_left_unread():
    text = f"Сергей Шойгу встретился с Халифой Хафтаром в Москве.\n{GERMAN_QUOTE}\n{ARABIC_QUOTE}\n"
    assert [lang for lang, _, _ in paragraph_languages(text, "ru")] == ["ru", None, None]
    [(lang, part)] = language_parts(text, "ru")
    assert lang == "ru" and "Berlin" not in part and "المحادثات" not in part and "Шойгу" in part
    extraction = extract_by_language(Article(doc="q.txt", text=text, source="q.txt"))
    assert all(e["lang"] == "ru" and "Berlin" not in e["evidence"] for e in _events(extraction))
    assert "Germany" not in {e.name for e in extraction.entities.values()}


def test_an_affiliation_stated_in_two_languages_is_one_event():
    text = ("Министр обороны России Сергей Шойгу встретился в Москве с Халифой Хафтаром.\n"
            "Russian Defence Minister Sergei Shoigu later met Turkish President Recep Tayyip Erdogan in Ankara.\n")
    events = _events(extract_by_language(Article(doc="a.txt", text=text, source="a.txt")))
    shoigu = [e for e in events if e["type"] == "AFFILIATION" and e["subject"] == "Sergei Shoigu"]
    assert [(e["object"], e["lang"]) for e in shoigu] == [("Russia", "ru")]
    assert {(e["type"], e["lang"]) for e in events} >= {("MEET", "ru"), ("MEET", "en")}
