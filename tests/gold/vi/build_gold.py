#!/usr/bin/env python3
"""Build the Vietnamese newsfacts gold set from tests/gold/vi/articles/NNN_slug.txt.

Same markup as the English set (tests/gold/README.md): a header

    id: vi-001-slug
    published: 2024-08-14
    ---

then the article text with [[kind attr=value ...|surface]] markup; kinds c/p/r/k/m/q/d/pe/o/doc
(full names accepted); the only nesting allowed is a date inside a document.

Difference from the English builder: NOTHING is derived from the surface text. Every normalised
field is written explicitly in the markup:

    count       v u [q] [vmax]                 [[c v=15 u="đảng viên"|15 đảng viên]]
    percentage  v [q] [vmax] [u=percentage_points]
    ratio       n den u [q]
    rank        v [den] [u]
    money       v cur [u] [q] [vmax]           [[m v=176737e9 cur=VND|176.737 tỷ đồng]]
    quantity    v u [q] [vmax]
    date        d g                            [[d d=2023-08-07 g=day|ngày 7/8/2023]]
    period      s e
    official    p t [org]
    document    type num [issued]              (issued must equal the nested date, if any)

Values are written in plain decimal notation (point as decimal mark, no grouping): 7.6, 1200000,
or with an exponent (176737e9, 1.2e6). Whole numbers are output as ints.

Analysis fields (FACTS.md "What a figure is about"), on count/percentage/ratio/rank/money/quantity
only: meas="..." (measure), pl="..." pll=country|province|district|ward (place, place_level), rs= re=
(ref_start, ref_end; ISO days). Header defaults `place:` / `place_level:` apply to every such figure
without pl/pll; pl=none leaves the place absent. Output after the existing fields in the order
measure, place, place_level, ref_start, ref_end.

Validation (fatal): as the English builder -- required/allowed fields, qualifier names, currency
codes, ISO dates and granularity, value_max > value, period order, person/title/org inside the
official span (case-insensitive), doc_number inside the span, no overlapping spans except
document > date, text == doc[start:end], no outer whitespace in a span, article 250-700 words,
published 2019-2025, id "vi-NNN-..." matching the file number -- plus, for the Vietnamese
qualifier convention: a qualifier word at the start of a span needs q=, a q= needs a qualifier
word in the span, and a qualifier (or "từ") left just outside a span is an error (ok=1 silences
the qualifier checks for one span).

Warnings (not fatal; `--strict` makes them fatal): a cross-check of the written values against a
rough reading of the surface (numbers with "." thousands and "," decimals, scale words, word
numbers, date forms, years inside periods, "đến nay" ending on the publication date), a count
unit not found in its span, units that should be normalised (m2, ha). They exist to catch typos;
the written value always wins. ok=1 also silences the warnings of one span.

The text is kept exactly as written (no NFC normalisation; U+00D0 "Ð" and old spellings stay).

Usage (from the repository root):
    .venv/bin/python tests/gold/vi/build_gold.py                # build + validate
    .venv/bin/python tests/gold/vi/build_gold.py --review       # + every fact and every digit run
                                                                #   not covered by a span
    .venv/bin/python tests/gold/vi/build_gold.py --review 007_  # review one article
    .venv/bin/python tests/gold/vi/build_gold.py --strict       # warnings are errors

Output (deterministic): tests/gold/vi/{train,dev,test}/{docs,facts}.jsonl in the English set's
formats. Split: articles 041 and up (a third annotator's) go to dev; of 001-040, NNN goes to test when
NNN % 4 == 0, else train.
"""
from __future__ import annotations

import datetime as dt
import json
import re
import sys
from collections import Counter
from decimal import Decimal, InvalidOperation
from pathlib import Path

HERE = Path(__file__).resolve().parent
ARTICLES = HERE / "articles"
sys.path.insert(0, str(HERE.parent))
# the English builder (markup parser and contract tables); loaded under its own name because this
# file has the same file name
import importlib.util  # noqa: E402

_spec = importlib.util.spec_from_file_location("gold_en_build", HERE.parent / "build_gold.py")
_en = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_en)
ALLOWED, FIELD_ORDER, KINDS, NUMERIC, QUALIFIERS = (
    _en.ALLOWED, _en.FIELD_ORDER, _en.KINDS, _en.NUMERIC, _en.QUALIFIERS)
GoldError, iso_ok, read_new_article = _en.GoldError, _en.iso_ok, _en.read_new_article
check_fields, check_overlaps, write_jsonl = _en.check_fields, _en.check_overlaps, _en.write_jsonl

# analysis fields (FACTS.md "What a figure is about"): what a figure measures, the administrative
# unit it belongs to and the period it refers to. Written in the markup as meas= pl= pll= rs= re=;
# the header may carry article defaults `place:` / `place_level:` (a figure's own pl/pll win;
# pl=none leaves a figure's place absent). Registered here so that this builder does not depend on
# the English builder's attribute table.
ANALYSIS_ATTR = {"meas": "measure", "pl": "place", "pll": "place_level", "rs": "ref_start",
                 "re": "ref_end"}
