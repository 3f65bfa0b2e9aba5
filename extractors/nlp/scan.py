"""Finding where a fact pattern may match without trying it at every character: anchored_finditer
runs it only near a cheap anchor (a compiled pattern or a BoundedAnchor), StartFinder finds the
words a fact may begin at (several finders of a language share one pass over the text), and
matches_at, near and last_match work over those starts and matches.
"""
from __future__ import annotations

import re
from typing import Iterable, Iterator, Protocol

from spacy.tokens import Doc

from extractors.nlp.spans import UserData
from extractors.nlp.text import matching_text


class Anchor(Protocol):
    """What anchored_finditer needs of an anchor: a compiled pattern, or a BoundedAnchor."""

    def finditer(self, text: str, /) -> Iterator[re.Match[str]]: ...


def anchored_finditer(pattern: re.Pattern[str], anchor: Anchor, text: str,
                      before: int, after: int) -> Iterator[re.Match[str]]:
    """pattern.finditer(text), but only near the matches of a cheap anchor pattern.

    A full fact pattern tried at every character costs more than tokenizing; every fact
    contains its anchor (a "%" sign, a "/" between digits), so the full pattern only runs
    on windows [anchor - before, anchor + after], overlapping windows merged so no text
    is scanned twice. `before`/`after` must cover the longest match around its anchor.
    """
    win_start = win_end = -1
    for a in anchor.finditer(text):
        start, end = max(0, a.start() - before), a.end() + after
        if start <= win_end:
            win_end = max(win_end, end)
            continue
        if win_end >= 0:
            yield from pattern.finditer(text, win_start, win_end)
        win_start, win_end = start, end
    if win_end >= 0:
        yield from pattern.finditer(text, win_start, win_end)


_BOUNDARY_RE = re.compile(r"\b")


class BoundedAnchor:
    r"""An anchor pattern led by a word boundary, r"\b" + pattern, for anchored_finditer: the
    matches of re.compile(r"\b" + pattern).finditer(text), found faster. A leading \b keeps re from
    skipping ahead, so that pattern is tried at every character; `pattern` alone, led by a character
    class or a literal ("[Ss]ince\b"), lets re skip in C to its first characters, and the boundary
    is tested where it matches (searched on from the next character when it fails there, as finditer
    would). `pattern` must not match the empty string."""

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self._re = re.compile(pattern, flags)
        self.pattern = r"\b" + pattern

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        search, boundary = self._re.search, _BOUNDARY_RE.match
        m = search(text)
        while m is not None:
            start = m.start()
            if boundary(text, start):
                yield m
                m = search(text, m.end())
            else:
                m = search(text, start + 1)


class BehindLed:
    r"""A pattern that opens with lookbehinds, `behind` + `core` ("(?<![^\W\d_])" + a phrase
    alternation), found faster: searched as `core` alone and tried whole only where that matches
    (on from the next character when it fails there, as finditer would). Led by lookbehinds, re
    tries a pattern at every character; led by literals or a character class (and not compiled
    with re.IGNORECASE, which turns that off for letters) it skips in C to its first characters.
    The same matches as re.compile(behind + core, flags): search and finditer take pos and endpos
    as re's do. `core` must not match the empty string."""

    def __init__(self, behind: str, core: str, flags: int = 0) -> None:
        self._core = re.compile(core, flags)
        self._full = re.compile(behind + core, flags)
        self.pattern = self._full.pattern

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        end = len(text) if endpos is None else endpos
        search, full = self._core.search, self._full.match
        m = search(text, pos, end)
        while m is not None:
            got = full(text, m.start(), end)
            if got is not None:
                return got
            m = search(text, m.start() + 1, end)
        return None

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[re.Match[str]]:
        end = len(text) if endpos is None else endpos
        m = self.search(text, pos, end)
        while m is not None:
            yield m
            m = self.search(text, m.end(), end)


# --- candidate starts ------------------------------------------------------------------
# Most facts can only begin at a handful of words: a qualifier, "from", a currency, a digit.
# A StartFinder finds those word starts in one cheap pass (a trie of lower-case words, where
# re's per-alternative first-character test fails fast), and the full pattern is then tried
# only there with pattern.match. Lookbehinds still see the whole text, so the matches are
# exactly those of pattern.finditer(text) provided every match begins at a found start.
_LETTERS_RE = re.compile(r"[^\W\d_]+")
_LOWER_KEY = "newsfacts.lower"


def _heads(words: list[str]) -> dict[str, list[str]]:
    """The words by first character, each with the rests that follow it, in sorted order."""
    heads: dict[str, list[str]] = {}
    for w in sorted(set(words)):
        heads.setdefault(w[0], []).append(w[1:])
    return heads


