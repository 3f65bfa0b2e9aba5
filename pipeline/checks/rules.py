"""Consistency checks over the facts of each article, stored in the `checks` table.

Each check is one small function over a list of fact dicts (the `facts` columns: fact_id, kind,
text, start, end, value, ..., sentence, sentence_start) that returns `Finding`s. The rules are
deliberately conservative: a figure is paired with another only when the text leaves little
doubt (same sentence, adjacent figures, a percentage that closes its ratio's clause, explicit
"including"/"of which" cues), because a false alarm on the review page costs more than a missed one.
Figures of two articles are compared by what they are about, from the facts' own columns
(measure_key, place, ref_start/ref_end: FACTS.md "What a figure is about").

The checks read the article's language (`articles.language`): the cue words they look for
("including", "trong đó", "accounting for", "chiếm", "was", "đã", ...) and the way numbers are
written in their messages ("1,234.5" or "1.234,5") are data, one file per language in
lexicon/ (en.json, vi.json). An article in a language without a lexicon (or none stored)
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

from extractors.kinds import KINDS
from pipeline.store.warehouse import Warehouse

# Figures compared across articles (not ranks, dates, periods, officials, documents).
CROSS_KINDS = tuple(name for name, spec in KINDS.items() if spec.cross_article)
CROSS_ARTICLE_DAYS = 400    # other articles compared: published within this many days of the new ones
CROSS_ARTICLE_ROWS = 20000  # ... and at most this many of their facts per batch
CHECK_COLUMNS = ("check_id", "article_id", "check_name", "severity", "fact_ids", "message",
                 "computed_at", "run_id", "other_article_id")
LEXICON_DIR = Path(__file__).resolve().parent / "lexicon"


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
    """One language's cue words (see lexicon/*.json), compiled."""
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
    restate_phrases: frozenset
    link_longest: int
    link_split: re.Pattern
    link_word: re.Pattern
    percentage_of_other: re.Pattern
    percentage_own_whole: re.Pattern | None
    not_share_measure: re.Pattern | None
    clause_reach: int
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
    date_context: frozenset
    relative_before: re.Pattern
    relative_after: re.Pattern

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

    def linked(self, text: str, phrases: frozenset | None = None) -> bool:
        """Whether the words of `text` are all link words (phrases of several words included), or
        all of `phrases`."""
        phrases = self.link_phrases if phrases is None else phrases
        words = self.link_word.findall(text.lower())
        ok = [True] + [False] * len(words)   # ok[i]: words[:i] is a run of link phrases
        for i in range(len(words)):
            if ok[i]:
                for n in range(1, min(self.link_longest, len(words) - i) + 1):
                    if tuple(words[i:i + n]) in phrases:
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
    share, dated, cross = data["percentage_over_100"], data["future_date_past_tense"], data["cross_article"]
    normalizer = None
    if data.get("normalize"):
        normalizer = importlib.import_module(f"extractors.lang.{code}.normalize").normalize

    def words(items) -> frozenset[str]:
        """Word lists as the normalised text is matched (the data may spell "uỷ" or "ủy")."""
        return frozenset((normalizer(w)[0] if normalizer else w).lower() for w in items)
    link_word = _rx(rp["word"])
    phrases = frozenset(tuple(link_word.findall(p)) for p in words(rp["link_words"]))
    restate = frozenset(tuple(link_word.findall(p)) for p in words(rp["restate_words"]))
    opening = dated.get("opening_words")
    return Lexicon(
        language=code, data=data, normalizer=normalizer,
        thousands=numbers["thousands"], decimal=numbers["decimal"], decimals_re=_rx(numbers["decimals"]),
        bare_number=_rx(numbers["bare_number"]), number_words=_rx(numbers["number_words"]),
        change_words=_rx(rp["change_words"]), link_phrases=phrases, restate_phrases=restate,
        link_longest=max((len(p) for p in phrases | restate), default=1), link_split=_rx(rp["link_split"]),
        link_word=link_word, percentage_of_other=_rx(rp["percentage_of_other"]),
        percentage_own_whole=_rx(rp.get("percentage_own_whole")), not_share_measure=_rx(rp.get("not_share_measure")),
        clause_reach=int(rp["clause_reach"]),
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
        date_context=words(dated["date_context"]),
        relative_before=_rx(cross["relative_before"]), relative_after=_rx(cross["relative_after"]))


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
    """Sentence text between text offsets a and b (both inside f's sentence)."""
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
# A ratio and a percentage are compared only when the sentence says the percentage is the ratio's
# share (lexicon/*.json, "ratio_percentage"):
# - after the ratio's clause, behind a comma, bracket or dash and nothing but link words
#   ("18 out of 22 cases ... have been reviewed and resolved, achieving 81.1%"; "15/17 đơn, đạt
#   88,2%"; "6/20 communes ..., accounting for 35%"), or in brackets right after it ("18/20 xã (90%)");
# - or right before it, the ratio in brackets or behind a restating word ("96.2% (227/238
#   students)", "91,7%, tương đương 33/36 đơn").
# Not paired: another fact between them (a figure, or a bare "8/10" that may be either), a change
# or plan word anywhere between them (up, compared, plan; tăng, so với, kế hoạch), a percentage
# followed by what it is of ("92% of households", "98% hộ gia đình", "92% kế hoạch") or by a
# change word, a percentage whose own measure is another one (its measure_key differs from the
# ratio's, or names a growth or change: not_share_measure), and a ratio listed with another ratio
# before it ("152/160 thôn và 10/12 tổ dân phố ..., đạt 94,2%": the share of both together).
_BARE_DAY = re.compile(r"^\d{1,2}\s*[/.-]\s*\d{1,2}$")   # "8/10": a day or a ratio


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


