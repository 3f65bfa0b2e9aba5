"""`newsfacts` command line: thin wrappers over the library; errors become one line and an exit code."""
from __future__ import annotations

import dataclasses
import json
import logging
import shlex
import socket
import sys
from datetime import date
from pathlib import Path

import click

from pipeline import __version__
from pipeline.config import Config, load_config
from pipeline.logcontext import JsonFormatter
from pipeline.errors import (EXIT_INTERNAL, EXIT_USAGE, ConfigError, InputError, MissingInputError, NewsfactsError,
                             PartialRunError)

log = logging.getLogger(__name__)

EXAMPLE_QUERIES = (
    "select kind, count(*) from facts group by 1 order by 2 desc",
    "select article_title, text, numerator, denominator, unit from ratios order by share limit 5",
)


def _setup_logging(cfg: Config) -> None:
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    if cfg.log_file is not None:
        try:
            cfg.log_file.parent.mkdir(parents=True, exist_ok=True)
            handler: logging.Handler = logging.FileHandler(cfg.log_file, encoding="utf-8")
        except OSError as exc:
            raise ConfigError(f"log_file = {cfg.log_file}: cannot write: {exc.strerror or exc}") from None
    else:
        handler = logging.StreamHandler(sys.stderr)
    as_json = cfg.log_format == "json" or (cfg.log_format is None and cfg.log_file is not None
                                            and not sys.stderr.isatty())
    handler.setFormatter(JsonFormatter() if as_json
                         else logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(cfg.log_level)


def _config(ctx: click.Context, **overrides) -> Config:
    path = ctx.obj.get("config") if ctx.obj else None
    cfg = load_config(path, overrides={k: v for k, v in overrides.items() if v is not None})
    _setup_logging(cfg)
    return cfg


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="newsfacts")
@click.option("--config", "config", type=click.Path(path_type=Path, dir_okay=False),
              help="TOML config file (default ./newsfacts.toml, or $NEWSFACTS_CONFIG).")
@click.pass_context
def cli(ctx: click.Context, config: Path | None) -> None:
    """Scrape news reports, extract their figures and store them in DuckDB."""
    ctx.obj = {"config": config}


warehouse_option = click.option("--warehouse", type=click.Path(path_type=Path, dir_okay=False),
                                help="DuckDB file (default ./warehouse.duckdb, or $NEWSFACTS_WAREHOUSE).")


@cli.command()
@click.option("--demo", is_flag=True, help="Serve the bundled snapshot on 127.0.0.1 and crawl it.")
@warehouse_option
@click.option("--since", type=click.DateTime(["%Y-%m-%d"]), help="Skip articles published before DATE.")
@click.option("--max-articles", type=click.IntRange(min=0), help="At most N articles per site.")
@click.option("--site", "sites", multiple=True, metavar="NAME", help="Only this configured site (repeatable).")
@click.option("-v", "--verbose", is_flag=True, help="Log what the run does (INFO) to stderr or the log file.")
@click.option("--dry-run", is_flag=True,
              help="Discover and list the article URLs a run would fetch, and why; fetch and write nothing.")
@click.pass_context
def run(ctx, demo: bool, warehouse: Path | None, since, max_articles: int | None, sites: tuple[str, ...],
        verbose: bool, dry_run: bool) -> None:
    """Run the nightly job: discover, fetch, parse, extract, load."""
    cfg = _config(ctx, warehouse=warehouse, max_articles=max_articles, log_level="INFO" if verbose else None)
    if sites and not demo:
        cfg = _only_sites(cfg, sites)
    if dry_run:
        if demo:
            raise click.UsageError("--dry-run lists what a run of the configured sites would fetch; "
                                   "it does not go with --demo")
        _dry_run(cfg)
        return
    try:
        _run(cfg, demo, since, sites)
    except NewsfactsError as exc:
        _alert(cfg, exc.exit_code, str(exc))
        raise
    except Exception as exc:
        _alert(cfg, EXIT_INTERNAL, f"internal error: {type(exc).__name__}: {exc}")
        raise


