"""What a log line is about (the run, the site), set by the run and read by the CLI's JSON log format."""
from __future__ import annotations

import contextlib
import json
import logging
from contextvars import ContextVar
from datetime import datetime, timezone
from typing import Iterator

run_id: ContextVar[str | None] = ContextVar("run_id", default=None)
site: ContextVar[str | None] = ContextVar("site", default=None)


@contextlib.contextmanager
def about(var: ContextVar, value: str) -> Iterator[None]:
    token = var.set(value)
    try:
        yield
    finally:
        var.reset(token)


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time (UTC), level, logger, message, run_id and site when known."""

    def format(self, record: logging.LogRecord) -> str:
        event = {"time": datetime.fromtimestamp(record.created, timezone.utc).isoformat(timespec="milliseconds"),
                 "level": record.levelname, "logger": record.name, "message": record.getMessage()}
        for name, var in (("run_id", run_id), ("site", site)):
            if (value := var.get()) is not None:
                event[name] = value
        if record.exc_info:
            event["exception"] = self.formatException(record.exc_info)
        return json.dumps(event, ensure_ascii=False)
