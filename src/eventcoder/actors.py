"""The actors stage: resolve the noun phrase headed by a token to a coded actor.

Knowledge (countries, capitals, metonyms, organisations, people, titles, sector nouns) comes from the data
files read by :mod:`eventcoder.knowledge`; this module only matches and combines it:

* one spaCy ``PhraseMatcher`` (case-sensitive for names, lower-case for titles) is run once per document;
* :meth:`ActorResolver.resolve` looks at the head token and its left modifiers ("Russian Foreign Minister
  Sergey Lavrov", "Egypt's chief negotiator", "U.S. troops"), and at "of X" / "in X" ("King Hassan of
  Morocco", "protesters in Caracas");
* :class:`ArticleContext` carries in-article coreference: surnames, titles ("the minister", "the official"),
  pronouns and definite descriptions ("the country") resolve to earlier actors.

Codes: a country alone is its ISO3 code with no sector (``RUS``); with a sector ``RUSMIL``; organisations
have their own codes from the data (``IGOUNO``...).
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from functools import lru_cache

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.symbols import NOUN, PRON, PROPN
from spacy.tokens import Doc, Span, Token

from . import knowledge
from .cameo import load_patterns
from .document import Actor
from .gazetteer import geocode
from .lexicon import lexicon as LX
from .parsed import doc_text, sentence, token_table
from .where import place_head_nouns

_NP_HEAD_DEPS = frozenset(("nsubj", "nsubjpass", "dobj", "pobj", "conj", "appos"))

NP_LEFT_DEPS = {"compound", "amod", "nmod", "poss", "flat", "nummod", "npadvmod"}
PLACE_ACTOR_POPULATION = 100_000  # a city this large stands for its country as a target ("shelled Kharkiv")
PRONOUN_REACH = 400  # characters: a pronoun's antecedent must be this close (about two sentences)


@lru_cache(maxsize=1)
def _state_things() -> frozenset[str]:
    """Nouns for what a country makes or holds, not people: plans, proposals, decisions, statements."""
    lx = LX()
    return lx.policy_nouns | lx.resolution_nouns | lx.document_nouns


@dataclass(frozen=True, slots=True)
class Entry:
    kind: str  # name | adj | people | capital | metonym | org | person | title
    code: str | None  # country ISO3 or organisation code
    country: str | None
    sector: str | None
    person: knowledge.Person | None = None


_Ordered = tuple[list[int], list[Actor]]  # start offsets, and the actors with those starts, in order


@dataclass(slots=True)
class Match:
    start: int
    end: int
    entries: tuple[Entry, ...]

    @property
    def kind(self) -> str:
        return self.entries[0].kind


@dataclass
class ArticleContext:
    """In-article memory for coreference, filled as sentences are coded in order.

    Every lookup takes ``before`` (an article offset): only actors named earlier count.
    """

    published: dt.date | None
    recent: list[tuple[str, Actor, str | None]] = field(default_factory=list)  # (kind, actor, title key)
    dateline_end: int = 0  # article offset where a dateline ("GOMA, Congo -") ends: no actors in it
    dateline_country: str | None = None  # the dateline's country: the context of last resort
    # ``recent`` ordered by article offset (ties in the order remembered), kept sorted as it grows
    by_start: list[tuple[str, Actor, str | None]] = field(default_factory=list, repr=False)
    # the start offsets of ``by_start``, bisected without a key function
    starts: list[int] = field(default_factory=list, repr=False, compare=False)
    # the actors of ``by_start`` remembered with each title key, and those named with each surname, in the
    # same order, with their start offsets: a lookup bisects one short list instead of scanning them all
    titled: dict[str, _Ordered] = field(default_factory=dict, repr=False, compare=False)
    surnamed: dict[str, _Ordered] = field(default_factory=dict, repr=False, compare=False)

    def remember(self, actor: Actor, kind: str, title_key: str | None) -> None:
        item = (kind, actor, title_key)
        if item not in self.recent[-8:]:
            self.recent.append(item)
            at = bisect.bisect_right(self.starts, actor.start)  # after equal starts: in the order remembered
            self.starts.insert(at, actor.start)
            self.by_start.insert(at, item)
            if title_key is not None:
                _insert(self.titled, title_key, actor)
            if actor.name and " " in actor.name:
                _insert(self.surnamed, actor.name.split()[-1], actor)

    def _earlier(self, before: int | None) -> Iterator[tuple[str, Actor, str | None]]:
        """Remembered actors named before ``before``, nearest first."""
        end = len(self.by_start) if before is None else bisect.bisect_left(self.starts, before)
        by_start = self.by_start
        return (by_start[k] for k in range(end - 1, -1, -1))

    def by_surname(self, surname: str, before: int | None) -> Actor | None:
        return _nearest(self.surnamed.get(surname), before)

    def by_title(self, key: str, before: int | None) -> Actor | None:
        return _nearest(self.titled.get(key), before)

    def last(
        self, kinds: set[str], exclude: set[str] = frozenset(), before: int | None = None, named: bool = False
    ) -> Actor | None:
        for kind, actor, _ in self._earlier(before):
            excluded = actor.code in exclude or (actor.country or "") in exclude
            if kind in kinds and not excluded and (not named or actor.name):
                return actor
        return None


def _insert(index: dict[str, _Ordered], key: str, actor: Actor) -> None:
    """Add ``actor`` to ``index[key]``, ordered by start offset (after equal starts), like ``by_start``."""
    starts, actors = index.setdefault(key, ([], []))
    at = bisect.bisect_right(starts, actor.start)
    starts.insert(at, actor.start)
    actors.insert(at, actor)


def _nearest(entry: _Ordered | None, before: int | None) -> Actor | None:
    """The last actor of an index entry named before ``before`` (the nearest one)."""
    if entry is None:
        return None
    starts, actors = entry
    end = len(starts) if before is None else bisect.bisect_left(starts, before)
    return actors[end - 1] if end else None


class ActorIndex:
    """Knowledge compiled into matchers; built once per process (see :func:`get_index`)."""

    def __init__(self, nlp: Language, tables: knowledge.ActorTables | None = None) -> None:
        tables = tables or knowledge.builtin_tables()
        self.entries: dict[str, list[Entry]] = {}
        self.proper = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        proper: dict[str, list[Entry]] = {}
        lower: dict[str, list[Entry]] = {}

        def add(table: dict[str, list[Entry]], phrase: str, entry: Entry) -> None:
            phrase = phrase.strip()
            if phrase.lower().startswith("the "):
                phrase = phrase[4:]
            if phrase:
                table.setdefault(phrase, []).append(entry)

        for c in tables.countries:
            add(proper, c.phrase, Entry(c.kind, c.iso3, c.iso3, c.sector or None))
        for o in tables.organizations:
            add(proper, o.phrase, Entry("org", o.code, o.country or None, o.sector or None))
        self.surnames: dict[str, list[Entry]] = {}
        for p in tables.people:
            entry = Entry("person", p.country or None, p.country or None, p.sector, p)
            for alias in (p.name, *p.aliases):
                add(proper, alias, entry)
                if " " in alias.strip():
                    self.surnames.setdefault(alias.split()[-1], []).append(entry)
        for t in tables.titles:
            entry = Entry("title", t.country or None, t.country or None, t.sector)
            for phrase in _with_plural(t.phrase.lower()):
                add(lower, phrase, entry)
        self.sector_nouns: dict[str, tuple[str, str]] = dict(tables.sectors)
        self.titles = tables.titles
        self.place_nouns: frozenset[str] = place_head_nouns()
        self.event_nouns = frozenset(p.lemma for p in load_patterns() if p.pos == "N")
        for table, matcher, key in ((proper, self.proper, "P:"), (lower, self.lower, "L:")):
            for phrase, entries in table.items():
                self.entries[key + phrase] = _dedupe(entries)
                docs = [nlp.make_doc(phrase)]
                if key == "L:" and "." in phrase:  # "Gen." is one token only when capitalised
                    titled = nlp.make_doc(phrase.title())
                    if len(titled) != len(docs[0]):
                        docs.append(titled)
                matcher.add(key + phrase, docs)
        # surnames by every one-letter deletion, for names misspelt by one letter ("Francois Mitterand")
        self.near_surnames: dict[str, list[str]] = {}
        for surname in self.surnames:
            if len(surname) >= MIN_FUZZY_SURNAME:
                for key in _deletions(surname):
                    self.near_surnames.setdefault(key, []).append(surname)
        self.vocab = nlp.vocab
        # the entries of each match id, looked up without the string store on every match
        self._entries_by_id = {nlp.vocab.strings[key]: tuple(e) for key, e in self.entries.items()}

    def matches(self, doc: Doc) -> dict[int, Match]:
        """Token index -> the longest knowledge match covering it."""
        found: list[tuple[int, int, int]] = []
        for matcher in (self.proper, self.lower):
            found.extend(matcher(doc))
        found.sort(key=lambda m: (-(m[2] - m[1]), m[1]))
        by_token: dict[int, Match] = {}
        for match_id, start, end in found:
            if any(i in by_token for i in range(start, end)):
                continue
            m = Match(start, end, self._entries_by_id[match_id])
            for i in range(start, end):
                by_token[i] = m
        return by_token


def _with_plural(phrase: str) -> tuple[str, ...]:
    """A title and its plural ("foreign minister", "foreign ministers"; "spokesman", "spokesmen")."""
    words = phrase.split(" ")
    last = words[-1]
    if last.endswith("man"):
        plural = last[:-3] + "men"
    elif last.endswith("y") and last[-2:-1] not in "aeiou":
        plural = last[:-1] + "ies"
    elif last.endswith(("s", "x", "ch", "sh")):
        plural = last + "es"
    else:
        plural = last + "s"
    if "." in last or " of " in phrase:  # "gen.", "secretary of state": no plural form
        return (phrase,)
    return (phrase, " ".join([*words[:-1], plural]))


MIN_FUZZY_SURNAME = 6
"""Surnames shorter than this are never matched with a letter wrong: too many real names lie one letter
apart ("Assad", "Abbas")."""


def _deletions(word: str) -> set[str]:
    """The word and every form of it with one letter deleted: two words share one of these exactly when
    they are one insertion, deletion or substitution apart."""
    return {word, *(word[:i] + word[i + 1 :] for i in range(len(word)))}


def _prep_objects(head: Token, preps: tuple[str, ...]) -> list[Token]:
    return [
        g
        for c in head.rights
        if c.dep_ == "prep" and c.lower_ in preps
        for g in c.children
        if g.dep_ == "pobj"
    ]


def _former(sector: str | None, tokens: list[Token]) -> str | None:
    """A former office-holder is an elite, not the office: "former prime minister" is ELI."""
    if sector in ("GOV", "MIL", "LEG") and any(t.lower_ in LX().former for t in tokens):
        return "ELI"
    return sector


@lru_cache(maxsize=1)
def _pronouns() -> frozenset[str]:
    """Every pronoun that can refer back to an actor (asked for each noun phrase: built once)."""
    lx = LX()
    return lx.pronouns_thing | lx.pronouns_person | lx.pronouns_group


def _dedupe(entries: list[Entry]) -> list[Entry]:
    seen: list[Entry] = []
    for e in entries:
        if e not in seen:
            seen.append(e)
    return seen


def get_index(nlp: Language, tables: knowledge.ActorTables | None = None) -> ActorIndex:
    """The actor index over the built-in tables (built once per process), or over ``tables`` (the
    built-ins extended by a user's files, see :func:`knowledge.load_user_actors`)."""
    return _builtin_index(nlp) if tables is None else ActorIndex(nlp, tables)


@lru_cache(maxsize=2)
def _builtin_index(nlp: Language) -> ActorIndex:
    return ActorIndex(nlp)


def np_tokens(head: Token) -> list[Token]:
    """The head and its left modifiers with their subtrees, contiguous up to the head: the actor's mention.

    "Secretary of State Antony Blinken", "Egypt's chief negotiator", "the former Soviet state" (no "the").
    """
    lo, right = _np_bounds(head)
    doc = head.doc
    return [doc[i] for i in range(lo, right + 1)]  # no Span: a slice costs more than its tokens


def _np_bounds(head: Token) -> tuple[int, int]:
    """The first and last token index of :func:`np_tokens`."""
    lo = head.i
    for c in reversed(list(head.lefts)):
        if c.dep_ not in NP_LEFT_DEPS:
            break
        sub = list(c.subtree)
        if sub[-1].i != lo - 1 or any(t.pos_ in ("VERB", "AUX") or t.text in ",;()" for t in sub):
            break
        lo = sub[0].i
    right = head.i
    for c in head.rights:  # names parsed head-first ("Sergey Lavrov" as flat)
        if c.dep_ in ("flat", "case") and c.i == right + 1:
            right = c.i
    return lo, right


class ActorResolver:
    """Resolve tokens of one document to actors, with the article's coreference context."""

    def __init__(self, index: ActorIndex, doc: Doc, context: ArticleContext, base: int = 0) -> None:
        self.index = index
        self.doc = doc
        self.context = context
        self._sent_countries: dict[int, set[str]] = {}
        self._kept: dict[tuple[int, frozenset[str]], tuple[int, Actor | None]] = {}  # see resolve()
        self.base = base
        self.by_token = index.matches(doc)
        if base < context.dateline_end:  # no actors in a dateline
            self.by_token = {
                i: m for i, m in self.by_token.items() if doc[i].idx + base >= context.dateline_end
            }

    @property
    def text(self) -> str:
        """The Doc's text, joined once per Doc (``Doc.text`` joins every token on each access)."""
        return doc_text(self.doc)

    def mention(self, tokens: list[Token], code: str, country: str | None, sector: str | None) -> Actor:
        """An actor the events stage infers for a phrase of this Doc (no knowledge entry, no coreference)."""
        return self._actor(tokens, code, country, sector, None)

    def coordinated(self, head: Token, actor: Actor) -> list[Actor]:
        """The actor, and one more per other country coordinated in its modifier: "Hungarian and Romanian
        officials" are HUNGOV and ROUGOV, "Sudanese and Libyan refugees" SDNREF and LBYREF."""
        if actor.country is None or not actor.code.startswith(actor.country) or head.pos_ != "NOUN":
            return [actor]
        if head.lemma_.lower() in LX().quantifiers:  # "scores of Sudanese and Libyan refugees"
            head = next(iter(_prep_objects(head, ("of",))), head)
        out = [actor]
        for mod in head.children:
            if mod.dep_ not in ("amod", "nmod", "compound"):
                continue
            for c in mod.conjuncts:
                m = self.by_token.get(c.i)
                named = m is not None and m.kind in ("adj", "name", "people")
                other = m.entries[0].country if named else None
                if other is not None and all(a.country != other for a in out):
                    out.append(replace(actor, code=other + actor.code[len(actor.country) :], country=other))
        return out

    # -- helpers -------------------------------------------------------------------------------
    def _actor(
        self, tokens: list[Token], code: str, country: str | None, sector: str | None, name: str | None
    ):
        start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
        return Actor(
            text=self.text[start:end],
            start=start + self.base,
            end=end + self.base,
            code=code,
            country=country,
            sector=sector,
            name=name,
        )

    def _person(self, entries: tuple[Entry, ...]) -> tuple[str | None, str | None, str | None]:
        """(country, sector, canonical name) of a person at the article date."""
        when = self.context.published
        people = [e.person for e in entries if e.person is not None]
        if not people:
            return None, None, None
        if when is not None:
            active = [p for p in people if (p.start or dt.date.min) <= when <= (p.end or dt.date.max)]
            if active:
                p = active[0]
                return p.country or None, p.sector, p.name
            before = [p for p in people if (p.start or dt.date.min) <= when]
            if before:
                p = max(before, key=lambda p: p.end or dt.date.max)
                return p.country or None, "ELI", p.name
            return people[0].country or None, "ELI", people[0].name
        p = max(people, key=lambda p: p.start or dt.date.min)
        return p.country or None, p.sector, p.name

    def _holder(self, head: Token, exclude: set[str]) -> Actor | None:
        """Whoever holds a place stands for it: "Albanian rebel-held territory" is ALBREB, "Isis-held areas"
        Isis (lexicon ``holding_verbs``)."""
        if head.pos_ != "NOUN":
            return None
        for c in head.children:
            if c.dep_ != "amod" or c.lower_ not in LX().holding_verbs:
                continue
            for h in c.children:
                if h.dep_ not in ("npadvmod", "compound", "nsubj") or h.i > c.i:
                    continue
                a = self.resolve(h, exclude)
                if a is None:
                    continue
                country = a.country or self._country_from([t for t in head.lefts if t.i < h.i])
                code = a.code if a.country or not country or len(a.code) > 3 else country + a.code
                first = next(t for t in self.doc[head.left_edge.i : head.i + 1] if t.dep_ != "det")
                return self._actor([first, head], code, country, a.sector, a.name)
        return None

    def _country_from(self, tokens: list[Token]) -> str | None:
        for t in tokens:
            m = self.by_token.get(t.i)
            if m and m.kind in ("adj", "name", "people", "capital", "metonym") and m.entries[0].country:
                if m.kind == "adj" and m.start > 0 and self.doc[m.start - 1].lower_ in LX().former:
                    continue  # "the former Soviet state" is not Russia
                if self._backer(m):
                    continue  # "Russian-backed separatists" are not Russia's
                return m.entries[0].country
        return None

    def _of_country(self, head: Token) -> tuple[str | None, Actor | None]:
        """Country from "of Morocco" / "in Caracas" / "from Syria" after the head; settlers are not of the
        land they settle in."""
        preps = ("of", "from") if head.lemma_.lower() in LX().non_resident_nouns else ("of", "in", "from")
        for c in head.rights:
            if c.dep_ == "prep" and c.lower_ in preps and c.i == head.i + 1:
                for obj in c.children:
                    if obj.dep_ == "pobj":
                        m = self.by_token.get(obj.i)
                        if m and m.entries[0].country and m.kind != "person":
                            return m.entries[0].country, None
                        if m is None:  # "the government of Sindh province", "police in Punjab"; or what
                            # a modifier says of a named place or one a country owns: "inhabitants of the
                            # Syrian Golan Heights", "Syria's Kurdish region" (not "a Kenyan scheme")
                            toks = np_tokens(obj)
                            owned = obj.pos_ == "PROPN" or any(c.dep_ == "poss" for c in obj.children)
                            named = self._country_from(toks) if owned else None
                            return self._geocoded_country(obj, toks, None) or named, None
        return None, None

    def _expand_bounds(self, lo: int, hi: int) -> tuple[int, int]:
        """Widen a mention (first and last token index) to whole knowledge matches ("Secretary of State
        Antony Blinken")."""
        by_token = self.by_token
        for i in range(lo, hi + 1):
            m = by_token.get(i)
            if m is not None:
                lo, hi = min(lo, m.start), max(hi, m.end - 1)
        return lo, hi

    def _mention(self, head: Token) -> list[Token]:
        """The tokens of :func:`np_tokens` widened to whole knowledge matches, each Token made once."""
        lo, hi = self._expand_bounds(*_np_bounds(head))
        doc = self.doc
        return [doc[i] for i in range(lo, hi + 1)]

    def _title_key(self, title: Match | None) -> str | None:
        """The lemma that a later "the minister" / "the secretary" refers back with."""
        if title is None:
            return None
        span = self.doc[title.start : title.end]
        return span.root.lemma_.lower()

    # -- the resolution ------------------------------------------------------------------------
    def resolve(self, head: Token, exclude: set[str] = frozenset()) -> Actor | None:
        """The actor named by the noun phrase headed by ``head`` (None when it names none).

        Sentences resolve the same heads more than once (every noun phrase for coreference, then the
        events' roles). A call that remembered nothing new is kept: while the article's memory is unchanged,
        asking again would read the same state, remember nothing and give the same actor.
        """
        key = (head.i, frozenset(exclude))
        known = len(self.context.recent)
        kept = self._kept.get(key)
        if kept is not None and kept[0] == known:
            return kept[1]
        actor = self._resolve(head, exclude)
        if actor is None and head.pos_ == "NOUN":  # "his Turkish counterpart, Recep Tayyip Erdogan"
            named = (
                self.resolve(c, exclude) for c in head.children if c.dep_ == "appos" and c.pos_ == "PROPN"
            )
            actor = next((a for a in named if a is not None), None)
        if len(self.context.recent) == known:
            self._kept[key] = (known, actor)
        return actor

    def _resolve(self, head: Token, exclude: set[str]) -> Actor | None:
        low = head.lower_
        if head.idx + self.base < self.context.dateline_end:
            return None
        if head.pos_ == "PRON" or low in _pronouns():
            return self._pronoun(head, exclude)
        if head.lemma_.lower() in LX().quantifiers and head.i not in self.by_token:
            of = _prep_objects(head, ("of",))
            # the first coordinated object that resolves ("scores of Sierra Leonean and Liberian
            # refugees", where the parser made "Leonean" the object)
            objs = of[:1] + (list(of[0].conjuncts) if of else [])
            found = next(((x, a) for x in objs if (a := self.resolve(x, exclude)) is not None), None)
            if found is not None:  # the mention runs from the quantifier to the end of the inner phrase
                x, inner = found
                first = self._mention(head)[0]
                return self._actor([first, x], inner.code, inner.country, inner.sector, inner.name)
        held = self._holder(head, exclude)
        if held is not None:
            return held
        tokens = self._mention(head)
        m = self.by_token.get(head.i)
        mod_country = self._country_from([t for t in tokens if not m or not (m.start <= t.i < m.end)])
        if mod_country is None:  # "US-led forces", "the Saudi-led coalition" (not "Russian-backed")
            led = [c for c in head.lefts if c.dep_ == "amod" and c.lemma_.lower() in LX().leading_verbs]
            mod_country = self._country_from([x for c in led for x in c.lefts]) if led else None
        if mod_country is None:  # "forces loyal to Gaddafi": the leader's country
            mod_country = self._loyal_to(head, exclude)
        of_country, _ = self._of_country(head)
        title = next(
            (
                self.by_token[t.i]
                for t in tokens
                if t.i in self.by_token and self.by_token[t.i].kind == "title"
            ),
            None,
        )
        if m is not None and m.kind == "person":
            country, sector, name = self._person(m.entries)
            # "ousted President Akayev", "former prime minister Papandreou", whatever the article date
            sector = _former(sector, list(self.doc[head.left_edge.i : head.i + 1]))
            actor = self._actor(tokens, (country or "") + (sector or ""), country, sector, name)
            self.context.remember(actor, "person", self._title_key(title))
            return actor if actor.code else None
        if m is not None and m.kind == "org":
            e = m.entries[0]
            actor = self._actor(tokens, e.code or "", e.country, e.sector, None)
            self.context.remember(actor, "org", None)
            return actor
        if m is not None and m.kind in ("name", "capital", "metonym", "people") and head.i == m.end - 1:
            e = m.entries[0]
            sector = e.sector or {"name": None, "people": "CVL"}.get(e.kind, "GOV")
            country = e.country
            if e.kind == "people" and (mod_country or self._ethnic(m)):
                # an ethnic group is coded by where it lives (CAMEO): "Bosnian Serbs" are BIH, "ethnic
                # Albanians in south Serbia" SRB; with no such country, none
                country = mod_country or of_country or self._homeland(head)
                if country is None:
                    return self._actor(tokens, "CVL", None, "CVL", None)
            actor = self._actor(tokens, country + (sector or ""), country, sector, None)
            self.context.remember(actor, "group" if e.kind == "people" else "country", None)
            return actor
        if (
            m is not None
            and m.kind == "adj"
            and head.i == m.end - 1
            and head.dep_ in _NP_HEAD_DEPS
            and (
                head.i + 1 == len(self.doc)
                or self.doc[head.i + 1].pos_ not in ("NOUN", "PROPN", "ADJ", "CCONJ")
            )
        ):
            # a nationality adjective heading its phrase names the people: "10,000 Sudanese marched",
            # "thousands of Lebanese" are civilians; "the British said" is the country
            e = m.entries[0]
            counted = any(c.dep_ == "nummod" for c in head.children) or (
                head.dep_ == "pobj"
                and head.head.lower_ == "of"
                and head.head.head.lemma_.lower() in LX().quantifiers
            )
            if not counted and not any(c.dep_ == "det" and c.lower_ == "the" for c in head.children):
                return None  # "a Macedonian", "every American": one person, not the country
            sector = "CVL" if counted else None
            actor = self._actor(tokens, e.country + (sector or ""), e.country, sector, None)
            self.context.remember(actor, "group" if counted else "country", None)
            return actor
        if m is not None and m.kind == "adj" and head.dep_ == "amod" and head.i == m.end - 1:
            # the adjective of a nominal event stands for its country: "Palestinian riots", "Israeli strikes"
            e = m.entries[0]
            return self._actor(list(self.doc[m.start : m.end]), e.country, e.country, None, None)
        # a named person we do not know, introduced by a title: "President Abdelaziz Bouteflika"
        if head.pos_ == "PROPN" and title is None and m is None:
            title = self._sector_title(tokens)  # "Al Jazeera journalist Mahmoud Hussein"
        if head.pos_ == "PROPN" and title is not None:
            name_toks = [
                t for t in tokens if t.pos_ == "PROPN" and t.i >= title.end and t.i not in self.by_token
            ]
            e = title.entries[0]
            known = self._titled_surname(name_toks, tokens, mod_country or of_country or e.country)
            known = known or self._misspelt(name_toks, tokens, mod_country or of_country or e.country)
            if known is not None:
                return known
            country = (
                mod_country
                or of_country
                or e.country
                or self._context_country(head)
                or self._country_spoken_of(head)
            )
            sector = _former(e.sector, tokens)
            if name_toks and (country or sector):
                # with no country the text supports, the person keeps the name and the title's sector
                actor = self._actor(
                    tokens,
                    (country or "") + (sector or ""),
                    country,
                    sector,
                    " ".join(t.text for t in name_toks),
                )
                self.context.remember(actor, "person", self._title_key(title))
                return actor
        prior = self.context.by_surname(head.text, head.idx + self.base) if head.pos_ == "PROPN" else None
        if prior is not None:
            return self._actor(tokens, prior.code, prior.country, prior.sector, prior.name)
        if (
            head.pos_ == "PROPN"
            and m is None
            and (described := self._apposed(head, tokens, exclude)) is not None
        ):
            return described
        # a title or sector noun: "Foreign Minister", "officials", "Russian troops", "protesters in Caracas"
        lemma = self._lemma(head)
        if lemma in LX().person_government_nouns and (led := self._led_by(head, tokens)) is not None:
            return led
        if lemma in LX().member_nouns and (body := self._member_of(head, tokens, exclude)) is not None:
            return body
        if lemma in LX().office_nouns and (own := self._owner(head, tokens, exclude)) is not None:
            return own
        if lemma in LX().definite_country and mod_country is None and of_country is None:
            found = self._definite(head, tokens, exclude)
            if found is not None:
                return found
        sector = None
        mod_sector = self._modifier_sector(head, tokens)
        if m is not None and m.kind == "title" and head.i == m.end - 1:
            sector = m.entries[0].sector
            country = mod_country or of_country or m.entries[0].country
        elif self.index.sector_nouns.get(lemma, ("", ""))[1] == "noun":  # not a modifier-only word ("aid")
            sector = self.index.sector_nouns[lemma][0]
            country = mod_country or of_country
        elif mod_sector is not None and head.pos_ == "NOUN":  # "Israeli army bulldozers", "an army base"
            sector, country = mod_sector, mod_country or of_country
        elif (place := self._place_country(head, tokens, mod_country)) is not None:
            return place
        elif (org := self._org_modifier(head)) is not None:
            return org
        elif (
            (head.pos_ == "NOUN" or (head.tag_ == "NNPS" and head.i not in self.by_token))  # "Iraqi Kurds"
            and mod_country is not None
            and all(c.dep_ != "poss" for c in head.lefts)
            and not (head.dep_.startswith("nsubj") and lemma in self.index.event_nouns)
        ):
            # "Palestinian detainees", "a U.S. request"; not "Russia's motives", nor an event as the subject
            # of another ("the Syrian war has killed thousands": no one is the war). An event is its
            # country's, not its civilians' ("condemned the Russian attack": RUS)
            if lemma in self.index.event_nouns or lemma in _state_things():  # and "a Senegalese plan"
                return self._actor(tokens, mod_country, mod_country, None, None)
            actor = self._actor(tokens, mod_country + "CVL", mod_country, "CVL", None)
            self.context.remember(actor, "group" if head.tag_ == "NNS" else "country", None)
            return actor
        else:
            defined = any(d.lower_ in ("the", "this") or d.dep_ == "case" for d in head.children)
            prior = self.context.by_title(lemma, head.idx + self.base) if defined else None
            if prior is not None:  # "the secretary's travel" after "Secretary of State Antony Blinken"
                return self._actor(tokens, prior.code, prior.country, prior.sector, prior.name)
            return self._definite(head, tokens, exclude)
        org = next(
            (
                self.by_token[t.i].entries[0]
                for t in tokens
                if t.i in self.by_token and self.by_token[t.i].kind == "org"
            ),
            None,
        )
        if org is not None:
            actor = self._actor(
                tokens, org.code or "", org.country, sector if org.country else org.sector, None
            )
            self.context.remember(actor, "org", lemma)
            return actor
        if country is None:
            key = lemma + ("+pl" if head.tag_ in ("NNS", "NNPS") else "")
            prior = self.context.by_title(key, head.idx + self.base)
            if prior is not None and any(d.lower_ in ("the", "this") for d in head.lefts):
                return self._actor(tokens, prior.code, prior.country, prior.sector, prior.name)
            # not "several western governments" (many countries), nor settlers by where they settle
            many = head.tag_ == "NNS" and lemma in LX().definite_country
            if not many and lemma not in LX().non_resident_nouns:
                # a group of a people with no state of its own lives where the sentence places it
                stateless = any(t.lower_ in LX().stateless_peoples for t in tokens)
                country = self._homeland(head) if stateless else self._context_country(head)
            if country is None and sector is None:
                return None
        if mod_sector is not None and (
            sector in (None, "GOV")  # "military officials", "opposition leader"
            or (lemma in LX().generic_sector_heads and mod_sector != "GOV")  # "army officers", "rebel forces"
        ):
            sector = mod_sector
        sector = _former(sector, tokens)
        # with no country the text supports, the sector alone: "rebels" is REB, "the police" COP
        actor = self._actor(tokens, (country or "") + (sector or ""), country, sector, None)
        plural = head.tag_ in ("NNS", "NNPS")
        kind = "group" if plural else ("org" if lemma in LX().collective_nouns else "person")
        self.context.remember(actor, kind, lemma + ("+pl" if plural else ""))
        return actor

    def _pronoun(self, head: Token, exclude: set[str]) -> Actor | None:
        low = head.lower_
        lx = LX()
        if low not in _pronouns():
            return None  # "we", "us", "you", "who": speakers and relatives, not antecedents
        if (
            low == "it"
            and head.dep_ == "nsubj"
            and head.head.lemma_ in lx.expletive_verbs
            and not any(c.lemma_.lower() in lx.control_adjectives for c in head.head.children)
        ):
            return None  # expletive: "it is too early to tell", "it is likely that"; not "it is willing to"

        kinds = (
            {"country", "org"}
            if low in LX().pronouns_thing
            else ({"person"} if low in LX().pronouns_person else {"group", "org", "country"})
        )
        # the nearest earlier subject of the sentence of the right kind ("Russia ... with its troops")
        table = token_table(self.doc)  # the tests on words, no Token until one passes them
        for j in range(head.i - 1, sentence(head).start - 1, -1):
            if table.deps[j] not in ("nsubj", "nsubjpass") or table.pos[j] == PRON:
                continue
            x = self.doc[j]
            if self._kind(x) in kinds:
                actor = self.resolve(x)
                if actor is not None and actor.code not in exclude and (actor.country or "") not in exclude:
                    return self._actor([head], actor.code, actor.country, actor.sector, actor.name)
        prior = self.context.last(kinds, exclude, before=head.idx + self.base)
        if prior is None or head.idx + self.base - prior.start > PRONOUN_REACH:
            return None  # too far back to trust
        return self._actor([head], prior.code, prior.country, prior.sector, prior.name)

    def _geocoded_country(self, head: Token, tokens: list[Token], mod_country: str | None) -> str | None:
        """The country of a place phrase: "the Ukrainian town of Avdiivka", "Sindh province", "Kharkiv"."""
        if head.lemma_.lower() in self.index.place_nouns:
            if mod_country is not None:
                return mod_country
            of = _prep_objects(head, ("of",))
            named = [t for t in head.lefts if t.dep_ == "compound" and t.pos_ == "PROPN"]  # "Sindh province"
            name = of[0].text if of and of[0].pos_ == "PROPN" else " ".join(t.text for t in named)
            hit = geocode(name) if name else None
            return hit.country if hit is not None else None
        if head.pos_ == "PROPN" and head.i not in self.by_token and head.dep_ != "nsubj":
            # a well-known place only: a small town's name is as likely a person's ("Bali said")
            name = " ".join(t.text for t in tokens if t.pos_ == "PROPN")
            hit = geocode(name) if name[:1].isupper() else None
            if hit is not None and (
                hit.precision == "admin" or (hit.population or 0) >= PLACE_ACTOR_POPULATION
            ):
                return hit.country
        return None

    def _place_country(self, head: Token, tokens: list[Token], mod_country: str | None) -> Actor | None:
        """A place as a target stands for its country: "the Ukrainian town of Avdiivka", "Kharkiv"."""
        country = self._geocoded_country(head, tokens, mod_country)
        if country is None:
            return None
        # a town or village is its people ("shelled Somali towns": SOMCVL); a named place, its country
        sector = "CVL" if head.lemma_.lower() in LX().settlement_nouns else None
        actor = self._actor(tokens, country + (sector or ""), country, sector, None)
        self.context.remember(actor, "country", None)
        return actor

    def _sector_title(self, tokens: list[Token]) -> Match | None:
        """A sector noun used as a title before a name ("journalist Mahmoud Hussein", "rebel commander X")."""
        for t in tokens[:-1]:
            if t.pos_ == "NOUN" and t.dep_ == "compound" and t.i not in self.by_token:
                hit = self.index.sector_nouns.get(t.lemma_.lower())
                if hit is not None:
                    return Match(t.i, t.i + 1, (Entry("title", None, None, hit[0]),))
        return None

    def _lemma(self, head: Token) -> str:
        """The lemma; a capitalised plural the tagger took for a name ("Rebels attacked") is singular."""
        lemma = head.lemma_.lower()
        nouns = self.index.sector_nouns
        if head.pos_ == "PROPN" and lemma not in nouns and lemma.endswith("s") and lemma[:-1] in nouns:
            return lemma[:-1]
        return lemma

    def _modifier_sector(self, head: Token, tokens: list[Token]) -> str | None:
        """The sector a modifier gives: "military officials", "opposition leader", "police officers"."""
        for t in tokens:
            if t.i != head.i and t.dep_ in ("amod", "compound", "nmod"):
                if t.pos_ == "ADJ" and t.lemma_.lower() in LX().non_sector_modifiers:
                    continue  # "official contact" is no official's
                hit = self.index.sector_nouns.get(t.lemma_.lower())
                if hit is not None:
                    return hit[0]
        return None

    def _backer(self, m: Match) -> bool:
        """ "Russian-backed", "Iran-allied": the country backs the actor; it is not the actor's."""
        doc = self.doc
        return m.end + 1 < len(doc) and doc[m.end].text == "-" and doc[m.end + 1].lower_ in LX().backing_words

    def _ethnic(self, m: Match) -> bool:
        """ "ethnic Albanians": the people word names an ethnicity, not a citizenship."""
        return m.start > 0 and self.doc[m.start - 1].lower_ in LX().ethnic_markers

    def _titled_surname(
        self, name_toks: list[Token], tokens: list[Token], country: str | None
    ) -> Actor | None:
        """A title and a known surname: "President Bush", "Prime Minister Sharif". Taken only when every
        person of that surname is of one country (the title's or modifier's, if it names one)."""
        if len(name_toks) != 1:
            return None
        entries = tuple(_dedupe(self.index.surnames.get(name_toks[0].text, [])))
        countries = {e.country for e in entries}
        if not entries or len(countries) != 1 or (country is not None and countries != {country}):
            return None
        return self._listed_person(entries, tokens)

    def _misspelt(self, name_toks: list[Token], tokens: list[Token], country: str | None) -> Actor | None:
        """A titled full name we do not know whose first name is a known person's and whose surname is one
        letter off theirs: "President Francois Mitterand". Taken only when exactly one person fits (of the
        title's or modifier's country, if it names one)."""
        if len(name_toks) < 2 or len(surname := name_toks[-1].text) < MIN_FUZZY_SURNAME:
            return None
        first = name_toks[0].text.lower()
        near = {s for key in _deletions(surname) for s in self.index.near_surnames.get(key, ())}
        entries = [
            e
            for s in sorted(near)
            for e in self.index.surnames[s]
            if e.person is not None
            and (country is None or e.country == country)
            and any(a.split()[0].lower() == first for a in (e.person.name, *e.person.aliases) if " " in a)
        ]
        if len({e.person.name for e in entries if e.person is not None}) != 1:
            return None
        return self._listed_person(tuple(_dedupe(entries)), tokens)

    def _listed_person(self, entries: tuple[Entry, ...], tokens: list[Token]) -> Actor:
        """The actor of a listed person found without their listed name, remembered for coreference."""
        person_country, sector, name = self._person(entries)
        actor = self._actor(tokens, (person_country or "") + (sector or ""), person_country, sector, name)
        self.context.remember(actor, "person", None)
        return actor

    def _apposed(self, head: Token, tokens: list[Token], exclude: set[str]) -> Actor | None:
        """A name we do not know, described by an apposition: "Mohammad Radmanish, an Afghan defence
        spokesperson" is AFGGOV and keeps the name."""
        for c in head.children:
            # a common noun, or a capitalised description with "the" ("the UN Emergency Relief Coordinator")
            if c.dep_ == "appos" and (
                c.pos_ == "NOUN" or (c.pos_ == "PROPN" and any(d.lower_ == "the" for d in c.lefts))
            ):
                described = self.resolve(c, exclude)
                if described is not None and described.name is None:
                    names = [t for t in tokens if t.pos_ == "PROPN"]
                    actor = self._actor(
                        names or [head],
                        described.code,
                        described.country,
                        described.sector,
                        " ".join(t.text for t in names) or head.text,
                    )
                    self.context.remember(actor, "person", None)
                    return actor
        return None

    def _member_of(self, head: Token, tokens: list[Token], exclude: set[str]) -> Actor | None:
        """A leader, member or spokesman of a body that has a sector is coded as that body: "leaders of the
        opposition coalition" OPP, "members of Hamas"; "leaders of Iraq" is left to the country rules."""
        for c in head.rights:
            if c.dep_ == "prep" and c.lower_ in ("of", "for") and c.i == head.i + 1:
                obj = next((g for g in c.children if g.dep_ == "pobj"), None)
                body = self.resolve(obj, exclude) if obj is not None else None
                if body is None or body.sector is None:
                    continue
                if body.sector != "CVL" or self._lemma(obj) in self.index.sector_nouns:  # not "a Syrian bloc"
                    return self._actor([*tokens, *c.subtree], body.code, body.country, body.sector, None)
        return None

    def _owner(self, head: Token, tokens: list[Token], exclude: set[str]) -> Actor | None:
        """An office, spokesman or mission speaks for its owner ("the governor's office", "Putin's aide")."""
        for c in head.children:
            if c.dep_ == "poss":
                owner = self.resolve(c, exclude)
                if owner is not None and c.pos_ != "PRON":
                    return self._actor(tokens, owner.code, owner.country, owner.sector, owner.name)
        return None

    def _loyal_to(self, head: Token, exclude: set[str]) -> str | None:
        """The country of whom an armed group is loyal to: "militants loyal to the Somali warlord Aidid"."""
        for c in head.rights:
            if c.dep_ == "amod" and c.lemma_.lower() in LX().loyalty_words:
                for p in c.children:
                    if p.dep_ == "prep" and p.lower_ == "to":
                        leader = next((g for g in p.children if g.dep_ == "pobj"), None)
                        if leader is None:
                            continue
                        actor = self.resolve(leader, exclude)
                        if actor is not None and actor.country:
                            return actor.country
                        return self._country_from(np_tokens(leader))  # "loyal to Iraq's frontman X"
        return None

    def _led_by(self, head: Token, tokens: list[Token]) -> Actor | None:
        """A government named after its leader: "the Trump administration", "the Assad regime"."""
        for c in head.lefts:
            m = self.by_token.get(c.i)
            if c.dep_ in ("compound", "poss") and m is not None and m.kind == "person":
                country, _, _ = self._person(m.entries)
                if country:
                    actor = self._actor(tokens, country + "GOV", country, "GOV", None)
                    self.context.remember(actor, "country", None)
                    return actor
        return None

    def _org_modifier(self, head: Token) -> Actor | None:
        """An unknown head named by an organisation: "the Asia-Pacific Economic Cooperation (APEC) forum"."""
        for c in head.lefts:
            if c.dep_ in ("compound", "nmod", "amod"):
                for x in c.subtree:
                    m = self.by_token.get(x.i)
                    if m is not None and m.kind == "org":
                        e = m.entries[0]
                        span = list(head.doc[min(c.left_edge.i, m.start) : head.i + 1])
                        actor = self._actor(span, e.code or "", e.country, e.sector, None)
                        self.context.remember(actor, "org", None)
                        return actor
        return None

    def _country_mentions(self, head: Token, kinds: tuple[str, ...]) -> Iterator[tuple[Token, Match]]:
        """The mentions of these kinds that name a country in head's sentence, with their last token."""
        span = sentence(head)
        for i in range(span.start, span.end):
            m = self.by_token.get(i)
            if m is not None and m.kind in kinds and m.entries[0].country and i == m.end - 1:
                yield self.doc[i], m

    def _homeland(self, head: Token) -> str | None:
        """The country of the one place the sentence names as where things happen ("ethnic Albanians in
        south Serbia"), else the dateline's: an ethnic group lives where it is, whoever else the sentence
        names ("an American woman captured by Kurdish forces" does not make the Kurds American)."""
        found = {
            m.entries[0].country
            for tok, m in self._country_mentions(head, ("name", "capital"))
            if _locative(tok)
        }
        if len(found) == 1:
            return next(iter(found))
        return self.context.dateline_country if not found else None

    def _context_country(self, head: Token) -> str | None:
        """The country of the context when it is unambiguous: the only one named earlier in the sentence, else
        the only one named in the article so far, else the dateline's. A country named after the actor counts
        only as a place ("Police arrested protesters in Caracas"): in "President X will visit Russia", Russia
        is where X goes, not whose president X is."""
        sent = self._sent_countries.get(head.i)
        if sent is None:
            sent = set()
            for tok, m in self._country_mentions(head, ("name", "adj", "people", "capital", "metonym")):
                if self._backer(m):  # "Iran-allied militias": Iran is no context, and rules one out
                    sent.add("")
                elif tok.i < head.i or _locative(tok):  # later, only where something happens: "in Caracas"
                    sent.add(m.entries[0].country)
            self._sent_countries[head.i] = sent
        if len(sent) == 1:
            return next(iter(sent)) or None
        if sent:
            return None
        seen = {
            a.country for k, a, _ in self.context.recent if k == "country" and a.start < head.idx + self.base
        }
        if len(seen) == 1:
            return next(iter(seen))
        return self.context.dateline_country if not seen else None

    def _country_spoken_of(self, head: Token) -> str | None:
        """The one country a sentence goes on to speak of as its own business, for a titled person the text
        gives no country: "Finance Minister Ama Doe said Ghana would borrow less", "General Kofi Mensah
        stepped down to let Ghana's parliament choose", "President Doe broke his pledge to the Ghanaian
        people". A country named as an object ("President Doe will visit Russia") is where the person goes,
        and an official of a country as an object ("welcomed the Togolese leader") is whom they deal with:
        neither is whose official they are; nor is the country of what the person acts on ("President Doe
        condemned Togo's decision"). Two countries are no answer."""
        found = set()
        verb = head.head if head.dep_.startswith("nsubj") else None
        acted_on = [c for c in verb.children if c.dep_ in ("dobj", "obj")] if verb is not None else []
        for i in range(head.i + 1, head.sent.end):
            m = self.by_token.get(i)
            if m is None or i != m.end - 1 or m.kind not in ("name", "adj", "people") or self._backer(m):
                continue
            tok = self.doc[i]
            while tok.dep_ == "conj" and tok.head.i < tok.i:  # "Ghana and Togo": as the first conjunct
                tok = tok.head
            if (m.kind == "adj" and self._counterpart(tok.head)) or any(
                o.left_edge.i <= i <= o.right_edge.i for o in acted_on
            ):
                return None  # "welcomed South African leader de Klerk": dealings with another country
            if m.kind == "adj" or tok.dep_ in ("poss", "compound") or tok.dep_.startswith("nsubj"):
                found.add(m.entries[0].country)
        return next(iter(found)) if len(found) == 1 else None

    def _counterpart(self, noun: Token) -> bool:
        """An official the sentence deals with: a titled or sector noun phrase as an object."""
        while noun.dep_ == "compound" and noun.head.i != noun.i:
            noun = noun.head
        if not (noun.dep_ in ("dobj", "pobj", "dative") or noun.dep_ == "appos"):
            return False
        for t in np_tokens(noun):
            m = self.by_token.get(t.i)
            if m is not None and m.kind in ("title", "person"):
                return True
            if self.index.sector_nouns.get(self._lemma(t), ("",))[0] in LX().own_side_sectors:
                return True
        return False

    def _kind(self, t: Token) -> str:
        """What a pronoun could stand for: "country", "org", "person" or "group"."""
        m = self.by_token.get(t.i)
        if m is not None and m.kind in ("name", "capital", "metonym", "people", "adj"):
            return "country"
        if m is not None and m.kind in ("org", "person"):
            return m.kind
        if t.tag_ in ("NNS", "NNPS"):
            return "group"
        return "org" if t.lemma_.lower() in LX().collective_nouns else "person"  # "the government ... it"

    def _definite(self, head: Token, tokens: list[Token], exclude: set[str]) -> Actor | None:
        """ "the country", "the former Soviet state": the last country named that is not excluded."""
        singular = head.tag_ == "NN"  # "the country", not "the nations of the world"
        if (
            singular
            and head.lemma_.lower() in LX().definite_country
            and any(d.lower_ == "the" for d in head.lefts)
        ):
            prior = self.context.last({"country"}, exclude, before=head.idx + self.base)
            if prior is not None and prior.country:
                sector = "GOV" if head.lemma_.lower() in ("government", "regime") else None
                return self._actor(tokens, prior.country + (sector or ""), prior.country, sector, None)
        return None

    def is_anonymous(self, head: Token, actor: Actor) -> bool:
        """An unnamed speaker: "a senior State Department official", "sources", "officials"."""
        return actor.name is None and head.lemma_.lower() in LX().anonymous_heads

    def register_names(self) -> None:
        """Remember the people, countries and organisations named in an unparsed Doc (no parse needed), so
        that later pronouns, surnames and titles can refer back to them."""
        seen: set[int] = set()
        for i in sorted(self.by_token):
            m = self.by_token[i]
            if m.start in seen or m.kind in ("title", "adj"):
                continue
            seen.add(m.start)
            e = m.entries[0]
            tokens = list(self.doc[m.start : m.end])
            if m.kind == "person":
                country, sector, name = self._person(m.entries)
                if country:
                    self.context.remember(
                        self._actor(tokens, country + (sector or ""), country, sector, name), "person", None
                    )
            elif m.kind == "org":
                self.context.remember(
                    self._actor(tokens, e.code or "", e.country, e.sector, None), "org", None
                )
            elif e.country:
                sector = e.sector or {"name": None, "people": "CVL"}.get(e.kind, "GOV")
                kind = "group" if e.kind == "people" else "country"
                self.context.remember(
                    self._actor(tokens, e.country + (sector or ""), e.country, sector, None), kind, None
                )

    def register_sentence(self, sent: Span) -> None:
        """Resolve every noun-phrase head of a sentence so later sentences can refer back to it."""
        table = token_table(self.doc)
        for i in range(sent.start, sent.end):
            if (
                table.pos[i] in (PROPN, NOUN)
                and table.deps[i] not in ("compound", "flat", "amod")
                and (i in self.by_token or table.lemmas[i] in self.index.sector_nouns)
            ):
                self.resolve(self.doc[i])


def _locative(tok: Token) -> bool:
    """Whether a word is the object of a locative preposition: where something happens ("in Caracas")."""
    return tok.dep_ == "pobj" and tok.head.lower_ in LX().locative_preps
