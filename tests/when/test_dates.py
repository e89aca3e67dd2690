"""The WHEN stage on the real pipeline. Stories are published Tuesday 2022-01-18 unless said otherwise."""

from __future__ import annotations

import datetime as dt
import re
import sys
from collections.abc import Sequence

import pytest
from spacy.language import Language
from spacy.tokens import Token

from eventcoder.document import When
from eventcoder.nlp import load_nlp
from eventcoder.when import (
    _DIGIT,
    _folded,
    _guarded_patterns,
    find_date_expressions,
    is_future,
    resolve_event_date,
)

PUB = dt.date(2022, 1, 18)  # a Tuesday

# The first two body sentences of our own seed article (shared/reference/seed_article.txt).
SEED_1 = (
    "Secretary of State Antony Blinken will meet with Russian Foreign Minister Sergey Lavrov in Geneva on "
    "Friday, marking a significant, high-level diplomatic engagement as the U.S. seeks to pull back Russia "
    "from the brink of a potential invasion of Ukraine."
)
SEED_2 = (
    "The meeting was scheduled after Blinken and Lavrov spoke by phone on Tuesday, a senior State Department "
    "official said, elaborating that the engagement in Geneva was added to the end of the secretary\u2019s "
    "previously scheduled travel to Kyiv on Wednesday and Berlin on Thursday."
)


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_nlp()


def _token(doc_tokens: Sequence[Token], word: str, nth: int = 0) -> Token:
    return [t for t in doc_tokens if t.text == word][nth]


def _when(
    nlp: Language,
    text: str,
    trigger: str,
    related: Sequence[str] = (),
    published: dt.date | None = PUB,
    future: bool | None = None,
) -> When:
    doc = nlp(text)
    rel = [_token(doc, w) for w in related]
    return resolve_event_date(_token(doc, trigger), published, related=rel, future=future)


# ---------------------------------------------------------------- weekdays and tense

WEEKDAYS = [
    ("Blinken will meet Lavrov on Friday.", "meet", "2022-01-21"),
    ("Blinken will meet Lavrov on Tuesday.", "meet", "2022-01-25"),  # future same weekday: next week
    ("The two sides met on Tuesday.", "met", "2022-01-18"),  # past same weekday: the same day
    ("Putin said on Sunday that troops had withdrawn.", "said", "2022-01-16"),
    ("Troops left the area on Wednesday.", "left", "2022-01-12"),
    ("On Monday, Russia and Ukraine traded accusations.", "traded", "2022-01-17"),
    ("The council meets on Friday.", "meets", "2022-01-21"),  # present scheduled
    ("The council meets on Tuesday.", "meets", "2022-01-18"),  # present: on or after
    ("Blinken is to meet Lavrov on Monday.", "meet", "2022-01-24"),
    ("Biden is expected to call Putin on Thursday.", "call", "2022-01-20"),
    ("Biden plans to visit Warsaw on Saturday.", "visit", "2022-01-22"),
    ("The ministers agreed to meet on Thursday.", "meet", "2022-01-20"),
    ("The talks are going to take place on Monday.", "take", "2022-01-24"),
    ("Russia will hold drills on Sunday.", "hold", "2022-01-23"),
    ("He said he will travel to Moscow next Tuesday.", "travel", "2022-01-25"),
    ("Officials met last Tuesday.", "met", "2022-01-11"),
    ("Last Friday, the army attacked the town.", "attacked", "2022-01-14"),
    ("Blinken held talks with Lavrov on Friday.", "talks", "2022-01-14"),  # nominal, light verb
    ("The talks will take place on Friday.", "talks", "2022-01-21"),  # nominal subject of "take place"
    ("Biden and Putin are expected to hold a video call on Tuesday.", "call", "2022-01-25"),
    ("Putin said on Sunday that troops would attack on Friday.", "attack", "2022-01-21"),
]


@pytest.mark.parametrize(("text", "trigger", "date"), WEEKDAYS)
def test_weekday_by_tense(nlp: Language, text: str, trigger: str, date: str) -> None:
    w = _when(nlp, text, trigger)
    assert (w.date, w.precision) == (date, "day")


@pytest.mark.parametrize(("future", "date"), [(True, "2022-01-19"), (False, "2022-01-12")])
def test_future_flag_overrides_tense(nlp: Language, future: bool, date: str) -> None:
    w = _when(nlp, "The summit on Wednesday drew protests.", "summit", future=future)
    assert w.date == date


# ---------------------------------------------------------------- explicit dates

