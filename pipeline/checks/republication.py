"""Republication fidelity: an English republication compared, figure by figure, with its stored original.

    findings = compare(make_side(translation, its_facts), make_side(original, its_facts), by_source)

The pairs are found, and their sides read, in the warehouse by pipeline/checks/store.py
(source_links, figure_links, republication_findings: compute_checks calls it per batch) with the
rules below.

Linking a republication to its original:

- **By its Source line** (vietnam.vn/en ends every text with ``Source: <original url>``, stored as
  ``articles.source_url``): the original is the stored article whose ``url`` or ``canonical_url`` is
  that URL, compared without scheme, ``www.``, query, fragment and trailing slash (``url_key``).
- **By its figures**, for Hanoi Times versions of a Kinh tế & Đô thị story (they carry no Source
  line and are rewritten, not translated sentence by sentence). A hanoitimes article with no
  source_url is linked to a kinhtedothi article only when all of these hold: published from
  ``FIGURE_LINK_DAYS_BEFORE`` day before to ``FIGURE_LINK_DAYS_AFTER`` days after the original; the
  same main place (the place most of their figures belong to, compared without diacritics, case and
  spaces); at least ``FIGURE_LINK_MIN_SHARED`` *distinctive* figures with equal values (money,
  percentages with decimals, ratios, counts and quantities of 100 or more that are not round
  hundreds) making up at least ``FIGURE_LINK_MIN_SHARE`` of the English article's distinctive
  figures; and no other candidate original as good. Coincidences of three such figures within four
  days in one place are rare; two articles about one story months apart (the snapshot's Soc Son
  pieces share 246.5 ha, 4,127 households and VND 2,460 billion, 59 days apart) are not linked.
  Because a rewrite legitimately drops and adds figures, a figure-linked pair gets no
  ``republication_dropped`` checks, and a mismatch only where its sentence shares another figure
  with the original's sentence.

Comparing the figures of a pair (kinds count, quantity, percentage, ratio, rank, money): values are
the extractors' normalised numbers, compared at the precision each side states. Two values agree
when equal, or when the coarser is the finer rounded or truncated to its own last stated digit
("VND 176.7 trillion" for "176.737 tỷ đồng"; "7.2%" or "7.3%" for "7,25%"); when both state the same
precision the digits must be the same ("81.1%" is not "81,8%"). A round integer of four digits or
more ("10,000", not a percentage) states its trailing zeros loosely; "about" allows 5 %, "more
than X" any value above X, "less than X" any below. Quantities of one dimension are compared in one
unit ("nửa năm" is "six months"), money needs the same currency, ratios both parts, ranks the same
size of ranking when both give one.

- A translation figure is *found* when the original has an agreeing figure of the same family
  (count and quantity are one), or — for the kinds other than ratio — when the number stands
  anywhere in the original's title, lead or body, at least as precisely (digits in the original's
  notation, with a scale word, or a number word): a figure the extractors read differently on the
  two sides is then no alarm. Money in a currency the original never uses, or in brackets after an
  amount in another currency, is the translator's conversion.
- ``republication_mismatch`` (warning): a translation figure not found, paired with its
  counterpart — an original figure of the same kind and unit that the translation's body does not
  reproduce — in the original sentence that corresponds best: sharing other figures, the
  measure_key, or (a Source-linked pair, translated sentence by sentence) standing at about the same
  place in the text. A figure with no counterpart (one the translator added) is not flagged.
- ``republication_dropped`` (info, Source-linked pairs only): an original figure whose number the
  translation states nowhere, unless an unmatched translation figure of its kind stands where it
  would be (a converted unit: "3 sào" -> "1,080 m2") or it is 100% said in words ("the entire area").

Checks are filed under the translation (``article_id``) with the original as ``other_article_id``,
and recomputed for every pair one of whose sides is in the batch, whichever side arrived first.
"""
from __future__ import annotations

import functools
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Iterable

from extractors.lang.en import numbers as en_numbers
from extractors.lang.vi import numbers as vi_numbers
from extractors.gazetteer import fold as fold_place
from extractors.kinds import FIGURE_KINDS
from extractors.numbers import DIGITS_RE, parse_digits
from pipeline.checks.rules import Finding

REPUBLICATION_CHECKS = ("republication_mismatch", "republication_dropped")
FAMILY = {"count": "count", "quantity": "count", "percentage": "percentage", "ratio": "ratio",
          "rank": "rank", "money": "money"}
