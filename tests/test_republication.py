"""Republication fidelity: translations linked to their stored originals and compared figure by figure.

Real parts: the bundled snapshot crawled by `newsfacts run --demo` (its own 127.0.0.1 servers) or
ingested page by page into a real DuckDB file, the real extractors, the real checks."""
from __future__ import annotations

import datetime
import re
from pathlib import Path

import duckdb
import pytest

from extractors import extract_facts
from pipeline.jobs.demo import snapshot_dir
from pipeline.jobs.ingest import ingest_pages
from pipeline.checks.republication import agree, compare, figure_overlap, make_side, stated_unit, url_key
from pipeline.checks.store import figure_links, source_links
from pipeline.store.ids import fact_id_for
from pipeline.store.warehouse import Warehouse
from conftest import run_cli

SNAP = snapshot_dir()
VN = "https://www.vietnam.vn/en/"
KTDT = "https://kinhtedothi.vn/"
# The snapshot's original/republication pairs: translation -> original
PAIRS = {
    VN + "nam-tu-liem-collects-vnd4-8-trillion-in-budget-revenue-in-nine-months":
        KTDT + "nam-tu-liem-thu-ngan-sach-9-thang-dat-4812-ty-dong.html",
    VN + "thach-that-disburses-64-7-percent-of-public-investment-capital-in-nine-months":
        KTDT + "thach-that-giai-ngan-von-dau-tu-cong-9-thang-dat-64-7.html",
    VN + "phu-xuyen-has-four-more-communes-meeting-advanced-new-style-rural-standards":
        KTDT + "phu-xuyen-co-them-4-xa-dat-chuan-nong-thon-moi-nang-cao.html",
    VN + "ung-hoa-issues-1320-first-time-land-use-right-certificates":
        KTDT + "ung-hoa-cap-1320-giay-chung-nhan-quyen-su-dung-dat-lan-dau.html",
    # The Hanoi Times rewrite of the Nam Tu Liem story: no Source line, linked by its figures
    "https://hanoitimes.vn/nam-tu-liem-budget-revenue-reaches-784-percent-of-estimate-329541.html":
        KTDT + "nam-tu-liem-thu-ngan-sach-9-thang-dat-4812-ty-dong.html",
}
HANOITIMES_NTL = "https://hanoitimes.vn/nam-tu-liem-budget-revenue-reaches-784-percent-of-estimate-329541.html"
# What was planted, and nothing else: (check, translation, a piece of the translation's figure, of the original's)
PLANTED = {
    ("republication_mismatch", VN + "thach-that-disburses-64-7-percent-of-public-investment-capital-in-nine-months",
     "67.4", "64,7"),                                      # a changed percentage
    ("republication_mismatch", VN + "phu-xuyen-has-four-more-communes-meeting-advanced-new-style-rural-standards",
     "19 out of 28", "19/26"),                             # a ratio whose whole changed
    ("republication_mismatch", VN + "ung-hoa-issues-1320-first-time-land-use-right-certificates",
     "1.86 trillion", "1.836,4"),                          # money beyond the rounding the translation states
    ("republication_dropped", VN + "ung-hoa-issues-1320-first-time-land-use-right-certificates",
     None, "46 hộ"),                                       # a figure left out
    ("republication_mismatch", HANOITIMES_NTL, "1,240.7", "1.204,7"),   # digits swapped in the rewrite
}


def _page(url: str) -> Path:
    host, _, rel = url.split("://", 1)[1].partition("/")
    path = SNAP / host / rel
    return path / "index.html" if host == "www.vietnam.vn" else path


def findings_in(con) -> set[tuple]:
    """The republication checks stored, in PLANTED's terms (each figure must contain its piece)."""
    rows = con.execute("""
        SELECT c.check_name, c.severity, t.canonical_url, o.canonical_url, c.fact_ids, c.message
        FROM checks c JOIN articles t ON t.article_id = c.article_id
        JOIN articles o ON o.article_id = c.other_article_id
        WHERE c.check_name LIKE 'republication%'""").fetchall()
    texts = dict(con.execute("SELECT fact_id, text FROM facts").fetchall())
    found = set()
    for name, severity, translation, original, fact_ids, message in rows:
        assert severity == ("warning" if name == "republication_mismatch" else "info")
        assert PAIRS.get(translation) == original, (translation, original)
        if name == "republication_mismatch":
            t_text, o_text = texts.get(fact_ids[0], "<no such fact>"), texts.get(fact_ids[1], "<no such fact>")
            assert "translation: " in message and " | original: " in message    # both sentences
        else:
            t_text, o_text = None, texts.get(fact_ids[0], "<no such fact>")
        planted = next((p for p in PLANTED if p[:2] == (name, translation) and (p[2] is None) == (t_text is None)
                        and (p[2] is None or p[2] in t_text) and p[3] in o_text), None)
        found.add(planted or (name, translation, t_text, o_text))
    return found


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    where = tmp_path_factory.mktemp("republication_demo")
    out = run_cli("run", "--demo", cwd=where)
    assert out.returncode == 0, out.stderr
    con = duckdb.connect(str(where / "warehouse.duckdb"), read_only=True)
    yield con
    con.close()


