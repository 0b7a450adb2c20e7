"""User configuration: one TOML file in, one frozen typed object out.

Configuration (what the user wants) is kept apart from state (what has happened, in SQLite),
as rss2email does. Every key is checked here, once, so the rest of the program can trust the
object it gets; a mistake is reported as one line naming the file, the key and the fix.
The types and their defaults are in `model`, single-value checks in `values`, the readers
of each TOML table in `tables`; this module finds and loads the file.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any

from digest.config.model import (
    CONFIG_ENV,
    DEFAULT_NAME,
    WEEKDAYS,
    Config,
    CrawlSettings,
    DigestSettings,
    MailSettings,
    Rules,
    ScheduleSettings,
    Source,
    Subscriber,
    WatchSettings,
    WebSettings,
    source_from_dict,
)
from digest.config.read import read
from digest.config.values import EMAIL, check_url, source_from_url
from digest.errors import ConfigError

__all__ = [
    "CONFIG_ENV",
    "DEFAULT_NAME",
    "EMAIL",
    "WEEKDAYS",
    "Config",
    "ConfigError",
    "CrawlSettings",
    "DigestSettings",
    "MailSettings",
    "Rules",
    "ScheduleSettings",
    "Source",
    "Subscriber",
    "WatchSettings",
    "WebSettings",
    "check_url",
    "find",
    "load",
    "parse",
    "pick_sources",
    "source_from_dict",
    "source_from_url",
]


def parse(data: dict[str, Any], path: Path | None) -> Config:
    """Build a Config from parsed TOML; paths are resolved relative to the file."""
    return read(data, path)


def find(explicit: str | None) -> Path | None:
    """--config, then $WP_DIGEST_CONFIG, then ./wp-digest.toml; None when there is none."""
    if explicit:
        return Path(explicit)
    if os.environ.get(CONFIG_ENV):
        return Path(os.environ[CONFIG_ENV])
    local = Path(DEFAULT_NAME)
    return local if local.exists() else None


def load(explicit: str | None = None) -> Config:
    path = find(explicit)
    if path is None:
        return parse({}, None)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as e:
        raise ConfigError(f"{path}: cannot read config: {e.strerror or e}") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"{path}: invalid TOML: {e}") from None
    return parse(data, path.resolve())


def pick_sources(cfg: Config, names: tuple[str, ...]) -> list[Source]:
    """Configured names or ad hoc site URLs; none given means every configured source that
    is not paused (a paused source is crawled only when named).

    Raises ValueError naming what is wrong (no sources, an unknown name, a bad URL).
    """
    if not names:
        if not cfg.sources:
            raise ValueError(
                "no sources: give a site URL, or add [[source]] tables to wp-digest.toml "
                "(wp-digest init writes a starter file)"
            )
        return cfg.crawled()
    out = []
    for name in names:
        source = cfg.source(name)
        if source is None and "://" in name:
            source = source_from_url(name)
        if source is None:
            known = ", ".join(s.name for s in cfg.sources) or "none configured"
            raise ValueError(f"unknown source {name!r} (known: {known})")
        out.append(source)
    return out
