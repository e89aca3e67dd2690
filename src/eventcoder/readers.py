"""Readers: turn input paths into :class:`Article` objects, reporting bad input without stopping.

``.txt``: the first line is the headline, the rest the body. ``.jsonl``: one article a line (``text``
required; ``id``, ``title``, ``url``, ``source``, ``published`` optional). ``.csv``: one article a row, same
fields as columns (a header row is required). ``columns`` maps those field names to other key or column
names (``{"text": "body", "published": "date"}``) for ``.jsonl`` and ``.csv``. ``.html``/``.htm``: the main
text, title, canonical URL and publication date, found by trafilatura. ``.rss``/``.atom``/``.xml``: a feed
(feedparser); each entry is an article with its link, date, title and its content or summary as text.
``.gz``: any of these, gzip-compressed (``news.jsonl.gz``). ``-``: stdin, read as ``.jsonl`` when every
non-empty line starts with ``{``, else as ``.txt``. Directories are read recursively in sorted order.

Nothing here touches the network: HTML and feeds are parsed from bytes already read.
"""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import io
import json
import logging
import re
import sys
import time
import zlib
from collections.abc import Callable, Iterator, Mapping
from functools import cache
from html.parser import HTMLParser
from importlib import resources
from pathlib import Path
from typing import Any

from . import errors
from .document import Article

SUFFIXES = (".txt", ".jsonl", ".csv", ".html", ".htm", ".rss", ".atom", ".xml")
FIELDS = ("id", "text", "title", "url", "source", "published")
# spaCy's default nlp.max_length: longer texts cannot be parsed in one piece.
MAX_CHARS = 1_000_000

Report = Callable[[str], None]

# Messages of the readers added with issue 7 (same style as errors.py).
E020 = "E020 {path}: not valid gzip data ({detail}), skipped."
E021 = "E021 {path}: not an RSS/Atom feed ({detail}), skipped."
E022 = "E022 {origin}: feed entry without text (no content or summary), skipped."
E023 = "E023 {path}: no main text found in the HTML, skipped."
E024 = "E024 {path}: no {column!r} column in the CSV header (map one with --columns text=NAME), skipped."
E025 = "E025 {path}:{line}: malformed CSV ({detail}), rest of the file skipped."
E026 = (
    "E026 {origin}: article of {n:,} characters is longer than the {limit:,} a parse can take; skipped "
    "(split it into articles)."
)
E027 = "E027 {origin}: not English (English function words {ratio:.0%} of {words} words), skipped."


def parse_date(value: str) -> dt.date:
    """Parse a YYYY-MM-DD date (raises ValueError for impossible dates)."""
    return dt.date.fromisoformat(value.strip()[:10])


def parse_columns(spec: str | None) -> dict[str, str]:
    """``"text=body,published=date"`` -> ``{"text": "body", "published": "date"}`` (raises ValueError)."""
    out: dict[str, str] = {}
    for part in filter(None, (p.strip() for p in (spec or "").split(","))):
        field, sep, column = part.partition("=")
        field, column = field.strip(), column.strip()
        if not sep or not column or field not in FIELDS:
            raise ValueError(f"bad column mapping {part!r}: expected FIELD=NAME with FIELD one of {FIELDS}")
        out[field] = column
    return out


# -- language check -------------------------------------------------------------------------------------
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
MIN_WORDS = 12  # shorter texts are not judged
MIN_RATIO = 0.12  # English news: 0.35-0.5; French, German, Spanish...: under 0.1


