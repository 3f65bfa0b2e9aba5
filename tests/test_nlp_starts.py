"""The candidate-start scan (extractors/nlp/ StartFinder, matches_at, near) must find every match
the components' full patterns find: a start missing from the pattern data would lose facts silently."""
from __future__ import annotations

import pytest

from extractors.nlp import StartFinder, _trie, build_nlp, matches_at, near

COMPONENTS = ["newsfacts_percentage", "newsfacts_ratio", "newsfacts_money", "newsfacts_rank",
              "newsfacts_quantity", "newsfacts_count", "newsfacts_date", "newsfacts_official"]
# Forms at the edges of the scan: units glued to digits, a figure at offset 0, a capital that
# lower-cases to two characters before the figures, currencies and signs in every position.
EDGE_TEXTS = [
    "5km of road, 30m2 each, 12ha and 4.5 tonnes; 15% of 1/3 households.",
    "İstanbul sent 12 delegates; more than 1,200 visitors paid US$5 million (VND120 billion).",
    "Twenty-one of 30 wards ranked 2nd/30; up from 21st. About 5-7 tasks, between 3 and 4 percent.",
    "(3/5) households; ($4.9 billion); 'over 11,300 cadres'; -5 degrees; 2023-2025.",
    "Chairman of the Hanoi People's Committee Tran Sy Thanh said on May 5, 2024 that 45 meetings ...",
    "Bach Mai Hospital Director Nguyen Quoc Khanh and Mr. Le Van An, Deputy Director of the Department.",
]





@pytest.mark.parametrize("name", COMPONENTS)
def test_candidate_starts_find_every_match_of_the_full_pattern(name, corpus_texts):
    nlp = build_nlp()
    comp = nlp.get_pipe(name)
    checked = 0
    for text in EDGE_TEXTS + corpus_texts("en"):
        doc = nlp.make_doc(text)
        full = [(m.start(), m.end()) for m in comp._re.finditer(text)]
        fast = [(m.start(), m.end()) for m in matches_at(comp._re, text, comp.candidate_starts(doc))]
        assert fast == full, f"{name} differs on {text[:80]!r}: only full {sorted(set(full) - set(fast))[:3]}"
        checked += len(full)
    assert checked > 50  # the texts exercise the pattern


def test_trie_prefers_the_longest_word_and_matches_only_listed_words():
    import re
    pat = re.compile(rf"(?:{_trie(['a', 'about', 'above', 'more', 'most'])})(?![a-z])")
    assert [pat.match(w).group() if pat.match(w) else None for w in ("about", "a", "mos", "most", "ab")] \
        == ["about", "a", None, "most", None]


def test_start_finder_offsets_are_those_of_the_text():
    nlp = build_nlp()
    text = "İİ over 5 tasks, US$3"
    doc = nlp.make_doc(text)
    starts = StartFinder(["over", "us"], digits=True).starts(doc)
    assert [text[s:s + 4] for s in starts] == ["over", "5 ta", "US$3", "3"]
    assert StartFinder((), ["km"], inside_words=True).starts(nlp.make_doc("5km, 6 km")) == [1, 7]


def test_near_keeps_starts_with_an_anchor_within_reach():
    assert near([0, 10, 50, 90], [12, 95], 10) == [10, 90]
    assert near([5], [], 100) == []


def test_near_gives_a_start_on_a_digit_its_own_reach():
    text = "12 of them, 7 more, about the 30 tonnes"
    starts = [0, text.index("7"), text.index("about"), text.index("30")]
    anchors = [text.index("tonnes")]
    # a qualifier keeps the long reach, a figure far from its unit goes
    assert near(starts, anchors, 40, text, 5) == starts[2:]
    assert near(starts, anchors, 40) == starts


def test_matches_at_skips_starts_inside_an_earlier_match():
    import re
    pat = re.compile(r"from \d+ to \d+|\d+")
    text = "from 5 to 7 and 9"
    assert [m.group() for m in matches_at(pat, text, [0, 5, 10, 16])] == ["from 5 to 7", "9"]


def test_led_search_finds_the_starts_of_the_plain_regex(corpus_texts):
    # A finder inside words with few first characters searches for them (StartFinder._led); its
    # starts must be those of the plain regex, signs and slashes next to each other included.
    finders = [StartFinder((), ["%", "pc", "pct", "per cent", "percent"], inside_words=True),
               StartFinder(["of", "out"], symbols="/", inside_words=True),
               StartFinder(["trên", "trong"], symbols="/", inside_words=True)]
    texts = ["5%%, 6%/7%", "1//2 of/out of 3", "per cent pct% 5pct", "%", "/", "p", " p%",
             "ofout//of", "3 trên/trong 5", *corpus_texts("en")[:40], *corpus_texts("vi")[:40]]
    for finder in finders:
        assert finder._led is not None
        for text in texts:
            low = " " + text.lower()
            assert finder._find(low) == [m.start() for m in finder._re.finditer(low)], text[:60]
    assert StartFinder((), ["km", "ha", "m2", "tonnes", "cm"], inside_words=True)._led is None
