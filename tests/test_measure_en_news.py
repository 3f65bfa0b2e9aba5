"""What English figures measure in news writing (extractors/measure/), class by class: units of sport,
technology and weather, spans written in parts, periods of a change, dimension adjectives, what is yet
to be done, comparisons with an earlier figure, verbs that change their object, exchange rates, prize
money, passives after money, sport rankings and market gains. Invented sentences."""
import datetime
import functools

import pytest

from conftest import measures as conftest_measures

PUB = datetime.date(2025, 3, 14)

measures = functools.partial(conftest_measures, published=PUB)


CLASSES = {
    # a quantity modifies the noun after it, no determiner needed, and its unit says the dimension
    "quantity before its noun": ("The utility ordered 12 MW turbines for the new farm. "
                                 "The storm arrived with 130 km/h winds, flattening crops.",
                                 {"12 MW": "turbine capacity", "130 km/h": "wind speed"}),
    # the parts of one span of time measure one thing
    "span in parts": ("Kiplagat won the men's race in 2 hours 9 minutes.",
                      {"2 hours": "men's race time", "9 minutes": "men's race time"}),
    # a period after a change in its clause is that change's period
    "period of a change": ("Freight rates have fallen by 12% over the past 18 months.",
                           {"12%": "freight rate decrease", "18 months": "freight rate decrease period"}),
    # an adjective of dimension after a quantity says what it measures
    "dimension adjective": ("The new tablet is 6.1mm thick. The tunnel is 9 km long.",
                            {"6.1mm": "new tablet thickness", "9 km": "tunnel length"}),
    # what is yet to be done: a modal or "to" before the verb, a future passive after the unit
    "yet to be done": ("The board will inspect four schools and set up two teams to audit nine clinics. "
                       "About 40 graves are to be relocated.",
                       {"four schools": "schools to inspect", "nine clinics": "clinics to audit",
                        "About 40 graves": "graves to be relocated"}),
    "land yet to be handed over": ("About 12 ha of farmland will be recovered for the interchange.",
                                   {"About 12 ha": "farmland to be recovered"}),
    # a figure compared with the one before it measures the same thing
    "comparison": ("Some 91% of pupils now have school meals, compared with 70 percent in 2019. "
                   "The quarterly dividend was cut to 4.1p from 6.3p.",
                   {"Some 91%": "pupils school meals", "70 percent": "pupils school meals",
                    "4.1p": "quarterly dividend", "6.3p": "quarterly dividend"}),
    # a verb that changes its object: the level after "to", the change after "by"
    "verb that changes its object": ("New towers could push the office vacancy rate to 21%. "
                                     "Factories were told to cut water use by at least 15%.",
                                     {"21%": "office vacancy rate", "at least 15%": "water use cut"}),
    "intransitive change in base form": ("Fares would increase by 4% next year.",
                                         {"4%": "fare growth"}),
    # a dimension goes after a noun phrase: the verb of the clause is no part of it
    "verb before a dimension": ("Crews said the blaze was moving at about 3 km an hour.",
                                {"about 3 km an hour": "blaze speed"}),
    # a span written in parts joined by commas and "and" is one span
    "span in parts with and": ("The winner finished in 2 hours, 21 minutes and 7 seconds.",
                               {"2 hours": "winner finishing time", "21 minutes": "winner finishing time",
                                "7 seconds": "winner finishing time"}),
    # a span right after an amount is the period of that amount
    "period of an amount": ("Rain gauges in the valley recorded 140 mm in 12 hours.",
                            {"140 mm": "rainfall", "12 hours": "rainfall period"}),
    # ages
    "age": ("A 61-year-old farmer was injured. Nguyen, 34, said the road was closed.",
            {"61-year-old": "age of the farmer", "34": "age"}),
    # weather: rain is rainfall, temperatures and gusts by their words, forecasts say so
    "weather forecast": ("Forecasters said 80-150 mm of rain could fall, with gusts of up to 90 km/h, "
                         "while daytime temperatures in the north will stay at 5C to 8C.",
                         {"80-150 mm": "rainfall forecast", "up to 90 km/h": "gusts forecast",
                          "5C to 8C": "daytime temperatures forecast"}),
    # a place in a race, and the places after it in its sentence
    "finishing position": ("Uganda's Joshua Kiptum came second and Peter Otieno was fourth.",
                           {"came second": "finishing position", "fourth": "finishing position"}),
    # a superlative rank ranks by its superlative what it names; a rank among things ranks them
    "superlative and among": ("Brazil, the world's second-largest exporter of beef, ... "
                              "The company ranked third among regional airlines last year.",
                              {"second-largest": "largest exporter ranking",
                               "ranked third": "regional airline ranking"}),
    # a rank on a list ranks what the list is of
    "list of": ("The city ranked 5th on a magazine's list of the most liveable cities.",
                {"ranked 5th": "most liveable city ranking"}),
    # a price that starts somewhere is a starting price; "priced from" compares with nothing before
    "starting price": ("The basic model starts at $649, while the deluxe version is priced from $899.",
                       {"$649": "basic model starting price"}),
    # a multiplier after a figure compares that figure with its base
    "multiplier": ("Exports reached $3.1 billion, 1.8 times the level of the previous quarter.",
                   {"1.8 times": "exports compared with previous quarter"}),
}


@pytest.mark.parametrize("name", CLASSES)
def test_each_class_of_news_phrasing_gets_its_measure(name):
    text, expected = CLASSES[name]
    got = measures(text)
    assert {figure: got.get(figure) for figure in expected} == expected


