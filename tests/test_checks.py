from datetime import date, datetime, timezone

import pytest

from extractors import extract_facts
from pipeline.checks.rules import (future_date_past_tense, parts_sum, percentage_over_100, ratio_exceeds_whole,
                                   ratio_percentage)
from pipeline.checks.store import compute_checks
from pipeline.store.ids import article_id_for, fact_id_for
from pipeline.store.warehouse import ARTICLE_COLUMNS, Warehouse

PUBLISHED = datetime(2024, 7, 31, 3, tzinfo=timezone.utc)


def article(url: str, body: str, published: datetime = PUBLISHED) -> dict:
    row = {c: None for c in ARTICLE_COLUMNS}
    row.update(article_id=article_id_for(url), url=url, canonical_url=url, site="example",
               title="Report", body_text=body, text=body, body_start=0, published_at=published, language="en",
               content_sha256=str(hash(body)), extraction_status="extracted", extractor_version="t",
               first_seen_run="r1", last_seen_run="r1", parse_complete=True)
    return row


def load(wh: Warehouse, *rows: dict, run_id: str = "r1") -> None:
    facts = {r["article_id"]: extract_facts(r["text"], r["published_at"].date()) for r in rows}
    wh.load_batch(list(rows), facts, [], run_id)


def checks_of(wh: Warehouse, article_id: str | None = None) -> list[tuple]:
    where = "WHERE article_id = ?" if article_id else ""
    return wh.con.execute(f"SELECT check_name, severity, message, fact_ids FROM checks {where} "
                          f"ORDER BY check_name, message", [article_id] if article_id else []).fetchall()


def one_article(tmp_path, body: str, published: datetime = PUBLISHED) -> list[tuple]:
    row = article("https://news.example/a.html", body, published)
    with Warehouse(tmp_path / "w.duckdb") as wh:
        load(wh, row)
        compute_checks(wh, [row["article_id"]], "r1")
        return checks_of(wh)


def names(rows: list[tuple]) -> list[tuple[str, str]]:
    return [(r[0], r[1]) for r in rows]


# --- each check through the warehouse ---------------------------------------------------------
def test_ratio_over_its_whole_is_an_error(tmp_path):
    rows = one_article(tmp_path, "The ward resolved 487/485 petitions in the first half of the year.")
    assert names(rows) == [("ratio_exceeds_whole", "error")]
    assert "487" in rows[0][2] and "485" in rows[0][2] and len(rows[0][3]) == 1


def test_ratio_and_percentage_disagreeing(tmp_path):
    rows = one_article(tmp_path, "The court settled 18 out of 22 cases, achieving 81.1%.")
    assert names(rows) == [("ratio_percentage_disagree", "warning")]
    assert "81.8%" in rows[0][2] and "81.1%" in rows[0][2] and len(rows[0][3]) == 2


@pytest.mark.parametrize("body", ["The court settled 18 out of 22 cases, achieving 81.8%.",
                                  "The court settled 18 out of 22 cases, achieving 82%.",
                                  "The commune met 108 out of 144 criteria, reaching 75%."])
def test_ratio_and_percentage_agreeing_is_confirmed(tmp_path, body):
    assert names(one_article(tmp_path, body)) == [("ratio_percentage_agree", "info")]


@pytest.mark.parametrize("body", [
    "The ward settled 133/155 tasks, up 5% over last year.",
    "He said 22 out of 30 districts had vaccinated more than 90% of their adult population."])
def test_a_percentage_of_something_else_is_not_paired_with_a_ratio(tmp_path, body):
    assert one_article(tmp_path, body) == []


def test_the_seed_sentence_with_a_long_clause_before_its_percentage(tmp_path):
    rows = one_article(tmp_path, "As a result, 18 out of 22 cases within his jurisdiction have been reviewed and "
                                 "resolved, achieving 81.1%. As a result, 108 out of 144 cases within his jurisdiction "
                                 "have been reviewed and resolved, achieving 75%, with 36 cases still under consideration.")
    assert [(r[0], r[1], r[2]) for r in rows] == [
        ("ratio_percentage_agree", "info", '"108 out of 144 cases" is 75.0%, agreeing with "75%"'),
        ("ratio_percentage_disagree", "warning", '"18 out of 22 cases" is 81.8%, not "81.1%"')]


@pytest.mark.parametrize("body", [
    # the percentage has its own whole, or is a change, or is the share of two ratios together
    "Of the 16 communes, 15/16 communes met the standards, and 92% of households joined the campaign.",
    "The district's economic growth was estimated at 7.1%, with 9/12 key projects on schedule.",
    "The district achieved 14 out of 16 targets, while budget revenue reached 57.6% of the estimate.",
    "The district recognized 152/160 villages and 10/12 residential groups as cultural units, reaching 94.2%.",
    "The rate was 96.7%, up 2.4% over 2023, with 29/30 cases closed before the deadline.",
    # another figure between them
    "The district resolved 20/25 petitions worth VND 3 billion, reaching 90%.",
])
def test_a_percentage_that_is_not_the_ratios_share(tmp_path, body):
    assert one_article(tmp_path, body) == []


@pytest.mark.parametrize("body, name", [
    ("A pass rate of 96.2% (227/238 students) was recorded.", "ratio_percentage_disagree"),
    ("The rate reached 95.4%, i.e. 227/238 students.", "ratio_percentage_agree"),
    ("To date, 18/20 communes (90%) have met the standards.", "ratio_percentage_agree"),
    ("The district completed 47/52 key tasks in the first half of 2024, i.e. 90.4%.", "ratio_percentage_agree"),
    ("The district has 9 out of 26 communes meeting model standards, or 36.6%.", "ratio_percentage_disagree"),
])
def test_a_ratio_and_its_percentage_in_brackets_or_restated(tmp_path, body, name):
    assert [r[0] for r in one_article(tmp_path, body)] == [name]


