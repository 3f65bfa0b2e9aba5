"""The review page, served for real and driven by a real headless Chromium (Playwright)."""
from __future__ import annotations

import http.client
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
from datetime import datetime, timezone
from pathlib import Path

import pytest
import requests

from extractors import EXTRACTOR_VERSION
from extractors.facts import Fact
from pipeline.errors import InputError
from pipeline.review.app import make_review_server
from pipeline.review.cards import highlight
from pipeline.store.reviewstore import ReviewStore, reviews_path
from pipeline.store.ids import article_id_for, fact_id_for
from pipeline.store.warehouse import ARTICLE_COLUMNS, Warehouse
from conftest import run_cli

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
XSS = "<script>alert(1)</script><img src=x onerror=alert(2)>"
XSS_URL = "https://hanoitimes.vn/xss-test-article-123.html"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _inject_xss_article(warehouse: Path) -> tuple[str, str]:
    """An article whose title and body carry an XSS payload, with one fact in the payload's sentence."""
    body = f"Intro paragraph.\nThe board said {XSS} and that 15 members agreed on Monday."
    start = body.index("15 members")
    sentence_start = body.index("The board")
    sentence = body[sentence_start:]
    aid = article_id_for(XSS_URL)
    article = {c: None for c in ARTICLE_COLUMNS}
    article.update(article_id=aid, url=XSS_URL, canonical_url=XSS_URL, site="hanoitimes", adapter="hanoitimes",
                   adapter_version="1", parse_complete=True, title=f"Headline {XSS}", lead="", body_text=body,
                   text=body, body_start=0,
                   published_at=datetime(2024, 5, 1, tzinfo=timezone.utc), language="en",
                   content_sha256="x" * 64, extraction_status="ok", extractor_version=EXTRACTOR_VERSION,
                   first_seen_run="test", last_seen_run="test")
    fact = Fact(kind="count", text="15 members", start=start, end=start + len("15 members"), value=15.0,
                unit="members", rule_id="test.xss", sentence=sentence, sentence_start=sentence_start)
    with Warehouse(warehouse) as wh:
        wh.load_batch([article], {aid: [fact]}, [], "test")
    return aid, fact_id_for(aid, fact)


def _insert_check(warehouse: Path, fact_id: str, article_id: str) -> bool:
    with Warehouse(warehouse) as wh:
        cols = {r[0] for r in wh.con.execute("SELECT column_name FROM duckdb_columns() "
                                             "WHERE table_name = 'checks'").fetchall()}
        if not cols:
            return False
        row = {"check_id": "testcheck0001", "article_id": article_id, "check_name": "parts_sum_mismatch",
               "severity": "error", "fact_ids": [fact_id], "message": "parts 15 <b>do not</b> sum to 20",
               "computed_at": datetime.now(timezone.utc), "run_id": "test"}
        row = {k: v for k, v in row.items() if k in cols}
        wh.con.execute(f"INSERT INTO checks ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
                       list(row.values()))
    return True


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """A demo warehouse plus the XSS article and a check, served by the page in a thread."""
    root = tmp_path_factory.mktemp("review")
    done = run_cli("run", "--demo", cwd=root)
    assert done.returncode == 0, done.stderr
    warehouse = root / "warehouse.duckdb"
    xss_article, xss_fact = _inject_xss_article(warehouse)
    # a fact of the demo, flagged by a check
    with Warehouse(warehouse, read_only=True) as wh:
        flagged, flagged_article = wh.con.execute(
            "SELECT fact_id, article_id FROM facts WHERE kind = 'count' ORDER BY fact_id LIMIT 1").fetchone()
    has_checks = _insert_check(warehouse, flagged, flagged_article)
    server = make_review_server(warehouse, "127.0.0.1", 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield dict(base=f"http://127.0.0.1:{server.server_port}", root=root, warehouse=warehouse,
               xss_fact=xss_fact, xss_article=xss_article, flagged=flagged, has_checks=has_checks,
               port=server.server_port)
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.skip("chromium is not installed (apt-get install -y chromium); browser tests skipped")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install playwright)")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    pg = context.new_page()
    dialogs: list[str] = []
    pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    pg.dialogs = dialogs
    yield pg
    context.close()


# --- without a browser -----------------------------------------------------------------------
def test_highlight_escapes_each_piece():
    out = highlight("a <b> 15 members </b>", 10, 16, 26, "15 members")
    assert out == "a &lt;b&gt; <mark>15 members</mark> &lt;/b&gt;"
    assert highlight("<i>x</i>", 0, 0, 1, "nope") == "&lt;i&gt;x&lt;/i&gt;"


def test_wrong_host_header_is_refused(site):
    conn = http.client.HTTPConnection("127.0.0.1", site["port"], timeout=10)
    conn.request("GET", "/", headers={"Host": "evil.example:80"})
    assert conn.getresponse().status == 400
    conn.close()
    assert requests.get(site["base"] + "/", timeout=10).status_code == 200
    assert requests.get(f"http://localhost:{site['port']}/", timeout=10).status_code == 200


