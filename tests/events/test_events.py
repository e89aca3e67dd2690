"""Event constructions (issue #5): codes, roles, status and attribution on real parses."""

from __future__ import annotations

import pytest


def _events(coder, text: str, published: str = "2022-01-18"):
    (records,) = coder.code_texts([text], published=published)
    return records


def _one(records, root: str | None = None):
    rs = [r for r in records if root is None or r["root"] == root]
    assert rs, records
    return rs[0]


@pytest.mark.parametrize(
    ("text", "root", "src", "tgt"),
    [
        ("Russian troops shelled the Ukrainian town of Avdiivka.", "19", "RUSMIL", "UKR"),
        ("Israel accused Iran of supplying weapons to Hezbollah.", "11", "ISR", "IRN"),
        ("The United States imposed sanctions on Russia.", "16", "USA", "RUS"),
        ("Turkish President Recep Tayyip Erdogan visited Athens.", "04", "TURGOV", "GRCGOV"),
        ("Germany urged Iran to return to the talks.", "02", "DEU", "IRN"),
        ("Police arrested opposition activists in Caracas.", "17", None, None),
        ("Ukraine was attacked by Russia.", "19", "RUS", "UKR"),
        ("Japan pledged aid to Turkey.", "03", "JPN", "TUR"),
    ],
)
def test_code_source_target(coder, text: str, root: str, src: str | None, tgt: str | None) -> None:
    records = _events(coder, text)
    if src is None:
        return
    r = _one(records, root)
    assert r["source"]["code"] == src
    assert r["target"]["code"].startswith(tgt)


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Russia will meet Ukraine in Minsk.", "intended"),
        ("Russia did not attack Ukraine.", "negated"),
        ("If Russia attacks Ukraine, NATO will respond.", "hypothetical"),
        ("Russia attacked Ukraine.", "occurred"),
    ],
)
def test_status(coder, text: str, status: str) -> None:
    records = [r for r in _events(coder, text) if r["source"]["country"] == "RUS"]
    assert records and records[0]["status"] == status


def test_conjoined_targets_give_one_record_each(coder) -> None:
    records = _events(coder, "Qatar held talks with Egypt, Jordan and Saudi Arabia.")
    targets = {r["target"]["country"] for r in records if r["target"] and r["root"] == "04"}
    assert {"EGY", "JOR", "SAU"} <= targets


def test_reported_speech_is_attributed_to_an_anonymous_official(coder) -> None:
    records = _events(coder, "Russia shelled the town of Avdiivka, a senior U.S. official said.")
    r = _one(records, "19")
    assert r["attribution"]["anonymous"] is True
    assert r["attribution"]["speaker"]["country"] == "USA"


def test_no_event_without_a_source_actor(coder) -> None:
    assert _events(coder, "The meeting was postponed because of the weather.") == []


@pytest.mark.parametrize(
    ("text", "code", "src", "tgt"),
    [
        # governing verbs recode or replace what they govern
        ("Pakistan has refused to deploy peacekeepers in Iraq.", "12", "PAK", "IRQ"),
        ("Iran threatened to launch a military offensive against Iraq.", "138", "IRN", "IRQ"),
        ("Russia denied shelling the Ukrainian village of Avdiivka.", "016", "RUS", "UKRCVL"),
        ("Germany urged Iran to resume talks with the inspectors.", "026", "DEU", "IRN"),
        ("Palestinian officials demanded that the United States end the blockade.", "10", "PSEGOV", "USA"),
        ("Russia said that Sudan must return the captured helicopter.", "10", "RUS", "SDN"),
        ("South Korea has rejected North Korea's demand to sever the alliance.", "12", "KOR", "PRK"),
        # symmetric verbs with a conjoined subject, and light verbs
        ("Israel and Lebanon renewed negotiations on Tuesday.", "04", "ISR", "LBN"),
        ("Bosnia and Slovenia agreed to a ceasefire.", "030", "BIH", "SVN"),
        ("Jordan will participate in military exercises with Egypt.", "031", "JOR", "EGY"),  # an intent
        # an infinitive the parser hangs on the governor as an adverbial clause, and a noun event under a
        # light verb, are governed all the same
        ("Iran threatened on Sunday to launch attacks on Iraq.", "138", "IRN", "IRQ"),
        ("Chad threatened to resume its offensive against Sudan.", "138", "TCD", "SDN"),
        ("Jordan and Egypt agreed to undertake joint military exercises.", "031", "JOR", "EGY"),
    ],
)
def test_governed_and_light_verb_constructions(coder, text: str, code: str, src: str, tgt: str) -> None:
    records = _events(coder, text)
    assert records, text
    r = records[0]
    assert r["cameo"].startswith(code), r["cameo"]
    assert r["source"]["code"] == src
    assert r["target"]["code"] == tgt


