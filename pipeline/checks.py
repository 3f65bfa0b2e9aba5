"""Consistency checks over the facts of each article, stored in the `checks` table.

Each check is one small function over a list of fact dicts (the `facts` columns: fact_id, kind,
text, start, end, value, ..., sentence, sentence_start) that returns `Finding`s. The rules are
deliberately conservative: a figure is paired with another only when the text leaves little
doubt (same sentence, adjacent figures, explicit "including"/"of which" cues), because a false
alarm on the review page costs more than a missed one.

The checks read the article's language (`articles.language`): the cue words they look for
("including", "trong đó", "accounting for", "chiếm", "was", "đã", ...) and the way numbers are
written in their messages ("1,234.5" or "1.234,5") are data, one file per language in
checks_lexicon/ (en.json, vi.json). An article in a language without a lexicon (or none stored)
gets only the checks that need no words: a ratio over its whole (and percentage_over_100, which
then has no share or rate cue to fire on).

    compute_checks(wh, article_ids, run_id)   # after every load; replaces those articles' checks
"""
from __future__ import annotations

import functools
import hashlib
import importlib
import json
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path
from typing import Callable

import pandas as pd

from pipeline.warehouse import Warehouse

# Figures that take part in pairings (not dates, periods, officials, documents).
FIGURE_KINDS = ("count", "percentage", "ratio", "rank", "money", "quantity")
CROSS_KINDS = ("count", "percentage", "ratio", "money", "quantity")
CROSS_ARTICLE_DAYS = 400    # other articles compared: published within this many days of the new ones
CROSS_ARTICLE_ROWS = 20000  # ... and at most this many of their facts per batch
CHECK_COLUMNS = ("check_id", "article_id", "check_name", "severity", "fact_ids", "message",
                 "computed_at", "run_id", "other_article_id")
LEXICON_DIR = Path(__file__).resolve().parent / "checks_lexicon"


@dataclass(slots=True)
class Finding:
    check_name: str
    severity: str            # error | warning | info
    fact_ids: list[str]
    message: str
    article_id: str | None = None   # None: the article of the facts checked
    other_article_id: str | None = None  # a cross-article check's older article


def check_id_for(check_name: str, article_id: str, fact_ids: list[str]) -> str:
    key = f"{check_name}|{article_id}|{','.join(fact_ids)}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]


# --- numbers as a language writes them --------------------------------------------------------
def _num(x: float | None) -> str:
    if x is None:
        return "?"
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


def _group(digits: str, sep: str) -> str:
    head = len(digits) % 3 or 3
    return sep.join([digits[:head]] + [digits[i:i + 3] for i in range(head, len(digits), 3)])


def written(x: float | int | Decimal | None, thousands: str, decimal: str) -> str:
    """A number in a notation that groups thousands ('176.737.000.000.000', '5.230,5', '7,6'):
    every digit of the value kept (of a float up to 15 significant ones, which drops float noise)."""
    if x is None:
        return "?"
    d = x if isinstance(x, Decimal) else Decimal(f"{float(x):.15g}")
    sign, d = ("-" if d < 0 else ""), abs(d)
    text = format(d.quantize(Decimal(1)) if d == d.to_integral_value() else d.normalize(), "f")
    whole, _, frac = text.partition(".")
    return sign + _group(whole, thousands) + (decimal + frac if frac else "")


# --- the lexicons -------------------------------------------------------------------------------
def _rx(spec) -> re.Pattern | None:
    """A regex from a lexicon: a bare string (case-sensitive) or {"pattern", "flags": "i"}."""
    if spec is None:
        return None
    if isinstance(spec, str):
        return re.compile(spec)
    flags = 0
    for flag in spec.get("flags", ""):
        flags |= {"i": re.I}[flag]
    return re.compile(spec["pattern"], flags)


def language_code(language: str | None) -> str | None:
    """'vi', 'en-GB' -> 'en', 'EN' -> 'en'; None for no or no sensible code."""
    code = re.split(r"[-_]", (language or "").strip().lower())[0]
    return code if re.fullmatch(r"[a-z]{2,3}", code) else None


def lexicon_languages() -> tuple[str, ...]:
    """Languages with a lexicon: the checks that need words run on their articles."""
    return tuple(sorted(p.stem for p in LEXICON_DIR.glob("*.json")))