EXPLICIT = [
    ("The summit was held on Jan. 21, 2022, in Geneva.", "held", "2022-01-21", "Jan. 21, 2022"),
    ("He met Lavrov on 21 January 2022.", "met", "2022-01-21", "21 January 2022"),
    ("He met Lavrov on Sept. 5, 2021.", "met", "2021-09-05", "Sept. 5, 2021"),
    ("Russia invaded Ukraine on Feb. 24, 2022.", "invaded", "2022-02-24", "Feb. 24, 2022"),
    ("He met Lavrov on 2022-01-21.", "met", "2022-01-21", "2022-01-21"),
    ("Officials will meet on January 21.", "meet", "2022-01-21", "January 21"),
    ("Troops withdrew from the border on Dec. 30.", "withdrew", "2021-12-30", "Dec. 30"),
    ("Officials met on Oct. 31.", "met", "2021-10-31", "Oct. 31"),
    ("Officials will meet on October 31.", "meet", "2022-10-31", "October 31"),
    ("The ministers agreed to meet again on Jan. 25.", "meet", "2022-01-25", "Jan. 25"),
    ("The election will take place on May 5.", "take", "2022-05-05", "May 5"),
    ("He visited Kyiv on the 5th.", "visited", "2022-01-05", "the 5th"),
    ("Voters will cast ballots on the 25th.", "cast", "2022-01-25", "the 25th"),
    ("Officials met on the 5th of March.", "met", "2021-03-05", "5th of March"),
]


@pytest.mark.parametrize(("text", "trigger", "date", "span"), EXPLICIT)
def test_explicit_dates(nlp: Language, text: str, trigger: str, date: str, span: str) -> None:
    w = _when(nlp, text, trigger)
    assert (w.date, w.precision, w.text) == (date, "day", span)
    assert w.start is not None and text[w.start : w.end] == span


# ---------------------------------------------------------------- relative to publication

RELATIVE = [
    ("Blinken spoke with Lavrov today.", "spoke", "2022-01-18", "day"),
    ("Blinken will speak tonight.", "speak", "2022-01-18", "day"),
    ("The minister resigned this morning.", "resigned", "2022-01-18", "day"),
    ("Protesters gathered yesterday in the capital.", "gathered", "2022-01-17", "day"),
    ("Protesters clashed with police last night.", "clashed", "2022-01-17", "day"),
    ("The president will address the nation tomorrow.", "address", "2022-01-19", "day"),
    ("He met Lavrov two days ago.", "met", "2022-01-16", "day"),
    ("Talks will resume in two weeks.", "resume", "2022-02-01", "day"),
    ("Protests erupted last week.", "erupted", "2022-01-10", "day"),  # Monday of that week
    ("Officials met this week.", "met", "2022-01-17", "day"),
    ("Blinken arrives next week.", "arrives", "2022-01-24", "day"),
    ("The talks collapsed earlier this month.", "collapsed", "2022-01-01", "month"),
    ("Prices rose last month.", "rose", "2021-12-01", "month"),
    ("Ukraine may hold talks next month.", "hold", "2022-02-01", "month"),
    ("Protests began three months ago.", "began", "2021-10-01", "month"),
    ("The sanctions were imposed last year.", "imposed", "2021-01-01", "year"),
    ("Inflation hit a record this year.", "hit", "2022-01-01", "year"),
    ("Elections will be held next year.", "held", "2023-01-01", "year"),
    ("Russia annexed Crimea eight years ago.", "annexed", "2014-01-01", "year"),
]


@pytest.mark.parametrize(("text", "trigger", "date", "precision"), RELATIVE)
def test_relative_to_publication(nlp: Language, text: str, trigger: str, date: str, precision: str) -> None:
    w = _when(nlp, text, trigger)
    assert (w.date, w.precision) == (date, precision)


ANCHORED = [
    ("Talks began on Jan. 5 and collapsed three days later.", "collapsed", "2022-01-08", "day"),
    ("The talks were held two days after Jan. 5.", "held", "2022-01-07", "day"),
    # no date to anchor on: left to the article date rather than anchored on publication
    ("The talks were held two days after the vote.", "held", "2022-01-18", "article"),
    ("Fighting resumed the following day.", "resumed", "2022-01-18", "article"),
]


@pytest.mark.parametrize(("text", "trigger", "date", "precision"), ANCHORED)
def test_anchored_offsets(nlp: Language, text: str, trigger: str, date: str, precision: str) -> None:
    w = _when(nlp, text, trigger)
    assert (w.date, w.precision) == (date, precision)


# ---------------------------------------------------------------- months and years

