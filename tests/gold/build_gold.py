#!/usr/bin/env python3
"""Build the newsfacts gold set from the marked-up articles in tests/gold/articles/.

Each article file is

    id: gold-001-dong-anh
    published: 2024-08-14
    ---
    Plain article text with [[kind attr=value ...|surface text]] markup.

The markup is described in tests/gold/README.md. This script strips the markup, computes
character offsets, fills in the normalised fields (from explicit attributes, or derived from
the surface text where that is mechanical), validates every fact against the FACTS.md
contract and writes

    tests/gold/train/docs.jsonl   tests/gold/train/facts.jsonl
    tests/gold/test/docs.jsonl    tests/gold/test/facts.jsonl

Figures also carry the FACTS.md analysis fields (measure, place, place_level, ref_start,
ref_end) from the attributes meas/pl/pll/rs/re and the article header's place/place_level default.

Split rule (fixed before any extractor existed): article number NNN with NNN % 4 == 0 goes to
test, every other article to train.

Usage:
    python tests/gold/build_gold.py            # build + validate
    python tests/gold/build_gold.py --review   # also print every fact and every number left
                                               # unannotated, for a human to check
    python tests/gold/build_gold.py --set tests/gold/news   # another set in the same markup: its
                                               # articles/ in, its train/ and test/ out, same split rule;
                                               # its set.json may set id_prefix and published_from/_to
"""
from __future__ import annotations

import datetime as dt
import json
import re
import shlex
import sys
from collections import Counter
from decimal import Decimal
from pathlib import Path

HERE = Path(__file__).resolve().parent
ARTICLES = HERE / "articles"
# what may differ between sets built by this script (a set's set.json overrides these): the id
# prefix of its documents and the publication dates its articles may carry
SET_DEFAULTS = {"id_prefix": "gold", "published_from": "2019-01-01", "published_to": "2025-12-31"}

KINDS = ("count", "percentage", "ratio", "rank", "money", "quantity",
         "date", "period", "official", "document")
ALIASES = {"c": "count", "p": "percentage", "r": "ratio", "k": "rank", "m": "money",
           "q": "quantity", "d": "date", "pe": "period", "o": "official", "doc": "document"}
# output field order: the contract order of extractors/facts.py (SCHEMA_FIELDS)
FIELD_ORDER = ("kind", "text", "start", "end", "value", "value_max", "qualifier", "unit",
               "currency", "numerator", "denominator", "date", "granularity",
               "period_start", "period_end", "person", "title", "organization",
               "doc_type", "doc_number", "issued",
               "measure", "place", "place_level", "ref_start", "ref_end")
# "What a figure is about" (FACTS.md): allowed on the figure kinds only
ANALYSIS = {"measure", "place", "place_level", "ref_start", "ref_end"}
FIGURE_KINDS = ("count", "percentage", "ratio", "rank", "money", "quantity")
PLACE_LEVELS = {"country", "province", "district", "ward"}
# every figure must carry a measure (set False only while an annotation pass is unfinished)
REQUIRE_MEASURE = True
REQUIRED = {
    "count": {"value", "unit"},
    "percentage": {"value"},
    "ratio": {"numerator", "denominator", "unit"},
    "rank": {"value"},
    "money": {"value", "currency"},
    "quantity": {"value", "unit"},
    "date": {"date", "granularity"},
    "period": {"period_start", "period_end"},
    "official": {"person", "title"},
    "document": {"doc_type", "doc_number"},
}
ALLOWED = {
    "count": {"value", "value_max", "qualifier", "unit"},
    "percentage": {"value", "value_max", "qualifier", "unit"},
    "ratio": {"numerator", "denominator", "qualifier", "unit"},
    "rank": {"value", "denominator", "unit", "qualifier"},   # qualifier: "among the top 10" (news set)
    "money": {"value", "value_max", "qualifier", "currency", "unit"},
    "quantity": {"value", "value_max", "qualifier", "unit"},
    "date": {"date", "granularity"},
    "period": {"period_start", "period_end"},
    "official": {"person", "title", "organization"},
    "document": {"doc_type", "doc_number", "issued"},
}
QUALIFIERS = {"approx", "more_than", "at_least", "less_than", "at_most"}
# attribute short names in the markup -> FACTS.md field names
ATTR = {"v": "value", "vmax": "value_max", "q": "qualifier", "u": "unit", "cur": "currency",
        "n": "numerator", "den": "denominator", "d": "date", "g": "granularity",
        "s": "period_start", "e": "period_end", "p": "person", "t": "title",
        "org": "organization", "type": "doc_type", "num": "doc_number", "issued": "issued",
        "meas": "measure", "pl": "place", "pll": "place_level", "rs": "ref_start", "re": "ref_end",
        "ok": "_ctx_ok"}
NUMERIC = {"value", "value_max", "numerator", "denominator"}
for _k in FIGURE_KINDS:
    ALLOWED[_k] = ALLOWED[_k] | ANALYSIS


class GoldError(Exception):
    pass


# ---------------------------------------------------------------------------------------------
# markup parsing

