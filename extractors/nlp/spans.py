"""Facts as spans: the span group every fact component writes (SPANS_KEY), a span's fields
(span._.fact, read fast by span_fields) and add_fact, which records one fact over the matched text.
"""
from __future__ import annotations

import logging
from typing import Any

from spacy.tokens import Doc, Span

from extractors.nlp.text import _OFFSETS_KEY

logger = logging.getLogger(__name__)

SPANS_KEY = "facts"


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


# --- writing spans --------------------------------------------------------------------
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
    span_start, span_end = span.start_char, span.end_char
    if (span_start, span_end) != (start, end):
        # The tokenizer glued neighbouring characters on ("13.5 m." is one token "m."): the fact
        # keeps the characters the rule matched, the span only serves overlap resolution.
        fact["_chars"] = (start, end)
    key = ("newsfacts.fact", kind, span_start, span_end)   # _fact_key(span), its label being kind
    claimed = key in user_data
    user_data[key] = fact  # span._.fact = fact, without spaCy's Underscore object
    row = (kind, span_start, span_end, rule_id)
    rows_key = (_ROWS_KEY, spans_key)
    group = doc.spans.get(spans_key)
    if group is None:
        doc.spans[spans_key] = [span]
        user_data[rows_key] = [row]
        return span
    rows = user_data.get(rows_key)
    if rows is not None and len(rows) != len(group):
        rows = None   # the group was written otherwise too: span_rows reads it off the spans
        del user_data[rows_key]
    at = _claim_index(group, span) if claimed else -1
    if at >= 0:
        group[at] = span
        if rows is not None:
            rows[at] = row
    else:
        group.append(span)
        if rows is not None:
            rows.append(row)
    return span


# (kind, start_char, end_char, rule id) of each span of a group add_fact wrote, in the group's order,
# under (_ROWS_KEY, spans_key): each Span.label_ and Span.id_ is a string-store lookup and each offset
# a property, which newsfacts_resolve would otherwise read off every span again.
_ROWS_KEY = "newsfacts.span_rows"


def span_rows(doc: Doc, spans_key: str = SPANS_KEY) -> list[tuple[str, int, int, Span, str]]:
    """(label, start_char, end_char, span, rule id) of each span in doc.spans[spans_key], in order:
    from add_fact's record while it matches the group's length, else read off the spans."""
    group = doc.spans.get(spans_key)
    if group is None:
        return []
    user_data: UserData = doc.user_data
    rows = user_data.get((_ROWS_KEY, spans_key))
    if rows is not None and len(rows) == len(group):
        return [(k, a, b, span, rule) for (k, a, b, rule), span in zip(rows, group)]
    return [(s.label_, s.start_char, s.end_char, s, s.id_) for s in group]


def _claim_index(group: Any, span: Span) -> int:
    """Where the span of its kind over the same characters stands in the group, -1 if nowhere."""
    same = (span.label, span.start_char, span.end_char)
    for i, old in enumerate(group):
        if (old.label, old.start_char, old.end_char) == same:
            return i
    return -1
