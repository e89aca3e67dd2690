from __future__ import annotations

import pytest

from eventcoder.evaluate import codebook, conflibert
from eventcoder.evaluate.common import NONE

CSV = """name,code,goldstein,description,usage_notes,example
ROOT,01,0,NULL,NULL,NULL
Make statement,010,0,d,u,Alpha said something.
Decline comment,011,-0.1,d,u,
Appeal,0211,3,d,u,"Beta urged Gamma, again."
Threaten,130,-4,d,u,Delta threatened Epsilon.
"""


def test_codebook_load_skips_and_counts(tmp_path):
    p = tmp_path / "eventtypes.csv"
    p.write_text(CSV)
    examples, skipped = codebook.load(p)
    assert [e.code for e in examples] == ["010", "0211", "130"]
    assert examples[1].text == "Beta urged Gamma, again."
    assert skipped == {"blank": 1, "null": 1}


def test_codebook_choose_prefers_exact_then_root_then_confidence(make_event):
    top, same_root, exact = make_event("190", confidence=0.9), make_event("021"), make_event("0211")
    assert codebook.choose("0211", [top, same_root, exact]) is exact
    assert codebook.choose("0211", [top, same_root]) is same_root
    assert codebook.choose("0211", [top]) is top
    assert codebook.choose("0211", []) is None


def test_codebook_score(make_event):
    examples = [
        codebook.Example("010", "", "a"),
        codebook.Example("0211", "", "b"),
        codebook.Example("130", "", "c"),
    ]
    produced = [
        [make_event("010")],
        [make_event("190", confidence=0.9), make_event("021", confidence=0.1)],
        [],
    ]
    r = codebook.score(examples, produced)
    assert r["coverage"] == pytest.approx(2 / 3)
    assert r["exact_accuracy"] == pytest.approx(1 / 3)
    assert r["root_accuracy"] == pytest.approx(2 / 3)
    assert r["top_root_accuracy"] == pytest.approx(1 / 3)
    assert r["exact_accuracy_where_coded"] == 0.5
    assert r["per_root"]["13"] == {"n": 1, "coverage": 0.0, "exact_accuracy": 0.0, "root_accuracy": 0.0}
    assert [m["code"] for m in r["root_misses"]] == ["130"]


@pytest.mark.parametrize(
    ("root", "cls"),
    [("01", "0"), ("02", "0"), ("03", "1"), ("05", "1"), ("06", "2"), ("08", "2"), ("09", "3"), ("13", "3"),
     ("16", "3"), ("14", "4"), ("15", "4"), ("17", "4"), ("20", "4"), (None, NONE), ("21", NONE)],
)  # fmt: skip
def test_class_of_root(root, cls):
    assert conflibert.class_of_root(root) == cls


def test_conflibert_load_folder(tmp_path):
    (tmp_path / "cameo_class_a_dev.tsv").write_text("One\tsentence.\t3\nbad line\n\nTwo.\t0\n")
    (tmp_path / "cameo_class_b_dev.tsv").write_text("Three.\t4\n")
    (tmp_path / "other.tsv").write_text("Ignored.\t1\n")
    sentences, bad = conflibert.load(tmp_path)
    assert [(s.text, s.label, s.file) for s in sentences] == [
        ("One\tsentence.", "3", "cameo_class_a_dev.tsv"),
        ("Two.", "0", "cameo_class_a_dev.tsv"),
        ("Three.", "4", "cameo_class_b_dev.tsv"),
    ]
    assert bad == 1


def test_conflibert_score_uses_top_event(make_event):
    s = [conflibert.Sentence(t, lab, "f") for t, lab in [("a", "4"), ("b", "3"), ("c", "0"), ("d", "1")]]
    produced = [
        [make_event("010", confidence=0.2), make_event("190", confidence=0.8)],  # top is 19 -> 4, right
        [make_event("173")],  # 4, wrong
        [],
        [make_event("036")],  # 1, right
    ]
    r = conflibert.score(s, produced)
    assert r["coverage"] == 0.75
    assert r["accuracy_where_coded"] == pytest.approx(2 / 3)
    assert r["accuracy"] == 0.5
    assert r["per_class"]["4"]["precision"] == 0.5 and r["per_class"]["4"]["recall"] == 1.0
    assert r["per_class"]["0"]["recall"] == 0.0 and r["per_class"]["0"]["precision"] is None
    assert r["confusion"]["3"] == {"4": 1} and r["confusion"]["0"] == {NONE: 1}
    assert r["per_file"]["f"]["n"] == 4