ANALYSIS_FIELDS = ("measure", "place", "place_level", "ref_start", "ref_end")
ANALYSIS_KINDS = ("count", "percentage", "ratio", "rank", "money", "quantity")
PLACE_LEVELS = {"country", "province", "district", "ward"}
for _k, _v in ANALYSIS_ATTR.items():
    if _en.ATTR.get(_k, _v) != _v:
        raise GoldError(f"attribute {_k!r} means {_en.ATTR[_k]!r} in the English builder")
    _en.ATTR[_k] = _v
ALLOWED = {k: set(v) - set(ANALYSIS_FIELDS) | (set(ANALYSIS_FIELDS) if k in ANALYSIS_KINDS else set())
           for k, v in ALLOWED.items()}
FIELD_ORDER = tuple(f for f in FIELD_ORDER if f not in ANALYSIS_FIELDS) + ANALYSIS_FIELDS
NO_PLACE = "none"

CURRENCIES = {"VND", "USD", "EUR", "JPY", "KRW", "CNY", "GBP", "SGD", "THB", "AUD"}

# qualifier words (FACTS.md "Vietnamese text", decision V4), longest first
QUAL_VI = [
    ("chưa đến", "less_than"), ("chưa tới", "less_than"), ("không quá", "at_most"),
    ("không vượt quá", "at_most"), ("tối đa", "at_most"), ("ít nhất", "at_least"),
    ("tối thiểu", "at_least"), ("xấp xỉ", "approx"), ("khoảng", "approx"), ("gần", "approx"),
    ("chừng", "approx"), ("hơn", "more_than"), ("trên", "more_than"), ("vượt", "more_than"),
    ("dưới", "less_than"),
]
QUAL_START_RE = re.compile(r"^(?:" + "|".join(re.escape(w) for w, _ in QUAL_VI) + r")\s", re.I)
QUAL_BEFORE_RE = re.compile(r"(?:^|[\s(,;:])(?:" + "|".join(re.escape(w) for w, _ in QUAL_VI)
                            + r"|từ)\s$", re.I)
QUAL_KINDS = ("count", "percentage", "money", "quantity", "ratio")


class Warn(list):
    def add(self, where, msg):
        self.append(f"{where}: {msg}")


# ---------------------------------------------------------------------------------------------
# rough surface reading, for warnings only (the written values are the gold)

DIGITS_VI = {"không": 0, "một": 1, "mốt": 1, "hai": 2, "ba": 3, "bốn": 4, "tư": 4, "năm": 5,
             "lăm": 5, "sáu": 6, "bảy": 7, "bẩy": 7, "tám": 8, "chín": 9}
ORD_VI = {"nhất": 1, "nhì": 2, "hai": 2, "ba": 3, "tư": 4, "bốn": 4, "năm": 5, "sáu": 6,
          "bảy": 7, "tám": 8, "chín": 9, "mười": 10}
SCALE_VI = [("nghìn tỷ", 10 ** 12), ("ngàn tỷ", 10 ** 12), ("nghìn tỉ", 10 ** 12),
            ("ngàn tỉ", 10 ** 12), ("triệu tỷ", 10 ** 15), ("tỷ", 10 ** 9), ("tỉ", 10 ** 9),
            ("triệu", 10 ** 6), ("nghìn", 10 ** 3), ("ngàn", 10 ** 3)]
SCALE_RE = r"(?:\s*(?:" + "|".join(re.escape(s) for s, _ in SCALE_VI) + r")(?![^\W\d_]))?"
NUM_RE = r"\d[\d.,]*\d|\d"
ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4}


def vi_number(tok: str):
    """'176.737' -> 176737, '7,6' -> 7.6, '5.330,9' -> 5330.9, '70,759' -> 70.759."""
    t = tok
    intpart, _, frac = t.partition(",")
    if "," in frac:
        return None
    groups = intpart.split(".")
    if len(groups) > 1 and not all(len(g) == 3 for g in groups[1:]):
        return None
    s = "".join(groups) + ("." + frac if frac else "")
    try:
        return Decimal(s)
    except InvalidOperation:
        return None


def word_number(words: list[str]):
    """Leading Vietnamese word number -> (value, words used) or None ("hai mươi lăm" -> 25)."""
    t = [w.lower().strip(",.;:()") for w in words] + ["", "", "", "", ""]
    if t[0] == "nửa":
        return Decimal("0.5"), 1
    plain = {k: v for k, v in DIGITS_VI.items() if k not in ("mốt", "lăm", "tư", "không")}
    after = {k: v for k, v in DIGITS_VI.items() if k not in ("không", "năm")}

    def tens(i):
        if t[i] == "mười":
            if t[i + 1] in after and t[i + 1] not in ("tư",):
                return 10 + after[t[i + 1]], i + 2
            return 10, i + 1
        if t[i] in plain and t[i + 1] == "mươi":
            v = plain[t[i]] * 10
            if t[i + 2] in after:
                return v + after[t[i + 2]], i + 3
            return v, i + 2
        if t[i] in plain:
            return plain[t[i]], i + 1
        return None

    if t[0] in plain and t[1] == "trăm":
        v, i = plain[t[0]] * 100, 2
        if t[i] in ("linh", "lẻ") and t[i + 1] in plain:
            return Decimal(v + plain[t[i + 1]]), i + 2
        r = tens(i)
        if r:
            return Decimal(v + r[0]), r[1]
        return Decimal(v), i
    r = tens(0)
    if r:
        return Decimal(r[0]), r[1]
    return None


