"""Ingest: store contents equal the coder's output, idempotency, bad input, failures, workers, kill -9."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import duckdb

from eventcoder.ingest import ingest
from eventcoder.readers import read_paths
from eventcoder.store import Store

COUNTRIES = ["Russia", "Ukraine", "France", "Germany", "China", "Japan", "Iran", "Israel", "Turkey", "Syria"]
VERBS = ["accused {t} of shelling a border town", "met officials from {t}", "criticized {t}",
         "signed a trade agreement with {t}", "threatened {t} with sanctions"]  # fmt: skip
FRENCH = (
    "Le ministre russe des Affaires étrangères a rencontré son homologue ukrainien à Genève lundi, "
    "ont déclaré des responsables. Les discussions ont duré trois heures et ont porté sur la situation "
    "à la frontière."
)
CLI = [sys.executable, "-m", "eventcoder.cli"]


def articles(n: int) -> list[dict]:
    """``n`` small distinct English articles, each with codable events."""
    out = []
    for i in range(n):
        a, b = COUNTRIES[i % 10], COUNTRIES[(i * 3 + 1) % 10]
        b = b if b != a else COUNTRIES[(i + 5) % 10]
        verb = VERBS[i % 5].format(t=b)
        text = (
            f"{a} {verb} on Monday, officials said.\n\n"
            f"The government of {b} rejected the statement number {i} on Tuesday."
        )
        out.append(
            {
                "id": f"gen-{i:03d}",
                "title": f"Story {i}",
                "published": f"2022-03-{1 + i % 28:02d}",
                "text": text,
            }
        )
    return out


def write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def snapshot(db: Path) -> dict[str, list]:
    """The store's content, less what differs between runs (run ids, times)."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {
            "articles": con.execute(
                "SELECT * EXCLUDE (run_id, ingested_at) FROM articles ORDER BY seq"
            ).fetchall(),
            "events": con.execute("SELECT * FROM events ORDER BY article_id, seq").fetchall(),
            "actors": con.execute("SELECT * FROM actors ORDER BY article_id, seq, role").fetchall(),
        }
    finally:
        con.close()


def test_store_holds_exactly_what_the_coder_produces(tmp_path: Path, coder) -> None:
    src = write_jsonl(tmp_path / "a.jsonl", articles(12))
    res = ingest([str(src)], tmp_path / "s.duckdb", batch_size=5, coder=coder, progress=False)
    assert res.status == "completed" and res.counts.coded == 12 and res.counts.failed == 0
    expected = [recs for _, recs in coder.code_articles(read_paths([str(src)], None, print))]
    with Store(tmp_path / "s.duckdb", read_only=True) as s:
        assert list(s.records()) == [r for recs in expected for r in recs]
        assert res.counts.events == sum(map(len, expected)) > 0
        assert s.con.execute("SELECT count(*), sum(n_events) FROM articles").fetchone() == (
            12,
            res.counts.events,
        )


def test_ingesting_twice_adds_nothing_and_says_so(tmp_path: Path, coder) -> None:
    src = write_jsonl(tmp_path / "a.jsonl", articles(6))
    db = tmp_path / "s.duckdb"
    first = ingest([str(src)], db, coder=coder, progress=False)
    before = snapshot(db)
    second = ingest([str(src)], db, coder=coder, progress=False)
    assert first.counts.coded == 6 and not first.nothing_new
    assert second.nothing_new and second.counts.coded == 0 and second.already_stored == 6
    assert snapshot(db) == before
    with Store(db, read_only=True) as s:
        runs = s.con.execute("SELECT coded, duplicates, status FROM runs ORDER BY run_id").fetchall()
        assert runs == [(6, 0, "completed"), (0, 6, "completed")]


def test_repeated_article_in_the_input_is_skipped_and_reported(tmp_path: Path, coder) -> None:
    rows = articles(3)
    src = write_jsonl(tmp_path / "a.jsonl", [*rows, rows[1]])
    res = ingest([str(src)], tmp_path / "s.duckdb", coder=coder, progress=False, report=lambda m: None)
    assert res.counts.coded == 3 and res.repeated == 1
    assert [(x.kind, x.origin) for x in res.issues] == [("duplicate", f"{src}:4")]


