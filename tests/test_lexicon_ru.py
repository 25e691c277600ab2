"""The Russian event vocabulary (schema/lexicons/ru.yaml): each of the 19 event types from sentences written for
these tests, the words and phrases the lexicon is made of, and generic words that must stay quiet."""
import pymorphy3
import pytest
import yaml

from sphere.extract.document import extract_article
from sphere.model import ontology
from sphere.paths import LEXICON_DIR
from sphere.records import Article


def _events(text, published="2024-03-15"):
    extraction = extract_article(Article("t.txt", text, "t.txt", published=published))
    name = {k: e.name for k, e in extraction.entities.items()}
    return [(e.type, name.get(e.subject), name.get(e.object), e.modality, e.attrs) for e in extraction.events]


def _roles(text):
    return [e[:3] for e in _events(text)]


@pytest.mark.parametrize("text, expected", [
    ("Премьер Индии встретился с президентом Египта в Каире.", ("MEET", "India", "Egypt")),
    ("Президент Турции Реджеп Тайип Эрдоган провел переговоры с Владимиром Путиным.",
     ("MEET", "Recep Tayyip Erdogan", "Vladimir Putin")),
    ("Александр Лукашенко побывал в Пекине.", ("VISIT", "Alexander Lukashenko", "Beijing")),
    ("Нарендра Моди прибыл в Москву с официальным визитом.", ("VISIT", "Narendra Modi", "Moscow")),
    ("Китай пригласил Бразилию на саммит.", ("INVITE", "China", "Brazil")),
    ("Эмманюэль Макрон позвонил Владимиру Путину.", ("COMMUNICATE", "Emmanuel Macron", "Vladimir Putin")),
    ("Иран потребовал от Ирака закрыть границу.", ("COMMUNICATE", "Iran", "Iraq")),
    ("Франция признала Палестину.", ("SUPPORT", "France", "Palestine")),
    ("Франция встала на сторону Израиля.", ("SUPPORT", "France", "Israel")),
    ("Россия остаётся главным союзником Сирии.", ("SUPPORT", "Russia", "Syria")),
    ("Саудовская Аравия разорвала отношения с Ираном.", ("OPPOSE", "Saudi Arabia", "Iran")),
    ("Мали разорвала связи с Украиной.", ("OPPOSE", "Mali", "Ukraine")),
    ("Франция выслала российских дипломатов.", ("OPPOSE", "France", "Russia")),
    ("Литва понизила уровень дипломатических отношений с Китаем.", ("OPPOSE", "Lithuania", "China")),
    ("Украина обвинила Белоруссию в подготовке провокаций.", ("ACCUSE", "Ukraine", "Belarus")),
    ("Индия проведёт совместные учения с Японией.", ("MILITARY_COOPERATION", "India", "Japan")),
    ("Иран передал России баллистические ракеты.", ("ARMS_TRANSFER", "Iran", "Russia")),
    ("Египет закупил французские истребители Rafale.", ("ARMS_TRANSFER", "France", "Egypt")),
    ("Армения получила от Франции бронетехнику.", ("ARMS_TRANSFER", "France", "Armenia")),
    ("Саудовская Аравия выделила Египту кредит.", ("ECONOMIC_COOPERATION", "Saudi Arabia", "Egypt")),
    ("Индия закупает российскую нефть.", ("ECONOMIC_COOPERATION", "Russia", "India")),
    ("Турция направила войска в Ливию.", ("DEPLOY", "Turkey", "Libya")),
    ("Миротворцы ООН остаются в Ливане.", ("DEPLOY", "United Nations", "Lebanon")),
    ("Россия разместила ядерное оружие в Белоруссии.", ("DEPLOY", "Russia", "Belarus")),
    ("Китай создал военную базу в Джибути.", ("MILITARY_BASE", "China", "Djibouti")),
    ("Катар выступил посредником между Ираном и США.", ("MEDIATE", "Qatar", "Iran")),
    ("Азербайджан и Армения подписали договор о мире.", ("AGREE", "Azerbaijan", "Armenia")),
    ("Сербия отказалась присоединиться к новым мерам.", ("REFUSE", "Serbia", None)),
    ("Канада ввела санкции против Ирана.", ("SANCTION", "Canada", "Iran")),
    ("Евросоюз утвердил новый пакет санкций против Ирана.", ("SANCTION", "European Union", "Iran")),
    ("Россия предоставила убежище Башару Асаду.", ("ASYLUM", "Russia", "Bashar al-Assad")),
    ("Израиль нанес удар по Ливану.", ("FIGHT", "Israel", "Lebanon")),
    ("Российская армия начала наступление на Харьков.", ("FIGHT", "Russia", "Kharkiv")),
])
def test_each_event_type_from_its_russian_words(text, expected):
    assert expected in _roles(text)


