from __future__ import annotations

import json

import pytest

from eventcoder.evaluate.common import NONE
from eventcoder.evaluate.plover import (
    NO_COUNTRY,
    GoldEvent,
    best_match,
    gold_country_key,
    load,
    map_category,
    parse_record,
    score,
    side_matches,
)


@pytest.mark.parametrize(
    ("old", "new"),
    [("DEMAND", "REQUEST"), ("DISAPPROVE", "ACCUSE"), ("INVESTIGATE", "ACCUSE"), ("FIGHT", "ASSAULT"),
     ("AGREE", "AGREE"), ("assault", "ASSAULT")],
)  # fmt: skip
def test_map_category(old, new):
    assert map_category(old) == new


@pytest.mark.parametrize(
    ("code", "key"),
    [("USA", "USA"), ("JAP", "JPN"), ("ITL", "ITA"), ("IGO", NO_COUNTRY), ("NGO", NO_COUNTRY)],
)
def test_gold_country_key(code, key):
    assert gold_country_key(code) == key


def _raw(**kw):
    base = {"id": "G1", "event": "AGREE", "text": "Some text.", "textInfo": {"markup": ""}}
    return base | kw


def test_parse_record_joint_actors_make_the_target():
    rec = _raw(
        source=[{"code": "HUN", "sector": "GOV"}, {"code": "ROU", "sector": "GOV"}],
        textInfo={"markup": "(SRC/TAR: Hungarian) and (SRC/TAR: Romanian) officials"},
    )
    g = parse_record(rec)
    assert g.source == g.target == frozenset({"HUN", "ROU"})
    assert g.target_sectors == frozenset({"GOV"})


@pytest.mark.parametrize("target", [None, "", "diplomatic", []])
def test_parse_record_uncoded_target_is_none(target):
    g = parse_record(_raw(source=[{"code": "USA"}], target=target))
    assert g.target is None and g.source == frozenset({"USA"})


def test_parse_record_sectors_are_normalised():
    g = parse_record(_raw(source=[{"code": "ALB", "sector": "CVLalb"}, {"code": "X", "sector": "***"}]))
    assert g.source_sectors == frozenset({"CVL"})
    assert g.source == frozenset({"ALB", NO_COUNTRY})


def test_load_skips_document_record(tmp_path):
    p = tmp_path / "g.json"
    p.write_text(
        json.dumps([{"id": "D", "event": "DOCUMENT"}, _raw(event="FIGHT", source=[{"code": "IRQ"}])])
    )
    golds = load(p)
    assert [(g.id, g.category) for g in golds] == [("G1", "ASSAULT")]


@pytest.mark.parametrize(
    ("actor", "side", "ok"),
    [
        (("USA", "GOV"), frozenset({"USA"}), True),
        (("RUS", "GOV"), frozenset({"USA"}), False),
        ((None, None), frozenset({NO_COUNTRY}), True),  # IGO actor vs gold IGO
        (None, frozenset({NO_COUNTRY}), False),  # no actor is not an IGO
        (None, None, True),  # uncoded gold side matches anything
    ],
)
def test_side_matches(make_event, actor, side, ok):
    ev = make_event(source=actor)
    assert side_matches(ev["source"], side) is ok


def test_best_match_prefers_category_then_sides(make_event):
    g = GoldEvent("g", "t", "ACCUSE", frozenset({"USA"}), frozenset({"IRN"}))
    wrong_cat = make_event(category="CONSULT", source=("USA", None), target=("IRN", None), confidence=0.9)
    right_cat = make_event(category="ACCUSE", source=("USA", None), target=("IRQ", None))
    right_both = make_event(category="ACCUSE", source=("USA", None), target=("IRN", None), confidence=0.1)
    assert best_match(g, [wrong_cat, right_cat]) is right_cat
    assert best_match(g, [wrong_cat, right_cat, right_both]) is right_both


def test_score_hand_made(make_event):
    golds = [
        GoldEvent(
            "1", "a", "ACCUSE", frozenset({"USA"}), frozenset({"IRN"}), frozenset({"GOV"}), frozenset()
        ),
        GoldEvent("2", "b", "ASSAULT", frozenset({"ISR"}), frozenset({"PSE"})),
        GoldEvent("3", "c", "AGREE", frozenset({NO_COUNTRY}), None),
    ]
    produced = [
        # right category and countries, plus one extra event of another category
        [make_event(category="ACCUSE", source=("USA", "GOV"), target=("IRN", None)),
         make_event(category="CONSULT", source=("USA", None), target=("IRN", None))],
        # wrong category, right countries
        [make_event(category="COERCE", source=("ISR", "MIL"), target=("PSE", None))],
        [],
    ]  # fmt: skip
    r = score(golds, produced)
    assert r["records"] == 3
    assert r["detection_recall"] == pytest.approx(2 / 3)
    assert r["micro"]["tp"] == 1 and r["micro"]["fp"] == 2 and r["micro"]["fn"] == 2
    assert r["micro"]["precision"] == pytest.approx(1 / 3)
    assert r["micro"]["recall"] == pytest.approx(1 / 3)
    assert r["strict_micro"]["tp"] == 1
    assert r["per_category"]["ACCUSE"]["f1"] == 1.0
    assert r["per_category"]["ASSAULT"]["recall"] == 0.0
    assert r["per_category"]["AGREE"]["precision"] is None
    assert r["macro_f1"] == pytest.approx(1 / 3)
    assert r["predicted_only"] == ["COERCE", "CONSULT"]
    assert r["source_country_accuracy"] == 1.0 and r["target_country_accuracy"] == 1.0
    assert r["sector_accuracy"] == 1.0  # only gold 1's source carries a sector
    assert r["events_per_sentence"] == 1.0
    assert r["extra_events_per_sentence"] == pytest.approx(1 / 3)
    assert r["confusion"] == {"ACCUSE": {"ACCUSE": 1}, "ASSAULT": {"COERCE": 1}, "AGREE": {NONE: 1}}
    assert set(r["examples"]) == {"ASSAULT -> COERCE", "AGREE -> NONE"}


def test_score_strict_requires_countries(make_event):
    golds = [GoldEvent("1", "a", "ACCUSE", frozenset({"USA"}), frozenset({"IRN"}))]
    r = score(golds, [[make_event(category="ACCUSE", source=("RUS", None), target=("IRN", None))]])
    assert r["micro"]["tp"] == 1 and r["strict_micro"]["tp"] == 0
    assert r["detection_recall"] == 0.0
    assert r["source_country_accuracy"] == 0.0 and r["target_country_accuracy"] == 1.0
    assert r["sector_accuracy"] is None
