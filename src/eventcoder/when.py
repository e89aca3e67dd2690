"""The WHEN stage: find date expressions in a sentence and resolve an event's date.

Conventions (the contract is :class:`~eventcoder.document.When`):

* A :class:`DateExpr` span never includes a leading preposition: "on Friday" gives "Friday",
  "in March" gives "March", "on the 5th" gives "the 5th". Modifiers that carry meaning stay in:
  "last Friday", "early March", "three days later", "two weeks ago".
* Offsets in ``When.start``/``When.end`` are character offsets into the Doc text (``span.start_char``).
* Tense is "future", "past" or "present" (:func:`_tense`). Weekdays: future is strictly after the
  publication day (a future "Tuesday" in a Tuesday story is next week), past is on or before it (the same
  day counts), present ("meets on Friday", modal "would"/"could") is on or after it.
  "last Friday" is strictly before, "next Friday" strictly after.
* Month-day without a year ("Jan. 21") and a bare day ("the 5th") take the candidate closest to
  publication that is not after it (past), not before it (future), or either (present). Months alone
  ("in March") work the same at month precision. Impossible dates ("February 30") are ignored.
* Calendar weeks ("last week", "this week", "next week") resolve to the MONDAY of that week with
  precision "day" (the contract has no "week" precision; the text is kept). "N weeks ago" is 7*N days.
* "earlier this month", "last month" ... give the 1st of the month, precision "month"; "last year" ...
  give January 1st, precision "year"; a bare year ("in 2019") gives 2019-01-01, precision "year".
* Offsets from the publication date: "two days ago", "in three weeks". Offsets from another event
  ("three days later", "two days after", "the next day") are anchored on another date expression of the
  sentence (the one right after for "after"/"before", else the nearest before); with no anchor they are
  left unresolved rather than wrongly anchored on the publication date.
* No attached expression gives ``When(date=published, precision="article")``. When the chosen expression
  needs the publication date and it is unknown, or nothing is found and it is unknown, the result is
  ``When(date="", precision="article")``: the caller handles missing dates.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from re import _constants as sre_constants  # type: ignore[attr-defined]
from re import _parser as sre_parser  # type: ignore[attr-defined]
from typing import Any

from spacy.tokens import Span, Token

from .document import When
from .parsed import sentence, span_text

_VERBS = ("VERB", "AUX")
_NOUNS = ("NOUN", "PROPN", "PRON")
_RANK = {"day": 0, "week": 0, "month": 1, "year": 2}
_UNITS = ("day", "week", "month", "year")
_DIGIT = re.compile(r"\d")
# what every pattern template needs one of: the cue words below, or a digit ({year} is digits)
_CUED = ("{mon}", "{full}", "{weekdays}", "{relative}", "{anchored}", "{unit}", "{year}", "\\d")


@lru_cache(maxsize=1)
def _data() -> dict[str, Any]:
    return json.loads(resources.files("eventcoder").joinpath("data/dates.json").read_text("utf-8"))


@lru_cache(maxsize=1)
def time_words() -> frozenset[str]:
    """Lower-case words that name a time, never an actor: weekdays, months, "today", "week", "night"."""
    d = _data()
    words = {*d["weekdays"], *d["months"], *d["month_abbreviations"], *d["relative"], *d["time_nouns"]}
    return frozenset(w.lower() for w in words if " " not in w)


@dataclass(frozen=True, slots=True)
class DateExpr:
    """A date expression in a sentence.

    ``kind`` is "date" (year/month/day, any may be None: "Jan. 21", "March", "2019", "the 5th"),
    "weekday" (``weekday`` 0=Monday, ``shift`` -1 last / +1 next / 0), "relative" (``unit`` day|week|month|
    year and signed ``shift`` from the publication date) or "anchored" (``unit``/``shift`` from another date
    expression; ``anchor`` "next" for "two days after <date>", else "previous").
    """

    span: Span
    kind: str
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    unit: str | None = None
    shift: int = 0
    anchor: str | None = None

    @property
    def absolute(self) -> bool:
        """True when the expression resolves without the publication date."""
        return self.kind == "date" and self.year is not None


# ---------------------------------------------------------------- finding


def _alt(words: Sequence[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _num(word: str) -> int:
    return int(word) if word.isdigit() else _data()["numbers"][word.lower()]


def _month(name: str) -> int:
    d = _data()
    return d["months"].get(name) or d["month_abbreviations"][name.rstrip(".")]


def _prev_word(text: str, start: int) -> str:
    m = re.search(r"(\w+)\W*$", text[:start])
    return m.group(1).lower() if m else ""


@lru_cache(maxsize=1)
def _patterns() -> list[tuple[re.Pattern[str], dict[str, Any]]]:
    """The data file's regex templates, filled with its word lists and compiled."""
    d = _data()
    months, abbr = _alt(d["months"]), _alt(d["month_abbreviations"])
    parts = {
        "mon": rf"(?P<mon>(?:{months})\b|(?:{abbr})\b\.?)",
        "full": rf"(?P<mon>{months})",
        "num": rf"(?:\d\d?|{_alt(d['numbers'])})",
        "unit": rf"(?P<unit>{'|'.join(_UNITS)})s?",
        "year": r"(?P<y>1[89]\d\d|20\d\d)",
        "mods": _alt(d["weekday_modifiers"]),
        "weekdays": _alt(d["weekdays"]),
        "relative": _alt(d["relative"]),
        "anchored": _alt(d["anchored"]),
        "followers": _alt(d["day_only_followers"]),
    }
    flags = {"": 0, "i": re.IGNORECASE}
    return [(re.compile(p["regex"].format(**parts), flags[p.get("flags", "")]), p) for p in d["patterns"]]


