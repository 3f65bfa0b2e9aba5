"""Issue 13: English figures as real news writes them — ranges, units, signs and changes, numbers
that are no facts, written numbers and durations (percentage, quantity, count and ratio
components). Sentences invented for these tests."""
import pytest

from conftest import facts_of, one_fact
from extractors import extract_facts
from extractors.nlp import SPANS_KEY, build_nlp, span_fields


def of_kind(text, kind):
    return facts_of(text, kind)


def one(text, kind):
    return one_fact(text, kind)


def row(f):
    return (f.text, f.value, f.value_max, f.unit, f.rule_id)


# --- ranges: one fact, value = low end, value_max = high end ----------------------------------
@pytest.mark.parametrize("text, kind, span, lo, hi, unit, rule", [
    ("Analysts expect wages to rise 5% to 8% next year.", "percentage", "5% to 8%", 5, 8, None,
     "percentage.range"),
    ("Bus fares could go up 3 to 4 percent in July.", "percentage", "3 to 4 percent", 3, 4, None,
     "percentage.range"),
    ("About 30-40 percent of shops stayed shut.", "percentage", "About 30-40 percent", 30, 40, None,
     "percentage.range"),
    ("The new depot sits between 40 and 45 km from the port.", "quantity", "between 40 and 45 km",
     40, 45, "km", "quantity.range"),
    ("Trucks wait between 6 hours and 9 hours at the gate.", "quantity",
     "between 6 hours and 9 hours", 6, 9, "hours", "quantity.range"),
    ("Permits now take from 20 to 30 days.", "quantity", "from 20 to 30 days", 20, 30, "days",
     "quantity.range"),
    ("The mill grinds 3 to 5 million tonnes a year.", "quantity", "3 to 5 million tonnes",
     3_000_000, 5_000_000, "tons", "quantity.range"),
    ("Organisers said four to six thousand people marched.", "count",
     "four to six thousand people", 4000, 6000, "people", "count.range"),
    ("Each clinic hires 12 to 15 nurses.", "count", "12 to 15 nurses", 12, 15, "nurses",
     "count.range"),
    ("The fund backs from 500,000 to 2 million farmers.", "count",
     "from 500,000 to 2 million farmers", 500_000, 2_000_000, "farmers", "count.range"),
])
def test_ranges(text, kind, span, lo, hi, unit, rule):
    assert row(one(text, kind)) == (span, lo, hi, unit, rule)


@pytest.mark.parametrize("text, expected", [
    # "from X% to Y%" reports a change: two figures
    ("Turnout went from 61% to 68% in four years.", [("61%", 61), ("68%", 68)]),
    # after a verb of change, a second figure far above the first is the level reached
    ("Core inflation rose 0.3% to 4.1% in May.", [("0.3%", 0.3), ("4.1%", 4.1)]),
    # falling is no range
    ("The jobless rate dropped from 9 to 4 percent.", [("9", 9), ("4 percent", 4)]),
])
def test_changes_are_two_percentages(text, expected):
    assert [(f.text, f.value) for f in of_kind(text, "percentage")] == expected
    assert all(f.value_max is None for f in of_kind(text, "percentage"))


def test_change_of_quantity_stays_two_facts():
    facts = of_kind("The queue shrank from 40 minutes to 15 minutes.", "quantity")
    assert [(f.text, f.value) for f in facts] == [("40 minutes", 40), ("15 minutes", 15)]


@pytest.mark.parametrize("text", [
    "Between 2019 and 2023 the port grew.",          # years
    "The score was 3 to 1 after extra time.",        # falling, and no unit
    "In 2019 to 2021 the plan stalled.",
])
def test_range_near_misses(text):
    assert [f for f in extract_facts(text) if f.value_max is not None] == []


