"""Money: "VND124.3 trillion", "US$1.12 billion", "220,121 billion VND", "$4.5bn", "£3m",
"Rs 500 crore", "RM45", "1,500€", "nine euros", "half a million dollars", "125p", "10.5 cents",
"VND160.8-162 million", "from $2 million to $3.5 million", "between 5 and 7 billion dong",
"VND 1.1 to 1.5 billion per ha", "65 million VND/m2".

One compiled regex tried at each figure (or prefix currency) that has a currency sign, code or
name within reach; span = optional qualifier + ("from"/"between" of a range) + amount(s) +
currency + a directly attached "per X" / "/X" (gold README rule 14). A converted amount in
brackets ("(5.87 billion USD)") is matched on its own. The surface forms, the context rules of
the forms several currencies write ("¥", "Rs", "pesos", "cents") and the guards against words
that are no currency here ("won" the verb, "in 2024 dollars", "five pounds of rice") are data:
patterns/money.json.

Rule ids: money.prefix / money.suffix (currency before / after the figure), money.abbr (a scale
abbreviation: "$4.5bn", "£3m"), money.words (a spelled-out amount: "nine euros"), money.minor
(cents, pence), money.range (two ends); ".context" is appended when the currency came from a
context rule.
"""
from __future__ import annotations

import bisect
import functools
import logging
import re
from decimal import Decimal
from typing import Any

from spacy.lang.en import English
from spacy.language import Language
from spacy.tokens import Doc

from extractors.lang.en.numbers import (
    FigureOpening,
    LONG_WORD_NUMBER_RE,
    SCALE_ABBREVIATIONS,
    SCALE_WORDS,
    WHOLE_DIGITS_RE,
    number_starts,
    parse_number,
    scale_suffix_re,
)
from extractors.nlp import (
    SPANS_KEY,
    StartFinder,
    add_fact,
    doc_text,
    load_patterns,
    near,
    phrase_regex,
    qualifier_code,
    qualifier_regex,
    sentence_starts,
)

logger = logging.getLogger(__name__)

KIND = "money"
_REACH = 110  # the currency lies at most this far after the start
# a figure that begins the fact holds the currency closer (the gold articles: at most 17 characters on)
_DIGIT_REACH = 40
_DASH = r"\s?[-–]\s?"
_NL = r"(?![^\W\d_])"
_YEAR_RE = re.compile(r"(?:19|20)\d\d")
_PREV_WORD_RE = re.compile(r"([^\W\d_]+)[^\w]*$")
_SCALE_TOKEN_RE = re.compile(r"[^\W\d_]+")
_LETTERS_ONLY_RE = re.compile(r"[^\W\d_]+(?:[ ][^\W\d_]+)*")
_RATE_DECIMALS_RE = re.compile(r"\.\d{3,}$")


def _key(s: str) -> str:
    return " ".join(s.lower().split())


@functools.lru_cache(maxsize=1)
def _data() -> dict[str, Any]:
    d = load_patterns("money", "en")
    g = d["guards"]
    return {
        "prefix": {_key(k): v for k, v in d["prefix"].items()},
        "prefix_exact": {" ".join(k.split()): v for k, v in {**d["prefix_exact"], **d["codes"]}.items()},
        "suffix": {_key(k): v for k, v in d["suffix"].items()},
        "suffix_exact": dict(d["codes"]),
        "minor": {_key(k): v for k, v in d["minor"].items()},
        "minor_glued": dict(d["minor_glued"]),
        "per": {_key(k): v for k, v in d["per_units"].items()},
        "goods": [_key(k) for k in d["goods_units"]],
        "rate_bases": {_key(k): v for k, v in d["rate_bases"].items()},
        "rate_links": d["rate_links"],
        "rate_names": {_key(k): v for k, v in d["rate_currency_names"].items()},
        "context": d["context"],
        "big_only": frozenset(_key(w) for w in g["big_only"]),
        "big_only_codes": frozenset(g["big_only_codes"]),
        "year_before_words": frozenset(g["year_before_words"]),
        "weight_names": frozenset(_key(w) for w in g["weight_names"]),
        "weight_cues": frozenset(g["weight_cues"]),
        "not_pence": frozenset(g["not_pence"]),
        "change_words": frozenset(d["change_words"]),
        "range_followers": frozenset(d["range_followers"]),
    }


def _exact(phrases) -> str:
    """phrase_regex matched as written inside an IGNORECASE pattern."""
    return rf"(?-i:{phrase_regex(phrases)})"


