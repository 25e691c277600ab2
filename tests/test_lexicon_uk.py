"""The Ukrainian event vocabulary (schema/lexicons/uk.yaml) on sentences written for these tests: one or two per
event type, each asserting the (type, subject, object) a reader would expect; and the lexicon's own words."""
import pytest

from sphere.analyse import morph
from sphere.extract.document import extract_article
from sphere.extract.lexicon import lexicon
from sphere.model import ontology
from sphere.records import Article


def _events(text, published="2024-03-15"):
    extraction = extract_article(Article("t.txt", text, "t.txt", published=published))
    name = {k: e.name for k, e in extraction.entities.items()}
    return [(e.type, name.get(e.subject), name.get(e.object), e.modality, e.attrs) for e in extraction.events]


def _triples(text):
    return {(t, s, o) for t, s, o, _, _ in _events(text)}


@pytest.mark.parametrize("text, expected", [
    # MEET
    ("Прем'єр-міністр Індії Нарендра Моді провів переговори з Емманюелем Макроном.",
     ("MEET", "Narendra Modi", "Emmanuel Macron")),
    ("Японія провела консультації з Індією.", ("MEET", "Japan", "India")),
    # VISIT
    ("Міністр закордонних справ Туреччини Гакан Фідан прилетів до Каїра.", ("VISIT", "Hakan Fidan", "Cairo")),
    ("Президент Єгипту відвідав Анкару.", ("VISIT", "Egypt", "Ankara")),
    # INVITE
    ("Президент Франції Емманюель Макрон запросив Нарендру Моді до Парижа.", ("INVITE", "Emmanuel Macron", "Narendra Modi")),
    # COMMUNICATE
    ("Литва зажадала від Білорусі закрити кордон.", ("COMMUNICATE", "Lithuania", "Belarus")),
    ("Китай запропонував Єгипту новий кредит.", ("COMMUNICATE", "China", "Egypt")),
    # SUPPORT
    ("Франція підтримала Молдову.", ("SUPPORT", "France", "Moldova")),
    ("Грузія багато років є союзником Вашингтона.", ("SUPPORT", "United States", "Georgia")),
    # OPPOSE
    ("Канада засудила Іран.", ("OPPOSE", "Canada", "Iran")),
    ("Естонія вислала російських дипломатів.", ("OPPOSE", "Estonia", "Russia")),
    ("Польща розірвала дипломатичні відносини з Білоруссю.", ("OPPOSE", "Poland", "Belarus")),
    # ACCUSE
    ("Туреччина звинуватила Грецію у провокаціях.", ("ACCUSE", "Turkey", "Greece")),
    # MILITARY_COOPERATION
    ("Індонезія розширює військово-технічне співробітництво з Австралією.",
     ("MILITARY_COOPERATION", "Indonesia", "Australia")),
    # ARMS_TRANSFER: a giving verb with a weapon, and a purchase from a demonym
    ("Франція передала Україні гаубиці.", ("ARMS_TRANSFER", "France", "Ukraine")),
    ("Єгипет придбав російські винищувачі.", ("ARMS_TRANSFER", "Russia", "Egypt")),
    # ECONOMIC_COOPERATION
    ("Китай надав Єгипту кредит.", ("ECONOMIC_COOPERATION", "China", "Egypt")),
    ("Туреччина купує російський газ.", ("ECONOMIC_COOPERATION", "Russia", "Turkey")),
    ("Єгипет отримав кредит від Китаю.", ("ECONOMIC_COOPERATION", "China", "Egypt")),
    # DEPLOY
    ("Туреччина розмістила війська в Сомалі.", ("DEPLOY", "Turkey", "Somalia")),
    ("Російські інструктори прибули до Малі.", ("DEPLOY", "Russia", "Mali")),
    ("Нині французькі військовослужбовці перебувають у Джибуті.", ("DEPLOY", "France", "Djibouti")),
    # MILITARY_BASE
    ("Японія створить військову базу в Джибуті.", ("MILITARY_BASE", "Japan", "Djibouti")),
    # AGREE
    ("Японія підписала угоду з Філіппінами.", ("AGREE", "Japan", "Philippines")),
    # REFUSE
    ("Угорщина відмовилася підписати заяву.", ("REFUSE", "Hungary", None)),
    # SANCTION
    ("Євросоюз запровадив санкції проти Ірану.", ("SANCTION", "European Union", "Iran")),
    # ASYLUM
    ("Білорусь надала притулок Євгену Пригожину.", ("ASYLUM", "Belarus", "Yevgeny Prigozhin")),
    # FIGHT
    ("Азербайджан атакував Вірменію.", ("FIGHT", "Azerbaijan", "Armenia")),
    ("Росія завдала удару по Україні.", ("FIGHT", "Russia", "Ukraine")),
])
def test_event_type_from_ukrainian_vocabulary(text, expected):
    assert expected in _triples(text)


