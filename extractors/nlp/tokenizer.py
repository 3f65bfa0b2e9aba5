"""The rule-based tokenizer as the pipeline runs it: rule_tokenizer gives a language spaCy's Tokenizer
to adjust, and blank_pipeline drops the whitespace special cases and skips the prefix, suffix, infix
and URL rules on plain words and figures, which none of them splits (both only for speed).
"""
from __future__ import annotations

import re
from typing import Any, Callable

from spacy.attrs import ORTH
from spacy.language import Language
from spacy.tokenizer import Tokenizer


def rule_tokenizer(nlp: Language) -> Tokenizer:
    """nlp.tokenizer as spaCy's rule-based Tokenizer, whose special cases and rules a language
    adjusts (Language types it as any callable from text to Doc)."""
    tokenizer = nlp.tokenizer
    if not isinstance(tokenizer, Tokenizer):
        raise TypeError(f"not spaCy's rule-based tokenizer: {tokenizer!r}")
    return tokenizer


def _drop_whitespace_special_cases(tokenizer: Any) -> None:
    """Remove spaCy's special cases for a lone " ", "\t" or "\n": they make the token the default
    rules make anyway, but a special case hit switches off the tokenizer's cache for the rest of
    the document (spaCy keeps one "has special" flag per call), so after an article's first line
    break every word was split by the prefix, suffix and infix regexes again (5x slower)."""
    redundant = {ws for ws in (" ", "\t", "\n")
                 if tokenizer.rules.get(ws) == [{ORTH: ws}]}
    if redundant:
        tokenizer.rules = {k: v for k, v in tokenizer.rules.items() if k not in redundant}


# A word of letters only, or a figure: digit groups joined by single "." or "," ("2020", "11,300").
_FIGURE_RE = re.compile(r"[0-9]+(?:[.,][0-9]+)*")


def _plain(string: str) -> bool:
    return string.isalpha() or _FIGURE_RE.fullmatch(string) is not None


class _SkippedOnPlain:
    """One of the tokenizer's rules (a compiled regex's bound search, finditer or match) answering
    "nothing" at once for a plain word or figure (_plain), which none of them splits.

    spaCy caches a string's tokens only until the first special case of the document ("No.",
    "Mr."), so most words and figures of an article go through every rule, and the suffix and infix
    rules are alternations of a hundred patterns led by lookbehinds, tried at every character
    (3-4 us a string). Every prefix, suffix and infix pattern of spaCy's punctuation rules and of
    the languages' own infixes needs a punctuation mark or symbol ("'s" has its apostrophe, "US$"
    its dollar sign), or a digit before a unit ("5km"); none begins or ends with a digit, and those
    for "," and "." between characters want a letter next to them. The URL rule only decides whether
    infixes split a string, so it is moot where they cannot (tests/test_tokenizer_shortcuts.py holds
    all this against the regexes)."""

    def __init__(self, method: Callable[[str], Any], nothing: Any, pattern: str) -> None:
        self.pattern = pattern  # the regex's, which Tokenizer.to_bytes saves
        self._method, self._nothing = method, nothing

    def run(self, string: str) -> Any:  # spaCy is given the bound method (it reads .__self__)
        return self._nothing if _plain(string) else self._method(string)


def _skip_rules_on_plain(tokenizer: Any) -> None:
    for attr, nothing in (("prefix_search", None), ("suffix_search", None), ("infix_finditer", ()),
                          ("url_match", None)):
        method = getattr(tokenizer, attr)
        pattern = getattr(getattr(method, "__self__", None), "pattern", None)  # a compiled regex's
        if method is not None and pattern is not None:
            setattr(tokenizer, attr, _SkippedOnPlain(method, nothing, pattern).run)
