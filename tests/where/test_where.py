"""Place mentions in parsed sentences, and the choice of an event's place."""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Doc, Token

from eventcoder.nlp import load_nlp
from eventcoder.where import dateline_place, find_place_mentions, resolve_event_place

SEED = (
    "Secretary of State Antony Blinken will meet with Russian Foreign Minister Sergey Lavrov in Geneva on "
    "Friday, marking a significant, high-level diplomatic engagement as the U.S. seeks to pull back Russia "
    "from the brink of a potential invasion of Ukraine."
)


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_nlp()


def _tok(doc: Doc, word: str) -> Token:
    return next(t for t in doc if t.text == word)


@pytest.mark.parametrize(
    ("text", "mentions"),
    [
        (SEED, ["Geneva", "U.S.", "Russia", "Ukraine"]),
        ("Rebels attacked a village in the eastern Congolese province of North Kivu.", ["North Kivu"]),
        ("Police said the attack in Nice killed 84 people.", ["Nice"]),
        ("Nice weather greeted the delegates.", []),
        ("Defense Secretary Lloyd Austin arrived.", []),
        ("The New York Times reported the strike.", []),
        ("Clashes erupted in Paris, Texas, on Sunday.", ["Paris", "Texas"]),
        ("Gunmen opened fire near the Iraqi town of Sinjar.", ["Sinjar"]),
        ("the police in kyiv said", []),
    ],
)
def test_find_place_mentions(nlp: Language, text: str, mentions: list[str]) -> None:
    doc = nlp(text)
    found = [m.text for s in doc.sents for m in find_place_mentions(s)]
    assert found == mentions


