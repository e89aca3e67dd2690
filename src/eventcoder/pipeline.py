"""Composition: nlp -> actors -> events -> when -> where -> records. The only place the stages meet.

>>> from eventcoder.pipeline import Coder
>>> coder = Coder()
>>> records = coder.code_texts(["Russia accused Ukraine of shelling the town."], published="2022-01-18")
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy
from spacy.attrs import IS_SPACE, SPACY
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from . import __version__, knowledge, when, where
from .actors import ActorResolver, ArticleContext, get_index
from .cameo import PLACE_OBJECT, load_cameo, root
from .document import Actor, Article, Place, Sentence
from .events import Found, extract, pattern_index, unidentified
from .lexicon import lexicon
from .nlp import load_nlp
from .prefilter import Prefilter


def _chunks(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    chunk: list[Article] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _span(tokens: Iterable) -> tuple[int, int]:
    toks = list(tokens)
    return min(t.idx for t in toks), max(t.idx + len(t) for t in toks)


_ACTOR_FIELDS = tuple(f.name for f in dataclasses.fields(Actor))


def _actor_out(a: Actor | None) -> dict[str, Any] | None:
    """``a.to_dict()`` without ``dataclasses.asdict``'s deep copy (every field is a str, int or None)."""
    return None if a is None else {name: getattr(a, name) for name in _ACTOR_FIELDS}


def _doc_text(article: Article, base: int, doc: Doc) -> str:
    """``doc.text`` of a sentence Doc cut from ``article`` at offset ``base``, sliced from the article
    instead of joined token by token."""
    last = doc[-1]
    return article.text[base : base + last.idx + len(last.text_with_ws)]


def _place_target(article: Article, f: Found, place: Place, base: int) -> Actor | None:
    """An action on a territory with no other target has the territory's country as its target (CAMEO):
    "reimposed a blockade in the West Bank", "lifted the state of emergency in Darfur", "protested in
    Monrovia". Not the source's own country named alone ("Russia lifted the curfew in Moscow"), nor a
    place that says where the source is from ("doctors in Kenya went on strike")."""
    lx = lexicon()
    territorial = f.code[:2] in lx.territory_target_roots or f.code in lx.territory_target_codes
    if not place.country or not territorial:
        return None
    if f.source is not None and f.source.code == place.country:
        return None
    s, t = f.source_token, f.trigger
    at = place.start - base
    if s is not None and _within(s, at) and not (_within(s, t.idx) and _within(t, at)):
        return None  # the place is in the source's phrase, and not in an event it is the head of
    return Actor(article.text[place.start : place.end], place.start, place.end, place.country, place.country)


def _within(t: Token, offset: int) -> bool:
    """Whether a character offset (into t's Doc) falls in the phrase t heads."""
    return t.left_edge.idx <= offset < t.right_edge.idx + len(t.right_edge)


def _release(doc: Doc) -> None:
    """Drop what coding kept in ``doc.user_data`` (the text, token table, per-sentence place and date
    caches): the caches hold Spans, which point back at the Doc, and a Doc coded again starts afresh."""
    data = doc.user_data
    for key in [k for k in data if str(k[0] if isinstance(k, tuple) else k).startswith("eventcoder.")]:
        del data[key]


def sentence_docs(sents: list[Span]) -> list[Doc]:
    """Each sentence of one Doc as a Doc of its own, the same as ``sent.as_doc()``.

    ``Span.as_doc`` converts the whole Doc to an array and creates Token objects for every word on each
    call (quadratic in the article's length). Here the array and the words are made once per article and
    each sentence's rows are loaded into a new Doc, which is all that ``as_doc`` does for a Doc that is not
    parsed and has no entities (the case here: only the sentence recogniser has run). Other Docs go through
    ``as_doc``.
    """
    if not sents:
        return []
    doc = sents[0].doc
    if doc.has_annotation("DEP") or doc.has_annotation("ENT_IOB"):
        return [s.as_doc() for s in sents]
    attrs = doc._get_array_attrs()  # what as_doc copies
    array = doc.to_array(attrs)
    words = [t.text for t in doc]
    spaces = array[:, attrs.index(SPACY)].astype(bool).tolist()
    return [
        Doc(doc.vocab, words=words[s.start : s.end], spaces=spaces[s.start : s.end]).from_array(
            attrs, array[s.start : s.end]
        )
        for s in sents
    ]


