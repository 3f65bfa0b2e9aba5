"""Settings: defaults, then `newsfacts.toml`, then NEWSFACTS_* environment variables, then CLI flags."""
from __future__ import annotations

import math
import os
import sys
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, Mapping

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from pipeline.errors import ConfigError

CONFIG_FILE = "newsfacts.toml"


@dataclass(frozen=True, slots=True)
class SiteConfig:
    name: str
    adapter: str
    base_url: str                            # scheme://host of the real site
    feeds: tuple[str, ...] | None = None     # paths or URLs; None = the adapter's defaults
    sitemaps: tuple[str, ...] | None = None
    max_articles: int | None = None          # per run; None = the global limit
    listings: tuple[str, ...] | None = None  # section pages whose next pages are followed


DEFAULT_SITES = (
    SiteConfig("kinhtedothi", "kinhtedothi", "https://kinhtedothi.vn"),
    SiteConfig("vietnamvn", "vietnamvn", "https://www.vietnam.vn"),
    SiteConfig("hanoitimes", "hanoitimes", "https://hanoitimes.vn"),
)


@dataclass(frozen=True, slots=True)
class Config:
    warehouse: Path = Path("warehouse.duckdb")
    raw_dir: Path | None = None              # None = corpus/raw beside the warehouse
    staging_dir: Path | None = None          # backfill staging (pipeline.backfill.layout); None = corpus/staging
                                             # beside the warehouse
    lake_dir: Path | None = None             # `publish --target parquet`: the Parquet lake; None = corpus/lake
                                             # beside the warehouse
    log_file: Path | None = None             # None = warnings and errors to stderr only
    log_level: str = "WARNING"
    log_format: str | None = None            # "text" or "json" (one event per line); None: json when
                                             # logging to log_file with no terminal (cron), else text
    user_agent: str = "newsfacts/0.1 (+https://github.com/newsfacts/newsfacts)"
    connect_timeout: float = 10.0
    read_timeout: float = 30.0
    delay_seconds: float = 1.0               # between two requests to the same host
    respect_crawl_delay: bool = True         # robots.txt Crawl-delay may raise delay_seconds
    max_crawl_delay: float = 60.0            # ... up to this: "Crawl-delay: 86400" must not stall a night
    max_articles: int = 500                  # per site per run
    max_page_bytes: int = 10 * 1024 * 1024
    page_seconds: float = 60.0               # wall clock for one page (its attempts and redirects), then it fails
    max_retries: int = 2                     # retries after a timeout, reset or 408/429/5xx: 3 attempts at most
    retry_after_cap: float = 60.0            # a longer Retry-After fails the page instead of being waited for
    max_attempts: int = 5                    # failed fetches of a URL, run after run, before it is given up
    max_blocked: int = 3                     # 401/403 answers in a row that stop a site for the run
    max_sitemaps: int = 50                   # sitemap files read per site per run (an index may list thousands)
    max_listing_pages: int = 5               # pages followed per listing: new articles are on the first few
    max_redirects: int = 5                   # redirects followed for one page before it fails
    allow_loopback: bool = False             # only the demo and tests fetch from 127.0.0.1
    batch_size: int = 50                     # articles per extraction + load transaction
    schedule: str = "15 2 * * *"             # cron fields for the nightly run (`newsfacts crontab`)
    memory_limit: str = "256MB"   # DuckDB buffer cache of the writing run (its memory stays flat, however big)
    file_mode: int = 0o640        # the read replica and raw pages: readable by the group (analysts), not 0600
    # a run that does not end "ok": an http(s) URL is sent the run's summary as JSON (POST; a
    # healthchecks.io-style ping), anything else is a command run with the summary on stdin
    on_failure: str | None = None
    sites: tuple[SiteConfig, ...] = DEFAULT_SITES
    # real base URL -> URL actually fetched (the demo serves the snapshot on 127.0.0.1)
    url_map: dict[str, str] = field(default_factory=dict)

    @property
    def raw_root(self) -> Path:
        return self.raw_dir if self.raw_dir is not None else self.warehouse.parent / "corpus" / "raw"

    @property
    def staging_root(self) -> Path:
        return self.staging_dir if self.staging_dir is not None else self.warehouse.parent / "corpus" / "staging"

    @property
    def lake_root(self) -> Path:
        return self.lake_dir if self.lake_dir is not None else self.warehouse.parent / "corpus" / "lake"


