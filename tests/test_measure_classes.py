"""What English figures measure, class by class of phrasing (extractors/measure/): verbs of market
reports and the level a change reached, possessives, rates per day or year, spans of time, verbs
that name money, price and worth, headline verbs, scores after a rank, coordinated prices, a topic
before the subject. Invented sentences."""
import datetime
import functools

import pytest

from conftest import measures as conftest_measures

PUB = datetime.date(2025, 3, 14)

measures = functools.partial(conftest_measures, published=PUB)


CLASSES = {
    # market verbs make a percentage its subject's gain or decrease; a modifier is singular
    "market verbs": ("Brent crude added 1.3% on Thursday. The benchmark VN-Index slipped 0.6%, "
                     "while rubber futures eased 2.1%.",
                     {"1.3%": "brent crude gain", "0.6%": "benchmark vn-index decrease",
                      "2.1%": "rubber future decrease"}),
    # a figure after "to" is the level the change reached, its subject as written
    "level after a change": ("Coffee exports jumped 18% to $5.6 billion in the first half. "
                             "Silver climbed 0.8% to $31.20 an ounce.",
                             {"18%": "coffee export growth", "$5.6 billion": "coffee exports", "$31.20 an ounce": "silver"}),
    "shares are a share price": ("Shares of the airline fell 4.2% to VND 21,500 in Ho Chi Minh City.",
                                 {"4.2%": "share price decrease", "VND 21,500": "share price"}),
    # "added" ends no clause, and a count keeps it as its verb
    "added counts": ("The bus operator added 120 electric buses to its fleet this year.",
                     {"120 electric buses": "electric buses added"}),
    "possessive owner": ("The developer's total investment is estimated at $1.2 billion. "
                         "Korea's Kospi index rose 0.7%.",
                         {"$1.2 billion": "total investment", "0.7%": "kospi index gain"}),
    "rates": ("Around 1,200 tourists are welcomed every day at the citadel.",
              {"Around 1,200 tourists": "daily tourists welcomed"}),
    "duration": ("The festival lasted more than five days.", {"more than five days": "festival duration"}),
    # a completed action before the linking verb is what is measured, without its auxiliaries
    "completed action before a linking verb": (
        "In 2024, 20 of the 25 complaints under the commission's remit have been investigated and concluded, "
        "achieving 80%.", {"80%": "remit investigated and concluded"}),
    "verb group before a linking verb": ("The dollar was steady at 25,400 dong. Bond yields have held at 2.9%.",
                                         {"25,400 dong": "dollar", "2.9%": "bond yields"}),
    "money a verb names": ("Market inspectors fined 23 traders a total of VND 410 million. "
                           "The ward spent VND 12 billion on street lighting. "
                           "Foreign tourists spent an average of $95 a day. "
                           "The province earmarked VND 80 billion ($3.2 million) for flood relief.",
                           {"VND 410 million": "market inspector fines",
                            "VND 12 billion": "street lighting spending",
                            "$95": "daily foreign tourist spending",
                            "VND 80 billion": "flood relief allocation",
                            "$3.2 million": "flood relief allocation"}),
    # price, cost and worth; after a count, worth is of what it counts
    "price cost worth": ("Townhouses in the new urban area sell at VND 180 million per m2. "
                         "The new pumping station costs VND 650 billion. "
                         "The bank signed 14 loan agreements worth $210 million.",
                         {"VND 180 million per m2": "townhouse price", "VND 650 billion": "new pumping station cost",
                          "$210 million": "loan agreement value"}),
    "headline and staying verbs": ("Rice exports surge 21% on strong Philippine demand. "
                                   "The jobless rate stayed at 2.3% in the second quarter. "
                                   "Bank shares slump to VND 18,200.",
                                   {"21%": "rice export gain", "2.3%": "jobless rate",
                                    "VND 18,200": "bank share price"}),
    # a score after a rank; "a decrease of" after a figure is the change of what it counts
    "score after a rank": ("In the provincial competitiveness index, the province ranked 5th with 71.3 points. "
                           "The commune received 1,240 petitions, a decrease of 8.2% from last year.",
                           {"ranked 5th": "provincial competitiveness index ranking",
                            "71.3 points": "provincial competitiveness index score",
                            "8.2%": "petition decrease"}),
    # a coordination of plurals priced: each singular, the price plural
    "coordinated prices": ("Shophouses and condotels in the coastal wards sold at VND 90-120 million per m2.",
                           {"VND 90-120 million per m2": "shophouse and condotel prices"}),
    # hectares named by nothing else are land, and what was done with them
    "bare hectares": ("Hanoi has cleared 14.5 ha so far.",
                      {"14.5 ha": "land cleared"}),
    # how long visitors stayed is their length of stay
    "length of stay": ("Last year foreign guests stayed 4.5 days.",
                       {"4.5 days": "foreign guest length of stay"}),
    # a clause that opens with its topic: the topic modifies the subject
    "topic before the subject": ("Occupancy averaged 58%; for budget hostels the rate reached 81%.",
                                 {"81%": "budget hostel rate"}),
}


@pytest.mark.parametrize("name", CLASSES)
def test_each_class_of_phrasing_gets_its_measure(name):
    text, expected = CLASSES[name]
    got = measures(text)
    assert {figure: got.get(figure) for figure in expected} == expected


def test_the_level_of_a_figure_that_is_not_a_change_is_its_own():
    got = measures("The average hospital stay was cut from 9 days to 7 days.")
    assert got["7 days"] == got["9 days"]


def test_a_rate_is_not_read_into_a_comparison_or_a_span():
    got = measures("The new water plant treats about 300,000 cubic metres a day. "
                   "Exports grew 9.1% from a year earlier, and the clinic recorded 40 cases in a week.")
    assert got["about 300,000 cubic metres"].startswith("daily")
    assert not got["9.1%"].startswith("annual")       # a comparison, no rate
    assert not got["40 cases"].startswith("weekly")   # a span, no rate


def test_a_span_of_time_is_a_deadline_a_period_or_a_time_as_the_words_before_it_say():
    got = measures("Investors must pay the deposit within 15 days. "
                   "Retail sales reached their highest level in seven years. "
                   "The metro journey takes 35 minutes.")
    assert got["15 days"].endswith("deadline")
    assert got["seven years"].startswith("period")   # "period of highest level"
    assert not got["35 minutes"].endswith(("deadline", "duration", "period"))


def test_an_adverb_alone_is_no_measure():
    got = measures("Hospital beds in the capital currently cost VND 300,000 a night.")
    assert "currently" not in got["VND 300,000"]
