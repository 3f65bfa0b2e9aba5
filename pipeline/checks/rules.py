"""Consistency checks over the facts of each article: pure rules, which pipeline/checks/store.py
runs over each batch and stores in the `checks` table.

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
lexicon/ (en.json, vi.json), and so are the thresholds they judge by (thresholds.json); both are
loaded by pipeline/checks/lexicon.py. An article in a language without a lexicon (or none stored)
gets only the checks that need no words: a ratio over its whole (and percentage_over_100, which
then has no share or rate cue to fire on).

    article_checks(facts, published, language)            # one article's findings
    cross_article_conflicts(new, others, published, languages)
"""
from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

from extractors.kinds import KINDS
from pipeline.checks.lexicon import THRESHOLDS, Lexicon, format_number, lexicon, singular_form

# Figures compared across articles (not ranks, dates, periods, officials, documents).
CROSS_KINDS = tuple(name for name, spec in KINDS.items() if spec.cross_article)


@dataclass(slots=True)
class Finding:
    check_name: str
    severity: str            # error | warning | info
    fact_ids: list[str]
    message: str
    article_id: str | None = None   # None: the article of the facts checked
    other_article_id: str | None = None  # a cross-article check's older article


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
        return abs(share - stated) < max(tol, THRESHOLDS.approx_points)
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
    after = lex.norm(_between(pct, pct["end"], pct["end"] + THRESHOLDS.percentage_tail)).strip()
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
                if len(gap) <= THRESHOLDS.ratio_list_gap and not re.search(r"[;:.%]", gap):
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
                    or len(gap) > THRESHOLDS.parts_whole_gap or re.search(r"[\d;]", gap):
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
            parts: list[tuple[int, float, dict | None]] = [(f["start"], f["value"], f) for f in inside]
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
        if day is None or day <= published + timedelta(days=THRESHOLDS.future_grace_days):
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
# extractors/about.py and extractors/measure/): two figures are the same data point when they
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


def _unit_key(f: dict, lex: Lexicon) -> str:
    words = _WORDS.findall(_fold(f.get("unit")))
    return " ".join(singular_form(w) if lex.singular else w for w in words)


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
            _fold(f["place"]).replace(" ", ""), f.get("place_level"), str(f.get("ref_start") or "")[:10],
            str(f["ref_end"])[:10])


def _relative(f: dict, lex: Lexicon) -> bool:
    """A change or a share of a plan ("up 12%", "112% of the estimate", "tăng 5%", "so với cùng kỳ")."""
    before = lex.norm(_between(f, f["sentence_start"], f["start"]))
    after = lex.norm(_between(f, f["end"], f["end"] + THRESHOLDS.relative_after))
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
    approx = THRESHOLDS.approx_share
    if q == "approx":
        return min(lo * (1 - approx), lo - step), max(hi * (1 + approx), hi + step)
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
    key, lex = figure_key(f, lang), lexicon(lang)
    return key if key is not None and lex is not None and not _relative(f, lex) else None


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
        if lex is None:     # no key without a lexicon: figure_key gives None then
            continue
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
