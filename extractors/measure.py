"""What a figure measures, from the words around it, and its measure_key: the same rules in every
language, the words in each language's patterns/measure.json.

- A count, ratio or rank measures its counted things and what happened to them: the unit and the
  verb that governs the figure, written after it ("disciplined 15 Party members" -> "Party members
  disciplined"; "15 Party members were disciplined" the same; "kỷ luật 7 đảng viên" -> "đảng viên
  kỷ luật"). Verbs that say nothing ("has", "có", "là") are skipped.
- A percentage, an amount of money or a quantity measures what the clause says reached it: the
  words before the linking verb ("Budget revenue in the first half reached VND ..." -> "budget
  revenue"), without leading determiners and without trailing place and time phrases ("of Dong Da
  district", "trên địa bàn", "năm 2023"); with no linking verb, the noun phrase right before the
  figure ("the disbursement rate of 64.9%").
- measure_key: the key of the longest lexicon phrase the measure contains ("state budget revenue",
  "tổng thu ngân sách" -> "budget_revenue"); keys are shared by the languages so that a Vietnamese
  original and its English republication compare.
"""
from __future__ import annotations

import functools
import re
from typing import Any

from extractors.nlp import load_patterns, phrase_regex

_WORD_RE = re.compile(r"[^\W\d_][\w'’&-]*|\d[\d.,/]*%?|[^\w\s]")
_SPACE_RE = re.compile(r"\s+")
_WORD_SPAN_RE = re.compile(r"[^\W\d_][\w'’-]*")
_SUBJECT_REACH = 160   # characters before a figure where its subject and linking verb may stand
_NEXT_WORD_RE = re.compile(r"[ \t]+([^\W\d_]+)")
_TAIL_RE = re.compile(r"[ \t]+((?:[^\W\d_][\w'’-]*)(?:[ \t]+[^\W\d_][\w'’-]*)*)")


class _Lexicon:
    def __init__(self, lang: str) -> None:
        d = load_patterns("measure", lang)
        flags = re.IGNORECASE
        self.lang = lang
        self.max_words = int(d["max_words"])
        self.linking_verbs = frozenset(" ".join(v.lower().split()) for v in d["linking_verbs"])
        self.longest_linking = max(len(v.split()) for v in self.linking_verbs)
        self.first_linking = bool(d.get("first_linking_verb"))
        self.tail_after_unit = bool(d.get("words_after_unit"))
        self.skip_after_unit = frozenset(w.lower() for w in d["skip_after_unit"])
        self.empty_verbs = frozenset(v.lower() for v in d["empty_verbs"])
        self.skip_before = frozenset(v.lower() for v in d["skip_before_figure"])
        self.passive = re.compile(rf"^\s*(?:{phrase_regex(d['passive_auxiliaries'])})\s+(?P<verb>[^\W\d_][\w-]*(?:\s+[^\W\d_][\w-]*)?)", flags)
        self.strip_leading = re.compile(rf"^(?:(?:{phrase_regex(d['leading_words'])})\s+)+", flags)
        cut = rf"\s(?:{phrase_regex(d['tail_cut'])})(?:\s|$)"
        if d.get("tail_cut_regex"):
            cut = rf"{cut}|{d['tail_cut_regex']}"
        self.cut_at = re.compile(cut, flags)
        self.clause_break = re.compile(d["clause_break"])
        self.verb_like = re.compile(d["verb_like"], flags) if d.get("verb_like") else None
        self.action_verbs = frozenset(v.lower() for v in d["action_verbs"])
        self.unit_first = bool(d["unit_before_verb"])
        self.participles = {k.lower(): v for k, v in d.get("participles", {}).items()}
        keys = load_patterns("measures", lang)
        self.keys = {" ".join(p.lower().split()): key for key, phrases in keys.items()
                     if not key.startswith("_") for p in phrases}
        self.longest_key = max((len(p.split()) for p in self.keys), default=0)


@functools.lru_cache(maxsize=None)
def _lexicon(lang: str) -> _Lexicon | None:
    try:
        return _Lexicon(lang)
    except (FileNotFoundError, ModuleNotFoundError, KeyError):
        return None


def _words(s: str) -> list[str]:
    return _WORD_RE.findall(s)


@functools.lru_cache(maxsize=8192)   # figures of one clause share their subject
def _clean(phrase: str, lex: _Lexicon) -> str | None:
    phrase = _SPACE_RE.sub(" ", phrase).strip(" ,;:()\"“”'")
    m = lex.cut_at.search(" " + phrase)
    if m:
        phrase = (" " + phrase)[:m.start()].strip()
    phrase = lex.strip_leading.sub("", phrase).strip(" ,;:()")
    words = [w for w in phrase.split() if not any(c.isdigit() for c in w)]
    if not words:
        return None
    words = words[-lex.max_words:]
    out = " ".join(words)
    return out[:1].lower() + out[1:] if out[:1].isupper() and not out.split()[0].isupper() else out


