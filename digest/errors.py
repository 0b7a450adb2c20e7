"""Errors that cross layers, and what the command line makes of them.

A `ConfigError` is a problem the user fixes in the configuration (or the environment it
names): the CLI prints it as one line and exits 2. Everything else that goes wrong at run
time is reported by the stage itself and ends with exit 1.
"""

from __future__ import annotations


class ConfigError(Exception):
    """A problem with the configuration; the CLI prints it as one line and exits 2."""


class StoreUnavailable(Exception):
    """The database cannot be opened or brought up to date (a full disk, a read-only or
    corrupt file); the CLI prints it as one line and exits 1."""