def _apply_scale(v, scale):
    if v is None:
        return None
    if scale:
        s = scale.strip().lower()
        for name, mul in SCALE_VI:
            if s == name:
                return v * mul
    return v


def surface_amount(text: str):
    """(value, value_max) read from the first number(s) of a span, or None."""
    s = QUAL_START_RE.sub("", text.strip(), count=1)
    s = re.sub(r"^từ\s+", "", s, flags=re.I)
    m = re.search(rf"(?P<a>{NUM_RE})(?P<sa>{SCALE_RE})"
                  rf"(?:\s*(?:%|phần trăm)?\s*(?:-|–|đến|tới)\s*(?P<b>{NUM_RE})(?P<sb>{SCALE_RE}))?", s)
    if m and m.start() == 0:
        sa, sb = m.group("sa") or "", m.group("sb") or ""
        if m.group("b") and sb.strip() and not sa.strip():
            sa = sb
        a = _apply_scale(vi_number(m.group("a")), sa)
        b = _apply_scale(vi_number(m.group("b")), sb) if m.group("b") else None
        return a, b
    words = s.split()
    wn = word_number(words)
    if wn:
        v, used = wn
        rest = " ".join(words[used:])
        ms = re.match(SCALE_RE, " " + rest)
        if ms and ms.group(0).strip():
            v = _apply_scale(v, ms.group(0))
        return v, None
    return None


def surface_ratio(text: str):
    s = QUAL_START_RE.sub("", text.strip(), count=1)
    nums = re.findall(NUM_RE, s)
    if len(nums) >= 2:
        return vi_number(nums[0]), vi_number(nums[1])
    return None


def surface_rank(text: str):
    m = re.search(rf"(?:thứ|hạng|vị trí)\s+(?:thứ\s+)?(?P<n>\d+|[^\W\d_]+)(?:\s*/\s*(?P<d>{NUM_RE}))?", text, re.I)
    if not m:
        return None
    n = m.group("n")
    v = Decimal(n) if n.isdigit() else (Decimal(ORD_VI[n.lower()]) if n.lower() in ORD_VI else None)
    d = vi_number(m.group("d")) if m.group("d") else None
    return v, d


def _year_for(month: int, pub: dt.date) -> int:
    return pub.year - 1 if month > pub.month + 6 else pub.year


def surface_date(text: str, pub: dt.date):
    """(iso, granularity) for the common Vietnamese forms, or None."""
    s = text.strip().lower()
    s = re.sub(r"^(?:(?:sáng|chiều|tối|trưa|đêm|rạng sáng|cuối|đầu|giữa|trung tuần|thượng tuần|"
               r"hạ tuần|hôm)\s+)+", "", s)
    s = re.sub(r"^(?:của\s+)?", "", s)
    try:
        m = re.fullmatch(r"(?:ngày\s+)?(\d{1,2})\s*([/.\-])\s*(\d{1,2})\s*\2\s*(\d{4})", s)
        if m:
            return dt.date(int(m[4]), int(m[3]), int(m[1])).isoformat(), "day"
        m = re.fullmatch(r"(?:ngày\s+)?(\d{1,2})\s+tháng\s+(\d{1,2})(?:\s+năm\s+|\s*[/\-]\s*)(\d{4})", s)
        if m:
            return dt.date(int(m[3]), int(m[2]), int(m[1])).isoformat(), "day"
        m = re.fullmatch(r"(?:ngày\s+)?(\d{1,2})\s+tháng\s+(\d{1,2})", s)
        if m:
            mo = int(m[2])
            return dt.date(_year_for(mo, pub), mo, int(m[1])).isoformat(), "day"
        m = re.fullmatch(r"(?:ngày\s+)?(\d{1,2})\s*([/.\-])\s*(\d{1,2})", s)
        if m:
            mo = int(m[3])
            return dt.date(_year_for(mo, pub), mo, int(m[1])).isoformat(), "day"
        m = re.fullmatch(r"tháng\s+(\d{1,2})(?:\s*[/\-.]\s*|\s+năm\s+)(\d{4})", s)
        if m and 1 <= int(m[1]) <= 12:
            return f"{int(m[2]):04d}-{int(m[1]):02d}", "month"
        m = re.fullmatch(r"tháng\s+(\d{1,2})", s)
        if m and 1 <= int(m[1]) <= 12:
            mo = int(m[1])
            return f"{_year_for(mo, pub):04d}-{mo:02d}", "month"
        m = re.fullmatch(r"(?:năm\s+)?(\d{4})", s)
        if m:
            return m[1], "year"
    except ValueError:
        return None
    return None


