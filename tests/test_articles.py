from datetime import datetime, timezone

import pytest

from pipeline.jobs.articles import ArticleText, article_row, article_text, content_hash, extraction_status
from pipeline.jobs.reextract import facts_for_rows
from pipeline.sites.base import ParsedArticle
from pipeline.store.warehouse import Warehouse

TITLE = "Ward settles 133/155 tasks"
LEAD = "The ward reached 85.8% of its annual plan."
BODY = "By June, the ward had settled its tasks.\nIt disciplined 4 Party members."


def parsed(title: str | None = TITLE, lead: str | None = LEAD, body: str = BODY) -> ParsedArticle:
    return ParsedArticle(url="https://news.example/ward.html", canonical_url="https://news.example/ward.html",
                         title=title, lead=lead, body_text=body,
                         published_at=datetime(2024, 7, 2, 3, tzinfo=timezone.utc), author=None, language="en",
                         source_url=None, adapter="generic", adapter_version="1", complete=True,
                         body_path="site")


def stored(tmp_path, page: ParsedArticle) -> tuple[dict, list[tuple]]:
    """The article through the nightly path (article_row, facts_for_rows, load_batch): its stored
    text and bounds, and its facts as (kind, text, section, text[start:end], sentence at sentence_start)."""
    row = article_row(page, page.url, "example", "r1")
    with Warehouse(tmp_path / "w.duckdb") as wh:
        wh.load_batch([row], facts_for_rows([row]), [], "r1")
        article = dict(zip(("text", "lead_start", "body_start", "body_path"), wh.con.execute(
            "SELECT text, lead_start, body_start, body_path FROM articles").fetchone()))
        facts = wh.con.execute("""SELECT f.kind, f.text, f.section, substr(a.text, f."start" + 1, f."end" - f."start"),
                                         substr(a.text, f.sentence_start + 1, length(f.sentence)) = f.sentence
                                  FROM facts f JOIN articles a USING (article_id) ORDER BY f."start" """).fetchall()
    return article, facts


def test_the_text_is_title_lead_and_body_one_per_line():
    whole = article_text(TITLE, LEAD, BODY)
    assert whole == ArticleText(f"{TITLE}\n{LEAD}\n{BODY}", len(TITLE) + 1, len(TITLE) + len(LEAD) + 2)
    assert whole.text[whole.body_start:] == BODY
    assert whole.text[whole.lead_start:whole.body_start - 1] == LEAD
    # absent or blank sections are left out; the title, when there, starts at 0
    assert article_text(None, "", BODY) == ArticleText(BODY, None, 0)
    assert article_text("  ", LEAD, BODY) == ArticleText(f"{LEAD}\n{BODY}", 0, len(LEAD) + 1)
    assert article_text(TITLE, None, "") == ArticleText(TITLE, None, None)
    assert article_text(None, None, " \n ") == ArticleText("", None, None)


@pytest.mark.parametrize("lead", [
    "By June, the ward had settled its tasks.",
    "by june the ward had  settled its tasks",           # case, punctuation and spacing aside
    "By June, the ward had settled…",                     # a teaser cut from the paragraph (og:description)
    "By June, the ward had sett...",
])
def test_a_lead_repeating_the_first_paragraph_is_in_the_text_once(lead):
    whole = article_text(TITLE, lead, BODY)
    assert whole == ArticleText(f"{TITLE}\n{BODY}", None, len(TITLE) + 1)


def test_a_lead_saying_more_than_the_paragraph_is_kept_and_nothing_is_lost():
    for lead in ("By June, the ward had settled its tasks, all of them.",   # not a repeat
                 "By June, the city had settled…"):                         # a teaser of something else
        whole = article_text(TITLE, lead, BODY)
        assert whole.lead_start == len(TITLE) + 1 and lead in whole.text and whole.text.endswith(BODY)


