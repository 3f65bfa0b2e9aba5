"""Fact extraction from English news text: the public API.

    from extractors import extract_facts
    facts = extract_facts(text, published=date(2024, 7, 31))

Each Fact carries the FACTS.md fields plus provenance: the rule that fired and the
sentence it stands in. `fact.text == text[fact.start:fact.end]` always holds.
"""
from __future__ import annotations

import bisect
import datetime
import logging
from itertools import islice
from typing import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc, Span

from extractors.facts import Fact
from extractors.nlp import SPANS_KEY, build_nlp, doc_text, sentence_starts

logger = logging.getLogger(__name__)

# Bump whenever the facts produced for the same text change.
EXTRACTOR_VERSION = "0.2.4"
SUPPORTED_LANGUAGES = ("en",)

__all__ = ["EXTRACTOR_VERSION", "SUPPORTED_LANGUAGES", "Fact", "extract_facts", "extract_many"]


def _span_to_fact(span: Span, text: str, sent_start: int, sent_end: int) -> Fact:
    fields = dict(span._.fact or {})
    rule_id = fields.pop("rule_id", "")
    start, end = fields.pop("_chars", (span.start_char, span.end_char))
    raw = text[sent_start:sent_end]
    # Sentences run up to the next one, so they carry the whitespace between them.
    lead = len(raw) - len(raw.lstrip())
    return Fact(kind=span.label_, text=text[start:end], start=start, end=end,
                rule_id=rule_id, sentence=raw.strip(), sentence_start=sent_start + lead,
                **fields)


def _facts(doc: Doc) -> list[Fact]:
    spans = doc.spans.get(SPANS_KEY, [])
    if not spans:
        return []
    text = doc_text(doc)
    starts = sentence_starts(doc)
    bounds = starts[1:] + [len(text)]
    facts = []
    for span in spans:
        i = bisect.bisect_right(starts, span.start_char) - 1
        facts.append(_span_to_fact(span, text, starts[i], bounds[i]))
    facts.sort(key=lambda f: (f.start, f.kind))
    return facts


# spaCy's vocabulary keeps a lexeme for every new token string, and news figures make many
# ("11,300", "VND124.3"): a backfill's memory would grow with the corpus. The pipeline is built
# afresh after this many documents, which drops the vocabulary (the facts do not depend on it).
RENEW_AFTER_DOCS = 2000
_docs_since_build = 0


def _nlp() -> Language:
    global _docs_since_build
    if _docs_since_build >= RENEW_AFTER_DOCS:
        build_nlp.cache_clear()
        _docs_since_build = 0
    return build_nlp()


def _make_doc(nlp: Language, text: str, published: datetime.date | None) -> Doc:
    global _docs_since_build
    _docs_since_build += 1
    doc = nlp.make_doc(text)
    doc._.published = published
    return doc


def extract_facts(text: str, published: datetime.date | None = None) -> list[Fact]:
    """All facts in one article's plain text, sorted by (start, kind)."""
    nlp = _nlp()
    return _facts(nlp(_make_doc(nlp, text, published)))


def extract_many(docs: Iterable[tuple[str, datetime.date | None]],
                 batch_size: int = 32) -> Iterator[list[Fact]]:
    """extract_facts over many (text, published) pairs, streamed through nlp.pipe in chunks of
    RENEW_AFTER_DOCS; yields one list per input, in input order."""
    it = iter(docs)
    while chunk := list(islice(it, RENEW_AFTER_DOCS)):
        nlp = _nlp()
        made = (_make_doc(nlp, text, published) for text, published in chunk)
        for doc in nlp.pipe(made, batch_size=batch_size):
            yield _facts(doc)
