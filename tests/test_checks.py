from datetime import date, datetime, timezone

import pytest

from extractors import extract_facts
from pipeline.checks import (compute_checks, future_date_past_tense, parts_sum, percentage_over_100,
                             ratio_exceeds_whole, ratio_percentage)
from pipeline.warehouse import ARTICLE_COLUMNS, Warehouse, article_id_for, fact_id_for

PUBLISHED = datetime(2024, 7, 31, 3, tzinfo=timezone.utc)


def article(url: str, body: str, published: datetime = PUBLISHED) -> dict:
    row = {c: None for c in ARTICLE_COLUMNS}
    row.update(article_id=article_id_for(url), url=url, canonical_url=url, site="example",
               title="Report", body_text=body, published_at=published, language="en",
               content_sha256=str(hash(body)), extraction_status="extracted", extractor_version="t",
               first_seen_run="r1", last_seen_run="r1", parse_complete=True)
    return row


def load(wh: Warehouse, *rows: dict, run_id: str = "r1") -> None:
    facts = {r["article_id"]: extract_facts(r["body_text"], r["published_at"].date()) for r in rows}
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


def collected(url: str, amount: str, published: datetime = PUBLISHED, place: str = "Dong Da", end: str = ".") -> dict:
    """An article reporting a district's first-half collection: the measure the cross-article check compares."""
    return article(url, f"In the first 6 months of 2024, {place} district, Hanoi collected VND {amount} billion{end}",
                   published)


def test_same_measure_with_different_values_in_two_articles(tmp_path):
    old = collected("https://news.example/old.html", "5,000", datetime(2024, 7, 10, tzinfo=timezone.utc))
    new = collected("https://news.example/new.html", "5,200")
    same = collected("https://news.example/same.html", "5,000", datetime(2024, 7, 20, tzinfo=timezone.utc), end="!")
    other_place = collected("https://news.example/other.html", "900", place="Ba Dinh")
    with Warehouse(tmp_path / "w.duckdb") as wh:
        load(wh, old, same, other_place)
        assert compute_checks(wh, [old["article_id"], same["article_id"], other_place["article_id"]], "r1") == 0
        load(wh, new, run_id="r2")
        assert compute_checks(wh, [new["article_id"]], "r2") == 2
        rows = checks_of(wh, new["article_id"])
        assert names(rows) == [("cross_article_conflict", "warning")] * 2
        old_ids = {r[0] for r in wh.con.execute("SELECT fact_id FROM facts WHERE kind = 'money' AND article_id IN (?, ?)",
                                                [old["article_id"], same["article_id"]]).fetchall()}
        assert {r[3][0] for r in rows} == old_ids
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
        fixed = {**old, "body_text": old["body_text"].replace("5,000", "5,200"), "content_sha256": "fixed"}
        load(wh, fixed, run_id="r2")
        compute_checks(wh, [old["article_id"]], "r2")
        assert checks_of(wh) == []
        # and back: the conflict is filed under the newer article again, naming the new facts
        load(wh, old, run_id="r3")
        compute_checks(wh, [old["article_id"]], "r3")
        rows = wh.con.execute("SELECT article_id, fact_ids FROM checks").fetchall()
        stored = {r[0] for r in wh.con.execute("SELECT fact_id FROM facts").fetchall()}
        assert [r[0] for r in rows] == [new["article_id"]] and set(rows[0][1]) <= stored


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
        fixed = dict(row, body_text="The ward resolved 485/485 petitions.")
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
