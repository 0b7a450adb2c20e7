"""Helpers the tests share (fixtures are in conftest.py): posts in REST shape, configs,
the CLI run in-process, database peeks, and fault hooks for the sample site."""

from __future__ import annotations

import os
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from digest import config, store
from digest.cli import cli

POSTS = "wp/v2/posts"
# The test posts link to these hosts, not to the loopback address they are served from.
LINK_HOSTS = 'link_hosts = ["example.org", "sample.wp-digest.invalid"]'
FAST_CRAWL = """
[crawl]
requests_per_second = 1000
backoff = 0.01
retries = 2
timeout = 5
"""


def make_post(post_id: int, date_gmt: str, title: str | None = None, **extra: Any) -> dict:
    """A post in the REST shape of tests/reference/nextias-post-71990.json."""
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


def pin_clock(monkeypatch: pytest.MonkeyPatch, when: str) -> datetime:
    """Pin wp-digest's clock (`WP_DIGEST_NOW`) for one test: nothing a test asserts about
    periods may depend on the hour the suite happens to run (tests/test_time_of_day.py)."""
    monkeypatch.setenv("WP_DIGEST_NOW", when)
    return datetime.fromisoformat(when)


class MovingClock:
    """A clock that starts at a chosen instant and runs at the real rate: for a sample site's
    `Date` header, which the crawler trusts, where a frozen clock would change what is tested
    (posts edited "now", during a crawl)."""

    def __init__(self, start: str):
        self.start = datetime.fromisoformat(start).timestamp()
        self.began = time.monotonic()

    def __call__(self) -> float:
        return self.start + (time.monotonic() - self.began)

    def now(self) -> datetime:
        return datetime.fromtimestamp(self(), UTC)


def many_posts(n: int = 250) -> list[dict]:
    """`n` posts a minute apart, enough for several pages."""
    return [make_post(i, f"2026-04-01T{i // 60:02d}:{i % 60:02d}:00") for i in range(1, n + 1)]


def fault_on_posts(answer: Any, *, nth: int | None = None, from_nth: int | None = None):
    """A fault hook for the sample site: the `nth` request to the posts collection (or every
    one from `from_nth` on, retries included) gets `answer`; the others are served."""
    seen = {"n": 0}

    def fault(route: str, params: dict[str, str]) -> Any:
        if route != POSTS:
            return None
        seen["n"] += 1
        hit = seen["n"] == nth if nth is not None else seen["n"] >= (from_nth or 1)
        return answer if hit else None

    return fault


def write_config(tmp_path: Path, sites: dict[str, str], extra: str = "") -> Path:
    tmp_path.mkdir(parents=True, exist_ok=True)
    path = tmp_path / "wp-digest.toml"
    body = 'timezone = "Asia/Kolkata"\ndatabase = "state.db"\n'
    for name, url in sites.items():
        body += f'\n[[source]]\nname = "{name}"\nurl = "{url}"\n{LINK_HOSTS}\n'
    path.write_text(body + FAST_CRAWL + extra, encoding="utf-8")
    return path


def run(cfg_path: Path | None, *args: str) -> Result:
    """Run the real CLI in-process; crawls still run in their own child process."""
    pre = ["--config", str(cfg_path)] if cfg_path else []
    return CliRunner().invoke(cli, [*pre, *args], catch_exceptions=False)


def open_state(cfg_path: Path):
    return store.open_db(config.load(str(cfg_path)).database)


def table(db, name: str, order: str = "rowid") -> list[dict]:
    return list(db.query(f"SELECT * FROM {name} ORDER BY {order}"))


def etc_snapshot(root: str = "/etc") -> dict[str, tuple[int, int]]:
    """(size, mtime) of every regular file under /etc that we can read the metadata of."""
    out = {}
    for folder, _dirs, files in os.walk(root):
        for name in files:
            path = os.path.join(folder, name)
            try:
                st = os.lstat(path)
            except OSError:
                continue
            out[path] = (st.st_size, st.st_mtime_ns)
    return out


def need(what: str, present: bool, install: str, *, module: bool = False) -> None:
    """A test that needs a system package: skipped locally, naming the package to install;
    under CI (`.ci/run` sets CI=1) a missing package is a failure, never a skip."""
    if present:
        return
    if os.environ.get("CI"):
        pytest.fail(f"CI must have {what}: .ci/run installs it ({install})")
    pytest.skip(f"{what} is not installed ({install})", allow_module_level=module)


PDF_PACKAGES = "apt-get install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0"


def weasyprint_works() -> bool:
    """WeasyPrint imports and makes a PDF (it needs Pango and HarfBuzz from Debian)."""
    try:
        import weasyprint

        return bool(weasyprint.HTML(string="<p>x</p>").write_pdf())
    except (OSError, ImportError):
        return False


def fresh_venv(tmp_path: Path) -> Path:
    """A new virtual environment in tmp_path/venv with wp-digest installed from a wheel of
    this checkout; returns its bin folder. The dependencies come from the environment
    running the tests (a .pth file names its site-packages, which `system_site_packages`
    would not when that is a venv); wp-digest itself only from the wheel, so a file missing
    from the wheel fails the tests that use it."""
    import shutil
    import subprocess
    import sys
    import sysconfig
    import venv

    # Built from a copy: two tests building in the checkout at once share its build/ and
    # egg-info folders, and one of them fails now and then.
    root = tmp_path / "src"
    shutil.copytree(Path(__file__).resolve().parent.parent, root, ignore=shutil.ignore_patterns(
        ".git", "build", "*.egg-info", "__pycache__", ".*_cache", "venv", ".venv"))  # fmt: skip
    dist = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                    "-q", "-w", str(dist), str(root)], check=True)  # fmt: skip
    [wheel] = dist.glob("wp_digest-*.whl")
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    [nested] = env_dir.glob("lib/python*/site-packages")
    ours = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    (nested / "zz-test-dependencies.pth").write_text("\n".join(sorted(ours)) + "\n")
    bin_dir = env_dir / "bin"
    subprocess.run(
        [bin_dir / "python", "-m", "pip", "install", "-q", "--no-deps", str(wheel)], check=True
    )
    return bin_dir