@dataclass(frozen=True, eq=False)
class Lexicon:
    """One language's cue words (see checks_lexicon/*.json), compiled."""
    language: str
    data: dict
    normalizer: Callable[[str], tuple[str, list[int] | None]] | None
    thousands: str
    decimal: str
    decimals_re: re.Pattern
    bare_number: re.Pattern
    number_words: re.Pattern
    change_words: re.Pattern
    link_phrases: frozenset
    link_longest: int
    link_split: re.Pattern
    link_word: re.Pattern
    percentage_of_other: re.Pattern
    separator_needed: bool
    part_cue: re.Pattern
    exhaustive: tuple[str, ...]
    incomplete_list: re.Pattern | None
    unit_word: re.Pattern
    unit_head: str
    singular: bool
    share_cue: re.Pattern
    rate_cue: re.Pattern
    not_a_share: re.Pattern
    share_clause_split: re.Pattern
    head_words: int
    tail_words: int
    future: re.Pattern
    past: re.Pattern
    not_past: frozenset
    date_clause_split: re.Pattern
    date_word: re.Pattern
    window: int
    past_after: re.Pattern | None
    opening_words: frozenset | None
    measure: dict
    measure_word: re.Pattern
    stop_words: frozenset
    stop_phrases: re.Pattern | None
    measure_split: re.Pattern

    # numbers
    def num(self, x: float | None) -> str:
        """A figure in a message, as the language writes it."""
        if self.thousands == "," and self.decimal == ".":
            return _num(x)  # English: as the checks always wrote them
        return written(x, self.thousands, self.decimal)

    def fixed(self, x: float, places: int) -> str:
        text = f"{x:.{places}f}"
        return text if self.decimal == "." else text.replace(".", self.decimal)

    def decimals(self, text: str) -> int:
        m = self.decimals_re.search(text)
        return len(m.group(1)) if m else 0

    def parse_bare(self, text: str) -> float:
        return float(text.replace(self.thousands, "").replace(self.decimal, "."))

    # text as the cues are matched
    def norm(self, text: str) -> str:
        return self.normalizer(text)[0] if self.normalizer else text

    def finditer(self, rx: re.Pattern, text: str):
        """(start, end, matched text) of rx in the normalised text, offsets in `text`."""
        if not self.normalizer:
            for m in rx.finditer(text):
                yield m.start(), m.end(), m
            return
        norm, offsets = self.normalizer(text)
        for m in rx.finditer(norm):
            if offsets is None:
                yield m.start(), m.end(), m
            else:
                yield offsets[m.start()], offsets[m.end()], m

    def linked(self, text: str) -> bool:
        """Whether the words of `text` are all link words (phrases of several words included)."""
        words = self.link_word.findall(text)
        ok = [True] + [False] * len(words)   # ok[i]: words[:i] is a run of link phrases
        for i in range(len(words)):
            if ok[i]:
                for n in range(1, min(self.link_longest, len(words) - i) + 1):
                    if tuple(words[i:i + n]) in self.link_phrases:
                        ok[i + n] = True
        return ok[-1]

    def head(self, unit: str | None) -> str | None:
        """The head word of a counted noun phrase: 'Party members' -> member, 'đơn khiếu nại' -> đơn."""
        words = self.unit_word.findall(self.norm(unit or ""))
        if not words:
            return None
        word = words[-1] if self.unit_head == "last" else words[0]
        return _singular(word) if self.singular else word.lower()


def _load_lexicon(code: str, data: dict) -> Lexicon:
    numbers, rp, ps = data["numbers"], data["ratio_percentage"], data["parts_sum"]
    share, dated, measure = data["percentage_over_100"], data["future_date_past_tense"], data["measure"]
    normalizer = None
    if data.get("normalize"):
        normalizer = importlib.import_module(f"extractors.lang.{code}.normalize").normalize

    def words(items) -> frozenset[str]:
        """Word lists as the normalised text is matched (the data may spell "uỷ" or "ủy")."""
        return frozenset((normalizer(w)[0] if normalizer else w).lower() for w in items)
    link_word = _rx(rp["word"])
    phrases = frozenset(tuple(link_word.findall(p)) for p in words(rp["link_words"]))
    opening = dated.get("opening_words")
    return Lexicon(
        language=code, data=data, normalizer=normalizer,
        thousands=numbers["thousands"], decimal=numbers["decimal"], decimals_re=_rx(numbers["decimals"]),
        bare_number=_rx(numbers["bare_number"]), number_words=_rx(numbers["number_words"]),
        change_words=_rx(rp["change_words"]), link_phrases=phrases,
        link_longest=max((len(p) for p in phrases), default=1), link_split=_rx(rp["link_split"]),
        link_word=link_word, percentage_of_other=_rx(rp["percentage_of_other"]),
        separator_needed=bool(rp.get("separator_needed", False)),
        part_cue=_rx(ps["part_cue"]), exhaustive=tuple(words(ps["exhaustive"])),
        incomplete_list=_rx(ps.get("incomplete_list")), unit_word=_rx(ps["unit_word"]),
        unit_head=ps["unit_head"], singular=bool(ps["singular"]),
        share_cue=_rx(share["share_cue"]), rate_cue=_rx(share["rate_cue"]), not_a_share=_rx(share["not_a_share"]),
        share_clause_split=_rx(share["clause_split"]), head_words=int(share["head_words"]),
        tail_words=int(share["tail_words"]),
        future=_rx(dated["future"]), past=_rx(dated["past"]), not_past=words(dated["not_past"]),
        date_clause_split=_rx(dated["clause_split"]), date_word=_rx(dated["word"]), window=int(dated["window"]),
        past_after=_rx(dated.get("past_after")), opening_words=words(opening) if opening is not None else None,
        measure=measure, measure_word=_rx(measure["word"]), stop_words=words(measure["stop_words"]),
        stop_phrases=_rx(measure.get("stop_phrases")),
        measure_split=re.compile("\x00+" + ("|" + measure["clause_split"] if measure.get("clause_split") else "")))


