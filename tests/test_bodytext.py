"""The generic body paths (pipeline/sites/bodytext.py): one fixture page per way real pages defeat a
simple main-text rule, each with the body a reader sees and the path that found it."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.sites import parse_page
from pipeline.sites.bodytext import without_trailing_labels

PAGES = Path(__file__).parent / "fixtures" / "generic"
CASES = sorted(p.stem for p in PAGES.glob("*.html"))


@pytest.mark.parametrize("name", CASES)
def test_generic_body_of_each_failure_class(name):
    spec = json.loads((PAGES / f"{name}.expected.json").read_text(encoding="utf-8"))
    art = parse_page((PAGES / f"{name}.html").read_text(encoding="utf-8"), spec["url"])
    assert art.adapter == "generic"
    assert art.body_text == spec["body_text"]
    assert art.body_path == spec["body_path"]
    if "lead" in spec:
        assert art.lead == spec["lead"]


def test_every_case_has_expectations():
    assert len(CASES) >= 8
    for name in CASES:
        assert (PAGES / f"{name}.expected.json").exists(), name


def test_itemprop_article_body_wins_over_the_rest_of_the_page():
    page = """<html lang="en"><head><title>Ba Vi opens a walking trail</title></head><body>
    <div class="row"><div class="main"><div itemprop="articleBody">
      <p>Ba Vi district opened a 12 km walking trail through its national park on Sunday.</p>
      <p>Entry costs VND 60,000 for adults; children under 6 walk free.</p></div>
      <p>Subscribers can read our weekend guide to every trail in the region, with maps and photos.</p>
    </div></div></body></html>"""
    art = parse_page(page, "https://trails.example.com/ba-vi-opens-a-walking-trail")
    assert art.body_path == "itemprop"
    assert art.body_text == ("Ba Vi district opened a 12 km walking trail through its national park on Sunday.\n"
                             "Entry costs VND 60,000 for adults; children under 6 walk free.")


def test_site_selectors_record_the_site_path_and_an_empty_page_no_path():
    page = """<html lang="vi"><head><title>x</title></head><body><h1 class="article-title">Tiêu đề</h1>
    <div itemprop="articleBody"><p>Quận Cầu Giấy trồng mới 1.200 cây xanh trong năm 2024.</p></div></body></html>"""
    assert parse_page(page, "https://kinhtedothi.vn/quan-cau-giay-trong-moi-cay-xanh.html").body_path == "site"
    empty = parse_page("<html><body></body></html>", "https://x.example.com/a-b-c-d")
    assert (empty.body_text, empty.body_path) == ("", None)


def test_short_lines_after_the_last_sentence_are_not_body():
    lines = ["The district planted 1,200 trees.", "It will plant 800 more next year.", "Most read", "Tags: trees"]
    assert without_trailing_labels(lines) == lines[:2]
    assert without_trailing_labels(["Headline only"]) == ["Headline only"]
    items = ["Số bao bì thu gom:", "- Bao tải: 15.000 chiếc", "- Thùng giấy: 2.400 chiếc"]
    assert without_trailing_labels(items) == items     # a list ends the article, not a sidebar


def test_a_date_only_the_url_gives_and_no_guess_from_a_copyright_line():
    page = "<html><head><title>t</title></head><body><p>Copyright 2024 City Notes.</p></body></html>"
    dated = parse_page(page, "https://citynotes.example.com/2024/03/11/long-bien-opens-bus-routes")
    assert dated.published_at.isoformat() == "2024-03-11T00:00:00+07:00"
    undated = parse_page(page, "https://citynotes.example.com/long-bien-opens-bus-routes")
    assert (undated.published_at, undated.date_flag) == (None, "missing")