def test_mediation_between_two_parties():
    extraction = extract_article(Article("t.txt", "Катар виступив посередником між Ізраїлем і ХАМАС.", "t.txt"))
    name = {k: e.name for k, e in extraction.entities.items()}
    mediations = [(name[e.subject], name[e.object], name.get(e.object2)) for e in extraction.events if e.type == "MEDIATE"]
    assert mediations == [("Qatar", "Israel", "Hamas")]


def test_withdrawal_is_deploy_ended():
    assert ("DEPLOY", "Belgium", "Mali", "asserted", {"status": "ended"}) in _events("Бельгія вивела війська з Малі.")


def test_call_and_demand_carry_their_mode():
    call = _events("Прем'єр-міністр Японії Фуміо Кісіда зателефонував Володимиру Зеленському.")
    assert any(t == "COMMUNICATE" and a.get("mode") == "call" for t, _, _, _, a in call)
    demand = _events("Литва зажадала від Білорусі закрити кордон.")
    assert ("COMMUNICATE", "Lithuania", "Belarus", "asserted", {"mode": "demand"}) in demand


def test_an_ally_is_backed_by_its_patron_not_the_reverse():
    triples = _triples("Грузія багато років є союзником Вашингтона.")
    assert ("SUPPORT", "Georgia", "United States") not in triples


def test_declining_to_sign_is_a_refusal_and_no_signing():
    types = {t for t, *_ in _events("Угорщина відмовилася підписати заяву.")}
    assert types == {"REFUSE"}


def test_breaking_a_deal_is_opposition_not_agreement():
    triples = _triples("Уряд Чаду розірвав угоду з Францією.")
    assert ("OPPOSE", "Chad", "France") in triples
    assert not any(t == "AGREE" for t, _, _ in triples)


def test_offered_loan_is_planned_economic_cooperation():
    assert ("ECONOMIC_COOPERATION", "China", "Egypt", "planned", {}) in _events("Китай запропонував Єгипту новий кредит.")


@pytest.mark.parametrize("text", [
    "Уряд прийняв рішення про реформу.",          # a decision, not a visitor
    "Компанія передала документи до суду.",       # handing over papers, not weapons
    "Фермери отримали нову техніку.",             # receiving machinery, not arms
    "Литва визнала Росію державою-терористом.",   # naming a state a terrorist is no recognition of it
])
def test_generic_verbs_alone_make_no_event(text):
    assert _events(text) == []


