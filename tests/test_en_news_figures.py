"""Issue 13, figures as real news writes them (second round): units of technology and energy,
ranges with the unit or the minus written on both ends, "pc" ranges, prices of goods and exchange
rates, scale abbreviations and spelled-out numbers in counts, and numbers that are no facts.
Sentences invented for these tests."""
import pytest

from conftest import facts_of, one_fact


# --- units: technology, energy, speed -------------------------------------------------------
@pytest.mark.parametrize("text, span, value, unit", [
    ("The handset weighs 187 grams without its case.", "187 grams", 187, "g"),
    ("It packs a 4,800mAh battery.", "4,800mAh", 4800, "mAh"),
    ("The panel refreshes at up to 144Hz.", "up to 144Hz", 144, "Hz"),
    ("Its chip runs at 3.1 GHz.", "3.1 GHz", 3.1, "GHz"),
    ("A 65-watt charger comes in the box.", "65-watt", 65, "W"),
    ("The yard builds 14-megawatt turbines.", "14-megawatt", 14, "MW"),
    ("The array is a 2.4-gigawatt project.", "2.4-gigawatt", 2.4, "GW"),
    ("They plan an 8-gigawatt-hour cell factory.", "8-gigawatt-hour", 8, "GWh"),
    ("The farm sold 310 megawatt hours last month.", "310 megawatt hours", 310, "MWh"),
    ("The blaze spread at about 3 km an hour overnight.", "about 3 km an hour", 3, "km/h"),
    ("The VN-Index rose 0.67 point to close at 1,250.", "0.67 point", 0.67, "points"),
    ("Hai Phong hold a seven-point lead at the top.", "seven-point", 7, "points"),
    ("The group announced a 2-million-tonne expansion.", "2-million-tonne", 2_000_000, "tons"),
])
def test_units(text, span, value, unit):
    # (the VN-Index's closing level is a quantity of its own since the bare index levels: N10)
    (f,) = [f for f in facts_of(text, "quantity") if f.text == span]
    assert (f.value, f.unit) == (value, unit)


@pytest.mark.parametrize("text", [
    "The ministry unveiled a 10-point plan for the river.",   # items, not a score
    "The 5G network now covers 30 provinces.",                # a name
])
def test_no_unit_read_into_names_and_plans(text):
    assert all(f.unit not in ("points", "g") for f in facts_of(text, "quantity"))


# --- ranges ----------------------------------------------------------------------------------
@pytest.mark.parametrize("text, kind, span, lo, hi, unit", [
    ("Highs of 4C to 7C are forecast for the coast.", "quantity", "4C to 7C", 4, 7, "degrees Celsius"),
    ("The detour adds 20 minutes to 35 minutes.", "quantity", "20 minutes to 35 minutes", 20, 35,
     "minutes"),
    ("Lows of minus 18 to minus 12 degrees are expected.", "quantity",
     "minus 18 to minus 12 degrees", -18, -12, "degrees"),
    ("Nights of minus 6 to 2 degrees lie ahead.", "quantity", "minus 6 to 2 degrees", -6, 2, "degrees"),
    ("Shops cut rents by about 20pc to 40pc.", "percentage", "about 20pc to 40pc", 20, 40, None),
    ("Fees rise 4 per cent to 6 per cent.", "percentage", "4 per cent to 6 per cent", 4, 6, None),
])
def test_ranges(text, kind, span, lo, hi, unit):
    f = one_fact(text, kind)
    assert (f.text, f.value, f.value_max, f.unit) == (span, lo, hi, unit)


@pytest.mark.parametrize("text, spans", [
    ("The wait was cut from 14 days to 6 days.", ["14 days", "6 days"]),       # a change
    ("The tailback grew 4 km to 9 km by noon.", ["4 km", "9 km"]),             # a change
    ("Readings went from 5 to minus 3 degrees.", []),                          # no range to trust
])
def test_changes_stay_apart(text, spans):
    assert [f.text for f in facts_of(text, "quantity")] == spans


