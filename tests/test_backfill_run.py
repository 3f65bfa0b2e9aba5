import os
import signal
import subprocess
import sys
import time
from dataclasses import fields
from pathlib import Path

import pyarrow.dataset as ds
import pytest

from conftest import run_cli, warc_record, write_warc
from pipeline.backfill.layout import read_manifest
from pipeline.backfill.run import backfill, default_run_id
from pipeline.config import load_config
from pipeline.errors import ConfigError, InputError
from pipeline.jobs.ingest import ingest_pages
from pipeline.store.rows import ArticleRow
from pipeline.store.warehouse import Warehouse

ROOT = Path(__file__).resolve().parent.parent
SNAPSHOT = ROOT / "corpus" / "snapshot"
HOSTS = "kinhtedothi.vn,hanoitimes.vn"
FACT_COLUMNS = ("article_id", "kind", "text", "start", "end", "value", "unit", "rule_id", "sentence", "measure_key")


def site_pages(host: str, n: int) -> list[tuple[str, Path]]:
    files = sorted(p for p in (SNAPSHOT / host).glob("*.html") if p.name not in ("index.html", "about.html"))
    return [(f"https://{host}/{p.name}", p) for p in files[:n]]


def write_archive(folder: Path, per_site: int = 4) -> list[tuple[str, Path]]:
    """Two WARC files of the sites' pages among records to skip, and a third cut short in its last
    record. Returns the (url, file) of the pages a backfill keeps."""
    ktd, hnt = site_pages("kinhtedothi.vn", per_site + 1), site_pages("hanoitimes.vn", per_site)
    skipped = [warc_record("https://www.hanoitimes.vn/", b"", record_type="request"),
               warc_record("https://example.com/a.html", hnt[0][1].read_bytes()),
               warc_record("https://hanoitimes.vn/logo.png", b"\x89PNG", http_headers={"Content-Type": "image/png"}),
               warc_record("https://hanoitimes.vn/old.html", b"gone", status="404 Not Found")]
    write_warc(folder / "a.warc.gz", [warc_record(u, p.read_bytes()) for u, p in hnt] + skipped[:2])
    write_warc(folder / "b.warc.gz", skipped[2:] + [warc_record(u, p.read_bytes()) for u, p in ktd[:per_site - 1]])
    whole = write_warc(folder / "c.warc.gz", [warc_record(u, p.read_bytes()) for u, p in ktd[per_site - 1:]])
    whole.write_bytes(whole.read_bytes()[:-200])            # its last page is cut short: left out
    return hnt + ktd[:per_site]


def staged_tables(run_dir: Path) -> tuple[list[dict], set[tuple]]:
    manifest = read_manifest(run_dir)
    articles = ds.dataset([str(run_dir / f) for f in manifest.files_of("articles")], format="parquet").to_table()
    facts = ds.dataset([str(run_dir / f) for f in manifest.files_of("facts")], format="parquet").to_table()
    return (sorted(articles.to_pylist(), key=lambda r: r["article_id"]),
            set(zip(*(facts.column(c).to_pylist() for c in FACT_COLUMNS))))


def test_cli_backfill_stages_what_ingest_stores(tmp_path):
    kept = write_archive(tmp_path / "warc")
    out = run_cli("backfill", "--input", str(tmp_path / "warc" / "*.warc.gz"), "--hosts", HOSTS, "--stage-only",
                  "--workers", "2", cwd=tmp_path)
    assert out.returncode == 3, out.stderr                       # a damaged input: a partial backfill
    assert "8 records -> 8 articles" in out.stdout and "1 damaged inputs" in out.stdout
    assert out.stderr.strip().endswith("0 records failed, 1 inputs damaged (the manifest lists them)")
    (run_dir,) = [p for p in (tmp_path / "corpus" / "staging").iterdir() if p.is_dir()]
    manifest = read_manifest(run_dir)
    assert (manifest.records, manifest.articles, manifest.failed, len(manifest.damaged)) == (8, 8, 0, 1)
    assert manifest.damaged[0].startswith(str(tmp_path / "warc" / "c.warc.gz"))
    assert manifest.hosts == ["hanoitimes.vn", "kinhtedothi.vn"] and len(manifest.inputs) == 3

    articles, facts = staged_tables(run_dir)
    with Warehouse(tmp_path / "w.duckdb") as wh:
        for site in ("hanoitimes", "kinhtedothi"):
            mine = {p: u for u, p in kept if site in u}
            ingest_pages(list(mine), wh, site, run_dir.name, adapter=site, url_for=mine.__getitem__)
        columns = [f.name for f in fields(ArticleRow)]
        stored = [dict(zip(columns, r)) for r in
                  wh.con.execute(f"select {', '.join(columns)} from articles order by article_id").fetchall()]
        quoted = ", ".join(f'"{c}"' for c in FACT_COLUMNS)
        stored_facts = set(wh.con.execute(f"select {quoted} from facts").fetchall())
    assert [{k: v for k, v in r.items() if k != "raw_path"} for r in articles] == \
        [{k: v for k, v in r.items() if k != "raw_path"} for r in stored]
    assert all(r["raw_path"].startswith(str(tmp_path / "warc")) for r in articles)
    assert facts == stored_facts and len(facts) > 50


