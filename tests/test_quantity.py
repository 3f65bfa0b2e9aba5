import pytest

from conftest import facts_of, one_fact
from extractors import extract_facts


def quantities(text):
    return facts_of(text, "quantity")


def one(text):
    return one_fact(text, "quantity")


@pytest.mark.parametrize("text, span, value, unit", [
    ("The park covers 2,310 ha of forest.", "2,310 ha", 2310, "ha"),
    ("The zone spans 95 hectares in total.", "95 hectares", 95, "ha"),
    ("The new road is 7.3 km long.", "7.3 km", 7.3, "km"),
    ("The bridge deck is 31.5 m wide.", "31.5 m", 31.5, "m"),
    ("Each flat has 84 m2 of floor space.", "84 m2", 84, "m2"),
    ("Offices total 2.1 million m2 of space.", "2.1 million m2", 2_100_000, "m2"),
    ("The warehouse is 9,600 square meters.", "9,600 square meters", 9600, "m2"),
    ("The plant burns 2,500 tonnes of waste.", "2,500 tonnes", 2500, "tons"),
    ("A solar farm of 48 MW opened.", "48 MW", 48, "MW"),
    ("Users saved 15.3 billion kWh.", "15.3 billion kWh", 15_300_000_000, "kWh"),
    ("Cars may go 80 km/h on the link.", "80 km/h", 80, "km/h"),
    ("PM2.5 levels hit 142 µg/m3 at noon.", "142 µg/m3", 142, "µg/m3"),
    ("It was 38.6 degrees Celsius in the shade.", "38.6 degrees Celsius", 38.6,
     "degrees Celsius"),
    ("The hearing lasted 12 days.", "12 days", 12, "days"),
    ("Files are handled within 20 working days.", "20 working days", 20, "working days"),
    ("The works take 30 months.", "30 months", 30, "months"),
    ("Residents waited three weeks.", "three weeks", 3, "weeks"),
    ("Lines were cut for six hours.", "six hours", 6, "hours"),
    ("The trip takes about 25 minutes.", "about 25 minutes", 25, "minutes"),
    ("He served one year in the post.", "one year", 1, "year"),
    ("A 45-m2 flat costs more.", "45-m2", 45, "m2"),
    ("A 39-degree heatwave hit the city.", "39-degree", 39, "degrees Celsius"),
    ("The 6.5-km section opened.", "6.5-km", 6.5, "km"),
])
def test_single_quantities(text, span, value, unit):
    f = one(text)
    assert (f.text, f.value, f.unit) == (span, value, unit)


@pytest.mark.parametrize("text, span, value, value_max, unit", [
    ("Temperatures reached 35-38 degrees Celsius.", "35-38 degrees Celsius", 35, 38,
     "degrees Celsius"),
    ("The review takes five to 12 days.", "five to 12 days", 5, 12, "days"),
    ("Outages last 3-5 hours a day.", "3-5 hours", 3, 5, "hours"),
    ("Rooms of 75-110 m2 sold fast.", "75-110 m2", 75, 110, "m2"),
    ("It treats from 800 to 1,000 tons daily.", "from 800 to 1,000 tons", 800, 1000, "tons"),
])
def test_ranges(text, span, value, value_max, unit):
    f = one(text)
    assert (f.text, f.value, f.value_max, f.unit, f.rule_id) == (
        span, value, value_max, unit, "quantity.range")


def test_from_to_change_is_two_facts():
    facts = quantities("The wait was cut from 14 days in 2019 to 5 days in 2023.")
    assert [(f.text, f.value) for f in facts] == [("14 days", 14), ("5 days", 5)]


@pytest.mark.parametrize("text, span, qualifier", [
    ("Some parcels of over 900 ha remain.", "over 900 ha", "more_than"),
    ("It took nearly five months.", "nearly five months", "approx"),
    ("Appeals get up to 30 days.", "up to 30 days", "at_most"),
    ("Keep rooms at least 27 degrees Celsius.", "at least 27 degrees Celsius", "at_least"),
])
def test_qualifiers(text, span, qualifier):
    f = one(text)
    assert (f.text, f.qualifier) == (span, qualifier)


@pytest.mark.parametrize("text", [
    "In the first 9 months of 2024, sales grew.",
    "In the last three months of the year the city grew.",  # anchored by "of": a period
    "The 5-year plan was adopted.",
    "The board met four times in a decade.",  # how often: no multiplier
    "There are 90 major cities in the ranking.",
    "The campaign will last two months in the next phase.",
])
def test_not_quantities(text):
    got = quantities(text)
    if "last two months" in text:
        assert [f.text for f in got] == ["two months"]  # "last" is a verb here
    else:
        assert got == []


def test_span_stops_where_the_rule_matched_even_inside_a_token():
    # "m." is one token for spaCy; the fact must not take the sentence's full stop

    text = "The new span is 13.5 m. It opens in May."
    (fact,) = [f for f in extract_facts(text) if f.kind == "quantity"]
    assert (fact.text, fact.unit) == ("13.5 m", "m") and text[fact.start:fact.end] == fact.text


def test_word_durations_found_from_their_anchor_are_those_of_the_full_pattern(corpus_texts):
    from extractors.lang.en.quantity_bare import _tables, _time_matches
    t = _tables()
    texts = corpus_texts("en") + ["Half an hour later, a year on, an hour and a half, behalf an hour."]
    found = 0
    for text in texts:
        full = [m.span() for m in t["time_re"].finditer(text)]
        assert [m.span() for m in _time_matches(text, t["time_re"], t["time_anchor"])] == full
        found += len(full)
    assert found > 10


def test_a_word_duration_after_a_qualifier_is_read():
    facts = quantities("The repair took nearly half an hour, about a year after the fire.")
    assert [(f.text, f.value, f.unit, f.qualifier) for f in facts] == [
        ("nearly half an hour", 0.5, "hours", "approx"), ("about a year", 1.0, "years", "approx")]