# --- units --------------------------------------------------------------------------------
@pytest.mark.parametrize("text, span, value, unit", [
    ("Gusts of 70mph hit the coast.", "70mph", 70, "mph"),
    ("The limit is 120 km/h on the expressway.", "120 km/h", 120, "km/h"),
    ("The cutter sailed at 18 knots.", "18 knots", 18, "knots"),
    ("The ferry covers 12 nautical miles.", "12 nautical miles", 12, "nautical miles"),
    ("The trail is 26 miles long.", "26 miles", 26, "miles"),
    ("The wave was 30 feet high.", "30 feet", 30, "feet"),
    ("The farm spans 400 acres.", "400 acres", 400, "acres"),
    ("Each tank holds 9,000 litres of water.", "9,000 litres", 9000, "liters"),
    ("Dredgers moved 250 cubic metres of sand.", "250 cubic metres", 250, "m3"),
    ("The plant treats 60,000 m3 a day.", "60,000 m3", 60_000, "m3"),
    ("Exports hit 3.2m tonnes of rice.", "3.2m tonnes", 3_200_000, "tons"),
    ("The field yields 1.5bn cubic metres of gas.", "1.5bn cubic metres", 1_500_000_000, "m3"),
    ("Its engine delivers 300 hp.", "300 hp", 300, "hp"),
    ("The wind farm adds 15 MW to the grid.", "15 MW", 15, "MW"),
    ("A 5 kW rooftop system costs less now.", "5 kW", 5, "kW"),
    ("The link carries 2 GW of power.", "2 GW", 2, "GW"),
    ("The handset ships with 128GB of storage.", "128GB", 128, "GB"),
    ("A 2TB drive is included.", "2TB", 2, "TB"),
    ("Fibre lines offer 100 Mbps.", "100 Mbps", 100, "Mbps"),
    ("Households used 250 kWh in June.", "250 kWh", 250, "kWh"),
    ("The battery stores 40 MWh.", "40 MWh", 40, "MWh"),
    ("The city saw 28C at noon in the heatwave.", "28C", 28, "degrees Celsius"),
    ("Temperatures hit 28°C on Sunday.", "28°C", 28, "degrees Celsius"),
    ("Phoenix baked at 100F as the heat wave peaked.", "100F", 100, "degrees Fahrenheit"),
    ("Rainfall reached 120mm overnight.", "120mm", 120, "mm"),
    ("The phone has a 6.7-inch screen.", "6.7-inch", 6.7, "inches"),
    ("The bank cut its rate by 25 basis points.", "25 basis points", 25, "basis points"),
])
def test_units(text, span, value, unit):
    f = one(text, "quantity")
    assert (f.text, f.value, f.unit) == (span, value, unit)


@pytest.mark.parametrize("text, kind, unit", [
    ("A 3.2m wall now rings the site.", "quantity", "m"),          # metres: no plural noun follows
    ("Some 2.5m people live in the delta.", "count", "people"),    # million people
])
def test_glued_m_is_metres_or_million(text, kind, unit):
    f = one(text, kind)
    assert f.unit == unit
    assert f.value == (3.2 if kind == "quantity" else 2_500_000)


@pytest.mark.parametrize("text", [
    "Room 12C was booked for the delegation.",     # a glued letter outside any temperature talk
    "The office is on Flat 3F of the tower.",
    "The car made a 180-degree turn.",             # an angle
    "Grade 5F pupils sat the test.",
])
def test_unit_near_misses(text):
    assert of_kind(text, "quantity") == []


# --- signs and changes --------------------------------------------------------------------
@pytest.mark.parametrize("text, kind, span, value", [
    ("Prices changed by -0.8% in March.", "percentage", "-0.8%", -0.8),
    ("Real wages grew minus 5% last year.", "percentage", "minus 5%", -5),
    ("Nights fell to minus 40 degrees in Yakutsk.", "quantity", "minus 40 degrees", -40),
    ("The pass was at -5 degrees Celsius.", "quantity", "-5 degrees Celsius", -5),
    ("It was minus 3C in Sa Pa.", "quantity", "minus 3C", -3),
])
def test_written_minus_is_negative(text, kind, span, value):
    f = one(text, kind)
    assert (f.text, f.value) == (span, value)


@pytest.mark.parametrize("text, span, value", [
    ("Output fell 5% in the quarter.", "5%", 5),
    ("Its share is down 0.5 percentage points.", "0.5 percentage points", 0.5),
    ("Growth slowed, with the y-o-y rate 30-40% lower.", "30-40%", 30),   # a dash between figures
])
def test_words_of_change_keep_the_figure_positive(text, span, value):
    f = one(text, "percentage")
    assert (f.text, f.value) == (span, value)


