"""A read-only, pure-Python view of a parsed spaCy Doc, for the coding stage's many small reads.

Every ``doc[i]``, ``token.head`` or ``token.children`` on a spaCy Doc builds new Token objects, and every
``token.dep_`` or ``token.lemma_`` looks its string up in the StringStore: the coding stage made more than a
million such objects per pass over the Guardian sample, a third of its time. :func:`view` reads a Doc's
columns once (``Doc.to_array``) into :class:`Tok` objects that hold their strings and point at their head
and children, with the names and meanings of spaCy's attributes, so the rules read the same either way.

>>> from eventcoder.nlp import load_nlp
>>> doc = view(load_nlp()("Russia attacked Ukraine."))
>>> doc[1].lemma_, [c.text for c in doc[1].children], doc[0].head is doc[1]
('attack', ['Russia', 'Ukraine', '.'], True)
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator
from typing import Any, overload

from spacy.attrs import DEP, HEAD, IDX, IS_PUNCT, IS_QUOTE, LEMMA, LOWER, ORTH, POS, SENT_START, SPACY, TAG
from spacy.strings import StringStore
from spacy.tokens import Doc, Span, Token
from spacy.vocab import Vocab

_COLUMNS = [IDX, ORTH, LOWER, LEMMA, POS, TAG, DEP, HEAD, SENT_START, IS_PUNCT, IS_QUOTE, SPACY]
_KEY = "eventcoder.view"
_strings: dict[int, str] = {}  # hash -> string, shared by all vocabularies (the hashes are global)


def _string(strings: StringStore, key: int) -> str:
    s = _strings.get(key)
    if s is None:
        s = _strings[key] = strings[key] if key else ""
    return s


class Tok:
    """One token: spaCy's ``Token`` attributes the coder reads, as plain fields."""

    __slots__ = (
        "children",
        "dep_",
        "doc",
        "head",
        "i",
        "idx",
        "is_punct",
        "is_quote",
        "lefts",
        "lemma_",
        "lower_",
        "pos_",
        "rights",
        "sent",
        "tag_",
        "text",
    )

    doc: ParsedDoc
    i: int
    idx: int
    text: str
    lower_: str
    lemma_: str
    pos_: str
    tag_: str
    dep_: str
    head: Tok
    children: list[Tok]
    lefts: list[Tok]
    rights: list[Tok]
    is_punct: bool
    is_quote: bool
    sent: TSpan

    def __len__(self) -> int:
        return len(self.text)

    def __repr__(self) -> str:
        return self.text

    @property
    def subtree(self) -> Iterator[Tok]:
        """The token and its descendants, in spaCy's order (left subtrees, the token, right subtrees)."""
        for c in self.lefts:
            yield from c.subtree
        yield self
        for c in self.rights:
            yield from c.subtree

    @property
    def left_edge(self) -> Tok:
        return self.doc.tokens[min(t.i for t in self.subtree)]

    @property
    def right_edge(self) -> Tok:
        return self.doc.tokens[max(t.i for t in self.subtree)]

    @property
    def ancestors(self) -> Iterator[Tok]:
        t = self
        while t.head is not t:
            t = t.head
            yield t

    @property
    def conjuncts(self) -> tuple[Tok, ...]:
        """Coordinated tokens, without the token itself (as spaCy's ``Token.conjuncts``)."""
        start = self
        while start.head is not start and start.dep_ == "conj":
            start = start.head
        out = [start]
        for word in out:
            out.extend(c for c in word.rights if c.dep_ == "conj")
        return tuple(w for w in out if w is not self)

    def nbor(self, k: int = 1) -> Tok:
        return self.doc.tokens[self.i + k]


class TSpan:
    """Tokens ``start`` to ``end`` of a view: a sentence or a mention."""

    __slots__ = ("doc", "end", "start")

    def __init__(self, doc: ParsedDoc, start: int, end: int) -> None:
        self.doc, self.start, self.end = doc, start, end

    def __len__(self) -> int:
        return self.end - self.start

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, TSpan)
            and other.doc is self.doc
            and (other.start, other.end) == (self.start, self.end)
        )

    def __hash__(self) -> int:
        return hash((id(self.doc), self.start, self.end))

    def __iter__(self) -> Iterator[Tok]:
        return iter(self.doc.tokens[self.start : self.end])

    @overload
    def __getitem__(self, i: int) -> Tok: ...
    @overload
    def __getitem__(self, i: slice) -> TSpan: ...
    def __getitem__(self, i: int | slice) -> Tok | TSpan:
        if isinstance(i, slice):
            start, stop, _ = i.indices(len(self))
            return TSpan(self.doc, self.start + start, self.start + max(start, stop))
        return self.doc.tokens[self.start + i if i >= 0 else self.end + i]

    def __repr__(self) -> str:
        return self.text

    @property
    def start_char(self) -> int:
        return self.doc.tokens[self.start].idx if self.end > self.start else 0

    @property
    def end_char(self) -> int:
        if self.end <= self.start:
            return 0
        last = self.doc.tokens[self.end - 1]
        return last.idx + len(last.text)

    @property
    def text(self) -> str:
        return self.doc.text[self.start_char : self.end_char]

    @property
    def root(self) -> Tok:
        """The token nearest the sentence root (the first of equals), as spaCy's ``Span.root``."""
        toks = self.doc.tokens
        for t in toks[self.start : self.end]:
            if t.head is t:
                return t
        best, root = len(toks), None
        for t in toks[self.start : self.end]:
            if self.start <= t.head.i < self.end:
                continue
            if (t.is_punct or t.text.isspace()) and not t.children:
                depth = len(toks) - 1  # spaCy: punctuation or space is the root only if nothing else is
            else:
                depth = sum(1 for _ in t.ancestors)
            if depth < best:
                best, root = depth, t
        return root if root is not None else toks[self.start]

    @property
    def sent(self) -> TSpan:
        return self.doc.tokens[self.start].sent


