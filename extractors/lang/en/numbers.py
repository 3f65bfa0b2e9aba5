"""English number words and the figures English news writes ("11,300", "twenty-one",
"124.3 trillion", "3rd", "3.2m tonnes", "one hundred and twenty-five thousand", "half a million",
"Rs 500 crore", "minus 5") as floats.

English uses "," for thousands and "." for decimals, but translated Vietnamese reports leak the
Vietnamese convention ("79,14%", "176.737 tỷ"): extractors.numbers.parse_digits decides by the
digit groups.

What the fact components use (each documented where it is defined):
- parse_number(text): the value of any figure below, as a float (ValueError for anything else);
  parse_scaled(figure, scale): the same for a figure and a scale matched apart.
- regex fragments, to compile with re.IGNORECASE, none with groups: DIGITS_RE (a digit string),
  WHOLE_DIGITS_RE (one that never stops inside a digit string), WORD_NUMBER_RE (a spelled-out
  number up to a hundred), LONG_WORD_NUMBER_RE (any spelled-out number: "six hundred", "two and a
  half million", "a dozen", "half a million"), SCALE_RE (the five scale words after a figure),
  SCALE_WORD_RE (those and lakh/crore), scale_suffix_re() (what may follow a digit figure as its
  scale, abbreviations included: " million", "bn", " mln", "m" before "tonnes"), FIGURE_RE (a
  digit figure with its scale, or a spelled-out number), SIGNED_FIGURE_RE (FIGURE_RE with "-",
  "minus" or "negative" before it).
- number_starts() / figure_starts(): where such a figure (with its qualifier) may begin.
"""
from __future__ import annotations

import functools
import logging
import re
from decimal import Decimal, InvalidOperation
from typing import Literal, Union

from extractors.nlp import StartFinder, _trie, load_patterns, qualifier_phrases, qualifier_regex
from extractors.numbers import DIGITS_RE as _DIGITS_RE
from extractors.numbers import parse_digits

logger = logging.getLogger(__name__)

UNITS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19,
}
TENS: dict[str, int] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}
SCALES: dict[str, int] = {
    "thousand": 10**3, "million": 10**6, "billion": 10**9,
    "trillion": 10**12, "quadrillion": 10**15,
}

_DATA = load_patterns("numbers", "en")
# Every scale word: SCALES and the South Asian ones ("13 lakh", "Rs 500 crore", "lakh crore").
SCALE_WORDS: dict[str, int] = {**SCALES, **_DATA["scale_words"]}
# Abbreviated scales after digits ("$4.5bn", "3 mln", "$10k"), lower-case, with their values.
SCALE_ABBREVIATIONS: dict[str, int] = dict(_DATA["scale_abbreviations"])
_FRACTIONS: dict[str, int] = dict(_DATA["fractions"])
_DOZENS: dict[str, int] = dict(_DATA["dozens"])
_ZEROS = frozenset(["zero", *_DATA["zero_words"]])
_SIGN_WORDS = frozenset(_DATA["signs"])
_NL = r"(?![^\W\d_])"  # no letter follows


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


# A regex fragment for a spelled-out number up to a hundred ("seven", "twenty-one",
# "one hundred"): what the figure rules accept where a digit string could stand.
# Bigger spelled-out figures do not occur in percentages or ratios.
_TENS_ALT = "|".join(sorted(TENS, key=len, reverse=True))
_UNITS_ALT = "|".join(sorted(UNITS, key=len, reverse=True))
# (Every spelled-out number begins with a letter: _LETTER_AHEAD fails one at a digit, where most figure
# patterns try it, at once instead of branch by branch.)
_LETTER_AHEAD = r"(?=[^\W\d_])"
WORD_NUMBER_RE = (rf"(?:{_LETTER_AHEAD}(?:(?:one|a)[ ]hundred|(?:{_TENS_ALT})(?:[- ](?:{_UNITS_ALT}))?"
                  rf"|{_UNITS_ALT}))")