class Coder:
    """Codes articles into event records (contract v1). Knowledge tables are loaded once per process.

    Articles are split into sentences by spaCy's fast sentence recogniser (a line break always ends one);
    a :class:`~eventcoder.prefilter.Prefilter` drops sentences that cannot hold an event; only the rest are
    tagged and parsed, each as a small Doc of its own whose offsets are shifted back into the article.
    """

    def __init__(
        self,
        nlp: Language | None = None,
        batch_size: int = 32,
        prefilter: bool = True,
        actor_files: Sequence[str | Path] = (),
    ) -> None:
        self.nlp = nlp or load_nlp()
        self.senter = self.nlp.get_pipe("senter")
        self.batch_size = batch_size
        self.index = get_index(self.nlp, knowledge.with_user_actors(actor_files) if actor_files else None)
        self.patterns = pattern_index()
        self.cameo = load_cameo()
        self.prefilter: Prefilter | None = None
        if prefilter:
            lx = lexicon()
            titles = {w for t in self.index.titles for w in t.phrase.lower().split()}
            actor_words = set(self.index.sector_nouns) | titles | lx.pronouns_thing | lx.pronouns_group
            patterns = [
                p for group in (self.patterns.verbs, self.patterns.nouns) for ps in group.values() for p in ps
            ]
            names = {key[2:].split(" ", 1)[0].lower() for key in self.index.entries}  # "P:Vladimir Putin"
            self.prefilter = Prefilter(self.nlp, patterns, actor_words | lx.pronouns_person, names)
        self.parsed = self.skipped = 0  # sentences parsed and skipped by the prefilter, for benchmarks

    # -- public API ----------------------------------------------------------------------------
    def code_articles(
        self, articles: Iterable[Article], on_error: Callable[[Article, Exception], None] | None = None
    ) -> Iterator[tuple[Article, list[dict[str, Any]]]]:
        """Yield each article (with its sentences filled in) and its records, in input order.

        An article whose coding raises is passed to ``on_error`` and skipped (re-raised without it).
        """
        for chunk in _chunks(articles, self.batch_size):
            units: list[tuple[int, int, int]] = []  # (article in chunk, sentence index, offset)
            docs: list[Doc] = []
            parsed: list[list[tuple[int, int, Doc, bool]]] = [[] for _ in chunk]
            for n, article in enumerate(chunk):
                sents = self.split(article)
                for k, (sent, doc) in enumerate(zip(sents, sentence_docs(sents), strict=True)):
                    if self.prefilter is None or self.prefilter.keep(sent):
                        units.append((n, k, sent.start_char))
                        docs.append(doc)
                    else:  # not parsed, but its names still count for coreference ("he said" later)
                        parsed[n].append((k, sent.start_char, doc, False))
            self.parsed += len(docs)
            self.skipped += sum(len(a.sentences) for a in chunk) - len(docs)
            for (n, k, base), doc in zip(units, self.nlp.pipe(docs, batch_size=256), strict=True):
                parsed[n].append((k, base, doc, True))
            for sentences in parsed:
                sentences.sort(key=lambda x: x[0])
            for article, sentences in zip(chunk, parsed, strict=True):
                try:
                    records = self.code_sentences(article, sentences)
                except Exception as e:
                    if on_error is None:
                        raise
                    on_error(article, e)
                    continue
                yield article, records

    def code_texts(self, texts: Sequence[str], published: str | None = None) -> list[list[dict[str, Any]]]:
        """Records for each text (the evaluation harness's entry point)."""
        arts = [Article.create(t, published=published) for t in texts]
        return [recs for _, recs in self.code_articles(arts)]

    def split(self, article: Article) -> list[Span]:
        """The article's sentences (whitespace trimmed), also stored on ``article.sentences``."""
        doc = self.senter(self.nlp.make_doc(article.text))
        space = doc.to_array(IS_SPACE).tolist()  # whitespace tokens, read once (not a Token per word)
        for i in numpy.flatnonzero(space[:-1]).tolist():
            if "\n" in doc[i].text:
                doc[i + 1].is_sent_start = True  # a line break always ends a sentence
        sents = []
        for s in doc.sents:
            start, end = s.start, s.end
            while start < end and space[start]:
                start += 1
            while end > start and space[end - 1]:
                end -= 1
            if start < end:
                sents.append(doc[start:end])
        article.sentences = [Sentence(k, s.start_char, s.end_char) for k, s in enumerate(sents)]
        return sents

    # -- one article ---------------------------------------------------------------------------
    def code_sentences(
        self, article: Article, sentences: list[tuple[int, int, Doc, bool]]
    ) -> list[dict[str, Any]]:
        """Records of one article from its sentences, in order: (index, offset in the article, Doc, parsed).
        Unparsed sentences (skipped by the prefilter) only contribute names for coreference."""
        published = dt.date.fromisoformat(article.published) if article.published else None
        context = ArticleContext(published)
        dateline = where.dateline_place(article.text)
        fallback: Place | None = None
        if dateline is not None:  # "GOMA, Congo - ": no actors in it; its country is the last-resort context
            context.dateline_end = where.dateline_end(article.text)
            context.dateline_country = dateline[0].country
            hit, start, end = dateline
            fallback = Place(
                hit.name, hit.country, hit.lat, hit.lon, hit.geonameid, start, end, hit.precision
            )
        records: list[dict[str, Any]] = []
        seen: set[tuple] = set()
        pairs: set[tuple] = set()
        for k, base, doc, is_parsed in sentences:
            if len(doc) and "eventcoder.text" not in doc.user_data:  # read by actors and where
                doc.user_data["eventcoder.text"] = _doc_text(article, base, doc)
            resolver = ActorResolver(self.index, doc, context, base=base)
            if not is_parsed:
                resolver.register_names()
                _release(doc)
                continue
            for sent in doc.sents:
                resolver.register_sentence(sent)
                verbs: dict[int, int] = {}  # trigger index -> its record's index, for coordinated verbs
                for f in extract(sent, resolver, self.patterns):
                    rec = self._record(article, k, base, sent, f, published, fallback)
                    if _merge_coordinated(article.text, records, verbs, f, rec):
                        continue  # "shot and killed two guards": one event
                    key = (
                        rec["source"] and rec["source"]["code"],
                        rec["target"] and rec["target"]["code"],
                        rec["cameo"],
                        rec["date"],
                        rec["status"],
                    )
                    pair = (
                        frozenset((key[0], key[1])),
                        rec["plover"] and rec["plover"]["category"],
                        rec["root"][:1],
                    )
                    if key in seen or (f.trigger.pos_ == "NOUN" and pair in pairs):
                        continue  # the same event told twice, or named again ("the meeting between them")
                    seen.add(key)
                    pairs.add(pair)
                    verbs[f.trigger.i] = len(records)
                    records.append(rec)
            _release(doc)
        return records

    def _record(
        self,
        article: Article,
        k: int,
        base: int,
        sent: Span,
        f: Found,
        published: dt.date | None,
        dateline: Place | None = None,
    ) -> dict:
        info = self.cameo[f.code]
        t0, t1 = _span(f.words if len(f.words) > 1 and f.words[-1].i - f.trigger.i < 4 else [f.trigger])
        t0, t1 = t0 + base, t1 + base
        date = when.resolve_event_date(f.trigger, published, related=f.related, future=f.status == "intended")
        exclude = [a for a in (f.source, f.target) if a is not None]
        ctx = (f.target or f.source).country if (f.target or f.source) else None
        # visits, deployments, occupations and attacks: a target that is a place is the event's place
        visit = f.code in lexicon().destination_codes or f.code[:2] in lexicon().target_place_roots
        # a target named as where it happened ("demonstrated in Minsk") is a place all the same
        at = f.target_token is not None and f.target_token.dep_ == "pobj"
        at = at and f.target_token.head.lower_ in lexicon().locative_preps
        dest = [f.target_token] if f.target_token is not None and (visit or at) else []
        if visit and f.target_token is None:  # no actor, but maybe a place: "attacked the Tabqa Dam"
            dest = [c for c in f.trigger.children if c.dep_ in ("dobj", "obj")]
        if PLACE_OBJECT in f.pattern.object:  # the place the pattern names: "captured Kabul"
            dest += [w for w in f.words[1:] if w.dep_ in ("dobj", "obj")]
        place = where.resolve_event_place(
            f.trigger,
            related=f.related,
            destinations=dest,
            country_context=ctx,
            exclude=[
                sent.doc.char_span(a.start - base, a.end - base, alignment_mode="expand") for a in exclude
            ],
        )
        source, target = f.source, f.target
        if place is not None:
            place = dataclasses.replace(place, start=place.start + base, end=place.end + base)
            target = target or _place_target(article, f, place, base)
        elif dateline is not None and dateline.country in {a.country for a in exclude}:
            place = dateline  # nothing in the sentence: the dateline, when the event involves its country
        if source is not None and unidentified(f) and place is not None and place.country:
            # unidentified armed forces are placed where they act, as ICEWS does ("gunmen (Iraq)")
            source = dataclasses.replace(source, code=place.country + "UAF", country=place.country)
        s = article.sentences[k]
        src, tgt = source and source.code, target and target.code
        rid = hashlib.sha1(f"{article.id}|{k}|{t0}|{f.code}|{src}|{tgt}".encode()).hexdigest()[:16]
        return {
            "id": rid,
            "article_id": article.id,
            "sentence": k,
            "text": article.text[s.start : s.end],
            "source": _actor_out(source),
            "target": _actor_out(target),
            "cameo": f.code,
            "root": root(f.code),
            "plover": None
            if info.plover is None
            else {
                "category": info.plover.category,
                "mode": info.plover.mode or None,
                "context": list(info.plover.context) or None,
            },
            "quad_class": info.quad_class,
            "goldstein": info.goldstein,
            "status": f.status,
            "attribution": None
            if f.speaker is None and not f.anonymous
            else {
                "speaker": _actor_out(f.speaker),
                "anonymous": f.anonymous,
            },
            "date": date.date or None,
            "date_precision": date.precision,
            "date_text": date.text,
            "place": None
            if place is None
            else {
                "name": place.name,
                "country": place.country,
                "lat": place.lat,
                "lon": place.lon,
                "geonameid": place.geonameid,
                "start": place.start,
                "end": place.end,
            },
            "trigger": {"text": article.text[t0:t1], "start": t0, "end": t1},
            "confidence": f.confidence,
            "version": __version__,
        }