@pytest.mark.parametrize("text, span, value", [
    ("The VN-Index gained 23.5 points to close at 1,250.", "23.5 points", 23.5),
    ("The Nikkei lost 410 points on Friday.", "410 points", 410),
    ("The main gauge was down 12.3 points by noon.", "12.3 points", 12.3),
])
def test_index_points(text, span, value):
    (f,) = [f for f in of_kind(text, "quantity") if f.text == span]
    assert (f.value, f.unit, f.rule_id) == (value, "points", "quantity.points")


def test_the_level_closed_at_is_a_quantity_too():
    # news gold N10: bare index levels are quantities in points
    got = [(f.text, f.value, f.unit) for f in of_kind("The VN-Index gained 23.5 points to close at 1,250.",
                                                       "quantity")]
    assert got == [("23.5 points", 23.5, "points"), ("1,250", 1250, "points")]


def test_points_that_are_items_are_no_quantity():
    assert of_kind("The plan sets out 5 points for schools.", "quantity") == []


@pytest.mark.parametrize("text, span, value", [
    ("Unemployment rose to 3.5pc in May.", "3.5pc", 3.5),
    ("Fees rose 4 pct on the year.", "4 pct", 4),
])
def test_pc_and_pct(text, span, value):
    f = one(text, "percentage")
    assert (f.text, f.value, f.rule_id) == (span, value, "percentage.word")


def test_capital_pc_is_no_percentage():
    assert of_kind("The lab bought 10 PC units.", "percentage") == []


def _quantities_with_multipliers(text):
    """The quantity component alone, multipliers on in its config (as by default since issue 13)."""
    from extractors.nlp import blank_pipeline

    build_nlp("en")   # registers the English components
    nlp = blank_pipeline("en")
    nlp.add_pipe("newsfacts_quantity", config={"multipliers": True})
    doc = nlp(text)
    return [(s.text, span_fields(s)["value"], span_fields(s).get("value_max"), span_fields(s)["unit"])
            for s in doc.spans.get(SPANS_KEY, [])]


@pytest.mark.parametrize("text, expected", [
    ("Rents are 2.5 times higher than in 2015.", [("2.5 times", 2.5, None, "times")]),
    ("Profits rose fivefold in a decade.", [("fivefold", 5, None, "times")]),
    ("Costs grew 10-fold after the war.", [("10-fold", 10, None, "times")]),
    ("Durian pays three to four times more than rice.", [("three to four times", 3, 4, "times")]),
    ("Land here sells for 2-3 times the price.", [("2-3 times", 2, 3, "times")]),
    ("Revenue increased 1.8 times year on year.", [("1.8 times", 1.8, None, "times")]),
    # how often, no multiplier
    ("The board met three times in May.", []),
    ("Trains run four times a day.", []),
    ("The reasons are twofold.", []),
    # no written figure
    ("Exports doubled in two years.", [("two years", 2, None, "years")]),
])
def test_multipliers(text, expected):
    assert _quantities_with_multipliers(text) == expected


def test_multipliers_are_on_by_default():
    # issue 13: English multipliers with a number are quantities (news gold N9, gold README rule 15)
    assert [(f.text, f.value, f.unit, f.rule_id) for f in of_kind(
        "Rents are 2.5 times higher than in 2015.", "quantity")] == [
        ("2.5 times", 2.5, "times", "quantity.multiplier")]
    assert [(f.text, f.value) for f in of_kind("Profits rose fivefold in a decade.", "quantity")] == [
        ("fivefold", 5)]


