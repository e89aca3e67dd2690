"""The DuckDB store: migrations, the flattened record round trip, atomic batches."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from eventcoder.document import Article
from eventcoder.store import (
    EVENT_COLUMNS,
    MIGRATIONS,
    SCHEMA_VERSION,
    Coded,
    Issue,
    RunCounts,
    Store,
    StoreError,
    flatten,
    migrate,
    schema_version,
    unflatten,
)


@pytest.fixture(scope="module")
def seed_coded(coder, seed_text: str) -> Coded:
    head, _, body = seed_text.partition("\n")
    art = Article.create(body.strip(), title=head, published="2022-01-18", origin="seed_article.txt")
    ((a, recs),) = list(coder.code_articles([art]))
    assert len(recs) >= 5
    return Coded(a, len(a.sentences), recs)


def test_fresh_store_is_migrated_once(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    with Store(db) as s:
        assert schema_version(s.con) == SCHEMA_VERSION == MIGRATIONS[-1].version
        tables = {r[0] for r in s.con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
        assert {"articles", "events", "actors", "runs", "run_report", "schema_version"} <= tables
        assert migrate(s.con) == []  # nothing left to apply
    with Store(db) as s:
        assert s.con.execute("SELECT count(*) FROM schema_version").fetchone() == (len(MIGRATIONS),)


def test_store_from_a_newer_version_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    Store(db).close()
    con = duckdb.connect(str(db))
    con.execute("INSERT INTO schema_version VALUES (?, 'future', now())", [SCHEMA_VERSION + 1])
    con.close()
    for read_only in (False, True):
        with pytest.raises(StoreError, match="E030"):
            Store(db, read_only=read_only)


def test_missing_store_read_only_is_a_user_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="E031"):
        Store(tmp_path / "none.duckdb", read_only=True)
    assert not (tmp_path / "none.duckdb").exists()


def test_flatten_covers_every_column_and_round_trips(seed_coded: Coded) -> None:
    for k, rec in enumerate(seed_coded.records):
        row = flatten(rec, k)
        assert list(row) == [n for n, _ in EVENT_COLUMNS]
        assert unflatten(row) == rec


def test_batch_round_trip_through_duckdb(tmp_path: Path, seed_coded: Coded) -> None:
    with Store(tmp_path / "s.duckdb") as s:
        run = s.start_run(["seed"], 1, 8, "test")
        counts = RunCounts(articles_read=1, coded=1, events=len(seed_coded.records))
        counts.issues.append(Issue("bad_input", "x.jsonl:3", "E006 x.jsonl:3: malformed JSON"))
        s.write_batch(run, [seed_coded], counts)
        assert counts.issues == []
        assert list(s.records()) == seed_coded.records
        assert s.counts()["events"] == len(seed_coded.records)
        n_actors = sum(
            (r["source"] is not None)
            + (r["target"] is not None)
            + bool(r["attribution"] and r["attribution"]["speaker"])
            for r in seed_coded.records
        )
        assert s.counts()["actors"] == n_actors
        art = s.con.execute("SELECT id, published, n_sentences, n_events, origin FROM articles").fetchone()
        assert art[0] == seed_coded.article.id and str(art[1]) == "2022-01-18"
        assert art[2] == seed_coded.n_sentences and art[3] == len(seed_coded.records)
        assert s.con.execute("SELECT origin, kind FROM run_report").fetchall() == [("x.jsonl:3", "bad_input")]
        assert s.con.execute("SELECT coded, events, status FROM runs").fetchone() == (
            1,
            len(seed_coded.records),
            "running",
        )


def test_a_failing_batch_leaves_nothing_half_written(tmp_path: Path, seed_coded: Coded) -> None:
    with Store(tmp_path / "s.duckdb") as s:
        run = s.start_run(["seed"], 1, 8, "test")
        counts = RunCounts(coded=2)
        # the same article twice in one batch breaks the primary key: the whole batch must roll back
        with pytest.raises(duckdb.Error):
            s.write_batch(run, [seed_coded, seed_coded], counts)
        assert s.counts() == {"articles": 0, "events": 0, "actors": 0, "runs": 1}
        assert s.con.execute("SELECT coded FROM runs").fetchone() == (0,)
        s.write_batch(run, [seed_coded], RunCounts(coded=1))  # the connection is still usable
        assert s.counts()["articles"] == 1


def test_stale_running_runs_are_marked_interrupted(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    with Store(db) as s:
        s.start_run(["a"], 1, 8, "test")  # never finished, like a killed process
    with Store(db) as s:
        run = s.start_run(["a"], 1, 8, "test")
        s.finish_run(run, "completed", RunCounts(), 1.0)
        assert s.con.execute("SELECT run_id, status FROM runs ORDER BY run_id").fetchall() == [
            (1, "interrupted"),
            (2, "completed"),
        ]


@pytest.mark.parametrize(
    ("where", "params", "expect"),
    [("e.cameo LIKE ?", ["03%"], lambda r: r["cameo"].startswith("03")),
     ("e.source_country = ?", ["USA"], lambda r: r["source"]["country"] == "USA")],
)  # fmt: skip
def test_records_filter(tmp_path: Path, seed_coded: Coded, where: str, params: list, expect) -> None:
    with Store(tmp_path / "s.duckdb") as s:
        s.write_batch(s.start_run(["seed"], 1, 8, "t"), [seed_coded], RunCounts())
        got = list(s.records(where, params))
        assert got == [r for r in seed_coded.records if expect(r)]
        assert got and len(list(s.records(where, params, limit=1))) == 1