@pytest.mark.parametrize(
    "text",
    [
        "Palestinian officials demanded that the United States match the European Union's support.",
        "Germany urged Iran to attack Iraq.",
    ],
)
def test_what_is_asked_for_is_not_an_event(coder, text: str) -> None:
    records = _events(coder, text)
    assert all(r["root"] in ("02", "10") for r in records), records


def test_speech_without_content_is_no_statement(coder) -> None:
    records = _events(
        coder, "In Iraq, the state has continued to brutalise Sunnis, denying them their rights."
    )
    assert not [r for r in records if r["cameo"] == "016"]


@pytest.mark.parametrize(
    ("text", "code", "src", "tgt"),
    [
        # a time is never a target ("on Tuesday"); the pattern's object, another party, is (not its possessor)
        ("On Tuesday, Nigeria's foreign minister summoned Niger's ambassador.", "114", "NGAGOV", "NERGOV"),
        # an object that is no actor: the target comes from "from" ("confiscated weapons from ...")
        ("Palestinian police confiscated weapons from Hamas.", "17", "PSECOP", "PSEREBHMS"),
        # "it is willing to": the pronoun is the speaker
        ("Syria says it is willing to withdraw its troops from Lebanon.", "035", "SYR", "LBN"),
        # a count the parser hangs on "up" as a particle is still the object
        ("Gunmen abducted up to 12 Kenyan engineers near the border.", "181", "UAF", "KENCVL"),
    ],
)
def test_targets_behind_times_objects_and_pronouns(coder, text: str, code: str, src: str, tgt: str) -> None:
    r = _one([r for r in _events(coder, text) if r["cameo"].startswith(code)])
    assert (r["source"]["code"], r["target"]["code"]) == (src, tgt)


def test_an_unknown_titled_person_is_a_source_without_a_country(coder) -> None:
    r = _one(_events(coder, "President Sooronbai Testov resigned on Thursday."))
    assert (r["cameo"], r["source"]["code"], r["source"]["country"]) == ("0831", "GOV", None)
    assert r["source"]["name"] == "Sooronbai Testov"


@pytest.mark.parametrize(
    ("text", "code", "src", "tgt"),
    [
        # a sector with no country the text gives is coded by its sector alone
        ("Police arrested dozens of protesters.", "173", "COP", "CVL"),
        ("The rebels held talks with the army.", "040", "REB", "MIL"),
        ("Rebels surrendered to the army on Friday.", "0874", "REB", None),
        # the adjective of a nominal event stands for its country
        ("Palestinian riots against Israeli military policies continued.", "145", "PSE", "ISRMIL"),
        ("Israeli air strikes on Gaza killed ten people.", "19", "ISR", "PSE"),
    ],
)
def test_sector_only_actors_and_nominal_events(
    coder, text: str, code: str, src: str, tgt: str | None
) -> None:
    records = _events(coder, text)
    r = _one([r for r in records if r["cameo"].startswith(code)])
    assert r["source"]["code"] == src
    assert (r["target"] or {}).get("code") == tgt
    assert len(records) == 1, records  # "killed" has no source of its own: the strikes are no actor


@pytest.mark.parametrize(
    "text",
    [
        "The Syrian war has killed thousands.",  # no one is the war
        "Officials said the talks were useful.",  # a statement needs a speaker we can place
    ],
)
def test_no_event_from_an_event_noun_or_an_unplaced_speaker(coder, text: str) -> None:
    assert _events(coder, text) == []


@pytest.mark.parametrize(
    ("text", "code", "status"),
    [
        # a coercive action announced on a condition is a threat of it
        ("Iran will attack Iraq unless Baghdad accepts its conditions.", "1384", "occurred"),
        ("Russia will impose sanctions on Georgia if it joins NATO.", "1312", "occurred"),
        # any action announced "unless" another acts is a threat; "if" alone makes an offer of a friendly one
        (
            "Kenya will withdraw its troops from Somalia unless the Somali government pays them.",
            "130",
            "occurred",
        ),
        ("Israel will release the prisoners if Hamas returns the bodies.", "0353", "intended"),
        # the action inside the condition stays hypothetical
        ("If Russia attacks Ukraine, NATO will respond.", "190", "hypothetical"),
        # a coercive action the source announces for itself is a threat; one others predict stays intended
        (
            "Palestinian leaders said they would boycott all official contact with the United States.",
            "133",
            "occurred",
        ),
        ("NATO confirmed on Wednesday it would tighten the naval blockade of Serbia.", "1381", "occurred"),
        ("Russia will attack Ukraine, officials in Kyiv said.", "190", "intended"),
        ("Iran said it would meet Iraq next week.", "036", "intended"),  # cooperation: intent, no threat
    ],
)
def test_conditional_threats(coder, text: str, code: str, status: str) -> None:
    r = _events(coder, text)[0]
    assert (r["cameo"], r["status"]) == (code, status)