def backfill_process(cwd: Path, *extra: str) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSFACTS_")}
    return subprocess.Popen([sys.executable, "-m", "pipeline", "backfill", "--input", str(cwd / "warc" / "*.warc.gz"),
                             "--hosts", HOSTS, "--stage-only", "--workers", "1", *extra],
                            cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_a_backfill_killed_while_staging_is_finished_by_running_it_again(tmp_path):
    killed, clean = tmp_path / "killed", tmp_path / "clean"
    for folder in (killed, clean):
        write_archive(folder / "warc")
        (folder / "newsfacts.toml").write_text("batch_size = 2\n")
    # the same archive in two folders; the run that is never killed is given the killed one's run id
    proc = backfill_process(killed)
    done = None
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline and proc.poll() is None:
        markers = list((killed / "corpus" / "staging").glob("*/_parts/done/*.json"))
        if len(markers) >= 2:
            done = markers
            break
        time.sleep(0.05)
    assert done, "no batch was staged in time"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    (run_dir,) = [p for p in (killed / "corpus" / "staging").iterdir() if p.is_dir()]
    assert read_manifest(run_dir) is None

    again = run_cli("backfill", "--input", str(killed / "warc" / "*.warc.gz"), "--hosts", HOSTS, "--stage-only",
                    "--workers", "1", cwd=killed)
    assert again.returncode == 3, again.stderr                    # c.warc.gz is damaged, as before
    assert "staged before" in again.stdout                        # the batches done before the kill
    fresh = run_cli("backfill", "--input", str(clean / "warc" / "*.warc.gz"), "--hosts", HOSTS, "--stage-only",
                    "--workers", "1", "--run-id", run_dir.name, cwd=clean)
    assert fresh.returncode == 3, fresh.stderr
    resumed, whole = read_manifest(run_dir), read_manifest(clean / "corpus" / "staging" / run_dir.name)
    assert (resumed.records, resumed.articles, resumed.facts) == (whole.records, whole.articles, whole.facts)
    (a_rows, a_facts), (b_rows, b_facts) = staged_tables(run_dir), staged_tables(clean / "corpus" / "staging" / run_dir.name)
    strip = lambda rows: [{k: v for k, v in r.items() if k != "raw_path"} for r in rows]  # noqa: E731
    assert strip(a_rows) == strip(b_rows) and a_facts == b_facts

    # and once staged, running it again stages nothing
    third = run_cli("backfill", "--input", str(killed / "warc" / "*.warc.gz"), "--hosts", HOSTS, "--stage-only",
                    cwd=killed)
    assert "(staged before;" in third.stdout and read_manifest(run_dir).created_at == resumed.created_at


def test_usage_and_config_errors_are_one_line(tmp_path):
    write_archive(tmp_path / "warc", per_site=1)
    glob = str(tmp_path / "warc" / "*.warc.gz")
    cases = [(("--input", glob, "--hosts", "example.com"), 78, "host 'example.com' is no configured site's"),
             (("--input", str(tmp_path / "none*.warc.gz"), "--hosts", HOSTS), 66, "no such file"),
             (("--input", glob, "--hosts", HOSTS, "--ray-address", "x:1"), 2, "--ray-address goes with --engine ray"),
             (("--hosts", HOSTS), 2, "give the WARC files"),
             (("--input", glob, "--hosts", HOSTS, "--run-id", "../x"), 65, "run id '../x'")]
    for args, code, message in cases:
        out = run_cli("backfill", *args, cwd=tmp_path)
        assert out.returncode == code and message in out.stderr, (args, out.stderr)
        if code != 2:                                                # click's usage errors show the usage
            assert out.stderr.strip() == f"newsfacts: error: {out.stderr.strip().partition('error: ')[2]}"
            assert len(out.stderr.strip().splitlines()) == 1, out.stderr
    blocked = tmp_path / "blocked" / "fastwarc"
    blocked.mkdir(parents=True)
    (blocked / "__init__.py").write_text("raise ImportError('no fastwarc here')\n")
    out = run_cli("backfill", "--input", glob, "--hosts", HOSTS, "--stage-only", cwd=tmp_path,
                  env={"PYTHONPATH": os.pathsep.join([str(blocked.parent), os.environ.get("PYTHONPATH", "")])})
    assert out.returncode == 78
    assert out.stderr.strip() == "newsfacts: error: reading WARC files needs fastwarc: pip install 'newsfacts[backfill]'"


def test_a_run_id_is_for_one_set_of_inputs(tmp_path):
    write_archive(tmp_path / "warc", per_site=1)
    cfg = load_config(env={}, overrides={"warehouse": tmp_path / "w.duckdb"})
    files = [str(tmp_path / "warc" / "a.warc.gz")]
    first = backfill(cfg, files, HOSTS.split(","), run_id="r1", stage_only=True, workers=1)
    assert first.manifest.records == 1 and first.staged is not None
    assert backfill(cfg, files, HOSTS.split(","), run_id="r1", stage_only=True).staged is None
    with pytest.raises(InputError, match="run r1 was staged from other inputs"):
        backfill(cfg, [str(tmp_path / "warc" / "b.warc.gz")], HOSTS.split(","), run_id="r1", stage_only=True)
    with pytest.raises(ConfigError, match="engine 'spark'"):
        backfill(cfg, files, HOSTS.split(","), engine="spark")
    assert default_run_id(files, ["a", "b"]) == default_run_id(files, ["b", "a"]) != default_run_id(files, ["a"])