MONTHS_YEARS = [
    ("Elections were held in March.", "held", "2021-03-01", "month"),
    ("Elections will be held in March.", "held", "2022-03-01", "month"),
    ("The vote was held in January.", "held", "2022-01-01", "month"),
    ("The vote will be held in January.", "held", "2022-01-01", "month"),
    ("The vote was held last March.", "held", "2021-03-01", "month"),
    ("The vote will be held next March.", "held", "2022-03-01", "month"),
    ("Clashes broke out in late December.", "broke", "2021-12-01", "month"),
    ("Biden plans to visit Poland in March.", "visit", "2022-03-01", "month"),
    ("NATO will hold a summit in June.", "summit", "2022-06-01", "month"),
    ("The deal was signed in March 2019.", "signed", "2019-03-01", "month"),
    ("Russia invaded Crimea in 2014.", "invaded", "2014-01-01", "year"),
    ("Fighting has continued since 2014.", "continued", "2014-01-01", "year"),
    ("The war began in early 2020.", "began", "2020-01-01", "year"),
]


@pytest.mark.parametrize(("text", "trigger", "date", "precision"), MONTHS_YEARS)
def test_months_and_years(nlp: Language, text: str, trigger: str, date: str, precision: str) -> None:
    w = _when(nlp, text, trigger)
    assert (w.date, w.precision) == (date, precision)


# ---------------------------------------------------------------- attachment

ATTACK = "Russia attacked Kyiv on Friday, a day after talks collapsed on Thursday."
ATTACHMENT = [
    ("Blinken met Lavrov on Monday and will meet Wang on Friday.", "met", (), "2022-01-17"),
    ("Blinken met Lavrov on Monday and will meet Wang on Friday.", "meet", ("Wang",), "2022-01-21"),
    (ATTACK, "attacked", (), "2022-01-14"),
    (ATTACK, "collapsed", (), "2022-01-13"),
    ("Putin said on Sunday that troops would attack on Friday.", "said", (), "2022-01-16"),
    ("Blinken met Lavrov on Friday after arriving in Geneva on Thursday.", "met", ("Geneva",), "2022-01-14"),
    ("Blinken met Lavrov on Friday after arriving in Geneva on Thursday.", "arriving", (), "2022-01-13"),
    ("He met Lavrov on Jan. 5 and again three days later.", "met", (), "2022-01-05"),
]


@pytest.mark.parametrize(("text", "trigger", "related", "date"), ATTACHMENT)
def test_each_event_gets_its_own_date(
    nlp: Language, text: str, trigger: str, related: tuple[str, ...], date: str
) -> None:
    assert _when(nlp, text, trigger, related).date == date


# ---------------------------------------------------------------- the seed article

SEED = [
    (SEED_1, "meet", ("Lavrov", "Geneva"), "2022-01-21", "Friday"),
    (SEED_2, "spoke", ("Lavrov",), "2022-01-18", "Tuesday"),
    (SEED_2, "travel", ("Kyiv",), "2022-01-19", "Wednesday"),
    (SEED_2, "travel", ("Berlin",), "2022-01-20", "Thursday"),
]


@pytest.mark.parametrize(("text", "trigger", "related", "date", "span"), SEED)
def test_seed_dates(
    nlp: Language, text: str, trigger: str, related: tuple[str, ...], date: str, span: str
) -> None:
    w = _when(nlp, text, trigger, related)
    assert (w.date, w.precision, w.text) == (date, "day", span)
    assert w.start is not None and text[w.start : w.end] == span


@pytest.mark.parametrize(
    ("trigger", "related"), [("meeting", ()), ("engagement", ("Geneva",)), ("travel", ())]
)
def test_seed_unattached_triggers_fall_back(nlp: Language, trigger: str, related: tuple[str, ...]) -> None:
    # "The meeting was scheduled" has no date of its own; "travel" alone cannot choose Wednesday or Thursday.
    assert _when(nlp, SEED_2, trigger, related) == When(date="2022-01-18", precision="article")


# ---------------------------------------------------------------- nothing usable

NO_DATE = [
    "He met Lavrov on February 30.",
    "The treaty was signed on April 31.",
    "He met Lavrov on Feb. 29.",  # no leap year near 2022
    "Talks ended on 2022-02-30.",
    "Blinken met Lavrov in Geneva.",
    "Theresa May met Macron.",
    "The 5 Marchers walked.",
]


@pytest.mark.parametrize("text", NO_DATE)
def test_impossible_or_missing_dates_give_article_date(nlp: Language, text: str) -> None:
    trigger = next(t for t in nlp(text) if t.pos_ == "VERB").text
    assert _when(nlp, text, trigger) == When(date="2022-01-18", precision="article")


