"""Extraction speed of this tree against another checkout, measured in the same run: the figure the
issues' "throughput within 15 % of today's" targets are checked with.

Each round runs one child process per tree, in alternating order (so a machine whose load drifts
penalises neither side), and each child times the best of three `extract_many` passes over each corpus:

  bench      the first --n articles of `generate.py` (English), as bench_extract.py reads them
  en_gold    the English Hanoi and news-style train gold articles (real layouts, dense with figures)
  vi_gold    the Vietnamese train gold articles

The result is, per corpus, the median over rounds of this tree's articles/s divided by the baseline's
(1.0 = as fast; the issues allow 0.85). Both trees read the same files: the gold sets of *this* tree.

    git worktree add /tmp/before <commit>
    python bench/bench_extract_ab.py --baseline /tmp/before [--rounds 5] [--n 300]
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

import _common  # noqa: F401  (sys.path)
from _common import DEFAULT_CORPUS, ROOT, machine, run_child_json, verdict, write_result
from generate import generate, read_docs

GOLD = ROOT / "tests" / "gold"
CORPORA = {
    "en_gold": ([GOLD / "train", GOLD / "news" / "train"], "en"),
    "vi_gold": ([GOLD / "vi" / "train"], "vi"),
}
TARGET = 0.85


def _gold_items(dirs: list[Path]) -> list[tuple]:
    from datetime import date
    items = []
    for d in dirs:
        for line in (d / "docs.jsonl").read_text(encoding="utf-8").splitlines():
            doc = json.loads(line)
            published = date.fromisoformat(doc["published"]) if doc.get("published") else None
            items.append((doc["text"], published))
    return items


def _best_rate(extract_many, items: list[tuple], lang: str) -> float:
    """Articles per second, best of three passes (after one warm-up pass)."""
    list(extract_many(items[:3], lang=lang))
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        for _facts in extract_many(items, lang=lang):
            pass
        best = min(best, time.perf_counter() - started)
    return len(items) / best


def child(tree: Path, corpus: Path, n: int) -> dict:
    sys.path.insert(0, str(tree))   # before this tree's root, which _common put first
    import extractors

    assert Path(extractors.__file__).resolve().is_relative_to(tree.resolve()), extractors.__file__
    corpora = {"bench": ([(text, published) for _id, text, published in read_docs(corpus, n)], "en")}
    corpora.update({name: (_gold_items(dirs), lang) for name, (dirs, lang) in CORPORA.items()})
    return {name: _best_rate(extractors.extract_many, items, lang) for name, (items, lang) in corpora.items()}


def run_child(tree: Path, corpus: Path, n: int) -> dict:
    return run_child_json(__file__, tree, "--corpus", str(corpus), "--n", str(n))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--baseline", type=Path, help="another checkout to compare with (required)")
    ap.add_argument("--n", type=int, default=300, help="generated articles (default 300)")
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--tree", type=Path, default=ROOT, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        print(json.dumps(child(args.tree, args.corpus, args.n)))
        return 0
    if args.baseline is None:
        ap.error("--baseline is required")
    docs = generate(args.corpus, args.n)
    rounds = []
    for r in range(args.rounds):
        order = [("this", ROOT), ("baseline", args.baseline)]
        if r % 2:
            order.reverse()
        rounds.append({name: run_child(tree, docs, args.n) for name, tree in order})
        print(f"round {r + 1}: " + ", ".join(
            f"{k} {rounds[-1]['this'][k]:.1f}/{rounds[-1]['baseline'][k]:.1f}" for k in rounds[-1]["this"]),
            file=sys.stderr)
    names = list(rounds[0]["this"])
    ratios = {k: statistics.median(r["this"][k] / r["baseline"][k] for r in rounds) for k in names}
    result = dict(machine=machine(), n=args.n, baseline=str(args.baseline), rounds=rounds, ratios=ratios,
                  verdict=verdict(min(ratios.values()) >= TARGET))
    write_result("extract_ab", result)
    print("extract this/baseline articles/s (median of %d rounds): " % len(rounds)
          + ", ".join(f"{k} {v:.2f}x" for k, v in ratios.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
