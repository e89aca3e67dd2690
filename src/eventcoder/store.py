"""The embedded store: one DuckDB file holding articles, events, actors and runs, with versioned migrations.

Events are stored flattened, one column per contract-v1 leaf (``source_code``, ``place_lat``...;
``plover_context`` is a ``VARCHAR[]``), so that SQL needs no JSON functions; :func:`unflatten` gives the
contract record back, identical to what the coder produced. See ``docs/store.md``.

Every batch of articles is written in one transaction (articles, their events and actors, and the run's
counters and report lines), so an interrupted run leaves whole articles or none; the next run skips the
article ids already stored.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from .document import Article

DEFAULT_DB = "eventcoder.duckdb"

E030 = (
    "E030 {path}: the store's schema version {found} is newer than this eventcoder knows ({known}); upgrade."
)
E031 = "E031 {path}: no store here (run `eventcoder ingest` first)."

ACTOR_FIELDS = ("text", "start", "end", "code", "country", "sector", "name")
ROLES = ("source", "target", "speaker")
_ACTOR_TYPES = ("VARCHAR", "INTEGER", "INTEGER", "VARCHAR", "VARCHAR", "VARCHAR", "VARCHAR")


def _actor_cols(prefix: str) -> list[tuple[str, str]]:
    return [(f"{prefix}_{f}", t) for f, t in zip(ACTOR_FIELDS, _ACTOR_TYPES, strict=True)]


# The events table's columns in order (name, DuckDB type): one per leaf of the contract-v1 record.
EVENT_COLUMNS: list[tuple[str, str]] = [
    ("article_id", "VARCHAR NOT NULL"),
    ("seq", "INTEGER NOT NULL"),
    ("id", "VARCHAR NOT NULL"),
    ("sentence", "INTEGER"),
    ("text", "VARCHAR"),
    *_actor_cols("source"),
    *_actor_cols("target"),
    ("cameo", "VARCHAR"),
    ("root", "VARCHAR"),
    ("plover_category", "VARCHAR"),
    ("plover_mode", "VARCHAR"),
    ("plover_context", "VARCHAR[]"),
    ("quad_class", "INTEGER"),
    ("goldstein", "DOUBLE"),
    ("status", "VARCHAR"),
    ("attribution_anonymous", "BOOLEAN"),
    *_actor_cols("speaker"),
    ("date", "DATE"),
    ("date_precision", "VARCHAR"),
    ("date_text", "VARCHAR"),
    ("place_name", "VARCHAR"),
    ("place_country", "VARCHAR"),
    ("place_lat", "DOUBLE"),
    ("place_lon", "DOUBLE"),
    ("place_geonameid", "BIGINT"),
    ("place_start", "INTEGER"),
    ("place_end", "INTEGER"),
    ("trigger_text", "VARCHAR"),
    ("trigger_start", "INTEGER"),
    ("trigger_end", "INTEGER"),
    ("confidence", "DOUBLE"),
    ("version", "VARCHAR"),
]

ARTICLE_COLUMNS: list[tuple[str, str]] = [
    ("seq", "BIGINT NOT NULL"),
    ("id", "VARCHAR PRIMARY KEY"),
    ("title", "VARCHAR"),
    ("url", "VARCHAR"),
    ("source", "VARCHAR"),
    ("published", "DATE"),
    ("origin", "VARCHAR"),
    ("text", "VARCHAR"),
    ("n_sentences", "INTEGER"),
    ("n_events", "INTEGER"),
    ("run_id", "INTEGER"),
    ("ingested_at", "TIMESTAMP"),
]

ACTOR_COLUMNS: list[tuple[str, str]] = [
    ("article_id", "VARCHAR NOT NULL"),
    ("seq", "INTEGER NOT NULL"),
    ("role", "VARCHAR NOT NULL"),
    ("event_id", "VARCHAR NOT NULL"),
    *[(f, t) for f, t in zip(ACTOR_FIELDS, _ACTOR_TYPES, strict=True)],
]

COUNTERS = ("articles_read", "coded", "events", "duplicates", "non_english", "bad_input", "failed")


def _ddl(table: str, cols: list[tuple[str, str]], extra: str = "") -> str:
    body = ",\n  ".join(f'"{n}" {t}' for n, t in cols)
    return f"CREATE TABLE {table} (\n  {body}{extra}\n)"


@dataclass(frozen=True)
class Migration:
    version: int
    description: str
    statements: tuple[str, ...]


# Versioned migrations, applied in order, each in its own transaction; never edit a released one, add one.
MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1,
        "articles, events (flattened contract v1), actors, runs, run_report",
        (
            _ddl("articles", ARTICLE_COLUMNS),
            _ddl("events", EVENT_COLUMNS, ",\n  PRIMARY KEY (article_id, seq)"),
            _ddl("actors", ACTOR_COLUMNS, ",\n  PRIMARY KEY (article_id, seq, role)"),
            "CREATE TABLE runs (run_id INTEGER PRIMARY KEY, started_at TIMESTAMP, finished_at TIMESTAMP, "
            "status VARCHAR, inputs VARCHAR[], coder_version VARCHAR, workers INTEGER, batch_size INTEGER, "
            + ", ".join(f"{c} BIGINT DEFAULT 0" for c in COUNTERS)
            + ", seconds DOUBLE)",
            "CREATE TABLE run_report (run_id INTEGER NOT NULL, n INTEGER NOT NULL, kind VARCHAR, "
            "origin VARCHAR, message VARCHAR, PRIMARY KEY (run_id, n))",
        ),
    ),
)
SCHEMA_VERSION = MIGRATIONS[-1].version


class StoreError(Exception):
    """A store that cannot be used (missing, or from a newer eventcoder); the message is user-facing."""


def schema_version(con: duckdb.DuckDBPyConnection) -> int:
    """The store's schema version (0 for an empty database)."""
    has = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_version'"
    ).fetchone()
    if not has or not has[0]:
        return 0
    row = con.execute("SELECT max(version) FROM schema_version").fetchone()
    return int(row[0] or 0) if row else 0