def parse_markup(src: str, where: str):
    """Return (plain_text, spans); spans are dicts with kind, attrs, start, end, parent index."""
    out: list[str] = []
    spans: list[dict] = []
    pos = 0
    length = 0
    stack: list[dict] = []
    while pos < len(src):
        if src.startswith("[[", pos):
            bar = src.find("|", pos)
            nl = src.find("\n", pos)
            if bar < 0 or (0 <= nl < bar):
                raise GoldError(f"{where}: unterminated tag header at {src[pos:pos + 60]!r}")
            header = src[pos + 2:bar]
            try:
                parts = shlex.split(header)
            except ValueError as exc:
                raise GoldError(f"{where}: bad tag header {header!r}: {exc}") from None
            if not parts:
                raise GoldError(f"{where}: empty tag header")
            kind = ALIASES.get(parts[0], parts[0])
            if kind not in KINDS:
                raise GoldError(f"{where}: unknown kind {parts[0]!r}")
            attrs = {}
            for p in parts[1:]:
                if "=" not in p:
                    raise GoldError(f"{where}: attribute without '=': {p!r} in {header!r}")
                k, v = p.split("=", 1)
                if k not in ATTR:
                    raise GoldError(f"{where}: unknown attribute {k!r} in {header!r}")
                attrs[ATTR[k]] = v
            span = {"kind": kind, "attrs": attrs, "start": length,
                    "parent": stack[-1]["index"] if stack else None, "index": len(spans)}
            spans.append(span)
            stack.append(span)
            pos = bar + 1
        elif src.startswith("]]", pos):
            if not stack:
                raise GoldError(f"{where}: ']]' without open tag near {src[max(0, pos - 60):pos]!r}")
            span = stack.pop()
            span["end"] = length
            pos += 2
        else:
            ch = src[pos]
            if ch == "|" and stack:
                raise GoldError(f"{where}: stray '|' inside a tag near {src[max(0, pos - 60):pos]!r}")
            out.append(ch)
            length += 1
            pos += 1
    if stack:
        raise GoldError(f"{where}: unclosed tag {stack[-1]['kind']}")
    text = "".join(out)
    for s in spans:
        s["text"] = text[s["start"]:s["end"]]
    return text, spans


def read_article(path: Path):
    raw = path.read_text(encoding="utf-8")
    head, sep, body = raw.partition("\n---\n")
    if not sep:
        raise GoldError(f"{path.name}: missing '---' header separator")
    meta = {}
    for line in head.splitlines():
        if line.strip():
            k, _, v = line.partition(":")
            meta[k.strip()] = v.strip()
    for k in ("id", "published"):
        if k not in meta:
            raise GoldError(f"{path.name}: header lacks {k!r}")
    body = body.strip("\n")
    text, spans = parse_markup(body, path.name)
    return meta, text, spans


def read_new_article(path: Path, nums: set[int], seen_ids: set[str]):
    """read_article, refusing an article number or an id read before (both sets are updated)."""
    n = int(path.name[:3])
    if n in nums:
        raise GoldError(f"duplicate article number {n}")
    nums.add(n)
    meta, text, spans = read_article(path)
    if meta["id"] in seen_ids:
        raise GoldError(f"duplicate id {meta['id']}")
    seen_ids.add(meta["id"])
    return meta, text, spans


# ---------------------------------------------------------------------------------------------
# surface normalisation (only the mechanical part; spans and kinds are the annotator's)

WORD_NUM = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}
ORDINAL_WORD = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
}
SCALE = {"thousand": 10 ** 3, "million": 10 ** 6, "billion": 10 ** 9, "trillion": 10 ** 12,
         "quadrillion": 10 ** 15}
QUAL_WORDS = [
    ("no more than", "at_most"), ("up to", "at_most"), ("at most", "at_most"),
    ("more than", "more_than"), ("over", "more_than"), ("above", "more_than"),
    ("exceeding", "more_than"),
    ("at least", "at_least"), ("a minimum of", "at_least"),
    ("fewer than", "less_than"), ("less than", "less_than"), ("under", "less_than"),
    ("below", "less_than"),
    ("approximately", "approx"), ("about", "approx"), ("around", "approx"),
    ("nearly", "approx"), ("almost", "approx"), ("roughly", "approx"), ("some", "approx"),
    ("approx.", "approx"), ("an estimated", "approx"), ("estimated", "approx"),
]
MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"], 1)}
MONTHS.update({k[:3]: v for k, v in list(MONTHS.items())})
MONTHS["sept"] = 9
UNIT_NORM = {
    "hectares": "ha", "hectare": "ha", "ha": "ha",
    "km": "km", "kilometers": "km", "kilometres": "km", "kilometer": "km",
    "km2": "km2", "square kilometers": "km2", "square kilometres": "km2", "km²": "km2",
    "m2": "m2", "m²": "m2", "square meters": "m2", "square metres": "m2", "sqm": "m2",
    "square meter": "m2", "square metre": "m2",
    "m3": "m3", "m³": "m3", "cubic meters": "m3", "cubic metres": "m3",
    "m": "m", "meters": "m", "metres": "m", "meter": "m",
    "tons": "tons", "tonnes": "tons", "ton": "tons", "tonne": "tons",
    "kg": "kg", "kilograms": "kg", "mw": "MW", "kw": "kW", "kwh": "kWh", "gw": "GW",
    # the news set (tests/gold/news)
    "c": "°C", "°c": "°C", "f": "°F", "°f": "°F",
    "mm": "mm", "cm": "cm", "mph": "mph", "km/h": "km/h", "gb": "GB", "tb": "TB", "hp": "hp",
    "inch": "inches", "inches": "inches", "metre": "m", "times": "times",
}
NUM_RE = r"\d[\d,.]*"


