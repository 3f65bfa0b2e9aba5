"""Sentences: the pipeline's sentencizer ("newsfacts_sentencizer", spaCy's rule run over the token
arrays, ending sentences at line breaks as well) and sentence_starts, the character offsets where
its sentences begin, which it leaves in doc.user_data.
"""
from __future__ import annotations

from typing import Iterable

import numpy
from spacy.attrs import IDX, IS_PUNCT, ORTH, SENT_START
from spacy.language import Language
from spacy.pipeline import Sentencizer
from spacy.strings import get_string_id
from spacy.tokens import Doc

_SENTS_KEY = "newsfacts.sentence_starts"   # (len(doc), sentence_starts) as the sentencizer left them

# Scraped text has headlines and captions on lines of their own without a full stop;
# ending sentences at line breaks keeps them out of the next sentence.
_NEWLINE_TOKENS = ["\n", "\n\n", "\n\n\n", " \n", "\n ", "\n \n", "\r\n", "\r\n\r\n"]


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