# linking by figures: which adapters, and how strict
FIGURE_LINK_TRANSLATION_ADAPTERS = ("hanoitimes",)
FIGURE_LINK_ORIGINAL_ADAPTERS = ("kinhtedothi",)
FIGURE_LINK_DAYS_BEFORE = 1     # the English version may be stamped up to a day before the original
FIGURE_LINK_DAYS_AFTER = 3      # ... and up to three days after it
FIGURE_LINK_MIN_SHARED = 3
FIGURE_LINK_MIN_SHARE = 0.6
FIGURE_LINK_ROWS = 20000        # candidate facts read per batch at most
APPROX_TOLERANCE = 0.05         # "about", "nearly": relative
POSITION_WINDOW = 0.2           # a Source-linked pair: sentences this close (share of the text) correspond

def url_key(url: str | None) -> str | None:
    """A URL as republications and originals are matched: no scheme, ``www.``, query, fragment or
    trailing slash, lower case ('https://www.Kinhtedothi.vn/a.html/?x=1#c' -> 'kinhtedothi.vn/a.html')."""
    if not url:
        return None
    key = re.sub(r"^[a-z][a-z0-9+.-]*://", "", url.strip().lower())
    key = re.sub(r"^www\.", "", key)
    key = re.sub(r"[?#].*$", "", key)
    return re.sub(r"/+$", "", key) or None


# --- numbers as each side states them ----------------------------------------------------------
_THOUSANDS = {"vi": ".", "en": ","}
_SCALES = {
    "vi": [("triệu tỷ", 1e15), ("triệu tỉ", 1e15), ("nghìn tỷ", 1e12), ("ngàn tỷ", 1e12), ("nghìn tỉ", 1e12),
           ("ngàn tỉ", 1e12), ("tỷ", 1e9), ("tỉ", 1e9), ("triệu", 1e6), ("vạn", 1e4), ("nghìn", 1e3),
           ("ngàn", 1e3)],
    "en": [("quadrillion", 1e15), ("trillion", 1e12), ("billion", 1e9), ("million", 1e6), ("thousand", 1e3)],
}
_DIGITS = re.compile(DIGITS_RE)


def _lang(language: str | None) -> str:
    code = (language or "en").split("-")[0].split("_")[0].lower()
    return code if code in _THOUSANDS else "en"


def _exponent(d: Decimal) -> int:
    """The decimal exponent of a parsed figure ("1.25" -> -2); parse_digits gives finite numbers only."""
    exponent = d.as_tuple().exponent
    if not isinstance(exponent, int):   # NaN or infinity: 'n', 'N', 'F'
        raise ValueError(f"not a finite figure: {d}")
    return exponent


def _power_of_ten(x: float) -> float | None:
    if x <= 0:
        return None
    k = round(math.log10(x))
    return 10.0 ** k if math.isclose(x, 10.0 ** k, rel_tol=1e-6) else None


def stated_unit(text: str, value: float | None, lang: str, loose_zeros: bool = True) -> float:
    """One unit in the last digit the text states of `value`: '81,8%' 0.1, 'VND 176.7 trillion'
    1e11, '176.737 tỷ đồng' 1e9, '10,000' 1e4 (a round integer of four digits or more states its
    trailing zeros loosely, unless `loose_zeros` is false); 0.0 (exact) for number words or text
    whose digits cannot be read back."""
    if value is None or value == 0:
        return 0.0
    m = _DIGITS.search(text or "")
    if not m:
        return 0.0
    token = m.group()
    for thousands in (_THOUSANDS[lang], "," if _THOUSANDS[lang] == "." else "."):
        try:
            d = parse_digits(token, thousands)
        except (ValueError, ArithmeticError):
            continue
        if d == 0:
            continue
        scale = _power_of_ten(abs(value) / float(abs(d)))
        if scale is None:
            continue
        exponent = _exponent(d)
        unit = scale * 10.0 ** exponent
        if exponent == 0 and loose_zeros and abs(d) >= 1000:
            digits = str(abs(int(d)))
            unit *= 10.0 ** (len(digits) - len(digits.rstrip("0")))
        return unit
    return 0.0


