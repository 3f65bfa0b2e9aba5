"""Consistency checks over the facts of each article, stored in the `checks` table.

Each check is one small function over a list of fact dicts (the `facts` columns: fact_id, kind,
text, start, end, value, ..., sentence, sentence_start) that returns `Finding`s. The rules are
deliberately conservative: a figure is paired with another only when the text leaves little
doubt (same sentence, adjacent figures, explicit "including"/"of which" cues), because a false
alarm on the review page costs more than a missed one.

    compute_checks(wh, article_ids, run_id)   # after every load; replaces those articles' checks
"""
from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

import pandas as pd

from pipeline.warehouse import Warehouse

# Figures that take part in pairings (not dates, periods, officials, documents).
FIGURE_KINDS = ("count", "percentage", "ratio", "rank", "money", "quantity")
CROSS_KINDS = ("count", "percentage", "ratio", "money", "quantity")
CROSS_ARTICLE_DAYS = 400    # other articles compared: published within this many days of the new ones
CROSS_ARTICLE_ROWS = 20000  # ... and at most this many of their facts per batch
CHECK_COLUMNS = ("check_id", "article_id", "check_name", "severity", "fact_ids", "message",
                 "computed_at", "run_id", "other_article_id")


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


# --- helpers -------------------------------------------------------------------------------
def _num(x: float | None) -> str:
    if x is None:
        return "?"
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


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


def _head(unit: str | None) -> str | None:
    words = re.findall(r"[A-Za-z]+", unit or "")
    return _singular(words[-1]) if words else None


def _decimals(text: str) -> int:
    m = re.search(r"\d+[.,](\d+)", text)
    return len(m.group(1)) if m else 0


# --- 1. ratio over its whole ------------------------------------------------------------------
def ratio_exceeds_whole(facts: list[dict]) -> list[Finding]:
    """"487/485 petitions": the part cannot exceed the whole."""
    out = []
    for f in facts:
        if f["kind"] == "ratio" and f.get("numerator") is not None and f.get("denominator") is not None \
                and f["numerator"] > f["denominator"]:
            out.append(Finding("ratio_exceeds_whole", "error", [f["fact_id"]],
                               f'"{f["text"]}": numerator {_num(f["numerator"])} exceeds '
                               f'denominator {_num(f["denominator"])}'))
    return out


# --- 2. ratio and percentage stated together --------------------------------------------------
_CHANGE_WORDS = re.compile(r"\b(up|down|increas\w*|decreas\w*|ris\w*|rose|fell|fall\w*|grow\w*|grew|"
                           r"higher|lower|more|less|over|compared|against|year-on-year|gain\w*|drop\w*|"
                           r"plan|target|same period)\b", re.I)


# The only words allowed between a ratio and its percentage after the last comma, bracket or dash
# ("18 out of 22 cases under its authority, achieving 81.8%").
_LINK_WORDS = {"or", "i.e.", "ie", "that", "is", "was", "were", "which", "a", "the", "rate", "of", "at",
               "with", "reaching", "reached", "achieving", "achieved", "accounting", "accounted", "for",
               "equal", "equivalent", "equalling", "to", "representing",
               "completion", "success", "pass", "passing", "ratio", "share", "percentage", "percent", "in",
               "total", "resolution", "settlement"}


def _pct_matches(share: float, pct: dict) -> bool:
    stated = pct["value"]
    tol = 10 ** -_decimals(pct["text"])  # one unit in the last stated digit: rounding or truncation
    q = pct.get("qualifier")
    if q == "approx":
        return abs(share - stated) < max(tol, 1.0)
    if q in ("more_than", "at_least"):
        return share > stated - tol
    if q in ("less_than", "at_most"):
        return share < stated + tol
    return abs(share - stated) < tol


