"""The events stage: find CAMEO triggers from the pattern dictionary and read their roles off the parse.

For one sentence it returns :class:`Found` events: the trigger, the pattern that matched, source and target
actors (via :mod:`eventcoder.actors`), status and attribution. Dates and places are added by the pipeline.

Decisions, in order (each documented in docs/events.md):

1. **Triggers**: a verb or noun whose lemma has patterns; a pattern matches when its particle, required object
   and (for nouns) preposition are present. The most specific matching pattern wins.
2. **Roles**: verbs take the subject as source (the ``by`` agent in passives; the controller for ``to``
   infinitives, conjoined verbs and relative clauses) and the prepositional object named by the pattern,
   else the direct object, as target. Nouns take possessors, ``by``/``from`` phrases, actor modifiers and
   the subject of a light verb ("launched an offensive") as source. Conjoined actors give one record per pair.
3. **Status**: negated, hypothetical, intended or occurred, from the parse (see :func:`status_of`).
4. **Say-events**: a speech verb is a statement event (010) only when its content codes no other verb event;
   otherwise it is the attribution of the events it reports.
5. **No event without a source actor.**
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise

from spacy.symbols import NOUN, VERB
from spacy.tokens import Span, Token

from .actors import ActorResolver, np_tokens
from .cameo import PLACE_OBJECT as PLACE
from .cameo import Pattern, load_patterns, root
from .document import Actor
from .lexicon import lexicon as LX
from .parsed import has_subject, sentence, token_table
from .when import time_words
from .where import find_place_mentions

SUBJ_DEPS = {"nsubj", "csubj"}
OBJ_DEPS = {"dobj", "obj", "attr", "dative"}


@lru_cache(maxsize=1)
def _governors() -> frozenset[str]:
    """Verbs whose complement carries the event: intents, refusals, denials, threats."""
    lx = LX()
    return lx.intent_verbs | lx.refuse_verbs | lx.deny_verbs | lx.threat_verbs


@dataclass(frozen=True, slots=True)
class PatternIndex:
    verbs: dict[str, tuple[Pattern, ...]]
    nouns: dict[str, tuple[Pattern, ...]]


@lru_cache(maxsize=1)
def pattern_index() -> PatternIndex:
    verbs: dict[str, list[Pattern]] = {}
    nouns: dict[str, list[Pattern]] = {}
    for p in load_patterns():
        (verbs if p.pos == "V" else nouns).setdefault(p.lemma, []).append(p)
    return PatternIndex({k: tuple(v) for k, v in verbs.items()}, {k: tuple(v) for k, v in nouns.items()})


@dataclass
class Found:
    trigger: Token
    pattern: Pattern
    words: list[Token]
    code: str
    source: Actor | None = None
    target: Actor | None = None
    source_token: Token | None = None
    target_token: Token | None = None
    status: str = "occurred"
    speaker: Actor | None = None
    anonymous: bool = False
    confidence: float = 0.5
    related: list[Token] = field(default_factory=list)


# -- triggers ----------------------------------------------------------------------------------------
class _Candidate:
    """A candidate trigger and what its patterns test, read off the parse once for all of them (each list
    on first use: most candidates' patterns never ask for it)."""

    __slots__ = ("_complements", "_measured", "_objects", "children", "token")

    def __init__(self, t: Token) -> None:
        self.token = t
        self.children = list(t.children)
        self._objects: list[tuple[Token, str]] | None = None
        self._measured: list[tuple[Token, str]] | None = None
        self._complements: list[tuple[Token, str]] | None = None

    def particles(self, particle: str) -> list[Token]:
        """The small model labels particles prt, advmod or prep ("stepped down", "pulled out of")."""
        i = self.token.i
        return [
            c
            for c in self.children
            if c.dep_ in ("prt", "advmod", "prep") and c.lower_ == particle and c.i > i
        ]

    @property
    def objects(self) -> list[tuple[Token, str]]:
        """Direct objects (conjuncts included) with their lower-case lemmas."""
        if self._objects is None:
            self._objects = [(o, o.lemma_.lower()) for o in _direct_objects(self.token, self.children)]
        return self._objects

    @property
    def measured(self) -> list[tuple[Token, str]]:
        """What a measure as object measures ("handed over 700 kg of medicine", "part of its aid")."""
        if self._measured is None:
            self._measured = [
                (g, g.lemma_.lower())
                for o, lemma in self.objects
                if lemma in LX().measure_nouns
                for g in _prep_objects([o], ("of",))
            ]
        return self._measured

    @property
    def complements(self) -> list[tuple[Token, str]]:
        """Clausal complements with their lower-case lemmas."""
        if self._complements is None:
            self._complements = [(c, c.lemma_.lower()) for c in self.children if _complement(c)]
        return self._complements

    def children_of(self, h: Token) -> list[Token]:
        return self.children if h.i == self.token.i else list(h.children)


def _infinitive(c: Token) -> bool:
    """An infinitive complement; one the parser made an adverbial clause counts ("threatened on Monday to
    launch attacks", "agreed on Friday to hold talks": advcl)."""
    return c.dep_ == "xcomp" or (
        c.dep_ == "advcl" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
    )


def _complement(c: Token) -> bool:
    """A verb's complement clause: an infinitive or a clausal complement ("said that...")."""
    return c.dep_ == "ccomp" or _infinitive(c)


def _direct_objects(t: Token, children: list[Token]) -> list[Token]:
    objs = [c for c in children if c.dep_ in OBJ_DEPS or c.dep_ == "nsubjpass"] or _up_to(children)
    return objs + [c for o in objs for c in o.conjuncts if c.i > o.i]


def _up_to(children: list[Token]) -> list[Token]:
    """A counted object the parser hangs on "up" as a particle: "kidnapped up to 16 advisers"."""
    return [
        g
        for c in children
        if c.dep_ == "prt" and c.lower_ == "up"
        for p in c.children
        if p.dep_ == "prep" and p.lower_ == "to"
        for g in p.children
        if g.dep_ == "pobj" and any(n.dep_ == "nummod" for n in g.children)
    ]


def _named_place(o: Token) -> bool:
    """Whether an object is a place the gazetteer names (a town, a region, a country)."""
    return o.pos_ == "PROPN" and any(m.start <= o.i < m.end for m in find_place_mentions(sentence(o)))


def _with_objects(cand: _Candidate) -> list[Token]:
    """What a verb gives "with" when its direct object is the recipient ("supplied Kenya with arms")."""
    if not cand.objects:
        return []
    return [x for g in _prep_objects([cand.token], ("with",)) for x in _with_conj(g)]


def _of_time(prep: Token) -> bool:
    """A preposition of time ("on Sunday", "in March"): not the one a pattern asks for ("call on")."""
    objs = [g for g in prep.children if g.dep_ == "pobj"]
    return bool(objs) and all(g.lower_ in time_words() for g in objs)


def _conjoined_subject(children: list[Token]) -> bool:
    """ "Blinken and Lavrov spoke": a symmetric verb needs no "with" when its subject is a pair."""
    return any(c.dep_ == "nsubj" and c.conjuncts for c in children)


def _match(cand: _Candidate, p: Pattern) -> tuple[int, list[Token]] | None:
    """Specificity score and trigger words (trigger, particle, object or complement) when ``p`` matches."""
    t = cand.token
    words = [t]
    score = 0
    prt: list[Token] = []
    if p.particle:
        prt = cand.particles(p.particle)
        if not prt:
            return None
        words += prt[:1]
        score += 1
    if p.object or p.complement:

        def wanted(o: Token, lemma: str) -> bool:
            return lemma in p.object or (PLACE in p.object and _named_place(o))

        objs = [o for o, lemma in cand.objects if wanted(o, lemma)]
        if not objs and prt:  # the particle's own object: "went on strike", "placed X under arrest"
            objs = [g for g in prt[0].children if g.dep_ == "pobj" and wanted(g, g.lemma_.lower())]
        score += 2
        if not objs:  # less specific than an object named outright ("$5m of aid" is money before aid)
            objs = (
                [o for o, lemma in cand.measured if lemma in p.object]
                or [
                    o  # the object's compound names it: "eased curfew hours"
                    for o, _ in cand.objects
                    if any(c.dep_ == "compound" and c.lemma_.lower() in p.object for c in o.lefts)
                ]
                or [  # "provided Kenya with aircraft": the recipient is the direct object
                    o for o in _with_objects(cand) if o.lemma_.lower() in p.object
                ]
            )
            score -= 1 if objs else 0
        comps = [c for c, lemma in cand.complements if lemma in p.complement]
        if not objs and not comps:
            return None
        words.append((objs or comps)[0])
    if p.prep:
        heads = [t, *words[1:]]
        if any(
            c.dep_ in ("prep", "agent", "dative") and c.lower_ in p.prep and not _of_time(c)
            for h in heads
            for c in cand.children_of(h)
        ):
            score += 1
        elif p.prep_required:
            if not ("symmetric" in p.flags and _conjoined_subject(cand.children)):
                return None
            score -= 1  # "Blinken and Lavrov spoke": allowed, but any other matching pattern is preferred
    return score, words


def find_triggers(sent: Span, index: PatternIndex) -> list[tuple[Token, list[tuple[Pattern, list[Token]]]]]:
    """Trigger tokens with their matching patterns, most specific first (ties: file order)."""
    out = []
    consumed: set[int] = set()
    table = token_table(sent.doc)
    for i in range(sent.start, sent.end):
        pos = table.pos[i]
        if pos == VERB:
            cands = index.verbs.get(table.lemmas[i], ())
        elif pos == NOUN:
            cands = index.nouns.get(table.lemmas[i], ())
        else:
            continue
        if not cands:
            continue
        cand = _Candidate(sent.doc[i])
        matched = []
        for n, p in enumerate(cands):
            m = _match(cand, p)
            if m:
                matched.append((-m[0], n, p, m[1]))
        if matched:
            matched.sort(key=lambda x: (x[0], x[1]))
            out.append((cand.token, [(p, w) for _, _, p, w in matched]))
            best_words = matched[0][3]
            consumed.update(w.i for w in best_words[1:])
    return [x for x in out if x[0].i not in consumed]


# -- roles ---------------------------------------------------------------------------------------
def _with_conj(t: Token) -> list[Token]:
    out = [t]
    for c in t.conjuncts:
        if c.i > t.i and c.pos_ in ("PROPN", "NOUN", "PRON"):
            out.append(c)
    return out


def verb_subjects(v: Token, depth: int = 0) -> tuple[list[Token], list[Token]]:
    """(sources, passive targets) of a verb, climbing to controllers when it has no subject."""
    children = list(v.children)  # one walk over the children for the three lists
    subj = [c for c in children if c.dep_ in SUBJ_DEPS]
    passive = [c for c in children if c.dep_ == "nsubjpass"]
    agent = [g for c in children if c.dep_ == "agent" for g in _agent_objects(c)]
    if passive:
        return agent, passive
    if subj:
        if subj[0].lower_ in ("who", "which", "that") and v.dep_ == "relcl":
            return [v.head], []
        if _bare_participle(v) and (by := _prep_objects([v], ("by",))):
            # a reduced passive parsed as active: "the aid worker taken hostage by the militia"
            return by, [x for s in subj for x in _with_conj(s)]
        return [x for s in subj for x in _with_conj(s)], []  # a misparse may give two subjects
    if depth < 3 and v.dep_ == "xcomp" and v.head.pos_ == "ADJ" and v.head.dep_ == "acomp":
        return verb_subjects(v.head.head, depth + 1)  # "it is willing to withdraw"
    if (
        depth < 3
        and v.dep_ in ("xcomp", "conj", "advcl")
        and (v.head.pos_ in ("VERB", "AUX") or _verb_read_as_noun(v))
    ):
        if v.dep_ == "xcomp":
            objs = [c for c in v.head.children if c.dep_ in ("dobj",)]
            if objs:  # object control: "urged Iran to stop", "positioned itself to launch"
                return [objs[0]], []
        if v.dep_ == "conj" and _bare_participle(v) and _passive(v.head):
            return [], []  # "were identified and arrested", "have been tortured and murdered": no agent here
        held = [c for c in v.head.children if c.dep_ == "nsubjpass"]
        if held:  # "was indicted by the court and will resign": the one indicted resigns, not the court
            return [x for s in held for x in _with_conj(s)], []
        return verb_subjects(v.head, depth + 1)
    if (
        depth < 3
        and v.dep_ == "acl"
        and v.head.lemma_.lower() in LX().resolution_nouns
        and v.head.dep_ in ("dobj", "obj")
        and v.head.head.pos_ == "VERB"
    ):
        return verb_subjects(v.head.head, depth + 1)  # "Russia made a decision to expel": Russia expels
    if depth < 3 and v.dep_ == "acl" and v.head.lemma_.lower() in LX().document_nouns:
        # "issued a statement condemning", "passed a resolution calling on": whoever issued it condemns
        poss = [c for c in v.head.children if c.dep_ == "poss"]
        if poss:  # "France's statement condemning"
            return poss, []
        if v.head.dep_ in ("dobj", "obj") and v.head.head.pos_ == "VERB":
            return verb_subjects(v.head.head, depth + 1)
    if v.dep_ in ("relcl", "acl") and v.head.pos_ in ("NOUN", "PROPN"):
        if v.dep_ == "acl" and _bare_participle(v):
            return agent, [v.head]  # "children abducted by their mother", "fighters captured in Syria"
        return [v.head], []
    return [], []


def _agent_objects(by: Token) -> list[Token]:
    """Who a passive's "by" names; also the subject of a clause the parser hung on it ("were killed by
    rebels wielding machetes": the rebels)."""
    objs = [g for g in by.children if g.dep_ == "pobj"]
    return objs or [s for g in by.children if g.dep_ == "pcomp" for s in g.children if s.dep_ == "nsubj"]


def _verb_read_as_noun(v: Token) -> bool:
    """A conjunct verb whose head the tagger took for a noun but the parser gave a subject: "gunmen shot
    and injured a doctor" ("shot" a NOUN at the root, "gunmen" its subject)."""
    return v.dep_ == "conj" and v.head.dep_ == "ROOT" and any(c.dep_ == "nsubj" for c in v.head.children)


def _bare_participle(v: Token) -> bool:
    """A past participle without an auxiliary of its own ("arrested" in "were identified and arrested")."""
    participle = v.tag_ == "VBN" or (v.tag_ == "VBD" and v.lower_.endswith("en"))  # "taken" tagged VBD
    return participle and not any(c.dep_ in ("aux", "auxpass") for c in v.children)


def _passive(v: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in v.children) or (
        v.dep_ == "conj" and _bare_participle(v) and _passive(v.head)
    )


def _prep_objects(heads: list[Token], preps: tuple[str, ...]) -> list[Token]:
    """Objects of the listed prepositions under the heads; a time ("on Tuesday", "for a week") is none."""
    out = []
    for h in heads:
        for c in h.children:
            if c.dep_ in ("prep", "dative") and c.lower_ in preps:
                objs = [g for g in c.children if g.dep_ == "pobj"] or _clause_object(h, c)
                out.extend(g for g in objs if g.lower_ not in time_words())
    return out


def _clause_object(h: Token, prep: Token) -> list[Token]:
    """The object of a bare preposition that the parser made the subject of a reduced relative clause:
    "granted asylum to five officers holed up in the embassy" ("officers" the subject of "holed")."""
    if prep.n_lefts or prep.n_rights:
        return []
    return [
        g
        for v in h.children
        if v.dep_ in ("advcl", "ccomp", "relcl", "conj")
        for g in v.children
        if g.dep_ in ("nsubj", "nsubjpass") and g.left_edge.i == prep.i + 1
    ]


def _complement_subject(t: Token) -> list[Token]:
    """The subject of what was said, warned or demanded: "warned that Moscow had ..."."""
    for c in t.children:
        marked = any(m.dep_ == "mark" for m in c.children)
        infinitive = c.dep_ == "ccomp" and any(m.dep_ == "aux" and m.lower_ == "to" for m in c.children)
        if (c.dep_ in ("ccomp", "acl") and marked) or infinitive:  # "that Moscow had", "the YPG to be"
            subj = [g for g in c.children if g.dep_ in ("nsubj", "nsubjpass")]
            if (marked and subj) or (subj and subj[0].pos_ == "PROPN"):  # not "ordered her citizenship to"
                return subj[:1]
    if t.pos_ == "NOUN":  # "warnings from the White House that Moscow ...", with the clause misattached
        for x in t.doc[t.i + 1 : min(t.i + 8, sentence(t).end)]:
            if x.dep_ == "mark" and x.lower_ == "that":
                return [g for g in x.head.children if g.dep_ in ("nsubj", "nsubjpass")][:1]
            if x.pos_ in ("VERB", "AUX") or x.text in ";:":
                break
    return []


def roles(t: Token, p: Pattern, words: list[Token]) -> tuple[list[Token], list[Token]]:
    """Candidate source and target head tokens for a trigger (docs/patterns.md, "Roles")."""
    preps = p.prep or (LX().default_target_preps if p.object else ())
    anchors = _with_effort([t, *words[1:]])
    matched = {w.i for w in words[1:]}  # the pattern's own words are never its target ("into custody")
    if t.pos_ == "VERB":
        sources, targets = verb_subjects(t)
        if not sources and root(p.code) == "15" and any(x.i in matched for x in targets):
            # "Turkish troops were sent to the border": forces are deployed by their own side
            sources, targets = [x for x in targets if x.i in matched], []
        if not targets:  # the recipient as an indirect object: "gave Malawi $20m for schools"
            targets = [c for c in t.children if c.dep_ == "dative" and c.pos_ in ("PROPN", "NOUN", "PRON")]
        if not targets and preps:
            targets = [x for x in _prep_objects(anchors, preps) if x.i not in matched]
        if not targets:
            targets = [c for c in t.children if c.dep_ in ("dobj", "obj", "dative") and c.i not in matched]
            targets = targets or _up_to(list(t.children))
        if not targets and root(p.code) in LX().shared_object_roots:  # "shot and killed two guards"
            targets = [
                c
                for v in t.children
                if v.dep_ == "conj" and v.pos_ == "VERB" and not has_subject(v)
                for c in v.children
                if c.dep_ in ("dobj", "obj")
            ][:1]
        if not targets:  # "rejected North Korea's demand", "rejected calls by Belarus", "violated a ban by X"
            objs = [w for w in words[1:] if w.pos_ == "NOUN"]
            # an event object's own target first: "tightened the blockade of Serbia" (not "with Albania's
            # help"), and whom a number counts: "killed scores of civilians"; then "demanded a truce with
            # the rebels"
            targets = [x for o in objs for x in _prep_objects([o], _own_preps(o)) if _named(x, o)] or [
                c for o in objs for c in o.children if c.dep_ == "poss"
            ] + _prep_objects(objs, ("by", "from", "with"))
            if not targets:  # its author: "prevented the demonstration staged by students"
                targets = [
                    g
                    for o in objs
                    for v in o.children
                    if v.dep_ == "acl" and v.lemma_.lower() in LX().author_verbs
                    for a in v.children
                    if a.dep_ == "agent"
                    for g in a.children
                    if g.dep_ == "pobj"
                ]
        comp = [w for w in words[1:] if w.pos_ == "VERB" and w.dep_ in ("xcomp", "ccomp")]
        if not targets and comp:  # "offered to hand over to Great Britain", "threatened to shell Iraqi towns"
            # whom a demand or an appeal is made of: "demanded that Uganda withdraw its troops"
            asked = [c for c in comp[0].children if c.dep_ == "nsubj"] if root(p.code) in ("02", "10") else []
            targets = (
                asked
                or _prep_objects(comp, LX().default_target_preps)
                or [c for c in comp[0].children if c.dep_ in ("dobj", "dative")]
            )
        if "src_is_obj" in p.flags:
            sources, targets = targets, sources
    else:
        sources = [c for c in t.children if c.dep_ == "poss"]
        # who moves is the "of" object of a movement of forces ("the withdrawal of US troops from Syria"),
        # and where they move from is no source
        mover = t.lemma_.lower() in LX().agent_of_nouns
        sources += [
            g
            for c in t.children
            if c.dep_ in ("prep", "agent") and c.lower_ in (("by", "of") if mover else ("by", "from"))
            for g in c.children
            if g.dep_ == "pobj"
        ]
        heads = _with_effort([t])
        # "talks between X and Y": the two sides; not for a mediation ("a mediation effort between X and
        # Y": the mediator acts on both)
        between = _prep_objects(heads, ("between", "among")) if p.code not in LX().mediator_codes else []
        if between and not sources:
            allc = list(dict.fromkeys(x for b in between for x in _with_conj(b)))
            return allc[:1], allc[1:]
        targets = _prep_objects(heads, preps) if preps else []
        if not sources:
            sources = [
                c
                for c in t.children
                if c.dep_ in ("compound", "amod") and c.pos_ in ("PROPN", "ADJ") and c.text[:1].isupper()
            ]
        if not sources:  # the parser often hangs "from X" on a neighbour: take it when it follows directly
            nxt = t.nbor(1) if t.i + 1 < sentence(t).end else None
            if nxt is not None and nxt.lower_ in ("by", "from"):
                sources = [g for g in nxt.children if g.dep_ == "pobj"]
        gov = _light_verb(t)
        if not sources and gov is not None:
            sources, _ = verb_subjects(gov)
            if not targets:
                targets = _prep_objects([gov], preps or LX().default_target_preps)
            targets = [x for x in targets if x.i != t.i]
            if not targets and t.head.lower_ == "in":  # "engaged the peacekeepers in a firefight"
                targets = [c for c in gov.children if c.dep_ in ("dobj", "obj")]
        if not targets and t.dep_ in ("nsubj",) and t.head.pos_ == "VERB":  # "airstrikes hit Gaza"
            targets = [c for c in t.head.children if c.dep_ == "dobj"]
    if not targets and root(p.code) in ("01", "02", "10", "11", "12", "13", "16"):
        targets = _complement_subject(t)
    targets = [_across_border(x) for x in targets]
    sources = [x for s in sources for x in _with_conj(s)] if sources else []
    targets = [x for s in targets for x in _with_conj(s)] if targets else []
    return list(dict.fromkeys(sources)), list(dict.fromkeys(targets))


def _named(x: Token, noun: Token) -> bool:
    """Whether the object of an event noun's preposition is a name ("the blockade of Serbia"), not a thing
    or an issue ("accusations of racism", "a boycott of Uzbek cotton"); after a number any noun is."""
    return x.pos_ == "PROPN" or noun.lemma_.lower() in LX().quantifiers


def _own_preps(noun: Token) -> tuple[str, ...]:
    """The prepositions that name whom a noun is about: an event noun's own pattern prepositions ("the
    blockade of Serbia", "accusations against the government"), and "of" after a number ("scores of
    civilians"); not where it happens ("prevented a demonstration in Nairobi" targets no one in Nairobi)."""
    lemma = noun.lemma_.lower()
    if lemma in LX().quantifiers:
        return ("of",)
    places = LX().locative_preps
    return tuple(
        dict.fromkeys(x for p in pattern_index().nouns.get(lemma, ()) for x in p.prep if x not in places)
    )


def _with_effort(tokens: list[Token]) -> list[Token]:
    """The tokens and the effort nouns they qualify, whose prepositions are theirs ("a mediation effort
    between X and Y", "ended mediation efforts in the dispute")."""
    return tokens + [
        t.head
        for t in tokens
        if t.dep_ == "compound" and t.head.pos_ == "NOUN" and t.head.lemma_.lower() in LX().effort_nouns
    ]


def _light_verb(t: Token) -> Token | None:
    """The light verb governing a noun trigger: "launched an offensive", "participate in exercises", "led a
    delegation on a visit to Russia". Only these short paths: a longer one is someone else's event."""
    if t.pos_ != "NOUN":
        return None
    gov = None
    t = _with_effort([t])[-1]  # "launched a mediation effort": the effort is the object
    if t.dep_ in ("dobj", "obj"):
        gov = t.head
    elif t.dep_ == "pobj" and t.head.dep_ == "prep":
        x = t.head.head
        if t.head.lower_ in ("in", "into", "on") and x.pos_ == "VERB":
            gov = x
        elif t.head.lower_ == "of" and x.lemma_.lower() in LX().series_nouns and x.dep_ in ("dobj", "obj"):
            gov = x.head  # "began a new round of exercises"
        elif t.head.lower_ in ("on", "for") and x.pos_ == "NOUN" and x.dep_ in ("dobj", "obj"):
            gov = x.head
    if gov is not None and gov.pos_ == "VERB" and gov.lemma_.lower() in LX().light_verbs:
        return gov
    return None


def _across_border(t: Token) -> Token:
    """ "along its border with X" / "on Ukraine's border": the country across the border is the target."""
    if t.lemma_.lower() not in LX().border_nouns:
        return t
    across = _prep_objects([t], ("with",))
    if across:
        return across[0]
    poss = [c for c in t.children if c.dep_ == "poss" and c.pos_ != "PRON"]
    return poss[0] if poss else t


def extra_conj_targets(sent: Span, target: Token, resolver: ActorResolver) -> list[Token]:
    """Actors conjoined after a target by a misparse ("to Kyiv on Wednesday and Berlin on Thursday")."""
    out = []
    table = token_table(sent.doc)
    for i in range(max(sent.start, target.i + 1), sent.end):
        if table.deps[i] != "conj":
            continue
        x = sent.doc[i]
        if x.head.i < target.i:
            continue
        between = sent.doc[target.i + 1 : x.i]
        if any(b.pos_ in ("VERB", "AUX") for b in between):
            break
        if x not in target.conjuncts and resolver.by_token.get(x.i) is not None:
            out.append(x)
    return out


# -- status and attribution -------------------------------------------------------------------------
def _clause_chain(t: Token, limit: int = 6) -> list[Token]:
    chain = [t]
    while chain[-1].head.i != chain[-1].i and len(chain) < limit:
        chain.append(chain[-1].head)
    return chain


def status_of(t: Token) -> str:
    """negated > hypothetical > intended > occurred, from auxiliaries, markers and governing words."""
    chain = _clause_chain(t)
    own = list(t.children)
    if any(c.dep_ == "neg" for c in own) or any(c.lower_ == "no" and c.dep_ == "det" for c in own):
        return "negated"
    if t.pos_ == "VERB" and any(  # "provided no evidence", "held no talks"
        d.lower_ == "no" and d.dep_ == "det" for c in own if c.dep_ == "dobj" for d in c.children
    ):
        return "negated"
    for a, b in pairwise(chain):
        if _complement(a) and b.lemma_.lower() in LX().neg_verbs:
            return "negated"
        if _complement(a) and any(c.dep_ == "neg" for c in b.children):
            return "negated"
    if any(
        c.lower_ in ("if", "unless", "whether") and c.dep_ == "mark" for x in chain[:3] for c in x.children
    ):
        return "hypothetical"
    if any(c.lower_ in LX().hedges for c in own) or any(
        c.lower_ in LX().hypothetical_mods for c in own if c.dep_ == "amod"
    ):
        return "hypothetical"
    if any(
        b.lemma_.lower() in LX().hypothetical_heads and a.dep_ not in ("nsubj", "nsubjpass")
        for a, b in pairwise(chain[:4])
    ):
        return "hypothetical"
    if t.pos_ == "NOUN" and any(
        c.lower_ in LX().intent_mods for c in t.subtree if c.dep_ in ("amod", "advmod") and c.i < t.i
    ):
        return "intended"
    aux = {c.lower_ for x in chain[:2] for c in x.children if c.dep_ in ("aux", "auxpass")}
    if aux & {"could", "might", "may", "should"}:
        return "hypothetical"
    if aux & {"will", "shall", "'ll", "wo"} or "would" in aux:
        return "intended"
    for a, b in pairwise(chain[:4]):
        if (a.dep_ == "acl" or _infinitive(a)) and b.lemma_.lower() in LX().intent_verbs:  # "plans to fight"
            return "intended"
        if a.dep_ == "acl" and b.lemma_.lower() in LX().resolution_nouns:  # "made a decision to expel"
            return "intended"
        if a.dep_ == "xcomp" and b.lemma_.lower() == "go" and b.tag_ == "VBG":
            return "intended"
    return "occurred"


def speaker_of(t: Token) -> Token | None:
    """The subject of the speech verb that reports this trigger, or the pobj of "according to"."""
    for x in _clause_chain(t)[1:]:
        if x.lemma_.lower() in LX().say_lemmas and x.pos_ == "VERB":
            subj = [c for c in x.children if c.dep_ == "nsubj"]
            if subj and subj[0].lower_ in ("who", "that") and x.dep_ == "relcl":
                return x.head
            if subj:
                return subj[0]
    rootv = sentence(t).root
    for c in rootv.children:
        if c.dep_ in ("parataxis", "ccomp", "advcl") and c.lemma_.lower() in LX().say_lemmas:
            subj = [g for g in c.children if g.dep_ == "nsubj"]
            if subj:
                return subj[0]
    sent = sentence(t)
    table = token_table(sent.doc)
    for i in range(sent.start, sent.end):
        if table.lemmas[i] in ("accord", "according"):  # the lemma of "according"
            x = sent.doc[i]
            if x.lower_ != "according":
                continue
            for to in x.children:
                for g in to.children:
                    if g.dep_ == "pobj":
                        return g
    return None


def _reported(say: Token) -> set[int]:
    """Token indices of what a speech verb reports: its complements, or its host clause when it is
    parenthetical ("X happened, an official said")."""
    out = {x.i for c in say.children if c.dep_ in ("ccomp", "parataxis", "xcomp", "acl") for x in c.subtree}
    if say.dep_ in ("parataxis", "ccomp") or (say.dep_ == "ROOT" and not out):
        own = {x.i for x in say.subtree}
        sent = sentence(say)
        out |= {i for i in range(sent.start, sent.end) if i not in own}
    return out


# -- composition -------------------------------------------------------------------------------------
def _confidence(f: Found, p: Pattern, via_context: bool) -> float:
    """0.9 full pattern with both actors; -0.2 without a target; -0.1 when an actor came from coreference."""
    c = 0.9 if f.target is not None else 0.7
    if via_context:
        c -= 0.1
    if "ambiguous" in p.flags:
        c -= 0.1
    return round(max(c, 0.1), 2)


def _by_phone(t: Token) -> bool:
    """ "spoke by phone", "talked over the telephone", "a phone call"."""
    mods = [g for c in t.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
    mods += [c for c in t.children if c.dep_ in ("compound", "amod")]
    return any(m.lemma_.lower() in LX().phone_nouns for m in mods)


def _must(c: Token) -> bool:
    """A clause of obligation: "Sudan must return the helicopter", "the US should be ready to mediate"."""
    return any(a.dep_ == "aux" and a.lower_ in LX().obligation_modals for a in c.children)


def _requests(
    triggers: list[tuple[Token, list[tuple[Pattern, list[Token]]]]],
) -> tuple[set[int], dict[int, str]]:
    """Triggers asked for by an appeal or demand (not events themselves), and the appeal/demand code each
    request gets from what it asks for ("urged Iran to resume talks" is 026). A speech verb whose content is
    an obligation ("said Sudan must return ...") or that tells someone to act ("told people to conduct
    attacks") is a demand too."""
    lx = LX()
    by_i = {t.i: cands for t, cands in triggers}
    requested: set[int] = set()
    refine: dict[int, str] = {}
    for g, cands in triggers:
        lemma = g.lemma_.lower()
        say = "say" in cands[0][0].flags
        if lemma in lx.appeal_verbs:
            table = lx.appeal_codes
        elif lemma in lx.demand_verbs or say:
            table = lx.demand_codes
        else:
            continue
        if g.pos_ != "VERB" and not say:
            continue
        told = say and any(d.dep_ in ("dobj", "dative") for d in g.children)  # "told people to attack"
        # a statement noun's clause too: "issued a reminder to Iraq that it must cooperate"
        clauses = ("xcomp", "ccomp") if g.pos_ == "VERB" else ("acl", "ccomp")
        for c in g.children:
            # "asked the campaign to end a boycott", with the infinitive parsed as a purpose clause
            if (c.dep_ not in clauses and (say or not _infinitive(c))) or c.i < g.i:
                continue
            if say and not (_must(c) or (told and c.dep_ == "xcomp")):
                continue
            requested.update(x.i for x in c.subtree if x.i in by_i)
            code = family_code(table, by_i[c.i][0][0].code) if c.i in by_i else None
            refine[g.i] = code or ("100" if say else refine.get(g.i))
    return requested, {k: v for k, v in refine.items() if v}


def _has_content(t: Token) -> bool:
    """Whether a speech trigger reports something: a clause, a quote, or a parenthetical "officials said"."""
    if any(c.dep_ in ("ccomp", "xcomp", "parataxis", "acl") for c in t.children):
        return True
    if t.dep_ in ("parataxis", "ccomp") or (t.dep_ == "ROOT" and any(c.is_quote for c in sentence(t))):
        return True
    return t.pos_ == "NOUN" and any(x.dep_ == "mark" for x in t.doc[t.i + 1 : min(t.i + 8, sentence(t).end)])


def _mood_code(say: Token) -> str | None:
    """A statement whose content is the speaker's mood: "said it is skeptical" 012, "confident" 013."""
    lx = LX()
    for c in say.children:
        # the speaker's own mood: "said it was sceptical", not "said Uganda was worried"
        if c.dep_ != "ccomp" or not any(g.dep_.startswith("nsubj") and g.pos_ == "PRON" for g in c.children):
            continue
        for a in (c, *(g for g in c.children if g.dep_ == "acomp")):
            if {a.lower_, a.lemma_.lower()} & lx.pessimistic_words:
                return "012"
            if {a.lower_, a.lemma_.lower()} & lx.optimistic_words:
                return "013"
    return None


def _governor(t: Token) -> Token | None:
    """The verb whose complement this trigger is ("refused to deploy", "threatened to shell")."""
    if _complement(t) and t.head.pos_ == "VERB" and t.i > t.head.i:
        return t.head
    return None


def _governor_code(t: Token, code: str) -> tuple[str, str] | None:
    """Refusals, denials and threats recode the event they govern: (code, status) or None."""
    gov = _governor(t)
    if gov is None:
        return None
    lemma = gov.lemma_.lower()
    if lemma in LX().refuse_verbs:
        return family_code(LX().refusal_codes, code) or "120", "occurred"
    if lemma in LX().deny_verbs:
        return "016", "occurred"
    if lemma in LX().threat_verbs:
        return _threat_code(code), "occurred"
    return None


def family_code(table: Mapping[str, str], code: str) -> str | None:
    """What a governing verb makes of an event of ``code``: the entry for its longest listed prefix (four
    digits, three, the root), so "urged X to release" (084) is 0253 where "urged X to yield" (08) is 025."""
    return table.get(code) or table.get(code[:3]) or table.get(root(code))


def _threat_code(code: str) -> str:
    """The threat of an action: "threatened to impose sanctions" (163) is 1312, to attack (19) 138."""
    return family_code(LX().threat_codes, code) or "130"


def _threatening(code: str) -> bool:
    """Is an announced action of this code a threat (protest, force, sanctions, coercion, violence)?"""
    return code[:3] in LX().threat_codes or root(code) in LX().threat_codes


def _announced_by(speaker: Actor | None, source: Actor) -> bool:
    """Does the source announce its own action ("NATO confirmed it would tighten the blockade")?"""
    return speaker is not None and (
        speaker.code == source.code or (source.country is not None and speaker.country == source.country)
    )


def _conditional_threat(t: Token, code: str, status: str) -> str | None:
    """A coercive action announced on a condition is a threat: "will boycott the elections unless the
    president steps down", "may halt mediation if ..."; so is any action announced "unless" another acts
    ("will withdraw its force unless ..."). The code of that threat, or None."""
    if status not in ("intended", "hypothetical") or t.pos_ != "VERB":
        return None
    chain = _clause_chain(t)
    inside = {x.i for x in chain}  # the trigger's own "if" clause is no condition on it
    marks = {
        m.lower_
        for x in chain[:2]
        for c in x.children
        if c.dep_ == "advcl" and c.i not in inside
        for m in c.children
        if m.dep_ == "mark" and m.lower_ in LX().conditional_marks
    }
    # "will release the prisoners if ...": an offer, not a threat; "will withdraw its force unless ...": one
    if (marks and _threatening(code)) or "unless" in marks:
        return _threat_code(code)
    return None


def _modifier_code(t: Token) -> str | None:
    """The code a modifier gives an event noun: "air strikes" 195, "hunger strike" 142, "car bomb" 1832."""
    codes = LX().modifier_codes.get(t.lemma_.lower())
    if not codes:
        return None
    return next(
        (
            codes[m]
            for c in t.children
            if c.dep_ in ("amod", "compound", "nmod") and (m := c.lemma_.lower()) in codes
        ),
        None,
    )


def _kind_code(noun: Token, code: str) -> str:
    """The pattern's code, or the kind a modifier names; an appeal, intent, demand, refusal or threat about
    that kind is the family's code for it ("called for military aid" 0232, "pledged food aid" 0333, "cut
    military aid" 1622)."""
    kind = _modifier_code(noun)
    if kind is None or root(kind) == root(code):
        return kind or code
    table = family_tables().get(root(code))
    if table is None:  # "criticised the military aid": the aid is what the act is about, not the act
        return code if root(kind) in ("06", "07", "08") else kind
    return family_code(table, kind) or code


@lru_cache(maxsize=1)
def family_tables() -> dict[str, Mapping[str, str]]:
    """Roots whose patterns govern the kind of another act: appeals, intents, demands, refusals, threats,
    reductions."""
    lx = LX()
    return {
        "02": lx.appeal_codes,
        "03": lx.intent_codes,
        "10": lx.demand_codes,
        "12": lx.refusal_codes,
        "13": lx.threat_codes,
        "16": lx.reduction_codes,
    }


def _figurative(t: Token) -> bool:
    """A violent noun used figuratively: "cold war", "trade war", "propaganda war", "war of words"."""
    mods = {c.lemma_.lower() for c in t.children if c.dep_ in ("amod", "compound", "nmod")}
    if mods & LX().figurative_war_modifiers:
        return True
    return any(g.lower_ == "words" for g in _prep_objects([t], ("of",)))


def unidentified(f: Found) -> bool:
    """Whether the event's source is the unidentified force behind a weapon (see :func:`_weapon_source`)."""
    return f.source_token is not None and _weapon(f.source_token)


def _weapon_candidates(t: Token, src_toks: list[Token]) -> list[Token]:
    """What may be the weapon of a violent trigger: its subjects, and for a passive its "in"/"by" objects
    ("were killed in a suicide bombing")."""
    cands = list(src_toks)
    if t.pos_ == "VERB" and _passive(t):
        cands += _prep_objects([t], ("in", "by"))
    return cands


def _weapon_code(x: Token) -> str | None:
    """The kind of violence a weapon names: "a roadside bomb" 1833, "a car bomb blast" 1832, "an air strike"
    195 (lexicon ``modifier_codes``)."""
    if not _weapon(x):
        return None
    for w in (x, *(c for c in x.children if c.dep_ == "compound")):
        kind = _modifier_code(w)
        if kind is not None and root(kind) in ("18", "19"):
            return kind
    return None


def _weapon(x: Token) -> bool:
    """A weapon noun, or a noun a weapon qualifies ("a car bomb blast")."""
    weapons = LX().weapon_nouns
    return x.lemma_.lower() in weapons or any(
        c.dep_ == "compound" and c.lemma_.lower() in weapons for c in x.children
    )


def _weapon_source(t: Token, src_toks: list[Token], resolver: ActorResolver) -> list[tuple[Token, Actor]]:
    """Violence done by a weapon or an attack with no one named is done by unidentified armed forces (UAF):
    "a roadside bomb killed two soldiers", "were killed by an explosive device", "were killed in a suicide
    bombing". The pipeline gives them the country of the event's place, as ICEWS does ("gunmen (Iraq)")."""
    for x in _weapon_candidates(t, src_toks):
        if not _weapon(x) or resolver.resolve(x) is not None:
            continue
        # whoever the attack is said to be by: "a chemical attack by the government", "the regime's attacks"
        agents = [c for c in x.children if c.dep_ == "poss"] + _prep_objects([x], ("by",))
        agents += [  # "a suicide bombing claimed by the Islamic State", "an attack carried out by rebels"
            g
            for v in x.children
            if v.dep_ == "acl"
            for a in v.children
            if a.dep_ == "agent"
            for g in _agent_objects(a)
        ]
        agents += [  # "US attacks", "Russian air strikes"; not the place attacked ("the Idlib attack")
            c
            for c in x.children
            if c.dep_ in ("compound", "amod")
            and (m := resolver.by_token.get(c.i)) is not None
            and m.kind in ("name", "adj", "org")
        ]
        named = [(a_tok, a) for a_tok in agents if (a := resolver.resolve(a_tok)) is not None]
        return named[:1] or [(x, resolver.mention(np_tokens(x), "UAF", None, "UAF"))]
    return []


def _named_objects(
    words: list[Token], src: Actor, exclude: set[str], resolver: ActorResolver
) -> list[tuple[Token, Actor]]:
    """The pattern's own objects that are another party the source acts on (see :func:`_other_party`)."""
    return [
        (x, a)
        for x in words[1:]
        if x.dep_ in ("dobj", "obj")
        and (a := resolver.resolve(x, exclude)) is not None
        and _other_party(a, src, _thing(x, a, resolver))
    ]


def _organisation(a: Actor) -> bool:
    """A named organisation with no country (IGO, NGO, armed group), not a bare sector ("rebels": REB)."""
    return len(a.code) > 3


def _other_party(a: Actor, src: Actor, thing: bool) -> bool:
    """Whether an actor the pattern names as its object is someone the source acts on: another country
    ("expelled ten British diplomats"), or another sector of its own country that is not its own apparatus
    ("Museveni banned opposition candidates"; not "the government deployed troops")."""
    if a.code == src.code:
        return False
    if a.country is None:  # "expelled inspectors of the IAEA"
        return _organisation(a) and not thing
    if a.country != src.country:
        return True
    return src.sector is not None and a.sector not in (None, *LX().own_side_sectors) and not thing


def _purpose_targets(
    t: Token, src: Actor, exclude: set[str], resolver: ActorResolver
) -> list[tuple[Token, Actor]]:
    """Whom a threat or a protest is aimed at when the trigger names no one: the nearest actor in what it
    is for ("blocked roads to press demands on the government", "threatened to resume attacks in Israel",
    "threatened to quit the talks if the United States deploys missiles"): the trigger's infinitive
    complement or purpose clause, searched nearest first through objects, prepositions, possessors and
    conditions. Not the source's own side ("protesters ... to demand that protesters be freed")."""
    queue = [c for c in t.children if _infinitive(c)]
    for x in queue:  # breadth first: grows while it is read
        a = resolver.resolve(x, exclude) if x.pos_ in ("NOUN", "PROPN") else None
        if a is not None and _aimed_at(x, a, src, resolver):
            return [(x, a)]
        queue += [c for c in x.children if c.dep_ in LX().purpose_target_deps]
    return []


def _aimed_at(x: Token, a: Actor, src: Actor, resolver: ActorResolver) -> bool:
    """Whether an actor met in a purpose clause is a party outside the source's own side."""
    if a.code == src.code or _thing(x, a, resolver):
        return False
    if x.i not in resolver.by_token and x.lemma_.lower() not in resolver.index.sector_nouns:
        return False  # a thing a modifier gave a sector ("terrorist activities", "military policies")
    if a.country is None:  # "to oust Isis"
        return _organisation(a)
    if a.country != src.country:
        return True
    # at home, the state against others or others against the state ("protesters ... the government",
    # "police ... to disperse demonstrators"); not one arm of the state against another
    own = LX().own_side_sectors
    return a.sector is not None and (src.sector in (None, *own)) != (a.sector in own)


def _thing(x: Token, a: Actor, resolver: ActorResolver) -> bool:
    """An object that is no one although it resolves: an event ("launched terrorist attacks") or a thing
    a country adjective made civilian ("sought US taxpayer money"); not "killed dozens of civilians"."""
    lemma = x.lemma_.lower()
    if lemma in resolver.index.event_nouns:
        return True
    return a.sector == "CVL" and lemma not in resolver.index.sector_nouns and lemma not in LX().quantifiers


def _resolve_target(resolver: ActorResolver, t: Token, tt: Token, exclude: set[str]) -> Actor | None:
    """A target actor; an unresolved head falls back to its possessor or "of" object ("Turkey's efforts",
    "the return of U.N. inspectors", "a camp for refugees was attacked"). A complement's subject may well be
    the source itself (no exclusion) and is taken as it is."""
    complement_subject = tt.dep_.startswith("nsubj") and tt.head.i != t.i
    actor = resolver.resolve(tt, set() if complement_subject else exclude)
    if actor is None and tt.pos_ == "NOUN" and not complement_subject:
        for c in tt.children:
            if c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ in LX().target_fallback_preps):
                x = c if c.dep_ == "poss" else next((g for g in c.children if g.dep_ == "pobj"), None)
                if x is not None and (actor := resolver.resolve(x, exclude)) is not None:
                    break
    return actor


def _each_country(resolver: ActorResolver, head: Token, actor: Actor | None) -> list[Actor | None]:
    """An actor once per country coordinated in its modifier (see ``ActorResolver.coordinated``)."""
    return [actor] if actor is None else list(resolver.coordinated(head, actor))


def _code_trigger(
    sent: Span, t: Token, p: Pattern, words: list[Token], resolver: ActorResolver
) -> list[Found]:
    """The events of one trigger under one pattern; [] when the pattern's actor rules are not met."""
    if "say" in p.flags and not (p.object or p.complement) and not _has_content(t):
        return []  # a speech verb without content ("denying them the right") is no statement
    noun = t if t.pos_ == "NOUN" else next((w for w in words[1:] if w.pos_ == "NOUN"), None)
    if root(p.code) in ("18", "19", "20") and (
        (noun is not None and _figurative(noun))
        or (
            t.pos_ == "VERB"
            and any(c.dep_ == "dobj" and c.lemma_.lower() in LX().peaceful_fights for c in t.children)
        )
    ):
        return []  # "a cold war", "waged a trade war", "a war of words", "fought elections": no violence
    src_toks, tgt_toks = roles(t, p, words)
    reciprocal = "symmetric" in p.flags or t.lemma_.lower() in LX().reciprocal_verbs
    if len(src_toks) > 1 and reciprocal and not any(resolver.resolve(x) for x in tgt_toks):
        src_toks, tgt_toks = src_toks[:1], src_toks[1:]  # "Israel and Lebanon renewed negotiations"
    sources = [(s, b) for s in src_toks for b in _each_country(resolver, s, resolver.resolve(s)) if b]
    paired = None  # "Hungarian and Romanian officials agreed": one country acts on the other
    if len(sources) == 2 and reciprocal and sources[0][0] == sources[1][0] and not tgt_toks:
        paired = sources.pop()
    if "say" in p.flags:  # a statement needs a speaker we can place: not bare "officials said"
        sources = [(s, a) for s, a in sources if a.country or a.name or _organisation(a)]
    if not sources and root(p.code) in ("18", "19", "20"):
        sources = _weapon_source(t, src_toks, resolver)
    if "unarmed" in p.flags:  # troops marching through a city are no demonstration
        sources = [(s, a) for s, a in sources if a.sector not in LX().armed_sectors]
    if not sources:
        return []
    status = status_of(t)
    gov = _light_verb(t)
    if gov is not None and status == "occurred":
        status = status_of(gov)
    code = _kind_code(noun, p.code) if noun is not None else p.code  # "air strikes", "hunger strike"
    if code in ("180", "190"):  # "a roadside bomb killed two soldiers": 1833, whoever claimed it
        code = next((k for x in _weapon_candidates(t, src_toks) if (k := _weapon_code(x))), code)
    # a modifier that names the kind settles an ambiguous noun ("a general strike" is no air raid)
    ambiguous = "ambiguous" in p.flags and (noun is None or _modifier_code(noun) is None)
    if root(code) == "04" and _by_phone(t):
        code = "041"
    if "say" in p.flags and code == "010":  # "said it was sceptical of the plan": a pessimistic comment
        code = _mood_code(t) or code
    if (
        status == "intended"
        and (t.pos_ == "VERB" or gov is not None)  # "agreed to hold exercises": an intent
        and "intent" not in p.flags
        and root(code) in LX().intent_codes
    ):
        code = family_code(LX().intent_codes, code) or code
    governed = _governor_code(t, code) or (_governor_code(gov, code) if gov is not None else None)
    if governed is not None:
        code, status = governed
    elif (threat := _conditional_threat(t, code, status)) is not None:
        code, status = threat, "occurred"
    spk_tok = speaker_of(t)
    if "say" in p.flags and src_toks:  # a statement is attributed to whoever makes it
        spk_tok = src_toks[0]
    speaker = resolver.resolve(spk_tok) if spk_tok is not None else None
    anonymous = spk_tok is not None and (
        (speaker is not None and resolver.is_anonymous(spk_tok, speaker))
        or (speaker is None and spk_tok.lemma_.lower() in ("source", "official"))
    )
    out = []
    for s_tok, src in sources:
        exclude = {src.code, src.country or ""}
        tgt_all = list(tgt_toks)
        for tt in tgt_toks:
            tgt_all += extra_conj_targets(sent, tt, resolver)
        # a complement's subject ("warned that it would...") may well be the source itself
        targets = [
            (tt, b)
            for tt in tgt_all
            for b in _each_country(resolver, tt, _resolve_target(resolver, t, tt, exclude))
        ]
        if tgt_toks and all(tt.head in words[1:] for tt in tgt_toks):  # the object's possessor or "by"
            # "summoned Niger's ambassador": the ambassador (NERGOV), not Niger
            targets = _named_objects(words, src, exclude, resolver) or targets
        # a speaker talking about its own country ("Erdogan said Turkey would...") targets no one; another
        # sector of the country can be ("Hezbollah demanded that the Lebanese government free ...")
        targets = [
            (tt, a)
            for tt, a in targets
            if a is not None
            and a.code != src.code
            and not (
                tt.dep_.startswith("nsubj")
                and a.country == src.country
                and (a.sector is None or src.sector is None or a.sector == src.sector)
            )
        ]
        if not targets and tgt_toks:  # "lifts the embargo on arms sales to Vietnam": another preposition
            alt = [x for x in _prep_objects([t, *words[1:]], LX().verb_fallback_preps) if x not in tgt_toks]
            targets = [(x, a) for x in alt if (a := resolver.resolve(x, exclude)) and a.code != src.code]
        if not targets and not tgt_toks:  # "expelled ten British diplomats": the pattern's object
            targets = _named_objects(words, src, exclude, resolver) or ([paired] if paired else [])
        if not targets and root(code) in LX().purpose_target_roots:
            targets = _purpose_targets(t, src, exclude, resolver)
        if not targets:
            if ambiguous or (
                "no_target" not in p.flags
                and "say" not in p.flags
                and tgt_toks
                and root(code) not in LX().untargeted_roots
            ):
                continue  # a target was named but is no actor we know: too uncertain to code
            if (
                root(code) == "04"
                and "symmetric" in p.flags
                and len(sources) == 1
                and s_tok.tag_ in ("NN", "NNP")
            ):
                continue  # "the cabinet met": one party alone, no meeting between two
            targets = [(None, None)]
        own_code, own_status = code, status
        if status == "intended" and governed is None and _announced_by(speaker, src) and _threatening(code):
            own_code, own_status = _threat_code(code), "occurred"  # "said they would boycott": a threat
        for tt, tgt in targets:
            f = Found(t, p, words, own_code, src, tgt, s_tok, tt, own_status, speaker, anonymous)
            f.related = [x for x in (tt, *words[1:]) if x is not None]
            via = s_tok.pos_ == "PRON" or (tt is not None and tt.pos_ == "PRON")
            f.confidence = _confidence(f, p, via)
            out.append(f)
    return out


def extract(sent: Span, resolver: ActorResolver, index: PatternIndex | None = None) -> list[Found]:
    """Every event in one sentence, in trigger order (deterministic).

    Speech triggers go last: one becomes a statement event only when nothing it reports was coded.
    """
    index = index or pattern_index()
    triggers = find_triggers(sent, index)
    requested, refine = _requests(triggers)
    events: dict[int, list[Found]] = {}
    verb_events = {t.i for t, cands in triggers if t.pos_ == "VERB" and "say" not in cands[0][0].flags}
    # verbs that carry an event: verb triggers and the light verbs of noun triggers ("to launch attacks")
    verb_triggers = verb_events | {
        v.i
        for t, cands in triggers
        if t.pos_ == "NOUN" and "say" not in cands[0][0].flags and (v := _light_verb(t)) is not None
    }
    coded: set[int] = set()  # the verbs of coded events (a noun trigger's light verb)

    def own_code(t: Token) -> bool:  # a refusal, denial or threat is one even when what it governs is not
        lx = LX()
        return t.lemma_.lower() in lx.refuse_verbs | lx.deny_verbs | (lx.threat_verbs - lx.intent_verbs)

    def governor(t: Token, p0: Pattern) -> bool:
        return (
            t.pos_ == "VERB"
            and not p0.complement
            and t.lemma_.lower() in _governors()
            and any(_complement(c) and c.i in verb_triggers for c in t.children)
        )

    # governors go after the events they govern, speech triggers last
    for stage in ("event", "governor", "say"):
        for t, cands in triggers:
            p0 = cands[0][0]
            kind = "say" if "say" in p0.flags else "governor" if governor(t, p0) else "event"
            if kind != stage:
                continue
            if kind == "say" and any(
                x in events and sent.doc[x].dep_ not in ("nsubj", "nsubjpass") for x in _reported(t)
            ):
                continue  # the speech reports another event: it is that event's attribution
            if kind == "governor" and any(
                _complement(c) and (c.i in coded or (c.i in verb_events and not own_code(t)))
                for c in t.children
            ):
                continue  # "agreed to participate", "refused to deploy": the complement carries the event
            if any(
                c.dep_ == "acl" and c.i in verb_triggers and w.lemma_.lower() in LX().resolution_nouns
                for w in cands[0][1][1:]
                for c in w.children
            ):
                continue  # "reached a consensus to exchange information": the exchange is the event
            if t.i in requested:
                continue  # what was asked for has not happened: the request is the event
            for p, words in cands:
                found = _code_trigger(sent, t, p, words, resolver)
                if found:
                    if t.i in refine and not p.complement:
                        for f in found:
                            f.code = refine[t.i]
                    events[t.i] = found
                    coded.add(t.i if t.pos_ == "VERB" else getattr(_light_verb(t), "i", t.i))
                    break
    seen: set[tuple] = set()
    out = []
    for i in sorted(events):
        for f in events[i]:
            key = (f.source.code if f.source else None, f.target.code if f.target else None, f.code)
            if key not in seen:
                seen.add(key)
                out.append(f)
    return out