def agree(a: float, ua: float, b: float, ub: float, qa: str | None = None, qb: str | None = None) -> bool:
    """Whether two stated figures can be one number: equal, or the coarser (larger unit) is the
    finer rounded (±half a unit) or truncated (up to one unit below) to its last digit; with a
    qualifier, "about" within 5 %, "more than"/"at least" X any value ≥ X, "less than"/"at most" X
    any value ≤ X."""
    if math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12):
        return True
    for q, mine, other in ((qa, a, b), (qb, b, a)):
        if q == "approx" and abs(mine - other) <= APPROX_TOLERANCE * max(abs(mine), abs(other)):
            return True
        if q in ("more_than", "at_least") and other >= mine:
            return True
        if q in ("less_than", "at_most") and other <= mine:
            return True
    if math.isclose(ua, ub, rel_tol=1e-9):
        return False            # the same precision: the digits must be the same
    coarse, cu, fine = (a, ua, b) if ua > ub else (b, ub, a)
    diff = fine - coarse
    eps = cu * 1e-9
    return -cu / 2 - eps <= diff < cu - eps


@dataclass(slots=True)
class Number:
    """A number standing in a text, with the unit of its last stated digit."""
    value: float
    unit: float


@functools.lru_cache(maxsize=4)
def _word_re(lang: str) -> re.Pattern:
    if lang == "vi":
        return re.compile(r"(?<![^\W\d_])(?:" + vi_numbers.WORD_NUMBER_RE + r")(?![^\W\d_])", re.I)
    return re.compile(r"\b(?:" + en_numbers.WORD_NUMBER_RE + "|" + en_numbers.ORDINAL_RE + r")\b", re.I)


@functools.lru_cache(maxsize=4)
def _scale_re(lang: str) -> re.Pattern:
    words = "|".join(re.escape(w) for w, _ in _SCALES[lang])
    return re.compile(r"\s*(" + words + r")(?![^\W\d_])", re.I)


def numbers_in(text: str, lang: str) -> list[Number]:
    """Every number in a text, read in the language's notation: digits (as written and, before a
    scale word, scaled: '46,5 triệu' gives 46.5 and 46,500,000) and number words ('seven', 'ba')."""
    out: list[Number] = []
    thousands = _THOUSANDS[lang]
    scales = dict((w, v) for w, v in _SCALES[lang])
    scale_re = _scale_re(lang)
    for m in _DIGITS.finditer(text or ""):
        try:
            d = parse_digits(m.group(), thousands)
        except (ValueError, ArithmeticError):
            continue
        value = float(d)
        unit = 10.0 ** _exponent(d)
        out.append(Number(value, unit))
        s = scale_re.match(text, m.end())
        if s:
            scale = scales[" ".join(s.group(1).lower().split())]
            out.append(Number(value * scale, unit * scale))
    for m in _word_re(lang).finditer(text or ""):
        word = m.group()
        try:
            if lang == "en" and re.fullmatch(en_numbers.ORDINAL_RE, word, re.I):
                value = float(en_numbers.parse_ordinal(word))
            else:
                value = (vi_numbers.parse_number(word) if lang == "vi" else en_numbers.parse_number(word))
        except ValueError:
            continue
        out.append(Number(value, 0.0))
    return out


# --- the two sides of a pair --------------------------------------------------------------------
@dataclass(slots=True)
class Figure:
    fact: dict
    family: str
    parts: tuple[float, ...]          # (value,) or (numerator, denominator)
    units: tuple[float, ...]
    position: float                   # where its sentence starts, as a share of the article's text
    inner: float                      # where it stands in its sentence, as a share of the sentence

    @property
    def sentence_start(self) -> int:
        return self.fact["sentence_start"]


@dataclass(slots=True)
class Side:
    article_id: str
    language: str
    title: str
    lead: str
    body: str
    figures: list[Figure] = field(default_factory=list)
    numbers: list[Number] = field(default_factory=list)        # in the title, lead and body
    body_numbers: list[Number] = field(default_factory=list)   # in the body alone

    @property
    def currencies(self) -> set[str | None]:
        return {f.fact.get("currency") for f in self.figures if f.family == "money"}


