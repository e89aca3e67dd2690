"""Evaluation harness: score the coder on the human-coded sets in ../shared/gold.

``run_eval(set_name, path, coder)`` scores one set, prints its tables and returns its numbers;
``run_all(gold_dir, coder, out_md)`` runs every set present and writes docs/accuracy.md (and .json).
"""

from __future__ import annotations

import json
from pathlib import Path
from types import ModuleType

from rich.console import Console

from . import codebook, conflibert, location, osorio, plover
from .common import CoderProtocol, errors_table, print_tables
from .report import write_report

SETS: dict[str, ModuleType] = {
    "plover": plover,
    "codebook": codebook,
    "conflibert": conflibert,
    "osorio": osorio,
    "location": location,
}
"""Set name -> module with DEFAULT_PATH, METRICS, load(), score(), evaluate() and tables()."""

__all__ = ["SETS", "CoderProtocol", "default_path", "run_all", "run_eval"]


def default_path(set_name: str, gold_dir: Path) -> Path:
    """Where a set lives under the gold folder."""
    return gold_dir / SETS[set_name].DEFAULT_PATH


def run_eval(
    set_name: str,
    path: Path,
    coder: CoderProtocol,
    *,
    json_out: Path | None = None,
    console: Console | None = None,
) -> dict:
    """Score one set: code every text, print the tables, optionally write the numbers as JSON.

    ``path`` is the gold file, or the folder holding it (conflibert, osorio: every matching file in it).
    Raises ValueError for an unknown set and FileNotFoundError for a missing path.
    """
    if set_name not in SETS:
        raise ValueError(f"unknown evaluation set {set_name!r}; choose one of: {', '.join(SETS)}")
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"{path}: no such file or directory")
    console = console or Console()
    module = SETS[set_name]
    result = module.evaluate(path, coder, console=console)
    print_tables([*module.tables(result), errors_table(result["errors"])], console)
    if json_out is not None:
        Path(json_out).write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return result


def run_all(gold_dir: Path, coder: CoderProtocol, out_md: Path, *, console: Console | None = None) -> dict:
    """Run every set present under ``gold_dir``; write ``out_md`` and its .json twin; return {set: result}."""
    console = console or Console()
    results, missing = {}, []
    for name in SETS:
        path = default_path(name, Path(gold_dir))
        if not path.exists():
            console.print(f"[yellow]{name}: {path} not found, skipped[/yellow]")
            missing.append(name)
            continue
        console.rule(name)
        results[name] = run_eval(name, path, coder, console=console)
    write_report(results, SETS, Path(out_md), missing)
    console.print(f"wrote {out_md}")
    return results