def test_cross_site_posts_are_refused(site):
    s = requests.Session()
    html = s.get(site["base"] + "/", timeout=10).text
    token = re.search(r'name="csrf" value="([^"]+)"', html).group(1)
    form = dict(csrf=token, fact_id=site["xss_fact"], verdict="wrong", back="/")
    url = site["base"] + "/verdict"
    assert s.post(url, data=form, headers={"Origin": "http://evil.example"}, timeout=10).status_code == 403
    assert s.post(url, data=form, headers={"Referer": "http://evil.example/x"}, timeout=10).status_code == 403
    assert s.post(url, data=form, timeout=10).status_code == 403        # neither Origin nor Referer
    no_token = {k: v for k, v in form.items() if k != "csrf"}
    assert s.post(url, data=no_token, headers={"Origin": site["base"]}, timeout=10).status_code == 403
    # the token of another session (cookie not sent) is refused too
    assert requests.post(url, data=form, headers={"Origin": site["base"]}, timeout=10).status_code == 403
    # nothing was recorded
    assert 'data-verdict="wrong"' not in s.get(f"{site['base']}/fact/{site['xss_fact']}", timeout=10).text


@pytest.mark.parametrize("query", ["from=2024-13-45", "to=9999-99-99", "from=2024-02-30",
                                   "page=99999999999999999999", "page=1000001"])
def test_impossible_filters_are_400_not_500(site, query):
    r = requests.get(f"{site['base']}/?{query}", timeout=10)
    assert r.status_code == 400
    assert requests.get(f"{site['base']}/?from=2024-02-29&page=2", timeout=10).status_code == 200


@pytest.mark.parametrize("back", ["/\t/evil.com", "/\n/evil.com", "/ /evil.com", "/\x0b/evil.com", "//evil.com",
                                  "https://evil.com/", "/\\evil.com"])
def test_a_verdict_never_redirects_off_the_page(site, back):
    s = requests.Session()
    html = s.get(site["base"] + "/", timeout=10).text
    token = re.search(r'name="csrf" value="([^"]+)"', html).group(1)
    form = dict(csrf=token, fact_id=site["flagged"], verdict="correct", back=back)
    r = s.post(site["base"] + "/verdict", data=form, headers={"Origin": site["base"]}, timeout=10,
               allow_redirects=False)
    assert r.status_code == 303
    assert r.headers["Location"].startswith("/#f-") or r.headers["Location"].startswith("/?")


@pytest.mark.parametrize("path, field, extra", [("/verdict", "fact_id", {"verdict": "correct"}),
                                                ("/dismiss", "check_id", {})])
def test_a_post_naming_a_bad_or_unknown_id_is_refused(site, path, field, extra):
    s = requests.Session()
    html = s.get(site["base"] + "/", timeout=10).text
    token = re.search(r'name="csrf" value="([^"]+)"', html).group(1)

    def post(key):
        form = dict(csrf=token, back="/", **extra, **{field: key})
        return s.post(site["base"] + path, data=form, headers={"Origin": site["base"]}, timeout=10,
                      allow_redirects=False)

    bad = post("not-an-id")
    assert bad.status_code == 400 and f"bad {field.split('_')[0]} id" in bad.text
    unknown = post("0" * 20)
    assert unknown.status_code == 404 and "no such" in unknown.text


def test_bidi_controls_in_scraped_text_are_shown_not_obeyed():
    from pipeline.review.cards import e

    assert e("Ward \u202e21 tasks\u202c done") == "Ward &lt;U+202E&gt;21 tasks&lt;U+202C&gt; done"
    assert e("Đống Đa: 12%") == "Đống Đa: 12%"


def test_security_headers_and_raw_page_as_text(site):
    r = requests.get(site["base"] + "/", timeout=10)
    assert "default-src 'self'; script-src 'self'" in r.headers["Content-Security-Policy"]
    assert "SameSite=Strict" in r.headers["Set-Cookie"] and "HttpOnly" in r.headers["Set-Cookie"]
    raw = re.search(r'href="/raw/([0-9a-f]+)"', r.text).group(1)
    r = requests.get(f"{site['base']}/raw/{raw}", timeout=10)
    assert r.status_code == 200 and r.headers["Content-Type"].startswith("text/plain")
    assert "<html" in r.text.lower()
    assert requests.get(site["base"] + "/raw/..%2f..%2fetc", timeout=10).status_code == 404


# --- in a real browser -----------------------------------------------------------------------
def test_review_with_keyboard_and_see_it_after_reload(site, page):
    page.goto(site["base"] + "/?kind=money&site=hanoitimes")   # English facts (Vietnamese: test_vietnamese_*)
    first = page.locator("article.fact").first
    fact_id = first.get_attribute("data-fact")
    second_id = page.locator("article.fact").nth(1).get_attribute("data-fact")
    page.fill("#reviewer", "Lan")
    page.locator("body").click(position={"x": 5, "y": 5})   # leave the field
    with page.expect_navigation():
        page.keyboard.press("c")
    assert page.url.endswith(f"#f-{second_id}")              # lands on the next fact
    page.reload()
    badge = page.locator(f"#f-{fact_id} .verdict")
    assert badge.get_attribute("data-verdict") == "correct"
    assert "Lan" in badge.inner_text()
    # the current fact is the next one: e, type a value, Enter = corrected
    assert "current" in page.locator(f"#f-{second_id}").get_attribute("class")
    page.keyboard.press("e")
    page.keyboard.type("2.5 billion VND")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.reload()
    assert page.locator(f"#f-{second_id} .verdict").get_attribute("data-verdict") == "corrected"
    assert "2.5 billion VND" in page.locator(f"#f-{second_id} .verdict").inner_text()
    # j moves, w = wrong
    page.keyboard.press("j")
    third = page.locator("article.fact.current").get_attribute("data-fact")
    with page.expect_navigation():
        page.keyboard.press("w")
    page.reload()
    assert page.locator(f"#f-{third} .verdict").get_attribute("data-verdict") == "wrong"
    # the summary counts them
    page.goto(site["base"] + "/summary")
    assert "money" in page.locator("table.by-kind").inner_text()
    assert page.dialogs == []


