"""Event locations (event_location/event_location_dev.jsonl.gz): is our event's place the gold place?

Each JSON line is one sentence with one VERB span (the event) and zero or more LOCATION spans (where that
event happened). The metric definitions are in :data:`METRICS`.
"""

from __future__ import annotations

import gzip
import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from rich.console import Console

from .common import CoderProtocol, Table, code_all, kv_table, pct, ratio, top_event

DEFAULT_PATH = "event_location/event_location_dev.jsonl.gz"

Span = tuple[int, int]

METRICS = """\
- A record is **skipped** (and counted) when any of its spans has offsets that do not fit its text:
  outside the text, empty, different from the span's own `text`, or not on the borders of its `token_start`
  / `token_end` tokens; or when it has no VERB span.
- **Our event**: among our events whose trigger overlaps a gold VERB span, the highest-confidence one. **Our
  place**: that event's place (none when no event overlaps the verb or the event has no place).
- A place is **right** when its span overlaps a gold LOCATION span (any one of them when several).
- Outcomes per record: *right place*; *wrong place* (gold has a place, ours does not overlap); *missed place*
  (gold has one, we give none); *false place* (gold has none, we give one); *right none* (neither has one).
- **Accuracy (all)** = (right place + right none) / records. **Accuracy, gold located** = right place /
  records with a gold place. **Accuracy, gold unlocated** = right none / records without one.
  **Missed-place rate** = missed / records with a gold place. **False-place rate** = false / records without.
  **Place precision** = right place / records where we give a place.
- **Event found**: share of records where one of our events overlaps the verb.
- **Geocoding coverage**: share of all our places (every event of every record) with a latitude and longitude.
"""
__doc__ = f"{__doc__}\nMetric definitions:\n\n{METRICS}"

OUTCOMES = ("right_place", "wrong_place", "missed_place", "false_place", "right_none")


@dataclass(frozen=True)
class Record:
    """One sentence with its gold VERB spans and LOCATION spans (character offsets)."""

    id: str
    text: str
    verbs: tuple[Span, ...]
    locations: tuple[Span, ...]


def span_ok(span: dict, text: str, tokens: Sequence[dict]) -> bool:
    """Do a span's offsets fit the text (and its own text and token borders where it carries them)?"""
    s, e = span.get("start"), span.get("end")
    if not isinstance(s, int) or not isinstance(e, int) or not 0 <= s < e <= len(text):
        return False
    if isinstance(span.get("text"), str) and text[s:e] != span["text"]:
        return False
    ts, te = span.get("token_start"), span.get("token_end")
    if ts is None or te is None or not tokens:
        return True
    if not 0 <= ts <= te < len(tokens):
        return False
    return tokens[ts].get("start") == s and tokens[te].get("end") == e


def parse_line(raw: dict) -> Record | str:
    """A Record, or the reason it is skipped: 'offsets' or 'no_verb'."""
    text, tokens, spans = raw.get("text") or "", raw.get("tokens") or [], raw.get("spans") or []
    if not all(span_ok(s, text, tokens) for s in spans):
        return "offsets"
    verbs = tuple((s["start"], s["end"]) for s in spans if s.get("label") == "VERB")
    if not verbs:
        return "no_verb"
    locs = tuple((s["start"], s["end"]) for s in spans if s.get("label") == "LOCATION")
    return Record(str(raw.get("_id", "")), text, verbs, locs)