def to_number(tok: str):
    """'11,300' -> 11300, '79,14' -> 79.14, '124.3' -> 124.3, 'three' -> 3."""
    t = tok.strip().lower()
    if t in WORD_NUM:
        return Decimal(WORD_NUM[t])
    m = re.fullmatch(r"(twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)-(\w+)", t)
    if m and m.group(2) in WORD_NUM:
        return Decimal(WORD_NUM[m.group(1)] + WORD_NUM[m.group(2)])
    if not re.fullmatch(r"\d[\d,.]*\d|\d", t):
        raise ValueError(tok)
    if "," in t and "." in t:          # 1,234.5
        t = t.replace(",", "")
    elif "," in t:
        groups = t.split(",")
        if all(len(g) == 3 for g in groups[1:]) and 1 <= len(groups[0]) <= 3 \
                and groups[0] != "0":
            t = t.replace(",", "")       # thousands separators
        elif len(groups) == 2:
            t = t.replace(",", ".")      # stray decimal comma: 79,14
        else:
            raise ValueError(tok)
    return Decimal(t)


def num_out(d: Decimal):
    if d == d.to_integral_value():
        return int(d)
    return float(d)


def strip_qualifier(s: str):
    low = s.lower()
    for w, q in QUAL_WORDS:
        if low.startswith(w + " "):
            return s[len(w) + 1:], q
    return s, None


NUMBER_TOKEN = rf"(?:{NUM_RE}|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)-\w+|" \
               rf"{'|'.join(sorted(WORD_NUM, key=len, reverse=True))})"
SCALE_RE = r"(?:\s*(?:thousand|million|billion|trillion|quadrillion))?"


def _scaled(num: str, scale: str | None):
    v = to_number(num)
    if scale:
        v *= SCALE[scale.strip().lower()]
    return v


def parse_amount(s: str):
    """Leading '[from|between] N[-N| to N| and N] [scale]' -> (value, value_max, rest)."""
    s = s.strip()
    low = s.lower()
    for pre in ("from ", "between "):
        if low.startswith(pre):
            s = s[len(pre):]
            break
    rx = re.compile(rf"(?P<a>{NUMBER_TOKEN})(?P<sa>{SCALE_RE})"
                    rf"(?:\s*(?:-|–|to|and)\s*(?P<b>{NUMBER_TOKEN})(?P<sb>{SCALE_RE}))?"
                    r"(?=$|[\s%/])", re.I)
    m = rx.match(s)
    if not m:
        raise ValueError(s)
    sa = m.group("sa").strip().lower() or None
    sb = m.group("sb").strip().lower() if m.group("sb") else None
    if m.group("b") and sa and not sb:
        sb = sa
    if m.group("b") and sb and not sa:
        sa = sb                        # "160.8-162 million"
    a = _scaled(m.group("a"), sa)
    b = _scaled(m.group("b"), sb) if m.group("b") else None
    return a, b, s[m.end():].strip()


def auto_count(text):
    s, q = strip_qualifier(text)
    a, b, rest = parse_amount(s)
    out = {"value": a, "qualifier": q}
    if b is not None:
        out["value_max"] = b
    if rest:
        out["unit"] = rest
    return out


def auto_percentage(text):
    s, q = strip_qualifier(text)
    low = s.lower()
    pp = "percentage point" in low
    s2 = re.sub(r"\s*(%|percentage points?|per cent|percent)", "%", s, flags=re.I)
    s2 = s2.replace("%", "", 1) if re.search(r"\d%\s*(-|–|to|and)\s*\d", s2) else s2
    a, b, rest = parse_amount(s2)
    if not rest.startswith("%"):
        raise ValueError(text)
    out = {"value": a, "qualifier": q}
    if b is not None:
        out["value_max"] = b
    if pp:
        out["unit"] = "percentage_points"
    return out


def auto_ratio(text):
    s, q = strip_qualifier(text)
    m = re.match(rf"(?P<a>{NUMBER_TOKEN})\s*(?:/|out of|of(?: the| its| their| all)?(?: [\w ]+?'s?)?)\s*"
                 rf"(?P<b>{NUMBER_TOKEN})(?P<rest>.*)$", s, re.I)
    if not m:
        raise ValueError(text)
    out = {"numerator": to_number(m.group("a")), "denominator": to_number(m.group("b")),
           "qualifier": q}
    rest = m.group("rest").strip()
    if rest:
        out["unit"] = rest
    return out


