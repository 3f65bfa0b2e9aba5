"""The period each figure refers to (FACTS.md `ref_start`/`ref_end`), for extractors/about.py: the date
or period that governs the figure in its sentence, from the dates and periods the extractors found and
the relative time words of each language's patterns/about.json. extractors/about.py's docstring says
which time governs a figure; `ReferencePeriods` is the per-text entry point.
"""
from __future__ import annotations

import bisect
import datetime
import functools
import itertools
import re

from extractors.datenorm import month_bounds, year_bounds
from extractors.kinds import KINDS
from extractors.nlp import BehindLed, load_patterns, phrase_regex, phrase_trie

_TIME_KINDS = tuple(name for name, spec in KINDS.items() if spec.time)
# A phrase begins a word: led by this lookbehind, a pattern would be tried at every character (BehindLed).
_NO_LETTER_BEFORE = r"(?<![^\W\d_])"


class ReferencePeriods:
    """The reference periods of one text's figures: its time expressions found once, then `of` per
    figure, in any order."""

    def __init__(self, lang: str, text: str, low_text: str, labels: list[str], fields_of: list[dict],
                 chars: list[tuple[int, int]], figure_chars: list[tuple[int, int]],
                 published: datetime.date | None) -> None:
        self._cues = cues = _cues(lang)
        times, events, reports = _time_expressions(cues, text, labels, fields_of, chars, published)
        if cues.relative_times is not None:
            times = _with_relative_times(cues, text, low_text, times, published)
        self._references = _References(cues, text, low_text, times, figure_chars, published, events, reports)

    def _lasted(self, start: int) -> bool:
        """Whether the duration at `start` is how long something lasted in the clause's time ("From
        August 2023 to May 2024, the Secretary received citizens for 10 days"), not a span of its own
        ("the highest in five years"): "for" right before it."""
        before = self._references.text[max(0, start - 12):start].lower().split()
        return bool(before) and before[-1] in self._cues.lasted_before

    def of(self, start: int, end: int, sent_start: int, sent_end: int, label: str,
           unit: str | None) -> tuple[str | None, str | None] | None:
        """(ref_start, ref_end) of the figure at text[start:end] in its sentence, or None."""
        duration = label == "quantity" and unit in self._cues.duration_units \
            and not self._lasted(start)
        return self._references.of(start, end, sent_start, sent_end, duration)


class _Cues:
    """One language's cue words for reference periods (patterns/about.json)."""

    def __init__(self, lang: str) -> None:
        d = load_patterns("about", lang)
        flags = re.IGNORECASE
        self.baseline = _suffixes(d["baseline_before"])
        self.end_only = _suffixes(d["end_only_before"])
        self.meeting = _suffixes(d.get("meeting_before", []))
        self.duration_units = frozenset(d.get("duration_units", []))
        self.lasted_before = frozenset(d.get("duration_lasted_before", []))
        self.open_start = frozenset(d.get("open_start_before", []))
        self.before = frozenset(d.get("before_words", []))
        past = d.get("past_span", {})
        # (these three, searched over the lowered text, are led by their phrases: _NO_LETTER_BEFORE)
        self.past_span = (BehindLed(_NO_LETTER_BEFORE, rf"(?:{phrase_regex([p.lower() for p in past['before']])})"
                                    rf"\s+(?:[\w.,-]+\s+)?(?:{phrase_regex(past['units'])})(?![^\W\d_])")
                          if past else None)
        self.report = _suffixes(d.get("report_before", []))
        status = d.get("status_before", [])
        self.status = re.compile(rf"(?<![^\W\d_])(?:{phrase_regex(status) if status else '(?!)'})(?![^\W\d_])", flags)
        self.event = _suffixes(d.get("event_before", []))
        self.time_of_day = frozenset(d.get("time_of_day", []))
        self.to_date = re.compile(rf"(?<![^\W\d_])(?:{phrase_regex(d['to_date'])})(?![^\W\d_])", flags)
        # the same over the lowered text, case-sensitive (3-4x faster), for a text without _CASE_TRAPS
        to_date_low = phrase_regex([p.lower() for p in d["to_date"]])
        to_date_low_core = rf"(?:{to_date_low})(?![^\W\d_])"
        # whether a lowered text holds one at all: no word bounds (no lookbehind, so the search skips
        # in C to the letters the phrases start with: ~2x faster), none at the end (a match in a
        # sentence, which ends the search there, is one here too)
        self.to_date_anywhere = re.compile(rf"(?:{to_date_low})")
        # a cue inside a longer word of the language ("thực hiện" is not "hiện"): the words around it
        not_after = "".join(rf"(?<!{re.escape(w)} )" for w in d.get("to_date_not_after", []))
        not_before = "".join(rf"(?!\s+{re.escape(w)}(?![^\W\d_]))" for w in d.get("to_date_not_before", []))
        if not_after or not_before:
            self.to_date = re.compile(rf"{not_after}{self.to_date.pattern}{not_before}", flags)
            to_date_low_core += not_before
        self.to_date_low = BehindLed(not_after + _NO_LETTER_BEFORE, to_date_low_core)
        self.after_figure = re.compile(rf"(?<![^\W\d_])(?:{phrase_regex(d['after_figure_cues'])})\s*$", flags)
        self.after_figure_text = re.compile(rf"(?:{phrase_regex(d['after_figure_cues'])})\s", flags)
        # relative time words (A11): a year counted from the publication year, or an anaphor
        # standing for the nearest time before it of that span
        self.year_offsets = {" ".join(p.lower().split()): n for p, n in d.get("relative_years", {}).items()}
        self.anaphors = {" ".join(p.lower().split()): k for p, k in d.get("anaphoric_times", {}).items()}
        relative = [*self.year_offsets, *self.anaphors]
        self.relative_times = (BehindLed(_NO_LETTER_BEFORE, rf"(?:{phrase_trie(relative)})(?![^\W\d_])")
                               if relative else None)
        links = phrase_regex(d.get("figure_links", [])) if d.get("figure_links") else "(?!)"
        self.figure_link = re.compile(rf"\s*[,()]?\s*(?:{links}\s+)?\(?\s*", flags)
        joiners = d.get("clause_joiners", [])
        self.clause_joiner = re.compile(phrase_regex(joiners) if joiners else "(?!)", flags)
        self.relative = re.compile(rf"(?<![^\W\d_])(?:{phrase_regex(d['relative_clause'])})(?![^\W\d_])", flags)


