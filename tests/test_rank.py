import pytest

from extractors import extract_facts


def ranks(text):
    facts = [f for f in extract_facts(text) if f.kind == "rank"]
    for f in facts:
        assert text[f.start:f.end] == f.text
    return facts


def one(text):
    facts = ranks(text)
    assert len(facts) == 1, facts
    return facts[0]


@pytest.mark.parametrize("text, span, value, den, unit, rule", [
    ("The ward ranked 4th/30 districts, towns in the index.", "ranked 4th/30 districts, towns",
     4, 30, "districts, towns", "rank.ordinal_of"),
    ("The city ranked 7th out of 63 provinces and cities.",
     "ranked 7th out of 63 provinces and cities", 7, 63, "provinces and cities",
     "rank.ordinal_of"),
    ("It is ranking 3rd among 17 rural districts this year.",
     "ranking 3rd among 17 rural districts", 3, 17, "rural districts", "rank.ordinal_of"),
    ("The province ranked 2nd.", "ranked 2nd", 2, None, None, "rank.cue"),
    ("Hanoi ranked first in the survey.", "ranked first", 1, None, None, "rank.cue"),
    ("The school ranks 11th nationwide.", "ranks 11th", 11, None, None, "rank.cue"),
    ("The team came fourth in the contest.", "came fourth", 4, None, None, "rank.cue"),
    ("Both aim to rank first by 2030.", "rank first", 1, None, None, "rank.cue"),
    ("It finished in 12th place.", "12th place", 12, None, None, "rank.place"),
])
def test_ranks(text, span, value, den, unit, rule):
    f = one(text)
    assert (f.text, f.value, f.denominator, f.unit, f.rule_id) == (span, value, den, unit, rule)


def test_continued_ranking():
    facts = ranks("Ba Dinh ranked first, while Tay Ho and Long Bien ranked fourth and fifth.")
    assert [(f.text, f.value) for f in facts] == [
        ("ranked first", 1), ("ranked fourth", 4), ("fifth", 5)]


def test_previous_rank():
    facts = ranks("The district ranked 6th/30 districts, towns in 2023, up from 19th in 2021.")
    assert [(f.text, f.value) for f in facts] == [("ranked 6th/30 districts, towns", 6),
                                                   ("19th", 19)]


@pytest.mark.parametrize("text", [
    "The 5th session of the council opened.",
    "It is the first phase of the project.",
    "He won for the third year in a row.",
    "The 21st century brought change.",
])
def test_not_ranks(text):
    assert ranks(text) == []