def _trie(words: list[str]) -> str:
    """Regex alternation of `words` as a trie: 'more|most' -> 'mo(?:re|st)'."""
    parts = []
    for head, rests in _heads(words).items():
        longer = [r for r in rests if r]
        if not longer:
            parts.append(re.escape(head))
            continue
        optional = "?" if "" in rests else ""
        parts.append(f"{re.escape(head)}(?:{_trie(longer)}){optional}")
    return "|".join(parts)


def _led_trie(words: list[str]) -> str:
    """_trie(words) with each first letter consumed before its branch and tested behind it:
    'more|most' -> '(?<=m)o(?:re|st)', to follow a character class of those first letters."""
    parts = []
    for head, rests in _heads(words).items():
        longer = [r for r in rests if r]
        behind = f"(?<={re.escape(head)})"
        parts.append(f"{behind}(?:{_trie(longer)}){'?' if '' in rests else ''}" if longer else behind)
    return "|".join(parts)


# A finder inside words (a unit, a sign) whose words and symbols begin with at most this many
# characters is searched from those characters (_led): rarer than the non-letters its regex
# stops at, and re skips to them in C.
_LED_MAX_HEADS = 4


class StartFinder:
    """Where a fact may begin: a word from `words` (whole letter run, any case), the first
    word of one of `phrases`, a digit run, or one of the characters in `symbols`."""

    def __init__(self, words: Iterable[str] = (), phrases: Iterable[str] = (), *,
                 digits: bool = False, symbols: str = "", inside_words: bool = False,
                 word_ends: bool = False) -> None:
        firsts, syms = {w.lower() for w in words}, set(symbols)
        for phrase in phrases:
            low = phrase.strip().lower()
            m = _LETTERS_RE.match(low)
            if m:
                firsts.add(m.group())
            elif low[:1].isdigit():
                digits = True
            elif low:
                syms.add(low[0])
        alts = []
        if firsts:
            alts.append(rf"(?:{_trie(sorted(firsts))})" + ("" if inside_words and not word_ends
                                                            else r"(?![^\W\d_])"))
        if digits:
            alts.append(r"\d")
        if syms:
            alts.append("[" + "".join(re.escape(c) for c in sorted(syms)) + "]")
        # Led by the non-word character before the start: a leading character class lets re
        # skip ahead in C, where a lookbehind would be tried at every position.
        # `inside_words` also finds words right after a digit ("5km") and words that only begin
        # with one of `words` ("percentage"): for anchors, a fact's unit or sign, not its start;
        # with `word_ends` as well, only words that end where their letter run does ("5km", "km/h",
        # not "kmph" for "km"): a unit's anchor where the unit must end its word.
        body = "(?:" + ("|".join(alts) or "(?!)") + ")"
        self._re = re.compile((r"[\W\d_]" if inside_words else r"\W") + body)
        # The same starts from a search for the first character of the word or symbol, the
        # character before it tested behind: [heads](?<=[\W\d_].)(?:led trie|(?<=[syms])). A match
        # of _re at i is one of _led at i + 1 with the same end (_find).
        self._led: re.Pattern[str] | None = None
        heads = {w[0] for w in firsts} | syms
        if inside_words and not word_ends and not digits and heads and len(heads) <= _LED_MAX_HEADS:
            led = ([_led_trie(sorted(firsts))] if firsts else []) + \
                (["(?<=[" + "".join(re.escape(c) for c in sorted(syms)) + "])"] if syms else [])
            self._led = re.compile("[" + "".join(re.escape(c) for c in sorted(heads)) + "]"
                                   + r"(?<=[\W\d_].)(?:" + "|".join(led) + ")")
        self._key = ("newsfacts.starts", self._re.pattern)
        # Whether its starts may come from the shared scan (_SharedScan): led by a non-word
        # character and followed by one of `firsts`, each a whole letter run, or by a digit.
        self._words, self._digits = frozenset(firsts), digits
        self._shareable = (not inside_words and not syms
                           and all(_LETTERS_RE.fullmatch(w) for w in firsts))

    def starts(self, doc: Doc) -> list[int]:
        """Candidate starts, ascending, cached per doc (finders with the same words share them).
        A fact never begins right after a letter or digit, so unless `inside_words` only starts
        after a non-word character (or at the start of the text) are found."""
        user_data: UserData = doc.user_data
        found = user_data.get(self._key)
        if found is None:
            if self._shareable:
                scan = _shared_scan(doc.lang_)
                if self._key in scan.keys:
                    if user_data.get(scan.done_key) is None:   # the doc's first shareable finder
                        scan.scan(user_data, _padded_lower(doc))
                        found = user_data.get(self._key)
                else:   # first seen on this language: in the scan from the next doc on
                    scan.add(self)
            if found is None:
                found = user_data[self._key] = self._find(_padded_lower(doc))
        return found

    def _find(self, low: str) -> list[int]:
        """The matches' starts of _re in the padded lowered text `low` (where the lead character
        sits at the start's own offset), as finditer finds them."""
        if self._led is None:
            return [m.start() for m in self._re.finditer(low)]
        # finditer's next match of _re leads at or after the end of the last one: _led's begins
        # one further on
        found, search = [], self._led.search
        m = search(low, 1)
        while m is not None:
            found.append(m.start() - 1)
            m = search(low, m.end() + 1)
        return found


