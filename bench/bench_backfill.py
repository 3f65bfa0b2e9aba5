"""Backfill from WARC files: engine local against engine ray on the same pages, in the same run, and a
paper estimate of a year of CC-NEWS from the measured costs.

    python bench/bench_backfill.py                        # 10,000 pages, engine ray with its default plan
    python bench/bench_backfill.py --pages 1000 --ray-workers 0 1   # ray twice: the default, then one actor

1. Writes `--pages` synthetic articles (generate.py, generate_vi.py: even ones English, as Hanoi Times
   and vietnam.vn pages; odd ones Vietnamese, as kinhtedothi.vn pages) as 200 HTML response records,
   one gzip member each, into `--files` WARC files (reused by a later run with the same arguments).
2. Stages them (pipeline.backfill.run.backfill, stage only) with engine local (a pool of `--workers`
   processes) and with engine ray (a local Ray of nproc CPUs; `--ray-workers` actors, 0 = the
   engine's default plan: one per CPU), each in a child process of its own. Ray's start is timed apart: a cluster
   pays it once, not per batch.
3. Checks that every run staged the same rows: facts set-equal (every column), articles set-equal
   (every column but the run ids).
4. Times a scan of the same files for hosts they do not hold (what reading CC-NEWS mostly is: inflating
   and skipping other sites' records), in one process: MB/s per core.
5. Estimates cores and hours for a year of CC-NEWS filtered to the three target hosts (the assumptions
   are printed with the figures and kept in bench/results/backfill.json).
"""
from __future__ import annotations

import argparse
import gzip
import io
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
import uuid
from datetime import timedelta, timezone
from pathlib import Path

import _common  # noqa: F401  (sys.path)
from _common import DEFAULT_CORPUS, ROOT, machine, write_result
from generate import MAKERS, RENDER

HOSTS = ["hanoitimes.vn", "vietnam.vn", "kinhtedothi.vn"]
SEED = 1


# --- the WARC files ---------------------------------------------------------------------------
def article(i: int) -> dict:
    return MAKERS["en" if i % 2 == 0 else "vi"](SEED, i)


def response_record(url: str, html: str, fetched: str) -> tuple[bytes, int]:
    """One response record as its own gzip member, and its size before compression."""
    from fastwarc.warc import WarcRecord, WarcRecordType

    body = html.encode("utf-8")
    http = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
            + f"Content-Length: {len(body)}\r\n\r\n".encode("ascii") + body)
    record = WarcRecord()
    record.init_headers(WarcRecordType.response, str(uuid.uuid5(uuid.NAMESPACE_URL, url)).encode("ascii"))
    for name, value in (("WARC-Target-URI", url), ("WARC-Date", fetched),
                        ("Content-Type", "application/http; msgtype=response")):
        record.headers.set(name, value)
    record.set_bytes_content(http)
    raw = io.BytesIO()
    record.write(raw)
    return gzip.compress(raw.getvalue(), compresslevel=6), raw.tell()


def write_warcs(folder: Path, pages: int, files: int) -> dict:
    """`pages` articles into `files` WARC files, article i in file i % files; reused if the stamp matches."""
    stamp = folder / ".done"
    key = f"{pages}:{files}:{SEED}"
    if stamp.exists() and stamp.read_text().split("|")[0] == key:
        return json.loads(stamp.read_text().split("|", 1)[1])
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    started = time.perf_counter()
    outs = [open(folder / f"bench-{k:05d}.warc.gz", "wb") for k in range(files)]
    raw_bytes = 0
    try:
        for i in range(pages):
            a = article(i)
            fetched = (a["published"] + timedelta(hours=6)).astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
            data, raw = response_record(a["url"], RENDER[a["site"]](a), fetched)
            outs[i % files].write(data)
            raw_bytes += raw
    finally:
        for fh in outs:
            fh.close()
    info = dict(pages=pages, files=files, gz_bytes=sum(p.stat().st_size for p in folder.glob("*.warc.gz")),
                raw_bytes=raw_bytes, seconds=time.perf_counter() - started)
    stamp.write_text(key + "|" + json.dumps(info))
    return info