@pytest.mark.parametrize("text, expected", [
    ("Эмманюэль Макрон позвонил Владимиру Путину.", ("COMMUNICATE", {"mode": "call"})),
    ("Иран потребовал от Ирака закрыть границу.", ("COMMUNICATE", {"mode": "demand"})),
    ("Япония предложила Филиппинам помощь в модернизации флота.", ("COMMUNICATE", {"mode": "offer"})),
    ("Франция вывела войска из Нигера.", ("DEPLOY", {"status": "ended"})),
])
def test_the_kind_of_message_and_an_ended_deployment_are_attributes(text, expected):
    assert expected in [(e[0], e[4]) for e in _events(text)]


def test_a_phone_conversation_is_a_call_not_a_meeting():
    events = _roles("Владимир Путин провел телефонные переговоры с Реджепом Тайипом Эрдоганом.")
    assert ("COMMUNICATE", "Vladimir Putin", "Recep Tayyip Erdogan") in events
    assert not [e for e in events if e[0] == "MEET"]


@pytest.mark.parametrize("text", ["Египет заключил оборонное соглашение с Суданом.",
                                  "Египет подписал оборонное соглашение с Суданом."])
def test_a_defence_pact_is_an_agreement_and_military_cooperation(text):
    events = _roles(text)
    assert ("MILITARY_COOPERATION", "Egypt", "Sudan") in events
    assert ("AGREE", "Egypt", "Sudan") in events


def test_mediation_phrase_names_the_sides_of_the_clause():
    events = _events("При посредничестве Катара Россия и Украина обменялись пленными.")
    assert ("MEDIATE", "Qatar", "Russia") in [e[:3] for e in events]


@pytest.mark.parametrize("text, expected", [
    ("Венгрия отказывается поставлять Украине оружие.", ("REFUSE", "Hungary", None, "asserted")),
    ("Иран отверг обвинения в поставках оружия Йемену.", ("ARMS_TRANSFER", "Iran", "Yemen", "denied")),
    ("Франция согласилась поставить Армении зенитные комплексы.", ("ARMS_TRANSFER", "France", "Armenia", "planned")),
])
def test_refusing_or_rejecting_denies_and_agreeing_to_do_plans(text, expected):
    assert expected in [e[:4] for e in _events(text)]


@pytest.mark.parametrize("text, quiet", [
    ("Министр вооружённых сил Франции выступил в парламенте.", "ARMS_TRANSFER"),
    ("Правительство Франции приняло решение о выделении средств.", "MEET"),
    ("Турция поставила вопрос о членстве Швеции в НАТО.", "ARMS_TRANSFER"),
    ("Россия встала на путь реформ.", "SUPPORT"),
    ("Германия направила военную делегацию в Москву.", "DEPLOY"),
    ("Россия поставляет нефть в Индию.", "ARMS_TRANSFER"),
    ("Москва сделала выводы из событий в Сирии.", "DEPLOY"),
    ("Россия и КНДР подписали договор о помощи в случае агрессии.", "FIGHT"),
])
def test_generic_words_make_no_event_of_their_own(text, quiet):
    assert quiet not in [e[0] for e in _events(text)]