# --- money: prices of goods, per-units, exchange rates ----------------------------------------
@pytest.mark.parametrize("text, span, value, unit, currency, rule", [
    ("Brent crude settled at $84.12 a barrel.", "$84.12 a barrel", 84.12, "barrel", "USD",
     "money.prefix"),
    ("Gold slipped to $2,310 an ounce.", "$2,310 an ounce", 2310, "ounce", "USD", "money.prefix"),
    ("Palm oil ended at RM3,980 a tonne.", "RM3,980 a tonne", 3980, "ton", "MYR", "money.prefix"),
    ("The board declared 4.1p a share.", "4.1p a share", 0.041, "share", "GBP", "money.minor"),
    ("Power was sold at €65 per megawatt hour.", "€65 per megawatt hour", 65, "MWh", "EUR",
     "money.prefix"),
    ("Flats fetch VND48 million per sq.m.", "VND48 million per sq.m", 48_000_000, "m2", "VND",
     "money.prefix"),
    ("Solar power earns 7.4 U.S. cents per kWh.", "7.4 U.S. cents per kWh", 0.074, "kWh", "USD",
     "money.minor"),
    ("Cotton rose to 81.5 cents per lb.", "81.5 cents per lb", 0.815, "lb", "USD",
     "money.minor.context"),
    ("Rents reach VND 9 million a month.", "VND 9 million", 9_000_000, None, "VND", "money.prefix"),
    ("The yen slid to near 151.2 per dollar.", "near 151.2 per dollar", 151.2, "USD", "JPY",
     "money.rate"),
    ("The ringgit firmed to 4.402 against the dollar.", "4.402 against the dollar", 4.402, "USD",
     "MYR", "money.rate"),
    ("The euro bought $1.0871 in Asian trade.", "$1.0871", 1.0871, "EUR", "USD", "money.rate"),
    ("Sterling was flat at $1.2640.", "$1.2640", 1.264, "GBP", "USD", "money.rate"),
])
def test_money_units_and_rates(text, span, value, unit, currency, rule):
    f = one_fact(text, "money")
    assert (f.text, f.value, f.unit, f.currency, f.rule_id) == (span, pytest.approx(value), unit,
                                                                 currency, rule)


@pytest.mark.parametrize("text", [
    "Shares of the bank traded at 14.6 per dollar of book value.",   # no other currency named
    "Crude rose $1.25 as the euro firmed.",                           # two decimals: a price
])
def test_no_rate_without_a_quoted_currency(text):
    assert all(f.rule_id != "money.rate" for f in facts_of(text, "money"))


def test_cents_take_the_dollar_written_in_their_sentence():
    text = "The euro held steady. Brent crude gained 37 cents to $88.40."
    assert [(f.text, f.currency) for f in facts_of(text, "money")] == [("37 cents", "USD"),
                                                                        ("$88.40", "USD")]


# --- counts and ratios: scales, spelled-out numbers ----------------------------------------
@pytest.mark.parametrize("text, span, value, value_max, unit", [
    ("The service passed 40k subscribers in May.", "40k subscribers", 40_000, None, "subscribers"),
    ("About 2 mln tourists came by air.", "About 2 mln tourists", 2_000_000, None, "tourists"),
    ("Builders finished 7 hundred homes.", "7 hundred homes", 700, None, "homes"),
    ("Twelve hundred volunteers joined the clean-up.", "Twelve hundred volunteers", 1200, None,
     "volunteers"),
    ("Two hundred and forty-five thousand voters took part.",
     "Two hundred and forty-five thousand voters", 245_000, None, "voters"),
    ("The city will buy eight to nine hundred buses.", "eight to nine hundred buses", 800, 900, "buses"),
])
def test_counts(text, span, value, value_max, unit):
    f = one_fact(text, "count")
    assert (f.text, f.value, f.value_max, f.unit) == (span, value, value_max, unit)


@pytest.mark.parametrize("text", [
    "Load peaked at 2130 AEST on Tuesday.",          # a wire clock time
    "The session ended at 1645 local time.",
    "The reservoir is back up from zero this week.",  # a level, no count
    "Lows dropped below zero overnight.",
    "They got 3 mil from the lottery.",               # no noun counted
])
def test_no_count(text):
    assert facts_of(text, "count") == []


def test_a_count_of_zero_keeps_its_noun():
    f = one_fact("The province reported zero fatalities.", "count")
    assert (f.text, f.value, f.unit) == ("zero fatalities", 0, "fatalities")


@pytest.mark.parametrize("text, span, num, den, unit", [
    ("He has scored in 9 of his last 10 games.", "9 of his last 10 games", 9, 10, "games"),
    ("Four hundred of the 650 flats are sold.", "Four hundred of the 650 flats", 400, 650, "flats"),
])
def test_ratios(text, span, num, den, unit):
    f = one_fact(text, "ratio")
    assert (f.text, f.numerator, f.denominator, f.unit) == (span, num, den, unit)


def test_a_season_is_no_ratio():
    assert facts_of("Crowds grew in the 2024/25 season.", "ratio") == []


# --- sport: goals, league points, closing minutes; ages --------------------------------------
@pytest.mark.parametrize("text, kind, span, value, unit", [
    ("The visitors scored three goals after the break.", "count", "three goals", 3, "goals"),
    ("Ha Tinh moved clear at the top of the league table with 28 points.", "quantity", "28 points",
     28, "points"),
    ("Both sides tired in the final 10 minutes of the match.", "quantity", "10 minutes", 10, "minutes"),
    ("A 61-year-old cyclist was injured.", "quantity", "61-year-old", 61, "years"),
])
def test_sport_and_ages(text, kind, span, value, unit):
    f = one_fact(text, kind)
    assert (f.text, f.value, f.unit) == (span, value, unit)


def test_points_of_a_plan_are_no_quantity():
    assert facts_of("The resolution sets out 6 points of action for districts.", "quantity") == []
