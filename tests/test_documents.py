"""`extract` and `parse` over files (pipeline/jobs/documents.py): what they read from a page, and the input
they refuse, each with a one-line error and exit 65, never a traceback, nothing read past the size limit."""
from __future__ import annotations

import gzip
import json

import pytest

from conftest import run_cli
from pipeline.jobs.documents import extract_documents, parse_stored_page, read_file, read_jsonl

PAGE = "<html><head><title>t</title></head><body><p>Thu ngân sách đạt 176.737 tỷ đồng.</p></body></html>"


def one_line_65(out) -> bool:
    return out.returncode == 65 and out.stderr.count("\n") == 1 and out.stderr.startswith("newsfacts: error: ")


@pytest.mark.parametrize("content, says", [
    (b'{"id": "a", "text": "12 wards"}\n{"id": "b", "text": "caf\xe9 5%"}\n', "docs.jsonl:2: not UTF-8"),
    (b'{"id": "a", "text": ' + b"[" * 100_000 + b"]" * 100_000 + b"}\n", "nested too deeply"),
    (b'{"id": "a", "text": "12 wards \\ud800"}\n', "lone surrogate"),
    (b'{"id": "a", "html": "<p>\\udfff</p>"}\n', "lone surrogate"),
])
def test_bad_docs_jsonl_lines(tmp_path, content, says):
    (tmp_path / "docs.jsonl").write_bytes(content)
    out = run_cli("extract", "--input", "docs.jsonl", cwd=tmp_path)
    assert one_line_65(out), out.stderr
    assert says in out.stderr


def test_a_truncated_or_corrupt_gzip_page(tmp_path):
    packed = gzip.compress(PAGE.encode() * 50)
    (tmp_path / "cut.html.gz").write_bytes(packed[: len(packed) // 2])
    (tmp_path / "junk.html.gz").write_bytes(b"\x1f\x8b\x08\x00" + b"\x00" * 40)
    for name in ("cut.html.gz", "junk.html.gz"):
        out = run_cli("parse", name, cwd=tmp_path)
        assert one_line_65(out) and "not a readable gzip file" in out.stderr, out.stderr


def test_a_gzip_bomb_and_a_huge_file_stop_at_max_page_bytes(tmp_path):
    (tmp_path / "newsfacts.toml").write_text("max_page_bytes = 100000\n")
    (tmp_path / "bomb.html.gz").write_bytes(gzip.compress(b"<p>" + b" " * 50_000_000 + b"</p>"))
    out = run_cli("parse", "bomb.html.gz", cwd=tmp_path)
    assert one_line_65(out) and "unpacks to more than 100,000 bytes" in out.stderr
    (tmp_path / "big.txt").write_text("The ward has 12 households. " * 10_000)
    out = run_cli("extract", "big.txt", cwd=tmp_path)
    assert one_line_65(out) and "larger than 100,000 bytes" in out.stderr


def test_good_input_next_to_the_limits_still_works(tmp_path):
    (tmp_path / "page.html.gz").write_bytes(gzip.compress(PAGE.encode()))
    out = run_cli("parse", "page.html.gz", cwd=tmp_path)
    assert out.returncode == 0 and json.loads(out.stdout)["body"] == "Thu ngân sách đạt 176.737 tỷ đồng."
    (tmp_path / "docs.jsonl").write_text(json.dumps({"id": "a", "text": "Đạt 12 phường."}, ensure_ascii=False)
                                         + "\n", encoding="utf-8")
    out = run_cli("extract", "--input", "docs.jsonl", cwd=tmp_path)
    assert out.returncode == 0 and json.loads(out.stdout.splitlines()[0])["doc"] == "a"


ARTICLE = ('<html lang="en"><head><meta name="description" content="The ward reached 85.8% of its plan."></head>'
        '<body><article><h1>Ward settles 133/155 tasks</h1>'
        '<p>By June, it had disciplined 4 Party members in the ward this year.</p>'
        '<p>Another paragraph with enough words to look like an article body here.</p></article></body></html>')


def test_a_page_is_extracted_from_its_title_lead_and_body_as_parse_prints_them(tmp_path):
    page = tmp_path / "ward.html"
    page.write_text(ARTICLE, encoding="utf-8")
    parsed = parse_stored_page(page)
    assert parsed["text"] == "\n".join((parsed["title"], parsed["lead"], parsed["body"]))
    doc = read_file(page)
    assert doc.text == parsed["text"]
    facts = {f["kind"]: f for f in extract_documents([doc])}
    assert {k: facts[k]["text"] for k in ("ratio", "percentage", "count")} == \
        {"ratio": "133/155 tasks", "percentage": "85.8%", "count": "4 Party members"}
    assert all(doc.text[f["start"]:f["end"]] == f["text"] for f in facts.values())
    # a docs.jsonl "html" line reads the same text; a "text" line is taken as it is
    docs = tmp_path / "docs.jsonl"
    docs.write_text(json.dumps({"id": "p", "html": ARTICLE}) + "\n"
                    + json.dumps({"id": "t", "text": "Body only."}) + "\n", encoding="utf-8")
    assert [d.text for d in read_jsonl(docs)] == [parsed["text"], "Body only."]


def test_a_page_without_a_body_gives_no_text(tmp_path):
    page = tmp_path / "video.html"
    page.write_text('<html lang="en"><head><meta name="description" content="Watch: 15 members vote."></head>'
                    '<body><h1>Ward votes 15 to 2</h1></body></html>', encoding="utf-8")
    assert parse_stored_page(page)["body"] == ""
    assert read_file(page).text == ""
