"""The small English lexicon the actors and events stages read a parse with (``data/lexicon.json``).

Pronouns, quantifiers, light verbs, speech verbs, intent and hedge words, and the CAMEO code maps that
governing verbs apply ("refused to deploy" is a rejection). Loaded once per process.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from types import MappingProxyType
from typing import Any


class Lexicon:
    """Attribute access to the lexicon: lists become frozensets, code maps read-only dicts."""

    def __init__(self, raw: dict[str, Any]) -> None:
        for key, value in raw.items():
            if key.startswith("_"):
                continue
            if isinstance(value, list):
                value = frozenset(value)
            elif isinstance(value, dict):
                value = MappingProxyType(dict(value))
            setattr(self, key, value)

    def __getattr__(self, name: str) -> Any:  # only called for names the data file lacks
        raise AttributeError(f"data/lexicon.json has no entry {name!r}")


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The lexicon, read once."""
    text = resources.files("eventcoder").joinpath("data/lexicon.json").read_text(encoding="utf-8")
    return Lexicon(json.loads(text))
