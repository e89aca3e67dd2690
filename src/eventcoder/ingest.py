"""Ingest: read -> skip known article ids -> code in batches -> write each batch in one transaction.

A run is resumable by construction: the article ids already in the store are skipped, and every batch
is committed whole (articles, events, actors, the run's counters and report lines), so after Ctrl-C or
kill -9 the next ingest of the same inputs ends with exactly the store a clean run gives.

With ``workers > 1`` batches are coded by a pool of processes, each with its own :class:`Coder`; the
workers return records (plain dicts), never spaCy objects, and results are written in input order.
"""

from __future__ import annotations

import re
import sys
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table
from rich.text import Text

from . import __version__
from .document import Article
from .executors import executor, pack, unpack
from .readers import E027, english_ratio, is_english, read_paths
from .store import DEFAULT_DB, Coded, Issue, RunCounts, Store

Report = Callable[[str], None]
DEFAULT_BATCH = 32

E032 = "E032 {origin}: same article id as {first} ({id}), skipped."
E033 = "E033 {origin}: coding failed ({detail}); article skipped, recorded in run {run}."

_ORIGIN = re.compile(r"^E\d+ (.+?): ")


@dataclass
class IngestResult:
    """What a run did. ``issues`` holds every report line of the run (also in the run_report table)."""

    run_id: int
    db: str
    counts: RunCounts
    seconds: float
    status: str
    issues: list[Issue] = field(default_factory=list)
    already_stored: int = 0
    repeated: int = 0

    @property
    def nothing_new(self) -> bool:
        return self.counts.coded == 0 and self.counts.failed == 0


# -- progress ---------------------------------------------------------------------------------------------
class _Rate(ProgressColumn):
    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:5.1f} articles/s" if speed else "    - articles/s", style="progress.data.speed")


def _progress(console: Console) -> Progress:
    return Progress(
        TextColumn("ingest"),
        BarColumn(),
        MofNCompleteColumn(),
        _Rate(),
        TextColumn("{task.fields[events]:,} events"),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
        console=console,
        transient=False,
    )


# -- the run -----------------------------------------------------------------------------------------------
def _select(
    articles: Iterator[Article],
    known: set[str],
    counts: RunCounts,
    result: IngestResult,
    add: Callable[[Issue], None],
) -> list[Article]:
    """Articles to code: not already stored, not repeated in the input, English."""
    first: dict[str, str] = {}
    todo = []
    for a in articles:
        counts.articles_read += 1
        if a.id in known:
            counts.duplicates += 1
            result.already_stored += 1
            continue
        if a.id in first:
            counts.duplicates += 1
            result.repeated += 1
            origin = a.origin or a.id
            msg = E032.format(origin=origin, first=first[a.id], id=a.id)
            add(Issue("duplicate", origin, msg))
            continue
        first[a.id] = a.origin or a.id
        if not is_english(a.text):
            ratio, n = english_ratio(a.text)
            origin = a.origin or a.id
            counts.non_english += 1
            add(Issue("non_english", origin, E027.format(origin=origin, ratio=ratio, words=n)))
            continue
        todo.append(a)
    return todo


