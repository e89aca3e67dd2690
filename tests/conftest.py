"""Shared fixtures: the real pipeline and coder, built once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def nlp():
    from eventcoder.nlp import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def coder():
    from eventcoder.pipeline import Coder

    return Coder()


@pytest.fixture(scope="session")
def seed_text() -> str:
    return (FIXTURES / "seed_article.txt").read_text(encoding="utf-8")
