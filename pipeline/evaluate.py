"""Scoring extracted facts against a gold set exactly as FACTS.md says (`newsfacts eval`)."""
from __future__ import annotations

import hashlib
import json
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable

from extractors.kinds import FIGURE_KINDS, KINDS
from pipeline.jobs.documents import Document, parse_published, extract_documents
from pipeline.errors import InputError, MissingInputError
from pipeline.sites.language import guess_language, language_code

SET_KINDS = tuple(name for name, spec in KINDS.items() if spec.scored_as_set)
# the kinds whose figure is `value`: a prediction agrees when its value (and value_max) does
VALUE_KINDS = tuple(name for name, spec in KINDS.items() if "value" in spec.fields)


@dataclass(slots=True)
class KindScore:
    gold: int = 0
    predicted: int = 0
    matched: int = 0

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else (1.0 if not self.gold else 0.0)

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else (1.0 if not self.predicted else 0.0)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(slots=True)
class Report:
    kinds: dict[str, KindScore] = field(default_factory=lambda: {k: KindScore() for k in KINDS})
    accuracy: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))
    misses: list[dict] = field(default_factory=list)
    spurious: list[dict] = field(default_factory=list)
    wrong_fields: list[tuple[str, dict, dict]] = field(default_factory=list)
    output_digest: str = ""    # sha256 of every predicted fact, in document order (see evaluate)

    @property
    def overall(self) -> KindScore:
        total = KindScore()
        for s in self.kinds.values():
            total.gold += s.gold
            total.predicted += s.predicted
            total.matched += s.matched
        return total

    def as_dict(self) -> dict:
        out: dict[str, Any] = {k: {"gold": s.gold, "predicted": s.predicted, "matched": s.matched,
                   "precision": round(s.precision, 4), "recall": round(s.recall, 4), "f1": round(s.f1, 4)}
               for k, s in self.kinds.items()}
        o = self.overall
        out["overall"] = {"gold": o.gold, "predicted": o.predicted, "matched": o.matched,
                          "precision": round(o.precision, 4), "recall": round(o.recall, 4),
                          "f1": round(o.f1, 4)}
        out["accuracy"] = {key: round(ok / n, 4) if n else None for key, (ok, n) in sorted(self.accuracy.items())}
        return out


def _same_number(a, b) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(float(a) - float(b)) <= 1e-9 * max(1.0, abs(float(b)))


def figures_agree(pred: dict, gold: dict) -> bool:
    kind = gold["kind"]
    if kind in VALUE_KINDS:
        if not _same_number(pred.get("value"), gold.get("value")):
            return False
        return "value_max" not in gold or _same_number(pred.get("value_max"), gold["value_max"])
    if kind == "ratio":
        return (_same_number(pred.get("numerator"), gold.get("numerator"))
                and _same_number(pred.get("denominator"), gold.get("denominator")))
    if kind == "date":
        return str(pred.get("date") or "").startswith(str(gold.get("date")))
    if kind == "period":
        return pred.get("period_start") == gold.get("period_start") and \
            pred.get("period_end") == gold.get("period_end")
    return False


def _overlap(a: dict, b: dict) -> int:
    return min(a["end"], b["end"]) - max(a["start"], b["start"])


_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'"})


def fold(text: str | None) -> str:
    """Case-, space-, diacritic- and apostrophe-insensitive form (đ/Đ fold to d, ’ to ')."""
    text = unicodedata.normalize("NFKD", (text or "").replace("đ", "d").replace("Đ", "D").translate(_APOSTROPHES))
    return " ".join("".join(c for c in text if not unicodedata.combining(c)).casefold().split())


def _account(report: Report, key: str, ok: bool, pred: dict, gold: dict) -> None:
    report.accuracy[key][1] += 1
    if ok:
        report.accuracy[key][0] += 1
    else:
        report.wrong_fields.append((key, pred, gold))


