"""The tokenizer shortcuts and the sentencizer of extractors/nlp/ (blank_pipeline) must not change a
single token or sentence: the whitespace special cases dropped make the default token anyway, the
affix rules skipped on plain words and figures (_plain) match nothing there, and the sentencizer
applies spaCy's rule to arrays."""
from __future__ import annotations

import random
import sys

import pytest
from spacy.tokenizer import Tokenizer

from extractors.lang import language_data
from extractors.nlp import _plain, _SkippedOnPlain, build_nlp

RULES = ("prefix_search", "suffix_search", "infix_finditer", "url_match")
EDGE_TEXTS = [
    "No. 5 (Mr. X) 1,206 km. 5km, 30m2; US$5 and C$4; 3.2% of 1/3. The 2023-2025 plan's goals...",
    "Line one\nLine two\n\n  two spaces\tand a tab \n (No.) “Mr. Le” 'Ms.' (Dr.), No..",
    "Hà Nội: 440 lượt/1.306 công dân; TP. Hồ Chí Minh, GS.TS. Nguyễn Văn A, 12/2023, 7/8/2023.",
]


def _original_rules(lang: str) -> dict:
    tokenizer = build_nlp(lang).tokenizer
    rules = {attr: getattr(tokenizer, attr) for attr in RULES}
    return {attr: rule.__self__._method if isinstance(getattr(rule, "__self__", None), _SkippedOnPlain) else rule
            for attr, rule in rules.items()}


def _plain_samples(texts: list[str]) -> list[str]:
    letters = [chr(c) for c in range(sys.maxunicode + 1) if chr(c).isalpha()]
    rng = random.Random(5)
    words = {w for text in texts for chunk in text.split()
             for w in (chunk, chunk.strip(".,;:()\"'“”‘’")) if w and _plain(w)}
    figures = ["US", "C", "A", "s", "S", "km", "kmh", "ha", "0", "2020", "1,206", "11,300", "24.1", "1.920,37",
               "7.8.2023", "1,2,3"]
    mixed = ["".join(rng.choice(letters) for _ in range(rng.randint(2, 6))) for _ in range(20000)]
    return letters + sorted(words) + figures + mixed


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_skipped_rules_match_nothing_on_plain_words_and_figures(lang, corpus_texts):
    rules = _original_rules(lang)
    for s in _plain_samples(EDGE_TEXTS + corpus_texts(lang)):
        assert _plain(s)
        assert rules["prefix_search"](s) is None, s
        assert rules["suffix_search"](s) is None, s
        assert not list(rules["infix_finditer"](s)), s
        # the URL rule may match: it only spares a string the infixes, which find nothing here


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_tokens_are_those_of_the_unchanged_tokenizer(lang, corpus_texts):
    ours = build_nlp(lang).tokenizer
    blank = language_data(lang).blank().tokenizer  # spaCy's rules as the language sets them up
    assert {" ", "\n", "\t"} <= set(blank.rules)
    reference = Tokenizer(blank.vocab, rules=blank.rules, prefix_search=blank.prefix_search,
                          suffix_search=blank.suffix_search, infix_finditer=blank.infix_finditer,
                          token_match=blank.token_match, url_match=blank.url_match)
    for text in EDGE_TEXTS + corpus_texts(lang):
        got = [(t.text, t.idx) for t in ours(text)]
        assert got == [(t.text, t.idx) for t in reference(text)]


def test_tokenizer_still_serialises():
    tokenizer = build_nlp("en").tokenizer
    assert tokenizer.to_bytes()


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_sentences_are_those_of_spacys_sentencizer(lang, corpus_texts):
    from spacy.pipeline import Sentencizer

    nlp = build_nlp(lang)
    ours = nlp.get_pipe("sentencizer")
    reference = Sentencizer(punct_chars=list(ours.punct_chars))
    rng = random.Random(3)
    pieces = ["word", "No.", ".", "!", "?", ",", '"', "(", ")", "\n", "\n\n", "5", "...", "。", "-", "'"]
    texts = EDGE_TEXTS + corpus_texts(lang) + ["", " "] + [
        " ".join(rng.choice(pieces) for _ in range(rng.randint(1, 12))) for _ in range(3000)]
    for text in texts:
        got, want = ours(nlp.make_doc(text)), reference(nlp.make_doc(text))
        assert [t.is_sent_start for t in got] == [t.is_sent_start for t in want], text