def test_a_verb_conjoined_to_a_passive_shares_its_subject(coder) -> None:
    text = "Montenegro's prime minister has been indicted by a U.N. court and will resign."
    by_code = {r["root"]: r for r in _events(coder, text)}
    assert (by_code["17"]["source"]["code"], by_code["17"]["target"]["code"]) == ("IGOUNO", "MNEGOV")
    assert by_code["03"]["source"]["code"] == "MNEGOV"  # the one indicted resigns, not the court


@pytest.mark.parametrize(
    ("text", "n"),
    [
        ("Israel's cabinet met on Sunday.", 0),  # one party alone: no meeting between two
        ("Blinken and Lavrov met in Geneva.", 1),
    ],
)
def test_a_meeting_needs_two_parties(coder, text: str, n: int) -> None:
    assert len([r for r in _events(coder, text) if r["root"] == "04"]) == n


@pytest.mark.parametrize(
    "text",
    [
        # a participle conjoined to a passive is passive too: the victims are no source
        "Captured opposition fighters have been tortured and murdered in their thousands.",
        "Isis fighters sneaked into a convoy and were later identified and arrested at a checkpoint.",
        # a participle after a noun: the noun is what was done to, not who did it
        "The fate of two American children abducted in 2015 is still unknown.",
        # "it seemed": an expletive, no antecedent
        "Russia held talks. It seemed a surefire policy to capture the public mood.",
    ],
)
def test_no_source_from_a_passive_participle_or_an_expletive(coder, text: str) -> None:
    assert [r for r in _events(coder, text) if r["root"] in ("17", "18", "19", "20")] == []


def test_violence_against_an_unknown_target_is_coded_without_one(coder) -> None:
    r = _one(_events(coder, "Syrian troops shelled the old bridge on Monday."), "19")
    assert (r["source"]["code"], r["target"]) == ("SYRMIL", None)


def test_a_light_verb_governs_a_compound_event_noun(coder) -> None:
    r = _one(_events(coder, "Qatar launched a mediation effort on Monday."), "04")
    assert (r["cameo"], r["source"]["code"]) == ("045", "QAT")


@pytest.mark.parametrize(
    ("text", "code", "src", "tgt"),
    [
        ("Croatia has opened its borders to refugees from Serbia.", "075", "HRV", "SRBREF"),
        ("Germany accepted 1,500 refugees.", "075", "DEU", None),
        ("Protesters in Caracas burned the American flag.", "145", "VENCVL", "USACVL"),  # whose flag
    ],
)
def test_asylum_and_flag_burning_patterns(coder, text: str, code: str, src: str, tgt: str | None) -> None:
    r = _one([r for r in _events(coder, text) if r["cameo"] == code])
    assert (r["source"]["code"], (r["target"] or {}).get("code")) == (src, tgt)


def test_no_event_from_an_order_or_from_many_governments(coder) -> None:
    told = _events(coder, "The group's leadership told people to conduct attacks at home.")
    assert not [r for r in told if r["root"] == "19"]  # told to act: not done yet
    many = _events(
        coder, "Syria closed its border. Several western governments said their citizens were not welcome."
    )
    assert not [r for r in many if r["source"]["code"] == "SYRGOV"]


@pytest.mark.parametrize(
    ("text", "code", "src", "tgt"),
    [
        # what a decision, plan or consensus commits to is the (intended) event, by the one who reached it
        ("Israel and the Palestinians reached a consensus to exchange information.", "0314", "ISR", "PSECVL"),
        ("Russia made a decision to expel ten British diplomats.", "161", "RUS", "GBRGOV"),
    ],
)
def test_a_resolution_noun_passes_its_subject_to_the_act(coder, text: str, code: str, src: str, tgt) -> None:
    (r,) = _events(coder, text)
    assert (r["cameo"], r["status"], r["source"]["code"]) == (code, "intended", src)
    assert (r["target"] or {}).get("code") == tgt


