"""The place finder alone: extractors.gazetteer.find_places + main_place per article (the call
newsfacts_about makes once per document), over the synthetic corpora, optionally against the module
as of another git revision (same process, runs alternated, best of --repeat; outputs compared).

    python bench/bench_gazetteer.py [--corpus DIR] [--vi-corpus DIR] [-n 2000] [--repeat 7] [--against HEAD]

The corpora are bench/generate.py's docs.jsonl (`generate.py DIR -n 2000 --no-pages [--lang vi]`).
"""
from __future__ import annotations

import argparse
import datetime as dt
import gc
import importlib.util
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import _common  # noqa: F401  (sys.path)
from _common import DEFAULT_CORPUS, ROOT

PACKAGE = "extractors/gazetteer"
DATA = "extractors/gazetteer/data"


def _load(path: Path, n: int) -> list[tuple[str, dt.date | None]]:
    docs = []
    with path.open(encoding="utf-8") as f:
        for line in f:
            if len(docs) >= n:
                break
            r = json.loads(line)
            pub = r.get("published")
            docs.append((r["text"], dt.date.fromisoformat(pub[:10]) if pub else None))
    return docs


def _module_at(rev: str, tmp: Path):
    """The gazetteer (its modules, a package since issue 16, or the one module before; and its data)
    as of git revision `rev`, imported under another name."""
    def show(path: str) -> bytes:
        return subprocess.run(["git", "-C", str(ROOT), "show", f"{rev}:{path}"], check=True,
                              capture_output=True).stdout

    def ls(path: str) -> list[str]:
        return subprocess.run(["git", "-C", str(ROOT), "ls-tree", "--name-only", f"{rev}:{path}"], check=True,
                              capture_output=True, text=True).stdout.split()
    package = tmp / "gazetteer_at_rev"
    (package / "data").mkdir(parents=True)
    for name in ls(PACKAGE):
        if name.endswith(".py"):
            (package / name).write_bytes(show(f"{PACKAGE}/{name}"))
    for name in ls(DATA):
        (package / "data" / name).write_bytes(show(f"{DATA}/{name}"))
    spec = importlib.util.spec_from_file_location("gazetteer_at_rev", package / "__init__.py",
                                                  submodule_search_locations=[str(package)])
    mod = importlib.util.module_from_spec(spec)
    sys.modules["gazetteer_at_rev"] = mod       # dataclasses look their module up
    spec.loader.exec_module(mod)
    return mod


def _run(mod, docs, lang) -> float:
    find, main = mod.find_places, mod.main_place
    gc.collect()
    started = time.perf_counter()
    for text, pub in docs:
        main(text, lang, pub, find(text, lang, pub))
    return time.perf_counter() - started


def _outputs(mod, docs, lang) -> list:
    out = []
    for text, pub in docs:
        places = mod.find_places(text, lang, pub)
        top = mod.main_place(text, lang, pub, places)
        out.append(([(p.name, p.level, p.code, p.start, p.end) for p in places],
                    top and (top.name, top.level, top.code, top.start, top.end)))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--vi-corpus", type=Path, default=None, help="default: --corpus with -vi appended")
    ap.add_argument("-n", type=int, default=2000, help="articles per corpus (the first n)")
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--against", metavar="REV", help="also time the module as of this git revision")
    args = ap.parse_args()
    vi_corpus = args.vi_corpus or args.corpus.with_name(args.corpus.name + "-vi")

    import extractors.gazetteer as current
    mods = {"working tree": current}
    with tempfile.TemporaryDirectory() as tmp:
        if args.against:
            mods[args.against] = _module_at(args.against, Path(tmp))
        for lang, corpus in (("en", args.corpus), ("vi", vi_corpus)):
            path = corpus / "docs.jsonl"
            if not path.exists():
                print(f"{lang}: no {path} (bench/generate.py {corpus} -n {args.n} --no-pages"
                      f"{' --lang vi' if lang == 'vi' else ''})")
                continue
            docs = _load(path, args.n)
            words = sum(len(t.split()) for t, _ in docs) / len(docs)
            for mod in mods.values():               # build the matchers, fill the caches
                _run(mod, docs, lang)
            best = dict.fromkeys(mods, float("inf"))
            order = list(mods)
            for r in range(args.repeat):
                for name in order if r % 2 == 0 else order[::-1]:
                    best[name] = min(best[name], _run(mods[name], docs, lang))
            line = ", ".join(f"{name} {best[name] / len(docs) * 1e3:.3f} ms" for name in mods)
            print(f"{lang}: {len(docs)} articles of {words:.0f} words on average, find_places + main_place "
                  f"per article (best of {args.repeat}): {line}")
            if args.against:
                ratio = best[args.against] / best["working tree"]
                base = _outputs(mods[args.against], docs, lang)
                differ = sum(a != b for a, b in zip(base, _outputs(current, docs, lang)))
                print(f"    {ratio:.2f}x the speed of {args.against}; articles whose places differ: {differ}")


if __name__ == "__main__":
    main()
