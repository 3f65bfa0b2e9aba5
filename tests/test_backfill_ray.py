"""Engine "ray" (pipeline.backfill.ray_engine) on a local Ray of two CPUs: the same staged run as the
local engine on the same WARC files, batches staged before skipped, CPU shares that leave the read
tasks room. The tests that need Ray are skipped, with the reason, where `import ray` fails."""
import os
import signal
import sys
import threading
import time
import uuid
from dataclasses import replace
from pathlib import Path

import duckdb
import pytest

from conftest import warc_record, write_warc
from pipeline.backfill.layout import read_manifest
from pipeline.backfill.pages import SiteMap
from pipeline.backfill.ray_engine import READ_TASK_CPUS, actor_plan, ray_module, stage_ray
from pipeline.backfill.run import backfill
from pipeline.backfill.staging import StagingWriter
from pipeline.config import DEFAULT_SITES, Config
from pipeline.errors import ConfigError, MissingExtraError

ROOT = Path(__file__).resolve().parent.parent
SNAPSHOT = ROOT / "corpus" / "snapshot"
HOSTS = ["kinhtedothi.vn", "hanoitimes.vn", "www.vietnam.vn"]
SITES = SiteMap.for_hosts(DEFAULT_SITES, HOSTS)
# Ray Data's own DataContext warns of its deprecated settings when it is shipped to the workers
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:ray.data.context")


SESSION = uuid.uuid4().hex     # in the environment of this module's Ray workers, and of no other process


@pytest.fixture(scope="module")
def ray_cpus():
    """A local Ray of two CPUs for the module (stage_ray joins it and leaves it running)."""
    try:
        import ray
        import ray.data  # noqa: F401
    except ImportError as exc:
        pytest.skip(f"engine ray not tested: `import ray` failed ({exc}); pip install 'newsfacts[ray]'")
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, logging_level="warning",
             runtime_env={"env_vars": {"NEWSFACTS_TEST_RAY": SESSION}})
    yield 2
    ray.shutdown()


def stage_actors() -> list[int]:
    """The pids of this module's Ray actors that stage batches."""
    pids = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            environ = Path(f"/proc/{pid}/environ").read_bytes()
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
        except OSError:
            continue
        if f"NEWSFACTS_TEST_RAY={SESSION}".encode() in environ.split(b"\0") and b"StageActor" in cmdline:
            pids.append(int(pid))
    return pids


def snapshot_records(per_site: int = 3) -> list[bytes]:
    """Response records of a few article pages of each bundled site, at their real URLs."""
    records = []
    for host in HOSTS:
        root = SNAPSHOT / host
        files = sorted(p for p in root.rglob("*.html")
                       if p.name != "about.html" and not (p.name == "index.html" and p.parent in (root, root / "en")))
        for f in files[:per_site]:
            rel = f.relative_to(SNAPSHOT).as_posix()
            url = "https://" + (rel[:-len("index.html")] if rel.endswith("/index.html") else rel)
            records.append(warc_record(url, f.read_bytes()))
    return records


@pytest.fixture(scope="module")
def warcs(tmp_path_factory) -> list[str]:
    """Two WARC files: the snapshot's pages among other hosts' pages, a 404 and an image; then a file
    cut in the middle of its third record (its first two pages are read, the cut is damage)."""
    folder = tmp_path_factory.mktemp("warc")
    pages = snapshot_records()
    noise = [warc_record("https://example.com/news/1.html", b"<html><body>other host</body></html>"),
             warc_record("https://hanoitimes.vn/missing.html", b"<html>gone</html>", status="404 Not Found"),
             warc_record("https://hanoitimes.vn/logo.png", b"\x89PNG....", http_headers={"Content-Type": "image/png"}),
             warc_record("https://hanoitimes.vn/a.html", b"", record_type="request")]
    first = write_warc(folder / "a.warc.gz", pages[:5] + noise + pages[5:7])
    cut = write_warc(folder / "b.warc.gz", pages[7:] + snapshot_records(4)[3:4])
    data = cut.read_bytes()
    cut.write_bytes(data[:len(data) - 300])
    return [str(first), str(cut)]


def staged_rows(run_dir: Path, table: str, skip: tuple[str, ...] = ()) -> set[tuple]:
    """The staged rows of a table as a set, without the columns in `skip`."""
    con = duckdb.connect()
    try:
        files = f"{run_dir}/{table}/*/*/*.parquet"
        return set(con.execute(f"select * exclude (site, month{''.join(', ' + c for c in skip)}) "
                               f"from read_parquet('{files}', hive_partitioning = true)").fetchall()
                   if list(run_dir.glob(f"{table}/*/*/*.parquet")) else [])
    finally:
        con.close()


def test_actor_shares_leave_the_read_tasks_room():
    assert actor_plan(2, None) == (2, 0.75)            # two cores: two actors, half a CPU for the readers
    assert actor_plan(16, None) == (16, 0.75)
    assert actor_plan(2, 7) == (7, 0.25)
    for cpus, workers in ((2, 1), (2, 2), (2, 3), (2, 7), (3, 4), (32, 40), (1, None), (0.5, None)):
        actors, each = actor_plan(cpus, workers)
        assert actors == (workers or max(1, int(cpus))) and 0 < each <= 0.75
        assert (each / READ_TASK_CPUS).is_integer()    # in quarters: what is left on a node is too
        assert actors * each <= cpus - READ_TASK_CPUS, (cpus, workers)
    with pytest.raises(ConfigError, match=r"8 actors do not fit in the Ray cluster's 2 CPUs .*at most 7"):
        actor_plan(2, 8)
    with pytest.raises(ConfigError, match="at most 0"):
        actor_plan(0.25, None)


