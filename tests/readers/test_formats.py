"""Readers for HTML, feeds, CSV, gzip, the column mapping, the language check and over-long articles."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from eventcoder.readers import MAX_CHARS, html_to_text, is_english, kind_of, parse_columns, read_paths

BODY1 = (
    "Russian Foreign Minister Sergey Lavrov met his Ukrainian counterpart in Geneva on Monday, "
    "officials said. The talks lasted three hours and covered the situation on the border."
)
BODY2 = (
    "The United States urged both sides to continue the dialogue and praised the meeting as a first step "
    "toward lowering tensions in the region."
)
FRENCH = (
    "Le ministre russe des Affaires étrangères a rencontré son homologue ukrainien à Genève lundi, "
    "ont déclaré des responsables. Les discussions ont duré trois heures et ont porté sur la situation "
    "à la frontière."
)

HTML = f"""<!DOCTYPE html>
<html><head><title>Russia and Ukraine hold talks - Example News</title>
<meta property="og:title" content="Russia and Ukraine hold talks">
<meta property="og:site_name" content="Example News">
<meta property="article:published_time" content="2022-01-18T10:00:00Z">
<link rel="canonical" href="https://example.org/news/talks"></head>
<body><nav><a href="/">Home</a> | <a href="/world">World</a> | <a href="/sport">Sport</a></nav>
<article><h1>Russia and Ukraine hold talks</h1><p>{BODY1}</p><p>{BODY2}</p></article>
<footer>Copyright 2022 Example News. All rights reserved.</footer></body></html>
"""

RSS = f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Example World</title><link>https://example.org</link>
<description>World news</description>
<item><title>Talks held</title><link>https://example.org/a</link>
<pubDate>Tue, 18 Jan 2022 10:00:00 GMT</pubDate>
<description>&lt;p&gt;{BODY1}&lt;/p&gt;&lt;p&gt;{BODY2}&lt;/p&gt;</description>
</item>
<item><title>Second story</title><link>https://example.org/b</link>
<pubDate>Wed, 19 Jan 2022 08:30:00 GMT</pubDate><description>{BODY2}</description></item>
<item><title>No text at all</title><link>https://example.org/c</link></item>
</channel></rss>
"""

ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Example Atom</title><id>urn:example</id>
<updated>2022-01-20T00:00:00Z</updated>
<entry><title>Atom story</title><link href="https://example.org/atom/1"/><id>urn:1</id>
<published>2022-01-20T09:00:00Z</published><updated>2022-01-20T09:00:00Z</updated>
<summary>Short summary.</summary><content type="html">&lt;p&gt;{BODY1}&lt;/p&gt;</content></entry>
</feed>
"""


def _read(paths: list[Path | str], **kw) -> tuple[list, list[str]]:
    msgs: list[str] = []
    arts = list(read_paths([str(p) for p in paths], kw.pop("published", None), msgs.append, **kw))
    return arts, msgs


@pytest.mark.parametrize("suffix", [".html", ".htm", ".html.gz"])
def test_html_main_text_title_date_and_url(tmp_path: Path, suffix: str) -> None:
    f = tmp_path / f"story{suffix}"
    data = HTML.encode("utf-8")
    f.write_bytes(gzip.compress(data) if suffix.endswith(".gz") else data)
    (art,), msgs = _read([f])
    assert msgs == []
    assert art.title == "Russia and Ukraine hold talks"
    assert art.published == "2022-01-18"
    assert art.url == "https://example.org/news/talks" and art.id.startswith("u-")
    assert (
        art.text.startswith("Russian Foreign Minister Sergey Lavrov")
        and "toward lowering tensions" in art.text
    )
    assert "Home" not in art.text and "Copyright" not in art.text


def test_html_without_main_text_is_reported(tmp_path: Path) -> None:
    f = tmp_path / "blank.html"
    f.write_text(
        "<html><head><title>x</title></head><body><script>var x = 1;</script></body></html>", encoding="utf-8"
    )
    arts, msgs = _read([f])
    assert arts == [] and len(msgs) == 1 and "E023" in msgs[0] and str(f) in msgs[0]


@pytest.mark.parametrize("suffix", [".rss", ".xml", ".rss.gz"])
def test_rss_entries_become_articles_with_link_and_date(tmp_path: Path, suffix: str) -> None:
    f = tmp_path / f"feed{suffix}"
    data = RSS.encode("utf-8")
    f.write_bytes(gzip.compress(data) if suffix.endswith(".gz") else data)
    arts, msgs = _read([f])
    assert [a.url for a in arts] == ["https://example.org/a", "https://example.org/b"]
    assert [a.published for a in arts] == ["2022-01-18", "2022-01-19"]
    assert [a.title for a in arts] == ["Talks held", "Second story"]
    assert arts[0].text == f"{BODY1}\n{BODY2}"  # HTML of the entry turned into lines
    assert arts[0].source == "Example World"
    assert len(msgs) == 1 and "E022" in msgs[0] and f"{f}:entry 3" in msgs[0]


def test_atom_entry_prefers_the_full_content(tmp_path: Path) -> None:
    f = tmp_path / "feed.atom"
    f.write_text(ATOM, encoding="utf-8")
    (art,), msgs = _read([f])
    assert msgs == []
    assert art.text == BODY1 and art.url == "https://example.org/atom/1" and art.published == "2022-01-20"


def test_xml_that_is_no_feed_is_reported(tmp_path: Path) -> None:
    f = tmp_path / "data.xml"
    f.write_text("<?xml version='1.0'?><config><a>1</a></config>", encoding="utf-8")
    arts, msgs = _read([f])
    assert arts == [] and "E021" in msgs[0] and str(f) in msgs[0]


def test_csv_default_columns_and_bad_rows_by_line(tmp_path: Path) -> None:
    f = tmp_path / "dump.csv"
    f.write_text(
        "id,title,text,published,url\n"
        f'c1,First,"{BODY1}",2022-01-18,https://example.org/c1\n'
        "c2,Empty,,2022-01-18,\n"
        f'c3,Multi,"line one\nline two of {BODY2}",2022-02-30,\n',
        encoding="utf-8",
    )
    arts, msgs = _read([f])
    assert [a.id for a in arts] == ["c1", "c3"]
    assert arts[0].published == "2022-01-18" and arts[0].url == "https://example.org/c1"
    assert arts[1].text.startswith("line one\nline two") and arts[1].published is None
    assert any("E007" in m and f"{f}:3" in m for m in msgs)
    assert any("E009" in m and f"{f}:4" in m for m in msgs)  # the record starts on line 4


def test_column_mapping_for_csv_and_jsonl(tmp_path: Path) -> None:
    c = tmp_path / "a.csv"
    c.write_text(f'headline,body,day,link\nHello,"{BODY1}",2022-03-01,https://x.org/1\n', encoding="utf-8")
    j = tmp_path / "b.jsonl"
    j.write_text(json.dumps({"body": BODY2, "day": "2022-03-02", "headline": "Hi"}) + "\n", encoding="utf-8")
    cols = parse_columns("text=body,published=day,title=headline,url=link")
    arts, msgs = _read([c, j], columns=cols)
    assert msgs == []
    assert [(a.title, a.published) for a in arts] == [("Hello", "2022-03-01"), ("Hi", "2022-03-02")]
    assert arts[0].url == "https://x.org/1"


def test_csv_without_the_text_column_is_reported(tmp_path: Path) -> None:
    f = tmp_path / "a.csv"
    f.write_text("headline,body\nx,y\n", encoding="utf-8")
    arts, msgs = _read([f])
    assert arts == [] and "E024" in msgs[0] and "'text'" in msgs[0]


@pytest.mark.parametrize("spec", ["text", "words=body", "text="])
def test_bad_column_mapping(spec: str) -> None:
    with pytest.raises(ValueError):
        parse_columns(spec)


@pytest.mark.parametrize(
    ("name", "kind"),
    [("a.txt", "txt"), ("a.JSONL.gz", "jsonl"), ("a.htm", "html"), ("a.atom", "feed"), ("a.csv.gz", "csv"),
     ("a.gz", None), ("a.pdf", None), ("notes.txt.bak", None)],
)  # fmt: skip
def test_kind_of(name: str, kind: str | None) -> None:
    assert kind_of(Path(name)) == kind


def test_gzip_jsonl_and_corrupt_gzip(tmp_path: Path) -> None:
    good = tmp_path / "a.jsonl.gz"
    good.write_bytes(gzip.compress((json.dumps({"id": "g1", "text": BODY1}) + "\n").encode()))
    bad = tmp_path / "b.txt.gz"
    bad.write_bytes(b"\x1f\x8b\x08\x00garbage")
    arts, msgs = _read([good, bad])
    assert [a.id for a in arts] == ["g1"]
    assert len(msgs) == 1 and "E020" in msgs[0] and str(bad) in msgs[0]


def test_directory_mixes_every_kind_in_sorted_order(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "story.html").write_text(HTML, encoding="utf-8")
    (tmp_path / "a.txt").write_text(f"Headline\n{BODY2}", encoding="utf-8")
    (tmp_path / "c.csv").write_text(f'text\n"{BODY1}"\n', encoding="utf-8")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")  # not an input kind: ignored inside folders
    arts, msgs = _read([tmp_path])
    assert msgs == []
    assert [Path(a.origin.split(":")[0]).name for a in arts] == ["a.txt", "story.html", "c.csv"]


@pytest.mark.parametrize(
    ("text", "english"),
    [
        (BODY1, True),
        (FRENCH, False),
        ("Der russische Außenminister hat am Montag in Genf seinen ukrainischen Amtskollegen getroffen, "
         "sagten Beamte. Die Gespräche dauerten drei Stunden.", False),
        ("El ministro ruso se reunió el lunes en Ginebra con su homólogo ucraniano, dijeron funcionarios. "
         "Las conversaciones duraron tres horas.", False),
        ("Министр иностранных дел России встретился в понедельник в Женеве со своим коллегой.", False),
        ("俄罗斯外交部长周一在日内瓦会见了乌克兰外长，官员们表示。会谈持续了三个小时。", False),
        ("Fine.", True),  # too short to judge
        ("Putin meets Macron", True),
    ],
)  # fmt: skip
def test_language_check(text: str, english: bool) -> None:
    assert is_english(text) is english


def test_non_english_articles_are_reported_when_checked(tmp_path: Path) -> None:
    f = tmp_path / "a.jsonl"
    f.write_text(json.dumps({"text": BODY1}) + "\n" + json.dumps({"text": FRENCH}) + "\n", encoding="utf-8")
    arts, msgs = _read([f], check_language=True)
    assert [a.text for a in arts] == [BODY1]
    assert len(msgs) == 1 and "E027" in msgs[0] and f"{f}:2" in msgs[0]
    arts, msgs = _read([f])  # the `code` command's default: no check
    assert len(arts) == 2 and msgs == []


def test_over_long_article_is_reported_not_parsed(tmp_path: Path) -> None:
    f = tmp_path / "huge.txt"
    f.write_text("Huge\n" + "Russia met Ukraine. " * (MAX_CHARS // 20 + 10), encoding="utf-8")
    arts, msgs = _read([f])
    assert arts == [] and len(msgs) == 1 and "E026" in msgs[0] and str(f) in msgs[0]


def test_html_to_text_lines_and_entities() -> None:
    assert (
        html_to_text("<p>One &amp; two</p><script>x()</script><p>Three<br>four</p>")
        == "One & two\nThree\nfour"
    )
