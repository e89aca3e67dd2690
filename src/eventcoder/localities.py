"""Places the gazetteer lacks, named by the grammar of the sentence: "the town of Pageri", "Bemal village",
"Orgun District", "Manila Bay", "the Palali airstrip", "was killed in Dhuluiya". Never a time, an
institution, a language, a group, a country, an organisation or a known person. :mod:`eventcoder.where`
attaches them to events like the gazetteer's places and outputs them without coordinates.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.symbols import PROPN
from spacy.tokens import Span, Token

from .gazetteer import demonym_country, normalize
from .knowledge import country_phrases, organizations, people, sector_lemmas
from .parsed import span_text, token_table
from .placegrammar import MAX_NAME_TOKENS, VERBS, Grammar, grammar
from .when import time_words

__all__ = ["org_names", "unlisted_mentions"]


def unlisted_mentions(sent: Span, known: list[Span]) -> list[Span]:
    """Names the gazetteer lacks that the grammar marks as places: "the town of Pageri", "the villages of
    Burd and Mujaymir", "Bemal village", "al-Tijara neighbourhood", "Orgun District". Not a group or a
    country ("a Druze village", "the Kurdish town"), nor an organisation ("the Hamas district office").
    Cached per sentence, like :func:`eventcoder.where.find_place_mentions`."""
    cache_key = ("eventcoder.localities", sent.start, sent.end)
    cached = sent.doc.user_data.get(cache_key)
    if cached is None:
        cached = sent.doc.user_data[cache_key] = tuple(_find_unlisted(sent, known))
    return list(cached)


def _find_unlisted(sent: Span, known: list[Span]) -> list[Span]:
    g = grammar()
    found: dict[int, Span] = {}
    doc = sent.doc
    table = token_table(doc)
    kinds = _kind_lemmas()
    # every rule below starts from a proper noun or a kind of place: only those words become Tokens
    for i in range(sent.start, sent.end):
        if table.pos[i] != PROPN and table.lemmas[i] not in kinds:
            continue
        tok = doc[i]
        names: list[Token] = []
        named_feature = tok.text in g.feature_words or (
            tok.i > sent.start and tok.doc[tok.i - 1].text in g.feature_prefixes and tok.dep_ != "compound"
        )
        facility = tok.lower_ in g.facility_nouns and tok.text.islower()
        if facility:  # "the Palali airstrip", "al-Dabbit maternity hospital"; not a person's or a group's
            names += [c for c in tok.children if c.dep_ == "compound" and c.pos_ == "PROPN"][-1:]
        elif tok.lower_ in g.settlement_nouns and tok.text.islower():
            for c in tok.children:
                if c.dep_ == "prep" and c.lower_ == "of":
                    names += [x for o in c.children if o.dep_ == "pobj" for x in (o, *o.conjuncts)]
                elif c.dep_ in ("compound", "nmod"):
                    names += [c, *c.conjuncts]
        elif (tok.text in g.admin_words or named_feature) and tok.pos_ == "PROPN" and tok.i > sent.start:
            names.append(tok)  # "Orgun District", "Manila Bay", "the Jazal Mountains", "Mount Tumatangis"
        elif _bare_place(tok, g):
            names += [tok, *(c for c in tok.conjuncts if c.i > tok.i)]  # "killed in Dhuluiya", "at Kibeho"
        for n in names:
            span = _name_run(n, sent, g)
            # not a listed place, nor part of one; a longer name around one is ("the Deir Ezzor Airport")
            if span is not None and not any(
                m.start < span.end and span.start < m.end and not (span.start <= m.start and m.end < span.end)
                for m in known
            ):
                found[span.start] = span
    return [found[k] for k in sorted(found)]


@lru_cache(maxsize=1)
def _kind_lemmas() -> frozenset[str]:
    g = grammar()
    return g.settlement_nouns | g.facility_nouns


def _bare_place(tok: Token, g: Grammar) -> bool:
    """A name alone after a locative preposition on a verb: "was killed in Dhuluiya", "shot 22 people at
    Kibeho"; not
    a time, an institution or a language ("in January", "in Congress", "said in Arabic"), nor a name after
    "the" ("in the Senate")."""
    if tok.pos_ != "PROPN" or tok.dep_ != "pobj" or tok.head.lower_ not in g.bare_place_preps:
        return False
    if tok.head.head.pos_ not in VERBS and _person_noun(tok.head.head):
        return False  # who someone is, not where something happened: "an editor at Sound and Picture"
    if any(c.dep_ == "det" or c.dep_ == "poss" for c in tok.children):
        return False
    words = [t for t in tok.subtree if t.pos_ == "PROPN"]
    if any(w.text.isupper() for w in words):
        return False  # an acronym: "in CRPF firing"
    return not any(w.lower_ in time_words() or w.lower_ in g.not_place_words for w in words)


def _person_noun(t: Token) -> bool:
    """A noun naming people (with an actor sector: "editor", "commander", "resident"), or a woman or man;
    not a body or a building, which is where it is ("the church in Madhu")."""
    lemma = t.lemma_.lower()
    if lemma in grammar().body_nouns:
        return False
    return lemma in sector_lemmas() or lemma in ("woman", "man", "girl", "boy", "person", "family")


def _name_run(n: Token, sent: Span, g: Grammar) -> Span | None:
    """The capitalised name headed by ``n`` (its left compounds and connectors: "Rasm Al-Abed"), if it can
    be a place's."""
    if n.pos_ != "PROPN" or not n.text[:1].isupper():
        return None
    doc = n.doc
    i = max(n.left_edge.i, sent.start)
    while i < n.i and (
        doc[i].dep_ == "det" or not (doc[i].text[:1].isupper() or doc[i].lower_ in g.connectors)
    ):
        i += 1  # "the", "some"
    while i > sent.start and doc[i - 1].dep_ in ("compound", "punct") and doc[i - 1].head.i == n.head.i:
        if not (doc[i - 1].text[:1].isupper() or doc[i - 1].lower_ in g.connectors):
            break
        i -= 1  # compounds of the same noun: "al - Tijara neighbourhood"
    span = doc[i : n.i + 1]
    words = [t for t in span if any(ch.isalpha() for ch in t.text)]
    if len(span) > MAX_NAME_TOKENS or not words or (words[0].text[:1].islower() and len(words) == 1):
        return None
    if any(t.pos_ not in ("PROPN", "PUNCT", "ADP", "DET", "CCONJ") or t.is_quote for t in span):
        return None
    kinds = g.admin_words | g.feature_words | g.feature_prefixes
    if all(w.text in kinds or w.lower_ in g.generic_words for w in words):
        return None  # no name in it: "the Gulf", "International Airport", "Capital Military District"
    low = normalize(span_text(span))
    if any(w.lower_ in g.group_words or demonym_country(w.text) for w in words) or low in _actor_names():
        return None
    if low in _person_names():
        return None  # "the Assad camp"
    return span


@lru_cache(maxsize=1)
def org_names() -> frozenset[str]:
    """Organisation names (index keys): never a place, whatever namesake the gazetteer has ("Hamas" is an
    alternate name of Hamm, Germany)."""
    return frozenset(normalize(o.phrase) for o in organizations())


@lru_cache(maxsize=1)
def _person_names() -> frozenset[str]:
    """Names and surnames of the people we know: never an unlisted place."""
    names = set()
    for p in people():
        for n in (p.name, *p.aliases):
            names.add(normalize(n))
            names.add(normalize(n.split()[-1]))
    return frozenset(names)


@lru_cache(maxsize=1)
def _actor_names() -> frozenset[str]:
    """Country phrases and organisation names: actors, never an unlisted place."""
    return org_names() | frozenset(normalize(c.phrase) for c in country_phrases())
