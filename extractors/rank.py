"""rank facts (work in progress)."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.component("newsfacts_rank")
def rank_component(doc: Doc) -> Doc:
    return doc