@pytest.mark.parametrize("text, expected", [
    ("Китай выдаёт кредиты Кении.", ("ECONOMIC_COOPERATION", "China", "Kenya")),
    ("Тонга, задолжавшая Китаю миллиард долларов, просит отсрочки.", ("ECONOMIC_COOPERATION", "China", "Tonga")),
    ("Шри-Ланка передала порт в аренду Китаю.", ("ECONOMIC_COOPERATION", "Sri Lanka", "China")),
    ("Судан готов предоставить России базу в Порт-Судане.", ("MILITARY_BASE", "Russia", "Port Sudan")),
    ("Китай создаст военную базу в Камбодже.", ("MILITARY_BASE", "China", "Cambodia")),
    ("Грузия вышла из состава СНГ.", ("OPPOSE", "Georgia", "Commonwealth of Independent States")),
    ("Армения объявила о выходе из ОДКБ.", ("OPPOSE", "Armenia", "CSTO")),
    ("Россия нанесла удары по позициям боевиков ИГИЛ в Сирии.", ("FIGHT", "Russia", "Islamic State")),
    ("Американские удары по позициям хуситов продолжаются.", ("FIGHT", "United States", "Houthis")),
    ("Россия и КНДР подписали договор, предусматривающий взаимную военную помощь.",
     ("MILITARY_COOPERATION", "Russia", "North Korea")),
])
def test_loans_debts_leases_bases_granted_exits_and_strikes_on_positions(text, expected):
    assert expected in _roles(text)


@pytest.mark.parametrize("text, expected, quiet", [
    ("Франция передала Чаду военную базу в Абеше.", ("DEPLOY", "France", "Chad", {"status": "ended"}), "MILITARY_BASE"),
    ("Германия объявила о приостановке соглашения об авиасообщении с Ираном.",
     ("OPPOSE", "Germany", "Iran", {}), "AGREE"),
    ("Госдепартамент США одобрил продажу Тайваню ракет на 300 млн долларов.",
     ("ARMS_TRANSFER", "United States Department of State", "Taiwan", {}), "AGREE"),
])
def test_a_base_handed_over_a_suspended_deal_and_an_approved_sale(text, expected, quiet):
    events = _events(text)
    assert expected in [(e[0], e[1], e[2], e[4]) for e in events]
    assert quiet not in [e[0] for e in events]


@pytest.mark.parametrize("text, expected", [
    ("Россия и Индия расширяют сотрудничество в энергетике.", ("ECONOMIC_COOPERATION", "Russia", "India")),
    ("Россия расширяет сотрудничество с Венесуэлой в нефтяной сфере.",
     ("ECONOMIC_COOPERATION", "Russia", "Venezuela")),
    ("Китай имеет станцию радиоэлектронной разведки на Кубе.", ("MILITARY_BASE", "China", "Cuba")),
    ("Россия сохраняет военно-морской пункт в Тартусе.", ("MILITARY_BASE", "Russia", "Tartus naval base")),
    ("Пекин внёс в список ненадёжных субъектов американские компании.", ("SANCTION", "China", "United States")),
    ("Россия поможет Мали в формировании армии.", ("MILITARY_COOPERATION", "Russia", "Mali")),
    ("Захват Крыма Россией осудили в ООН.", ("FIGHT", "Russia", "Crimea")),
    ("Повстанцы М23 захватили город Гома.", ("FIGHT", "M23", "Goma")),
])
def test_energy_cooperation_and_bases_by_other_names(text, expected):
    assert expected in _roles(text)


def test_a_visit_someone_was_invited_to_make_is_planned():
    assert ("VISIT", "Narendra Modi", "Russia", "planned") in [e[:4] for e in
                                                               _events("Путин пригласил Моди посетить Россию.")]


