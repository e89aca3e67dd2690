"""Format validation of the shipped office-holder table ``data/actors/people.tsv``.

These tests check the *form* of the data (see docs/people-data.md), not the truth of the facts.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass
from importlib import resources
from itertools import combinations

import pycountry
import pytest

HEADER = ["name", "aliases", "country", "sector", "role", "start", "end", "note"]
SECTORS = {"GOV", "MIL", "LEG", "JUD", "REB", "INS", "PTY", "OPP", "COP", "IGO", "REL"}
ROLES = {
    "head_of_state",
    "head_of_government",
    "foreign_minister",
    "defence_minister",
    "secretary_general",
    "group_leader",
    "other",
}
NOTE_KEYS = {"org", "group", "overlap", "also"}
NOTE_FLAGS = {"approx", "acting"}
EXTRA_COUNTRIES = {"XKX"}  # Kosovo: user-assigned code, not in ISO 3166-1 proper
LATEST_DATE = dt.date(2026, 11, 28)
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
KEY_RE = re.compile(r"^([a-z_]+)=(.+)$")


@dataclass(frozen=True)
class Row:
    """One parsed data line of people.tsv."""

    line: int
    fields: tuple[str, ...]

    def get(self, column: str) -> str:
        return self.fields[HEADER.index(column)] if len(self.fields) == len(HEADER) else ""

    @property
    def aliases(self) -> list[str]:
        raw = self.get("aliases")
        return raw.split("|") if raw else []

    @property
    def note_tokens(self) -> list[str]:
        note = self.get("note")
        return [t.strip() for t in note.split(";")] if note else []

    def note_value(self, key: str) -> str | None:
        for token in self.note_tokens:
            m = KEY_RE.match(token)
            if m and m.group(1) == key:
                return m.group(2).strip()
        return None

    @property
    def free_text(self) -> list[str]:
        return [t for t in self.note_tokens if not KEY_RE.match(t) and t not in NOTE_FLAGS]


def _read_text() -> str:
    return (resources.files("eventcoder") / "data" / "actors" / "people.tsv").read_text(encoding="utf-8")


TEXT = _read_text()
LINES = TEXT.split("\n")
ROWS: list[Row] = [
    Row(i, tuple(line.split("\t")))
    for i, line in enumerate(LINES[1:], start=2)
    if line and not line.startswith("#")
]
ROW_IDS = [f"L{r.line}:{r.fields[0]}" for r in ROWS]


def _date(text: str) -> dt.date:
    assert DATE_RE.match(text), f"not YYYY-MM-DD: {text!r}"
    return dt.date.fromisoformat(text)


def _valid_country(code: str) -> bool:
    return code in EXTRA_COUNTRIES or pycountry.countries.get(alpha_3=code) is not None


def _end(row: Row) -> dt.date:
    return _date(row.get("end")) if row.get("end") else dt.date.max


def test_file_shape() -> None:
    assert not TEXT.startswith("\ufeff"), "no byte-order mark"
    assert TEXT.endswith("\n") and not TEXT.endswith("\n\n")
    assert LINES[0].split("\t") == HEADER
    assert "\r" not in TEXT
    assert all(line for line in LINES[:-1]), "no blank lines"
    assert len(ROWS) > 500


@pytest.mark.parametrize("row", ROWS, ids=ROW_IDS)
def test_row_fields(row: Row) -> None:
    assert len(row.fields) == len(HEADER), f"expected {len(HEADER)} tab-separated fields"
    for value in row.fields:
        assert value == value.strip() and "  " not in value, f"stray whitespace in {value!r}"
    assert row.get("name")
    assert row.get("sector") in SECTORS
    assert row.get("role") in ROLES


@pytest.mark.parametrize("row", ROWS, ids=ROW_IDS)
def test_row_dates(row: Row) -> None:
    start = _date(row.get("start"))
    assert start <= LATEST_DATE
    if row.get("end"):
        end = _date(row.get("end"))
        assert start <= end <= LATEST_DATE


@pytest.mark.parametrize("row", ROWS, ids=ROW_IDS)
def test_row_country(row: Row) -> None:
    country = row.get("country")
    if country:
        assert _valid_country(country), f"unknown ISO 3166-1 alpha-3 code {country!r}"
        assert row.note_value("org") is None, "organisation offices have an empty country"
    else:
        assert row.note_value("org") or row.note_value("group"), "empty country needs org= or group="


@pytest.mark.parametrize("row", ROWS, ids=ROW_IDS)
def test_row_note(row: Row) -> None:
    for token in row.note_tokens:
        assert token, "empty note token (doubled ';')"
        m = KEY_RE.match(token)
        if m:
            assert m.group(1) in NOTE_KEYS, f"unknown note key {m.group(1)!r}"
    also = row.note_value("also")
    if also is not None:
        assert also.split()[0] in ROLES
    role, sector = row.get("role"), row.get("sector")
    if role == "other":
        assert row.free_text, "role 'other' needs a description in note"
    if role == "group_leader" or sector in {"REB", "INS", "PTY"}:
        assert row.note_value("group") or row.note_value("org"), "group leaders name their group"
    if row.note_value("org"):
        assert re.fullmatch(r"[A-Z][A-Za-z]*", row.note_value("org") or "")


@pytest.mark.parametrize("row", ROWS, ids=ROW_IDS)
def test_row_aliases(row: Row) -> None:
    folded = [a.casefold() for a in row.aliases]
    assert all(a and a == a.strip() for a in row.aliases), "empty alias or stray space"
    assert len(folded) == len(set(folded)), "duplicate alias"
    assert row.get("name").casefold() not in folded, "alias repeats the name"


def test_no_duplicate_terms() -> None:
    seen: dict[tuple[str, str, str], int] = {}
    for row in ROWS:
        key = (row.get("name"), row.get("role"), row.get("start"))
        assert key not in seen, f"duplicate {key} on lines {seen[key]} and {row.line}"
        seen[key] = row.line


def test_alias_names_one_person() -> None:
    """An alias (or a name) must not point at two different people."""
    owners: dict[str, set[str]] = defaultdict(set)
    for row in ROWS:
        for alias in [row.get("name"), *row.aliases]:
            owners[alias.casefold()].add(row.get("name"))
    clashes = {alias: names for alias, names in owners.items() if len(names) > 1}
    assert not clashes


def test_sorted_by_country_then_start() -> None:
    keys = [(r.get("country") == "", r.get("country"), r.get("start")) for r in ROWS]
    assert keys == sorted(keys), "rows must be grouped by country (empty last) and sorted by start"


def _office_key(row: Row) -> tuple[str, str, str]:
    unit = row.note_value("org") or row.note_value("group") or ""
    return (row.get("country"), row.get("role"), unit)


def test_no_undocumented_overlaps() -> None:
    """Two terms of the same office overlap only when a row documents it with ``overlap=``."""
    by_office: dict[tuple[str, str, str], list[Row]] = defaultdict(list)
    for row in ROWS:
        if row.get("role") != "other":
            by_office[_office_key(row)].append(row)
    problems = []
    for office, rows in by_office.items():
        for a, b in combinations(rows, 2):
            overlapping = _date(a.get("start")) < _end(b) and _date(b.get("start")) < _end(a)
            documented = a.note_value("overlap") or b.note_value("overlap")
            if overlapping and not documented:
                problems.append((office, a.get("name"), a.line, b.get("name"), b.line))
    assert not problems
