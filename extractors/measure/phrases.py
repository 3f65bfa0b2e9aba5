"""Phrases into measures and texts into clauses: cleaning raw words into a measure (places and
other facts taken out, cut before what qualifies it, an acronym for its long form), and where a
figure's clause begins, found once per text for all its figures."""
from __future__ import annotations

import bisect
import functools
import re

from extractors.measure.lexicon import _REACH, _WORD_RE, BLANK, _Lexicon
from extractors.nlp import find_phrases

_SPACE_RE = re.compile(r"\s+")
_PARENS_RE = re.compile(r"\([^()]*\)|^[^(]*\)")
_ACRONYM_RE = re.compile(r"((?:[^\W\d_][\w'’-]*\s+){1,8})\(([^\W\d_]{2,8})\)")
_ACRONYM_GLUE = frozenset(("of", "and", "for", "the", "on", "in", "&"))


def _lower_first(phrase: str) -> str:
    first = phrase.split()[0]
    if first[:1].isupper() and not first.isupper() and not any(c.isupper() for c in first[1:]):
        return first[:1].lower() + phrase[1:]
    return phrase


@functools.lru_cache(maxsize=16384)   # figures of one clause share their subject
def _clean(phrase: str, lex: _Lexicon, keep: str = "last") -> str | None:
    """A measure from raw words: places and other facts taken out with the words that attach them
    ("of <place>", "<place>'s", "của <place>"), cut before a place, time or qualifying phrase,
    without leading determiners; at most max_words words (the last ones, or the first: `keep`)."""
    phrase = lex.place_glue.sub(BLANK, phrase)
    phrase = _SPACE_RE.sub(" ", phrase)
    # what stands after the last blank that still leaves words (a blank is a boundary)
    parts = [p for p in re.split(rf"{BLANK}+", phrase) if _WORD_RE.search(p)]
    for part in (reversed(parts) if keep == "last" else parts):
        out = _clean_part(part, lex, keep)
        if out:
            return out
    return None


def _acronym(m: re.Match[str]) -> str:
    """"Foreign direct investment (FDI)" -> "FDI": the short name the article goes on to use, when
    the initials of the words before it spell it; else the words without the aside."""
    words, short = m.group(1).split(), m.group(2)
    initials = ""
    for k in range(len(words) - 1, -1, -1):
        if words[k].lower() in _ACRONYM_GLUE:
            continue
        initials = words[k][0].lower() + initials
        if initials == short.lower():
            return " ".join(words[:k] + [short]) + " "
        if not short.lower().endswith(initials):
            break
    return m.group(1)


def _clean_part(phrase: str, lex: _Lexicon, keep: str) -> str | None:
    phrase = _ACRONYM_RE.sub(_acronym, phrase)
    phrase = _PARENS_RE.sub(" ", phrase)   # any other aside: "the project (phase 1) is"
    phrase = phrase.strip(" ,;:()\"“”'.-")
    # leading words first: "trong đó chi đầu tư" must not be cut at its "trong"
    phrase = lex.strip_leading.sub("", phrase)
    if phrase.lower() in lex.not_measures:
        return None   # "Social housing in <place> [currently] sells at": look further back
    m = lex.cut_at.search(" " + phrase)
    if m and m.start() == 0:
        # the phrase begins with what the cut is for ("Phường rút ngắn thời gian ..."): drop that
        # word, cut the rest
        phrase = (" " + phrase)[m.end():].strip()
        m = lex.cut_at.search(" " + phrase)
    if m:
        phrase = (" " + phrase)[:m.start()].strip()
    phrase = lex.strip_leading.sub("", phrase).strip(" ,;:()\"“”'")
    m = lex.stop_phrase.search(phrase)
    if m:
        phrase = phrase[:m.start()].strip(" ,;:")
    if lex.owner_first is not None:
        phrase = lex.owner_first.sub("", phrase, count=1)   # "the project's [total investment]"
    words = [w for w in phrase.split() if not any(c.isdigit() for c in w)]
    while words and words[-1].lower() in lex.skip_after_unit:
        words.pop()
    if not words:
        return None
    words = words[-lex.max_words:] if keep == "last" else words[:lex.max_words]
    return _lower_first(" ".join(words))