def test_flagged_check_is_shown(site, page):
    if not site["has_checks"]:
        pytest.skip("this warehouse has no checks table (migration 004 not present)")
    page.goto(site["base"] + "/?check=flagged")
    card = page.locator(f"#f-{site['flagged']}")
    assert "flagged" in card.get_attribute("class")
    text = card.locator("ul.checks").inner_text()
    assert "parts_sum_mismatch" in text and "<b>do not</b>" in text   # the message is escaped too
    page.goto(site["base"] + "/summary")
    assert "parts_sum_mismatch" in page.locator("main").inner_text()
    assert re.search(r"\b[1-9]\d* open checks", page.locator("#open-checks").inner_text())


def test_xss_payload_renders_as_text(site, page):
    page.goto(f"{site['base']}/?rule=test.xss")
    card = page.locator(f"#f-{site['xss_fact']}")
    assert XSS in card.locator(".sentence").inner_text()
    assert f"Headline {XSS}" in card.locator(".article").inner_text()
    assert card.locator("mark").inner_text() == "15 members"
    assert page.locator("main img").count() == 0 and page.locator("main script").count() == 0
    page.goto(f"{site['base']}/fact/{site['xss_fact']}")
    assert XSS in page.locator("main").inner_text()
    page.wait_for_timeout(300)
    assert page.dialogs == []


def _about(card) -> dict:
    return card.evaluate("""c => { const a = c.querySelector('p.about'); if (!a) return null;
        const t = s => { const el = a.querySelector(s); return el ? el.textContent : null; };
        const r = a.querySelector('.ref');
        return {measure: t('.measure'), key: t('.measure-key'), place: t('.place'), level: t('.place-level'),
                start: r ? r.dataset.start : null, end: r ? r.dataset.end : null, text: a.textContent}; }""")


def test_fact_cards_show_what_a_figure_is_about(site, page):
    with Warehouse(site["warehouse"], read_only=True) as wh:
        fid, measure, key, place, level, ref_start, ref_end = wh.con.execute(
            """SELECT fact_id, measure, measure_key, place, place_level, ref_start, ref_end FROM facts
               WHERE measure_key IS NOT NULL AND place IS NOT NULL AND ref_start IS NOT NULL AND ref_end IS NOT NULL
               ORDER BY fact_id LIMIT 1""").fetchone()
    page.goto(f"{site['base']}/fact/{fid}")
    about = _about(page.locator(f"#f-{fid}"))
    assert about["measure"] == measure and about["key"] == key and about["place"] == place
    assert about["level"] == f"({level})"
    assert (about["start"], about["end"]) == (ref_start.isoformat(), ref_end.isoformat())
    assert f"{ref_start.isoformat()} – {ref_end.isoformat()}" in about["text"]
    # compactly: one line, not among the fields
    assert not ({"measure", "measure_key", "place", "place_level", "ref_start", "ref_end"}
                & set(_fields(page.locator(f"#f-{fid}"))))
    # every figure on the queue carries the line, a missing field shown as a dash
    page.goto(site["base"] + "/?kind=percentage&site=kinhtedothi")
    cards = page.locator("article.fact")
    assert cards.count() > 0 and page.locator("article.fact p.about").count() == cards.count()
    assert page.locator("article.fact p.about .measure[lang=vi]").count() > 0


def test_a_fact_of_the_lead_is_shown_in_its_sentence(site, page):
    with Warehouse(site["warehouse"], read_only=True) as wh:
        fid, text, sentence, lead = wh.con.execute(
            """SELECT f.fact_id, f.text, f.sentence, a.lead FROM facts f JOIN articles a USING (article_id)
               WHERE f.section = 'lead' AND a.site = 'kinhtedothi' AND f.kind = 'percentage'
               ORDER BY f.fact_id LIMIT 1""").fetchone()
        body_fact = wh.con.execute("SELECT fact_id FROM facts WHERE section = 'body' "
                                   "ORDER BY fact_id LIMIT 1").fetchone()[0]
    assert text in sentence and sentence in lead      # the demo's kinhtedothi leads carry the key figures
    page.goto(f"{site['base']}/fact/{fid}")
    card = page.locator(f"#f-{fid}")
    assert card.locator(".sentence").inner_text() == sentence
    assert card.locator(".sentence mark").inner_text() == text
    assert card.locator(".section").get_attribute("data-section") == "lead"
    assert card.locator(".section").inner_text() == "in the lead"
    page.goto(f"{site['base']}/fact/{body_fact}")
    assert page.locator(f"#f-{body_fact} .section").count() == 0    # the body is where facts are by default