@pytest.mark.parametrize(
    ("text", "code", "tgt"),
    [
        ("Israel released 50 Palestinian prisoners.", "0841", "PSECVL"),  # another country
        # another sector of the source's own country, when it is not the source's own apparatus
        ("The Zambian president banned opposition candidates from the vote.", "1722", "ZMBOPP"),
        ("The Kenyan government outlawed an armed separatist group.", "1722", "KENSEP"),
        ("The Kenyan government deployed troops.", "150", None),  # its own troops: no target
    ],
)
def test_an_object_the_pattern_names_can_be_the_target(coder, text: str, code: str, tgt: str | None) -> None:
    rs = [r for r in _events(coder, text) if r["cameo"] == code]
    assert len(rs) == 1
    assert (rs[0]["target"] or {}).get("code") == tgt


@pytest.mark.parametrize(
    ("text", "code", "tgt"),
    [
        # an action on a territory with no other target: the territory's country is the target
        ("Egypt reimposed a blockade in the Gaza Strip.", "191", "PSE"),
        ("Morocco eased the emergency measures in Western Sahara.", "081", "ESH"),
        ("Students marched in Accra against higher fuel prices.", "14", "GHA"),
        # another target named comes first; a place of the source's own country alone is none
        ("Israeli troops shot two Palestinian gunmen in Hebron.", "19", "PSEUAF"),
        ("Russia lifted the curfew in Moscow.", "0813", None),
    ],
)
def test_a_territory_is_the_target_of_an_action_on_it(coder, text: str, code: str, tgt: str | None) -> None:
    r = _one([r for r in _events(coder, text) if r["cameo"].startswith(code)])
    assert (r["target"] or {}).get("code") == tgt


@pytest.mark.parametrize(
    ("text", "code", "tgt"),
    [
        # a passive subject that is no actor stands for its "for" object
        ("A camp for Somali refugees was shelled by gunmen.", "19", "SOMREF"),
        # an agreement noun's "with" object is the other party
        ("Kenyan rebels demanded a ceasefire with the Ugandan army.", "1056", "UGAMIL"),
    ],
)
def test_targets_behind_a_passive_subject_or_an_agreement_noun(coder, text: str, code: str, tgt: str) -> None:
    r = _one([r for r in _events(coder, text) if r["cameo"].startswith(code)])
    assert (r["target"] or {}).get("code") == tgt


@pytest.mark.parametrize(
    ("text", "src", "tgt"),
    [
        # violence by a weapon with no one named: unidentified armed forces, placed where they struck
        ("A roadside bomb killed two Kenyan policemen near the town of Garissa.", "KENUAF", "KENCOP"),
        ("Four Somali soldiers were killed by an explosive device.", "UAF", "SOMMIL"),
        ("Two Ugandan traders were killed in a grenade attack in Kampala.", "UGAUAF", "UGABUS"),
        # an attack said to be someone's is theirs
        ("A rocket attack by the Sudanese army killed four Ugandan traders.", "SDNMIL", "UGABUS"),
        ("Russian air raids killed ten Ukrainian soldiers.", "RUS", "UKRMIL"),
    ],
)
def test_violence_by_a_weapon_is_by_unidentified_forces(coder, text: str, src: str, tgt: str) -> None:
    r = _one([r for r in _events(coder, text) if r["root"] in ("18", "19")])
    assert (r["source"]["code"], r["target"]["code"]) == (src, tgt)


def test_an_accident_is_no_attack(coder) -> None:
    assert not _events(coder, "A gas explosion killed three miners in Kenya.")


@pytest.mark.parametrize(
    ("text", "code", "src", "tgt"),
    [
        # whom a threat or a protest is aimed at, named in what it is for
        ("Hamas threatened on Monday to resume its raids in Israel.", "13", "PSEREBHMS", "ISR"),
        (
            "Russia threatened to quit the arms talks if the United States deploys new missiles in Europe.",
            "13",
            "RUS",
            "USA",
        ),
        (
            "Kenyan farmers blocked roads on Sunday to press their demands for land from the government.",
            "14",
            "KENAGR",
            "KENGOV",
        ),
        ("Students in Nairobi marched to protest against Uganda's decision.", "14", None, "UGA"),
        # force used for a purpose is aimed at whom it names; the state against others at home
        ("Kenyan riot police used tear gas to disperse the demonstrators.", "17", "KENCOP", "KENCVL"),
        ("Ugandan rebels are fighting to overthrow the government.", "19", "UGAREB", "UGAGOV"),
    ],
)
def test_a_threat_or_protest_is_aimed_at_whom_its_purpose_names(
    coder, text: str, code: str, src: str | None, tgt: str
) -> None:
    r = _one(_events(coder, text), code[:2])
    assert r["cameo"].startswith(code), r["cameo"]
    assert src is None or r["source"]["code"] == src
    assert r["target"]["code"] == tgt