def test_an_including_list_that_says_it_is_incomplete(tmp_path):
    for tail in ("and some on other matters", "and others on planning", "etc.", "among others",
                 "and the remaining ones on planning"):
        body = f"The ward received 56 recommendations, including 31 on land, 17 on the environment {tail}."
        assert one_article(tmp_path / tail.replace(" ", "_"), body) == [], tail


def test_irregular_past_verbs_and_a_slash_that_is_no_day(tmp_path):
    rows = one_article(tmp_path, "The district held a conference on August 25, 2024 to review Directive No. "
                                 "24-CT/TU. The district recognized 42/45 villages and 8/10 residential groups.")
    assert [(r[0], r[2].split('"')[1]) for r in rows] == [("future_date_past_tense", "August 25, 2024")]


def test_parts_that_sum(tmp_path):
    rows = one_article(tmp_path, "The Committee disciplined 15 Party members, including warnings for 2, "
                                 "reprimands for 12 and expulsion of 1.")
    assert names(rows) == [("parts_sum_agree", "info")]
    assert "2 + 12 + 1 = 15" in rows[0][2]
    rows = one_article(tmp_path, "The district held 45 dialogue meetings, including 5 meetings with "
                                 "businesses and 40 meetings with residents.")
    assert names(rows) == [("parts_sum_agree", "info")] and len(rows[0][3]) == 3


def test_parts_that_do_not_sum(tmp_path):
    rows = one_article(tmp_path, "The Committee disciplined 15 Party members, including warnings for 3, "
                                 "reprimands for 12 and expulsion of 1.")
    assert names(rows) == [("parts_sum_mismatch", "error")] and "exceed" in rows[0][2]
    rows = one_article(tmp_path, "The district held 45 dialogue meetings, including 5 meetings with "
                                 "businesses and 30 meetings with residents.")
    assert names(rows) == [("parts_sum_mismatch", "warning")] and "short" in rows[0][2]


def test_parts_of_another_unit_are_left_alone(tmp_path):
    assert one_article(tmp_path, "The district held 45 dialogue meetings, including 5 meetings with "
                                 "300 businesses and 30 meetings with residents.") == []


def test_share_over_100_percent(tmp_path):
    rows = one_article(tmp_path, "The poverty rate reached 104%. Women accounted for 112% of the delegates. "
                                 "The disbursement rate was 120% of the plan. Revenue was 105% over the "
                                 "same period. Bed occupancy rates were 120-150% in many departments.")
    assert sorted((r[2].split('"')[1], r[1]) for r in rows) == [("104%", "warning"), ("112%", "error")]


def test_future_date_in_the_past_tense(tmp_path):
    rows = one_article(tmp_path, "The conference was held on August 20, 2024. "
                                 "The plan will be completed by December 2024. "
                                 "The ward received the award on July 2, 2024.")
    assert names(rows) == [("future_date_past_tense", "warning")]
    assert "August 20, 2024" in rows[0][2]


def collected(url: str, amount: str, published: datetime = PUBLISHED, place: str = "Dong Da", end: str = ".",
              period: str = "the first 6 months of 2024") -> dict:
    """An article reporting a district's budget revenue: measure_key budget_revenue, place, period."""
    return article(url, f"Budget revenue of {place} district in {period} reached VND {amount} billion{end}",
                   published)


def test_same_measure_with_different_values_in_two_articles(tmp_path):
    old = collected("https://news.example/old.html", "5,000", datetime(2024, 7, 10, tzinfo=timezone.utc))
    new = collected("https://news.example/new.html", "5,200")
    same = collected("https://news.example/same.html", "5,000", datetime(2024, 7, 20, tzinfo=timezone.utc), end="!")
    other_place = collected("https://news.example/other.html", "900", place="Ba Dinh")
    other_period = collected("https://news.example/2023.html", "9,100", period="2023")
    with Warehouse(tmp_path / "w.duckdb") as wh:
        load(wh, old, same, other_place, other_period)
        assert compute_checks(wh, [old["article_id"], same["article_id"], other_place["article_id"],
                                   other_period["article_id"]], "r1") == 0
        load(wh, new, run_id="r2")
        assert compute_checks(wh, [new["article_id"]], "r2") == 2
        rows = checks_of(wh, new["article_id"])
        assert names(rows) == [("cross_article_conflict", "warning")] * 2
        old_ids = {r[0] for r in wh.con.execute("SELECT fact_id FROM facts WHERE kind = 'money' AND article_id IN (?, ?)",
                                                [old["article_id"], same["article_id"]]).fetchall()}
        assert {r[3][0] for r in rows} == old_ids
        # the message names both figures, the key and both sentences
        message = [r[2] for r in rows if old["article_id"] in r[2]][0]
        assert message.startswith('"VND 5,200 billion" differs from "VND 5,000 billion" in article ' + old["article_id"])
        assert "(budget_revenue)" in message and "(Dong Da)" in message and "2024-01-01 – 2024-06-30" in message
        assert new["body_text"][:-1] in message and old["body_text"][:-1] in message
        # recomputing the old articles keeps the conflict filed under the newer one, once
        compute_checks(wh, [old["article_id"], new["article_id"]], "r3")
        assert wh.con.execute("SELECT count(*), count(DISTINCT check_id) FROM checks").fetchone() == (2, 2)
        assert {r[0] for r in wh.con.execute("SELECT article_id FROM checks").fetchall()} == {new["article_id"]}
        # the view has one row per (fact, check)
        assert wh.con.execute("SELECT count(*) FROM fact_checks").fetchone()[0] == 4