# --- figures shared by the count, rank, money and quantity components ---------------------
# A digit string with thousands or decimal separators ("11,300", "124.3", "1,920.37").
DIGITS_RE = r"\d+(?:[.,]\d+)*"
# DIGITS_RE that never stops inside a digit string (not "11,30" of "11,300"): where a figure
# pattern would otherwise backtrack into a shorter one ("100" of "100m hurdles" is not "10").
WHOLE_DIGITS_RE = rf"{DIGITS_RE}(?![.,]?\d)"
# Scale words that follow a figure ("124.3 trillion", "one million").
SCALE_RE = r"(?:thousand|million|billion|trillion|quadrillion)"
# Every scale word, lakh and crore included, as a whole word.
SCALE_WORD_RE = rf"(?:{_alt(SCALE_WORDS)}){_NL}"

_UNITS_1_9 = "|".join(w for w, v in sorted(UNITS.items(), key=lambda kv: -len(kv[0])) if 0 < v < 10)
# Spelled-out numbers of any size, each level a whole word: 0-99, then below a thousand.
_W99 = rf"(?:(?:{_TENS_ALT})(?:[- ](?:{_UNITS_1_9}))?|{_UNITS_ALT}){_NL}"
_W_HUNDREDS = rf"(?:{_W99}|an?)[ ]hundred{_NL}(?:[ ](?:and[ ])?{_W99})?"
_W999 = rf"(?:{_W_HUNDREDS}|{_W99})"
_AND_HALF = rf"(?:[ ]and[ ](?:(?:a|one)[ ](?:half|quarter)|three[ ]quarters){_NL})"
_W_GROUP = rf"(?:{_W999}{_AND_HALF}?|an?)"
_W_SCALED = rf"{_W_GROUP}(?:[ ]{SCALE_WORD_RE})+"
# "half a million", "half million", "a quarter of a million", "two thirds of a billion", "half a dozen"
_W_FRACTION_OF = (rf"(?:(?:an?[ ])?half|(?:a|one)[ ](?:quarter|third)|three[ ]quarters|two[ ]thirds)"
                  rf"(?:[ ]of)?(?:[ ]an?)?[ ](?:{SCALE_WORD_RE}|dozen{_NL})")
_W_DOZEN = rf"(?:an?|{_W99})[ ]dozen{_NL}"
# A spelled-out number of any size: "six hundred", "one hundred and twenty-five thousand",
# "two and a half million", "five thousand three hundred", "a dozen", "half a million",
# "two and a half" ("years"). A bare "half" or "a quarter" is not one (a multiplier, a period).
LONG_WORD_NUMBER_RE = (
    rf"(?:{_LETTER_AHEAD}(?:(?:{_W_SCALED}|{_W_FRACTION_OF})(?:[ ](?:and[ ])?{_W_SCALED})*"
    rf"(?:[ ]and[ ]{_W999}|[ ]{_W_HUNDREDS})?{_AND_HALF}?"
    rf"|{_W_DOZEN}|{_W999}{_AND_HALF}?))")

# What every figure above begins with (DIGITS_RE, WORD_NUMBER_RE, LONG_WORD_NUMBER_RE): a digit,
# a number word (no boundary: "fivefold"), "half" and a space ("half a million"), or "a"/"an"
# before a fraction, "hundred", "dozen" or a scale word ("a dozen", "a quarter of a million"). For
# a cheap test of where a figure pattern may match: "in the", "at a", "from May" begin none.
FIGURE_OPENING_RE = (rf"(?:\d|{_trie([*UNITS, *TENS])}|half[ ]"
                     rf"|an?[ ](?:{_trie(['half', 'quarter', 'third', 'hundred', 'dozen', *SCALE_WORDS])}))")



class FigureOpening:
    """Which candidate starts may open a figure pattern's match, looked at its opening only: a
    digit, or an optional qualifier (`after_qualifier` may follow it: "minus "), an optional
    "from"/"between", then FIGURE_OPENING_RE or `other` (money's prefix currency). A word start
    that opens no figure ("in the", "from May", "at a") fails here in a few character tests, where
    the extractor's full regex tries every figure form first. `behind`: the lookbehind the full
    regex begins with, so that both refuse the same starts."""

    def __init__(self, behind: str = "", after_qualifier: str = "", other: str | None = None) -> None:
        ahead = FIGURE_OPENING_RE if other is None else f"{FIGURE_OPENING_RE}|{other}"
        self._match = re.compile(rf"""
            {behind}
            (?:(?:{qualifier_regex("en")})\s+{after_qualifier})?
            (?:(?:from|between)\s+)?
            (?={ahead})
            """, re.IGNORECASE | re.VERBOSE).match

    def keep(self, starts: list[int], text: str) -> list[int]:
        """The starts of `text` that may open a figure."""
        opens = self._match
        return [p for p in starts if text[p].isdigit() or opens(text, p)]