def migrate(con: duckdb.DuckDBPyConnection, path: str = "") -> list[int]:
    """Apply the migrations the database lacks; returns the versions applied."""
    current = schema_version(con)
    if current > SCHEMA_VERSION:
        raise StoreError(E030.format(path=path, found=current, known=SCHEMA_VERSION))
    applied = []
    for m in MIGRATIONS:
        if m.version <= current:
            continue
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute(
                "CREATE TABLE IF NOT EXISTS schema_version "
                "(version INTEGER PRIMARY KEY, description VARCHAR, applied_at TIMESTAMP)"
            )
            for sql in m.statements:
                con.execute(sql)
            con.execute("INSERT INTO schema_version VALUES (?, ?, ?)", [m.version, m.description, _now()])
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        applied.append(m.version)
    return applied


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


# -- records <-> rows ------------------------------------------------------------------------------------
def flatten(record: dict[str, Any], seq: int) -> dict[str, Any]:
    """One contract-v1 record as an events row (column -> value)."""
    row: dict[str, Any] = {"article_id": record["article_id"], "seq": seq}
    for key in ("id", "sentence", "text"):
        row[key] = record[key]
    att = record.get("attribution")
    actors = {
        "source": record.get("source"),
        "target": record.get("target"),
        "speaker": att and att["speaker"],
    }
    for role in ("source", "target"):
        for f in ACTOR_FIELDS:
            row[f"{role}_{f}"] = actors[role] and actors[role][f]
    for key in ("cameo", "root"):
        row[key] = record[key]
    plover = record.get("plover")
    row["plover_category"] = plover and plover["category"]
    row["plover_mode"] = plover and plover.get("mode")
    row["plover_context"] = plover and plover.get("context")
    row["quad_class"] = record["quad_class"]
    row["goldstein"] = float(record["goldstein"])
    row["status"] = record["status"]
    row["attribution_anonymous"] = None if att is None else bool(att["anonymous"])
    for f in ACTOR_FIELDS:
        row[f"speaker_{f}"] = actors["speaker"] and actors["speaker"][f]
    row["date"] = dt.date.fromisoformat(record["date"]) if record.get("date") else None
    row["date_precision"] = record["date_precision"]
    row["date_text"] = record["date_text"]
    place = record.get("place")
    for f in ("name", "country", "lat", "lon", "geonameid", "start", "end"):
        row[f"place_{f}"] = place and place[f]
    for f in ("text", "start", "end"):
        row[f"trigger_{f}"] = record["trigger"][f]
    row["confidence"] = float(record["confidence"])
    row["version"] = record["version"]
    return row


def _actor(row: dict[str, Any], role: str) -> dict[str, Any] | None:
    if row[f"{role}_code"] is None:
        return None
    return {f: row[f"{role}_{f}"] for f in ACTOR_FIELDS}


