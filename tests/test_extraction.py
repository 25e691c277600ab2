"""Extraction behaviour on sentences written for these tests (not seed sentences)."""
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from sphere.extract.document import extract_article
from sphere.language import detect_language
from sphere.records import Article


def _events(text, published="2024-03-15"):
    extraction = extract_article(Article("t.txt", text, "t.txt", published=published))
    name = {k: e.name for k, e in extraction.entities.items()}
    return extraction, [(e.type, name.get(e.subject), name.get(e.object), name.get(e.location), e.date, e.modality)
                        for e in extraction.events]


@pytest.mark.parametrize("text, lang", [
    ("Президент Франции прибыл в Пекин.", "ru"),
    ("Президент Франції прибув до Пекіна.", "uk"),
    ("The French president arrived in Beijing.", "en"),
])
def test_language_of_a_document(text, lang):
    assert detect_language(text) == lang


def test_russian_meeting_partner_from_instrumental_case_and_relative_date():
    _, events = _events("Вчера в Анкаре министр иностранных дел Ирана Аббас Аракчи встретился с Реджепом Тайипом Эрдоганом.")
    assert ("MEET", "Abbas Araghchi", "Recep Tayyip Erdogan", "Ankara", "2024-03-14", "asserted") in events
    assert ("AFFILIATION", "Abbas Araghchi", "Iran", None, None, "asserted") in events


def test_ukrainian_inflected_names_and_title_affiliation():
    extraction, events = _events("Президент Франції Емманюель Макрон зустрівся з Ніколасом Мадуро у Берліні.")
    assert ("MEET", "Emmanuel Macron", "Nicolás Maduro", "Berlin", None, "asserted") in events
    assert ("AFFILIATION", "Emmanuel Macron", "France", None, None, "asserted") in events
    maduro = next(e for e in extraction.entities.values() if e.name == "Nicolás Maduro")
    assert maduro.aliases == {"Ніколасом Мадуро"}


@pytest.mark.parametrize("apostrophe", ["'", "’", "ʼ"])
def test_a_ukrainian_word_with_an_apostrophe_is_one_word(apostrophe):
    text = f"Прем{apostrophe}єр-міністр Індії Нарендра Моді у п{apostrophe}ятницю зустрівся з Емманюелем Макроном."
    _, events = _events(text)
    assert ("AFFILIATION", "Narendra Modi", "India", None, None, "asserted") in events
    assert ("MEET", "Narendra Modi", "Emmanuel Macron", None, "2024-03-15", "asserted") in events


def test_english_subject_object_location_and_weekday():
    _, events = _events("Turkish President Recep Tayyip Erdogan met with Vladimir Putin in Sochi on Wednesday.")
    assert ("MEET", "Recep Tayyip Erdogan", "Vladimir Putin", "Sochi", "2024-03-13", "asserted") in events
    assert ("AFFILIATION", "Recep Tayyip Erdogan", "Turkey", None, None, "asserted") in events


@pytest.mark.parametrize("text, expected", [     # published on Friday 2024-03-15
    ("Narendra Modi will meet Olaf Scholz in Berlin on Tuesday.",
     ("MEET", "Narendra Modi", "Olaf Scholz", "Berlin", "2024-03-19", "planned")),
    ("Narendra Modi met Olaf Scholz in Berlin on Tuesday.",
     ("MEET", "Narendra Modi", "Olaf Scholz", "Berlin", "2024-03-12", "asserted")),
    ("Во вторник в Берлине пройдут переговоры Нарендры Моди и Олафа Шольца.",
     ("MEET", "Narendra Modi", "Olaf Scholz", "Berlin", "2024-03-19", "planned")),
    ("У вівторок Нарендра Моді зустрінеться з Олафом Шольцом у Берліні.",
     ("MEET", "Narendra Modi", "Olaf Scholz", "Berlin", "2024-03-19", "planned")),
    ("Narendra Modi met Olaf Scholz in Berlin on Friday.",
     ("MEET", "Narendra Modi", "Olaf Scholz", "Berlin", "2024-03-15", "asserted")),
])
def test_a_weekday_is_the_coming_one_after_a_future_verb_and_today_on_its_own_day(text, expected):
    assert expected in _events(text)[1]


@pytest.mark.parametrize("text, expected", [
    ("Китай не поддержал санкции против Ирана.", ("SANCTION", "China", "Iran", None, None, "denied")),
    ("Россия планирует открыть военную базу в Судане.", ("MILITARY_BASE", "Russia", "Sudan", None, None, "planned")),
    ("The European Union will impose sanctions against Belarus.",
     ("SANCTION", "European Union", "Belarus", None, None, "planned")),
])
def test_modality(text, expected):
    assert expected in _events(text)[1]


def test_capital_as_government_and_as_destination():
    extraction, events = _events("Пекин поддержал Тегеран. Делегация Ирана прибыла в Пекин.")
    names = {e.name: e.kind for e in extraction.entities.values()}
    assert names["China"] == "COUNTRY" and names["Beijing"] == "PLACE"
    assert ("SUPPORT", "China", "Iran", None, None, "asserted") in events


def test_surname_only_mention_joins_the_full_name_in_the_document():
    extraction, _ = _events("Сергей Лавров прибыл в Каир. Лавров встретился с министром иностранных дел Египта.")
    people = [e for e in extraction.entities.values() if e.kind == "PERSON"]
    assert [p.name for p in people] == ["Sergey Lavrov"]
    assert people[0].aliases == {"Сергей Лавров", "Лавров"}


def test_every_event_carries_its_exact_sentence_and_offsets():
    text = "Введение.\nИран поддержал Сирию. Затем Китай осудил НАТО."
    extraction, _ = _events(text)
    assert extraction.events
    for event in extraction.events:
        assert text[event.start:event.end] == event.sentence


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300)
       | st.sampled_from(["", "\u200b\u200b", "مرحبا بالعالم", "🙂" * 50, "Москва" * 500, "a" * 5000]))
def test_any_unicode_input_gives_a_result_never_a_traceback(text):
    extraction = extract_article(Article("fuzz.txt", text, "fuzz.txt"))
    for event in extraction.events:
        assert text[event.start:event.end] == event.sentence


def test_a_title_without_a_name_stands_for_the_holder_named_elsewhere_in_the_document():
    _, events = _events("Президент Франции Эммануэль Макрон прибыл в Каир. "
                        "Там президент Франции провел переговоры с Абдель Фаттахом ас-Сиси.")
    assert ("MEET", "Emmanuel Macron", "Abdel Fattah el-Sisi") in [e[:3] for e in events]


def test_plural_titles_stand_for_their_states_and_every_pair_agrees():
    _, events = _events("Президенты Египта и Турции договорились о прекращении огня.")
    assert ("AGREE", "Egypt", "Turkey") in [e[:3] for e in events]


def test_relation_between_two_states():
    _, events = _events("Переговоры между Арменией и Азербайджаном прошли в Вашингтоне.")
    assert ("MEET", "Armenia", "Azerbaijan", "Washington") in [e[:4] for e in events]