_last_text: tuple = (None, None, {})   # (text, lexicon, what was found in it) of the last text: its figures ask in turn


def _per_text(low: str, lex: _Lexicon) -> dict:
    global _last_text
    cached = _last_text   # one read: another thread may replace it, never half of it
    if cached[0] is low and cached[1] is lex:
        return cached[2]
    found: dict = {}
    _last_text = (low, lex, found)
    return found


def _clause_breaks(low: str, lex: _Lexicon) -> list[int]:
    found = _per_text(low, lex)
    breaks = found.get("breaks")
    if breaks is None:
        breaks = found["breaks"] = _find_clause_breaks(low, lex)
    return breaks


def _target_words(low: str, lex: _Lexicon) -> list[tuple[int, int, str]]:
    """(start, end, word) of the goal verbs in a lowered text, found once for all its figures."""
    found = _per_text(low, lex)
    targets = found.get("targets")
    if targets is None:
        targets = found["targets"] = find_phrases(low, lex.target_words or ())
    return targets


def _find_clause_breaks(low: str, lex: _Lexicon) -> list[int]:
    """Where clauses begin in a lowered text: after punctuation (one regex) and after the break
    words (str.find per word: a regex alternation of words costs four times as much)."""
    out = [m.end() for m in lex.clause_break.finditer(low)]
    out += [end for _, end, _ in find_phrases(low, lex.clause_break_words)]
    out.sort()
    return out


def _clause_start(text: str, start: int, sent_start: int, lex: _Lexicon) -> int:
    """Where the figure's clause begins: after the last clause break before it in its sentence
    (a break whose match ends at or before the figure), no further back than _REACH."""
    breaks = _clause_breaks(text, lex)
    i = bisect.bisect_right(breaks, start) - 1
    if i >= 0 and breaks[i] >= max(sent_start, start - _REACH):
        return breaks[i]
    return sent_start


def _last_words(text: str, lo: int, start: int, n: int) -> list[str]:
    """_WORD_RE.findall(text[lo:start])[-n:], reading only the last characters when they hold more
    than n words (a word cut at the window's start is then not among the last n)."""
    cut = max(lo, start - 12 * n)
    words = _WORD_RE.findall(text, cut, start)
    if cut > lo and len(words) <= n:
        words = _WORD_RE.findall(text, lo, start)
    return words[-n:]



def _noun_phrase(phrase: str, lex: _Lexicon) -> str:
    """The noun phrase of words a dimension is put after: a verb in them ends the subject or begins
    the object of its clause, so the words after the last verb ("Kiplagat [won] the men's race" ->
    "men's race time"), else those before it ("these complexes [cover]" -> "complex area"); a
    pronoun ("it", "she") names nothing. A verb last with nothing before it stays ("land handed over"
    says what the land is)."""
    if not lex.dimension_noun_phrase:
        return phrase
    words = phrase.split()
    low = [w.lower() for w in words]
    at = -1
    for i, w in enumerate(low):
        if w in lex.clause_verbs or w in lex.past_forms or w in lex.present_verbs or lex.is_ing_verb(w) \
                or (i + 1 < len(low) and i > 0 and lex.verb_like is not None and lex.verb_like.fullmatch(w)):
            at = i
    if at >= 0:
        after = words[at + 1:]
        while after and (after[0].lower() in lex.not_a_noun or after[0].lower() in lex.determiners
                         or after[0].lower() in lex.not_after_quantity):
            after.pop(0)   # "pulling [away] ...", "won [the] ..."
        if len(after) == 1 and (after[0].lower() in lex.past_forms
                                or (lex.verb_like is not None and lex.verb_like.fullmatch(after[0].lower()))):
            after = []   # "can be [charged]": the verb group ends the words

        before = words[:at]
        while before and (before[-1].lower() in lex.clause_verbs or before[-1].lower() in lex.not_a_noun):
            before.pop()
        words = after or before
    while words and words[0].lower() in lex.subject_pronouns:
        words.pop(0)
    return " ".join(words)