def auto_rank(text):
    s = re.sub(r"^(?:was |were |is |are )?(?:ranked|ranking|ranks|rank|placed|placing)\s+", "",
               text, flags=re.I)
    s = re.sub(r"^(?:no\.\s*|number\s+)", "", s, flags=re.I)
    m = re.match(r"(?P<n>\d+)(?:st|nd|rd|th)\b|(?P<w>[a-z]+)\b", s, re.I)
    if not m:
        raise ValueError(text)
    if m.group("n"):
        v = int(m.group("n"))
    else:
        w = m.group("w").lower()
        if w not in ORDINAL_WORD:
            raise ValueError(text)
        v = ORDINAL_WORD[w]
    out = {"value": v}
    rest = s[m.end():].strip()
    m2 = re.match(rf"(?:/|out of|of|among)\s*(?:the\s+)?(?P<d>{NUMBER_TOKEN})\s*(?P<u>.*)$",
                  rest, re.I)
    if m2:
        out["denominator"] = to_number(m2.group("d"))
        if m2.group("u"):
            out["unit"] = m2.group("u").strip()
    return out


CURRENCY_PATTERNS = [
    (r"^(?:US\$|USD\s*|\$)", "USD"), (r"^(?:VND|VNĐ|VNĐ)\s*", "VND"), (r"^(?:EUR\s*|€)", "EUR"),
    (r"^(?:JPY\s*|¥)", "JPY"), (r"^(?:KRW\s*|₩)", "KRW"),
    # the news set's other currencies (tests/gold/news)
    (r"^(?:GBP\s*|£)", "GBP"), (r"^(?:INR\s*|Rs\.?\s*|₹)", "INR"), (r"^(?:MYR\s*|RM\s*)", "MYR"),
    (r"^(?:SGD\s*|S\$)", "SGD"), (r"^(?:AUD\s*|A\$)", "AUD"), (r"^(?:CNY\s*)", "CNY"),
]
CURRENCY_SUFFIX = [
    (r"^(?:VND|VNĐ|dong|đồng)\b", "VND"), (r"^(?:USD|US dollars|dollars)\b", "USD"),
    (r"^(?:EUR|euros?)\b", "EUR"), (r"^(?:JPY|yen)\b", "JPY"), (r"^(?:KRW|won)\b", "KRW"),
    (r"^(?:GBP|pounds?)\b", "GBP"), (r"^(?:INR|rupees?)\b", "INR"), (r"^(?:MYR|ringgit)\b", "MYR"),
    (r"^(?:CNY|yuan)\b", "CNY"),
]


def auto_money(text):
    s, q = strip_qualifier(text)
    s = re.sub(r"^(?:from|between)\s+", "", s, flags=re.I)
    cur = None
    for rx, c in CURRENCY_PATTERNS:
        m = re.match(rx, s)
        if m:
            cur = c
            s = s[m.end():]
            break
    # a repeated currency after the range connector: "$6,626-$6,676", "VND8,000 to VND20,000"
    s = re.sub(r"(\d)(\s*(?:-|–|to|and)\s*)(?:US\$|USD\s*|\$|VND\s*|VNĐ\s*|EUR\s*|€)(\d)",
               r"\1\2\3", s)
    # the news set's abbreviated scales: "$4.5bn", "£3m", "INR5 crore" is left to the annotator
    s = re.sub(r"(\d)\s*(bn|m|mn|tn)\b", lambda m: m.group(1) + " " + {"bn": "billion", "m": "million",
               "mn": "million", "tn": "trillion"}[m.group(2)], s)
    a, b, rest = parse_amount(s)
    if cur is None:
        for rx, c in CURRENCY_SUFFIX:
            m = re.match(rx, rest)
            if m:
                cur = c
                rest = rest[m.end():].strip()
                break
    out = {"value": a, "qualifier": q, "currency": cur}
    if b is not None:
        out["value_max"] = b
    rest = rest.strip()
    if rest:
        m = re.fullmatch(r"(?:/|per|a|an|each)\s*(.+)", rest, re.I)
        if not m:
            raise ValueError(text)
        u = m.group(1).strip()
        out["unit"] = UNIT_NORM.get(u.lower(), u)
    return out


def auto_quantity(text):
    s, q = strip_qualifier(text)
    s = re.sub(r"(\d)-(?=[a-zA-Z])", r"\1 ", s)   # "5.6-km section"
    s = re.sub(r"(\d)(?=(?:mm|cm|km|m|mph|kg|C|F|GB|TB|MW|GW|kW|kWh|hp|ha)\b)", r"\1 ", s)  # "110mm", "28C"
    a, b, rest = parse_amount(s)
    out = {"value": a, "qualifier": q}
    if b is not None:
        out["value_max"] = b
    if rest:
        out["unit"] = UNIT_NORM.get(rest.lower(), rest)
    return out