@pytest.mark.parametrize(
    "text",
    [
        "Hamas threatened to resume terrorist activities.",  # a thing a modifier gave a sector is no one
        "Protesters in Lagos blocked roads to demand the release of the protesters.",  # their own side
        "Russian officials threatened to send the army.",  # one arm of the state is no target of another
    ],
)
def test_no_target_from_a_thing_or_the_source_side_in_a_purpose(coder, text: str) -> None:
    r = _one(_events(coder, text))
    assert r["target"] is None, r["target"]


@pytest.mark.parametrize(
    ("text", "n"),
    [
        # a refusal or denial stands when what it governs is no event; an intent does not
        ("The militants denied that they had detained the journalist.", 1),
        ("The rebels vowed to exterminate them.", 0),
    ],
)
def test_a_governor_is_coded_only_when_it_means_something_alone(coder, text: str, n: int) -> None:
    assert len(_events(coder, text)) == n


@pytest.mark.parametrize(
    ("text", "side", "codes"),
    [
        # countries coordinated in one modifier are one actor each
        ("Kenyan and Ugandan troops attacked Somali militants.", "source", ["KENMIL", "UGAMIL"]),
        (
            "Security forces in Chad have tortured scores of Sudanese and Libyan refugees.",
            "target",
            ["SDNREF", "LBYREF"],
        ),
        # an agreement between them is one acting on the other
        ("Senior Kenyan and Ugandan officials agreed on a new treaty.", "target", ["UGAGOV"]),
    ],
)
def test_countries_coordinated_in_a_modifier(coder, text: str, side: str, codes: list[str]) -> None:
    assert [r[side]["code"] for r in _events(coder, text)] == codes


@pytest.mark.parametrize(
    ("text", "tgt"),
    [
        ("North Korea expelled inspectors of the International Atomic Energy Agency.", "IGOUNOIAE"),
        ("Syria expelled monitors of the Arab League.", "IGOARBALL"),
    ],
)
def test_an_organisation_the_pattern_names_is_the_target(coder, text: str, tgt: str) -> None:
    assert _one(_events(coder, text))["target"]["code"] == tgt


@pytest.mark.parametrize(
    ("text", "code", "src", "tgt"),
    [
        # what is given "with" when the recipient is the direct object
        ("The United States has provided Kenya with aircraft and weapons.", "072", "USA", "KEN"),
        # a series of events under a light verb
        ("Kenya and Uganda began a new round of joint military exercises today.", "062", "KEN", "UGA"),
        # a team of what is sent is what is sent
        ("China sent a team of doctors to Ghana.", "073", "CHN", "GHA"),
        # prisoners freed from a place: a release with no one named to receive them
        ("The rebels freed prisoners from a jail in the border town.", "0841", "REB", None),
    ],
)
def test_objects_behind_with_series_and_teams(coder, text: str, code: str, src: str, tgt: str | None) -> None:
    r = _one(_events(coder, text))
    assert (r["cameo"], r["source"]["code"]) == (code, src)
    assert (r["target"] or {}).get("code") == tgt


@pytest.mark.parametrize(
    ("text", "code", "src", "tgt"),
    [
        # a modifier that names the kind settles an ambiguous noun, which then needs no target
        ("Opposition parties in Nepal have organized a general strike.", "143", "NPLPTY", None),
        ("Russia carried out air strikes overnight.", "195", "RUS", None),
        # the light verb's object is the other side of a fight it engages in
        ("Sudanese rebels engaged Kenyan peacekeepers in a firefight.", "193", "SDNREB", "KENMIL"),
        # facilities are taken like towns; opponents of a government are its opposition
        ("The Syrian army seized three pumping stations on the pipeline.", "192", "SYRMIL", None),
        ("Opponents of the Kenyan government clashed with police in Nairobi.", "190", "KENOPP", "KENCOP"),
    ],
)
def test_kinds_fights_and_facilities(coder, text: str, code: str, src: str, tgt: str | None) -> None:
    r = _one(_events(coder, text))
    assert (r["cameo"], r["source"]["code"]) == (code, src)
    assert (r["target"] or {}).get("code") == tgt


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # a statement of the speaker's own mood is a pessimistic or optimistic comment
        ("The Kenyan farmers' union said it is skeptical of the government plan.", "012"),
        ("Kenya said it was concerned about the fighting.", "012"),
        ("The Kenyan government said it is confident that the talks will succeed.", "013"),
        ("Kenya said Uganda was worried.", "010"),  # someone else's mood: a plain statement
        # condolences need no named recipient
        ("The Kenyan government expressed its sincere condolences to the families of the victims.", "018"),
    ],
)
def test_statements_of_mood_and_sympathy(coder, text: str, code: str) -> None:
    assert _one(_events(coder, text))["cameo"] == code