@functools.lru_cache(maxsize=None)
def _lexicon(code: str) -> Lexicon | None:
    if not LEXICON_DIR.is_dir():  # an install without its data: every article would lose its checks
        raise FileNotFoundError(f"the checks' lexicons are missing: {LEXICON_DIR}")
    path = LEXICON_DIR / f"{code}.json"
    if not path.is_file():
        return None
    return _load_lexicon(code, json.loads(path.read_text(encoding="utf-8")))


def lexicon(language: str | None) -> Lexicon | None:
    """The cue words of an article's language; None for a language without a lexicon."""
    code = language_code(language)
    return _lexicon(code) if code else None


def format_number(x: float | None, language: str | None) -> str:
    """A figure as an article in this language writes it ('1.234,5' in Vietnamese)."""
    lex = lexicon(language)
    return lex.num(x) if lex else _num(x)


# --- helpers -------------------------------------------------------------------------------
def _sentence_groups(facts: list[dict]) -> dict[int, list[dict]]:
    groups: dict[int, list[dict]] = {}
    for f in sorted(facts, key=lambda f: (f["start"], f["kind"])):
        groups.setdefault(f["sentence_start"], []).append(f)
    return groups


def _between(f: dict, a: int, b: int) -> str:
    """Sentence text between body offsets a and b (both inside f's sentence)."""
    s0 = f["sentence_start"]
    return (f.get("sentence") or "")[max(a - s0, 0):max(b - s0, 0)]


def _singular(word: str) -> str:
    w = word.lower()
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith("s") and not w.endswith("ss") and len(w) > 3:
        return w[:-1]
    return w


# --- 1. ratio over its whole ------------------------------------------------------------------
def ratio_exceeds_whole(facts: list[dict], lang: str | None = "en") -> list[Finding]:
    """"487/485 petitions": the part cannot exceed the whole (in any language)."""
    num = functools.partial(format_number, language=lang)
    out = []
    for f in facts:
        if f["kind"] == "ratio" and f.get("numerator") is not None and f.get("denominator") is not None \
                and f["numerator"] > f["denominator"]:
            out.append(Finding("ratio_exceeds_whole", "error", [f["fact_id"]],
                               f'"{f["text"]}": numerator {num(f["numerator"])} exceeds '
                               f'denominator {num(f["denominator"])}'))
    return out


# --- 2. ratio and percentage stated together --------------------------------------------------
# Cue words (checks_lexicon/*.json, "ratio_percentage"): change_words (up, down, compared, plan;
# tăng, giảm, so với, cùng kỳ) mean the percentage is of something else; link_words are the only
# words allowed between a ratio and its percentage after the last comma, bracket or dash ("18 out
# of 22 cases under its authority, achieving 81.8%"; "15/17 đơn, đạt 88,2%"); separator_needed:
# without a comma, bracket or dash between them the percentage is what the ratio's things did
# ("19/30 phường hoàn thành trên 60% khối lượng": 19 of 30 wards did over 60% of the work).
def _pct_matches(share: float, pct: dict, lex: Lexicon) -> bool:
    stated = pct["value"]
    tol = 10 ** -lex.decimals(pct["text"])  # one unit in the last stated digit: rounding or truncation
    q = pct.get("qualifier")
    if q == "approx":
        return abs(share - stated) < max(tol, 1.0)
    if q in ("more_than", "at_least"):
        return share > stated - tol
    if q in ("less_than", "at_most"):
        return share < stated + tol
    return abs(share - stated) < tol


def ratio_percentage(facts: list[dict], lang: str | None = "en") -> list[Finding]:
    """A ratio and a percentage next to each other in one sentence ("18 out of 22 cases,
    achieving 81.1%"): disagreement beyond rounding is a warning, agreement is confirmed (info)."""
    lex = lexicon(lang)
    if lex is None:
        return []
    out = []
    for sent in _sentence_groups(facts).values():
        figs = [f for f in sent if f["kind"] in FIGURE_KINDS]
        used: set[str] = set()
        for i, r in enumerate(figs):
            if r["kind"] != "ratio" or not r.get("denominator") or r.get("numerator") is None:
                continue
            pct = None
            nxt = figs[i + 1] if i + 1 < len(figs) else None
            prv = figs[i - 1] if i > 0 else None
            if nxt is not None and nxt["kind"] == "percentage":
                gap, after = _between(r, r["end"], nxt["start"]), _between(nxt, nxt["end"], nxt["end"] + 25)
                pct = nxt
            elif prv is not None and prv["kind"] == "percentage" and prv["fact_id"] not in used \
                    and (i < 2 or figs[i - 2]["kind"] != "ratio"):
                gap, after = _between(r, prv["end"], r["start"]), _between(r, r["end"], r["end"] + 25)
                pct = prv
            if pct is None or pct.get("unit") == "percentage_points" or pct.get("value") is None \
                    or pct.get("value_max") is not None:
                continue
            gap_n, after_n = lex.norm(gap), lex.norm(after).strip()
            if len(gap) > 60 or re.search(r"[;:]", gap) or lex.change_words.search(gap_n) \
                    or (lex.separator_needed and not lex.link_split.search(gap_n)) \
                    or lex.change_words.match(after_n) or lex.percentage_of_other.match(after_n) \
                    or not lex.linked(lex.link_split.split(gap_n.lower())[-1]):
                continue
            share = 100.0 * r["numerator"] / r["denominator"]
            if share > 100:  # ratio_exceeds_whole says it already
                continue
            used.add(pct["fact_id"])
            ids = [x["fact_id"] for x in sorted((r, pct), key=lambda x: x["start"])]
            computed = lex.fixed(share, max(lex.decimals(pct["text"]), 1)) + "%"
            if _pct_matches(share, pct, lex):
                out.append(Finding("ratio_percentage_agree", "info", ids,
                                   f'"{r["text"]}" is {computed}, agreeing with "{pct["text"]}"'))
            else:
                out.append(Finding("ratio_percentage_disagree", "warning", ids,
                                   f'"{r["text"]}" is {computed}, not "{pct["text"]}"'))
    return out