def unflatten(row: dict[str, Any]) -> dict[str, Any]:
    """An events row (as a dict) back to the contract-v1 record, with the coder's key order."""
    date = row["date"]
    place = None
    if row["place_name"] is not None:
        place = {f: row[f"place_{f}"] for f in ("name", "country", "lat", "lon", "geonameid", "start", "end")}
    att = None
    if row["attribution_anonymous"] is not None:
        att = {"speaker": _actor(row, "speaker"), "anonymous": row["attribution_anonymous"]}
    plover = None
    if row["plover_category"] is not None:
        ctx = row["plover_context"]
        plover = {
            "category": row["plover_category"],
            "mode": row["plover_mode"],
            "context": list(ctx) if ctx else None,
        }
    return {
        "id": row["id"],
        "article_id": row["article_id"],
        "sentence": row["sentence"],
        "text": row["text"],
        "source": _actor(row, "source"),
        "target": _actor(row, "target"),
        "cameo": row["cameo"],
        "root": row["root"],
        "plover": plover,
        "quad_class": row["quad_class"],
        "goldstein": row["goldstein"],
        "status": row["status"],
        "attribution": att,
        "date": date.isoformat() if isinstance(date, dt.date) else date,
        "date_precision": row["date_precision"],
        "date_text": row["date_text"],
        "place": place,
        "trigger": {f: row[f"trigger_{f}"] for f in ("text", "start", "end")},
        "confidence": row["confidence"],
        "version": row["version"],
    }


_ARROW = {
    "VARCHAR": pa.string(),
    "INTEGER": pa.int32(),
    "BIGINT": pa.int64(),
    "DOUBLE": pa.float64(),
    "BOOLEAN": pa.bool_(),
    "DATE": pa.date32(),
    "TIMESTAMP": pa.timestamp("us"),
    "VARCHAR[]": pa.list_(pa.string()),
}


def _table(cols: list[tuple[str, str]], rows: list[dict[str, Any]]) -> pa.Table:
    schema = pa.schema([(n, _ARROW[t.split(" ")[0]]) for n, t in cols])
    return pa.Table.from_pylist(rows, schema=schema)


# -- the store -------------------------------------------------------------------------------------------
@dataclass
class Coded:
    """One coded article on its way into the store."""

    article: Article
    n_sentences: int
    records: list[dict[str, Any]]


@dataclass
class Issue:
    """One line of a run's report: ``kind`` is duplicate, non_english, bad_input or failed."""

    kind: str
    origin: str
    message: str


@dataclass
class RunCounts:
    articles_read: int = 0
    coded: int = 0
    events: int = 0
    duplicates: int = 0
    non_english: int = 0
    bad_input: int = 0
    failed: int = 0
    issues: list[Issue] = field(default_factory=list)

    def as_dict(self) -> dict[str, int]:
        return {c: getattr(self, c) for c in COUNTERS}