def ratio_percentage(facts: list[dict]) -> list[Finding]:
    """A ratio and a percentage next to each other in one sentence ("18 out of 22 cases,
    achieving 81.1%"): disagreement beyond rounding is a warning, agreement is confirmed (info)."""
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
            if len(gap) > 60 or re.search(r"[;:]", gap) or _CHANGE_WORDS.search(gap) \
                    or _CHANGE_WORDS.match(after.strip()) or re.match(r"of\b", after.strip()) \
                    or any(w not in _LINK_WORDS
                           for w in re.findall(r"[a-z.]+", re.split(r"[,(\u2013-]", gap.lower())[-1])):
                continue
            share = 100.0 * r["numerator"] / r["denominator"]
            if share > 100:  # ratio_exceeds_whole says it already
                continue
            used.add(pct["fact_id"])
            ids = [x["fact_id"] for x in sorted((r, pct), key=lambda x: x["start"])]
            computed = f"{share:.{max(_decimals(pct['text']), 1)}f}%"
            if _pct_matches(share, pct):
                out.append(Finding("ratio_percentage_agree", "info", ids,
                                   f'"{r["text"]}" is {computed}, agreeing with "{pct["text"]}"'))
            else:
                out.append(Finding("ratio_percentage_disagree", "warning", ids,
                                   f'"{r["text"]}" is {computed}, not "{pct["text"]}"'))
    return out


# --- 3. parts and whole ----------------------------------------------------------------------
_PART_CUE = re.compile(r"\b(including|includ\w+|of which|of whom|among which|among them|"
                       r"comprising|consisting of)\b", re.I)
_EXHAUSTIVE = ("comprising", "consisting of")
_BARE_NUMBER = re.compile(r"(?<![\w.,/%-])\d{1,3}(?:,\d{3})*(?:\.\d+)?(?![\w/%-]|[.,]\d)")
_NUMBER_WORDS = re.compile(r"\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
                           r"dozens?|hundreds?|thousands?)\b", re.I)


def _same_measure(whole: dict, part: dict) -> bool:
    if part["kind"] != whole["kind"] or part.get("value_max") is not None or part.get("qualifier"):
        return False
    if whole["kind"] == "money":
        return part.get("currency") == whole.get("currency") and part.get("unit") == whole.get("unit")
    if whole["kind"] == "quantity":
        return (part.get("unit") or "").lower() == (whole.get("unit") or "").lower()
    return part.get("unit") is None or _head(part["unit"]) == _head(whole["unit"])


