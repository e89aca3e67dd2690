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
