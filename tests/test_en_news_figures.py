"""Issue 13, figures as real news writes them (second round): units of technology and energy,
ranges with the unit or the minus written on both ends, "pc" ranges, prices of goods and exchange
rates, scale abbreviations and spelled-out numbers in counts, and numbers that are no facts.
Sentences invented for these tests."""
import pytest

from conftest import facts_of, one_fact


def row(f):
    return (f.text, f.value, f.value_max, f.unit, f.rule_id)


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
    f = one_fact(text, "quantity")
    assert (f.text, f.value, f.unit) == (span, value, unit)


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