def parts_sum(facts: list[dict]) -> list[Finding]:
    """"disciplined 15 Party members, including warnings for 2, reprimands for 12 and expulsion
    of 1": the parts listed right after the whole, behind an including/of which/comprising cue,
    up to the end of the sentence (or ';' or ')'). Every figure in that clause must be a part of
    the same kind and unit (bare numbers count as parts of a count); otherwise nothing is said.
    Parts over the whole are an error; short of it an error after 'comprising', else a warning
    (an 'including' list need not be complete); an exact sum is confirmed (info)."""
    out = []
    for sent in _sentence_groups(facts).values():
        sentence = sent[0].get("sentence") or ""
        s0 = sent[0]["sentence_start"]
        for cue in _PART_CUE.finditer(sentence):
            cue_at = s0 + cue.start()
            before = [f for f in sent if f["end"] <= cue_at]
            if not before:
                continue
            whole = before[-1]
            gap = sentence[whole["end"] - s0:cue.start()]
            if whole["kind"] not in ("count", "money", "quantity") or whole.get("value") is None \
                    or whole.get("qualifier") or whole.get("value_max") is not None \
                    or len(gap) > 40 or re.search(r"[\d;]", gap):
                continue
            rest = sentence[cue.end():]
            stop = re.search(r"[;)]|\.(\s|$)", rest)
            clause_end = cue.end() + (stop.start() if stop else len(rest))
            lo, hi = s0 + cue.end(), s0 + clause_end
            inside = [f for f in sent if f["start"] >= lo and f["end"] <= hi]
            if len(_PART_CUE.findall(sentence[cue.end():clause_end])) or \
                    any(not _same_measure(whole, f) for f in inside):
                continue
            parts = [(f["start"], f["value"], f) for f in inside]
            clause = sentence[cue.end():clause_end]
            covered = [(f["start"] - lo, f["end"] - lo) for f in sent if f["end"] > lo and f["start"] < hi]
            bare = [m for m in _BARE_NUMBER.finditer(clause)
                    if not any(a < m.end() and m.start() < b for a, b in covered)]
            if bare and whole["kind"] != "count":
                continue
            uncovered_words = [m for m in _NUMBER_WORDS.finditer(clause)
                               if not any(a < m.end() and m.start() < b for a, b in covered)]
            if uncovered_words:
                continue
            parts += [(lo + m.start(), float(m.group().replace(",", "")), None) for m in bare]
            parts.sort(key=lambda p: p[0])
            if len(parts) < 2:
                continue
            total = sum(p[1] for p in parts)
            ids = [whole["fact_id"]] + [p[2]["fact_id"] for p in parts if p[2] is not None]
            listed = " + ".join(_num(p[1]) for p in parts)
            w = _num(whole["value"])
            if abs(total - whole["value"]) < 1e-6 * max(1.0, abs(whole["value"])):
                out.append(Finding("parts_sum_agree", "info", ids,
                                   f'parts {listed} = {_num(total)} add up to "{whole["text"]}"'))
            elif total > whole["value"]:
                out.append(Finding("parts_sum_mismatch", "error", ids,
                                   f'parts {listed} = {_num(total)} exceed the whole "{whole["text"]}" ({w})'))
            else:
                exhaustive = cue.group(1).lower() in _EXHAUSTIVE
                out.append(Finding("parts_sum_mismatch", "error" if exhaustive else "warning", ids,
                                   f'parts {listed} = {_num(total)} fall short of the whole '
                                   f'"{whole["text"]}" ({w})' + ("" if exhaustive else
                                                                 " (unless the list is incomplete)")))
    return out


# --- 4. a share or rate over 100% ------------------------------------------------------------
_SHARE_CUE = re.compile(r"\b(share|proportion|account(?:s|ed|ing)? for|made up|of the total|of all)\b", re.I)
# rates that are shares of a population (occupancy, utilisation, growth rates may exceed 100%)
_RATE_CUE = re.compile(r"\b(poverty|near-poverty|unemployment|coverage|vaccination|immuni[sz]ation|pass|"
                       r"passing|graduation|enrol?lment|participation|literacy|turnout|satisfaction|"
                       r"approval|success|attendance|insurance|digitali[sz]ation)\s+rates?\b"
                       r"|\brates?\s+of\s+(households|people|residents|students|voters|citizens)\b", re.I)
# rates measured against a plan or a previous value may exceed 100%
_NOT_A_SHARE = re.compile(r"\b(plan\w*|target\w*|estimate\w*|forecast|quota|assigned|compared|same period|"
                          r"last year|previous|growth|grow\w*|increas\w*|decreas\w*|up|higher|exceed\w*|"
                          r"completion|complete\w*|disburse\w*|implementation|collection|execution|"
                          r"fulfil\w*|year-on-year|over|inflation|interest)\b", re.I)


def percentage_over_100(facts: list[dict]) -> list[Finding]:
    """A percentage over 100 where the words just before it say it is a share ("accounting for",
    "proportion": error) or a rate that is a share of a population ("poverty rate", "coverage
    rate": warning), unless the clause compares with a plan, target or earlier period."""
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
        head = re.split(r"[,;:]", head)[-1]          # the clause the percentage stands in
        head = " ".join(head.split()[-8:])
        tail = " ".join(sentence[f["end"] - s0:].split()[:5])
        if _NOT_A_SHARE.search(head) or _NOT_A_SHARE.search(tail):
            continue
        if _SHARE_CUE.search(head):
            out.append(Finding("percentage_over_100", "error", [f["fact_id"]],
                               f'"{f["text"]}" is over 100% but stated as a share'))
        elif _RATE_CUE.search(head):
            out.append(Finding("percentage_over_100", "warning", [f["fact_id"]],
                               f'"{f["text"]}" is over 100% but stated as a rate'))
    return out


