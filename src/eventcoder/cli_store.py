"""Store commands (`ingest`, `events`, `sql`, `export`), registered on the main Typer app of ``cli.py``.

Importing this module registers the commands on ``eventcoder.cli.app``, and also on the app of
``python -m eventcoder.cli`` (where ``cli.py`` runs as ``__main__``, a second module object).

Thin layer: parse options, call the ingest, store and exports modules, turn user errors into one line
on stderr.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from . import errors
from .cli import ActorsOption, _check_actors, _check_published, _err, app
from .store import DEFAULT_DB

E034 = "E034 {db}: cannot open the store ({detail})."
E035 = "E035 Invalid {option} {value!r}: {detail}."
E036 = "E036 SQL error: {detail}"
E037 = "E037 Interrupted: every committed batch is kept; run the same command again to resume."

DbOption = Annotated[Path, typer.Option("--db", help="The DuckDB store file.")]


def _open(db: Path, read_only: bool = True):
    """The store, or exit 2 with one line on stderr."""
    import duckdb

    from .store import Store, StoreError

    try:
        return Store(db, read_only=read_only)
    except StoreError as e:
        _err(str(e))
    except duckdb.Error as e:
        _err(E034.format(db=db, detail=str(e).splitlines()[0]))
    raise typer.Exit(2)


def ingest(
    paths: Annotated[
        list[str],
        typer.Argument(
            help="Files (.txt .jsonl .csv .html .htm .rss .atom .xml, or any of these .gz), folders, -"
        ),
    ],
    db: DbOption = Path(DEFAULT_DB),
    workers: Annotated[
        int, typer.Option("--workers", min=1, help="Coding processes (default: the number of cores).")
    ] = os.cpu_count() or 1,
    published: Annotated[
        str | None, typer.Option("--published", help="Publication date YYYY-MM-DD for every input.")
    ] = None,
    batch_size: Annotated[
        int, typer.Option("--batch-size", min=1, help="Articles per committed transaction.")
    ] = 32,
    columns: Annotated[
        str | None,
        typer.Option("--columns", help="Field names in .jsonl/.csv input, e.g. 'text=body,published=date'."),
    ] = None,
    progress: Annotated[
        bool | None, typer.Option("--progress/--no-progress", help="Progress bar (default: on a terminal).")
    ] = None,
    actors: ActorsOption = None,
) -> None:
    """Read, code and store articles; skips articles already stored (rerun to resume)."""
    import duckdb

    from .ingest import ingest as run_ingest
    from .ingest import print_summary
    from .readers import parse_columns
    from .store import StoreError

    pub = _check_published(published)
    actor_files = _check_actors(actors)
    try:
        cols = parse_columns(columns)
    except ValueError as e:
        _err(E035.format(option="--columns", value=columns, detail=e))
        raise typer.Exit(2) from None
    try:
        result = run_ingest(
            paths,
            db,
            workers=workers,
            batch_size=batch_size,
            published=pub,
            columns=cols,
            report=_err,
            progress=progress,
            actor_files=actor_files,
        )
    except KeyboardInterrupt:
        _err(E037)
        raise typer.Exit(130) from None
    except StoreError as e:
        _err(str(e))
        raise typer.Exit(2) from None
    except duckdb.Error as e:
        _err(E034.format(db=db, detail=str(e).splitlines()[0]))
        raise typer.Exit(2) from None
    print_summary(result)
    if result.counts.articles_read == 0:
        _err(errors.E012)
        raise typer.Exit(1)


def _dyad_filter(dyad: str) -> tuple[list[str], list[str]]:
    src, sep, tgt = dyad.partition("-")
    if not sep or not (src or tgt):
        _err(E035.format(option="--dyad", value=dyad, detail="expected SOURCE-TARGET such as USA-RUS"))
        raise typer.Exit(2)
    where, params = [], []
    for role, code in (("source", src.strip().upper()), ("target", tgt.strip().upper())):
        if code:
            where.append(f"(e.{role}_code = ? OR e.{role}_country = ?)")
            params += [code, code]
    return where, params


def events(
    db: DbOption = Path(DEFAULT_DB),
    dyad: Annotated[
        str | None,
        typer.Option("--dyad", help="SOURCE-TARGET actor codes or countries: USA-RUS, RUSMIL-, -UKR."),
    ] = None,
    cameo: Annotated[str | None, typer.Option("--cameo", help="CAMEO code or prefix: 036, 03, 19.")] = None,
    since: Annotated[str | None, typer.Option("--since", help="Events on or after YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option("--until", help="Events on or before YYYY-MM-DD.")] = None,
    limit: Annotated[int | None, typer.Option("--limit", min=0, help="At most this many records.")] = None,
) -> None:
    """List stored event records (JSON lines, contract v1), in store order."""
    from .readers import parse_date
    from .record import dumps

    where, params = _dyad_filter(dyad) if dyad else ([], [])
    if cameo:
        if not cameo.isdigit():
            _err(E035.format(option="--cameo", value=cameo, detail="expected digits such as 036"))
            raise typer.Exit(2)
        where.append("e.cameo LIKE ?")
        params.append(cameo + "%")
    for option, value, op in (("--since", since, ">="), ("--until", until, "<=")):
        if value:
            try:
                params.append(parse_date(value))
            except ValueError:
                _err(E035.format(option=option, value=value, detail="expected a real date YYYY-MM-DD"))
                raise typer.Exit(2) from None
            where.append(f"e.date {op} ?")
    with _open(db) as store:
        for rec in store.records(" AND ".join(where), params, limit):
            sys.stdout.write(dumps(rec) + "\n")


def sql(
    query: Annotated[
        str, typer.Argument(help="A SQL query over articles, events, actors, runs, run_report.")
    ],
    db: DbOption = Path(DEFAULT_DB),
) -> None:
    """Run a read-only SQL query on the store; a table on a terminal, tab-separated otherwise."""
    import duckdb
    from rich.console import Console
    from rich.table import Table

    with _open(db) as store:
        try:
            cur = store.con.execute(query)
            names = [d[0] for d in cur.description or []]
            rows = cur.fetchall() if names else []
        except duckdb.Error as e:
            _err(E036.format(detail=str(e).splitlines()[0]))
            raise typer.Exit(2) from None
    console = Console()
    if console.is_terminal:
        table = Table(*names)
        for r in rows:
            table.add_row(*("" if v is None else str(v) for v in r))
        console.print(table)
        return
    clean = lambda v: "" if v is None else str(v).replace("\t", " ").replace("\n", " ")  # noqa: E731
    sys.stdout.write("\t".join(names) + "\n")
    for r in rows:
        sys.stdout.write("\t".join(clean(v) for v in r) + "\n")


def export(
    fmt: Annotated[str, typer.Option("--format", help="jsonl, csv, parquet, plover, gdelt or icews.")],
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Write here (atomically).")] = None,
    db: DbOption = Path(DEFAULT_DB),
) -> None:
    """Export every stored event (column mappings: docs/exports.md)."""
    from .exports import FORMATS
    from .exports import export as run_export

    if fmt not in FORMATS:
        _err(E035.format(option="--format", value=fmt, detail="expected one of " + ", ".join(FORMATS)))
        raise typer.Exit(2)
    if fmt == "parquet" and output is None:
        _err(E035.format(option="--format", value=fmt, detail="parquet is binary: give a file with -o"))
        raise typer.Exit(2)
    with _open(db) as store:
        n = run_export(store, fmt, output)
    if output is not None:
        _err(f"{n} events -> {output} ({fmt})")


def register(target: typer.Typer) -> None:
    """Add the store commands to a Typer app."""
    for fn in (ingest, events, sql, export):
        target.command()(fn)


register(app)
_main = sys.modules.get("__main__")
_main_app = getattr(_main, "app", None)
if (
    isinstance(_main_app, typer.Typer)
    and _main_app is not app
    and getattr(getattr(_main, "__spec__", None), "name", "") == "eventcoder.cli"
):
    register(_main_app)