def _figure(f: dict, lang: str, text_len: int) -> Figure | None:
    family = FAMILY.get(f["kind"])
    if family is None:
        return None
    sentence = f.get("sentence") or ""
    s0 = f.get("sentence_start")
    s0 = s0 if s0 is not None and s0 >= 0 else f["start"]
    position = s0 / max(text_len, 1)
    inner = (f["start"] - s0) / max(len(sentence), 1)
    if family == "ratio":
        if f.get("numerator") is None or f.get("denominator") is None:
            return None
        return Figure(f, family, (float(f["numerator"]), float(f["denominator"])), (0.0, 0.0), position, inner)
    if f.get("value") is None or f["value"] != f["value"]:
        return None
    # percentages state their digits exactly ("100%" is no rounded figure)
    unit = stated_unit(f["text"], float(f["value"]), lang, loose_zeros=family != "percentage")
    return Figure(f, family, (float(f["value"]),), (unit,), position, inner)


def make_side(article: dict, facts: list[dict]) -> Side:
    lang = _lang(article.get("language"))
    body = article.get("body_text") or ""
    # the text the facts' offsets index (title, lead and body; the body alone if stored before 010)
    text = article.get("text") or body
    side = Side(article["article_id"], lang, article.get("title") or "", article.get("lead") or "", body)
    for f in sorted(facts, key=lambda f: f["start"]):
        fig = _figure(f, lang, len(text))
        if fig is not None:
            side.figures.append(fig)
    side.body_numbers = numbers_in(body, lang)
    side.numbers = numbers_in("\n".join((side.title, side.lead)), lang) + side.body_numbers
    return side


# units of measure across the two languages (quantities, and money per unit: "triệu đồng/m2")
_UNIT_NAMES = {
    "ha": "ha", "hecta": "ha", "héc-ta": "ha", "hectare": "ha", "hectares": "ha", "km": "km", "km2": "km2",
    "m": "m", "m2": "m2", "m²": "m2", "m3": "m3", "kv": "kv", "kg": "kg", "tấn": "ton", "ton": "ton",
    "tons": "ton", "tonne": "ton", "tonnes": "ton", "tháng": "month", "month": "month", "months": "month",
    "năm": "year", "year": "year", "years": "year", "ngày": "day", "day": "day", "days": "day",
    "ngày làm việc": "working day", "working day": "working day", "working days": "working day",
    "tuần": "week", "week": "week", "weeks": "week", "giờ": "hour", "hour": "hour", "hours": "hour",
    "phút": "minute", "minute": "minute", "minutes": "minute", "điểm": "point", "point": "point",
    "points": "point", "hộ": "household", "household": "household", "households": "household",
    "người": "person", "person": "person", "people": "person",
}


# known units in one base per dimension: "nửa năm" is "six months", "0,5 km2" is "50 ha"
_BASE = {"m2": ("area", 1.0), "ha": ("area", 1e4), "km2": ("area", 1e6), "m": ("length", 1.0),
         "km": ("length", 1e3), "kg": ("mass", 1.0), "ton": ("mass", 1e3), "month": ("time", 1.0),
         "year": ("time", 12.0)}


def _unit_name(fig: Figure) -> str | None:
    return _UNIT_NAMES.get(" ".join((fig.fact.get("unit") or "").lower().split()))


def _same(a: Figure, b: Figure) -> bool:
    """Two figures (of two sides) that state the same thing's number."""
    if a.family != b.family:
        return False
    if a.family == "ratio":
        return a.parts == b.parts
    if a.family == "rank":
        da, db = a.fact.get("denominator"), b.fact.get("denominator")
        if da is not None and db is not None and da != db:
            return False        # "3rd/30" is not "3rd/31"
    if a.family == "money" and a.fact.get("currency") != b.fact.get("currency"):
        return False
    fa = fb = 1.0
    if a.fact["kind"] == b.fact["kind"] == "quantity":
        ba, bb = _BASE.get(_unit_name(a) or ""), _BASE.get(_unit_name(b) or "")
        if ba and bb and ba[0] == bb[0]:
            fa, fb = ba[1], bb[1]       # one dimension in two units: compared in its base unit
    if not agree(a.parts[0] * fa, a.units[0] * fa, b.parts[0] * fb, b.units[0] * fb,
                 a.fact.get("qualifier"), b.fact.get("qualifier")):
        return False
    va, vb = a.fact.get("value_max"), b.fact.get("value_max")
    if va is not None and vb is not None and va == va and vb == vb:
        return agree(float(va) * fa, a.units[0] * fa, float(vb) * fb, b.units[0] * fb)
    return True


