"""Shared fixtures: a real WordPress-like server on 127.0.0.1 and real SQLite files."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from digest import config, store
from digest.cli import cli
from digest.samplesite import WordPressServer, load_sample

FAST_CRAWL = """
[crawl]
requests_per_second = 1000
backoff = 0.01
retries = 2
timeout = 5
"""


def make_post(post_id: int, date_gmt: str, title: str | None = None, **extra: Any) -> dict:
    """A post in the REST shape of shared/reference/nextias-post-71990.json."""
    return {
        "id": post_id,
        "date_gmt": date_gmt,
        "modified_gmt": extra.pop("modified_gmt", date_gmt),
        "slug": f"post-{post_id}",
        "link": f"https://example.org/ca/post-{post_id}",
        "title": {"rendered": title or f"Post {post_id}"},
        "content": {
            "rendered": f"<p><strong>Syllabus: GS2/Polity</strong></p>\n<p>Body {post_id}</p>\n"
        },
        "excerpt": {"rendered": f"<p>Body {post_id}</p>\n"},
        "categories": [21],
        "tags": [],
        **extra,
    }


@pytest.fixture
def sample_posts() -> list[dict]:
    return copy.deepcopy(load_sample()[0])


@pytest.fixture
def site(sample_posts: list[dict]) -> Iterator[WordPressServer]:
    """The bundled sample site under /ca/, like nextias.com/ca/."""
    with WordPressServer(sample_posts, prefix="/ca/", categories=load_sample()[1]) as server:
        yield server


@pytest.fixture
def empty_site() -> Iterator[WordPressServer]:
    with WordPressServer([], prefix="/ca/") as server:
        yield server


def write_config(tmp_path: Path, sites: dict[str, str], extra: str = "") -> Path:
    tmp_path.mkdir(parents=True, exist_ok=True)
    path = tmp_path / "wp-digest.toml"
    body = 'timezone = "Asia/Kolkata"\ndatabase = "state.db"\n'
    for name, url in sites.items():
        body += f'\n[[source]]\nname = "{name}"\nurl = "{url}"\n'
    path.write_text(body + FAST_CRAWL + extra, encoding="utf-8")
    return path


@pytest.fixture
def conf(tmp_path: Path, site: WordPressServer) -> Path:
    return write_config(tmp_path, {"sample": site.url})


def run(cfg_path: Path | None, *args: str) -> Result:
    """Run the real CLI in-process; crawls still run in their own child process."""
    pre = ["--config", str(cfg_path)] if cfg_path else []
    return CliRunner().invoke(cli, [*pre, *args], catch_exceptions=False)


def open_state(cfg_path: Path):
    return store.open_db(config.load(str(cfg_path)).database)


def table(db, name: str, order: str = "rowid") -> list[dict]:
    return list(db.query(f"SELECT * FROM {name} ORDER BY {order}"))
