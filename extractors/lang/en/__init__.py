"""English: spaCy's English tokenizer with the abbreviations that end no sentence, and one fact
component per kind (count.py, money.py, ...), each reading its lexicon from patterns/."""
from __future__ import annotations

import importlib

import spacy
from spacy.attrs import ORTH
from spacy.language import Language

# What a language package provides (extractors/lang/__init__.py).
__all__ = ["COMPONENT_MODULES", "blank", "register_components"]

COMPONENT_MODULES = ("percentage", "ratio", "money", "rank", "quantity", "count", "dates", "period",
                     "document", "official")


def blank() -> Language:
    from extractors.nlp import load_patterns, rule_tokenizer

    nlp = spacy.blank("en")
    tokenizer = rule_tokenizer(nlp)
    # "No." before a number is an abbreviation, not a sentence end ("Directive No. 24-CT/TU").
    for abbreviation in load_patterns("abbreviations", "en")["no_sentence_end"]:
        tokenizer.add_special_case(abbreviation, [{ORTH: abbreviation}])
    return nlp


def register_components() -> None:
    for module in COMPONENT_MODULES:
        importlib.import_module(f"{__name__}.{module}")
