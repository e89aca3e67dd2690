"""docs/accuracy.md: every set's tables, metric definitions, and where the numbers come from."""

from __future__ import annotations

import datetime
import json
import subprocess
from pathlib import Path
from types import ModuleType

from .common import errors_table, markdown_table


def git_commit(cwd: Path | None = None) -> str:
    """The short hash of HEAD, or 'unknown' (no git, no repository, no commit yet)."""
    try:
        out = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=cwd, capture_output=True, text=True, timeout=10
        )
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return out.stdout.strip() if out.returncode == 0 and out.stdout.strip() else "unknown"


def render_markdown(results: dict[str, dict], modules: dict[str, ModuleType], missing: list[str]) -> str:
    """The whole accuracy report as Markdown."""
    from eventcoder import __version__

    lines = [
        "# Accuracy",
        "",
        f"Measured on {datetime.date.today().isoformat()} with eventcoder {__version__} "
        f"(commit {git_commit(Path(__file__).parent)}) by `make eval`.",
        "",
        "**These are development splits.** Part of every gold source is held back for independent checks, "
        "so every number below is a development score, measured on data we may look at while building the "
        "coder; it is not a final, held-out score.",
        "",
        "Percentages are rounded to one decimal; '-' means undefined (zero denominator). A text that crashes "
        "the coder counts as a text for which we produced no event.",
        "",
    ]
    if missing:
        lines += [f"Sets not present, not run: {', '.join(missing)}.", ""]
    for name, result in results.items():
        module = modules[name]
        gold = Path(result["path"]).name
        lines += [f"## {name}", "", f"Gold: `{gold}`, coded in {result['seconds']} s.", ""]
        tables = [*module.tables(result), errors_table(result["errors"])]
        lines += [markdown_table(t) for t in tables if t is not None]
        lines += ["### Metric definitions", "", module.METRICS]
    return "\n".join(lines).rstrip() + "\n"


def write_report(
    results: dict[str, dict], modules: dict[str, ModuleType], out_md: Path, missing: list[str]
) -> Path:
    """Write the Markdown report to ``out_md`` and all numbers beside it as .json; return the .json path."""
    out_md.parent.mkdir(parents=True, exist_ok=True)
    out_md.write_text(render_markdown(results, modules, missing), encoding="utf-8")
    out_json = out_md.with_suffix(".json")
    out_json.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return out_json
