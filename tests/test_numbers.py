import pytest

import re
from decimal import Decimal

from extractors.lang.en.numbers import (
    FIGURE_OPENING_RE,
    LONG_WORD_NUMBER_RE,
    SCALES,
    WORD_NUMBER_RE,
    parse_number,
)


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


# --- the wider grammar (issue 13): what the other English extractors may hand parse_number ------
@pytest.mark.parametrize("s, expected", [
    # long spelled-out numbers, their whole value
    ("one hundred and twenty-five thousand", 125_000),
    ("six hundred", 600),
    ("two million three hundred thousand", 2_300_000),
    ("five thousand three hundred and twelve", 5312),
    # fractions
    ("two and a half million", 2_500_000),
    ("one and a half", 1.5),
    ("half a million", 500_000),
    ("a half million", 500_000),
    ("half million", 500_000),
    ("a quarter of a million", 250_000),
    ("three quarters of a billion", 750_000_000),
    ("3 million and a half", 3_500_000),
    ("one billion and a half million", 1_000_500_000),
    ("three quarters", 0.75),
    ("two thirds", pytest.approx(2 / 3)),
    # dozens
    ("a dozen", 12),
    ("three dozen", 36),
    ("half a dozen", 6),
    # South Asian scales
    ("13 lakh", 1_300_000),
    ("500 crore", 5_000_000_000),
    ("1.5 lakh crore", 1_500_000_000_000),
    ("three lakh crore", 3_000_000_000_000),
    ("6 crore and two hundred", 60_000_200),
    # scale abbreviations, glued or spaced
    ("3.2m", 3_200_000),
    ("4.5bn", 4_500_000_000),
    ("10k", 10_000),
    ("2.33 k", 2330),
    ("3 mln", 3_000_000),
    ("3bln", 3_000_000_000),
    ("1.2tn", 1_200_000_000_000),
    ("1MM", 1_000_000),
    ("2mil", 2_000_000),
    # digits and words mixed
    ("4 thousand 3 hundred and 21", 4321),
    # negative numbers
    ("-0.8", -0.8),
    ("−3.5", -3.5),
    ("minus 5", -5),
    ("- 10 k", -10_000),
    ("negative one", -1),
    ("minus five point five", -5.5),
    # other ways of writing digits
    ("1 234 567", 1_234_567),
    (".08", 0.08),
    ("two hundred point zero three", 200.03),
])
def test_wider_grammar(s, expected):
    assert parse_number(s) == expected


@pytest.mark.parametrize("junk", [
    "dozens", "half half", "minus", "--5", "3 m tonnes", "five m", "one two thousand three four",
    "a and", "point", "thousand and", "12 34",
])
def test_wider_grammar_junk_raises(junk):
    with pytest.raises(ValueError):
        parse_number(junk)


def test_parse_scaled_takes_any_scale():
    from extractors.lang.en.numbers import parse_scaled
    assert parse_scaled("3.2", "m") == 3_200_000
    assert parse_scaled("1.5", " lakh crore") == 1.5e12
    assert parse_scaled("7", "  ") == 7


def _figures(text):
    import re

    from extractors.lang.en.numbers import SIGNED_FIGURE_RE
    rx = re.compile(rf"(?<![\w.,-]){SIGNED_FIGURE_RE}(?![^\W\d_])", re.IGNORECASE)
    return [(m.group(), parse_number(m.group())) for m in rx.finditer(text)]


@pytest.mark.parametrize("text, figures", [
    # "m" (and "k") is a scale only glued before a plural noun
    ("Exports hit 3.2m tonnes last year.", [("3.2m", 3_200_000)]),
    ("About 2m people voted.", [("2m", 2_000_000)]),
    ("Some 10k runners took part.", [("10k", 10_000)]),
    ("They built a 3m wall.", []),
    ("The dyke is 3m high.", []),
    ("She won the 100m hurdles.", []),
    ("She ran a 10k race.", []),
    ("Rainfall was 5mm.", []),
    ("3M shares rose.", []),                       # a company, upper case
    ("The pool is 3m across.", []),
    # unambiguous abbreviations and scale words after any figure
    ("Reserves of 3.5bn barrels", [("3.5bn", 3_500_000_000)]),
    ("13 lakh families", [("13 lakh", 1_300_000)]),
    ("24.1 million visitors", [("24.1 million", 24_100_000)]),
    # spelled-out numbers of any size
    ("one hundred and twenty-five thousand visitors", [("one hundred and twenty-five thousand", 125_000)]),
    ("two and a half million tourists", [("two and a half million", 2_500_000)]),
    ("a dozen villages", [("a dozen", 12)]),
    ("half a million people", [("half a million", 500_000)]),
    ("a quarter of a million residents", [("a quarter of a million", 250_000)]),
    ("two and a half years", [("two and a half", 2.5)]),
    ("five thousand three hundred households", [("five thousand three hundred", 5300)]),
    # not a figure: a bare "half" or "a quarter" (multiplier, period), "a" alone
    ("half the budget in a quarter", []),
    # negatives
    ("growth of -0.8 percent", [("-0.8", -0.8)]),
    ("minus 5 degrees", [("minus 5", -5)]),
])
def test_figure_re(text, figures):
    assert _figures(text) == figures


def test_figure_re_keeps_whole_digit_strings():
    # no backtracking into a shorter figure when a scale is refused: "100m" is not "10"
    assert _figures("the 100m final") == []
    assert _figures("11,300 people") == [("11,300", 11300)]


def test_scale_suffix_for_money_takes_every_letter():
    import re

    from extractors.lang.en.numbers import DIGITS_RE, scale_suffix_re
    rx = re.compile(rf"{DIGITS_RE}(?:{scale_suffix_re(money=True)})?", re.IGNORECASE)
    assert [rx.fullmatch(s) is not None for s in ("3m", "1.2b", "10K", "5MM", "4 bn", "3 m")] == [
        True, True, True, True, True, False]


def test_figure_starts_find_signs_and_half():
    from extractors.lang.en.numbers import figure_starts
    from extractors.nlp import build_nlp
    text = "Output fell -0.8 and half a million left, minus 5 today."
    doc = build_nlp("en").make_doc(text)
    starts = figure_starts().starts(doc)
    assert {text.index("-0.8"), text.index("half"), text.index("minus")} <= set(starts)


@pytest.mark.parametrize("s", ["0", "7", "15", "2026", "000120", "98765432109876543210987"])
def test_plain_digits_read_as_a_decimal_would(s):
    assert parse_number(s) == float(Decimal(s))


@pytest.mark.parametrize("fig", [
    "a dozen", "half a million", "a quarter of a million", "an hundred", "a hundred and five",
    "a million", "two thirds of a billion", "three quarters of a million", "Twenty-one", "seven", "a half million",
    "one and a half", "Six hundred", "ninety nine",
])
def test_every_spelled_out_figure_begins_with_a_figure_opening(fig):
    assert re.fullmatch(LONG_WORD_NUMBER_RE, fig, re.IGNORECASE) or \
        re.fullmatch(WORD_NUMBER_RE, fig, re.IGNORECASE), fig
    assert re.match(FIGURE_OPENING_RE, fig, re.IGNORECASE)


@pytest.mark.parametrize("words", ["a new", "at the", "in 2020", "an hour", "hall of", "about"])
def test_words_that_open_no_figure_fail_the_opening(words):
    assert not re.match(FIGURE_OPENING_RE, words, re.IGNORECASE)