def _alert(cfg: Config, code: int, message: str) -> None:
    from pipeline.jobs.alerts import notify_failure

    status = "partial" if code == PartialRunError.exit_code else "failed"
    notify_failure(cfg.on_failure, {"status": status, "exit_code": code, "message": message,
                                    "warehouse": str(cfg.warehouse), "host": socket.gethostname()},
                   cfg.user_agent)


def _run(cfg: Config, demo: bool, since, sites: tuple[str, ...]) -> None:
    from pipeline.jobs import demo as demo_mod, run as run_mod
    from pipeline.jobs.progress import TerminalProgress

    since_date: date | None = since.date() if since else None
    # a terminal gets the live per-site display; cron and pipes get nothing (a good run prints nothing)
    progress = TerminalProgress(sys.stderr) if sys.stderr.isatty() else None
    try:
        if demo:
            with demo_mod.demo_config(cfg) as demo_cfg:
                demo_cfg = _only_sites(demo_cfg, sites) if sites else demo_cfg
                summary = run_mod.run(demo_cfg, mode="demo", since=since_date, progress=progress)
        else:
            summary = run_mod.run(cfg, since=since_date, progress=progress)
    finally:
        if progress:
            progress.close()
    if demo:
        _print_demo_summary(cfg, summary)
    if summary.status != "ok":
        raise PartialRunError(f"run {summary.run_id} {summary.status}: {summary.message}")


def _dry_run(cfg: Config) -> None:
    from pipeline.jobs.dryrun import plan_run, plan_table
    from pipeline.query import format_table

    plans = plan_run(cfg)
    click.echo(format_table(plan_table(plans), max_width=None), nl=False)
    for plan in plans:
        click.echo(plan.summary)


def _only_sites(cfg: Config, names: tuple[str, ...]) -> Config:
    known = {site.name: site for site in cfg.sites}
    unknown = [n for n in names if n not in known]
    if unknown:
        raise ConfigError(f"no configured site {unknown[0]!r} (configured: {', '.join(known)})")
    return dataclasses.replace(cfg, sites=tuple(known[n] for n in dict.fromkeys(names)))


def _print_demo_summary(cfg: Config, summary) -> None:
    c = summary.counts
    kinds = ", ".join(f"{k} {n}" for k, n in summary.facts_by_kind.most_common()) or "none new"
    click.echo(f"newsfacts demo run {summary.run_id}: {summary.status} in {summary.seconds:.1f} s")
    click.echo(f"  articles: {c['articles_new']} new, {c['articles_updated']} updated, "
               f"{c['articles_unchanged']} unchanged ({c['fetches']} requests, {c['failures']} failed)")
    click.echo(f"  facts loaded: {c['facts_loaded']} ({kinds})")
    click.echo(f"  warehouse: {cfg.warehouse.resolve()}")
    click.echo("Try:")
    for sql in EXAMPLE_QUERIES:
        click.echo(f'  newsfacts query "{sql}"')


@cli.command()
@click.option("--input", "input_path", type=click.Path(path_type=Path, dir_okay=False),
              help="docs.jsonl: one {\"id\", \"text\" | \"html\", \"published\"?, \"url\"?} per line.")
@click.argument("files", nargs=-1, type=click.Path(path_type=Path, dir_okay=False))
@click.pass_context
def extract(ctx, input_path: Path | None, files: tuple[Path, ...]) -> None:
    """Print the facts of documents as JSON Lines (FACTS.md schema plus "doc")."""
    from pipeline.jobs.documents import extract_documents, read_file, read_jsonl

    cfg = _config(ctx)
    if input_path is None and not files:
        raise click.UsageError("give --input docs.jsonl or one or more text/HTML files")

    def documents():
        if input_path is not None:
            yield from read_jsonl(input_path)
        for path in files:
            yield read_file(path, cfg.max_page_bytes)

    # "-": click's text wrapper of standard output (click.get_text_stream is deprecated since click 8.5)
    out = click.open_file("-", "w")
    for record in extract_documents(documents()):
        out.write(json.dumps(record, ensure_ascii=False) + "\n")


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path, dir_okay=False))
@click.option("--url", help="The page's URL (picks the site adapter); with no file, the page is fetched.")
@click.pass_context
def parse(ctx, paths: tuple[Path, ...], url: str | None) -> None:
    """Parse stored pages (HTML or .html.gz), or fetch the page at --url, and print one JSON line per
    page: the fields the adapter found, which path produced the body ("body_path"), the lead and body."""
    from pipeline.jobs.documents import parse_fetched_page, parse_stored_page

    cfg = _config(ctx)
    if not paths and not url:
        raise click.UsageError("give stored pages, or --url to fetch one")
    if url and len(paths) > 1:
        raise click.UsageError("--url goes with at most one file")
    out = click.open_file("-", "w")
    if url and not paths:
        out.write(json.dumps(parse_fetched_page(cfg, url), ensure_ascii=False) + "\n")
    for path in paths:
        out.write(json.dumps(parse_stored_page(path, url, cfg.max_page_bytes), ensure_ascii=False) + "\n")


