"""Run the Microsoft Recognizers-Text English specs that fit our kinds and print pass rates.

    python tools/peer_recognizers.py ../shared/peer-suites/recognizers-text [--show-failures]

- Number/PercentModel: every expected percentage found as a `percentage` fact with the same value.
- Number/NumberModel: every expected number's text normalised by `extractors.numbers.parse_number`.
- DateTime/DateExtractor, DatePeriodExtractor: every expected span overlapped by a `date` or `period`
  fact (spans only: their resolutions use conventions of their own, e.g. relative days).
Cases the reference Python port does not support are counted apart. Nothing here is a unit test:
the suite is not shipped with the project.
"""
from __future__ import annotations

import json
import re
import sys
from datetime import date
from pathlib import Path

from extractors import extract_facts
from extractors.lang.en.numbers import parse_number


def _cases(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8-sig"))


def _value(text: str) -> float | None:
    try:
        return float(text.rstrip("%"))
    except ValueError:
        return None


def percent(case: dict) -> bool:
    facts = [f for f in extract_facts(case["Input"]) if f.kind == "percentage"]
    for result in case["Results"]:
        want = _value(result["Resolution"]["value"])
        if not any(want is not None and f.value is not None and abs(f.value - want) < 1e-9 for f in facts):
            return False
    return len(facts) == len(case["Results"])


def number(case: dict) -> bool:
    for result in case["Results"]:
        want = _value(result["Resolution"].get("value") or "")
        try:
            got = parse_number(result["Text"])
        except ValueError:
            return False
        if want is None or abs(got - want) > 1e-9 * max(1, abs(want)):
            return False
    return True


def spans(kinds: tuple[str, ...]):
    def check(case: dict) -> bool:
        ref = (case.get("Context") or {}).get("ReferenceDateTime")
        published = date.fromisoformat(ref[:10]) if ref else date(2016, 11, 7)
        facts = [f for f in extract_facts(case["Input"], published) if f.kind in kinds]
        for result in case["Results"]:
            start = result["Start"]
            end = start + result["Length"] if "Length" in result else result["End"] + 1
            if not any(f.start < end and start < f.end for f in facts):
                return False
        return bool(facts) == bool(case["Results"])
    return check


SUITES = {
    "Number/PercentModel.json": percent,
    "Number/NumberModel.json": number,
    "DateTime/DateExtractor.json": spans(("date",)),
    "DateTime/DatePeriodExtractor.json": spans(("period", "date")),
}


_MONTHS = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b", re.I)


def calendar(case: dict) -> bool:
    """A case our kinds cover: every expected date names a month or has digits, written as news
    would write it (capitalised months); relative days ("next friday", "tomorrow") are not FACTS.md
    dates and conversational lower case is not the genre."""
    texts = [r["Text"] for r in case["Results"]]
    return bool(texts) and all(re.search(r"\d", t) or (_MONTHS.search(t) and _MONTHS.search(t).group(0)[0].isupper())
                               for t in texts)


def main(root: Path, show: bool) -> None:
    for name, check in SUITES.items():
        cases = _cases(root / name)
        supported = [c for c in cases if "python" not in (c.get("NotSupported") or "").lower()
                     and not c.get("NotSupportedByDesign")]
        passed = [c for c in supported if check(c)]
        print(f"{name:<36} {len(passed):>4}/{len(supported):<4} passed "
              f"({len(passed) / max(1, len(supported)):.1%}; {len(cases) - len(supported)} not supported upstream)")
        if name.startswith("DateTime/"):
            fit = [c for c in supported if calendar(c)]
            ok = [c for c in fit if c in passed]
            print(f"{'  of which calendar dates in news form':<36} {len(ok):>4}/{len(fit):<4} passed "
                  f"({len(ok) / max(1, len(fit)):.1%})")
        if show:
            for c in supported:
                if c not in passed:
                    print("   FAIL", json.dumps(c["Input"])[:120])


if __name__ == "__main__":
    main(Path(sys.argv[1]), "--show-failures" in sys.argv)