@pytest.mark.parametrize("text, expected", [
    ("Китай відхилив пропозицію, звинувативши Японію у провокації.", ("ACCUSE", "China", "Japan")),
    ("Лондон, который ввел санкции против Минска, призвал Европу к единству.", ("SANCTION", "United Kingdom", "Belarus")),
    ("London, which imposed sanctions on Minsk, urged Europe to act.", ("SANCTION", "United Kingdom", "Belarus")),
    ("Асад поблагодарил Иран за помощь.", ("SUPPORT", "Iran", "Bashar al-Assad")),
    ("Переброска российских войск в Мали продолжается.", ("DEPLOY", "Russia", "Mali")),
    ("Уряд повідомив, що Каракас придбав китайську зброю на мільярди доларів.", ("ARMS_TRANSFER", "China", "Venezuela")),
])
def test_roles_from_gerunds_relative_clauses_thanks_and_demonyms(text, expected):
    assert expected in [e[:3] for e in _events(text)[1]]


def test_a_subject_pronoun_stands_for_the_person_named_last():
    _, events = _events("Сергій Лавров прибув до Мінська. Там він зустрівся з Олександром Лукашенком.")
    assert ("MEET", "Sergey Lavrov", "Alexander Lukashenko") in [e[:3] for e in events]


@pytest.mark.parametrize("text, expected", [
    ("Evo Morales flew to Mexico City, where the Mexican government granted him asylum.",
     ("ASYLUM", "Mexico", "Evo Morales")),
    ("Эво Моралес улетел в Мехико. Мексиканские власти предоставили ему политическое убежище.",
     ("ASYLUM", "Mexico", "Evo Morales")),
    # the object pronoun is not the subject of its own clause: "him" is Erdogan, not Putin
    ("Путин встретился с Эрдоганом и пригласил его в Москву.", ("INVITE", "Vladimir Putin", "Recep Tayyip Erdogan")),
    ("Ердоган прилетів до Анкари. Путін запросив його до Москви.",
     ("INVITE", "Vladimir Putin", "Recep Tayyip Erdogan")),
])
def test_an_object_pronoun_stands_for_the_person_named_before_it(text, expected):
    _, events = _events(text)
    assert expected in [e[:3] for e in events]


def test_a_comparative_adverb_opening_a_ukrainian_sentence_is_no_preposition():
    _, events = _events("Раніше Ердоган запросив Францію до Анкари.")
    assert ("INVITE", "Recep Tayyip Erdogan", "France") in [e[:3] for e in events]


@pytest.mark.parametrize("text, expected", [
    ("Израиль нанёс удары по военным объектам Ирана.", ("FIGHT", "Israel", "Iran", None)),
    ("Ізраїль завдав ударів по нафтових об'єктах у Сирії.", ("FIGHT", "Israel", "Syria", None)),
    ("Russian troops seized the outskirts of Kharkiv.", ("FIGHT", "Russia", "Ukraine", "Kharkiv")),
])
def test_a_strike_on_a_thing_hits_the_side_it_belongs_to(text, expected):
    _, events = _events(text)
    assert expected in [e[:4] for e in events]


@pytest.mark.parametrize("text, expected", [
    ("Російська авіація завдала ударів по Харкову.", ("FIGHT", "Russia", "Kharkiv")),
    ("Российская военная авиация атаковала Алеппо.", ("FIGHT", "Russia", "Aleppo")),
])
def test_an_air_force_named_by_its_demonym_stands_for_its_country(text, expected):
    _, events = _events(text)
    assert expected in [e[:3] for e in events]


@pytest.mark.parametrize("text, expected", [
    ("Эсминцы ВМС США прибыли в Персидский залив.", ("DEPLOY", "United States", "Persian Gulf")),
    ("Отряд кораблей ВМФ России прибыл в Порт-Судан.", ("DEPLOY", "Russia", "Port Sudan")),
    ("Загін кораблів ВМФ Росії прибув до Гавани.", ("DEPLOY", "Russia", "Havana")),
    ("A Russian naval flotilla arrived in Havana.", ("DEPLOY", "Russia", "Havana")),
])
def test_ships_named_through_their_navy_and_country_are_deployed_where_they_arrive(text, expected):
    _, events = _events(text)
    assert expected in [e[:3] for e in events]


@pytest.mark.parametrize("text, expected", [
    ("В Бамако прибыли около двухсот инструкторов «Африканского корпуса».", ("DEPLOY", "Africa Corps", "Bamako")),
    ("Бійці «Вагнера» залишаються в ЦАР.", ("DEPLOY", "Wagner Group", "Central African Republic")),
    ("Миротворцы ООН остаются в Ливане.", ("DEPLOY", "United Nations", "Lebanon")),
])
def test_an_armed_groups_own_men_stand_for_the_group(text, expected):
    _, events = _events(text)
    assert expected in [e[:3] for e in events]


def test_a_side_on_whose_behalf_a_war_is_fought_is_not_struck():
    _, events = _events("Россия вступила в войну на стороне Асада.")
    assert not [e for e in events if e[0] == "FIGHT" and e[2] == "Bashar al-Assad"]


@pytest.mark.parametrize("text", [
    "ЄС запровадив санкції проти кількох банків, звинувативши їх у допомозі Росії проти України.",
    "Евросоюз ввёл санкции против ряда компаний, работающих на Россию против Украины.",
])
def test_the_object_phrase_of_a_trigger_is_the_first_with_its_preposition(text):
    _, events = _events(text)
    assert not [e for e in events if e[0] == "SANCTION" and e[2] == "Ukraine"]


@pytest.mark.parametrize("text, expected", [
    ("Президент Мали заявил, что в стране находятся российские военные.", ("DEPLOY", "Russia", "Mali")),
    ("Chad's government ended an agreement that allowed French troops to operate in the country.",
     ("DEPLOY", "France", "Chad")),
])
def test_the_country_noun_stands_for_the_country_the_text_is_about(text, expected):
    _, events = _events(text)
    assert expected in [e[:3] for e in events]


def test_a_described_or_plural_country_noun_is_no_reference():
    _, events = _events("Президент Франции призвал все страны Африки и африканские страны прекратить войну с Мали.")
    assert all(e[2] != "France" for e in events if e[0] != "AFFILIATION")


@pytest.mark.parametrize("text", [
    "Переговоры касались будущего российских военных баз: авиабазы Хмеймим и военно-морского пункта в Тартусе.",
    "Доля российских баз — Хмеймима и пункта материально-технического обеспечения в Тартусе — неясна.",
])
def test_a_list_after_a_base_noun_names_each_base_of_the_same_owner(text):
    _, events = _events(text)
    bases = {(e[1], e[2], e[3]) for e in events if e[0] == "MILITARY_BASE"}
    assert {("Russia", "Hmeimim Air Base", "Syria"), ("Russia", "Tartus naval base", "Syria")} <= bases