def _last_day(y: int, m: int) -> dt.date:
    return (dt.date(y + (m == 12), m % 12 + 1, 1) - dt.timedelta(days=1))


def surface_period(text: str, pub: dt.date):
    """(start, end) for a few period forms, or None."""
    s = text.strip().lower()
    m = re.fullmatch(r"(?:nhiệm kỳ|giai đoạn|năm học|kế hoạch|thời kỳ|niên độ)?\s*(\d{4})\s*[-–]\s*(\d{4})", s)
    if m:
        return f"{m[1]}-01-01", f"{m[2]}-12-31"
    m = re.fullmatch(r"quý\s+(iv|iii|ii|i|[1-4])(?:\s*[/\-]\s*|\s+năm\s+)?(\d{4})?", s)
    if m:
        q = ROMAN.get(m[1].upper()) or int(m[1])
        y = int(m[2]) if m[2] else pub.year
        return dt.date(y, 3 * q - 2, 1).isoformat(), _last_day(y, 3 * q).isoformat()
    m = re.fullmatch(r"(\d{1,2}|[^\W\d_]+(?:\s[^\W\d_]+)?)\s+tháng\s+(đầu\s+|cuối\s+)?năm(?:\s+(\d{4}))?", s)
    if m:
        wn = word_number(m[1].split()) if not m[1].isdigit() else (Decimal(m[1]), 1)
        if wn:
            n = int(wn[0])
            y = int(m[3]) if m[3] else pub.year
            if m[2] and m[2].strip() == "cuối":
                return dt.date(y, 13 - n, 1).isoformat(), f"{y}-12-31"
            if 1 <= n <= 12:
                return f"{y}-01-01", _last_day(y, n).isoformat()
    m = re.fullmatch(r"nửa\s+(đầu|cuối)\s+năm(?:\s+(\d{4}))?", s)
    if m:
        y = int(m[2]) if m[2] else pub.year
        return (f"{y}-01-01", f"{y}-06-30") if m[1] == "đầu" else (f"{y}-07-01", f"{y}-12-31")
    return None


