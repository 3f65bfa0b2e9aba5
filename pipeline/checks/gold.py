"""Scoring the consistency checks on a checks gold set (tests/gold/checks/README.md) with the real
pipeline: its documents are stored and checked as the nightly job would, and each finding is matched
with what the gold expects (`newsfacts eval` on a checks gold)."""
from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from pipeline.errors import InputError, MissingInputError
from pipeline.jobs.documents import parse_published
from pipeline.sites.language import guess_language, language_code

# A checks gold is docs.jsonl ({id, language, published, title, text}) + expected.jsonl ({doc, check,
# expect: flag | agree | no_flag, figures, [severity], [other_doc, other_figures], note}) in one
# directory, or one such directory per split under it (train/, test/).
CHECK_FAMILIES = {"ratio_percentage_disagree": "ratio_percentage", "ratio_percentage_agree": "ratio_percentage",
                  "parts_sum_mismatch": "parts_sum", "parts_sum_agree": "parts_sum"}
FLAG_SEVERITIES = ("warning", "error")   # info ("agree") findings are confirmations, not flags
EXPECTATIONS = ("flag", "agree", "no_flag")


def check_family(check_name: str) -> str:
    """ratio_percentage_disagree and ratio_percentage_agree -> ratio_percentage, and so on."""
    return CHECK_FAMILIES.get(check_name, check_name)


@dataclass(slots=True)
class CheckDoc:
    id: str
    language: str
    published: object   # date | None
    title: str | None
    text: str


@dataclass(slots=True)
class Expected:
    doc: str
    check: str
    expect: str
    spans: list[tuple[str, int, int]]        # (doc, start, end) of every figure named, both articles
    severity: str | None = None
    other_doc: str | None = None
    note: str = ""
    figures: list[str] = field(default_factory=list)


def is_checks_gold(path: Path) -> bool:
    return bool(checks_gold_splits(path)) if path.is_dir() else False


def checks_gold_splits(path: Path) -> dict[str, Path]:
    """{split name: directory} of a checks gold: the directory itself, else its subdirectories."""
    if (path / "expected.jsonl").is_file():
        return {path.name: path}
    if not path.is_dir():
        return {}
    return {p.name: p for p in sorted(path.iterdir()) if p.is_dir() and (p / "expected.jsonl").is_file()}


def _jsonl(path: Path) -> Iterable[tuple[int, dict]]:
    if not path.is_file():
        raise MissingInputError(f"{path}: no such file (a checks gold is docs.jsonl + expected.jsonl)")
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(f"{path}:{lineno}: invalid JSON: {exc.msg}") from None
            if not isinstance(obj, dict):
                raise InputError(f"{path}:{lineno}: each line must be an object")
            yield lineno, obj


def load_checks_gold(split_dir: Path) -> tuple[list[CheckDoc], list[Expected]]:
    """The documents and expected findings of one split; every figure named must stand exactly once
    in its document's text (its span is what a finding's facts are matched on)."""
    docs: dict[str, CheckDoc] = {}
    for lineno, obj in _jsonl(split_dir / "docs.jsonl"):
        where = f"{split_dir / 'docs.jsonl'}:{lineno}"
        try:
            language = language_code(obj.get("language") or obj.get("lang")) or guess_language(obj["text"])
            docs[str(obj["id"])] = CheckDoc(str(obj["id"]), language, parse_published(obj.get("published"), where),
                                            obj.get("title"), obj["text"])
        except (KeyError, TypeError) as exc:
            raise InputError(f"{where}: not a checks-gold document ({type(exc).__name__})") from None
    expected = []
    for lineno, obj in _jsonl(split_dir / "expected.jsonl"):
        where = f"{split_dir / 'expected.jsonl'}:{lineno}"
        try:
            doc, check, expect = str(obj["doc"]), str(obj["check"]), str(obj["expect"])
            named = [(doc, f) for f in obj["figures"]]
            other = obj.get("other_doc")
            named += [(str(other), f) for f in obj.get("other_figures") or []]
        except (KeyError, TypeError) as exc:
            raise InputError(f"{where}: not an expected finding ({type(exc).__name__})") from None
        if expect not in EXPECTATIONS:
            raise InputError(f"{where}: expect must be one of {', '.join(EXPECTATIONS)}")
        spans = []
        for d, figure in named:
            if d not in docs:
                raise InputError(f"{where}: no document {d!r}")
            text = docs[d].text
            at = text.find(figure)
            if at < 0 or text.find(figure, at + 1) >= 0:
                raise InputError(f"{where}: {figure!r} must stand exactly once in {d} "
                                 f"({'not found' if at < 0 else 'found twice'})")
            spans.append((d, at, at + len(figure)))
        expected.append(Expected(doc, check, expect, spans, obj.get("severity"), str(other) if other else None,
                                 obj.get("note", ""), [f for _, f in named]))
    return list(docs.values()), expected


