import pytest

from conftest import facts_of, one_fact


def counts(text):
    return facts_of(text, "count")


def one(text):
    return one_fact(text, "count")


@pytest.mark.parametrize("text, span, value, unit, rule", [
    ("The commission warned 23 Party members last month.", "23 Party members", 23,
     "Party members", "count.noun"),
    ("The ward trained 1,420 cadres and civil servants.", "1,420 cadres and civil servants",
     1420, "cadres and civil servants", "count.noun"),
    ("It set up four working groups.", "four working groups", 4, "working groups",
     "count.word_number"),
    ("Forty-one letters were anonymous.", "Forty-one letters", 41, "letters",
     "count.word_number"),
    ("The city welcomed 18.7 million visitors.", "18.7 million visitors", 18_700_000,
     "visitors", "count.noun"),
    ("The plan adds one million homes.", "one million homes", 1_000_000, "homes",
     "count.word_number"),
    ("Police fined 236 drivers for violations.", "236 drivers", 236, "drivers", "count.noun"),
    ("It will open 12 more clinics next year.", "12 more clinics", 12, "clinics", "count.noun"),
    ("Crews moved 80 pieces of machinery.", "80 pieces of machinery", 80,
     "pieces of machinery", "count.noun"),
    ("Officers handled 3,100 violations and collected fines.", "3,100 violations", 3100,
     "violations", "count.noun"),
])
def test_single_counts(text, span, value, unit, rule):
    f = one(text)
    assert (f.text, f.value, f.unit, f.rule_id) == (span, value, unit, rule)


@pytest.mark.parametrize("text, span, qualifier", [
    ("The notice reached over 9,200 cadres and Party members.",
     "over 9,200 cadres and Party members", "more_than"),
    ("About 640 households signed up.", "About 640 households", "approx"),
    ("Some 310 firms joined.", "Some 310 firms", "approx"),
    ("At least 2,000 shops must comply.", "At least 2,000 shops", "at_least"),
    ("Buildings have no more than six floors.", "no more than six floors", "at_most"),
])
def test_qualifiers(text, span, qualifier):
    f = one(text)
    assert (f.text, f.qualifier) == (span, qualifier)


def test_ranges():
    f = one("Each team handles from 4 to 6 tasks a week.")
    assert (f.text, f.value, f.value_max, f.unit, f.rule_id) == (
        "from 4 to 6 tasks", 4, 6, "tasks", "count.range")
    f = one("The clinic sees 180-220 patients a day.")
    assert (f.text, f.value, f.value_max) == ("180-220 patients", 180, 220)


def test_bare_numbers_inherit_the_unit():
    facts = counts("The district held 52 dialogue meetings, including 7 at the district "
                   "level and 45 at the commune level.")
    assert [(f.text, f.value, f.unit, f.rule_id) for f in facts] == [
        ("52 dialogue meetings", 52, "dialogue meetings", "count.noun"),
        ("7", 7, "dialogue meetings", "count.list_inherit"),
        ("45", 45, "dialogue meetings", "count.list_inherit")]


def test_enumeration_chain_and_next_sentence():
    facts = counts("The board disciplined 24 Party members and one Party cell. "
                   "Of those disciplined, 15 were reprimanded, seven were warned and two "
                   "were expelled.")
    assert [(f.text, f.unit) for f in facts] == [
        ("24 Party members", "Party members"), ("one Party cell", "Party cell"),
        ("15", "Party members"), ("seven", "Party members"), ("two", "Party members")]


def test_bare_one_takes_the_singular():
    facts = counts("The city will hold three trade fairs, including one in Osaka.")
    assert [(f.text, f.unit) for f in facts] == [("three trade fairs", "trade fairs"),
                                                ("one", "trade fair")]


@pytest.mark.parametrize("text", [
    "Ring Road 4 will open soon.",
    "Metro Line 3 carries commuters.",
    "Students in grade 10 sat the exam.",
    "In 2024 the city grew.",
    "The meeting opened at 14:30 on Monday.",
    "The ceremony is on August 15 at the square.",
    "Call 1900 1234 or 024.3825.3536 for help.",
    "Sales were 3.2 times higher.",
    "It is one of the key tasks.",
    "The hotel has five stars and a pool.",
    "Directive No. 24-CT/TU was issued.",
    "The district moved up four places in the index.",
    "Several hundred people and dozens of firms joined.",
    "COVID-19 cases fell.",
    "Building 5 houses the office.",
])
def test_not_counts(text):
    assert counts(text) == []


def test_other_kinds_win():
    text = "The city sold 14,000 m2 for VND 5 billion to 12/15 firms, ranked 3rd and grew 6%."
    assert counts(text) == []


def test_listed_heads_join_the_unit():
    f = one("Its 412 communes, wards and townships must report.")
    assert (f.text, f.unit) == ("412 communes, wards and townships",
                                "communes, wards and townships")
    facts = counts("It warned 3 Party members, reprimands for 9 Party members.")
    assert [f.text for f in facts] == ["3 Party members", "9 Party members"]


def test_age_apposition_is_no_count():
    facts = counts("The board has 9 members. Ms. Lan, 48, chairs it.")
    assert [f.text for f in facts] == ["9 members"]


# --- real-news counts (issue 13) ---------------------------------------------------------
@pytest.mark.parametrize("text, expected", [
    # a falling pair: two counts, the unit from the second figure or from "the number of"
    ("The firm cut the number of its branches from 40 to 32 branches.",
     [("40", 40, "branches"), ("32 branches", 32, "branches")]),
    ("The number of wards will fall from 126 to 51, the plan says.",
     [("126", 126, "wards"), ("51", 51, "wards")]),
    ("The insurer reduced its staff from 2,400 to 1,900 employees.",
     [("2,400", 2400, "employees"), ("1,900 employees", 1900, "employees")]),
    # "N of them" counts what the count before it counts
    ("About 900 nurses joined the strike, 350 of them from private clinics.",
     [("About 900 nurses", 900, "nurses"), ("350", 350, "nurses")]),
    # a qualifier after a place name is no part of a name
    ("In Hue more than 1,500 houses lost their roofs.", [("more than 1,500 houses", 1500, "houses")]),
    # what a crowd counts
    ("A crowd of about 41,000 watched the final.", [("about 41,000", 41000, "spectators")]),
    ("The floods left a death toll of 21.", [("21", 21, "deaths")]),
    # a second verb's bare object counts what the first one did
    ("The ward repaired 18 roads and widened about 12.", [("18 roads", 18, "roads"), ("about 12", 12, "roads")]),
    ("The board approved 9 projects and rejected 4, officials said.",
     [("9 projects", 9, "projects"), ("4", 4, "projects")]),
])
def test_news_counts(text, expected):
    assert [(f.text, f.value, f.unit) for f in counts(text)] == expected


@pytest.mark.parametrize("text", [
    "She will climb five places to 12th in the rankings.",
    "The club slipped two places to ninth.",
    "Prices fell from 30 to 25 dollars.",
])
def test_news_near_misses_are_no_counts(text):
    assert counts(text) == []
