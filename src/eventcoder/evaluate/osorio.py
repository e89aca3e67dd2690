"""Osorio CAMEO sentences (osorio_cameo/round*_summary.csv): agreement with the coders' majority root.

Each row is one news sentence coded by several trained coders (tagtog export). The metric definitions are
in :data:`METRICS`.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rich.console import Console

from .common import (
    NONE,
    CoderProtocol,
    Table,
    code_all,
    confusion,
    confusion_table,
    kv_table,
    pct,
    ratio,
    root_of,
    top_event,
)

DEFAULT_PATH = "osorio_cameo"
GLOB = "round*_summary.csv"
_ACTION_COL = re.compile(r"^Action(\d+)_CAMEO_(\d+)$")
_CODE = re.compile(r"^\s*\d+\s*-\s*(\d{1,2})\b")

METRICS = """\
- A coder takes part in a sentence when its `anncomplete_k` is True. A coder's **label** is the CAMEO root of
  its first coded action (`Action1_CAMEO_k`, e.g. `3-11 Disapprove` → 11; the lowest-numbered action when
  Action1 is empty), or NONE when it coded no action.
- **Majority**: the label given by strictly more coders than any other; a tie gives no majority and the
  sentence is left out of that comparison (counted as ties).
- **Our label**: the root of our highest-confidence event, NONE when we produce none.
- **Agreement with the majority**: share of sentences with a majority of all coders where our label equals
  it. *(events)*: only sentences whose majority is an event root (not NONE).
- **Human ceiling**: for each coder, the share of the sentences it coded (whose other coders have a majority)
  where its label equals the majority of the *other* coders (leave-one-out); averaged over coders
  (coders are per file). **Ours, same protocol**: our label against the same leave-one-out majorities, over
  the same sentences, averaged the same way: the number to compare with the ceiling.
