from __future__ import annotations

import pytest

from eventcoder.evaluate.common import (
    NONE,
    Table,
    classification_prf,
    code_all,
    confusion,
    macro_f1,
    markdown_table,
    pct,
    prf,
    ratio,
    root_of,
    top_event,
)


@pytest.mark.parametrize(
    ("tp", "fp", "fn", "p", "r", "f1"),
    [
        (2, 2, 0, 0.5, 1.0, 2 / 3),
        (0, 0, 3, None, 0.0, None),
        (0, 1, 1, 0.0, 0.0, 0.0),
        (3, 0, 1, 1.0, 0.75, 6 / 7),
    ],
)
def test_prf(tp, fp, fn, p, r, f1):
    out = prf(tp, fp, fn)
    assert out["precision"] == pytest.approx(p) if p is not None else out["precision"] is None
    assert out["recall"] == pytest.approx(r)
    assert (out["f1"] is None) if f1 is None else out["f1"] == pytest.approx(f1)


def test_ratio_zero_denominator_is_undefined():
    assert ratio(3, 0) is None
    assert ratio(1, 4) == 0.25


def test_classification_prf_counts_none_as_no_prediction():
    pairs = [("a", "a"), ("a", NONE), ("b", "a"), ("b", "b")]
    per = classification_prf(pairs)
    assert set(per) == {"a", "b"}
    assert per["a"]["precision"] == 0.5 and per["a"]["recall"] == 0.5
    assert per["b"]["precision"] == 1.0 and per["b"]["recall"] == 0.5
    assert macro_f1(per) == pytest.approx((0.5 + 2 / 3) / 2)


def test_confusion_counts_cells():
    assert confusion([("a", "b"), ("a", "b"), ("a", NONE)]) == {"a": {"b": 2, NONE: 1}}


def test_top_event_prefers_confidence_then_order(make_event):
    first, high, tie = make_event(confidence=0.4), make_event(confidence=0.9), make_event(confidence=0.9)
    assert top_event([first, high, tie]) is high
    assert top_event([]) is None


@pytest.mark.parametrize(("cameo", "root"), [("0311", "03"), ("190", "19"), ("20", "20")])
def test_root_of(make_event, cameo, root):
    assert root_of(make_event(cameo)) == root
    assert root_of(None) is None


def test_code_all_retries_a_failing_chunk_one_text_at_a_time(fake_coder, make_event, quiet_console):
    ev = make_event()
    coder = fake_coder({"a": [ev], "c": [ev, ev]}, crash=["b"])
    run = code_all(coder, ["a", "b", "c", "d"], console=quiet_console, chunk_size=3)
    assert [len(e) for e in run.events] == [1, 0, 2, 0]
    assert [(e["index"], e["text"]) for e in run.errors] == [(1, "b")]
    assert "RuntimeError" in run.errors[0]["error"]
    assert coder.calls == [3, 1, 1, 1, 1]  # chunk of 3 fails, retried singly; last chunk of 1 succeeds


def test_code_all_rejects_wrong_result_count(quiet_console):
    class Short:
        def code_texts(self, texts, published=None):
            return [[]] if len(texts) > 1 else [[{"root": "01"}]]

    run = code_all(Short(), ["x", "y"], console=quiet_console)
    assert run.events == [[{"root": "01"}], [{"root": "01"}]]
    assert run.errors == []


def test_markdown_table_escapes_pipes():
    md = markdown_table(Table("T", ["a", "b"], [["x|y", pct(0.5)]]))
    assert "x\\|y" in md and "50.0%" in md and md.startswith("**T**")
