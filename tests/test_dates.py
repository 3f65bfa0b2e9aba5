import datetime

import pytest

from conftest import facts_of

PUB = datetime.date(2022, 9, 14)


def dates(text, published=PUB):
    return [(f.text, f.date, f.granularity, f.rule_id) for f in facts_of(text, "date", published)]


@pytest.mark.parametrize("text, want", [
    ("The plan was signed on March 3, 2021 in Hanoi.",
     ("March 3, 2021", "2021-03-03", "day", "date.mdy")),
    ("It opened on November 21st, 2019.", ("November 21st, 2019", "2019-11-21", "day", "date.mdy")),
    ("Crews met on September 2nd to review it.", ("September 2nd", "2022-09-02", "day", "date.md")),
    ("Output peaked in February 2020 at the plant.",
     ("February 2020", "2020-02", "month", "date.month_year")),
    ("In 2021, the ward built two schools.", ("In 2021", "2021", "year", "date.year")),
    ("Sales fell sharply by the end of March 2022.",
     ("the end of March 2022", "2022-03", "month", "date.month_year")),
    ("Work must finish by the end of 2025.", ("the end of 2025", "2025", "year", "date.year")),
    ("(10:45 02/08/2021) The board met.", ("02/08/2021", "2021-08-02", "day", "date.dmy_numeric")),
    ("The count closed on 4 June 2020.", ("4 June 2020", "2020-06-04", "day", "date.dmy")),
    ("Prices rose again in August, traders said.", ("August", "2022-08", "month", "date.month")),
])
def test_date_rules(text, want):
    assert dates(text) == [want]


def test_not_dates():
    assert dates("The meeting began at 14:30 and ended recently.") == []
    assert dates("Under Decree No. 12/2021/ND-CP, fees may rise in the coming time.") == []
    assert dates("The 2021-2025 plan is on track.") == []  # a period, not two dates


def test_month_without_year_looks_back():
    assert dates("Visitors came on December 3.", datetime.date(2023, 2, 1)) == [
        ("December 3", "2022-12-03", "day", "date.md")]


@pytest.mark.parametrize("text, want", [
    ("The fair opened on 15/4 in the old quarter.", ("15/4", "2022-04-15", "day", "date.dm_numeric")),
    ("Fees rise from 1/10 for all wards.", ("1/10", "2022-10-01", "day", "date.dm_numeric")),
    ("The board met on 4th of March, 2021.", ("4th of March, 2021", "2021-03-04", "day", "date.dmy")),
    ("The decision was signed on 12 March.", ("12 March", "2022-03-12", "day", "date.dm")),
])
def test_day_first_dates_without_a_year(text, want):
    assert dates(text) == [want]


def test_a_bare_slashed_pair_is_not_a_date():
    assert dates("The ward met 3/4 of its targets.") == []


@pytest.mark.parametrize("text, want", [
    ("In May, the ward planted 300 trees.", ("May", "2022-05", "month", "date.month")),
    ("Sales in Jan rose sharply.", ("Jan", "2022-01", "month", "date.month")),
    ("The permit dated 02/22/2016 was renewed.", ("02/22/2016", "2016-02-22", "day", "date.dmy_numeric")),
])
def test_cued_bare_months_and_month_first_when_day_first_is_impossible(text, want):
    assert dates(text) == [want]


def test_the_modal_may_is_not_a_month():
    assert dates("Fees may rise if the plan may pass.") == []


def test_candidate_starts_leave_out_words_and_figures_no_date_begins_with():
    from extractors.nlp import build_nlp
    nlp = build_nlp()
    text = "Most of the 1,200 homes were built in 2019, and on 30/4 the 3.5 km road opened on May 5."
    starts = nlp.get_pipe("newsfacts_date").candidate_starts(nlp.make_doc(text))
    begun = [text[s:].split()[0] for s in starts]
    # a cue with a figure after it, a year, a day before "/" and a month stay; "of", "and", "on"
    # before a month name, "1,200", "3.5" and the "5." that ends the text go (the date "May 5"
    # begins at its month)
    assert {"in", "2019,", "on", "30/4", "May"} <= set(begun)
    assert not {"of", "and", "1,200", "3.5", "5."} & set(begun)
    assert begun.count("on") == 1
    assert [f[0] for f in dates(text)] == ["in 2019", "30/4", "May 5"]