class ParsedDoc:
    """The view of one parsed Doc: ``doc[i]`` is a :class:`Tok`, ``doc[i:j]`` a :class:`TSpan`."""

    __slots__ = ("_ends", "_text", "sents", "spacy", "tokens", "user_data")

    def __init__(self, doc: Doc) -> None:
        self.spacy = doc
        self.user_data: dict[Any, Any] = doc.user_data
        self._text: str | None = None
        strings = doc.vocab.strings
        rows = doc.to_array(_COLUMNS).tolist() if len(doc) else []
        toks: list[Tok] = []
        ends = self._ends = []  # where each token's text and trailing space end
        new = Tok.__new__
        for i, (idx, orth, lower, lemma, pos, tag, dep, _head, _start, punct, quote, sp) in enumerate(rows):
            t = new(Tok)
            t.doc, t.i, t.idx = self, i, idx
            t.text, t.lower_ = _string(strings, orth), _string(strings, lower)
            t.lemma_, t.pos_ = _string(strings, lemma), _string(strings, pos)
            t.tag_, t.dep_ = _string(strings, tag), _string(strings, dep)
            t.is_punct, t.is_quote = bool(punct), bool(quote)
            t.children, t.lefts, t.rights = [], [], []
            toks.append(t)
            ends.append(idx + len(t.text) + sp)
        sents: list[TSpan] = []
        first = 0
        for i, row in enumerate(rows):
            t = toks[i]
            head = i + row[7] - (1 << 64 if row[7] >= 1 << 63 else 0)  # HEAD is a signed offset
            t.head = h = toks[head]
            if head != i:
                h.children.append(t)
                (h.lefts if i < head else h.rights).append(t)
            if i and row[8] == 1:
                sents.append(TSpan(self, first, i))
                first = i
        if toks:
            sents.append(TSpan(self, first, len(toks)))
        for s in sents:
            for t in toks[s.start : s.end]:
                t.sent = s
        self.tokens = toks
        self.sents = sents

    def __len__(self) -> int:
        return len(self.tokens)

    def __iter__(self) -> Iterator[Tok]:
        return iter(self.tokens)

    @overload
    def __getitem__(self, i: int) -> Tok: ...
    @overload
    def __getitem__(self, i: slice) -> TSpan: ...
    def __getitem__(self, i: int | slice) -> Tok | TSpan:
        if isinstance(i, slice):
            start, stop, _ = i.indices(len(self.tokens))
            return TSpan(self, start, max(start, stop))
        return self.tokens[i]

    @property
    def vocab(self) -> Vocab:
        return self.spacy.vocab

    @property
    def text(self) -> str:
        """The Doc's text, joined once (the pipeline puts the article's slice in ``user_data``)."""
        if self._text is None:
            self._text = self.user_data.get("eventcoder.text") or self.spacy.text
        return self._text

    def char_span(self, start: int, end: int, alignment_mode: str = "expand") -> TSpan | None:
        """The tokens covering characters ``start`` to ``end``, as spaCy's ``alignment_mode="expand"``: the
        token whose text or trailing space holds each end (None if there is none)."""
        i, j = self._token_at(start), self._token_at(end - 1)
        if i < 0 or j < 0:
            return None
        if start == self.tokens[i].idx + len(self.tokens[i].text):
            i += 1  # the trailing space is not part of the token before it
        return TSpan(self, i, j + 1)

    def _token_at(self, char: int) -> int:
        i = bisect_right(self._ends, char)
        return i if i < len(self.tokens) and self.tokens[i].idx <= char else -1


def view(doc: Doc | ParsedDoc) -> ParsedDoc:
    """The :class:`ParsedDoc` of ``doc``, made once and kept in ``doc.user_data``."""
    if isinstance(doc, ParsedDoc):
        return doc
    v = doc.user_data.get(_KEY)
    if v is None:
        v = doc.user_data[_KEY] = ParsedDoc(doc)
    return v


def as_tok(t: Token | Tok) -> Tok:
    """The view's token for a spaCy ``Token`` (a :class:`Tok` is returned as it is)."""
    return t if isinstance(t, Tok) else view(t.doc).tokens[t.i]


def as_span(s: Span | TSpan) -> TSpan:
    """The view's span for a spaCy ``Span`` (a :class:`TSpan` is returned as it is)."""
    return s if isinstance(s, TSpan) else TSpan(view(s.doc), s.start, s.end)