def auto_date(text, pub: dt.date):
    s = text.strip()
    s = re.sub(r"^(?:in|on|by|the night of|the morning of|the afternoon of)\s+", "", s, flags=re.I)
    s = re.sub(r"^(?:the\s+)?(?:end|beginning|start|middle|first days|last days)\s+of\s+", "", s,
               flags=re.I)
    s = re.sub(r"^(?:early|late|mid-?)\s*", "", s, flags=re.I)
    m = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", s)
    if m:
        d = dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        return {"date": d.isoformat(), "granularity": "day"}
    m = re.fullmatch(r"([A-Za-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?", s)
    if m and m.group(1).lower() in MONTHS:
        y = int(m.group(3)) if m.group(3) else pub.year
        d = dt.date(y, MONTHS[m.group(1).lower()], int(m.group(2)))
        return {"date": d.isoformat(), "granularity": "day"}
    m = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]+),?\s+(\d{4})", s)
    if m and m.group(2).lower() in MONTHS:
        d = dt.date(int(m.group(3)), MONTHS[m.group(2).lower()], int(m.group(1)))
        return {"date": d.isoformat(), "granularity": "day"}
    m = re.fullmatch(r"([A-Za-z]+),?\s+(\d{4})", s)
    if m and m.group(1).lower() in MONTHS:
        return {"date": f"{int(m.group(2)):04d}-{MONTHS[m.group(1).lower()]:02d}",
                "granularity": "month"}
    if s.lower() in MONTHS:
        return {"date": f"{pub.year:04d}-{MONTHS[s.lower()]:02d}", "granularity": "month"}
    m = re.fullmatch(r"(\d{1,2})/(\d{4})", s)
    if m:
        return {"date": f"{m.group(2)}-{int(m.group(1)):02d}", "granularity": "month"}
    m = re.fullmatch(r"(\d{4})", s)
    if m:
        return {"date": m.group(1), "granularity": "year"}
    raise ValueError(text)


DOC_RE = re.compile(
    r"^(?P<type>[A-Z][A-Za-z]*(?:\s+[A-Z][A-Za-z]*)*?)\s+(?:No\.?\s*|Number\s+)?"
    r"(?P<num>\d[\w./\-ĐđƯưÔôƠơ]*[\wĐđ])"
    r"(?P<tail>,?\s+(?:dated|issued on|of)\s+.*)?$")


def auto_document(text):
    m = DOC_RE.match(text)
    if not m:
        raise ValueError(text)
    return {"doc_type": m.group("type"), "doc_number": m.group("num")}


AUTO = {"count": auto_count, "percentage": auto_percentage, "ratio": auto_ratio,
        "rank": auto_rank, "money": auto_money, "quantity": auto_quantity,
        "document": auto_document}


# ---------------------------------------------------------------------------------------------
# building and validation

def iso_ok(s: str, gran: str | None = None) -> bool:
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", s):
            dt.date.fromisoformat(s)
            return gran in (None, "day")
        if re.fullmatch(r"\d{4}-\d{2}", s):
            return 1 <= int(s[5:]) <= 12 and gran in (None, "month")
        if re.fullmatch(r"\d{4}", s):
            return gran in (None, "year")
    except ValueError:
        return False
    return False