@pytest.mark.parametrize("text, expected", [
    # valuations: a multiple of earnings or book value
    ("The shares trade at about 10.5 times earnings.", [("about 10.5 times", 10.5, "approx")]),
    ("Banks are valued at 1.2 times book value.", [("1.2 times", 1.2, None)]),
    # the second term of a comparison, its "times" understood
    ("A flat costs 25 times the yearly wage, against 12 times in 2015.",
     [("25 times", 25, None), ("12 times", 12, None)]),
    ("The ratio fell to 9 times from 14 times.", [("9 times", 9, None), ("14 times", 14, None)]),
    ("Stocks sit below their average of 15 times.", [("15 times", 15, None)]),
    ("Exports grew by 1.5 to 2 times.", [("1.5 to 2 times", 1.5, None)]),
    ("Output rose nearly fivefold.", [("nearly fivefold", 5, "approx")]),
    ("Dengue cases hit 1,024, three times last year's figure.", [("three times", 3, None)]),
    ("Rents are five times Hanoi's average.", [("five times", 5, None)]),
    ("Costs rose 2.5 times over the decade.", [("2.5 times", 2.5, None)]),
    # how often, no multiplier
    ("Prices were raised three times a year.", []),
    ("Lessons went from three times a week to twice.", []),
    ("The striker has scored four times this season.", []),
    ("She was fined three times.", []),
    ("Sales rose three times in a row.", []),
    ("The board met three times last year.", []),
    ("He has been to Da Nang three times.", []),
    ("Exports doubled, and rents are double the usual.", []),
])
def test_multipliers_in_news_writing(text, expected):
    got = [(f.text, f.value, f.qualifier) for f in of_kind(text, "quantity") if f.unit == "times"]
    assert got == expected


# --- numbers that are no facts ------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "Samsung unveiled the Galaxy S24 in Seoul.",
    "Queues formed for the iPhone 16 before dawn.",
    "The carrier grounded a Boeing 787 on Tuesday.",
    "The budget airline took an A321neo in May.",
    "Tesla's Model 3 sold well in Norway.",
    "Users must upgrade to Windows 11 soon.",
    "The shop at 12 Trang Tien Street reopened.",
    "Officials met at No. 35 Lang Ha on Friday.",
    "The cafe at 8 Hang Bai closed early.",
    "Trading opened at 0930 GMT.",
    "The session began at 9:30 am sharp.",
    "The vote is due at 14:00 on Monday.",
    "Reuters cited Mar. 14 reports on the deal.",
    "Flight 370 left the radar.",
    "Passengers of flight VN255 were delayed.",
    "For help call 0912 345 678.",
    "Install version 2.3 of the app.",
])
def test_not_counts(text):
    assert of_kind(text, "count") == []


def test_house_number_with_slash_is_no_ratio():
    assert of_kind("She lives at 123/45 Tran Hung Dao Street.", "ratio") == []


@pytest.mark.parametrize("text, span, value, unit", [
    # capitalised words before a count that is real
    ("On Monday 15 people were hurt in the crash.", "15 people", 15, "people"),
    ("Vietnam's 63 provinces filed reports.", "63 provinces", 63, "provinces"),
    ("Boeing 787 aside, the airline leased 12 Airbus jets.", "12 Airbus jets", 12, "Airbus jets"),
    ("Hanoi Fines 15 Party Members For Graft", "15 Party Members", 15, "Party Members"),
    ("The board moved 16 Vice Chairmen to new posts.", "16 Vice Chairmen", 16, "Vice Chairmen"),
    ("The city sent one Vice Chairman to Osaka.", "one Vice Chairman", 1, "Vice Chairman"),
    ("Police questioned 5 Vietnamese at the border.", "5 Vietnamese", 5, "Vietnamese"),
])
def test_counts_kept_next_to_names(text, span, value, unit):
    f = one(text, "count")
    assert (f.text, f.value, f.unit) == (span, value, unit)


# --- written numbers and durations --------------------------------------------------------
@pytest.mark.parametrize("text, span, value, unit, rule", [
    ("Three of the ministers resigned on Friday.", "Three of the ministers", 3, "ministers",
     "count.partitive"),
    ("Police said 12 of the suspects were freed.", "12 of the suspects", 12, "suspects",
     "count.partitive"),
    ("Six hundred workers walked out.", "Six hundred workers", 600, "workers", "count.word_number"),
    ("Two hundred and fifty households moved.", "Two hundred and fifty households", 250,
     "households", "count.word_number"),
])
def test_written_counts(text, span, value, unit, rule):
    f = one(text, "count")
    assert (f.text, f.value, f.unit, f.rule_id) == (span, value, unit, rule)


def test_one_of_the_is_no_figure():
    assert of_kind("It is one of the key tasks this year.", "count") == []   # idiom
    text = "Dong Van is one of the 30 districts with a museum."             # which, not how many
    assert of_kind(text, "ratio") == []
    assert [f.text for f in of_kind(text, "count")] == ["30 districts"]


