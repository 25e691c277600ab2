"""The English event vocabulary (schema/lexicons/en.yaml): one or two sentences per event type, written for these
tests, each with the (type, subject, object) a reader of the sentence expects."""
import pytest

from sphere.extract.document import extract_article
from sphere.records import Article


def _extract(text, published="2024-03-15"):
    extraction = extract_article(Article("t.txt", text, "t.txt", published=published))
    name = {k: e.name for k, e in extraction.entities.items()}
    return [(e, name.get(e.subject), name.get(e.object), name.get(e.object2)) for e in extraction.events]


def _events(text):
    """(type, subject, object) of every event in the text."""
    return {(e.type, subject, obj) for e, subject, obj, _ in _extract(text)}


def _event(text, event_type):
    """The one event of that type in the text, with its names."""
    found = [row for row in _extract(text) if row[0].type == event_type]
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize("text, expected", [
    # MEET
    ("Turkish Foreign Minister Hakan Fidan held talks with Sergei Lavrov in Ankara.",
     ("MEET", "Hakan Fidan", "Sergey Lavrov")),
    ("Iran held a meeting with Saudi Arabia in Baghdad.", ("MEET", "Iran", "Saudi Arabia")),
    ("Xi Jinping received Vladimir Putin in Beijing.", ("MEET", "Xi Jinping", "Vladimir Putin")),
    # VISIT
    ("Indian Prime Minister Narendra Modi made a two-day trip to Austria.", ("VISIT", "Narendra Modi", "Austria")),
    ("Russia sent a delegation to Turkey.", ("VISIT", "Russia", "Turkey")),
    # INVITE
    ("Vladimir Putin invited Kim Jong Un to Moscow.", ("INVITE", "Vladimir Putin", "Kim Jong Un")),
    ("Fidel Castro visited Moscow at the invitation of Leonid Brezhnev.", ("INVITE", "Leonid Brezhnev", "Fidel Castro")),
    # COMMUNICATE
    ("Vladimir Putin held a phone call with Xi Jinping.", ("COMMUNICATE", "Vladimir Putin", "Xi Jinping")),
    ("The United States called on Russia to withdraw its troops.", ("COMMUNICATE", "United States", "Russia")),
    ("Ukraine received a letter from Germany.", ("COMMUNICATE", "Germany", "Ukraine")),
    # SUPPORT
    ("The European Union stands with Moldova.", ("SUPPORT", "European Union", "Moldova")),
    ("Khalifa Haftar is a close ally of Russia.", ("SUPPORT", "Russia", "Khalifa Haftar")),
    ("Ukraine received military support from Germany.", ("SUPPORT", "Germany", "Ukraine")),
    # OPPOSE
    ("Germany denounced Belarus over the migrant crisis.", ("OPPOSE", "Germany", "Belarus")),
    ("Bolivia expelled the Israeli ambassador.", ("OPPOSE", "Bolivia", "Israel")),
    ("Poland summoned the Russian ambassador.", ("OPPOSE", "Poland", "Russia")),
    # ACCUSE
    ("The Houthis accused Saudi Arabia of blocking aid.", ("ACCUSE", "Houthis", "Saudi Arabia")),
    ("Turkey filed a case against Greece at the court.", ("ACCUSE", "Turkey", "Greece")),
    # MILITARY_COOPERATION
    ("Russia held joint exercises with Belarus.", ("MILITARY_COOPERATION", "Russia", "Belarus")),
    # ARMS_TRANSFER: the giver is the subject, also after a verb of getting
    ("Iran delivered drones to Russia.", ("ARMS_TRANSFER", "Iran", "Russia")),
    ("Russia received Iranian missiles.", ("ARMS_TRANSFER", "Iran", "Russia")),
    ("Israel is the main arms supplier of Azerbaijan.", ("ARMS_TRANSFER", "Israel", "Azerbaijan")),
    # ECONOMIC_COOPERATION: the lender is the subject
    ("Kenya borrowed $5 billion from China.", ("ECONOMIC_COOPERATION", "China", "Kenya")),
    ("Russia is the biggest supplier of crude oil to India.", ("ECONOMIC_COOPERATION", "Russia", "India")),
    # DEPLOY
    ("Rwanda deployed troops to Mozambique.", ("DEPLOY", "Rwanda", "Mozambique")),
    ("Russia's military presence in Syria angered Turkey.", ("DEPLOY", "Russia", "Syria")),
    # MILITARY_BASE
    ("China built a military base in Djibouti.", ("MILITARY_BASE", "China", "Djibouti")),
    ("Sudan leased a naval base to Russia.", ("MILITARY_BASE", "Russia", "Sudan")),
    # AGREE: a truce between two sides is their agreement, whoever announces it
    ("Qatar announced a truce between Israel and Hamas.", ("AGREE", "Israel", "Hamas")),
    # REFUSE: no object
    ("Serbia refused to join the sanctions.", ("REFUSE", "Serbia", None)),
    # SANCTION
    ("Washington imposed tariffs on China.", ("SANCTION", "United States", "China")),
    ("The European Union imposed sanctions on Belarus.", ("SANCTION", "European Union", "Belarus")),
    # ASYLUM: the host country is the subject
    ("Bashar al-Assad took refuge in Russia.", ("ASYLUM", "Russia", "Bashar al-Assad")),
    # FIGHT
    ("Russia launched air strikes on Idlib.", ("FIGHT", "Russia", "Idlib")),
    ("Russia's invasion of Ukraine began in 2022.", ("FIGHT", "Russia", "Ukraine")),
    ("Ukraine launched an incursion into Russia.", ("FIGHT", "Ukraine", "Russia")),
    # AFFILIATION
    ("Ahmed al-Sharaa founded Hayat Tahrir al-Sham.", ("AFFILIATION", "Ahmed al-Sharaa", "Hayat Tahrir al-Sham")),
])
def test_english_event_vocabulary(text, expected):
    assert expected in _events(text)


