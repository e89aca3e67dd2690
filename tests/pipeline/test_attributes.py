"""The memoised attribute ruler and lemmatizer (attributes.py) give exactly what spaCy's components give."""

from __future__ import annotations

import numpy
import pytest
import spacy
from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG

from eventcoder import attributes
from eventcoder.nlp import EXCLUDE, MODEL, _location, add_lemma_exceptions
from eventcoder.pipeline import sentence_docs

ATTRS = [TAG, DEP, HEAD, POS, MORPH, LEMMA]
TEXTS = [
    "Russia accused Ukraine of shelling the town, and the Kremlin said it met the envoys.",
    "There is no sign that talks were held; there were 1,200 troops at the border.",  # multi-word rule
    "I'm gon na tell you, y'all ain't seen nothin' yet, he said.",  # multi-word and regex rules
    "Let's go.  The  minister   gets what he got: sanctions.",  # spaces between words
    "The rebels' leaders, who met Assad in Damascus, were meeting again on 3 March 2018.",
    "Something happened to everyone; nobody knows what, but U.N. inspectors saw it.",
    "The ministers met.",  # the same words twice: the second time from the memo
    "The ministers met.",
]


@pytest.fixture(scope="module")
def spacy_nlp():
    """The pipeline with spaCy's own attribute ruler (with our lemma exceptions) and lemmatizer."""
    nlp = spacy.load(_location(MODEL), exclude=list(EXCLUDE))
    add_lemma_exceptions(nlp)
    return nlp


def test_installed(nlp) -> None:
    assert attributes.NAME in nlp.pipe_names
    assert "attribute_ruler" not in nlp.pipe_names and "lemmatizer" in nlp.component_names


@pytest.mark.parametrize("text", TEXTS)
def test_same_as_spacy(nlp, spacy_nlp, text: str) -> None:
    ours, theirs = nlp(text), spacy_nlp(text)
    assert numpy.array_equal(ours.to_array(ATTRS), theirs.to_array(ATTRS))
    assert [t.lemma_ for t in ours] == [t.lemma_ for t in theirs]


def test_same_as_spacy_on_sentence_docs(nlp, spacy_nlp, seed_text: str) -> None:
    doc = nlp.get_pipe("senter")(nlp.make_doc(seed_text))
    ours = list(nlp.pipe(sentence_docs(list(doc.sents))))
    theirs = list(spacy_nlp.pipe(sentence_docs(list(doc.sents))))
    for a, b in zip(ours, theirs, strict=True):
        assert numpy.array_equal(a.to_array(ATTRS), b.to_array(ATTRS)), a.text


def test_not_installed_without_a_ruler(spacy_nlp) -> None:
    nlp = spacy.blank("en")
    assert not attributes.install(nlp)
    assert attributes.NAME not in nlp.pipe_names


@pytest.mark.parametrize(
    ("text", "word", "lemma"),
    [
        ("The army staged a drill near the border.", "staged", "stage"),
        ("Protesters are staging a sit-in.", "staging", "stage"),
        ("They waged war on their neighbours.", "waged", "wage"),
        ("Russia is waging a war.", "waging", "wage"),
        ("The minister hoped to meet Lavrov.", "hoped", "hope"),
        ("Soldiers raped women in the village.", "raped", "rape"),
        ("Police cordoned off the square.", "cordoned", "cordon"),
        ("Egypt unbanned the party.", "unbanned", "unban"),
        ("Their hopes fell as wages fell.", "wages", "wage"),
        ("Critics rapped the plan.", "rapped", "rap"),  # a real "rap": not listed
        ("The talks stalled.", "stalled", "stall"),  # untouched
    ],
)
def test_lemma_exceptions(nlp, text: str, word: str, lemma: str) -> None:
    assert next(t.lemma_ for t in nlp(text) if t.text == word) == lemma