def _found(fig: Figure, other: Side, coarser: bool, strict_ratio: bool = True, body_only: bool = False) -> bool:
    """Whether the other side states this figure's number: an agreeing figure of the same family;
    for the kinds other than ratio (and ratios when not `strict_ratio`: both parts) the number
    anywhere in its text (`body_only`: in its body) — there at least as precise as here unless
    the other side may be the `coarser` (a translation may round the original's figures, never
    add digits to them)."""
    # body_only: not a title or lead repeating the right figure (facts given without a section are the body's)
    figures = [g for g in other.figures if g.fact.get("section") in (None, "body")] if body_only else other.figures
    if any(_same(fig, g) for g in figures):
        return True
    if fig.family == "ratio" and strict_ratio:
        return False
    q = fig.fact.get("qualifier")
    numbers = other.body_numbers if body_only else other.numbers
    return all(any(agree(part, unit, n.value, n.unit, q) for n in numbers
                   if coarser or n.unit <= unit * (1 + 1e-9))
               for part, unit in zip(fig.parts, fig.units))


def _conversion(fig: Figure, side: Side) -> bool:
    """Money in brackets right after an amount in another currency ("VND 146.8 trillion (US$5.87
    billion)"): the translator's conversion."""
    if fig.family != "money":
        return False
    sentence = fig.fact.get("sentence") or ""
    s0 = fig.fact.get("sentence_start") or 0
    before = sentence[:max(fig.fact["start"] - s0, 0)]
    if not re.search(r"\(\s*(?:about|around|approximately|nearly|roughly|some|or|equivalent to|~)?\s*$",
                     before, re.I):
        return False
    return any(g.family == "money" and g.fact.get("currency") != fig.fact.get("currency")
               and g.fact["end"] <= fig.fact["start"] and fig.fact["start"] - g.fact["end"] <= 20
               for g in side.figures)


def _same_measure_unit(a: Figure, b: Figure) -> bool:
    """Whether two figures of one kind measure in the same unit: always for counts, percentages,
    ratios and ranks; quantities and money per unit only in one known unit (or, money, neither
    per unit) — "3 sào" and "1,080 m2" are one area in two units, no changed figure."""
    if a.fact["kind"] not in ("quantity", "money"):
        return True
    if a.fact["kind"] == "money" and not a.fact.get("unit") and not b.fact.get("unit"):
        return True
    return _unit_name(a) is not None and _unit_name(a) == _unit_name(b)


# "100%" in words, per language of the translation
_WHOLE = {"en": re.compile(r"\b(?:all|entire|entirely|whole|every|full|fully|complete|completely)\b", re.I),
          "vi": re.compile(r"(?<![^\W\d_])(?:toàn bộ|tất cả|100 phần trăm)(?![^\W\d_])", re.I)}
_NEVER = re.compile(r"(?!)")


def _sentences(side: Side) -> dict[int, list[Figure]]:
    out: dict[int, list[Figure]] = {}
    for f in side.figures:
        out.setdefault(f.sentence_start, []).append(f)
    return out


def _shared(t_figs: list[Figure], o_figs: list[Figure], skip: Figure) -> int:
    """Figures of the translation's sentence (other than `skip`) stated in the original's sentence."""
    return sum(1 for f in t_figs if f is not skip and any(_same(f, g) for g in o_figs))


def _quote(text: str | None, limit: int = 400) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _ratio_text(fig: Figure) -> str:
    return "/".join(str(int(p)) if float(p).is_integer() else f"{p:g}" for p in fig.parts)