@cache
def _function_words() -> frozenset[str]:
    text = resources.files("eventcoder").joinpath("data/lang/english_function_words.txt").read_text("utf-8")
    return frozenset(w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#"))


def english_ratio(text: str, limit: int = 2000) -> tuple[float, int]:
    """Share of the first ``limit`` words that are English function words, and the number of words seen.

    Words in a non-Latin script count as non-English words, so Arabic, Cyrillic or Chinese text scores ~0.
    """
    words = _WORD.findall(text[: limit * 12])[:limit]
    if not words:
        return 0.0, 0
    fw = _function_words()
    return sum(w.lower() in fw for w in words) / len(words), len(words)


def is_english(text: str) -> bool:
    """Cheap offline language check: False for text mostly in a non-Latin script, or long enough to judge
    (:data:`MIN_WORDS` words) with under :data:`MIN_RATIO` English function words; True otherwise."""
    letters = [c for c in text[:4000] if c.isalpha()]
    if len(letters) >= 30 and sum(c > "\u024f" for c in letters) > len(letters) / 2:
        return False
    ratio, n = english_ratio(text)
    return n < MIN_WORDS or ratio >= MIN_RATIO


def english_only(articles: Iterator[Article], report: Report) -> Iterator[Article]:
    """Pass English articles through; report the others (E027) and drop them."""
    for a in articles:
        ratio, n = english_ratio(a.text)
        if is_english(a.text):
            yield a
        else:
            report(E027.format(origin=a.origin or a.id, ratio=ratio, words=n))


# -- plain text and records -----------------------------------------------------------------------------
def _txt_article(text: str, origin: str, published: str | None) -> Article | None:
    text = text.lstrip("\ufeff")
    if not text.strip():
        return None
    head, _, body = text.partition("\n")
    title = head.strip()
    body = body.strip("\n")
    if not body.strip():  # a one-line file: the line is the body
        title, body = "", text.strip()
    return Article.create(body, title=title or None, published=published, origin=origin)


def _record_article(
    obj: Mapping[str, Any],
    path: str,
    n: int,
    published: str | None,
    report: Report,
    columns: Mapping[str, str],
) -> Article | None:
    """One article from a JSON object or CSV row (``columns`` renames fields), or None after a report."""

    def get(field: str) -> Any:
        return obj.get(columns.get(field, field))

    text = get("text")
    if not isinstance(text, str) or not text.strip():
        report(errors.E007.format(path=path, line=n))
        return None
    pub = get("published")
    if pub is None and "published" not in columns:
        pub = obj.get("date")
    if pub is not None and pub != "":
        try:
            pub = parse_date(str(pub)).isoformat()
        except ValueError:
            report(errors.E009.format(path=path, line=n, value=pub))
            pub = None
    else:
        pub = None
    ident, url, title, source = get("id"), get("url"), get("title"), get("source")
    return Article.create(
        text,
        id=str(ident) if ident not in (None, "") else None,
        title=title or None,
        url=url or None,
        source=source or None,
        published=published or pub,
        origin=f"{path}:{n}",
    )


def _jsonl_articles(
    text: str, origin: str, published: str | None, report: Report, columns: Mapping[str, str] | None = None
) -> Iterator[Article]:
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            report(errors.E006.format(path=origin, line=n, detail=e.msg))
            continue
        if not isinstance(obj, dict):
            report(errors.E007.format(path=origin, line=n))
            continue
        art = _record_article(obj, origin, n, published, report, columns or {})
        if art is not None:
            yield art


def _csv_articles(
    text: str, origin: str, published: str | None, report: Report, columns: Mapping[str, str] | None = None
) -> Iterator[Article]:
    columns = columns or {}
    csv.field_size_limit(MAX_CHARS * 8)
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff"), newline=""))
    try:
        header = reader.fieldnames or []
    except csv.Error as e:
        report(E025.format(path=origin, line=1, detail=e))
        return
    want = columns.get("text", "text")
    if want not in header:
        report(E024.format(path=origin, column=want))
        return
    while True:
        start = reader.line_num + 1  # a quoted field may span lines: report where the record starts
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as e:
            report(E025.format(path=origin, line=reader.line_num, detail=e))
            return
        art = _record_article(row, origin, start, published, report, columns)
        if art is not None:
            yield art


# -- HTML and feeds -------------------------------------------------------------------------------------
class _TextOnly(HTMLParser):
    """Text of an HTML fragment (a feed entry's content), with line breaks at block elements."""

    BLOCKS = frozenset({"p", "br", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "blockquote"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in ("script", "style"):
            self.skip += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self.skip = max(0, self.skip - 1)
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment: one line per block, spaces collapsed."""
    p = _TextOnly()
    p.feed(fragment)
    p.close()
    lines = (" ".join(ln.split()) for ln in "".join(p.parts).splitlines())
    return "\n".join(ln for ln in lines if ln)


def _html_article(raw: bytes, origin: str, published: str | None, report: Report) -> Iterator[Article]:
    import trafilatura

    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    logging.getLogger("htmldate").setLevel(logging.CRITICAL)
    doc = trafilatura.bare_extraction(raw, with_metadata=True, include_comments=False, include_tables=False)
    text = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    if not text:
        report(E023.format(path=origin))
        return
    title = (doc.title or "").strip() or None
    head, _, rest = text.partition("\n")
    if title and head.strip() == title and rest.strip():
        text = rest.strip()  # trafilatura keeps the <h1> headline as the first line
    pub: str | None = None
    if doc.date:
        try:
            pub = parse_date(doc.date).isoformat()
        except ValueError:
            pub = None
    yield Article.create(
        text,
        title=title,
        url=doc.url or None,
        source=doc.sitename or None,
        published=published or pub,
        origin=origin,
    )


def _struct_date(value: time.struct_time | None) -> str | None:
    if not value:
        return None
    try:
        return dt.date(value.tm_year, value.tm_mon, value.tm_mday).isoformat()
    except ValueError:
        return None


def _feed_articles(raw: bytes, origin: str, published: str | None, report: Report) -> Iterator[Article]:
    import feedparser

    feed = feedparser.parse(raw, resolve_relative_uris=False, sanitize_html=True)
    if not feed.entries:
        detail = str(feed.get("bozo_exception") or "no entries") if not feed.version else "no entries"
        report(E021.format(path=origin, detail=detail))
        return
    source = feed.feed.get("title") or None
    for n, e in enumerate(feed.entries, 1):
        where = f"{origin}:entry {n}"
        contents = [c.get("value", "") for c in e.get("content", []) if c.get("value")]
        body = max(contents, key=len) if contents else (e.get("summary") or "")
        text = html_to_text(body)
        if not text.strip():
            report(E022.format(origin=where))
            continue
        date = _struct_date(e.get("published_parsed") or e.get("updated_parsed"))
        link = e.get("link") or None
        yield Article.create(
            text,
            id=None if link else (e.get("id") or None),
            title=e.get("title") or None,
            url=link,
            source=source,
            published=published or date,
            origin=where,
        )


# -- files -----------------------------------------------------------------------------------------------
def _decode(raw: bytes, origin: str, report: Report) -> str | None:
    if not raw.strip():
        report(errors.E005.format(path=origin))
        return None
    if b"\x00" in raw[:8192]:
        report(errors.E004.format(path=origin))
        return None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        report(errors.E004.format(path=origin))
        return None


def read_text(
    text: str,
    origin: str,
    kind: str,
    published: str | None,
    report: Report,
    columns: Mapping[str, str] | None = None,
) -> Iterator[Article]:
    """Articles from already-decoded text of the given kind ("txt", "jsonl" or "csv")."""
    if kind == "jsonl":
        yield from _jsonl_articles(text, origin, published, report, columns)
    elif kind == "csv":
        yield from _csv_articles(text, origin, published, report, columns)
    else:
        art = _txt_article(text, origin, published)
        if art is None:
            report(errors.E005.format(path=origin))
        else:
            yield art


def kind_of(path: Path) -> str | None:
    """The reader for a file name (``a.jsonl.gz`` -> ``jsonl``), or None when unsupported."""
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    if not suffixes or suffixes[-1] not in SUFFIXES:
        return None
    s = suffixes[-1][1:]
    return {"htm": "html", "atom": "feed", "rss": "feed", "xml": "feed"}.get(s, s)


def _read_bytes(
    raw: bytes, origin: str, kind: str, published: str | None, report: Report, columns
) -> Iterator:
    if kind in ("html", "feed"):
        if not raw.strip():
            report(errors.E005.format(path=origin))
            return
        reader = _html_article if kind == "html" else _feed_articles
        yield from reader(raw, origin, published, report)
        return
    text = _decode(raw, origin, report)
    if text is not None:
        yield from read_text(text, origin, kind, published, report, columns)


def _read_file(path: Path, published: str | None, report: Report, columns=None) -> Iterator[Article]:
    kind = kind_of(path)
    if kind is None:
        report(errors.E010.format(path=path, suffix="".join(path.suffixes[-2:]).lower() or path.name))
        return
    try:
        raw = path.read_bytes()
    except OSError as e:
        report(errors.E002.format(path=f"{path} ({e.strerror})"))
        return
    if path.suffix.lower() == ".gz":
        try:
            raw = gzip.decompress(raw)
        except (OSError, EOFError, zlib.error) as e:
            report(E020.format(path=path, detail=e))
            return
    yield from _read_bytes(raw, str(path), kind, published, report, columns)


def _not_too_long(articles: Iterator[Article], report: Report) -> Iterator[Article]:
    for art in articles:
        if len(art.text) > MAX_CHARS:
            report(E026.format(origin=art.origin or art.id, n=len(art.text), limit=MAX_CHARS))
        else:
            yield art


def read_paths(
    paths: list[str],
    published: str | None,
    report: Report,
    *,
    columns: Mapping[str, str] | None = None,
    check_language: bool = False,
) -> Iterator[Article]:
    """Yield every article in ``paths``; every problem goes to ``report`` as one line.

    ``columns`` renames fields for ``.jsonl``/``.csv`` input; ``check_language`` drops non-English articles
    (reported as E027). Articles longer than :data:`MAX_CHARS` are reported (E026) and dropped.
    """
    articles = _not_too_long(_read_all(paths, published, report, columns), report)
    return english_only(articles, report) if check_language else articles


def _read_all(paths: list[str], published: str | None, report: Report, columns) -> Iterator[Article]:
    for p in paths:
        if p == "-":
            raw = sys.stdin.buffer.read()
            text = _decode(raw, "<stdin>", report)
            if text is None:
                continue
            lines = [ln for ln in text.splitlines() if ln.strip()]
            kind = "jsonl" if lines and all(ln.lstrip().startswith("{") for ln in lines) else "txt"
            yield from read_text(text, "<stdin>", kind, published, report, columns)
            continue
        path = Path(p)
        if path.is_dir():
            files = sorted(f for f in path.rglob("*") if f.is_file() and kind_of(f) is not None)
            if not files:
                report(errors.E003.format(path=path))
            for f in files:
                yield from _read_file(f, published, report, columns)
        elif path.is_file():
            yield from _read_file(path, published, report, columns)
        else:
            report(errors.E002.format(path=path))