def test_the_demo_flags_every_planted_error_and_nothing_else(demo):
    assert findings_in(demo) == PLANTED
    # every pair is linked: by the Source line in the republications view, the rewrite by its figures
    linked = dict(demo.execute("SELECT article_url, original_url FROM republications").fetchall())
    for translation, original in PAIRS.items():
        if translation != HANOITIMES_NTL:
            assert linked[translation] == original
    assert HANOITIMES_NTL not in linked


def test_the_figure_rule_links_the_rewrite_and_not_an_older_story(demo):
    ids = [r[0] for r in demo.execute("SELECT article_id FROM articles").fetchall()]
    url = dict(demo.execute("SELECT article_id, canonical_url FROM articles").fetchall())
    assert [(url[t], url[o]) for t, o in figure_links(demo, ids)] == [(HANOITIMES_NTL, PAIRS[HANOITIMES_NTL])]
    # the Hanoi Times Soc Son piece shares distinctive figures with the kinhtedothi one (246.5 ha,
    # 4,127 households, VND 2,460 billion) but was published 59 days earlier: not a version of it
    by_url = {v: k for k, v in url.items()}
    ht = by_url["https://hanoitimes.vn/soc-son-clears-1450-ha-for-ring-road-4-project-324416.html"]
    kt = by_url[KTDT + "soc-son-tang-truong-kinh-te-9-thang-dat-7-6.html"]
    sides = {}
    for a in (ht, kt):
        art = dict(zip(("article_id", "language", "title", "lead", "body_text"), demo.execute(
            "SELECT article_id, language, title, lead, body_text FROM articles WHERE article_id = ?", [a]).fetchone()))
        facts = [dict(zip(("fact_id", "kind", "text", "start", "end", "value", "value_max", "qualifier", "unit",
                           "currency", "numerator", "denominator", "measure_key", "sentence", "sentence_start"), r))
                 for r in demo.execute("""SELECT fact_id, kind, text, "start", "end", value, value_max, qualifier,
                    unit, currency, numerator, denominator, measure_key, sentence, sentence_start FROM facts
                    WHERE article_id = ?""", [a]).fetchall()]
        sides[a] = make_side(art, facts)
    assert figure_overlap(sides[ht], sides[kt])[0] >= 3


def _ingest(wh: Warehouse, urls: list[str], run_id: str, pages: dict[str, Path] | None = None) -> None:
    for url in urls:
        site = {"www.vietnam.vn": "vietnamvn", "kinhtedothi.vn": "kinhtedothi", "hanoitimes.vn": "hanoitimes"}[
            url.split("/")[2]]
        ingest_pages([(pages or {}).get(url, _page(url))], wh, site, run_id)


def _republication_checks(wh: Warehouse) -> set[str]:
    return {r[0] for r in wh.con.execute(
        "SELECT check_id FROM checks WHERE check_name LIKE 'republication%'").fetchall()}