def test_replacing_the_older_article_drops_the_conflict_that_named_its_old_facts(tmp_path):
    old = collected("https://news.example/old.html", "5,000", datetime(2024, 7, 10, tzinfo=timezone.utc))
    new = collected("https://news.example/new.html", "5,200")
    with Warehouse(tmp_path / "w.duckdb") as wh:
        load(wh, old, new)
        compute_checks(wh, [old["article_id"], new["article_id"]], "r1")
        assert wh.con.execute("SELECT article_id, other_article_id FROM checks").fetchall() \
            == [(new["article_id"], old["article_id"])]
        # the older article is corrected to agree: only it is reloaded and rechecked
        fixed = {**old, "content_sha256": "fixed"}
        fixed["body_text"] = fixed["text"] = old["body_text"].replace("5,000", "5,200")
        load(wh, fixed, run_id="r2")
        compute_checks(wh, [old["article_id"]], "r2")
        assert checks_of(wh) == []
        # and back: the conflict is filed under the newer article again, naming the new facts
        load(wh, old, run_id="r3")
        compute_checks(wh, [old["article_id"]], "r3")
        rows = wh.con.execute("SELECT article_id, fact_ids FROM checks").fetchall()
        stored = {r[0] for r in wh.con.execute("SELECT fact_id FROM facts").fetchall()}
        assert [r[0] for r in rows] == [new["article_id"]] and set(rows[0][1]) <= stored


@pytest.mark.parametrize("older, newer", [
    # the same amount written at another precision, or a figure the other one fits
    ("Budget revenue of Dong Da district in the first 6 months of 2024 reached VND 6,230 billion.",
     "Budget revenue of Dong Da district in the first 6 months of 2024 reached VND 6.2 trillion."),
    ("Budget revenue of Dong Da district in the first 6 months of 2024 reached VND 6,230 billion.",
     "Budget revenue of Dong Da district in the first 6 months of 2024 reached about VND 6,000 billion."),
    ("Budget revenue of Dong Da district in the first 6 months of 2024 reached VND 6,230 billion.",
     "Budget revenue of Dong Da district in the first 6 months of 2024 reached more than VND 6,000 billion."),
    # a change is not the level ("up 12%" and "up 9%" are of other baselines than the levels)
    ("Budget revenue of Dong Da district in the first 6 months of 2024 rose 12% year-on-year.",
     "Budget revenue of Dong Da district in the first 6 months of 2024 reached 54% of the estimate."),
    # the same counted things, but something else happened to them
    ("In the first 6 months of 2024, Dong Da district received 34 cases.",
     "In the first 6 months of 2024, Dong Da district still had 36 cases under consideration."),
])
def test_figures_that_do_not_contradict_each_other_across_articles(tmp_path, older, newer):
    a = article("https://news.example/a.html", older, datetime(2024, 7, 10, tzinfo=timezone.utc))
    b = article("https://news.example/b.html", newer)
    with Warehouse(tmp_path / "w.duckdb") as wh:
        load(wh, a, b)
        compute_checks(wh, [a["article_id"], b["article_id"]], "r1")
        assert [r for r in checks_of(wh) if r[0] == "cross_article_conflict"] == []


def test_a_ratio_stated_differently_in_two_articles_and_a_more_than_figure_it_contradicts(tmp_path):
    a = article("https://news.example/a.html", "Thanh Xuan district completed 38/42 tasks in the first six months "
                "of 2024. Budget revenue of Thanh Xuan district in the first six months of 2024 reached VND 900 billion.",
                datetime(2024, 7, 3, tzinfo=timezone.utc))
    b = article("https://news.example/b.html", "Thanh Xuan district completed 36/42 tasks in the first six months "
                "of 2024. Budget revenue of Thanh Xuan district in the first six months of 2024 reached more than "
                "VND 1,000 billion.")
    with Warehouse(tmp_path / "w.duckdb") as wh:
        load(wh, a, b)
        compute_checks(wh, [a["article_id"], b["article_id"]], "r1")
        texts = dict(wh.con.execute("SELECT fact_id, text FROM facts").fetchall())
        assert sorted([texts[f] for f in r[3]] for r in checks_of(wh, b["article_id"])) == [
            ["38/42 tasks", "36/42 tasks"], ["VND 900 billion", "more than VND 1,000 billion"]]


def test_figures_of_articles_in_two_languages_are_left_to_the_republication_check(tmp_path):
    en = article("https://news.example/en.html", "Budget revenue of Tay Ho district in the first 6 months of 2024 "
                 "reached VND 3,150 billion.", datetime(2024, 7, 10, tzinfo=timezone.utc))
    vi = vi_article("https://kinhte.example/vi.html", "Thu ngân sách của quận Tây Hồ 6 tháng đầu năm 2024 đạt "
                    "3.105 tỷ đồng.")
    with Warehouse(tmp_path / "w.duckdb") as wh:
        load(wh, en)
        load_vi(wh, vi)
        assert wh.con.execute("SELECT count(DISTINCT measure_key), count(DISTINCT ref_end) FROM facts "
                              "WHERE kind = 'money'").fetchone() == (1, 1)
        assert compute_checks(wh, [en["article_id"], vi["article_id"]], "r1") == 0


