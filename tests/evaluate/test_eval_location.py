from __future__ import annotations

import gzip
import json

import pytest

from eventcoder.evaluate import location
from eventcoder.evaluate.location import Record

TEXT = "Gunmen killed two men in Mosul on Friday."
TOKENS = [{"text": "Gunmen", "start": 0, "end": 6}, {"text": "killed", "start": 7, "end": 13},
          {"text": "in", "start": 22, "end": 24}, {"text": "Mosul", "start": 25, "end": 30}]  # fmt: skip


@pytest.mark.parametrize(
    ("span", "ok"),
    [
        ({"start": 25, "end": 30, "text": "Mosul"}, True),
        ({"start": 25, "end": 30}, True),
        ({"start": 25, "end": 30, "token_start": 3, "token_end": 3}, True),
        ({"start": 3, "end": 3, "token_start": 3, "token_end": 3, "text": "Mosul"}, False),  # token indices
        ({"start": 24, "end": 30, "text": "Mosul"}, False),
        ({"start": 25, "end": 30, "token_start": 2, "token_end": 3}, False),
        ({"start": 25, "end": 30, "token_start": 3, "token_end": 9}, False),
        ({"start": 35, "end": 99}, False),
    ],
)
def test_span_ok(span, ok):
    assert location.span_ok(span, TEXT, TOKENS) is ok


def test_load_skips_and_counts(tmp_path):
    good = {
        "_id": 1,
        "text": TEXT,
        "tokens": TOKENS,
        "spans": [
            {"start": 7, "end": 13, "label": "VERB"},
            {"start": 25, "end": 30, "label": "LOCATION", "text": "Mosul"},
        ],
    }
    bad = {
        "_id": 2,
        "text": TEXT,
        "tokens": TOKENS,
        "spans": [
            {"start": 7, "end": 13, "label": "VERB"},
            {"start": 3, "end": 3, "label": "LOCATION", "text": "Mosul"},
        ],
    }
    no_verb = {"_id": 3, "text": TEXT, "tokens": TOKENS, "spans": []}  # fmt: skip
    p = tmp_path / "event_location_dev.jsonl.gz"
    with gzip.open(p, "wt") as f:
        f.write("\n".join(json.dumps(r) for r in (good, bad, no_verb)) + "\n")
    records, skipped = location.load(tmp_path)
    assert records == [Record("1", TEXT, ((7, 13),), ((25, 30),))]
    assert skipped == {"offsets": 1, "no_verb": 1}


def _place(start, end, name="P", lat=1.0):
    return {"name": name, "country": None, "lat": lat, "lon": 2.0 if lat is not None else None,
            "geonameid": None, "start": start, "end": end}  # fmt: skip


def test_our_event_needs_trigger_overlap(make_event):
    rec = Record("1", TEXT, ((7, 13),), ())
    far = make_event(trigger=(0, 6), confidence=0.9)
    near_low, near_high = (
        make_event(trigger=(7, 13), confidence=0.2),
        make_event(trigger=(9, 12), confidence=0.6),
    )
    assert location.our_event(rec, [far, near_low, near_high]) is near_high
    assert location.our_event(rec, [far]) is None


@pytest.mark.parametrize(
    ("locs", "place", "out"),
    [
        (((25, 30),), _place(25, 30), "right_place"),
        (((25, 30),), _place(20, 27), "right_place"),  # overlap counts
        (((25, 30),), _place(0, 6), "wrong_place"),
        (((25, 30),), None, "missed_place"),
        ((), _place(25, 30), "false_place"),
        ((), None, "right_none"),
        (((0, 6), (25, 30)), _place(26, 28), "right_place"),
    ],
)
def test_outcome(locs, place, out):
    assert location.outcome(Record("1", TEXT, ((7, 13),), locs), place) == out


def test_score(make_event):
    recs = [
        Record("1", TEXT, ((7, 13),), ((25, 30),)),
        Record("2", TEXT, ((7, 13),), ((25, 30),)),
        Record("3", TEXT, ((7, 13),), ()),
        Record("4", TEXT, ((7, 13),), ()),
    ]
    produced = [
        [make_event(trigger=(7, 13), place=_place(25, 30))],
        [make_event(trigger=(0, 6), place=_place(25, 30, lat=None))],  # event not on the verb: no place
        [make_event(trigger=(7, 13), place=_place(25, 30))],
        [],
    ]
    r = location.score(recs, produced)
    assert r["outcomes"] == {"right_place": 1, "wrong_place": 0, "missed_place": 1, "false_place": 1,
                             "right_none": 1}  # fmt: skip
    assert r["accuracy"] == 0.5 and r["accuracy_located"] == 0.5 and r["accuracy_unlocated"] == 0.5
    assert r["missed_place_rate"] == 0.5 and r["false_place_rate"] == 0.5
    assert r["place_precision"] == 0.5
    assert r["event_found"] == 0.5
    assert r["geocoding_coverage"] == pytest.approx(2 / 3)
    assert set(r["examples"]) == {"missed_place", "false_place"}