_ANY_ABBR = _alt(_DATA["any_figure_abbreviations"])
_ALL_ABBR = _alt(SCALE_ABBREVIATIONS)
_PLURAL_NEXT = (rf"(?=[ \t\u00a0]+(?:(?:{_alt(_DATA['guard_irregular_plurals'])}){_NL}"
                rf"|(?!(?:{_alt(_DATA['guard_not_nouns'])}){_NL})[^\W\d_]+s{_NL}))")


def scale_suffix_re(money: bool = False) -> str:
    """Regex fragment (no groups; compile with re.IGNORECASE) for the scale right after a digit
    figure: scale words a space apart, stacked ("124.3 trillion", "1.5 lakh crore"), or an
    abbreviation. The unambiguous abbreviations (bn, mn, mln, mil, tn...) may be glued or a space
    apart ("$4.5bn", "USD 3 mln"). The one-letter ones also abbreviate units ("3m" metres, "a 10k
    race"), so they are read only glued, and: with `money` (a currency is written at the figure)
    all of k, m, b and mm ("$3m", "£10k", "$1.2b", "US$1MM"); else only lower-case "k" and "m"
    before a plural noun ("3.2m tonnes", "2m people"; not "a 3m wall", "3m high")."""
    words = rf"(?:[ \t\u00a0]+{SCALE_WORD_RE})+"
    if money:
        return rf"(?:{words}|[ \t\u00a0]?(?:{_ANY_ABBR}){_NL}|(?:{_ALL_ABBR}){_NL})"
    guarded = _alt(_DATA["guarded_letters"])
    return rf"(?:{words}|[ \t\u00a0]?(?:{_ANY_ABBR}){_NL}|(?-i:{guarded}){_NL}{_PLURAL_NEXT})"


# A figure as the non-money extractors meet it: digits with their scale ("3.2m" before
# "tonnes", "24.1 million", "13 lakh") or a spelled-out number (LONG_WORD_NUMBER_RE).
# Parse what it matched with parse_number.
FIGURE_RE = rf"(?:{WHOLE_DIGITS_RE}(?:{scale_suffix_re()})?|{LONG_WORD_NUMBER_RE})"
# FIGURE_RE, negative when "-", "−", "minus" or "negative" stands before it ("-0.8", "minus 5").
SIGNED_FIGURE_RE = rf"(?:[-−](?=\d)|(?:{_alt(_SIGN_WORDS)})[ ](?=\w))?{FIGURE_RE}"


# --- parsing ---------------------------------------------------------------------------
_SIGN_RE = re.compile(rf"(?:[-−][ \t]*|(?:{_alt(_SIGN_WORDS)})\s+)(?=\S)")
# A digit token, maybe with a glued abbreviation ("3.2m", "10k", "4.5bn") or led by its point (".08").
_NUM_TOKEN_RE = re.compile(r"(\d+(?:[.,]\d+)*|\.\d+)([^\W\d_]+)?")
# Digits grouped by spaces ("1 234 567", "40 000"), the whole string.
_SPACE_GROUPED_RE = re.compile(r"\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:[.]\d+)?")


# A token of a lower-cased figure: ("num", a digit figure), ("abbr", the value of a glued scale
# abbreviation: "3.2m"), ("w", a word).
_Token = Union[tuple[Literal["num"], Decimal], tuple[Literal["abbr"], int], tuple[Literal["w"], str]]


