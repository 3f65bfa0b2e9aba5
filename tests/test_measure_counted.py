"""What English counts and ratios measure when no verb near them says what happened to the things
(extractors/measure/qualified.py, extractors/measure/counted.py): the predicate they are the subject
of later in their clause, the phrase after them that says which they are, what they were given.
Invented sentences."""
import datetime
import functools

import pytest

from conftest import measures as conftest_measures

PUB = datetime.date(2025, 3, 14)

measures = functools.partial(conftest_measures, published=PUB)


CLASSES = {
    # the predicate after a phrase that places the things: its state words and participle
    "predicate after a place": ("The ward said 42 families on the river bank have not yet moved.",
                                {"42 families": "families not yet moved"}),
    "state after a phrase with a figure": ("In the new town, nine schools with 4,000 seats are under construction.",
                                           {"nine schools": "schools under construction"}),
    # ... or after a comma aside that lists some of them
    "predicate after an aside": ("Only three bridges, including the main span, were behind schedule.",
                                 {"three bridges": "bridges behind schedule"}),
    # a be-form and a participle whatever its form, a particle after it
    "irregular participle": ("Of the old dykes, 14 sections were rebuilt last year.",
                             {"14 sections": "sections rebuilt"}),
    "yet to": ("Some 30 clinics in the outer districts have yet to connect to the network.",
               {"Some 30 clinics": "clinics yet to connect"}),
    # a modal before the passive: what is yet to be done
    "modal passive": ("Eight new depots with 600 buses would be completed next year.",
                      {"Eight new depots": "new depots to be completed"}),
    # a be-form and a preposition of a plan or a rule: where the things stand in it
    "state preposition": ("The remaining 17 complaints are within the legal deadline.",
                          {"17 complaints": "remaining complaints within legal deadline"}),
    # no predicate: the phrase after the things says which they are
    "post-modifier after a verb": ("Officials visited the six schools with the highest enrolment.",
                                   {"six schools": "schools visited with highest enrolment"}),
    "post-modifier of a bare stock": ("The fair drew some 9,000 traders from other provinces, organisers said.",
                                      {"some 9,000 traders": "traders from other provinces"}),
    # after a verb too, what narrows the things follows it
    "post-modifier after a verb, a time after it": ("The ward held 36 meetings with shop owners in March.",
                                                    {"36 meetings": "meetings held with shop owners"}),
    # what the things were given: the verb and its object before "to"
    "dative": ("The district issued work permits to 85 street vendors.",
               {"85 street vendors": "street vendors issued work permits"}),
}


@pytest.mark.parametrize("name", sorted(CLASSES))
def test_each_class_of_sentence_gets_its_measure(name):
    text, want = CLASSES[name]
    got = measures(text)
    for figure, measure in want.items():
        assert got[figure] == measure, (name, figure, got)


def test_a_ratio_takes_the_predicate_of_its_things():
    got = measures("So far, 11 out of 18 communes with flooded roads have yet to receive relief.")
    assert got["11 out of 18 communes"] == "communes yet to receive"


def test_a_participle_that_qualifies_the_things_leaves_the_predicate_to_the_clause():
    # "registered with the board" says which shops; what happened to them comes after it
    got = measures("So far, 60 of the 75 shops registered with the market board have reopened.")
    assert got["60 of the 75 shops"] == "shops reopened"
    # with no predicate after it, the participle is what happened to them
    assert measures("In May, 40/40 wards reported on time.")["40/40 wards"] == "wards reported"


def test_which_of_the_things_a_word_before_the_figure_says_belongs_to_them():
    got = measures("The remaining 40 stalls closed in May. The other 12 wards are lagging behind.")
    assert got["40 stalls"] == "remaining stalls closed"
    assert got["12 wards"] == "other wards lagging behind"


def test_only_between_a_verb_and_its_count_leaves_the_verb_to_it():
    assert measures("The ward has repaired only 16 pumping stations.")["16 pumping stations"] == \
        "pumping stations repaired"


def test_what_has_the_things_names_them_unless_it_is_a_place_or_a_pronoun():
    assert measures("The new clinic now has 240 beds.")["240 beds"] == "new clinic beds"
    assert measures("The province has 120 wind turbines.")["120 wind turbines"] == "wind turbines"
    assert measures("Most of them have five floors.")["five floors"] == "floors"


def test_after_a_modal_the_verb_is_what_is_yet_to_be_done_whatever_its_form():
    assert measures("Next year the city will open 15 more night markets.")["15 more night markets"] == \
        "night markets to open"
    assert measures("The police would also install 40 speed cameras.")["40 speed cameras"] == \
        "speed cameras to install"


def test_a_phrase_that_runs_into_another_figure_is_no_post_modifier():
    # what the things are "with" is another figure: it says nothing of which they are
    got = measures("The city has built 38 housing projects with around 13,600 apartments.")
    assert got["38 housing projects"] == "housing projects built"
    got = measures("The province has 147 new projects with total capital of USD 316 million.")
    assert got["147 new projects"] == "new projects"


def test_a_time_a_place_or_a_number_after_the_things_is_no_post_modifier():
    assert measures("Doctors recorded 2,000 cases in the first week.")["2,000 cases"] == "cases recorded"
    assert measures("There are 480 poor households in the city.")["480 poor households"] == "poor households"
    assert measures("The contest lists 28 entries with five stars.")["28 entries"] == "entries"


def test_a_name_ends_the_post_modifier_and_an_adverbial_to_gives_nothing():
    assert measures("The festival drew 12,000 runners from Hanoi Marathon Club.")[
        "12,000 runners"] == "runners"
    assert measures("Sales jumped thanks to 60 new stores.")["60 new stores"] == "new stores"


def test_a_predicate_of_another_clause_is_not_theirs():
    # a relative clause or a list between the things and the auxiliary: not their predicate
    got = measures("About 900 firms that owed tax for months have been fined.")
    assert got["About 900 firms"] != "firms fined"
    got = measures("It opened 20 kiosks and 14 markets were closed.")
    assert got["20 kiosks"] == "kiosks opened"


def test_a_relation_or_a_spread_over_places_is_no_post_modifier():
    # "under the supervision of ..." is a relation whose other end is cut off; "in several clinics"
    # says where the things are, not which they are
    assert measures("There are 14 clerks under the supervision of the port authority.")["14 clerks"] == "clerks"
    assert measures("The district employs 30 nurses in several clinics.")["30 nurses"] == "nurses"
    # a phrase that says which they are still does
    assert measures("There are 14 clerks under contract.")["14 clerks"] == "clerks under contract"
