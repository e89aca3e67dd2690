"""The document model: one owner of the text (the article), everything else spans into it.

An :class:`Article` holds the text that is coded. :class:`Sentence` objects hold character offsets into
that text, and so do the actors, triggers, dates and places of every event. The JSON form is versioned
(:data:`DOCUMENT_VERSION`) and is what travels between processes.

>>> a = Article.create("Blinken met Lavrov.", published="2022-01-18")
>>> a.id.startswith("t-")
True
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import asdict, dataclass, field
from typing import Any

DOCUMENT_VERSION = 1

_WS = re.compile(r"\s+")


def normalize_text(text: str) -> str:
    """Unicode NFC, straight quotes, collapsed whitespace, lower case: the text's identity."""
    text = unicodedata.normalize("NFKC", text)
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    return _WS.sub(" ", text).strip().lower()


def article_id(text: str, url: str | None = None) -> str:
    """Stable article id: from the URL when there is one, else from the normalized text."""
    if url:
        u = url.strip()
        u = re.sub(r"^https?://(www\.)?", "", u, flags=re.I).rstrip("/")
        return "u-" + hashlib.sha1(u.encode("utf-8")).hexdigest()[:16]
    return "t-" + hashlib.sha1(normalize_text(text).encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class Actor:
    """A resolved actor mention. ``start``/``end`` are character offsets into the article text."""

    text: str
    start: int
    end: int
    code: str
    country: str | None = None
    sector: str | None = None
    name: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Place:
    """Where an event happened, geocoded. Offsets into the article text."""

    name: str
    country: str | None
    lat: float | None
    lon: float | None
    geonameid: int | None
    start: int
    end: int
    precision: str = "city"  # "city" | "admin" | "country" | "locality" (a place the gazetteer lacks)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class When:
    """An event's resolved date."""

    date: str  # YYYY-MM-DD
    precision: str  # "day" | "month" | "year" | "article"
    text: str | None = None
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True, slots=True)
class Sentence:
    index: int
    start: int
    end: int


@dataclass(slots=True)
class Article:
    """One news article. ``text`` is the body that is coded; ``title`` is kept as metadata."""

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published: str | None = None  # YYYY-MM-DD
    origin: str | None = None  # file (and line) it came from, for messages
    sentences: list[Sentence] = field(default_factory=list)

    @classmethod
    def create(
        cls,
        text: str,
        *,
        id: str | None = None,
        title: str | None = None,
        url: str | None = None,
        source: str | None = None,
        published: str | None = None,
        origin: str | None = None,
    ) -> Article:
        return cls(
            id=id or article_id(text, url),
            text=text,
            title=title,
            url=url,
            source=source,
            published=published,
            origin=origin,
        )

    def sentence_text(self, s: Sentence) -> str:
        return self.text[s.start : s.end]

    def to_json(self) -> dict[str, Any]:
        d = {k: getattr(self, k) for k in ("id", "text", "title", "url", "source", "published")}
        d["sentences"] = [[s.index, s.start, s.end] for s in self.sentences]
        d["version"] = DOCUMENT_VERSION
        return d

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Article:
        if d.get("version") != DOCUMENT_VERSION:
            raise ValueError(f"unsupported document version {d.get('version')!r}")
        a = cls(**{k: d.get(k) for k in ("id", "text", "title", "url", "source", "published")})
        a.sentences = [Sentence(*s) for s in d.get("sentences", [])]
        return a