def lint(fact, pub, w: Warn, where):
    kind, text = fact["kind"], fact["text"]
    low = text.lower()
    if kind in ("count", "percentage", "money", "quantity"):
        got = surface_amount(text)
        if got is None or got[0] is None:
            w.add(where, f"{kind} {text!r}: could not read a number from the surface (check value)")
        else:
            a, b = got
            if Decimal(str(fact["value"])) != a:
                w.add(where, f"{kind} {text!r}: value {fact['value']} but the surface reads {a.normalize():f}")
            vmax = fact.get("value_max")
            if (b is None) != (vmax is None) or (b is not None and Decimal(str(vmax)) != b):
                w.add(where, f"{kind} {text!r}: value_max {vmax} but the surface reads "
                             f"{None if b is None else f'{b.normalize():f}'}")
    if kind == "ratio":
        got = surface_ratio(text)
        if not got or Decimal(str(fact["numerator"])) != got[0] or Decimal(str(fact["denominator"])) != got[1]:
            w.add(where, f"ratio {text!r}: {fact['numerator']}/{fact['denominator']} vs surface {got}")
    if kind == "rank":
        got = surface_rank(text)
        if not got or got[0] is None or Decimal(str(fact["value"])) != got[0]:
            w.add(where, f"rank {text!r}: value {fact['value']} vs surface {got}")
        elif (got[1] is None) != ("denominator" not in fact) or (
                got[1] is not None and Decimal(str(fact["denominator"])) != got[1]):
            w.add(where, f"rank {text!r}: denominator {fact.get('denominator')} vs surface {got[1]}")
    if kind == "percentage":
        pp = "điểm phần trăm" in low or "điểm %" in low
        if pp != (fact.get("unit") == "percentage_points"):
            w.add(where, f"percentage {text!r}: unit {fact.get('unit')!r} (percentage_points iff 'điểm phần trăm')")
        if not re.search(r"%|phần trăm", low):
            w.add(where, f"percentage {text!r} has no % / phần trăm")
    if kind == "money":
        cur = fact["currency"]
        want = "USD" if re.search(r"usd|đô la|us\$|\$", low) else (
            "EUR" if re.search(r"eur|euro", low) else ("JPY" if re.search(r"yên|jpy", low) else
                                                      ("VND" if re.search(r"đồng|vnđ|vnd|vnd", low) else None)))
        if want and want != cur:
            w.add(where, f"money {text!r}: currency {cur} but the surface says {want}")
        mu = re.search(r"/\s*([^\W\d_][^/]*?|m2|m²)\s*$", low)
        if mu:
            u = {"m²": "m2", "mét vuông": "m2", "héc-ta": "ha"}.get(mu.group(1), mu.group(1))
            if fact.get("unit") != u:
                w.add(where, f"money {text!r}: unit {fact.get('unit')!r}, expected {u!r}")
        elif "unit" in fact:
            w.add(where, f"money {text!r}: unit {fact['unit']!r} but no '/unit' in the span")
    if kind == "quantity":
        u = fact["unit"]
        if re.search(r"m²|mét vuông", low) and u != "m2":
            w.add(where, f"quantity {text!r}: unit should be 'm2'")
        if re.search(r"héc-ta|hecta|héc ta", low) and u != "ha":
            w.add(where, f"quantity {text!r}: unit should be 'ha'")
        if u not in ("m2", "ha") and u.lower() not in low:
            w.add(where, f"quantity {text!r}: unit {u!r} not in the span")
    if kind in ("count", "ratio"):
        u = fact["unit"]
        has_noun = re.search(r"[^\W\d_]", QUAL_START_RE.sub("", text, count=1)
                             .replace("trên tổng số", "").replace("trên", "").replace("trong số", ""))
        words_only = re.sub(r"\b(?:" + "|".join(list(DIGITS_VI) + ["mười", "mươi", "trăm", "nửa",
                                                                    "nghìn", "ngàn", "triệu", "tỷ", "tỉ"])
                            + r")\b", "", QUAL_START_RE.sub("", low, count=1))
        if re.search(r"[^\W\d_]", words_only) and u.lower() not in low:
            w.add(where, f"{kind} {text!r}: unit {u!r} not found in the span")
        elif not has_noun:
            pass                                   # bare number: inherited unit, fine
    if kind == "date":
        got = surface_date(text, pub)
        if got is None:
            w.add(where, f"date {text!r}: unread form (check date={fact['date']} g={fact['granularity']})")
        elif got != (fact["date"], fact["granularity"]):
            w.add(where, f"date {text!r}: {fact['date']}/{fact['granularity']} but the surface reads {got}")
    if kind == "period":
        s, e = fact["period_start"], fact["period_end"]
        years = [int(y) for y in re.findall(r"(?<!\d)(\d{4})(?!\d)", text)]
        for y in years:
            if not int(s[:4]) <= y <= int(e[:4]):
                w.add(where, f"period {text!r}: year {y} outside {s}..{e}")
        if re.search(r"\bnay\b|hiện tại|hiện nay", low) and e != pub.isoformat():
            w.add(where, f"period {text!r}: '... nay' should end on the publication date {pub}")
        if not years and not re.search(r"\bnay\b", low) and int(s[:4]) != pub.year and int(e[:4]) != pub.year:
            w.add(where, f"period {text!r}: no year written but not in the publication year")
        got = surface_period(text, pub)
        if got and got != (s, e):
            w.add(where, f"period {text!r}: {s}..{e} but the surface reads {got[0]}..{got[1]}")
    if kind == "official":
        p = fact["person"]
        if re.match(r"(?:ông|bà|đồng chí|đ/c|gs|pgs|ts|ths|đại tá|thượng tá|trung tá)\b", p, re.I):
            w.add(where, f"official {text!r}: person {p!r} keeps an honorific")
        if not 2 <= len(p.split()) <= 5 or not all(x[:1].isupper() for x in p.split()):
            w.add(where, f"official {text!r}: person {p!r} does not look like a name")
    if kind == "document":
        if not low.startswith(fact["doc_type"].lower()):
            w.add(where, f"document {text!r}: span does not start with doc_type {fact['doc_type']!r}")
    if re.search(r"[,.;:]$", text) and kind != "document":
        w.add(where, f"{kind} {text!r}: span ends with punctuation")


# ---------------------------------------------------------------------------------------------
# building and validation

def header_place(meta, where):
    """Article defaults from the header: (place, place_level) or (None, None)."""
    pl, pll = meta.get("place"), meta.get("place_level")
    if (pl is None) != (pll is None):
        raise GoldError(f"{where}: header needs both 'place:' and 'place_level:' (or neither)")
    if pll is not None and pll not in PLACE_LEVELS:
        raise GoldError(f"{where}: header place_level {pll!r} not in {sorted(PLACE_LEVELS)}")
    if pl is not None and (not pl or pl != pl.strip() or pl == NO_PLACE):
        raise GoldError(f"{where}: bad header place {pl!r}")
    return pl, pll


