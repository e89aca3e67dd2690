from __future__ import annotations

import csv

import pytest

from eventcoder.evaluate import osorio
from eventcoder.evaluate.common import NONE


@pytest.mark.parametrize(
    ("value", "root"),
    [("3-11 Disapprove", "11"), ("0-1 Make Public Statement", "01"), ("4-18 Assualt", "18"), ("", None),
     ("junk", None), ("4-25 X", None)],
)  # fmt: skip
def test_parse_code(value, root):
    assert osorio.parse_code(value) == root


@pytest.mark.parametrize(
    ("labels", "maj"),
    [(["01", "01", "11"], "01"), (["01", "11"], None), ([NONE, NONE, "18", "18"], None), ([], None),
     ([NONE, NONE, "18"], NONE)],
)  # fmt: skip
def test_majority(labels, maj):
    assert osorio.majority(labels) == maj


def test_parse_row_reads_coders_and_action_order():
    row = {
        "ids": "x", "sentences": "S.",
        "anncomplete_1": "True", "Action1_CAMEO_1": "", "Action2_CAMEO_1": "3-13 Threaten",
        "anncomplete_2": "False", "Action1_CAMEO_2": "0-1 Make Public Statement",
        "anncomplete_3": "True", "Action2_CAMEO_3": "3-13 Threaten", "Action1_CAMEO_3": "3-11 Disapprove",
        "anncomplete_4": "True",
    }  # fmt: skip
    item = osorio.parse_row(row, "r.csv")
    assert item.coders == {"r.csv:1": ("13",), "r.csv:3": ("11", "13"), "r.csv:4": ()}
    assert [osorio.label_of(a) for a in item.coders.values()] == ["13", "11", NONE]


def _item(i, *labels):
    return osorio.Item(
        str(i), f"t{i}", "f", {f"c{k}": ((lab,) if lab != NONE else ()) for k, lab in enumerate(labels)}
    )


def test_score_agreement_and_leave_one_out_ceiling(make_event):
    items = [
        _item(1, "11", "11", "11"),  # unanimous
        _item(2, "18", "18", "19"),  # majority 18; coder 2 disagrees
        _item(3, NONE, NONE, "01"),  # majority NONE
    ]
    produced = [[make_event("112")], [make_event("190")], []]
    r = osorio.score(items, produced)
    assert r["sentences_with_majority"] == 3 and r["ties"] == 0
    assert r["agreement"] == pytest.approx(2 / 3)
    assert r["agreement_events"] == 0.5 and r["sentences_with_event_majority"] == 2
    # leave-one-out: c0 vs (c1,c2): 11 ok, 18 vs tie(18,19) skipped, NONE vs tie(NONE,01) skipped -> 1/1
    # c1 the same -> 1/1; c2 vs (c0,c1): 11 ok, 19 vs 18 no, 01 vs NONE no -> 1/3
    assert r["per_coder"]["c0"] == pytest.approx(
        {"n": 1, "agreement": 1.0, "agreement_events": 1.0, "ours": 1.0, "ours_events": 1.0}
    )
    assert r["per_coder"]["c2"]["agreement"] == pytest.approx(1 / 3)
    assert r["human_ceiling"] == pytest.approx((1 + 1 + 1 / 3) / 3)
    assert r["per_coder"]["c2"]["ours"] == pytest.approx(2 / 3)  # 11 ok, 19 vs 18 no, NONE vs NONE ok
    assert r["ours_same_protocol"] == pytest.approx((1 + 1 + 2 / 3) / 3)
    assert r["confusion"] == {"11": {"11": 1}, "18": {"19": 1}, NONE: {NONE: 1}}


def test_load_folder(tmp_path):
    fields = ["ids", "sentences", "anncomplete_1", "Action1_CAMEO_1"]
    with (tmp_path / "round7_summary.csv").open("w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=fields)
        w.writeheader()
        w.writerow(
            {"ids": "a", "sentences": "One.", "anncomplete_1": "True", "Action1_CAMEO_1": "1-4 Consult"}
        )
        w.writerow({"ids": "b", "sentences": "", "anncomplete_1": "True", "Action1_CAMEO_1": ""})
    items = osorio.load(tmp_path)
    assert [(i.id, i.coders) for i in items] == [("a", {"round7_summary.csv:1": ("04",)})]
