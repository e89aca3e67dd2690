"""CAMEO codebook examples (cameo_codebook/eventtypes.csv): exact-code and root accuracy, coverage.

Each codebook row with an example sentence is one test: code the sentence, compare with the row's code.
The metric definitions are in :data:`METRICS`.
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from rich.console import Console

from .common import CoderProtocol, Table, code_all, kv_table, pct, ratio, root_of, top_event

DEFAULT_PATH = "cameo_codebook/eventtypes.csv"

METRICS = """\
- Rows whose example is empty (blanked) or `NULL` (root rows and a few others) are skipped and counted.
- **Chosen event** per example: our first event with exactly the gold code; failing that, our first event with
  the gold root; failing that, our highest-confidence event.
- **Exact-code accuracy**: share of examples whose chosen event has the gold code (denominator: all examples,
  those where we produce nothing included). **Root accuracy**: the same for the two-digit root.
- **Top-event exact / root accuracy**: the same, always using our highest-confidence event (no choosing).
- **Coverage**: share of examples with at least one event. **Exact accuracy where coded**: exact hits /
  examples with an event.
"""
__doc__ = f"{__doc__}\nMetric definitions:\n\n{METRICS}"


@dataclass(frozen=True)
class Example:
    """One codebook example sentence and its CAMEO code."""

    code: str
    name: str
    text: str


def load(path: Path) -> tuple[list[Example], Counter]:
    """The examples, and counts of skipped rows ('blank': empty example, 'null': example 'NULL')."""
    path = path / Path(DEFAULT_PATH).name if path.is_dir() else path
    examples, skipped = [], Counter()
    with path.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            text = (row.get("example") or "").strip()
            if not text:
                skipped["blank"] += 1
            elif text.upper() == "NULL":
                skipped["null"] += 1
            else:
                examples.append(Example(row["code"].strip(), row.get("name", "").strip(), text))
    return examples, skipped


def choose(code: str, events: Sequence[dict]) -> dict | None:
    """Our event for an example: exact code first, then same root, then the highest-confidence one."""
    for ev in events:
        if ev.get("cameo") == code:
            return ev
    for ev in events:
        if root_of(ev) == code[:2]:
            return ev
    return top_event(events)


def score(examples: Sequence[Example], produced: Sequence[Sequence[dict]]) -> dict:
    """Codebook metrics, overall and per gold root."""
    c: Counter = Counter()
    by_root: dict[str, Counter] = {}
    misses: list[dict] = []
    for ex, events in zip(examples, produced, strict=True):
        root = ex.code[:2]
        r = by_root.setdefault(root, Counter())
        chosen, top = choose(ex.code, events), top_event(events)
        hits = {
            "n": 1,
            "coded": bool(events),
            "exact": bool(chosen) and chosen.get("cameo") == ex.code,
            "root": root_of(chosen) == root,
            "top_exact": bool(top) and top.get("cameo") == ex.code,
            "top_root": root_of(top) == root,
        }
        c.update(hits)
        r.update(hits)
        if not hits["root"]:
            ours = chosen.get("cameo") if chosen else None
            misses.append({"code": ex.code, "ours": ours, "text": ex.text})
    n = len(examples)
    return {
        "examples": n,
        "coverage": ratio(c["coded"], n),
        "exact_accuracy": ratio(c["exact"], n),
        "root_accuracy": ratio(c["root"], n),
        "top_exact_accuracy": ratio(c["top_exact"], n),
        "top_root_accuracy": ratio(c["top_root"], n),
        "exact_accuracy_where_coded": ratio(c["exact"], c["coded"]),
        "per_root": {
            root: {
                "n": r["n"],
                "coverage": ratio(r["coded"], r["n"]),
                "exact_accuracy": ratio(r["exact"], r["n"]),
                "root_accuracy": ratio(r["root"], r["n"]),
            }
            for root, r in sorted(by_root.items())
        },
        "root_misses": misses,
    }


def evaluate(path: Path, coder: CoderProtocol, console: Console | None = None) -> dict:
    """Load the codebook, code every example in one batched run, score."""
    examples, skipped = load(path)
    run = code_all(coder, [e.text for e in examples], console=console, label="codebook")
    for err in run.errors:
        err["id"] = examples[err["index"]].code
    head = {"set": "codebook", "path": str(path), "seconds": run.seconds, "errors": run.errors}
    return head | {"skipped": dict(skipped)} | score(examples, run.events)


def tables(result: dict) -> list[Table]:
    """Summary and per-root tables of a result."""
    skipped = result["skipped"]
    summary = kv_table(
        f"CAMEO codebook examples: {result['examples']} (skipped: {skipped.get('blank', 0)} blank, "
        f"{skipped.get('null', 0)} NULL; coder crashes: {len(result['errors'])})",
        [
            ("coverage (examples with any event)", pct(result["coverage"])),
            ("exact-code accuracy", pct(result["exact_accuracy"])),
            ("root accuracy", pct(result["root_accuracy"])),
            ("exact accuracy where coded", pct(result["exact_accuracy_where_coded"])),
            ("top-event exact accuracy", pct(result["top_exact_accuracy"])),
            ("top-event root accuracy", pct(result["top_root_accuracy"])),
        ],
    )
    rows = [
        [root, str(m["n"]), pct(m["coverage"]), pct(m["exact_accuracy"]), pct(m["root_accuracy"])]
        for root, m in result["per_root"].items()
    ]
    per_root = Table("CAMEO codebook by gold root", ["root", "n", "coverage", "exact", "root"], rows)
    return [summary, per_root]
