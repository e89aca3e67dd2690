"""ConfliBERT five-way CAMEO classes (conflibert_cameo/cameo_class_*_dev.tsv): coverage, accuracy, P/R.

Each line is ``sentence TAB class``. The metric definitions are in :data:`METRICS`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from rich.console import Console

from .common import (
    NONE,
    CoderProtocol,
    Table,
    classification_prf,
    code_all,
    confusion,
    confusion_table,
    kv_table,
    macro_f1,
    pct,
    prf_table,
    ratio,
    root_of,
    top_event,
)

DEFAULT_PATH = "conflibert_cameo"
GLOB = "cameo_class_*_dev.tsv"

CLASS_ROOTS = {
    "0": (1, 2),
    "1": (3, 4, 5),
    "2": (6, 7, 8),
    "3": (9, 10, 11, 12, 13, 16),
    "4": (14, 15, 17, 18, 19, 20),
}
CLASS_OF_ROOT = {f"{root:02d}": cls for cls, roots in CLASS_ROOTS.items() for root in roots}
"""CAMEO root -> class: 0 statement, 1 verbal coop., 2 material coop., 3 verbal/4 material conflict."""
CLASS_NAMES = {
    "0": "statement",
    "1": "verbal coop.",
    "2": "material coop.",
    "3": "verbal conflict",
    "4": "material conflict",
}

METRICS = """\
- Our class for a sentence is the class of the CAMEO root of our **highest-confidence** event (the earliest
  on ties): 0 ← 01-02, 1 ← 03-05, 2 ← 06-08, 3 ← 09-13 and 16, 4 ← 14-15 and 17-20. No event: NONE.
- **Coverage**: share of sentences with at least one event. **Accuracy where coded**: right class / sentences
  with an event. **Accuracy (all)**: right class / all sentences.
- **Per-class P/R/F1**: P = right / sentences we put in the class; R = right / gold sentences of the class
  (sentences we leave uncoded count against recall only). Macro F1 over the five gold classes.
- Both files (train_dev, test_dev) are pooled; per-file coverage and accuracy are shown beside.
"""
__doc__ = f"{__doc__}\nMetric definitions:\n\n{METRICS}"


@dataclass(frozen=True)
class Sentence:
    """One labelled sentence and the file it came from."""

    text: str
    label: str
    file: str


def class_of_root(root: str | None) -> str:
    """The five-way class ('0'..'4') of a CAMEO root, NONE for no/unknown root."""
    return CLASS_OF_ROOT.get(root or "", NONE)


def files_of(path: Path) -> list[Path]:
    """The TSV files a path names: the file itself, or every cameo_class_*_dev.tsv in a folder."""
    return sorted(path.glob(GLOB)) if path.is_dir() else [path]


def load(path: Path) -> tuple[list[Sentence], int]:
    """Labelled sentences from every file, and the count of malformed lines skipped."""
    out, bad = [], 0
    for file in files_of(path):
        for line in file.read_text(encoding="utf-8").splitlines():
            text, sep, label = line.rstrip("\r").rpartition("\t")
            label = label.strip()
            if not sep or not text.strip() or label not in CLASS_NAMES:
                bad += bool(line.strip())
                continue
            out.append(Sentence(text, label, file.name))
    return out, bad


def score(sentences: Sequence[Sentence], produced: Sequence[Sequence[dict]]) -> dict:
    """Coverage, accuracy and per-class P/R/F1 of the class of our top event."""
    pairs = []
    per_file: dict[str, Counter] = {}
    for s, events in zip(sentences, produced, strict=True):
        pred = class_of_root(root_of(top_event(events)))
        pairs.append((s.label, pred))
        f = per_file.setdefault(s.file, Counter())
        f.update({"n": 1, "coded": pred != NONE, "right": pred == s.label})
    tot = Counter()
    for f in per_file.values():
        tot.update(f)
    per_class = classification_prf(pairs)
    return {
        "sentences": tot["n"],
        "coverage": ratio(tot["coded"], tot["n"]),
        "accuracy_where_coded": ratio(tot["right"], tot["coded"]),
        "accuracy": ratio(tot["right"], tot["n"]),
        "macro_f1": macro_f1(per_class),
        "per_class": per_class,
        "per_file": {
            name: {
                "n": f["n"],
                "coverage": ratio(f["coded"], f["n"]),
                "accuracy_where_coded": ratio(f["right"], f["coded"]),
            }
            for name, f in sorted(per_file.items())
        },
        "confusion": confusion(pairs),
    }


def evaluate(path: Path, coder: CoderProtocol, console: Console | None = None) -> dict:
    """Load the TSV file(s), code every sentence in one batched run, score."""
    sentences, bad = load(path)
    run = code_all(coder, [s.text for s in sentences], console=console, label="conflibert")
    for err in run.errors:
        err["id"] = f"{sentences[err['index']].file}:{err['index']}"
    head = {"set": "conflibert", "path": str(path), "seconds": run.seconds, "errors": run.errors}
    return head | {"malformed_lines": bad} | score(sentences, run.events)


def tables(result: dict) -> list[Table]:
    """Summary, per-file, per-class and confusion tables of a result."""
    summary = kv_table(
        f"ConfliBERT CAMEO classes: {result['sentences']} sentences (coder crashes: {len(result['errors'])})",
        [
            ("coverage (sentences with any event)", pct(result["coverage"])),
            ("accuracy where coded", pct(result["accuracy_where_coded"])),
            ("accuracy (all sentences)", pct(result["accuracy"])),
            ("macro F1", pct(result["macro_f1"])),
        ]
        + [
            (
                f"{name}: n={m['n']}, coverage / acc. where coded",
                f"{pct(m['coverage'])} / {pct(m['accuracy_where_coded'])}",
            )
            for name, m in result["per_file"].items()
        ],
    )
    per_class = {f"{k} {CLASS_NAMES.get(k, '')}": v for k, v in result["per_class"].items()}
    return [
        summary,
        prf_table("ConfliBERT per class", per_class, "class"),
        confusion_table("ConfliBERT: gold class × ours", result["confusion"], list(result["per_class"])),
    ]