def test_recomputing_replaces_and_a_fixed_article_loses_its_checks(tmp_path):
    row = article("https://news.example/a.html", "The ward resolved 487/485 petitions. "
                  "The court settled 18 out of 22 cases, achieving 81.1%.")
    with Warehouse(tmp_path / "w.duckdb") as wh:
        load(wh, row)
        assert compute_checks(wh, [row["article_id"]], "r1") == 2
        first = wh.con.execute("SELECT check_id FROM checks ORDER BY 1").fetchall()
        assert compute_checks(wh, [row["article_id"]], "r2") == 2
        assert wh.con.execute("SELECT check_id FROM checks ORDER BY 1").fetchall() == first  # stable ids
        assert wh.con.execute("SELECT DISTINCT run_id FROM checks").fetchall() == [("r2",)]
        fixed = dict(row, body_text="The ward resolved 485/485 petitions.", text="The ward resolved 485/485 petitions.")
        load(wh, fixed, run_id="r3")
        assert compute_checks(wh, [row["article_id"]], "r3") == 0
        assert wh.con.execute("SELECT count(*) FROM checks").fetchone()[0] == 0
        assert compute_checks(wh, [], "r4") == 0


def test_checks_table_and_view_are_commented(tmp_path):
    with Warehouse(tmp_path / "w.duckdb") as wh:
        missing = wh.con.execute("""SELECT table_name || '.' || column_name FROM duckdb_columns()
            WHERE table_name IN ('checks', 'fact_checks') AND comment IS NULL""").fetchall()
        assert missing == []
        types = dict(wh.con.execute("SELECT column_name, data_type FROM duckdb_columns() "
                                    "WHERE table_name = 'checks'").fetchall())
        assert types["fact_ids"] == "VARCHAR[]" and types["computed_at"] == "TIMESTAMP WITH TIME ZONE"


# --- the functions on plain fact dicts --------------------------------------------------------
def fact_dicts(text: str, published: date = date(2024, 7, 31)) -> list[dict]:
    out = []
    for f in extract_facts(text, published):
        d = f.to_record()
        d["fact_id"] = fact_id_for("x", f)
        out.append(d)
    return out


def test_functions_work_on_fact_dicts():
    assert len(ratio_exceeds_whole(fact_dicts("It met 23/22 targets."))) == 1
    assert ratio_exceeds_whole(fact_dicts("It met 22/22 targets.")) == []
    assert [f.check_name for f in ratio_percentage(fact_dicts("It met 133/155 tasks, or 85.8%."))] == \
        ["ratio_percentage_agree"]
    assert [f.check_name for f in ratio_percentage(fact_dicts("It met 85.8% (133/155 tasks)."))] == \
        ["ratio_percentage_agree"]
    assert [f.severity for f in parts_sum(fact_dicts(
        "The district has 120 households, of which 80 households are poor and 30 households are near-poor."))] \
        == ["warning"]
    assert [f.severity for f in parts_sum(fact_dicts(
        "The board has 9 members, comprising 4 members from the city and 3 members from the ministry."))] \
        == ["error"]
    assert percentage_over_100(fact_dicts("Growth was 105% of the plan.")) == []
    assert future_date_past_tense(fact_dicts("The meeting was held on August 20, 2024."), None) == []
    assert len(future_date_past_tense(fact_dicts("The meeting was held on August 20, 2024."),
                                      date(2024, 7, 31))) == 1
    # a day of grace for time zones
    assert future_date_past_tense(fact_dicts("The meeting was held on August 1, 2024."),
                                  date(2024, 7, 31)) == []


# --- Vietnamese articles ------------------------------------------------------------------------
# The cue words come from pipeline/checks/lexicon/vi.json; numbers in the messages are written as
# the article writes them (dot groups thousands, comma is the decimal mark).
import unicodedata  # noqa: E402

from pipeline.checks.lexicon import format_number, lexicon, lexicon_languages, written  # noqa: E402


def vi_article(url: str, body: str, published: datetime = PUBLISHED, language: str | None = "vi") -> dict:
    return {**article(url, body, published), "language": language}


def load_vi(wh: Warehouse, *rows: dict, run_id: str = "r1") -> None:
    """Facts by the Vietnamese extractors, whatever language the article row says."""
    facts = {r["article_id"]: extract_facts(r["text"], r["published_at"].date(), lang="vi") for r in rows}
    wh.load_batch(list(rows), facts, [], run_id)


def seen(wh: Warehouse, article_id: str | None = None) -> list[tuple]:
    """What a reviewer sees: (check, severity, message, the texts of the facts it names)."""
    texts = dict(wh.con.execute("SELECT fact_id, text FROM facts").fetchall())
    return [(name, severity, message, [texts.get(f, f) for f in fact_ids])
            for name, severity, message, fact_ids in checks_of(wh, article_id)]


def vi_checks(tmp_path, body: str, language: str | None = "vi", published: datetime = PUBLISHED) -> list[tuple]:
    row = vi_article("https://kinhte.example/bai.html", body, published, language)
    with Warehouse(tmp_path / "w.duckdb") as wh:
        load_vi(wh, row)
        compute_checks(wh, [row["article_id"]], "r1")
        return seen(wh)


def test_vi_parts_after_trong_do_that_add_up(tmp_path):
    rows = vi_checks(tmp_path, "Ủy ban Kiểm tra Huyện ủy đã thi hành kỷ luật 11 đảng viên, trong đó khiển "
                               "trách 6, cảnh cáo 3 và khai trừ 2 đảng viên.")
    assert rows == [("parts_sum_agree", "info", 'parts 6 + 3 + 2 = 11 add up to "11 đảng viên"',
                     ["11 đảng viên", "6", "3", "2 đảng viên"])]


