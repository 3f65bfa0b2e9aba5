"""The Vietnamese text the rules match: NFC, the look-alike "Ð" (U+00D0, Icelandic eth) as "Đ",
and the old tone placement ("uỷ", "hoà", "thuỷ") as the new one ("ủy", "hòa", "thủy"), so that one
spelling in the pattern data matches both. Offsets must keep indexing the text as given: the
replacements keep the length, and only text that is not NFC already (decomposed diacritics, rare
on the web) gets an offset map.
"""
from __future__ import annotations

import re
import unicodedata

_LOOKALIKES = {"\u00d0": "\u0110", "\u00f0": "\u0111"}  # Ð ð -> Đ đ

# Old style puts the tone on the second vowel of "oa", "oe", "uy" ("hoà", "uỷ"); new style on the
# first ("hòa", "ủy"). Not after "q", where "u" is part of the consonant ("quý", "quỹ").
_TONES = {"\u0300": "grave", "\u0301": "acute", "\u0309": "hook", "\u0303": "tilde", "\u0323": "dot"}


def _compose(base: str, mark: str) -> str:
    return unicodedata.normalize("NFC", base + mark)


def _old_style_table() -> dict[str, str]:
    table = {}
    for first, second in (("o", "a"), ("o", "e"), ("u", "y")):
        for mark in _TONES:
            for f, s in ((first, second), (first.upper(), second), (first.upper(), second.upper())):
                table[f + _compose(s, mark)] = _compose(f, mark) + s
    return table


_OLD_STYLE = _old_style_table()
# Each spelling is two letters, so "not after q" is checked behind them: a regex that begins with
# its letters lets re skip to the next "o" or "u" in C, where a leading lookbehind is tried at
# every character (10x slower).
_OLD_STYLE_RE = re.compile(r"(?:" + "|".join(map(re.escape, _OLD_STYLE)) + r")(?<![qQ]..)(?![^\W\d_])")


def _same_length(text: str) -> str:
    for lookalike, letter in _LOOKALIKES.items():
        if lookalike in text:  # str.translate looks up every character: 100x slower
            text = text.replace(lookalike, letter)
    if not _OLD_STYLE_RE.search(text):
        return text
    return _OLD_STYLE_RE.sub(lambda m: _OLD_STYLE[m.group()], text)


def normalize(text: str) -> tuple[str, list[int] | None]:
    """(matching text, None) when offsets carry over, else (matching text, offset map): for each
    character of the matching text the offset of the character it came from, plus the end."""
    if unicodedata.is_normalized("NFC", text):
        return _same_length(text), None
    out: list[str] = []
    offsets: list[int] = []
    i, n = 0, len(text)
    while i < n:
        j = i + 1
        while j < n and unicodedata.combining(text[j]):
            j += 1
        composed = unicodedata.normalize("NFC", text[i:j])
        out.append(composed)
        offsets.extend([i] * len(composed))
        i = j
    offsets.append(n)
    return _same_length("".join(out)), offsets
