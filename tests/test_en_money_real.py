"""English money as news outside Vietnam writes it (issue 13): currencies and scales, minor units,
ranges, and the near-misses around them. Every sentence here is invented."""
import pytest

from conftest import facts_of, one_fact


def money(text, published=None):
    return facts_of(text, "money", published)


def rows(text):
    return [(f.text, f.value, f.value_max, f.currency) for f in money(text)]


# --- currencies and scales ---------------------------------------------------------------
@pytest.mark.parametrize("text, span, value, currency, rule", [
    # ISO codes glued or spaced, before or after the figure
    ("The refiner will invest INR5 billion in a second cracker unit.", "INR5 billion", 5e9, "INR",
     "money.prefix"),
    ("Tokyo extended a JPY 20.9 billion loan for the metro line.", "JPY 20.9 billion", 20.9e9, "JPY",
     "money.prefix"),
    ("The bank booked CNY 4.2 billion in bad-loan provisions.", "CNY 4.2 billion", 4.2e9, "CNY",
     "money.prefix"),
    ("The club agreed a fee of 45 million CHF with the buyer.", "45 million CHF", 45e6, "CHF",
     "money.suffix"),
    # symbols before or after
    ("Tickets for the final resold online for 1,500€ each.", "1,500€", 1500, "EUR", "money.suffix"),
    ("Regulators fined the airline €1,500 per late flight.", "€1,500", 1500,
     "EUR", "money.prefix"),
    ("A bowl of laksa at the airport food court now costs RM45.", "RM45", 45, "MYR",
     "money.prefix"),
    ("The fintech raised S$3 million in its seed round.", "S$3 million", 3e6, "SGD", "money.prefix"),
    ("The harbour tunnel toll brings in HK$12 million a month.", "HK$12 million", 12e6, "HKD",
     "money.prefix"),
    ("Canberra set aside A$800 million for drought relief.", "A$800 million", 800e6, "AUD",
     "money.prefix"),
    ("Ottawa's grant of C$250,000 went to the co-operative.", "C$250,000", 250_000, "CAD",
     "money.prefix"),
    ("Wellington will spend NZ$1.1 billion on rail.", "NZ$1.1 billion", 1.1e9, "NZD", "money.prefix"),
    ("Seoul's budget for chip subsidies is ₩26 trillion.", "₩26 trillion", 26e12, "KRW",
     "money.prefix"),
    # South Asian scales: crore 10^7, lakh 10^5
    ("The state cabinet cleared a Rs 500 crore package for flood-hit districts.", "Rs 500 crore",
     5e9, "INR", "money.prefix.context"),
    ("Families of the victims will get Rs. 2.5 lakh each, the minister said.", "Rs. 2.5 lakh",
     250_000, "INR", "money.prefix.context"),
    # currency names
    ("Seoul set aside 500 billion won for the shipbuilders.", "500 billion won", 500e9, "KRW",
     "money.suffix"),
    ("Farm exports earned 3.4 billion baht in the quarter.", "3.4 billion baht", 3.4e9, "THB",
     "money.suffix"),
    ("The toll road cost 12 trillion rupiah to build.", "12 trillion rupiah", 12e12, "IDR",
     "money.suffix"),
    ("Petronas paid 400 million ringgit in special dividends.", "400 million ringgit", 400e6, "MYR",
     "money.suffix"),
    ("Chinese exporters were paid 20 billion yuan in rebates.", "20 billion yuan", 20e9, "CNY",
     "money.suffix"),
    # written currency names with spelled-out numbers
    ("A museum ticket now costs nine euros.", "nine euros", 9, "EUR", "money.words"),
    ("The guide charged five pounds for the walking tour.", "five pounds", 5, "GBP", "money.words"),
    ("Donors pledged half a million dollars overnight.", "half a million dollars", 500_000, "USD",
     "money.words"),
    ("The region received two and a half million euros in aid.", "two and a half million euros",
     2_500_000, "EUR", "money.words"),
    ("A night in the hostel is 300 dollars in high season.", "300 dollars", 300, "USD",
     "money.suffix"),
    # scale abbreviations
    ("The chipmaker raised $4.5bn from the bond sale.", "$4.5bn", 4.5e9, "USD", "money.abbr"),
    ("The council saved £3m by merging depots.", "£3m", 3e6, "GBP", "money.abbr"),
    ("Winners take home $10k and a trophy.", "$10k", 10_000, "USD", "money.abbr"),
    ("The striker's release clause is $2 mil, his agent said.", "$2 mil", 2e6, "USD", "money.abbr"),
    ("Global debt topped $1.2tn in the survey.", "$1.2tn", 1.2e12, "USD", "money.abbr"),
    ("The project has a budget of USD 3 mln.", "USD 3 mln", 3e6, "USD", "money.abbr"),
    ("Eni signed a €3bln supply deal.", "€3bln", 3e9, "EUR", "money.abbr"),
    ("The fund's target is US$ 1MM this year.", "US$ 1MM", 1e6, "USD", "money.abbr"),
])
def test_currencies_and_scales(text, span, value, currency, rule):
    f = one_fact(text, "money")
    assert (f.text, f.currency, f.rule_id) == (span, currency, rule)
    assert f.value == pytest.approx(value)


