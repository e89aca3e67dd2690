"""The pure-Python view of a parse reads the same as spaCy's own objects (issue #8: the coding stage reads
the view instead of creating spaCy Tokens)."""

from __future__ import annotations

import pytest

from eventcoder.parsed import ParsedDoc, Tok, TSpan, as_span, as_tok, view

SENTENCES = [
    "Russian Foreign Minister Sergey Lavrov met US Secretary of State Antony Blinken in Geneva on Friday.",
    "Blinken and Lavrov spoke by phone on Tuesday, a senior State Department official said.",
    "Israeli troops shot and wounded two Palestinians near Nablus, the army said. Hamas denied it.",
    '"Diplomacy is not dead," the official told reporters, adding that talks with Egypt, Jordan and Qatar '
    "would resume.",
    "Police arrested 20 protesters in Caracas after they burned flags outside the US embassy.",
    "The rebels, who had been shelled by government forces, withdrew from the town of Sinjar.",
    "",
]


def _token_facts(t) -> tuple:
    return (
        t.i,
        t.idx,
        t.text,
        len(t),
        t.lower_,
        t.lemma_,
        t.pos_,
        t.tag_,
        t.dep_,
        t.is_punct,
        t.is_quote,
        t.head.i,
        [c.i for c in t.children],
        [c.i for c in t.lefts],
        [c.i for c in t.rights],
        [c.i for c in t.subtree],
        t.left_edge.i,
        t.right_edge.i,
        [c.i for c in t.conjuncts],
        [a.i for a in t.ancestors],
        (t.sent.start, t.sent.end, t.sent.root.i, t.sent.text),
    )


@pytest.mark.parametrize("text", SENTENCES)
def test_every_token_reads_as_spacy(nlp, text: str) -> None:
    doc = nlp(text)
    v = view(doc)
    assert len(v) == len(doc)
    assert [_token_facts(t) for t in v] == [_token_facts(t) for t in doc]
    assert [(s.start, s.end, s.text, s.start_char, s.end_char) for s in v.sents] == [
        (s.start, s.end, s.text, s.start_char, s.end_char) for s in doc.sents
    ]
    assert v.text == doc.text


@pytest.mark.parametrize("text", SENTENCES[:6])
def test_span_roots_and_slices(nlp, text: str) -> None:
    doc = nlp(text)
    v = view(doc)
    n = len(doc)
    for i in range(n):
        for j in range(i + 1, min(n, i + 5) + 1):
            assert (v[i:j].root.i, v[i:j].text, len(v[i:j])) == (
                doc[i:j].root.i,
                doc[i:j].text,
                len(doc[i:j]),
            )
    assert [t.i for t in v[2:-1]] == [t.i for t in doc[2:-1]]
    assert v[-1] is v.tokens[-1] and v[1:3][0] is v[1] and v[1:4][-1] is v[3]


@pytest.mark.parametrize(
    ("start", "end"), [(0, 7), (3, 5), (7, 8), (8, 30), (24, 25), (25, 26), (41, 45), (99, 100), (90, 200)]
)
def test_char_span_expands_like_spacy(nlp, start: int, end: int) -> None:
    doc = nlp(SENTENCES[0])
    mine, theirs = view(doc).char_span(start, end), doc.char_span(start, end, alignment_mode="expand")
    assert (None if mine is None else (mine.start, mine.end)) == (
        None if theirs is None else (theirs.start, theirs.end)
    )


def test_one_view_per_doc_and_conversions(nlp) -> None:
    doc = nlp(SENTENCES[1])
    v = view(doc)
    assert view(doc) is v and view(v) is v and isinstance(v, ParsedDoc)
    t = as_tok(doc[3])
    assert isinstance(t, Tok) and t is v[3] and as_tok(t) is t
    s = as_span(next(doc.sents))
    assert isinstance(s, TSpan) and s == v.sents[0] and as_span(s) is s and s.sent == s
    assert v[0:2] == v[0:2] and v[0:2] != v[0:3] and len({v[0:2], v[0:2]}) == 1
    assert t.nbor(1) is v[4] and t.nbor(-1) is v[2]
    assert v.spacy is doc and v.vocab is doc.vocab