@pytest.mark.parametrize("body, expected", [
    ("Ủy ban Kiểm tra Huyện ủy đã thi hành kỷ luật 11 đảng viên, trong đó khiển trách 6, cảnh cáo 4 và "
     "khai trừ 2 đảng viên.",
     ("parts_sum_mismatch", "error", 'parts 6 + 4 + 2 = 12 exceed the whole "11 đảng viên" (11)')),
    # "gồm" promises the whole list: short of the whole is an error (parts in words count too)
    ("Tổ công tác có 9 cán bộ, gồm ba cán bộ của Sở Xây dựng và bốn cán bộ của huyện.",
     ("parts_sum_mismatch", "error", 'parts 3 + 4 = 7 fall short of the whole "9 cán bộ" (9)')),
    # "bao gồm" need not list everything: a warning
    ("Xã đã tiếp nhận 26 kiến nghị, bao gồm 14 kiến nghị về đất đai và 9 kiến nghị về môi trường.",
     ("parts_sum_mismatch", "warning", 'parts 14 + 9 = 23 fall short of the whole "26 kiến nghị" (26) '
                                       "(unless the list is incomplete)")),
    ("Huyện có 48 thôn, trong số đó 30 thôn đạt chuẩn văn hóa và 18 thôn chưa đạt.",
     ("parts_sum_agree", "info", 'parts 30 + 18 = 48 add up to "48 thôn"')),
])
def test_vi_parts_and_whole(tmp_path, body, expected):
    assert [r[:3] for r in vi_checks(tmp_path, body)] == [expected]


def test_vi_money_parts_are_written_as_the_article_writes_numbers(tmp_path):
    rows = vi_checks(tmp_path, "Tổng mức đầu tư dự án là 1.250,5 tỷ đồng, trong đó vốn ngân sách thành phố "
                               "1.000 tỷ đồng và vốn ngân sách huyện 200,5 tỷ đồng.")
    assert rows == [("parts_sum_mismatch", "warning",
                     'parts 1.000.000.000.000 + 200.500.000.000 = 1.200.500.000.000 fall short of the whole '
                     '"1.250,5 tỷ đồng" (1.250.500.000.000) (unless the list is incomplete)',
                     ["1.250,5 tỷ đồng", "1.000 tỷ đồng", "200,5 tỷ đồng"])]


@pytest.mark.parametrize("body", [
    # the rest is said to be left out
    "Xã đã tiếp nhận 26 kiến nghị, bao gồm 14 kiến nghị về đất đai, 9 kiến nghị về môi trường, còn lại là "
    "kiến nghị khác.",
    # parts of another unit
    "Phường đã tổ chức 12 hội nghị, trong đó 5 hội nghị với 300 hộ dân và 7 hội nghị với doanh nghiệp.",
    # one part is no list
    "Huyện có 30 xã, trong đó 21 xã đạt chuẩn nông thôn mới nâng cao.",
])
def test_vi_parts_left_alone(tmp_path, body):
    assert vi_checks(tmp_path, body) == []


def test_vi_ratio_and_percentage_stated_together(tmp_path):
    assert vi_checks(tmp_path, "Thanh tra quận đã xử lý 33/36 đơn thư, đạt 91,7%.") == [
        ("ratio_percentage_agree", "info", '"33/36 đơn thư" is 91,7%, agreeing with "91,7%"',
         ["33/36 đơn thư", "91,7%"])]
    assert vi_checks(tmp_path, "Thanh tra quận đã xử lý 33/36 đơn thư, đạt tỷ lệ 93,7%.") == [
        ("ratio_percentage_disagree", "warning", '"33/36 đơn thư" is 91,7%, not "93,7%"',
         ["33/36 đơn thư", "93,7%"])]
    assert [r[:2] for r in vi_checks(tmp_path, "Phường đã giải quyết 47/52 vụ việc (90,4%).")] == \
        [("ratio_percentage_agree", "info")]


@pytest.mark.parametrize("body", [
    "Thanh tra quận đã xử lý 33/36 đơn thư, tăng 5,2% so với cùng kỳ năm trước.",
    "Huyện đã hoàn thành 11/12 chỉ tiêu, đạt 92% kế hoạch.",
    # nothing between them: the percentage is what the 19 of 30 wards did
    "Có 19/30 phường hoàn thành trên 60% khối lượng công việc.",
])
def test_vi_a_percentage_of_something_else_is_not_paired_with_a_ratio(tmp_path, body):
    assert vi_checks(tmp_path, body) == []


@pytest.mark.parametrize("body", [
    # "98% hộ gia đình": the percentage of another whole, right after its own noun
    "Đến nay, 21/21 xã có nhà văn hóa đạt chuẩn, 98% hộ gia đình đạt danh hiệu gia đình văn hóa.",
    "Tăng trưởng kinh tế của huyện ước đạt 7,2%, với 9/12 dự án trọng điểm bảo đảm tiến độ.",
    "Toàn huyện có 152/160 thôn và 10/12 tổ dân phố đạt danh hiệu văn hóa, đạt 94,2%.",
])
def test_vi_percentages_that_are_not_the_ratios_share(tmp_path, body):
    assert vi_checks(tmp_path, body) == []