def test_an_english_noun_trigger_takes_its_own_owner_before_the_subject_of_its_verb():
    _, events = _events("Slovakia has not vetoed EU sanctions on Iran.")
    assert ("SANCTION", "European Union", "Iran") in [e[:3] for e in events]
    assert not [e for e in events if e[0] == "SANCTION" and e[1] == "Slovakia"]


@pytest.mark.parametrize("text, expected", [
    ("Путин провёл телефонный разговор с Эрдоганом. Стороны договорились расширить торговлю.",
     {("AGREE", "Vladimir Putin", "Recep Tayyip Erdogan"), ("ECONOMIC_COOPERATION", "Russia", "Turkey")}),
    ("Путін зустрівся з Моді. Сторони домовилися збільшити товарообіг.",
     {("AGREE", "Vladimir Putin", "Narendra Modi")}),
    ("Vladimir Putin held a phone call with Recep Tayyip Erdogan, in which the two discussed military cooperation.",
     {("MILITARY_COOPERATION", "Russia", "Turkey")}),
])
def test_the_sides_are_the_two_parties_just_reported(text, expected):
    _, events = _events(text)
    assert expected <= {e[:3] for e in events}


def test_the_sides_discussing_is_no_second_meeting_and_a_repeated_event_is_kept_once():
    _, events = _events("Путин встретился с Эрдоганом в Сочи. Стороны провели переговоры. "
                        "Путин встретился с Эрдоганом, сообщил Кремль.")
    assert [e[:3] for e in events].count(("MEET", "Vladimir Putin", "Recep Tayyip Erdogan")) == 1


def test_the_same_event_with_another_date_is_another_event():
    _, events = _events("В 2019 году Россия и Китай подписали соглашение. В 2023 году Россия и Китай подписали соглашение.")
    assert sorted(e[4] for e in events if e[0] == "AGREE") == ["2019", "2023"]


def test_a_direct_object_after_an_infinitive_is_the_infinitives():
    _, events = _events("Эрдоган пригласил своего коллегу посетить Анкару.")
    assert not [e for e in events if e[0] == "INVITE" and e[2] == "Turkey"]


def test_an_enclitic_particle_joins_no_clauses_and_makes_the_word_before_it_a_pronoun():
    _, events = _events("Міністерство оборони Франції того ж дня запровадило санкції проти Ірану. "
                        "Того ж дня до Гавани прибув американський корабель.")
    assert ("SANCTION", "French Ministry of Defence", "Iran") in [e[:3] for e in events]
    assert all("Togo" not in e for e in events)


def test_an_english_noun_trigger_deep_in_an_object_takes_the_subject_of_the_verb():
    _, events = _events("The Council adopted a new package of restrictive measures against Belarus.")
    assert ("SANCTION", "Council", "Belarus") in [e[:3] for e in events]


@pytest.mark.parametrize("text, expected", [
    ("Azerbaijan's war of aggression against Armenia ended in 2023.", ("FIGHT", "Azerbaijan", "Armenia")),
    ("Возглавляемая Саудовской Аравией коалиция воюет против хуситов.", ("FIGHT", "Saudi-led coalition", "Houthis")),
])
def test_wars_named_the_way_news_names_them(text, expected):
    _, events = _events(text)
    assert expected in [e[:3] for e in events]


def test_a_verbs_direct_object_is_the_first_noun_after_it_and_a_national_army_is_its_state():
    _, events = _events("Разведка Польши обвинила венгерские банки в переводах денег ВСУ через третьи страны — Чехию и Словакию.")
    assert not [e for e in events if e[0] == "ACCUSE" and e[2] in ("Czech Republic", "Slovakia")]
    _, events = _events("Сербія постачає ЗСУ боєприпаси.")
    assert ("ARMS_TRANSFER", "Serbia", "Ukraine") in [e[:3] for e in events]


def test_expelling_troops_opposes_their_state_and_ends_their_deployment():
    _, events = _events("Chad expelled French troops from the country.")
    assert {("DEPLOY", "France", "Chad"), ("OPPOSE", "Chad", "France")} <= {e[:3] for e in events}
    _, events = _events("Мали выслала из страны французских военных.")
    assert {("DEPLOY", "France", "Mali"), ("OPPOSE", "Mali", "France")} <= {e[:3] for e in events}
    _, events = _events("Chad expelled the French ambassador from the country.")
    assert not [e for e in events if e[0] == "DEPLOY"]


def test_a_possessive_is_no_object_pronoun():
    _, events = _events("Путин встретился с Эрдоганом. Лукашенко пригласил его министра в Минск.")
    assert not [e for e in events if e[0] == "INVITE" and e[2] == "Recep Tayyip Erdogan"]


def test_leadership_phrase_gives_affiliation():
    _, events = _events("Турция во главе с Реджепом Тайипом Эрдоганом поддержала Азербайджан.")
    assert ("AFFILIATION", "Recep Tayyip Erdogan", "Turkey") in [e[:3] for e in events]
    assert ("SUPPORT", "Turkey", "Azerbaijan") in [e[:3] for e in events]


def test_a_plan_word_after_the_event_does_not_make_it_planned():
    _, events = _events("Китай поддержал Пакистан и обсудил будущий визит в Исламабад.")
    assert ("SUPPORT", "China", "Pakistan", None, None, "asserted") in events


def test_a_lexicon_entry_written_twice_is_a_clear_error(tmp_path, monkeypatch):
    from sphere.extract import lexicon as lexicon_module
    (tmp_path / "ru.yaml").write_text("triggers:\n  встреча: {type: MEET}\n  встреча: {type: VISIT}\n", encoding="utf-8")
    monkeypatch.setattr(lexicon_module, "LEXICON_DIR", tmp_path)
    lexicon_module.lexicon.cache_clear()
    try:
        with pytest.raises(ValueError, match="'встреча' is listed twice"):
            lexicon_module.lexicon("ru")
    finally:
        lexicon_module.lexicon.cache_clear()


# ---- offices, forces, regions ------------------------------------------------------------------
def test_unnamed_title_stands_for_the_known_holder_the_document_names():
    _, events = _events("Во вторник Владимир Путин прилетел в Анкару. "
                        "Президент России и Реджеп Тайип Эрдоган договорились о поставках газа.")
    assert ("AGREE", "Vladimir Putin", "Recep Tayyip Erdogan", None, None, "asserted") in events
    assert ("AFFILIATION", "Vladimir Putin", "Russia", None, None, "asserted") in events
    _, events = _events("Президент России и Реджеп Тайип Эрдоган договорились о поставках газа.")
    assert ("AGREE", "Russia", "Recep Tayyip Erdogan", None, None, "asserted") in events


def test_leadership_phrase_is_no_title():
    _, events = _events("Ливийская национальная армия во главе с Халифой Хафтаром атаковала Мисурату.")
    affiliations = {(e[1], e[2]) for e in events if e[0] == "AFFILIATION"}
    assert affiliations == {("Khalifa Haftar", "Libyan National Army")}


