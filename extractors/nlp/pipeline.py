"""Building the pipeline of a language: blank_pipeline (its tokenizer and the sentencizer) and
build_nlp (that, then the fact components the language registers, the overlap resolver and
newsfacts_about), one per language and process.
"""
from __future__ import annotations

import functools
import importlib
import logging

from spacy.language import Language
from spacy.pipeline import Sentencizer

import extractors.nlp.resolve  # noqa: F401  (registers newsfacts_resolve, which build_nlp adds by name)
from extractors.kinds import KINDS
from extractors.lang import language_data
from extractors.nlp.sentences import _NEWLINE_TOKENS
from extractors.nlp.text import _TextKeepingTokenizer
from extractors.nlp.tokenizer import _drop_whitespace_special_cases, _skip_rules_on_plain

logger = logging.getLogger(__name__)

# Fact components in pipeline order (each finds its kind on its own, so any order gives the same
# facts). Each language registers its own implementation of the ones it supports
# (`@English.factory("newsfacts_count")` in extractors/lang/en/count.py), as spaCy keeps a factory
# per language; build_nlp adds those the language has.
FACT_COMPONENTS: tuple[str, ...] = tuple(spec.component for spec in KINDS.values())


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
