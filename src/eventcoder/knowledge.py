"""Actor knowledge: the country, sector, title, organisation and people tables, loaded and validated.

The tables are TSV files in ``eventcoder/data/actors/`` (format in ``docs/actors-data.md``). Every loader is
cached; a malformed line raises :class:`KnowledgeError` (a ``ValueError``) naming the file and the line.
This module only *loads* knowledge; matching it against text is the actors stage's job.

>>> [p.iso3 for p in country_phrases() if p.phrase == "Kremlin"]
['RUS']
>>> sector_lemmas()["troop"]
('MIL', 'noun')
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path

import pycountry

COUNTRY_KINDS = frozenset({"name", "display", "adj", "people", "capital", "metonym", "ignore"})
SECTOR_KINDS = frozenset({"noun", "adj"})
ORG_KINDS = frozenset({"igo", "ngo", "armed", "party", "state"})

HEADERS: dict[str, tuple[str, ...]] = {
    "countries": ("phrase", "iso3", "kind", "sector"),
    "sectors": ("lemma", "sector", "kind"),
    "titles": ("phrase", "sector", "country"),
    "organizations": ("phrase", "code", "country", "sector", "kind"),
    "people": ("name", "aliases", "country", "sector", "role", "start", "end", "note"),
}
# Codes that are not in ISO 3166-1 but are used as country codes (Kosovo, as in CAMEO and the EU).
EXTRA_ISO3 = frozenset({"XKX"})

_CODE = re.compile(r"^[A-Z]{3}(?:[A-Z0-9]{3}){0,2}$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class KnowledgeError(ValueError):
    """A malformed knowledge file: ``str(err)`` is ``"<file>:<line>: <what is wrong>"``."""

    def __init__(self, source: str, line: int, message: str) -> None:
        super().__init__(f"{source}:{line}: {message}")
        self.source = source
        self.line = line


@dataclass(frozen=True, slots=True)
class CountryPhrase:
    """A phrase that names a country (or its government, for ``capital`` and ``metonym``)."""

    phrase: str
    iso3: str
    kind: str  # name | adj | people | capital | metonym  ("display" rows are returned as "name")
    sector: str | None = None


@dataclass(frozen=True, slots=True)
class Title:
    """An office or rank, lower case. ``sector`` None: take the sector of the organisation named with it."""

    phrase: str
    sector: str | None
    country: str | None = None


@dataclass(frozen=True, slots=True)
class Org:
    """A named organisation: IGO, NGO, armed group, party or state body."""

    phrase: str
    code: str
    country: str | None
    sector: str
    kind: str


@dataclass(frozen=True, slots=True)
class Person:
    """An office-holder: ``role`` held in ``country``/``sector`` from ``start`` to ``end`` (None = open)."""

    name: str
    aliases: tuple[str, ...]
    country: str | None
    sector: str | None
    role: str
    start: date | None
    end: date | None
    note: str | None = None

    def active_on(self, day: date) -> bool:
        """True when ``day`` falls inside the term (open ends count as unbounded)."""
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True, slots=True)
class ActorTables:
    """All actor tables together; built-in ones from :func:`builtin_tables`, a user's from a file."""

    countries: tuple[CountryPhrase, ...] = ()
    blocked: frozenset[str] = frozenset()
    sectors: dict[str, tuple[str, str]] = field(default_factory=dict)
    titles: tuple[Title, ...] = ()
    organizations: tuple[Org, ...] = ()
    people: tuple[Person, ...] = ()

    def extended(self, other: ActorTables) -> ActorTables:
        """These tables with ``other``'s entries added; ``other`` wins where both define the same phrase.

        Countries: a phrase in ``other`` (of any kind, ``ignore`` included) replaces every entry for that
        phrase here. Titles, organisations: same phrase (titles compared in lower case). Sectors: same
        lemma. People are appended (terms have dates, so nothing is replaced).
        """
        c_new = {p.phrase for p in other.countries} | set(other.blocked)
        t_new = {t.phrase for t in other.titles}
        o_new = {o.phrase for o in other.organizations}
        return ActorTables(
            countries=tuple(p for p in self.countries if p.phrase not in c_new) + other.countries,
            blocked=frozenset(b for b in self.blocked if b not in c_new) | other.blocked,
            sectors={**self.sectors, **other.sectors},
            titles=tuple(t for t in self.titles if t.phrase not in t_new) + other.titles,
            organizations=tuple(o for o in self.organizations if o.phrase not in o_new) + other.organizations,
            people=self.people + other.people,
        )


# --------------------------------------------------------------------------------------------- reading