def _mismatch(site) -> tuple:
    """A republication_mismatch of the demo: (translation fact, original fact) with sentence, text, article URL."""
    with Warehouse(site["warehouse"], read_only=True) as wh:
        rows = wh.con.execute("""
            SELECT c.fact_ids, c.article_id, c.other_article_id FROM checks c
            WHERE c.check_name = 'republication_mismatch' ORDER BY c.check_id""").fetchall()
        assert rows, "the demo has planted translation errors"
        fact_ids, translation, original = rows[0]
        facts = {r[0]: r for r in wh.con.execute(
            """SELECT f.fact_id, f.article_id, f.text, f.sentence, COALESCE(a.canonical_url, a.url), a.language
               FROM facts f JOIN articles a USING (article_id) WHERE fact_id IN (SELECT unnest(?))""",
            [fact_ids]).fetchall()}
    t, o = (facts[f] for f in fact_ids)
    assert (t[1], o[1]) == (translation, original)
    return t, o


def test_a_translation_mismatch_shows_both_sentences_side_by_side(site, page):
    if not site["has_checks"]:
        pytest.skip("this warehouse has no checks table")
    t, o = _mismatch(site)
    page.goto(site["base"] + "/?check=republication_mismatch")
    item = page.locator(f"#f-{t[0]} li[data-check=republication_mismatch]")
    assert "warning" in item.inner_text() and "flagged" in page.locator(f"#f-{t[0]}").get_attribute("class")
    left, right = item.locator(".pair .side-translation"), item.locator(".pair .side-original")
    # each sentence as its article has it, the figure highlighted, linked to its article and fact
    assert left.locator(".side-sentence").inner_text() == t[3] and left.locator("mark").inner_text() == t[2]
    assert right.locator(".side-sentence").inner_text() == o[3] and right.locator("mark").inner_text() == o[2]
    assert right.locator(".side-sentence").get_attribute("lang") == "vi"
    assert left.locator("a.article-link").get_attribute("href") == t[4]
    assert right.locator("a.article-link").get_attribute("href") == o[4]
    assert left.locator("a.fact-link").get_attribute("href") == f"/fact/{t[0]}"
    assert right.locator("a.fact-link").get_attribute("href") == f"/fact/{o[0]}"
    # side by side: the translation on the left, the original on its right, on one row
    lb, rb = left.bounding_box(), right.bounding_box()
    assert lb["x"] + lb["width"] <= rb["x"] + 1 and abs(lb["y"] - rb["y"]) < 2
    # the original's card shows the same pair, in the same order
    page.goto(f"{site['base']}/fact/{o[0]}")
    pair = page.locator("li[data-check=republication_mismatch] .pair")
    assert pair.locator(".side-translation mark").inner_text() == t[2]
    assert pair.locator(".side-original mark").inner_text() == o[2]
    assert page.dialogs == []


def test_a_mismatch_pair_escapes_scraped_text(site, page):
    """A republication check naming the XSS article's fact: its sentence and title stay text."""
    _, o = _mismatch(site)
    with Warehouse(site["warehouse"]) as wh:
        wh.con.execute("""INSERT INTO checks (check_id, article_id, check_name, severity, fact_ids, message,
                          computed_at, run_id, other_article_id) VALUES (?, ?, 'republication_mismatch', 'warning',
                          ?, ?, ?, 'test', ?) ON CONFLICT DO NOTHING""",
                       ["testpair0001", site["xss_article"], [site["xss_fact"], o[0]],
                        f'"15 members" {XSS} — translation: "{XSS}" | original: "x"',
                        datetime.now(timezone.utc), o[1]])
    page.goto(f"{site['base']}/fact/{site['xss_fact']}")
    item = page.locator("li[data-check=republication_mismatch]")
    assert XSS in item.locator(".side-translation .side-sentence").inner_text()
    assert f"Headline {XSS}" == item.locator(".side-translation a.article-link").inner_text()
    assert XSS in item.inner_text()
    assert page.locator("main img").count() == 0 and page.locator("main script").count() == 0
    page.wait_for_timeout(300)
    assert page.dialogs == []


def test_cross_site_form_post_from_the_browser_is_refused(site, page):
    page.goto(site["base"] + "/")                        # the browser has the session cookie
    other = page.context.new_page()
    other.set_content(f'<form method="post" action="{site["base"]}/verdict">'
                      f'<input name="fact_id" value="{site["xss_fact"]}"><input name="verdict" value="wrong">'
                      f'<button id="go">go</button></form>')
    with other.expect_navigation() as nav:
        other.click("#go")
    assert nav.value.status == 403
    page.goto(f"{site['base']}/fact/{site['xss_fact']}")
    assert "not reviewed" in page.locator(".verdict").inner_text()


_SERVE = ("import sys; from pathlib import Path; from pipeline.review.app import serve; "
          "serve(Path(sys.argv[1]), '127.0.0.1', int(sys.argv[2]))")