def analysis_fields(kind, text, attrs, default_place, where, w: Warn, article_text):
    """Apply the header place default and validate measure / place / place_level / ref_*."""
    if kind not in ANALYSIS_KINDS:
        return
    if attrs.get("place") == NO_PLACE:
        if "place_level" in attrs:
            raise GoldError(f"{where}: pl=none with pll= in {text!r}")
        del attrs["place"]
    elif "place" in attrs or "place_level" in attrs:
        if ("place" in attrs) != ("place_level" in attrs):
            raise GoldError(f"{where}: pl= and pll= go together in {text!r}")
    elif default_place[0] is not None:
        attrs["place"], attrs["place_level"] = default_place
    else:
        w.add(where, f"{kind} {text!r}: no place (write pl=/pll=, a header default, or pl=none)")
    if "place_level" in attrs and attrs["place_level"] not in PLACE_LEVELS:
        raise GoldError(f"{where}: place_level {attrs['place_level']!r} not in {sorted(PLACE_LEVELS)}")
    if "place" in attrs and attrs["place"] != attrs["place"].strip():
        raise GoldError(f"{where}: place with outer whitespace in {text!r}")
    if "place" in attrs:
        low_pl = attrs["place"].lower() + " "
        if low_pl.startswith(("quận ", "huyện ", "thị xã ", "thị trấn ", "phường ", "xã ", "tỉnh ",
                              "thành phố ", "tp ", "tp. ")):
            w.add(where, f"{kind} {text!r}: place {attrs['place']!r} keeps its level word")
    for k in ("ref_start", "ref_end"):
        if k in attrs and (not re.fullmatch(r"\d{4}-\d{2}-\d{2}", attrs[k]) or not iso_ok(attrs[k])):
            raise GoldError(f"{where}: {k} must be an ISO day: {attrs[k]!r} in {text!r}")
    if "ref_start" in attrs and "ref_end" in attrs and attrs["ref_start"] > attrs["ref_end"]:
        raise GoldError(f"{where}: ref_start after ref_end in {text!r}")
    m = attrs.get("measure")
    if m is None:
        w.add(where, f"{kind} {text!r}: no measure")
        return
    if m != m.strip() or "  " in m:
        raise GoldError(f"{where}: measure {m!r} has stray whitespace")
    # lower case except proper nouns and acronyms: a word with a capital letter must be an acronym
    # (two or more capitals, or capitals and digits) or stand capitalised inside a sentence of the
    # article (not only as the first word of a sentence)
    for word in re.findall(r"[^\W_][^\s,;:()]*", m):
        if word == word.lower():
            continue
        caps = sum(ch.isupper() for ch in word)
        if caps >= 2 or (caps and any(ch.isdigit() for ch in word)):
            continue
        inside = False
        for mm in re.finditer(r"(?<![^\W\d_])" + re.escape(word) + r"(?![^\W\d_])", article_text):
            before = article_text[:mm.start()].rstrip(" \"“(")
            if before and before[-1] not in ".!?:\n":
                inside = True
                break
        if not inside:
            raise GoldError(f"{where}: measure {m!r}: {word!r} is capitalised but not an acronym "
                            f"or a proper noun of the text")
    # the figure itself stays out of the measure
    for tok in re.findall(r"(?<![^\W\d_])(?:" + NUM_RE + r")", QUAL_START_RE.sub("", text, count=1)):
        if re.search(r"(?<![\d.,])" + re.escape(tok) + r"(?![\d])", m):
            raise GoldError(f"{where}: measure {m!r} contains the figure {tok!r} of {text!r}")
    if text.lower() in m.lower():
        raise GoldError(f"{where}: measure {m!r} contains the span {text!r}")
    qual = QUAL_START_RE.match(text)
    if qual and m.lower().startswith(qual.group(0).strip().lower() + " "):
        raise GoldError(f"{where}: measure {m!r} starts with the qualifier of {text!r}")
    if re.search(r"(?<!\d)(?:19|20)\d{2}(?!\d)", m):
        w.add(where, f"{kind} {text!r}: measure {m!r} contains a year (time goes in ref_*)")