def test_help_rebuilding_an_economy_is_economic_and_an_invitation_has_no_place_as_invitee():
    assert ("ECONOMIC_COOPERATION", "Russia", "Syria") in _roles("Москва поможет Сирии в восстановлении экономики.")
    invites = [e for e in _roles("Эрдоган подтвердил, что по приглашению Путина посетит Москву.") if e[0] == "INVITE"]
    assert ("INVITE", "Vladimir Putin", "Russia") not in invites


def test_a_base_granted_is_planned_and_leaving_a_city_is_no_break():
    assert ("MILITARY_BASE", "planned") in [(e[0], e[3]) for e in
                                            _events("Судан готов предоставить России базу в Порт-Судане.")]
    assert "OPPOSE" not in [e[0] for e in _events("Французские войска вышли из Мали.")]


def test_an_act_allowed_or_helped_is_the_datives_not_the_allowers():
    assert ("MILITARY_BASE", "Turkey", "Accra", "denied") in [
        e[:3] + (e[3],) for e in _events("Правительство Ганы не позволит Турции создать военную базу в Аккре.")]
    assert ("ARMS_TRANSFER", "Ghana", "Peru") in _roles("Бразилия помогла Гане поставить Перу бронемашины.")


def test_weapons_received_by_a_demonym_come_from_its_country():
    assert ("ARMS_TRANSFER", "Turkey", "Sudan") in _roles("Армия Судана получила турецкие беспилотники.")


def _trigger_words():
    with open(LEXICON_DIR / "ru.yaml", encoding="utf-8") as fh:
        triggers = yaml.safe_load(fh)["triggers"]
    return triggers, [(str(key), word) for key in triggers for word in str(key).split()]


def test_every_trigger_word_is_a_russian_dictionary_word():
    analyzer = pymorphy3.MorphAnalyzer(lang="ru")
    _, words = _trigger_words()
    unknown = [(key, word) for key, word in words if not any(p.is_known for p in analyzer.parse(word))]
    assert unknown == []


def _dictionary_form(word: str, analyzer) -> bool:
    """A normal form, or a participle in its own dictionary form ("враждующий")."""
    fold = str.maketrans("ё", "е")
    parses = analyzer.parse(word)
    return word.translate(fold) in {p.normal_form.translate(fold) for p in parses} or any(
        p.tag.POS == "PRTF" and {"masc", "sing", "nomn"} <= p.tag.grammemes for p in parses)


def test_a_one_word_trigger_is_written_as_its_normal_form():
    analyzer = pymorphy3.MorphAnalyzer(lang="ru")
    triggers, _ = _trigger_words()
    inflected = [key for key in map(str, triggers) if " " not in key and not _dictionary_form(key, analyzer)]
    assert inflected == []


def test_the_lexicon_covers_every_event_type():
    triggers, _ = _trigger_words()
    frames = [f for spec in triggers.values() for f in (spec if isinstance(spec, list) else [spec])]
    assert {f["type"] for f in frames} == set(ontology().event_types)


@pytest.mark.parametrize("text, expected", [
    ("Армия Мали отбила атаку боевиков ИГИЛ.", ("FIGHT", "Islamic State", "Mali")),
    ("Харьков подвергся обстрелу со стороны российских войск.", ("FIGHT", "Russia", "Kharkiv")),
    ("Киев подвергся массированной российской ракетной атаке.", ("FIGHT", "Russia", "Ukraine")),
    ("Израиль атаковал базу Хезболлы.", ("FIGHT", "Israel", "Hezbollah")),
    ("Иранские ракетные удары по Израилю осудили в ООН.", ("FIGHT", "Iran", "Israel")),
    ("Израильские военные ударили по Ливану.", ("FIGHT", "Israel", "Lebanon")),
    ("Хамас выпустил ракеты по Израилю.", ("FIGHT", "Hamas", "Israel")),
    ("Турция сбила российский самолёт.", ("FIGHT", "Turkey", "Russia")),
    ("Израиль начал наземную операцию в Ливане.", ("FIGHT", "Israel", "Lebanon")),
    ("Талибы взяли под контроль Кабул.", ("FIGHT", "Taliban", "Kabul")),
])
def test_strikes_repelled_or_suffered_operations_and_seized_cities_are_fights(text, expected):
    assert expected in _roles(text)