class _SharedScan:
    r"""The starts of every shareable StartFinder of one language in one pass over the padded text:
    each finder's regex alone stops at every non-word character of the text (about 0.1 ms an
    article each, whatever its words).

    A shareable finder's regex is \W(?:(?:trie)(?![^\W\d_])|\d) with whole letter runs in the trie,
    so its matches begin exactly at the non-word characters followed by a letter run that is one
    of its words, or by a digit (a match ends inside a letter run or on a digit, neither of which
    is a non-word character, so finditer skips no such start). The same regex over the union of
    the words finds the starts of them all; each match's letter run (or digit) says whose it is.
    Finders join on the first doc of a language that asks them (doc.lang_); until the next doc they
    run their own regex."""

    def __init__(self, lang: str) -> None:
        self.done_key = ("newsfacts.shared_scan", lang)
        self.keys: set[tuple[str, str]] = set()
        self._finders: list[StartFinder] = []
        self._re: re.Pattern[str] | None = None

    def add(self, finder: StartFinder) -> None:
        self.keys.add(finder._key)
        self._finders.append(finder)
        self._re = None

    def _build(self) -> re.Pattern[str]:
        words = sorted(set().union(*(f._words for f in self._finders)))
        self._word_targets = {w: [i for i, f in enumerate(self._finders) if w in f._words] for w in words}
        self._digit_targets = [i for i, f in enumerate(self._finders) if f._digits]
        alts = []
        if words:
            alts.append(rf"(?:{_trie(words)})(?![^\W\d_])")
        if self._digit_targets:
            alts.append(r"\d")
        self._re = re.compile(r"\W(?:" + ("|".join(alts) or "(?!)") + ")")
        return self._re

    def scan(self, user_data: UserData, low: str) -> None:
        """Each finder's starts in `low` (the padded lowered text) into user_data, under its key."""
        regex = self._re or self._build()
        found: list[list[int]] = [[] for _ in self._finders]
        word_targets, digit_targets = self._word_targets, self._digit_targets
        for m in regex.finditer(low):
            pos = m.start()
            body = m.group()[1:]
            # a letter run is never a digit (\d is Unicode Nd, str.isdecimal)
            for i in (digit_targets if body[0].isdecimal() else word_targets[body]):
                found[i].append(pos)
        for finder, starts in zip(self._finders, found):
            user_data.setdefault(finder._key, starts)
        user_data[self.done_key] = True


_SHARED_SCANS: dict[str, _SharedScan] = {}


def _shared_scan(lang: str) -> _SharedScan:
    scan = _SHARED_SCANS.get(lang)
    if scan is None:
        scan = _SHARED_SCANS[lang] = _SharedScan(lang)
    return scan


def near(starts: list[int], anchors: list[int], reach: int, text: str | None = None,
         digit_reach: int | None = None) -> list[int]:
    """The starts (ascending) with an anchor at most `reach` characters after them; with `text`
    and `digit_reach`, at most `digit_reach` after a start on a digit of `text`. A fact begun by
    its figure holds its anchor close; the long reach is for a qualifier or "between" before."""
    out, j, n = [], 0, len(anchors)
    short = reach if digit_reach is None or text is None else digit_reach
    for pos in starts:
        while j < n and anchors[j] < pos:
            j += 1
        if j < n and anchors[j] <= pos + (short if text is not None and text[pos].isdigit() else reach):
            out.append(pos)
    return out


def _padded_lower(doc: Doc) -> str:
    """" " + matching_text(doc).lower(), cached, each character lower-cased on its own so offsets
    carry over ("İ".lower() is two characters)."""
    low = doc.user_data.get(_LOWER_KEY)
    if low is None:
        text = matching_text(doc)
        low = text.lower()
        if len(low) != len(text):
            low = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
        low = doc.user_data[_LOWER_KEY] = " " + low
    return low


def matches_at(pattern: re.Pattern[str], text: str, starts: Iterable[int]) -> Iterator[re.Match[str]]:
    """pattern.finditer(text) restricted to matches beginning at `starts`: tried in ascending
    order, a start inside an earlier match skipped, as finditer would."""
    taken = -1
    for pos in sorted(set(starts)):
        if pos < taken:
            continue
        m = pattern.match(text, pos)
        if m:
            taken = max(m.end(), pos + 1)
            yield m


def last_match(matches: Iterable[re.Match[str]]) -> re.Match[str] | None:
    """The last of these matches, None when there are none: re only searches forwards."""
    last = None
    for m in matches:
        last = m
    return last