def test_word_numerator_ratio():
    f = one("Only two of the 10 lines are running.", "ratio")
    assert (f.text, f.numerator, f.denominator, f.unit) == ("two of the 10 lines", 2, 10, "lines")


@pytest.mark.parametrize("text, span, value, unit", [
    ("Prices doubled over the past three years.", "three years", 3, "years"),
    ("Sales slowed in the last two months.", "two months", 2, "months"),
    ("The campaign will last two weeks.", "two weeks", 2, "weeks"),   # "last" the verb
])
def test_durations_after_past_and_last(text, span, value, unit):
    f = one(text, "quantity")
    assert (f.text, f.value, f.unit) == (span, value, unit)


@pytest.mark.parametrize("text", [
    "In the last three months of the year, sales rose.",   # anchored: a period
    "In the first 9 months of 2024 exports grew.",
    "Over the next five years the city will grow.",
])
def test_calendar_spans_are_no_durations(text):
    assert of_kind(text, "quantity") == []


# --- the candidate-start scan finds what the full patterns find on these forms ---------------
EDGE = [
    "Wages rose -0.8% to 3.5pc; about -1% and minus 5% in 2019 to 5% of 3 to 4 percent.",
    "Nights of minus 40 degrees, around minus 5 degrees, (-5 degrees Celsius), 28C in the heat, 100F.",
    "Exports hit 3.2m tonnes, 1.5bn cubic metres, 70mph, 12 knots, a 6.7-inch screen, 128GB, 2 TB.",
    "Between 40 km and 45 km; from 20 to 30 days; four to six thousand people; Six hundred workers.",
    "Three of the ministers, two of the 10 lines, at 12 Trang Tien Street, the iPhone 16, 0930 GMT.",
    "Rents are 2.5 times higher, profits rose fivefold, costs grew 10-fold, three to four times more.",
    "Output rose nearly fivefold; 10.5 times earnings, against 12 times, from 14 times, average of 15 times.",
    "Talks lasted two and a half hours; one and a half million tonnes; 935 hPa, 12.5 pts, a 108-megapixel lens.",
]


@pytest.mark.parametrize("name", ["newsfacts_percentage", "newsfacts_quantity", "newsfacts_count",
                                  "newsfacts_ratio", "quantity_with_multipliers"])
def test_candidate_starts_find_every_match(name):
    from extractors.lang.en.quantity import QuantityExtractor
    from extractors.nlp import matches_at

    nlp = build_nlp("en")
    if name == "quantity_with_multipliers":
        comp = QuantityExtractor(multipliers=True)
    else:
        comp = nlp.get_pipe(name)
    for text in EDGE:
        doc = nlp.make_doc(text)
        full = [(m.start(), m.end()) for m in comp._re.finditer(text)]
        fast = [(m.start(), m.end()) for m in matches_at(comp._re, text, comp.candidate_starts(doc))]
        assert fast == full, text


# --- news figures without a unit after them, and durations (issue 13, news gold N10, N13, N18) ---
@pytest.mark.parametrize("text, span, value, unit, rule", [
    # an age between commas after a name
    ("Okafor, 27, had not dropped a set.", "27", 27, "years", "quantity.age"),
    ('"It is a bonus," said Hoa, 29, who trains in Lam Dong.', "29", 29, "years", "quantity.age"),
    # a length of time in words
    ("The team was poor for half an hour.", "half an hour", 0.5, "hours", "quantity.word_duration"),
    ("Talks lasted an hour and a half.", "an hour and a half", 1.5, "hours", "quantity.word_duration"),
    ("The plant was built in less than a year.", "less than a year", 1, "years",
     "quantity.word_duration"),
    # an index level reached by a move
    ("The FTSE 100 fell 45.2 points, or 0.6%, to 7,512.3 by midday.", "7,512.3", 7512.3, "points",
     "quantity.index_level"),
    ("The dollar index, which tracks six peers, eased to 104.6.", "104.6", 104.6, "points",
     "quantity.index_level"),
    ("The VN-Index rose 1.2% to 1,250.45 on Monday.", "1,250.45", 1250.45, "points",
     "quantity.index_level"),
    # hyphenated durations measuring the thing
    ("The lender signed a 20-year contract with the city.", "20-year", 20, "years", "quantity.hyphen"),
    ("Coffee prices hit a three-week high.", "three-week", 3, "weeks", "quantity.hyphen"),
    # "previous" as "past": a length of time
    ("Shares lost 4% over the previous three weeks.", "three weeks", 3, "weeks",
     "quantity.duration_past"),
])
def test_news_quantities_without_a_unit_after(text, span, value, unit, rule):
    (f,) = [f for f in of_kind(text, "quantity") if f.text == span]
    assert (f.value, f.unit, f.rule_id) == (value, unit, rule)