def _fields(p: dict[str, Any], m: re.Match[str], text: str) -> dict[str, Any] | None:
    """DateExpr fields for a match of pattern ``p``, or None when the match is rejected."""
    d, g = _data(), m.groupdict()
    if p.get("context") and not (g.get("mod") or _prev_word(text, m.start()) in d[p["context"]]):
        return None
    if p["kind"] == "weekday":
        if not g["wd"][0].isupper():  # weekday names are capitalized; only the modifier may not be
            return None
        shift = d["weekday_modifiers"].get((g.get("mod") or "").lower(), 0)
        return {"kind": "weekday", "weekday": d["weekdays"].index(g["wd"].title()), "shift": shift}
    if "table" in p:
        unit, shift = d[p["table"]][" ".join(m.group(0).lower().split())]
        return {"kind": p["kind"], "unit": unit, "shift": shift, "anchor": "previous"}
    if g.get("n"):
        n, unit = _num(g["n"]), g["unit"].lower()
        n, unit = (7 * n, "day") if unit == "week" else (n, unit)
        word = (g.get("dir") or "").lower()
        sign = -1 if word in ("earlier", "before") else p["sign"]
        anchor = "next" if word in ("after", "before") else "previous"
        return {"kind": p["kind"], "unit": unit, "shift": sign * n, "anchor": anchor}
    month = int(g["m"]) if g.get("m") else _month(g["mon"]) if g.get("mon") else None
    year = int(g["y"]) if g.get("y") else None
    return {"kind": "date", "year": year, "month": month, "day": int(g["d"]) if g.get("d") else None}


def find_date_expressions(sent: Span) -> list[DateExpr]:
    """All date expressions in ``sent``, in text order, non-overlapping (the longest match wins).

    Results are cached in ``doc.user_data`` per sentence, so several triggers of one sentence share them.
    """
    cache_key = ("eventcoder.when.dates", sent.start, sent.end)
    cached = sent.doc.user_data.get(cache_key)
    if cached is None:
        cached = sent.doc.user_data[cache_key] = tuple(_find_date_expressions(sent))
    return list(cached)


@lru_cache(maxsize=1)
def _cues() -> tuple[str, ...] | None:
    """Lower-case words of which every date expression holds one unless it holds a digit: month names and
    abbreviations, weekdays, relative and anchored phrases, units ("two days ago"). A text with none of
    them and no digit matches no pattern, so the patterns need not run. None (no shortcut) when a pattern
    template names none of these."""
    d = _data()
    if not all(any(c in p["regex"] for c in _CUED) for p in d["patterns"]):
        return None
    words = {
        w.lower()
        for key in ("months", "month_abbreviations", "weekdays", "relative", "anchored")
        for w in d[key]
    }
    words |= set(_UNITS)
    return tuple(
        sorted(w for w in words if not any(o != w and o in w for o in words))
    )  # "day" covers "today"


