"""Ranks as sports, business and weather news write them (issue 13): a standing after a copula
("Hanoi FC are second on 30 points", "was third", "remain 13th of the 14 teams"), after keeping
someone there ("keeps him fourth"), after finishing ("the side that finishes second"), the
ordinal before "-placed" or "seed", moving verbs in the base form ("will climb five places to
12th"), a possessive before "top 10" ("the world's top 20"), "outside the top 100", "world number
four", and an ordinal before a weather superlative ("its third warmest year"). Sentences invented."""
import pytest

from conftest import facts_of


def ranks(text):
    return [(f.text, f.value, f.denominator, f.qualifier, f.rule_id) for f in facts_of(text, "rank")]


@pytest.mark.parametrize("text, want", [
    ("Viettel are second on 28 points after a draw with Thanh Hoa.",
     ("second", 2, None, None, "rank.standing")),
    ("Kenya's runner was third, a minute behind.", ("third", 3, None, None, "rank.standing")),
    ("Binh Duong remain 12th of the 14 teams with two wins.",
     ("12th of the 14 teams", 12, 14, None, "rank.standing")),
    ("The province stayed fifth in the index this year.", ("fifth", 5, None, None, "rank.standing")),
    ("His brace keeps him fourth in the scoring chart.", ("fourth", 4, None, None, "rank.standing")),
    ("The club that finishes second in the First Division goes up.",
     ("finishes second", 2, None, None, "rank.cue")),
    ("The 12th-placed side faces a play-off.", ("12th-placed", 12, None, None, "rank.place")),
    ("She beat fourth seed Anna Berg in the final.", ("fourth seed", 4, None, None, "rank.place")),
    ("He will climb four places to 15th on Monday.", ("15th", 15, None, None, "rank.moved_to")),
    ("She will rise to second in the world.", ("second", 2, None, None, "rank.moved_to")),
    ("Three Vietnamese banks are now among the world's top 500.",
     ("among the world's top 500", 500, None, "at_most", "rank.top_n")),
    ("Two years ago she was outside the top 100.",
     ("outside the top 100", 100, None, "more_than", "rank.top_n")),
    ("The coach, a former world number three, joined in May.",
     ("number three", 3, None, None, "rank.number")),
    ("The country had its second warmest year on record.",
     ("second warmest", 2, None, None, "rank.superlative")),
])
def test_news_ranks(text, want):
    assert ranks(text) == [want]


@pytest.mark.parametrize("text", [
    "The festival was first held in 2010.",
    "This is the second time the bridge has closed.",
    "The plan was second to none, officials said.",     # no position in a ranking
    "The third test flight is due in May.",
    "The park was first opened to visitors on Sunday.",
])
def test_not_news_ranks(text):
    assert ranks(text) == []
