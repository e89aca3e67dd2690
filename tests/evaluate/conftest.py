"""A fake coder and an event factory for unit tests of the scoring logic (not of the coder)."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence

import pytest
from rich.console import Console


class FakeCoder:
    """Returns hand-made records per text; raises for texts listed in ``crash``."""

    def __init__(self, records: dict[str, list[dict]], crash: Sequence[str] = ()) -> None:
        self.records = records
        self.crash = set(crash)
        self.calls: list[int] = []

    def code_texts(self, texts: Sequence[str], published: str | None = None) -> list[list[dict]]:
        self.calls.append(len(texts))
        if self.crash & set(texts):
            raise RuntimeError("boom")
        return [list(self.records.get(t, [])) for t in texts]


def _actor(country: str | None, sector: str | None = None) -> dict:
    code = (country or "IGO") + (sector or "")
    return {
        "text": code,
        "start": 0,
        "end": 1,
        "code": code,
        "country": country,
        "sector": sector,
        "name": None,
    }


def _event(
    cameo: str = "010",
    *,
    category: str | None = "CONSULT",
    source: tuple[str | None, str | None] | None = None,
    target: tuple[str | None, str | None] | None = None,
    trigger: tuple[int, int] = (0, 1),
    place: dict | None = None,
    confidence: float = 0.5,
) -> dict:
    """One record in the v1 contract; only the fields scoring reads are meaningful."""
    return {
        "id": "e",
        "article_id": "a",
        "sentence": 0,
        "text": "",
        "source": _actor(*source) if source else None,
        "target": _actor(*target) if target else None,
        "cameo": cameo,
        "root": cameo[:2],
        "plover": {"category": category, "mode": None, "context": None} if category else None,
        "quad_class": 1,
        "goldstein": 0.0,
        "status": "occurred",
        "attribution": None,
        "date": None,
        "date_precision": "article",
        "date_text": None,
        "place": place,
        "trigger": {"text": "x", "start": trigger[0], "end": trigger[1]},
        "confidence": confidence,
        "version": "test",
    }


@pytest.fixture
def make_event() -> Callable[..., dict]:
    return _event


@pytest.fixture
def fake_coder() -> type[FakeCoder]:
    return FakeCoder


@pytest.fixture
def quiet_console() -> Console:
    return Console(file=io.StringIO(), width=200)
