"""The grammar of place names (``data/places/grammar.json``): the word lists that :mod:`eventcoder.where`
and :mod:`eventcoder.localities` read, loaded once per process."""

from __future__ import annotations

import json
from dataclasses import dataclass, fields
from functools import lru_cache
from importlib import resources

__all__ = ["MAX_NAME_TOKENS", "VERBS", "Grammar", "grammar"]

MAX_NAME_TOKENS = 8  # the longest place name tried, in tokens
VERBS = frozenset(("VERB", "AUX"))


@dataclass(frozen=True, slots=True)
class Grammar:
    """One set per list of grammar.json (``locative`` is its ``locative_preps``); the file says what each
    list is for."""

    locative: frozenset[str]
    of_heads: frozenset[str]
    part_heads: frozenset[str]
    on_heads: frozenset[str]
    compass: frozenset[str]
    connectors: frozenset[str]
    settlement_nouns: frozenset[str]
    admin_words: frozenset[str]
    feature_words: frozenset[str]
    feature_prefixes: frozenset[str]
    generic_words: frozenset[str]
    bare_place_preps: frozenset[str]
    not_place_words: frozenset[str]
    body_nouns: frozenset[str]
    facility_nouns: frozenset[str]
    group_words: frozenset[str]
    pre_ok: frozenset[str]
    post_ok: frozenset[str]
    site_nouns: frozenset[str]


_KEYS = {"locative": "locative_preps"}


@lru_cache(maxsize=1)
def grammar() -> Grammar:
    """The word lists, read once."""
    raw = json.loads((resources.files("eventcoder") / "data" / "places" / "grammar.json").read_text("utf-8"))
    return Grammar(**{f.name: frozenset(raw[_KEYS.get(f.name, f.name)]) for f in fields(Grammar)})
