"""Every export format, read back with csv / json / pyarrow / duckdb and checked against the store."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from eventcoder.cameo import load_cameo
from eventcoder.exports import (
    FLAT_COLUMNS,
    GDELT_COLUMNS,
    ICEWS_COLUMNS,
    country_name,
    export,
    gdelt_row,
    icews_row,
)
from eventcoder.ingest import ingest
from eventcoder.runner import sample_articles
from eventcoder.store import Store

FIXTURES = Path(__file__).parents[1] / "fixtures"


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory, coder) -> Path:
    root = tmp_path_factory.mktemp("exports")
    news = root / "news.jsonl"
    rows = [
        {"id": a.id, "title": a.title, "text": a.text, "published": a.published, "source": a.source}
        for a in sample_articles()
    ]
    news.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    seed = root / "seed.jsonl"
    text = (FIXTURES / "seed_article.txt").read_text(encoding="utf-8")
    head, _, body = text.partition("\n")
    seed.write_text(
        json.dumps(
            {"text": body.strip(), "title": head, "published": "2022-01-18", "url": "https://ex.org/s"}
        )
        + "\n",
        encoding="utf-8",
    )
    db = root / "store.duckdb"
    res = ingest([str(seed), str(news)], db, coder=coder, progress=False)
    assert res.counts.events >= 10
    return db


@pytest.fixture(scope="module")
def records(store_path: Path) -> list[dict]:
    with Store(store_path, read_only=True) as s:
        return list(s.records())


def _export(store_path: Path, fmt: str, out: Path | None = None) -> tuple[int, str]:
    buf = io.StringIO()
    with Store(store_path, read_only=True) as s:
        n = export(s, fmt, out, out=buf)
    return n, buf.getvalue()


def test_jsonl_is_the_stored_records(store_path: Path, records: list[dict]) -> None:
    n, text = _export(store_path, "jsonl")
    assert n == len(records) and [json.loads(x) for x in text.splitlines()] == records


def test_csv_columns_and_values(store_path: Path, records: list[dict], tmp_path: Path) -> None:
    out = tmp_path / "e.csv"
    n, _ = _export(store_path, "csv", out)
    with out.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        assert tuple(reader.fieldnames or ()) == FLAT_COLUMNS
        rows = list(reader)
    assert n == len(rows) == len(records)
    for row, rec in zip(rows, records, strict=True):
        assert row["id"] == rec["id"] and row["cameo"] == rec["cameo"] and row["text"] == rec["text"]
        assert row["source_code"] == (rec["source"]["code"] if rec["source"] else "")
        assert float(row["goldstein"]) == rec["goldstein"] and row["date"] == (rec["date"] or "")
        ctx = rec["plover"] and rec["plover"]["context"]
        assert row["plover_context"] == ("|".join(ctx) if ctx else "")
    assert any(r["article_url"] == "https://ex.org/s" for r in rows)


def test_parquet_schema_and_values(store_path: Path, records: list[dict], tmp_path: Path) -> None:
    out = tmp_path / "e.parquet"
    n, _ = _export(store_path, "parquet", out)
    table = pq.read_table(out)
    assert tuple(table.column_names) == FLAT_COLUMNS and table.num_rows == n == len(records)
    cols = table.to_pydict()
    assert cols["id"] == [r["id"] for r in records]
    assert cols["date"] == [dt.date.fromisoformat(r["date"]) if r["date"] else None for r in records]
    assert cols["plover_context"] == [r["plover"] and r["plover"]["context"] for r in records]
    assert cols["place_lat"] == [r["place"] and r["place"]["lat"] for r in records]


def test_plover_json(store_path: Path, records: list[dict]) -> None:
    n, text = _export(store_path, "plover")
    events = json.loads(text)
    with_plover = [r for r in records if r["plover"]]
    assert n == len(events) == len(with_plover)
    for ev, rec in zip(events, with_plover, strict=True):
        assert ev["id"] == rec["id"] and ev["date"] == rec["date"]
        assert ev["event"] == rec["plover"]["category"] and ev["mode"] == (rec["plover"]["mode"] or "")
        assert ev["context"] == (rec["plover"]["context"] or [])
        assert ev["eventText"] == rec["trigger"]["text"] and ev["text"] == rec["text"]
        if rec["source"]:
            assert ev["source"][0]["actorText"] == rec["source"]["text"]
            assert ev["source"][0]["code"] == (rec["source"]["country"] or rec["source"]["code"])
        if rec["place"]:
            assert ev["eventLoc"]["name"] == rec["place"]["name"] and len(ev["eventLoc"]["country code"]) == 2


def test_gdelt_layout(store_path: Path, records: list[dict], tmp_path: Path) -> None:
    out = tmp_path / "e.tsv"
    n, _ = _export(store_path, "gdelt", out)
    con = duckdb.connect()
    rel = con.execute(
        "SELECT * FROM read_csv(?, delim='\t', header=false, all_varchar=true, quote='', escape='')",
        [str(out)],
    )
    rows = rel.fetchall()
    assert len(rel.description) == len(GDELT_COLUMNS) == 61 and len(rows) == n == len(records)
    col = {name: i for i, name in enumerate(GDELT_COLUMNS)}
    for row, rec in zip(rows, records, strict=True):
        assert row[col["GLOBALEVENTID"]] == rec["id"]
        assert row[col["SQLDATE"]] == rec["date"].replace("-", "")
        assert row[col["EventCode"]] == rec["cameo"] and row[col["EventRootCode"]] == rec["root"]
        assert row[col["EventBaseCode"]] == rec["cameo"][:3]
        assert int(row[col["QuadClass"]]) == rec["quad_class"]
        assert float(row[col["GoldsteinScale"]]) == rec["goldstein"]
        assert row[col["Actor1Code"]] == (rec["source"]["code"] if rec["source"] else None)
        assert row[col["Actor2CountryCode"]] == (rec["target"] and rec["target"]["country"])
        assert row[col["AvgTone"]] is None and row[col["Actor1Geo_Type"]] is None
        if rec["place"]:
            lat = row[col["ActionGeo_Lat"]]
            # a place the gazetteer lacks has its name and type but no coordinates
            assert (float(lat) if lat is not None else None) == rec["place"]["lat"]
            assert row[col["ActionGeo_FullName"]].startswith(rec["place"]["name"])
            assert row[col["ActionGeo_Type"]] in {"1", "2", "3", "4", "5"}
        assert len(row[col["DATEADDED"]]) == 14
    assert "https://ex.org/s" in {r[col["SOURCEURL"]] for r in rows}


def test_a_place_without_coordinates_in_gdelt_and_icews(records: list[dict]) -> None:
    """A place the gazetteer lacks keeps its name and country, with empty coordinates and id."""
    rec = dict(records[0], place={"name": "Kafr Dalim", "country": "SYR", "lat": None, "lon": None,
                                  "geonameid": None, "start": 0, "end": 5})  # fmt: skip
    art = {"id": rec["article_id"], "url": None, "published": "2022-01-18", "source": None, "title": None}
    row = dict(zip(GDELT_COLUMNS, gdelt_row(rec, art), strict=True))
    assert row["ActionGeo_FullName"] == "Kafr Dalim, Syria" and row["ActionGeo_CountryCode"] == "SY"
    assert (row["ActionGeo_Lat"], row["ActionGeo_Long"], row["ActionGeo_FeatureID"]) == ("", "", "")
    icews = dict(zip(ICEWS_COLUMNS, icews_row(rec, art), strict=True))
    assert (icews["Country"], icews["Latitude"], icews["Longitude"]) == ("Syria", "", "")


def test_icews_layout(store_path: Path, records: list[dict]) -> None:
    n, text = _export(store_path, "icews")
    rows = list(csv.DictReader(io.StringIO(text), delimiter="\t", quoting=csv.QUOTE_NONE))
    assert tuple(text.splitlines()[0].split("\t")) == ICEWS_COLUMNS and len(ICEWS_COLUMNS) == 20
    assert n == len(rows) == len(records)
    names = {code: c.name for code, c in load_cameo().items()}
    for row, rec in zip(rows, records, strict=True):
        assert row["Event ID"] == rec["id"] and row["Event Date"] == rec["date"]
        assert row["CAMEO Code"] == rec["cameo"] and row["Event Text"] == names[rec["cameo"]]
        assert float(row["Intensity"]) == rec["goldstein"]
        assert row["Story ID"] == rec["article_id"] and int(row["Sentence Number"]) == rec["sentence"] + 1
        if rec["source"]:
            assert row["Source Country"] == country_name(rec["source"]["country"])
        if rec["place"]:
            assert row["Country"] == country_name(rec["place"]["country"])
            assert rec["place"]["name"] in (row["City"], row["Province"]) or row["Country"]


def test_country_names() -> None:
    assert country_name("RUS") and country_name("USA") == "United States"
    assert country_name(None) == "" and country_name("XXX") == ""


def test_unknown_format(store_path: Path) -> None:
    with Store(store_path, read_only=True) as s, pytest.raises(ValueError):
        export(s, "xml")


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "plover", "gdelt", "icews"])
def test_two_ingests_export_the_same_bytes(tmp_path: Path, store_path: Path, coder, fmt: str) -> None:
    with Store(store_path, read_only=True) as s:
        rows = s.con.execute(
            "SELECT id, text, title, published, url, source FROM articles ORDER BY seq"
        ).fetchall()
    src = tmp_path / "again.jsonl"
    src.write_text(
        "".join(
            json.dumps(
                {"id": i, "text": t, "title": ti, "published": str(p) if p else None, "url": u, "source": so}
            )
            + "\n"
            for i, t, ti, p, u, so in rows
        ),
        encoding="utf-8",
    )
    again = tmp_path / "again.duckdb"
    ingest([str(src)], again, coder=coder, progress=False)
    assert _export(again, fmt)[1] == _export(store_path, fmt)[1]
