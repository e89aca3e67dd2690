"""CAMEO event knowledge: the code table (Goldstein, QuadClass, PLOVER label) and the trigger patterns.

Both tables are data files in ``eventcoder/data`` (``cameo.tsv``, ``patterns.tsv``); the format is documented
in ``docs/patterns.md``. This module only reads and validates them; the matching itself lives elsewhere.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

CAMEO_FILE = "cameo.tsv"
PATTERNS_FILE = "patterns.tsv"

CAMEO_COLUMNS = (
    "code",
    "name",
    "goldstein",
    "quad_class",
    "plover_category",
    "plover_mode",
    "plover_context",
)
PATTERN_COLUMNS = ("code", "pos", "lemma", "particle", "object", "prep", "flags")

PLOVER_CATEGORIES = frozenset(
    {
        "AGREE",
        "CONSULT",
        "SUPPORT",
        "CONCEDE",
        "COOPERATE",
        "AID",
        "RETREAT",
        "REQUEST",
        "ACCUSE",
        "REJECT",
        "THREATEN",
        "PROTEST",
        "SANCTION",
        "MOBILIZE",
        "COERCE",
        "ASSAULT",
    }
)
POS_VALUES = frozenset({"V", "N"})
FLAGS = frozenset({"say", "symmetric", "src_is_obj", "intent", "no_target", "ambiguous", "unarmed"})

# Codes we keep although the CAMEO 1.1b3 codebook lacks them (deliberate deviations, docs/patterns.md):
# 1214 "Reject intelligence cooperation" is listed by the CAMEO2PLOVER table and completes the 121x series.
CODEBOOK_EXTRAS = frozenset({"1214"})

# QuadClass of each two-digit root: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict,
# 4 material conflict.
_QUAD_BY_ROOT = {f"{r:02d}": 1 if r <= 5 else 2 if r <= 8 else 3 if r <= 13 else 4 for r in range(1, 21)}

_CODE_RE = re.compile(r"^\d{2,4}$")
_WORD_RE = re.compile(r"^[a-zé][a-zé\-]*$")


@dataclass(frozen=True, slots=True)
class PloverLabel:
    """A PLOVER 0.8 event label: category, optional mode, and zero or more contexts."""

    category: str
    mode: str = ""
    context: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class CameoCode:
    """One CAMEO 1.1b3 event code with its Goldstein weight, QuadClass and PLOVER mapping (or None)."""

    code: str
    name: str
    goldstein: float
    quad_class: int
    plover: PloverLabel | None

    @property
    def root(self) -> str:
        """The two-digit root of this code."""
        return root(self.code)


@dataclass(frozen=True, slots=True)
class Pattern:
    """One trigger pattern (a row of ``patterns.tsv``); see docs/patterns.md for the semantics.

    ``object`` holds the direct-object lemmas, ``complement`` the clause-complement verb lemmas (written with
    a leading ``~`` in the ``object`` column); either one satisfies the object constraint.
    """

    code: str
    pos: str
    lemma: str
    particle: str = ""
    object: tuple[str, ...] = ()
    complement: tuple[str, ...] = ()
    prep: tuple[str, ...] = ()
    flags: frozenset[str] = frozenset()
    line: int = field(default=0, compare=False)

    @property
    def has_object_constraint(self) -> bool:
        """True when the pattern requires a matching direct object or clause complement."""
        return bool(self.object or self.complement)

    @property
    def prep_required(self) -> bool:
        """True when a listed preposition must be present (verb patterns with no object/particle anchor)."""
        return self.pos == "V" and bool(self.prep) and not self.has_object_constraint and not self.particle

    @property
    def specificity(self) -> int:
        """Static rank among competing patterns: object constraint 2, particle 1, listed prep 1."""
        return 2 * self.has_object_constraint + bool(self.particle) + bool(self.prep)


@lru_cache(maxsize=4096)  # called for every candidate event; the codes are few
def root(code: str) -> str:
    """Return the two-digit CAMEO root of ``code`` ("0231" -> "02", "190" -> "19")."""
    if not _CODE_RE.match(code):
        raise ValueError(f"not a CAMEO code: {code!r}")
    return code[:2]


def _rows(text: str, source: str, columns: tuple[str, ...]) -> Iterator[tuple[int, list[str]]]:
    """Yield (line number, cells) for each data row, checking the header and the column count."""
    header_seen = False
    for lineno, raw in enumerate(text.splitlines(), 1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        cells = [c.strip() for c in raw.split("\t")]
        cells += [""] * (len(columns) - len(cells))
        if not header_seen:
            if tuple(cells[: len(columns)]) != columns:
                raise ValueError(
                    f"{source}:{lineno}: expected header {' | '.join(columns)!r} (tab-separated)"
                )
            header_seen = True
            continue
        if len(cells) != len(columns):
            raise ValueError(
                f"{source}:{lineno}: expected {len(columns)} tab-separated columns, got {len(cells)}"
            )
        yield lineno, cells
    if not header_seen:
        raise ValueError(f"{source}: missing header row")


def _split(value: str, sep: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in value.split(sep) if v.strip())


def parse_cameo(text: str, source: str = CAMEO_FILE) -> dict[str, CameoCode]:
    """Parse and validate the text of a ``cameo.tsv`` table; raise ValueError naming source and line."""
    table: dict[str, CameoCode] = {}
    for lineno, (code, name, gold, quad, cat, mode, ctx) in _rows(text, source, CAMEO_COLUMNS):
        where = f"{source}:{lineno}"
        if not _CODE_RE.match(code) or code[:2] not in _QUAD_BY_ROOT:
            raise ValueError(f"{where}: invalid CAMEO code {code!r}")
        if code in table:
            raise ValueError(f"{where}: duplicate code {code!r}")
        if len(code) > 2 and code[:2] not in table:
            raise ValueError(f"{where}: code {code!r} listed before its root {code[:2]!r}")
        if not name:
            raise ValueError(f"{where}: empty name for {code!r}")
        try:
            goldstein = float(gold)
        except ValueError:
            raise ValueError(f"{where}: Goldstein value {gold!r} is not a number") from None
        if not -10.0 <= goldstein <= 10.0:
            raise ValueError(f"{where}: Goldstein value {goldstein} outside [-10, 10]")
        if quad != str(_QUAD_BY_ROOT[code[:2]]):
            raise ValueError(f"{where}: quad_class {quad!r} does not match root {code[:2]!r}")
        plover: PloverLabel | None = None
        if cat:
            if cat not in PLOVER_CATEGORIES:
                raise ValueError(f"{where}: unknown PLOVER category {cat!r}")
            plover = PloverLabel(cat, mode, _split(ctx, ";"))
        elif mode or ctx:
            raise ValueError(f"{where}: PLOVER mode/context without a category")
        table[code] = CameoCode(code, name, goldstein, int(quad), plover)
    return table


PLACE_OBJECT = "@place"
"""An object item that any named place meets ("captured Kisangani"): see docs/patterns.md."""


def _lemmas(value: str, where: str, column: str) -> tuple[str, ...]:
    items = _split(value, "|")
    for item in items:
        if not (_WORD_RE.match(item.removeprefix("~")) or (column == "object" and item == PLACE_OBJECT)):
            raise ValueError(f"{where}: bad {column} lemma {item!r} (lowercase single words only)")
    return items


def parse_patterns(text: str, codes: set[str] | frozenset[str], source: str = PATTERNS_FILE) -> list[Pattern]:
    """Parse and validate the text of a ``patterns.tsv`` file against the known CAMEO ``codes``."""
    patterns: list[Pattern] = []
    seen: dict[Pattern, int] = {}
    for lineno, (code, pos, lemma, particle, obj, prep, flags) in _rows(text, source, PATTERN_COLUMNS):
        where = f"{source}:{lineno}"
        if code not in codes:
            raise ValueError(f"{where}: unknown CAMEO code {code!r}")
        if pos not in POS_VALUES:
            raise ValueError(f"{where}: pos must be V or N, got {pos!r}")
        if not _WORD_RE.match(lemma):
            raise ValueError(f"{where}: bad lemma {lemma!r} (lowercase single word)")
        if particle and not _WORD_RE.match(particle):
            raise ValueError(f"{where}: bad particle {particle!r}")
        objects = _lemmas(obj, where, "object")
        if pos == "N" and (objects or particle):
            raise ValueError(f"{where}: noun patterns take no object or particle")
        flag_set = frozenset(_split(flags, ","))
        unknown = flag_set - FLAGS
        if unknown:
            raise ValueError(
                f"{where}: unknown flag(s) {', '.join(sorted(unknown))} (allowed: {', '.join(sorted(FLAGS))})"
            )
        pattern = Pattern(
            code=code,
            pos=pos,
            lemma=lemma,
            particle=particle,
            object=tuple(o for o in objects if not o.startswith("~")),
            complement=tuple(o[1:] for o in objects if o.startswith("~")),
            prep=_lemmas(prep, where, "prep"),
            flags=flag_set,
            line=lineno,
        )
        if pattern in seen:
            raise ValueError(f"{where}: duplicate of the pattern on line {seen[pattern]}")
        seen[pattern] = lineno
        patterns.append(pattern)
    return patterns


def _read_data(name: str) -> str:
    return resources.files("eventcoder").joinpath("data", name).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def load_cameo() -> dict[str, CameoCode]:
    """Return the CAMEO code table keyed by code (roots included), read once from ``data/cameo.tsv``."""
    return parse_cameo(_read_data(CAMEO_FILE))


@lru_cache(maxsize=1)
def load_patterns() -> list[Pattern]:
    """Return the trigger patterns in file order, read once from ``data/patterns.tsv`` and validated."""
    return parse_patterns(_read_data(PATTERNS_FILE), frozenset(load_cameo()))


def _parse_official_plover(path: Path) -> dict[str, list[PloverLabel]]:
    """Read the CAMEO2PLOVER conversion table (``code: CATEGORY, mode, context # comment`` lines)."""
    table: dict[str, list[PloverLabel]] = {}
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        m = re.match(r"^(\d{2,4}):\s*(.*)$", line)
        if not m:
            continue
        parts = [p.strip() for p in m.group(2).split(",")]
        parts += [""] * (3 - len(parts))
        category, mode, context = parts[0], parts[1], ",".join(parts[2:])
        label = PloverLabel(category, mode, _split(context, ";"))
        table.setdefault(m.group(1), []).append(label)
    return table


def _parse_official_goldstein(path: Path) -> dict[str, float | None]:
    with path.open(encoding="utf-8", newline="") as fh:
        out: dict[str, float | None] = {}
        for row in csv.DictReader(fh):
            value = (row.get("goldstein") or "").strip()
            try:
                out[row["code"].strip()] = float(value)
            except ValueError:
                out[row["code"].strip()] = None
        return out


def compare_with_official(path: str | Path, codebook: str | Path | None = None) -> list[str]:
    """Compare ``data/cameo.tsv`` with the official tables and return the discrepancies (empty when in sync).

    ``path`` is the CAMEO2PLOVER conversion table: every code it lists must carry the same PLOVER category,
    mode and contexts here (where it lists a code twice, either label is accepted), and every code it omits
    must have no PLOVER label here. ``codebook``, if given, is the CAMEO codebook CSV (``code`` and
    ``goldstein`` columns): every code with a numeric Goldstein value must be present here with that value.
    Codebook rows whose Goldstein value is not a number (post-1.1b3 extension codes) are not expected.
    """
    ours = load_cameo()
    problems: list[str] = []
    official = _parse_official_plover(Path(path))
    for code, labels in sorted(official.items()):
        mine = ours.get(code)
        if mine is None:
            problems.append(f"{code}: in the official PLOVER table but missing from {CAMEO_FILE}")
        elif mine.plover not in labels:
            want = " or ".join(f"{lb.category}/{lb.mode}/{';'.join(lb.context)}" for lb in labels)
            got = (
                f"{mine.plover.category}/{mine.plover.mode}/{';'.join(mine.plover.context)}"
                if mine.plover
                else "none"
            )
            problems.append(f"{code}: PLOVER {got}, official {want}")
    for code, mine in sorted(ours.items()):
        if mine.plover is not None and code not in official:
            problems.append(
                f"{code}: mapped to {mine.plover.category} but absent from the official PLOVER table"
            )
    if codebook is not None:
        gold = _parse_official_goldstein(Path(codebook))
        for code, value in sorted(gold.items()):
            if value is None:
                continue
            mine = ours.get(code)
            if mine is None:
                problems.append(f"{code}: in the codebook but missing from {CAMEO_FILE}")
            elif abs(mine.goldstein - value) > 1e-9:
                problems.append(f"{code}: Goldstein {mine.goldstein}, codebook {value}")
        for code in sorted(set(ours) - set(gold) - CODEBOOK_EXTRAS):
            problems.append(f"{code}: not in the codebook")
    return problems