def test_a_leaders_forces_and_army_leader_stand_for_the_body_he_commands():
    _, events = _events("Eastern army leader Khalifa Haftar visited Cairo. "
                        "Last month Haftar’s forces fought the Islamic State near Sirte.")
    assert ("AFFILIATION", "Khalifa Haftar", "Libyan National Army", None, None, "asserted") in events
    assert not any(e[0] == "AFFILIATION" and e[2] == "Libya" for e in events)
    assert any(e[:3] == ("FIGHT", "Libyan National Army", "Islamic State") for e in events)


@pytest.mark.parametrize("text, expected", [
    ("Russia sent troops to northern Syria.", ("DEPLOY", "Russia", "Northern Syria")),
    ("Турция перебросила войска на северо-запад Сирии.", ("DEPLOY", "Turkey", "Northwestern Syria")),
    ("Іран перекинув бойовиків на південь Лівану.", ("DEPLOY", "Iran", "Southern Lebanon")),
])
def test_compass_word_before_a_country_names_a_region(text, expected):
    assert expected in [e[:3] for e in _events(text)[1]]


def test_military_rank_between_coordinated_names():
    _, events = _events("Путин встретился с министром иностранных дел Ирана Аббасом Аракчи "
                        "и иранским министром обороны генерал-майором Азизом Насирзаде.")
    partners = {e[2] for e in events if e[0] == "MEET"}
    assert partners == {"Abbas Araghchi", "Aziz Nasirzade"}


# ---- roles ------------------------------------------------------------------------------------
def test_initiator_of_a_call_is_its_subject():
    _, events = _events("Вчера по инициативе Франции состоялся телефонный разговор Владимира Путина "
                        "с президентом Франции Эммануэлем Макроном.")
    calls = [e[:3] for e in events if e[0] in ("COMMUNICATE", "MEET")]
    assert calls == [(calls[0][0], "Emmanuel Macron", "Vladimir Putin")]


def test_thanks_for_help_is_not_the_thanking_sides_support():
    _, events = _events("Мадуро направил Путину письмо с благодарностью за помощь Венесуэле.")
    assert ("COMMUNICATE", "Nicolás Maduro", "Vladimir Putin", None, None, "asserted") in events
    assert not any(e[0] == "SUPPORT" for e in events)


def test_between_phrase_after_a_comma_is_not_the_nouns():
    _, events = _events("Несмотря на турецкое посредничество, между Арменией и Азербайджаном сохраняются разногласия.")
    assert not any(e[0] == "MEDIATE" for e in events)


def test_main_subject_past_a_relative_clause_with_an_indeclinable_name():
    _, events = _events("Берлин, который закрыл посольство в Ливии, чтобы наказать режим Каддафи, "
                        "неоднократно просил Рим о помощи.")
    requests = [e[:3] for e in events if e[0] == "COMMUNICATE"]
    assert requests == [("COMMUNICATE", "Germany", "Italy")]


def test_nameless_group_led_by_named_countries():
    _, events = _events("Несколько стран во главе с Францией и Германией поддержали Украину.")
    supporters = {e[1] for e in events if e[0] == "SUPPORT" and e[2] == "Ukraine"}
    assert supporters == {"France", "Germany"}


def test_asked_sides_act_is_not_the_askers():
    _, events = _events("Президенты Франции и Египта призвали стороны сесть за стол переговоров.")
    assert not any(e[0] == "MEET" for e in events)


def test_predecessor_holds_the_principals_office():
    _, events = _events("Президент Казахстана Касым-Жомарт Токаев прибыл в Москву. "
                        "Предшественник Токаева, Нурсултан Назарбаев, тоже бывал в Кремле.")
    assert any(e[0] == "AFFILIATION" and e[1].startswith("Nursultan Nazarba") and e[2] == "Kazakhstan" for e in events)


def test_his_firm_stands_for_its_owner_and_generic_cooperation_needs_a_military_partner():
    _, events = _events("Ivan Petrov runs a logistics company. "
                        "Petrov said his company worked with the Syrian Defence Ministry and cooperated with Siemens.")
    cooperation = [e[:3] for e in events if e[0] == "MILITARY_COOPERATION"]
    assert cooperation == [("MILITARY_COOPERATION", "Ivan Petrov", "Syrian Ministry of Defence")]


def test_hyphenated_modifier_is_not_the_object():
    _, events = _events("Haftar opposes the UN-backed government in Tripoli.")
    assert not any(e[0] == "OPPOSE" and e[2] == "United Nations" for e in events)


@pytest.mark.parametrize("text", [
    "Хуситы при поддержке Ирана атаковали суда в Красном море. "
    "Делегаты приветствовали созданный при поддержке Ливии Африканский союз.",
    "Хусити за підтримки Ірану атакували судна. Делегати привітали створений за підтримки Лівії Африканський союз.",
])
def test_with_the_support_of_backs_the_subject_or_the_participles_noun(text):
    supports = {e[1:3] for e in _events(text)[1] if e[0] == "SUPPORT"}
    assert supports == {("Iran", "Houthis"), ("Libya", "African Union")}


def test_leaving_a_foreign_city_ends_a_visit_but_leaving_home_does_not():
    _, events = _events("Премьер-министр Индии Нарендра Моди покинул Москву после переговоров. "
                        "Вечером Владимир Путин покинул Москву.")
    visits = [e[1:3] for e in events if e[0] == "VISIT"]
    assert visits == [("Narendra Modi", "Moscow")]


@pytest.mark.parametrize("text", [
    "Эксперты обсуждают планы Китая по строительству военной базы в Джибути.",
    "Експерти обговорюють плани Китаю щодо будівництва військової бази в Джибуті.",
])
def test_act_in_a_purpose_phrase_belongs_to_the_genitive_before_it(text):
    assert ("MILITARY_BASE", "China", "Djibouti", None, None, "planned") in _events(text)[1]


@pytest.mark.parametrize("text, lang", [
    ("Эрдоган подчеркнул важность суверенитета Ирака. Это заявление было адресовано как Ирану, "
     "поддерживающему ополченцев, так и Сирии.", "ru"),
    ("Ердоган наголосив на важливості суверенітету Іраку. Ця заява була адресована як Ірану, "
     "що підтримує ополченців, так і Сирії.", "uk"),
])
def test_a_statement_is_its_authors_and_paired_conjunctions_join_across_a_clause(text, lang):
    addressed = {e[2] for e in _events(text)[1] if e[0] == "COMMUNICATE" and e[1] == "Recep Tayyip Erdogan"}
    assert addressed == {"Iran", "Syria"}


def test_capital_after_a_place_noun_is_the_city():
    extraction, _ = _events("Запад страны и столица Багдад находятся под контролем правительства.")
    names = {e.name: e.kind for e in extraction.entities.values()}
    assert names.get("Baghdad") == "PLACE" and "Iraq" not in names