# --- one engine, in a child process -----------------------------------------------------------
def child(engine: str, warcs: Path, staging: Path, workers: int, run_id: str) -> dict:
    from dataclasses import replace

    from pipeline.backfill.run import backfill
    from pipeline.config import Config

    ray_start = 0.0
    if engine == "ray":
        import logging

        import ray
        started = time.perf_counter()
        ray.init(num_cpus=os.cpu_count(), include_dashboard=False, log_to_driver=False, logging_level=logging.ERROR)
        ray_start = time.perf_counter() - started
    cfg = replace(Config(), warehouse=staging / "w.duckdb", staging_dir=staging)
    started = time.perf_counter()
    result = backfill(cfg, [str(warcs / "*.warc.gz")], HOSTS, engine=engine, run_id=run_id, stage_only=True,
                      workers=workers or None)
    seconds = time.perf_counter() - started
    st, m = result.staged, result.manifest
    assert st is not None
    return dict(engine=engine, run_id=run_id, workers=st.workers, ray_start_s=ray_start, seconds=seconds,
                stage_s=st.seconds, close_s=seconds - st.seconds, pages=st.pages, batches=st.batches,
                records=m.records, articles=m.articles, facts=m.facts, failed=m.failed, files=len(m.files),
                busy_s=st.parse_seconds + st.extract_seconds, parse_s=st.parse_seconds, extract_s=st.extract_seconds)


