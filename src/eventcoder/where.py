"""WHERE: find place names in a parsed sentence and pick the one where an event happened.

Place mentions are capitalised token runs that the gazetteer knows (longest match wins), and the names it
lacks that the grammar marks as places (:mod:`eventcoder.localities`). The event's place is the mention whose
dependency chain reaches the trigger (or one of the ``related`` tokens) through a locative preposition ("in",
"near", "outside", "on the outskirts of", "in the eastern province of ..."), without crossing another verb,
or that names the place the event acts on ("captured the town of X"). Actor mentions ("Russian troops",
"Ukraine's army") carry no locative and are never returned. Knowledge (prepositions, head nouns) lives in
``data/places/grammar.json`` (:mod:`eventcoder.placegrammar`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from spacy.attrs import IDX
from spacy.tokens import Span, Token

from .document import Place
from .gazetteer import GeoHit, demonym_country, geocode, load_index, normalize
from .lexicon import lexicon
from .localities import org_names, unlisted_mentions
from .parsed import doc_text, has_subject, sentence, span_text
from .placegrammar import MAX_NAME_TOKENS, VERBS, Grammar, grammar

__all__ = ["dateline_end", "dateline_place", "find_place_mentions", "place_head_nouns", "resolve_event_place"]

_FINENESS = {"city": 0, "admin": 1, "country": 2}
_SPLIT = re.compile(r"[ \-]")
_NOUN_UP = frozenset(
    ("nsubj", "nsubjpass", "dobj", "pobj", "attr", "npadvmod", "appos", "conj", "compound", "nmod")
)
_MODIFIER = frozenset(("compound", "amod", "nmod", "poss"))


def place_head_nouns() -> frozenset[str]:
    """Nouns that name a kind of place ("town", "province", "village"): "the Syrian town of X"."""
    return grammar().of_heads


def _capitalised(tok: Token) -> bool:
    return tok.text[:1].isupper()


def _sentence_initial(tok: Token, sent: Span) -> bool:
    i = tok.i - 1
    while i >= sent.start and (tok.doc[i].is_punct or tok.doc[i].is_quote):
        i -= 1
    return i < sent.start


def _acceptable(sent: Span, i: int, j: int, text: str, g: Grammar) -> bool:
    """Context checks for a gazetteer match ``text`` covering doc tokens i..j-1."""
    doc = sent.doc
    first = doc[i]
    if len(text.replace(".", "")) <= 3 and not text.isupper():  # US, UK, DRC must be in capitals
        return False
    if _sentence_initial(first, sent) and all(t.pos_ != "PROPN" for t in doc[i:j]):
        return False  # "Split", "Nice" starting a sentence
    if i > sent.start:
        prev = doc[i - 1]
        if prev.pos_ == "PROPN" and _capitalised(prev) and prev.text not in g.pre_ok:
            return False  # part of a longer name: "Lloyd Austin"
    if j < sent.end:
        nxt = doc[j]
        if nxt.pos_ == "PROPN" and _capitalised(nxt) and nxt.text not in g.post_ok:
            return False  # "New York Times", "Geneva Conventions"
    return True


@lru_cache(maxsize=1)
def _first_words() -> frozenset[str]:
    """First words of all names, so most capitalised tokens are rejected with one set lookup."""
    return frozenset(_SPLIT.split(k, maxsplit=1)[0] for k in load_index().names)


def find_place_mentions(sent: Span) -> list[Span]:
    """Capitalised token sequences in ``sent`` that the gazetteer knows; longest match first, no overlaps.

    Results are cached in ``doc.user_data`` per sentence, so several triggers of one sentence share them.
    """
    cache_key = ("eventcoder.where.mentions", sent.start, sent.end)
    cached = sent.doc.user_data.get(cache_key)
    if cached is not None:
        return list(cached)
    out = _find(sent)
    sent.doc.user_data[cache_key] = tuple(out)
    return out


def _find(sent: Span) -> list[Span]:
    g = grammar()
    names = load_index().names
    first_words = _first_words()
    doc = sent.doc
    text = doc_text(doc)
    # a word is capitalised when its first character, at its offset in the text, is upper case: tested
    # without making a Token of every word
    starts = doc.to_array(IDX).tolist()
    out: list[Span] = []
    i = sent.start
    while i < sent.end:
        if not text[starts[i]].isupper() or doc[i].lower_ not in first_words:
            i += 1
            continue
        run = i + 1  # end of the run of capitalised words and connectors
        while run < sent.end and run - i < MAX_NAME_TOKENS:
            if not (text[starts[run]].isupper() or doc[run].lower_ in g.connectors):
                break
            run += 1
        for j in range(run, i, -1):
            if not text[starts[j - 1]].isupper():
                continue
            last = doc[j - 1]
            surface = text[starts[i] : starts[j - 1] + len(last)]
            key = normalize(surface)
            if key in names and key not in org_names() and _acceptable(sent, i, j, surface, g):
                out.append(doc[i:j])
                i = j
                break
        else:
            i += 1
    return out


def _attachment(
    mention: Span,
    trigger: Token,
    related: frozenset[int],
    sent_start: int,
    dest: frozenset[int] = frozenset(),
) -> tuple[int, int, Token | None] | None:
    """(rank, steps, of-head) when ``mention`` is attached to the event; lower rank is better.

    A mention that names a destination's place ("targeted the town of Souran", "patrolled the streets of
    Tbilisi", "raided the Moscow headquarters of ...") ranks with the destination itself.
    """
    g = grammar()
    tok = mention.root
    saw_loc = reference = via_subject = False
    naming = True  # the path so far only names a place: "the town of X", "X's streets", "the X headquarters"
    of_head: Token | None = None
    for steps in range(14):
        head = tok.head
        if tok.i in dest and steps and naming:
            return 0, steps, of_head
        if steps and not saw_loc and _settlement_object(tok, trigger, related):
            return 1, steps, of_head
        if tok.i == trigger.i:
            if saw_loc:
                return 3 if reference else 2 if via_subject else 1, steps, of_head
            compound = steps == 1 and mention.root.dep_ == "compound"
            return (4, steps, of_head) if compound else None  # "the Geneva talks"
        if tok.i in related and steps:
            return (3 if reference else 2, steps, of_head) if saw_loc else None
        if head.i == tok.i:
            return None
        dep, hl = tok.dep_, head.lower_
        if dep == "pobj" and (hl in g.locative or (hl == "on" and tok.lower_ in g.on_heads)):
            saw_loc, naming = True, False
        elif dep == "pobj" and hl == "of" and not saw_loc:
            of_head = head.head
            named = of_head.text in g.post_ok and of_head.text != "State"  # not "the Islamic State of Iraq"
            kind = of_head.lower_ in g.of_heads or of_head.lower_ in g.settlement_nouns
            if not kind or not (of_head.text.islower() or named):
                return None  # "the capture of Bakhmut"; "Orgun District of Paktika Province" is a place
            saw_loc = saw_loc or of_head.lower_ in g.part_heads
            # "240 kilometres northeast of Colombo": a point of reference, not where it happened
            reference = of_head.lower_ in g.compass and of_head.dep_ in ("advmod", "npadvmod")
            tok = of_head
            continue
        elif dep in _MODIFIER and tok.i == mention.root.i:
            # "in Ukraine's east", "at a Kabul hospital", "the Geneva talks"; not "in a US drone strike"
            country = span_text(mention).isupper() or _is_country(mention)
            place_head = hl in g.part_heads or hl in g.of_heads or (not country and hl in g.site_nouns)
            if not place_head and (head.i != trigger.i or steps):
                return None
            naming = naming and place_head
        elif dep == "prep":
            if not saw_loc and tok.lower_ not in g.locative:
                return None
            saw_loc, naming = True, False
        elif dep == "agent" and saw_loc and (head.i == trigger.i or head.i in related):
            pass  # "was captured by Turkish agents in Moldova"
        elif dep in _NOUN_UP or dep in ("amod", "advmod", "acl"):
            naming = naming and dep == "appos"
            # "a force based in Incirlik has been patrolling over Iraq": where the subject is based
            via_subject = via_subject or (dep == "acl" and saw_loc and tok.pos_ == "VERB")
        else:
            return None
        if head.pos_ in VERBS and head.i != trigger.i and head.i not in related and head.dep_ != "acl":
            if saw_loc and dep == "prep" and tok.i == sent_start and _dominates(head, trigger):
                return 5, steps, of_head  # fronted "In Geneva, officials said they would meet ..."
            return None
        tok = head
    return None


def _settlement_object(tok: Token, trigger: Token, related: frozenset[int]) -> bool:
    """A town or village, or a part of a place, that is the event's object: "captured the town of Pageri",
    "Bemal village was shelled", "patrolled the streets of the capital, Katmandu"."""
    g = grammar()
    return (
        (tok.lower_ in g.settlement_nouns or tok.lower_ in g.of_heads)
        and tok.dep_ in ("dobj", "nsubjpass")
        and (tok.head.i == trigger.i or tok.head.i in related)
    )


def _shared_subject_verbs(trigger: Token) -> frozenset[int]:
    """Verbs coordinated with the trigger that share its subject: "shot and killed two guards in southern
    Egypt" places the shooting too. A conjunct with a subject of its own is another event."""
    verbs = [c for c in trigger.children if c.dep_ == "conj" and c.pos_ == "VERB"]
    if trigger.dep_ == "conj" and trigger.head.pos_ == "VERB" and not has_subject(trigger):
        verbs.append(trigger.head)
    return frozenset(v.i for v in verbs if v.i != trigger.i and not has_subject(v))