@pytest.mark.parametrize("text, expected", [
    ("Российские корабли вошли в порт Гаваны.", ("DEPLOY", "Russia", "Havana", {})),
    ("Австралия направила полицейских на Соломоновы Острова.", ("DEPLOY", "Australia", "Solomon Islands", {})),
    ("Россия отозвала своих военных из Армении.", ("DEPLOY", "Russia", "Armenia", {"status": "ended"})),
    ("Французские войска уходят из Чада.", ("DEPLOY", "France", "Chad", {"status": "ended"})),
    ("Соглашение позволяет России использовать базу Хмеймим.",
     ("MILITARY_BASE", "Russia", "Hmeimim Air Base", {"status": "existing"})),
    ("Россия построит военно-морскую базу в Судане.", ("MILITARY_BASE", "Russia", "Sudan", {"status": "planned"})),
])
def test_port_calls_recalls_troops_leaving_and_bases_built_or_used(text, expected):
    assert expected in [(e[0], e[1], e[2], e[4]) for e in _events(text)]


@pytest.mark.parametrize("text, expected", [
    ("Индия импортирует российскую нефть.", ("ECONOMIC_COOPERATION", "Russia", "India")),
    ("Российский газ поступает в Венгрию.", ("ECONOMIC_COOPERATION", "Russia", "Hungary")),
    ("Россия списала Кубе долг.", ("ECONOMIC_COOPERATION", "Russia", "Cuba")),
    ("Росатом строит АЭС в Турции.", ("ECONOMIC_COOPERATION", "Rosatom", "Turkey")),
    ("Китай профинансировал строительство порта в Шри-Ланке.", ("ECONOMIC_COOPERATION", "China", "Sri Lanka")),
    ("Китай вложил в экономику Лаоса миллиарды долларов.", ("ECONOMIC_COOPERATION", "China", "Laos")),
])
def test_imports_debts_written_off_plants_built_abroad_and_investment(text, expected):
    assert expected in _roles(text)


def test_a_plant_built_at_home_is_no_cooperation():
    assert "ECONOMIC_COOPERATION" not in [e[0] for e in _events("Россия строит АЭС в Курской области.")]


@pytest.mark.parametrize("text, expected", [
    ("США оказали Украине гуманитарную помощь.", ("SUPPORT", "United States", "Ukraine")),
    ("Китай заступился за Иран.", ("SUPPORT", "China", "Iran")),
    ("Турция встала на защиту Азербайджана.", ("SUPPORT", "Turkey", "Azerbaijan")),
    ("Катар финансирует ХАМАС.", ("SUPPORT", "Qatar", "Hamas")),
    ("Россия наложила вето на резолюцию США.", ("OPPOSE", "Russia", "United States")),
    ("Кремль подверг критике решение Берлина.", ("OPPOSE", "Russia", "Germany")),
    ("Польша закрыла российское консульство.", ("OPPOSE", "Poland", "Russia")),
    ("Венгрия блокирует вступление Швеции в НАТО.", ("OPPOSE", "Hungary", "Sweden")),
])
def test_backing_named_by_its_deeds_and_opposition_by_veto_criticism_or_blocking(text, expected):
    assert expected in _roles(text)


def test_support_declared_for_a_genitive_goes_to_it_not_from_it():
    events = _roles("Франция заявила о поддержке Армении.")
    assert ("SUPPORT", "France", "Armenia") in events
    assert ("SUPPORT", "Armenia", "France") not in events


