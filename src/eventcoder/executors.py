"""Executors: one small interface for coding batches of articles in-process or over worker processes.

``executor(workers).map(batches)`` yields, for each batch in input order, one result per article:
``(n_sentences, records, error)`` with ``records`` None when the article failed. Workers each load their own
:class:`~eventcoder.pipeline.Coder` once and return plain records (dicts), never spaCy objects, so nothing
heavy crosses the process boundary and the output order, hence the output bytes, do not depend on the number
of workers.
"""

from __future__ import annotations

import gc
import multiprocessing as mp
import resource
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, Protocol

from .document import Article

Payload = tuple[str, str, str | None, str | None, str | None, str | None, str | None]
Result = tuple[int, list[dict] | None, str]


def pack(a: Article) -> Payload:
    return (a.id, a.text, a.title, a.url, a.source, a.published, a.origin)


def unpack(p: Payload) -> Article:
    return Article(id=p[0], text=p[1], title=p[2], url=p[3], source=p[4], published=p[5], origin=p[6])


def code_batch(coder: Any, batch: Sequence[Payload]) -> list[Result]:
    """Code a batch: for each article ``(n_sentences, records, "")``, or ``(0, None, error)`` on failure.

    A failure inside the batched parse falls back to coding the articles one by one, so only the article
    that fails is lost.
    """
    arts = [unpack(p) for p in batch]
    failed: dict[str, str] = {}

    def on_error(a: Article, e: Exception) -> None:
        failed[a.id] = f"{type(e).__name__}: {e}"

    try:
        done = {a.id: recs for a, recs in coder.code_articles(arts, on_error=on_error)}
    except Exception:
        done = {}
        for a in arts:
            try:
                done.update({b.id: recs for b, recs in coder.code_articles([a], on_error=on_error)})
            except Exception as e:
                failed[a.id] = f"{type(e).__name__}: {e}"
    out: list[Result] = []
    for a in arts:
        if a.id in done:
            out.append((len(a.sentences), done[a.id], ""))
        else:
            out.append((0, None, failed.get(a.id, "no result")))
    return out


class Executor(Protocol):
    def map(self, batches: Iterable[Sequence[Payload]]) -> Iterator[list[Result]]: ...

    def close(self) -> None: ...

    def terminate(self) -> None: ...


def _new_coder(actor_files: Sequence[str] = ()) -> Any:
    """A coder for this process. Its tables (pipeline, knowledge, gazetteer: some 400,000 Python objects)
    live as long as the process, so they are moved out of the cyclic garbage collector's sight
    (``gc.freeze``): each full collection would otherwise walk all of them again."""
    from .pipeline import Coder

    coder = Coder(actor_files=actor_files)
    gc.freeze()
    return coder


class InProcess:
    """Codes in this process with one coder (made on first use unless given)."""

    def __init__(self, coder: Any = None, actor_files: Sequence[str] = ()) -> None:
        self.coder = coder
        self.actor_files = tuple(actor_files)

    def map(self, batches: Iterable[Sequence[Payload]]) -> Iterator[list[Result]]:
        for batch in batches:
            if self.coder is None:
                self.coder = _new_coder(self.actor_files)
            yield code_batch(self.coder, batch)

    def close(self) -> None:
        pass

    def terminate(self) -> None:
        pass


_WORKER_CODER: Any = None


def _init_worker(actor_files: tuple[str, ...] = ()) -> None:
    global _WORKER_CODER
    _WORKER_CODER = _new_coder(actor_files)


def _code_in_worker(batch: Sequence[Payload]) -> list[Result]:
    return code_batch(_WORKER_CODER, batch)


def _worker_peak_rss(_: int) -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class ProcessPool:
    """Codes over ``workers`` spawned processes (spawn: no inherited state, same on every platform)."""

    def __init__(self, workers: int, actor_files: Sequence[str] = ()) -> None:
        self.workers = workers
        self.pool = mp.get_context("spawn").Pool(
            workers, initializer=_init_worker, initargs=(tuple(actor_files),)
        )

    def map(self, batches: Iterable[Sequence[Payload]]) -> Iterator[list[Result]]:
        return self.pool.imap(_code_in_worker, batches)

    def peak_rss_mib(self) -> list[float]:
        """Peak resident memory of each worker so far (MiB), for benchmarks."""
        return sorted(set(self.pool.map(_worker_peak_rss, range(self.workers * 4), chunksize=1)))

    def close(self) -> None:
        self.pool.close()
        self.pool.join()

    def terminate(self) -> None:
        """Stop the workers now (after Ctrl-C, or once every result has been read)."""
        self.pool.terminate()
        self.pool.join()


def executor(workers: int, coder: Any = None, actor_files: Sequence[str] = ()) -> InProcess | ProcessPool:
    """In-process for one worker, a process pool for more; ``actor_files`` extend every coder's actors."""
    return ProcessPool(workers, actor_files) if workers > 1 else InProcess(coder, actor_files)