def test_either_side_may_arrive_first_and_stale_checks_go(tmp_path):
    translations = list(PAIRS)
    originals = sorted(set(PAIRS.values()))
    with Warehouse(tmp_path / "late_original.duckdb") as late, Warehouse(tmp_path / "late_copy.duckdb") as early:
        _ingest(late, translations, "r1")
        assert _republication_checks(late) == set()          # nothing to compare with yet
        _ingest(late, originals, "r2")                       # each original finds its translations
        assert findings_in(late.con) == PLANTED
        _ingest(early, originals + translations, "r1")
        assert findings_in(early.con) == PLANTED
        assert _republication_checks(late) == _republication_checks(early)

        # the original corrected to what the translation says: its check goes, though only the
        # original is loaded (the check is filed under the translation)
        thach_that = PAIRS[translations[1]]
        fixed = tmp_path / "thach-that.html"
        text = _page(thach_that).read_text(encoding="utf-8")
        assert text.count("961,4 tỷ đồng, đạt 64,7% kế hoạch") == 1
        fixed.write_text(text.replace("961,4 tỷ đồng, đạt 64,7% kế hoạch", "961,4 tỷ đồng, đạt 67,4% kế hoạch"),
                         encoding="utf-8")
        _ingest(late, [thach_that], "r3", {thach_that: fixed})
        assert findings_in(late.con) == {p for p in PLANTED if p[1] != translations[1]}

        # the rewrite stamped ten days after the original: no longer linked, its check goes
        moved = tmp_path / "hanoitimes.html"
        text = _page(HANOITIMES_NTL).read_text(encoding="utf-8")
        moved.write_text(text.replace("2024-10-11T09:40:00+07:00", "2024-10-20T09:40:00+07:00")
                         .replace("Oct 11, 2024", "Oct 20, 2024")
                         .replace("Local officials attributed", "Local officials have attributed"),   # a new text
                         encoding="utf-8")
        _ingest(late, [HANOITIMES_NTL], "r4", {HANOITIMES_NTL: moved})
        assert findings_in(late.con) == {p for p in PLANTED if p[1] not in (translations[1], HANOITIMES_NTL)}


def test_a_source_line_matches_the_original_however_its_url_is_written(tmp_path):
    original = PAIRS[VN + "phu-xuyen-has-four-more-communes-meeting-advanced-new-style-rural-standards"]
    page = _page(VN + "phu-xuyen-has-four-more-communes-meeting-advanced-new-style-rural-standards")
    other = tmp_path / "page.html"
    text = page.read_text(encoding="utf-8")
    variant = original.replace("https://", "http://www.") + "/?utm_source=vietnamvn#top"
    assert text.count(f'href="{original}"') == 1
    other.write_text(text.replace(f'href="{original}"', f'href="{variant}"'), encoding="utf-8")
    with Warehouse(tmp_path / "w.duckdb") as wh:
        ingest_pages([_page(original)], wh, "kinhtedothi", "r1")
        ingest_pages([other], wh, "vietnamvn", "r2")
        assert wh.con.execute("SELECT source_url FROM articles WHERE site = 'vietnamvn'").fetchone()[0] != original
        ids = [r[0] for r in wh.con.execute("SELECT article_id FROM articles").fetchall()]
        assert len(source_links(wh.con, ids)) == 1
        assert wh.con.execute("SELECT original_url FROM republications").fetchall() == [(original,)]
        assert {p[2] for p in findings_in(wh.con)} == {"19 out of 28"}


# --- the comparison on sentences through the real extractors --------------------------------------
def _side(article_id: str, text: str, lang: str):
    facts = []
    for f in extract_facts(text, datetime.date(2024, 10, 10), lang=lang):
        d = {k: getattr(f, k, None) for k in ("kind", "text", "start", "end", "value", "value_max", "qualifier",
                                              "unit", "currency", "numerator", "denominator", "measure_key",
                                              "sentence", "sentence_start")}
        d["fact_id"] = fact_id_for(article_id, f)
        facts.append(d)
    return make_side(dict(article_id=article_id, language=lang, title="", lead="", body_text=text), facts)


def _compare(vi: str, en: str) -> list[tuple[str, str]]:
    original, translation = _side("o", vi, "vi"), _side("t", en, "en")
    texts = {f.fact["fact_id"]: f.fact["text"] for f in original.figures + translation.figures}
    return [(f.check_name, " | ".join(texts[i] for i in f.fact_ids)) for f in compare(translation, original)]


