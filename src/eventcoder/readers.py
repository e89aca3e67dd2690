"""Readers: turn input paths into :class:`Article` objects, reporting bad input without stopping.

``.txt``: the first line is the headline, the rest the body. ``.jsonl``: one article a line (``text``
required; ``id``, ``title``, ``url``, ``source``, ``published`` optional). ``-``: stdin, read as ``.jsonl``
when every non-empty line starts with ``{``, else as ``.txt``. Directories are read recursively in sorted order.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

from . import errors
from .document import Article

SUFFIXES = (".txt", ".jsonl")

Report = Callable[[str], None]


def parse_date(value: str) -> dt.date:
    """Parse a YYYY-MM-DD date (raises ValueError for impossible dates)."""
    return dt.date.fromisoformat(value.strip()[:10])


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


def _jsonl_articles(text: str, origin: str, published: str | None, report: Report) -> Iterator[Article]:
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{origin}:{n}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            report(errors.E006.format(path=origin, line=n, detail=e.msg))
            continue
        if not isinstance(obj, dict) or not isinstance(obj.get("text"), str) or not obj["text"].strip():
            report(errors.E007.format(path=origin, line=n))
            continue
        pub = obj.get("published") or obj.get("date")
        if pub is not None:
            try:
                pub = parse_date(str(pub)).isoformat()
            except ValueError:
                report(errors.E009.format(path=origin, line=n, value=pub))
                pub = None
        yield Article.create(
            obj["text"],
            id=str(obj["id"]) if obj.get("id") is not None else None,
            title=obj.get("title"),
            url=obj.get("url"),
            source=obj.get("source"),
            published=published or pub,
            origin=where,
        )


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


def read_text(text: str, origin: str, kind: str, published: str | None, report: Report) -> Iterator[Article]:
    """Articles from already-decoded text of the given kind ("txt" or "jsonl")."""
    if kind == "jsonl":
        yield from _jsonl_articles(text, origin, published, report)
    else:
        art = _txt_article(text, origin, published)
        if art is None:
            report(errors.E005.format(path=origin))
        else:
            yield art


def _read_file(path: Path, published: str | None, report: Report) -> Iterator[Article]:
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        report(errors.E010.format(path=path, suffix=suffix))
        return
    text = _decode(path.read_bytes(), str(path), report)
    if text is not None:
        yield from read_text(text, str(path), suffix[1:], published, report)


def read_paths(paths: list[str], published: str | None, report: Report) -> Iterator[Article]:
    """Yield every article in ``paths``; every problem goes to ``report`` as one line."""
    for p in paths:
        if p == "-":
            raw = sys.stdin.buffer.read()
            text = _decode(raw, "<stdin>", report)
            if text is None:
                continue
            lines = [ln for ln in text.splitlines() if ln.strip()]
            kind = "jsonl" if lines and all(ln.lstrip().startswith("{") for ln in lines) else "txt"
            yield from read_text(text, "<stdin>", kind, published, report)
            continue
        path = Path(p)
        if path.is_dir():
            files = sorted(f for f in path.rglob("*") if f.is_file() and f.suffix.lower() in SUFFIXES)
            if not files:
                report(errors.E003.format(path=path))
            for f in files:
                yield from _read_file(f, published, report)
        elif path.is_file():
            yield from _read_file(path, published, report)
        else:
            report(errors.E002.format(path=path))