def _suffixes(phrases: list[str]) -> tuple[frozenset[str], int, frozenset[str]]:
    """Phrases looked up as the last words before a date (a set lookup per length: a regex anchored
    at the end is tried at every position), with the set of their last words (most dates have none
    of them before them, and one lookup says so)."""
    table = frozenset(" ".join(p.lower().split()) for p in phrases)
    return table, max((len(p.split()) for p in table), default=0), frozenset(p.split()[-1] for p in table)


# Letters IGNORECASE matches to a lower-case letter that lowered() does not turn into it (İ -> i,
# ı ~ i, ſ ~ s): in a text holding one, a lowered pattern may miss what the IGNORECASE one finds.
_CASE_TRAPS = ("İ", "ı", "ſ")

_LAST_WORDS_RE = re.compile(r"[^\W\d_][\w'’.-]*")


def _last_words(before: str) -> list[str]:
    """The lower-case words that end `before`; none when punctuation or a figure ends it."""
    words = _LAST_WORDS_RE.findall(before[-60:])
    if not words or not before.rstrip().endswith(words[-1]):
        return []   # punctuation or a figure stands right before the date
    return [w.lower() for w in words[-6:]]


def _leads_sentence(text: str, start: int, word: str) -> bool:
    """Whether `word`, the last word before text[start:], opens its sentence or line."""
    k = start
    while k > 0 and text[k - 1].isspace() and text[k - 1] != "\n":
        k -= 1
    k -= len(word)
    if k < 0 or text[k:k + len(word)].lower() != word:
        return False
    while k > 0 and text[k - 1] in " \t":
        k -= 1
    return k == 0 or text[k - 1] in ".!?\n(\"“"


def _without(words: list[str], trailing: frozenset[str]) -> list[str]:
    """`words` without the time-of-day words that end them ("giao ban sáng" -> "giao ban")."""
    n = len(words)
    while n > 1 and words[n - 1] in trailing:
        n -= 1
    return words[:n]


def _ends_with(words: list[str], suffixes: tuple[frozenset[str], int, frozenset[str]]) -> bool:
    table, longest, last_words = suffixes
    if words[-1] not in last_words:
        return False
    return any(" ".join(words[-n:]) in table for n in range(1, min(longest, len(words)) + 1))


@functools.cache
def _cues(lang: str) -> _Cues:
    return _Cues(lang)


def _bounds(label: str, f: dict) -> tuple[str | None, str | None] | None:
    """The days a date or period fact covers."""
    if label == "period":
        return f.get("period_start"), f.get("period_end")
    date, gran = f.get("date"), f.get("granularity")
    if not date:
        return None
    if gran == "year":
        return year_bounds(int(date[:4]))
    if gran == "month":
        return month_bounds(int(date[:4]), int(date[5:7]))
    return date, date