# --- 5. a future date in the past tense ------------------------------------------------------
_PAST = re.compile(r"^(was|were|had|did|[a-z]{3,}ed)$")
_FUTURE = re.compile(r"\b(will|shall|would|going to|to be|plans?|planned|planning|expected|expects?|"
                     r"scheduled|schedule|set to|due|slated|aim\w*|target\w*|propos\w*|intend\w*|"
                     r"estimat\w*|forecast\w*|project\w*|deadline|by|until|before|next|upcoming|coming|"
                     r"assign\w*|request\w*|requir\w*|ask\w*|direct\w*|task\w*|must|need\w*|should|"
                     r"from now|no later than|within)\b", re.I)


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


def future_date_past_tense(facts: list[dict], published: date | None) -> list[Finding]:
    """A date after the publication date (by more than a day, for time zones) with a past-tense
    verb among the five words before it (was, were, had, did, -ed) and no word of intent or
    future anywhere in the sentence (will, plan, expected, by, until, ...)."""
    if published is None:
        return []
    out = []
    for f in facts:
        if f["kind"] != "date" or not f.get("date"):
            continue
        day = _first_day(f["date"])
        if day is None or day <= published + timedelta(days=1):
            continue
        sentence = f.get("sentence") or ""
        if _FUTURE.search(sentence):
            continue
        head = re.split(r"[,;:]", sentence[:f["start"] - f["sentence_start"]])[-1]
        words = re.findall(r"[a-z]+", head.lower())[-5:]
        verb = next((w for w in reversed(words) if _PAST.match(w) and w not in ("need", "red", "bed")), None)
        if verb:
            out.append(Finding("future_date_past_tense", "warning", [f["fact_id"]],
                               f'"{f["text"]}" is after the publication date {published.isoformat()} '
                               f'but told in the past tense ("{verb}")'))
    return out


# --- 6. the same measure in two articles -----------------------------------------------------
_ADMIN = r"(?i:district|ward|commune|province|city|town|township)"
_CITIES = ("Hanoi", "Ha Noi", "Ho Chi Minh City", "Da Nang", "Hai Phong", "Can Tho", "Hue")
_STOP = {"the", "a", "an", "of", "in", "on", "at", "to", "for", "and", "or", "with", "by", "from", "its",
         "their", "this", "that", "as", "is", "are", "was", "were", "has", "have", "had", "be", "been",
         "district", "ward", "commune", "province", "city", "town", "township", "first", "months",
         "month", "year", "years", "last", "past", "during", "over", "about", "nearly", "more", "than"}