def _may_hold_date(text: str) -> bool:
    cues = _cues()
    if cues is None or _DIGIT.search(text):
        return True
    low = text.lower()
    return any(w in low for w in cues)


# -- which patterns can match at all: a test on the text that is far cheaper than running the regex
#
# A condition is a set of needles of which the text must hold one wherever the pattern matches: ("d", "")
# any digit (``\d``), ("c", s) the string s, ("i", s) s in any case. The conditions of a pattern are read off
# its parsed regex: literal runs, alternations of them, character classes of digits or literals, and what
# must repeat at least once; anything else (anchors, lookarounds, optional parts) adds no condition, so the
# test can only let through a text that the regex then rejects, never skip one it would match.

_Needle = tuple[str, str]
_Condition = frozenset[_Needle]
# the characters that a case-insensitive regex matches with an ASCII letter although ``str.lower`` does not
# make them that letter ("İ" is "i̇", two characters, in lower case); tests/when checks it over all Unicode
_FOLD = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})


def _folded(text: str) -> str:
    """``text`` in lower case, where every character a case-insensitive regex takes for an ASCII letter is
    that letter in lower case."""
    return text.lower() if text.isascii() else text.translate(_FOLD).lower()


def _needle(s: str, nocase: bool) -> _Needle | None:
    if not nocase:
        return ("c", s)
    return ("i", s.lower()) if s.isascii() else None  # a non-ASCII letter may match several in any case


def _best(conditions: list[_Condition]) -> _Condition | None:
    """The most selective single condition: the one whose shortest needle is longest."""
    return max(conditions, key=lambda c: min(len(s) for _, s in c), default=None)


def _item_conditions(op: Any, av: Any, nocase: bool) -> list[_Condition]:
    c = sre_constants
    if op is c.SUBPATTERN:
        _, add_flags, _, body = av
        return _conditions(body, nocase or bool(add_flags & re.IGNORECASE))
    if op is c.ATOMIC_GROUP:
        return _conditions(av, nocase)
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
        low, _, body = av
        return _conditions(body, nocase) if low >= 1 else []
    if op is c.BRANCH:
        chosen = [_best(_conditions(alt, nocase)) for alt in av[1]]
        if any(x is None for x in chosen):
            return []  # an alternative with no condition: the branch has none
        return [frozenset().union(*chosen)]
    if op is c.IN:
        if av == [(c.CATEGORY, c.CATEGORY_DIGIT)]:
            return [frozenset({("d", "")})]
        if all(o is c.LITERAL for o, _ in av):
            needles = [_needle(chr(code), nocase) for _, code in av]
            return [frozenset(needles)] if None not in needles else []  # type: ignore[arg-type]
    return []  # anchors, lookarounds, negations, any character: no condition


def _conditions(items: Iterable[tuple[Any, Any]], nocase: bool) -> list[_Condition]:
    """The conditions of a parsed regex sequence (all must hold)."""
    out: list[_Condition] = []
    run: list[str] = []  # consecutive literal characters match consecutive characters of the text

    def flush() -> None:
        needle = _needle("".join(run), nocase) if run else None
        if needle is not None:
            out.append(frozenset({needle}))
        run.clear()

    for op, av in items:
        if op is sre_constants.LITERAL:
            run.append(chr(av))
            continue
        flush()
        out.extend(_item_conditions(op, av, nocase))
    flush()
    return out


def pattern_conditions(rx: re.Pattern[str]) -> tuple[_Condition, ...]:
    """What a text must hold for ``rx`` to match in it, as conditions that must all hold."""
    parsed = sre_parser.parse(rx.pattern, rx.flags)
    nocase = bool(parsed.state.flags & re.IGNORECASE)
    # the digit test first (it is computed once per text), then the shortest lists of needles
    conditions = dict.fromkeys(_conditions(parsed, nocase))  # once each, in order
    return tuple(sorted(conditions, key=lambda c: (("d", "") not in c, len(c))))


