"""The readers' site under test: `wp-digest serve` as a real subprocess, and a browser."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from helpers import need, write_config
from smtp_server import free_port

SECRET = "test-secret-0123456789abcdef"
CHROMIUM = "/usr/bin/chromium"


@dataclass
class Web:
    url: str  # ends with "/"
    cfg: Path
    proc: subprocess.Popen

    def get(self, path: str, **kw) -> tuple[int, dict, str]:
        return fetch(self.url + path.lstrip("/"), **kw)

    def stop(self) -> str:
        self.proc.terminate()
        try:
            out, _ = self.proc.communicate(timeout=15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            out, _ = self.proc.communicate()
        return out


def fetch(url: str, data: bytes | None = None, headers: dict | None = None):
    """(status, headers, body) of one request, with no cookies and no redirects followed
    (what a mail client's RFC 8058 POST looks like)."""
    request = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=20) as response:  # noqa: S310 - loopback
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read().decode()


def web_config(
    tmp_path: Path, site_url: str, smtp_port: int, port: int, extra: str = "", mail_extra: str = ""
) -> Path:
    """`extra` goes in [web] (and may open further tables), `mail_extra` in [mail]."""
    mail = (
        f'\n[mail]\nhost = "127.0.0.1"\nport = {smtp_port}\nsecurity = "none"\n'
        f'from = "UPSC Digest <digest@example.org>"\n{mail_extra}'
    )
    web = f'\n[web]\nbase_url = "http://127.0.0.1:{port}/"\n'
    return write_config(tmp_path, {"sample": site_url}, mail + web + extra)


def start(cfg: Path, port: int) -> Web:
    env = {**os.environ, "WP_DIGEST_SECRET": SECRET}
    cmd = [sys.executable, "-m", "digest", "--config", str(cfg), "serve", "--port", str(port)]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True)  # fmt: skip
    web = Web(f"http://127.0.0.1:{port}/", cfg, proc)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"serve exited: {proc.stdout.read() if proc.stdout else ''}")
        try:
            if web.get("healthz")[0] == 200:
                return web
        except OSError:
            time.sleep(0.1)
    web.stop()
    raise AssertionError("serve did not answer /healthz within 30 s")


def link_in(msg, path: str) -> str:
    """The first http(s) link to `path` (e.g. "confirm/") in a message's text."""
    body = msg.get_body(("plain",)).get_content()
    match = re.search(rf"https?://\S+/{path}\S+", body)
    assert match, body
    return match.group(0)


def browser_available() -> bool:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return False
    return Path(CHROMIUM).exists() or bool(shutil.which("chromium"))


def need_browser() -> None:
    need("Playwright with Debian's Chromium", browser_available(),
         "apt-get install chromium; pip install playwright")  # fmt: skip


__all__ = ["SECRET", "Web", "fetch", "free_port", "link_in", "need_browser", "start",
           "web_config"]  # fmt: skip