# --- ambiguous symbols and names: the context rules -----------------------------------------
@pytest.mark.parametrize("text, currency", [
    ("Toyota's operating profit rose to ¥5.4 trillion.", "JPY"),          # no cue: yen
    ("Chinese carmaker BYD raised ¥20 billion in Shenzhen.", "CNY"),      # "Chinese"
    ("The yuan slipped; Beijing injected ¥300 billion of liquidity.", "CNY"),
    ("Japanese retailers and Chinese buyers: the deal, in Tokyo, was ¥80 billion.", "JPY"),  # nearest cue
    ("The Pakistani budget sets aside Rs 9 trillion for debt service.", "PKR"),
    ("Colombo's port upgrade will cost Rs 40 billion, Sri Lankan officials said.", "LKR"),
    ("Manila's subway costs 488 billion pesos.", "PHP"),                  # default
    ("Mexican remittances reached 60 billion pesos.", "MXN"),
])
def test_context_rules(text, currency):
    f = one_fact(text, "money")
    assert f.currency == currency
    assert f.rule_id.endswith(".context")


def test_context_falls_back_to_the_article():
    text = ("Chinese developers are under pressure.\nCountry Garden needs ¥9.6 billion to pay "
            "its bondholders this month.")
    assert [f.currency for f in money(text)] == ["CNY"]


def test_dollar_sign_is_usd_even_in_a_singapore_story():
    text = "Singapore's DBS bank lent $3 million to the start-up."
    assert rows(text) == [("$3 million", 3e6, None, "USD")]


# --- minor units ---------------------------------------------------------------------------
def test_pence_and_cents():
    assert [(f.text, f.value, f.currency, f.rule_id) for f in money(
        "A first-class stamp now costs 125p, and a litre of milk 95 pence.")] == [
        ("125p", 1.25, "GBP", "money.minor"), ("95 pence", 0.95, "GBP", "money.minor")]
    f, = money("Shares of the chipmaker fell 10.5 cents to close at a record low.")
    assert (f.text, f.currency, f.rule_id) == ("10.5 cents", "USD", "money.minor.context")
    assert f.value == pytest.approx(0.105)


def test_cents_take_the_dollar_the_sentence_names():
    facts = money("DBS shares rose to S$38.20, up 10.5 cents, in morning trade.")
    assert [(f.text, f.currency) for f in facts] == [("S$38.20", "SGD"), ("10.5 cents", "SGD")]
    f, = money("The Australian dollar lost 1.5 cents overnight.")
    assert (f.currency, f.value) == ("AUD", pytest.approx(0.015))
    f, = money("A plastic bag costs 10 euro cents in Ireland.")
    assert (f.text, f.currency, f.value) == ("10 euro cents", "EUR", pytest.approx(0.1))


