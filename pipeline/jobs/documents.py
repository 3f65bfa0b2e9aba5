"""Documents given directly to the extractors (`newsfacts extract`): docs.jsonl lines or files."""
from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Iterator

import extractors
from pipeline.crawl.decode import decode_html, not_text_reason
from pipeline.crawl.rawstore import DEFAULT_MAX_BYTES, read_raw
from pipeline.errors import FetchFailedError, InputError, MissingInputError
from pipeline.sites.language import language_code, normalize_language

if TYPE_CHECKING:
    from pipeline.config import Config
    from pipeline.sites.base import ParsedArticle

log = logging.getLogger(__name__)


@dataclass(slots=True)
class Document:
    id: str
    text: str                   # the plain text fact offsets refer to
    published: date | None
    language: str


def parse_published(value, where: str) -> date | None:
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise InputError(f"{where}: published must be an ISO date string")
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).date()
    except ValueError:
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            raise InputError(f"{where}: published {value!r} is not an ISO date") from None


def _parsed(html: str, url: str | None, where: str) -> ParsedArticle:
    """parse_page, a page no adapter reads (too deeply nested) being bad input."""
    from pipeline.sites import parse_page  # late: bs4 is only needed for HTML input
    from pipeline.sites.page import PageRefused

    try:
        return parse_page(html, url or "")
    except PageRefused as exc:
        raise InputError(f"{where}: {exc}") from None


def _from_html(doc_id: str, html: str, url: str | None, published: date | None) -> Document:
    """A page as the warehouse extracts it: its title, lead and body (pipeline.jobs.articles.article_text),
    nothing when it has no body."""
    from pipeline.jobs.articles import article_text

    parsed = _parsed(html, url, doc_id)
    if published is None and parsed.published_at is not None:
        published = parsed.published_at.date()
    text = article_text(parsed.title, parsed.lead, parsed.body_text).text if parsed.body_text.strip() else ""
    return Document(doc_id, text, published, normalize_language(parsed.language, parsed.body_text))


def _given_language(obj: dict, where: str) -> str | None:
    """The input's own "lang" (or "language") field, which overrides detection."""
    value = obj.get("lang", obj.get("language"))
    if value is None:
        return None
    code = language_code(value) if isinstance(value, str) else None
    if code is None:
        raise InputError(f"{where}: \"lang\" must be a language code such as \"vi\" or \"en\"")
    return code


def read_jsonl(path: Path) -> Iterator[Document]:
    try:
        fh = path.open("rb")
    except FileNotFoundError:
        raise MissingInputError(f"{path}: no such file") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror}") from None
    with fh:
        for lineno, raw in enumerate(fh, 1):
            where = f"{path}:{lineno}"
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError:
                raise InputError(f"{where}: not UTF-8") from None
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(f"{where}: invalid JSON: {exc.msg}") from None
            except RecursionError:
                raise InputError(f"{where}: JSON nested too deeply") from None
            if not isinstance(obj, dict) or "id" not in obj:
                raise InputError(f"{where}: each line must be an object with an \"id\"")
            _no_lone_surrogates(obj, where)
            published = parse_published(obj.get("published"), where)
            given = _given_language(obj, where)
            if isinstance(obj.get("text"), str):
                yield Document(str(obj["id"]), obj["text"], published,
                               given or normalize_language(None, obj["text"]))
            elif isinstance(obj.get("html"), str):
                doc = _from_html(str(obj["id"]), obj["html"], obj.get("url"), published)
                if given:
                    doc.language = given
                yield doc
            else:
                raise InputError(f"{where}: needs a \"text\" or \"html\" string")


def _no_lone_surrogates(obj: dict, where: str) -> None:
    """JSON may escape half a UTF-16 pair ("\\ud800"), which no UTF-8 output can hold."""
    for key in ("id", "text", "html", "url"):
        value = obj.get(key)
        if isinstance(value, str):
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                raise InputError(f"{where}: \"{key}\" holds a lone surrogate (half of a UTF-16 pair)") from None


def read_file(path: Path, limit: int = DEFAULT_MAX_BYTES) -> Document:
    text, _ = decode_html(read_raw(path, limit))
    if path.suffix.lower() in (".html", ".htm", ".xhtml"):
        return _from_html(str(path), text, None, None)
    return Document(str(path), text, None, normalize_language(None, text))


def parse_stored_page(path: Path, url: str | None = None, limit: int = DEFAULT_MAX_BYTES) -> dict:
    """The `parse` contract: what the site adapter makes of one stored page (.html or .html.gz)."""
    html, _ = decode_html(read_raw(path, limit))
    if reason := not_text_reason(html):
        raise InputError(f"{path}: {reason}")
    return {"path": str(path), **_parse_record(_parsed(html, url, str(path)))}


def parse_fetched_page(cfg: Config, url: str) -> dict:
    """The `parse --url` check of a site: fetch one page as the nightly run would, then parse it."""
    from pipeline.crawl.fetch import Fetcher

    fetcher = Fetcher(cfg)
    try:
        res = fetcher.get(url)
    finally:
        fetcher.close()
    if not res.ok:
        raise FetchFailedError(f"{url}: not fetched: {res.reason or res.outcome}")
    html, _ = decode_html(res.body, res.content_type)
    if reason := not_text_reason(html):
        raise InputError(f"{url}: {reason}")
    return {"url": url, **_parse_record(_parsed(html, url, url))}


def _parse_record(parsed: ParsedArticle) -> dict:
    """What `parse` prints of a page; "text" is what `extract` and the warehouse read from it (fact
    offsets index it)."""
    from pipeline.jobs.articles import article_text

    return {"adapter": parsed.adapter, "title": parsed.title, "lead": parsed.lead,
            "published": parsed.published_at.isoformat() if parsed.published_at else None,
            "author": parsed.author, "language": parsed.language,
            "canonical_url": parsed.canonical_url, "source_url": parsed.source_url,
            "body_path": parsed.body_path, "body": parsed.body_text,
            "text": article_text(parsed.title, parsed.lead, parsed.body_text).text}


def extract_documents(docs: Iterable[Document]) -> Iterator[dict]:
    """FACTS.md records, each with "doc"; documents in unsupported languages yield nothing."""
    batch: list[Document] = []

    def flush() -> Iterator[dict]:
        pairs = ((d.text, d.published, d.language) for d in batch)
        for doc, facts in zip(batch, extractors.extract_many(pairs)):
            for fact in facts:
                yield {"doc": doc.id, **fact.to_json()}
        batch.clear()

    for doc in docs:
        if doc.language not in extractors.SUPPORTED_LANGUAGES:
            log.warning("%s: language %r is not supported yet; no facts extracted", doc.id, doc.language)
            continue
        batch.append(doc)
        if len(batch) >= 64:
            yield from flush()
    yield from flush()
