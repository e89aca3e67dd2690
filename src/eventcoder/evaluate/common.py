"""Shared pieces of the evaluation harness.

The coder protocol the harness codes against, batched coding with per-record errors, ratios and
precision/recall/F1, confusion matrices, and :class:`Table`, one description of a table that renders both to
the terminal (rich) and to Markdown (docs/accuracy.md).
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table as RichTable

NONE = "NONE"
"""The label of 'no event produced' in confusion matrices and label pairs."""

CHUNK_SIZE = 500


class CoderProtocol(Protocol):
    """What the harness needs from the coder: code many texts in one batched call."""

    def code_texts(self, texts: Sequence[str], published: str | None = None) -> list[list[dict]]:
        """For each input text, the list of its event records (record contract v1 dicts)."""
        ...


@dataclass
class CodingRun:
    """The coder's output for a whole set: events per text, the texts that crashed, and wall seconds."""

    events: list[list[dict]]
    errors: list[dict] = field(default_factory=list)
    seconds: float = 0.0


def _code_one_by_one(coder: CoderProtocol, texts: Sequence[str], offset: int, run: CodingRun) -> None:
    for i, text in enumerate(texts):
        try:
            out = coder.code_texts([text])
            if len(out) != 1:
                raise ValueError(f"coder returned {len(out)} results for 1 text")
            run.events.append(list(out[0]))
        except Exception as exc:  # per-record errors are counted, never fatal
            run.events.append([])
            snippet = text if len(text) <= 120 else text[:117] + "..."
            run.errors.append({"index": offset + i, "text": snippet, "error": f"{type(exc).__name__}: {exc}"})


def code_all(
    coder: CoderProtocol,
    texts: Sequence[str],
    *,
    console: Console | None = None,
    label: str = "coding",
    chunk_size: int = CHUNK_SIZE,
) -> CodingRun:
    """Code every text in chunks of ``chunk_size`` behind a progress bar.

    A chunk that raises (or returns the wrong number of results) is retried one text at a time; a text that
    still raises gets no events and is listed in ``errors`` as {index, text, error}.
    """
    console = console or Console(stderr=True)
    run = CodingRun(events=[])
    started = time.perf_counter()
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=console, transient=True) as progress:
        task = progress.add_task(label, total=len(texts))
        for start in range(0, len(texts), chunk_size):
            chunk = texts[start : start + chunk_size]
            try:
                out = coder.code_texts(list(chunk))
                if len(out) != len(chunk):
                    raise ValueError(f"coder returned {len(out)} results for {len(chunk)} texts")
                run.events.extend(list(events) for events in out)
            except Exception:
                _code_one_by_one(coder, chunk, start, run)
            progress.advance(task, len(chunk))
    run.seconds = round(time.perf_counter() - started, 2)
    return run


def ratio(num: float, den: float) -> float | None:
    """num/den, or None when the denominator is zero (undefined, shown as '-')."""
    return num / den if den else None


def prf(tp: int, fp: int, fn: int) -> dict[str, Any]:
    """Precision, recall and F1 from counts; each is None where its denominator is zero."""
    p, r = ratio(tp, tp + fp), ratio(tp, tp + fn)
    f1 = None if p is None or r is None else (2 * p * r / (p + r) if p + r else 0.0)
    return {"precision": p, "recall": r, "f1": f1, "tp": tp, "fp": fp, "fn": fn}


def prf_by_label(tp: Counter, fp: Counter, fn: Counter, labels: Iterable[str]) -> dict[str, dict]:
    """Per-label P/R/F1 with support (gold count = tp + fn) for each label in ``labels``."""
    out = {}
    for lab in labels:
        out[lab] = prf(tp[lab], fp[lab], fn[lab]) | {"support": tp[lab] + fn[lab]}
    return out


def classification_prf(pairs: Sequence[tuple[str, str]]) -> dict[str, dict]:
    """Per-gold-label P/R/F1 for single-label (gold, predicted) pairs; predicted NONE is no prediction."""
    tp, fp, fn = Counter(), Counter(), Counter()
    for gold, pred in pairs:
        if gold == pred:
            tp[gold] += 1
            continue
        fn[gold] += 1
        if pred != NONE:
            fp[pred] += 1
    return prf_by_label(tp, fp, fn, sorted({g for g, _ in pairs}))


