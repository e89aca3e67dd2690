"""PLOVER gold-standard records (plover_gsr/plover_gsr_dev.json): detection, category, countries, sectors.

Each gold record is one sentence with one coded event (PLOVER 0.5); the DOCUMENT record has no text and is
skipped. The metric definitions are in :data:`METRICS` (also printed in docs/accuracy.md).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pycountry
from rich.console import Console

from .common import (
    NONE,
    CoderProtocol,
    Table,
    code_all,
    confusion,
    confusion_table,
    kv_table,
    macro_f1,
    num,
    pct,
    prf,
    prf_by_label,
    prf_table,
    ratio,
)

DEFAULT_PATH = "plover_gsr/plover_gsr_dev.json"

CATEGORY_MAP_05_TO_08 = {
    "DEMAND": "REQUEST",
    "DISAPPROVE": "ACCUSE",
    "INVESTIGATE": "ACCUSE",
    "FIGHT": "ASSAULT",
}
"""The one place where gold PLOVER 0.5 categories become PLOVER 0.8 ones (others are unchanged)."""

GOLD_CODE_FIXES = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}
"""Non-ISO country codes in the gold file, read as the ISO 3166-1 alpha-3 codes they stand for."""
GOLD_SECTOR_FIXES = {"CIV": "CVL"}
NO_COUNTRY = "-"
"""Country key of an actor without a country: gold IGO/NGO/ISM..., our actors whose country is null."""
NO_PLOVER = "NO_PLOVER"
"""Predicted label of a produced event that carries no PLOVER category."""

METRICS = """\
- Gold categories are PLOVER 0.5 mapped to 0.8 (DEMAND→REQUEST, DISAPPROVE→ACCUSE, INVESTIGATE→ACCUSE,
  FIGHT→ASSAULT). Gold country codes that are not ISO alpha-3 are fixed (JAP→JPN, ITL→ITA, VTN→VNM); any other
  non-country code (IGO, NGO, ISM) is a *country-less* actor.
- **Side match.** A gold side (source or target) is a set of actors. One of our actors matches it when its
  country is the country of one of them; a country-less gold actor matches one of our actors whose country is
  null. A side the gold leaves uncoded (no target, empty target) matches anything, ours included none. When
  the markup tags the actors `SRC/TAR` and no target is coded (joint actors: "X and Y agreed"), the target
  set is the source set.
- **Detection recall**: share of gold records for which at least one of our events matches both sides.
- **Matched event**: per gold record, our event with the right category first, then the most matching
  sides, then the highest confidence. Every other event we produce on that text is an extra event.
- **Category P/R/F1**, per category c: TP = gold records of c whose matched event has category c (countries
  not required); FN = gold records of c without one; FP = our events of category c minus TP (extra events and
  mismatches both count). Micro P/R/F1 sums TP, FP, FN over categories, so micro P = TP / our events with a
  category and micro R = TP / gold records. Macro F1 = mean F1 over the categories present in the gold.
  **Strict micro**: the same with TP also requiring the matched event to match both sides.
- **Country accuracy** (source, target): over gold records with that side coded and a matched event, share
  whose matched event's actor on that side matches it.
- **Sector accuracy**: over sides of matched events whose actor matches the gold side and where the gold has a
  sector (not `***`), share where our sector equals one of the gold sectors (first three letters).
- **Extra events per sentence**: (our events − records with at least one event) / records.
- **Confusion**: gold category × category of the matched event (NONE: we produced no event).
"""
__doc__ = f"{__doc__}\nMetric definitions:\n\n{METRICS}"


@dataclass(frozen=True)
class GoldEvent:
    """One gold record: its text, its 0.8 category, and per side the country keys (None: not coded)."""

    id: str
    text: str
    category: str
    source: frozenset[str] | None
    target: frozenset[str] | None
    source_sectors: frozenset[str] = frozenset()
    target_sectors: frozenset[str] = frozenset()


def map_category(label: str) -> str:
    """A PLOVER 0.5 category in its PLOVER 0.8 name."""
    label = label.strip().upper()
    return CATEGORY_MAP_05_TO_08.get(label, label)


def gold_country_key(code: str) -> str:
    """A gold actor code's country key: ISO alpha-3, or NO_COUNTRY for IGO, NGO and other non-countries."""
    code = GOLD_CODE_FIXES.get(code.strip().upper(), code.strip().upper())
    try:
        known = pycountry.countries.get(alpha_3=code) is not None
    except (KeyError, LookupError):
        known = False
    return code if known else NO_COUNTRY