format_option = click.option("--format", "fmt", type=click.Choice(["table", "csv", "json", "parquet"]),
                             default="table", show_default=True)
output_option = click.option("--output", type=click.Path(path_type=Path, dir_okay=False), help="Write to FILE.")
wide_option = click.option("--wide", is_flag=True, help="Table format: show long cells whole.")


@cli.command()
@click.argument("sql", required=False)
@click.option("--file", "sql_file", type=click.Path(path_type=Path, dir_okay=False, allow_dash=True),
              help="Read the SQL from FILE ('-': standard input).")
@warehouse_option
@click.option("--lake", is_flag=True, help="Query the Parquet lake (lake_dir: `publish --target parquet`): "
                                           "views articles and facts over its committed runs.")
@format_option
@output_option
@wide_option
@click.pass_context
def query(ctx, sql: str | None, sql_file: Path | None, warehouse: Path | None, lake: bool, fmt: str,
          output: Path | None, wide: bool) -> None:
    """Run one read-only SQL statement against the warehouse (SQL, --file FILE, or '-' for stdin)."""
    from pipeline.query import render, run_lake_query, run_query

    cfg = _config(ctx, warehouse=warehouse)
    if (sql is None) == (sql_file is None):
        raise click.UsageError("give the SQL, or --file FILE (or '-' to read standard input), not both")
    if sql_file is not None and str(sql_file) != "-":
        try:
            sql = sql_file.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise MissingInputError(f"{sql_file}: no such file") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(f"{sql_file}: cannot read: {exc}") from None
    elif sql is None or sql == "-":     # --file - or the SQL "-": standard input
        sql = click.open_file("-").read()
    result = run_lake_query(cfg.lake_root, sql) if lake else run_query(cfg.warehouse, sql)
    _echo(render(result, fmt, output, wide))


@cli.command()
@warehouse_option
@format_option
@output_option
@wide_option
@click.pass_context
def tables(ctx, warehouse: Path | None, fmt: str, output: Path | None, wide: bool) -> None:
    """List the tables and views to query, with what each holds."""
    from pipeline.query import render, table_list

    cfg = _config(ctx, warehouse=warehouse)
    _echo(render(table_list(cfg.warehouse), fmt, output, wide))


@cli.command()
@click.argument("name")
@warehouse_option
@format_option
@output_option
@wide_option
@click.pass_context
def schema(ctx, name: str, warehouse: Path | None, fmt: str, output: Path | None, wide: bool) -> None:
    """The columns of table or view NAME (reviews.verdicts for the verdicts), with types and meaning."""
    from pipeline.query import render, table_schema

    cfg = _config(ctx, warehouse=warehouse)
    _echo(render(table_schema(cfg.warehouse, name), fmt, output, wide))


@cli.command()
@click.argument("what", type=click.Choice(["verdicts", "reviewed"]))
@warehouse_option
@click.option("--format", "fmt", type=click.Choice(["csv", "parquet", "json", "table"]), default="csv",
              show_default=True)
@output_option
@click.pass_context
def export(ctx, what: str, warehouse: Path | None, fmt: str, output: Path | None) -> None:
    """Export the analysts' verdicts ("verdicts": every one given) or the reviewed facts with the verdict
    in force ("reviewed")."""
    from pipeline.query import export_rows, render

    cfg = _config(ctx, warehouse=warehouse)
    _echo(render(export_rows(cfg.warehouse, what), fmt, output, wide=True))


