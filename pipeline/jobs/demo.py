"""The bundled snapshot, served on 127.0.0.1 so the demo run exercises the real fetch path."""
from __future__ import annotations

import contextlib
import functools
import logging
import threading
from dataclasses import replace
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from pathlib import Path
from typing import Iterator

from pipeline.config import Config, SiteConfig

log = logging.getLogger(__name__)

# snapshot directory (the real host) -> (site name, adapter)
SNAPSHOT_SITES = {
    "kinhtedothi.vn": ("kinhtedothi", "kinhtedothi"),
    "www.vietnam.vn": ("vietnamvn", "vietnamvn"),
    "hanoitimes.vn": ("hanoitimes", "hanoitimes"),
}


def snapshot_dir() -> Path:
    try:
        path = Path(str(resources.files("newsfacts_corpus") / "snapshot"))
        if path.is_dir():
            return path
    except ModuleNotFoundError:
        pass
    return Path(__file__).resolve().parents[2] / "corpus" / "snapshot"


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the stdlib's signature
        log.debug("demo server: " + format, *args)


@contextlib.contextmanager
def serve_directory(root: Path) -> Iterator[str]:
    """Serve `root` on a free 127.0.0.1 port for the duration of the block; yield its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name=f"serve {root.name}", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


@contextlib.contextmanager
def demo_config(cfg: Config, root: Path | None = None) -> Iterator[Config]:
    """The config pointed at the snapshot sites, each served on its own local port."""
    root = root or snapshot_dir()
    with contextlib.ExitStack() as stack:
        sites, url_map = [], {}
        for host, (name, adapter) in SNAPSHOT_SITES.items():
            if not (root / host).is_dir():
                continue
            real = f"https://{host}"
            url_map[real] = stack.enter_context(serve_directory(root / host))
            sites.append(SiteConfig(name, adapter, real))
        # our own server on loopback: no need to wait between requests
        yield replace(cfg, sites=tuple(sites), url_map=url_map, allow_loopback=True, delay_seconds=0.0,
                      respect_crawl_delay=False)