def store_documents(wh, docs, run_id: str, prefix: str = "gold") -> dict[str, str]:
    """Documents (id, text, published, language) into a warehouse as the nightly job stores articles:
    an `articles` row (pipeline.jobs.articles.article_row: the language as declared unless the text says
    otherwise), facts by the extractors (pipeline.jobs.reextract.facts_for_rows, the ingest path), one
    load, then compute_checks. Returns {article_id: document id}. The document's text is the body
    and it has no title or lead, so the stored text is the gold text and the gold's offsets index
    it (a checks-gold title is not part of what its expectations were written on)."""
    from datetime import datetime, time, timezone

    from pipeline.jobs.articles import article_row
    from pipeline.checks.store import compute_checks
    from pipeline.jobs.reextract import facts_for_rows
    from pipeline.sites.base import ParsedArticle

    rows, doc_of = [], {}
    for d in docs:
        url = f"https://checks-gold.invalid/{prefix}/{d.id}"
        published = datetime.combine(d.published, time(3), timezone.utc) if d.published else None
        parsed = ParsedArticle(url=url, canonical_url=url, title=None, lead=None,
                               body_text=d.text, published_at=published, author=None, language=d.language,
                               source_url=None, adapter="checks-gold", adapter_version="1",
                               complete=published is not None)
        row = article_row(parsed, url, prefix, run_id)
        rows.append(row)
        doc_of[row.article_id] = d.id
    wh.load_batch(rows, facts_for_rows(rows), [], run_id)
    compute_checks(wh, list(doc_of), run_id)
    return doc_of


def run_checks_on(docs: list, split: str = "gold") -> list[dict]:
    """The real pipeline over the documents (store_documents into a DuckDB warehouse in a temporary
    directory): every finding stored in `checks`, with the (doc, start, end) of the facts it names."""
    import tempfile

    from pipeline.checks.store import fact_spans, stored_checks
    from pipeline.store.warehouse import Warehouse

    with tempfile.TemporaryDirectory(prefix="newsfacts-checks-") as tmp, \
            Warehouse(Path(tmp) / "checks.duckdb") as wh:
        doc_of = store_documents(wh, docs, "eval", split)
        facts = {fid: (doc_of[a], s, e, text) for fid, (a, s, e, text) in fact_spans(wh).items()}
        found = stored_checks(wh)
    return [{"doc": doc_of[a], "check_name": name, "check": check_family(name), "severity": severity,
             "message": message, "other_doc": doc_of.get(other) if other else None,
             "spans": [facts[f][:3] for f in fact_ids if f in facts],
             "figures": [facts[f][3] if f in facts else f for f in fact_ids]}
            for a, name, severity, message, fact_ids, other in found]


def _names(expected: Expected, finding: dict) -> bool:
    """The finding is about the expected figures: same article (and other article), same check,
    and every figure the gold names overlaps a fact the finding names."""
    if finding["doc"] != expected.doc or finding["check"] != expected.check:
        return False
    if expected.other_doc and finding.get("other_doc") not in (None, expected.other_doc):
        return False
    return all(any(d == fd and s < fe and fs < e for fd, fs, fe in finding["spans"])
               for d, s, e in expected.spans)


