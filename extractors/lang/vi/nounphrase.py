"""The counted noun phrase after a Vietnamese figure: "28 [tổ chức đảng]", "12 [lượt công dân]",
"hơn 10.200 [cán bộ, đảng viên]".

Vietnamese puts modifiers after the head noun, and without a tagger the phrase is found with word
lists (patterns/nounphrase.json): syllables are taken until a stop word or stop phrase (a verb,
preposition, particle or determiner: "26 [xã] đạt chuẩn ..."), a digit, punctuation or a line
break; compounds listed as kept ("chi bộ trực thuộc") pass a stop syllable. Coordinated heads of
one kind ("cán bộ, đảng viên", "quận, huyện", "tổ chức đảng và đảng viên") make one unit.
"""
from __future__ import annotations

import functools
import re
from typing import NamedTuple

from extractors.lang.common import NounPhrase
from extractors.nlp import load_patterns

LANG = "vi"
# One syllable after spaces or tabs (not line breaks: a new line is a new block of text).
_SYLLABLE_RE = re.compile(r"[ \t\u00a0]+([^\W\d_]+(?:-[^\W\d_]+)*)")
_JOIN_RE = re.compile(r"(?:[ \t\u00a0]*,|[ \t\u00a0]+(?:và|hoặc))(?=[ \t\u00a0])")


_SYLLABLES_BEFORE_RE = re.compile(r"([^\W\d_]+)[ \t]+([^\W\d_]+)[ \t]*$|([^\W\d_]+)[ \t]*$")


def syllables_before(text: str, pos: int) -> tuple[str, str]:
    """The syllable and the two syllables right before pos, lower case ("tổng số 58" -> ("số",
    "tổng số")); ("", "") after punctuation or a digit. The cues before a figure are words of one or
    two syllables."""
    m = _SYLLABLES_BEFORE_RE.search(text, max(0, pos - 30), pos)
    if not m:
        return "", ""
    if m.group(3):
        return m.group(3).lower(), m.group(3).lower()
    return m.group(2).lower(), f"{m.group(1)} {m.group(2)}".lower()


class _Lists(NamedTuple):
    max_syllables: int
    stop: frozenset[str]
    stop_phrases: frozenset[str]
    keep: frozenset[str]
    coordinable: frozenset[str]
    heads: frozenset[str]
    extensions: frozenset[str]
    capitalised: frozenset[str]
    classifiers: dict[str, tuple[tuple[str, ...], ...]]
    longest: int   # syllables of the longest listed phrase


@functools.lru_cache(maxsize=1)
def _lists() -> _Lists:
    d = load_patterns("nounphrase", LANG)
    phrases = [*d["stop_phrases"], *d["keep_phrases"], *d["coordinable"], *d["heads"], *d["head_extensions"]]
    return _Lists(int(d["max_syllables"]), frozenset(d["stop_words"]), frozenset(d["stop_phrases"]),
                  frozenset(d["keep_phrases"]), frozenset(d["coordinable"]), frozenset(d["heads"]),
                  frozenset(d["head_extensions"]), frozenset(d["keep_capitalised"]),
                  {h.lower(): tuple(sorted((tuple(c.lower().split()) for c in conts), key=len, reverse=True))
                   for h, conts in d["classifier_heads"].items()},
                  max(len(p.split()) for p in phrases))


def _syllables(text: str, pos: int, limit: int) -> list[tuple[str, int, int]]:
    out: list[tuple[str, int, int]] = []
    while len(out) < limit:
        m = _SYLLABLE_RE.match(text, pos)
        if m is None:
            break
        out.append((m.group(1), m.start(1), m.end(1)))
        pos = m.end()
    return out


def _phrase_len(lows: list[str], i: int, table: frozenset[str], longest: int) -> int:
    """Syllables of the longest phrase of `table` starting at lows[i], or 0."""
    for n in range(min(longest, len(lows) - i), 0, -1):
        if " ".join(lows[i:i + n]) in table:
            return n
    return 0


def _classified(lows: list[str], walked: int, lists: _Lists) -> int:
    """Syllables of the unit when the phrase opens with a classifier head ("hộ", "ca", "trường"):
    the head with its longest listed continuation in the text, else the head alone; 0 otherwise."""
    for n in (2, 1):
        head = " ".join(lows[:n])
        if n == 1 and " ".join(lows[:2]) in lists.keep | lists.coordinable | lists.heads:
            return 0  # a word of its own: "trường hợp", "cơ sở y tế"
        if n <= walked and head in lists.classifiers:
            for cont in lists.classifiers[head]:
                if tuple(lows[n:n + len(cont)]) == cont:
                    return n + len(cont)
            return n
    return 0


def _take(text: str, pos: int, lists: _Lists) -> list[tuple[str, int, int]]:
    """The syllables of the phrase right after pos, before any coordination."""
    syl = _syllables(text, pos, lists.max_syllables + lists.longest)
    lows = [s[0].lower() for s in syl]
    taken = 0
    while taken < len(syl) and taken < lists.max_syllables:
        word = syl[taken][0]
        if taken and word[:1].isupper() and not word.isupper() and word not in lists.capitalised:
            break  # a place or a name after the noun: "3 phường [Tứ Liên]"; not "trường THPT"
        keep = _phrase_len(lows, taken, lists.keep, lists.longest)
        if keep:
            taken += keep
            continue
        if _phrase_len(lows, taken, lists.stop_phrases, lists.longest) or lows[taken] in lists.stop:
            break
        taken += 1
    words = syl[:min(taken, lists.max_syllables)]
    classified = _classified(lows, len(words), lists)
    if classified:
        return syl[:classified]
    head = _phrase_len(lows[:len(words)], 0, lists.heads, lists.longest)
    if head:
        while head < len(words):
            ext = _phrase_len(lows[:len(words)], head, lists.extensions, lists.longest)
            if not ext:
                break
            head += ext
        words = words[:head]
    return words


def _coordinable(words: list[tuple[str, int, int]], lists: _Lists, tail: bool = False) -> bool:
    """Whether the phrase is a head that coordination may join: by its first syllables, or with
    `tail` by its last ("cuộc thanh tra[, kiểm tra]", "đảng ủy xã[, thị trấn]")."""
    lows = [w[0].lower() for w in words]
    if not lows:
        return False
    if _phrase_len(lows, 0, lists.coordinable, lists.longest):
        return True
    return tail and any(" ".join(lows[i:]) in lists.coordinable for i in range(1, len(lows)))


def noun_phrase_after(text: str, pos: int) -> NounPhrase | None:
    """The noun phrase starting right after text[pos] (separated by spaces), or None."""
    lists = _lists()
    words = _take(text, pos, lists)
    if not words:
        return None
    end = words[-1][2]
    if _coordinable(words, lists, tail=True):
        while True:
            j = _JOIN_RE.match(text, end)
            if j is None:
                break
            more = _take(text, j.end(), lists)
            if " ".join(w[0].lower() for w in more) not in lists.coordinable | lists.heads:
                break  # the next clause, not a second head ("15 tổ chức đảng, giám sát tối thiểu ...")
            end = more[-1][2]
    start = words[0][1]
    return NounPhrase(text[start:end], start, end)