@pytest.mark.parametrize("text", [
    # relative dates
    "The plant opened three weeks ago.",
    "Prices were 6% lower than three months earlier.",
    "Two years later the bridge opened.",
    # type modifiers, no measure
    "The 10-year Japanese government bond yield rose.",
    "German ten-year Bund yields edged up.",
    "It was the biggest one-day gain in a month.",
    "The city adopted its five-year plan.",
    # a rate or a date, no length of time
    "Farmers earn VND 50 million a year.",
    # an acceleration test
    "The car goes from zero to 100 km/h in 6.1 seconds.",
    # no person before the commas; a figure with a unit; a share price with its currency
    "On Monday, 12, 14 and 15 were reopened.",
    "Vietnam, 45, Thailand, 38 and Laos, 9 won golds.",
    "Vinamilk rose 2% to 65,500 dong.",
    "The oil major runs 10 BP stations in the city.",
    "The app has 50 million users, 20m of them abroad.",   # millions of users, no metres
    "The board met at 10.30 on Friday.",
])
def test_news_near_misses_are_no_quantities(text):
    assert [f.text for f in of_kind(text, "quantity") if f.unit != "seconds"] == []


def test_a_qualified_duration_before_ago_is_an_age():
    # the Hanoi gold's "Apartments built more than 10 years ago"
    (f,) = of_kind("Flats built more than 20 years ago are cheaper.", "quantity")
    assert (f.text, f.value, f.qualifier, f.unit) == ("more than 20 years", 20, "more_than", "years")


def test_a_name_ending_in_a_figure_opens_no_range():
    (f,) = of_kind("They stretched their lead in the Premier League 2 to seven points.", "quantity")
    assert (f.text, f.value, f.value_max, f.unit) == ("seven points", 7, None, "points")


@pytest.mark.parametrize("text, span, value, unit", [
    # units of real news the lexicon lacked
    ("The typhoon's pressure fell to 935 hPa.", "935 hPa", 935, "hPa"),
    ("Its central pressure was 950 millibars.", "950 millibars", 950, "hPa"),
    ("Farmers sold 1.8 billion bushels of soybeans.", "1.8 billion bushels", 1.8e9, "bushels"),
    ("The mine poured 310,000 ounces of gold.", "310,000 ounces", 310000, "ounces"),
    ("World emissions hit 37.4 gigatonnes last year.", "37.4 gigatonnes", 37.4, "Gt"),
    ("The pipeline carries 55 bcm a year.", "55 bcm", 55, "bcm"),
    ("The phone has a 108-megapixel camera.", "108-megapixel", 108, "megapixels"),
    ("Traffic noise reached 80 decibels.", "80 decibels", 80, "dB"),
    ("CO2 reached 421 ppm at the observatory.", "421 ppm", 421, "ppm"),
    ("A 150,000 deadweight tonnes tanker docked.", "150,000 deadweight tonnes", 150000, "DWT"),
    ("Each can holds 330 ml.", "330 ml", 330, "ml"),
    ("The Kospi shed 12.5 pts in the session.", "12.5 pts", 12.5, "points"),
    ("The central bank cut by 25bp in March.", "25bp", 25, "basis points"),
    ("It followed a 50-basis-point hike.", "50-basis-point", 50, "basis points"),
    # written numbers of any length
    ("The hearing lasted two and a half hours.", "two and a half hours", 2.5, "hours"),
    ("Shipments reached one and a half million tonnes.", "one and a half million tonnes", 1.5e6, "tons"),
    ("The dyke is six hundred metres long.", "six hundred metres", 600, "m"),
])
def test_news_units_and_written_numbers(text, span, value, unit):
    (f,) = [f for f in of_kind(text, "quantity") if f.text == span]
    assert (f.value, f.unit) == (value, unit)
