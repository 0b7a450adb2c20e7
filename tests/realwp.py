"""A real WordPress on 127.0.0.1: Debian's `wordpress` package served by `php -S`, on a
private MariaDB server whose data lives in a temporary folder.

Everything is made fresh per test session (the database per test), so setup is idempotent
and nothing is written outside the test's temporary folders: WordPress boots with
tests/wordpress/config.php (tests/wordpress/boot.php), never with a config in /etc.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import time
from pathlib import Path

HERE = Path(__file__).parent / "wordpress"
WORDPRESS = Path("/usr/share/wordpress")
NEEDED = ("php", "mariadbd", "mariadb-install-db", "mariadb-admin", "mariadb")


def missing() -> list[str]:
    gone = [b for b in NEEDED if not (shutil.which(b) or Path("/usr/sbin", b).exists())]
    if not (WORDPRESS / "wp-load.php").exists():
        gone.append("wordpress")
    return gone


def _bin(name: str) -> str:
    return shutil.which(name) or str(Path("/usr/sbin", name))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class MariaDB:
    def __init__(self, folder: Path):
        self.folder = folder
        self.data = folder / "data"
        self.socket = folder / "mysqld.sock"
        self.proc: subprocess.Popen | None = None

    def start(self) -> MariaDB:
        for attempt in range(2):  # once more on a busy machine, then say why
            shutil.rmtree(self.data, ignore_errors=True)
            self.data.mkdir(parents=True, exist_ok=True)
            made = subprocess.run(
                [_bin("mariadb-install-db"), "--no-defaults", f"--datadir={self.data}",
                 "--user=root", "--auth-root-authentication-method=socket", "--skip-test-db"],
                capture_output=True, text=True, timeout=300,
            )  # fmt: skip
            if made.returncode == 0:
                break
            if attempt:
                raise RuntimeError(f"mariadb-install-db failed: {made.stdout}{made.stderr}")
        self.proc = subprocess.Popen(
            [_bin("mariadbd"), "--no-defaults", f"--datadir={self.data}", "--user=root",
             f"--socket={self.socket}", "--skip-networking", f"--pid-file={self.folder}/pid",
             f"--log-error={self.folder}/error.log", "--innodb-buffer-pool-size=64M"],
        )  # fmt: skip
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            ping = subprocess.run(
                [_bin("mariadb-admin"), f"--socket={self.socket}", "ping"], capture_output=True
            )
            if ping.returncode == 0:
                return self
            if self.proc.poll() is not None:
                break
            time.sleep(0.3)
        raise RuntimeError(f"MariaDB did not start: {(self.folder / 'error.log').read_text()}")

    def sql(self, statement: str) -> None:
        subprocess.run(
            [_bin("mariadb"), f"--socket={self.socket}", "-e", statement], check=True, timeout=60
        )

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            subprocess.run([_bin("mariadb-admin"), f"--socket={self.socket}", "shutdown"],
                           capture_output=True, timeout=60)  # fmt: skip
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()


class RealWordPress:
    """One WordPress site with its own database, served on a free loopback port."""

    def __init__(self, db: MariaDB, name: str, folder: Path, timezone: str = "Asia/Kolkata"):
        self.db, self.name, self.folder, self.timezone = db, name, folder, timezone
        self.port = _free_port()
        self.host = f"127.0.0.1:{self.port}"
        self.url = f"http://{self.host}/"
        self.log = folder / f"php-{name}.log"
        self.env = {
            **os.environ,
            "WPD_DB_NAME": name,
            "WPD_DB_SOCKET": str(db.socket),
            "WPD_ACCESS_LOG": str(folder / f"access-{name}.log"),
        }
        self.proc: subprocess.Popen | None = None

    def start(self) -> RealWordPress:
        self.db.sql(f"DROP DATABASE IF EXISTS `{self.name}`; CREATE DATABASE `{self.name}`")
        self.php([{"op": "install", "timezone": self.timezone}], install=True)
        self.proc = subprocess.Popen(
            ["php", "-S", self.host, "-t", str(WORDPRESS), str(HERE / "router.php")],
            env=self.env, stdout=subprocess.DEVNULL, stderr=open(self.log, "w"),  # noqa: SIM115
        )  # fmt: skip
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return self
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"php -S did not start: {self.log.read_text()}")

    def php(self, commands: list[dict], *, install: bool = False) -> list:
        """Run commands through WordPress' PHP API (tests/wordpress/seed.php)."""
        args = ["php", str(HERE / "seed.php"), self.host] + (["install"] if install else [])
        result = subprocess.run(
            args, input=json.dumps(commands), capture_output=True, text=True, env=self.env,
            timeout=300,
        )  # fmt: skip
        if result.returncode != 0:
            raise RuntimeError(f"seed.php failed: {result.stdout[-2000:]} {result.stderr[-2000:]}")
        match = re.search(r"\[.*\]\s*$", result.stdout, re.S)
        if not match:
            raise RuntimeError(f"seed.php said: {result.stdout[-2000:]}")
        return json.loads(match.group(0))

    def requests(self) -> list[str]:
        """Paths and queries of the requests served so far (router.php logs them)."""
        path = Path(self.env["WPD_ACCESS_LOG"])
        return path.read_text().splitlines() if path.exists() else []

    def forget_requests(self) -> None:
        Path(self.env["WPD_ACCESS_LOG"]).unlink(missing_ok=True)

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(timeout=10)