@pytest.mark.parametrize("text, expected", [
    ("Китай видає кредити Кенії.", ("ECONOMIC_COOPERATION", "China", "Kenya")),
    ("Тонга, яка заборгувала Китаю мільярд доларів, просить відстрочки.", ("ECONOMIC_COOPERATION", "China", "Tonga")),
    ("Шрі-Ланка передала порт в оренду Китаю.", ("ECONOMIC_COOPERATION", "Sri Lanka", "China")),
    ("Індія є найбільшим покупцем російської нафти.", ("ECONOMIC_COOPERATION", "Russia", "India")),
    ("Хафтар готовий надати Москві базу в Бенгазі.", ("MILITARY_BASE", "Russia", "Benghazi")),
    ("Україна вийшла зі складу СНД.", ("OPPOSE", "Ukraine", "Commonwealth of Independent States")),
    ("Вірменія оголосила про вихід з ОДКБ.", ("OPPOSE", "Armenia", "CSTO")),
    ("Росія завдала ударів по позиціях бойовиків ІДІЛ у Сирії.", ("FIGHT", "Russia", "Islamic State")),
    ("США припинять авіаудари по позиціях хуситів в Ємені.", ("FIGHT", "United States", "Houthis")),
])
def test_loans_debts_leases_bases_granted_exits_and_strikes_on_positions(text, expected):
    assert expected in _triples(text)


@pytest.mark.parametrize("text, expected, quiet", [
    ("Франція передала збройним силам Кот-д'Івуару військову базу в Порт-Буе.",
     ("DEPLOY", "France", "Côte d'Ivoire"), "MILITARY_BASE"),
    ("Канада призупинила угоду про вільну торгівлю з Індією.", ("OPPOSE", "Canada", "India"), "AGREE"),
])
def test_a_base_handed_over_ends_a_deployment_and_a_suspended_deal_is_opposition(text, expected, quiet):
    triples = _triples(text)
    assert expected in triples
    assert quiet not in {t for t, _, _ in triples}


@pytest.mark.parametrize("text, expected", [
    ("Франція погодилася поставити Вірменії радари.", ("AGREE", "France", "Armenia")),
    ("Китай погодився списати Замбії частину боргу.", ("AGREE", "China", "Zambia")),
    ("Туреччина погодилася з Росією щодо перемир'я.", ("AGREE", "Turkey", "Russia")),
    ("Росія та Індія розширюють співпрацю в енергетиці.", ("ECONOMIC_COOPERATION", "Russia", "India")),
    ("Пекін вніс до списку ненадійних суб'єктів американські компанії.", ("SANCTION", "China", "United States")),
    ("Україна внесла до санкційного списку російські банки.", ("SANCTION", "Ukraine", "Russia")),
    ("Франція допомагатиме Кот-д'Івуару з підготовкою кадрів.", ("MILITARY_COOPERATION", "France", "Côte d'Ivoire")),
    ("Туреччина допоможе Лівії у формуванні армії.", ("MILITARY_COOPERATION", "Turkey", "Libya")),
])
def test_agreeing_to_do_something_for_a_state_and_energy_cooperation(text, expected):
    assert expected in _triples(text)


def test_help_rebuilding_an_economy_is_economic_and_an_invitation_has_no_place_as_invitee():
    assert ("ECONOMIC_COOPERATION", "Turkey", "Syria") in _triples("Туреччина допоможе Сирії у відбудові економіки.")
    triples = _triples("Туадера підтвердив, що на запрошення Путіна відвідає Москву наступного року.")
    assert ("INVITE", "Vladimir Putin", "Russia") not in triples
    assert ("INVITE", "Vladimir Putin", "Nicolás Maduro") in _triples("Мадуро на запрошення Путіна відвідає Москву.")


def test_a_visit_someone_was_invited_to_make_is_planned():
    events = [e[:4] for e in _events("Путін запросив Моді відвідати Росію.")]
    assert ("VISIT", "Narendra Modi", "Russia", "planned") in events


def test_troops_leaving_a_country_is_no_break_with_it():
    assert "OPPOSE" not in {t for t, _, _ in _triples("Французькі війська вийшли з Малі.")}


def test_every_event_type_has_ukrainian_triggers():
    lex = lexicon("uk")
    covered = {frame.type for frames in lex.frames.values() for frame in frames}
    assert set(ontology().event_types) <= covered