def _time_between(f: dict) -> bool:
    """A date or period that may stand between a ratio and its percentage ("in the first half of
    2024"): not a bare "8/10", which may be a ratio the extractors took for a day."""
    return f["kind"] in ("date", "period") and not _BARE_DAY.match(f["text"].strip())


def _own_measure(r: dict, pct: dict, lex: Lexicon) -> bool:
    """The percentage measures something else than the ratio's share."""
    if pct.get("measure_key") and r.get("measure_key") and pct["measure_key"] != r["measure_key"]:
        return True
    return bool(lex.not_share_measure and pct.get("measure") and lex.not_share_measure.search(lex.norm(pct["measure"])))


def _pct_after(r: dict, pct: dict, lex: Lexicon) -> bool:
    """"<ratio> ..., achieving X%": the percentage closes the ratio's clause."""
    gap = lex.norm(_between(r, r["end"], pct["start"]))
    if len(gap) > lex.clause_reach or re.search(r"[;:]", gap) or lex.change_words.search(gap):
        return False
    segments = lex.link_split.split(gap)
    last = segments[-1]
    if len(segments) == 1:
        if lex.separator_needed:      # "19/30 phường hoàn thành trên 60% khối lượng"
            return False
        return bool(last.strip()) and lex.linked(last)        # "133/155 tasks or 85.8%"
    if not last.strip():             # "21/21 xã ..., 98% hộ gia đình"; only a bracket holds it
        return gap.rstrip().endswith("(")
    return lex.linked(last)


def _pct_before(pct: dict, r: dict, lex: Lexicon) -> bool:
    """"X% (18/22 cases)" or "X%, i.e. 18/22 cases": the ratio restates the percentage."""
    gap = lex.norm(_between(r, pct["end"], r["start"]))
    if re.fullmatch(r"\s*[(\[]\s*", gap):
        ok = True
    else:
        segments = lex.link_split.split(gap)
        ok = len(segments) == 2 and not segments[0].strip() and bool(segments[1].strip()) \
            and lex.linked(segments[1], lex.restate_phrases)
    if not ok:
        return False
    head = lex.norm(_between(pct, pct["sentence_start"], pct["start"]))
    head = " ".join(lex.link_split.split(head)[-1].split()[-3:])
    return not lex.change_words.search(head)    # "up 2.5% (25/26 communes)"


def _pct_tail_ok(pct: dict, lex: Lexicon) -> bool:
    """Nothing after the percentage says what else it is of."""
    after = lex.norm(_between(pct, pct["end"], pct["end"] + 30)).strip()
    return not (lex.change_words.match(after) or lex.percentage_of_other.match(after)
                or (lex.percentage_own_whole is not None and lex.percentage_own_whole.match(after)))