@pytest.mark.parametrize(
    ("text", "trigger", "destinations", "place", "country"),
    [
        (SEED, "meet", [], "Geneva", "CHE"),
        ("Gunmen opened fire near the Iraqi town of Sinjar on Monday.", "opened", [], "Sinjar", "IRQ"),
        ("Protesters gathered outside the embassy in Nairobi.", "gathered", [], "Nairobi", "KEN"),
        (
            "Rebels attacked a village in the eastern Congolese province of North Kivu.",
            "attacked",
            [],
            "North Kivu",
            "COD",
        ),
        ("Blinken will travel to Kyiv on Wednesday.", "travel", ["Kyiv"], "Kyiv", "UKR"),
        (
            "Moscow could stage an attack on its own proxy forces in Ukraine's east.",
            "attack",
            [],
            "Ukraine",
            "UKR",
        ),
        ("Police in Nairobi arrested 12 people.", "arrested", [], "Nairobi", "KEN"),
        ("Fighting broke out on the outskirts of Kyiv.", "broke", [], "Kyiv", "UKR"),
        ("A bomb exploded 20 km south of Baghdad.", "exploded", [], "Baghdad", "IRQ"),
        ("Clashes erupted in Paris, Texas, on Sunday.", "erupted", [], "Paris", "USA"),
        (
            "Israeli soldiers killed two Palestinians in the West Bank city of Nablus.",
            "killed",
            [],
            "Nablus",
            "PSE",
        ),
        ("Airstrikes killed 12 civilians in Idlib province, Syria.", "killed", [], "Idlib", "SYR"),
        ("The Geneva talks ended without agreement.", "talks", [], "Geneva", "CHE"),
        ("He met Putin in Moscow after visiting Beijing.", "met", [], "Moscow", "RUS"),
        ("In Geneva, officials said the talks would resume.", "resume", [], "Geneva", "CHE"),
        ("Police said the attack in Nice killed 84 people.", "killed", [], "Nice", "FRA"),
        ("Protesters rallied in Kiev against the government.", "rallied", [], "Kiev", "UKR"),
        ("Farmers protested in the Indian state of Punjab.", "protested", [], "Punjab", "IND"),
        ("A bomb exploded in Bali on Saturday.", "exploded", [], "Bali", "IDN"),
        ("Police arrested 12 people in Sindh province.", "arrested", [], "Sindh", "PAK"),
        ("Fighting resumed in the Darfur region.", "resumed", [], "Darfur", "SDN"),
        ("Gunmen killed 20 villagers in Zamfara State.", "killed", [], "Zamfara State", "NGA"),
        ("Troops were deployed in Kano on Friday.", "deployed", [], "Kano", "NGA"),
        # a destination's place: the kind of place's object, or its modifier
        ("Police patrolled the streets of central Nairobi.", "patrolled", ["streets"], "Nairobi", "KEN"),
        ("Soldiers raided the Nairobi headquarters of a charity.", "raided", ["headquarters"], "Nairobi",
         "KEN"),
        # a locative on a verb coordinated with the trigger, sharing its subject
        ("Gunmen shot and killed two guards in southern Kenya.", "shot", [], "Kenya", "KEN"),
        # a locative on the agent of a passive trigger
        ("The journalist was seized by security agents in Nairobi.", "seized", [], "Nairobi", "KEN"),
        # a distance names a point of reference, not the place
        ("Troops killed 12 rebels near the town of Garissa, 200 kilometres east of Nairobi.", "killed", [],
         "Garissa", "KEN"),
    ],
)  # fmt: skip
def test_resolve_event_place(
    nlp: Language, text: str, trigger: str, destinations: list[str], place: str, country: str
) -> None:
    doc = nlp(text)
    p = resolve_event_place(_tok(doc, trigger), destinations=[_tok(doc, w) for w in destinations])
    assert p is not None
    assert text[p.start : p.end] == place
    assert p.country == country
    assert p.lat is not None and p.lon is not None


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("Russian troops shelled the city.", "shelled"),
        ("Ukraine's army attacked Russian positions.", "attacked"),
        (
            "Officials in Washington said Russia attacked Kyiv.",
            "attacked",
        ),  # "in Washington" belongs to "said"
        ("He met Putin in Moscow after visiting Beijing.", "visiting"),
        ("The U.S. condemned the capture of Bakhmut.", "condemned"),
        ("Two fighters were killed in a US drone strike.", "killed"),
        ("Blinken spoke with Lavrov about Ukraine.", "spoke"),
    ],
)
def test_no_event_place(nlp: Language, text: str, trigger: str) -> None:
    doc = nlp(text)
    assert resolve_event_place(_tok(doc, trigger)) is None


def test_exclude_actor_spans(nlp: Language) -> None:
    doc = nlp("Ukraine's army attacked positions in Russia.")
    trigger = _tok(doc, "attacked")
    russia = next(m for m in find_place_mentions(doc[:]) if m.text == "Russia")
    assert resolve_event_place(trigger) is not None
    assert resolve_event_place(trigger, exclude=[russia]) is None
    destination = resolve_event_place(trigger, destinations=[_tok(doc, "Russia")], exclude=[russia])
    assert destination is not None and destination.country == "RUS"


def test_locative_attached_to_related_object(nlp: Language) -> None:
    """The parser may attach "in Geneva" to the object; the caller passes it as related."""
    doc = nlp(SEED)
    lavrov = _tok(doc, "Lavrov")
    exclude = [doc[lavrov.i - 1 : lavrov.i + 1]]
    p = resolve_event_place(_tok(doc, "meet"), related=[lavrov], exclude=exclude)
    assert p is not None and (p.name, p.country, p.precision) == ("Geneva", "CHE", "city")
    assert SEED[p.start : p.end] == "Geneva"