_ENV = {
    "NEWSFACTS_WAREHOUSE": "warehouse",
    "NEWSFACTS_RAW_DIR": "raw_dir",
    "NEWSFACTS_STAGING_DIR": "staging_dir",
    "NEWSFACTS_LOG_FILE": "log_file",
    "NEWSFACTS_LOG_LEVEL": "log_level",
    "NEWSFACTS_LOG_FORMAT": "log_format",
    "NEWSFACTS_USER_AGENT": "user_agent",
    "NEWSFACTS_DELAY": "delay_seconds",
    "NEWSFACTS_MAX_ARTICLES": "max_articles",
    "NEWSFACTS_MAX_PAGE_BYTES": "max_page_bytes",
}
_SCALARS = {f.name: f for f in fields(Config) if f.name not in ("sites", "url_map")}
_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
# zero would wait forever, never read, or fetch nothing: refused like a negative value
# (max_retries = 0 and retry_after_cap = 0 mean something: no retries, no waiting for Retry-After)
_POSITIVE = frozenset(("connect_timeout", "read_timeout", "max_page_bytes", "batch_size", "max_crawl_delay",
                       "page_seconds", "max_attempts", "max_blocked", "max_sitemaps",
                       "max_listing_pages", "max_redirects"))


def _coerce(name: str, raw: Any, where: str) -> Any:
    kind = _SCALARS[name].type
    try:
        if "Path" in kind:
            if isinstance(raw, Path):
                return raw
            if not isinstance(raw, str) or not raw:
                raise ValueError("expected a path")
            return Path(raw).expanduser()
        if kind == "bool":
            if isinstance(raw, bool):
                return raw
            if str(raw).lower() in ("1", "true", "yes", "on"):
                return True
            if str(raw).lower() in ("0", "false", "no", "off"):
                return False
            raise ValueError("expected true or false")
        if name == "file_mode":
            # 0o640 in TOML is the number; "640" or "0640" as text is octal, as chmod reads it
            value = int(raw, 8) if isinstance(raw, str) else raw
            if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 0o777:
                raise ValueError("expected a file mode such as 0o640 or \"640\"")
            if not value & 0o600 == 0o600:
                raise ValueError("the owner (the run) must be able to read and write")
            return value
        if kind == "int":
            if isinstance(raw, (bool, float)):   # int(2.7) would be a silent 2
                raise ValueError("expected an integer")
            value = int(raw)
            if value < 0 or (value == 0 and name in _POSITIVE):
                raise ValueError("must be positive" if name in _POSITIVE else "must not be negative")
            return value
        if kind == "float":
            if isinstance(raw, bool):
                raise ValueError("expected a number")
            value = float(raw)
            if not math.isfinite(value):
                raise ValueError("expected a finite number")
            if value < 0 or (value == 0 and name in _POSITIVE):
                raise ValueError("must be positive" if name in _POSITIVE else "must not be negative")
            return value
        if not isinstance(raw, str):
            raise ValueError("expected a string")
        if name == "schedule":
            return _cron_schedule(raw)
        if name == "log_format":
            if raw.lower() not in ("text", "json"):
                raise ValueError("expected text or json")
            return raw.lower()
        if name == "log_level":
            if raw.upper() not in _LEVELS:
                raise ValueError(f"expected one of {', '.join(_LEVELS)}")
            return raw.upper()
        return raw
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"{where}: {name} = {raw!r}: {exc}") from None


# (name, lowest, highest, names) of the five crontab(5) fields
_CRON_FIELDS = (("minute", 0, 59, ()), ("hour", 0, 23, ()), ("day of month", 1, 31, ()),
                ("month", 1, 12, tuple("jan feb mar apr may jun jul aug sep oct nov dec".split())),
                ("day of week", 0, 7, tuple("sun mon tue wed thu fri sat".split())))


def _cron_schedule(raw: str) -> str:
    """Five crontab fields, each checked against its range: '99 2 * * *' fails here, not in cron."""
    fields_ = raw.split()
    if len(fields_) != 5:
        raise ValueError("expected five cron fields, e.g. '15 2 * * *'")
    for text, (label, low, high, names) in zip(fields_, _CRON_FIELDS):
        for part in text.split(","):
            base, _, step = part.partition("/")
            if step and (not step.isdigit() or int(step) == 0):
                raise ValueError(f"{label} {text!r}: a step must be a positive number")
            if base == "*":
                continue
            ends = base.split("-")
            if len(ends) > 2 or not all(_cron_value(e, low, high, names) is not None for e in ends):
                raise ValueError(f"{label} {text!r}: expected * or numbers {low}-{high}"
                                 + (f" or names ({names[0]}, ...)" if names else ""))
            if len(ends) == 2:
                first, last = (_cron_value(e, low, high, names) for e in ends)
                if first is not None and last is not None and first > last:   # both numbers by now
                    raise ValueError(f"{label} {text!r}: a range runs from low to high")
    return " ".join(fields_)


def _cron_value(text: str, low: int, high: int, names: tuple[str, ...]) -> int | None:
    if text.lower() in names:
        return names.index(text.lower()) + (1 if low == 1 else 0)
    return int(text) if text.isdigit() and low <= int(text) <= high else None