@pytest.mark.parametrize(
    ("text", "code", "place"),
    [
        # a named place taken is an occupation of territory, and where it happened
        ("The rebels captured Kisangani last week.", "192", "Kisangani"),
        ("Rebels took over Aleppo in 2016.", "192", "Aleppo"),
        # a target named as where it happened is the place all the same
        ("More than 10,000 people demonstrated in the Belarus capital Minsk.", "141", "Minsk"),
    ],
)
def test_a_named_place_taken_or_protested_in(coder, text: str, code: str, place: str) -> None:
    r = _one(_events(coder, text))
    assert (r["cameo"], r["place"]["name"]) == (code, place)


def test_a_person_taken_somewhere_is_no_occupation(coder) -> None:
    assert all(r["cameo"] != "192" for r in _events(coder, "The commandos took Bahar to Erbil."))


@pytest.mark.parametrize(
    ("text", "code", "src", "tgt"),
    [
        # the object of a bare preposition that the parser made a reduced clause's subject
        (
            "Chile granted asylum to three Bolivian army officers hiding in its embassy.",
            "075",
            "CHL",
            "BOLMIL",
        ),
        # an event object's own preposition names the target, before a helper named "with"
        ("Greece will tighten the blockade of Albania with Italy's help.", "191", "GRC", "ALB"),
        # whom a number counts
        ("Kenyan police killed scores of protesters.", "202", "KENCOP", "KENCVL"),
        # a statement noun whose clause is an obligation is a demand
        ("Peru issued a stern reminder to Chile that it must repay the loan.", "100", "PER", "CHL"),
    ],
)
def test_targets_behind_clauses_event_objects_and_numbers(
    coder, text: str, code: str, src: str, tgt: str
) -> None:
    r = _one(_events(coder, text))
    assert (r["root"], r["source"]["code"], r["target"]["code"]) == (code[:2], src, tgt)


@pytest.mark.parametrize(
    "text",
    [
        "Kenya has rejected accusations of racism.",  # an issue, not a party: no target, still a rejection
    ],
)
def test_an_issue_after_an_event_noun_is_no_target(coder, text: str) -> None:
    r = _one(_events(coder, text))
    assert r["target"] is None


def test_who_made_a_demand_is_its_target_not_what_it_asks_for(coder) -> None:
    text = "The Ghanaian government accepted the demands by protesters for greater autonomy."
    r = _one(_events(coder, text))
    assert (r["cameo"], r["target"]["code"]) == ("0832", "GHACVL")


def test_an_object_with_no_is_a_negated_event(coder) -> None:
    r = _one(_events(coder, "Kenya has provided no aid to Uganda."))
    assert r["status"] == "negated"


def test_an_appeal_parsed_as_a_purpose_clause_is_still_an_appeal(coder) -> None:
    records = _events(
        coder, "Ghana on Monday asked the Kenyan farmers' union to end a boycott of Ghanaian cocoa."
    )
    assert [r["root"] for r in records] == ["02"]


@pytest.mark.parametrize(
    ("text", "code", "tgt"),
    [
        # preventing a demonstration restricts political freedoms; whoever staged it is the target
        ("Kenyan police prevented the rally organised by opposition supporters.", "1721", "KENOPP"),
        ("Kenyan police prevented a demonstration on Monday.", "1721", None),
    ],
)
def test_a_prevented_demonstration_targets_its_organisers(coder, text: str, code: str, tgt) -> None:
    r = _one(_events(coder, text))
    assert (r["cameo"], (r["target"] or {}).get("code")) == (code, tgt)


def test_the_author_of_an_object_is_a_target_only_for_authoring_verbs(coder) -> None:
    text = "The Kenyan envoy will attend a peace conference boycotted by the Ugandan opposition."
    assert all((r["target"] or {}).get("code") != "UGAOPP" for r in _events(coder, text))


