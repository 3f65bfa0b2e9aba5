"""Which tokenizer the Vietnamese rules run on: spaCy's default for "vi" (pyvi word segmentation),
spaCy's Vietnamese tokenizer without pyvi (split on whitespace only), and the rule tokenizer over
syllables that extractors/lang/vi uses (spaCy's Tokenizer with punctuation rules). Times tokenizing
the same texts with each, and shows how each cuts the forms the rules must see whole or apart.

    python bench/bench_vi_tokenizer.py [--docs FILE.jsonl] [--repeat 3]

pyvi is not a dependency of newsfacts: install it into the environment that runs this script
(`pip install pyvi`) to measure it; without it that row says unmeasured.
"""
from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import _common  # noqa: F401  (sys.path)
from _common import ROOT, write_result

FORMS = "Chỉ thị số 24-CT/TU ngày 7/8/2023; thu 176.737 tỷ đồng, đạt 49,1%; 440 lượt/1.306 công dân."


def _tokenizers() -> dict:
    import spacy

    from extractors.nlp import blank_pipeline

    out = {"rule (newsfacts)": blank_pipeline("vi").tokenizer,
           "vi, use_pyvi=false": spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}}).tokenizer}
    try:
        out["vi, pyvi (spaCy default)"] = spacy.blank("vi").tokenizer
    except ImportError:
        out["vi, pyvi (spaCy default)"] = None
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=Path, default=ROOT / "tests" / "gold" / "vi" / "train" / "docs.jsonl")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    texts = [json.loads(line)["text"] for line in args.docs.read_text(encoding="utf-8").splitlines() if line.strip()]
    chars = sum(map(len, texts))
    rows = {}
    for name, tok in _tokenizers().items():
        if tok is None:
            rows[name] = {"measured": False, "why": "pyvi not installed"}
            print(f"{name:<28} unmeasured (pyvi not installed)")
            continue
        best = float("inf")
        for _ in range(args.repeat):
            started = time.perf_counter()
            for t in texts:
                tok(t)
            best = min(best, time.perf_counter() - started)
        forms = [t.text for t in tok(FORMS)]
        rows[name] = {"measured": True, "seconds": round(best, 4), "chars_per_s": round(chars / best),
                      "forms": forms}
        print(f"{name:<28} {best:8.3f} s  {chars / best / 1e6:6.2f} M chars/s  {forms}")
    base = rows["rule (newsfacts)"]["seconds"]
    for row in rows.values():
        if row.get("measured"):
            row["time_vs_rule"] = round(row["seconds"] / base, 2)
    write_result("vi_tokenizer", {"docs": str(args.docs), "n_docs": len(texts), "chars": chars, "rows": rows})


if __name__ == "__main__":
    main()