def _word_f1(a: str | None, b: str | None) -> float:
    wa, wb = fold(a).split(), fold(b).split()
    if not wa or not wb:
        return 0.0
    common = sum(min(wa.count(w), wb.count(w)) for w in set(wa))
    if not common:
        return 0.0
    p, r = common / len(wa), common / len(wb)
    return 2 * p * r / (p + r)


def _analysis_accuracy(report: Report, pred: dict, gold: dict) -> None:
    """FACTS.md "What a figure is about", over matched figures of a gold set that carries it: place
    (name folded, and level), reference period (both ends, an absent end equal only to an absent
    one), measure (word F1 of the two phrases >= 0.5)."""
    if gold["kind"] not in FIGURE_KINDS:
        return
    if gold.get("place"):
        _account(report, "place:figures", fold(pred.get("place")) == fold(gold["place"])
                 and pred.get("place_level") == gold.get("place_level"), pred, gold)
    _account(report, "ref:figures", (str(pred.get("ref_start") or ""), str(pred.get("ref_end") or ""))
             == (str(gold.get("ref_start") or ""), str(gold.get("ref_end") or "")), pred, gold)
    if gold.get("measure"):
        _account(report, "measure:figures", _word_f1(pred.get("measure"), gold["measure"]) >= 0.5, pred, gold)


def _field_accuracy(report: Report, pred: dict, gold: dict) -> None:
    kind = gold["kind"]
    for name in KINDS[kind].scored_fields:
        if name == "qualifier" and not (pred.get(name) or gold.get(name)):
            continue
        if name != "qualifier" and gold.get(name) is None:
            continue
        _account(report, f"{name}:{kind}", fold(pred.get(name)) == fold(gold.get(name)), pred, gold)


def score_document(report: Report, predicted: list[dict], gold: list[dict], analysis: bool = False) -> None:
    """`analysis`: the gold carries the analysis fields (measure, place, ref), so score them too."""
    for kind in KINDS:
        preds = [p for p in predicted if p["kind"] == kind]
        golds = [g for g in gold if g["kind"] == kind]
        if kind in SET_KINDS:
            _score_sets(report, kind, preds, golds)
            continue
        report.kinds[kind].gold += len(golds)
        report.kinds[kind].predicted += len(preds)
        used: set[int] = set()
        for g in golds:
            best, best_overlap = None, 0
            for i, p in enumerate(preds):
                if i in used or not figures_agree(p, g):
                    continue
                ov = _overlap(p, g)
                if ov > best_overlap:
                    best, best_overlap = i, ov
            if best is None:
                report.misses.append(g)
                continue
            used.add(best)
            report.kinds[kind].matched += 1
            _field_accuracy(report, preds[best], g)
            if analysis:
                _analysis_accuracy(report, preds[best], g)
        report.spurious += [p for i, p in enumerate(preds) if i not in used]


def _score_sets(report: Report, kind: str, preds: list[dict], golds: list[dict]) -> None:
    key: Callable[[dict], object]
    if kind == "official":
        key = lambda f: fold(f.get("person"))  # noqa: E731
    else:
        key = lambda f: (fold(f.get("doc_type")), fold(f.get("doc_number")).replace(" ", ""))  # noqa: E731
    gold_by, pred_by = defaultdict(list), defaultdict(list)
    for g in golds:
        gold_by[key(g)].append(g)
    for p in preds:
        pred_by[key(p)].append(p)
    score = report.kinds[kind]
    score.gold += len(gold_by)
    score.predicted += len(pred_by)
    for k, gs in gold_by.items():
        if k not in pred_by:
            report.misses.append(gs[0])
            continue
        score.matched += 1
        for name in KINDS[kind].scored_fields:
            wanted = {fold(g.get(name)) for g in gs if g.get(name)}
            if wanted:
                got = {fold(p.get(name)) for p in pred_by[k]}
                _account(report, f"{name}:{kind}", bool(wanted & got), pred_by[k][0], gs[0])
    report.spurious += [ps[0] for k, ps in pred_by.items() if k not in gold_by]