def test_every_trigger_word_is_a_dictionary_word():
    """A trigger word the Ukrainian dictionary does not know never matches an inflected form in text."""
    lex = lexicon("uk")
    words = {w for frames in lex.frames.values() for frame in frames for forms in frame.words for w in forms}
    unknown = sorted(w for w in words if not morph.analyzer("uk").word_is_known(w))
    assert unknown == []


def test_an_act_allowed_or_helped_is_the_datives_not_the_allowers():
    assert ("MILITARY_BASE", "Turkey", "Accra", "denied") in [
        e[:3] + (e[3],) for e in _events("Уряд Гани не дозволить Туреччині створити військову базу в Аккрі.")]


def test_weapons_received_by_a_demonym_come_from_its_country():
    assert ("ARMS_TRANSFER", "Turkey", "Sudan") in [e[:3] for e in _events("Армія Судану отримала турецькі безпілотники.")]


@pytest.mark.parametrize("text, expected", [
    # FIGHT: clashes, interventions, blockades, strikes, missiles fired, shelled positions, control taken
    ("У Хартумі спалахнули зіткнення між армією Судану та RSF.", ("FIGHT", "Sudan", "Rapid Support Forces")),
    ("США здійснили інтервенцію в Ірак.", ("FIGHT", "United States", "Iraq")),
    ("Китай розпочав блокаду Філіппін.", ("FIGHT", "China", "Philippines")),
    ("Ізраїль вдарив по Ірану.", ("FIGHT", "Israel", "Iran")),
    ("Удари Ізраїлю по Ірану тривають третій день.", ("FIGHT", "Israel", "Iran")),
    ("Іран запустив ракети по Ізраїлю.", ("FIGHT", "Iran", "Israel")),
    ("Азербайджан обстріляв вірменські позиції.", ("FIGHT", "Azerbaijan", "Armenia")),
    ("Азербайджан встановив контроль над Карабахом у вересні.", ("FIGHT", "Azerbaijan", "Nagorno-Karabakh")),
    ("Україна б'ється з Росією.", ("FIGHT", "Ukraine", "Russia")),
    # MILITARY_BASE: a base on an island, a basing point, a base granted with no place named
    ("Британія має бази на Кіпрі.", ("MILITARY_BASE", "United Kingdom", "Cyprus")),
    ("Китай облаштовує пункт базування в Камбоджі.", ("MILITARY_BASE", "China", "Cambodia")),
    ("Судан надав Росії військово-морську базу.", ("MILITARY_BASE", "Russia", "Sudan")),
    # ECONOMIC_COOPERATION
    ("Саудівська Аравія надала Єгипту позику.", ("ECONOMIC_COOPERATION", "Saudi Arabia", "Egypt")),
    ("Китай виділив Пакистану кредит.", ("ECONOMIC_COOPERATION", "China", "Pakistan")),
    ("Індія надала Шрі-Ланці кредитну лінію.", ("ECONOMIC_COOPERATION", "India", "Sri Lanka")),
    ("ОАЕ інвестували в економіку Єгипту 35 мільярдів доларів.", ("ECONOMIC_COOPERATION", "United Arab Emirates", "Egypt")),
    ("Китай фінансує будівництво залізниці в Кенії.", ("ECONOMIC_COOPERATION", "China", "Kenya")),
    ("Росія будує АЕС у Туреччині.", ("ECONOMIC_COOPERATION", "Russia", "Turkey")),
    ("Індія активно торгує з Росією.", ("ECONOMIC_COOPERATION", "India", "Russia")),
    ("Китай є найбільшим торговельним партнером Росії.", ("ECONOMIC_COOPERATION", "China", "Russia")),
    ("Китай та Бразилія уклали торговельну угоду.", ("ECONOMIC_COOPERATION", "China", "Brazil")),
    # OPPOSE
    ("Іран погрожує Ізраїлю.", ("OPPOSE", "Iran", "Israel")),
    ("Туреччина висловила протест Греції.", ("OPPOSE", "Turkey", "Greece")),
    ("Індія заперечила проти позиції Китаю.", ("OPPOSE", "India", "China")),
    ("Литва вручила ноту протесту Білорусі.", ("OPPOSE", "Lithuania", "Belarus")),
    ("Грузія відкликала посла з Москви.", ("OPPOSE", "Georgia", "Russia")),
    ("Польща оголосила персоною нон грата російського консула.", ("OPPOSE", "Poland", "Russia")),
    ("Азербайджан закрив посольство в Ірані.", ("OPPOSE", "Azerbaijan", "Iran")),
    ("Литва знизила рівень дипломатичних відносин з Китаєм.", ("OPPOSE", "Lithuania", "China")),
    ("Малі припинила співпрацю з Францією.", ("OPPOSE", "Mali", "France")),
    ("США вийшли з ядерної угоди з Іраном.", ("OPPOSE", "United States", "Iran")),
    ("Угорщина заблокувала вступ Швеції до НАТО.", ("OPPOSE", "Hungary", "Sweden")),
    ("Китай назвав американські навчання провокацією.", ("OPPOSE", "China", "United States")),
    # DEPLOY
    ("США направлять до Ізраїлю авіаносець.", ("DEPLOY", "United States", "Israel")),
    ("Кенія направить поліцейських на Гаїті.", ("DEPLOY", "Kenya", "Haiti")),
    ("Китай надіслав війська до М'янми.", ("DEPLOY", "China", "Myanmar")),
    ("Російський фрегат зайшов у порт Гавани.", ("DEPLOY", "Russia", "Havana")),
    ("Російські бомбардувальники приземлилися у Венесуелі.", ("DEPLOY", "Russia", "Venezuela")),
    ("Туреччина утримує війська на півночі Сирії.", ("DEPLOY", "Turkey", "Northern Syria")),
    ("США передислокують війська з Нігеру до Кот-д'Івуару.", ("DEPLOY", "United States", "Côte d'Ivoire")),
    # ARMS_TRANSFER
    ("Білорусь передала Росії бронетехніку.", ("ARMS_TRANSFER", "Belarus", "Russia")),
    ("Росія поставила Малі гелікоптери.", ("ARMS_TRANSFER", "Russia", "Mali")),
    ("Росія поставляє зброю до Малі.", ("ARMS_TRANSFER", "Russia", "Mali")),
    ("Польща отримала американські гелікоптери Apache.", ("ARMS_TRANSFER", "United States", "Poland")),
    # MILITARY_COOPERATION
    ("Росія навчає військових Малі.", ("MILITARY_COOPERATION", "Russia", "Mali")),
    ("Британія тренує українських солдатів.", ("MILITARY_COOPERATION", "United Kingdom", "Ukraine")),
    ("Індія провела навчання з ВМС Франції.", ("MILITARY_COOPERATION", "India", "France")),
    ("Росія співпрацює з Іраном у військовій сфері.", ("MILITARY_COOPERATION", "Russia", "Iran")),
    ("Ізраїль та Індія обмінюються розвідданими.", ("MILITARY_COOPERATION", "Israel", "India")),
    ("Китай передає Пакистану військові технології.", ("MILITARY_COOPERATION", "China", "Pakistan")),
    ("Туреччина та Катар створили спільний військовий штаб.", ("MILITARY_COOPERATION", "Turkey", "Qatar")),
    # SANCTION
    ("США наклали санкції на російські банки.", ("SANCTION", "United States", "Russia")),
    ("Туреччина потрапила під санкції США.", ("SANCTION", "United States", "Turkey")),
    ("ЄС запровадив ембарго на російську нафту.", ("SANCTION", "European Union", "Russia")),
    ("США запровадили мита на китайські товари.", ("SANCTION", "United States", "China")),
    ("Швейцарія заблокувала рахунки російських бізнесменів.", ("SANCTION", "Switzerland", "Russia")),
    ("США обмежили експорт мікрочипів до Китаю.", ("SANCTION", "United States", "China")),
    # MEET
    ("Ердоган провів перемовини з Путіним.", ("MEET", "Recep Tayyip Erdogan", "Vladimir Putin")),
    ("Путін провів саміт із Трампом на Алясці.", ("MEET", "Vladimir Putin", "Donald Trump")),
    ("Макрон побачився з Сі Цзіньпіном.", ("MEET", "Emmanuel Macron", "Xi Jinping")),
    # SUPPORT voiced for a dative (not the noun's genitive owner), aid sent; congratulations and condolences
    ("Китай висловив підтримку Росії.", ("SUPPORT", "China", "Russia")),
    ("Китай надіслав Росії гуманітарну допомогу.", ("SUPPORT", "China", "Russia")),
    ("Сі Цзіньпін привітав Путіна з перемогою на виборах.", ("COMMUNICATE", "Xi Jinping", "Vladimir Putin")),
    ("Китай висловив співчуття Туреччині.", ("COMMUNICATE", "China", "Turkey")),
    ("Ердоган перебуває з візитом у Москві.", ("VISIT", "Recep Tayyip Erdogan", "Moscow")),
])
def test_wider_ukrainian_vocabulary_of_each_type(text, expected):
    assert expected in _triples(text)


