"""The counted noun phrase after a figure ("133/155 tasks", "22 out of 23 Party members").

There is no POS tagger in the pipeline, so the phrase is found with word lists
(extractors/lang/en/patterns/nounphrase.json): words are taken until a stop word (preposition,
determiner, pronoun, auxiliary, common verb, adverb), a number, punctuation or a line
break, or until a plural noun is followed by anything but "and" (after a figure the
head noun is plural and its modifiers are not: "30 households signed up"). Trailing
words that cannot end a noun phrase (participles, -ly adverbs, "and") are then dropped.
"""
from __future__ import annotations

import functools
import logging
import re
from typing import NamedTuple

from extractors.lang.common import NounPhrase
from extractors.lang.en.numbers import SCALES, TENS, UNITS
from extractors.nlp import load_patterns

logger = logging.getLogger(__name__)

# One word after spaces or tabs (not line breaks: a new line is a new block of text).
# Letters first so a figure or a bracket ends the phrase; inner hyphens and apostrophes
# kept ("e-government", "People's").
_WORD_RE = re.compile(r"[ \t\u00a0]+([^\W\d_](?:[\w'’-]*[^\W_])?|&)")
_POSSESSIVE_RE = re.compile(r"['’]s?$")
_NUMBER_WORDS = frozenset(UNITS) | frozenset(TENS) | frozenset(SCALES) | {"hundred"}


class _Lists(NamedTuple):
    max_words: int
    joiners: frozenset[str]
    stop: frozenset[str]
    non_final_suffixes: tuple[str, ...]
    non_final_min_length: int
    final_ok: frozenset[str]
    plural_modifiers: frozenset[str]
    non_plural_endings: tuple[str, ...]


@functools.lru_cache(maxsize=1)
def _lists() -> _Lists:
    d = load_patterns("nounphrase", "en")
    return _Lists(int(d["max_words"]), frozenset(d["joiners"]), frozenset(d["stop_words"]),
                  tuple(d["non_final_suffixes"]), int(d["non_final_min_length"]),
                  frozenset(d["final_ok"]), frozenset(d["plural_modifiers"]),
                  tuple(d["non_plural_endings"]))


def _is_plural_head(low: str, lists: _Lists) -> bool:
    return (len(low) >= 3 and low.endswith("s") and not low.endswith(lists.non_plural_endings)
            and low not in lists.plural_modifiers)


def _can_end(word: str, lists: _Lists) -> bool:
    low = word.lower()
    if low in lists.joiners:
        return False
    if low in lists.final_ok:
        return True
    return not (len(low) >= lists.non_final_min_length and low.endswith(lists.non_final_suffixes))


def noun_phrase_after(text: str, pos: int) -> NounPhrase | None:
    """The noun phrase starting right after text[pos] (separated by spaces), or None."""
    lists = _lists()
    words: list[tuple[str, int, int]] = []
    at = pos
    after_plural = False
    plural_join = -1  # index of an "and" that follows a plural word
    while len(words) < lists.max_words:
        m = _WORD_RE.match(text, at)
        if m is None:
            break
        word = m.group(1)
        low = word.lower()
        # (most words are letters only, which holds no digit nor apostrophe: tested first, in C)
        if (low in lists.stop or low in _NUMBER_WORDS
                or not word.isalpha() and (any(c.isdigit() for c in word) or _POSSESSIVE_RE.search(word))):
            break
        if low in lists.joiners and not words:
            break
        if after_plural:
            if low not in lists.joiners:
                break
            plural_join = len(words)
        words.append((word, m.start(1), m.end(1)))
        after_plural = _is_plural_head(low, lists)
        at = m.end()
    while words and not _can_end(words[-1][0], lists):
        words.pop()
    # Plurals joined by "and" ("cadres and Party members") are one phrase; a plural
    # then "and" then something singular is the next clause ("members and expulsion").
    if 0 <= plural_join < len(words) and not _is_plural_head(words[-1][0].lower(), lists):
        del words[plural_join:]
    if not words:
        return None
    start, end = words[0][1], words[-1][2]
    return NounPhrase(text[start:end], start, end)


# Further plural heads after a comma: ", towns" or ", wards and townships".
_LIST_TAIL_RE = re.compile(r",[ \t]+([^\W\d_][\w'’-]*)(?:[ \t]+(and|or)[ \t]+([^\W\d_][\w'’-]*))?")


def list_noun_phrase_after(text: str, pos: int, require_and: bool = False) -> NounPhrase | None:
    """noun_phrase_after, also taking in further plural heads listed after a comma when
    the phrase ends in a plural noun and the list ends the phrase: "districts, towns",
    "communes, wards and townships". With `require_and`, only the "A, B and C" form
    ("members, reprimands for ..." is the next clause)."""
    phrase = noun_phrase_after(text, pos)
    if phrase is None:
        return None
    lists = _lists()
    m = _LIST_TAIL_RE.match(text, phrase.end)
    if not m or not _is_plural_head(phrase.text.split()[-1].lower(), lists):
        return phrase
    if m.group(2) is None and require_and:
        return phrase
    words = [w for w in (m.group(1), m.group(3)) if w]
    if not all(_is_plural_head(w.lower(), lists) and w.lower() not in lists.stop for w in words):
        return phrase
    follow = _WORD_RE.match(text, m.end())
    if follow and follow.group(1).lower() not in lists.stop:
        return phrase
    return NounPhrase(text[phrase.start:m.end()], phrase.start, m.end())