def _prefix_currency() -> str:
    """A currency written before its amount ("US$", "VND", "Rs")."""
    t = _data()
    return rf"(?:{phrase_regex(t['prefix'])}|{_exact(t['prefix_exact'])}{_NL})"


def _build_regex(ranges: bool) -> re.Pattern[str]:
    """The money pattern; without `ranges`, one amount only (what a rejected range falls back to)."""
    t = _data()
    pre = _prefix_currency()
    suf = rf"(?:{phrase_regex(t['suffix'])}|{_exact(t['suffix_exact'])}){_NL}"
    minor = rf"(?:{phrase_regex(t['minor'])}){_NL}"
    glued = rf"(?:(?-i:{'|'.join(map(re.escape, t['minor_glued']))}))"
    per = phrase_regex(t["per"])
    goods = phrase_regex(t["goods"])
    # Whole digit strings: a shorter one never makes a match the whole one does not, and not
    # trying "11,30", "11,3", "11" keeps failed attempts (most of them) cheap.
    num = rf"{WHOLE_DIGITS_RE}(?:{scale_suffix_re(money=True)})?"
    amount = rf"(?:{num}|(?=[^\W\d_]){LONG_WORD_NUMBER_RE})"
    sep = rf"(?P<sep{{n}}>{_DASH}|\s+to\s+|\s+and\s+)"
    repeat1 = rf"(?:(?P<pcur1b>{pre})\s?)?"

    def rng(n: int, hi: str, repeat: str = "") -> str:
        return rf"(?:{sep.format(n=n)}{repeat}(?P<hi{n}>{hi}))?" if ranges else ""

    # Alternatives: the currency before the amount, or after it (a currency, or a minor unit:
    # cents, pence, "125p"). The lookaheads skip alternatives that cannot begin here.
    return re.compile(rf"""
        (?<![\w.,/$€£¥₹₩฿₱₫-])
        (?:(?=[^\W\d_])(?P<qual>{qualifier_regex("en")})\s+)?
        (?P<from>(?:from|between)\s+)?
        (?:
            (?=\D)(?P<pcur>{pre})\s?(?P<lo1>{num}){rng(1, num, repeat1)}
          | (?P<lo2>{amount}){rng(2, amount)}
            (?:\s?(?P<minor>{minor})|(?P<glued>{glued})|\s?(?P<scur>{suf}))  # "10 euro cents" first
        )
        (?:\s*/\s*(?P<slash>{per})|\s+per\s+(?P<per>{per})|\s+an?\s+(?P<each>{goods}))?
        (?![\w²]|/\d|[.,]\d)
        """, re.IGNORECASE | re.VERBOSE)


@functools.lru_cache(maxsize=None)
def _cue_regex(rule: str) -> tuple[re.Pattern[str], dict[str, str]]:
    """The cues of a context rule, as written and as whole words, and the currency of each."""
    cues = {c: cur for cur, words in _data()["context"][rule]["cues"].items() for c in words}
    return re.compile(rf"(?<![^\W\d_]){phrase_regex(cues)}(?![^\W\d_])"), {_key(c): v for c, v in cues.items()}


def _scale_of(figure: str) -> int:
    """The product of the scale words or abbreviations a figure ends with ("2.5 million" -> 10**6,
    "4.5bn" -> 10**9, "1.5 lakh crore" -> 10**12, "7" -> 1)."""
    scale = 1
    for w in reversed(_SCALE_TOKEN_RE.findall(figure.lower())):
        if w in SCALE_WORDS:
            scale *= SCALE_WORDS[w]
        elif w in SCALE_ABBREVIATIONS and not scale > 1:
            return SCALE_ABBREVIATIONS[w]
        else:
            break
    return scale