class _References:
    """The reference periods of one text's figures: its dates and periods that may govern one
    (_time_expressions), ascending, then a few bisects per figure."""

    def __init__(self, cues: _Cues, text: str, low: str, times: list[tuple[int, int, tuple, bool]],
                 figures: list[tuple[int, int]], published: datetime.date | None,
                 events: set[int], reports: list[tuple[int, str]]) -> None:
        self.cues, self.text, self.low, self.published = cues, text, low, published
        self.times = times
        self.starts = [t[0] for t in times]
        self.figures = figures   # (start, end) of the text's figures, ascending
        self.events = events     # starts of the times that date an event of the thing (_time_expressions)
        self.reports = reports   # (start, day) of the days a report is dated ("said on June 27")
        self.report_starts = frozenset(at for at, _ in self.reports)
        # relative years are adverbs by themselves: they follow a figure without a cue ("will renovate
        # 6 complexes this year")
        self.adverbs = frozenset(t[0] for t in times if " ".join(low[t[0]:t[1]].split()) in cues.year_offsets)
        self.figure_starts = [a for a, _ in figures]
        self._to_date: dict[tuple[int, int], int] = {}   # sentence -> where "to date" stands (-1: nowhere)
        self._past_spans: dict[tuple[int, int], list[int]] = {}   # sentence -> where "the past N years" stand
        self._to_date_in: str | None = None              # "": none in the text, "low" or "text": search it

    def of(self, start: int, end: int, sent_start: int, sent_end: int,
           duration: bool) -> tuple[str | None, str | None] | None:
        """The (ref_start, ref_end) of the figure at text[start:end] in the sentence
        text[sent_start:sent_end], or None. A `duration` ("the highest in five years", "within 90
        days") is a length of time, not a figure of the clause's period: only a time right after it
        gives it one, where the language's news writes so (patterns/about.json "duration_units")."""
        # the times starting in the sentence: times[lo:hi] (none in most sentences)
        lo = bisect.bisect_left(self.starts, sent_start)
        hi = bisect.bisect_left(self.starts, sent_end, lo)
        chosen = None
        if lo < hi:
            # a time right after the figure is its own ("compared with 7 in 2023", "up from 6.3% in the
            # April-June quarter", "... and 500,000 passengers by 2040"): it beats the clause's
            after, chain_end = self._after(end, sent_end, hi)
            if after is not None and _CLOSE_GAP.fullmatch(self.text, chain_end, after[0]):
                chosen = after
            elif duration:
                chosen = after
            else:
                chosen = self._before(start, sent_start, sent_end, lo, hi) or after
        if chosen is not None:
            (ref_start, ref_end), end_only = chosen[2], chosen[3]
            return (None, ref_end) if end_only else (ref_start, ref_end)
        if self.reports and self.cues.status.search(self.text, sent_start, start):
            # a status the sentence reports on a day ("now has 2,450 ha ..., the division said on
            # August 27"): the figure holds up to that day (A10); a flow ("received 1,032 people")
            # takes nothing from it
            for at, day in self.reports:
                if end <= at < sent_end:
                    return None, day
        if self.published is not None:
            cue = self._to_date_at(sent_start, sent_end)
            if 0 <= cue < start or self._past_span_after(end, sent_start, sent_end):
                return None, self.published.isoformat()
        return None

    def _past_span_after(self, end: int, sent_start: int, sent_end: int) -> bool:
        """Whether "over the past two years" ("trong 5 tháng qua") follows the figure in its clause,
        no other figure between: a span ending on the publication day (N13). Found once per sentence."""
        if self.cues.past_span is None:
            return False
        key = (sent_start, sent_end)
        found = self._past_spans.get(key)
        if found is None:
            spans = self.cues.past_span.finditer(self.low, sent_start, sent_end)
            found = self._past_spans[key] = [m.start() for m in spans]
        for at in found:
            if at >= end:
                k = bisect.bisect_right(self.figure_starts, end)
                return not (k < len(self.figure_starts) and self.figure_starts[k] < at) and ";" not in self.text[end:at]
        return False

    def _before(self, start: int, sent_start: int, sent_end: int, lo: int, hi: int):
        """The nearest time expression before the figure in its sentence (times[lo:hi]). (The nearest
        in its clause when the clause has one: times ascend, so the last one before the figure is in
        its clause whenever any is.) A time inside a clause governs no figure after a new clause
        (", and ...", ", while ..."); one leading the sentence governs them all."""
        times, text = self.times, self.text
        # only those starting at or before the figure can end before it
        for i in range(bisect.bisect_right(self.starts, start, lo, hi) - 1, lo - 1, -1):
            t = times[i]
            if t[1] <= start and t[1] <= sent_end:
                if t[0] in self.events:
                    continue
                if (self.cues.clause_joiner.search(text, t[1], start)
                        and not _LEADING.fullmatch(text, sent_start, t[0])):
                    continue
                return t
        return None

    def _after(self, end: int, sent_end: int, hi: int):
        """The first time expression after the figure in its sentence (before times[hi]) when it
        governs the figure ("3 million tourists in 2023"): cued, and no other figure (but those
        chained to it), relative clause or ";" between; with the end of the figure's chain."""
        times, text, cues = self.times, self.text, self.cues
        t = None
        for i in range(bisect.bisect_left(self.starts, end, 0, hi), hi):
            if times[i][1] <= sent_end:
                t = times[i]
                break
        if t is None:
            return None, end
        # figures chained to this one ("rose 14.1% to $402.7 billion over the year", "40 communes and
        # five districts by 2025") share its time: the gap that counts starts after the last of them
        k = bisect.bisect_right(self.figure_starts, end)
        while k < len(self.figures) and self.figures[k][0] < t[0] and cues.figure_link.fullmatch(
                text, end, self.figures[k][0]):
            end = max(end, self.figures[k][1])
            k += 1
        gap = text[end:t[0]]
        other = k < len(self.figure_starts) and self.figure_starts[k] < t[0]
        cued = (cues.after_figure.search(gap) or cues.after_figure_text.match(text, t[0])
                or t[0] in self.adverbs)
        if (t[0] in self.events and "," in gap) or t[0] in self.report_starts:
            return None, end
        if cued and not (other or cues.relative.search(gap) or ";" in gap):
            return t, end
        return None, end

    def _to_date_at(self, sent_start: int, sent_end: int) -> int:
        """Where "to date" ("đến nay") stands in the sentence, -1 when nowhere: once per sentence."""
        cues = self.cues
        if self._to_date_in is None:
            if any(c in self.text for c in _CASE_TRAPS):
                self._to_date_in = "text"
            else:
                self._to_date_in = "low" if cues.to_date_anywhere.search(self.low) else ""
        if not self._to_date_in:
            return -1
        key = (sent_start, sent_end)
        at = self._to_date.get(key)
        if at is None:
            if self._to_date_in == "low":
                cue = cues.to_date_low.search(self.low, sent_start, sent_end)
            else:
                cue = cues.to_date.search(self.text, sent_start, sent_end)
            at = self._to_date[key] = cue.start() if cue else -1
        return at


