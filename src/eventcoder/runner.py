"""Library functions behind the `code` and `demo` commands: read, code, write, summarise."""

from __future__ import annotations

import itertools
import os
import sys
import tempfile
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import IO, Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from . import errors
from .document import Article
from .executors import executor, pack
from .readers import read_paths, read_text
from .record import dumps

Report = Callable[[str], None]


@dataclass
class Stats:
    articles: int = 0
    sentences: int = 0
    events: int = 0
    failed: int = 0
    roots: Counter = field(default_factory=Counter)
    dyads: Counter = field(default_factory=Counter)

    def add(self, n_sentences: int, records: list[dict[str, Any]]) -> None:
        self.articles += 1
        self.sentences += n_sentences
        self.events += len(records)
        for r in records:
            self.roots[r["root"]] += 1
            if r["target"]:
                self.dyads[f"{r['source']['code']}->{r['target']['code']}"] += 1


def code_stream(
    articles: Iterator[Article],
    out: IO[str],
    report: Report,
    stats: Stats,
    workers: int = 1,
    batch: int = 32,
    actor_files: Sequence[str] = (),
) -> None:
    """Code articles and write their records as JSON lines to ``out``, in input order whatever ``workers``."""
    batches = (
        [pack(a) for a in chunk] for chunk in iter(lambda: list(itertools.islice(articles, batch)), [])
    )
    first = list(itertools.islice(batches, 2))
    # a single batch is not worth starting processes
    pool = executor(workers if len(first) > 1 else 1, actor_files=actor_files)
    mine, theirs = itertools.tee(itertools.chain(first, batches))
    try:
        for payloads, results in zip(mine, pool.map(theirs), strict=True):
            for p, (n_sentences, records, error) in zip(payloads, results, strict=True):
                if records is None:
                    stats.failed += 1
                    report(errors.E011.format(origin=p[6] or p[0], detail=error))
                    continue
                stats.add(n_sentences, records)
                for r in records:
                    out.write(dumps(r) + "\n")
    finally:
        pool.terminate()


def _progress(articles: Iterator[Article], enabled: bool) -> Iterator[Article]:
    if not enabled:
        yield from articles
        return
    cols = (TextColumn("coding"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*cols, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("coding", total=None)
        for a in articles:
            yield a
            bar.advance(task)


def code_paths(
    paths: list[str],
    published: str | None,
    output: Path | None,
    report: Report,
    workers: int = 1,
    actor_files: Sequence[str] = (),
) -> Stats:
    """Code every article in ``paths``; write to ``output`` atomically (or stdout)."""
    stats = Stats()
    articles = _progress(read_paths(paths, published, report), enabled=sys.stderr.isatty())
    if output is None:
        code_stream(articles, sys.stdout, report, stats, workers, actor_files=actor_files)
        return stats
    output.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".eventcoder-", dir=output.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            code_stream(articles, fh, report, stats, workers, actor_files=actor_files)
        os.replace(tmp, output)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return stats


def sample_articles() -> list[Article]:
    """The bundled sample news (written by the eventcoder team)."""
    text = resources.files("eventcoder").joinpath("data/sample_news.jsonl").read_text(encoding="utf-8")
    return list(read_text(text, "sample_news.jsonl", "jsonl", None, lambda m: None))


def demo(output: Path) -> Stats:
    """Ingest the sample news into a fresh store beside ``output`` (``out/demo.duckdb``), export its
    records to ``output`` (JSON lines); print the summary, counts by CAMEO root, top dyads, a few events."""
    from .exports import export
    from .ingest import ingest, print_summary
    from .store import Store

    console = Console()
    db = output.with_suffix(".duckdb")
    output.parent.mkdir(parents=True, exist_ok=True)
    for stale in (db, db.with_name(db.name + ".wal")):
        stale.unlink(missing_ok=True)  # fresh each run
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "sample_news.jsonl"
        src.write_bytes(resources.files("eventcoder").joinpath("data/sample_news.jsonl").read_bytes())
        result = ingest([str(src)], db, report=lambda m: console.print(m, style="red", markup=False))
    print_summary(result, console)
    stats = Stats()
    with Store(db, read_only=True) as store:
        records = list(store.records())
        art_rows = store.con.execute("SELECT id, text, n_sentences FROM articles ORDER BY seq").fetchall()
        export(store, "jsonl", output)
    by_article: dict[str, list[dict[str, Any]]] = {}
    for r in records:
        by_article.setdefault(r["article_id"], []).append(r)
    for aid, _text, n_sentences in art_rows:
        stats.add(n_sentences or 0, by_article.get(aid, []))
    console.print(
        f"eventcoder demo: {stats.articles} articles, {stats.sentences} sentences, {stats.events} events "
        f"-> {db} (records also in {output})"
    )
    table = Table(title="Events by CAMEO root")
    table.add_column("CAMEO root")
    table.add_column("events", justify="right")
    for r, n in sorted(stats.roots.items()):
        table.add_row(r, str(n))
    console.print(table)
    console.print("Top dyads: " + ", ".join(f"{d} ({n})" for d, n in stats.dyads.most_common(8)))
    events = Table(title="A few events", show_lines=False)
    for col in ("date", "source", "cameo", "target", "place", "trigger"):
        events.add_column(col)
    for r in records[:8]:
        events.add_row(
            r["date"] or "",
            r["source"]["code"] if r["source"] else "",
            r["cameo"],
            r["target"]["code"] if r["target"] else "",
            r["place"]["name"] if r["place"] else "",
            r["trigger"]["text"],
        )
    console.print(events)
    console.print(
        f"Query it: eventcoder events --db {db} --limit 5, or eventcoder sql 'SELECT ...' --db {db}"
    )
    return stats