def test_mediation_names_both_sides_in_text_order_and_an_offer_is_planned():
    event, subject, obj, obj2 = _event("Turkey offered to mediate between Russia and Ukraine.", "MEDIATE")
    assert (subject, obj, obj2, event.modality) == ("Turkey", "Russia", "Ukraine", "planned")


def test_withdrawal_is_a_deployment_that_ended():
    event, subject, obj, _ = _event("The withdrawal of French troops from Mali was completed.", "DEPLOY")
    assert (subject, obj, event.attrs.get("status")) == ("France", "Mali", "ended")


def test_a_request_is_communicate_with_its_mode():
    event, subject, obj, _ = _event("Narendra Modi pressed Vladimir Putin to release the prisoners.", "COMMUNICATE")
    assert (subject, obj, event.attrs.get("mode")) == ("Narendra Modi", "Vladimir Putin", "request")


def test_switching_recognition_supports_the_side_it_goes_to():
    events = _events("The Solomon Islands switched recognition from Taiwan to China.")
    assert ("SUPPORT", "Solomon Islands", "China") in events
    assert ("SUPPORT", "Solomon Islands", "Taiwan") not in events


@pytest.mark.parametrize("text, absent", [
    # "according to" shares its lemma with "accord": no agreement
    ("According to officials, Russia delivered drones to Iran.", "AGREE"),
    # talks hosted between two sides are mediation, not a meeting of the host
    ("Qatar hosted talks between Iran and Saudi Arabia in Doha.", "MEET"),
    # troops sent are a deployment, weapons sent a transfer: "send weapons" hides "send"
    ("Iran sent drones to Russia.", "DEPLOY"),
    # support received is support, not a meeting of the receiver with the giver
    ("Ukraine received Germany's support.", "MEET"),
    # an agreement terminated is opposition to the partner, not an agreement
    ("Niger terminated its military agreement with the United States.", "AGREE"),
])
def test_generic_words_do_not_fire_the_wrong_type(text, absent):
    assert not any(event_type == absent for event_type, _, _ in _events(text))