def _governing_verb(text: str, start: int, end: int, clause_start: int, lex: _Lexicon) -> str | None:
    """The verb of a counted figure: before it in its clause ("disciplined 15 ...", "đã kỷ luật 7 ..."),
    else a passive after it ("15 ... were disciplined"). Verbs may be several words ("tiếp nhận")."""
    before = [w.lower() for w in _words(text[clause_start:start])[-8:]]
    picked: list[str] = []
    i = len(before)
    while i > 0:
        for n in (3, 2, 1):
            if n > i:
                continue
            phrase = " ".join(before[i - n:i])
            if not phrase[0].isalpha():
                continue
            if phrase in lex.skip_before and not picked:
                kind = "skip"
            elif phrase in lex.action_verbs or (n == 1 and lex.verb_like is not None
                                                 and lex.verb_like.fullmatch(phrase)):
                kind = "verb"
            elif phrase in lex.empty_verbs:
                kind = "empty"
            else:
                continue
            break
        else:
            break
        if kind == "empty":
            break
        if kind == "verb":
            picked.insert(0, phrase)
        i -= n
        if picked and kind == "skip":
            break
    if picked:
        return " ".join(lex.participles.get(w, w) for w in picked)
    m = lex.passive.match(text, end)
    if m:
        return m.group("verb").lower()
    nxt = _NEXT_WORD_RE.match(text, end)
    if nxt and lex.verb_like is not None and lex.verb_like.fullmatch(nxt.group(1).lower()):
        return nxt.group(1).lower()   # "40/40 units reported"
    return None


def _after_unit(text: str, end: int, lex: _Lexicon) -> str | None:
    """What the counted things did or are, written after them: "312/340 hộ [đã nhận tiền bồi thường]",
    "36 cases [still under consideration]": up to max_words words before punctuation or a figure."""
    m = _TAIL_RE.match(text, end)
    if not m:
        return None
    words = m.group(1).split()
    while words and words[0].lower() in lex.skip_after_unit:
        words.pop(0)
    words = words[:lex.max_words - 1]
    while words and words[-1].lower() in lex.skip_after_unit:
        words.pop()
    return " ".join(words) or None


def _linking_verb(before: str, lex: _Lexicon) -> int | None:
    """Where the clause's linking verb starts in `before` (its first one, or the last before the
    figure, as the language's data says), or None."""
    words = list(_WORD_SPAN_RE.finditer(before))
    low = [w.group().lower() for w in words]
    order = range(len(words)) if lex.first_linking else range(len(words) - 1, -1, -1)
    for i in order:
        for n in range(min(lex.longest_linking, len(words) - i), 0, -1):
            if " ".join(low[i:i + n]) in lex.linking_verbs:
                return words[i].start()
    return None


def measure_of(text: str, start: int, end: int, kind: str, fields: dict[str, Any],
               sent_start: int, sent_end: int, lang: str) -> str | None:
    lex = _lexicon(lang)
    if lex is None:
        return None
    clause_start = sent_start
    for m in lex.clause_break.finditer(text, max(sent_start, start - _SUBJECT_REACH), start):
        clause_start = m.end()
    unit = fields.get("unit")
    if kind in ("count", "ratio", "rank") and unit and unit != "percentage_points":
        verb = _governing_verb(text, start, end, clause_start, lex)
        if verb:
            return f"{unit} {verb}" if lex.unit_first else f"{verb} {unit}"
        tail = _after_unit(text, end, lex) if lex.tail_after_unit else None
        return f"{unit} {tail}" if tail else unit
    # a subject lies within a few words of its verb: the window keeps the search short
    before = text[max(clause_start, start - _SUBJECT_REACH):start]
    verb_at = _linking_verb(before, lex)
    if verb_at is not None:
        return _clean(before[:verb_at], lex)
    # no linking verb: the words right before the figure ("the disbursement rate of 64.9%")
    return _clean(re.sub(r"\s*(?:of|là|:|,)\s*$", "", before), lex)


@functools.lru_cache(maxsize=8192)   # measures repeat ("Party members disciplined")
def measure_key(measure: str | None, lang: str) -> str | None:
    lex = _lexicon(lang)
    if lex is None or not measure:
        return None
    words = measure.lower().split()
    # the longest lexicon phrase among the measure's runs of words, the earliest first
    for n in range(min(lex.longest_key, len(words)), 0, -1):
        for i in range(len(words) - n + 1):
            key = lex.keys.get(" ".join(words[i:i + n]))
            if key:
                return key
    return None