@dataclass(frozen=True, slots=True)
class _Test:
    """A condition, compiled: a digit, or one of some strings in the text or in its folded form (one regex
    search each, the strings as plain alternatives: far cheaper than the date patterns)."""

    digit: bool
    exact: re.Pattern[str] | None  # needles as written, searched in the text
    caseless: re.Pattern[str] | None  # lower-case needles, searched in the folded text

    @classmethod
    def of(cls, cond: _Condition) -> _Test:
        def alternatives(kind: str) -> re.Pattern[str] | None:
            needles = sorted({s for k, s in cond if k == kind}, key=len, reverse=True)
            return re.compile("|".join(map(re.escape, needles))) if needles else None

        return cls(("d", "") in cond, alternatives("c"), alternatives("i"))

    def holds(self, text: str, low: str, digit: bool) -> bool:
        return (
            (self.digit and digit)
            or (self.exact is not None and self.exact.search(text) is not None)
            or (self.caseless is not None and self.caseless.search(low) is not None)
        )


@lru_cache(maxsize=1)
def _guarded_patterns() -> tuple[list[_Test], list[tuple[re.Pattern[str], dict[str, Any], tuple[int, ...]]]]:
    """The tests (each condition once: patterns share them) and each pattern with the tests it needs."""
    tests: dict[_Condition, int] = {}
    patterns = []
    for rx, p in _patterns():
        needs = tuple(tests.setdefault(c, len(tests)) for c in pattern_conditions(rx))
        patterns.append((rx, p, needs))
    return [_Test.of(c) for c in tests], patterns


def _passes(
    needs: tuple[int, ...], tests: list[_Test], known: list[bool | None], text: str, low: str, digit: bool
) -> bool:
    """Whether a text passes the tests a pattern needs; ``known`` keeps each test's result for the text."""
    for k in needs:
        ok = known[k]
        if ok is None:
            ok = known[k] = tests[k].holds(text, low, digit)
        if not ok:
            return False
    return True


def _find_date_expressions(sent: Span) -> list[DateExpr]:
    text, doc, base = span_text(sent), sent.doc, sent.start_char
    if not _may_hold_date(text):
        return []
    tests, patterns = _guarded_patterns()
    low = _folded(text)
    digit = _DIGIT.search(text) is not None
    known: list[bool | None] = [None] * len(tests)
    found: list[tuple[int, int, dict[str, Any]]] = []
    for rx, p, needs in patterns:
        if not _passes(needs, tests, known, text, low, digit):
            continue  # the regex cannot match here
        for m in rx.finditer(text):
            fields = _fields(p, m, text)
            if fields is not None:
                g = "x" if m.groupdict().get("x") else 0
                found.append((m.start(g), m.end(g), fields))
    found.sort(key=lambda f: (f[0], f[0] - f[1]))
    out: list[DateExpr] = []
    end = -1
    for s, e, fields in found:
        if s < end:
            continue
        span = doc.char_span(base + s, base + e, alignment_mode="expand")
        if span is not None:
            out.append(DateExpr(span=span, **fields))
            end = e
    return out


# ---------------------------------------------------------------- tense


def _is_verb(t: Token) -> bool:
    return t.pos_ in _VERBS and t.dep_ not in ("aux", "auxpass")


def _tense(tok: Token) -> str:
    """The trigger's tense ("future", "past", "present"); non-finite forms and nouns take their governor's."""
    d = _data()
    from_noun = False
    while True:
        auxes = [c for c in tok.children if c.dep_ in ("aux", "auxpass")]
        low = {a.lower_ for a in auxes}
        if low & set(d["future_aux"]):
            return "future"
        if tok.pos_ in _NOUNS and any(c.lower_ in d["nominal_future_modifiers"] for c in tok.children):
            return "future"
        if from_noun and _is_verb(tok) and tok.lemma_ in d["future_governors"]:
            return "future"
        head = tok.head
        if "to" in low and (
            head.lemma_ in d["future_governors"]
            or (head.lemma_ == "go" and head.tag_ == "VBG")
            or (head.lemma_ == "be" and tok.dep_ == "xcomp")
        ):
            return "future"
        if _is_verb(tok) and "to" not in low:
            if tok.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes):
                return "past"
            if tok.tag_ == "VBN" and (not auxes or any(a.lemma_ == "have" for a in auxes)):
                return "past"
            if tok.tag_ in ("VBZ", "VBP") or any(a.tag_ in ("VBZ", "VBP", "MD") for a in auxes):
                return "present"
        if head.i == tok.i:
            return "present"
        from_noun = tok.pos_ in _NOUNS or (from_noun and not _is_verb(tok))
        tok = head


