from pathlib import Path

import pytest

from pipeline.config import Config, load_config
from pipeline.errors import EXIT_CONFIG, ConfigError


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "newsfacts.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_without_a_file(in_tmp):
    cfg = load_config(env={})
    assert cfg.warehouse == Path("warehouse.duckdb")
    assert cfg.raw_root == Path("corpus/raw")
    assert [s.name for s in cfg.sites] == ["kinhtedothi", "vietnamvn", "hanoitimes"]


def test_file_then_env_then_flags(in_tmp):
    write(in_tmp, 'warehouse = "from-file.duckdb"\ndelay_seconds = 2.5\nmax_articles = 7\n')
    cfg = load_config(env={})
    assert (cfg.warehouse, cfg.delay_seconds, cfg.max_articles) == (Path("from-file.duckdb"), 2.5, 7)
    cfg = load_config(env={"NEWSFACTS_WAREHOUSE": "from-env.duckdb"})
    assert cfg.warehouse == Path("from-env.duckdb")
    cfg = load_config(env={"NEWSFACTS_WAREHOUSE": "from-env.duckdb"},
                      overrides={"warehouse": Path("from-flag.duckdb")})
    assert cfg.warehouse == Path("from-flag.duckdb")
    assert cfg.raw_root == Path("corpus/raw")


def test_sites_table(in_tmp):
    write(in_tmp, '[[sites]]\nname = "ht"\nadapter = "hanoitimes"\nbase_url = "https://hanoitimes.vn/"\n'
                  'feeds = ["/rss/home.rss"]\nmax_articles = 3\n')
    (site,) = load_config(env={}).sites
    assert (site.name, site.adapter, site.base_url, site.feeds, site.max_articles) == \
        ("ht", "hanoitimes", "https://hanoitimes.vn", ("/rss/home.rss",), 3)


@pytest.mark.parametrize("text, fragment", [
    ("warehouse = [1, 2]", "warehouse"),
    ("delay_seconds = 'soon'", "delay_seconds"),
    ("max_articles = -1", "max_articles"),
    ("log_level = 'LOUD'", "log_level"),
    ("colour = 'blue'", "unknown setting 'colour'"),
    ("this is not toml", "invalid TOML"),
    ('[[sites]]\nname = "x"\nbase_url = "ftp://x"\nadapter = "generic"', "base_url"),
    ('[[sites]]\nname = "x"\nbase_url = "https://x.example"\nadapter = "nosuch"', "unknown adapter"),
    ("read_timeout = 0", "read_timeout = 0: must be positive"),
    ("connect_timeout = 0.0", "must be positive"),
    ("delay_seconds = inf", "finite"),
    ("delay_seconds = nan", "finite"),
    ("max_articles = 2.7", "max_articles = 2.7: expected an integer"),
    ("batch_size = 0", "batch_size"),
    ("max_crawl_delay = -5", "max_crawl_delay"),
    ('raw_dir = "a-file"', "raw_dir = a-file: is not a directory"),
    ('warehouse = "."', "is a directory"),
    ('file_mode = "999"', "file_mode"),
    ('schedule = "99 2 * * *"', "minute '99'"),
    ('schedule = "0 24 * * *"', "hour '24'"),
    ('schedule = "0 2 * 13 *"', "month '13'"),
    ('schedule = "*/0 2 * * *"', "step"),
    ("file_mode = 0o440", "owner"),
    ("page_seconds = 0", "page_seconds = 0: must be positive"),
    ("page_seconds = inf", "page_seconds = inf: expected a finite number"),
    ("max_retries = -1", "max_retries = -1: must not be negative"),
    ("max_retries = 1.5", "max_retries = 1.5: expected an integer"),
    ("retry_after_cap = -1", "retry_after_cap = -1: must not be negative"),
    ("retry_after_cap = nan", "retry_after_cap = nan: expected a finite number"),
    ("max_attempts = 0", "max_attempts = 0: must be positive"),
    ("max_blocked = 0", "max_blocked = 0: must be positive"),
    ("max_blocked = true", "max_blocked = True: expected an integer"),
    ("max_sitemaps = 0", "max_sitemaps = 0: must be positive"),
    ("max_listing_pages = 0", "max_listing_pages = 0: must be positive"),
    ("max_redirects = -1", "max_redirects = -1: must be positive"),
])
def test_bad_config_is_one_clear_error(in_tmp, text, fragment):
    (in_tmp / "a-file").write_text("not a folder")
    path = write(in_tmp, text)
    with pytest.raises(ConfigError) as info:
        load_config(path, env={})
    message = str(info.value)
    assert fragment in message and "\n" not in message
    assert info.value.exit_code == EXIT_CONFIG == 78


def test_bad_environment_value(in_tmp):
    with pytest.raises(ConfigError, match="NEWSFACTS_DELAY"):
        load_config(env={"NEWSFACTS_DELAY": "fast"})


def test_missing_config_named_by_env(in_tmp):
    with pytest.raises(ConfigError, match="no such file"):
        load_config(env={"NEWSFACTS_CONFIG": "nowhere.toml"})


def test_config_is_immutable():
    with pytest.raises(AttributeError):
        Config().warehouse = Path("x")  # type: ignore[misc]


def test_a_log_file_or_warehouse_that_cannot_be_written_is_one_line(in_tmp):
    from conftest import run_cli

    (in_tmp / "a-file").write_text("not a folder")
    write(in_tmp, 'log_file = "a-file/run.log"')
    out = run_cli("status", cwd=in_tmp)
    assert out.returncode == 78 and out.stderr.count("\n") == 1 and "log_file" in out.stderr
    write(in_tmp, 'warehouse = "a-file/warehouse.duckdb"\n[[sites]]\nname = "x"\nadapter = "generic"\n'
                  'base_url = "https://x.example"')
    out = run_cli("run", cwd=in_tmp)
    assert out.returncode == 73 and out.stderr.count("\n") == 1 and "a-file/warehouse.duckdb" in out.stderr


def test_file_mode_is_octal_as_chmod_reads_it(in_tmp):
    assert load_config(write(in_tmp, "file_mode = 0o660"), env={}).file_mode == 0o660
    assert load_config(write(in_tmp, 'file_mode = "644"'), env={}).file_mode == 0o644
    (in_tmp / "newsfacts.toml").unlink()
    assert load_config(env={}).file_mode == 0o640


def test_cron_schedules_with_ranges_steps_and_names_load(in_tmp):
    for schedule in ("15 2 * * *", "*/20 1-4 * * mon-fri", "0 3 1,15 jan,jul *", "30 23 * * 7"):
        assert load_config(write(in_tmp, f'schedule = "{schedule}"'), env={}).schedule == schedule


def test_fetch_limits_load_with_todays_defaults(in_tmp):
    names = ("page_seconds", "max_retries", "retry_after_cap", "max_attempts", "max_blocked", "max_sitemaps",
             "max_listing_pages", "max_redirects")
    cfg = load_config(env={})
    assert tuple(getattr(cfg, n) for n in names) == (60.0, 2, 60.0, 5, 3, 50, 5, 5)
    cfg = load_config(write(in_tmp, "page_seconds = 20\nmax_retries = 0\nretry_after_cap = 0\n"
                                    "max_attempts = 1\nmax_blocked = 10\nmax_sitemaps = 1\n"
                                    "max_listing_pages = 2\nmax_redirects = 1\n"), env={})
    assert tuple(getattr(cfg, n) for n in names) == (20.0, 0, 0.0, 1, 10, 1, 2, 1)
