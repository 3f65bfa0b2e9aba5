from datetime import datetime, timezone

import extractors
from extractors.facts import Fact
from pipeline.jobs.reextract import reextract, stale_article_ids
from pipeline.store.ids import article_id_for
from pipeline.store.warehouse import ARTICLE_COLUMNS, Warehouse

BODY = "The ward settled 133/155 tasks, or 85.8%."


def stored(url: str, version: str, status: str = "extracted") -> dict:
    row = {c: None for c in ARTICLE_COLUMNS}
    row.update(article_id=article_id_for(url), url=url, canonical_url=url, body_text=BODY, text=BODY, body_start=0,
               published_at=datetime(2024, 7, 2, tzinfo=timezone.utc), extraction_status=status,
               extractor_version=version, first_seen_run="r1", last_seen_run="r1")
    return row


def test_stale_articles_get_current_facts(tmp_path):
    old = stored("https://x.example/old.html", "0.0.1")
    current = stored("https://x.example/new.html", extractors.EXTRACTOR_VERSION)
    foreign = stored("https://x.example/vi.html", "0.0.1", "unsupported_language")
    junk = Fact("count", "The", 0, 3, value=1, rule_id="old.rule")
    with Warehouse(tmp_path / "w.duckdb") as wh:
        wh.load_batch([old, current, foreign], {old["article_id"]: [junk], current["article_id"]: [junk]},
                      [], "r1")
        assert set(stale_article_ids(wh)) == {old["article_id"], foreign["article_id"]}
        assert reextract(wh, "r2") == (2, 2)
        rows = wh.con.execute("""select article_id, kind, rule_id, extractor_version, run_id from facts
                                 order by article_id, "start" """).fetchall()
        assert stale_article_ids(wh) == []
        # an untouched article keeps its facts; the stale one has the current extractor's
        assert (current["article_id"], "count", "old.rule", extractors.EXTRACTOR_VERSION, "r1") in rows
        new = [r for r in rows if r[0] == old["article_id"]]
        assert {r[1] for r in new} == {"ratio", "percentage"}
        assert all(r[3:] == (extractors.EXTRACTOR_VERSION, "r2") for r in new)
        assert all(r[0] != foreign["article_id"] for r in rows)
        assert reextract(wh, "r3", every=True)[0] == 3


def test_vietnamese_articles_stored_as_unsupported_are_extracted_now(tmp_path):
    # stored by an extractor version that had no Vietnamese rules
    row = stored("https://kinhtedothi.vn/a.html", "0.2.4", "unsupported_language")
    row.update(language="vi", body_text="Quận đã giải quyết 15/17 đơn, đạt 88,2%.")
    with Warehouse(tmp_path / "w.duckdb") as wh:
        wh.load_batch([row], {}, [], "r1")
        assert reextract(wh, "r2")[0] == 1
        status = wh.con.execute("select extraction_status from articles").fetchone()[0]
        facts = wh.con.execute("""select kind, text, numerator, denominator, value from facts
                                  order by "start" """).fetchall()
    assert status == "extracted"
    assert facts == [("ratio", "15/17 đơn", 15, 17, None), ("percentage", "88,2%", None, None, 88.2)]


def test_the_text_of_a_stored_article_is_rebuilt_from_its_title_lead_and_body(tmp_path):
    # stored before migration 010: its text is its body alone
    row = stored("https://x.example/lead.html", "0.0.1")
    row.update(title="Ward disciplines 4 Party members", lead="It settled 41/45 petitions.", language="en")
    with Warehouse(tmp_path / "w.duckdb") as wh:
        wh.load_batch([row], {}, [], "r1")
        assert reextract(wh, "r2")[0] == 1
        text, lead_start, body_start = wh.con.execute("select text, lead_start, body_start from articles").fetchone()
        facts = wh.con.execute("""select f.section, f.text, substr(a.text, f."start" + 1, f."end" - f."start")
                                  from facts f join articles a using (article_id) order by f."start" """).fetchall()
    assert text == f"{row['title']}\n{row['lead']}\n{BODY}"
    assert (text[lead_start:body_start - 1], text[body_start:]) == (row["lead"], BODY)
    assert [(s, t) for s, t, _ in facts if s != "body"] == [("title", "4 Party members"), ("lead", "41/45 petitions")]
    assert all(t == at for _, t, at in facts)


def test_a_span_across_the_title_and_the_lead_is_no_fact(tmp_path):
    # the headline ends without a full stop: "lần đầu" + "Năm 2024" must not be "đầu năm 2024"
    row = stored("https://kinhtedothi.vn/ung-hoa.html", "0.0.1")
    row.update(language="vi", title="Ứng Hòa giải ngân 68,4% kế hoạch, lần đầu",
               lead="Năm 2024, huyện Ứng Hòa đã cấp 1.320 giấy chứng nhận, đạt 96,2% kế hoạch.",
               body_text="Huyện đạt 98,5% kế hoạch.")
    with Warehouse(tmp_path / "w.duckdb") as wh:
        wh.load_batch([row], {}, [], "r1")
        reextract(wh, "r2")
        facts = wh.con.execute("""select f.section, f.text, substr(a.text, f."start" + 1, f."end" - f."start")
                                  from facts f join articles a using (article_id) order by f."start" """).fetchall()
    assert all("\n" not in t and t == at for _, t, at in facts)
    assert [(s, t) for s, t, _ in facts if t.endswith("%")] == [("title", "68,4%"), ("lead", "96,2%"), ("body", "98,5%")]


def test_body_facts_keep_their_ids_when_the_text_gains_a_title_and_lead(tmp_path):
    # ids hash where a fact stands in its section: verdicts on body facts survive the text's rebuild
    row = stored("https://x.example/ids.html", "0.0.1")
    with Warehouse(tmp_path / "w.duckdb") as wh:
        wh.load_batch([row], {}, [], "r1")
        reextract(wh, "r2", every=True)
        before = dict(wh.con.execute("SELECT text, fact_id FROM facts").fetchall())
        row.update(title="Ward settles 133/155 tasks", lead="The ward met 85.8% of its target.",
                   extractor_version="0.0.1")
        wh.load_batch([row], {}, [], "r3")
        reextract(wh, "r4")
        after = wh.con.execute('SELECT section, text, fact_id, "start" FROM facts ORDER BY "start"').fetchall()
    body = {t: i for s, t, i, _ in after if s == "body"}
    assert body == before and len(before) == 2
    others = [(s, t) for s, t, _, _ in after if s != "body"]
    assert others == [("title", "133/155 tasks"), ("lead", "85.8%")]
    assert len({i for _, _, i, _ in after}) == len(after)     # a title fact's id is no body fact's