def is_future(trigger: Token) -> bool:
    """True when the trigger is future or scheduled: will/shall/'ll, "going to", "is to", an infinitive
    governed by plan/expect/schedule/intend/agree/set/due..., or a noun modified by "scheduled",
    "planned", "upcoming"... (or the subject of "is scheduled"). Non-finite verbs inherit their governor's."""
    return _tense(trigger) == "future"


# ---------------------------------------------------------------- resolving


def _valid(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _pick(cands: list[dt.date], pub: dt.date, tense: str) -> dt.date | None:
    """The candidate closest to ``pub`` that agrees with the tense (any candidate when none agrees)."""
    ok = [c for c in cands if (tense != "future" or c >= pub) and (tense != "past" or c <= pub)] or cands
    return min(ok, key=lambda c: (abs((c - pub).days), -c.toordinal())) if ok else None


def _add_months(d: dt.date, n: int) -> dt.date:
    k = d.year * 12 + d.month - 1 + n
    return dt.date(k // 12, k % 12 + 1, 1)


def _shift(base: dt.date, unit: str, n: int) -> tuple[dt.date, str]:
    if unit == "day":
        return base + dt.timedelta(days=n), "day"
    if unit == "week":
        return base - dt.timedelta(days=base.weekday()) + dt.timedelta(weeks=n), "day"
    if unit == "month":
        return _add_months(base, n), "month"
    return dt.date(base.year + n, 1, 1), "year"


def _weekday(e: DateExpr, pub: dt.date, tense: str) -> dt.date:
    wd = e.weekday or 0
    back, fwd = (pub.weekday() - wd) % 7, (wd - pub.weekday()) % 7
    if e.shift < 0 or (e.shift == 0 and tense == "past"):
        return pub - dt.timedelta(days=back or (7 if e.shift < 0 else 0))
    return pub + dt.timedelta(days=fwd or (7 if e.shift > 0 or tense == "future" else 0))


def _resolve(
    e: DateExpr, pub: dt.date | None, tense: str, exprs: Sequence[DateExpr], depth: int = 0
) -> tuple[dt.date, str] | None:
    """(date, precision) or None when unresolvable; raises LookupError when ``pub`` is needed but None."""
    if e.kind == "date" and e.year is not None:
        if e.month is None:
            return dt.date(e.year, 1, 1), "year"
        if e.day is None:
            return dt.date(e.year, e.month, 1), "month"
        d = _valid(e.year, e.month, e.day)
        return (d, "day") if d else None
    if e.kind == "anchored":
        if depth:
            return None
        i = exprs.index(e)
        if e.anchor == "next":
            nxt = exprs[i + 1 : i + 2]
            pool = [x for x in nxt if x.span.start - e.span.end <= 1]
        else:
            pool = [x for x in reversed(exprs[:i]) if x.kind != "anchored"][:1]
        base = _resolve(pool[0], pub, tense, exprs, depth + 1) if pool else None
        unit = e.unit or "day"
        if base is None or _RANK[base[1]] > _RANK[unit]:
            return None
        return _shift(base[0], unit, e.shift)
    if pub is None:
        raise LookupError("relative date without a publication date")
    if e.kind == "relative":
        return _shift(pub, e.unit or "day", e.shift)
    if e.kind == "weekday":
        return _weekday(e, pub, tense), "day"
    if e.day is not None:  # "Jan. 21" (nearby years) or "the 5th" (nearby months)
        bases = [dt.date(y, e.month, 1) for y in (pub.year - 1, pub.year, pub.year + 1)] if e.month else []
        bases = bases or [_add_months(pub, k) for k in (-1, 0, 1)]
        d = _pick([c for b in bases if (c := _valid(b.year, b.month, e.day))], pub, tense)
        return (d, "day") if d else None
    assert e.month is not None
    first = pub.replace(day=1)
    mod = e.span[0].lower_
    cands = [dt.date(y, e.month, 1) for y in (pub.year - 1, pub.year, pub.year + 1)]
    if mod == "last":
        cands = [c for c in cands if c < first][-1:]
    elif mod == "next":
        cands = [c for c in cands if c > first][:1]
    elif mod == "this":
        cands = [dt.date(pub.year, e.month, 1)]
    d = _pick(cands, first, tense)
    return (d, "month") if d else None


def _clause_verb(t: Token) -> Token:
    while not _is_verb(t) and t.head.i != t.i:
        t = t.head
    return t


def _hops(e: DateExpr, targets: set[int], covered: set[int]) -> int | None:
    """Head-chain distance from the expression to one of ``targets`` not passing another clause's verb."""
    cur, hops = e.span.root, 0
    while cur.head.i != cur.i:
        cur = cur.head
        hops += cur.i not in covered and cur.pos_ != "ADP"
        if cur.i in targets:
            return hops
        if _is_verb(cur):
            return None
    return None


def _candidates(trigger: Token, related: Sequence[Token], exprs: list[DateExpr]) -> list[DateExpr]:
    """Expressions attached to the event, best first."""
    d = _data()
    covered = {t.i for e in exprs for t in e.span}
    out: list[DateExpr] = []
    clause = _clause_verb(trigger)
    for r in related:
        if sentence(r) != sentence(trigger) or _clause_verb(r) != clause:
            continue
        for e in exprs:
            gap = r.doc[r.i + 1 : e.span.start]
            follows = (
                e.span.start > r.i and len(gap) <= 3 and all(t.pos_ in ("ADP", "DET", "ADV") for t in gap)
            )
            if _hops(e, {r.i}, covered) is not None or (follows and _clause_verb(e.span.root) == clause):
                out.append(e)
                break
    targets = {trigger.i}
    h = trigger.head
    if trigger.pos_ in _NOUNS and (
        (trigger.dep_ in ("dobj", "attr") and h.lemma_ in d["light_verbs_object"])
        or (trigger.dep_ in ("nsubj", "nsubjpass") and h.lemma_ in d["light_verbs_subject"])
    ):
        targets.add(h.i)
    scored = [
        (n, not e.absolute, abs(e.span.start - trigger.i), e)
        for e in exprs
        if (n := _hops(e, targets, covered)) is not None
    ]
    out += [s[-1] for s in sorted(scored, key=lambda s: s[:3])]
    return out


def resolve_event_date(
    trigger: Token,
    published: dt.date | None,
    *,
    related: Sequence[Token] = (),
    future: bool | None = None,
) -> When:
    """The date of the event whose trigger is ``trigger``, from the date expressions of its sentence.

    An expression counts when it follows one of ``related`` (the event's argument heads) in the same clause,
    or when its head chain reaches the trigger (or a nominal trigger's light verb: "held talks", "the talks
    took place") without crossing another clause's verb. ``future`` overrides tense detection (True future,
    False past). Without an attached expression the article date is used (precision "article"); with no
    publication date and a relative expression, or nothing found, ``When(date="", precision="article")``.
    """
    if isinstance(published, dt.datetime):
        published = published.date()
    fallback = When(date=published.isoformat() if published else "", precision="article")
    tense = _tense(trigger) if future is None else ("future" if future else "past")
    exprs = find_date_expressions(sentence(trigger))
    for e in _candidates(trigger, related, exprs):
        try:
            got = _resolve(e, published, tense, exprs)
        except LookupError:
            return When(date="", precision="article")
        if got is not None:
            s = e.span
            return When(
                date=got[0].isoformat(),
                precision=got[1],
                text=span_text(s),
                start=s.start_char,
                end=s.end_char,
            )
    return fallback