def ingest(
    paths: Sequence[str],
    db: str | Path = DEFAULT_DB,
    *,
    workers: int = 1,
    batch_size: int = DEFAULT_BATCH,
    published: str | None = None,
    columns: Mapping[str, str] | None = None,
    report: Report | None = None,
    progress: bool | None = None,
    coder: Any = None,
    actor_files: Sequence[str] = (),
) -> IngestResult:
    """Ingest ``paths`` into the store ``db``; returns what the run did.

    ``report`` gets every problem line as it happens (default: stderr). ``progress`` shows a rich bar
    (default: when stderr is a terminal; otherwise one line per committed batch, at most every 5 s).
    ``coder`` is reused for in-process coding (``workers == 1``). ``actor_files`` extend the actor
    knowledge (``--actors``).
    """
    t0 = time.monotonic()
    console = Console(stderr=True)
    say: Report = report or (lambda m: console.print(m, style="red", markup=False, highlight=False))
    show_bar = console.is_terminal if progress is None else progress
    store = Store(db)
    counts = RunCounts()
    run_id = store.start_run(list(paths), workers, batch_size, __version__)
    result = IngestResult(run_id, str(db), counts, 0.0, "running")
    all_issues: list[Issue] = []

    def add(issue: Issue) -> None:
        counts.issues.append(issue)
        all_issues.append(issue)
        say(issue.message)

    def on_read_problem(msg: str) -> None:
        m = _ORIGIN.match(msg)
        counts.bad_input += 1
        add(Issue("bad_input", m.group(1) if m else "", msg))

    status = "interrupted"
    pool = None
    try:
        known = store.article_ids()
        articles = read_paths(list(paths), published, on_read_problem, columns=columns)
        todo = _select(articles, known, counts, result, add)
        batches = [[pack(a) for a in todo[i : i + batch_size]] for i in range(0, len(todo), batch_size)]
        pool = executor(min(workers, len(batches)) if len(batches) > 1 else 1, coder, actor_files)
        results: Iterator = pool.map(batches)
        bar = _progress(console) if show_bar else None
        task = bar.add_task("ingest", total=len(todo), events=0) if bar else None
        last_line = 0.0
        if bar:
            bar.start()
        try:
            for k, (batch, out) in enumerate(zip(batches, results, strict=True), 1):
                coded = []
                for p, (n_sent, recs, err) in zip(batch, out, strict=True):
                    if recs is None:
                        counts.failed += 1
                        origin = p[6] or p[0]
                        msg = E033.format(origin=origin, detail=err, run=run_id)
                        add(Issue("failed", origin, msg))
                        continue
                    coded.append(Coded(unpack(p), n_sent, recs))
                    counts.coded += 1
                    counts.events += len(recs)
                try:
                    store.write_batch(run_id, coded, counts)
                except BaseException:  # rolled back: the run's counters must not count this batch
                    counts.coded -= len(coded)
                    counts.events -= sum(len(c.records) for c in coded)
                    raise
                if bar is not None and task is not None:
                    bar.update(task, advance=len(batch), events=counts.events)
                elif k == 1 or k == len(batches) or time.monotonic() - last_line >= 5:
                    last_line = time.monotonic()
                    done = sum(len(b) for b in batches[:k])
                    print(
                        f"batch {k}/{len(batches)} committed: {done}/{len(todo)} articles, "
                        f"{counts.events} events",
                        file=sys.stderr,
                        flush=True,
                    )
        finally:
            if bar:
                bar.stop()
        status = "completed"
    finally:
        if pool is not None:
            pool.terminate()
        result.seconds = time.monotonic() - t0
        result.status = status
        result.issues = all_issues
        try:
            store.finish_run(run_id, status, counts, result.seconds)
        finally:
            store.close()
    return result


def print_summary(result: IngestResult, console: Console | None = None) -> None:
    """The end-of-run summary: coded, skipped with reasons, events, time."""
    console = console or Console(stderr=True)
    c = result.counts
    if result.nothing_new:
        console.print(
            f"Nothing new: {c.articles_read} articles read, {result.already_stored} already in {result.db}"
            + (f", {c.duplicates - result.already_stored} repeated" if result.repeated else "")
            + f", {c.non_english} not English, {c.bad_input} bad input lines."
            + f" Store unchanged (run {result.run_id})."
        )
        return
    rate = c.coded / result.seconds if result.seconds else 0.0
    table = Table(title=f"ingest run {result.run_id} -> {result.db} ({result.status})", show_header=False)
    table.add_column("what")
    table.add_column("n", justify="right")
    rows = [
        ("articles read", c.articles_read),
        ("articles coded", c.coded),
        ("events", c.events),
        ("events per article", f"{c.events / c.coded:.2f}" if c.coded else "-"),
        ("skipped: already in the store", result.already_stored),
        ("skipped: repeated in the input", result.repeated),
        ("skipped: not English", c.non_english),
        ("skipped: bad input (files, lines)", c.bad_input),
        ("failed while coding", c.failed),
        ("time", f"{result.seconds:.1f} s ({rate:.1f} articles/s)"),
    ]
    for k, v in rows:
        table.add_row(k, f"{v:,}" if isinstance(v, int) else v)
    console.print(table)