@pytest.mark.parametrize(
    ("text", "code", "src", "tgt"),
    [
        # a mediator acts on the parties named after "between", also when an effort noun carries them
        ("Qatar launched a mediation effort on Saturday between Kenya and Uganda.", "045", "QAT", "KEN"),
        ("Ghana ended its mediation efforts between Kenya and Uganda.", "165", "GHA", "KEN"),
        # talks between two parties are still between them
        ("Talks between Kenya and Uganda began on Monday.", "040", "KEN", "UGA"),
        # the first coordinated object of a number that resolves
        ("Police in Kenya beat dozens of Somali and Ethiopian refugees.", "18", "KENCOP", "SOMREF"),
    ],
)
def test_mediation_between_parties_and_numbers_of_coordinated_groups(
    coder, text: str, code: str, src: str, tgt: str
) -> None:
    r = _one(_events(coder, text))
    assert (r["cameo"][: len(code)], r["source"]["code"], r["target"]["code"]) == (code, src, tgt)


@pytest.mark.parametrize(
    ("text", "n"),
    [
        ("The Kenyan opposition parties fought elections in 1992.", 0),
        ("The Kenyan government fought corruption for years.", 0),
        ("Kenyan troops fought the rebels in the north.", 1),
    ],
)
def test_fighting_an_election_or_corruption_is_no_violence(coder, text: str, n: int) -> None:
    assert sum(r["root"] == "19" for r in _events(coder, text)) == n


@pytest.mark.parametrize(
    ("text", "trigger", "tgt"),
    [
        # violent verbs coordinated without a subject of their own share the object
        ("Kenyan soldiers shot and killed two Somali fishermen.", "shot", "SOMAGR"),
        ("Ugandan rebels ambushed and abducted three Kenyan officials.", "ambushed", "KENGOV"),
    ],
)
def test_coordinated_violent_verbs_share_their_object(coder, text: str, trigger: str, tgt: str) -> None:
    r = next(r for r in _events(coder, text) if r["trigger"]["text"].startswith(trigger))
    assert r["target"]["code"] == tgt


def test_a_conjunct_with_its_own_subject_keeps_its_object(coder) -> None:
    text = "Kenyan soldiers attacked and the rebels killed two Somali fishermen."
    attack = next(r for r in _events(coder, text) if r["trigger"]["text"].startswith("attacked"))
    assert attack["target"] is None


@pytest.mark.parametrize(
    ("text", "code", "src", "place"),
    [
        # a march through a place by people who are no armed force is a demonstration
        ("More than 10,000 Sudanese marched through Khartoum.", "141", "SDNCVL", "Khartoum"),
        ("Some 5,000 Belarusian students marched in Minsk on Wednesday.", "141", "BLREDU", "Minsk"),
    ],
)
def test_a_march_is_a_demonstration(coder, text: str, code: str, src: str, place: str) -> None:
    r = _one(_events(coder, text))
    assert (r["cameo"], r["source"]["code"], r["place"]["name"]) == (code, src, place)


def test_troops_marching_are_no_demonstration(coder) -> None:
    assert not [r for r in _events(coder, "American troops marched into Baghdad.") if r["root"] == "14"]


@pytest.mark.parametrize(
    ("text", "src"),
    [
        ("Thousands of Lebanese protested against the decision.", "LBNCVL"),  # counted: the people
        ("The British rejected the plan.", "GBR"),  # the nationality for the country
        ("At least 29 people were killed by Rwandan rebels wielding machetes.", "RWAREB"),  # "by" a clause
        ("Unknown gunmen on Monday shot and wounded a Kenyan teacher.", "UAF"),  # "shot" tagged a noun
        ("A car bomb blast killed seven Iraqi soldiers in Mosul.", "IRQUAF"),  # the blast of a weapon
    ],
)
def test_sources_from_nationalities_clauses_and_weapons(coder, text: str, src: str) -> None:
    assert _one(_events(coder, text))["source"]["code"] == src


@pytest.mark.parametrize(
    "text",
    [
        "A Macedonian praised Greece.",  # one person, not the country
        "A gas explosion killed seven Iraqi workers in Mosul.",  # an accident
    ],
)
def test_no_source_from_one_national_or_an_accident(coder, text: str) -> None:
    assert _events(coder, text) == []


@pytest.mark.parametrize(
    ("text", "tgt"),
    [
        ("The Macedonian army shelled Albanian rebel-held territory.", "ALBREB"),
        ("Russian aircraft struck Isis-held areas near Raqqa.", "IMGMOSISI"),
        ("Kenyan troops shelled Shabaab-controlled villages.", "SOMREBSHB"),
    ],
)
def test_whoever_holds_a_place_is_the_target(coder, text: str, tgt: str) -> None:
    assert _one(_events(coder, text))["target"]["code"] == tgt


