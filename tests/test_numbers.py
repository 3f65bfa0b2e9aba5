import pytest

from extractors.lang.en.numbers import SCALES, parse_number


@pytest.mark.parametrize("s, expected", [
    ("7", 7),
    ("2,450", 2450),
    ("1,204,330", 1204330),
    ("42.75", 42.75),
    ("3.05", 3.05),
    ("1,234.5", 1234.5),
    ("88,41", 88.41),       # stray decimal comma: group after the comma is not 3 digits
    ("3,5", 3.5),
    ("0,125", 125),         # exactly 3 digits reads as thousands in English
    ("4.567", 4.567),       # English: dot is decimal even before 3 digits
    ("1.234.567", 1234567),  # several dots can only be thousands
    ("-12", -12),
    ("  15 ", 15),
])
def test_digits_en(s, expected):
    assert parse_number(s) == pytest.approx(expected)


@pytest.mark.parametrize("s, expected", [
    ("254.918", 254918),
    ("3.000", 3000),
    ("9,3", 9.3),
    ("1.234,5", 1234.5),
    ("12", 12),
])
def test_digits_vi(s, expected):
    assert parse_number(s, lang="vi") == pytest.approx(expected)


@pytest.mark.parametrize("s, expected", [
    ("four", 4),
    ("Eleven", 11),
    ("thirty-two", 32),
    ("forty seven", 47),
    ("one hundred", 100),
    ("a hundred", 100),
    ("two hundred and six", 206),
    ("five thousand three hundred", 5300),
    ("a million", 1_000_000),
    ("ninety", 90),
])
def test_words(s, expected):
    assert parse_number(s) == expected


@pytest.mark.parametrize("s, expected", [
    ("37.6 trillion", 37_600_000_000_000),
    ("2,5 million", 2_500_000),
    ("8 billion", 8_000_000_000),
    ("1.07 quadrillion", 1_070_000_000_000_000),
    ("six thousand", 6000),
])
def test_scales(s, expected):
    assert parse_number(s) == expected
    # whole amounts come out exact, not 37599999999999.996
    assert float(parse_number(s)).is_integer()


def test_scale_table():
    assert SCALES["thousand"] == 10**3
    assert SCALES["quadrillion"] == 10**15
    assert set(SCALES) == {"thousand", "million", "billion", "trillion", "quadrillion"}


@pytest.mark.parametrize("junk", [
    "", "   ", "abc", "12a", "1..2", "1,2,3", "5-7", "four five", "twenty thirty",
    "and", "a", "seven hundred hundred", "3 apples", "1.23,4.5",
])
def test_junk_raises(junk):
    with pytest.raises(ValueError):
        parse_number(junk)


@pytest.mark.parametrize("raw, value", [("1st", 1), ("22nd", 22), ("3rd", 3), ("14th", 14),
                                        ("Third", 3), ("twelfth", 12)])
def test_parse_ordinal(raw, value):
    from extractors.lang.en.numbers import parse_ordinal
    assert parse_ordinal(raw) == value


@pytest.mark.parametrize("raw", ["1", "first-class", "21s"])
def test_parse_ordinal_rejects(raw):
    from extractors.lang.en.numbers import parse_ordinal
    with pytest.raises(ValueError):
        parse_ordinal(raw)


def test_parse_scaled():
    from extractors.lang.en.numbers import parse_scaled
    assert parse_scaled("160.8", "million") == 160_800_000
    assert parse_scaled("6,626") == 6626
