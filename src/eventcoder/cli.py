"""The command line: a thin layer that parses arguments and calls the library.

User errors become one line on stderr naming the file (and line), never a traceback.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from . import __version__, errors
from .readers import parse_date

DEFAULT_WORKERS = os.cpu_count() or 1

app = typer.Typer(add_completion=False, no_args_is_help=True, help="Code political events from news text.")


def _err(msg: str) -> None:
    typer.echo(msg, err=True)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"eventcoder {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """eventcoder: who did what to whom, when and where, from news text, offline."""


ActorsOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--actors",
        help="A file of your own actors (same format as a built-in table, told by its header; "
        "docs/actors-data.md). Repeat for several.",
    ),
]


def _check_actors(files: list[Path] | None) -> list[str]:
    """The user's actor files, each read once here so that a bad line stops the run before any coding."""
    from .knowledge import KnowledgeError, with_user_actors

    paths = [str(f) for f in files or []]
    try:
        with_user_actors(paths)
    except KnowledgeError as e:
        _err(errors.E013.format(detail=str(e)))
        raise typer.Exit(2) from None
    except OSError as e:
        _err(errors.E013.format(detail=f"{e.filename}: {e.strerror}"))
        raise typer.Exit(2) from None
    return paths


def _check_published(published: str | None) -> str | None:
    if published is None:
        return None
    try:
        return parse_date(published).isoformat()
    except ValueError:
        _err(errors.E008.format(value=published))
        raise typer.Exit(2) from None


@app.command()
def code(
    paths: Annotated[list[str], typer.Argument(help="Files (.txt, .jsonl), directories, or - for stdin.")],
    published: Annotated[
        str | None, typer.Option("--published", help="Publication date YYYY-MM-DD for every input.")
    ] = None,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Write JSON lines here.")] = None,
    workers: Annotated[
        int, typer.Option("--workers", min=1, help="Worker processes (default: the number of cores).")
    ] = DEFAULT_WORKERS,
    actors: ActorsOption = None,
) -> None:
    """Code articles and write one event record per line (JSON lines), in input order."""
    from .runner import code_paths

    pub = _check_published(published)
    actor_files = _check_actors(actors)
    stats = code_paths(paths, pub, output, report=_err, workers=workers, actor_files=actor_files)
    if stats.articles == 0:
        _err(errors.E012)
        raise typer.Exit(1)


@app.command()
def schema() -> None:
    """Print the JSON Schema of an event record (contract v1)."""
    from .record import json_schema

    typer.echo(json.dumps(json_schema(), indent=2, sort_keys=True))


@app.command()
def demo(
    output: Annotated[Path, typer.Option("-o", "--output", help="Where to write the records.")] = Path(
        "out/demo.jsonl"
    ),
) -> None:
    """Code the bundled sample news and print a summary."""
    from .runner import demo as run_demo

    run_demo(output)


@app.command("eval")
def eval_cmd(
    set_name: Annotated[str, typer.Argument(help="plover | codebook | conflibert | osorio | location | all")],
    path: Annotated[Path, typer.Argument(help="The gold file (or the gold folder for 'all').")],
    json_out: Annotated[Path | None, typer.Option("--json", help="Also write the numbers as JSON.")] = None,
    markdown: Annotated[
        Path, typer.Option("--markdown", help="With 'all': where to write the accuracy report.")
    ] = Path("docs/accuracy.md"),
) -> None:
    """Score the coder on a human-coded set (see ../shared/gold/README.md)."""
    from .evaluate import run_all, run_eval
    from .pipeline import Coder

    if not path.exists():
        _err(errors.E002.format(path=path))
        raise typer.Exit(2)
    coder = Coder()
    if set_name == "all":
        result = run_all(path, coder, markdown)
        if json_out:
            json_out.write_text(json.dumps(result, indent=2, sort_keys=True) + "\n")
    else:
        run_eval(set_name, path, coder, json_out=json_out)


from . import cli_store  # noqa: E402, F401  (registers ingest, events, sql, export)

if __name__ == "__main__":  # pragma: no cover
    sys.exit(app())
