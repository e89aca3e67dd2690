from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventcoder.readers import read_paths


def _read(paths: list[str], published: str | None = None) -> tuple[list, list[str]]:
    msgs: list[str] = []
    arts = list(read_paths(paths, published, msgs.append))
    return arts, msgs


def test_txt_first_line_is_headline(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text("Headline here\n\nBody sentence one. Body two.\n", encoding="utf-8")
    (art,), msgs = _read([str(f)], "2022-01-18")
    assert art.title == "Headline here"
    assert art.text == "Body sentence one. Body two."
    assert art.published == "2022-01-18"
    assert msgs == []


def test_jsonl_fields_and_bad_lines_named_by_line(tmp_path: Path) -> None:
    f = tmp_path / "a.jsonl"
    lines = [
        json.dumps(
            {"id": "x1", "text": "Russia met Ukraine.", "published": "2022-01-02", "url": "http://a/b"}
        ),
        "{not json",
        json.dumps({"title": "no text"}),
        json.dumps({"text": "Fine.", "published": "2022-02-30"}),
    ]
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    arts, msgs = _read([str(f)])
    assert arts[0].id == "x1"
    assert arts[0].published == "2022-01-02"
    assert arts[1].published is None
    assert any(f"{f}:2" in m and "E006" in m for m in msgs)
    assert any(f"{f}:3" in m and "E007" in m for m in msgs)
    assert any(f"{f}:4" in m and "E009" in m for m in msgs)


@pytest.mark.parametrize(
    ("content", "code"),
    [(b"", "E005"), (b"\x00\x01\x02binary", "E004"), (b"\xff\xfe\xfa bad utf8", "E004"), (b"   \n", "E005")],
)
def test_bad_files_are_reported_not_raised(tmp_path: Path, content: bytes, code: str) -> None:
    f = tmp_path / "bad.txt"
    f.write_bytes(content)
    arts, msgs = _read([str(f)])
    assert arts == []
    assert len(msgs) == 1 and code in msgs[0] and str(f) in msgs[0]


def test_missing_path_and_empty_directory(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    arts, msgs = _read([str(tmp_path / "nope.txt"), str(tmp_path / "empty")])
    assert arts == []
    assert "E002" in msgs[0] and "E003" in msgs[1]


def test_directory_is_read_recursively_in_sorted_order(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.txt").write_text("Z head\nZ body.", encoding="utf-8")
    (tmp_path / "a.txt").write_text("A head\nA body.", encoding="utf-8")
    arts, _ = _read([str(tmp_path)])
    assert [a.title for a in arts] == ["A head", "Z head"]