def load(path: Path) -> tuple[list[Record], Counter]:
    """Valid records, and counts of skipped ones by reason."""
    path = path / Path(DEFAULT_PATH).name if path.is_dir() else path
    opener = gzip.open if path.suffix == ".gz" else open
    records, skipped = [], Counter()
    with opener(path, "rt", encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            parsed = parse_line(json.loads(line))
            if isinstance(parsed, str):
                skipped[parsed] += 1
            else:
                records.append(parsed)
    return records, skipped


def overlaps(a: Span, b: Span) -> bool:
    """Do two half-open character spans share at least one character?"""
    return a[0] < b[1] and b[0] < a[1]


def _span(d: dict | None) -> Span | None:
    if not d or not isinstance(d.get("start"), int) or not isinstance(d.get("end"), int):
        return None
    return d["start"], d["end"]


def our_event(record: Record, events: Sequence[dict]) -> dict | None:
    """Our highest-confidence event whose trigger overlaps a gold VERB span."""
    hits = []
    for ev in events:
        trig = _span(ev.get("trigger"))
        if trig and any(overlaps(trig, v) for v in record.verbs):
            hits.append(ev)
    return top_event(hits)


def outcome(record: Record, place: dict | None) -> str:
    """One of OUTCOMES for our place (or None) against the gold locations."""
    if not record.locations:
        return "false_place" if place else "right_none"
    if not place:
        return "missed_place"
    span = _span(place)
    if span is not None:
        hit = any(overlaps(span, loc) for loc in record.locations)
    else:  # a place without offsets: compare its name with the gold spans' words
        name = (place.get("name") or "").strip().lower()
        hit = any(record.text[s:e].strip().lower() == name for s, e in record.locations)
    return "right_place" if hit else "wrong_place"


def score(records: Sequence[Record], produced: Sequence[Sequence[dict]]) -> dict:
    """Place outcomes, rates and geocoding coverage."""
    c: Counter = Counter()
    examples: dict[str, dict] = {}
    for rec, events in zip(records, produced, strict=True):
        for ev in events:
            if ev.get("place"):
                c["places"] += 1
                c["geocoded"] += ev["place"].get("lat") is not None and ev["place"].get("lon") is not None
        ev = our_event(rec, events)
        c["event_found"] += ev is not None
        place = (ev or {}).get("place")
        out = outcome(rec, place)
        c[out] += 1
        if out != "right_place" and out != "right_none" and out not in examples:
            examples[out] = {"id": rec.id, "text": rec.text, "ours": (place or {}).get("name")}
    n = len(records)
    located = c["right_place"] + c["wrong_place"] + c["missed_place"]
    unlocated = c["false_place"] + c["right_none"]
    return {
        "records": n,
        "gold_located": located,
        "outcomes": {k: c[k] for k in OUTCOMES},
        "event_found": ratio(c["event_found"], n),
        "accuracy": ratio(c["right_place"] + c["right_none"], n),
        "accuracy_located": ratio(c["right_place"], located),
        "accuracy_unlocated": ratio(c["right_none"], unlocated),
        "missed_place_rate": ratio(c["missed_place"], located),
        "false_place_rate": ratio(c["false_place"], unlocated),
        "place_precision": ratio(c["right_place"], c["right_place"] + c["wrong_place"] + c["false_place"]),
        "geocoding_coverage": ratio(c["geocoded"], c["places"]),
        "examples": examples,
    }


def evaluate(path: Path, coder: CoderProtocol, console: Console | None = None) -> dict:
    """Load the JSON lines, code every sentence in one batched run, score."""
    records, skipped = load(path)
    run = code_all(coder, [r.text for r in records], console=console, label="location")
    for err in run.errors:
        err["id"] = records[err["index"]].id
    head = {"set": "location", "path": str(path), "seconds": run.seconds, "errors": run.errors}
    return head | {"skipped": dict(skipped)} | score(records, run.events)


def tables(result: dict) -> list[Table]:
    """Summary and outcome tables of a result."""
    sk = result["skipped"]
    summary = kv_table(
        f"Event locations: {result['records']} records, {result['gold_located']} with a gold place "
        f"(skipped: {sk.get('offsets', 0)} bad offsets, {sk.get('no_verb', 0)} without verb; "
        f"coder crashes: {len(result['errors'])})",
        [
            ("event found (trigger overlaps the gold verb)", pct(result["event_found"])),
            ("accuracy (all records)", pct(result["accuracy"])),
            ("accuracy, gold located", pct(result["accuracy_located"])),
            ("accuracy, gold unlocated (right none)", pct(result["accuracy_unlocated"])),
            ("missed-place rate (gold has one, we none)", pct(result["missed_place_rate"])),
            ("false-place rate (we give one, gold none)", pct(result["false_place_rate"])),
            ("place precision", pct(result["place_precision"])),
            ("geocoding coverage (our places with lat/lon)", pct(result["geocoding_coverage"])),
        ],
    )
    rows = [[k.replace("_", " "), str(v)] for k, v in result["outcomes"].items()]
    return [summary, Table("Event location outcomes", ["outcome", "records"], rows)]