def _tokens(text: str, lang: str) -> list[_Token]:
    """The tokens (_Token) of a lower-cased figure."""
    out: list[_Token] = []
    for raw in text.split():
        m = _NUM_TOKEN_RE.fullmatch(raw)
        parts = [raw] if m else [p for p in re.split(r"[-–]", raw) if p]
        for part in parts:
            m = _NUM_TOKEN_RE.fullmatch(part)
            if not m:
                out.append(("w", part))
                continue
            digits, abbr = m.groups()
            try:
                value = (Decimal("0" + digits) if digits.startswith(".")
                         else parse_digits(digits, "." if lang == "vi" else ","))
            except InvalidOperation as exc:  # pragma: no cover - the regex vetted the digits
                raise ValueError(f"not a number: {text!r}") from exc
            out.append(("num", value))
            if abbr:
                if abbr not in SCALE_ABBREVIATIONS:
                    raise ValueError(f"not a number: {text!r}")
                out.append(("abbr", SCALE_ABBREVIATIONS[abbr]))
    return out


def _small(tok: _Token) -> int | None:
    """The value of a word 0-99 standing alone ("seven", "twenty") or a whole digit figure."""
    if tok[0] == "w":
        return UNITS.get(tok[1], TENS.get(tok[1]))
    if tok[0] == "num" and tok[1] == tok[1].to_integral_value():
        return int(tok[1])
    return None


def _fraction_at(toks: list, i: int) -> tuple[Decimal, int] | None:
    """A fraction at toks[i]: "a half", "one third", "three quarters", "twenty one fifths",
    "half"/"quarter" alone; (its value, the index after it) or None."""
    n = len(toks)
    kind, w = toks[i]
    numerator: int | None
    if kind == "w" and w in ("half", "quarter"):
        return Decimal(1) / _FRACTIONS[w], i + 1
    if kind == "w" and w in ("a", "an"):
        numerator, j = 1, i + 1
    else:
        numerator = _small(toks[i])
        if numerator is None or numerator == 0:
            return None
        j = i + 1
        if (toks[i][0] == "w" and toks[i][1] in TENS and j < n
                and toks[j][0] == "w" and 0 < UNITS.get(toks[j][1], 0) < 10):
            numerator, j = numerator + UNITS[toks[j][1]], j + 1  # "twenty one fifths"
    if j < n and toks[j][0] == "w" and toks[j][1] in _FRACTIONS:
        return Decimal(numerator) / _FRACTIONS[toks[j][1]], j + 1
    return None


def _multiplier_at(toks: list, i: int) -> tuple[int, int] | None:
    """A scale word or "dozen" at toks[i], after an optional "of" and "a": what a fraction before
    it multiplies ("half a million", "a quarter of a million", "half a dozen")."""
    n = len(toks)
    if i < n and toks[i] == ("w", "of"):
        i += 1
    if i < n and toks[i][0] == "w" and toks[i][1] in ("a", "an"):
        i += 1
    if i < n and toks[i][0] == "w":
        w = toks[i][1]
        if w in SCALE_WORDS:
            return SCALE_WORDS[w], i + 1
        if w == "dozen":
            return 12, i + 1
    return None


def _point_digits(toks: list, i: int) -> tuple[str, int]:
    """The digits spelled after "point" ("five", "zero three", "seventy-one")."""
    digits, n = "", len(toks)
    while i < n and toks[i][0] == "w":
        w = toks[i][1]
        if w in _ZEROS or w == "oh":
            digits += "0"
        elif w in UNITS:
            digits += str(UNITS[w])
        elif w in TENS:
            if i + 1 < n and toks[i + 1][0] == "w" and 0 < UNITS.get(toks[i + 1][1], 0) < 10:
                digits += str(TENS[w] + UNITS[toks[i + 1][1]])
                i += 1
            else:
                digits += str(TENS[w])
        else:
            break
        i += 1
    return digits, i