@pytest.mark.parametrize("text, expected", [
    # MILITARY_BASE: a verb of holding a base takes its subject, the place may follow "at" or "near"
    ("Russia keeps a naval base at Tartus.", ("MILITARY_BASE", "Russia", "Tartus naval base")),
    ("China operates a military base near Obock.", ("MILITARY_BASE", "China", "Obock")),
    ("Djibouti hosts a Chinese naval base.", ("MILITARY_BASE", "China", "Djibouti")),
    # ASYLUM: asylum granted to someone
    ("Belarus granted asylum to Yevgeny Prigozhin.", ("ASYLUM", "Belarus", "Yevgeny Prigozhin")),
    # ECONOMIC_COOPERATION: a debt owed names the creditor as the indirect object
    ("Venezuela owes China billions of dollars.", ("ECONOMIC_COOPERATION", "China", "Venezuela")),
    # SANCTION: the imposer as a compound before the noun
    ("EU sanctions on Russia remain in force.", ("SANCTION", "European Union", "Russia")),
    # OPPOSE: disappointment with someone
    ("Australia said it was disappointed with Solomon Islands.", ("OPPOSE", "Australia", "Solomon Islands")),
    # FIGHT: a two-word strike noun keeps the demonym before it
    ("Russian air strikes on Ukraine killed ten people.", ("FIGHT", "Russia", "Ukraine")),
    ("Turkey launched drone strikes on the PKK.", ("FIGHT", "Turkey", "PKK")),
    # OPPOSE: ties suspended or downgraded, a mandate or accord revoked, troops ordered out
    ("Poland suspended diplomatic relations with Belarus.", ("OPPOSE", "Poland", "Belarus")),
    ("Turkey downgraded ties with Israel.", ("OPPOSE", "Turkey", "Israel")),
    ("Venezuela revoked Brazil's authorisation to represent Argentina.", ("OPPOSE", "Venezuela", "Brazil")),
    ("Niger revoked a military accord with the United States.", ("OPPOSE", "Niger", "United States")),
    ("Mali ordered French troops out of the country.", ("OPPOSE", "Mali", "France")),
    ("Niger terminated its military agreement with the United States.", ("OPPOSE", "Niger", "United States")),
    ("Mali ended its defence accord with France.", ("OPPOSE", "Mali", "France")),
    # ECONOMIC_COOPERATION: the lender as a demonym before the loan, a loan taken from a lender
    ("A Russian loan to Belarus was approved.", ("ECONOMIC_COOPERATION", "Russia", "Belarus")),
    ("Chinese investment in Serbia grew fast.", ("ECONOMIC_COOPERATION", "China", "Serbia")),
    ("Kenya took a large loan from China.", ("ECONOMIC_COOPERATION", "China", "Kenya")),
    # FIGHT: the attacker as a demonym right before the attack noun
    ("A Russian attack on Ukraine killed ten people.", ("FIGHT", "Russia", "Ukraine")),
    ("The Israeli offensive against Hamas continued.", ("FIGHT", "Israel", "Hamas")),
    ("Russian missile attacks on Ukraine intensified.", ("FIGHT", "Russia", "Ukraine")),
    ("Saudi Arabia waged war on the Houthis.", ("FIGHT", "Saudi Arabia", "Houthis")),
    # OPPOSE: verbs of censure, a protest lodged with someone
    ("Brazil decried Israel over the strikes.", ("OPPOSE", "Brazil", "Israel")),
    ("Georgia protested to Russia over the border fence.", ("OPPOSE", "Georgia", "Russia")),
    # INVITE: an invitation extended to someone
    ("Xi Jinping extended an invitation to Vladimir Putin.", ("INVITE", "Xi Jinping", "Vladimir Putin")),
    # SANCTION: export controls and frozen assets
    ("The United States tightened export controls on China.", ("SANCTION", "United States", "China")),
    ("Japan froze the assets of Rosneft.", ("SANCTION", "Japan", "Rosneft")),
    # ARMS_TRANSFER: weapons smuggled to someone
    ("Iran smuggled missiles to the Houthis.", ("ARMS_TRANSFER", "Iran", "Houthis")),
])
def test_second_pass_vocabulary(text, expected):
    assert expected in _events(text)


def test_landing_at_an_air_base_owns_no_base():
    events = _events("Juan Guaido landed at a military air base near Madrid on Sunday.")
    assert not any(event_type == "MILITARY_BASE" for event_type, _, _ in events)