def build_fact(doc_id, span, spans, where, default_place=(None, None), w=None, article_text=""):
    kind, text = span["kind"], span["text"]
    attrs = dict(span["attrs"])
    ok = attrs.pop("_ctx_ok", None)
    analysis_fields(kind, text, attrs, default_place, where, w if w is not None else Warn(),
                    article_text)
    for k, v in attrs.items():
        if v == "" or v == "none":
            raise GoldError(f"{where}: empty or 'none' field {k} in {text!r} (nothing is derived here)")
        if k in NUMERIC:
            try:
                d = Decimal(v)
            except InvalidOperation:
                raise GoldError(f"{where}: {k}={v!r} is not a number in {text!r}") from None
            if not d.is_finite():
                raise GoldError(f"{where}: {k}={v!r} is not finite")
            attrs[k] = int(d) if d == d.to_integral_value() else float(d)
    if not text or text != text.strip():
        raise GoldError(f"{where}: span has outer whitespace or is empty: {text!r}")
    kids = [s for s in spans if s["parent"] == span["index"]]
    if kids and kind != "document":
        raise GoldError(f"{where}: only documents may contain nested facts: {text!r}")
    for kid in kids:
        if kid["kind"] != "date":
            raise GoldError(f"{where}: only a date may nest in a document: {text!r}")
        if any(s["parent"] == kid["index"] for s in spans):
            raise GoldError(f"{where}: nesting deeper than document > date in {text!r}")
    if span["parent"] is not None and (kind != "date" or spans[span["parent"]]["kind"] != "document"):
        raise GoldError(f"{where}: nested {kind} inside {spans[span['parent']]['kind']}")
    check_fields(kind, text, attrs, where, ALLOWED, "write every field explicitly")
    if "qualifier" in attrs and attrs["qualifier"] not in QUALIFIERS:
        raise GoldError(f"{where}: bad qualifier {attrs['qualifier']!r} in {text!r}")
    if "currency" in attrs and attrs["currency"] not in CURRENCIES:
        raise GoldError(f"{where}: bad currency {attrs['currency']!r} in {text!r}")
    if "value_max" in attrs and attrs["value_max"] <= attrs["value"]:
        raise GoldError(f"{where}: value_max <= value in {text!r}")
    if kind == "percentage" and "unit" in attrs and attrs["unit"] != "percentage_points":
        raise GoldError(f"{where}: a percentage unit can only be percentage_points: {text!r}")
    if kind == "ratio" and attrs["denominator"] == 0:
        raise GoldError(f"{where}: zero denominator in {text!r}")
    if kind == "rank" and "unit" in attrs and "denominator" not in attrs:
        raise GoldError(f"{where}: rank unit without denominator in {text!r}")
    if kind == "date" and not iso_ok(attrs["date"], attrs["granularity"]):
        raise GoldError(f"{where}: bad date/granularity d={attrs['date']!r} g={attrs['granularity']!r} "
                        f"for {text!r}")
    if kind == "period":
        for k in ("period_start", "period_end"):
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", attrs[k]) or not iso_ok(attrs[k]):
                raise GoldError(f"{where}: {k} must be an ISO day: {attrs[k]!r} in {text!r}")
        if attrs["period_start"] > attrs["period_end"]:
            raise GoldError(f"{where}: period ends before it starts: {text!r}")
    if kind == "document":
        if attrs["doc_number"] not in text:
            raise GoldError(f"{where}: doc_number {attrs['doc_number']!r} not in span {text!r}")
        if attrs["doc_type"].lower() not in text.lower():
            raise GoldError(f"{where}: doc_type {attrs['doc_type']!r} not in span {text!r}")
        if "issued" in attrs:
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", attrs["issued"]) or not iso_ok(attrs["issued"]):
                raise GoldError(f"{where}: issued must be an ISO day: {attrs['issued']!r}")
            if not kids:
                raise GoldError(f"{where}: issued= without a nested date in {text!r}")
            kd = kids[0]["attrs"].get("date")
            if kd != attrs["issued"]:
                raise GoldError(f"{where}: issued {attrs['issued']} != nested date {kd} in {text!r}")
        elif kids:
            raise GoldError(f"{where}: document with a nested date needs issued= in {text!r}")
    if kind == "official":
        low = text.lower()
        for k in ("person", "title", "organization"):
            if k in attrs and attrs[k].lower() not in low:
                raise GoldError(f"{where}: {k} {attrs[k]!r} not in official span {text!r}")
    if kind in QUAL_KINDS and not ok:
        starts = QUAL_START_RE.match(text)
        if starts and "qualifier" not in attrs:
            raise GoldError(f"{where}: {text!r} starts with a qualifier word but has no q= "
                            f"(or mark ok=1)")
        if "qualifier" in attrs and not starts:
            raise GoldError(f"{where}: {text!r} has q={attrs['qualifier']} but does not start with a "
                            f"qualifier word (or mark ok=1)")
        if starts:
            word = starts.group(0).strip().lower()
            want = dict(QUAL_VI).get(word)
            if want and attrs["qualifier"] != want:
                raise GoldError(f"{where}: {text!r}: '{word}' is {want}, not {attrs['qualifier']} "
                                f"(or mark ok=1)")
    fact = {"doc": doc_id, "kind": kind, "text": text, "start": span["start"], "end": span["end"]}
    for k in FIELD_ORDER[4:]:
        if k in attrs:
            fact[k] = attrs[k]
    return fact, bool(ok)


def check_context(text, facts, oks, where):
    """A qualifier word, or the 'từ' of a range/period, left just outside a span."""
    for f, ok in zip(facts, oks):
        if ok or f["kind"] not in QUAL_KINDS + ("period",):
            continue
        before = text[max(0, f["start"] - 16):f["start"]]
        if QUAL_BEFORE_RE.search(before):
            raise GoldError(f"{where}: word before span looks like a qualifier/range start: "
                            f"{before!r} + {f['text']!r} (put it in the span or mark ok=1)")


UNCOVERED_RE = re.compile(r"\d[\d.,/:\-–]*\d%?|\d%?")
WORDNUM_RE = re.compile(r"(?<![^\W\d_])(?:hai|ba|bốn|sáu|bảy|tám|chín|mười|mươi|trăm|nửa|nhất|nhì)"
                        r"(?![^\W\d_])", re.I)


