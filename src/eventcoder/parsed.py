"""Fast reads of a parsed Doc, made once per Doc and kept in ``doc.user_data`` (``pipeline._release`` drops
them once the Doc is coded).

spaCy builds a new Python object on every ``doc[i]``, ``token.head`` or ``doc[a:b]``, and ``token.sent``
slices the Doc twice: rules that loop over a sentence, or ask for a token's sentence again and again, read
these tables instead.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.attrs import DEP, LEMMA, POS
from spacy.strings import StringStore
from spacy.tokens import Doc, Span, Token

_MAX_CACHED = 200_000  # distinct lemmas kept across Docs; the cache is emptied when it grows past this
_lower_lemmas: dict[int, str] = {}  # lemma hash -> lower-case lemma: a pure function of the string
_labels: dict[int, str] = {}  # dependency label hash -> label


@dataclass(frozen=True, slots=True)
class TokenTable:
    """Per-token attributes of a parsed Doc, read in one pass: loops over a sentence test these instead of
    creating a spaCy ``Token`` for every word (``doc[i]`` builds a new object on each access)."""

    pos: list[int]  # coarse tag ids, comparable with ``spacy.symbols`` (NOUN, PROPN, VERB ...)
    deps: list[str]  # ``doc[i].dep_``
    lemmas: list[str]  # ``doc[i].lemma_.lower()``

    def dep(self, i: int) -> str:
        """``doc[i].dep_``"""
        return self.deps[i]

    def lemma(self, i: int) -> str:
        """``doc[i].lemma_.lower()``"""
        return self.lemmas[i]


def _strings(hashes: list[int], cache: dict[int, str], strings: StringStore, lower: bool) -> list[str]:
    """The strings of ``hashes`` (lower-cased when ``lower``), looked up through ``cache``."""
    try:
        return [cache[h] for h in hashes]  # the common case: every word seen before
    except KeyError:
        if len(cache) > _MAX_CACHED:
            cache.clear()
        for h in hashes:
            if h not in cache:
                cache[h] = strings[h].lower() if lower else strings[h]
        return [cache[h] for h in hashes]


def token_table(doc: Doc) -> TokenTable:
    """The :class:`TokenTable` of ``doc``, built once and kept in ``doc.user_data``."""
    table = doc.user_data.get("eventcoder.tokens")
    if table is None:
        pos, deps, lemmas = doc.to_array([POS, DEP, LEMMA]).T.tolist() if len(doc) else ([], [], [])
        strings = doc.vocab.strings
        table = doc.user_data["eventcoder.tokens"] = TokenTable(
            pos, _strings(deps, _labels, strings, False), _strings(lemmas, _lower_lemmas, strings, True)
        )
    return table


def sentence(t: Token) -> Span:
    """``t.sent``: the Doc's sentences are listed once, with the sentence of every token."""
    doc = t.doc
    sents = doc.user_data.get("eventcoder.sents")
    if sents is None:
        spans = list(doc.sents)
        of = [k for k, s in enumerate(spans) for _ in range(s.start, s.end)]
        sents = doc.user_data["eventcoder.sents"] = (spans, of)
    return sents[0][sents[1][t.i]]


def doc_text(doc: Doc) -> str:
    """``doc.text``, joined once per Doc (``Doc.text`` and ``Span.text`` join every token on each access)."""
    text = doc.user_data.get("eventcoder.text")
    if text is None:
        text = doc.user_data["eventcoder.text"] = doc.text
    return text


def span_text(span: Span) -> str:
    """``span.text``: a slice of the Doc's text (a span's text never ends with its last token's space)."""
    return doc_text(span.doc)[span.start_char : span.end_char]


def has_subject(verb: Token) -> bool:
    """Whether a verb has a subject of its own (a coordinated verb without one shares its head's)."""
    return any(c.dep_ in ("nsubj", "nsubjpass", "csubj", "expl") for c in verb.children)