@pytest.mark.parametrize("text, expected", [
    # FIGHT: weapons fired or launched at a target, open fire, pounding, storming, retaliation, blockades
    ("The Houthis fired missiles at Israel.", ("FIGHT", "Houthis", "Israel")),
    ("Hamas launched rockets at Israel.", ("FIGHT", "Hamas", "Israel")),
    ("The Israeli military pounded Gaza.", ("FIGHT", "Israel", "Gaza Strip")),
    ("Russian forces stormed Avdiivka.", ("FIGHT", "Russia", "Avdiivka")),
    ("Iran retaliated against Israel in April.", ("FIGHT", "Iran", "Israel")),
    ("Russia hit Ukraine with a barrage of missiles.", ("FIGHT", "Russia", "Ukraine")),
    ("Ukraine shot down Russian drones.", ("FIGHT", "Ukraine", "Russia")),
    ("The Israeli blockade of Gaza continued.", ("FIGHT", "Israel", "Gaza Strip")),
    ("Russia's occupation of Crimea began in 2014.", ("FIGHT", "Russia", "Crimea")),
    ("Hostilities between Israel and Hezbollah escalated.", ("FIGHT", "Israel", "Hezbollah")),
    ("Azerbaijan launched a military operation against Armenian forces in Karabakh.", ("FIGHT", "Azerbaijan", "Armenia")),
    ("The Russian army advanced on Pokrovsk.", ("FIGHT", "Russia", "Pokrovsk")),
    # DEPLOY: troops kept abroad, massed, entering a country; peacekeeping missions; warships calling at a port
    ("Russia keeps about 1,500 soldiers in Transnistria.", ("DEPLOY", "Russia", "Transnistria")),
    ("Russia's troop buildup near Ukraine alarmed NATO.", ("DEPLOY", "Russia", "Ukraine")),
    ("The United States is building up its naval forces near Venezuela.", ("DEPLOY", "United States", "Venezuela")),
    ("Australia led a peacekeeping mission in the Solomon Islands.", ("DEPLOY", "Australia", "Solomon Islands")),
    ("Russian troops crossed into Ukraine.", ("DEPLOY", "Russia", "Ukraine")),
    ("Chinese warships made a port call in Cambodia.", ("DEPLOY", "China", "Cambodia")),
    # MILITARY_BASE: the plural and "airbase" with the verbs of holding a base
    ("Russia has an airbase in Syria.", ("MILITARY_BASE", "Russia", "Syria")),
    ("The United States operates several bases in Japan.", ("MILITARY_BASE", "United States", "Japan")),
    # ECONOMIC_COOPERATION: crude and coal traded, lenders and creditors, debts repaid, bailouts, economic aid
    ("Russia sells discounted crude to India.", ("ECONOMIC_COOPERATION", "Russia", "India")),
    ("India imports Russian coal.", ("ECONOMIC_COOPERATION", "Russia", "India")),
    ("China is Venezuela's largest creditor.", ("ECONOMIC_COOPERATION", "China", "Venezuela")),
    ("Russia is India's largest trading partner.", ("ECONOMIC_COOPERATION", "Russia", "India")),
    ("Angola is the largest recipient of Chinese loans.", ("ECONOMIC_COOPERATION", "China", "Angola")),
    ("Kenya repaid its debt to China.", ("ECONOMIC_COOPERATION", "China", "Kenya")),
    ("The IMF approved a $3 billion bailout for Egypt.", ("ECONOMIC_COOPERATION", "International Monetary Fund", "Egypt")),
    ("Saudi Arabia provided economic aid to Egypt.", ("ECONOMIC_COOPERATION", "Saudi Arabia", "Egypt")),
    # OPPOSE: verbal attacks, displeasure, an accord cancelled
    ("The European Union spoke out against Hungary.", ("OPPOSE", "European Union", "Hungary")),
    ("Russia lashed out at NATO over its expansion.", ("OPPOSE", "Russia", "NATO")),
    ("Beijing expressed strong dissatisfaction with Tokyo.", ("OPPOSE", "China", "Japan")),
    ("Niger cancelled its military agreement with the United States.", ("OPPOSE", "Niger", "United States")),
    # SANCTION: sanctions hit with, trade bans, a demonym target, a sanctions list
    ("Washington hit Moscow with new sanctions.", ("SANCTION", "United States", "Russia")),
    ("The EU banned imports of Russian steel.", ("SANCTION", "European Union", "Russia")),
    ("The United States restricted chip exports to China.", ("SANCTION", "United States", "China")),
    ("The United States raised tariffs on Chinese steel.", ("SANCTION", "United States", "China")),
    ("The United States added Huawei to its blacklist.", ("SANCTION", "United States", "Huawei")),
    # ARMS_TRANSFER: more weapon nouns and verbs of giving, arms sales, recipients of arms, military aid
    ("Russia handed over MiG-29 jets to Serbia.", ("ARMS_TRANSFER", "Russia", "Serbia")),
    ("The Netherlands donated F-16 jets to Ukraine.", ("ARMS_TRANSFER", "Netherlands", "Ukraine")),
    ("Germany will deliver submarines to Israel.", ("ARMS_TRANSFER", "Germany", "Israel")),
    ("The State Department approved a $1 billion arms sale to Taiwan.",
     ("ARMS_TRANSFER", "United States Department of State", "Taiwan")),
    ("Vietnam is the largest recipient of Russian arms.", ("ARMS_TRANSFER", "Russia", "Vietnam")),
    ("The United States provided military aid to Ukraine.", ("ARMS_TRANSFER", "United States", "Ukraine")),
    # MILITARY_COOPERATION: defence treaties, joint forces, training provided
    ("Russia and Belarus formed a joint military force.", ("MILITARY_COOPERATION", "Russia", "Belarus")),
    ("Turkey provides training to Somali soldiers.", ("MILITARY_COOPERATION", "Turkey", "Somalia")),
    # MEET, COMMUNICATE, ACCUSE, ASYLUM
    ("Antony Blinken sat down with Wang Yi in Munich.", ("MEET", "Antony Blinken", "Wang Yi")),
    ("Vladimir Putin sent a telegram to Kim Jong Un.", ("COMMUNICATE", "Vladimir Putin", "Kim Jong Un")),
    ("Iran charged Israel with the attack.", ("ACCUSE", "Iran", "Israel")),
    ("India gave shelter to Sheikh Hasina.", ("ASYLUM", "India", "Sheikh Hasina")),
])
def test_third_pass_vocabulary(text, expected):
    assert expected in _events(text)


