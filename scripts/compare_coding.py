"""Compare the coding stage (actors, events, dates, places; parsing excluded) of a git revision and the
working tree, in one process, on the same parsed Docs::

    PYTHONPATH=src .venv/bin/python scripts/compare_coding.py BASE_REV [--rounds 5] [--limit N] [PATH]

The base revision's ``src/eventcoder`` is unpacked into a temporary folder as ``eventcoder_base`` and both
versions are imported side by side (the base uses the working tree's spaCy components, which register
themselves once per process). Every article of the Guardian sample is split, prefiltered and parsed once;
each round then codes every article with both versions, one after the other, the order alternating from
article to article, and adds up each version's CPU time. On a shared machine whose load moves a whole pass
by 30% or more, interleaving per article keeps the ratio of the two within a percent or two; alternating
whole passes does not. Reports each version's median CPU time and sentences/s, and the median ratio, after
checking that both versions give the same records (exit 1 when they do not).
"""

from __future__ import annotations

import argparse
import io
import json
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT / ".." / "shared" / "gold" / "unlabeled_news" / "guardian_syria_2017_2019.jsonl"


def _unpack(rev: str, into: Path) -> None:
    """``src/eventcoder`` at ``rev`` as the package ``eventcoder_base`` under ``into``."""
    raw = subprocess.run(
        ["git", "archive", "--format=tar", rev, "src/eventcoder"], cwd=ROOT, check=True, capture_output=True
    ).stdout
    with tarfile.open(fileobj=io.BytesIO(raw)) as tar:
        tar.extractall(into, filter="data")
    pkg = into / "eventcoder_base"
    (into / "src" / "eventcoder").rename(pkg)
    nlp = pkg / "nlp.py"  # spaCy registers a component factory once per process: use the working tree's
    own, shared = "from . import attributes\n", "from eventcoder import attributes\n"
    nlp.write_text(nlp.read_text().replace(own, shared))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="compare_coding")
    ap.add_argument("base", help="The git revision to compare the working tree with.")
    ap.add_argument("path", nargs="?", default=str(DEFAULT))
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--limit", type=int, default=0, help="Only the first N articles.")
    args = ap.parse_args(argv)
    if not Path(args.path).exists():
        print(f"compare_coding: {args.path} not found; skipping.")
        return 0

    from eventcoder.pipeline import Coder, sentence_docs
    from eventcoder.readers import read_paths

    tmp = tempfile.TemporaryDirectory()
    _unpack(args.base, Path(tmp.name))
    sys.path.insert(0, tmp.name)
    from eventcoder_base.pipeline import Coder as BaseCoder

    articles = list(read_paths([args.path], None, lambda m: print(m, file=sys.stderr)))
    if args.limit:
        articles = articles[: args.limit]
    new = Coder()
    coders: dict[str, Any] = {"base": BaseCoder(nlp=new.nlp), "new": new}
    for c in coders.values():
        c.code_texts(["Warm-up: Russia met Ukraine."])
    assert new.prefilter is not None
    pairs = []
    for a in articles:  # split, prefilter and parse once, as the bench's "coding stage alone" does
        spans = new.split(a)
        sents = [
            (k, s.start_char, d, new.prefilter.keep(s))
            for k, (s, d) in enumerate(zip(spans, sentence_docs(spans), strict=True))
        ]
        docs = iter(new.nlp.pipe([d for _, _, d, keep in sents if keep], batch_size=256))
        pairs.append((a, [(k, b, next(docs) if keep else d, keep) for k, b, d, keep in sents]))
    sentences = sum(len(a.sentences) for a in articles)

    out = {name: json.dumps([c.code_sentences(a, p) for a, p in pairs]) for name, c in coders.items()}
    if out["base"] != out["new"]:
        print("compare_coding: the two versions give different records")
        return 1
    times: dict[str, list[float]] = {name: [] for name in coders}
    order = list(coders.items())
    for r in range(args.rounds):
        spent = dict.fromkeys(coders, 0.0)
        for j, (a, p) in enumerate(pairs):
            for name, c in order if (j + r) % 2 == 0 else order[::-1]:
                t0 = time.process_time()
                c.code_sentences(a, p)
                spent[name] += time.process_time() - t0
        for name, secs in spent.items():
            times[name].append(secs)
        print(f"round {r}: " + ", ".join(f"{name} {secs:.3f} s" for name, secs in spent.items()), flush=True)
    for name, secs in times.items():
        m = statistics.median(secs)
        print(f"{name:<5} median {m:.3f} s CPU  {sentences / m:7.0f} sentences/s")
    ratio = statistics.median(b / n for b, n in zip(times["base"], times["new"], strict=True))
    print(f"base / new, median of the rounds' ratios: {ratio:.3f} (records identical)")
    tmp.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