# --- ranges --------------------------------------------------------------------------------
@pytest.mark.parametrize("text, span, value, value_max, currency, unit", [
    ("Villas in the compound range from $2 million to $3.5 million.",
     "from $2 million to $3.5 million", 2e6, 3.5e6, "USD", None),
    ("Plots near the new airport sold for $2-3 million each.", "$2-3 million", 2e6, 3e6, "USD",
     None),
    ("Compensation for paddy land is VND 1.1 to 1.5 billion per ha.",
     "VND 1.1 to 1.5 billion per ha", 1.1e9, 1.5e9, "VND", "ha"),
    ("Each of the five bridges will cost between 5 and 7 billion dong.",
     "between 5 and 7 billion dong", 5e9, 7e9, "VND", None),
    ("Growers were paid US$15-20 per tonne above the floor price.", "US$15-20 per tonne", 15, 20,
     "USD", "ton"),
    ("The settlement is expected to be between $5 billion and $7 billion.",
     "between $5 billion and $7 billion", 5e9, 7e9, "USD", None),
    ("The bonds raised US$1.5 billion-2 billion.", "US$1.5 billion-2 billion", 1.5e9, 2e9, "USD",
     None),
    ("Tuition runs from £9,000 to £12,500 a year.", "from £9,000 to £12,500", 9000, 12500, "GBP",
     None),
    ("Coins worth 10-20 cents were withdrawn.", "10-20 cents", 0.1, 0.2, "USD", None),
])
def test_ranges(text, span, value, value_max, currency, unit):
    f, = money(text)
    assert (f.text, f.currency, f.unit, f.rule_id.split(".")[1]) == (span, currency, unit, "range")
    assert (f.value, f.value_max) == (pytest.approx(value), pytest.approx(value_max))


@pytest.mark.parametrize("text, spans", [
    # a change, not a range: two facts (gold README rule 3)
    ("The project's budget was raised from $2 million to $3.5 million.",
     ["$2 million", "$3.5 million"]),
    ("Quarterly revenue grew by £2m to £5m.", ["£2m", "£5m"]),
    # "to" names who got it
    ("The foundation donated $500 to 20 families in the village.", ["$500"]),
    # different currencies at the two ends
    ("The price moved from $5 to €10.", ["$5", "€10"]),
])
def test_not_ranges(text, spans):
    assert [f.text for f in money(text)] == spans
    assert all(f.value_max is None for f in money(text))


# --- near-misses ---------------------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "The £ sign was missing from the old keyboards.",
    "The Tesla Model 3 was the best-selling car in Norway.",
    "Wages are measured in 2024 dollars.",
    "The 2008 dollar crisis still shapes policy.",
    "The company VNDirect reported results.",
    "The USDA expects 3 million tonnes of soybeans.",
    "They built a 3m wall around the site.",
    "Streams are available in 1080p and 720p.",
    "Of the 12 nominees, 5 won seats on the board.",
    "In 2019 won the award for the second time.",
    "He weighed 200 pounds before the season.",
    "Each family received five pounds of rice.",
    "The 1,250 cadres and 30 auditors met in May.",
    "The rate was 5 per cent.",
    "Dozens of dollar stores closed.",
])
def test_not_money(text):
    assert money(text) == []


@pytest.mark.parametrize("text, spans", [
    ("Delegates at COP28 in Dubai pledged $700 million.", ["$700 million"]),
    ("The PHP 8.2 release is out; investors put PHP 2.1 billion into the port.", ["PHP 2.1 billion"]),
])
def test_codes_that_are_also_names(text, spans):
    assert [f.text for f in money(text)] == spans
