"""The deployment README documents, walked in temporary folders: the config read-only in its
own folder, state in a state folder ($STATE_DIRECTORY, as systemd's StateDirectory= sets),
the service run without privileges; and the README's systemd unit verified."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import need, run

README = Path(__file__).resolve().parent.parent / "README.md"


def as_service_user(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    """Run wp-digest without privileges: as root, in a user namespace as `nobody` (no
    capabilities: it can write only where the owner may, never a read-only folder)."""
    prefix: list[str] = []
    if os.geteuid() == 0:
        unshare = shutil.which("unshare")
        need("unshare", bool(unshare), "apt-get install util-linux")
        prefix = [unshare or "unshare", "--user", "--map-user=65534", "--map-group=65534"]
    return subprocess.run(
        [*prefix, sys.executable, "-m", "digest", *args],
        env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip


def test_read_only_config_and_a_state_folder(tmp_path, site, monkeypatch):
    etc, state = tmp_path / "etc", tmp_path / "var-lib-wp-digest"
    etc.mkdir()
    state.mkdir()
    cfg = etc / "wp-digest.toml"
    # As the administrator: write the starter, point it at the site, make it read-only.
    assert run(cfg, "init").exit_code == 0
    text = cfg.read_text().replace("https://www.nextias.com/ca/", site.url)
    cfg.write_text(text.replace("requests_per_second = 1 ", "requests_per_second = 100 "))
    cfg.chmod(0o444)
    etc.chmod(0o555)
    env = {k: v for k, v in os.environ.items() if k != "WP_DIGEST_CONFIG"}
    env.update(STATE_DIRECTORY=str(state), WP_DIGEST_NOW="2026-04-23T07:05:00+05:30")
    try:
        for command in (["crawl"], ["tick"], ["status"]):
            result = as_service_user("--config", str(cfg), *command, env=env)
            assert result.returncode == 0, (command, result.stderr)
            assert "Traceback" not in result.stderr
        assert f"database: {state / 'wp-digest.db'}" in result.stdout
        assert "nextias: 26 posts" in result.stdout
        assert "reader@example.org: last sent daily-2026-04-22" in result.stdout
        assert sorted(p.name for p in etc.iterdir()) == ["wp-digest.toml"]
        assert (state / "wp-digest.db").stat().st_mode & 0o077 == 0  # owner-only
        assert list((state / "outbox").glob("*.eml"))
        # Without the state folder, the service cannot write beside its config: one line.
        del env["STATE_DIRECTORY"]
        result = as_service_user("--config", str(cfg), "status", env=env)
        assert result.returncode == 2 and "Traceback" not in result.stderr
        assert result.stderr.count("\n") == 1 and str(etc / "wp-digest.db") in result.stderr
    finally:
        etc.chmod(0o755)


@pytest.mark.parametrize(
    "marker, command", [("systemd-unit", "run"), ("systemd-unit-web", "serve")]
)
def test_readme_systemd_unit_verifies(tmp_path, marker, command):
    analyze = shutil.which("systemd-analyze")
    need("systemd-analyze", bool(analyze), "apt-get install systemd")
    block = re.search(
        rf"<!-- {marker}:start -->\n```ini\n(.*?)```", README.read_text(), re.S
    ).group(1)  # type: ignore[union-attr]
    assert (
        "StateDirectory=wp-digest" in block
        and f"ExecStart=/opt/wp-digest/bin/wp-digest {command}" in block
    )
    # Verified as written, but for the program's path, which is this test's interpreter's.
    unit = tmp_path / "wp-digest.service"
    unit.write_text(
        block.replace(
            "/opt/wp-digest/bin/wp-digest", str(Path(sys.executable).parent / "wp-digest")
        )
    )
    result = subprocess.run(
        [analyze or "systemd-analyze", "verify", str(unit)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0 and result.stderr.strip() == "", result.stderr
    # Sandboxed: systemd's own rating, at most 2.0 ("OK"; the stock unit scored 8.9 EXPOSED).
    security = subprocess.run(
        [analyze or "systemd-analyze", "security", "--offline=true", "--threshold=20", str(unit)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert security.returncode == 0, security.stdout + security.stderr
    level = re.search(r"Overall exposure level for \S+: ([\d.]+) (\w+)", security.stdout)
    assert level and float(level.group(1)) <= 2.0 and level.group(2) in ("OK", "SAFE"), level
