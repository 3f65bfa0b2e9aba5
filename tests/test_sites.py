"""Site adapters: fixture pages with expected fields, and the bundled snapshot corpus."""
from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from datetime import datetime
from pathlib import Path

import pytest

from pipeline.sites import ADAPTERS, adapter_for_url, get_adapter, parse_page
from pipeline.crawl.decode import decode_html
from pipeline.sites.dates import parse_datetime, parse_en_dateline, parse_vn_dateline
from pipeline.sites.kinhtedothi import strip_lead_prefix
from pipeline.sites.text import is_furniture

ROOT = Path(__file__).resolve().parents[1]
PAGES = Path(__file__).parent / "fixtures" / "pages"
SNAPSHOT = ROOT / "corpus" / "snapshot"
FURNITURE = ("Photo:", "Ảnh:", "Read more", "Comment (", "Source:")
CUTOFF = datetime.fromisoformat("2026-11-01T00:00:00+07:00")


# ---------------------------------------------------------------- fixture pages

FIXTURES = sorted(p.stem for p in PAGES.glob("*.html"))


@pytest.mark.parametrize("name", FIXTURES)
def test_fixture_page(name):
    spec = json.loads((PAGES / f"{name}.expected.json").read_text(encoding="utf-8"))
    html, _ = decode_html((PAGES / f"{name}.html").read_bytes())
    art = parse_page(html, spec["url"], spec.get("adapter_arg"))

    got = {
        "adapter": art.adapter, "title": art.title, "lead": art.lead, "author": art.author,
        "published": art.published_at.isoformat() if art.published_at else None,
        "language": art.language, "canonical_url": art.canonical_url, "source_url": art.source_url,
        "complete": art.complete, "date_flag": art.date_flag,
    }
    for key, want in spec["expect"].items():
        assert got[key] == want, f"{name}: {key}"
    if "body_text" in spec:
        assert art.body_text == spec["body_text"]
    if "body_startswith" in spec:
        assert art.body_text.startswith(spec["body_startswith"])
    for text in spec.get("body_contains", []):
        assert text in art.body_text
    for text in spec.get("body_not_contains", []):
        assert text not in art.body_text
    assert art.url == spec["url"]
    assert art.adapter_version == "1"
    if art.published_at is not None:
        assert art.published_at.utcoffset().total_seconds() == 7 * 3600


def test_every_fixture_has_expectations():
    assert FIXTURES
    for name in FIXTURES:
        assert (PAGES / f"{name}.expected.json").exists(), name


# ---------------------------------------------------------------- registry

def test_get_adapter():
    assert set(ADAPTERS) == {"generic", "hanoitimes", "vietnamvn", "kinhtedothi"}
    for name, adapter in ADAPTERS.items():
        assert get_adapter(name) is adapter and adapter.name == name and adapter.version == "1"
    with pytest.raises(KeyError, match="unknown site adapter 'nope'"):
        get_adapter("nope")


@pytest.mark.parametrize("url, name", [
    ("https://hanoitimes.vn/a-b-c-1.html", "hanoitimes"),
    ("https://m.hanoitimes.vn/a-b-c-1.html", "hanoitimes"),
    ("https://www.hanoitimes.vn/a-b-c-1.html", "hanoitimes"),
    ("http://hanoitimes.com.vn/hanoinews/2016/05/81e0b5af/x/", "hanoitimes"),
    ("https://www.vietnam.vn/en/a-b-c/", "vietnamvn"),
    ("https://vietnam.vn/en/a-b-c/", "vietnamvn"),
    ("https://kinhtedothi.vn/a-b-c-d.html", "kinhtedothi"),
    ("https://WWW.Kinhtedothi.vn:443/a-b-c-d.html", "kinhtedothi"),
    ("https://example.org/a.html", "generic"),
    ("not a url", "generic"),
])
def test_adapter_for_url(url, name):
    assert adapter_for_url(url).name == name


