"""Actor resolution on real parses (issue #4): countries, sectors, titles, people, organisations, coref."""

from __future__ import annotations

import datetime as dt

import pytest

from eventcoder.actors import ActorResolver, ArticleContext, get_index


def _resolve_all(nlp, text: str, published: str | None = "2022-01-18"):
    doc = nlp(text)
    ctx = ArticleContext(dt.date.fromisoformat(published) if published else None)
    res = ActorResolver(get_index(nlp), doc, ctx)
    out = {}
    for sent in doc.sents:
        res.register_sentence(sent)
        for t in sent:
            a = res.resolve(t) if t.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "poss") else None
            if a is not None:
                out[t.text] = a
    return out


@pytest.mark.parametrize(
    ("text", "head", "code", "mention"),
    [
        ("Russian troops crossed the border.", "troops", "RUSMIL", "Russian troops"),
        ("Ukrainian lawmakers voted on Monday.", "lawmakers", "UKRLEG", "Ukrainian lawmakers"),
        ("Russia massed tanks.", "Russia", "RUS", "Russia"),
        ("The Kremlin rejected the claim.", "Kremlin", "RUSGOV", "Kremlin"),
        ("The Pentagon announced a review.", "Pentagon", "USAMIL", "Pentagon"),
        ("Moscow denied the report.", "Moscow", "RUSGOV", "Moscow"),
        ("The U.S. imposed sanctions.", "U.S.", "USA", "U.S."),
        ("Egypt's chief negotiator arrived.", "negotiator", "EGYGOV", "Egypt's chief negotiator"),
        ("Police arrested protesters in Caracas.", "Police", "VENCOP", "Police"),  # the place of the arrest
        ("Police arrested protesters in Caracas.", "protesters", "VENCVL", "protesters"),
        (
            "Secretary of State Antony Blinken spoke.",
            "Blinken",
            "USAGOV",
            "Secretary of State Antony Blinken",
        ),
        (
            "Russian Foreign Minister Sergey Lavrov spoke.",
            "Lavrov",
            "RUSGOV",
            "Russian Foreign Minister Sergey Lavrov",
        ),
        ("Belarus announced exercises.", "Belarus", "BLR", "Belarus"),
        ("Emirati officials met.", "officials", "AREGOV", "Emirati officials"),
    ],
)
def test_noun_phrases(nlp, text: str, head: str, code: str | None, mention: str | None) -> None:
    actors = _resolve_all(nlp, text)
    if code is None:
        assert head not in actors or actors[head].country is None
        return
    a = actors[head]
    assert a.code == code
    assert a.text == mention
    assert text[a.start : a.end] == a.text


@pytest.mark.parametrize(
    ("published", "code"),
    [("2022-01-18", "USAGOV"), ("2015-06-01", "USAELI")],
)
def test_person_code_depends_on_the_article_date(nlp, published: str, code: str) -> None:
    actors = _resolve_all(nlp, "Antony Blinken spoke on Monday.", published)
    assert actors["Blinken"].code == code


def test_surname_and_title_coreference_across_sentences(nlp) -> None:
    text = (
        "Russian Foreign Minister Sergey Lavrov arrived in Geneva. Lavrov met reporters. "
        "The minister said talks would continue."
    )
    actors = _resolve_all(nlp, text)
    assert actors["Lavrov"].code == "RUSGOV" and actors["Lavrov"].name == "Sergey Lavrov"
    assert actors["minister"].code == "RUSGOV"


def test_unknown_person_keeps_name_title_and_country(nlp) -> None:
    actors = _resolve_all(nlp, "Moldovan Prime Minister Ion Testescu visited Kyiv.")
    a = actors["Testescu"]
    assert a.code == "MDAGOV" and a.name and "Testescu" in a.name


def test_a_destination_is_no_context_country(nlp) -> None:
    actors = _resolve_all(nlp, "Senate President Bukola Testo will lead a delegation to Russia.")
    assert "Testo" not in actors


def test_no_country_without_support(nlp) -> None:
    actors = _resolve_all(nlp, "The minister said the talks would continue.")
    assert "minister" not in actors


def test_pronoun_resolves_to_the_last_country(nlp) -> None:
    actors = _resolve_all(nlp, "Belarus said that it would join the exercises.")
    assert actors["it"].country == "BLR"