def build_fact(doc_id, span, pub, spans, where, notes, meta=None, body=""):
    kind = span["kind"]
    text = span["text"]
    attrs = dict(span["attrs"])
    meta = meta or {}
    # article-level place default ("place:" / "place_level:" header lines): applies, as a pair,
    # to every figure that has neither pl nor pll of its own; pl=none leaves the place absent
    if kind in FIGURE_KINDS and "place" not in attrs and "place_level" not in attrs \
            and "place" in meta:
        attrs["place"] = meta["place"]
        attrs["place_level"] = meta["place_level"]
    if attrs.get("place") == "none" and "place_level" not in attrs:
        attrs["place_level"] = "none"
    fact = {}
    auto = {}
    try:
        if kind == "date":
            auto = auto_date(text, pub)
        elif kind in AUTO:
            auto = AUTO[kind](text)
    except (ValueError, KeyError, ArithmeticError):
        auto = {}
    auto = {k: v for k, v in auto.items() if v is not None}
    for k, v in auto.items():
        if k in attrs and k not in NUMERIC and attrs[k] != str(v):
            notes.append(f"{where}: override {kind} {k}: auto {v!r} -> {attrs[k]!r} in {text!r}")
        if k in attrs and k in NUMERIC and Decimal(attrs[k]) != Decimal(v):
            notes.append(f"{where}: override {kind} {k}: auto {v} -> {attrs[k]} in {text!r}")
    merged = {**auto, **attrs}
    # explicit "none" removes an auto-derived field (e.g. a qualifier word that is not one)
    merged = {k: v for k, v in merged.items() if v != "none"}
    ctx_ok = merged.pop("_ctx_ok", None)
    for k, v in merged.items():
        if k in NUMERIC:
            try:
                d = v if isinstance(v, Decimal) else Decimal(str(v))
            except ArithmeticError:
                raise GoldError(f"{where}: {k}={v!r} is not a number in {text!r}") from None
            merged[k] = num_out(d)
    if kind == "document":
        kids = [s for s in spans if s["parent"] == span["index"]]
        for kid in kids:
            if kid["kind"] != "date":
                raise GoldError(f"{where}: only a date may nest in a document: {text!r}")
        if kids and "issued" not in merged:
            merged["issued"] = auto_date(kids[0]["text"], pub)["date"]
    elif any(s["parent"] == span["index"] for s in spans):
        raise GoldError(f"{where}: only documents may contain nested facts: {text!r}")
    if span["parent"] is not None and (kind != "date" or spans[span["parent"]]["kind"] != "document"):
        raise GoldError(f"{where}: nested {kind} inside {spans[span['parent']]['kind']}")
    check_fields(kind, text, merged, where, ALLOWED, f"auto gave {auto}")
    # checks per field
    if "qualifier" in merged and merged["qualifier"] not in QUALIFIERS:
        raise GoldError(f"{where}: bad qualifier {merged['qualifier']!r}")
    if "currency" in merged and not re.fullmatch(r"[A-Z]{3}", merged["currency"]):
        raise GoldError(f"{where}: bad currency {merged['currency']!r}")
    if "value_max" in merged and merged["value_max"] <= merged["value"]:
        raise GoldError(f"{where}: value_max <= value in {text!r}")
    if kind == "date" and not iso_ok(merged["date"], merged["granularity"]):
        raise GoldError(f"{where}: bad date/granularity {merged} for {text!r}")
    if kind == "period":
        for k in ("period_start", "period_end"):
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", merged[k]) or not iso_ok(merged[k]):
                raise GoldError(f"{where}: {k} must be an ISO day: {merged[k]!r}")
        if merged["period_start"] > merged["period_end"]:
            raise GoldError(f"{where}: period ends before it starts: {text!r}")
    if kind == "document" and "issued" in merged:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", merged["issued"]) or not iso_ok(merged["issued"]):
            raise GoldError(f"{where}: bad issued {merged['issued']!r}")
    if kind == "document" and merged["doc_number"] not in text:
        raise GoldError(f"{where}: doc_number not in span: {text!r}")
    if kind == "official":
        low = text.lower()
        if merged["person"] not in text:
            raise GoldError(f"{where}: person {merged['person']!r} not in span {text!r}")
        if re.match(r"(?:Mr|Ms|Mrs|Dr)\.?\s", merged["person"]):
            raise GoldError(f"{where}: person keeps an honorific: {merged['person']!r}")
        # a name in a coordinated list ("Vice Chairmen of the ... Committee A, B and C") takes its
        # title and organization from the sentence before it, a plural title in the singular
        near = low + " " + _sentence_before(body, span["start"]).lower()
        near = near + " " + re.sub(r"men\b", "man", near)
        if merged["title"].lower() not in near:
            raise GoldError(f"{where}: title {merged['title']!r} not in span {text!r}")
        if "organization" in merged and merged["organization"].lower() not in near:
            raise GoldError(f"{where}: organization {merged['organization']!r} not in span")
    if kind == "ratio" and merged["denominator"] == 0:
        raise GoldError(f"{where}: zero denominator")
    if kind in FIGURE_KINDS:
        check_analysis(merged, text, body, where)
    if text != text.strip() or not text:
        raise GoldError(f"{where}: span has outer whitespace or is empty: {text!r}")
    fact["doc"] = doc_id
    fact["kind"] = kind
    fact["text"] = text
    fact["start"] = span["start"]
    fact["end"] = span["end"]
    for k in FIELD_ORDER[4:]:
        if k in merged:
            fact[k] = merged[k]
    if ctx_ok:
        fact["_ctx_ok"] = True
    return fact


def check_fields(kind, text, fields, where, allowed, lacks_hint):
    """The fields FACTS.md requires of the kind are there, and no other than `allowed` has."""
    missing = REQUIRED[kind] - fields.keys()
    if missing:
        raise GoldError(f"{where}: {kind} {text!r} lacks {sorted(missing)} ({lacks_hint})")
    extra = fields.keys() - allowed[kind]
    if extra:
        raise GoldError(f"{where}: {kind} {text!r} has fields not allowed: {sorted(extra)}")


def _sentence_before(body, start):
    """The text of the span's sentence before the span (empty at a sentence start)."""
    cut = max(body.rfind(". ", 0, start), body.rfind("\n", 0, start))
    return body[cut + 1:start]


def _is_day(s):
    return bool(re.fullmatch(r"\d{4}-\d{2}-\d{2}", s)) and iso_ok(s)


