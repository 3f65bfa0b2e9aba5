"""Measures of figures that say how something moved (extractors/measure/): the verbs of market
reports ("added", "slipped", "eased"), the level a change reached ("rose 2% to ..."), and share
prices."""
import datetime

from extractors import extract_facts

PUB = datetime.date(2025, 3, 14)


def measures(text):
    """Each figure's measure, in lower case (a name that begins a sentence is lowered with it)."""
    return {f.text: (f.measure or "").lower() for f in extract_facts(text, PUB) if f.kind in
            ("count", "percentage", "ratio", "rank", "money", "quantity")}


def test_market_verbs_make_a_percentage_the_change_of_their_subject():
    got = measures("Brent crude added 1.3% on Thursday. The benchmark VN-Index slipped 0.6%, "
                   "while rubber futures eased 2.1%.")
    assert got["1.3%"] == "brent crude gain"
    assert got["0.6%"] == "benchmark vn-index decrease"
    assert got["2.1%"] == "rubber future decrease"     # a modifier is singular


def test_a_figure_after_to_is_the_level_the_change_reached():
    got = measures("Coffee exports jumped 18% to $5.6 billion in the first half. "
                   "Silver climbed 0.8% to $31.20 an ounce.")
    assert got["18%"] == "coffee export growth"
    assert got["$5.6 billion"] == "coffee exports"      # as written, no word of change
    assert got["$31.20"] == "silver"


def test_the_level_of_a_figure_that_is_not_a_change_is_its_own():
    got = measures("The average hospital stay was cut from 9 days to 7 days.")
    assert got["7 days"] == got["9 days"]


def test_shares_that_move_are_a_share_price():
    got = measures("Shares of the airline fell 4.2% to VND 21,500 in Ho Chi Minh City.")
    assert got["4.2%"] == "share price decrease"
    assert got["VND 21,500"] == "share price"


def test_added_ends_no_clause_and_a_count_keeps_its_verb():
    got = measures("The bus operator added 120 electric buses to its fleet this year.")
    assert got["120 electric buses"] == "electric buses added"


def test_a_possessive_that_begins_a_measure_is_whose_it_is_not_what():
    got = measures("The developer's total investment is estimated at $1.2 billion. "
                   "Korea's Kospi index rose 0.7%.")
    assert got["$1.2 billion"] == "total investment"
    assert got["0.7%"] == "kospi index growth"


def test_a_figure_per_day_month_or_year_measures_the_daily_monthly_or_annual_amount():
    got = measures("The new water plant treats about 300,000 cubic metres a day. "
                   "Around 1,200 tourists are welcomed every day at the citadel. "
                   "Exports grew 9.1% from a year earlier, and the clinic recorded 40 cases in a week.")
    assert got["about 300,000 cubic metres"].startswith("daily")
    assert got["Around 1,200 tourists"] == "daily tourists welcomed"     # "every day" said once
    assert not got["9.1%"].startswith("annual")                          # a comparison, no rate
    assert not got["40 cases"].startswith("weekly")                      # a span, no rate


def test_a_span_of_time_is_a_deadline_a_duration_or_a_period_as_the_words_before_it_say():
    got = measures("The festival lasted more than five days. "
                   "Investors must pay the deposit within 15 days. "
                   "Retail sales reached their highest level in seven years. "
                   "The metro journey takes 35 minutes.")
    assert got["more than five days"] == "festival duration"
    assert got["15 days"].endswith("deadline")
    assert got["seven years"].endswith("period")
    assert not got["35 minutes"].endswith(("deadline", "duration", "period"))


def test_the_subject_of_a_linking_verb_ends_at_a_verb_group_before_it():
    got = measures("The dollar was steady at 25,400 dong. Bond yields have held at 2.9%.")
    assert got["25,400 dong"] == "dollar"
    assert got["2.9%"] == "bond yields"


def test_money_a_verb_names_measures_what_the_verb_names():
    got = measures("Market inspectors fined 23 traders a total of VND 410 million. "
                   "The ward spent VND 12 billion on street lighting. "
                   "Foreign tourists spent an average of $95 a day. "
                   "The province earmarked VND 80 billion ($3.2 million) for flood relief.")
    assert got["VND 410 million"] == "market inspector fines"
    assert got["VND 12 billion"] == "street lighting spending"
    assert got["$95"] == "daily foreign tourist spending"
    assert got["VND 80 billion"] == got["$3.2 million"] == "flood relief allocation"


def test_verbs_of_price_cost_and_worth_say_what_the_money_is_of_its_subject():
    got = measures("Townhouses in the new urban area sell at VND 180 million per m2. "
                   "The new pumping station costs VND 650 billion. "
                   "The bank signed 14 loan agreements worth $210 million.")
    assert got["VND 180 million per m2"] == "townhouse price"
    assert got["VND 650 billion"] == "new pumping station cost"
    assert got["$210 million"] == "loan agreement value"     # what the count before counts


def test_an_adverb_alone_is_no_measure():
    got = measures("Hospital beds in the capital currently cost VND 300,000 a night.")
    assert "currently" not in got["VND 300,000"]


def test_headline_verbs_and_verbs_of_staying_link_a_figure_to_its_subject():
    got = measures("Rice exports surge 21% on strong Philippine demand. "
                   "The jobless rate stayed at 2.3% in the second quarter. "
                   "Bank shares slump to VND 18,200.")
    assert got["21%"] == "rice export gain"
    assert got["2.3%"] == "jobless rate"
    assert got["VND 18,200"] == "bank share price"


def test_a_figure_with_a_rank_is_the_score_of_what_is_ranked():
    got = measures("In the provincial competitiveness index, the province ranked 5th with 71.3 points. "
                   "The commune received 1,240 petitions, a decrease of 8.2% from last year.")
    assert got["ranked 5th"] == "provincial competitiveness index ranking"
    assert got["71.3 points"] == "provincial competitiveness index score"
    assert got["8.2%"] == "petition decrease"        # the change of what the figure before counts
