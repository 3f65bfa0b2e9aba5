"""Pin the extraction output of every in-repo gold set for the current EXTRACTOR_VERSION.

    python tests/gold/pin_digests.py

Run it after bumping EXTRACTOR_VERSION (extractors/__init__.py) for a change that alters facts. It adds the
version's digests to tests/gold/output_digests.json and refuses to alter a version already pinned: a
changed output needs a new version, so stored articles are re-extracted (tests/test_gold_gate.py checks
both)."""
from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent.parent), str(HERE.parent)]

from extractors import EXTRACTOR_VERSION  # noqa: E402
from pipeline.evaluate import evaluate  # noqa: E402
from test_gold_gate import DIGESTS_PATH, IN_REPO_SETS  # noqa: E402


def main() -> int:
    pinned = json.loads(DIGESTS_PATH.read_text(encoding="utf-8")) if DIGESTS_PATH.exists() else {}
    now = {name: evaluate(path).output_digest for name, path in IN_REPO_SETS.items()}
    if EXTRACTOR_VERSION in pinned:
        if pinned[EXTRACTOR_VERSION] == now:
            print(f"{EXTRACTOR_VERSION}: already pinned, output unchanged")
            return 0
        changed = sorted(n for n in now if pinned[EXTRACTOR_VERSION].get(n) != now[n])
        print(f"{EXTRACTOR_VERSION} is pinned and the output of {', '.join(changed)} differs from it: bump "
              f"EXTRACTOR_VERSION in extractors/__init__.py, then run this again", file=sys.stderr)
        return 1
    pinned[EXTRACTOR_VERSION] = now
    DIGESTS_PATH.write_text(json.dumps(pinned, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    print(f"{EXTRACTOR_VERSION}: pinned {len(now)} sets")
    return 0


if __name__ == "__main__":
    sys.exit(main())
