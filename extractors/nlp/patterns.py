"""The languages' pattern data and the regexes built from it: load_patterns reads a language's
patterns/<name>.json, phrase_regex, word_regex and find_phrases turn phrase lists into matchers, and
the qualifier helpers map "more than" and the like to their FACTS.md codes.
"""
from __future__ import annotations

import functools
import json
import re
from importlib import resources
from typing import Any, Iterable


@functools.lru_cache(maxsize=None)
def load_patterns(name: str, lang: str) -> dict[str, Any]:
    """Read extractors/lang/<lang>/patterns/<name>.json (through importlib.resources, so it
    works from an installed wheel as well as from the source tree)."""
    ref = resources.files(f"extractors.lang.{lang}") / "patterns" / f"{name}.json"
    return json.loads(ref.read_text(encoding="utf-8"))


def phrase_regex(phrases: Iterable[str]) -> str:
    """Alternation of literal phrases, longest first so 'more than' beats 'more';
    a space in a phrase matches any run of whitespace."""
    parts = sorted(set(phrases), key=len, reverse=True)
    return "(?:" + "|".join(r"\s+".join(map(re.escape, p.split())) for p in parts) + ")"


def phrase_trie(phrases: list[str]) -> str:
    """phrase_regex's alternation as a trie ('km|km2|kmph' -> 'km(?:2|ph)?'), a space matching any
    run of whitespace: re tries one branch per first character instead of every phrase. Longer
    phrases are tried first, as in phrase_regex (at each node of the trie at most one branch can
    match, so the same phrase wins). Give it lower-case phrases, or compile with re.IGNORECASE."""
    heads: dict[str, list[str]] = {}
    for p in sorted(set(phrases)):
        heads.setdefault(p[0], []).append(p[1:])
    parts = []
    for head, rests in sorted(heads.items()):
        piece = r"\s+" if head == " " else re.escape(head)
        longer = [r for r in rests if r]
        if not longer:
            parts.append(piece)
        else:
            rest = phrase_trie(longer)
            if "" in rests:
                rest = rest if rest.startswith("(?:") and rest.endswith(")") and len(longer) > 1 \
                    else f"(?:{rest})"
                rest += "?"
            parts.append(piece + rest)
    return parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"


def word_regex(phrases: Iterable[str], tail: str = "", lower: bool = True) -> re.Pattern | None:
    """Whole-word alternation of phrases (then `tail`), lower-cased to run over a lowered text
    (case-sensitive patterns run 3x faster than IGNORECASE), unless `lower` is False (phrases
    matched as written); None for no phrases."""
    phrases = [p.lower() if lower else p for p in phrases if p.strip()]
    if not phrases:
        return None
    return re.compile(rf"(?<![^\W\d_])(?:{phrase_regex(phrases)}){tail}(?![^\W\d_])")


def find_phrases(low: str, phrases: Iterable[str]) -> list[tuple[int, int, str]]:
    """(start, end, phrase) of each lower-case phrase in the lowered text as whole words, ascending,
    the longest where they overlap: str.find per phrase, several times faster than a regex
    alternation over the text."""
    found = []
    n = len(low)
    for p in phrases:
        size = len(p)
        i = low.find(p)
        while i >= 0:
            j = i + size
            if (i == 0 or not low[i - 1].isalpha()) and (j >= n or not low[j].isalpha()):
                found.append((i, -j, p))
            i = low.find(p, i + 1)
    found.sort()
    out, last = [], -1
    for s, e, p in found:
        if s >= last:
            out.append((s, -e, p))
            last = -e
    return out


@functools.lru_cache(maxsize=None)
def _qualifier_table(lang: str) -> dict[str, str]:
    data = load_patterns("qualifiers", lang)
    return {" ".join(p.lower().split()): code
            for code, phrases in data.items() if not code.startswith("_")
            for p in phrases}


def qualifier_regex(lang: str) -> str:
    """Regex fragment matching any of the language's qualifier phrases (compile with
    re.IGNORECASE); the phrases are its patterns/qualifiers.json, by FACTS.md code."""
    # As a trie, opened by a test for a letter when every phrase begins with one: the fact patterns
    # try it first at every candidate start, mostly digits, and an IGNORECASE alternation is tried
    # phrase by phrase (same matches as phrase_regex: see phrase_trie).
    phrases = list(_qualifier_table(lang))
    letter = r"(?=[^\W\d_])" if all(p[:1].isalpha() for p in phrases) else ""
    return f"(?:{letter}{phrase_trie(phrases)})"


def qualifier_phrases(lang: str) -> list[str]:
    return list(_qualifier_table(lang))


def qualifier_code(phrase: str | None, lang: str) -> str | None:
    """'More  than' -> 'more_than'; None for no phrase."""
    if not phrase:
        return None
    return _qualifier_table(lang)[" ".join(phrase.lower().split())]