@pytest.mark.parametrize("vi, en", [
    ("Tốc độ tăng trưởng đạt 7,25%.", "Growth reached 7.3%."),                      # rounded
    ("Tốc độ tăng trưởng đạt 7,25%.", "Growth reached 7.2%."),                      # truncated
    ("Thu ngân sách đạt 176.737 tỷ đồng.", "Budget revenue reached VND 176.7 trillion."),
    ("Thu ngân sách đạt 12.000 tỷ đồng, tăng 8%.", "Budget revenue reached VND 12 trillion, up 8 percent."),
    ("Huyện có gần 1,5 triệu lượt khách.", "The district welcomed nearly 1.46 million visitors."),
    ("Mỗi hộ được hỗ trợ 3 sào ruộng.", "Each household receives 1,080 m2 of paddy land."),   # converted unit
    ("Thời gian giải quyết hồ sơ rút ngắn còn nửa năm.", "The processing time was shortened to six months."),
    ("Tổng vốn đầu tư 146.800 tỷ đồng.", "The total investment is VND 146.8 trillion (US$5.87 billion)."),
    ("Quận đứng đầu thành phố về chỉ số cải cách hành chính.", "The district ranked first in the city in the index."),
    ("Quận xếp thứ 3/30 quận, huyện.", "The district ranked third among the 30 districts."),
    ("Huyện có 50 đảng bộ; trong 50 đảng bộ, có 9 đảng bộ được khen thưởng.",
     "Nine of the district's 50 Party committees were commended."),
    ("Huyện đã bàn giao 246,5 ha, đạt 100% diện tích.", "The district has handed over 246.5 ha, the entire area."),
    ("Trong 6 tháng đầu năm, huyện tiếp nhận 42 đơn.",
     "In the first half of the year, the district received 42 petitions."),
    ("Đã có 517/517 công dân được tiếp.", "All 517 citizens were received."),
])
def test_faithful_translations_raise_nothing(vi, en):
    assert _compare(vi, en) == []


@pytest.mark.parametrize("vi, en, want", [
    ("Tốc độ tăng trưởng đạt 7,2%.", "Growth reached 7.3%.", ("republication_mismatch", "7.3% | 7,2%")),
    ("Tốc độ tăng trưởng đạt 81,8%.", "Growth reached 81.1%.", ("republication_mismatch", "81.1% | 81,8%")),
    ("Thu ngân sách đạt 12.000 tỷ đồng, tăng 8%.", "Budget revenue reached VND 13 trillion, up 8 percent.",
     ("republication_mismatch", "VND 13 trillion | 12.000 tỷ đồng")),
    ("Quận xếp thứ 3/30 quận, huyện.", "The district ranked 5th out of 30 districts.",
     ("republication_mismatch", "ranked 5th out of 30 districts | xếp thứ 3/30 quận, huyện")),
])
def test_changed_figures_are_flagged(vi, en, want):
    assert _compare(vi, en) == [want]


def test_a_ratio_with_changed_parts_and_a_dropped_figure():
    got = _compare("Ủy ban đã tiếp nhận 17 đơn, giải quyết 15/17 đơn thuộc thẩm quyền, đạt 88,2%. "
                   "Riêng 46 hộ tái định cư đã được cấp giấy chứng nhận.",
                   "The commission received 17 petitions and settled 15/18 under its authority, reaching 88.2%.")
    assert [name for name, _ in got] == ["republication_mismatch", "republication_dropped"]
    assert re.match(r"15/18.* \| 15/17", got[0][1]) and got[1][1].startswith("46 hộ")


# --- numbers at their stated precision -----------------------------------------------------------
def test_stated_precision_and_agreement():
    assert stated_unit("81,8%", 81.8, "vi") == pytest.approx(0.1)
    assert stated_unit("VND 176.7 trillion", 176.7e12, "en") == pytest.approx(1e11)
    assert stated_unit("176.737 tỷ đồng", 176.737e12, "vi") == pytest.approx(1e9)
    assert stated_unit("10,000 people", 10000, "en") == pytest.approx(1e4)
    assert stated_unit("100%", 100, "en", loose_zeros=False) == 1
    assert stated_unit("seven", 7, "en") == 0
    assert agree(176.7e12, 1e11, 176.737e12, 1e9)              # rounded
    assert not agree(176.8e12, 1e11, 176.737e12, 1e9)
    assert agree(7.2, 0.1, 7.25, 0.01) and agree(7.3, 0.1, 7.25, 0.01)   # truncated or rounded
    assert not agree(81.1, 0.1, 81.8, 0.1) and not agree(81.7, 0.1, 81.8, 0.1)   # same digits stated
    assert agree(600e9, 1e9, 620e9, 1e9, qa="more_than") and not agree(640e9, 1e9, 620e9, 1e9, qa="more_than")


def test_url_key():
    assert url_key("https://www.Kinhtedothi.vn/a-b.html/?utm_source=x#c") == "kinhtedothi.vn/a-b.html"
    assert url_key("http://kinhtedothi.vn/a-b.html") == url_key("https://kinhtedothi.vn/a-b.html")
    assert url_key("https://kinhtedothi.vn/a-b.html") != url_key("https://kinhtedothi.vn/a-c.html")
    assert url_key(None) is None