# --- 3. parts and whole ----------------------------------------------------------------------
# Cue words ("parts_sum"): part_cue introduces the parts (including, of which, comprising;
# trong đó, gồm, bao gồm, trong số đó), exhaustive ones promise the whole list (comprising; gồm),
# incomplete_list says a list leaves some out ("phần còn lại": no shortfall is reported then);
# bare_number and number_words find parts the extractors left as plain numbers or words.
def _same_measure(whole: dict, part: dict, lex: Lexicon) -> bool:
    if part["kind"] != whole["kind"] or part.get("value_max") is not None or part.get("qualifier"):
        return False
    if whole["kind"] == "money":
        return part.get("currency") == whole.get("currency") and part.get("unit") == whole.get("unit")
    if whole["kind"] == "quantity":
        return (part.get("unit") or "").lower() == (whole.get("unit") or "").lower()
    return part.get("unit") is None or lex.head(part["unit"]) == lex.head(whole["unit"])


def parts_sum(facts: list[dict], lang: str | None = "en") -> list[Finding]:
    """"disciplined 15 Party members, including warnings for 2, reprimands for 12 and expulsion
    of 1": the parts listed right after the whole, behind an including/of which/comprising cue,
    up to the end of the sentence (or ';' or ')'). Every figure in that clause must be a part of
    the same kind and unit (bare numbers count as parts of a count); otherwise nothing is said.
    Parts over the whole are an error; short of it an error after 'comprising', else a warning
    (an 'including' list need not be complete); an exact sum is confirmed (info)."""
    lex = lexicon(lang)
    if lex is None:
        return []
    out = []
    for sent in _sentence_groups(facts).values():
        sentence = sent[0].get("sentence") or ""
        s0 = sent[0]["sentence_start"]
        for cue_start, cue_end, cue in lex.finditer(lex.part_cue, sentence):
            cue_at = s0 + cue_start
            before = [f for f in sent if f["end"] <= cue_at]
            if not before:
                continue
            whole = before[-1]
            gap = sentence[whole["end"] - s0:cue_start]
            if whole["kind"] not in ("count", "money", "quantity") or whole.get("value") is None \
                    or whole.get("qualifier") or whole.get("value_max") is not None \
                    or len(gap) > 40 or re.search(r"[\d;]", gap):
                continue
            rest = sentence[cue_end:]
            stop = re.search(r"[;)]|\.(\s|$)", rest)
            clause_end = cue_end + (stop.start() if stop else len(rest))
            lo, hi = s0 + cue_end, s0 + clause_end
            inside = [f for f in sent if f["start"] >= lo and f["end"] <= hi]
            clause = sentence[cue_end:clause_end]
            if len(lex.part_cue.findall(lex.norm(clause))) or \
                    any(not _same_measure(whole, f, lex) for f in inside):
                continue
            parts = [(f["start"], f["value"], f) for f in inside]
            covered = [(f["start"] - lo, f["end"] - lo) for f in sent if f["end"] > lo and f["start"] < hi]
            bare = [m for m in lex.bare_number.finditer(clause)
                    if not any(a < m.end() and m.start() < b for a, b in covered)]
            if bare and whole["kind"] != "count":
                continue
            uncovered_words = [m for m0, m1, m in lex.finditer(lex.number_words, clause)
                               if not any(a < m1 and m0 < b for a, b in covered)]
            if uncovered_words:
                continue
            parts += [(lo + m.start(), lex.parse_bare(m.group()), None) for m in bare]
            parts.sort(key=lambda p: p[0])
            if len(parts) < 2:
                continue
            total = sum(p[1] for p in parts)
            ids = [whole["fact_id"]] + [p[2]["fact_id"] for p in parts if p[2] is not None]
            listed = " + ".join(lex.num(p[1]) for p in parts)
            w = lex.num(whole["value"])
            if abs(total - whole["value"]) < 1e-6 * max(1.0, abs(whole["value"])):
                out.append(Finding("parts_sum_agree", "info", ids,
                                   f'parts {listed} = {lex.num(total)} add up to "{whole["text"]}"'))
            elif total > whole["value"]:
                out.append(Finding("parts_sum_mismatch", "error", ids,
                                   f'parts {listed} = {lex.num(total)} exceed the whole "{whole["text"]}" ({w})'))
            elif lex.incomplete_list is None or not lex.incomplete_list.search(lex.norm(clause)):
                exhaustive = cue.group(1).lower() in lex.exhaustive
                out.append(Finding("parts_sum_mismatch", "error" if exhaustive else "warning", ids,
                                   f'parts {listed} = {lex.num(total)} fall short of the whole '
                                   f'"{whole["text"]}" ({w})' + ("" if exhaustive else
                                                                 " (unless the list is incomplete)")))
    return out