def _time_expressions(cues: _Cues, text: str, labels: list[str], fields_of: list[dict],
                      chars: list[tuple[int, int]], published: datetime.date | None
                      ) -> tuple[list[tuple[int, int, tuple, bool]], set[int], list[tuple[int, str]]]:
    """(start, end, (ref_start, ref_end), end_only) of the dates and periods that may govern a
    figure, ascending: not a document's issue date, not a comparison baseline, not the day of a
    meeting; with the starts of those that date an event of the thing itself ("built in 1976",
    "dự kiến khởi công vào tháng 6"), which govern only a figure right before them, and the
    (start, day) of the days a report is dated ("the department said on June 27")."""
    inside_document = _Containment([c for label, c in zip(labels, chars) if label == "document"])
    out: list[tuple[int, int, tuple, bool]] = []
    events: set[int] = set()
    reports: list[tuple[int, str]] = []
    for label, f, (start, end) in zip(labels, fields_of, chars):
        if label not in _TIME_KINDS:
            continue
        if inside_document(start, end) or _dateline(text, start, end):
            continue
        words = _last_words(text[max(0, start - 40):start])
        # "From May 15, district leaders held 154 dialogues": a start leading its sentence opens a
        # period up to the publication day (A9), where "up 5% from 2023" is a baseline
        opens = bool(words) and words[-1] in cues.open_start and _leads_sentence(text, start, words[-1])
        if words and not opens and _ends_with(words, cues.baseline):
            continue
        if words and _ends_with(_without(words, cues.time_of_day), cues.meeting):
            continue   # the day of the meeting or interview a figure is reported at (A3, A10)
        bounds = _bounds(label, f)
        if bounds is None or not bounds[0] or not bounds[1]:
            continue
        b: tuple[str, str] = (bounds[0], bounds[1])
        if opens and published is not None and label == "date" and b[0] <= published.isoformat():
            b = (b[0], published.isoformat())
        end_only = bool(words) and _ends_with(words, cues.end_only)
        if end_only and words[-1] in cues.before and label == "date" and b[0] != b[1]:
            # "trước tháng 6/2020", "before 2025": up to the day before that month or year
            b = (b[0], (datetime.date.fromisoformat(b[0]) - datetime.timedelta(days=1)).isoformat())
        if words and _ends_with(words, cues.event):
            events.add(start)
        if words and _ends_with(words, cues.report) and b[0] == b[1]:
            reports.append((start, b[1]))
        out.append((start, end, b, end_only))
    out.sort()
    return out, events, reports