@pytest.mark.parametrize("text, expected, quiet", [
    ("Россия вышла из договора с США.", ("OPPOSE", "Russia", "United States"), "AGREE"),
    ("Власти Нигера аннулировали соглашение с Францией.", ("OPPOSE", "Niger", "France"), "AGREE"),
    ("Венгрия заблокировала помощь Украине.", ("OPPOSE", "Hungary", "Ukraine"), "SUPPORT"),
    ("США запретили импорт российской нефти.", ("SANCTION", "United States", "Russia"), "ECONOMIC_COOPERATION"),
    ("Турция ввела эмбарго на торговлю с Израилем.", ("SANCTION", "Turkey", "Israel"), "ECONOMIC_COOPERATION"),
    ("США выделили Израилю военную помощь.", ("ARMS_TRANSFER", "United States", "Israel"), "SUPPORT"),
])
def test_a_phrase_that_ends_or_bans_a_tie_hides_the_tie_it_names(text, expected, quiet):
    events = _roles(text)
    assert expected in events
    assert quiet not in [e[0] for e in events]


@pytest.mark.parametrize("text, expected", [
    ("Канада наложила санкции на Иран.", ("SANCTION", "Canada", "Iran")),
    ("Вашингтон ввёл пошлины на китайские товары.", ("SANCTION", "United States", "China")),
    ("Китай запретил экспорт галлия в США.", ("SANCTION", "China", "United States")),
    ("Германия отправила Украине гаубицы.", ("ARMS_TRANSFER", "Germany", "Ukraine")),
    ("Китай продал Пакистану фрегаты.", ("ARMS_TRANSFER", "China", "Pakistan")),
    ("Вьетнам заказал у России вертолёты.", ("ARMS_TRANSFER", "Russia", "Vietnam")),
    ("Хуситы получают из Ирана ракеты.", ("ARMS_TRANSFER", "Iran", "Houthis")),
    ("Россия и Иран договорились о совместном производстве беспилотников.",
     ("MILITARY_COOPERATION", "Russia", "Iran")),
    ("Россия и Беларусь создали единую систему ПВО.", ("MILITARY_COOPERATION", "Russia", "Belarus")),
    ("Турция готовит офицеров для Ливии.", ("MILITARY_COOPERATION", "Turkey", "Libya")),
])
def test_sanctions_tariffs_bans_arms_sent_sold_ordered_and_joint_arms_work(text, expected):
    assert expected in _roles(text)


@pytest.mark.parametrize("text, expected, quiet", [
    ("Путин пообщался с Эрдоганом.", ("MEET", "Vladimir Putin", "Recep Tayyip Erdogan"), "COMMUNICATE"),
    ("Путин пообщался с Эрдоганом по телефону.", ("COMMUNICATE", "Vladimir Putin", "Recep Tayyip Erdogan"), "MEET"),
    ("Путин направил Си Цзиньпину послание.", ("COMMUNICATE", "Vladimir Putin", "Xi Jinping"), "MEET"),
    ("Россия передала США предложения по гарантиям безопасности.", ("COMMUNICATE", "Russia", "United States"),
     "MEET"),
])
def test_talking_in_person_is_a_meeting_and_on_the_phone_or_by_message_is_not(text, expected, quiet):
    events = _roles(text)
    assert expected in events
    assert quiet not in [e[0] for e in events]


@pytest.mark.parametrize("text, quiet", [
    ("Правительство взяло под контроль Газпром.", "FIGHT"),
    ("Российские войска вошли в Курскую область.", "DEPLOY"),
    ("Роскомнадзор заблокировал Telegram.", "OPPOSE"),
])
def test_control_of_a_firm_troops_entering_a_region_and_blocking_a_site_stay_quiet(text, quiet):
    assert quiet not in [e[0] for e in _events(text)]


@pytest.mark.parametrize("text, expected", [
    ("Франция передала Армении радары.", ("ARMS_TRANSFER", "France", "Armenia")),
    ("Китай экспортирует беспилотники в Сербию.", ("ARMS_TRANSFER", "China", "Serbia")),
    ("Турция отправила наемников в Ливию.", ("DEPLOY", "Turkey", "Libya")),
])
def test_every_verb_of_a_combination_goes_with_every_noun(text, expected):
    assert expected in [e[:3] for e in _events(text)]