@pytest.mark.parametrize(
    ("text", "trigger", "context", "country"),
    [
        ("Protesters marched in Paris on Saturday.", "marched", None, "FRA"),
        ("Protesters marched in Paris on Saturday.", "marched", "USA", "FRA"),  # weak hint: 10x smaller
        ("US officials met in Moscow on Monday.", "met", "USA", "RUS"),
        ("Protesters marched in Georgia on Saturday.", "marched", None, "GEO"),
        ("Protesters marched in Georgia on Saturday.", "marched", "USA", "USA"),
        ("Clashes erupted in Tripoli overnight.", "erupted", None, "LBY"),
        ("Clashes erupted in Tripoli overnight.", "erupted", "LBN", "LBN"),
        ("Farmers protested in Punjab on Monday.", "protested", None, "PAK"),  # Punjab: a region in both
        ("Farmers protested in Punjab on Monday.", "protested", "IND", "IND"),
        ("Militants attacked a checkpoint in Kashmir.", "attacked", None, "IND"),
        ("Militants attacked a checkpoint in Kashmir.", "attacked", "PAK", "IND"),
    ],
)
def test_country_context(nlp: Language, text: str, trigger: str, context: str | None, country: str) -> None:
    p = resolve_event_place(_tok(nlp(text), trigger), country_context=context)
    assert p is not None and p.country == country


def test_place_offsets_point_into_article(nlp: Language) -> None:
    text = "Earlier.  Talks were held in North Kivu yesterday."
    doc = nlp(text)
    p = resolve_event_place(_tok(doc, "held"))
    assert p is not None and text[p.start : p.end] == "North Kivu" and p.precision == "admin"


@pytest.mark.parametrize(
    ("text", "name", "country", "span"),
    [
        ("NAIROBI, Kenya - Police said on Monday", "Nairobi", "KEN", "NAIROBI"),
        ("BEIRUT (Reuters) - Israeli jets struck", "Beirut", "LBN", "BEIRUT"),
        ("KYIV, Ukraine, Jan 19 (AP) — Russian forces", "Kyiv", "UKR", "KYIV"),
        ("PARIS, Texas (AP) — A storm", "Paris", "USA", "PARIS"),
        ("Kyiv (Reuters) - The mayor said", "Kyiv", "UKR", "Kyiv"),
        ("WASHINGTON — The State Department said", "Washington", "USA", "WASHINGTON"),
    ],
)
def test_dateline(text: str, name: str, country: str, span: str) -> None:
    found = dateline_place(text)
    assert found is not None
    hit, start, end = found
    assert (hit.name, hit.country, text[start:end]) == (name, country, span)


@pytest.mark.parametrize(
    "text",
    [
        "Blinken will meet Lavrov.",
        "THE END - nothing",
        "Kyiv - no agency, not upper case",
        "NOWHEREVILLE - text",
    ],
)
def test_no_dateline(text: str) -> None:
    assert dateline_place(text) is None


def test_an_attacked_place_is_the_event_place(coder) -> None:
    (records,) = coder.code_texts(["Russian troops shelled Kharkiv on Monday."], published="2022-01-18")
    assert records[0]["place"]["name"] == "Kharkiv"


def test_a_fronted_locative_places_a_later_event(coder) -> None:
    text = "On Tuesday in Kabul, Taliban fighters killed 12 soldiers when they attacked a checkpoint."
    (records,) = coder.code_texts([text], published="2022-01-18")
    attack = next(r for r in records if r["trigger"]["text"].startswith("attacked"))
    assert attack["place"]["name"] == "Kabul"


def test_the_dateline_places_events_of_its_country_only(coder) -> None:
    text = (
        "NAIROBI, Kenya - Kenyan police arrested dozens of opposition supporters. Russia criticized Ukraine."
    )
    (records,) = coder.code_texts([text], published="2022-01-18")
    by_code = {r["source"]["code"]: r for r in records}
    place = by_code["KENCOP"]["place"]
    assert (place["name"], place["start"], place["end"]) == ("Nairobi", 0, 7)
    assert by_code["RUS"]["place"] is None  # an event elsewhere is not placed at the dateline


