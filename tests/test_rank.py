import pytest

from conftest import facts_of, one_fact
from extractors import extract_facts


def ranks(text):
    return facts_of(text, "rank")


def one(text):
    return one_fact(text, "rank")


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
    ("It finished in 12th place.", "finished in 12th place", 12, None, None, "rank.cue"),
    ("It was in 12th place.", "12th place", 12, None, None, "rank.place"),
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


# --- ranks as English-language news writes them (issue 13) -------------------------------
@pytest.mark.parametrize("text, span, value, den, rule", [
    ("The relay team came in second at the games.", "came in second", 2, None, "rank.cue"),
    ("Bac Ninh finished in first place in the index.", "finished in first place", 1, None, "rank.cue"),
    ("Long An finished third among the southern provinces.", "finished third", 3, None, "rank.cue"),
    ("Lang Son ranked fifth out of 63 provinces.", "ranked fifth out of 63 provinces", 5, 63,
     "rank.ordinal_of"),
    ("Hai Duong topped the ranking for a third year.", "topped the ranking", 1, None, "rank.topped"),
    ("Can Tho led the regional PCI table.", "led the regional PCI table", 1, None, "rank.topped"),
    ("The hospital ranked top in patient satisfaction.", "ranked top", 1, None, "rank.topped"),
    ("Vinh Phuc ranked No. 1 in FDI attraction.", "ranked No. 1", 1, None, "rank.number"),
    ("Japan is Vietnam's No. 2 export market.", "No. 2", 2, None, "rank.number"),
    ("It has become the number one choice of young buyers.", "number one", 1, None, "rank.number"),
    ("Vietnam is the world's second-largest coffee exporter.", "second-largest", 2, None,
     "rank.superlative"),
    ("It was the third most visited museum in the capital.", "third most visited", 3, None,
     "rank.superlative"),
])
def test_news_ranks(text, span, value, den, rule):
    f = one(text)
    assert (f.text, f.value, f.denominator, f.qualifier, f.rule_id) == (span, value, den, None, rule)


@pytest.mark.parametrize("text, span, value, unit", [
    # "among the top 10": a position no lower than 10th -> value 10, qualifier at_most
    ("Quy Nhon is among the top 10 cities for clean air.", "among the top 10 cities", 10, "cities"),
    ("The school ranked in the top five nationwide.", "ranked in the top five", 5, None),
    ("Sa Pa remained one of the top 3 destinations.", "one of the top 3 destinations", 3,
     "destinations"),
])
def test_top_n_is_at_most(text, span, value, unit):
    f = one(text)
    assert (f.text, f.value, f.qualifier, f.unit, f.rule_id) == (span, value, "at_most", unit,
                                                                 "rank.top_n")


def test_places_moved_are_no_rank_the_rank_reached_is():
    facts = ranks("The province climbed seven places to 14th in the 2023 index.")
    assert [(f.text, f.value, f.rule_id) for f in facts] == [("14th", 14, "rank.moved_to")]


def test_from_and_to():
    facts = ranks("Dong Nai rose from 22nd to 9th, and later moved up to 6th place.")
    assert [(f.text, f.value, f.rule_id) for f in facts] == [
        ("22nd", 22, "rank.from"), ("9th", 9, "rank.moved_to"), ("6th place", 6, "rank.moved_to")]


def test_top_n_takes_the_count_in():
    # "10 provinces" belongs to the rank, not a count of its own
    facts = extract_facts("Ha Nam is among the top 10 provinces for growth.")
    assert [(f.kind, f.text) for f in facts] == [("rank", "among the top 10 provinces")]


@pytest.mark.parametrize("text", [
    "The second phase of the ring road starts in May.",
    "It is the largest market in the region.",             # a superlative without an ordinal
    "The city published a top 10 list of attractions.",    # no ranked subject
    "The top 10 enterprises were honoured on Friday.",
    "Students in the top 10 percent get a grant.",         # a share
    "The project moved to the second phase.",              # not a ranking
    "The team climbed to the 5th floor.",
    "Binh Thuan dropped two places compared with 2022.",  # a change of rank only
    "He lives at No. 1 Trang Tien street.",                # a house number
    "Hanoi led the country in the index on reform.",       # not one ranking's name
])
def test_not_news_ranks(text):
    assert ranks(text) == []


def test_candidate_starts_keep_only_the_figures_that_are_ordinals():
    from extractors.nlp import build_nlp
    nlp = build_nlp()
    text = "It ranked 2nd of 63 provinces, up from 21st; 1,200 voters and the 3RD ward."
    starts = nlp.get_pipe("newsfacts_rank").candidate_starts(nlp.make_doc(text))
    figures = [text[s:].split()[0] for s in starts if text[s].isdigit()]
    assert figures == ["2nd", "21st;", "3RD"]
    assert [(f.text, f.value) for f in ranks(text)][:2] == [("ranked 2nd of 63 provinces", 2), ("21st", 21)]
