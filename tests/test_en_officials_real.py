"""Officials in whole paragraphs written the way English-language Vietnamese news writes them
(issue 13): titles in lower case after the name, several positions, plural titles before a list
of names, abbreviations, company posts, honorifics, names with and without diacritics. The
paragraphs are invented; every named person is fictional."""
import datetime

from conftest import facts_of
from extractors import extract_facts


def officials(text):
    return [(f.person, f.title, f.organization) for f in facts_of(text, "official", datetime.date(2024, 10, 2))]


def test_city_council_meeting_report():
    text = (
        "The meeting was chaired by Ms. Dao Thi Kim Lien, member of the municipal Party Committee "
        "and Vice Chairwoman of the municipal People’s Committee. Vice Chairmen of the municipal "
        "People's Committee Lam Quoc Bao and Kieu Van Tan also attended.\n"
        "Reporting to the meeting, Phung Minh Duc, head of the civil servant management unit under "
        "the municipal Department of Home Affairs, said 1,240 posts had been cut since 2023. "
        "Chief of the Office of the municipal People's Committee Vo Thi Bich said the plan would be "
        "submitted in November.")
    assert officials(text) == [
        ("Dao Thi Kim Lien", "Member", "municipal Party Committee"),
        ("Lam Quoc Bao", "Vice Chairman", "municipal People's Committee"),
        ("Kieu Van Tan", "Vice Chairman", "municipal People's Committee"),
        # the first link is the post's own unit; 'under ...' is its parent, not the organisation
        ("Phung Minh Duc", "Head", "civil servant management unit"),
        ("Vo Thi Bich", "Chief", "Office of the municipal People's Committee"),
    ]
    # the figures next to them are still facts of their own
    kinds = [f.kind for f in extract_facts(text, datetime.date(2024, 10, 2))]
    assert "count" in kinds and "date" in kinds


def test_national_officials_with_abbreviations():
    text = (
        "Chairman of the National Assembly (NA) Hoang Trung Kien and Deputy Prime Minister "
        "Nguyễn Thị Thu Hà visited Can Tho on Tuesday. Speaking at the event, HCMC People's "
        "Committee Chairman Lai Minh Khang said the two cities would share data.")
    assert officials(text) == [
        ("Hoang Trung Kien", "Chairman", "National Assembly"),
        ("Nguyễn Thị Thu Hà", "Deputy Prime Minister", None),
        ("Lai Minh Khang", "Chairman", "HCMC People's Committee"),
    ]


def test_business_report():
    text = (
        "Sales Director of Lotus Homes Truong Thanh Tam said apartment prices had risen 12% this "
        "year. Mr. Ngo Quang Huy, general director of Delta Steel JSC, expects exports to recover, "
        "while Dr. Can Thi Mai, chief economist at Orient Securities, was more cautious.")
    assert officials(text) == [
        ("Truong Thanh Tam", "Sales Director", "Lotus Homes"),
        ("Ngo Quang Huy", "General Director", "Delta Steel JSC"),
        ("Can Thi Mai", "Chief Economist", "Orient Securities"),
    ]


def test_former_officials_in_a_trial_report():
    text = (
        "The court sentenced Dinh Van Khoi, former deputy director of the Department of Natural "
        "Resources and Environment, to six years in prison. His accomplice, Mac Thi Hong, a "
        "former official at the provincial Land Registration Office, received three years.")
    assert officials(text) == [
        ("Dinh Van Khoi", "Former Deputy Director", "Department of Natural Resources and Environment"),
        ("Mac Thi Hong", "Former Official", "provincial Land Registration Office"),
    ]


def test_bare_positions_and_bare_names_are_not_officials():
    text = (
        "The head of the inspection team said the violations were serious. Mr. Hoang, a resident, "
        "agreed. Le Van Sau, 61, a farmer in the commune, said the dyke was repaired in July.")
    assert officials(text) == []