def compare(translation: Side, original: Side, by_source: bool = True) -> list[Finding]:
    """The republication checks of one pair (see the module docstring)."""
    t_sentences, o_sentences = _sentences(translation), _sentences(original)
    currencies = original.currencies
    # translation figures the original does not state
    missing = [t for t in translation.figures
               if not _found(t, original, coarser=False)
               and not (t.family == "money" and (t.fact.get("currency") not in currencies
                                                or _conversion(t, translation)))]
    # original figures the translation's body does not reproduce: what a changed figure replaced
    # (its title and lead may repeat the right figure: "64.7 percent" in a headline)
    replaced = [o for o in original.figures if not _found(o, translation, coarser=True, body_only=True)]
    candidates = []
    for t in missing:
        t_sent = t_sentences[t.sentence_start]
        for o in replaced:
            # a changed figure keeps its kind, currency and unit
            if o.fact["kind"] != t.fact["kind"] or not _same_measure_unit(t, o):
                continue
            if o.family == "money" and o.fact.get("currency") != t.fact.get("currency"):
                continue
            o_sent = o_sentences[o.sentence_start]
            shared = _shared(t_sent, o_sent, t)
            same_key = bool(t.fact.get("measure_key")) and t.fact.get("measure_key") == o.fact.get("measure_key")
            distance = abs(t.position - o.position)
            if not (shared or (by_source and (same_key or distance <= POSITION_WINDOW))):
                continue
            score = 3.0 * shared + 2.0 * same_key - 4.0 * distance - abs(t.inner - o.inner)
            candidates.append((score, t.fact["start"], o.fact["start"], t, o))
    pairs: list[tuple[Figure, Figure]] = []
    used_t: set[int] = set()
    used_o: set[int] = set()
    for _, _, _, t, o in sorted(candidates, key=lambda c: (-c[0], c[1], c[2])):
        if id(t) in used_t or id(o) in used_o:
            continue
        used_t.add(id(t))
        used_o.add(id(o))
        pairs.append((t, o))
    out: list[Finding] = []
    for t, o in sorted(pairs, key=lambda p: p[0].fact["start"]):
        if t.family == "ratio":
            what = (f'ratio "{t.fact["text"]}" ({_ratio_text(t)}) in the translation: the original states '
                    f'"{o.fact["text"]}" ({_ratio_text(o)})')
        else:
            what = (f'"{t.fact["text"]}" in the translation has no equal in the original, which states '
                    f'"{o.fact["text"]}"')
        out.append(Finding(
            "republication_mismatch", "warning", [t.fact["fact_id"], o.fact["fact_id"]],
            f'{what} — translation: "{_quote(t.fact.get("sentence"))}" | original: "{_quote(o.fact.get("sentence"))}"',
            article_id=translation.article_id, other_article_id=original.article_id))
    if by_source:
        for o in replaced:
            if id(o) in used_o or _found(o, translation, coarser=True, strict_ratio=False):
                continue
            if o.family == "percentage" and o.parts[0] == 100 and _WHOLE.get(translation.language, _NEVER).search(
                    translation.body):
                continue        # "100%" said in words: "the entire area", "all communes"
            if any(t.fact["kind"] == o.fact["kind"] and id(t) not in used_t
                   and (_shared(t_sentences[t.sentence_start], o_sentences[o.sentence_start], t)
                        or abs(t.position - o.position) <= POSITION_WINDOW) for t in missing):
                continue        # converted rather than dropped ("3 sào" -> "1,080 m2")
            out.append(Finding(
                "republication_dropped", "info", [o.fact["fact_id"]],
                f'"{o.fact["text"]}" of the original is not in the translation — original: '
                f'"{_quote(o.fact.get("sentence"))}"',
                article_id=translation.article_id, other_article_id=original.article_id))
    return out


# --- linking by figures ---------------------------------------------------------------------------
def distinctive(fig: Figure) -> bool:
    """A figure unlikely to recur by chance: money, a percentage with decimals, a ratio, a count or
    quantity of 100 or more that is not a round hundred."""
    if fig.family == "money" or fig.family == "ratio":
        return True
    value = fig.parts[0]
    if fig.family == "percentage":
        return not float(value).is_integer()
    if fig.family == "count":
        return value >= 100 and value % 100 != 0
    return False


def main_place(facts: Iterable[dict]) -> str | None:
    """The place most figures belong to, folded ('Đống Đa', 'Dong Da' -> 'dongda')."""
    places = Counter(re.sub(r"[\W_]+", "", fold_place(f.get("place") or "")) for f in facts
                     if f.get("kind") in FIGURE_KINDS and f.get("place"))
    places.pop("", None)
    ranked = places.most_common(2)
    if not ranked or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
        return None             # no place, or two as frequent
    return ranked[0][0]


def figure_overlap(translation: Side, original: Side) -> tuple[int, int]:
    """(distinctive translation figures the original states, distinctive translation figures)."""
    mine = [f for f in translation.figures if distinctive(f)]
    return sum(1 for f in mine if any(_same(f, g) for g in original.figures)), len(mine)


def figures_link(translation: Side, original: Side, t_place: str | None, o_place: str | None) -> int:
    """The number of shared distinctive figures when the pair passes the figure rule, else 0."""
    if not t_place or t_place != o_place:
        return 0
    shared, total = figure_overlap(translation, original)
    if shared >= FIGURE_LINK_MIN_SHARED and shared >= FIGURE_LINK_MIN_SHARE * total:
        return shared
    return 0