def _side(actors: object) -> tuple[frozenset[str] | None, frozenset[str]]:
    if not isinstance(actors, list) or not actors:
        return None, frozenset()
    keys = frozenset(gold_country_key(a.get("code") or "") for a in actors)
    sectors = set()
    for a in actors:
        s = (a.get("sector") or "").strip().upper()[:3]
        if s and s != "***":
            sectors.add(GOLD_SECTOR_FIXES.get(s, s))
    return keys, frozenset(sectors)


def parse_record(rec: dict) -> GoldEvent | None:
    """A GoldEvent from one raw gold record, or None for records without text (DOCUMENT)."""
    if not rec.get("text") or rec.get("event") == "DOCUMENT":
        return None
    source, source_sectors = _side(rec.get("source"))
    target, target_sectors = _side(rec.get("target"))
    markup = (rec.get("textInfo") or {}).get("markup") or ""
    if target is None and source is not None and "SRC/TAR" in markup:
        target, target_sectors = source, source_sectors
    return GoldEvent(
        rec["id"], rec["text"], map_category(rec["event"]), source, target, source_sectors, target_sectors
    )


def load(path: Path) -> list[GoldEvent]:
    """Read the gold file (a JSON list of records)."""
    path = path / Path(DEFAULT_PATH).name if path.is_dir() else path
    raw = json.loads(path.read_text(encoding="utf-8"))
    return [g for g in (parse_record(r) for r in raw) if g is not None]


def actor_key(actor: dict | None) -> str | None:
    """Country key of one of our actors: its country, NO_COUNTRY when null; None when there is no actor."""
    if not actor:
        return None
    country = actor.get("country")
    return country.strip().upper() if country else NO_COUNTRY


def side_matches(actor: dict | None, gold_side: frozenset[str] | None) -> bool:
    """Does our actor match a gold side (an uncoded gold side matches anything)?"""
    return gold_side is None or actor_key(actor) in gold_side


def category_of(event: dict) -> str:
    """Our event's PLOVER category (upper case), NO_PLOVER when it has none."""
    cat = (event.get("plover") or {}).get("category")
    return cat.strip().upper() if cat else NO_PLOVER


def sides_matched(event: dict, gold: GoldEvent) -> int:
    """How many of the two sides our event matches."""
    return side_matches(event.get("source"), gold.source) + side_matches(event.get("target"), gold.target)


def best_match(gold: GoldEvent, events: Sequence[dict]) -> dict | None:
    """Our event for a gold record: right category first, then more matching sides, then confidence."""
    best, best_key = None, None
    for ev in events:
        key = (category_of(ev) == gold.category, sides_matched(ev, gold), ev.get("confidence") or 0.0)
        if best_key is None or key > best_key:
            best, best_key = ev, key
    return best


def _sector_hits(event: dict, gold: GoldEvent) -> tuple[int, int]:
    n = ok = 0
    for side, gold_side, gold_sectors in (
        ("source", gold.source, gold.source_sectors),
        ("target", gold.target, gold.target_sectors),
    ):
        actor = event.get(side)
        if gold_side is None or not gold_sectors or not side_matches(actor, gold_side):
            continue
        n += 1
        ok += ((actor or {}).get("sector") or "").upper()[:3] in gold_sectors
    return n, ok


