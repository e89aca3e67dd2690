"""The canonical example (issue #2 acceptance): the seed article, published Tuesday 2022-01-18."""

from __future__ import annotations

import pytest

from eventcoder.document import Article

PUBLISHED = "2022-01-18"


@pytest.fixture(scope="module")
def seed(coder, seed_text):
    title, _, body = seed_text.partition("\n")
    art = Article.create(body.strip("\n"), title=title, published=PUBLISHED)
    ((article, records),) = list(coder.code_articles([art]))
    return article, records


def _find(records, *, cameo=None, root=None, src=None, tgt=None):
    out = []
    for r in records:
        if cameo and r["cameo"] != cameo:
            continue
        if root and r["root"] not in root:
            continue
        if src and (r["source"] is None or r["source"]["code"] != src):
            continue
        if tgt and (r["target"] is None or r["target"]["code"] != tgt):
            continue
        out.append(r)
    return out


def test_blinken_intends_to_meet_lavrov_in_geneva_on_friday(seed) -> None:
    _, records = seed
    (r,) = _find(records, cameo="036", src="USAGOV", tgt="RUSGOV")[:1]
    assert r["source"]["name"] and "Blinken" in r["source"]["name"]
    assert r["target"]["name"] and "Lavrov" in r["target"]["name"]
    assert r["status"] == "intended"
    assert r["date"] == "2022-01-21" and r["date_precision"] == "day"
    assert r["place"]["name"] == "Geneva" and r["place"]["country"] == "CHE"


def test_phone_call_on_tuesday(seed) -> None:
    _, records = seed
    rs = _find(records, cameo="041")
    assert rs, "no telephone discussion"
    r = rs[0]
    assert {r["source"]["country"], r["target"]["country"]} == {"USA", "RUS"}
    assert r["date"] == "2022-01-18"
    assert r["attribution"] and r["attribution"]["anonymous"] is True


@pytest.mark.parametrize(
    ("country", "place", "date"), [("UKR", "Kyiv", "2022-01-19"), ("DEU", "Berlin", "2022-01-20")]
)
def test_travel_to_kyiv_and_berlin(seed, country: str, place: str, date: str) -> None:
    _, records = seed
    rs = [r for r in _find(records, cameo="042") if r["target"]["country"] == country]
    assert rs, f"no visit to {country}"
    r = rs[0]
    assert r["source"]["code"] == "USAGOV"
    assert r["place"]["name"] == place
    assert r["date"] == date


def test_russian_troops_mobilized_against_ukraine(seed) -> None:
    _, records = seed
    rs = [r for r in _find(records, root=("15",)) if r["target"] and r["target"]["country"] == "UKR"]
    assert rs and rs[0]["source"]["country"] == "RUS"


def test_no_record_claims_russia_attacked_or_invaded(seed) -> None:
    _, records = seed
    for r in records:
        if r["root"] in ("18", "19", "20") and r["source"] and r["source"]["country"] == "RUS":
            assert r["status"] != "occurred", r


def test_every_span_slices_back_to_its_words(seed) -> None:
    article, records = seed
    assert records
    for r in records:
        assert article.text[r["trigger"]["start"] : r["trigger"]["end"]] == r["trigger"]["text"]
        for key in ("source", "target"):
            if r[key]:
                assert article.text[r[key]["start"] : r[key]["end"]] == r[key]["text"]
        if r["place"]:
            assert article.text[r["place"]["start"] : r["place"]["end"]] == r["place"]["name"] or r["place"]
        s = article.sentences[r["sentence"]]
        assert article.text[s.start : s.end] == r["text"]


def test_white_house_warning_against_russia(seed) -> None:
    _, records = seed
    rs = [r for r in _find(records, root=("11", "13"), src="USAGOV") if r["target"]["country"] == "RUS"]
    assert rs, "no warning or accusation USA -> RUS"


def test_belarus_joins_russian_exercises(seed) -> None:
    _, records = seed
    rs = [r for r in _find(records, root=("03", "06"), src="BLR") if r["target"]["country"] == "RUS"]
    assert rs and rs[0]["status"] in ("intended", "occurred")


def test_the_officials_statement_is_anonymous_and_american(seed) -> None:
    _, records = seed
    rs = [r for r in _find(records, root=("01",), src="USAGOV") if "diplomacy is not dead" in r["text"]]
    assert rs, "no statement for 'diplomacy is not dead'"
    assert rs[0]["attribution"] == {"speaker": rs[0]["source"], "anonymous": True}


def test_actor_codes_of_the_seed(seed) -> None:
    _, records = seed
    by_text = {a["text"]: a["code"] for r in records for a in (r["source"], r["target"]) if a}
    assert by_text["Secretary of State Antony Blinken"] == "USAGOV"
    assert by_text["Russian Foreign Minister Sergey Lavrov"] == "RUSGOV"
    assert by_text["Moscow"] == "RUSGOV"
    speakers = [r["attribution"] for r in records if r["attribution"] and "State Department" in r["text"]]
    assert any(s["anonymous"] and s["speaker"]["code"] == "USAGOV" for s in speakers)