def test_a_title_repeated_as_the_first_line_is_in_the_text_once():
    body = f"{TITLE}\n{LEAD}\nIt disciplined 4 Party members."
    # the lead then repeats the paragraph after the title's line
    assert article_text(TITLE.upper(), LEAD, body) == ArticleText(body, None, 0)
    assert article_text(TITLE, TITLE + ".", "Other text.") == ArticleText(f"{TITLE}\nOther text.", None,
                                                                         len(TITLE) + 1)


def test_facts_of_the_title_and_the_lead_index_the_text_with_their_section(tmp_path):
    article, facts = stored(tmp_path, parsed())
    assert article == {"text": f"{TITLE}\n{LEAD}\n{BODY}", "lead_start": len(TITLE) + 1,
                       "body_start": len(TITLE) + len(LEAD) + 2, "body_path": "site"}
    by_kind = {kind: (text, section) for kind, text, section, _, _ in facts}
    assert by_kind["ratio"] == ("133/155 tasks", "title")
    assert by_kind["percentage"] == ("85.8%", "lead")
    assert by_kind["count"] == ("4 Party members", "body")
    assert all(text == at and sentence_ok for _, text, _, at, sentence_ok in facts)


def test_a_lead_repeating_the_first_paragraph_gives_its_facts_once(tmp_path):
    body = f"{LEAD}\nIt disciplined 4 Party members."
    article, facts = stored(tmp_path, parsed(lead=LEAD.rstrip(".").upper(), body=body))
    assert article["text"] == f"{TITLE}\n{body}" and article["lead_start"] is None
    assert [(kind, section) for kind, _, section, _, _ in facts if kind == "percentage"] == [("percentage", "body")]


def test_an_article_without_a_body_is_not_extracted(tmp_path):
    assert extraction_status("en", "  ") == "empty_body"
    article, facts = stored(tmp_path, parsed(body=""))
    assert article["text"] == f"{TITLE}\n{LEAD}" and article["body_start"] is None and facts == []


def test_the_content_hash_covers_the_lead():
    assert content_hash(TITLE, LEAD, BODY) != content_hash(TITLE, "Another lead.", BODY)
    # an article without a lead keeps the hash it had before the lead counted
    import hashlib
    assert content_hash(TITLE, None, BODY) == content_hash(TITLE, "", BODY) \
        == hashlib.sha256(f"{TITLE}\n{BODY}".encode()).hexdigest()


def test_a_page_cannot_claim_another_sites_article_by_its_canonical_url(tmp_path):
    from pipeline.jobs.articles import article_row
    from pipeline.sites import parse_page

    def page(canonical: str) -> str:
        return (f'<html lang="en"><head><link rel="canonical" href="{canonical}"><title>Ward report</title>'
                '</head><body><article><p>The ward settled 133/155 tasks, or 85.8%, in the first half.</p>'
                '<p>It disciplined 4 Party members and admitted 12 new ones.</p></article></body></html>')

    victim = "https://hanoitimes.vn/ward-settles-133-tasks-314281.html"
    own = article_row(parse_page(page(victim), victim), victim, "hanoitimes", "r1")
    hostile_url = "https://copycat.example/news/ward-settles-tasks.html"
    hostile = article_row(parse_page(page(victim), hostile_url), hostile_url, "copycat", "r1")
    assert own.canonical_url == victim
    assert hostile.canonical_url == hostile_url and hostile.article_id != own.article_id
    # the site's own hosts may name each other: the mobile page's canonical is the desktop one
    mobile = "https://m.hanoitimes.vn/ward-settles-133-tasks-314281.html"
    assert article_row(parse_page(page(victim), mobile), mobile, "hanoitimes", "r1").article_id == own.article_id
    old_host = "http://hanoitimes.com.vn/hanoinews/2016/05/81e0b5af/ward/"
    assert article_row(parse_page(page(victim), old_host), old_host, "hanoitimes", "r1").canonical_url == victim
