"""The store commands: ingest, events, sql, export (through Typer's runner)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventcoder.cli import app

runner = CliRunner()
SEED = str(Path(__file__).parents[1] / "fixtures" / "seed_article.txt")


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "store.duckdb"
    res = runner.invoke(
        app, ["ingest", SEED, "--db", str(path), "--published", "2022-01-18", "--no-progress"]
    )
    assert res.exit_code == 0, res.output
    assert "articles coded" in res.stderr
    return path


def _records(args: list[str]) -> list[dict]:
    res = runner.invoke(app, args)
    assert res.exit_code == 0, res.output
    return [json.loads(line) for line in res.stdout.splitlines()]


def test_second_ingest_says_nothing_new(db: Path) -> None:
    res = runner.invoke(app, ["ingest", SEED, "--db", str(db), "--published", "2022-01-18", "--no-progress"])
    assert res.exit_code == 0 and "Nothing new" in res.stderr and "1 already in" in res.stderr


def test_events_filters(db: Path) -> None:
    every = _records(["events", "--db", str(db)])
    assert len(every) >= 5
    usa_rus = _records(["events", "--db", str(db), "--dyad", "USA-RUS"])
    assert usa_rus and all(
        r["source"]["country"] == "USA" and r["target"]["country"] == "RUS" for r in usa_rus
    )
    consult = _records(["events", "--db", str(db), "--cameo", "036"])
    assert consult and all(r["cameo"].startswith("036") for r in consult)
    after = _records(["events", "--db", str(db), "--since", "2022-01-20"])
    assert after and all(r["date"] >= "2022-01-20" for r in after)
    upto = _records(["events", "--db", str(db), "--until", "2022-01-19"])
    assert len(after) + len(upto) == len([r for r in every if r["date"]])
    assert len(_records(["events", "--db", str(db), "--limit", "2"])) == 2


@pytest.mark.parametrize(
    ("args", "code"),
    [(["--dyad", "USARUS"], "E035"), (["--since", "2022-02-30"], "E035"), (["--cameo", "x1"], "E035")],
)
def test_events_bad_options(db: Path, args: list[str], code: str) -> None:
    res = runner.invoke(app, ["events", "--db", str(db), *args])
    assert res.exit_code == 2 and code in res.stderr


def test_sql_is_tab_separated_off_a_terminal(db: Path) -> None:
    res = runner.invoke(app, ["sql", "SELECT count(*) AS n, min(cameo) AS c FROM events", "--db", str(db)])
    assert res.exit_code == 0
    header, row = res.stdout.splitlines()
    assert header == "n\tc" and int(row.split("\t")[0]) >= 5


def test_sql_errors_and_missing_store(db: Path, tmp_path: Path) -> None:
    res = runner.invoke(app, ["sql", "SELEKT 1", "--db", str(db)])
    assert res.exit_code == 2 and "E036" in res.stderr and "Traceback" not in res.output
    res = runner.invoke(app, ["sql", "DELETE FROM events", "--db", str(db)])
    assert res.exit_code == 2 and "E036" in res.stderr  # the store is opened read-only
    res = runner.invoke(app, ["events", "--db", str(tmp_path / "nope.duckdb")])
    assert res.exit_code == 2 and "E031" in res.stderr


def test_export_command(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "e.jsonl"
    res = runner.invoke(app, ["export", "--format", "jsonl", "--db", str(db), "-o", str(out)])
    assert res.exit_code == 0 and "events ->" in res.stderr
    assert (
        out.read_text(encoding="utf-8").splitlines()
        == runner.invoke(app, ["export", "--format", "jsonl", "--db", str(db)]).stdout.splitlines()
    )
    bad = runner.invoke(app, ["export", "--format", "xml", "--db", str(db)])
    assert bad.exit_code == 2 and "E035" in bad.stderr
    no_file = runner.invoke(app, ["export", "--format", "parquet", "--db", str(db)])
    assert no_file.exit_code == 2 and "-o" in no_file.stderr


def test_ingest_bad_options(tmp_path: Path) -> None:
    res = runner.invoke(app, ["ingest", SEED, "--db", str(tmp_path / "x.duckdb"), "--columns", "body"])
    assert res.exit_code == 2 and "E035" in res.stderr
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    res = runner.invoke(app, ["ingest", str(empty), "--db", str(tmp_path / "x.duckdb"), "--no-progress"])
    assert res.exit_code == 1 and "E005" in res.stderr and "E012" in res.stderr
