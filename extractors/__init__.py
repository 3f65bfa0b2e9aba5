"""Fact extraction from news text, in each language under extractors/lang/: the public API.

    from extractors import extract_facts
    facts = extract_facts(text, published=date(2024, 7, 31))             # English
    facts = extract_facts(text, published=date(2024, 7, 31), lang="vi")  # Vietnamese

Each Fact carries the FACTS.md fields plus provenance: the rule that fired and the
sentence it stands in. `fact.text == text[fact.start:fact.end]` always holds.
"""
from __future__ import annotations

import bisect
import datetime
import logging
from itertools import groupby, islice
from typing import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from extractors.facts import Fact
from extractors.lang import UnsupportedLanguage, available
from extractors.nlp import build_nlp, doc_text, fact_rows, sentence_starts

logger = logging.getLogger(__name__)

# Bump whenever the facts produced for the same text change.
EXTRACTOR_VERSION = "0.8.0"
SUPPORTED_LANGUAGES: tuple[str, ...] = available()

__all__ = ["EXTRACTOR_VERSION", "SUPPORTED_LANGUAGES", "Fact", "UnsupportedLanguage", "extract_facts",
           "extract_many"]


def _row_to_fact(label: str, start_char: int, end_char: int, fields: dict | None, rule_id: str, text: str,
                 sentence: tuple[str, int]) -> Fact:
    fields = dict(fields or {})
    start, end = fields.pop("_chars", (start_char, end_char))
    return Fact(kind=label, text=text[start:end], start=start, end=end,
                rule_id=rule_id, sentence=sentence[0], sentence_start=sentence[1], **fields)


def _facts(doc: Doc) -> list[Fact]:
    rows = fact_rows(doc)
    if not rows:
        return []
    text = doc_text(doc)
    starts = sentence_starts(doc)
    bounds = starts[1:] + [len(text)]
    sentences: dict[int, tuple[str, int]] = {}  # sentence index -> (its text, where it starts)
    facts = []
    for label, start_char, end_char, fields, rule_id in rows:
        i = bisect.bisect_right(starts, start_char) - 1
        sentence = sentences.get(i)
        if sentence is None:
            raw = text[starts[i]:bounds[i]]
            # Sentences run up to the next one, so they carry the whitespace between them.
            lead = len(raw) - len(raw.lstrip())
            sentence = sentences[i] = (raw.strip(), starts[i] + lead)
        facts.append(_row_to_fact(label, start_char, end_char, fields, rule_id, text, sentence))
    facts.sort(key=lambda f: (f.start, f.kind))
    return facts


# spaCy's vocabulary keeps a lexeme for every new token string, and news figures make many
# ("11,300", "VND124.3"): a backfill's memory would grow with the corpus. The pipeline is built
# afresh after this many documents, which drops the vocabulary (the facts do not depend on it).
RENEW_AFTER_DOCS = 2000
_docs_since_build = 0


def _nlp(lang: str) -> Language:
    global _docs_since_build
    if _docs_since_build >= RENEW_AFTER_DOCS:
        build_nlp.cache_clear()
        _docs_since_build = 0
    return build_nlp(lang)


def _make_doc(nlp: Language, text: str, published: datetime.date | None) -> Doc:
    global _docs_since_build
    _docs_since_build += 1
    doc = nlp.make_doc(text)
    doc._.published = published
    return doc


def extract_facts(text: str, published: datetime.date | None = None, lang: str = "en") -> list[Fact]:
    """All facts in one article's plain text, sorted by (start, kind). `lang` is an ISO 639-1
    code from SUPPORTED_LANGUAGES (else UnsupportedLanguage)."""
    nlp = _nlp(lang)
    if len(text) > nlp.max_length:
        return _long_facts(nlp, text, published)
    return _facts(nlp(_make_doc(nlp, text, published)))


def _pieces(text: str, limit: int) -> Iterator[tuple[int, str]]:
    """(offset, piece) of a text longer than spaCy takes in one doc (E088), cut after the last line
    break (else space) that keeps a piece within `limit`: facts never span a paragraph."""
    at = 0
    while len(text) - at > limit:
        cut = text.rfind("\n", at, at + limit)
        if cut <= at:
            cut = text.rfind(" ", at, at + limit)
        cut = cut + 1 if cut > at else at + limit
        yield at, text[at:cut]
        at = cut
    yield at, text[at:]


def _long_facts(nlp: Language, text: str, published: datetime.date | None) -> list[Fact]:
    """Facts of a text past nlp.max_length, piece by piece, offsets into the whole text."""
    logger.info("a text of %d characters is extracted in pieces of at most %d", len(text), nlp.max_length)
    facts = []
    for offset, piece in _pieces(text, nlp.max_length):
        for fact in _facts(nlp(_make_doc(nlp, piece, published))):
            fact.start += offset
            fact.end += offset
            fact.sentence_start += offset
            facts.append(fact)
    return facts


Item = tuple[str, "datetime.date | None"] | tuple[str, "datetime.date | None", str]


def extract_many(docs: Iterable[Item], batch_size: int = 32, lang: str = "en") -> Iterator[list[Fact]]:
    """extract_facts over many (text, published) or (text, published, lang) items, the third
    element overriding `lang` per document; streamed through each language's nlp.pipe in chunks
    of at most RENEW_AFTER_DOCS. Yields one list per input, in input order."""
    it = iter(docs)
    while chunk := list(islice(it, RENEW_AFTER_DOCS)):
        # runs of one language keep their order and go through that language's pipeline
        for doc_lang, run in groupby(chunk, key=lambda item: item[2] if len(item) > 2 else lang):
            nlp = _nlp(doc_lang)
            # a text too long for one spaCy doc goes alone, in pieces, between the runs of the others
            for too_long, items in groupby(run, key=lambda item: len(item[0]) > nlp.max_length):
                if too_long:
                    for item in items:
                        yield _long_facts(nlp, item[0], item[1])
                    continue
                made = (_make_doc(nlp, item[0], item[1]) for item in items)
                for doc in nlp.pipe(made, batch_size=batch_size):
                    yield _facts(doc)