def _with_relative_times(cues: _Cues, text: str, low: str, times: list[tuple[int, int, tuple, bool]],
                         published: datetime.date | None) -> list[tuple[int, int, tuple, bool]]:
    """`times` with the relative time words that may govern a figure (A11): "this year", "last
    year" from the publication year; "during the period", "in the quarter", "on the same day"
    as the nearest date or period before them that spans such a time (the text's own period,
    often its headline's)."""
    found: list[tuple[int, int, tuple, bool]] = []
    if cues.relative_times is None:
        return times
    for m in cues.relative_times.finditer(low):
        if _DIGIT_AFTER.match(low, m.end()):
            continue   # "the year 2024": the date itself is a time expression
        words = _last_words(text[max(0, m.start() - 40):m.start()])
        if words and _ends_with(words, cues.baseline):
            continue   # "the same period last year", "than last year"
        phrase = " ".join(m.group().split())
        bounds: tuple | None
        if phrase in cues.year_offsets:
            if published is None:
                continue
            bounds = year_bounds(published.year + cues.year_offsets[phrase])
        else:
            bounds = _antecedent(times, found, m.start(), cues.anaphors[phrase])
            if bounds is None:
                continue
        found.append((m.start(), m.end(), bounds, bool(words) and _ends_with(words, cues.end_only)))
    return sorted(times + found) if found else times


_DIGIT_AFTER = re.compile(r"\s*\d")


def _span_kind(bounds: tuple) -> str:
    """What a time spans: "day", "week", "month", "quarter", "year" or "" (another length)."""
    a, b = datetime.date.fromisoformat(bounds[0]), datetime.date.fromisoformat(bounds[1])
    days = (b - a).days + 1
    if days == 1:
        return "day"
    if days <= 10:
        return "week"
    if a.day == 1 and 28 <= days <= 31:
        return "month"
    if a.day == 1 and 89 <= days <= 92:
        return "quarter"
    if (a.month, a.day, b.month, b.day) == (1, 1, 12, 31) and a.year == b.year:
        return "year"
    return ""


def _antecedent(times: list, found: list, before: int, kind: str) -> tuple | None:
    """The bounds of the nearest time before `before` (in `times` or the relative ones `found`)
    that spans a `kind` ("period": any span longer than a day)."""
    best = None
    for t in itertools.chain(times, found):
        if t[1] > before or (best is not None and t[0] < best[0]):
            continue
        k = _span_kind(t[2])
        if k == kind or (kind == "period" and k != "day"):
            best = t
    return best[2] if best is not None else None


# What may stand before a time that leads its sentence ("In", "During the first", "Từ").
_LEADING = re.compile(r"\W*(?:[^\W\d_][\w'’-]*\s+){0,3}")

# What may stand between a figure and a time that is its own: a few words, no punctuation.
_CLOSE_GAP = re.compile(r"\s*(?:[^\W\d_][\w'’-]*\s+){0,5}")

# A wire dateline ("TOKYO, October 17 - ", "DA NANG, Vietnam, September 28 - ") dates the report, not
# the figures of its first sentence (they take the clause's own time, or none).
_DATELINE_AFTER = re.compile(r"\s*[-–—]\s")
_DATELINE_BEFORE = re.compile(r"[A-Z][A-Z .'’-]*[A-Z],(?:\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)*,)?\s*")


def _dateline(text: str, start: int, end: int) -> bool:
    if not _DATELINE_AFTER.match(text, end):
        return False
    line_start = text.rfind("\n", 0, start) + 1
    return start - line_start < 60 and _DATELINE_BEFORE.fullmatch(text, line_start, start) is not None


class _Containment:
    """Whether text[start:end] lies inside one of these ranges: a bisect on their starts and the
    largest end among the ranges starting at or before each, instead of a test of every range."""

    def __init__(self, ranges: list[tuple[int, int]]) -> None:
        ranges = sorted(ranges)
        self.starts = [a for a, _ in ranges]
        self.reach = list(itertools.accumulate((b for _, b in ranges), max))

    def __call__(self, start: int, end: int) -> bool:
        k = bisect.bisect_right(self.starts, start)
        return k > 0 and self.reach[k - 1] >= end