@pytest.mark.parametrize("adapter, url, ok", [
    ("hanoitimes", "https://hanoitimes.vn/dong-da-district-completes-133-tasks-in-2024-4321.html", True),
    ("hanoitimes", "https://hanoitimes.vn/hanoi-fdi-surges-in-first-quarter-of-2025.726904.html", True),
    ("hanoitimes", "https://m.hanoitimes.vn/hanoi-fdi-surges.726904.html", True),
    ("hanoitimes", "http://hanoitimes.com.vn/hanoinews/2016/05/81e0b5af/hanoi-opens-walking-street/", True),
    ("hanoitimes", "http://127.0.0.1:8001/dong-da-district-completes-133-tasks-in-2024-4321.html", True),
    ("hanoitimes", "https://hanoitimes.vn/about.html", False),
    ("hanoitimes", "https://hanoitimes.vn/index.html", False),
    ("hanoitimes", "https://hanoitimes.vn/rss/home.rss", False),
    ("hanoitimes", "https://hanoitimes.vn/sitemaps/news-2024.xml", False),
    ("hanoitimes", "https://kinhtedothi.vn/ha-noi-thu-ngan-sach-5-thang-dat-176737-ty-dong.html", False),
    ("vietnamvn", "https://www.vietnam.vn/en/ba-vi-welcomes-3-million-tourists-in-2023/", True),
    ("vietnamvn", "https://www.vietnam.vn/en/ba-vi-welcomes-3-million-tourists-in-2023", True),
    ("vietnamvn", "https://www.vietnam.vn/en/", False),
    ("vietnamvn", "https://www.vietnam.vn/en/feed.xml", False),
    ("vietnamvn", "https://www.vietnam.vn/en/category/politics-and-law/", False),
    ("kinhtedothi", "https://kinhtedothi.vn/soc-son-tang-truong-kinh-te-9-thang-dat-7-6.html", True),
    ("kinhtedothi", "https://kinhtedothi.vn/index.html", False),
    ("kinhtedothi", "https://kinhtedothi.vn/tag/ha-noi-thu-do-ngan-nam.html", False),
    ("kinhtedothi", "https://kinhtedothi.vn/doanh-nghiep/khoi-nghiep", False),
    ("generic", "https://example.org/2024/06/13/some-news-story.html", True),
    ("generic", "https://example.org/sitemap.xml", False),
    ("generic", "https://example.org/about.html", False),
])
def test_is_article_url(adapter, url, ok):
    assert get_adapter(adapter).is_article_url(url) is ok


# ---------------------------------------------------------------- helpers

def test_datelines():
    assert parse_vn_dateline("Thứ Sáu, 14:05 19/07/2024").isoformat() == "2024-07-19T14:05:00+07:00"
    assert parse_vn_dateline("(09:12 06/05/2019)").isoformat() == "2019-05-06T09:12:00+07:00"
    assert parse_vn_dateline("19/07/2024 | 14:05").isoformat() == "2024-07-19T14:05:00+07:00"
    assert parse_vn_dateline("31/02/2024 10:00") is None
    assert parse_en_dateline("Apr 01, 2022 / 18:24").isoformat() == "2022-04-01T18:24:00+07:00"
    assert parse_en_dateline("April 1, 2022 6:24 PM").isoformat() == "2022-04-01T18:24:00+07:00"
    assert parse_en_dateline("Monday, 5 October 2021").isoformat() == "2021-10-05T00:00:00+07:00"
    assert parse_datetime("2024-07-19T07:05:00Z").isoformat() == "2024-07-19T14:05:00+07:00"
    assert parse_datetime("2024-07-19 14:05:00").isoformat() == "2024-07-19T14:05:00+07:00"
    assert parse_datetime("2024-07-19T14:05:00+0700").isoformat() == "2024-07-19T14:05:00+07:00"
    assert parse_datetime("Fri, 19 Jul 2024 14:05:00 +0700").isoformat() == "2024-07-19T14:05:00+07:00"
    assert parse_datetime("0001-01-01T00:00:00") is None
    assert parse_datetime("yesterday") is None


@pytest.mark.parametrize("line, furniture", [
    ("Photo: Hoai Nam", True),
    ("Ảnh: Ngọc Tú", True),
    ("Ảnh minh họa: Hoàng Lâm", True),
    ("Delegates at the meeting. Photo: Thu Ha/The Hanoi Times", True),
    ("Children play in the park. (Photo: Khanh Linh)", True),
    ("Read more", True),
    ("Read more: Hanoi to build 20 parks", True),
    ("Tin liên quan", True),
    ("Comment (0)", True),
    ("Source: https://kinhtedothi.vn/a.html", True),
    ("Share Facebook X", True),
    ("Tags: Hanoi, parks", True),
    ("Related to this, the district will build two more schools.", False),
    ("The photo exhibition: 120 works on Hanoi will open on May 2.", False),
    ("Sources said the project would cost VND 2 trillion.", False),
])
def test_is_furniture(line, furniture):
    assert is_furniture(line) is furniture


def test_strip_lead_prefix():
    assert strip_lead_prefix("Kinhtedothi - Sáng 19/7, ...") == "Sáng 19/7, ..."
    assert strip_lead_prefix("Kinhtedothi– Sáng 19/7") == "Sáng 19/7"
    assert strip_lead_prefix("(Kinhtedothi) - Chiều 5/3") == "Chiều 5/3"
    assert strip_lead_prefix("Kinh tế tăng 7,6%") == "Kinh tế tăng 7,6%"


def test_decode_html_charsets():
    assert decode_html("Hà Nội".encode("utf-8"))[0] == "Hà Nội"
    assert decode_html(b"<meta charset='iso-8859-1'>It\x92s")[0] == "<meta charset='iso-8859-1'>It’s"
    assert decode_html(b"It\x92s")[0] == "It’s"