@pytest.mark.parametrize("text, lang", [
    ("Эксперты обсуждают решение Турции направить войска в Ливию.", "ru"),
    ("Експерти обговорюють рішення Туреччини направити війська до Лівії.", "uk"),
])
def test_infinitive_after_a_genitive_owner_is_the_owners_act(text, lang):
    assert ("DEPLOY", "Turkey", "Libya") in [e[:3] for e in _events(text)[1]]


@pytest.mark.parametrize("text, expected", [
    ("France was accused by Mali of backing the rebels.", ("ACCUSE", "Mali", "France")),
    ("Weapons were supplied to Mali by Russia.", ("ARMS_TRANSFER", "Russia", "Mali")),
    ("Drones supplied by Iran to Russia hit Kyiv overnight.", ("ARMS_TRANSFER", "Iran", "Russia")),
    ("Франция была обвинена Мали в поддержке боевиков.", ("ACCUSE", "Mali", "France")),
    ("Франція була звинувачена Малі у підтримці бойовиків.", ("ACCUSE", "Mali", "France")),
])
def test_passive_agent_is_the_subject(text, expected):
    assert expected in [e[:3] for e in _events(text)[1]]


def test_ukrainian_passive_participle_matches_its_verb():
    from sphere.analyse import morph
    assert {"поставити", "розмістити", "звинуватити", "ввести"} <= (
        morph.normal_forms("поставлена", "uk") | morph.normal_forms("розміщені", "uk")
        | morph.normal_forms("звинувачений", "uk") | morph.normal_forms("введені", "uk"))


@pytest.mark.parametrize("text, expected", [
    ("Российские военные инструкторы прибыли в Бамако.", ("DEPLOY", "Russia", "Bamako")),
    ("Російські військові прибули до Бангі.", ("DEPLOY", "Russia", "Bangui")),
    ("U.S. troops arrived in Niger last year.", ("DEPLOY", "United States", "Niger")),
])
def test_troops_arriving_are_deployed_not_visiting(text, expected):
    events = [e[:3] for e in _events(text)[1]]
    assert expected in events and not any(e[0] == "VISIT" for e in events)


@pytest.mark.parametrize("text", ["Niger's junta accused France of destabilisation.",
                                  "Власти Нигера обвинили Францию в дестабилизации."])
def test_a_government_noun_stands_for_its_state(text):
    assert ("ACCUSE", "Niger", "France") in [e[:3] for e in _events(text)[1]]


@pytest.mark.parametrize("text", ["Serbia refused to join Western sanctions against Russia.",
                                  "Сербия отказалась присоединиться к санкциям против России.",
                                  "Сербія відмовляється запроваджувати санкції проти Росії."])
def test_a_refused_act_is_no_event_of_its_own(text):
    events = [e[:3] for e in _events(text)[1]]
    assert ("REFUSE", "Serbia", None) in events and not any(e[0] == "SANCTION" for e in events)


@pytest.mark.parametrize("text", ["Президент Польши Анджей Дуда призвал НАТО усилить фланг и обвинил Минск в соучастии.",
                                  "Президент Польщі Анджей Дуда закликав НАТО посилити фланг і звинуватив Мінськ у співучасті."])
def test_a_coordinated_verb_shares_the_first_verbs_subject(text):
    accusations = [e[:3] for e in _events(text)[1] if e[0] == "ACCUSE"]
    assert [(a[0], a[1].split()[-1], a[2]) for a in accusations] == [("ACCUSE", "Duda", "Belarus")]


@pytest.mark.parametrize("text, expected", [
    ("Около двух тысяч российских миротворцев находились в Сирии.", ("DEPLOY", "Russia", "Syria")),
    ("Близько двох тисяч російських миротворців перебували в Сирії.", ("DEPLOY", "Russia", "Syria")),
    ("175 российских инструкторов работают в ЦАР.", ("DEPLOY", "Russia", "Central African Republic")),
    ("About 1,000 U.S. troops remain in Niger.", ("DEPLOY", "United States", "Niger")),
])
def test_armed_personnel_present_somewhere_are_deployed_there(text, expected):
    assert expected in [e[:3] for e in _events(text)[1]]


def test_presence_verbs_need_armed_personnel():
    assert not any(e[0] == "DEPLOY" for e in _events("Российские дипломаты работают в Сирии.")[1])


@pytest.mark.parametrize("text", ["В Азербайджане обвинили Париж в милитаризации региона.",
                                  "В Азербайджані звинуватили Париж у мілітаризації регіону."])
def test_a_plural_verb_with_no_subject_speaks_for_the_place_named(text):
    assert [e[:3] for e in _events(text)[1] if e[0] == "ACCUSE"] == [("ACCUSE", "Azerbaijan", "France")]


def test_a_noun_trigger_that_is_another_verbs_object_takes_no_subject():
    assert not any(e[0] == "FIGHT" for e in _events("Россия и Китай осудили удары.")[1])


def test_an_indeclinable_country_after_a_preposition_has_every_case():
    assert ("ARMS_TRANSFER", "Russia", "Mali") in [e[:3] for e in _events("Россия поставляет оружие в Мали.")[1]]


def _lexicon_sentences():
    """Sentences built from the lexicons and the gazetteer: every title with every institution and a country,
    and every trigger between two kinds of actor, in each language."""
    from sphere.extract.lexicon import lexicon
    from sphere.resolve.gazetteer import gazetteer
    gaz = gazetteer()
    countries = {"ru": ["России", "Турции", "США", "Мали"], "uk": ["Росії", "Туреччини", "США", "Малі"],
                 "en": ["Russia", "Turkey", "the United States", "Mali"]}
    actors = {"ru": ["Лавров", "Россия", "НАТО", "ХАМАС", "российские военные"],
              "uk": ["Лавров", "Росія", "НАТО", "ХАМАС", "російські військові"],
              "en": ["Lavrov", "Russia", "NATO", "Hamas", "Russian troops"]}
    sentences = []
    for lang in ("ru", "uk", "en"):
        lex = lexicon(lang)
        titles = [" ".join(words) for words in lex.titles]
        institutions = [form for inst in gaz.institutions for form in inst.forms[:2]]
        triggers = sorted({" ".join(sorted(f.words[0])[0] for f in [frame]) for frames in lex.frames.values()
                           for frame in frames})
        for k, title in enumerate(titles):
            country = countries[lang][k % 4]
            institution = institutions[k % len(institutions)]
            sentences.append((lang, f"{title.capitalize()} {institution} {country} встретился с {title} {country}."
                              if lang != "en" else f"The {country} {institution} {title} met the {title} of {country}."))
        for k, trigger in enumerate(triggers):
            subject, obj = actors[lang][k % 5], actors[lang][(k + 2) % 5]
            sentences.append((lang, f"{subject} {trigger} {obj} в {countries[lang][k % 4]}."
                              if lang != "en" else f"{subject} {trigger} {obj} in {countries[lang][k % 4]}."))
    return sentences


