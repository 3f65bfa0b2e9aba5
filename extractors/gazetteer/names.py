"""How names and texts are normalised for matching: the lookup key of a name (`fold`), its form with
the tone marks in one place (`_tone_key`), its spellings the matcher accepts (both tone-mark placements,
without diacritics) and the text the matcher reads (`_prep`: NFC, all-capitals headlines in title case)."""
from __future__ import annotations

import functools
import re
import unicodedata

_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}   # the five tone marks


@functools.lru_cache(maxsize=65536)
def fold(s: str) -> str:
    """Diacritics off, đ -> d, lower case, hyphens and runs of spaces as one space: the lookup key."""
    s = unicodedata.normalize("NFD", s.replace("Ð", "Đ").replace("ð", "đ"))
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    s = s.replace("đ", "d").replace("Đ", "D").lower().replace("’", "'")
    return " ".join(re.sub(r"[-‐–—]", " ", s).split())


@functools.lru_cache(maxsize=65536)
def _tone_key(s: str) -> str:
    """Lower case with diacritics but without tone-mark placement differences (Hoà = Hòa)."""
    out = []
    for syl in unicodedata.normalize("NFD", s.lower()).split():
        marks = [ch for ch in syl if ch in _MARKS]
        base = "".join(ch for ch in syl if ch not in _MARKS)
        out.append(base + "".join(marks))
    return unicodedata.normalize("NFC", " ".join(re.sub(r"[-‐–—]", " ", " ".join(out)).split()))


def _tone_variants(name: str) -> set[str]:
    """Both placements of the tone mark in open syllables ending in oa, oe, uy ("Hoà"/"Hòa")."""
    res = {name}
    words = name.split(" ")
    for i, w in enumerate(words):
        d = unicodedata.normalize("NFD", w)
        m = re.search(r"([oOuU])([\u0300\u0301\u0303\u0309\u0323]?)([aAeEyY])([\u0300\u0301\u0303\u0309\u0323]?)$", d)
        if not m or not (m.group(2) or m.group(4)):
            continue
        tone = m.group(2) or m.group(4)
        alt = m.group(1) + tone + m.group(3) if m.group(4) else m.group(1) + m.group(3) + tone
        alt_w = unicodedata.normalize("NFC", d[:m.start()] + alt)
        for r in list(res):
            ws = r.split(" ")
            ws[i] = alt_w
            res.add(" ".join(ws))
    return res


def _prep(text: str) -> tuple[str, list[int] | None]:
    """The text to match on (NFC, Ð fixed, all-capitals lines in title case) and, when NFC changed
    its length, the map from its offsets back to the text's."""
    mapping = None
    if not unicodedata.is_normalized("NFC", text):
        parts, mapping = [], []
        i = 0
        while i < len(text):
            j = i + 1
            while j < len(text) and unicodedata.combining(text[j]):
                j += 1
            seg = unicodedata.normalize("NFC", text[i:j])
            parts.append(seg)
            mapping.extend([i] * len(seg))
            i = j
        mapping.append(len(text))
        text = "".join(parts)
    if "Ð" in text or "ð" in text:
        text = text.replace("Ð", "Đ").replace("ð", "đ")
    if any(line.isupper() and len(line) >= 8 for line in text.split("\n", 3)[:3]):
        lines = text.split("\n")
        for k, line in enumerate(lines[:3]):
            if line.isupper() and len(line) >= 8:
                t = line.title()
                if len(t) == len(line):
                    lines[k] = t
        text = "\n".join(lines)
    return text, mapping


def _variants(name: str) -> set[str]:
    out = set()
    for v in _tone_variants(name):
        out.add(v)
    a = _ascii(name)
    out.add(a)
    return out


@functools.lru_cache(maxsize=65536)
def _ascii(s: str) -> str:
    s = unicodedata.normalize("NFD", s)
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", s).replace("đ", "d").replace("Đ", "D")
