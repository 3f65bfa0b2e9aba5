"""The document's text as the fact rules see it: doc.text kept as the tokenizer was given it (doc_text),
the copy the rules match when a language normalises it (matching_text, with the offsets back into
doc.text), and the article's publication date (doc._.published, publication_date).
"""
from __future__ import annotations

import datetime
from typing import Any, Callable

from spacy.tokens import Doc

_TEXT_KEY = "newsfacts.text"
_MATCH_KEY = "newsfacts.matching_text"
_OFFSETS_KEY = "newsfacts.matching_offsets"

if not Doc.has_extension("published"):
    # The article's publication date, for components that resolve relative dates.
    Doc.set_extension("published", default=None)


def publication_date(doc: Doc) -> datetime.date | None:
    """doc._.published, typed (spaCy's extension attributes are not)."""
    return doc._.published


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