@dataclass(slots=True)
class ChecksScore:
    gold: int = 0          # expected flags
    predicted: int = 0     # warning/error findings
    matched: int = 0       # expected flags found (each by at most one finding)
    correct: int = 0       # predicted flags that are expected

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 1.0

    def as_dict(self) -> dict:
        p, r = self.precision, self.recall
        return {"gold": self.gold, "predicted": self.predicted, "matched": self.matched, "correct": self.correct,
                "precision": round(p, 4), "recall": round(r, 4), "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0}


@dataclass(slots=True)
class ChecksReport:
    split: str
    checks: dict[str, ChecksScore] = field(default_factory=lambda: defaultdict(ChecksScore))
    overall: ChecksScore = field(default_factory=ChecksScore)
    negatives: int = 0                 # no_flag entries: near misses that must not be flagged
    negatives_flagged: list = field(default_factory=list)
    agreements: int = 0                # agree entries
    agreements_confirmed: int = 0      # ... found as info findings
    severity: list[int] = field(default_factory=lambda: [0, 0])   # matched flags with the gold's severity
    misses: list = field(default_factory=list)
    false_alarms: list = field(default_factory=list)
    by_language: dict[str, ChecksScore] = field(default_factory=lambda: defaultdict(ChecksScore))

    def as_dict(self) -> dict:
        ok, n = self.severity
        return {"split": self.split, "overall": self.overall.as_dict(),
                "checks": {k: v.as_dict() for k, v in sorted(self.checks.items())},
                "languages": {k: v.as_dict() for k, v in sorted(self.by_language.items())},
                "near_misses": {"negatives": self.negatives, "flagged": len(self.negatives_flagged)},
                "agreements": {"gold": self.agreements, "confirmed": self.agreements_confirmed},
                "severity_accuracy": round(ok / n, 4) if n else None}


def score_checks(split: str, docs: list[CheckDoc], expected: list[Expected], findings: list[dict]) -> ChecksReport:
    report = ChecksReport(split)
    language = {d.id: d.language for d in docs}
    flags = [f for f in findings if f["severity"] in FLAG_SEVERITIES]
    infos = [f for f in findings if f["severity"] not in FLAG_SEVERITIES]
    wanted = [e for e in expected if e.expect == "flag"]
    scores = lambda check, doc: (report.overall, report.checks[check], report.by_language[language.get(doc, "?")])  # noqa: E731
    for e in wanted:
        for s in scores(e.check, e.doc):
            s.gold += 1
    used: set[int] = set()
    for e in wanted:
        hit = next((i for i, f in enumerate(flags) if i not in used and _names(e, f)), None)
        if hit is None:
            report.misses.append(e)
            continue
        used.add(hit)
        for s in scores(e.check, e.doc):
            s.matched += 1
        if e.severity:
            report.severity[1] += 1
            report.severity[0] += flags[hit]["severity"] == e.severity
    for f in flags:
        for s in scores(f["check"], f["doc"]):
            s.predicted += 1
        if any(_names(e, f) for e in wanted):
            for s in scores(f["check"], f["doc"]):
                s.correct += 1
        else:
            report.false_alarms.append(f)
    for e in expected:
        if e.expect == "no_flag":
            report.negatives += 1
            if any(_names(e, f) for f in flags):
                report.negatives_flagged.append(e)
        elif e.expect == "agree":
            report.agreements += 1
            report.agreements_confirmed += any(_names(e, f) for f in infos)
    return report


def evaluate_checks(path: Path) -> dict[str, ChecksReport]:
    """Every split of a checks gold through the real extractors and checks."""
    splits = checks_gold_splits(path)
    if not splits:
        raise MissingInputError(f"{path}: not a checks gold (no expected.jsonl in it or its subdirectories)")
    out = {}
    for name, split_dir in splits.items():
        docs, expected = load_checks_gold(split_dir)
        out[name] = score_checks(name, docs, expected, run_checks_on(docs, name))
    return out


def format_checks_report(reports: dict[str, ChecksReport], show_errors: bool = False) -> str:
    lines = []
    for name, report in reports.items():
        lines.append(f"checks on {name}: flags are warning/error findings (info 'agree' ones are not)")
        lines.append(f"{'check':<26}{'gold':>6}{'pred':>6}{'match':>7}{'P':>8}{'R':>8}")
        rows = [*sorted(report.checks.items()), *(("lang:" + k, v) for k, v in sorted(report.by_language.items())),
                ("overall", report.overall)]
        for check, s in rows:
            lines.append(f"{check:<26}{s.gold:>6}{s.predicted:>6}{s.matched:>7}{s.precision:>8.3f}{s.recall:>8.3f}")
        ok, n = report.severity
        lines.append(f"near misses flagged: {len(report.negatives_flagged)}/{report.negatives}; "
                     f"agreements confirmed: {report.agreements_confirmed}/{report.agreements}; "
                     f"severity as gold: {ok}/{n}")
        if show_errors:
            lines.append(f"misses ({len(report.misses)}):")
            lines += [f"  {e.doc} {e.check} {e.figures}: {e.note}" for e in report.misses]
            lines.append(f"false alarms ({len(report.false_alarms)}):")
            lines += [f"  {f['doc']} {f['check_name']} {f['severity']}: {f['message']}" for f in report.false_alarms]
        lines.append("")
    return "\n".join(lines)
