import pytest

from conftest import facts_of, one_fact
from extractors import extract_facts
from extractors.lang.en.nounphrase import noun_phrase_after


def ratios(text):
    return facts_of(text, "ratio")


def one(text):
    return one_fact(text, "ratio")


@pytest.mark.parametrize("text, span, num, den, unit, rule", [
    ("The ward settled 41/47 complaints last month.", "41/47 complaints", 41, 47, "complaints",
     "ratio.slash"),
    ("All 260/260 households signed up.", "260/260 households", 260, 260, "households",
     "ratio.slash"),
    ("Officials answered 612/608 letters, a clerical slip.", "612/608 letters", 612, 608,
     "letters", "ratio.slash"),
    ("So far 1,204/1,350 applications were approved.", "1,204/1,350 applications", 1204, 1350,
     "applications", "ratio.slash"),
    ("Inspectors found that 9 out of 11 Party cells had lapsed.", "9 out of 11 Party cells",
     9, 11, "Party cells", "ratio.out_of"),
    ("They resolved 27 out of 30 disputes within a week.", "27 out of 30 disputes", 27, 30,
     "disputes", "ratio.out_of"),
    ("Turnout was 7,412 out of 8,090.", "7,412 out of 8,090", 7412, 8090, None, "ratio.out_of"),
    ("Two out of three residents agreed.", "Two out of three residents", 2, 3, "residents",
     "ratio.out_of"),
    ("Some 214 of the province's 227 villages have clean water.",
     "214 of the province's 227 villages", 214, 227, "villages", "ratio.of_the"),
    ("Now 45 of the 52 schools are online.", "45 of the 52 schools", 45, 52, "schools",
     "ratio.of_the"),
])
def test_ratio_rules(text, span, num, den, unit, rule):
    f = one(text)
    assert (f.text, f.numerator, f.denominator, f.unit, f.rule_id) == (span, num, den, unit, rule)


def test_offsets_exact():
    text = "Teams finished 18/25 projects."
    f = one(text)
    assert (f.start, f.end, f.text) == (15, 29, "18/25 projects")


def test_bare_ratio_inherits_unit_in_sentence():
    text = ("In total 96/96 petitions were handled, of which 60/60 came from the town "
            "and 36/36 from the villages. Later 12/14 were closed.")
    facts = ratios(text)
    assert [(f.text, f.unit) for f in facts] == [
        ("96/96 petitions", "petitions"), ("60/60", "petitions"), ("36/36", "petitions"),
        ("12/14", None),  # a new sentence does not inherit
    ]


@pytest.mark.parametrize("text, unit", [
    ("They briefed 610/650 teachers and parents in the district.", "teachers and parents"),
    ("It checked 14/15 water and sanitation inspectors at the site.",
     "water and sanitation inspectors"),
    ("Only 3 out of 8 Party members whose cases were heard appealed.", "Party members"),
    ("It completed 80/95 tasks and 15 tasks are pending.", "tasks"),
    ("The unit trained 30/32 outstanding young officers.", "outstanding young officers"),
    ("The team visited 17/20 households, all of them poor.", "households"),
])
def test_unit_noun_phrase(text, unit):
    assert one(text).unit == unit


@pytest.mark.parametrize("text", [
    "The hearing is set for 15/04/2024 in the capital.",
    "Targets for Q1/2025 were met.",
    "Under Decision 1234/QD-UBND the fee applies.",
    "Directive No. 24-CT/TU was issued.",
    "Directive No. 03/CT-UBND was issued.",
    "The district ranked 1st/30 districts, towns.",
    "The district ranked 4/30 on the index.",
    "The hotline runs 24/7 for residents.",
    "Land sells for 65 million VND/m2 here.",
    "The festival opens on 30/4 this year.",
    "The law took effect in 7/2024 nationwide.",
    "See Decree 15/2020 for details.",
    "The clinic is at Lane 12/34 on the main road.",
    "He met 30 visitors/33 people with 34 cases.",
    "The office opens at 07:30 daily.",
    "Dong Van is one of the 30 districts with a museum.",
    "Article 5 of the 2013 Constitution applies.",
])
def test_not_a_ratio(text):
    assert ratios(text) == []


def test_noun_phrase_helper():
    text = "approved 40 land and housing files by Friday"
    np = noun_phrase_after(text, text.index("40") + 2)
    assert np is not None
    assert (np.text, text[np.start:np.end]) == ("land and housing files", "land and housing files")
    assert noun_phrase_after("only 40 were late", 7) is None
    assert noun_phrase_after("40 people\nNext line", 2).text == "people"


@pytest.mark.parametrize("text", [
    "Enrolment for the 2023/2024 school year opened.",
    "Read it at https://news.example.vn/2024/07/123/456 today.",
])
def test_not_a_ratio_more(text):
    assert ratios(text) == []


def test_out_of_every():
    f = one("One out of every four voters stayed home.")
    assert (f.numerator, f.denominator, f.unit) == (1, 4, "voters")


@pytest.mark.parametrize("text, span, unit", [
    ("The board received 48 complaints and has settled 45/48, with three pending.", "45/48", "complaints"),
    ("Of the 2,310 household records, 2,104/2,310 were digitised.", "2,104/2,310", "household records"),
    ("The plan reached 14/17 communes, townships by June.", "14/17 communes, townships",
     "communes, townships"),
])
def test_a_bare_ratio_takes_the_unit_of_its_whole(text, span, unit):
    (fact,) = [f for f in extract_facts(text) if f.kind == "ratio"]
    assert (fact.text, fact.unit) == (span, unit)


def test_no_unit_when_the_whole_was_not_counted():
    (fact,) = [f for f in extract_facts("In spring the ward finished 12/15.") if f.kind == "ratio"]
    assert fact.unit is None
