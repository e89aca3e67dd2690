"""Tests for the CAMEO knowledge tables (cameo.tsv, patterns.tsv) and their loader."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from eventcoder.cameo import (
    FLAGS,
    CameoCode,
    Pattern,
    compare_with_official,
    load_cameo,
    load_patterns,
    parse_cameo,
    parse_patterns,
    root,
)
from eventcoder.nlp import load_nlp

# Three-digit codes with no trigger pattern (threats to halt mediation are too rare to write precise
# patterns for). See docs/patterns.md.
EXEMPT_FROM_PATTERNS = frozenset({"135"})

QUADS = {f"{r:02d}": 1 if r <= 5 else 2 if r <= 8 else 3 if r <= 13 else 4 for r in range(1, 21)}


@pytest.fixture(scope="module")
def cameo() -> dict[str, CameoCode]:
    return load_cameo()


@pytest.fixture(scope="module")
def patterns() -> list[Pattern]:
    return load_patterns()


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


@pytest.mark.parametrize("code", sorted(QUADS))
def test_every_root_present_with_quad_class(cameo: dict[str, CameoCode], code: str) -> None:
    assert cameo[code].quad_class == QUADS[code]
    assert cameo[code].root == code


def test_every_code_shares_its_roots_quad_class(cameo: dict[str, CameoCode]) -> None:
    assert all(c.quad_class == QUADS[c.code[:2]] for c in cameo.values())
    assert 300 <= len(cameo) <= 320


@pytest.mark.parametrize(
    ("code", "goldstein"),
    [
        ("010", 0.0),
        ("016", -5.0),
        ("018", 3.4),
        ("036", 4.0),
        ("042", 1.9),
        ("043", 2.8),
        ("057", 8.0),
        ("0874", 10.0),
        ("111", -2.0),
        ("130", -4.4),
        ("138", -7.0),
        ("163", -8.0),
        ("173", -5.0),
        ("182", -9.5),
        ("190", -10.0),
    ],
)
def test_goldstein(cameo: dict[str, CameoCode], code: str, goldstein: float) -> None:
    assert cameo[code].goldstein == pytest.approx(goldstein)


@pytest.mark.parametrize(
    ("code", "category", "mode", "context"),
    [
        ("036", "AGREE", "", ("diplomatic",)),
        ("042", "CONSULT", "visit", ()),
        ("046", "CONSULT", "", ("diplomatic",)),
        ("0841", "RETREAT", "release", ("legal",)),
        ("091", "ACCUSE", "investigate", ("crime", "corruption")),
        ("111", "ACCUSE", "disapprove", ()),
        ("1053", "REQUEST", "yield", ("legal",)),
        ("150", "MOBILIZE", "", ()),
        ("163", "COERCE", "restrict", ("diplomatic",)),
        ("1712", "ASSAULT", "seize", ("human_security",)),
        ("175", "ASSAULT", "pro_autocracy", ("military",)),
        ("191", "COERCE", "restrict", ("military",)),
        ("195", "ASSAULT", "heavy-weapons", ("military",)),
        ("196", "ASSAULT", "", ("legal", "military")),
    ],
)
def test_plover_label(
    cameo: dict[str, CameoCode], code: str, category: str, mode: str, context: tuple
) -> None:
    label = cameo[code].plover
    assert label is not None
    assert (label.category, label.mode, label.context) == (category, mode, context)


@pytest.mark.parametrize("code", ["01", "010", "013", "019", "02", "020", "0253", "028"])
def test_statements_and_appeals_have_no_plover_label(cameo: dict[str, CameoCode], code: str) -> None:
    assert cameo[code].plover is None


@pytest.mark.parametrize(("code", "expected"), [("0231", "02"), ("190", "19"), ("20", "20"), ("1056", "10")])
def test_root(code: str, expected: str) -> None:
    assert root(code) == expected


@pytest.mark.parametrize("bad", ["", "1", "12345", "abc"])
def test_root_rejects_non_codes(bad: str) -> None:
    with pytest.raises(ValueError):
        root(bad)


def test_loaders_are_cached() -> None:
    assert load_cameo() is load_cameo()
    assert load_patterns() is load_patterns()


def test_every_pattern_code_exists(cameo: dict[str, CameoCode], patterns: list[Pattern]) -> None:
    assert {p.code for p in patterns} <= set(cameo)


def test_pattern_count_and_vocabulary(patterns: list[Pattern]) -> None:
    assert 600 <= len(patterns) <= 2500
    assert all(p.flags <= FLAGS for p in patterns)
    assert all(p.pos in {"V", "N"} for p in patterns)


@pytest.mark.parametrize("code", sorted(QUADS))
def test_every_root_has_three_patterns(patterns: list[Pattern], code: str) -> None:
    assert sum(p.code[:2] == code for p in patterns) >= 3


def test_every_three_digit_code_has_a_pattern(cameo: dict[str, CameoCode], patterns: list[Pattern]) -> None:
    covered = {p.code for p in patterns}
    missing = {c for c in cameo if len(c) == 3 and c not in covered} - EXEMPT_FROM_PATTERNS
    assert not missing


def test_no_duplicate_pattern_rows(patterns: list[Pattern]) -> None:
    keys = Counter(
        (p.code, p.pos, p.lemma, p.particle, p.object, p.complement, p.prep, p.flags) for p in patterns
    )
    assert [k for k, n in keys.items() if n > 1] == []


def test_no_two_patterns_compete_with_equal_constraints(patterns: list[Pattern]) -> None:
    """Two rows with the same trigger and constraints but different codes would make the choice arbitrary."""
    keys = Counter((p.pos, p.lemma, p.particle, p.object, p.complement, p.prep) for p in patterns)
    assert [k for k, n in keys.items() if n > 1] == []


@pytest.mark.parametrize(
    ("code", "pos", "lemma", "particle", "obj", "prep"),
    [
        ("040", "V", "meet", "", "", "with"),
        ("042", "N", "visit", "", "", "to"),
        ("057", "V", "sign", "", "agreement", "with"),
        ("0874", "V", "pull", "out", "", "of"),
        ("163", "V", "impose", "", "sanction", "on"),
        ("175", "V", "crack", "down", "", "on"),
        ("190", "V", "launch", "", "offensive", ""),
        ("195", "N", "airstrike", "", "", "on"),
        ("0253", "V", "urge", "", "~release", ""),
        ("020", "V", "call", "", "", "on"),
    ],
)
def test_key_patterns_present(
    patterns: list[Pattern], code: str, pos: str, lemma: str, particle: str, obj: str, prep: str
) -> None:
    def matches(p: Pattern) -> bool:
        objects = p.complement if obj.startswith("~") else p.object
        return (
            (p.code, p.pos, p.lemma, p.particle) == (code, pos, lemma, particle)
            and (not obj or obj.removeprefix("~") in objects)
            and (not prep or prep in p.prep)
        )

    assert any(matches(p) for p in patterns)


@pytest.mark.parametrize(
    ("sentence", "index", "pos", "lemma"),
    [
        ("Iran held talks with Oman.", 2, "N", "talk"),
        ("The EU imposed sanctions on Russia.", 3, "N", "sanction"),
        ("Police arrested dozens of protesters.", 1, "V", "arrest"),
        ("Israeli airstrikes hit Gaza.", 1, "N", "airstrike"),
        ("The minister criticised the decision.", 2, "V", "criticise"),
    ],
)
def test_pattern_lemmas_match_spacy(
    nlp, patterns: list[Pattern], sentence: str, index: int, pos: str, lemma: str
) -> None:
    token = nlp(sentence)[index]
    assert token.lemma_.lower() == lemma
    assert any(p.lemma == lemma for p in patterns)


def test_prep_required_only_without_anchor(patterns: list[Pattern]) -> None:
    call_on = next(p for p in patterns if p.lemma == "call" and "on" in p.prep and not p.complement)
    assert call_on.prep_required
    impose = next(p for p in patterns if p.lemma == "impose" and "sanction" in p.object)
    assert not impose.prep_required
    assert impose.specificity > call_on.specificity


CAMEO_HEADER = "code\tname\tgoldstein\tquad_class\tplover_category\tplover_mode\tplover_context\n"
PATTERN_HEADER = "code\tpos\tlemma\tparticle\tobject\tprep\tflags\n"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("19\tFight\t-10\t4\tASSAULT\t\t\n190\tUse force\tx\t4\tASSAULT\t\tmilitary\n", "x.tsv:4: Goldstein"),
        ("19\tFight\t-10\t3\tASSAULT\t\t\n", "x.tsv:3: quad_class"),
        ("19\tFight\t-10\t4\tFIGHT\t\t\n", "x.tsv:3: unknown PLOVER category"),
        ("190\tUse force\t-10\t4\tASSAULT\t\t\n", "x.tsv:3: code '190' listed before its root"),
        ("19\tFight\t-10\t4\tASSAULT\t\t\n19\tFight\t-10\t4\tASSAULT\t\t\n", "x.tsv:4: duplicate code"),
    ],
)
def test_malformed_cameo_raises_with_line(body: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_cameo("# comment\n" + CAMEO_HEADER + body, "x.tsv")


@pytest.mark.parametrize(
    ("row", "fragment"),
    [
        ("999\tV\tmeet\t\t\t\t", "unknown CAMEO code"),
        ("040\tX\tmeet\t\t\t\t", "pos must be V or N"),
        ("040\tV\tmeet\t\t\t\tloud", "unknown flag"),
        ("040\tV\tMeet Up\t\t\t\t", "bad lemma"),
        ("040\tN\ttalk\t\tmeeting\t\t", "noun patterns take no object"),
        ("040\tV\tmeet\t\t\twith\tsymmetric\n040\tV\tmeet\t\t\twith\tsymmetric", "duplicate"),
        ("040\tV\tmeet\t\t\t\t\textra", "columns"),
    ],
)
def test_malformed_patterns_raise_with_file_and_line(row: str, fragment: str) -> None:
    text = "# a comment\n" + PATTERN_HEADER + "\n" + row + "\n"
    with pytest.raises(ValueError, match=rf"p\.tsv:4: .*{fragment}|p\.tsv:5: .*{fragment}"):
        parse_patterns(text, frozenset({"04", "040"}), "p.tsv")


def test_missing_header_raises() -> None:
    with pytest.raises(ValueError, match="header"):
        parse_patterns("040\tV\tmeet\t\t\t\t\n", frozenset({"040"}), "p.tsv")


def test_compare_with_official_detects_differences(tmp_path: Path, cameo: dict[str, CameoCode]) -> None:
    """A small official-format table that agrees on 042 and disagrees on 190 (and omits mapped codes)."""
    table = tmp_path / "c2p.txt"
    table.write_text(
        "# header comment\n"
        "042: CONSULT, visit,   # Make a visit\n"
        "190: COERCE, , military # wrong on purpose\n",
        encoding="utf-8",
    )
    problems = compare_with_official(table)
    assert not any(p.startswith("042:") for p in problems)
    assert any(p.startswith("190: PLOVER ASSAULT//military, official COERCE//military") for p in problems)
    assert any(p.startswith("036:") and "absent" in p for p in problems)

    book = tmp_path / "codebook.csv"
    book.write_text(
        "name,code,goldstein\nMake a visit,042,1.9\nFight,190,-9\nExtension,155,NA\n", encoding="utf-8"
    )
    problems = compare_with_official(table, book)
    assert "190: Goldstein -10.0, codebook -9.0" in problems
    assert not any(p.startswith("155") or p.startswith("042: Goldstein") for p in problems)