def _parse_tokens(toks: list, text: str) -> Decimal:
    """The grammar of English figures over tokens: number words in order ("one two" is junk, not a
    sum), digits where a group below a thousand may stand ("4 thousand 3 hundred and 21"), scales
    (stacking: "lakh crore"), fractions ("and a half", "half a million", "3 million and a half"),
    "dozen", "point" and its digits."""
    def bad() -> ValueError:
        return ValueError(f"not a number: {text!r}")

    # (current and group are ints when "hundred" or a scale multiplies nothing written: `current or 1`)
    total = Decimal(0)
    current: Decimal | int = Decimal(0)
    group: Decimal | int = Decimal(0)
    last, before_and, last_scale = "", "", 1
    i, n = 0, len(toks)
    while i < n:
        kind, w = toks[i]
        if kind == "w" and last == "num" and w in SCALE_ABBREVIATIONS:
            kind, w = "abbr", SCALE_ABBREVIATIONS[w]  # a space apart: "3 mln", "- 10 k"
        if last in ("", "and") and kind != "abbr":
            frac = _fraction_at(toks, i)
            if frac is not None:
                value, j = frac
                mult = _multiplier_at(toks, j)
                if last == "and" and before_and != "scale":
                    current += value           # "two and a half" (million)
                    last, i = "frac", j
                    continue
                if mult is not None:           # "half a million", "... and a half million"
                    if mult[0] == 12:
                        current, last, i = value * 12, "dozen", mult[1]
                        continue
                    group = value * mult[0]
                    total += group
                    last, last_scale, i = "scale", mult[0], mult[1]
                    continue
                if j != n:
                    raise bad()
                if last == "and":              # "3 million and a half"
                    total += value * last_scale
                else:                          # "a half", "two thirds"
                    current += value
                last, i = "end", j
                continue
        if kind == "num":
            if last not in ("", "scale", "and"):
                raise bad()
            current += w
            last = "num"
        elif kind == "abbr":
            if last != "num":
                raise bad()
            group = current * w
            total += group
            current, last, last_scale = Decimal(0), "scale", w
        elif w in UNITS or w in _ZEROS:
            unit = UNITS.get(w, 0)
            if last not in ("", "ten", "hundred", "scale", "and"):
                raise bad()
            if last == "ten" and not 0 < unit < 10:
                raise bad()
            current += unit
            last = "unit"
        elif w in TENS:
            if last not in ("", "hundred", "scale", "and"):
                raise bad()
            current += TENS[w]
            last = "ten"
        elif w == "hundred":
            # "six hundred", "eleven hundred" (1,100), "4 hundred"; not "twenty hundred"
            if not (last in ("", "unit", "a") and current % 100 < 20 or last == "num"):
                raise bad()
            current = (current or 1) * 100
            last = "hundred"
        elif w in SCALE_WORDS:
            scale = SCALE_WORDS[w]
            if last == "scale":               # stacked: "three lakh crore"
                total -= group
                group *= scale
                total += group
            elif last in ("", "unit", "ten", "hundred", "a", "num", "frac", "point", "dozen"):
                group = (current or 1) * scale
                total += group
                current = Decimal(0)
            else:
                raise bad()
            last, last_scale = "scale", scale
        elif w in _DOZENS:
            if last not in ("unit", "ten", "num", "a", "hundred"):
                raise bad()
            current *= 12
            last = "dozen"
        elif w == "and":
            if last in ("hundred", "scale"):
                pass
            elif last in ("unit", "ten", "num") and i + 1 < n and _fraction_at(toks, i + 1):
                pass                           # "one and a half"
            else:
                raise bad()
            before_and, last = last, "and"
        elif w in ("a", "an") and i == 0:
            current, last = Decimal(1), "a"
        elif w == "point" and last in ("", "unit", "ten", "hundred"):
            digits, j = _point_digits(toks, i + 1)
            if not digits:
                raise bad()
            current += Decimal("0." + digits)
            last, i = "point", j
            continue
        else:
            raise bad()
        i += 1
    if last in ("", "and", "a"):
        raise bad()
    return total + current


def _parse_words(words: list[str]) -> Decimal:
    """'twenty-one', 'one hundred and five', 'three thousand', 'a million' (words only)."""
    return _parse_tokens([("w", w) for w in words], " ".join(words))