def _geocode_soft(name: str, country: str | None) -> GeoHit | None:
    """Geocode with a weak country hint (see :func:`resolve_event_place`)."""
    plain = geocode(name)
    if country is None or plain is None or plain.country == country:
        return plain
    hinted = geocode(name, country)
    if hinted is None or (
        hinted.precision == plain.precision == "city" and plain.population > 10 * hinted.population
    ):
        return plain
    return hinted


def _is_country(mention: Span) -> bool:
    hit = geocode(span_text(mention))
    return hit is not None and hit.precision == "country"


def _dominates(head: Token, tok: Token) -> bool:
    return any(a.i == head.i for a in tok.ancestors)


def _elsewhere(hit: GeoHit, m: Span, mentions: list[Span], of_head: Token | None) -> bool:
    """Whether the gazetteer's town of this name lies in another country than the listed place the sentence
    puts it in ("al-Tijara neighbourhood in central Damascus" is not India's Tijara)."""
    if hit.precision != "city":
        return False
    within = _containing_country(m, mentions, of_head)
    return within is not None and hit.country != within


def _containing_country(mention: Span, known: list[Span], of_head: Token | None) -> str | None:
    """The country of the listed place an unlisted one is said to lie in: "al-Tijara neighbourhood in
    central Damascus", "Orgun District of Paktika Province", "the town of Kafr Saghir in Idlib"."""
    root = mention.root
    noun = of_head or (root.head if root.dep_ in ("compound", "nmod") else root)
    for prep in noun.children:
        if prep.dep_ != "prep" or prep.lower_ not in ("in", "of", "near"):
            continue
        for obj in prep.children:
            for k in known:
                if obj.dep_ == "pobj" and k.start <= obj.i < k.end and (hit := geocode(span_text(k))):
                    return hit.country
    return None