def test_a_demanded_act_has_not_occurred(coder) -> None:
    text = "The Kenyan president's demand that Uganda and Tanzania prosecute their officials met resistance."
    acts = [r for r in _events(coder, text) if r["root"] == "17"]
    assert acts and all(r["status"] == "hypothetical" for r in acts)


def test_a_stateless_people_is_placed_where_the_sentence_puts_it(coder) -> None:
    text = "An American woman captured by Kurdish forces in Syria was handed to the US."
    r = next(r for r in _events(coder, text) if r["trigger"]["text"].startswith("captured"))
    assert r["source"]["country"] in (None, "SYR")


def test_coordinated_verbs_of_one_event_give_one_record(coder) -> None:
    text = "Suspected militants shot and killed two Kenyan police guards in Mombasa."
    records = [r for r in _events(coder, text) if r["root"] == "19"]
    assert len(records) == 1
    assert (records[0]["cameo"], records[0]["trigger"]["text"]) == ("193", "shot and killed")
    start, end = records[0]["trigger"]["start"], records[0]["trigger"]["end"]
    assert text[start:end] == "shot and killed"


def test_coordinated_verbs_of_two_events_keep_two_records(coder) -> None:
    records = _events(coder, "Kenyan soldiers attacked and destroyed the Shabaab base.")
    assert sorted(r["root"] for r in records) == ["17", "19"]


def test_an_unnamed_infinitive_subject_is_no_target(coder) -> None:
    r = _one(_events(coder, "She was told the British home secretary ordered her citizenship to be revoked."))
    assert (r["root"], r["target"]) == ("10", None)


def test_where_an_event_noun_happens_is_not_whom_it_is_about(coder) -> None:
    """ "a demonstration in Nairobi" is not aimed at the Kenyan government; the territory rule gives KEN."""
    r = _one(_events(coder, "Kenyan police prevented a demonstration in Nairobi."))
    assert (r["cameo"], r["target"]["code"], r["place"]["name"]) == ("1721", "KEN", "Nairobi")


@pytest.mark.parametrize(
    ("text", "code", "src"),
    [
        ("A roadside bomb near Mosul killed two Iraqi soldiers.", "1833", "IRQUAF"),
        ("A car bomb blast killed seven Iraqi soldiers in Mosul.", "1832", "IRQUAF"),
        ("Twelve Afghan police officers were killed in a suicide attack.", "1831", "UAF"),
        # whoever claimed it is the source; the weapon still names the kind
        ("A suicide bombing claimed by the Islamic State killed four Iraqi soldiers.", "1831", "IMGMOSISI"),
        ("A mortar killed two Syrian children.", "190", "UAF"),  # a weapon with no kind of its own
    ],
)
def test_violence_by_a_weapon_is_of_the_weapon_s_kind(coder, text: str, code: str, src: str) -> None:
    r = _one(_events(coder, text), "18" if code.startswith("18") else "19")
    assert (r["cameo"], r["source"]["code"]) == (code, src)


@pytest.mark.parametrize(
    ("text", "code", "src", "tgt"),
    [
        # a movement of forces is by its "of" object, from where it leaves
        ("The withdrawal of Kenyan troops from Somalia began on Monday.", "0874", "KENMIL", "SOM"),
        # a demand or appeal is made of its complement's subject
        ("Kenya demanded that Uganda withdraw its troops.", "1056", "KEN", "UGA"),
        ("Prisoners rioted at a jail in Nairobi on Monday.", "145", "KENCVL", "KEN"),
        ("Rebels in Ivory Coast blocked transport into the capital.", "144", "CIVREB", None),
        # "general" qualifies the strike; the inhabitants are of what the modifier names
        (
            "Druze inhabitants of the Syrian Golan Heights threatened to hold a general strike.",
            "133",
            "SYRCVL",
            None,
        ),
        ("Denmark accepted a formula for ending its fisheries dispute.", "030", "DNK", None),
        # the named subject of an infinitive complement is whom a judgement is about
        ("Turkey considers the YPG to be a terrorist group.", "014", "TUR", "SYRREBYPG"),
    ],
)
def test_movers_demands_judgements_inmates_and_inhabitants(
    coder, text: str, code: str, src: str, tgt: str | None
) -> None:
    r = _one(_events(coder, text), code[:2])
    assert (r["cameo"], r["source"]["code"], (r["target"] or {}).get("code")) == (code, src, tgt)