class Store:
    """A DuckDB store file; ``read_only`` for queries (several readers may share the file)."""

    def __init__(self, path: str | Path = DEFAULT_DB, read_only: bool = False) -> None:
        self.path = str(path)
        if read_only and not Path(self.path).exists():
            raise StoreError(E031.format(path=self.path))
        if not read_only:
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        self.con = duckdb.connect(self.path, read_only=read_only)
        if read_only:
            found = schema_version(self.con)
            if found == 0:
                self.con.close()
                raise StoreError(E031.format(path=self.path))
            if found > SCHEMA_VERSION:
                self.con.close()
                raise StoreError(E030.format(path=self.path, found=found, known=SCHEMA_VERSION))
        else:
            migrate(self.con, self.path)
        self._report_n: dict[int, int] = {}

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()

    # -- reading ------------------------------------------------------------------------------------
    def article_ids(self) -> set[str]:
        """Every stored article id."""
        return {r[0] for r in self.con.execute("SELECT id FROM articles").fetchall()}

    def counts(self) -> dict[str, int]:
        """Rows per table (articles, events, actors, runs)."""
        out = {}
        for t in ("articles", "events", "actors", "runs"):
            row = self.con.execute(f"SELECT count(*) FROM {t}").fetchone()
            out[t] = int(row[0]) if row else 0
        return out

    def records(
        self, where: str = "", params: Sequence[Any] = (), limit: int | None = None
    ) -> Iterator[dict]:
        """Contract-v1 records in store order (article order, then event order), filtered by SQL ``where``
        over the events columns (aliased ``e``) and the articles columns (aliased ``a``)."""
        sql = "SELECT e.* FROM events e JOIN articles a ON a.id = e.article_id"
        if where:
            sql += f" WHERE {where}"
        sql += " ORDER BY a.seq, e.seq"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        cur = self.con.execute(sql, list(params))
        names = [d[0] for d in cur.description]
        while rows := cur.fetchmany(2000):
            for r in rows:
                yield unflatten(dict(zip(names, r, strict=True)))

    # -- writing ------------------------------------------------------------------------------------
    def start_run(self, inputs: Iterable[str], workers: int, batch_size: int, coder_version: str) -> int:
        """Mark runs left 'running' by a killed process as 'interrupted' and open a new run; its id."""
        self.con.execute("UPDATE runs SET status = 'interrupted' WHERE status = 'running'")
        row = self.con.execute("SELECT coalesce(max(run_id), 0) + 1 FROM runs").fetchone()
        run_id = int(row[0]) if row else 1
        self.con.execute(
            "INSERT INTO runs (run_id, started_at, status, inputs, coder_version, workers, batch_size) "
            "VALUES (?, ?, 'running', ?, ?, ?, ?)",
            [run_id, _now(), list(inputs), coder_version, workers, batch_size],
        )
        self._report_n[run_id] = 0
        return run_id

    def write_batch(self, run_id: int, coded: Sequence[Coded], counts: RunCounts) -> None:
        """Store a batch of coded articles and the run's counters and new report lines, atomically.

        ``counts.issues`` is emptied once written.
        """
        row = self.con.execute("SELECT coalesce(max(seq), 0) FROM articles").fetchone()
        seq = int(row[0]) if row else 0
        now = _now()
        arts, events, actors = [], [], []
        for c in coded:
            a = c.article
            seq += 1
            arts.append(
                {
                    "seq": seq,
                    "id": a.id,
                    "title": a.title,
                    "url": a.url,
                    "source": a.source,
                    "published": dt.date.fromisoformat(a.published) if a.published else None,
                    "origin": a.origin,
                    "text": a.text,
                    "n_sentences": c.n_sentences,
                    "n_events": len(c.records),
                    "run_id": run_id,
                    "ingested_at": now,
                }
            )
            for k, rec in enumerate(c.records):
                events.append(flatten(rec, k))
                att = rec.get("attribution")
                for role, actor in (
                    ("source", rec["source"]),
                    ("target", rec["target"]),
                    ("speaker", att and att["speaker"]),
                ):
                    if actor:
                        actors.append(
                            {
                                "article_id": a.id,
                                "seq": k,
                                "role": role,
                                "event_id": rec["id"],
                                **{f: actor[f] for f in ACTOR_FIELDS},
                            }
                        )
        issues = counts.issues[:]
        n0 = self._report_n.get(run_id, 0)
        report = [
            {"run_id": run_id, "n": n0 + i + 1, "kind": x.kind, "origin": x.origin, "message": x.message}
            for i, x in enumerate(issues)
        ]
        article_t = _table(ARTICLE_COLUMNS, arts)
        event_t = _table(EVENT_COLUMNS, events)
        actor_t = _table(ACTOR_COLUMNS, actors)
        report_t = _table(
            [
                ("run_id", "INTEGER"),
                ("n", "INTEGER"),
                ("kind", "VARCHAR"),
                ("origin", "VARCHAR"),
                ("message", "VARCHAR"),
            ],
            report,
        )
        con = self.con
        con.execute("BEGIN TRANSACTION")
        try:
            for name, t in (
                ("articles", article_t),
                ("events", event_t),
                ("actors", actor_t),
                ("run_report", report_t),
            ):
                if t.num_rows:
                    con.register("_batch", t)
                    con.execute(f"INSERT INTO {name} SELECT * FROM _batch")
                    con.unregister("_batch")
            sets = ", ".join(f"{c} = ?" for c in COUNTERS)
            con.execute(f"UPDATE runs SET {sets} WHERE run_id = ?", [*counts.as_dict().values(), run_id])
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        self._report_n[run_id] = n0 + len(issues)
        del counts.issues[: len(issues)]

    def finish_run(self, run_id: int, status: str, counts: RunCounts, seconds: float) -> None:
        """Close the run with its final counters (and any report lines not yet written)."""
        self.write_batch(run_id, [], counts)
        self.con.execute(
            "UPDATE runs SET status = ?, finished_at = ?, seconds = ? WHERE run_id = ?",
            [status, _now(), round(seconds, 3), run_id],
        )