def test_without_ray_one_line_says_what_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "ray", None)      # `import ray` raises ImportError
    with pytest.raises(MissingExtraError, match=r"pip install 'newsfacts\[ray\]'"):
        ray_module()


@pytest.fixture(scope="module")
def local_run(tmp_path_factory, warcs):
    """The fixtures staged by the local engine, in this process: what the Ray engine must stage."""
    staging = tmp_path_factory.mktemp("local")
    cfg = replace(Config(), warehouse=staging / "w.duckdb", staging_dir=staging, batch_size=4)
    return backfill(cfg, warcs, HOSTS, engine="local", run_id="r-local", stage_only=True, workers=1), staging / "r-local"


def test_ray_stages_the_run_the_local_engine_stages(tmp_path, warcs, local_run, ray_cpus):
    cfg = replace(Config(), warehouse=tmp_path / "w.duckdb", staging_dir=tmp_path / "staging", batch_size=4)
    result = backfill(cfg, warcs, HOSTS, engine="ray", run_id="r-ray", stage_only=True, workers=1)
    (local, local_dir), ray, ray_dir = (local_run[0].manifest, local_run[1]), result.manifest, tmp_path / "staging" / "r-ray"
    assert (ray.records, ray.articles, ray.facts, ray.failed) == (local.records, local.articles, local.facts,
                                                                  local.failed)
    assert ray.records == 9 and ray.articles == 9 and ray.facts > 100 and ray.failed == 0
    assert [d.split(":")[0] for d in ray.damaged] == [d.split(":")[0] for d in local.damaged] == [warcs[1]]
    assert ray.engine == "ray" and read_manifest(ray_dir) == ray
    assert sorted(f.path for f in ray.files) == sorted(f.path for f in local.files)
    stats = result.staged
    assert stats is not None and stats.engine == "ray" and stats.workers == 1
    assert (stats.warc.files, stats.warc.pages, stats.warc.other_hosts, stats.warc.not_html) == (2, 9, 1, 2)
    assert stats.pages == 9 and stats.batches == 3          # cut per file: a's 7 pages in 4 + 3, b's 2 in one

    facts = staged_rows(ray_dir, "facts")
    assert facts == staged_rows(local_dir, "facts") and len(facts) == ray.facts
    skip = ("first_seen_run", "last_seen_run")              # the run ids
    articles = staged_rows(ray_dir, "articles", skip)
    assert articles == staged_rows(local_dir, "articles", skip) and len(articles) == 9


# one file, two actors: its batches must reach both (Ray warns when an operator gets fewer inputs than actors)
@pytest.mark.filterwarnings("error:The minimum number of concurrent actors")
def test_a_rerun_stages_only_the_batches_not_staged_before(tmp_path, warcs, local_run, ray_cpus):
    writer = StagingWriter(tmp_path / "staging", "r1")
    first = stage_ray(warcs[:1], SITES, "r1", writer, batch_pages=3)     # a backfill killed after file a
    assert (first.batches, first.batches_skipped, first.pages) == (3, 0, 7)
    again = stage_ray(warcs, SITES, "r1", writer, batch_pages=3, workers=2)
    assert (again.batches, again.batches_skipped, again.pages, again.workers) == (1, 3, 2, 2)
    assert again.warc.pages == 9 and len(again.warc.damaged) == 1
    manifest = writer.close(engine="ray", inputs=warcs, hosts=sorted(SITES.hosts))
    assert (manifest.records, manifest.articles, manifest.failed) == (9, 9, 0)
    assert manifest.facts == local_run[0].manifest.facts
    assert staged_rows(writer.run_dir, "facts") == staged_rows(local_run[1], "facts")


def test_an_actor_killed_while_staging_is_restarted_and_the_run_is_whole(tmp_path, warcs, local_run, ray_cpus):
    writer = StagingWriter(tmp_path / "staging", "r1")
    killed: list[int] = []

    def kill_an_actor_once_a_batch_is_staged() -> None:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and not killed:
            if list(writer.parts.glob("done/*.json")):
                for pid in stage_actors()[:1]:
                    os.kill(pid, signal.SIGKILL)
                    killed.append(pid)
            time.sleep(0.05)

    killer = threading.Thread(target=kill_an_actor_once_a_batch_is_staged)
    killer.start()
    try:
        stats = stage_ray(warcs, SITES, "r1", writer, batch_pages=1)    # nine batches of one page
    finally:
        killer.join()
    assert killed, "no staging actor was found to kill"
    assert stats.pages >= 9 and stats.warc.pages == 9       # a batch lost with its actor is staged again
    manifest = writer.close(engine="ray", inputs=warcs, hosts=sorted(SITES.hosts))
    assert (manifest.records, manifest.articles, manifest.failed) == (9, 9, 0)
    assert staged_rows(writer.run_dir, "facts") == staged_rows(local_run[1], "facts")
