"""unit_key (extractors/unitkey.py, stored by the warehouse): singular and plural of one counted noun group."""
from extractors import extract_facts
from extractors.unitkey import unit_key


def test_singular_and_plural_of_one_noun_share_a_key():
    assert unit_key("Party members") == unit_key("Party member") == "party member"
    assert unit_key("communities") == "community" and unit_key("businesses") == "business"
    assert unit_key("People’s Committees") == unit_key("People's Committee") == "people's committee"
    assert unit_key("people") == "person" and unit_key("campus") == "campus" and unit_key("days") == "day"
    assert unit_key("các hộ dân", "vi") == unit_key("hộ dân", "vi") == "hộ dân"
    assert unit_key(None) is None and unit_key("  ") is None


def test_the_warehouse_stores_the_key_of_counts_and_ratios(tmp_path):
    from pipeline.jobs.ingest import ingest_pages
    from pipeline.store.warehouse import Warehouse

    page = tmp_path / "ward.html"
    page.write_text("<html lang='en'><head><title>Ward report</title></head><body><article>"
                    "<p>The ward disciplined 4 Party members and one Party member resigned.</p>"
                    "<p>It settled 133/155 petitions, or 85.8%, by June.</p></article></body></html>")
    with Warehouse(tmp_path / "w.duckdb") as wh:
        ingest_pages([page], wh, "example", "r1", url_for=lambda p: "https://news.example/ward-report-page.html")
        rows = wh.con.execute("SELECT kind, unit, unit_key FROM facts WHERE kind IN ('count', 'ratio', 'percentage') "
                              'ORDER BY "start"').fetchall()
        view = wh.con.execute("SELECT DISTINCT unit_key FROM counts").fetchall()
    keys = {(k, u): key for k, u, key in rows}
    assert keys[("count", "Party members")] == keys[("count", "Party member")] == "party member"
    assert keys[("ratio", "petitions")] == "petition"
    assert all(key is None for (k, _), key in keys.items() if k == "percentage")
    assert view == [("party member",)]
    assert extract_facts("It disciplined 4 Party members.")[0].unit == "Party members"
