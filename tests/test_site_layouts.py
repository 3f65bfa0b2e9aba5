"""The real layouts of the target sites (issue 12): dateline forms, URL shapes, bylines, prefixes.

Whole pages in these shapes are fixtures in tests/fixtures/pages (kinhtedothi_2020_old_layout,
kinhtedothi_numeric_id, hanoitimes_2025_prefix, vietnamvn_other_source, vietnamvn_source_name_only).
"""
from __future__ import annotations

import pytest

from pipeline.sites import get_adapter, parse_page
from pipeline.sites import hanoitimes, kinhtedothi
from pipeline.sites.dates import parse_vn_dateline


@pytest.mark.parametrize("text, iso", [
    ("08-11-2020 15:11", "2020-11-08T15:11:00+07:00"),          # kinhtedothi before 2021, dashes
    ("03-11-2020 10:25", "2020-11-03T10:25:00+07:00"),          # day first even when both fit
    ("15:11 08-11-2020", "2020-11-08T15:11:00+07:00"),
    ("(09:12 06/05/2019)", "2019-05-06T09:12:00+07:00"),
    ("Thứ Sáu, 14:05 19/07/2024", "2024-07-19T14:05:00+07:00"),
    ("19/07/2024 | 14:05", "2024-07-19T14:05:00+07:00"),
    ("Cập nhật: 27.10.2020 16:40", "2020-10-27T16:40:00+07:00"),
    ("08-11-2020", "2020-11-08T00:00:00+07:00"),
])
def test_vn_dateline_forms(text, iso):
    assert parse_vn_dateline(text).isoformat() == iso


@pytest.mark.parametrize("text", ["31-02-2020 10:00", "08-11/2020 15:11", "123/07/2024", "2020-11-08", ""])
def test_vn_dateline_rejects(text):
    assert parse_vn_dateline(text) is None


@pytest.mark.parametrize("site, text, want", [
    (hanoitimes, "THE HANOI TIMES — Hanoi has opened 14 bus routes.", "Hanoi has opened 14 bus routes."),
    (hanoitimes, "THE HANOI TIMES – Hanoi has opened 14 bus routes.", "Hanoi has opened 14 bus routes."),
    (hanoitimes, "THE HANOI TIMES—Hanoi has opened 14 bus routes.", "Hanoi has opened 14 bus routes."),
    (hanoitimes, "The Hanoi Times - Hanoi has opened 14 bus routes.", "Hanoi has opened 14 bus routes."),
    (kinhtedothi, "KInhtedothi - Sáng 3/11, huyện Đông Anh", "Sáng 3/11, huyện Đông Anh"),
    # Not prefixes: the paper named inside a sentence.
    (hanoitimes, "The Hanoi Times: a survey of 1,200 readers", "The Hanoi Times: a survey of 1,200 readers"),
    (hanoitimes, "The Hanoi Times-run forum drew 300 guests.", "The Hanoi Times-run forum drew 300 guests."),
    (hanoitimes, "The Hanoi Times reported a 12% rise.", "The Hanoi Times reported a 12% rise."),
])
def test_lead_prefixes(site, text, want):
    assert site.strip_lead_prefix(text) == want


@pytest.mark.parametrize("adapter, url, ok", [
    # kinhtedothi: 2020 URLs carry a numeric id, today's none
    ("kinhtedothi", "http://kinhtedothi.vn/dong-anh-thu-ngan-sach-10-thang-400512.html", True),
    ("kinhtedothi", "https://kinhtedothi.vn/gia-lam-giai-ngan-91-ke-hoach-von-dau-tu-cong-400391.html", True),
    ("kinhtedothi", "https://kinhtedothi.vn/ha-noi-thu-ngan-sach-5-thang-dat-176737-ty-dong.html", True),
    ("kinhtedothi", "https://kinhtedothi.vn/tag/gia-lam-400391.html", False),
    ("kinhtedothi", "https://kinhtedothi.vn/thoi-su/tin-quan-huyen/", False),
    # hanoitimes: both id shapes
    ("hanoitimes", "https://hanoitimes.vn/hanoi-metro-line-2a-carries-25000-a-day-314281.html", True),
    ("hanoitimes", "https://hanoitimes.vn/hanoi-opens-14-new-bus-routes.764300.html", True),
    ("hanoitimes", "https://hanoitimes.vn/hanoi-opens-14-new-bus-routes.html", False),
    # vietnam.vn/en: the Vietnamese title without accents, with or without the trailing slash
    ("vietnamvn", "https://www.vietnam.vn/en/ha-noi-giai-ngan-von-dau-tu-cong/", True),
    ("vietnamvn", "https://www.vietnam.vn/en/ha-noi-giai-ngan-von-dau-tu-cong", True),
    ("vietnamvn", "https://www.vietnam.vn/en/ra-mat-sach-trang-thue-2026", True),
    ("vietnamvn", "https://www.vietnam.vn/en/tag/ha-noi-giai-ngan/", False),
    ("vietnamvn", "https://www.vietnam.vn/en/page/2/", False),
])
def test_url_shapes(adapter, url, ok):
    assert get_adapter(adapter).is_article_url(url) is ok