def load_gold(gold_dir: Path) -> tuple[list[Document], dict[str, list[dict]]]:
    docs_path, facts_path = gold_dir / "docs.jsonl", gold_dir / "facts.jsonl"
    for path in (docs_path, facts_path):
        if not path.is_file():
            raise MissingInputError(f"{path}: no such file (a gold set is docs.jsonl + facts.jsonl)")
    docs = []
    for lineno, line in enumerate(docs_path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
            language = language_code(obj.get("lang") or obj.get("language")) or guess_language(obj["text"])
            docs.append(Document(str(obj["id"]), obj["text"], parse_published(obj.get("published"),
                                 f"{docs_path}:{lineno}"), language))
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise InputError(f"{docs_path}:{lineno}: not a gold document ({type(exc).__name__})") from None
    facts: dict[str, list[dict]] = defaultdict(list)
    for lineno, line in enumerate(facts_path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
            facts[obj["doc"]].append(obj)
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise InputError(f"{facts_path}:{lineno}: not a gold fact ({type(exc).__name__})") from None
    return docs, facts


def evaluate(gold_dir: Path) -> Report:
    docs, gold = load_gold(gold_dir)
    predicted: dict[str, list[dict]] = defaultdict(list)
    digest = hashlib.sha256()
    for record in extract_documents(docs):
        predicted[record["doc"]].append(record)
        # the whole output, not the scores: a change that leaves the F1 alone still changes this
        digest.update(json.dumps(record, sort_keys=True, ensure_ascii=False, default=str).encode() + b"\n")
    report = Report(output_digest=digest.hexdigest())
    annotated = {doc_id for doc_id, facts in gold.items()
                 if any(f.get("measure") or f.get("place") for f in facts)}
    for doc in docs:
        score_document(report, predicted[doc.id], gold.get(doc.id, []), doc.id in annotated)
    return report


def format_report(report: Report, show_errors: bool = False) -> str:
    lines = [f"{'kind':<12}{'gold':>6}{'pred':>6}{'match':>7}{'P':>8}{'R':>8}{'F1':>8}"]
    rows: Iterable[tuple[str, KindScore]] = [*report.kinds.items(), ("overall", report.overall)]
    for kind, s in rows:
        lines.append(f"{kind:<12}{s.gold:>6}{s.predicted:>6}{s.matched:>7}"
                     f"{s.precision:>8.3f}{s.recall:>8.3f}{s.f1:>8.3f}")
    if report.accuracy:
        lines.append("")
        lines.append("field accuracy over matched facts:")
        for key, (ok, n) in sorted(report.accuracy.items()):
            lines.append(f"  {key:<24}{ok:>5}/{n:<5}{ok / n:>7.3f}")
    if show_errors:
        fmt = lambda f: json.dumps({k: v for k, v in f.items() if k != "doc"}, ensure_ascii=False)  # noqa: E731
        lines += ["", f"misses ({len(report.misses)}):"] + [f"  {m.get('doc')}: {fmt(m)}" for m in report.misses]
        lines += ["", f"spurious ({len(report.spurious)}):"] + \
                 [f"  {s.get('doc')}: {fmt(s)}" for s in report.spurious]
        lines += ["", f"wrong fields ({len(report.wrong_fields)}):"] + \
                 [f"  {k} {p.get('doc')}: got {fmt(p)} want {fmt(g)}" for k, p, g in report.wrong_fields]
    return "\n".join(lines) + "\n"


# --- the consistency checks on a checks gold (tests/gold/checks/README.md) ----------------------
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

    from pipeline.store.warehouse import Warehouse

    with tempfile.TemporaryDirectory(prefix="newsfacts-checks-") as tmp, \
            Warehouse(Path(tmp) / "checks.duckdb") as wh:
        doc_of = store_documents(wh, docs, "eval", split)
        facts = {fid: (doc_of[a], s, e, text) for fid, a, s, e, text in
                 wh.con.execute('SELECT fact_id, article_id, "start", "end", text FROM facts').fetchall()}
        found = wh.con.execute("SELECT article_id, check_name, severity, message, fact_ids, other_article_id "
                               "FROM checks ORDER BY article_id, check_name, message").fetchall()
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
