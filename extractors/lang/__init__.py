"""The languages the extractors know, one package each: extractors/lang/<code>/ holds that
language's fact components and their pattern data (patterns/*.json), as spaCy keeps
spacy/lang/<code>/. A language package provides

    blank() -> spacy.Language      the tokenizer its rules are written against
    register_components() -> None  imports its components, which register their factories
                                   (`@English.factory("newsfacts_count")`) under spaCy's
                                   per-language names
    normalize (optional)           the text its rules match, and offsets back (nlp.Normalizer)

Adding a language is adding a package here; nothing else names the languages.
"""
from __future__ import annotations

import functools
import importlib
import pkgutil
from types import ModuleType


class UnsupportedLanguage(ValueError):
    """No package under extractors/lang/ for this language code."""


@functools.lru_cache(maxsize=1)
def available() -> tuple[str, ...]:
    """Language codes with a package here, sorted."""
    return tuple(sorted(m.name for m in pkgutil.iter_modules(__path__) if m.ispkg))


def language_data(lang: str) -> ModuleType:
    if lang not in available():
        raise UnsupportedLanguage(f"no extractors for language {lang!r} (have: {', '.join(available())})")
    return importlib.import_module(f"{__name__}.{lang}")