def _site(entry: Any, index: int, where: str) -> SiteConfig:
    if not isinstance(entry, dict):
        raise ConfigError(f"{where}: sites[{index}] must be a table")
    unknown = set(entry) - {"name", "adapter", "base_url", "feeds", "sitemaps", "listings", "max_articles"}
    if unknown:
        raise ConfigError(f"{where}: sites[{index}]: unknown key {sorted(unknown)[0]!r}")
    for key in ("name", "base_url"):
        if not isinstance(entry.get(key), str) or not entry[key]:
            raise ConfigError(f"{where}: sites[{index}] needs a {key}")
    base = entry["base_url"].rstrip("/")
    if not base.startswith(("http://", "https://")):
        raise ConfigError(f"{where}: sites[{index}].base_url must start with http:// or https://")
    lists = {}
    for key in ("feeds", "sitemaps", "listings"):
        value = entry.get(key)
        if value is not None and (not isinstance(value, list)
                                  or not all(isinstance(v, str) for v in value)):
            raise ConfigError(f"{where}: sites[{index}].{key} must be a list of strings")
        lists[key] = tuple(value) if value is not None else None
    limit = entry.get("max_articles")
    if limit is not None and (not isinstance(limit, int) or isinstance(limit, bool) or limit < 0):
        raise ConfigError(f"{where}: sites[{index}].max_articles must be a non-negative integer")
    adapter = entry["adapter"] if "adapter" in entry else entry["name"]
    return SiteConfig(entry["name"], adapter, base,
                      lists["feeds"], lists["sitemaps"], limit, lists["listings"])


def _url_map(raw: Any, where: str) -> dict[str, str]:
    """[url_map] "https://real.site" = "http://mirror:8080": fetch a site from a mirror, keep its real URLs."""
    if not isinstance(raw, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in raw.items()):
        raise ConfigError(f"{where}: url_map must be a table of \"real base URL\" = \"served base URL\"")
    for real, served in raw.items():
        if not (real.startswith(("http://", "https://")) and served.startswith(("http://", "https://"))):
            raise ConfigError(f"{where}: url_map {real!r} = {served!r}: both must be http(s) URLs")
    return {k.rstrip("/"): v.rstrip("/") for k, v in raw.items()}


def load_config(path: Path | None = None, env: dict[str, str] | None = None,
                overrides: dict[str, Any] | None = None) -> Config:
    """Build the Config. `path` None means ./newsfacts.toml if it exists (or $NEWSFACTS_CONFIG)."""
    environ: Mapping[str, str] = os.environ if env is None else env
    values: dict[str, Any] = {}
    if path is None and environ.get("NEWSFACTS_CONFIG"):
        path = Path(environ["NEWSFACTS_CONFIG"])
        if not path.is_file():
            raise ConfigError(f"NEWSFACTS_CONFIG={path}: no such file")
    elif path is None and Path(CONFIG_FILE).is_file():
        path = Path(CONFIG_FILE)
    if path is not None:
        where = str(path)
        try:
            data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ConfigError(f"{where}: no such file") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{where}: cannot read: {exc}") from None
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{where}: invalid TOML: {exc}") from None
        for key, raw in data.items():
            if key == "sites":
                if not isinstance(raw, list) or not raw:
                    raise ConfigError(f"{where}: sites must be a non-empty array of tables")
                values["sites"] = tuple(_site(e, i, where) for i, e in enumerate(raw))
            elif key == "url_map":
                values["url_map"] = _url_map(raw, where)
            elif key in _SCALARS:
                values[key] = _coerce(key, raw, where)
            else:
                raise ConfigError(f"{where}: unknown setting {key!r}")
    for var, name in _ENV.items():
        if environ.get(var):
            values[name] = _coerce(name, environ[var], var)
    for name, raw in (overrides or {}).items():
        if raw is not None:
            values[name] = _coerce(name, raw, "--" + name.replace("_", "-")) \
                if name in _SCALARS else raw
    cfg = Config(**values)
    if cfg.log_file is not None and cfg.log_file.is_dir():
        raise ConfigError(f"log_file = {cfg.log_file}: is a directory")
    for name, folder in (("raw_dir", cfg.raw_dir), ("staging_dir", cfg.staging_dir)):
        if folder is not None and folder.exists() and not folder.is_dir():
            raise ConfigError(f"{name} = {folder}: is not a directory")
    if cfg.warehouse.is_dir():
        raise ConfigError(f"warehouse = {cfg.warehouse}: is a directory")
    _check_adapters(cfg)
    return cfg


def _check_adapters(cfg: Config) -> None:
    from pipeline.sites import ADAPTERS  # late: the registry imports bs4

    for site in cfg.sites:
        if site.adapter not in ADAPTERS:
            raise ConfigError(f"site {site.name!r}: unknown adapter {site.adapter!r} "
                              f"(known: {', '.join(sorted(ADAPTERS))})")