LEXICON_SENTENCES = _lexicon_sentences()


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(LEXICON_SENTENCES), st.sampled_from(LEXICON_SENTENCES))
# a title over a name the tagger took for an organisation once lost the article (KeyError: 'org:lavrov')
@example(("en", "Hamas head Lavrov in Russia."), ("en", "Hamas head Lavrov in Russia."))
def test_sentences_built_from_the_lexicons_give_events_or_nothing(first, second):
    for lang, text in (first, second, (first[0], first[1] + " " + second[1])):
        extraction = extract_article(Article("lex.txt", text, "lex.txt", lang=lang))
        for event in extraction.events:
            assert event.subject in extraction.entities and (event.object is None or event.object in extraction.entities)


@pytest.mark.parametrize("text, expected", [
    ("США заморозили активы Ирана.", [("SANCTION", "United States", "Iran")]),
    ("Россия и Куба развивают военное сотрудничество.", [("MILITARY_COOPERATION", "Russia", "Cuba")]),
    ("Сербия не продавала оружие ни Украине, ни России.",
     [("ARMS_TRANSFER", "Serbia", "Ukraine"), ("ARMS_TRANSFER", "Serbia", "Russia")]),
])
def test_sentence_initial_indeclinables_paired_cooperation_and_neither_nor(text, expected):
    events = [e[:3] for e in _events(text)[1]]
    assert all(e in events for e in expected)


@pytest.mark.parametrize("text", ["Сергей Лавров заявил, что намерен посетить Каир.",
                                  "Сергій Лавров заявив, що має намір відвідати Каїр."])
def test_a_reported_clause_with_no_subject_is_the_speakers(text):
    assert ("VISIT", "Sergey Lavrov", "Cairo", None, None, "planned") in _events(text)[1]


@pytest.mark.parametrize("text, expected", [
    ("Sudan accused the UAE of supplying weapons to the RSF.",
     ("ARMS_TRANSFER", "United Arab Emirates", "Rapid Support Forces", None, None, "reported_claim")),
    ("Вашингтон звинувачував Тегеран у постачанні хуситам ракет.",
     ("ARMS_TRANSFER", "Iran", "Houthis", None, None, "reported_claim")),
])
def test_the_act_an_accusation_names_is_the_accuseds_and_only_claimed(text, expected):
    assert expected in _events(text)[1]


def test_an_english_phrase_trigger_takes_roles_from_its_head_and_the_verbs_object():
    events = [e[:3] for e in _events("China signed a security agreement with the Solomon Islands.")[1]]
    assert ("AGREE", "China", "Solomon Islands") in events


@pytest.mark.parametrize("text", ["NIAMEY, April 12 (Reuters) - Russian instructors arrived in Niger on Wednesday.",
                                  "НИАМЕЙ, 12 апреля — Российские инструкторы прибыли в Нигер в среду."])
def test_a_dateline_names_no_place_and_gives_no_date(text):
    extraction, events = _events(text, published="2024-04-12")
    assert "Niamey" not in {e.name for e in extraction.entities.values()}
    assert ("DEPLOY", "Russia", "Niger", None, "2024-04-10", "asserted") in events


@pytest.mark.parametrize("text, expected", [
    ("До Нігеру прибула група російських військових інструкторів.", ("DEPLOY", "Russia", "Niger")),
    ("Канадский патрульный корабль прибыл в Гавану.", ("DEPLOY", "Canada", "Havana")),
    ("Наприкінці січня останні французькі військові залишили Чад.", ("DEPLOY", "France", "Chad")),
])
def test_fronted_goals_warships_and_troops_leaving(text, expected):
    assert expected in [e[:3] for e in _events(text)[1]]


@pytest.mark.parametrize("text, expected", [
    ("South Korea said North Korea had sent 1,500 troops to Russia. Moscow has denied the reports.",
     ("DEPLOY", "North Korea", "Russia", None, None, "denied")),
    ("КНДР отправила в Россию около 3 тысяч солдат. В Москве это отрицают.",
     ("DEPLOY", "North Korea", "Russia", None, None, "denied")),
])
def test_a_denial_that_points_back_repeats_the_claim_denied(text, expected):
    assert expected in _events(text)[1]


def test_a_denial_with_content_of_its_own_repeats_nothing():
    events = _events("North Korea sent troops to Russia. Moscow denied buying missiles from Iran.")[1]
    assert not any(e[0] == "DEPLOY" and e[5] == "denied" for e in events)


@pytest.mark.parametrize("text, expected", [
    ("Indian Prime Minister Narendra Modi and Russian President Vladimir Putin agreed on Tuesday to raise trade.",
     ("AGREE", "Narendra Modi", "Vladimir Putin")),
    ("Oman said it had mediated a ceasefire between the United States and Yemen's Houthis.",
     ("MEDIATE", "Oman", "United States")),
    ("Viktor Orban met Vladimir Putin. Orban's government has refused to send weapons to Ukraine.",
     ("REFUSE", "Hungary", None)),
    ("Kim Jong Un and Vladimir Putin signed a mutual defence pact in Pyongyang.",
     ("MILITARY_COOPERATION", "North Korea", "Russia")),
])
def test_english_conjuncts_it_a_leaders_government_and_cooperation_between_states(text, expected):
    assert expected in [e[:3] for e in _events(text)[1]]


def test_a_military_adjective_before_a_noun_is_no_armed_personnel():
    events = [e[:3] for e in _events("На российской военной базе в Гюмри находятся около 3 тыс. военнослужащих.")[1]]
    assert ("MILITARY_BASE", "Russia", "Gyumri") in events


@pytest.mark.parametrize("text, expected", [
    ("Syrian President Ahmed al-Sharaa held talks with Vladimir Putin, his first visit to Russia.",
     ("VISIT", "Ahmed al-Sharaa", "Russia")),
    ("Serbia refused to join sanctions against Russia over its invasion of Ukraine.", ("FIGHT", "Russia", "Ukraine")),
])
def test_english_possessive_pronouns_stand_for_their_owner(text, expected):
    assert expected in [e[:3] for e in _events(text)[1]]


@pytest.mark.parametrize("text, expected", [
    ("Burhan rejected a humanitarian truce plan put forward by the United States.", ("OPPOSE", "Burhan", "United States")),
    ("Зеленский отклонил предложение Орбана.", ("OPPOSE", "Volodymyr Zelensky", "Viktor Orbán")),
    ("China condemned Washington's decision.", ("OPPOSE", "China", "United States")),
])
def test_opposing_an_act_opposes_its_author(text, expected):
    assert expected in [e[:3] for e in _events(text)[1]]


@pytest.mark.parametrize("text, expected", [
    ("Министр обороны Франции Себастьян Лекорню и министр обороны Армении Сурен Папикян подписали контракт.",
     ("AGREE", "Sébastien Lecornu", "Suren Papikyan")),
    ("Сполучені Штати та єменський рух «Ансар Аллах» погодилися припинити взаємні атаки.",
     ("AGREE", "United States", "Houthis")),
])
def test_conjuncts_past_an_office_state_and_quotes(text, expected):
    assert expected in [e[:3] for e in _events(text)[1]]


