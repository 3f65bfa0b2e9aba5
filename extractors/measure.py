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
_NEXT_WORD_RE = re.compile(r"[ \t]+([^\W\d_]+)")
_TAIL_RE = re.compile(r"[ \t]+((?:[^\W\d_][\w'’-]*)(?:[ \t]+[^\W\d_][\w'’-]*)*)")


class _Lexicon:
    def __init__(self, lang: str) -> None:
        d = load_patterns("measure", lang)
        flags = re.IGNORECASE
        self.lang = lang
        self.max_words = int(d["max_words"])
        # the clause's first linking verb (lazy prefix) or its last one before the figure (greedy)
        prefix = "^.*?" if d.get("first_linking_verb") else "^.*"
        self.linking = re.compile(rf"{prefix}(?:^|\s)(?P<verb>{phrase_regex(d['linking_verbs'])})(?=\s|$)", flags | re.DOTALL)
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
        self.keys = sorted(((" ".join(p.lower().split()), key) for key, phrases in keys.items()
                            if not key.startswith("_") for p in phrases), key=lambda x: -len(x[0]))


@functools.lru_cache(maxsize=None)
def _lexicon(lang: str) -> _Lexicon | None:
    try:
        return _Lexicon(lang)
    except (FileNotFoundError, ModuleNotFoundError, KeyError):
        return None


def _words(s: str) -> list[str]:
    return _WORD_RE.findall(s)


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


def measure_of(text: str, start: int, end: int, kind: str, fields: dict[str, Any],
               sent_start: int, sent_end: int, lang: str) -> str | None:
    lex = _lexicon(lang)
    if lex is None:
        return None
    breaks = [m.end() for m in lex.clause_break.finditer(text, sent_start, start)]
    clause_start = breaks[-1] if breaks else sent_start
    unit = fields.get("unit")
    if kind in ("count", "ratio", "rank") and unit and unit != "percentage_points":
        verb = _governing_verb(text, start, end, clause_start, lex)
        if verb:
            return f"{unit} {verb}" if lex.unit_first else f"{verb} {unit}"
        tail = _after_unit(text, end, lex) if lex.tail_after_unit else None
        return f"{unit} {tail}" if tail else unit
    before = text[clause_start:start]
    # the subject ends at the clause's first linking verb: "Budget revenue reached VND ..., up 5%"
    # measures budget revenue for both figures
    m = lex.linking.search(before)
    if m:
        return _clean(before[:m.start("verb")], lex)
    # no linking verb: the words right before the figure ("the disbursement rate of 64.9%")
    return _clean(re.sub(r"\s*(?:of|là|:|,)\s*$", "", before), lex)


def measure_key(measure: str | None, lang: str) -> str | None:
    lex = _lexicon(lang)
    if lex is None or not measure:
        return None
    low = " " + " ".join(measure.lower().split()) + " "
    for phrase, key in lex.keys:
        if f" {phrase} " in low:
            return key
    return None