def parse_number(s: str, lang: str = "en") -> float:
    """The value of an English figure as news writes it:
    digits '11,300', '96.38', '79,14', '176.737' (with lang='vi' the dot groups thousands), '.08';
    with scale words '124.3 trillion', '13 lakh', '1.5 lakh crore', or abbreviations '3.2m',
    '$'-less '4.5bn', '3 mln', '10k', '1MM' (which letters stand for a scale is the finder's
    business: scale_suffix_re); grouped by spaces '1 234 567';
    words 'twenty-one', 'six hundred', 'one hundred and twenty-five thousand', 'a million',
    'two and a half million', 'half a million', 'a quarter of a million', 'three quarters',
    'one and a half', '3 million and a half', 'a dozen', 'half a dozen', 'five point five';
    digits and words mixed '4 thousand 3 hundred and 21', '6 crore and two hundred';
    negative '-0.8', '- 10 k', 'minus 5', 'negative one'.

    Raises ValueError for anything else ('5-7', 'four five', 'dozens', '3 apples').
    """
    if not isinstance(s, str):
        raise ValueError(f"not a string: {s!r}")
    if s.isdigit() and s.isascii():
        return float(int(s))   # the commonest figure, plain digits ("15"): as parse_digits reads it
    return _parse_figure(s, lang)


# News repeats its figures ("2024", "50%", "1.5 million"), and parse_number is asked for the same
# string by several extractors: a figure's value is kept (a ValueError is raised anew each time).
@functools.lru_cache(maxsize=4096)
def _parse_figure(s: str, lang: str) -> float:
    text = s.strip().lower()
    if not text:
        raise ValueError("empty number")
    words = text.split()
    if _DIGITS_RE.fullmatch(words[0]) and all(w in SCALES for w in words[1:]):
        # The common case first: a digit string and scale words ("11,300", "124.3 trillion").
        try:
            value = parse_digits(words[0], "." if lang == "vi" else ",")
        except InvalidOperation as exc:  # pragma: no cover - the regex vetted the digits
            raise ValueError(f"not a number: {s!r}") from exc
        for w in words[1:]:
            value *= SCALES[w]
        return float(value)
    sign = 1
    m = _SIGN_RE.match(text)
    if m:
        sign, text = -1, text[m.end():]
    if _SPACE_GROUPED_RE.fullmatch(text):
        text = "".join(text.split())
    if text[:1] in "-−":
        raise ValueError(f"not a number: {s!r}")  # "--5", "minus -5"
    value = _parse_tokens(_tokens(text, lang), s)
    return float(sign * value)


ORDINAL_WORDS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
    "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
    "thirteenth": 13, "fourteenth": 14, "fifteenth": 15, "sixteenth": 16,
    "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
}
# "1st", "22nd", "3rd", "14th" or an ordinal word up to "twentieth".
ORDINAL_RE = (r"(?:\d+(?:st|nd|rd|th)|"
              + "|".join(sorted(ORDINAL_WORDS, key=len, reverse=True)) + ")")
_ORDINAL_DIGITS = re.compile(r"(\d+)(?:st|nd|rd|th)")


def parse_ordinal(s: str) -> int:
    """'1st' -> 1, 'Third' -> 3; ValueError for anything else."""
    low = s.strip().lower()
    m = _ORDINAL_DIGITS.fullmatch(low)
    if m:
        return int(m.group(1))
    if low in ORDINAL_WORDS:
        return ORDINAL_WORDS[low]
    raise ValueError(f"not an ordinal: {s!r}")


def parse_scaled(number: str, scale: str | None = None) -> float:
    """parse_number of a figure and an optional scale given apart, as a regex matched them:
    ('160.8', 'million') -> 160800000, ('3.2', 'm') -> 3200000, ('1.5', ' lakh crore')."""
    return parse_number(f"{number} {scale}" if scale and scale.strip() else number)


@functools.lru_cache(maxsize=1)
def number_starts() -> StartFinder:
    """Where a figure with its qualifier may begin: a qualifier, "from"/"between", a number
    word, a digit. Shared by the components whose facts begin that way."""
    return StartFinder(["from", "between", "a", *UNITS, *TENS], qualifier_phrases("en"), digits=True)


@functools.lru_cache(maxsize=1)
def figure_starts() -> StartFinder:
    """number_starts() and the other words and signs a SIGNED_FIGURE_RE may begin with: "an",
    "half" ("half a million"), "minus"/"negative", "-"/"−" before digits."""
    return StartFinder(["from", "between", "a", "an", "half", *UNITS, *TENS, *_SIGN_WORDS],
                       qualifier_phrases("en"), digits=True, symbols="-−")
