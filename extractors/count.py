"""count facts (work in progress)."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.component("newsfacts_count")
def count_component(doc: Doc) -> Doc:
    return doc