@pytest.mark.parametrize(
    ("text", "trigger", "place", "country"),
    [
        ("Militants stormed the village of Kafr Dalim on Sunday.", "stormed", "Kafr Dalim", None),
        ("Rebels captured the towns of Umm Sayal and Bir Tawil.", "captured", "Umm Sayal", None),
        ("A car bomb killed nine people in the Tell Haroun district of Idlib.", "killed", "Tell Haroun",
         "SYR"),
        ("A shell killed two people in the Tijara quarter of Damascus.", "killed", "Tijara", "SYR"),
        ("Troops killed three fighters in Orgun District of Paktika Province.", "killed", "Orgun District",
         "AFG"),
        ("Jets bombed the Red Sea island of Hanish Kabir.", "bombed", "Hanish Kabir", None),
        ("Troops near the settlement of Givat Ramon shot two men.", "shot", "Givat Ramon", None),
        ("Soldiers captured the Catholic church in Mwendaro.", "captured", "Mwendaro", None),
        ("Rebels shot down a plane at the Kilindo airstrip.", "shot", "Kilindo", None),
        # a name that ends in a kind of feature, or starts with one
        ("Marines patrolled near Mount Talamba on Monday.", "patrolled", "Mount Talamba", None),
        # a name alone after a locative on the event
        ("A soldier was killed by a roadside bomb in Dhulaiya on Monday.", "killed", "Dhulaiya", None),
        ("Soldiers shot and killed 22 people at Mwendaro camp.", "shot", "Mwendaro", None),
    ],
)  # fmt: skip
def test_places_the_gazetteer_lacks(nlp: Language, text: str, trigger: str, place: str, country: str) -> None:
    """A name the grammar marks as a place keeps its name and the country the sentence gives it, with no
    coordinates: not the gazetteer's namesake elsewhere (India's Tijara)."""
    doc = nlp(text)
    p = resolve_event_place(_tok(doc, trigger))
    assert p is not None
    assert (text[p.start : p.end], p.country) == (place, country)
    assert (p.lat, p.lon, p.geonameid, p.precision) == (None, None, None, "locality")


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("Fighters of the Islamic State of Iraq attacked a convoy.", "attacked"),
        ("Gunmen attacked a Druze village at night.", "attacked"),
        ("Gunmen attacked the Kurdish town overnight.", "attacked"),
        ("Hamas fighters attacked an Israeli town.", "attacked"),
        # a kind of place without a name
        ("Rebels shelled the International Airport on Friday.", "shelled"),
        ("Troops stormed the Industrial District at dawn.", "stormed"),
        # a time, an institution, a language, an acronym, or where someone works
        ("Rebels attacked the convoy in January.", "attacked"),
        ("The bill was attacked in Congress.", "attacked"),
        ("He attacked the decision in Arabic.", "attacked"),
        ("Youths were killed in CRPF firing.", "killed"),
        ("An editor at Sound and Picture criticised the raid.", "criticised"),
        ("Troops stormed the Assad camp at dawn.", "stormed"),  # a person's, not a place's name
    ],
)
def test_no_place_from_names_of_groups(nlp: Language, text: str, trigger: str) -> None:
    doc = nlp(text)
    assert resolve_event_place(_tok(doc, trigger)) is None


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("The Taliban captured Kabul in 1996.", "Kabul"),  # the place a pattern names as its object
        ("The army has been patrolling the streets of the capital, Nairobi.", "Nairobi"),  # a part of it
        # a place the gazetteer lacks, named by a kind of feature
        ("Rebels attacked the Tabqa Dam on Friday.", "Tabqa Dam"),
        ("Militants shelled the Jazal Mountains overnight.", "Jazal Mountains"),
        ("Fighters stormed the Deir Hafer Airport near Aleppo.", "Deir Hafer Airport"),
    ],
)
def test_the_place_an_event_acts_on(coder, text: str, place: str) -> None:
    (records,) = coder.code_texts([text], published="2022-01-18")
    assert records[0]["place"]["name"] == place


def test_an_organisation_is_no_place(nlp: Language) -> None:
    doc = nlp("Troops captured two Palestinians suspected of working with Hamas in the city.")
    assert [m.text for m in find_place_mentions(doc[:])] == []
