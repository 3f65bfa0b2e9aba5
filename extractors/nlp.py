"""The spaCy pipeline and the plumbing every fact component shares, in every language.

Each fact component scans `doc.text` and records spans in `doc.spans["facts"]` with
`span.label_ = kind`, `span.id_ = the rule that found it` and `span._.fact = {normalised fields...}`.
"newsfacts_resolve" then settles spans that claim the same words. The kinds, their components and
how they settle are declared in extractors/kinds.py.
"""
from __future__ import annotations

import bisect
import datetime
import functools
import importlib
import json
import logging
import re
import weakref
from importlib import resources
from typing import Any, Callable, Iterable, Iterator, Protocol

import numpy
from spacy.attrs import IDX, IS_PUNCT, ORTH, SENT_START
from spacy.language import Language
from spacy.pipeline import Sentencizer
from spacy.strings import get_string_id
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc, Span

from extractors.kinds import KINDS
from extractors.lang import language_data

logger = logging.getLogger(__name__)

SPANS_KEY = "facts"
_TEXT_KEY = "newsfacts.text"
_MATCH_KEY = "newsfacts.matching_text"
_OFFSETS_KEY = "newsfacts.matching_offsets"
_SENTS_KEY = "newsfacts.sentence_starts"   # (len(doc), sentence_starts) as the sentencizer left them

# Fact components in pipeline order (each finds its kind on its own, so any order gives the same
# facts). Each language registers its own implementation of the ones it supports
# (`@English.factory("newsfacts_count")` in extractors/lang/en/count.py), as spaCy keeps a factory
# per language; build_nlp adds those the language has.
FACT_COMPONENTS: tuple[str, ...] = tuple(spec.component for spec in KINDS.values())

# Which claim wins when spans of different kinds overlap (lower wins).
KIND_PRIORITY: dict[str, int] = {name: spec.priority for name, spec in KINDS.items()}
# (outer, inner) kinds that gold annotates nested, so both are kept when inner lies inside outer.
NESTABLE: frozenset[tuple[str, str]] = frozenset((name, inner) for name, spec in KINDS.items()
                                                 for inner in spec.holds)

# Scraped text has headlines and captions on lines of their own without a full stop;
# ending sentences at line breaks keeps them out of the next sentence.
_NEWLINE_TOKENS = ["\n", "\n\n", "\n\n\n", " \n", "\n ", "\n \n", "\r\n", "\r\n\r\n"]


# --- span extension -------------------------------------------------------------------
# doc.user_data as it is: spaCy's stub says Dict[str, Any], but spaCy keeps its own extension values
# there under tuple keys, and so does this package. A local annotated with it costs nothing at run time.
UserData = dict[Any, Any]


# spaCy keys span extension values by character offsets only, so two kinds claiming the
# same characters would share one value; the label is added to the key here.
def _fact_key(span: Span) -> tuple[str, str, int, int]:
    return ("newsfacts.fact", span.label_, span.start_char, span.end_char)


def _get_fact(span: Span) -> dict[str, Any] | None:
    user_data: UserData = span.doc.user_data
    return user_data.get(_fact_key(span))


def _set_fact(span: Span, value: dict[str, Any] | None) -> None:
    user_data: UserData = span.doc.user_data
    user_data[_fact_key(span)] = value


def span_fields(span: Span) -> dict[str, Any] | None:
    """span._.fact without building spaCy's Underscore object (a hot path over every span)."""
    user_data: UserData = span.doc.user_data
    return user_data.get(("newsfacts.fact", span.label_, span.start_char, span.end_char))


if not Span.has_extension("fact"):
    Span.set_extension("fact", getter=_get_fact, setter=_set_fact)
if not Doc.has_extension("published"):
    # The article's publication date, for components that resolve relative dates.
    Doc.set_extension("published", default=None)


def publication_date(doc: Doc) -> datetime.date | None:
    """doc._.published, typed (spaCy's extension attributes are not)."""
    return doc._.published


