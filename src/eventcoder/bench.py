"""`make bench`: speed on the Guardian sample, with the bare spaCy pipeline measured in the same run.

    python -m eventcoder.bench [PATH] [--limit N] [--repeat 3]

Reports (medians of ``--repeat`` runs): end-to-end sentences/s and articles/s with 1 and 2 workers; the
bare spaCy full pipeline (all components, NER included, ``nlp.pipe(n_process=2)``) over the same texts and
the ratio; the coding stage alone (actors, events, dates, places: parsing excluded); peak RSS of the
in-process coder and of each worker; the share of sentences the prefilter skipped, and the events found
with and without it. Skips with a message when the sample is absent.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

DEFAULT = Path(__file__).resolve().parents[2] / ".." / "shared" / "gold" / "unlabeled_news"
SAMPLE = "guardian_syria_2017_2019.jsonl"


def _rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _median_time(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="eventcoder-bench")
    ap.add_argument("path", nargs="?", default=str(DEFAULT / SAMPLE))
    ap.add_argument("--limit", type=int, default=0, help="Only the first N articles.")
    ap.add_argument("--repeat", type=int, default=3, help="Runs per figure (the median is reported).")
    args = ap.parse_args(argv)
    path = Path(args.path)
    if not path.exists():
        print(
            f"bench: {path} not found; skipping (the Guardian sample lives in ../shared/gold/unlabeled_news)."
        )
        return 0

    import spacy

    from .executors import ProcessPool, pack
    from .nlp import MODEL
    from .pipeline import Coder, sentence_docs
    from .readers import read_paths

    articles = list(read_paths([str(path)], None, lambda m: print(m, file=sys.stderr)))
    if args.limit:
        articles = articles[: args.limit]
    n = len(articles)
    coder = Coder()
    coder.code_texts(["Warm-up: Russia met Ukraine."])
    events = {"with": 0, "without": 0}

    def one_worker() -> None:
        events["with"] = sum(len(recs) for _, recs in coder.code_articles(articles))

    coder.parsed = coder.skipped = 0
    t1 = _median_time(one_worker, args.repeat)
    sentences = sum(len(a.sentences) for a in articles)
    skipped = coder.skipped / max(coder.parsed + coder.skipped, 1)
    rss = _rss_mib()

    # the coding stage alone: parse every kept sentence first, then time only the coding
    parsed = []
    for a in articles:
        spans = coder.split(a)
        sents = [
            (k, s.start_char, d, coder.prefilter.keep(s))
            for k, (s, d) in enumerate(zip(spans, sentence_docs(spans), strict=True))
        ]
        docs = iter(coder.nlp.pipe([d for _, _, d, keep in sents if keep], batch_size=256))
        parsed.append([(k, b, next(docs) if keep else d, keep) for k, b, d, keep in sents])
    pairs = list(zip(articles, parsed, strict=True))
    t_code = _median_time(lambda: [coder.code_sentences(a, p) for a, p in pairs], args.repeat)

    no_filter = Coder(prefilter=False)

    def unfiltered() -> None:
        events["without"] = sum(len(recs) for _, recs in no_filter.code_articles(articles))

    unfiltered()

    batches = [[pack(a) for a in articles[i : i + 8]] for i in range(0, n, 8)]
    pool = ProcessPool(2)
    list(pool.map(batches[:2]))  # warm-up: both workers have loaded their models
    t2 = _median_time(lambda: list(pool.map(batches)), args.repeat)
    worker_rss = pool.peak_rss_mib()
    pool.close()

    bare = spacy.load(MODEL)
    texts = [a.text for a in articles]
    list(bare.pipe(texts[:4], n_process=2))
    t_bare = _median_time(lambda: list(bare.pipe(texts, batch_size=32, n_process=2)), args.repeat)

    lost = events["without"] - events["with"]
    print(f"articles                      {n}")
    print(f"sentences                     {sentences}  (prefilter skipped {skipped:.1%} unparsed)")
    print(f"events                        {events['with']}  ({events['with'] / max(n, 1):.2f} per article)")
    share = lost / max(events["without"], 1)
    print(f"events without the prefilter  {events['without']}  (lost: {lost}, {share:.2%})")
    for label, secs in (
        ("eventcoder, 1 worker", t1),
        ("eventcoder, 2 workers", t2),
        ("bare spaCy full, n_process=2", t_bare),
    ):
        print(f"{label:<30}{sentences / secs:8.1f} sentences/s  {n / secs:6.2f} articles/s  ({secs:.1f} s)")
    print(f"ratio, 2 workers / bare       {t_bare / t2:8.2f}x")
    print(f"coding stage alone            {sentences / t_code:8.1f} sentences/s  (parsing excluded)")
    print(f"peak RSS, in-process coder    {rss:8.0f} MiB")
    print(f"peak RSS per worker           {', '.join(f'{r:.0f}' for r in worker_rss)} MiB")
    print(f"(medians of {args.repeat} runs)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