def test_agreeing_to_do_something_is_that_act_not_an_agreement_with_nobody():
    events = [e[:3] for e in _events("Serbia agreed on Thursday to buy 12 French Rafale fighter jets.")[1]]
    assert ("ARMS_TRANSFER", "France", "Serbia") in events and ("AGREE", "Serbia", None) not in events


def test_a_nouns_phrase_ends_at_a_dash_unless_a_name_follows():
    visit = [e[:3] for e in _events("Моди прибыл в Москву с визитом — первым после начала вторжения России в Украину.")[1]
             if e[0] == "VISIT"]
    assert ("VISIT", "Narendra Modi", "Ukraine") not in visit
    bases = [e[:3] for e in _events("Судьба российских баз — Хмеймима и пункта в Тартусе — не решена.")[1]]
    assert ("MILITARY_BASE", "Russia", "Hmeimim Air Base") in bases


@pytest.mark.parametrize("text", ["Саудівська делегація вперше за роки війни провела переговори з хуситами в Сані.",
                                  "Коаліція воює проти хуситів з 2015 року, підтримуючи уряд Ємену."])
def test_time_phrases_and_gerund_clauses_lend_no_subject(text):
    events = [e[:3] for e in _events(text)[1]]
    assert not any(e[0] == "FIGHT" and e[1] in ("Saudi Arabia", "Yemen") for e in events)


def test_a_title_opening_a_name_is_no_part_of_it():
    extraction, _ = _events("Принц Фейсал пригласил иранского коллегу посетить Эр-Рияд.")
    assert not any(e.name.lower().startswith("prin") for e in extraction.entities.values())


def test_an_english_subject_is_the_parses_not_a_list_across_clauses():
    events = [e[:3] for e in _events("President Aleksandar Vucic spoke. Serbia refused to join sanctions over the "
                                     "invasion of Ukraine, and Vucic has met Vladimir Putin several times.")[1]]
    assert ("MEET", "Aleksandar Vučić", "Vladimir Putin") in events
    assert not any(e[0] == "MEET" and "Ukraine" in (e[1], e[2]) for e in events)


def test_a_ukrainian_future_that_the_dictionary_also_reads_as_an_infinitive_is_planned():
    events = _events("Ізраїльські війська залишать Ліван.")[1]
    assert ("DEPLOY", "Israel", "Lebanon") in [e[:3] for e in events] and all(e[5] == "planned" for e in events)


@pytest.mark.parametrize("text", ["Putin thanked the Belarusian leader for his mediation.",
                                  "Путин поблагодарил белорусского лидера, он оценил его посредничество."])
def test_a_pronoun_bears_no_title(text):
    assert not any(e[0] == "AFFILIATION" for e in _events(text)[1])


def test_a_capital_that_only_stands_for_its_state_is_no_place_of_the_document():
    extraction, events = _events("Москва осудила удары Израиля по Сирии.")
    names = {e.name for e in extraction.entities.values()}
    assert "Russia" in names and "Moscow" not in names
    assert extraction.mention_counts.get("country:RU") == 1


def test_a_name_after_a_place_phrase_is_not_the_title_holder():
    _, events = _events("Через три дня после поездки венгерского премьера в Киев Путин позвонил Си Цзиньпину.")
    assert not [e for e in events if e[0] == "AFFILIATION" and e[1] == "Vladimir Putin"]
    _, events = _events("Посол России в Турции Алексей Ерхов встретился с Хаканом Фиданом.")
    assert ("AFFILIATION", "Aleksey Yerkhov", "Russia", None, None, "asserted") in events


@pytest.mark.parametrize("text, expected", [
    ("Президент Кении Уильям Руто прибыл в Пекин. Президент встретился с Си Цзиньпином.",
     ("MEET", "William Ruto", "Xi Jinping")),
    ("Kenyan President William Ruto arrived in Beijing. The president met Xi Jinping.",
     ("MEET", "William Ruto", "Xi Jinping")),
    ("Президент Кенії Вільям Руто прибув до Пекіна. Президент зустрівся із Сі Цзіньпіном.",
     ("MEET", "William Ruto", "Xi Jinping")),
    ("Фельдмаршал Халифа Хафтар контролирует восток Ливии. В сентябре фельдмаршал встретился с Владимиром Путиным.",
     ("MEET", "Khalifa Haftar", "Vladimir Putin")),
    ("Генерал Халіфа Хафтар контролює схід Лівії. У вересні генерал зустрівся з Володимиром Путіним.",
     ("MEET", "Khalifa Haftar", "Vladimir Putin")),
])
def test_a_bare_title_stands_for_the_person_last_named_with_it(text, expected):
    assert expected in [e[:3] for e in _events(text)[1]]


def test_a_title_with_its_own_name_or_state_is_not_a_bare_title():
    _, events = _events("Президент Кении Уильям Руто прибыл в Пекин. Глава хунты Тчиани обвинил Францию в провокациях.")
    assert not [e for e in events if e[0] == "ACCUSE" and e[1] == "William Ruto"]
    _, events = _events("Президент Кении Уильям Руто прибыл в Пекин. Президент Египта встретился с Си Цзиньпином.")
    assert ("MEET", "Egypt", "Xi Jinping") in [e[:3] for e in events]


def test_a_title_with_its_state_then_a_verb_is_the_subject_not_a_name_phrase():
    assert ("MEET", "Egypt", "Vladimir Putin") in [
        e[:3] for e in _events("Президент Египта встретился с Владимиром Путиным.")[1]]


@pytest.mark.parametrize("text", [
    "Российские инструкторы появились в Гвинее в 2019 году.",
    "Російські інструктори з'явилися в Гвінеї у 2019 році.",
    "Russian instructors appeared in Guinea in 2019.",
])
def test_troops_that_appear_somewhere_are_deployed_there(text):
    assert ("DEPLOY", "Russia", "Guinea", None, "2019", "asserted") in _events(text)[1]


def test_a_state_and_its_own_leader_are_no_two_sides():
    _, events = _events("Вучич и Макрон подписали в Белграде контракт на покупку 12 французских истребителей Rafale.")
    assert ("ARMS_TRANSFER", "France", "Aleksandar Vučić", "Belgrade", None, "planned") in events
    assert not [e for e in events if e[0] == "ARMS_TRANSFER" and e[2] == "Emmanuel Macron"]


@pytest.mark.parametrize("text", [
    "Сербия подписала контракт на покупку французских истребителей.",
    "Сербія уклала контракт на придбання французьких винищувачів.",
    "Serbia signed a contract to buy French fighter jets.",
])
def test_a_contract_to_buy_weapons_is_a_planned_transfer_from_the_seller(text):
    assert ("ARMS_TRANSFER", "France", "Serbia", None, None, "planned") in _events(text)[1]