def test_vi_the_seed_structure(tmp_path):
    rows = vi_checks(tmp_path, "Kết quả, 96/128 vụ việc thuộc thẩm quyền đã được xem xét, giải quyết, đạt 76%, "
                               "còn 32 vụ việc đang xem xét. Tỷ lệ tốt nghiệp đạt 98,6% (421/427 học sinh).")
    assert [r[:3] for r in rows] == [
        ("ratio_percentage_agree", "info", '"421/427 học sinh" is 98,6%, agreeing with "98,6%"'),
        ("ratio_percentage_disagree", "warning", '"96/128 vụ việc" is 75,0%, not "76%"')]


def test_vi_share_or_rate_over_100_percent(tmp_path):
    rows = vi_checks(tmp_path, "Lao động nữ chiếm 108% tổng số học viên của khóa đào tạo. "
                               "Tỷ lệ bao phủ bảo hiểm y tế toàn huyện đạt 102,5%. "
                               "Giải ngân vốn đầu tư công của quận đạt 115% kế hoạch năm. "
                               "Thu ngân sách trên địa bàn bằng 121% so với cùng kỳ. "
                               "Tỷ lệ tăng trưởng kinh tế đạt 107%.")
    assert rows == [("percentage_over_100", "warning", '"102,5%" is over 100% but stated as a rate', ["102,5%"]),
                    ("percentage_over_100", "error", '"108%" is over 100% but stated as a share', ["108%"])]


def test_vi_future_date_told_as_past(tmp_path):
    rows = vi_checks(tmp_path, "Lễ khánh thành trường học đã được tổ chức vào ngày 25/8/2024. "
                               "Ngày 12/8/2024, Hội đồng nhân dân huyện đã họp phiên bất thường. "
                               "Công trình sẽ được khánh thành vào ngày 26/8/2024. "
                               "Quận đã yêu cầu các đơn vị hoàn thành trước ngày 27/8/2024. "
                               "Huyện đã ban hành kế hoạch tổ chức hội thi vào ngày 28/8/2024. "
                               "Hội nghị tổng kết diễn ra vào ngày 29/8/2024. "
                               "Lễ ra quân đã được tổ chức vào ngày 25/7/2024. "
                               "Ngày 15/8 vừa qua, phường ra mắt mô hình tổ dân phố điện tử.")
    assert rows == [
        ("future_date_past_tense", "warning",
         '"Ngày 12/8/2024" is after the publication date 2024-07-31 but told in the past tense ("đã")',
         ["Ngày 12/8/2024"]),
        ("future_date_past_tense", "warning",
         '"Ngày 15/8" is after the publication date 2024-07-31 but told in the past tense ("vừa qua")',
         ["Ngày 15/8"]),
        ("future_date_past_tense", "warning",
         '"ngày 25/8/2024" is after the publication date 2024-07-31 but told in the past tense ("đã")',
         ["ngày 25/8/2024"])]


def test_vi_same_measure_with_different_values_in_two_articles(tmp_path):
    def revenue(url: str, amount: str, place: str, published: datetime) -> dict:
        return vi_article(url, f"Trong 6 tháng đầu năm 2024, tổng thu ngân sách trên địa bàn {place} đạt "
                               f"{amount} tỷ đồng.", published)
    old = revenue("https://kinhte.example/cu.html", "3.150,4", "quận Tây Hồ", datetime(2024, 7, 5, tzinfo=timezone.utc))
    new = revenue("https://kinhte.example/moi.html", "3.105,4", "quận Tây Hồ", PUBLISHED)
    elsewhere = revenue("https://kinhte.example/khac.html", "2.900", "quận Thanh Xuân", PUBLISHED)
    # "thành phố" alone names no unit: the figure has no place, so it is compared with nothing
    city_old = revenue("https://kinhte.example/tp-cu.html", "180.214", "thành phố", datetime(2024, 7, 5, tzinfo=timezone.utc))
    city_new = revenue("https://kinhte.example/tp-moi.html", "180.241", "Hà Nội", PUBLISHED)
    with Warehouse(tmp_path / "w.duckdb") as wh:
        load_vi(wh, old, city_old)
        compute_checks(wh, [old["article_id"], city_old["article_id"]], "r1")
        load_vi(wh, new, elsewhere, city_new, run_id="r2")
        assert compute_checks(wh, [new["article_id"], elsewhere["article_id"], city_new["article_id"]], "r2") == 1
        ((name, severity, message, figures),) = seen(wh, new["article_id"])
        assert (name, severity, figures) == ("cross_article_conflict", "warning", ["3.150,4 tỷ đồng", "3.105,4 tỷ đồng"])
        assert message.startswith(f'"3.105,4 tỷ đồng" differs from "3.150,4 tỷ đồng" in article {old["article_id"]} '
                                  f'for the same measure (budget_revenue), place (Tây Hồ) and period '
                                  f'(2024-01-01 – 2024-06-30): "{new["body_text"]}" / "{old["body_text"]}"')
        assert seen(wh, elsewhere["article_id"]) == [] and seen(wh, city_new["article_id"]) == []


