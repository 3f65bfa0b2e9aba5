"""Run every benchmark, one child process each, and write bench/results/summary.{json,md}.

    .venv/bin/python bench/run_all.py           # default sizes (< 20 min on 2 cores)
    .venv/bin/python bench/run_all.py --full    # + the pipeline at 10,000 vs 100,000 pages
    .venv/bin/python bench/run_all.py --only extract load
    .venv/bin/python bench/run_all.py --only backfill   # engine local vs ray on 10,000 pages (needs newsfacts[ray])

The synthetic corpus goes to $NEWSFACTS_BENCH_CORPUS (default /tmp/newsfacts-bench/corpus) and is reused
by later runs with the same seed.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

import _common  # noqa: F401  (sys.path)
from _common import BENCH, DEFAULT_CORPUS, RESULTS, ROOT, machine, verdict
from generate import generate


def run(script: str, *args: str) -> float:
    print(f"\n=== {script} {' '.join(args)}", flush=True)
    started = time.perf_counter()
    subprocess.run([sys.executable, str(BENCH / script), *args], cwd=ROOT, check=True)
    return time.perf_counter() - started


def load(name: str) -> dict | None:
    path = RESULTS / f"{name}.json"
    return json.loads(path.read_text()) if path.exists() else None


def summary(pipeline_names: list[str]) -> str:
    lines = ["| target | measured | verdict |", "|---|---|---|"]
    ex = load("extract")
    if ex:
        sm = ex.get("sm")
        if sm:
            lines.append(f"| extraction >= 10x en_core_web_sm ({sm['articles']} articles) | ours "
                         f"{sm['ours_articles_per_s']:.1f}/s vs sm {sm['sm_articles_per_s']:.2f}/s = "
                         f"{sm['ours_vs_sm_speedup']:.1f}x | {verdict(sm['ours_vs_sm_speedup'] >= 10)} |")
        else:
            lines.append("| extraction >= 10x en_core_web_sm | model not installed | unmeasured |")
        lines.append(f"| extraction within 2x of blank+sentencizer ({ex['articles']} articles) | ours "
                     f"{ex['ours_articles_per_s']:.1f}/s vs floor {ex['floor_articles_per_s']:.1f}/s = "
                     f"{ex['ours_vs_floor_slowdown']:.1f}x the floor's time | "
                     f"{verdict(ex['ours_vs_floor_slowdown'] <= 2)} |")
        vi = ex.get("vi")
        if vi:
            lines.append(f"| Vietnamese extraction >= 0.8x English articles/s ({vi['articles']} articles) | vi "
                         f"{vi['ours_articles_per_s']:.1f}/s vs en {ex['ours_articles_per_s']:.1f}/s = "
                         f"{vi['vi_vs_en_articles_per_s']:.2f}x ({vi['vi_vs_en_words_per_s']:.2f}x words/s) | "
                         f"{verdict(vi['vi_vs_en_articles_per_s'] >= 0.8)} |")
            lines.append(f"| Vietnamese extraction vs blank_pipeline('vi') floor | "
                         f"ours {vi['ours_articles_per_s']:.1f}/s "
                         f"vs floor {vi['floor_articles_per_s']:.1f}/s = {vi['ours_vs_floor_slowdown']:.1f}x the "
                         f"floor's time | report |")
        else:
            lines.append("| Vietnamese extraction >= 0.8x English articles/s | not measured | unmeasured |")
        lines.append(f"| 2-process pool vs one process (extraction) | {ex['pool2_speedup']:.2f}x "
                     f"({ex['pool2_articles_per_s']:.1f}/s) | info |")
    ld = load("load")
    if ld:
        lines.append(f"| bulk load >= 100x row-by-row | bulk {ld['bulk_facts_per_s']:.0f} facts/s vs "
                     f"{ld['rowwise_one_tx_facts_per_s']:.0f}/s (one tx) = {ld['bulk_vs_rowwise_one_tx']:.0f}x; "
                     f"vs autocommit {ld['bulk_vs_rowwise_autocommit']:.0f}x | "
                     f"{verdict(ld['bulk_vs_rowwise_one_tx'] >= 100)} |")
        rr = ld["rerun"]
        lines.append(f"| re-run over unchanged pages: no extraction, only the run record | "
                     f"{rr['second']['articles_unchanged']} unchanged, extract {rr['second']['extract_s']:.2f}s, "
                     f"tables changed: {rr['second']['tables_changed']}, {rr['second']['seconds']:.1f}s vs "
                     f"{rr['first']['seconds']:.1f}s first | {verdict(rr['ok'])} |")
    for name in pipeline_names:
        pl = load(name)
        if not pl:
            continue
        small, large = pl["sizes"]
        for n in (small, large):
            r = pl["runs"][str(n)]
            sh = r["shares"]
            lines.append(f"| pipeline {n} pages, workers={r['workers']} | {r['articles_per_s']:.1f} articles/s; "
                         f"parse {sh['parse']:.0%} / extract {sh['extract']:.0%} / load {sh['load']:.0%}; "
                         f"peak RSS {r['peak_rss_mb']:.0f} MB | report |")
        lines.append(f"| peak RSS {large} within 1.2x of {small} | {pl['rss_ratio']:.2f}x (writer + workers; "
                     f"writer alone {pl['rss_ratio_writer_only']:.2f}x), measured {pl['finished']} | "
                     f"{verdict(pl['rss_ratio'] <= 1.2)}{'' if large >= 100_000 else ' (proxy sizes)'} |")
    bf = load("backfill")
    if bf:
        local, *rays = bf["runs"]
        for r in rays:
            same = bf["same_rows"][r["run_id"]]["set_equal"]
            lines.append(f"| backfill {bf['pages']:,} WARC pages: engine ray ({r['workers']} actors) vs local "
                         f"({local['workers']} workers), same staged rows | {r['pages_per_s']:.1f} vs "
                         f"{local['pages_per_s']:.1f} pages/s = {r['vs_local']:.2f}x; rows set-equal: {same} | "
                         f"{verdict(same)} |")
        est = bf["estimate"]
        lines.append(f"| a year of CC-NEWS for the three hosts (paper estimate, bench_backfill.py) | "
                     f"{est['total_core_hours']:,.0f} core-hours; {est['hours_by_nodes']['1']:.1f} h on one node of "
                     f"{est['cores_per_node']} cores | report |")
    q = load("queries")
    if q:
        for name, r in q["queries"].items():
            if r.get("target", True):
                lines.append(f"| query '{name}' over {q['facts']:,} facts < 1 s | median "
                             f"{r['median_s'] * 1000:.0f} ms, cold {r['cold_s'] * 1000:.0f} ms | "
                             f"{verdict(r['ok'])} |")
    return "\n".join(lines)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--full", action="store_true", help="also run the pipeline at 10,000 vs 100,000 pages")
    ap.add_argument("--only", nargs="*", choices=["extract", "load", "pipeline", "queries", "backfill"],
                    help="backfill is not in the default set (about 15 min on 2 cores)")
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)
    only = set(args.only or ["extract", "load", "pipeline", "queries"])
    started = time.perf_counter()
    timings = {}
    n_pages = 100_000 if args.full else 10_000
    if only & {"extract", "load", "pipeline"}:
        t0 = time.perf_counter()
        generate(args.corpus, n_pages, args.seed, pages=True)
        timings["generate"] = time.perf_counter() - t0
        print(f"corpus: {n_pages} articles under {args.corpus} ({timings['generate']:.0f}s)")
    common = ["--corpus", str(args.corpus)]
    if "extract" in only:
        timings["extract"] = run("bench_extract.py", *common)
    if "load" in only:
        timings["load"] = run("bench_load.py", *common)
    pipeline_names = []
    if "pipeline" in only:
        timings["pipeline"] = run("bench_pipeline.py", *common, "--sizes", "1000", "10000")
        pipeline_names.append("pipeline_1000_10000")
        if args.full:
            workers = load("pipeline_1000_10000")["workers"]
            timings["pipeline_full"] = run("bench_pipeline.py", *common, "--sizes", "10000", "100000",
                                           "--workers", str(workers))
            pipeline_names.append("pipeline_10000_100000")
    if "queries" in only:
        timings["queries"] = run("bench_queries.py")
    if "backfill" in only:
        timings["backfill"] = run("bench_backfill.py")
    total = time.perf_counter() - started
    if "pipeline_10000_100000" not in pipeline_names and load("pipeline_10000_100000"):
        pipeline_names.append("pipeline_10000_100000")  # kept from the last --full run (dated in the table)
    table = summary(pipeline_names)
    md = (f"# Benchmark summary ({time.strftime('%Y-%m-%d %H:%M')})\n\n{table}\n\n"
          f"Wall time {total / 60:.1f} min: " + ", ".join(f"{k} {v:.0f}s" for k, v in timings.items()) + "\n")
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "summary.md").write_text(md)
    (RESULTS / "summary.json").write_text(json.dumps(dict(machine=machine(), timings=timings, total_s=total),
                                                     indent=1, default=str) + "\n")
    print("\n" + md)
    return 0


if __name__ == "__main__":
    sys.exit(main())