@pytest.mark.parametrize("text, expected, absent", [
    # an arms embargo is no arms delivery, an import ban no trade
    ("Австралія запровадила ембарго на постачання зброї до М'янми.", ("SANCTION", "Australia", "Myanmar"), "ARMS_TRANSFER"),
    ("США заборонили імпорт російської нафти.", ("SANCTION", "United States", "Russia"), "ECONOMIC_COOPERATION"),
    # a mutual defence pledge is no fight; blocked aid is no support; a denounced deal is no agreement
    ("Росія та КНДР підписали договір про взаємну допомогу в разі нападу.",
     ("MILITARY_COOPERATION", "Russia", "North Korea"), "FIGHT"),
    ("Угорщина заблокувала допомогу Україні.", ("OPPOSE", "Hungary", "Ukraine"), "SUPPORT"),
    ("Нігер денонсував угоду з США про військову співпрацю.", ("OPPOSE", "Niger", "United States"), "AGREE"),
    # a drill with no partner and a state leaving a body are no cooperation and no withdrawal of troops
    ("Китай провів навчання біля Тайваню. Буркіна-Фасо вийшла з ЕКОВАС.", None, "MILITARY_COOPERATION"),
    ("Буркіна-Фасо вийшла з ЕКОВАС.", None, "DEPLOY"),
    # sanctions someone merely faces name no sanctioning state
    ("Попри західні санкції, Індія купує російську нафту.", ("ECONOMIC_COOPERATION", "Russia", "India"), "SANCTION"),
])
def test_phrases_that_hide_a_wrong_reading(text, expected, absent):
    triples = _triples(text)
    assert expected is None or expected in triples
    assert absent not in {t for t, _, _ in triples}


def test_a_war_being_waged_is_asserted_not_planned():
    """"війну" also reads as a future verb (війнути): the phrase with its verb keeps the war asserted."""
    assert ("FIGHT", "Russia", "Ukraine", "asserted") in [e[:4] for e in _events("Росія веде війну проти України.")]


def test_troops_pulling_back_end_their_deployment():
    events = _events("Ізраїльські війська відійдуть з півдня Лівану.")
    assert [(t, s, o, a.get("status")) for t, s, o, _, a in events if t == "DEPLOY"] == \
        [("DEPLOY", "Israel", "Southern Lebanon", "ended")]


def test_talking_to_journalists_is_no_meeting():
    assert _events("Зеленський поспілкувався з журналістами.") == []


def test_weapons_received_from_a_country_come_from_it():
    assert ("ARMS_TRANSFER", "Iran", "Houthis") in {e[:3] for e in _events("Хусити отримують зброю з Ірану.")}
