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


# --- Vietnamese articles ------------------------------------------------------------------------
# The cue words come from pipeline/checks_lexicon/vi.json; numbers in the messages are written as
# the article writes them (dot groups thousands, comma is the decimal mark).
import unicodedata  # noqa: E402

from pipeline.checks import format_number, lexicon, lexicon_languages, written  # noqa: E402


def vi_article(url: str, body: str, published: datetime = PUBLISHED, language: str | None = "vi") -> dict:
    return {**article(url, body, published), "language": language}


def load_vi(wh: Warehouse, *rows: dict, run_id: str = "r1") -> None:
    """Facts by the Vietnamese extractors, whatever language the article row says."""
    facts = {r["article_id"]: extract_facts(r["body_text"], r["published_at"].date(), lang="vi") for r in rows}
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
    # "thành phố" alone is the city the articles are about: the same place as "Hà Nội"
    city_old = revenue("https://kinhte.example/tp-cu.html", "180.214", "thành phố", datetime(2024, 7, 5, tzinfo=timezone.utc))
    city_new = revenue("https://kinhte.example/tp-moi.html", "180.241", "Hà Nội", PUBLISHED)
    with Warehouse(tmp_path / "w.duckdb") as wh:
        load_vi(wh, old, city_old)
        compute_checks(wh, [old["article_id"], city_old["article_id"]], "r1")
        load_vi(wh, new, elsewhere, city_new, run_id="r2")
        assert compute_checks(wh, [new["article_id"], elsewhere["article_id"], city_new["article_id"]], "r2") == 2
        assert seen(wh, new["article_id"]) == [
            ("cross_article_conflict", "warning", '"3.105,4 tỷ đồng" differs from "3.150,4 tỷ đồng" for the same '
             f'measure, place and period in article {old["article_id"]}', ["3.150,4 tỷ đồng", "3.105,4 tỷ đồng"])]
        assert [r[:2] for r in seen(wh, city_new["article_id"])] == [("cross_article_conflict", "warning")]
        assert seen(wh, elsewhere["article_id"]) == []


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
