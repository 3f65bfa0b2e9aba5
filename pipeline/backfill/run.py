"""A backfill from WARC files: stage the run with an engine, then publish it into the warehouse.

    result = backfill(cfg, ["warc/*.warc.gz"], ["kinhtedothi.vn", "hanoitimes.vn"], engine="local")

Re-running a backfill finishes it: the default run id is a hash of the inputs, the hosts and the
extractor version, so the same command finds the same run; its batches staged before a kill are not
staged again, a run that finished staging is not staged again, and publishing a published run is a
no-op (pipeline.backfill.publish). `stage_only` stops after the manifest; `newsfacts publish RUN_ID`
publishes later.
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import time
from dataclasses import dataclass
from typing import Any, Callable, Sequence

import extractors
from pipeline.backfill.layout import Manifest
from pipeline.backfill.local import stage_local
from pipeline.backfill.pages import SiteMap
from pipeline.backfill.staging import EngineStats, StagingWriter
from pipeline.backfill.warc import expand_inputs, fastwarc_module
from pipeline.config import Config
from pipeline.errors import ConfigError, InputError
from pipeline.store.lock import RunLock

log = logging.getLogger(__name__)

ENGINES = ("local", "ray")
_RUN_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")


@dataclass(slots=True)
class BackfillResult:
    run_id: str
    manifest: Manifest
    staged: EngineStats | None      # None: the run had finished staging before (a re-run)
    published: Any | None           # pipeline.backfill.publish.PublishResult; None with stage_only
    seconds: float

    @property
    def complete(self) -> bool:
        """Every kept record staged, every input read to its end."""
        return not (self.manifest.failed or self.manifest.damaged)

    def summary(self) -> str:
        m = self.manifest
        how = (f"{self.staged.engine}, {self.staged.workers} workers, {self.staged.batches} batches staged"
               + (f", {self.staged.batches_skipped} staged before" if self.staged.batches_skipped else "")
               if self.staged else "staged before")
        return (f"backfill {self.run_id}: {m.records} records -> {m.articles} articles, {m.facts} facts in "
                f"{len(m.files)} files; {m.failed} failed, {len(m.damaged)} damaged inputs "
                f"({how}; {self.seconds:.1f} s)")


def default_run_id(inputs: Sequence[str], hosts: Sequence[str]) -> str:
    """The run id of a backfill of these inputs and hosts by this extractor version."""
    key = json.dumps([list(inputs), sorted(hosts), extractors.EXTRACTOR_VERSION])
    return "backfill-" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:12]


def backfill(cfg: Config, inputs: Sequence[str], hosts: Sequence[str], engine: str = "local",
             run_id: str | None = None, stage_only: bool = False, *, workers: int | None = None,
             ray_address: str | None = None, progress: Callable[[str], None] | None = None) -> BackfillResult:
    """Stage the HTML pages of `hosts` in the WARC files `inputs` (globs) with `engine`, then publish
    the run unless `stage_only`. With engine "local" and workers > 1 the caller's script needs the
    `if __name__ == "__main__":` guard (spawned pool)."""
    started = time.perf_counter()
    if engine not in ENGINES:
        raise ConfigError(f"engine {engine!r}: expected one of {', '.join(ENGINES)}")
    if ray_address and engine != "ray":
        raise ConfigError("a Ray address goes with engine ray")
    files = [os.path.abspath(f) for f in expand_inputs(inputs)]    # sources name them: the same from any folder
    sites = SiteMap.for_hosts(cfg.sites, hosts)
    kept_hosts = sorted(sites.hosts)
    run_id = run_id or default_run_id(files, kept_hosts)
    if not _RUN_ID.fullmatch(run_id):
        raise InputError(f"run id {run_id!r}: letters, digits, '.', '_' and '-' only (a folder is named by it)")
    writer = StagingWriter(cfg.staging_root, run_id)
    stats: EngineStats | None = None
    with RunLock(writer.run_dir):        # <run>.lock: one backfill stages a run at a time
        manifest = writer.finished()
        if manifest is None:
            fastwarc_module()            # the one-line error before any work
            log.info("backfill %s: staging %d files for %s with engine %s", run_id, len(files),
                     ", ".join(kept_hosts), engine)
            stats = _stage(engine, files, sites, run_id, writer, workers, ray_address, cfg, progress)
            manifest = writer.close(engine=engine, inputs=files, hosts=kept_hosts, damaged=stats.warc.damaged)
        elif (manifest.inputs, manifest.hosts) != (files, kept_hosts):
            raise InputError(f"run {run_id} was staged from other inputs or hosts; give another --run-id")
        else:
            log.info("backfill %s: staged before, not staged again", run_id)
    published = None
    if not stage_only:
        from pipeline.backfill.publish import publish_run   # the committer; its own module and lock

        published = publish_run(cfg, run_id)
    return BackfillResult(run_id, manifest, stats, published, time.perf_counter() - started)


def _stage(engine: str, files: list[str], sites: SiteMap, run_id: str, writer: StagingWriter,
           workers: int | None, ray_address: str | None, cfg: Config,
           progress: Callable[[str], None] | None) -> EngineStats:
    if engine == "ray":
        from pipeline.backfill.ray_engine import stage_ray   # needs the ray extra

        return stage_ray(files, sites, run_id, writer, workers=workers, address=ray_address,
                         batch_pages=cfg.batch_size, max_page_bytes=cfg.max_page_bytes, progress=progress)
    return stage_local(files, sites, run_id, writer, workers=workers or os.cpu_count() or 1,
                       batch_pages=cfg.batch_size, max_page_bytes=cfg.max_page_bytes, progress=progress)
