"""The checks' language data: one language's cue words (lexicon/<code>.json), and the thresholds of
every language (thresholds.json), as the rules (pipeline/checks/rules.py) use them.

A lexicon holds the words the checks look for ("including", "trong đó", "accounting for", "chiếm",
"was", "đã", ...), the regexes that find them and the way the language writes numbers ("1,234.5" or
"1.234,5"), compiled once per language; an article in a language without a lexicon gets only the
checks that need no words. The thresholds are the numbers the rules judge by: how far apart two
figures may stand to be read together, how close two values must be to agree.

    lex = lexicon(article_language)     # None: no lexicon for that language
    THRESHOLDS.cross_article_days
"""
from __future__ import annotations

import functools
import importlib
import json
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Callable

LEXICON_DIR = Path(__file__).resolve().parent / "lexicon"
THRESHOLDS_FILE = Path(__file__).resolve().parent / "thresholds.json"


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
def _optional_rx(spec) -> re.Pattern | None:
    """_rx of an entry a lexicon may leave out (None then)."""
    return None if spec is None else _rx(spec)


def _rx(spec) -> re.Pattern:
    """A regex from a lexicon: a bare string (case-sensitive) or {"pattern", "flags": "i"}."""
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
        return singular_form(word) if self.singular else word.lower()


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
        percentage_own_whole=_optional_rx(rp.get("percentage_own_whole")),
        not_share_measure=_optional_rx(rp.get("not_share_measure")),
        clause_reach=int(rp["clause_reach"]),
        separator_needed=bool(rp.get("separator_needed", False)),
        part_cue=_rx(ps["part_cue"]), exhaustive=tuple(words(ps["exhaustive"])),
        incomplete_list=_optional_rx(ps.get("incomplete_list")), unit_word=_rx(ps["unit_word"]),
        unit_head=ps["unit_head"], singular=bool(ps["singular"]),
        share_cue=_rx(share["share_cue"]), rate_cue=_rx(share["rate_cue"]), not_a_share=_rx(share["not_a_share"]),
        share_clause_split=_rx(share["clause_split"]), head_words=int(share["head_words"]),
        tail_words=int(share["tail_words"]),
        future=_rx(dated["future"]), past=_rx(dated["past"]), not_past=words(dated["not_past"]),
        date_clause_split=_rx(dated["clause_split"]), date_word=_rx(dated["word"]), window=int(dated["window"]),
        past_after=_optional_rx(dated.get("past_after")),
        opening_words=words(opening) if opening is not None else None,
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


def singular_form(word: str) -> str:
    """An English plural's singular, lower case: 'members' -> member, 'communities' -> community."""
    w = word.lower()
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith("s") and not w.endswith("ss") and len(w) > 3:
        return w[:-1]
    return w


# --- the thresholds ------------------------------------------------------------------------------
@dataclass(frozen=True)
class Thresholds:
    """The numbers the rules judge by (thresholds.json; its "about" says what each is)."""
    ratio_list_gap: int         # ratio_percentage: characters between two ratios that make them a list
    percentage_tail: int        # ... characters after a percentage read for what it is a share of
    approx_points: float        # ... an "about X%" agrees within this many points (or its last digit)
    parts_whole_gap: int        # parts_sum: characters at most between the whole and the parts' cue
    future_grace_days: int      # future_date_past_tense: days after publication that are not yet future
    cross_article_days: int     # cross_article: other articles compared published within this many days
    cross_article_rows: int     # ... and at most this many of their facts read per batch
    relative_after: int         # ... characters after a figure read for a change or a plan
    approx_share: float         # ... "about", "nearly": this share of the value either way


def _load_thresholds(data: dict) -> Thresholds:
    rp, ps, dated, cross = (data["ratio_percentage"], data["parts_sum"], data["future_date_past_tense"],
                            data["cross_article"])
    return Thresholds(
        ratio_list_gap=int(rp["list_gap"]), percentage_tail=int(rp["percentage_tail"]),
        approx_points=float(rp["approx_points"]), parts_whole_gap=int(ps["whole_gap"]),
        future_grace_days=int(dated["grace_days"]), cross_article_days=int(cross["days"]),
        cross_article_rows=int(cross["rows"]), relative_after=int(cross["relative_after"]),
        approx_share=float(cross["approx_share"]))


THRESHOLDS = _load_thresholds(json.loads(THRESHOLDS_FILE.read_text(encoding="utf-8")))
