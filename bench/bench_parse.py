"""Parse throughput: milliseconds per page of `parse_page` over generated pages of the target sites (their
site adapters), and over the same pages forced through the generic path (`adapter="generic"`, which runs
trafilatura when no `itemprop=articleBody` is found).

With `--baseline TREE` (another checkout, e.g. `git worktree add /tmp/old <commit>`), each round runs one
child process on this tree and one on TREE, in alternating order, best of three passes inside each; the
result is the median ratio this/baseline (issue 12's target: parse time per page within 1.3x).

    python bench/bench_parse.py --n 300
    python bench/bench_parse.py --n 300 --baseline /tmp/old --rounds 5
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from itertools import islice
from pathlib import Path

import _common  # noqa: F401  (sys.path)
from _common import DEFAULT_CORPUS, ROOT, machine, run_child_json, verdict, write_result
from generate import generate, page_paths

PAGES = DEFAULT_CORPUS.parent / "pages"


def child(tree: Path, pages_dir: Path, n: int) -> dict:
    """Best of three passes over the first n pages, per mode, with `tree`'s code; JSON on stdout."""
    sys.path.insert(0, str(tree))   # before this tree's root, which _common put first
    from pipeline.crawl.decode import decode_html
    from pipeline.sites import parse_page

    htmls = [decode_html(p.read_bytes())[0] for p in islice(page_paths(pages_dir), n)]
    out = {}
    for mode, adapter in (("site", None), ("generic", "generic")):
        best = float("inf")
        for _ in range(3):
            started = time.perf_counter()
            for html in htmls:
                parse_page(html, "", adapter)
            best = min(best, time.perf_counter() - started)
        out[f"{mode}_ms"] = 1000 * best / len(htmls)
    out["pages"] = len(htmls)
    return out


def run_child(tree: Path, pages_dir: Path, n: int) -> dict:
    return run_child_json(__file__, tree, "--pages", str(pages_dir), "--n", str(n))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=300, help="pages (default 300)")
    ap.add_argument("--pages", type=Path, default=PAGES, help=f"generated pages (default {PAGES})")
    ap.add_argument("--baseline", type=Path, help="another checkout to compare with")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--tree", type=Path, default=ROOT, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        print(json.dumps(child(args.tree, args.pages, args.n)))
        return 0
    generate(args.pages, args.n, pages=True)
    rounds = []
    for r in range(args.rounds if args.baseline else 1):
        order = [("this", ROOT), ("baseline", args.baseline)] if args.baseline else [("this", ROOT)]
        if r % 2:
            order.reverse()
        rounds.append({name: run_child(tree, args.pages, args.n) for name, tree in order})
    this = {k: statistics.median(r["this"][k] for r in rounds) for k in ("site_ms", "generic_ms")}
    result = dict(machine=machine(), n=args.n, rounds=rounds, this=this)
    line = f"parse: {this['site_ms']:.2f} ms/page with the site adapters, {this['generic_ms']:.2f} ms/page generic"
    if args.baseline:
        ratios = {k: statistics.median(r["this"][k] / r["baseline"][k] for r in rounds)
                  for k in ("site_ms", "generic_ms")}
        result.update(baseline=str(args.baseline), ratios=ratios,
                      verdict=verdict(ratios["site_ms"] <= 1.3))
        line += (f"; this/baseline: site {ratios['site_ms']:.2f}x, generic {ratios['generic_ms']:.2f}x"
                 f" (median of {len(rounds)} rounds)")
    write_result("parse", result)
    print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
