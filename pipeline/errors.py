"""Exceptions the CLI turns into a one-line message and a documented exit code.

Exit codes follow sysexits(3) where one fits, so cron wrappers can tell kinds of failure apart.
"""
from __future__ import annotations

EXIT_OK = 0
EXIT_INTERNAL = 1       # a bug: unexpected exception (traceback goes to the log)
EXIT_USAGE = 2          # bad command-line usage (click's own code)
EXIT_PARTIAL = 3        # run finished, but some pages or sites failed; everything else is stored
EXIT_DATAERR = 65       # bad input data: unreadable docs.jsonl, bad SQL
EXIT_NOINPUT = 66       # an input file or the warehouse does not exist
EXIT_UNAVAILABLE = 69   # no configured site could be reached at all
EXIT_CANTCREAT = 73     # cannot create or write an output file or the warehouse
EXIT_TEMPFAIL = 75      # another run holds the warehouse lock; try again later
EXIT_CONFIG = 78        # bad configuration


class NewsfactsError(Exception):
    """Base class: `exit_code` is what the CLI exits with; str(e) is the one-line message."""
    exit_code = EXIT_INTERNAL


class ConfigError(NewsfactsError):
    exit_code = EXIT_CONFIG


class InputError(NewsfactsError):
    exit_code = EXIT_DATAERR


class MissingInputError(NewsfactsError):
    exit_code = EXIT_NOINPUT


class QueryError(NewsfactsError):
    exit_code = EXIT_DATAERR


class WarehouseError(NewsfactsError):
    exit_code = EXIT_CANTCREAT


class DamagedWarehouseError(WarehouseError):
    """The warehouse file does not read back whole (truncated, bytes flipped): never published."""


class LockedError(NewsfactsError):
    exit_code = EXIT_TEMPFAIL


class SitesUnavailableError(NewsfactsError):
    exit_code = EXIT_UNAVAILABLE


class FetchFailedError(NewsfactsError):
    """A page asked for by its URL (`parse --url`) could not be fetched."""
    exit_code = EXIT_UNAVAILABLE


class PartialRunError(NewsfactsError):
    exit_code = EXIT_PARTIAL


class MissingExtraError(NewsfactsError):
    """A command needs an optional dependency that is not installed (`pip install 'newsfacts[X]'`)."""
    exit_code = EXIT_CONFIG
