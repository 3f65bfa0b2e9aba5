"""Vietnamese: a rule tokenizer over syllables (not spaCy's default pyvi word segmentation, see
below), matching on a normalised copy of the text (normalize.py), and one fact component per kind
reading its lexicon from patterns/.

Why not pyvi: `spacy.blank("vi")` segments words with pyvi, which splits "24-CT/TU" and "7/8/2023"
apart, needs a package outside the base install and was 3x slower here (bench/RESULTS.md); the
rules match characters and only need token boundaries at spaces and punctuation, which spaCy's
rule-based tokenizer gives. spaCy's Vietnamese `like_num` takes "năm" (year/five), "ba" and "tư"
for numbers; no rule here uses it.
"""
from __future__ import annotations

import importlib

import spacy
from spacy.attrs import ORTH
from spacy.language import Language
from spacy.util import compile_infix_regex

from extractors.lang.vi.normalize import normalize

# What a language package provides (extractors/lang/__init__.py); normalize is this one's normaliser,
# which build_nlp applies to the text the rules match.
__all__ = ["COMPONENT_MODULES", "blank", "normalize", "register_components"]

COMPONENT_MODULES = ("percentage", "ratio", "money", "rank", "quantity", "count", "dates", "period",
                     "document", "official")


def blank() -> Language:
    from extractors.nlp import load_patterns, rule_tokenizer

    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"@tokenizers": "spacy.Tokenizer.v1"}}})
    tokenizer = rule_tokenizer(nlp)
    # "440 lượt/1.306 công dân" is two counts: a slash between a word and a figure splits tokens
    # (spaCy's own infixes split it only before a letter).
    infixes = [*(nlp.Defaults.infixes or ()), r"(?<=[^\W\d_])/(?=\d)", r"(?<=[%\d])/(?=[^\W\d_])"]
    tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    # "TP." (thành phố), "GS.TS." and the like end no sentence.
    for abbreviation in load_patterns("abbreviations", "vi")["no_sentence_end"]:
        tokenizer.add_special_case(abbreviation, [{ORTH: abbreviation}])
    return nlp


def register_components() -> None:
    for module in COMPONENT_MODULES:
        importlib.import_module(f"{__name__}.{module}")