def score(golds: Sequence[GoldEvent], produced: Sequence[Sequence[dict]]) -> dict:
    """All PLOVER metrics for gold records and our events per record (same order)."""
    tp, fp, fn = Counter(), Counter(), Counter()
    c = Counter()
    pairs, examples = [], {}
    for gold, events in zip(golds, produced, strict=True):
        c["events"] += len(events)
        c["with_event"] += bool(events)
        for ev in events:
            fp[category_of(ev)] += 1
        c["detected"] += any(sides_matched(ev, gold) == 2 for ev in events)
        match = best_match(gold, events)
        pred = category_of(match) if match else NONE
        pairs.append((gold.category, pred))
        if pred != gold.category:
            fn[gold.category] += 1
            examples.setdefault(f"{gold.category} -> {pred}", {"id": gold.id, "text": gold.text})
        else:
            tp[pred] += 1
            fp[pred] -= 1
            c["strict_tp"] += sides_matched(match, gold) == 2
        if match is None:
            continue
        for side, gold_side in (("source", gold.source), ("target", gold.target)):
            if gold_side is not None:
                c[f"{side}_n"] += 1
                c[f"{side}_ok"] += side_matches(match.get(side), gold_side)
        n, ok = _sector_hits(match, gold)
        c["sector_n"] += n
        c["sector_ok"] += ok
    fp.pop(NO_PLOVER, None)
    per_category = prf_by_label(tp, fp, fn, sorted({g.category for g in golds}))
    n_pred = sum(fp.values()) + sum(tp.values())
    n = len(golds)
    return {
        "records": n,
        "detection_recall": ratio(c["detected"], n),
        "micro": prf(sum(tp.values()), sum(fp.values()), sum(fn.values())),
        "strict_micro": prf(c["strict_tp"], n_pred - c["strict_tp"], n - c["strict_tp"]),
        "macro_f1": macro_f1(per_category),
        "per_category": per_category,
        "predicted_only": sorted(set(fp) - set(per_category)),
        "source_country_accuracy": ratio(c["source_ok"], c["source_n"]),
        "target_country_accuracy": ratio(c["target_ok"], c["target_n"]),
        "sector_accuracy": ratio(c["sector_ok"], c["sector_n"]),
        "events_per_sentence": ratio(c["events"], n),
        "extra_events_per_sentence": ratio(c["events"] - c["with_event"], n),
        "coverage": ratio(c["with_event"], n),
        "confusion": confusion(pairs),
        "examples": examples,
    }


def evaluate(path: Path, coder: CoderProtocol, console: Console | None = None) -> dict:
    """Load the gold, code every text in one batched run, score."""
    golds = load(path)
    run = code_all(coder, [g.text for g in golds], console=console, label="plover")
    for err in run.errors:
        err["id"] = golds[err["index"]].id
    return {"set": "plover", "path": str(path), "seconds": run.seconds, "errors": run.errors} | score(
        golds, run.events
    )


def tables(result: dict) -> list[Table]:
    """The summary, per-category and confusion tables of a result."""
    micro, strict = result["micro"], result["strict_micro"]
    summary = kv_table(
        f"PLOVER gold records: {result['records']} (coder crashes: {len(result['errors'])})",
        [
            ("detection recall (both sides' countries)", pct(result["detection_recall"])),
            ("coverage (records with any event)", pct(result["coverage"])),
            ("category micro P / R / F1", " / ".join(pct(micro[k]) for k in ("precision", "recall", "f1"))),
            ("category macro F1", pct(result["macro_f1"])),
            ("strict micro P / R / F1", " / ".join(pct(strict[k]) for k in ("precision", "recall", "f1"))),
            ("source country accuracy", pct(result["source_country_accuracy"])),
            ("target country accuracy", pct(result["target_country_accuracy"])),
            ("sector accuracy", pct(result["sector_accuracy"])),
            ("events per sentence", num(result["events_per_sentence"])),
            ("extra events per sentence", num(result["extra_events_per_sentence"])),
        ],
    )
    gold_labels = list(result["per_category"])
    return [
        summary,
        prf_table("PLOVER categories (gold mapped to 0.8)", result["per_category"], "category"),
        confusion_table("PLOVER confusion: gold × our matched event", result["confusion"], gold_labels),
    ]