def test_vi_changes_and_shares_of_a_plan_are_not_levels(tmp_path):
    old = vi_article("https://kinhte.example/a.html", "Thu ngân sách của quận Tây Hồ 6 tháng đầu năm 2024 tăng 12% "
                     "so với cùng kỳ.", datetime(2024, 7, 5, tzinfo=timezone.utc))
    new = vi_article("https://kinhte.example/b.html", "Thu ngân sách của quận Tây Hồ 6 tháng đầu năm 2024 đạt 56% "
                     "dự toán năm.")
    same = vi_article("https://kinhte.example/c.html", "Thu ngân sách của quận Tây Hồ 6 tháng đầu năm 2024 đạt "
                      "khoảng 3.100 tỷ đồng.", datetime(2024, 7, 6, tzinfo=timezone.utc))
    exact = vi_article("https://kinhte.example/d.html", "Thu ngân sách của quận Tây Hồ 6 tháng đầu năm 2024 đạt "
                       "3.105,4 tỷ đồng.")
    with Warehouse(tmp_path / "w.duckdb") as wh:
        load_vi(wh, old, new, same, exact)
        assert compute_checks(wh, [r["article_id"] for r in (old, new, same, exact)], "r1") == 0


def test_an_article_in_a_language_without_a_lexicon_gets_only_the_checks_without_words(tmp_path):
    body = ("Thanh tra quận đã xử lý 38/36 đơn thư. Thanh tra quận đã xử lý 33/36 đơn thư, đạt 93,7%. "
            "Lao động nữ chiếm 108% tổng số học viên. Tổ công tác có 9 cán bộ, gồm ba cán bộ của Sở và bốn cán "
            "bộ của huyện. Lễ khánh thành đã được tổ chức vào ngày 25/8/2024.")
    everything = vi_checks(tmp_path / "vi", body)
    assert {r[0] for r in everything} == {"ratio_exceeds_whole", "ratio_percentage_disagree", "percentage_over_100",
                                          "parts_sum_mismatch", "future_date_past_tense"}
    for language in ("xx", None):
        assert vi_checks(tmp_path / str(language), body, language=language) == [
            ("ratio_exceeds_whole", "error", '"38/36 đơn thư": numerator 38 exceeds denominator 36', ["38/36 đơn thư"])]
    # English cue words do not read Vietnamese: as "en" the Vietnamese cues say nothing
    assert [r[0] for r in vi_checks(tmp_path / "en", body, language="en")] == ["ratio_exceeds_whole"]


def test_vi_decomposed_diacritics_are_read_like_composed_ones(tmp_path):
    body = ("Ủy ban Kiểm tra Quận ủy đã thi hành kỷ luật 11 đảng viên, trong đó khiển trách 6, cảnh cáo 4 và "
            "khai trừ 2 đảng viên. Lễ khánh thành đã được tổ chức vào ngày 25/8/2024.")
    composed = vi_checks(tmp_path / "nfc", body)
    decomposed = vi_checks(tmp_path / "nfd", unicodedata.normalize("NFD", body))
    assert [r[:2] for r in composed] == [("future_date_past_tense", "warning"), ("parts_sum_mismatch", "error")]
    assert [(r[0], r[1], unicodedata.normalize("NFC", r[2])) for r in decomposed] == [r[:3] for r in composed]


def test_numbers_as_each_language_writes_them():
    assert format_number(176737000000000.0, "vi") == "176.737.000.000.000"
    assert format_number(7.6, "vi") == "7,6" and format_number(5330.9, "vi") == "5.330,9"
    assert format_number(-1234.5, "vi-VN") == "-1.234,5" and format_number(0.5, "vi") == "0,5"
    assert format_number(176737000000000.0, "en") == "176737000000000" and format_number(7.6, "en") == "7.6"
    assert format_number(7.6, None) == "7.6" and format_number(None, "vi") == "?"
    assert written(1234567.25, " ", ",") == "1 234 567,25"


def test_every_lexicon_has_what_the_checks_read():
    assert {"en", "vi"} <= set(lexicon_languages())
    assert lexicon("EN-gb") is lexicon("en") and lexicon("fr") is None and lexicon("../en") is None
    en = lexicon("en").data
    for lang in lexicon_languages():
        data = lexicon(lang).data
        for section, keys in en.items():
            if isinstance(keys, dict):
                assert set(keys) <= set(data[section]), (lang, section, set(keys) - set(data[section]))


# --- the seeds' planted inconsistencies, through a real warehouse -------------------------------
from pathlib import Path  # noqa: E402

SEEDS = Path(__file__).resolve().parent.parent.parent / "shared" / "gold" / "seeds"   # beside the repo


@pytest.mark.skipif(not SEEDS.is_dir(), reason=f"{SEEDS} is not here (the seeds live outside the repo)")
def test_the_seeds_two_planted_inconsistencies_are_flagged_and_nothing_else(tmp_path):
    """The seed articles stored as the nightly job stores articles (article rows, the extractors,
    one load, compute_checks): 487/485 petitions and 18/22 cases stated as 81.1% are in `checks`."""
    from pipeline.checks.gold import store_documents
    from pipeline.evaluate import load_gold

    docs, _ = load_gold(SEEDS)
    with Warehouse(tmp_path / "seeds.duckdb") as wh:
        store_documents(wh, docs, "r1", "seeds")
        flagged = wh.con.execute("""
            SELECT c.check_name, c.severity, list(f.text ORDER BY f."start") AS figures
            FROM checks c, unnest(c.fact_ids) AS u(fact_id) JOIN facts f ON f.fact_id = u.fact_id
            WHERE c.severity IN ('warning', 'error')
            GROUP BY c.check_id, c.check_name, c.severity ORDER BY 1""").fetchall()
    assert flagged == [("ratio_exceeds_whole", "error", ["487/485 petitions"]),
                       ("ratio_percentage_disagree", "warning", ["18 out of 22 cases", "81.1%"])]


# --- scoring the checks on a checks gold (newsfacts eval) ----------------------------------------
import json  # noqa: E402

from pipeline.errors import InputError  # noqa: E402


