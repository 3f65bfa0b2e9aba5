"""Whole pipeline from stored pages (parse -> extract -> load via pipeline.jobs.ingest.ingest_pages).

Each size runs in a child process of its own (fresh warehouse file), which reports its peak RSS from
resource.getrusage (its own, and the largest of its pool workers). First a calibration of one process
against a 2-process pool on the same pages picks the worker count (the winner is kept for the sizes).
Target: peak RSS at the large size within 1.2x of the small one (memory must not grow with the corpus).

    python bench/bench_pipeline.py                  # sizes 1000 and 10000 (default)
    python bench/bench_pipeline.py --sizes 10000 100000
"""
from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from itertools import islice
from pathlib import Path

import _common  # noqa: F401  (sys.path)
from _common import DEFAULT_CORPUS, ROOT, machine, verdict, write_result
from generate import generate, page_paths


def child(corpus: Path, n: int, workers: int, batch: int) -> dict:
    """One ingest run; printed as JSON on the last line of stdout."""
    import extractors
    from pipeline.jobs.ingest import ingest_pages
    from pipeline.config import Config
    from pipeline.store.warehouse import Warehouse
    trace = []          # (articles loaded, seconds, writer RSS MB) every `every` batches
    every = max(1, n // batch // 20)
    started = time.perf_counter()

    def progress(_message: str) -> None:
        progress.batches += 1
        if progress.batches % every == 0:
            trace.append((progress.batches * batch, round(time.perf_counter() - started, 1), round(_rss_mb())))
    progress.batches = 0

    with tempfile.TemporaryDirectory(prefix="bench-pipeline-") as tmp:
        db = Path(tmp) / "w.duckdb"
        with Warehouse(db, memory_limit=Config().memory_limit) as wh:
            wh.start_run("bench", "backfill", ["bench"], extractors.EXTRACTOR_VERSION)
            stats = ingest_pages(islice(page_paths(corpus), n), wh, "bench", "bench",
                                 batch_size=batch, workers=workers, progress=progress)
            wh.finish_run("bench", "ok", {"articles_new": stats.articles_new,
                                          "facts_loaded": stats.facts_loaded}, "bench")
            counts = wh.table_counts()
        db_bytes = db.stat().st_size
    self_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    child_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return dict(n=n, workers=workers, batch=batch, pages=stats.pages, failed=stats.failed,
                articles=stats.articles_loaded, facts=stats.facts_loaded, seconds=stats.seconds,
                articles_per_s=stats.articles_loaded / stats.seconds,
                parse_s=stats.parse_seconds, extract_s=stats.extract_seconds, load_s=stats.load_seconds,
                shares=stats.stage_shares(), peak_rss_mb=self_kb / 1024,
                peak_rss_workers_mb=child_kb / 1024 if workers > 1 else None,
                counts=counts, db_mb=db_bytes / 2**20, memory_limit=Config().memory_limit,
                trace_articles_seconds_rss_mb=trace)


def _rss_mb() -> float:
    """The writer's resident memory now (VmRSS), for the trace over the run."""
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def run_child(corpus: Path, n: int, workers: int, batch: int) -> dict:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", "--corpus", str(corpus), "--n", str(n),
           "--workers", str(workers), "--batch", str(batch)]
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    if proc.returncode:
        raise RuntimeError(f"child {n}/{workers} failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def show(r: dict) -> str:
    sh = r["shares"]
    workers_rss = f", workers {r['peak_rss_workers_mb']:.0f} MB each at most" if r["peak_rss_workers_mb"] else ""
    return (f"{r['n']:>7} pages, {r['workers']} worker(s): {r['articles_per_s']:6.1f} articles/s, "
            f"{r['facts']} facts in {r['seconds']:.0f}s; parse {sh['parse']:.0%} / extract {sh['extract']:.0%} "
            f"/ load {sh['load']:.0%}; peak RSS {r['peak_rss_mb']:.0f} MB{workers_rss}")


def main(argv=None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--sizes", type=int, nargs=2, default=[1000, 10000], metavar=("SMALL", "LARGE"))
    ap.add_argument("--calibrate", type=int, default=600, help="pages for the 1-process vs pool run")
    ap.add_argument("--workers", type=int, default=0, help="skip calibration and use this many")
    ap.add_argument("--batch", type=int, default=200)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--n", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        print(json.dumps(child(args.corpus, args.n, args.workers, args.batch)))
        return {}

    small, large = args.sizes
    started = time.perf_counter()
    generate(args.corpus, large, args.seed, pages=True)
    gen_s = time.perf_counter() - started
    out = dict(machine=machine(), corpus_generation_s=gen_s, sizes=[small, large])
    print(f"pipeline: corpus of {large} pages ready in {gen_s:.0f}s")
    if args.workers:
        workers = args.workers
    else:
        one = run_child(args.corpus, args.calibrate, 1, args.batch)
        pool = run_child(args.corpus, args.calibrate, 2, args.batch)
        print("  calibration: " + show(one))
        print("  calibration: " + show(pool))
        workers = 2 if pool["articles_per_s"] > one["articles_per_s"] * 1.05 else 1
        out["calibration"] = dict(one=one, pool2=pool, pool2_speedup=pool["articles_per_s"] / one["articles_per_s"])
        print(f"  -> pool of 2 is {out['calibration']['pool2_speedup']:.2f}x one process; keeping workers={workers}")
    out["workers"] = workers
    results = {}
    for n in (small, large):
        results[n] = run_child(args.corpus, n, workers, args.batch)
        print("  " + show(results[n]))
    out["runs"] = {str(k): v for k, v in results.items()}

    def peak(r):  # the whole job's footprint: the writer plus its workers
        return r["peak_rss_mb"] + (r["peak_rss_workers_mb"] or 0) * (r["workers"] if r["workers"] > 1 else 0)

    ratio = peak(results[large]) / peak(results[small])
    out["rss_ratio"] = ratio
    out["rss_ratio_writer_only"] = results[large]["peak_rss_mb"] / results[small]["peak_rss_mb"]
    print(f"  peak RSS {large} vs {small}: {ratio:.2f}x (writer + workers; writer alone "
          f"{out['rss_ratio_writer_only']:.2f}x) (target <= 1.2x: {verdict(ratio <= 1.2)})")
    write_result(f"pipeline_{small}_{large}", out)
    return out


if __name__ == "__main__":
    main()