def _echo(text: str | None) -> None:
    if text is not None:
        click.echo(text, nl=False)


@cli.command()
@warehouse_option
@click.option("--all", "every", is_flag=True, help="Re-extract every article, not only stale ones.")
@click.pass_context
def reextract(ctx, warehouse: Path | None, every: bool) -> None:
    """Re-extract stored articles whose facts came from another extractor version."""
    from pipeline.jobs.run import reextract_stored

    cfg = _config(ctx, warehouse=warehouse)
    reextract_stored(cfg, every=every)


@cli.command()
@click.option("--input", "inputs", multiple=True, metavar="GLOB",
              help="WARC files (.warc or .warc.gz; a quoted glob, `**` too); repeatable.")
@click.argument("more_inputs", nargs=-1, metavar="[WARC]...")
@click.option("--hosts", required=True, metavar="H1,H2", help="Keep the pages of these configured sites' hosts.")
@click.option("--engine", type=click.Choice(["local", "ray"]), default="local", show_default=True)
@click.option("--ray-address", metavar="ADDRESS", help="Engine ray: the cluster to join (default: a local one).")
@click.option("--workers", type=click.IntRange(min=1), help="Processes (local; default one per core) or actors (ray).")
@click.option("--stage-only", is_flag=True, help="Stage the run and stop; `newsfacts publish RUN_ID` publishes it.")
@click.option("--run-id", metavar="ID", help="Default: a hash of the inputs and hosts, so a re-run finishes the run.")
@warehouse_option
@click.option("-v", "--verbose", is_flag=True, help="Log what the backfill does (INFO).")
@click.pass_context
def backfill(ctx, inputs: tuple[str, ...], more_inputs: tuple[str, ...], hosts: str, engine: str,
             ray_address: str | None, workers: int | None, stage_only: bool, run_id: str | None,
             warehouse: Path | None, verbose: bool) -> None:
    """Backfill from web archives: parse and extract the HTML pages of HOSTS in WARC files, stage them
    as Parquet, then publish the run into the warehouse in one transaction."""
    from pipeline.backfill.run import backfill as run_backfill

    cfg = _config(ctx, warehouse=warehouse, log_level="INFO" if verbose else None)
    if not inputs and not more_inputs:
        raise click.UsageError("give the WARC files: --input 'warc/*.warc.gz'")
    if ray_address and engine != "ray":
        raise click.UsageError("--ray-address goes with --engine ray")
    result = run_backfill(cfg, [*inputs, *more_inputs], hosts.split(","), engine, run_id, stage_only,
                          workers=workers, ray_address=ray_address)
    click.echo(result.summary())
    if result.published is not None:
        click.echo(f"  published: {result.published}")
    elif stage_only:
        click.echo(f"  staged only: newsfacts publish {result.run_id}")
    if not result.complete:
        raise PartialRunError(f"backfill {result.run_id}: {result.manifest.failed} records failed, "
                              f"{len(result.manifest.damaged)} inputs damaged (the manifest lists them)")


@cli.command()
@warehouse_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(0, 65535), default=8765, show_default=True)
@click.pass_context
def review(ctx, warehouse: Path | None, host: str, port: int) -> None:
    """Serve the fact review page (verdicts go to reviews.duckdb beside the warehouse)."""
    from pipeline.review.app import serve

    cfg = _config(ctx, warehouse=warehouse)
    serve(cfg.warehouse, host, port, raw_root=cfg.raw_root)


@cli.command()
@click.pass_context
def crontab(ctx) -> None:
    """Print the crontab line for the nightly run, from the config's `schedule`."""
    cfg = _config(ctx)
    config = ctx.obj.get("config") if ctx.obj else None
    config_arg = f" --config {shlex.quote(str(Path(config).resolve()))}" if config else ""
    click.echo(f"{cfg.schedule}  cd {shlex.quote(str(Path.cwd()))} && {shlex.quote(sys.executable)} "
               f"-m pipeline{config_arg} run")


