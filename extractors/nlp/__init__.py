"""The spaCy pipeline and the plumbing every fact component shares, in every language.

Each fact component scans `doc.text` and records spans in `doc.spans["facts"]` with
`span.label_ = kind`, `span.id_ = the rule that found it` and `span._.fact = {normalised fields...}`.
"newsfacts_resolve" then settles spans that claim the same words. The kinds, their components and
how they settle are declared in extractors/kinds.py.

The modules, each one job (import their names from here):
- text.py: the text the rules see (doc_text, matching_text) and publication_date;
- spans.py: the fact span group (SPANS_KEY), span._.fact and span_fields, add_fact;
- patterns.py: the languages' pattern data (load_patterns), phrase regexes, the qualifiers;
- scan.py: where a pattern may match (anchored_finditer, BoundedAnchor, BehindLed, StartFinder, matches_at, near);
- sentences.py: the sentencizer ("newsfacts_sentencizer") and sentence_starts;
- resolve.py: overlap resolution ("newsfacts_resolve", resolve_overlaps) and fact_rows;
- tokenizer.py: rule_tokenizer and the tokenizer shortcuts;
- pipeline.py: blank_pipeline and build_nlp(lang).
Importing the package registers the span and doc extensions and the two spaCy factories.
"""
from __future__ import annotations

from extractors.nlp.patterns import (find_phrases, load_patterns, phrase_regex, phrase_trie, qualifier_code,
                                     qualifier_phrases, qualifier_regex, word_regex)
from extractors.nlp.pipeline import FACT_COMPONENTS, blank_pipeline, build_nlp
from extractors.nlp.resolve import (KIND_PRIORITY, NESTABLE, FactRow, OverlapResolver, fact_rows, make_resolver,
                                    resolve_overlaps)
from extractors.nlp.scan import (Anchor, BehindLed, BoundedAnchor, StartFinder, anchored_finditer, last_match,
                                 matches_at, near)
from extractors.nlp.sentences import make_sentencizer, sentence_starts
from extractors.nlp.spans import SPANS_KEY, UserData, add_fact, span_fields
from extractors.nlp.text import Normalizer, doc_text, matching_text, publication_date
from extractors.nlp.tokenizer import rule_tokenizer

# Private names the tests and the benchmarks reach for.
from extractors.nlp.scan import _trie as _trie
from extractors.nlp.sentences import _NEWLINE_TOKENS as _NEWLINE_TOKENS
from extractors.nlp.tokenizer import _plain as _plain, _SkippedOnPlain as _SkippedOnPlain

__all__ = [
    "FACT_COMPONENTS", "KIND_PRIORITY", "NESTABLE", "SPANS_KEY",
    "Anchor", "BehindLed", "BoundedAnchor", "FactRow", "Normalizer", "OverlapResolver", "StartFinder", "UserData",
    "add_fact", "anchored_finditer", "blank_pipeline", "build_nlp", "doc_text", "fact_rows", "find_phrases",
    "last_match", "load_patterns", "make_resolver", "make_sentencizer", "matches_at", "matching_text", "near",
    "phrase_regex", "phrase_trie", "publication_date", "qualifier_code", "qualifier_phrases", "qualifier_regex",
    "resolve_overlaps", "rule_tokenizer", "sentence_starts", "span_fields", "word_regex",
]