"""
__doc__ = f"{__doc__}\nMetric definitions:\n\n{METRICS}"


@dataclass(frozen=True)
class Item:
    """One sentence and, per coder, the CAMEO roots of its actions in order (empty: no action)."""

    id: str
    text: str
    file: str
    coders: dict[str, tuple[str, ...]] = field(default_factory=dict)


def parse_code(value: str | None) -> str | None:
    """'3-11 Disapprove' -> '11' (two digits); None for empty or unreadable values."""
    m = _CODE.match(value or "")
    if not m or not 1 <= int(m.group(1)) <= 20:
        return None
    return f"{int(m.group(1)):02d}"


def parse_row(row: dict, file: str) -> Item:
    """An Item from one CSV row."""
    actions: dict[str, list[tuple[int, str]]] = {}
    for col, value in row.items():
        m = _ACTION_COL.match(col or "")
        code = parse_code(value) if m else None
        if m and code:
            actions.setdefault(m.group(2), []).append((int(m.group(1)), code))
    coders = {}
    for col, value in row.items():
        if (col or "").startswith("anncomplete_") and (value or "").strip().lower() == "true":
            k = col.removeprefix("anncomplete_")
            coders[f"{file}:{k}"] = tuple(code for _, code in sorted(actions.get(k, [])))
    return Item(row.get("ids") or "", (row.get("sentences") or "").strip(), file, coders)


def load(path: Path) -> list[Item]:
    """Every sentence of the summary CSV(s) a path names (a file, or a folder of round*_summary.csv)."""
    files = sorted(path.glob(GLOB)) if path.is_dir() else [path]
    items = []
    for file in files:
        with file.open(encoding="utf-8", newline="") as f:
            items += [parse_row(row, file.name) for row in csv.DictReader(f)]
    return [it for it in items if it.text]


def label_of(actions: Sequence[str]) -> str:
    """A coder's label: its first action's root, NONE when it coded none."""
    return actions[0] if actions else NONE


def majority(labels: Sequence[str]) -> str | None:
    """The label strictly more frequent than every other; None on a tie or with no labels."""
    ranked = Counter(labels).most_common()
    if not ranked or (len(ranked) > 1 and ranked[0][1] == ranked[1][1]):
        return None
    return ranked[0][0]


def _rate(pairs: Sequence[tuple[str, str]], events_only: bool) -> tuple[float | None, int]:
    kept = [(a, m) for a, m in pairs if not events_only or m != NONE]
    return ratio(sum(a == m for a, m in kept), len(kept)), len(kept)


def _mean(values: Sequence[float | None]) -> float | None:
    vals = [v for v in values if v is not None]
    return sum(vals) / len(vals) if vals else None


def score(items: Sequence[Item], produced: Sequence[Sequence[dict]]) -> dict:
    """Our agreement with the coders' majority, and the leave-one-out human ceiling."""
    ours = [root_of(top_event(events)) or NONE for events in produced]
    labels = [{c: label_of(a) for c, a in it.coders.items()} for it in items]
    majorities = [majority(list(lab.values())) for lab in labels]
    vs_all = [(o, m) for o, m in zip(ours, majorities, strict=True) if m is not None]
    per_coder: dict[str, dict] = {}
    for coder in sorted({c for lab in labels for c in lab}):
        human, us = [], []
        for lab, o in zip(labels, ours, strict=True):
            if coder not in lab:
                continue
            m = majority([v for c, v in lab.items() if c != coder])
            if m is not None:
                human.append((lab[coder], m))
                us.append((o, m))
        per_coder[coder] = {
            "n": len(human),
            "agreement": _rate(human, False)[0],
            "agreement_events": _rate(human, True)[0],
            "ours": _rate(us, False)[0],
            "ours_events": _rate(us, True)[0],
        }
    pc = per_coder.values()
    return {
        "sentences": len(items),
        "coders": len(per_coder),
        "sentences_with_majority": len(vs_all),
        "ties": sum(m is None for m in majorities),
        "agreement": _rate(vs_all, False)[0],
        "agreement_events": _rate(vs_all, True)[0],
        "sentences_with_event_majority": _rate(vs_all, True)[1],
        "human_ceiling": _mean([v["agreement"] for v in pc]),
        "human_ceiling_events": _mean([v["agreement_events"] for v in pc]),
        "ours_same_protocol": _mean([v["ours"] for v in pc]),
        "ours_same_protocol_events": _mean([v["ours_events"] for v in pc]),
        "per_coder": per_coder,
        "coverage": ratio(sum(o != NONE for o in ours), len(ours)),
        "confusion": confusion((m, o) for o, m in vs_all),
    }


def evaluate(path: Path, coder: CoderProtocol, console: Console | None = None) -> dict:
    """Load the summary CSV(s), code every sentence in one batched run, score."""
    items = load(path)
    run = code_all(coder, [it.text for it in items], console=console, label="osorio")
    for err in run.errors:
        err["id"] = items[err["index"]].id
    head = {"set": "osorio", "path": str(path), "seconds": run.seconds, "errors": run.errors}
    return head | score(items, run.events)


def tables(result: dict) -> list[Table]:
    """Summary and majority-confusion tables of a result."""
    summary = kv_table(
        f"Osorio CAMEO: {result['sentences']} sentences, {result['coders']} coder columns "
        f"({result['sentences_with_majority']} with a majority, {result['ties']} ties; "
        f"coder crashes: {len(result['errors'])})",
        [
            ("coverage (sentences with any event)", pct(result["coverage"])),
            ("ours vs majority of all coders", pct(result["agreement"])),
            (
                f"... where the majority is an event ({result['sentences_with_event_majority']})",
                pct(result["agreement_events"]),
            ),
            ("human ceiling (coder vs majority of the others)", pct(result["human_ceiling"])),
            ("ours, same protocol as the ceiling", pct(result["ours_same_protocol"])),
            ("human ceiling, event majorities only", pct(result["human_ceiling_events"])),
            ("ours, same protocol, event majorities only", pct(result["ours_same_protocol_events"])),
        ],
    )
    gold = sorted(result["confusion"], key=lambda x: (x == NONE, x))
    return [summary, confusion_table("Osorio: majority root × our root", result["confusion"], gold)]