@cli.command()
@warehouse_option
@click.pass_context
def migrate(ctx, warehouse: Path | None) -> None:
    """Create the warehouse or bring its schema up to date."""
    from pipeline.store.warehouse import Warehouse

    cfg = _config(ctx, warehouse=warehouse)
    with Warehouse(cfg.warehouse) as wh:
        versions = wh.applied_migrations()
    log.info("warehouse %s at schema version %s", cfg.warehouse, max(versions, default=0))


@cli.command()
@click.argument("run_id", required=False)
@warehouse_option
@click.option("--target", type=click.Choice(["warehouse", "parquet", "lake"]), default="warehouse",
              show_default=True, help="The warehouse file, the Parquet lake under lake_dir, or DuckLake.")
@click.option("--resume", is_flag=True, help="Finish the checks of every published run whose check phase "
                                             "was interrupted.")
@click.pass_context
def publish(ctx, run_id: str | None, warehouse: Path | None, target: str, resume: bool) -> None:
    """Publish the staged backfill run RUN_ID (newsfacts backfill --stage-only), exactly once."""
    from pipeline.backfill.publish import publish_run, resume_checks

    cfg = _config(ctx, warehouse=warehouse)
    if resume == bool(run_id) or (resume and target != "warehouse"):
        raise click.UsageError("give RUN_ID, or --resume (the warehouse's unfinished checks), not both")
    for result in resume_checks(cfg) if resume else [publish_run(cfg, run_id or "", target)]:
        click.echo(str(result))


@cli.command()
@warehouse_option
@click.option("--last", type=click.IntRange(min=1), default=5, show_default=True, help="Runs to list.")
@click.pass_context
def status(ctx, warehouse: Path | None, last: int) -> None:
    """Show the last runs and row counts."""
    from pipeline.query import status_report

    cfg = _config(ctx, warehouse=warehouse)
    click.echo(status_report(cfg.warehouse, last), nl=False)


@cli.command("eval")
@click.argument("gold_dir", type=click.Path(path_type=Path, file_okay=False))
@click.option("--show-errors", is_flag=True, help="List misses, spurious facts and wrong fields "
                                                  "(checks: misses and false alarms).")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as one JSON object.")
@click.option("--checks", "checks", is_flag=True,
              help="Score the consistency checks on a checks gold (docs.jsonl + expected.jsonl, or one "
                   "such directory per split); chosen by itself when GOLD_DIR is one.")
@click.pass_context
def evaluate(ctx, gold_dir: Path, show_errors: bool, as_json: bool, checks: bool) -> None:
    """Score the extractors on a gold set (docs.jsonl + facts.jsonl) as FACTS.md says, or the
    consistency checks on a checks gold (precision and recall of their warnings and errors)."""
    from pipeline import evaluate as ev
    from pipeline.checks import gold as checks_gold

    _config(ctx)
    if checks or checks_gold.is_checks_gold(gold_dir):
        reports = checks_gold.evaluate_checks(gold_dir)
        if as_json:
            click.echo(json.dumps({"checks": {name: r.as_dict() for name, r in reports.items()}}, ensure_ascii=False))
        else:
            click.echo(checks_gold.format_checks_report(reports, show_errors), nl=False)
        return
    report = ev.evaluate(gold_dir)
    if as_json:
        click.echo(json.dumps(report.as_dict()))
    else:
        click.echo(ev.format_report(report, show_errors), nl=False)


def _fail(message: str, code: int) -> int:
    click.echo(f"newsfacts: error: {message}", err=True)
    return code


def main(argv: list[str] | None = None) -> None:
    try:
        # without standalone mode click returns (not raises) the code of an Exit
        code = cli.main(args=argv, prog_name="newsfacts", standalone_mode=False)
        if isinstance(code, int) and code:
            sys.exit(code)
    except NewsfactsError as exc:
        sys.exit(_fail(str(exc), exc.exit_code))
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code if exc.exit_code else EXIT_USAGE)
    except click.Abort:
        sys.exit(_fail("interrupted", 130))
    except KeyboardInterrupt:
        sys.exit(_fail("interrupted", 130))
    except BrokenPipeError:
        sys.exit(0)
    except Exception as exc:  # a bug: the traceback goes to the log, one line to the user
        log.exception("internal error")
        sys.exit(_fail(f"internal error: {type(exc).__name__}: {exc}", EXIT_INTERNAL))
    sys.exit(0)