# --- 4. a share or rate over 100% ------------------------------------------------------------
# Cue words ("percentage_over_100"): share_cue (accounting for, proportion; chiếm, tỷ trọng),
# rate_cue (rates that are shares of a population: poverty rate; tỷ lệ) and not_a_share (rates
# measured against a plan or a previous value may exceed 100%: plan, growth; kế hoạch, cùng kỳ).
def percentage_over_100(facts: list[dict], lang: str | None = "en") -> list[Finding]:
    """A percentage over 100 where the words just before it say it is a share ("accounting for",
    "proportion": error) or a rate that is a share of a population ("poverty rate", "coverage
    rate": warning), unless the clause compares with a plan, target or earlier period. Without
    a lexicon for the article's language there is no cue, so nothing is said."""
    lex = lexicon(lang)
    if lex is None:
        return []
    out = []
    for f in facts:
        if f["kind"] != "percentage" or f.get("unit") == "percentage_points":
            continue
        top = max(v for v in (f.get("value"), f.get("value_max")) if v is not None) \
            if f.get("value") is not None else None
        if top is None or top <= 100:
            continue
        s0 = f["sentence_start"]
        sentence = f.get("sentence") or ""
        head = sentence[:f["start"] - s0]
        head = lex.share_clause_split.split(head)[-1]          # the clause the percentage stands in
        head = lex.norm(" ".join(head.split()[-lex.head_words:]))
        tail = lex.norm(" ".join(sentence[f["end"] - s0:].split()[:lex.tail_words]))
        if lex.not_a_share.search(head) or lex.not_a_share.search(tail):
            continue
        if lex.share_cue.search(head):
            out.append(Finding("percentage_over_100", "error", [f["fact_id"]],
                               f'"{f["text"]}" is over 100% but stated as a share'))
        elif lex.rate_cue.search(head):
            out.append(Finding("percentage_over_100", "warning", [f["fact_id"]],
                               f'"{f["text"]}" is over 100% but stated as a rate'))
    return out


# --- 5. a future date in the past tense ------------------------------------------------------
# Cue words ("future_date_past_tense"): past (was, were, -ed; đã) among the last `window` words
# before the date, and no future word (will, plan, by; sẽ, dự kiến, kế hoạch, trước, hạn) in
# the sentence. Vietnamese marks time with words, not tense: also "vừa qua" right after the
# date, or "đã" early in the clause after a date that opens the sentence ("Ngày 20/8, ... đã").
def _first_day(iso: str) -> date | None:
    try:
        parts = [int(p) for p in iso.split("-")]
    except (AttributeError, ValueError):
        return None
    parts += [1] * (3 - len(parts))
    try:
        return date(*parts[:3])
    except ValueError:
        return None


def _past_word(words: list[str], lex: Lexicon) -> str | None:
    return next((w for w in words if lex.past.match(w) and w not in lex.not_past), None)


def future_date_past_tense(facts: list[dict], published: date | None, lang: str | None = "en") -> list[Finding]:
    """A date after the publication date (by more than a day, for time zones) with a past-tense
    verb among the five words before it (was, were, had, did, -ed) and no word of intent or
    future anywhere in the sentence (will, plan, expected, by, until, ...)."""
    lex = lexicon(lang)
    if published is None or lex is None:
        return []
    out = []
    for f in facts:
        if f["kind"] != "date" or not f.get("date"):
            continue
        day = _first_day(f["date"])
        if day is None or day <= published + timedelta(days=1):
            continue
        sentence = f.get("sentence") or ""
        if lex.future.search(lex.norm(sentence)):
            continue
        clause = lex.date_clause_split.split(sentence[:f["start"] - f["sentence_start"]])[-1]
        clause_words = lex.date_word.findall(lex.norm(clause).lower())
        verb = _past_word(list(reversed(clause_words[-lex.window:])), lex)
        after = sentence[f["end"] - f["sentence_start"]:]
        if verb is None and lex.past_after is not None:
            m = lex.past_after.match(lex.norm(after))
            verb = m.group(1) if m else None
        if verb is None and lex.opening_words is not None and all(w in lex.opening_words for w in clause_words):
            # the date opens the sentence: the clause after it tells what happened then
            nxt = lex.date_clause_split.split(after.lstrip(" ,"))[0]
            verb = _past_word(lex.date_word.findall(lex.norm(nxt).lower())[:lex.window], lex)
        if verb:
            out.append(Finding("future_date_past_tense", "warning", [f["fact_id"]],
                               f'"{f["text"]}" is after the publication date {published.isoformat()} '
                               f'but told in the past tense ("{verb}")'))
    return out


