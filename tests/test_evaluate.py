import json

import pytest

from pipeline.evaluate import Report, figures_agree, fold, score_document


def f(kind, start, end, **fields):
    return {"kind": kind, "text": "x" * (end - start), "start": start, "end": end, **fields}


def test_span_overlap_and_figures_must_agree():
    report = Report()
    gold = [f("count", 0, 10, value=15, unit="Party members"), f("ratio", 20, 30, numerator=1, denominator=2)]
    pred = [f("count", 3, 12, value=15, unit="members"),        # overlaps, same value: match, unit wrong
            f("ratio", 20, 30, numerator=1, denominator=3),     # same span, wrong figure: no match
            f("count", 40, 45, value=2)]                        # spurious
    score_document(report, pred, gold)
    assert (report.kinds["count"].matched, report.kinds["count"].predicted) == (1, 2)
    assert report.kinds["ratio"].matched == 0 and len(report.misses) == 1
    assert report.accuracy["unit:count"] == [0, 1]
    assert report.overall.gold == 2 and report.overall.predicted == 3 and report.overall.matched == 1


def test_each_gold_matches_one_prediction():
    report = Report()
    score_document(report, [f("percentage", 0, 5, value=5), f("percentage", 1, 5, value=5)],
                   [f("percentage", 0, 5, value=5)])
    assert report.kinds["percentage"].matched == 1 and len(report.spurious) == 1


def test_dates_at_finer_precision_and_ranges():
    assert figures_agree({"date": "2024-07-19"}, {"kind": "date", "date": "2024-07"})
    assert not figures_agree({"date": "2024"}, {"kind": "date", "date": "2024-07"})
    assert figures_agree({"value": 5, "value_max": 7}, {"kind": "count", "value": 5, "value_max": 7})
    assert not figures_agree({"value": 5}, {"kind": "count", "value": 5, "value_max": 7})
    assert figures_agree({"value": 124300000000000.0}, {"kind": "money", "value": 124300000000000})
    assert figures_agree({"period_start": "2024-01-01", "period_end": "2024-06-30"},
                         {"kind": "period", "period_start": "2024-01-01", "period_end": "2024-06-30"})


def test_officials_and_documents_are_sets_per_article():
    report = Report()
    gold = [f("official", 0, 30, person="Nguyễn Văn Phong", title="Deputy Secretary"),
            f("official", 50, 70, person="Nguyen Van Phong", title="Deputy Secretary"),
            f("document", 80, 95, doc_type="Directive", doc_number="24-CT/TU"),
            f("document", 99, 110, doc_type="Directive", doc_number="24-CT/TU")]
    pred = [f("official", 2, 20, person="nguyen van  phong", title="Deputy Secretary"),
            f("document", 80, 95, doc_type="Directive", doc_number="24-CT/TU"),
            f("document", 120, 130, doc_type="Decision", doc_number="5/QD-UBND")]
    score_document(report, pred, gold)
    assert (report.kinds["official"].gold, report.kinds["official"].matched) == (1, 1)
    assert (report.kinds["document"].gold, report.kinds["document"].predicted,
            report.kinds["document"].matched) == (1, 2, 1)
    assert report.accuracy["title:official"] == [1, 1]


def test_fold():
    assert fold(" Đặng  Thị HÀ ") == "dang thi ha"


def test_eval_command_on_a_small_gold_set(tmp_path):
    from conftest import run_cli

    text = "The commune finished 41/45 tasks, reaching 91.1%, and 3 villages."
    (tmp_path / "docs.jsonl").write_text(json.dumps({"id": "a", "published": "2024-05-01", "text": text}) + "\n")
    gold = [f("ratio", 21, 29, numerator=41, denominator=45, unit="tasks"),
            f("percentage", 40, 45, value=91.1)]
    (tmp_path / "facts.jsonl").write_text("".join(json.dumps({"doc": "a", **g}) + "\n" for g in gold))
    out = run_cli("eval", str(tmp_path), "--json", cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    scores = json.loads(out.stdout)
    assert scores["ratio"]["recall"] == 1.0 and scores["percentage"]["recall"] == 1.0
    out = run_cli("eval", str(tmp_path), "--show-errors", cwd=tmp_path)
    assert out.returncode == 0 and "misses (0)" in out.stdout and "overall" in out.stdout
    assert run_cli("eval", str(tmp_path / "nowhere"), cwd=tmp_path).returncode == 66


@pytest.mark.parametrize("kind", ["count", "money"])
def test_empty_kinds_do_not_divide_by_zero(kind):
    report = Report()
    score_document(report, [], [])
    assert report.kinds[kind].f1 == 1.0
