"""`make bench`: end-to-end speed on the Guardian sample, against the bare spaCy pipeline in the same run.

    python -m eventcoder.bench [PATH] [--limit N]

Prints articles/s, sentences/s, events, peak RSS; then the bare spaCy full pipeline (all components, NER
included, ``nlp.pipe``) over the same texts, and the ratio. Skips with a message when the sample is absent.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

DEFAULT = Path(__file__).resolve().parents[2] / ".." / "shared" / "gold" / "unlabeled_news"
SAMPLE = "guardian_syria_2017_2019.jsonl"


def _rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="eventcoder-bench")
    ap.add_argument("path", nargs="?", default=str(DEFAULT / SAMPLE))
    ap.add_argument("--limit", type=int, default=0, help="Only the first N articles.")
    args = ap.parse_args(argv)
    path = Path(args.path)
    if not path.exists():
        print(
            f"bench: {path} not found; skipping (the Guardian sample lives in ../shared/gold/unlabeled_news)."
        )
        return 0

    import spacy

    from .nlp import MODEL
    from .pipeline import Coder
    from .readers import read_paths

    articles = list(read_paths([str(path)], None, lambda m: print(m, file=sys.stderr)))
    if args.limit:
        articles = articles[: args.limit]
    coder = Coder()
    coder.code_texts(["Warm-up: Russia met Ukraine."])
    t0 = time.perf_counter()
    events = sentences = 0
    for art, recs in coder.code_articles(articles):
        events += len(recs)
        sentences += len(art.sentences)
    dt_ours = time.perf_counter() - t0
    rss = _rss_mib()

    bare = spacy.load(MODEL)
    list(bare.pipe(["Warm-up sentence."]))
    t0 = time.perf_counter()
    for _ in bare.pipe((a.text for a in articles), batch_size=32):
        pass
    dt_bare = time.perf_counter() - t0

    n = len(articles)
    print(f"articles            {n}")
    print(f"sentences           {sentences}")
    print(f"events              {events}  ({events / max(n, 1):.2f} per article)")
    for label, secs in (("eventcoder", dt_ours), ("bare spaCy (full)", dt_bare)):
        rate = f"{n / secs:8.1f} articles/s  {sentences / secs:8.1f} sentences/s"
        print(f"{label:<20}{rate}  ({secs:.1f} s)")
    print(f"ratio               {dt_bare / dt_ours:8.2f}x the bare pipeline")
    print(f"peak RSS (coding)   {rss:8.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