def test_what_is_asked_about_is_no_event():
    _, events = _events("Песков отказался сообщить, встречался ли Путин с Асадом.")
    assert not [e for e in events if e[0] == "MEET"]
    assert ("MEET", "Vladimir Putin", "Bashar al-Assad", None, None, "asserted") in \
        _events("Песков подтвердил, что Путин встречался с Асадом.")[1]


@pytest.mark.parametrize("text", [
    "Фрегат «Адмирал Кузнецов» и подлодка «Тверь» прибыли в Гавану.",
    "Фрегат «Адмірал Кузнєцов» і підводний човен «Твер» прибули до Гавани.",
    'The frigate "Admiral Kuznetsov" arrived in Havana.',
])
def test_a_ships_quoted_name_is_neither_a_person_nor_a_city(text):
    extraction, _ = _events(text)
    kinds = {e.name: e.kind for e in extraction.entities.values()}
    assert "PERSON" not in kinds.values() and "Tver" not in kinds


def test_a_state_after_a_title_is_its_genitive_not_the_verbs_object():
    _, events = _events("Владимир Путин принял Николаса Мадуро. Российский лидер назвал Венесуэлу надёжным партнёром.")
    assert ("AFFILIATION", "Vladimir Putin", "Russia", None, None, "asserted") in events
    assert not [e for e in events if e[0] == "AFFILIATION" and e[2] == "Venezuela"]


def test_a_general_title_stands_for_the_holder_of_a_narrower_office():
    _, events = _events("Никарагуа пригласила Сергея Лаврова. Российский министр встретился с Даниэлем Ортегой.")
    assert ("MEET", "Sergey Lavrov", "Daniel Ortega", None, None, "asserted") in events


@pytest.mark.parametrize("text, expected", [
    ("В Анкаре прошли турецко-азербайджанские переговоры.", ("MEET", "Turkey", "Azerbaijan")),
    ("У Варшаві відбулися українсько-польські переговори.", ("MEET", "Ukraine", "Poland")),
    ("Franco-German talks were held in Paris.", ("MEET", "France", "Germany")),
    ("US-Japanese military exercises began on Monday.", ("MILITARY_COOPERATION", "United States", "Japan")),
    ("В Египте стартовали китайско-египетские учения.", ("MILITARY_COOPERATION", "China", "Egypt")),
])
def test_a_paired_demonym_names_both_sides_in_its_order(text, expected):
    assert expected in [e[:3] for e in _events(text)[1]]


@pytest.mark.parametrize("text, expected", [
    ("Россия оказала Сирии военную помощь.", [("ARMS_TRANSFER", "Russia", "Syria")]),
    ("Китай оказал Камбодже помощь.", [("SUPPORT", "China", "Cambodia")]),
    ("Britain provided economic aid to Egypt.", [("ECONOMIC_COOPERATION", "United Kingdom", "Egypt")]),
    ("Japan sent aid to Turkey.", [("SUPPORT", "Japan", "Turkey")]),
])
def test_a_phrase_with_more_words_hides_the_phrase_whose_words_it_has(text, expected):
    """"оказать военную помощь" is an arms transfer and no support besides: the kind of aid decides."""
    _, events = _events(text)
    assert [e[:3] for e in events] == expected


@pytest.mark.parametrize("text, expected", [
    ("Россия построит в Египте АЭС.", ("ECONOMIC_COOPERATION", "Russia", "Egypt")),
    ("Россия направила в Мали войска.", ("DEPLOY", "Russia", "Mali")),
    ("Туреччина розмістила в Катарі війська.", ("DEPLOY", "Turkey", "Qatar")),
])
def test_a_place_phrase_between_the_words_of_a_trigger_is_its_object(text, expected):
    _, events = _events(text)
    assert expected in [e[:3] for e in events]


def test_a_verb_read_as_present_or_future_is_present():
    """"перебувають" is first the rare perfective "перебути" in the dictionary, but troops that are staying are
    there now; a verb with only future readings stays planned."""
    _, events = _events("У Сирії перебувають кілька тисяч російських військових.")
    assert ("DEPLOY", "Russia", "Syria", "asserted") in [(e[0], e[1], e[2], e[5]) for e in events]
    _, events = _events("Росія підпише угоду з Іраном.")
    assert ("AGREE", "Russia", "Iran", "planned") in [(e[0], e[1], e[2], e[5]) for e in events]


@pytest.mark.parametrize("text, expected", [
    ("Турция отправила наемников в Ливию.", ("DEPLOY", "Turkey", "Libya")),
    ("Россия направила в Мали военных советников.", ("DEPLOY", "Russia", "Mali")),
    ("Россия направила военных советников в Мали.", ("DEPLOY", "Russia", "Mali")),
    ("Франція надіслала фрегат до Червоного моря.", ("DEPLOY", "France", "Red Sea")),
])
def test_every_verb_of_sending_with_every_noun_of_armed_personnel_is_a_deployment(text, expected):
    _, events = _events(text)
    assert expected in [e[:3] for e in events]


def test_a_title_phrase_of_a_person_is_an_accusative_object_after_a_place_phrase():
    """"президента" is animate: its genitive form is its accusative, whatever the country after it."""
    _, events = _events("Путин принял в Кремле президента Египта.")
    assert ("MEET", "Vladimir Putin", "Egypt") in [e[:3] for e in events]


@pytest.mark.parametrize("text, expected", [
    ("Иран может применить эти ракеты против Израиля.", ("FIGHT", "Iran", "Israel", "planned")),
    ("Росія застосувала проти України балістичні ракети.", ("FIGHT", "Russia", "Ukraine", "asserted")),
    ("China could blockade Taiwan.", ("FIGHT", "China", "Taiwan", "planned")),
])
def test_weapons_used_against_a_side_strike_it_and_what_may_happen_is_planned(text, expected):
    _, events = _events(text)
    assert expected in [(e[0], e[1], e[2], e[5]) for e in events]


@pytest.mark.parametrize("text, expected", [
    ("У Китая есть военная база в Джибути.", ("MILITARY_BASE", "China", "Djibouti")),
    ("У Китаю є військова база в Джибуті.", ("MILITARY_BASE", "China", "Djibouti")),
    ("Россия получит доступ к авиабазе в Ливии.", ("MILITARY_BASE", "Russia", "Libya")),
])
def test_the_one_who_has_a_base_or_access_to_it_holds_it(text, expected):
    _, events = _events(text)
    assert expected in [e[:3] for e in events]


@pytest.mark.parametrize("text, expected", [
    ("Москва ведёт переговоры с новыми властями в Дамаске.", ("MEET", "Russia", "Syria")),
    ("Russia is holding talks with the authorities in Damascus.", ("MEET", "Russia", "Syria")),
])
def test_the_authorities_in_a_capital_are_its_country(text, expected):
    _, events = _events(text)
    assert expected in [e[:3] for e in events]
