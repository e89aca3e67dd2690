from __future__ import annotations

import pytest

from eventcoder.document import Article, article_id


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Blinken met Lavrov.", "  blinken   met Lavrov. "),
        ("He said \u201cno\u201d.", 'He said "no".'),
    ],
)
def test_text_id_ignores_case_spacing_and_quotes(a: str, b: str) -> None:
    assert article_id(a) == article_id(b)


def test_url_id_wins_over_text_and_ignores_scheme() -> None:
    assert article_id("x", "https://www.example.org/a/") == article_id("y", "http://example.org/a")
    assert article_id("x", "https://example.org/a") != article_id("x")


def test_different_texts_get_different_ids() -> None:
    assert article_id("Russia attacked.") != article_id("Russia retreated.")


def test_json_round_trip_is_versioned() -> None:
    a = Article.create("Text here.", title="T", published="2022-01-18")
    b = Article.from_json(a.to_json())
    assert b.to_json() == a.to_json()
    bad = a.to_json() | {"version": 99}
    with pytest.raises(ValueError, match="version"):
        Article.from_json(bad)