def check_analysis(f, text, body, where):
    """measure / place / place_level / ref_start / ref_end of one figure."""
    if REQUIRE_MEASURE and "measure" not in f:
        raise GoldError(f"{where}: {text!r} has no measure (meas=...)")
    if ("place" in f) != ("place_level" in f):
        raise GoldError(f"{where}: place and place_level go together: {text!r}")
    if "place_level" in f and f["place_level"] not in PLACE_LEVELS:
        raise GoldError(f"{where}: bad place_level {f['place_level']!r} (want {sorted(PLACE_LEVELS)})")
    if "place" in f and (not f["place"].strip() or f["place"] != f["place"].strip()):
        raise GoldError(f"{where}: bad place {f['place']!r}")
    if "place" in f and re.search(r"\b(?:district|ward|commune|province|city|town)$", f["place"], re.I) \
            and f["place"] not in ("Ho Chi Minh City",):
        raise GoldError(f"{where}: place keeps its level word: {f['place']!r}")
    for k in ("ref_start", "ref_end"):
        if k in f and not _is_day(f[k]):
            raise GoldError(f"{where}: {k} must be an ISO day: {f[k]!r}")
    if "ref_start" in f and "ref_end" in f and f["ref_start"] > f["ref_end"]:
        raise GoldError(f"{where}: ref_start after ref_end for {text!r}")
    m = f.get("measure")
    if m is None:
        return
    if not m.strip() or m != m.strip() or "  " in m:
        raise GoldError(f"{where}: bad measure {m!r}")
    # lower case, except proper nouns and acronyms as the article writes them
    for w in re.findall(r"[^\s,;:()/\-]+", m):
        if w == w.lower():
            continue
        core = re.sub(r"['’]s$", "", w).strip("'\".-")
        if re.fullmatch(r"[A-Z0-9&.\-]+s?|[A-Z][A-Z0-9.\-]*[a-z]{0,2}", core) and sum(c.isupper() for c in core) >= 2:
            continue                                   # acronym: FDI, GRDP, PAR, OCOP, PM2.5, NOx
        if re.search(r"(?<![.!?:]\s)(?<!^)(?<![\[|\n])\b" + re.escape(core) + r"\b", body):
            continue                                   # capitalised mid-sentence in the text
        if re.search(r"\b" + re.escape(core) + r"\b", body) and \
                not re.search(r"\b" + re.escape(core.lower()) + r"\b", body):
            continue                                   # only ever capitalised: a name
        raise GoldError(f"{where}: measure {m!r} must be lower case ({w!r} is not a proper noun "
                        f"or acronym of the text)")
    # without the figure
    low = m.lower()
    figs = {f[k] for k in ("value", "value_max", "numerator", "denominator") if k in f}
    nums = []
    for tok in re.findall(NUMBER_TOKEN, text, re.I):
        try:
            n = to_number(tok)
        except (ValueError, ArithmeticError):
            continue
        if any(Decimal(str(x)) in (n, n * 1000, n * 10 ** 6, n * 10 ** 9, n * 10 ** 12, n * 10 ** 15)
               for x in figs):
            nums.append(tok)                           # a token of the figure itself
    for tok in nums:
        if re.search(r"(?<![\w.])" + re.escape(tok.lower()) + r"(?![\w]|\.\d)", low):
            raise GoldError(f"{where}: measure {m!r} contains the figure {tok!r} of {text!r}")
    if text.lower() in low:
        raise GoldError(f"{where}: measure {m!r} contains the span {text!r}")
    if re.match(r"(?:%s)\b" % "|".join(re.escape(w) for w, _ in QUAL_WORDS), low):
        raise GoldError(f"{where}: measure {m!r} starts with a qualifier")


LEFT_QUAL = re.compile(r"(?<!hand )(?<!hands )(?<!handed )(?<!handing )(?<!taken )(?<!took )"
                       r"(?:\b(?:about|around|approximately|nearly|almost|roughly|some|over|more than|"
                       r"above|at least|under|fewer than|less than|below|up to|no more than|"
                       r"at most|from|between))\s$", re.I)


def check_context(text, facts, where):
    """Catch the commonest span slips: a qualifier (or 'from' of a range) left outside a span,
    and a bare-year date whose 'in' was left outside."""
    for f in facts:
        before = text[max(0, f["start"] - 16):f["start"]]
        if f["kind"] in ("count", "percentage", "money", "quantity", "ratio", "period") \
                and LEFT_QUAL.search(before) and not f.get("_ctx_ok") \
                and not LEFT_QUAL.search(f["text"].split(" ")[0] + " "):
            raise GoldError(f"{where}: word before span looks like a qualifier/range start: "
                            f"{before!r} + {f['text']!r} (put it in the span or mark ok=1)")
        if f["kind"] == "date" and f.get("granularity") == "year" and re.fullmatch(r"\d{4}", f["text"]) \
                and re.search(r"\bin\s$", before, re.I) and not f.get("_ctx_ok"):
            raise GoldError(f"{where}: bare year after 'in' should include 'in': {before!r}+{f['text']!r}")


def check_overlaps(facts, where):
    for a, b in zip(facts, facts[1:]):
        if b["start"] < a["end"]:
            nested = a["kind"] == "document" and b["kind"] == "date" and b["end"] <= a["end"]
            if not nested:
                raise GoldError(f"{where}: overlapping spans {a['text']!r} / {b['text']!r}")


UNANNOTATED_RE = re.compile(
    r"\d[\d,./:\-]*\d%?|\d%?|\b(?:" + "|".join(list(WORD_NUM)[1:] + list(ORDINAL_WORD)) +
    r"|twice|dozens?|hundreds|thousands|half)\b", re.I)


def uncovered_numbers(text, facts):
    covered = [(f["start"], f["end"]) for f in facts]
    out = []
    for m in UNANNOTATED_RE.finditer(text):
        if not any(s <= m.start() and m.end() <= e for s, e in covered):
            lo = max(0, m.start() - 30)
            out.append(f"{m.group(0)!r:>14} ...{text[lo:m.end() + 30]!r}")
    return out


def set_dir_of(argv):
    """The set directory given by --set DIR / --set=DIR (default: this script's, the original set)."""
    for i, a in enumerate(argv):
        if a == "--set" and i + 1 < len(argv):
            return Path(argv[i + 1]).resolve(), argv[:i] + argv[i + 2:]
        if a.startswith("--set="):
            return Path(a[len("--set="):]).resolve(), argv[:i] + argv[i + 1:]
    return HERE, list(argv)