def ratio_percentage(facts: list[dict], lang: str | None = "en") -> list[Finding]:
    """A ratio and the percentage the sentence gives as its share ("18 out of 22 cases ... have
    been reviewed and resolved, achieving 81.1%"): disagreement beyond rounding is a warning,
    agreement is confirmed (info)."""
    lex = lexicon(lang)
    if lex is None:
        return []
    out = []
    for sent in _sentence_groups(facts).values():
        used: set[str] = set()
        for i, r in enumerate(sent):
            if r["kind"] != "ratio" or not r.get("denominator") or r.get("numerator") is None:
                continue
            share = 100.0 * r["numerator"] / r["denominator"]
            if share > 100:  # ratio_exceeds_whole says it already
                continue
            prv = next((g for g in reversed(sent[:i]) if not _time_between(g)), None)
            if prv is not None and prv["kind"] == "ratio":
                gap = _between(r, prv["end"], r["start"])
                if len(gap) <= 40 and not re.search(r"[;:.%]", gap):
                    continue    # a list of ratios: a percentage after it may be the share of all
            pct = None
            nxt = next((g for g in sent[i + 1:] if not _time_between(g)), None)
            if nxt is not None and nxt["kind"] == "percentage" and _pct_after(r, nxt, lex):
                pct = nxt
            elif prv is not None and prv["kind"] == "percentage" and prv["fact_id"] not in used \
                    and _pct_before(prv, r, lex):
                pct = prv
            if pct is None or pct["fact_id"] in used or pct.get("unit") == "percentage_points" \
                    or pct.get("value") is None or pct.get("value_max") is not None \
                    or not _pct_tail_ok(pct, lex) or _own_measure(r, pct, lex):
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
        if _BARE_DAY.match(f["text"].strip()):
            # "8/10" with no year may be a ratio ("8/10 residential groups"): a day only after a
            # date word ("on 8/10", "ngày 15/8")
            before = lex.date_word.findall(lex.norm(sentence[:f["start"] - f["sentence_start"]]).lower())
            if not before or before[-1] not in lex.date_context:
                continue
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
# What a figure is about is stored with it (FACTS.md "What a figure is about", filled by
# extractors/about.py and extractors/measure.py): two figures are the same data point when they
# share kind, unit (currency), measure_key, place and reference period, in articles of the same
# language (a translation is the republication check's business). Compared: figures with all of
# these, that state a level rather than a change or a share of a plan (checks_lexicon "cross_article":
# "up 12%", "112% of the estimate", "tăng 5%", "so với cùng kỳ" are not compared), and counts and
# ratios whose measures say the same happened to their things ("cases received" and "cases still
# under consideration" share a key but not a measure). Figures disagree when no value both could
# mean fits: a figure is good to one unit in its last written digit ("VND 6.2 trillion" holds
# VND 6,230 billion), a range holds its span, "about" 5 % either way, "more than" / "under" one side.
def _fold(text: str | None) -> str:
    text = " ".join((text or "").split())
    if text.isascii():
        return text.lower()
    text = unicodedata.normalize("NFKD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


_WORDS = re.compile(r"[^\W\d_]+")
_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")
APPROX = 0.05   # "about", "nearly": this share of the value either way


def _unit_key(f: dict, lex: Lexicon) -> str:
    words = _WORDS.findall(_fold(f.get("unit")))
    return " ".join(_singular(w) if lex.singular else w for w in words)


def figure_key(f: dict, lang: str | None) -> tuple | None:
    """What a figure is a data point of, from its stored columns, or None when it lacks one of them:
    (language, kind, unit, currency, measure_key, place, place level, ref_start, ref_end)."""
    lex = lexicon(lang)
    if lex is None or f["kind"] not in CROSS_KINDS or not f.get("measure_key") or not f.get("place") \
            or not f.get("ref_end"):
        return None
    if f["kind"] == "percentage" and f.get("unit") == "percentage_points":
        return None
    return (lex.language, f["kind"], _unit_key(f, lex), f.get("currency"), f["measure_key"],
            _fold(f["place"]).replace(" ", ""), f.get("place_level"), str(f.get("ref_start") or "")[:10], str(f["ref_end"])[:10])


def _relative(f: dict, lex: Lexicon) -> bool:
    """A change or a share of a plan ("up 12%", "112% of the estimate", "tăng 5%", "so với cùng kỳ")."""
    before = lex.norm(_between(f, f["sentence_start"], f["start"]))
    after = lex.norm(_between(f, f["end"], f["end"] + 40))
    return bool(lex.relative_before.search(before) or lex.relative_after.match(after))


def _same_doing(f: dict, g: dict, lex: Lexicon) -> bool:
    """Counts and ratios: what happened to the counted things (their measure without the unit
    words) is the same, or neither says."""
    if f["kind"] not in ("count", "ratio"):
        return True
    unit = set(_WORDS.findall(_fold(f.get("unit")))) | set(_WORDS.findall(_fold(g.get("unit"))))
    a = set(_WORDS.findall(_fold(f.get("measure")))) - unit
    b = set(_WORDS.findall(_fold(g.get("measure")))) - unit
    return (not a and not b) or bool(a & b)


def _step(f: dict, lex: Lexicon) -> float:
    """One unit in the last digit the article writes: 0.1 trillion for "VND 6.2 trillion", 1 for "15";
    0 (exact) when the number is not written as the language writes numbers."""
    value = f["numerator"] if f["kind"] == "ratio" else f["value"]
    m = _DIGITS.search(f["text"])
    if not m or not value or not lex.bare_number.fullmatch(m.group()):
        return 0.0
    shown = lex.parse_bare(m.group())
    if not shown:
        return 0.0
    places = len(m.group().split(lex.decimal)[1]) if lex.decimal in m.group() else 0
    return abs(value) / shown * 10 ** -places


def _interval(f: dict, lex: Lexicon) -> tuple[float, float]:
    lo = f["value"]
    hi = f["value_max"] if f.get("value_max") is not None else lo
    step = _step(f, lex)
    q = f.get("qualifier")
    if q == "approx":
        return min(lo * (1 - APPROX), lo - step), max(hi * (1 + APPROX), hi + step)
    if q in ("more_than", "at_least"):
        return lo - step, float("inf")
    if q in ("less_than", "at_most"):
        return float("-inf"), hi + step
    return lo - step, hi + step


def figures_conflict(f: dict, g: dict, lex: Lexicon) -> bool:
    """No value both figures could mean (ratios: other parts)."""
    if f["kind"] == "ratio":
        return (f.get("numerator"), f.get("denominator")) != (g.get("numerator"), g.get("denominator"))
    if f.get("value") is None or g.get("value") is None:
        return False
    (a0, a1), (b0, b1) = _interval(f, lex), _interval(g, lex)
    return a1 < b0 or b1 < a0


def _comparable(f: dict, lang: str | None) -> tuple | None:
    key = figure_key(f, lang)
    return key if key is not None and not _relative(f, lexicon(lang)) else None


def _quote(sentence: str | None, limit: int = 240) -> str:
    s = " ".join((sentence or "").split())
    return s if len(s) <= limit else s[:limit - 1] + "…"


def cross_article_conflicts(new: list[dict], others: list[dict],
                            published: dict[str, datetime | None],
                            languages: dict[str, str | None] | None = None) -> list[Finding]:
    """The same data point (figure_key) with different figures in two articles of one language;
    filed under the newer article, naming both sentences. `languages`: article id -> language
    (English for every article when not given)."""
    def lang(article_id: str) -> str | None:
        return "en" if languages is None else languages.get(article_id)

    theirs: dict[tuple, list[dict]] = {}
    for g in others:
        key = _comparable(g, lang(g["article_id"]))
        if key is not None:
            theirs.setdefault(key, []).append(g)
    out, seen = [], set()
    floor = datetime.min.replace(tzinfo=timezone.utc)
    for f in new:
        key = _comparable(f, lang(f["article_id"]))
        if key is None:
            continue
        lex = lexicon(lang(f["article_id"]))
        for g in theirs.get(key, []):
            if g["article_id"] == f["article_id"] or not _same_doing(f, g, lex) or not figures_conflict(f, g, lex):
                continue
            older, newer = sorted((f, g), key=lambda x: (published.get(x["article_id"]) or floor, x["article_id"]))
            if (older["fact_id"], newer["fact_id"]) in seen:
                continue
            seen.add((older["fact_id"], newer["fact_id"]))
            _, _, _, _, measure, _, _, ref_start, ref_end = key
            period = f"{ref_start} – {ref_end}" if ref_start else f"to {ref_end}"
            out.append(Finding(
                "cross_article_conflict", "warning", [older["fact_id"], newer["fact_id"]],
                f'"{newer["text"]}" differs from "{older["text"]}" in article {older["article_id"]} for the same '
                f'measure ({measure}), place ({newer["place"]}) and period ({period}): '
                f'"{_quote(newer.get("sentence"))}" / "{_quote(older.get("sentence"))}"',
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
_FACT_SELECT = """SELECT f.fact_id, f.article_id, f.kind, f.text, f."start", f."end", f.value, f.value_max,
    f.qualifier, f.unit, f.currency, f.numerator, f.denominator, f.date, f.granularity, f.period_start,
    f.period_end, f.measure, f.measure_key, f.place, f.place_level, f.ref_start, f.ref_end,
    f.sentence, f.sentence_start FROM facts f"""
_DAY_COLUMNS = ("period_start", "period_end", "ref_start", "ref_end")


def _fact_dicts(result) -> list[dict]:
    """Rows of a _FACT_SELECT result as dicts (fetchall: a pandas round trip costs more than the checks)."""
    cols = [d[0] for d in result.description]
    rows = [dict(zip(cols, values)) for values in result.fetchall()]
    for r in rows:
        for col in _DAY_COLUMNS:
            if r.get(col) is not None:
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
    facts = _fact_dicts(con.execute(_FACT_SELECT + " WHERE f.article_id IN (SELECT unnest(?)) "
                                    "ORDER BY f.article_id, f.\"start\", f.kind", [ids]))
    by_article: dict[str, list[dict]] = {a: [] for a in ids}
    for f in facts:
        by_article[f["article_id"]].append(f)
    findings: list[Finding] = []
    for article_id, article_facts in by_article.items():
        pub = published.get(article_id)
        for finding in article_checks(article_facts, pub.date() if pub else None, languages.get(article_id)):
            finding.article_id = article_id
            findings.append(finding)
    # cross-article: stored figures (these articles' included, so two of them loaded together are
    # compared too) with the kind, measure_key and reference period of one of these articles' figures
    keys = sorted({(f["kind"], f["measure_key"], f["ref_end"]) for f in facts
                   if figure_key(f, languages.get(f["article_id"])) is not None})
    dates = [p for p in published.values() if p is not None]
    if keys and dates:
        # Bounded, so a backfill does not compare every batch with the whole archive: articles
        # published within CROSS_ARTICLE_DAYS of these ones, at most CROSS_ARTICLE_ROWS facts.
        others = _fact_dicts(con.execute(_FACT_SELECT + f""" JOIN articles a USING (article_id)
                WHERE a.published_at BETWEEN ? AND ?
                  AND f.place IS NOT NULL
                  AND (f.kind, f.measure_key, CAST(f.ref_end AS VARCHAR)) IN (SELECT unnest(?), unnest(?), unnest(?))
                ORDER BY a.published_at DESC LIMIT {CROSS_ARTICLE_ROWS}""",
                                         [min(dates) - timedelta(days=CROSS_ARTICLE_DAYS),
                                          max(dates) + timedelta(days=CROSS_ARTICLE_DAYS),
                                          [k[0] for k in keys], [k[1] for k in keys], [k[2] for k in keys]]))
        if others:
            for a, p, lang in con.execute("SELECT article_id, published_at, language FROM articles "
                                          "WHERE article_id IN (SELECT unnest(?))",
                                          [sorted({f["article_id"] for f in others})]).fetchall():
                published[a], languages[a] = p, lang
            findings += cross_article_conflicts(facts, others, published, languages)
    from pipeline.checks.republication import republication_findings  # it imports this module
    findings += republication_findings(con, ids)   # translation vs original, whichever side is new
    now = datetime.now(timezone.utc)
    rows = {}
    for f in findings:
        cid = check_id_for(f.check_name, f.article_id, f.fact_ids)
        rows[cid] = dict(check_id=cid, article_id=f.article_id, check_name=f.check_name,
                         severity=f.severity, fact_ids=f.fact_ids, message=f.message,
                         computed_at=now, run_id=run_id, other_article_id=f.other_article_id)
    df = pd.DataFrame(list(rows.values()), columns=list(CHECK_COLUMNS))
    try:
        with wh.transaction():
            con.execute("DELETE FROM checks WHERE article_id IN (SELECT unnest(?))", [ids])
            # Cross-article checks filed under another article but naming these articles' (possibly
            # replaced) facts are recomputed here. Found by other_article_id: joining checks to all
            # facts needs memory that grows with the warehouse.
            con.execute("""DELETE FROM checks WHERE check_name IN ('cross_article_conflict',
                           'republication_mismatch', 'republication_dropped')
                           AND other_article_id IN (SELECT unnest(?))""", [ids])
            if len(df):
                con.register("batch_checks", df)
                con.execute("DELETE FROM checks WHERE check_id IN (SELECT check_id FROM batch_checks)")
                con.execute(f"INSERT INTO checks ({', '.join(CHECK_COLUMNS)}) "
                            f"SELECT check_id, article_id, check_name, severity, "
                            f"CAST(fact_ids AS VARCHAR[]), message, computed_at, run_id, other_article_id "
                            f"FROM batch_checks")
    finally:
        try:
            con.unregister("batch_checks")
        except Exception:
            pass
    return len(df)