def uncovered(text, facts, rx):
    covered = [(f["start"], f["end"]) for f in facts]
    out = []
    for m in rx.finditer(text):
        if not any(s <= m.start() and m.end() <= e for s, e in covered):
            lo = max(0, m.start() - 35)
            ctx = text[lo:m.end() + 35].replace("\n", " ⏎ ")
            out.append(f"{m.group(0)!r:>14}  ...{ctx}...")
    return out


SPLITS = ("train", "dev", "test")
# Articles 041 and up are a third annotator's, written after the extractors were first tuned: the
# dev split, tuned on like train, to see whether tuning carries over to another hand.
DEV_FROM = 41


def split_of(path: Path) -> str:
    n = int(path.name[:3])
    if n >= DEV_FROM:
        return "dev"
    return "test" if n % 4 == 0 else "train"


def main(argv):
    review = "--review" in argv
    strict = "--strict" in argv
    only = [a for a in argv if not a.startswith("--")]
    files = sorted(ARTICLES.glob("[0-9][0-9][0-9]_*.txt"))
    if not files:
        raise GoldError("no articles found")
    out = {split: ([], []) for split in SPLITS}
    seen_ids, nums = set(), set()
    stats = {split: Counter() for split in SPLITS}
    warns = Warn()
    errors = []
    for path in files:
        try:
            meta, text, spans = read_new_article(path, nums, seen_ids)
            doc_id = meta["id"]
            if not re.fullmatch(rf"vi-{path.name[:3]}-[a-z0-9][a-z0-9\-]*", doc_id):
                raise GoldError(f"{path.name}: id {doc_id!r} must be vi-{path.name[:3]}-slug")
            try:
                pub = dt.date.fromisoformat(meta["published"])
            except ValueError:
                raise GoldError(f"{path.name}: bad published {meta['published']!r}") from None
            if not dt.date(2019, 1, 1) <= pub <= dt.date(2025, 12, 31):
                raise GoldError(f"{path.name}: published {pub} outside 2019-2025")
            words = len(re.findall(r"\S+", text))
            if not 250 <= words <= 700:
                raise GoldError(f"{path.name}: {words} words, want 250-700")
            default_place = header_place(meta, path.name)
            built = []
            for sp in spans:
                built.append(build_fact(doc_id, sp, spans, f"{path.name}@{sp['start']}",
                                        default_place, warns, text))
            built.sort(key=lambda fo: (fo[0]["start"], -fo[0]["end"]))
            facts = [f for f, _ in built]
            oks = [o for _, o in built]
            check_overlaps(facts, path.name)
            check_context(text, facts, oks, path.name)
            for f, ok in zip(facts, oks):
                assert text[f["start"]:f["end"]] == f["text"]
                if not ok:
                    lint(f, pub, warns, f"{path.name}@{f['start']}")
        except GoldError as exc:
            errors.append(str(exc))
            continue
        split = split_of(path)
        out[split][0].append({"id": doc_id, "published": pub.isoformat(), "text": text})
        out[split][1].extend(facts)
        stats[split].update(f["kind"] for f in facts)
        stats[split]["_articles"] += 1
        if review and (not only or any(o in path.name for o in only)):
            print(f"==== {path.name} ({words} words, {len(facts)} facts, {split}, published {pub})")
            for f in facts:
                extra = {k: v for k, v in f.items() if k not in ("doc", "kind", "text", "start", "end")}
                print(f"  {f['kind']:<10} {f['text']!r:<55} {json.dumps(extra, ensure_ascii=False)}")
            unc = uncovered(text, facts, UNCOVERED_RE)
            if unc:
                print("  -- digit runs not covered by any span:")
                for u in unc:
                    print("    " + u)
            unc = uncovered(text, facts, WORDNUM_RE)
            if unc:
                print("  -- number words not covered by any span:")
                for u in unc:
                    print("    " + u)
    for w in warns:
        print("warn:", w)
    if errors:
        for e in errors:
            print(f"gold validation failed: {e}", file=sys.stderr)
        print(f"{len(errors)} article(s) failed; nothing written", file=sys.stderr)
        return 1
    if strict and warns:
        print(f"--strict: {len(warns)} warning(s); nothing written", file=sys.stderr)
        return 1
    for split, (docs, facts) in out.items():
        d = HERE / split
        d.mkdir(exist_ok=True)
        write_jsonl(d / "docs.jsonl", docs)
        write_jsonl(d / "facts.jsonl", facts)
    print(f"{'kind':<12}" + "".join(f"{split:>7}" for split in SPLITS) + f"{'total':>7}")
    for k in ("_articles",) + KINDS:
        row = [stats[split][k] for split in SPLITS]
        print(f"{k.lstrip('_'):<12}" + "".join(f"{n:>7}" for n in row) + f"{sum(row):>7}")
    row = [sum(v for k, v in stats[split].items() if not k.startswith("_")) for split in SPLITS]
    print(f"{'all facts':<12}" + "".join(f"{n:>7}" for n in row) + f"{sum(row):>7}")
    if warns:
        print(f"{len(warns)} warning(s) (see 'warn:' lines)")
    return 0


if __name__ == "__main__":
    _en.run(main)
