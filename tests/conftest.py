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


# End to end: modules whose tests run real servers, child processes, a browser or a deploy,
# and any test that asks for a server fixture. They carry the `slow` marker, so
# `pytest -m "not slow"` is the inner loop; CI runs everything.
E2E_MODULES = {
    "test_bounce_imap", "test_browser", "test_cli", "test_crawl", "test_crawl_faults",
    "test_daemon",
    "test_deploy", "test_digest", "test_explain", "test_filing", "test_hostile",
    "test_hostile_site", "test_mail", "test_mail_faults", "test_monthly", "test_one_truth",
    "test_packaging", "test_real_wordpress", "test_walkthrough", "test_web",
    "test_zz_etc_unchanged",
}  # fmt: skip
SERVER_FIXTURES = {"site", "empty_site", "smtp", "conf", "web", "browser"}
# Modules whose module-scoped fixtures are costly (a MariaDB and WordPress, a browser): run
# on one worker of pytest-xdist, so each starts once.
ONE_WORKER = {"test_real_wordpress", "test_web", "test_browser"}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        module = item.module.__name__ if isinstance(item, pytest.Function) else ""
        if module in E2E_MODULES or SERVER_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)
        if module in ONE_WORKER:
            item.add_marker(pytest.mark.xdist_group(module))


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


@pytest.fixture(scope="session")
def sample_store(tmp_path_factory):
    """The bundled sample site crawled once per test run (per worker) for each pinned
    clock asked for; `copy_sample(pin, cfg)` puts a copy where the config's database is.
    A crawl is a child process and a second of CPU: most mail tests only need its result."""
    import os
    import sqlite3

    from helpers import run as cli_run

    made: dict[str, Path] = {}

    def copy_sample(pin: str | None, cfg: Path) -> Path:
        """`pin`: the clock the crawl ran at (None: the real one)."""
        key = pin or ""
        if key not in made:
            folder = tmp_path_factory.mktemp("sample-store")
            before = os.environ.get("WP_DIGEST_NOW")
            if pin:
                os.environ["WP_DIGEST_NOW"] = pin
            else:
                os.environ.pop("WP_DIGEST_NOW", None)
            try:
                with WordPressServer(copy.deepcopy(load_sample()[0]), prefix="/ca/",
                                     categories=load_sample()[1]) as server:  # fmt: skip
                    template = write_config(folder, {"sample": server.url})
                    assert cli_run(template, "crawl").exit_code == 0
            finally:
                if before is None:
                    os.environ.pop("WP_DIGEST_NOW", None)
                else:
                    os.environ["WP_DIGEST_NOW"] = before
            made[key] = folder / "state.db"
        target = cfg.parent / "state.db"
        with sqlite3.connect(made[key]) as src, sqlite3.connect(target) as dst:
            src.backup(dst)  # a consistent copy, write-ahead log included
        return target

    return copy_sample


@pytest.fixture
def web(tmp_path, site, smtp, request, sample_store):
    """`wp-digest serve` on the crawled sample site, with `[web]` extras from an indirect
    parameter; its log must hold no traceback."""
    from webtools import free_port, start, web_config

    extra = getattr(request, "param", "")
    port = free_port()
    cfg = web_config(tmp_path, site.url, smtp.port, port, extra)
    sample_store(None, cfg)  # the sample site's crawl, made once
    server = start(cfg, port)
    yield server
    log = server.stop()
    assert "Traceback" not in log, log