# --- 6. the same measure in two articles -----------------------------------------------------
# Lexicon ("measure"): how places are named (English "Dong Da district": name then level;
# Vietnamese "quận Đống Đa": level then name), city names and the stop words dropped from the
# words that say what a figure measures.
def _fold(text: str) -> str:
    if text.isascii():
        return text.lower()
    text = unicodedata.normalize("NFKD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


@functools.lru_cache(maxsize=None)
def _city_res(lex: Lexicon) -> list[tuple[re.Pattern, str]]:
    m = lex.measure

    def key(city: str) -> str:
        folded = _fold(city)
        for old, new in m["city_aliases"].items():
            folded = folded.replace(old, new)
        return folded
    if m["place_order"] == "name_level":
        return [(re.compile(r"\b" + re.escape(_fold(c)) + r"\b"), key(c)) for c in m["cities"]]
    return [(re.compile(r"\b" + re.escape(lex.norm(c)) + r"\b", re.I), key(c)) for c in m["cities"]]


@functools.lru_cache(maxsize=None)
def _level_re(lex: Lexicon) -> tuple[re.Pattern, re.Pattern]:
    m = lex.measure
    levels = sorted(m["place_levels"], key=len, reverse=True)
    level = re.compile(r"(?<![^\W\d_])(?:" + "|".join(re.escape(x) for x in levels) + r")"
                       + (r"(?:\s+" + re.escape(m["place_committee"]) + r")?" if m.get("place_committee") else "")
                       + r"(?![^\W\d_])", re.I)
    words = sorted(m.get("city_words", []), key=len, reverse=True)
    city_word = re.compile(r"(?<![^\W\d_])(?:" + "|".join(re.escape(x) for x in words) + r")(?![^\W\d_])", re.I) \
        if words else re.compile(r"(?!)")
    return level, city_word


_NAME_WORD = re.compile(r"\s*([^\W_][\w'’]*)")
_CUT = "\x00"  # where a fact or a place was cut out of the words before a figure


def _level_name_places(text: str, lex: Lexicon) -> list[tuple[int, int, str]]:
    """Places written level first ("quận Đống Đa", "TP Hà Nội", "Quận ủy Hai Bà Trưng"), cities
    ("Hà Nội") and the city's own words ("thành phố" alone): (start, end, folded name) in the
    normalised text. A name is up to four capitalised words; one that starts a person's name or
    a title ("xã Đông Anh Nguyễn Thị Lan", "Bí thư") ends it."""
    level_re, city_word_re = _level_re(lex)
    stops = _name_stops(lex)
    found: list[tuple[int, int, str]] = []
    named_at = set()
    for m in level_re.finditer(text):
        pos, names = m.end(), []
        while len(names) < 4:
            w = _NAME_WORD.match(text, pos)
            if not w or not (w.group(1)[0].isupper() or (not names and w.group(1).isdigit())) \
                    or (names and w.group(1) in stops):
                break
            names.append(w.group(1))
            pos = w.end()
        if names:
            key = " ".join(_fold(n) for n in names)
            for old, new in lex.measure["city_aliases"].items():
                key = key.replace(old, new)
            found.append((m.start(), pos, key))
            named_at.add(m.start())
    for city_re, city in _city_res(lex):
        found += [(c.start(), c.end(), city) for c in city_re.finditer(text)]
    found += [(c.start(), c.end(), lex.measure["city_word_place"]) for c in city_word_re.finditer(text)
              if c.start() not in named_at]
    return found


@functools.lru_cache(maxsize=None)
def _name_stops(lex: Lexicon) -> frozenset[str]:
    return frozenset(lex.norm(w) for w in lex.measure.get("name_stops", []))


def _places_en(sentence: str, lex: Lexicon) -> frozenset[str]:
    found = set()
    for m in re.finditer(r"\b(?:[A-Z][\w'’]*\s+){0,3}[A-Z][\w'’]*\s+" + lex.measure["place_levels"] + r"\b",
                         sentence):
        words = m.group().split()[:-1]
        if words and words[0].lower() in ("the", "in", "of"):
            words = words[1:]
        if words:
            found.add(" ".join(_fold(w) for w in words))
    folded = _fold(sentence)
    for city_re, city in _city_res(lex):
        if city_re.search(folded):
            found.add(city)
    return frozenset(found)


@functools.lru_cache(maxsize=4096)
def _places(sentence: str, lex: Lexicon) -> frozenset[str]:
    if lex.measure["place_order"] == "name_level":
        return _places_en(sentence, lex)
    return frozenset(p[2] for p in _level_name_places(lex.norm(sentence), lex))


def _measure_words(f: dict, sent: list[dict], lex: Lexicon) -> tuple[str, ...]:
    """Up to two (en; vi: three) content words right before the figure (after any earlier figure
    in the clause): what the figure measures ('revenue reached', 'disciplined', 'thu ngân sách')."""
    s0 = f["sentence_start"]
    sentence = f.get("sentence") or ""
    m = lex.measure
    if m["from"] == "any_fact":
        lo = max([g["end"] for g in sent if g["end"] <= f["start"]] + [s0])
        head = sentence[lo - s0:f["start"] - s0]
    else:
        # the measure stands before the period and place ("thu ngân sách 6 tháng đầu năm 2024 của
        # quận Đống Đa đạt ..."): from the last figure, dates, periods and names blanked out
        lo = max([g["end"] for g in sent if g["end"] <= f["start"] and g["kind"] in FIGURE_KINDS] + [s0])
        chars = list(sentence[lo - s0:f["start"] - s0])
        for g in sent:
            if g is not f and g["start"] >= lo and g["end"] <= f["start"]:
                chars[g["start"] - lo:g["end"] - lo] = _CUT * (g["end"] - g["start"])
        head = "".join(chars)
    if m["fold"]:
        places = " ".join(_places(sentence, lex)).split()
        words = [w for w in lex.measure_word.findall(_fold(head)) if w not in lex.stop_words and w not in places]
        return tuple(words[-m["words"]:])
    # what stands last before the figure, between blanked facts, places and clause marks
    text = lex.norm(head)
    for a, b, _ in sorted(_level_name_places(text, lex), reverse=True):
        text = text[:a] + _CUT + text[b:]
    if lex.stop_phrases is not None:
        text = lex.stop_phrases.sub(" ", text)
    for segment in reversed(lex.measure_split.split(text)):
        words = [w for w in lex.measure_word.findall(segment.lower()) if w not in lex.stop_words]
        if words:
            return tuple(words[-m["words"]:])
    return ()


def measure_keys(facts: list[dict], lang: str | None = "en") -> dict[tuple, dict]:
    """Facts with an exact measure key: (kind, unit, currency, measure words, period start, period
    end, places), from sentences with exactly one period, at least one place and one such figure."""
    lex = lexicon(lang)
    if lex is None:
        return {}
    keys: dict[tuple, dict] = {}
    for sent in _sentence_groups(facts).values():
        periods = [f for f in sent if f["kind"] == "period"]
        figs = [f for f in sent if f["kind"] in CROSS_KINDS and not f.get("qualifier")]
        if len(periods) != 1 or len(figs) != 1:
            continue
        places = _places(sent[0].get("sentence") or "", lex)
        f = figs[0]
        measure = _measure_words(f, sent, lex)
        if not places or not measure:
            continue
        p = periods[0]
        key = (lex.language, f["kind"], (f.get("unit") or "").lower(), f.get("currency"), measure,
               str(p["period_start"])[:10], str(p["period_end"])[:10], places)
        keys[key] = f
    return keys


def _figure(f: dict) -> tuple:
    if f["kind"] == "ratio":
        return (f.get("numerator"), f.get("denominator"))
    return (f.get("value"), f.get("value_max"))


def cross_article_conflicts(new: list[dict], others: list[dict],
                            published: dict[str, datetime | None],
                            languages: dict[str, str | None] | None = None) -> list[Finding]:
    """The same measure (see measure_keys) for the same place and period, with different figures
    in two articles; filed under the newer article. `languages`: article id -> language (English
    for every article when not given)."""
    def lang(article_id: str) -> str | None:
        return "en" if languages is None else languages.get(article_id)

    by_article: dict[str, list[dict]] = {}
    for f in others:
        by_article.setdefault(f["article_id"], []).append(f)
    theirs: dict[tuple, list[dict]] = {}
    for article_id, facts in by_article.items():
        for key, f in measure_keys(facts, lang(article_id)).items():
            theirs.setdefault(key, []).append(f)
    mine_by_article: dict[str, list[dict]] = {}
    for f in new:
        mine_by_article.setdefault(f["article_id"], []).append(f)
    out = []
    floor = datetime.min.replace(tzinfo=timezone.utc)
    for article_id, facts in mine_by_article.items():
        for key, f in measure_keys(facts, lang(article_id)).items():
            for g in theirs.get(key, []):
                if g["article_id"] == article_id or _figure(f) == _figure(g):
                    continue
                pair = sorted((f, g), key=lambda x: (published.get(x["article_id"]) or floor, x["article_id"]))
                older, newer = pair
                out.append(Finding("cross_article_conflict", "warning",
                                   [older["fact_id"], newer["fact_id"]],
                                   f'"{newer["text"]}" differs from "{older["text"]}" for the same measure, '
                                   f'place and period in article {older["article_id"]}',
                                   article_id=newer["article_id"], other_article_id=older["article_id"]))
    return out


# --- per-article bundle ----------------------------------------------------------------------
def article_checks(facts: list[dict], published: date | None, lang: str | None = "en") -> list[Finding]:
    """Every single-article check over one article's facts, with the cue words of its language;
    a language without a lexicon gets the checks that need no words."""
    if lexicon(lang) is None:
        return ratio_exceeds_whole(facts, lang) + percentage_over_100(facts, lang)
    return (ratio_exceeds_whole(facts, lang) + ratio_percentage(facts, lang) + parts_sum(facts, lang)
            + percentage_over_100(facts, lang) + future_date_past_tense(facts, published, lang))


# --- the warehouse side ----------------------------------------------------------------------
_FACT_SELECT = """SELECT fact_id, article_id, kind, text, "start", "end", value, value_max, qualifier,
    unit, currency, numerator, denominator, date, granularity, period_start, period_end,
    sentence, sentence_start FROM facts"""


def _fact_dicts(result) -> list[dict]:
    """Rows of a _FACT_SELECT result as dicts (fetchall: a pandas round trip costs more than the checks)."""
    cols = [d[0] for d in result.description]
    rows = [dict(zip(cols, values)) for values in result.fetchall()]
    for r in rows:
        for col in ("period_start", "period_end"):
            if r[col] is not None:
                r[col] = str(r[col])[:10]
        if r["sentence_start"] is None:
            r["sentence_start"] = -1
    return rows


def compute_checks(wh: Warehouse, article_ids: list[str], run_id: str) -> int:
    """Compute the checks of these articles (and their cross-article conflicts with stored
    articles) and replace their stored checks in one transaction; returns rows written."""
    if not article_ids:
        return 0
    con = wh.con
    ids = list(dict.fromkeys(article_ids))
    published, languages = {}, {}
    for a, p, lang in con.execute("SELECT article_id, published_at, language FROM articles "
                                  "WHERE article_id IN (SELECT unnest(?))", [ids]).fetchall():
        published[a], languages[a] = p, lang
    facts = _fact_dicts(con.execute(_FACT_SELECT + " WHERE article_id IN (SELECT unnest(?)) "
                                    "ORDER BY article_id, \"start\", kind", [ids]))
    by_article: dict[str, list[dict]] = {a: [] for a in ids}
    for f in facts:
        by_article[f["article_id"]].append(f)
    findings: list[Finding] = []
    for article_id, article_facts in by_article.items():
        pub = published.get(article_id)
        for finding in article_checks(article_facts, pub.date() if pub else None, languages.get(article_id)):
            finding.article_id = article_id
            findings.append(finding)
    # cross-article: stored sentences (these articles' included, so two of them loaded together
    # are compared too) with a period these articles mention
    periods = sorted({(f["period_start"], f["period_end"]) for f in facts
                      if f["kind"] == "period" and f["period_start"] and f["period_end"]})
    dates = [p for p in published.values() if p is not None]
    if periods and dates:
        # Bounded, so a backfill does not compare every batch with the whole archive: articles
        # published within CROSS_ARTICLE_DAYS of these ones, at most CROSS_ARTICLE_ROWS facts.
        others = _fact_dicts(con.execute(_FACT_SELECT + f""" f WHERE (f.article_id, f.sentence_start) IN (
                SELECT p.article_id, p.sentence_start FROM facts p JOIN articles a USING (article_id)
                WHERE p.kind = 'period'
                  AND a.published_at BETWEEN ? AND ?
                  AND (CAST(p.period_start AS VARCHAR), CAST(p.period_end AS VARCHAR))
                      IN (SELECT unnest(?), unnest(?)))
                LIMIT {CROSS_ARTICLE_ROWS}""",
                                         [min(dates) - timedelta(days=CROSS_ARTICLE_DAYS),
                                          max(dates) + timedelta(days=CROSS_ARTICLE_DAYS),
                                          [p[0] for p in periods], [p[1] for p in periods]]))
        if others:
            for a, p, lang in con.execute("SELECT article_id, published_at, language FROM articles "
                                          "WHERE article_id IN (SELECT unnest(?))",
                                          [sorted({f["article_id"] for f in others})]).fetchall():
                published[a], languages[a] = p, lang
            findings += cross_article_conflicts(facts, others, published, languages)
    now = datetime.now(timezone.utc)
    rows = {}
    for f in findings:
        cid = check_id_for(f.check_name, f.article_id, f.fact_ids)
        rows[cid] = dict(check_id=cid, article_id=f.article_id, check_name=f.check_name,
                         severity=f.severity, fact_ids=f.fact_ids, message=f.message,
                         computed_at=now, run_id=run_id, other_article_id=f.other_article_id)
    df = pd.DataFrame(list(rows.values()), columns=list(CHECK_COLUMNS))
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute("DELETE FROM checks WHERE article_id IN (SELECT unnest(?))", [ids])
        # Cross-article checks filed under another article but naming these articles' (possibly
        # replaced) facts are recomputed here. Found by other_article_id: joining checks to all
        # facts needs memory that grows with the warehouse.
        con.execute("""DELETE FROM checks WHERE check_name = 'cross_article_conflict'
                       AND other_article_id IN (SELECT unnest(?))""", [ids])
        if len(df):
            con.register("batch_checks", df)
            con.execute("DELETE FROM checks WHERE check_id IN (SELECT check_id FROM batch_checks)")
            con.execute(f"INSERT INTO checks ({', '.join(CHECK_COLUMNS)}) "
                        f"SELECT check_id, article_id, check_name, severity, "
                        f"CAST(fact_ids AS VARCHAR[]), message, computed_at, run_id, other_article_id "
                        f"FROM batch_checks")
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    finally:
        try:
            con.unregister("batch_checks")
        except Exception:
            pass
    return len(df)
