"""Shared fixtures: a real WordPress-like server and a real SMTP server on 127.0.0.1."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import etc_snapshot, write_config
from smtp_server import SmtpServer

from digest.sample.site import WordPressServer, load_sample

ETC = pytest.StashKey[dict]()


def pytest_configure(config: pytest.Config) -> None:
    """What /etc held when the suite began: tests/test_zz_etc_unchanged.py, collected last,
    checks that the suite wrote nothing there (the real WordPress included)."""
    config.stash[ETC] = etc_snapshot()


@pytest.fixture
def etc_at_start(request: pytest.FixtureRequest) -> dict:
    return request.config.stash[ETC]


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


@pytest.fixture
def conf(tmp_path: Path, site: WordPressServer) -> Path:
    return write_config(tmp_path, {"sample": site.url})


@pytest.fixture
def smtp() -> Iterator[SmtpServer]:
    """A real SMTP server (aiosmtpd) on loopback that keeps what it accepts."""
    server = SmtpServer().start()
    yield server
    server.stop()
