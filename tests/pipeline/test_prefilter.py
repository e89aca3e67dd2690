"""The prefilter (issue #8): a sentence is parsed only if it has a trigger form and something that could name
an actor; everything else is skipped unparsed."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("text", "keep"),
    [
        ("Russia attacked Ukraine.", True),
        ("Blinken met Lavrov in Geneva on Friday.", True),  # irregular form: "met" -> meet
        ("Police arrested the protesters.", True),  # sector words
        ("They condemned the decision.", True),  # a pronoun
        ("Palestinian prisoners went on strike.", True),  # a known name as the first word
        ("Egypt imposed sanctions on the company.", True),  # "impose" with its required object
        ("Egypt imposed a new tax.", False),  # "impose" without any object a pattern needs
        ("The weather was mild and sunny all week.", False),  # no trigger
        ("It rained heavily in the morning.", False),
        ("Prices rose in the market.", False),  # no actor word
    ],
)
def test_keep(coder, text: str, keep: bool) -> None:
    assert coder.prefilter.keep(coder.nlp.make_doc(text)[:]) is keep