def test_malformed_corpus_codes_every_good_article_and_reports_every_bad_one(tmp_path: Path, coder) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    good = articles(4)
    lines = [json.dumps(good[0]), "{not json", json.dumps({"title": "no text"}), json.dumps(good[1])]
    (corpus / "a_dump.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (corpus / "b_binary.txt").write_bytes(b"\x00\x01\x02\x03binary\x00" * 100)
    (corpus / "c_empty.txt").write_bytes(b"")
    (corpus / "d_latin1.txt").write_bytes("Headline\nCaf\xe9 au lait in Paris.".encode("latin-1"))
    (corpus / "e_french.txt").write_text("Titre\n" + FRENCH, encoding="utf-8")
    (corpus / "f_good.txt").write_text(good[2]["title"] + "\n" + good[2]["text"], encoding="utf-8")
    sentence = "Officials in the capital said the talks would continue next week. "
    with open(corpus / "g_huge.txt", "w", encoding="utf-8") as fh:
        fh.write("A 50 MB file\n")
        for _ in range(50 * 2**20 // (len(sentence) * 1000) + 1):
            fh.write(sentence * 1000)
    assert (corpus / "g_huge.txt").stat().st_size >= 50 * 2**20
    (corpus / "h_bad.jsonl.gz").write_bytes(b"\x1f\x8b not gzip")
    (corpus / "i_good.csv").write_text(f'text,published\n"{good[3]["text"]}",2022-04-01\n', encoding="utf-8")
    said: list[str] = []
    db = tmp_path / "s.duckdb"
    res = ingest([str(corpus)], db, coder=coder, progress=False, report=said.append)
    assert res.counts.coded == 4 and res.counts.failed == 0
    expected = {
        (f"{corpus / 'a_dump.jsonl'}:2", "bad_input", "E006"),
        (f"{corpus / 'a_dump.jsonl'}:3", "bad_input", "E007"),
        (str(corpus / "b_binary.txt"), "bad_input", "E004"),
        (str(corpus / "c_empty.txt"), "bad_input", "E005"),
        (str(corpus / "d_latin1.txt"), "bad_input", "E004"),
        (str(corpus / "e_french.txt"), "non_english", "E027"),
        (str(corpus / "g_huge.txt"), "bad_input", "E026"),
        (str(corpus / "h_bad.jsonl.gz"), "bad_input", "E020"),
    }
    with Store(db, read_only=True) as s:
        report = s.con.execute("SELECT origin, kind, message FROM run_report ORDER BY n").fetchall()
        stored = {r[0] for r in s.con.execute("SELECT origin FROM articles").fetchall()}
        run = s.con.execute("SELECT coded, non_english, bad_input, status FROM runs").fetchone()
    assert {(o, k, m[:4]) for o, k, m in report} == expected
    assert len(said) == len(expected) and all(any(m[:4] in x for x in said) for *_, m in expected)
    assert stored == {
        f"{corpus / 'a_dump.jsonl'}:1",
        f"{corpus / 'a_dump.jsonl'}:4",
        str(corpus / "f_good.txt"),
        f"{corpus / 'i_good.csv'}:2",
    }
    assert run == (4, 1, 7, "completed")


def test_a_failing_article_is_recorded_and_the_rest_go_on(tmp_path: Path, coder, monkeypatch) -> None:
    rows = articles(5)
    real = coder.code_sentences

    def flaky(article, sentences):
        if article.id == "gen-002":
            raise RuntimeError("boom")
        return real(article, sentences)

    monkeypatch.setattr(coder, "code_sentences", flaky)
    src = write_jsonl(tmp_path / "a.jsonl", rows)
    db = tmp_path / "s.duckdb"
    res = ingest([str(src)], db, batch_size=2, coder=coder, progress=False, report=lambda m: None)
    assert res.counts.coded == 4 and res.counts.failed == 1
    with Store(db, read_only=True) as s:
        assert s.con.execute("SELECT origin, kind FROM run_report").fetchall() == [(f"{src}:3", "failed")]
        assert "RuntimeError: boom" in s.con.execute("SELECT message FROM run_report").fetchone()[0]
        assert s.con.execute("SELECT failed FROM runs").fetchone() == (1,)
        assert "gen-002" not in s.article_ids()
    monkeypatch.undo()
    again = ingest([str(src)], db, coder=coder, progress=False)  # the failed one is retried, the rest skipped
    assert again.counts.coded == 1 and again.already_stored == 4


def test_workers_give_the_same_store_as_one_process(tmp_path: Path, coder) -> None:
    src = write_jsonl(tmp_path / "a.jsonl", articles(12))
    ingest([str(src)], tmp_path / "one.duckdb", batch_size=3, coder=coder, progress=False)
    res = ingest([str(src)], tmp_path / "two.duckdb", batch_size=3, workers=2, progress=False)
    assert res.counts.coded == 12
    assert snapshot(tmp_path / "two.duckdb") == snapshot(tmp_path / "one.duckdb")


def test_kill_9_then_resume_equals_a_clean_run(tmp_path: Path, coder) -> None:
    src = write_jsonl(tmp_path / "news.jsonl", articles(40))
    clean, killed = tmp_path / "clean.duckdb", tmp_path / "killed.duckdb"
    ingest([str(src)], clean, batch_size=4, coder=coder, progress=False)
    args = ["ingest", str(src), "--db", str(killed), "--batch-size", "4", "--no-progress"]
    proc = subprocess.Popen([*CLI, *args], stderr=subprocess.PIPE, text=True, cwd=tmp_path)
    try:
        assert proc.stderr is not None
        for line in proc.stderr:
            if "committed" in line:  # the first batch is in the store: kill it now
                os.kill(proc.pid, signal.SIGKILL)
                break
    finally:
        proc.kill()
        proc.wait(timeout=60)
    assert proc.returncode == -signal.SIGKILL
    partial = snapshot(killed)
    assert 4 <= len(partial["articles"]) < 40 and len(partial["articles"]) % 4 == 0
    done = subprocess.run([*CLI, *args], capture_output=True, text=True, cwd=tmp_path, timeout=300)
    assert done.returncode == 0, done.stderr
    assert snapshot(killed) == snapshot(clean)
    with Store(killed, read_only=True) as s:
        runs = s.con.execute("SELECT status, coded, duplicates FROM runs ORDER BY run_id").fetchall()
    assert runs[0][0] == "interrupted" and runs[1][0] == "completed"
    assert runs[1][1] + runs[1][2] == 40 and runs[1][2] == len(partial["articles"])


def test_ingest_codes_with_user_actor_files(tmp_path: Path) -> None:
    mine = tmp_path / "mine.tsv"
    mine.write_text(
        "phrase\tcode\tcountry\tsector\tkind\nTestland Liberation Front\tTSTREBTLF\t\tREB\tarmed\n"
    )
    src = write_jsonl(
        tmp_path / "a.jsonl", [{"id": "t1", "text": "The Testland Liberation Front attacked Russia."}]
    )
    res = ingest([str(src)], tmp_path / "s.duckdb", actor_files=[str(mine)], progress=False)
    assert res.counts.coded == 1
    with Store(tmp_path / "s.duckdb", read_only=True) as s:
        assert [r["source"]["code"] for r in s.records()] == ["TSTREBTLF"]
