import pytest

from conftest import facts_of, one_fact


def money(text):
    return facts_of(text, "money")


def one(text):
    return one_fact(text, "money")


@pytest.mark.parametrize("text, span, value, currency, rule", [
    ("Revenue hit VND57.2 trillion last year.", "VND57.2 trillion", 57_200_000_000_000, "VND",
     "money.prefix"),
    ("The fund holds VNĐ318 trillion now.", "VNĐ318 trillion", 318_000_000_000_000, "VND",
     "money.prefix"),
    ("Capital reached US$2.45 billion.", "US$2.45 billion", 2_450_000_000, "USD", "money.prefix"),
    ("Investors pledged $7.1 billion.", "$7.1 billion", 7_100_000_000, "USD", "money.prefix"),
    ("It amounted to USD 2,018 million.", "USD 2,018 million", 2_018_000_000, "USD",
     "money.prefix"),
    ("The city spent 310,442 billion VND on roads.", "310,442 billion VND",
     310_442_000_000_000, "VND", "money.suffix"),
    ("Spending was VND 171,035 billion.", "VND 171,035 billion", 171_035_000_000_000, "VND",
     "money.prefix"),
    ("Deposits topped 3.75 quadrillion VND.", "3.75 quadrillion VND", 3_750_000_000_000_000,
     "VND", "money.suffix"),
    ("Each family got 12 million dong.", "12 million dong", 12_000_000, "VND", "money.suffix"),
    ("A grant of EUR 4.2 million was signed.", "EUR 4.2 million", 4_200_000, "EUR",
     "money.prefix"),
    ("A loan of €80 million came through.", "€80 million", 80_000_000, "EUR", "money.prefix"),
    ("Japan lent JPY 35.5 billion.", "JPY 35.5 billion", 35_500_000_000, "JPY", "money.prefix"),
    ("The loan is worth 90 billion yen.", "90 billion yen", 90_000_000_000, "JPY",
     "money.suffix"),
    ("Income per head reached $5,410 in the district.", "$5,410", 5410, "USD", "money.prefix"),
])
def test_single_amounts(text, span, value, currency, rule):
    f = one(text)
    assert (f.text, f.value, f.currency, f.rule_id) == (span, value, currency, rule)
    assert f.value_max is None and f.qualifier is None and f.unit is None


def test_conversion_in_brackets_is_its_own_fact():
    facts = money("Output was 98.2 trillion VND (3.93 billion USD) in the quarter.")
    assert [(f.text, f.value, f.currency) for f in facts] == [
        ("98.2 trillion VND", 98_200_000_000_000, "VND"),
        ("3.93 billion USD", 3_930_000_000, "USD")]


def test_ranges():
    facts = money("Flats sold at VND120.5-131 million ($4,910-5,330) each.")
    assert [(f.text, f.value, f.value_max, f.currency, f.rule_id) for f in facts] == [
        ("VND120.5-131 million", 120_500_000, 131_000_000, "VND", "money.range"),
        ("$4,910-5,330", 4910, 5330, "USD", "money.range")]
    f = one("Villas cost from VND 80 million to 145 million per m2 in the area.")
    assert (f.text, f.value, f.value_max, f.unit) == (
        "from VND 80 million to 145 million per m2", 80_000_000, 145_000_000, "m2")


def test_from_without_range_stays_outside():
    facts = money("Wages rose to VND 9.1 million, up from VND 8.4 million.")
    assert [f.text for f in facts] == ["VND 9.1 million", "VND 8.4 million"]


@pytest.mark.parametrize("text, span, unit", [
    ("Land is priced at 72 million VND/m2 now.", "72 million VND/m2", "m2"),
    ("Rent is US$21.5 per square meter a month.", "US$21.5 per square meter", "m2"),
    ("Support is VND 650 million per hectare.", "VND 650 million per hectare", "ha"),
    ("The scheme costs VND 22 billion per year.", "VND 22 billion per year", "year"),
    ("Tourists spend US$96 per day.", "US$96 per day", "day"),
    ("Power costs VND 2,103.11 per kWh.", "VND 2,103.11 per kWh", "kWh"),
    ("Each gets VND 90 million per household.", "VND 90 million per household", "household"),
])
def test_per_units(text, span, unit):
    f = one(text)
    assert (f.text, f.unit) == (span, unit)


def test_a_month_stays_outside():
    f = one("Families pay an extra VND 30-35 million a month.")
    assert (f.text, f.value, f.value_max, f.unit) == ("VND 30-35 million", 30_000_000,
                                                      35_000_000, None)


@pytest.mark.parametrize("text, span, qualifier", [
    ("It drew about US$4.4 billion.", "about US$4.4 billion", "approx"),
    ("It needs at least US$2.2 billion.", "at least US$2.2 billion", "at_least"),
    ("Fines are up to VND 40 million.", "up to VND 40 million", "at_most"),
    ("Plots went for more than VND 75 million/m2.", "more than VND 75 million/m2", "more_than"),
    ("Prices fell to less than VND 30 million/m2.", "less than VND 30 million/m2", "less_than"),
    ("Gifts of no more than VND 5 million are allowed.", "no more than VND 5 million",
     "at_most"),
])
def test_qualifiers(text, span, qualifier):
    f = one(text)
    assert (f.text, f.qualifier) == (span, qualifier)


@pytest.mark.parametrize("text", [
    "The hotline is $24/7 open.",
    "Call 1900 1234 for help.",
    "It grew 7.5% in 2024.",
    "The company VNDirect reported results.",
])
def test_not_money(text):
    assert money(text) == []


@pytest.mark.parametrize("text", [
    # ISO codes are matched as written: in lower case they are words
    "The cad 3 model was shown.",
    "Our php 8 upgrade is done.",
    "The cop 28 talks ended.",
    # a code only begins a word: no currency
    "The audit found 12 errors.",
    "Some 300 cadres attended.",
])
def test_codes_are_upper_case_words(text):
    assert money(text) == []


@pytest.mark.parametrize("text, span, currency", [
    ("Reserves reached 12,500 billion VND.", "12,500 billion VND", "VND"),
    ("The fine is 20 million VNĐ.", "20 million VNĐ", "VND"),
    ("The grant is 3 million SGD.", "3 million SGD", "SGD"),
    ("Investors put in PHP 2.1 billion.", "PHP 2.1 billion", "PHP"),
])
def test_codes_before_or_after(text, span, currency):
    f = one(text)
    assert (f.text, f.currency) == (span, currency)


def test_scale_written_once_applies_to_both_ends():
    f = one("Deposits of VND 2 to 3 trillion were moved.")
    assert (f.value, f.value_max) == (2e12, 3e12)
    f = one("Offers ran from $500,000 to 1 million.")   # the low end keeps its own figure
    assert (f.value, f.value_max) == (500_000, 1_000_000)
    f = one("Flats cost from VND 80 million to 145 per m2.")  # and the high end takes the low's
    assert (f.value, f.value_max) == (80e6, 145e6)


def test_big_only_names():
    assert [f.text for f in money("The bus fare is 1,500 won and the subway 1,350 won.")] == [
        "1,500 won", "1,350 won"]
    assert money("Seven of them won medals.") == []