def test_nightly_run_completes_while_the_page_is_open(site, page):
    """Page in another process, a browser on it, an analyst's reader open, and a real run."""
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSFACTS_")}
    server = subprocess.Popen([sys.executable, "-c", _SERVE, str(site["warehouse"]), str(port)],
                              cwd=site["root"], env=env, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                requests.get(base + "/summary", timeout=5)
                break
            except requests.ConnectionError:
                time.sleep(0.1)
        page.goto(base + "/")
        from pipeline.store.replica import open_for_reading
        analyst = open_for_reading(site["warehouse"])     # an analyst's SQL session stays open
        statuses: list[int] = []
        stop = threading.Event()

        def hammer():
            while not stop.is_set():
                for path in ("/", "/summary", f"/fact/{site['flagged']}"):
                    statuses.append(requests.get(base + path, timeout=30).status_code)

        poller = threading.Thread(target=hammer)
        poller.start()
        started = time.monotonic()
        run = subprocess.Popen([sys.executable, "-m", "pipeline", "run", "--demo"], cwd=site["root"], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        reloads = 0
        while run.poll() is None and time.monotonic() - started < 300:
            page.reload()
            assert page.locator("article.fact").count() > 0
            reloads += 1
        out, err = run.communicate(timeout=300)
        stop.set()
        poller.join(60)
        assert run.returncode == 0, err
        assert analyst.execute("SELECT count(*) FROM facts").fetchone()[0] > 0
        analyst.close()
        assert statuses and set(statuses) == {200}, statuses
        assert reloads >= 1
        # after the run the page shows the warehouse as the run left it
        page.goto(base + "/summary")
        assert page.locator("main").inner_text()
        with Warehouse(site["warehouse"], read_only=True) as wh:
            facts = wh.con.execute("SELECT count(*) FROM facts").fetchone()[0]
        assert f"of {facts} facts reviewed" in page.locator("main").inner_text()
        # the verdicts given earlier survive the run (its facts were re-loaded)
        page.goto(base + "/?kind=money&status=reviewed")
        assert page.locator("article.fact .verdict.v-correct").count() >= 1
        assert page.locator("article.fact .verdict.v-corrected").count() >= 1
    finally:
        server.terminate()
        server.wait(10)


def test_verdicts_are_tied_to_fact_id_and_span(tmp_path):
    import duckdb

    from pipeline.store.reviewstore import ReviewStore
    store = ReviewStore(tmp_path / "reviews.duckdb")
    fact = dict(fact_id="aaaa0000aaaa0000aaaa", article_id="art1", start=10, end=20, text="15 members")
    store.record_verdict(fact_id=fact["fact_id"], article_id="art1", kind="count", fact_text="15 members",
                         start=10, end=20, verdict="wrong", reviewer="Lan", rule_id="count.members")
    store.record_verdict(fact_id=fact["fact_id"], article_id="art1", kind="count", fact_text="15 members",
                         start=10, end=20, verdict="correct", reviewer="Minh", rule_id="count.members")
    assert store.verdicts_for([fact])[fact["fact_id"]]["verdict"] == "correct"      # the latest wins
    # re-extracted under a new id (say its kind changed) but the same span and text: same verdict
    again = dict(fact, fact_id="bbbb1111bbbb1111bbbb")
    assert store.verdicts_for([again])["bbbb1111bbbb1111bbbb"]["reviewer"] == "Minh"
    moved = dict(fact, fact_id="cccc2222cccc2222cccc", start=11, end=21)
    assert store.verdicts_for([moved]) == {}
    s = store.summary()
    assert s["by_kind"][0]["precision"] == 1.0 and s["by_rule"][0]["rule_id"] == "count.members"
    with pytest.raises(Exception, match="corrected value"):
        store.record_verdict(fact_id="x" * 20, article_id="a", kind="count", fact_text="t", start=0, end=1,
                             verdict="corrected")
    # analysts query it with SQL; the columns are documented
    con = duckdb.connect(":memory:")
    con.execute(f"ATTACH '{tmp_path / 'reviews.duckdb'}' AS reviews (READ_ONLY)")
    assert con.execute("SELECT count(*) FROM reviews.verdicts").fetchone()[0] == 2
    assert con.execute("SELECT verdict FROM reviews.latest_verdicts").fetchall() == [("correct",)]
    assert con.execute("SELECT count(*) FROM duckdb_columns() WHERE table_name = 'verdicts' "
                       "AND comment IS NULL").fetchone()[0] == 0


# --- a Vietnamese article ------------------------------------------------------------------------
from pipeline.review.notation import shown_corrected, shown_value, stored_corrected  # noqa: E402

VI_URL = "https://kinhte.example/tay-ho-thu-ngan-sach-9-thang.html"
VI_BODY = ("Quận Tây Hồ công bố số liệu kinh tế - xã hội.\n"
           "Trong 9 tháng năm 2024, tổng thu ngân sách trên địa bàn quận đạt 12.345,6 tỷ đồng, tăng 7,8% so với "
           "cùng kỳ. Thanh tra quận đã xử lý 33/36 đơn thư, đạt 91,7%. "
           "Ban chỉ đạo ghi nhận <i>Đống Đa</i> & “Hà Nội” có 1.205 hộ kinh doanh.")
VI_REVENUE = ("Trong 9 tháng năm 2024, tổng thu ngân sách trên địa bàn quận đạt 12.345,6 tỷ đồng, "
              "tăng 7,8% so với cùng kỳ.")


@pytest.fixture(scope="module")
def vi_site(tmp_path_factory):
    """A warehouse with one Vietnamese article, its facts by the Vietnamese extractors and its checks."""
    from extractors import extract_facts
    from pipeline.checks.store import compute_checks
    root = tmp_path_factory.mktemp("review_vi")
    warehouse = root / "warehouse.duckdb"
    aid = article_id_for(VI_URL)
    article = {c: None for c in ARTICLE_COLUMNS}
    article.update(article_id=aid, url=VI_URL, canonical_url=VI_URL, site="kinhtedothi", adapter="kinhtedothi",
                   adapter_version="1", parse_complete=True,
                   title="Tây Hồ: thu ngân sách <b>9 tháng</b> đạt 12.345,6 tỷ đồng",
                   lead="", body_text=VI_BODY, text=VI_BODY, body_start=0,
                   published_at=datetime(2024, 10, 8, 2, tzinfo=timezone.utc),
                   language="vi", content_sha256="v" * 64, extraction_status="extracted",
                   extractor_version=EXTRACTOR_VERSION, first_seen_run="test", last_seen_run="test")
    facts = extract_facts(VI_BODY, article["published_at"].date(), lang="vi")
    with Warehouse(warehouse) as wh:
        wh.load_batch([article], {aid: facts}, [], "test")
        compute_checks(wh, [aid], "test")
    ids = {f.text: fact_id_for(aid, f) for f in facts}
    server = make_review_server(warehouse, "127.0.0.1", 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield dict(base=f"http://127.0.0.1:{server.server_port}", warehouse=warehouse, ids=ids)
    server.shutdown()
    server.server_close()


def _fields(card) -> dict[str, str]:
    return card.evaluate("c => Object.fromEntries([...c.querySelectorAll('dl.fields dt')]"
                         ".map(dt => [dt.textContent, dt.nextElementSibling.textContent]))")


def test_vietnamese_numbers_are_formatted_and_read_back():
    vi, en = dict(kind="money", article_language="vi"), dict(kind="money", article_language="en")
    assert shown_value(176737000000000.0, "vi") == "176.737.000.000.000" and shown_value(7.6, "vi") == "7,6"
    assert shown_value(176737000000000.0, "en") == "176737000000000" and shown_value(7.6, "en") == "7.6"
    assert shown_value(5330.9, None) == "5,330.9"               # no language: as before
    # typed in the article's notation, stored as the number it means, shown back in that notation
    for typed, stored, shown in (("1.234,5", "1234.5", "1.234,5"), ("176.737.000.000.000", "176737000000000",
                                                                    "176.737.000.000.000"),
                                 ("7,6", "7.6", "7,6"), ("1234.5", "1234.5", "1.234,5"),
                                 ("2,5 tỷ đồng", "2.5 tỷ đồng", "2,5 tỷ đồng"),
                                 ("26.7.2016", "26.7.2016", "26.7.2016")):
        assert stored_corrected(typed, vi) == stored and shown_corrected(stored, vi) == shown, typed
    # English, and what is no figure, as typed
    assert stored_corrected("2.5 billion VND", en) == "2.5 billion VND" == shown_corrected("2.5 billion VND", en)
    assert stored_corrected("1.234,5", dict(vi, kind="date")) == "1.234,5"


def test_vietnamese_fact_in_the_browser(vi_site, page):
    ids = vi_site["ids"]
    page.goto(vi_site["base"] + "/?site=kinhtedothi")
    assert page.evaluate("document.characterSet") == "UTF-8"
    money = page.locator(f"#f-{ids['12.345,6 tỷ đồng']}")
    # the figure highlighted in its sentence, the sentence as written (no mojibake), the value as Vietnamese writes it
    assert money.locator("mark").inner_text() == "12.345,6 tỷ đồng"
    assert money.locator(".sentence").inner_text() == VI_REVENUE
    assert money.locator(".sentence").get_attribute("lang") == "vi"
    fields = _fields(money)
    assert {k: fields[k] for k in ("text", "value", "currency")} == {
        "text": "12.345,6 tỷ đồng", "value": "12.345.600.000.000", "currency": "VND"}
    # what the figure is about, shown with it
    assert set(fields) - {"text", "value", "currency"} <= {"measure", "place", "place_level", "ref_start", "ref_end"}
    hint = money.locator("input.corrected")
    assert hint.get_attribute("placeholder") == "corrected, as 12.345.600.000.000 (e)"
    assert "1.234,5 = 1234.5" in hint.get_attribute("title")
    assert _fields(page.locator(f"#f-{ids['7,8%']}"))["value"] == "7,8"
    assert _fields(page.locator(f"#f-{ids['1.205 hộ kinh doanh']}"))["value"] == "1.205"
    # the check, its numbers as the article writes them
    ratio = page.locator(f"#f-{ids['33/36 đơn thư']}")
    assert ratio.locator("ul.checks").inner_text() == \
        'ratio_percentage_agree (info): "33/36 đơn thư" is 91,7%, agreeing with "91,7%"'
    assert ratio.locator("input.corrected").get_attribute("placeholder") == "corrected, as 33/36 (e)"
    # scraped markup stays text
    households = page.locator(f"#f-{ids['1.205 hộ kinh doanh']}")
    assert "<i>Đống Đa</i> & “Hà Nội”" in households.locator(".sentence").inner_text()
    assert "Tây Hồ: thu ngân sách <b>9 tháng</b>" in households.locator(".article").inner_text()
    assert page.locator("main .sentence i").count() == 0 and page.locator("main .article b").count() == 0
    # a corrected value typed the Vietnamese way, by a reviewer with a Vietnamese name
    page.fill("#reviewer", "Nguyễn Thị Lan")
    money.locator("header").click()
    page.keyboard.press("e")
    page.keyboard.type("1.234,5")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.reload()
    badge = page.locator(f"#f-{ids['12.345,6 tỷ đồng']} .verdict")
    assert badge.get_attribute("data-verdict") == "corrected"
    assert badge.inner_text() == "corrected: 1.234,5 — Nguyễn Thị Lan"
    import duckdb
    con = duckdb.connect(str(vi_site["warehouse"].with_name("reviews.duckdb")), read_only=True)
    try:
        assert con.execute("SELECT corrected_value, reviewer FROM latest_verdicts").fetchall() == \
            [("1234.5", "Nguyễn Thị Lan")]
    finally:
        con.close()
    page.goto(f"{vi_site['base']}/fact/{ids['12.345,6 tỷ đồng']}")
    assert "1.234,5" in page.locator("table.history").inner_text()
    assert page.dialogs == []


def test_the_article_view_marks_every_fact_in_place_and_a_click_opens_its_card(site, page):
    with Warehouse(site["warehouse"], read_only=True) as wh:
        aid, text = wh.con.execute("""SELECT a.article_id, a.text FROM articles a JOIN facts f USING (article_id)
            WHERE a.lead_start IS NOT NULL GROUP BY ALL ORDER BY count(*) DESC, a.article_id LIMIT 1""").fetchone()
        facts = wh.con.execute("""SELECT fact_id, kind, text, section FROM facts WHERE article_id = ?
            ORDER BY "start" """, [aid]).fetchall()
    page.goto(f"{site['base']}/article/{aid}")
    marks = page.locator(".article-text mark[data-fact]")
    shown = {m.get_attribute("data-fact"): m.inner_text() for m in marks.all()}
    # every fact is marked (nested ones inside their outer fact), with its own text
    assert {fid: t for fid, _, t, _ in facts} == {fid: shown.get(fid) for fid, _, _, _ in facts}
    # the text reads as stored: title, lead and body, in that order
    assert page.locator(".article-text").inner_text().replace("\n", "") == text.replace("\n", "")
    assert page.locator(".article-text .a-title").count() == 1 and page.locator(".article-text .a-lead").count() >= 1
    # colour by kind
    kinds = {k for _, k, _, _ in facts}
    colours = {k: page.locator(f".article-text mark.k-{k}").first.evaluate("m => getComputedStyle(m).backgroundColor")
               for k in kinds}
    assert len(set(colours.values())) == len(kinds)
    # a click on a figure of the lead opens its card, with its rule and verdict form
    lead_fact = next(fid for fid, _, _, section in facts if section == "lead")
    page.locator(f"#m-{lead_fact}").click()
    card = page.locator(f"#f-{lead_fact}")
    assert "current" in card.get_attribute("class") and page.url.endswith(f"#f-{lead_fact}")
    assert card.locator("code.rule").inner_text() and card.locator("form.verdict-form").count() == 1
    # the queue's cards lead here
    page.goto(f"{site['base']}/fact/{lead_fact}")
    page.locator(f"#f-{lead_fact} a.in-article").click()
    assert page.url.startswith(f"{site['base']}/article/{aid}")
    assert page.dialogs == []


def test_the_article_view_escapes_scraped_text(site, page):
    page.goto(f"{site['base']}/article/{site['xss_article']}")
    assert XSS in page.locator(".article-text").inner_text()
    assert page.locator(f"#m-{site['xss_fact']}").inner_text() == "15 members"
    assert page.dialogs == []
    assert requests.get(f"{site['base']}/article/zzz", timeout=10).status_code == 404
    assert requests.get(f"{site['base']}/article/{'0' * 16}", timeout=10).status_code == 404


def test_the_rule_filter_takes_a_prefix(site):
    with Warehouse(site["warehouse"], read_only=True) as wh:
        rules = {r[0] for r in wh.con.execute("SELECT DISTINCT rule_id FROM facts WHERE kind = 'count'").fetchall()}
    prefix = sorted(rules)[0].split(".")[0] + "."
    html = requests.get(f"{site['base']}/?rule={prefix}", timeout=10).text
    shown = set(re.findall(r'<code class="rule">([^<]+)</code>', html))
    assert shown and all(r.startswith(prefix) for r in shown)
    assert len(shown) > 1 or len(rules) == 1


def test_going_past_the_last_card_of_a_page_goes_on_to_the_next(site, page):
    page.goto(f"{site['base']}/?kind=count")
    cards = page.locator("article.fact")
    last = cards.count() - 1
    assert last >= 1 and page.locator("a[rel=next]").count() >= 1
    cards.nth(last).click()
    page.keyboard.press("j")
    page.wait_for_url("**page=2**")
    assert page.locator("article.fact").count() > 0
    # a verdict on the last card goes on with the next page too
    page.goto(f"{site['base']}/?kind=count&page=2")
    cards = page.locator("article.fact")
    cards.nth(cards.count() - 1).click()
    page.keyboard.press("c")
    page.wait_for_url("**page=3**")
    assert page.locator("label.field", has_text="corrected value").count() == page.locator("article.fact").count()
    assert page.dialogs == []


def test_the_summary_page_exports_verdicts_as_csv(site):
    html = requests.get(f"{site['base']}/summary", timeout=10).text
    assert 'href="/export/reviewed.csv"' in html and 'href="/export/verdicts.csv"' in html
    r = requests.get(f"{site['base']}/export/verdicts.csv", timeout=10)
    assert r.status_code == 200 and r.headers["Content-Type"].startswith("text/csv")
    assert "attachment" in r.headers["Content-Disposition"]
    assert r.text.splitlines()[0].startswith("verdict_id,fact_id,article_id")


def test_summary_charts_link_back_to_the_filtered_queue(site, page):
    page.goto(f"{site['base']}/summary")
    charts = page.locator("figure.chart")
    captions = [c.inner_text() for c in page.locator("figure.chart figcaption").all()]
    assert "Facts per site and month (by publication date)" in captions and "Open checks by type" in captions
    months = charts.filter(has_text="Facts per site and month")
    first = months.locator("a").first
    label = first.locator("text").first.text_content()        # "site YYYY-MM" (SVG has no inner text)
    site_name, month = label.rsplit(" ", 1)
    page.goto(site["base"] + first.get_attribute("href"))   # the bar's link (SVG links resist clicks in tests)
    assert f"from={month}-01" in page.url
    shown = {t.split(" · ")[1] for t in page.locator("article.fact p.article").all_inner_texts()}
    assert shown == {site_name}
    page.goto(f"{site['base']}/summary")
    checks = page.locator("figure.chart").filter(has_text="Open checks by type").locator("a")
    assert checks.count() >= 1
    page.goto(site["base"] + checks.first.get_attribute("href"))
    assert "check=" in page.url
    assert page.locator("article.fact").count() >= 1 and page.dialogs == []


def test_wrong_with_a_reason_then_undo_and_the_session_count(site, page):
    page.goto(f"{site['base']}/?kind=money")
    card = page.locator("article.fact").nth(1)
    fid = card.get_attribute("data-fact")
    before = ReviewStore(reviews_path(site["warehouse"])).history({"fact_id": fid, "article_id": "", "start": -1,
                                                                   "end": -1, "text": ""})
    card.click()
    card.locator("select.reason").select_option("wrong_unit")
    page.keyboard.press("w")
    page.wait_for_url("**#f-*")
    store = ReviewStore(reviews_path(site["warehouse"]))
    latest = store.history({"fact_id": fid, "article_id": "", "start": -1, "end": -1, "text": ""})[0]
    assert (latest["verdict"], latest["reason"]) == ("wrong", "wrong_unit")
    assert "1 verdict this session" in page.locator("#session-count").inner_text()
    assert page.locator(f"#f-{fid} [data-verdict=wrong]").count() == 1
    page.keyboard.press("u")                          # undo: the verdict is taken back
    page.wait_for_url(f"**#f-{fid}")
    after = store.history({"fact_id": fid, "article_id": "", "start": -1, "end": -1, "text": ""})
    assert len(after) == len(before)
    assert page.locator("#undo").count() == 0
    # s skips to the next card without a verdict
    page.locator("article.fact").first.click()
    page.keyboard.press("s")
    assert "current" in page.locator("article.fact").nth(1).get_attribute("class")
    assert page.dialogs == []


def test_a_reason_needs_a_wrong_verdict(tmp_path):
    store = ReviewStore(tmp_path / "reviews.duckdb")
    with pytest.raises(InputError, match="reason"):
        store.record_verdict(fact_id="a" * 20, article_id="b" * 16, kind="count", fact_text="3 wards", start=0,
                             end=7, verdict="correct", reason="wrong_unit")
    with pytest.raises(InputError, match="reason"):
        store.record_verdict(fact_id="a" * 20, article_id="b" * 16, kind="count", fact_text="3 wards", start=0,
                             end=7, verdict="wrong", reason="too_long")


def test_a_false_alarm_check_can_be_dismissed(site, page):
    with Warehouse(site["warehouse"], read_only=True) as wh:
        check_id, name, fid = wh.con.execute("""SELECT check_id, check_name, fact_ids[1] FROM checks
            WHERE severity <> 'info' AND check_name <> 'parts_sum_mismatch' ORDER BY check_id LIMIT 1""").fetchone()
    page.goto(f"{site['base']}/summary")
    open_before = int(page.locator("#open-checks").inner_text().split()[0])
    page.goto(f"{site['base']}/?check=flagged")
    flagged_before = page.locator("article.fact").count()
    page.goto(f"{site['base']}/fact/{fid}")
    item = page.locator(f"#f-{fid} li.check[data-check={name}]").first
    item.locator("form.dismiss button").click()
    page.wait_for_url(f"**/fact/{fid}**")
    item = page.locator(f"#f-{fid} li.check[data-check={name}]").first
    assert "dismissed" in item.get_attribute("class") and item.locator("form.dismiss").count() == 0
    page.goto(f"{site['base']}/summary")
    assert int(page.locator("#open-checks").inner_text().split()[0]) == open_before - 1
    assert check_id in ReviewStore(reviews_path(site["warehouse"])).dismissed_checks()
    page.goto(f"{site['base']}/?check=flagged")
    assert page.locator("article.fact").count() <= flagged_before
    assert page.dialogs == []