def _fold(text: str) -> str:
    if text.isascii():
        return text.lower()
    text = unicodedata.normalize("NFKD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


_CITY_RES = [(re.compile(r"\b" + re.escape(_fold(c)) + r"\b"), _fold(c).replace("ha noi", "hanoi"))
             for c in _CITIES]


@functools.lru_cache(maxsize=4096)
def _places(sentence: str) -> frozenset[str]:
    found = set()
    for m in re.finditer(r"\b(?:[A-Z][\w'’]*\s+){0,3}[A-Z][\w'’]*\s+" + _ADMIN + r"\b", sentence):
        words = m.group().split()[:-1]
        if words and words[0].lower() in ("the", "in", "of"):
            words = words[1:]
        if words:
            found.add(" ".join(_fold(w) for w in words))
    folded = _fold(sentence)
    for city_re, city in _CITY_RES:
        if city_re.search(folded):
            found.add(city)
    return frozenset(found)


def _measure_words(f: dict, sent: list[dict]) -> tuple[str, ...]:
    """Up to two content words right before the figure (after any earlier figure in the clause):
    what the figure measures ('revenue reached', 'disciplined')."""
    s0 = f["sentence_start"]
    lo = max([g["end"] for g in sent if g["end"] <= f["start"]] + [s0])
    head = (f.get("sentence") or "")[lo - s0:f["start"] - s0]
    places = " ".join(_places(f.get("sentence") or "")).split()
    words = [w for w in re.findall(r"[a-z]+", _fold(head)) if w not in _STOP and w not in places]
    return tuple(words[-2:])


def measure_keys(facts: list[dict]) -> dict[tuple, dict]:
    """Facts with an exact measure key: (kind, unit, currency, measure words, period start, period
    end, places), from sentences with exactly one period, at least one place and one such figure."""
    keys: dict[tuple, dict] = {}
    for sent in _sentence_groups(facts).values():
        periods = [f for f in sent if f["kind"] == "period"]
        figs = [f for f in sent if f["kind"] in CROSS_KINDS and not f.get("qualifier")]
        if len(periods) != 1 or len(figs) != 1:
            continue
        places = _places(sent[0].get("sentence") or "")
        f = figs[0]
        measure = _measure_words(f, sent)
        if not places or not measure:
            continue
        p = periods[0]
        key = (f["kind"], (f.get("unit") or "").lower(), f.get("currency"), measure,
               str(p["period_start"])[:10], str(p["period_end"])[:10], places)
        keys[key] = f
    return keys


def _figure(f: dict) -> tuple:
    if f["kind"] == "ratio":
        return (f.get("numerator"), f.get("denominator"))
    return (f.get("value"), f.get("value_max"))


def cross_article_conflicts(new: list[dict], others: list[dict],
                            published: dict[str, datetime | None]) -> list[Finding]:
    """The same measure (see measure_keys) for the same place and period, with different figures
    in two articles; filed under the newer article."""
    by_article: dict[str, list[dict]] = {}
    for f in others:
        by_article.setdefault(f["article_id"], []).append(f)
    theirs: dict[tuple, list[dict]] = {}
    for facts in by_article.values():
        for key, f in measure_keys(facts).items():
            theirs.setdefault(key, []).append(f)
    mine_by_article: dict[str, list[dict]] = {}
    for f in new:
        mine_by_article.setdefault(f["article_id"], []).append(f)
    out = []
    floor = datetime.min.replace(tzinfo=timezone.utc)
    for article_id, facts in mine_by_article.items():
        for key, f in measure_keys(facts).items():
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
def article_checks(facts: list[dict], published: date | None) -> list[Finding]:
    """Every single-article check over one article's facts."""
    return (ratio_exceeds_whole(facts) + ratio_percentage(facts) + parts_sum(facts)
            + percentage_over_100(facts) + future_date_past_tense(facts, published))


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
    published = {a: p for a, p in con.execute(
        "SELECT article_id, published_at FROM articles WHERE article_id IN (SELECT unnest(?))",
        [ids]).fetchall()}
    facts = _fact_dicts(con.execute(_FACT_SELECT + " WHERE article_id IN (SELECT unnest(?)) "
                                    "ORDER BY article_id, \"start\", kind", [ids]))
    by_article: dict[str, list[dict]] = {a: [] for a in ids}
    for f in facts:
        by_article[f["article_id"]].append(f)
    findings: list[Finding] = []
    for article_id, article_facts in by_article.items():
        pub = published.get(article_id)
        for finding in article_checks(article_facts, pub.date() if pub else None):
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
            published.update(con.execute(
                "SELECT article_id, published_at FROM articles WHERE article_id IN (SELECT unnest(?))",
                [sorted({f["article_id"] for f in others})]).fetchall())
            findings += cross_article_conflicts(facts, others, published)
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
