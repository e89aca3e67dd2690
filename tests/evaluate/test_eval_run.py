from __future__ import annotations

import gzip
import json

import pytest

from eventcoder import __version__
from eventcoder.evaluate import SETS, run_all, run_eval


@pytest.fixture
def gold_dir(tmp_path):
    g = tmp_path / "gold"
    (g / "plover_gsr").mkdir(parents=True)
    (g / "plover_gsr" / "plover_gsr_dev.json").write_text(json.dumps([
        {"id": "P1", "event": "DISAPPROVE", "text": "France criticised Iran.", "textInfo": {"markup": ""},
         "source": [{"code": "FRA", "sector": "GOV"}], "target": [{"code": "IRN"}]},
        {"id": "P2", "event": "AGREE", "text": "Crash here.", "source": [{"code": "USA"}]},
    ]))  # fmt: skip
    (g / "cameo_codebook").mkdir()
    (g / "cameo_codebook" / "eventtypes.csv").write_text(
        "name,code,goldstein,description,usage_notes,example\nx,111,-2,d,u,France criticised Iran.\n"
    )
    (g / "conflibert_cameo").mkdir()
    (g / "conflibert_cameo" / "cameo_class_test_dev.tsv").write_text("France criticised Iran.\t3\n")
    # osorio absent on purpose; location present
    (g / "event_location").mkdir()
    with gzip.open(g / "event_location" / "event_location_dev.jsonl.gz", "wt") as f:
        f.write(json.dumps({"_id": 7, "text": "France criticised Iran.", "tokens": [],
                            "spans": [{"start": 7, "end": 17, "label": "VERB"}]}) + "\n")  # fmt: skip
    return g


@pytest.fixture
def eval_coder(fake_coder, make_event):
    ev = make_event("111", category="ACCUSE", source=("FRA", "GOV"), target=("IRN", None), trigger=(7, 17))
    return fake_coder({"France criticised Iran.": [ev]}, crash=["Crash here."])


def test_run_eval_unknown_set_and_missing_path(eval_coder, tmp_path):
    with pytest.raises(ValueError, match="plover"):
        run_eval("nope", tmp_path, eval_coder)
    with pytest.raises(FileNotFoundError):
        run_eval("plover", tmp_path / "missing.json", eval_coder)


def test_run_eval_prints_and_writes_json(gold_dir, eval_coder, quiet_console, tmp_path):
    out = tmp_path / "p.json"
    r = run_eval("plover", gold_dir / "plover_gsr", eval_coder, json_out=out, console=quiet_console)
    assert r["records"] == 2 and r["detection_recall"] == 0.5
    assert [e["id"] for e in r["errors"]] == ["P2"]
    assert json.loads(out.read_text())["micro"]["tp"] == 1
    printed = quiet_console.file.getvalue()
    assert "detection recall" in printed and "Coder crashes: 1" in printed


def test_run_all_writes_report(gold_dir, eval_coder, quiet_console, tmp_path):
    md = tmp_path / "docs" / "accuracy.md"
    results = run_all(gold_dir, eval_coder, md, console=quiet_console)
    assert set(results) == {"plover", "codebook", "conflibert", "location"}
    text = md.read_text()
    assert "development splits" in text and __version__ in text and "osorio" in text
    for name in results:
        assert f"## {name}" in text
    assert "### Metric definitions" in text and "| metric | value |" in text
    numbers = json.loads(md.with_suffix(".json").read_text())
    assert numbers["codebook"]["exact_accuracy"] == 1.0
    assert numbers["conflibert"]["accuracy"] == 1.0
    assert numbers["location"]["outcomes"]["right_none"] == 1


def test_every_set_module_has_the_same_interface():
    for module in SETS.values():
        for attr in ("DEFAULT_PATH", "METRICS", "load", "score", "evaluate", "tables"):
            assert hasattr(module, attr), (module.__name__, attr)