def write_checks_gold(where: Path, docs: list[dict], expected: list[dict]) -> Path:
    where.mkdir(parents=True, exist_ok=True)
    (where / "docs.jsonl").write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs), encoding="utf-8")
    (where / "expected.jsonl").write_text("".join(json.dumps(e, ensure_ascii=False) + "\n" for e in expected),
                                          encoding="utf-8")
    return where


SMALL_DOCS = [
    {"id": "a", "language": "en", "published": "2024-07-19", "title": "Cases",
     "text": "As a result, 18 out of 22 cases within his jurisdiction have been reviewed and resolved, achieving "
             "81.1%. The ward resolved 45/48 petitions, up 4.3% over the same period of 2023. "
             "The commune met 17/20 criteria, reaching 85%."},
    {"id": "b", "language": "vi", "published": "2024-07-19", "title": "Kỷ luật",
     "text": "Huyện đã kỷ luật 11 đảng viên, trong đó khiển trách 7, cảnh cáo 3 và cách chức 2 đảng viên. "
             "Xã đã giải quyết 312/308 hồ sơ."},
]


def test_checks_scores_count_flags_near_misses_and_agreements(tmp_path):
    from pipeline.checks.gold import evaluate_checks

    write_checks_gold(tmp_path / "g" / "one", SMALL_DOCS, [
        {"doc": "a", "check": "ratio_percentage", "expect": "flag", "figures": ["18 out of 22 cases", "81.1%"],
         "severity": "warning"},
        {"doc": "a", "check": "ratio_percentage", "expect": "no_flag", "figures": ["45/48 petitions", "4.3%"]},
        {"doc": "a", "check": "ratio_percentage", "expect": "agree", "figures": ["17/20 criteria", "85%"]},
        {"doc": "b", "check": "parts_sum", "expect": "flag", "figures": ["11 đảng viên"], "severity": "error"},
        # wrongly annotated on purpose: 312/308 is an error, not a near miss, and nothing was planted here
        {"doc": "b", "check": "ratio_exceeds_whole", "expect": "no_flag", "figures": ["312/308 hồ sơ"]},
        {"doc": "a", "check": "future_date_past_tense", "expect": "flag", "figures": ["45/48 petitions"]},
    ])
    (report,) = evaluate_checks(tmp_path / "g").values()   # the parent: one split below it
    d = report.as_dict()
    assert d["split"] == "one"
    assert (d["overall"]["gold"], d["overall"]["predicted"], d["overall"]["matched"]) == (3, 3, 2)
    assert d["overall"]["precision"] == round(2 / 3, 4) and d["overall"]["recall"] == round(2 / 3, 4)
    assert d["checks"]["ratio_exceeds_whole"]["predicted"] == 1 and d["checks"]["ratio_exceeds_whole"]["correct"] == 0
    assert d["near_misses"] == {"negatives": 2, "flagged": 1} and d["agreements"] == {"gold": 1, "confirmed": 1}
    assert d["severity_accuracy"] == 1.0 and d["languages"]["vi"]["gold"] == 1
    assert [e.check for e in report.misses] == ["future_date_past_tense"]
    assert [f["check_name"] for f in report.false_alarms] == ["ratio_exceeds_whole"]


def test_a_checks_gold_names_each_figure_once(tmp_path):
    from pipeline.checks.gold import load_checks_gold

    gold = write_checks_gold(tmp_path, SMALL_DOCS, [
        {"doc": "a", "check": "ratio_percentage", "expect": "flag", "figures": ["8"]}])
    with pytest.raises(InputError, match="exactly once"):
        load_checks_gold(gold)
    write_checks_gold(tmp_path, SMALL_DOCS, [{"doc": "a", "check": "x", "expect": "maybe", "figures": []}])
    with pytest.raises(InputError, match="expect must be"):
        load_checks_gold(gold)


def test_eval_command_scores_the_checks_gold(tmp_path):
    from conftest import run_cli

    write_checks_gold(tmp_path / "gold" / "test", SMALL_DOCS, [
        {"doc": "a", "check": "ratio_percentage", "expect": "flag", "figures": ["18 out of 22 cases", "81.1%"]},
        {"doc": "b", "check": "parts_sum", "expect": "flag", "figures": ["11 đảng viên"]},
        {"doc": "b", "check": "ratio_exceeds_whole", "expect": "flag", "figures": ["312/308 hồ sơ"]}])
    out = run_cli("eval", str(tmp_path / "gold"), "--json", cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    scores = json.loads(out.stdout)["checks"]["test"]
    assert scores["overall"] == {"gold": 3, "predicted": 3, "matched": 3, "correct": 3, "precision": 1.0,
                                 "recall": 1.0, "f1": 1.0}
    out = run_cli("eval", "--checks", str(tmp_path / "gold" / "test"), "--show-errors", cwd=tmp_path)
    assert out.returncode == 0 and "checks on test" in out.stdout and "false alarms (0)" in out.stdout
    # a gold set of facts is not a checks gold
    (tmp_path / "facts").mkdir()
    assert run_cli("eval", "--checks", str(tmp_path / "facts"), cwd=tmp_path).returncode == 66


def test_made_up_is_a_share_cue_not_a_change():
    """'up' says a percentage is a change ('up 5%'), but not inside 'made up' ('made up 106% of')."""
    found = percentage_over_100(fact_dicts("Women made up 106% of the workforce in the ward."))
    assert [(f.check_name, f.severity) for f in found] == [("percentage_over_100", "error")]
    assert percentage_over_100(fact_dicts("Exports were up 106% on the year.")) == []
