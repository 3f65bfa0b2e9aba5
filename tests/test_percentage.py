import pytest

from conftest import facts_of, one_fact


def percentages(text):
    return facts_of(text, "percentage")


def one(text):
    return one_fact(text, "percentage")


@pytest.mark.parametrize("text, span, value, rule", [
    ("Turnout in the ward reached 87.25% this year.", "87.25%", 87.25, "percentage.symbol"),
    ("Exports rose 12 % in March.", "12 %", 12, "percentage.symbol"),
    ("The plan was 41.9 percent complete.", "41.9 percent", 41.9, "percentage.word"),
    ("Coverage stood at 66,35 per cent of households.", "66,35 per cent", 66.35, "percentage.word"),
    ("The approval rate hit 91,06% in the poll.", "91,06%", 91.06, "percentage.symbol"),
    ("Vietnamese-style 4,8% growth was recorded.", "4,8%", 4.8, "percentage.symbol"),
    ("Only five percent of the roads are paved.", "five percent", 5, "percentage.word"),
    ("Fees fell by 3 pct. last quarter.", "3 pct.", 3, "percentage.word"),
    ("The share (27.5%) was the lowest.", "27.5%", 27.5, "percentage.symbol"),
])
def test_single_percentages(text, span, value, rule):
    f = one(text)
    assert (f.text, f.value, f.rule_id) == (span, value, rule)
    assert f.unit is None and f.qualifier is None and f.value_max is None


def test_offsets_exact():
    text = "Of the budget, 18.4% went to schools."
    f = one(text)
    assert (f.start, f.end) == (15, 20)


@pytest.mark.parametrize("text, span, value", [
    ("Its market share is up 3.4 percentage points on last year.", "3.4 percentage points", 3.4),
    ("Unemployment slipped 0.7 percentage point.", "0.7 percentage point", 0.7),
    ("The index gained 1.5% points in May.", "1.5% points", 1.5),
])
def test_points(text, span, value):
    f = one(text)
    assert (f.text, f.value, f.unit, f.rule_id) == (span, value, "percentage_points",
                                                    "percentage.points")


@pytest.mark.parametrize("text, span, lo, hi", [
    ("Growth is forecast at 6-6.5% next year.", "6-6.5%", 6, 6.5),
    ("Rents may rise 8–10% in the centre.", "8–10%", 8, 10),
    ("Prices climbed from 4 to 9 percent in the survey.", "from 4 to 9 percent", 4, 9),
    ("Margins of between 2% and 3% are expected.", "between 2% and 3%", 2, 3),
])
def test_ranges(text, span, lo, hi):
    f = one(text)
    assert (f.text, f.value, f.value_max, f.rule_id) == (span, lo, hi, "percentage.range")


def test_from_sign_to_sign_is_two_figures():
    facts = percentages("The rate went from 5.2% to 6.1% in a year.")
    assert [(f.text, f.value) for f in facts] == [("5.2%", 5.2), ("6.1%", 6.1)]


@pytest.mark.parametrize("text, span, qualifier", [
    ("About 40% of farms were flooded.", "About 40%", "approx"),
    ("Nearly 100 percent of pupils passed.", "Nearly 100 percent", "approx"),
    ("It covers some 12% of the area.", "some 12%", "approx"),
    ("Sales grew more than 15% in June.", "more than 15%", "more_than"),
    ("Yields fell over 9% this season.", "over 9%", "more_than"),
    ("At least 70% of voters took part.", "At least 70%", "at_least"),
    ("Fewer than 5% of claims were refused.", "Fewer than 5%", "less_than"),
    ("Inflation stayed below 4% all year.", "below 4%", "less_than"),
    ("Discounts of up to 50% are offered.", "up to 50%", "at_most"),
    ("Loans may cover no more than 30 percent of costs.", "no more than 30 percent", "at_most"),
])
def test_qualifiers(text, span, qualifier):
    f = one(text)
    assert (f.text, f.qualifier) == (span, qualifier)


@pytest.mark.parametrize("text", [
    "The meeting opened at 14:05 on Monday.",
    "Under Directive No. 24-CT/TU the district acted.",
    "The percentage of poor households is falling.",
    "For the term 2021 - 2026 the council set goals.",
    "A 5-storey building was finished in 2023.",
    "He scored 100 in the percentile test.",
])
def test_no_percentage(text):
    assert percentages(text) == []


def test_several_in_one_sentence():
    text = "Urban areas reached 72.1% and rural areas 58.04%, against 61.3% nationally."
    assert [f.value for f in percentages(text)] == [72.1, 58.04, 61.3]


@pytest.mark.parametrize("text, span, value", [
    ("Almost one hundred percent of pupils passed.", "Almost one hundred percent", 100),
    ("Some twenty-one percent abstained.", "Some twenty-one percent", 21),
])
def test_spelled_out(text, span, value):
    f = one(text)
    assert (f.text, f.value, f.value_max) == (span, value, None)


def test_not_inside_urls():
    assert percentages("See https://example.org/find?q=30%25%2020% for more.") == []


def test_windowed_scan_finds_what_a_full_scan_finds():
    from extractors.lang.en.percentage import _build_regex

    text = " ".join(
        f"Block {i} reported {i}.5% growth, up {i % 4} percentage points, and between {i} "
        f"and {i + 2} per cent of staff{'.' if i % 3 else ' left'}" for i in range(60))
    full = [(m.start(), m.end()) for m in _build_regex().finditer(text)]
    assert [(f.start, f.end) for f in percentages(text)] == full
    assert len(full) == 180


@pytest.mark.parametrize("text, span, value", [
    ("Bund yields were negative 0.5% in 2020.", "negative 0.5%", -0.5),
    ("Growth was negative 1.2 percent in the quarter.", "negative 1.2 percent", -1.2),
    ("Core inflation was minus 0.3pc in May.", "minus 0.3pc", -0.3),
])
def test_sign_words_make_the_value_negative(text, span, value):
    f = one(text)
    assert (f.text, f.value) == (span, value)


def test_negative_as_an_adjective_signs_nothing():
    assert [(f.text, f.value) for f in percentages("A negative test rate of 5% was seen.")] == [("5%", 5)]