def macro_f1(per_label: dict[str, dict]) -> float | None:
    """Mean F1 over the labels given (undefined F1 counts as 0); None when there are no labels."""
    if not per_label:
        return None
    return sum(v["f1"] or 0.0 for v in per_label.values()) / len(per_label)


def confusion(pairs: Iterable[tuple[str, str]]) -> dict[str, dict[str, int]]:
    """Confusion matrix as {gold: {predicted: count}} (only non-zero cells)."""
    out: dict[str, dict[str, int]] = {}
    for gold, pred in pairs:
        row = out.setdefault(gold, {})
        row[pred] = row.get(pred, 0) + 1
    return out


def top_event(events: Sequence[dict]) -> dict | None:
    """The highest-confidence event (the earliest one on ties), or None when there are none."""
    best = None
    for ev in events:
        if best is None or (ev.get("confidence") or 0.0) > (best.get("confidence") or 0.0):
            best = ev
    return best


def root_of(event: dict | None) -> str | None:
    """The two-digit CAMEO root of an event ('root', else the first two digits of 'cameo')."""
    if not event:
        return None
    root = event.get("root") or (event.get("cameo") or "")[:2]
    return root or None


# ---------------------------------------------------------------- tables


@dataclass
class Table:
    """A table described once, rendered with rich (terminal) or as Markdown."""

    title: str
    columns: list[str]
    rows: list[list[str]]


def pct(value: float | None) -> str:
    """A ratio as a percentage with one decimal ('-' when undefined)."""
    return "-" if value is None else f"{100 * value:.1f}%"


def num(value: float | None, digits: int = 2) -> str:
    """A plain number ('-' when undefined)."""
    if value is None:
        return "-"
    return str(value) if isinstance(value, int) else f"{value:.{digits}f}"


def kv_table(title: str, items: Sequence[tuple[str, str]]) -> Table:
    """A two-column metric/value table from preformatted values."""
    return Table(title, ["metric", "value"], [[k, v] for k, v in items])


def prf_table(title: str, per_label: dict[str, dict], label_name: str = "label") -> Table:
    """A per-label precision/recall/F1 table."""
    rows = [
        [lab, str(m["support"]), pct(m["precision"]), pct(m["recall"]), pct(m["f1"])]
        for lab, m in per_label.items()
    ]
    return Table(title, [label_name, "gold n", "precision", "recall", "F1"], rows)


def confusion_table(title: str, matrix: dict[str, dict[str, int]], gold_labels: Sequence[str]) -> Table:
    """Gold rows x predicted columns; columns are every predicted label, NONE last."""
    preds = sorted({p for row in matrix.values() for p in row if p != NONE})
    if any(NONE in row for row in matrix.values()):
        preds.append(NONE)
    rows = [[g] + [str(matrix.get(g, {}).get(p, 0) or "") for p in preds] for g in gold_labels]
    return Table(title, ["gold \\ ours", *preds], rows)


def errors_table(errors: Sequence[dict], limit: int = 10) -> Table | None:
    """The texts that crashed the coder (first ``limit``), or None when there were none."""
    if not errors:
        return None
    rows = [[str(e.get("id", e["index"])), e["text"], e["error"]] for e in errors[:limit]]
    return Table(f"Coder crashes: {len(errors)} texts (first {len(rows)})", ["record", "text", "error"], rows)


def print_tables(tables: Iterable[Table | None], console: Console) -> None:
    """Print tables to the terminal with rich."""
    for t in tables:
        if t is None:
            continue
        rt = RichTable(title=t.title, title_justify="left")
        for i, col in enumerate(t.columns):
            rt.add_column(col, justify="left" if i == 0 else "right")
        for row in t.rows:
            rt.add_row(*row)
        console.print(rt)


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def markdown_table(t: Table) -> str:
    """One table as Markdown, with its title as a bold line above it."""
    lines = [f"**{t.title}**", "", "| " + " | ".join(_md_cell(c) for c in t.columns) + " |"]
    lines.append("|" + "|".join(["---"] + ["---:"] * (len(t.columns) - 1)) + "|")
    lines += ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in t.rows]
    return "\n".join(lines) + "\n"
