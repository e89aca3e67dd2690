"""A cheap test, before the parser, of whether a sentence could hold a codable event.

A sentence is parsed only when one of its words is an inflected form of a trigger lemma from the pattern
dictionary ("met", "meeting", "talks", "struck") and one could name an actor (a capitalised word after
the first, a first word that begins a known name ("Palestinian prisoners ..."), a pronoun, or a sector or
title word such as "troops", "police", "minister"). Forms come from the patterns' lemmas by regular English
inflection plus the lemmatizer's own exception table inverted ("met" -> "meet"), so the filter knows every
form the lemmatizer maps back to a trigger. Over-generating is harmless: the filter only has to keep every
sentence the coder could use.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from spacy.language import Language
from spacy.tokens import Span

from .cameo import PLACE_OBJECT

VOWELS = frozenset("aeiou")


def inflections(lemma: str, pos: str) -> set[str]:
    """Regular inflected forms of a lemma (over-generating is fine)."""
    out = {lemma}
    if pos == "N":
        out |= {lemma + "s", lemma + "es"}
        if lemma.endswith("y"):
            out.add(lemma[:-1] + "ies")
        return out
    stem = lemma[:-1] if lemma.endswith("e") else lemma
    out |= {lemma + "s", lemma + "es", stem + "ed", stem + "ing", lemma + "d", lemma + "ing"}
    if lemma.endswith("y") and lemma[-2:-1] not in VOWELS:
        out |= {lemma[:-1] + "ies", lemma[:-1] + "ied"}
    if len(lemma) >= 3 and lemma[-1] not in VOWELS | {"w", "x", "y"} and lemma[-2] in VOWELS:
        out |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}  # "stopped", "planning"
    return out


def _exception_forms(nlp: Language) -> dict[str, set[str]]:
    """lemma -> irregular forms, from the lemmatizer's exception table ("met" -> "meet")."""
    out: dict[str, set[str]] = {}
    if "lemmatizer" not in nlp.component_names:  # disabled when memoised (attributes.py)
        return out
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
    if lookups is None or not lookups.has_table("lemma_exc"):
        return out
    for table in lookups.get_table("lemma_exc").values():
        for form, lemmas in table.items():
            for lemma in lemmas:
                out.setdefault(lemma, set()).add(form)
    return out


class Prefilter:
    """Decides from tokens alone (no tagger, no parser) whether a sentence is worth parsing.

    A trigger whose every pattern needs a particular object ("impose" + "sanctions", "hold" + "talks")
    counts only when one of those objects' forms is in the sentence too.
    """

    def __init__(
        self,
        nlp: Language,
        patterns: Iterable[Any],
        actor_words: Iterable[str],
        name_words: Iterable[str] = (),
    ) -> None:
        irregular = _exception_forms(nlp)

        def forms(lemma: str, pos: str) -> set[str]:
            return inflections(lemma, pos) | irregular.get(lemma, set())

        free: set[str] = set()
        needs: dict[str, set[str]] = {}
        constrained: list[tuple[set[str], set[str]]] = []
        for p in patterns:
            trigger = forms(p.lemma, p.pos)
            objects = {f for o in p.object for f in forms(o, "N")} | {
                f for c in p.complement for f in forms(c, "V")
            }
            if objects and PLACE_OBJECT not in p.object:  # any place name: no word list to look for
                constrained.append((trigger, objects))
            else:
                free |= trigger
        for trigger, objects in constrained:
            for form in trigger - free:
                needs.setdefault(form, set()).update(objects)
        self.free = frozenset(free)
        self.needs = {k: frozenset(v) for k, v in needs.items()}
        self.actor_words = frozenset(w for lemma in actor_words for w in inflections(lemma, "N"))
        # first words of known names ("palestinian", "russia"): they count as the sentence's first word too
        self.name_words = frozenset(name_words)

    def keep(self, sent: Span) -> bool:
        """True when the sentence has a trigger (with its object, where one is required) and something
        that could name an actor."""
        words = {t.lower_ for t in sent}
        trigger = not self.free.isdisjoint(words) or any(
            w in self.needs and not self.needs[w].isdisjoint(words) for w in words
        )
        if not trigger:
            return False
        return any(
            (i and t.is_title and t.is_alpha) or t.is_upper or t.lower_ in self.actor_words
            for i, t in enumerate(sent)
        ) or (len(sent) > 0 and sent[0].lower_ in self.name_words)