def _read_rows(text: str, source: str, header: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield (line number, row) for the data lines of a TSV whose header must equal ``header``."""
    seen_header = False
    for lineno, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip("\r")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = line.split("\t")
        if not seen_header:
            if tuple(f.strip() for f in fields) != header:
                raise KnowledgeError(
                    source, lineno, f"expected the header {'<TAB>'.join(header)!r}, got {line!r}"
                )
            seen_header = True
            continue
        if len(fields) > len(header):
            raise KnowledgeError(
                source,
                lineno,
                f"{len(fields)} tab-separated fields, expected {len(header)} ({', '.join(header)})",
            )
        fields += [""] * (len(header) - len(fields))  # trailing empty fields may be left out
        yield lineno, {h: f.strip() for h, f in zip(header, fields, strict=True)}
    if not seen_header:
        raise KnowledgeError(source, 1, f"no header line (expected {'<TAB>'.join(header)!r})")


def _package_text(name: str) -> str | None:
    res = resources.files("eventcoder") / "data" / "actors" / name
    if not res.is_file():
        return None
    return res.read_text(encoding="utf-8")


def _package_source(name: str) -> str:
    return f"eventcoder/data/actors/{name}"


@lru_cache(maxsize=1)
def iso3_codes() -> frozenset[str]:
    """Every country code the tables may use: ISO 3166-1 alpha-3 plus XKX (Kosovo)."""
    return frozenset(c.alpha_3 for c in pycountry.countries) | EXTRA_ISO3


@lru_cache(maxsize=1)
def sector_codes() -> dict[str, str]:
    """Sector code -> meaning, from ``sector_codes.tsv``."""
    name = "sector_codes.tsv"
    text = _package_text(name) or ""
    out: dict[str, str] = {}
    for lineno, row in _read_rows(text, _package_source(name), ("code", "meaning")):
        if not re.fullmatch(r"[A-Z]{3}", row["code"]):
            raise KnowledgeError(_package_source(name), lineno, f"bad sector code {row['code']!r}")
        out[row["code"]] = row["meaning"]
    return out


def _check_iso3(value: str, source: str, lineno: int, *, required: bool) -> str | None:
    if not value:
        if required:
            raise KnowledgeError(source, lineno, "missing country code (iso3)")
        return None
    if value not in iso3_codes():
        raise KnowledgeError(source, lineno, f"unknown country code {value!r} (expected ISO 3166-1 alpha-3)")
    return value


def _check_sector(value: str, source: str, lineno: int, *, required: bool) -> str | None:
    if not value:
        if required:
            raise KnowledgeError(source, lineno, "missing sector code")
        return None
    if value not in sector_codes():
        raise KnowledgeError(source, lineno, f"unknown sector code {value!r} (see sector_codes.tsv)")
    return value


def _check_kind(value: str, kinds: frozenset[str], source: str, lineno: int) -> str:
    if value not in kinds:
        raise KnowledgeError(source, lineno, f"kind {value!r} is not one of {', '.join(sorted(kinds))}")
    return value


def _need(value: str, what: str, source: str, lineno: int) -> str:
    if not value:
        raise KnowledgeError(source, lineno, f"empty {what}")
    return value


def _parse_countries(text: str, source: str) -> tuple[list[CountryPhrase], set[str], dict[str, str]]:
    """Rows, the ignored phrases, and the display names (iso3 -> name)."""
    rows: list[CountryPhrase] = []
    ignored: set[str] = set()
    display: dict[str, str] = {}
    for n, r in _read_rows(text, source, HEADERS["countries"]):
        phrase = _need(r["phrase"], "phrase", source, n)
        kind = _check_kind(r["kind"], COUNTRY_KINDS, source, n)
        if kind == "ignore":
            if r["iso3"] or r["sector"]:
                raise KnowledgeError(source, n, "an 'ignore' row takes no iso3 and no sector")
            ignored.add(phrase)
            continue
        iso3 = _check_iso3(r["iso3"], source, n, required=True)
        assert iso3 is not None
        sector = _check_sector(r["sector"], source, n, required=kind in ("capital", "metonym"))
        if kind in ("name", "display", "adj", "people") and sector:
            raise KnowledgeError(source, n, f"a {kind!r} row takes no sector")
        if kind == "display":
            if iso3 in display:
                raise KnowledgeError(source, n, f"second display name for {iso3}")
            display[iso3] = phrase
            kind = "name"
        rows.append(CountryPhrase(phrase, iso3, kind, sector))
    return rows, ignored, display


def _parse_sectors(text: str, source: str) -> dict[str, tuple[str, str]]:
    out: dict[str, tuple[str, str]] = {}
    for n, r in _read_rows(text, source, HEADERS["sectors"]):
        lemma = _need(r["lemma"], "lemma", source, n)
        if lemma != lemma.lower():
            raise KnowledgeError(source, n, f"lemma {lemma!r} must be lower case")
        if lemma in out:
            raise KnowledgeError(source, n, f"duplicate lemma {lemma!r}")
        sector = _check_sector(r["sector"], source, n, required=True)
        assert sector is not None
        out[lemma] = (sector, _check_kind(r["kind"], SECTOR_KINDS, source, n))
    return out


def _parse_titles(text: str, source: str) -> list[Title]:
    out: list[Title] = []
    seen: set[str] = set()
    for n, r in _read_rows(text, source, HEADERS["titles"]):
        phrase = _need(r["phrase"], "phrase", source, n)
        if phrase != phrase.lower():
            raise KnowledgeError(source, n, f"title {phrase!r} must be lower case")
        if phrase in seen:
            raise KnowledgeError(source, n, f"duplicate title {phrase!r}")
        seen.add(phrase)
        sector = _check_sector(r["sector"], source, n, required=False)
        out.append(Title(phrase, sector, _check_iso3(r["country"], source, n, required=False)))
    return out


def _parse_orgs(text: str, source: str) -> list[Org]:
    out: list[Org] = []
    seen: set[str] = set()
    for n, r in _read_rows(text, source, HEADERS["organizations"]):
        phrase = _need(r["phrase"], "phrase", source, n)
        if phrase in seen:
            raise KnowledgeError(source, n, f"duplicate organisation phrase {phrase!r}")
        seen.add(phrase)
        code = r["code"]
        if not _CODE.match(code):
            raise KnowledgeError(source, n, f"bad actor code {code!r} (3, 6 or 9 capitals/digits)")
        country = _check_iso3(r["country"], source, n, required=False)
        sector = _check_sector(r["sector"], source, n, required=True)
        assert sector is not None
        out.append(Org(phrase, code, country, sector, _check_kind(r["kind"], ORG_KINDS, source, n)))
    return out


def _parse_date(value: str, what: str, source: str, lineno: int) -> date | None:
    if not value:
        return None
    if not _DATE.match(value):
        raise KnowledgeError(source, lineno, f"{what} {value!r} is not YYYY-MM-DD")
    try:
        return date.fromisoformat(value)
    except ValueError as e:
        raise KnowledgeError(source, lineno, f"{what} {value!r} is not a real date") from e


def _parse_people(text: str, source: str) -> list[Person]:
    out: list[Person] = []
    for n, r in _read_rows(text, source, HEADERS["people"]):
        name = _need(r["name"], "name", source, n)
        aliases = tuple(a.strip() for a in r["aliases"].split("|") if a.strip())
        start = _parse_date(r["start"], "start", source, n)
        end = _parse_date(r["end"], "end", source, n)
        if start and end and end < start:
            raise KnowledgeError(source, n, f"end {end} is before start {start}")
        out.append(
            Person(
                name=name,
                aliases=aliases,
                country=_check_iso3(r["country"], source, n, required=False),
                sector=_check_sector(r["sector"], source, n, required=False),
                role=r["role"],
                start=start,
                end=end,
                note=r["note"] or None,
            )
        )
    return out


# --------------------------------------------------------------------------------------------- built-ins


def _strip_the(name: str) -> str:
    return name[4:] if name.lower().startswith("the ") else name


@lru_cache(maxsize=1)
def _countries() -> tuple[tuple[CountryPhrase, ...], frozenset[str], dict[str, str]]:
    name = "countries_extra.tsv"
    extra, ignored, display = _parse_countries(_package_text(name) or "", _package_source(name))
    extra_iso = {}
    for p in extra:
        extra_iso.setdefault(p.phrase, set()).add(p.iso3)
    rows: list[CountryPhrase] = list(extra)
    for c in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            value = getattr(c, attr, None)
            if not value:
                continue
            phrase = _strip_the(value)
            if phrase in ignored:
                continue
            if phrase in extra_iso and c.alpha_3 not in extra_iso[phrase]:
                continue  # countries_extra.tsv wins on conflicts
            rows.append(CountryPhrase(phrase, c.alpha_3, "name", None))
    unique = sorted(set(rows), key=lambda p: (p.phrase.casefold(), p.phrase, p.iso3, p.kind, p.sector or ""))
    return tuple(unique), frozenset(ignored), display


def country_phrases() -> list[CountryPhrase]:
    """Every country phrase: pycountry's names plus ``countries_extra.tsv`` (which wins on conflicts)."""
    return list(_countries()[0])


def blocked_phrases() -> frozenset[str]:
    """Phrases that are not country mentions although they contain one ("New Mexico", "South China Sea")."""
    return _countries()[1]


def country_name(iso3: str) -> str:
    """The usual English short name of a country ("Russia" for RUS). KeyError for an unknown code."""
    display = _countries()[2]
    if iso3 in display:
        return display[iso3]
    c = pycountry.countries.get(alpha_3=iso3)
    if c is None:
        raise KeyError(f"unknown country code {iso3!r}")
    return getattr(c, "common_name", None) or c.name


@lru_cache(maxsize=1)
def sector_lemmas() -> dict[str, tuple[str, str]]:
    """Lower-case lemma -> (sector code, kind); look up ``token.lemma_.lower()``."""
    name = "sectors.tsv"
    return _parse_sectors(_package_text(name) or "", _package_source(name))


@lru_cache(maxsize=1)
def _titles() -> tuple[Title, ...]:
    name = "titles.tsv"
    return tuple(_parse_titles(_package_text(name) or "", _package_source(name)))


def titles() -> list[Title]:
    """Titles and offices (lower case), with their sector and default country."""
    return list(_titles())


@lru_cache(maxsize=1)
def _organizations() -> tuple[Org, ...]:
    name = "organizations.tsv"
    return tuple(_parse_orgs(_package_text(name) or "", _package_source(name)))


def organizations() -> list[Org]:
    """Named organisations with their CAMEO-style code, country, sector and kind."""
    return list(_organizations())


@lru_cache(maxsize=1)
def _people() -> tuple[Person, ...]:
    name = "people.tsv"
    text = _package_text(name)
    return () if text is None else tuple(_parse_people(text, _package_source(name)))


def people() -> list[Person]:
    """Office-holders from ``people.tsv`` ([] when the file is absent)."""
    return list(_people())


@lru_cache(maxsize=1)
def un_members() -> frozenset[str]:
    """ISO3 codes of the 193 UN member states."""
    text = _package_text("un_members.txt") or ""
    return frozenset(s.strip() for s in text.splitlines() if s.strip() and not s.startswith("#"))


@lru_cache(maxsize=1)
def builtin_tables() -> ActorTables:
    """All built-in tables in one object (extend it with :meth:`ActorTables.extended`)."""
    countries, blocked, _ = _countries()
    return ActorTables(
        countries=countries,
        blocked=blocked,
        sectors=dict(sector_lemmas()),
        titles=_titles(),
        organizations=_organizations(),
        people=_people(),
    )


# --------------------------------------------------------------------------------------------- user files


def with_user_actors(paths: Sequence[str | Path]) -> ActorTables:
    """The built-in tables extended by a user's actor files, in order (a later file wins)."""
    tables = builtin_tables()
    for path in paths:
        tables = tables.extended(load_user_actors(path))
    return tables


def load_user_actors(path: str | Path) -> ActorTables:
    """Read a user's actor file: one table, told by its header row (same columns as the built-in file).

    Headers: ``phrase iso3 kind sector`` (countries), ``lemma sector kind`` (sectors), ``phrase sector
    country`` (titles), ``phrase code country sector kind`` (organizations), ``name aliases country sector
    role start end`` plus ``note`` (people). Raises KnowledgeError (file and line) on a malformed line or an
    unknown header, and OSError when the file cannot be read.
    """
    p = Path(path)
    source = str(p)
    try:
        text = p.read_text(encoding="utf-8")
    except UnicodeDecodeError as e:
        raise KnowledgeError(source, 1, "not UTF-8 text") from e
    header_line = 0
    header: tuple[str, ...] = ()
    for n, raw in enumerate(text.splitlines(), start=1):
        if raw.strip() and not raw.lstrip().startswith("#"):
            header_line, header = n, tuple(f.strip() for f in raw.split("\t"))
            break
    if not header_line:
        raise KnowledgeError(source, 1, "empty actor file (no header line)")
    table = next((t for t, h in HEADERS.items() if h == header), None)
    if table is None:
        known = "; ".join(f"{t}: {' '.join(h)}" for t, h in HEADERS.items())
        raise KnowledgeError(source, header_line, f"unknown header {' '.join(header)!r} (known: {known})")
    if table == "countries":
        rows, ignored, _ = _parse_countries(text, source)
        return ActorTables(countries=tuple(rows), blocked=frozenset(ignored))
    if table == "sectors":
        return ActorTables(sectors=_parse_sectors(text, source))
    if table == "titles":
        return ActorTables(titles=tuple(_parse_titles(text, source)))
    if table == "organizations":
        return ActorTables(organizations=tuple(_parse_orgs(text, source)))
    return ActorTables(people=tuple(_parse_people(text, source)))