# --- the document text ----------------------------------------------------------------
def doc_text(doc: Doc) -> str:
    """doc.text, cached: spaCy rebuilds Doc.text from every token on each access, which
    costs about as much as tokenizing."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text


# A language's normaliser: text -> (the text its rules match, None when offsets are the same, else
# for each character of that text the offset of the original character it came from, plus one
# entry for the end).
Normalizer = Callable[[str], tuple[str, "list[int] | None"]]


def matching_text(doc: Doc) -> str:
    """The text the rules match: doc_text(doc), normalised by the language when it has a normaliser
    (NFC, look-alike letters, spelling variants). add_fact takes offsets into this text; they index
    doc_text(doc) as well unless the normaliser changed the length."""
    return doc.user_data.get(_MATCH_KEY) or doc_text(doc)


class _TextKeepingTokenizer:
    """Wraps the tokenizer to remember the input string, so doc_text() is free, and the text the
    rules match when the language normalises it (matching_text)."""

    def __init__(self, tokenizer: Any, normalize: Normalizer | None = None) -> None:
        self._tokenizer = tokenizer
        self._normalize = normalize

    def __call__(self, text: str) -> Doc:
        doc = self._tokenizer(text)
        doc.user_data[_TEXT_KEY] = text
        if self._normalize is not None:
            norm, offsets = self._normalize(text)
            doc.user_data[_MATCH_KEY] = norm
            if offsets is not None:
                doc.user_data[_OFFSETS_KEY] = offsets
        return doc

    def __getattr__(self, name: str) -> Any:  # to_bytes, explain, rules, ...
        if name.startswith("__") or name in ("_tokenizer", "_normalize"):
            raise AttributeError(name)  # e.g. while unpickling, before _tokenizer is set
        return getattr(self._tokenizer, name)


# --- pattern data ---------------------------------------------------------------------
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
    return phrase_regex(_qualifier_table(lang))


def qualifier_phrases(lang: str) -> list[str]:
    return list(_qualifier_table(lang))


def qualifier_code(phrase: str | None, lang: str) -> str | None:
    """'More  than' -> 'more_than'; None for no phrase."""
    if not phrase:
        return None
    return _qualifier_table(lang)[" ".join(phrase.lower().split())]


# --- scanning ------------------------------------------------------------------------
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


# --- candidate starts ------------------------------------------------------------------
# Most facts can only begin at a handful of words: a qualifier, "from", a currency, a digit.
# A StartFinder finds those word starts in one cheap pass (a trie of lower-case words, where
# re's per-alternative first-character test fails fast), and the full pattern is then tried
# only there with pattern.match. Lookbehinds still see the whole text, so the matches are
# exactly those of pattern.finditer(text) provided every match begins at a found start.
_LETTERS_RE = re.compile(r"[^\W\d_]+")
_LOWER_KEY = "newsfacts.lower"


def _trie(words: list[str]) -> str:
    """Regex alternation of `words` as a trie: 'more|most' -> 'mo(?:re|st)'."""
    heads: dict[str, list[str]] = {}
    for w in sorted(set(words)):
        heads.setdefault(w[0], []).append(w[1:])
    parts = []
    for head, rests in heads.items():
        longer = [r for r in rests if r]
        if not longer:
            parts.append(re.escape(head))
            continue
        optional = "?" if "" in rests else ""
        parts.append(f"{re.escape(head)}(?:{_trie(longer)}){optional}")
    return "|".join(parts)


class StartFinder:
    """Where a fact may begin: a word from `words` (whole letter run, any case), the first
    word of one of `phrases`, a digit run, or one of the characters in `symbols`."""

    def __init__(self, words: Iterable[str] = (), phrases: Iterable[str] = (), *,
                 digits: bool = False, symbols: str = "", inside_words: bool = False) -> None:
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
            alts.append(rf"(?:{_trie(sorted(firsts))})" + ("" if inside_words else r"(?![^\W\d_])"))
        if digits:
            alts.append(r"\d")
        if syms:
            alts.append("[" + "".join(re.escape(c) for c in sorted(syms)) + "]")
        # Led by the non-word character before the start: a leading character class lets re
        # skip ahead in C, where a lookbehind would be tried at every position.
        # `inside_words` also finds words right after a digit ("5km") and words that only begin
        # with one of `words` ("percentage"): for anchors, a fact's unit or sign, not its start.
        body = "(?:" + ("|".join(alts) or "(?!)") + ")"
        self._re = re.compile((r"[\W\d_]" if inside_words else r"\W") + body)
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
                # In the padded text the lead character sits at the start's own offset.
                found = user_data[self._key] = [m.start() for m in self._re.finditer(_padded_lower(doc))]
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


def near(starts: list[int], anchors: list[int], reach: int) -> list[int]:
    """The starts (ascending) with an anchor at most `reach` characters after them."""
    out, j, n = [], 0, len(anchors)
    for pos in starts:
        while j < n and anchors[j] < pos:
            j += 1
        if j < n and anchors[j] <= pos + reach:
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


def sentence_starts(doc: Doc) -> list[int]:
    """Character offsets where the sentencizer's sentences begin, ascending (a list the caller must
    not modify).

    Span.sent walks the whole doc on every call; one vectorised pass is far cheaper. The pipeline's
    sentencizer (_Sentencizer) leaves them in doc.user_data as it sets the boundaries, as no later
    component moves one: the count and ratio extractors, newsfacts_about and _facts read them there.
    """
    cached = doc.user_data.get(_SENTS_KEY)
    if cached is not None and cached[0] == len(doc):
        return cached[1]
    return _sentence_starts(doc)


def _sentence_starts(doc: Doc) -> list[int]:
    if not len(doc):
        return []
    arr = doc.to_array([SENT_START, IDX])
    return arr[numpy.flatnonzero(arr[:, 0] == 1), 1].tolist()


# --- writing and settling spans -------------------------------------------------------
def add_fact(doc: Doc, start: int, end: int, kind: str, fields: dict[str, Any],
             rule_id: str, spans_key: str = SPANS_KEY) -> Span | None:
    """Record a fact over matching_text(doc)[start:end], i.e. doc.text at the same offsets or at the
    characters they came from (widened to token boundaries), found by rule `rule_id` (the span's id),
    in the span group `spans_key`. A kind claims the same words once: a later claim replaces the
    earlier one, fields and rule."""
    user_data: UserData = doc.user_data
    offsets = user_data.get(_OFFSETS_KEY)
    if offsets is not None:
        start, end = offsets[start], offsets[end]
    span = doc.char_span(start, end, label=kind, alignment_mode="expand", span_id=rule_id)
    if span is None:
        logger.debug("no span for %s at %d-%d", kind, start, end)
        return None
    fact = {k: v for k, v in fields.items() if v is not None}
    if (span.start_char, span.end_char) != (start, end):
        # The tokenizer glued neighbouring characters on ("13.5 m." is one token "m."): the fact
        # keeps the characters the rule matched, the span only serves overlap resolution.
        fact["_chars"] = (start, end)
    key = _fact_key(span)
    claimed = key in user_data
    user_data[key] = fact  # span._.fact = fact, without spaCy's Underscore object
    group = doc.spans.get(spans_key)
    if group is None:
        doc.spans[spans_key] = [span]
    elif not (claimed and _replace_claim(group, span)):
        group.append(span)
    return span


def _replace_claim(group: Any, span: Span) -> bool:
    """Put span in the place of the span of its kind over the same characters in the group, if any."""
    same = (span.label, span.start_char, span.end_char)
    for i, old in enumerate(group):
        if (old.label, old.start_char, old.end_char) == same:
            group[i] = span
            return True
    return False


def _may_nest(outer: tuple, inner: tuple) -> bool:
    """Whether gold nests inner in outer: (label, start_char, end_char, ...) rows."""
    return ((outer[0], inner[0]) in NESTABLE and outer[1] <= inner[1] and inner[2] <= outer[2])


def _resolve_rows(rows: list[tuple]) -> list[tuple]:
    """resolve_overlaps over (label, start_char, end_char, span) rows: each span's label and
    offsets read once (every Span.label_ is a string-store lookup, every offset a property)."""
    other = len(KIND_PRIORITY)
    ranked = sorted(rows, key=lambda r: (KIND_PRIORITY.get(r[0], other), r[1] - r[2], r[1]))
    longest = max((r[2] - r[1] for r in ranked), default=0)
    starts: list[int] = []      # start_char of the kept spans, ascending
    kept: list[tuple] = []      # in the same order
    for cand in ranked:
        cand_start, cand_end = cand[1], cand[2]
        hi = bisect.bisect_left(starts, cand_end)                # kept spans starting before cand ends
        lo = bisect.bisect_left(starts, cand_start - longest)    # ... that are long enough to reach it
        clash = any(cand_start < k[2] and not (_may_nest(k, cand) or _may_nest(cand, k))
                    for k in kept[lo:hi])
        if clash:
            logger.debug("dropped %s %r", cand[0], cand[3])
        else:
            starts.insert(hi, cand_start)
            kept.insert(hi, cand)
    kept.sort(key=lambda r: (r[1], r[0]))
    return kept


def resolve_overlaps(spans: Iterable[Span]) -> list[Span]:
    """Keep one claim per stretch of text: higher-priority kind first, then the longer
    span, then the earlier one. Result sorted by (start, kind).

    Kept spans are indexed by start, so each candidate is compared only with the kept spans that
    start less than the longest span's length before it, not with all of them.
    """
    return [r[3] for r in _resolve_rows([(s.label_, s.start_char, s.end_char, s) for s in spans])]


# The settled spans of each doc as newsfacts_resolve left them: doc -> (the span group it set, one
# FactRow per span in the group's order). Kept off doc.user_data (a span group does not serialise),
# weakly, so a doc's entry goes with it.
_SETTLED: "weakref.WeakKeyDictionary[Doc, tuple[Any, list[FactRow]]]" = weakref.WeakKeyDictionary()

# (label, start_char, end_char, span_fields, rule id) of a span: its kind, where it stands, its own
# fields dict (which newsfacts_about edits in place) and the rule that found it (span.id_).
FactRow = tuple[str, int, int, "dict[str, Any] | None", str]


def fact_rows(doc: Doc, spans_key: str = SPANS_KEY) -> list[FactRow]:
    """A FactRow for each span in doc.spans[spans_key], in order: as newsfacts_resolve listed them
    while the group is still the one it set (same object and length), else read off the spans (each
    Span.label_ a string-store lookup, each offset a property). The fields are the dicts the spans
    had then: edited in place since (newsfacts_about does), never replaced (nothing after
    newsfacts_resolve sets span._.fact)."""
    group = doc.spans.get(spans_key)
    if group is None:
        return []
    entry = _SETTLED.get(doc)
    if entry is not None and group is entry[0] and len(group) == len(entry[1]):
        return entry[1]
    return [(s.label_, s.start_char, s.end_char, span_fields(s), s.id_) for s in group]


class OverlapResolver:
    """newsfacts_resolve: settles the spans in doc.spans[spans_key] (resolve_overlaps)."""

    def __init__(self, spans_key: str = SPANS_KEY) -> None:
        self.spans_key = spans_key

    def __call__(self, doc: Doc) -> Doc:
        kept = _resolve_rows([(s.label_, s.start_char, s.end_char, s)
                              for s in doc.spans.get(self.spans_key, [])])
        doc.spans[self.spans_key] = [r[3] for r in kept]
        user_data: UserData = doc.user_data
        _SETTLED[doc] = (doc.spans[self.spans_key],
                         [(label, start, end, user_data.get(("newsfacts.fact", label, start, end)), span.id_)
                          for label, start, end, span in kept])
        return doc


@Language.factory("newsfacts_resolve", assigns=["doc.spans"], requires=["doc.spans"],
                  default_config={"spans_key": SPANS_KEY})
def make_resolver(nlp: Language, name: str, spans_key: str) -> OverlapResolver:
    return OverlapResolver(spans_key)


# --- the pipeline ---------------------------------------------------------------------
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


class _Sentencizer(Sentencizer):
    """spaCy's Sentencizer with its rule applied to the token arrays: its predict builds a Token
    object for every token of the document, which cost about as much as tokenizing.

    Its rule, said without its loop: a sentence begins at the first token, and at each word (a token
    neither punctuation nor one of punct_chars) with one of punct_chars between it and the word
    before (before it at all, for the first word): 'paid." The' begins one at "The"."""

    def predict(self, docs: Iterable[Doc]) -> list[list[bool]]:
        if getattr(self, "_orths_of", None) is not self.punct_chars:  # set anew by from_bytes/disk
            # sorted, and one more at the end so that searchsorted always lands on one
            orths = sorted(get_string_id(c) for c in self.punct_chars)
            self._orths = numpy.array([*orths, orths[-1]], dtype=numpy.uint64)
            self._orths_of = self.punct_chars
        guesses: list[list[bool]] = []
        for doc in docs:
            if not len(doc):
                guesses.append([])
                continue
            attrs = doc.to_array([ORTH, IS_PUNCT])
            # the tokens that are one of punct_chars (numpy.isin is 3x slower)
            ends = self._orths[numpy.searchsorted(self._orths[:-1], attrs[:, 0])] == attrs[:, 0]
            words = numpy.flatnonzero(~(ends | (attrs[:, 1] != 0)))
            ends_so_far = numpy.cumsum(ends)[words]  # at each word, how many punct_chars up to it
            begins = words[ends_so_far > numpy.concatenate(([0], ends_so_far[:-1]))]
            starts = numpy.zeros(len(doc), dtype=bool)
            starts[0] = True
            starts[begins] = True
            guesses.append(starts.tolist())
        return guesses

    def set_annotations(self, docs: Iterable[Doc] | Doc, batch_tag_ids: list[list[bool]]) -> None:
        """spaCy's, then the sentence starts for sentence_starts(), left in doc.user_data (set anew
        whenever this sets boundaries, so never stale within the pipeline)."""
        docs = [docs] if isinstance(docs, Doc) else list(docs)
        super().set_annotations(docs, batch_tag_ids)
        for doc in docs:
            doc.user_data[_SENTS_KEY] = (len(doc), _sentence_starts(doc))


@Language.factory("newsfacts_sentencizer", assigns=["token.is_sent_start", "doc.sents"],
                  default_config={"punct_chars": None})
def make_sentencizer(nlp: Language, name: str, punct_chars: list[str] | None) -> _Sentencizer:
    return _Sentencizer(name, punct_chars=punct_chars)


def blank_pipeline(lang: str) -> Language:
    """The language's tokenizer and the sentencizer, no fact components: what build_nlp(lang)
    runs before its rules (and the floor the benchmarks measure against)."""
    nlp = language_data(lang).blank()
    _drop_whitespace_special_cases(nlp.tokenizer)
    _skip_rules_on_plain(nlp.tokenizer)
    nlp.add_pipe("newsfacts_sentencizer", name="sentencizer",
                 config={"punct_chars": list(Sentencizer.default_punct_chars) + _NEWLINE_TOKENS})
    return nlp


@functools.lru_cache(maxsize=None)
def build_nlp(lang: str = "en") -> Language:
    """The pipeline of one language: its tokenizer, the sentencizer, the fact components it
    registers, and the overlap resolver (one per language and process)."""
    data = language_data(lang)
    data.register_components()
    nlp = blank_pipeline(lang)
    nlp.tokenizer = _TextKeepingTokenizer(nlp.tokenizer, getattr(data, "normalize", None))
    for name in FACT_COMPONENTS:
        if nlp.has_factory(name):
            nlp.add_pipe(name)
    nlp.add_pipe("newsfacts_resolve")
    importlib.import_module("extractors.about")  # registers newsfacts_about
    nlp.add_pipe("newsfacts_about")
    logger.debug("%s pipeline: %s", lang, nlp.pipe_names)
    return nlp