def _merge_coordinated(
    text: str, records: list[dict[str, Any]], verbs: dict[int, int], f: Found, rec: dict[str, Any]
) -> bool:
    """Whether ``rec`` is the same event as the record of a verb coordinated with its trigger, sharing its
    root, actors and status ("shot and killed two guards", "attacked and destroyed the base"): then the two
    are one record, with the more specific code (a code that ends in 0 is its family's generic one) and a
    trigger that spans both verbs (``text`` is the article's)."""
    t = f.trigger
    partners = [t.head.i] if t.dep_ == "conj" else []
    partners += [c.i for c in t.children if c.dep_ == "conj"]
    for i in partners:
        lo, hi = sorted((i, t.i))
        between = t.doc[lo + 1 : hi]
        if (
            i not in verbs
            or len(between) > 2
            or any(w.pos_ not in ("CCONJ", "PUNCT", "ADV") for w in between)
        ):
            continue  # only verbs side by side: "shot and killed", not "met in Moscow and negotiated"
        old = records[verbs[i]]
        if old["root"] != rec["root"] or old["status"] != rec["status"]:
            continue
        if any(
            (old[side] or {}).get("code") != (rec[side] or {}).get("code") for side in ("source", "target")
        ):
            continue
        keep = rec if old["cameo"].endswith("0") and not rec["cameo"].endswith("0") else old
        keep = dict(keep, place=keep["place"] or old["place"] or rec["place"])
        start = min(old["trigger"]["start"], rec["trigger"]["start"])
        end = max(old["trigger"]["end"], rec["trigger"]["end"])
        records[verbs[i]] = dict(keep, trigger={"text": text[start:end], "start": start, "end": end})
        verbs[t.i] = verbs[i]
        return True
    return False