def set_config(set_dir: Path) -> dict:
    cfg = dict(SET_DEFAULTS)
    path = set_dir / "set.json"
    if set_dir != HERE and path.is_file():
        extra = json.loads(path.read_text(encoding="utf-8"))
        unknown = extra.keys() - cfg.keys() - {"_comment"}
        if unknown:
            raise GoldError(f"{path}: unknown keys {sorted(unknown)}")
        cfg.update({k: v for k, v in extra.items() if k in cfg})
    return cfg


def split_of(path: Path) -> str:
    n = int(path.name[:3])
    return "test" if n % 4 == 0 else "train"


def write_jsonl(path: Path, rows) -> None:
    """One JSON object a line, non-ASCII as written: the gold files' format."""
    with open(path, "w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")


def run(main) -> None:
    """Exit with main(argv)'s code; a GoldError is one line on stderr and exit code 1."""
    try:
        sys.exit(main(sys.argv[1:]))
    except GoldError as exc:
        print(f"gold validation failed: {exc}", file=sys.stderr)
        sys.exit(1)


def main(argv):
    set_dir, argv = set_dir_of(argv)
    cfg = set_config(set_dir)
    prefix = cfg["id_prefix"]
    pub_from, pub_to = (dt.date.fromisoformat(cfg[k]) for k in ("published_from", "published_to"))
    review = "--review" in argv
    only = [a for a in argv if not a.startswith("--")]
    files = sorted((set_dir / "articles").glob("[0-9][0-9][0-9]_*.txt"))
    if not files:
        raise GoldError("no articles found")
    out = {"train": ([], []), "test": ([], [])}
    seen_ids = set()
    notes: list[str] = []
    stats = {"train": Counter(), "test": Counter()}
    nums = set()
    for path in files:
        meta, text, spans = read_new_article(path, nums, seen_ids)
        doc_id = meta["id"]
        if not doc_id.startswith(f"{prefix}-{path.name[:3]}-"):
            raise GoldError(f"{path.name}: id {doc_id!r} does not match file number")
        pub = dt.date.fromisoformat(meta["published"])
        if not pub_from <= pub <= pub_to:
            raise GoldError(f"{path.name}: published {pub} outside {pub_from.year}-{pub_to.year}")
        if ("place" in meta) != ("place_level" in meta):
            raise GoldError(f"{path.name}: header place and place_level go together")
        if "place_level" in meta and meta["place_level"] not in PLACE_LEVELS:
            raise GoldError(f"{path.name}: bad header place_level {meta['place_level']!r}")
        words = len(re.findall(r"\S+", text))
        if not 250 <= words <= 700:
            raise GoldError(f"{path.name}: {words} words, want 250-700")
        facts = []
        for sp in spans:
            where = f"{path.name}@{sp['start']}"
            facts.append(build_fact(doc_id, sp, pub, spans, where, notes, meta, text))
        facts.sort(key=lambda f: (f["start"], -f["end"]))
        check_overlaps(facts, path.name)
        check_context(text, facts, path.name)
        for f in facts:
            f.pop("_ctx_ok", None)
        for f in facts:
            assert text[f["start"]:f["end"]] == f["text"]
        split = split_of(path)
        out[split][0].append({"id": doc_id, "published": pub.isoformat(), "text": text})
        out[split][1].extend(facts)
        stats[split].update(f["kind"] for f in facts)
        for f in facts:
            if f["kind"] in FIGURE_KINDS:
                stats[split]["_figures"] += 1
                stats[split].update("_" + k for k in ANALYSIS if k in f)
        stats[split]["_articles"] += 1
        if review and (not only or any(o in path.name for o in only)):
            print(f"==== {path.name} ({words} words, {len(facts)} facts, {split})")
            for f in facts:
                extra = {k: v for k, v in f.items() if k not in ("doc", "kind", "text", "start", "end")}
                print(f"  {f['kind']:<10} {f['text']!r:<60} {json.dumps(extra, ensure_ascii=False)}")
            unc = uncovered_numbers(text, facts)
            if unc:
                print("  -- unannotated numbers:")
                for u in unc:
                    print("    " + u)
    for split, (docs, facts) in out.items():
        d = set_dir / split
        d.mkdir(exist_ok=True)
        write_jsonl(d / "docs.jsonl", docs)
        write_jsonl(d / "facts.jsonl", facts)
    if review:
        for n in notes:
            print("note:", n)
    print(f"{'kind':<12}{'train':>7}{'test':>7}{'total':>7}")
    for k in ("_articles",) + KINDS:
        tr, te = stats["train"][k], stats["test"][k]
        print(f"{k.lstrip('_'):<12}{tr:>7}{te:>7}{tr + te:>7}")
    tr = sum(v for k, v in stats["train"].items() if not k.startswith("_"))
    te = sum(v for k, v in stats["test"].items() if not k.startswith("_"))
    print(f"{'all facts':<12}{tr:>7}{te:>7}{tr + te:>7}")
    print("figures with the analysis fields (What a figure is about):")
    for k in ("_figures",) + tuple("_" + k for k in FIELD_ORDER if k in ANALYSIS):
        tr, te = stats["train"][k], stats["test"][k]
        print(f"{k.lstrip('_'):<12}{tr:>7}{te:>7}{tr + te:>7}")
    return 0


if __name__ == "__main__":
    run(main)