def test_money_priced_in_another_currency_is_an_exchange_rate():
    got = measures("The won weakened to 1,390 per dollar, while the euro bought $1.0840 "
                   "and sterling was at $1.2710.")
    assert got["1,390 per dollar"] == "won exchange rate"
    assert got["$1.0840"] == "euro exchange rate"
    assert got["$1.2710"] == "sterling exchange rate"


def test_money_a_winner_or_finisher_receives_is_prize_money():
    got = measures("The champions will receive $40,000 and the runners-up $25,000.")
    assert got["$40,000"] == "champion prize money"
    assert got["$25,000"] == "runner-up prize money"


def test_money_with_nothing_before_it_takes_the_passive_after_it():
    got = measures("The loan package was large, but only VND 900 billion had been disbursed by May.")
    assert got["VND 900 billion"] == "disbursed"


def test_a_noun_of_money_says_more_than_the_verb_before_it():
    got = measures("Each finisher earned a bonus of $500. Bidders must pay a deposit of $2,000.")
    assert got["$500"] == "bonus"
    assert got["$2,000"] == "deposit"


def test_a_seed_and_a_league_table_are_sport_rankings():
    got = measures("She knocked out second seed Lena Park in the semi-final. "
                   "United are third in the league on 41 points. City slipped to ninth.")
    assert got["second seed"] == "seeding position"
    assert got["third"] == "league position"
    assert got["ninth"] == "league position"   # the article says it is a league


def test_a_market_index_gains_and_an_economic_index_grows():
    got = measures("The benchmark Kospi rose 1.2% on Monday. The consumer price index rose 2.9% in May.")
    assert got["1.2%"] == "benchmark kospi gain"
    assert got["2.9%"] == "consumer price index growth"


def test_a_record_over_a_span_is_a_period_of_the_record():
    got = measures("Car sales fell to 21,000 units, the lowest in six years. "
                   "Exports reached $4 billion, their highest level in three years.")
    assert got["six years"] == "period of lowest"
    assert got["three years"] == "period of highest level"


def test_rain_is_rainfall_and_gusts_say_their_dimension():
    got = measures("The storm brought 80mph gusts. Rain gauges recorded 120mm overnight.")
    assert got["80mph"] == "gusts"
    assert got["120mm"].endswith("rainfall")


def test_a_headline_figure_modifies_no_word_of_the_next_line():
    got = measures("Hanoi shivers in 8-degree cold\nPower use rose sharply on Monday.")
    assert got["8-degree"] == "cold temperature"


def test_a_figure_after_a_date_and_to_restates_the_one_before():
    got = measures("The district's orchard area has shrunk from 3,200 ha in 2016 to 2,700 ha in 2022.")
    assert got["3,200 ha"] == got["2,700 ha"] == "orchard area"


def test_a_part_of_an_amount_before_it_measures_the_same():
    got = measures("The commune has 640 ha of rice, including 210 ha certified as organic.")
    assert got["210 ha"] == got["640 ha"] == "rice area"


def test_a_counted_tail_stops_before_the_next_figure():
    got = measures("So far 1,204 households had received a total of VND 310 billion.")
    assert got["1,204 households"] == "households received"


def test_a_share_of_which_names_its_things():
    got = measures("The fair drew 940 exhibitors, 35% of which are retailers, organisers said.")
    assert got["35%"] == "retailer share of exhibitors"


def test_present_verbs_after_counted_things_and_participles_of_disasters():
    got = measures("So far 212 of 240 wards meet the new standards. "
                   "The flood swept the valley, leaving 9,000 homes without power and killing 14 people.")
    assert got["212 of 240 wards"] == "wards meet the new standards"
    assert got["9,000 homes"] == "homes left without power"   # what narrows them too (qualified.py)
    assert got["14 people"] == "people killed"


def test_a_share_restating_the_figure_before_is_its_share_of_the_whole():
    got = measures("The city has about 2.1 million registered motorbikes, equal to about 24% of the population.")
    assert got["about 24%"] == "registered motorbike share of population"


def test_a_compared_figure_that_modifies_its_own_noun_keeps_it():
    got = measures("Tech shares rose 2.4%, compared with a 0.6% gain in the benchmark Nikkei.")
    assert got["0.6%"] == "benchmark nikkei gain"


def test_what_forecasters_expect_is_measured_without_them():
    got = measures("Brokers at Delta Capital expect the group's net profit to reach $210 million this year.")
    assert got["$210 million"] == "net profit"   # whose it is is no part of it


def test_a_share_of_them_that_were_done_is_no_kind_of_thing():
    got = measures("About 2,300 new flats were launched, and 88% of them were sold.")
    assert got["88%"] == "new flats sold"


def test_a_to_verb_takes_the_tense_of_its_clause():
    # a decision or an assignment already made: what was done, as the seeds' "delegations established"
    assert measures("In May, the Standing Committee issued a decision to establish 4 inspection teams.")[
        "4 inspection teams"] == "inspection teams established"
    assert measures("The city assigned the ward to complete 27 tasks in 2024.")["27 tasks"] == "tasks completed"
    # a modal further back makes it what is yet to be done
    assert measures("Next quarter, the commission will set up two teams to audit nine clinics.")[
        "nine clinics"] == "clinics to audit"
    assert measures("The board plans to build 12 schools.")["12 schools"] == "schools to build"