def test_unparseable_input_degrades():
    art = parse_page("", "https://hanoitimes.vn/x-y-z-1.html")
    assert art.adapter == "hanoitimes" and not art.complete and art.date_flag == "missing"
    assert art.body_text == "" and art.published_at is None


# ---------------------------------------------------------------- the snapshot corpus

def _snapshot_url(host: str, path: Path) -> str:
    rel = "/" + path.relative_to(SNAPSHOT / host).as_posix()
    if rel.endswith("/index.html") and rel != "/index.html":
        rel = rel[: -len("index.html")]        # served as the directory URL /en/<slug>/
    return f"https://{host}{rel}"


def _snapshot_articles():
    for site in sorted(SNAPSHOT.iterdir()):
        if not site.is_dir():
            continue
        for path in sorted(site.rglob("*")):
            url = _snapshot_url(site.name, path)
            if path.is_file() and adapter_for_url(url).is_article_url(url):
                yield pytest.param(path, url, id=url.split("://", 1)[1][:80])


SNAPSHOT_ARTICLES = list(_snapshot_articles())


@pytest.mark.parametrize("path, url", SNAPSHOT_ARTICLES)
def test_snapshot_article_parses_complete(path, url):
    adapter = adapter_for_url(url)
    art = adapter.parse(path.read_text(encoding="utf-8"), url)
    assert art.adapter == adapter.name != "generic"
    assert art.complete, url
    assert art.date_flag is None and art.published_at < CUTOFF
    assert art.canonical_url == url
    assert art.title and art.lead and art.author
    for word in FURNITURE:
        assert word not in art.body_text, (url, word)
    words = len(art.body_text.split())
    assert 250 <= words <= 700, (url, words)
    assert art.language == ("vi" if adapter.name == "kinhtedothi" else "en")
    if adapter.name == "vietnamvn":
        assert art.source_url and art.source_url.startswith("https://kinhtedothi.vn/")
    else:
        assert art.source_url is None


def test_snapshot_sizes_and_republications():
    by_site: dict[str, list] = {}
    for param in SNAPSHOT_ARTICLES:
        path, url = param.values
        by_site.setdefault(adapter_for_url(url).name, []).append((path, url))
    counts = {k: len(v) for k, v in by_site.items()}
    assert counts["hanoitimes"] >= 16 and counts["vietnamvn"] >= 14 and counts["kinhtedothi"] >= 12
    assert counts["hanoitimes"] + counts["vietnamvn"] >= 30
    ktdt_urls = {url for _, url in by_site["kinhtedothi"]}
    sources = {parse_page(p.read_text(encoding="utf-8"), u).source_url for p, u in by_site["vietnamvn"]}
    assert len(sources & ktdt_urls) >= 2
    shapes = {("." if re.search(r"\.\d+\.html$", u) else "-") for _, u in by_site["hanoitimes"]}
    assert shapes == {".", "-"}


def _xml_links(path: Path) -> list[str]:
    root = ET.parse(path).getroot()
    return [el.text.strip() for el in root.iter() if el.tag.rsplit("}", 1)[-1] in ("loc", "link") and el.text]


def _local(url: str) -> Path:
    host, _, rel = url.split("://", 1)[1].partition("/")
    path = SNAPSHOT / host / rel
    return path / "index.html" if url.endswith("/") else path


@pytest.mark.parametrize("feed", [
    "hanoitimes.vn/rss/home.rss", "hanoitimes.vn/sitemap.xml", "hanoitimes.vn/sitemaps/news-2024.xml",
    "hanoitimes.vn/sitemaps/news-2025.xml", "www.vietnam.vn/en/feed.xml", "www.vietnam.vn/sitemap.xml",
    "kinhtedothi.vn/rss/home.rss", "kinhtedothi.vn/sitemap.xml", "kinhtedothi.vn/sitemaps/articles.xml",
])
def test_snapshot_feed_links_resolve(feed):
    host = feed.split("/", 1)[0]
    for link in _xml_links(SNAPSHOT / feed):
        assert link.startswith(f"https://{host}/"), link
        assert _local(link).is_file(), link


def test_snapshot_discovery_files():
    assert not ET.parse(SNAPSHOT / "kinhtedothi.vn/rss/home.rss").getroot().findall(".//item")
    assert len(ET.parse(SNAPSHOT / "hanoitimes.vn/rss/home.rss").getroot().findall(".//item")) >= 16
    for site in ("hanoitimes.vn", "www.vietnam.vn", "kinhtedothi.vn"):
        robots = (SNAPSHOT / site / "robots.txt").read_text()
        assert f"Sitemap: https://{site}/sitemap.xml" in robots
    assert "Crawl-delay: 1" in (SNAPSHOT / "www.vietnam.vn/robots.txt").read_text()
    listed = set(_xml_links(SNAPSHOT / "hanoitimes.vn/rss/home.rss"))
    assert "https://hanoitimes.vn/about.html" not in listed