def _local_hint(mention: Span, mentions: list[Span], of_head: Token | None) -> str | None:
    """Country from the context: "the Iraqi town of Sinjar", "Paris, Texas"."""
    if of_head is not None:
        for child in of_head.children:
            if child.dep_ in ("amod", "compound") and (iso := demonym_country(child.text)):
                return iso
    doc = mention.doc
    if mention.end < len(doc) and doc[mention.end].text == ",":
        for other in mentions:
            if other.start == mention.end + 1:
                hit = geocode(span_text(other))
                if hit is not None and hit.precision in ("country", "admin"):
                    return hit.country
    return None


def _lone_locative(
    mentions: list[Span], exclude: Sequence[Span], trigger: Token
) -> tuple[tuple[int, int, bool, bool, int, int], Span, Token | None] | None:
    """The fallback when nothing attaches to the event: the sentence's one place named in a fronted locative
    on a verb ("On Tuesday in Kabul, a suicide bomber killed 12 people ... when he detonated ..."), when it
    names exactly one; not a place that describes a person ("officials in Washington") or where something
    was said."""
    g = grammar()
    found = [
        m
        for m in mentions
        if m.root.dep_ == "pobj"
        and m.root.head.lower_ in g.locative
        and m.root.head.head.pos_ in VERBS
        and m.root.head.i < m.root.head.head.i  # fronted: "In Gaza, meanwhile, soldiers shot ..."
        and m.root.head.head.lemma_.lower() not in lexicon().say_lemmas
        and not any(x is not None and m.start < x.end and x.start < m.end for x in exclude)
    ]
    if len(found) != 1:
        return None
    return (6, 0, True, False, abs(found[0].start - trigger.i), found[0].start), found[0], None