def run_child(engine: str, warcs: Path, staging: Path, workers: int) -> dict:
    run_id = f"bench-{engine}-{workers or 'default'}"
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", engine, "--warcs", str(warcs),
           "--staging", str(staging), "--workers", str(workers), "--run-id", run_id]
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    if proc.returncode:
        raise RuntimeError(f"child {engine}/{workers} failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def show(r: dict, cores: int) -> str:
    start = f", Ray start {r['ray_start_s']:.1f} s apart" if r["engine"] == "ray" else ""
    return (f"{r['engine']:>5} ({r['workers']} workers): {r['pages']} pages in {r['seconds']:.1f} s "
            f"(staging {r['stage_s']:.1f} s, close {r['close_s']:.1f} s{start}) = {r['pages_per_s']:.1f} pages/s, "
            f"{r['pages_per_s_per_core']:.1f} per core; {r['articles']} articles, {r['facts']} facts, "
            f"{r['failed']} failed")


# --- same rows --------------------------------------------------------------------------------
SKIP = {"facts": (), "articles": ("first_seen_run", "last_seen_run")}   # the run ids differ, nothing else


def _rows(run_dir: Path, table: str) -> str:
    exclude = ", ".join(("site", "month") + SKIP[table])
    files = f"{run_dir}/{table}/*/*/*.parquet"
    return f"select * exclude ({exclude}) from read_parquet('{files}', hive_partitioning = true)"


def same_rows(staging: Path, runs: list[dict]) -> dict:
    """Per run after the first: the rows of each table only it or only the first staged (0 and 0: set-equal)."""
    import duckdb

    first = staging / runs[0]["run_id"]
    out = {}
    con = duckdb.connect()
    try:
        for r in runs[1:]:
            other = staging / r["run_id"]
            diff = {table: dict(zip(("only_in_first", "only_in_other"), (
                con.execute(f"select count(*) from ({_rows(x, table)} except {_rows(y, table)})").fetchone()[0]
                for x, y in ((first, other), (other, first))))) for table in SKIP}
            out[r["run_id"]] = dict(diff, set_equal=all(not any(d.values()) for d in diff.values()))
    finally:
        con.close()
    return out


# --- the scan: other hosts' records, read and skipped ------------------------------------------
def scan(warcs: Path, info: dict, repeat: int = 5) -> dict:
    from pipeline.backfill.warc import WarcStats, read_pages

    times = []
    for _ in range(repeat):
        stats = WarcStats()
        started = time.perf_counter()
        for path in sorted(warcs.glob("*.warc.gz")):
            for _page in read_pages(str(path), {"example.org"}, stats):
                raise AssertionError("no page of example.org was written")
        times.append(time.perf_counter() - started)
    best = min(times)
    return dict(seconds=times, records=stats.records, gz_mb_per_s=info["gz_bytes"] / best / 1e6,
                raw_mb_per_s=info["raw_bytes"] / best / 1e6, records_per_s=stats.records / best,
                compression_ratio=info["raw_bytes"] / info["gz_bytes"])


# --- the paper estimate -----------------------------------------------------------------------
# Volumes of one year of CC-NEWS (assumptions, said in the output; check them against the year's
# crawl-data/CC-NEWS/<year>/<month>/warc.paths.gz listings before spending money):
CC_NEWS = dict(
    records_per_month=15e6,     # Infini-News (arXiv 2605.18337) counts ~1.35 billion articles in CC-NEWS
                                # from Aug 2016 to 2026 (~115 months, ~12 M a month); recent months above the mean
    gz_bytes_per_record=35e3,   # WARC files of ~1 GB (gzip per record) holding ~30,000 records each
    compression_ratio=4.0,      # news HTML with its HTTP and WARC headers, gzip -6
    # the three hosts: ~250 kinhtedothi.vn + ~40 hanoitimes.vn + ~110 vietnam.vn (English section)
    # articles a day, each captured once or twice by the news crawler: an upper bound, not a count
    target_pages_per_year=400 * 365 * 2,
)


def estimate(cost_core_s_per_page: float, scan_raw_mb_per_s: float, hours: float, cores_per_node: int,
             node_mb_per_s: float) -> dict:
    """Core-hours of a year (the scan of every record + the extraction of the target pages), and the
    hours on clusters of 1 to 32 nodes: the slower of their cores and their download."""
    year_records = CC_NEWS["records_per_month"] * 12
    gz_mb = year_records * CC_NEWS["gz_bytes_per_record"] / 1e6
    scan_core_h = gz_mb * CC_NEWS["compression_ratio"] / scan_raw_mb_per_s / 3600
    extract_core_h = CC_NEWS["target_pages_per_year"] * cost_core_s_per_page / 3600
    total_core_h = scan_core_h + extract_core_h

    def hours_on(nodes: int) -> float:
        return max(total_core_h / (nodes * cores_per_node), gz_mb / (nodes * node_mb_per_s) / 3600)

    clusters = {n: hours_on(n) for n in (1, 2, 4, 8, 16, 32)}
    fits = [n for n, h in clusters.items() if h <= hours]
    return dict(assumptions=CC_NEWS, year_records=year_records, year_gz_tb=gz_mb / 1e6, scan_core_hours=scan_core_h,
                extract_core_hours=extract_core_h, total_core_hours=total_core_h, cores_per_node=cores_per_node,
                node_mb_per_s=node_mb_per_s, hours_by_nodes=clusters, target_hours=hours,
                nodes_within_target=fits[0] if fits else None,
                extraction_share=extract_core_h / total_core_h,
                # the pages measured are synthetic and small (~8 KB of HTML; real ones weigh more), and
                # the share of the hosts is a guess: the same year if extraction cost 10x as much
                total_core_hours_extraction_x10=scan_core_h + 10 * extract_core_h,
                hours_by_nodes_extraction_x10={n: max((scan_core_h + 10 * extract_core_h) / (n * cores_per_node),
                                                      gz_mb / (n * node_mb_per_s) / 3600) for n in clusters},
                share_of_records_kept=CC_NEWS["target_pages_per_year"] / year_records)


def main(argv=None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=int, default=10_000)
    ap.add_argument("--files", type=int, default=20, help="WARC files the pages are spread over")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="engine local's pool")
    ap.add_argument("--ray-workers", type=int, nargs="+", default=[0],
                    help="engine ray's actors, one run each (0: the engine's default, one per CPU)")
    ap.add_argument("--work", type=Path, default=DEFAULT_CORPUS.parent / "backfill",
                    help="WARC files (kept for the next run) and the staged runs (removed)")
    ap.add_argument("--hours", type=float, default=24.0, help="the estimate: finish a year within this")
    ap.add_argument("--cores-per-node", type=int, default=16)
    ap.add_argument("--node-mb-per-s", type=float, default=500.0,
                    help="the estimate: what a node downloads from the archive (S3 in its region), MB/s")
    ap.add_argument("--child", choices=["local", "ray"], help=argparse.SUPPRESS)
    ap.add_argument("--warcs", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--staging", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--run-id", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        print(json.dumps(child(args.child, args.warcs, args.staging, args.workers, args.run_id)))
        return {}

    cores = os.cpu_count() or 1
    out: dict = dict(machine=machine(), pages=args.pages)
    warcs = args.work / f"warc-{args.pages}"
    info = out["warcs"] = write_warcs(warcs, args.pages, args.files)
    print(f"backfill: {info['pages']} pages in {info['files']} WARC files, {info['gz_bytes'] / 1e6:.1f} MB "
          f"({info['raw_bytes'] / 1e6:.1f} MB before gzip)")
    staging = args.work / "staging"
    shutil.rmtree(staging, ignore_errors=True)
    runs = []
    try:
        for engine, workers in [("local", args.workers)] + [("ray", w) for w in args.ray_workers]:
            r = run_child(engine, warcs, staging, workers)
            r["pages_per_s"] = r["pages"] / r["seconds"]
            r["pages_per_s_per_core"] = r["pages_per_s"] / cores
            r["core_s_per_page"] = cores * r["seconds"] / r["pages"]
            runs.append(r)
            print("  " + show(r, cores), flush=True)
        out["runs"] = runs
        out["same_rows"] = same_rows(staging, runs)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    local = runs[0]
    for r in runs[1:]:
        r["vs_local"] = r["pages_per_s"] / local["pages_per_s"]
        eq = out["same_rows"][r["run_id"]]
        print(f"  ray ({r['workers']} workers) / local: {r['vs_local']:.2f}x pages/s; staged rows set-equal: "
              f"{eq['set_equal']} (facts {eq['facts']}, articles {eq['articles']})")

    sc = out["scan"] = scan(warcs, info)
    print(f"  scan for other hosts, one process: {sc['gz_mb_per_s']:.0f} MB/s of gzip ({sc['raw_mb_per_s']:.0f} MB/s "
          f"inflated, {sc['records_per_s']:.0f} records/s; median of {len(sc['seconds'])}: "
          f"{statistics.median(sc['seconds']):.2f} s)")

    ray_best = max(runs[1:], key=lambda r: r["pages_per_s"]) if len(runs) > 1 else local
    est = out["estimate"] = estimate(ray_best["core_s_per_page"], sc["raw_mb_per_s"], args.hours, args.cores_per_node,
                                     args.node_mb_per_s)
    a = est["assumptions"]
    by_nodes = ", ".join(f"{n}: {h:.1f} h" for n, h in est["hours_by_nodes"].items())
    print(f"  estimate, one year of CC-NEWS for {', '.join(HOSTS)}:\n"
          f"    assumed {a['records_per_month'] / 1e6:.0f} M records/month -> "
          f"{est['year_records'] / 1e6:.0f} M a year, "
          f"{a['gz_bytes_per_record'] / 1e3:.0f} KB gzip each -> {est['year_gz_tb']:.1f} TB, inflating "
          f"{a['compression_ratio']:.0f}x; at most {a['target_pages_per_year']:,} target pages "
          f"({est['share_of_records_kept']:.3%} of the records)\n"
          f"    scan {est['scan_core_hours']:,.0f} core-hours (at {sc['raw_mb_per_s']:.0f} MB/s inflated per core) + "
          f"extraction {est['extract_core_hours']:,.0f} core-hours (at {ray_best['core_s_per_page'] * 1000:.0f} "
          f"core-ms per page, engine ray) = {est['total_core_hours']:,.0f} core-hours\n"
          f"    hours on N nodes of {args.cores_per_node} cores and {args.node_mb_per_s:.0f} MB/s each: {by_nodes}; "
          f"within {args.hours:g} h: {est['nodes_within_target'] or 'more than 32'} node(s); "
          f"extraction is {est['extraction_share']:.0%} of the work, the read tasks the rest\n"
          f"    extraction 10x dearer (bigger real pages, more captures): "
          f"{est['total_core_hours_extraction_x10']:,.0f} core-hours, "
          f"{est['hours_by_nodes_extraction_x10'][1]:.1f} h on one node")
    write_result("backfill", out)
    return out


if __name__ == "__main__":
    main()