@pytest.mark.parametrize("text, status", [
    ("The United States pulled its troops out of Niger.", "ended"),
    ("France pulled out of Mali in 2022.", "ended"),
    ("Turkish troops entered northern Syria.", None),
])
def test_troops_pulled_out_ended_their_deployment(text, status):
    event, _, _, _ = _event(text, "DEPLOY")
    assert event.attrs.get("status") == status


def test_a_base_sought_does_not_exist_yet():
    event, subject, obj, _ = _event("China is seeking a military base in Gabon.", "MILITARY_BASE")
    assert (subject, obj, event.attrs.get("status")) == ("China", "Gabon", "planned")


@pytest.mark.parametrize("text, absent", [
    # a phone call held is a call, not a meeting
    ("Vladimir Putin held a phone call with Xi Jinping.", "MEET"),
    # "has sent troops": the auxiliary "has" makes no presence that hides the verb of sending
    ("North Korea has sent troops to Russia.", "ARMS_TRANSFER"),
    # an oil supplier is no arms supplier
    ("Russia became India's biggest oil supplier.", "ARMS_TRANSFER"),
    # a person entering a hall, a storm of criticism, basis: no event
    ("Vladimir Putin entered the hall.", "DEPLOY"),
    ("A storm of criticism followed the decision.", "FIGHT"),
    ("The talks were held on the basis of mutual respect.", "MILITARY_BASE"),
    # pulling out of talks is no withdrawal of troops
    ("Hungary pulled out of the talks.", "DEPLOY"),
])
def test_new_words_do_not_fire_the_wrong_type(text, absent):
    assert not any(event_type == absent for event_type, _, _ in _events(text))


def test_troops_sent_with_an_auxiliary_are_still_deployed():
    assert ("DEPLOY", "North Korea", "Russia") in _events("North Korea has sent troops to Russia.")


@pytest.mark.parametrize("text, expected", [
    ("Japan froze Russia's assets.", ("SANCTION", "Japan", "Russia")),
    ("Canada froze Iran's assets in the country.", ("SANCTION", "Canada", "Iran")),
])
def test_the_possessor_of_a_trigger_word_after_the_verb_fills_its_role(text, expected):
    assert expected in _events(text)


def test_a_participle_modifying_a_noun_takes_that_noun_as_its_subject():
    """The resolution condemns Russia, not India; troops deployed in Mali are Russia's deployment there."""
    assert not any(t == "OPPOSE" for t, *_ in _events("India abstained on the resolution condemning Russia."))
    assert ("DEPLOY", "Russia", "Mali") in _events("Russian troops deployed in Mali have left.")


def test_an_infinitive_after_a_noun_that_names_someone_is_theirs():
    """"Egypt's decision to buy Russian jets" is Egypt's purchase; "a contract to buy" stays the signer's."""
    assert ("ARMS_TRANSFER", "Russia", "Egypt") in _events("Critics pointed to Egypt's decision to buy Russian jets.")