@pytest.mark.parametrize(
    ("text", "date", "precision"),
    [
        ("Officials met on Friday.", "", "article"),
        ("Officials met yesterday.", "", "article"),
        ("Officials met.", "", "article"),
        ("Officials met on Jan. 21, 2022.", "2022-01-21", "day"),
        ("Officials met in 2019.", "2019-01-01", "year"),
    ],
)
def test_without_publication_date(nlp: Language, text: str, date: str, precision: str) -> None:
    w = _when(nlp, text, "met", published=None)
    assert (w.date, w.precision) == (date, precision)


def test_datetime_publication_is_accepted(nlp: Language) -> None:
    w = _when(nlp, "Officials met on Friday.", "met", published=dt.datetime(2022, 1, 18, 9, 30))
    assert w.date == "2022-01-14"


# ---------------------------------------------------------------- finding and tense


@pytest.mark.parametrize(
    ("text", "spans"),
    [
        (
            "On Friday, Jan. 21, officials said the talks held in March 2019 and last week failed.",
            ["Friday", "Jan. 21", "March 2019", "last week"],
        ),
        (SEED_2, ["Tuesday", "Wednesday", "Thursday"]),
        ("He may march to the capital, Theresa May said.", []),
        ("Talks resume in two weeks, three days after the vote.", ["two weeks", "three days after"]),
        ("Fighting began in early 2020 and eased two years ago.", ["early 2020", "two years ago"]),
    ],
)
def test_find_date_expressions(nlp: Language, text: str, spans: list[str]) -> None:
    sent = next(iter(nlp(text).sents))
    assert [e.span.text for e in find_date_expressions(sent)] == spans


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        ("Blinken will meet Lavrov.", "meet", True),
        ("They'll meet Lavrov.", "meet", True),
        ("They\u2019ll meet Lavrov.", "meet", True),
        ("Russia won't attack.", "attack", True),
        ("The council shall meet again.", "meet", True),
        ("Blinken is going to meet Lavrov.", "meet", True),
        ("Blinken is to meet Lavrov.", "meet", True),
        ("Blinken plans to visit Kyiv.", "visit", True),
        ("The two sides agreed to resume talks.", "resume", True),
        ("Blinken met Lavrov.", "met", False),
        ("Blinken has met Lavrov.", "met", False),
        ("Blinken went to meet Lavrov.", "meet", False),
        ("The previously scheduled travel was cancelled.", "travel", True),
    ],
)
def test_is_future(nlp: Language, text: str, trigger: str, expected: bool) -> None:
    assert is_future(_token(nlp(text), trigger)) is expected


# -- the test that lets a date pattern run only where it can match ------------------------------------
def test_folding_gives_every_character_a_caseless_regex_takes_for_an_ascii_one() -> None:
    """``_folded`` must turn each character that ``re.IGNORECASE`` matches with an ASCII character into that
    character in lower case ("ſ" is an "s", "İ" an "i"), or a pattern's needle test would skip a match."""
    ascii_like = re.compile(r"[\x00-\x7f]", re.IGNORECASE)
    for code in range(0x80, sys.maxunicode + 1):
        ch = chr(code)
        if ascii_like.fullmatch(ch):
            twins = [a for a in map(chr, range(0x80)) if re.fullmatch(re.escape(a), ch, re.IGNORECASE)]
            assert twins and all(_folded(ch) == a.lower() for a in twins), ch


@pytest.mark.parametrize(
    "text",
    [
        SEED_1,
        SEED_2,
        "Talks resumed on the 5th, three days after the ceasefire of 2 March 2019 and two weeks ago.",
        "ON MONDAY, IN FEBRUARY 2019, EARLIER THIS WEEK AND WITHIN TWO DAYS.",
        "Sunday, earlıer thıs week, 2019-03-02, the following day, Jan. 21, in a year, mid-2018.",
        "no dates at all here, only words",
    ],
)
def test_pattern_conditions_hold_wherever_the_pattern_matches(text: str) -> None:
    low, digit = _folded(text), _DIGIT.search(text) is not None
    tests, patterns = _guarded_patterns()
    for rx, _, needs in patterns:
        if rx.search(text):
            assert all(tests[k].holds(text, low, digit) for k in needs), rx.pattern


def test_pattern_conditions_are_found() -> None:
    """Every data pattern gets at least one condition (else it runs on every sentence: slower, not wrong)."""
    assert all(needs for _, _, needs in _guarded_patterns()[1])