def resolve_event_place(
    trigger: Token,
    *,
    related: Sequence[Token] = (),
    destinations: Sequence[Token] = (),
    country_context: str | None = None,
    exclude: Sequence[Span] = (),
) -> Place | None:
    """The place where the event of ``trigger`` happened, from place mentions in its sentence, or None.

    ``related`` are argument tokens of the event (object, target): a locative attached to them counts ("meet
    with Lavrov in Geneva"). ``destinations`` (the target of a visit or deployment) are places themselves
    ("travel to Kyiv"). ``exclude`` are actor spans, skipped unless they contain a destination token.
    ``country_context`` (ISO3, e.g. an actor's country) is a weak hint: it is followed unless it would swap a
    city for one of the same name a tenth its size ("Moscow" stays in Russia for a US actor). The sentence's
    own hints ("Paris, Texas", "the Iraqi town of Sinjar") are strong.
    """
    sent = sentence(trigger)
    mentions = find_place_mentions(sent)
    unlisted = unlisted_mentions(sent, mentions)
    dest = frozenset(t.i for t in destinations)
    rel = frozenset(t.i for t in related) | dest | _shared_subject_verbs(trigger)
    best: tuple[tuple[int, int, bool, bool, int, int], Span, Token | None] | None = None
    for m in mentions + unlisted:
        is_related = any(m.start <= r < m.end for r in dest)
        att = (0, 0, None) if is_related else _attachment(m, trigger, rel, sent.start, dest)
        if att is None:
            continue
        if att[0] and any(x is not None and m.start < x.end and x.start < m.end for x in exclude):
            continue
        hit = geocode(span_text(m), country_context)
        if hit is not None and _elsewhere(hit, m, mentions, att[2]):
            hit = None  # "the Tijara quarter of Damascus" is no town of India's
        fineness = _FINENESS.get(hit.precision, 0) if hit is not None else 0  # unlisted: a locality
        # the finest place: "the West Bank city of Nablus"; a locality the gazetteer lacks before a listed
        # place ("the Barada Valley area of rural Damascus"); of two alike, the kind of place's object
        # rather than its modifier ("the Damascus suburb of Douma"); "Nairobi, Kenya": the first
        modifier = m.root.dep_ in _MODIFIER
        key = (att[0], fineness, hit is not None, modifier, att[1], m.start)
        if best is None or key < best[0]:
            best = (key, m, att[2])
    if best is None:
        best = _lone_locative(mentions, exclude, trigger)
    if best is None:
        return None
    _, m, of_head = best
    hint = _local_hint(m, mentions, of_head) or _containing_country(m, mentions, of_head)
    name = span_text(m)
    hit = geocode(name, hint) if hint else _geocode_soft(name, country_context)
    if hit is None or _elsewhere(hit, m, mentions, of_head):
        # a place the gazetteer lacks, or has only elsewhere ("al-Tijara neighbourhood in Damascus" is not
        # India's Tijara): its name, and its country where the sentence says it
        return Place(name, hint, None, None, None, m.start_char, m.end_char, "locality")
    return Place(
        hit.name, hit.country, hit.lat, hit.lon, hit.geonameid, m.start_char, m.end_char, hit.precision
    )


_DATELINE = re.compile(
    r"\A\s*(?P<city>[A-Z][A-Z'.\-]+(?: [A-Z][A-Z'.\-]+){0,3})"
    r"(?:,\s*(?P<region>[A-Z][A-Za-z'.\-]+(?: [A-Z][A-Za-z'.\-]+){0,3}))?"
    r"(?:,\s*[A-Z][a-z]{2,8}\.? \d{1,2}(?:, \d{4})?)?"
    r"\s*(?:\([A-Za-z .\-]{2,30}\))?\s*(?:--|[-\u2013\u2014:])\s"
)
_DATELINE_TITLE = re.compile(
    r"\A\s*(?P<city>[A-Z][a-z'.\-]+(?: [A-Z][a-z'.\-]+){0,3})"
    r"(?:,\s*(?P<region>[A-Z][A-Za-z'.\-]+(?: [A-Z][A-Za-z'.\-]+){0,3}))?"
    r"\s*\((?:AP|AFP|Reuters|Xinhua|UPI|dpa|Anadolu|IANS|PTI|ANI)\)\s*(?:--|[-\u2013\u2014:])\s"
)


def dateline_place(text: str) -> tuple[GeoHit, int, int] | None:
    """A dateline at the start of an article ("NAIROBI, Kenya -", "BEIRUT (Reuters) -"): (hit, start, end)
    of the city; :func:`dateline_end` gives where the whole dateline ends."""
    m = _DATELINE.match(text) or _DATELINE_TITLE.match(text)
    if m is None:
        return None
    hint = None
    if m.group("region"):
        region = geocode(m.group("region"))
        hint = region.country if region is not None else None
    hit = geocode(m.group("city"), hint)
    if hit is None:
        return None
    return hit, m.start("city"), m.end("city")


def dateline_end(text: str) -> int:
    """Offset just after a dateline ("GOMA, Congo - "), or 0 when the text has none."""
    m = _DATELINE.match(text) or _DATELINE_TITLE.match(text)
    return m.end() if m is not None and dateline_place(text) is not None else 0