@pytest.mark.parametrize("byline, author", [
    ("Trọng Tùng thực hiện", "Trọng Tùng"),         # "thực hiện" = produced by: not part of the name
    ("Thanh Hải (thực hiện)", "Thanh Hải"),
    ("Nhóm PV", "Nhóm PV"),                          # a reporters' team is the byline there is
    ("Nhóm PV thực hiện", "Nhóm PV"),
    ("Bài, ảnh: Ngọc Tú", "Ngọc Tú"),
    ("Bài và ảnh: Ngọc Tú", "Ngọc Tú"),
    ("Bài: Hoài Nam - Ảnh: Thu Hà", "Hoài Nam"),
    ("Ảnh: Thu Hà", None),                           # a photo credit alone names no writer
])
def test_kinhtedothi_old_layout_bylines(byline, author):
    html = ('<h1 class="title_detail_news">Đông Anh thu ngân sách</h1>'
            '<div class="time_detail_news f11 fl">03-11-2020 10:25</div>'
            '<div id="cotent_detail" class="pkg"><div>Thu ngân sách đạt 2.345 tỷ đồng.</div></div>'
            f'<div class="author_news"><span class="name_author fl">{byline}</span></div>')
    art = parse_page(html, "https://kinhtedothi.vn/dong-anh-thu-ngan-sach-10-thang-400512.html")
    assert art.author == author


@pytest.mark.parametrize("description", [None, "The Hanoi Times - Hanoi has opened 14 bus routes."])
def test_hanoitimes_prefix_in_body(description):
    meta = f'<meta property="og:description" content="{description}">' if description else ""
    html = (f'<html lang="en"><head>{meta}</head><body><h1 class="article-title">Hanoi opens 14 bus routes</h1>'
            '<div class="article-content"><p>The Hanoi Times - Hanoi has opened 14 bus routes.</p>'
            '<p>Nine of them use electric buses.</p></div></body></html>')
    art = parse_page(html, "https://hanoitimes.vn/hanoi-opens-14-bus-routes.764310.html")
    # a lead that repeats the first paragraph stays in the body too: the article's text keeps it once
    assert art.body_text == "Hanoi has opened 14 bus routes.\nNine of them use electric buses."
    if description:
        assert art.lead == "Hanoi has opened 14 bus routes."


@pytest.mark.parametrize("line, source_url", [
    ("Source: https://hanoimoi.vn/ha-noi-giai-ngan-675120.html", "https://hanoimoi.vn/ha-noi-giai-ngan-675120.html"),
    ('Source: <a href="https://nhandan.vn/ha-noi-giai-ngan-post812345.html">Nhan Dan</a>',
     "https://nhandan.vn/ha-noi-giai-ngan-post812345.html"),
    ("<em>Source: Nhan Dan</em>", None),         # a paper named without an address gives no source_url
    ("Source: VnExpress", None),
    ("(Source: VNA)", None),
])
def test_vietnamvn_source_lines(line, source_url):
    html = ('<html lang="en-US"><body><h1 class="post-title">Hanoi disburses 48.6% of its plan</h1>'
            '<div class="post-content"><p>Hanoi had disbursed VND28.4 trillion by July.</p>'
            f'<p>{line}</p><p>Comment (0)</p></div></body></html>')
    art = parse_page(html, "https://www.vietnam.vn/en/ha-noi-giai-ngan-486-von-dau-tu-cong")
    assert art.source_url == source_url
    assert art.body_text == "Hanoi had disbursed VND28.4 trillion by July."
