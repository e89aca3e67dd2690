from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from eventcoder import __version__
from eventcoder.cli import app
from eventcoder.record import json_schema

runner = CliRunner()
SEED = str(Path(__file__).parents[1] / "fixtures" / "seed_article.txt")


@pytest.fixture(scope="module")
def seed_output() -> str:
    result = runner.invoke(app, ["code", SEED, "--published", "2022-01-18"])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and __version__ in result.stdout


def test_schema_is_valid_json_schema() -> None:
    result = runner.invoke(app, ["schema"])
    schema = json.loads(result.stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert "source" in schema["properties"] and "trigger" in schema["required"]


def test_every_record_validates_against_the_schema(seed_output: str) -> None:
    validator = jsonschema.Draft202012Validator(json_schema())
    lines = seed_output.splitlines()
    assert len(lines) >= 5
    for line in lines:
        validator.validate(json.loads(line))


def test_output_is_deterministic(tmp_path: Path) -> None:
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    for out in (a, b):
        res = runner.invoke(app, ["code", SEED, "--published", "2022-01-18", "-o", str(out)])
        assert res.exit_code == 0
    assert a.read_bytes() == b.read_bytes() and a.stat().st_size > 0


def test_bad_inputs_are_named_and_the_rest_is_coded(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "Russia accused Ukraine of shelling the town."}\n{oops\n', encoding="utf-8")
    binary = tmp_path / "bin.txt"
    binary.write_bytes(b"\x00\x00\x01")
    res = runner.invoke(app, ["code", str(tmp_path / "missing.txt"), str(binary), str(bad), SEED])
    assert res.exit_code == 0
    assert "missing.txt" in res.stderr and "bin.txt" in res.stderr and f"{bad}:2" in res.stderr
    assert "Traceback" not in res.stderr
    assert res.stdout.strip()


def test_nothing_codable_exits_non_zero(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    res = runner.invoke(app, ["code", str(empty)])
    assert res.exit_code == 1 and "E005" in res.stderr and "E012" in res.stderr


def test_impossible_published_date(tmp_path: Path) -> None:
    res = runner.invoke(app, ["code", SEED, "--published", "2022-02-30"])
    assert res.exit_code == 2 and "E008" in res.stderr


def test_stdin_jsonl() -> None:
    line = json.dumps(
        {"id": "s1", "text": "Russian troops shelled the Ukrainian town of Avdiivka on Monday."}
    )
    res = runner.invoke(app, ["code", "-", "--published", "2022-03-01"], input=line + "\n")
    assert res.exit_code == 0
    recs = [json.loads(x) for x in res.stdout.splitlines()]
    assert recs and all(r["article_id"] == "s1" for r in recs)


def test_two_workers_write_the_same_bytes_as_one(tmp_path: Path) -> None:
    import io

    from eventcoder.readers import read_paths
    from eventcoder.runner import Stats, code_stream

    src = tmp_path / "in.jsonl"
    lines = [
        json.dumps({"id": f"a{i}", "text": t, "published": "2022-03-01"})
        for i, t in enumerate(
            [
                "Russian troops shelled the Ukrainian town of Avdiivka on Monday.",
                "Germany urged Iran to resume talks with the inspectors.",
                "Turkish President Recep Tayyip Erdogan visited Athens on Thursday.",
                "Israel accused Iran of supplying weapons to Hezbollah.",
                "Japan pledged aid to Turkey after the earthquake.",
            ]
        )
    ]
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    outs = []
    for workers in (1, 2):
        buf, stats = io.StringIO(), Stats()
        code_stream(read_paths([str(src)], None, print), buf, print, stats, workers=workers, batch=2)
        outs.append(buf.getvalue())
        assert stats.articles == 5
    assert outs[0] == outs[1] and outs[0].count("\n") >= 4


ORG_FILE = "phrase\tcode\tcountry\tsector\tkind\nTestland Liberation Front\tTSTREBTLF\t\tREB\tarmed\n"
ORG_TEXT = "The Testland Liberation Front attacked Russian troops on Monday.\n"


@pytest.mark.parametrize("workers", ["1", "2"])
def test_user_actor_files_extend_the_coder(tmp_path: Path, workers: str) -> None:
    (tmp_path / "mine.tsv").write_text(ORG_FILE, encoding="utf-8")
    for n in range(40):  # more than one batch, so that two workers really start
        (tmp_path / f"a{n:02}.txt").write_text(ORG_TEXT, encoding="utf-8")
    texts = sorted(str(p) for p in tmp_path.glob("a*.txt"))
    plain = runner.invoke(app, ["code", *texts, "--published", "2022-01-18", "--workers", workers])
    assert all(json.loads(x)["source"]["code"] != "TSTREBTLF" for x in plain.stdout.splitlines())
    args = ["code", *texts, "--published", "2022-01-18", "--workers", workers]
    res = runner.invoke(app, [*args, "--actors", str(tmp_path / "mine.tsv")])
    assert res.exit_code == 0, res.output
    records = [json.loads(x) for x in res.stdout.splitlines()]
    assert len(records) == 40
    assert {(r["source"]["code"], r["target"]["code"]) for r in records} == {("TSTREBTLF", "RUSMIL")}


def test_a_bad_user_actor_file_stops_the_run_naming_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.tsv"
    bad.write_text("phrase\tcode\tcountry\tsector\tkind\nBad Org\tX\tZZZ\tREB\tarmed\n", encoding="utf-8")
    res = runner.invoke(app, ["code", SEED, "--actors", str(bad)])
    assert res.exit_code == 2
    assert "E013" in res.stderr and f"{bad}:2:" in res.stderr
    assert res.stdout == ""