class MoneyExtractor:
    def __init__(self, spans_key: str = SPANS_KEY, reach: int = _REACH) -> None:
        self.spans_key = spans_key
        self.reach = reach
        self._re = _build_regex(ranges=True)
        self._single = _build_regex(ranges=False)
        t = self._t = _data()
        # Where a currency is written: its words (the last word of a name, "dollars" of "Hong Kong
        # dollars"), whole words, found with the other components' starts in one shared scan; and
        # its signs, found by one character class ("S$", "HK$" and "A$" have the "$" of "$").
        # Words that only begin with a currency code ("cadres", "audit") and the letter before a
        # "$" ("A$", "C$") are no anchors: as inside-word starts they made every "a" word one.
        forms = [*t["prefix"], *t["prefix_exact"], *t["suffix"], *t["minor"], *t["minor_glued"]]
        words = [f for f in forms if _LETTERS_ONLY_RE.fullmatch(f)]
        signs = sorted({c for f in forms if f not in words for c in f
                        if not c.isalnum() and not c.isspace() and c != "."} | {"đ", "Đ"})
        self._codes = StartFinder([f for f in t["prefix_exact"] if f in words]
                                  + [f.split()[0] for f in t["prefix"] if " " in f])  # "US $"
        self._names = StartFinder([f.split()[-1] for f in words])
        self._signs = re.compile("[" + "".join(map(re.escape, signs)) + r"]|\dp(?![^\W\d_])")
        self._halves = StartFinder(["half"])
        # the starts that may open an amount: a figure or a prefix currency (no lookbehind: _rate_re has none)
        self._opens = FigureOpening(other=_prefix_currency())
        self._rate_re = re.compile(rf"""
            (?:(?P<qual>{qualifier_regex("en")})\s+)?(?P<num>{WHOLE_DIGITS_RE})
            \s+{phrase_regex(t["rate_links"])}\s+(?P<base>{phrase_regex(t["rate_bases"])})(?![\w.,]\w)
            """, re.IGNORECASE | re.VERBOSE)
        self._rate_names = re.compile(rf"(?<![^\W\d_]){phrase_regex(t['rate_names'])}(?![^\W\d_])",
                                      re.IGNORECASE)

    def candidate_starts(self, doc: Doc) -> list[int]:
        """Money begins with a qualifier, "from"/"between", a prefix currency or the amount,
        and names a currency (or is glued to a minor-unit sign)."""
        text = doc_text(doc)
        signs, sign_starts = [], []
        for m in self._signs.finditer(text):
            pos = m.start() + (1 if m.group()[0].isdigit() else 0)
            signs.append(pos)
            j = pos
            while j > 0 and (text[j - 1].isalpha() or text[j - 1] == "."):
                j -= 1      # "HK$", "U.S.$": the letters before the sign
            sign_starts.append(j)
            if j != pos:
                sign_starts.append(pos)
        starts = sorted(number_starts().starts(doc) + self._codes.starts(doc) + self._halves.starts(doc)
                        + sign_starts)
        anchors = self._names.starts(doc)
        if signs:
            anchors = sorted(anchors + signs)
        return self._opens.keep(near(starts, anchors, self.reach, text, _DIGIT_REACH), text)

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        taken = -1
        for pos in sorted(set(self.candidate_starts(doc))):
            if pos < taken:
                continue
            m = self._re.match(text, pos)
            if not m:
                rate = self._exchange_rate(doc, text, pos)
                if rate is not None:
                    taken = rate[1]
                    add_fact(doc, rate[0], rate[1], KIND, rate[2], rate[3], spans_key=self.spans_key)
                continue
            found = self._fields(doc, text, m)
            if found == "single":   # two figures that make no range: the first one alone
                m = self._single.match(text, pos)
                found = self._fields(doc, text, m) if m else None
            if m is None:
                continue
            taken = m.end()     # as matches_at: no start inside a match, money or not
            if isinstance(found, tuple):
                start, fields, rule = found
                add_fact(doc, start, m.end(), KIND, fields, rule, spans_key=self.spans_key)
        return doc

    # --- one match -------------------------------------------------------------------------
    def _fields(self, doc: Doc, text: str, m: re.Match[str]) -> tuple | str | None:
        """(start, fields, rule id) of a match; "single" when its range is no range (try the
        one-amount pattern); None when it is no money."""
        t = self._t
        n = "1" if m.group("pcur") else "2"
        lo = m.group("lo" + n)
        hi = m.group("hi" + n) if "hi" + n in m.re.groupindex else None
        context = minor = False
        if n == "1":
            cur = m.group("pcur")
            currency = t["prefix"].get(_key(cur)) or t["prefix_exact"][" ".join(cur.split())]
        elif m.group("scur"):
            cur = m.group("scur")
            currency = t["suffix"].get(_key(cur)) or t["suffix_exact"][cur]
        else:
            cur, minor = m.group("minor") or m.group("glued"), True
            currency = t["minor"].get(_key(cur)) or t["minor_glued"][cur]
        if currency.startswith("@"):
            currency, context = self._from_context(doc, text, currency[1:], m.start(), m.end()), True
        if m.group("scur") and not self._suffix_ok(doc, text, m, lo, hi, _key(cur)):
            return None
        if minor and m.group("glued") == "p" and lo.isdigit() and int(lo) in t["not_pence"]:
            return None         # "720p"
        try:
            value = Decimal(str(parse_number(lo)))
            value_max = Decimal(str(parse_number(hi))) if hi else None
        except ValueError:
            logger.debug("unparsed money %r", m.group(0))
            return "single" if hi else None
        if cur in t["big_only_codes"] and _scale_of(lo) == 1 and value < 1000:
            return None         # "COP28", "PHP 8"
        if hi and value_max is not None:   # (value_max is there when hi is)
            value, value_max = self._scaled_ends(lo, hi, value, value_max)
            if not self._range_ok(text, m, n, hi, value, value_max):
                return "single"
        if minor:
            value /= 100
            value_max = value_max / 100 if value_max is not None else None
        start = m.start()
        qualifier = qualifier_code(m.group("qual"), "en")
        if m.group("from") and value_max is None:
            # "up from VND 41 million": "from" opens no range, so it stays outside.
            if m.group("qual"):
                return None  # "over from ..." is not a phrase; skip the oddity
            start, qualifier = m.start("pcur") if n == "1" else m.start("lo" + n), None
        per = m.group("slash") or m.group("per") or m.group("each")
        unit = t["per"].get(_key(per), _key(per)) if per else None
        rate = None if per or value_max is not None else self._rate_base(doc, text, m, lo, currency)
        fields = {
            "value": float(value),
            "value_max": float(value_max) if value_max is not None else None,
            "qualifier": qualifier,
            "unit": rate or unit,
            "currency": currency,
        }
        rule = ("money.range" if value_max is not None else
                "money.rate" if rate else
                "money.minor" if minor else
                "money.words" if not lo[:1].isdigit() else
                "money.abbr" if _abbreviated(lo) else
                "money.prefix" if n == "1" else "money.suffix")
        return start, fields, rule + (".context" if context else "")

    @staticmethod
    def _scaled_ends(lo: str, hi: str, value: Decimal, value_max: Decimal) -> tuple[Decimal, Decimal]:
        """A scale written once covers both ends: "2-3 million", "between 5 and 7 billion",
        "VND 80 million to 145"; but "$500,000 to 1 million" keeps its low end as written."""
        lo_scale, hi_scale = _scale_of(lo), _scale_of(hi)
        if lo_scale == 1 and hi_scale > 1 and lo[:1].isdigit() and value < value_max / hi_scale:
            value *= hi_scale
        elif hi_scale == 1 and lo_scale > 1 and hi[:1].isdigit():
            value_max *= lo_scale
        return value, value_max

    def _range_ok(self, text: str, m: re.Match[str], n: str, hi: str, value: Decimal,
                  value_max: Decimal) -> bool:
        """Whether two figures joined by "-", "to" or "and" are one money range."""
        if value_max <= value:
            return False
        sep = m.group("sep" + n).strip()
        opener = (m.group("from") or "").strip().lower()
        if sep.lower() == "and" and opener != "between":
            return False
        repeated = n == "1" and m.group("pcur1b") is not None
        if repeated:
            if _key(m.group("pcur1b")) != _key(m.group("pcur")):
                return False          # "$5 to €10"
            # "was adjusted from VND 19,555 billion to VND 35,678 billion": a change, two facts.
            before = m.start("from") if opener else m.start()
            prev = _PREV_WORD_RE.search(text, max(0, before - 30), before)
            if prev and prev.group(1).lower() in self._t["change_words"]:
                return False
        if sep.lower() == "to" and not opener and not repeated and _scale_of(hi) == 1 and n == "1":
            # "gave $500 to 20 families": "to" names who got it.
            after = re.match(r"\s+([^\W\d_]+)", text[m.end():m.end() + 30])
            if after and after.group(1).lower() not in self._t["range_followers"]:
                return False
        return True

    def _suffix_ok(self, doc: Doc, text: str, m: re.Match[str], lo: str, hi: str | None,
                   name: str) -> bool:
        """The guards of currency names that are also other words (patterns/money.json)."""
        t = self._t
        figure = hi or lo
        bare_year = _YEAR_RE.fullmatch(lo) is not None and not hi
        if bare_year:
            prev = _PREV_WORD_RE.search(text, max(0, m.start() - 30), m.start())
            if prev and prev.group(1).lower() in t["year_before_words"]:
                return False          # "in 2024 dollars", "the 2008 dollar crisis"
        if name in t["big_only"]:
            if bare_year:
                return False
            try:
                if _scale_of(figure) == 1 and parse_number(figure) < 1000:
                    return False      # "of the 12, 5 won seats"
            except ValueError:
                return False
        if name in t["weight_names"]:
            if re.match(r"\s+of\b", text[m.end():m.end() + 5]):
                return False          # "five pounds of rice"
            s_start, _ = _sentence_around(doc, text, m.start())
            words = re.findall(r"[^\W\d_]+", text[max(s_start, m.start() - 80):m.start()].lower())
            if t["weight_cues"].intersection(words):
                return False          # "weighed 200 pounds"
        return True

    def _rate_base(self, doc: Doc, text: str, m: re.Match[str], lo: str, currency: str) -> str | None:
        """The base currency of an exchange rate quoted in `currency` ("the euro bought $1.0562":
        EUR): a figure with three or more decimals and another currency named before it in its
        sentence; None for a price."""
        if not _RATE_DECIMALS_RE.search(lo):
            return None
        s_start, _ = _sentence_around(doc, text, m.start())
        return self._named_before(text, s_start, m.start(), currency)

    def _named_before(self, text: str, lo: int, hi: int, other_than: str) -> str | None:
        """The code of the currency named last in text[lo:hi], other than `other_than`."""
        names = self._t["rate_names"]
        for found in reversed(list(self._rate_names.finditer(text, lo, hi))):
            code = names[_key(found.group())]
            if code != other_than:
                return code
        return None

    def _exchange_rate(self, doc: Doc, text: str, pos: int) -> tuple[int, int, dict, str] | None:
        """'near 149.6 per dollar' after 'the yen': (start, end, fields, rule) of a rate quoted
        without its currency at the figure, the currency named before it in its sentence."""
        m = self._rate_re.match(text, pos)
        if not m:
            return None
        base = self._t["rate_bases"][_key(m.group("base"))]
        s_start, _ = _sentence_around(doc, text, m.start())
        currency = self._named_before(text, s_start, m.start(), base)
        if currency is None:
            return None
        try:
            value = parse_number(m.group("num"))
        except ValueError:
            return None
        start, qualifier = m.start(), qualifier_code(m.group("qual"), "en")
        if qualifier is None and text[max(0, start - 5):start].lower() == "near ":
            start, qualifier = start - 5, "approx"   # "near 149.6 per dollar": a quote's wording
        fields = {"value": value, "value_max": None, "qualifier": qualifier, "unit": base,
                  "currency": currency}
        return start, m.end(), fields, "money.rate"

    def _from_context(self, doc: Doc, text: str, rule: str, start: int, end: int) -> str:
        """The currency a context rule picks: the cue nearest before the figure in its sentence,
        else the first after it in the sentence, else the nearest before it in the article, else
        the rule's default."""
        cue_re, cues = _cue_regex(rule)
        s_start, s_end = _sentence_around(doc, text, start)
        for lo, hi, last in ((s_start, start, True), (end, s_end, False), (0, s_start, True)):
            found = list(cue_re.finditer(text, lo, hi)) if last else [cue_re.search(text, lo, hi)]
            found = [f for f in found if f]
            if found:
                return cues[_key((found[-1] if last else found[0]).group())]
        return self._t["context"][rule]["default"]


def _sentence_around(doc: Doc, text: str, pos: int) -> tuple[int, int]:
    """Where the sentence holding pos begins and ends."""
    sents = sentence_starts(doc)
    i = bisect.bisect_right(sents, pos) - 1
    return (sents[i] if i >= 0 else 0), (sents[i + 1] if i + 1 < len(sents) else len(text))


def _abbreviated(figure: str) -> bool:
    """Whether a figure ends with a scale abbreviation ("4.5bn", "3 mln"), not a scale word."""
    words = _SCALE_TOKEN_RE.findall(figure.lower())
    return bool(words) and words[-1] in SCALE_ABBREVIATIONS and words[-1] not in SCALE_WORDS


@English.factory("newsfacts_money", assigns=["doc.spans", "span._.fact"],
                 default_config={"spans_key": SPANS_KEY, "reach": _REACH})
def make_money(nlp: Language, name: str, spans_key: str, reach: int) -> MoneyExtractor:
    return MoneyExtractor(spans_key=spans_key, reach=reach)
