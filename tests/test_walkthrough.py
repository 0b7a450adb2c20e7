"""The README's "Set it up for real", run as written (#30): in a fresh virtual environment
with wp-digest installed from a wheel, against the sample site on loopback and a real SMTP
server (aiosmtpd) with STARTTLS and login. Only what cannot be real here is replaced: the
site's URL, the mail server's host and port, and the private CA that signs its certificate."""

from __future__ import annotations

import json
import os
import re
import shlex
import signal
import subprocess
import threading
import time
import tomllib
from pathlib import Path

import pytest
from helpers import fresh_venv
from smtp_server import SmtpServer, make_ca

from digest.sample.site import WordPressServer, load_sample

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
PASSWORD = "the password"  # what the README's export line sets


def block(name: str) -> str:
    match = re.search(rf"<!-- {name}:start -->\n```\w+\n(.*?)```\n<!-- {name}:end -->", README,
                      re.S)  # fmt: skip
    assert match, f"README has no {name} block"
    return match.group(1)


def edit(starter: str, wanted: dict) -> str:
    """Apply the README's settings to the starter as a person would in an editor: in each
    table, set the key's line (uncommenting it where the starter has it commented out)."""
    lines = starter.splitlines()
    for table, values in wanted.items():
        values = values[0] if isinstance(values, list) else values
        start = lines.index(f"[[{table}]]" if f"[[{table}]]" in starter else f"[{table}]")
        end = start + 1
        while end < len(lines) and not lines[end].startswith(("[", "# [")):
            end += 1
        for key, value in values.items():
            new = f"{key} = {json.dumps(value)}"  # strings, numbers, lists: valid TOML
            pattern = re.compile(rf"#?\s*{re.escape(key)}\s*=")
            at = next((i for i in range(start, end) if pattern.match(lines[i])), None)
            if at is None:
                lines.insert(end, new)
                end += 1
            else:
                lines[at] = new
    return "\n".join(lines) + "\n"


@pytest.mark.slow
def test_the_readme_walkthrough_runs_as_written(tmp_path):
    bin_dir = fresh_venv(tmp_path)
    home = tmp_path / "home"
    home.mkdir()
    ca_file, context = make_ca(tmp_path)
    wanted = tomllib.loads(block("walkthrough-config"))
    reader = wanted["subscriber"][0]["email"]
    smtp = SmtpServer(tls=context, users={wanted["mail"]["username"]: PASSWORD}).start()
    posts, categories = load_sample()
    env = {k: v for k, v in os.environ.items() if not k.startswith("WP_DIGEST")}
    env["WP_DIGEST_NOW"] = "2026-04-23T08:00:00+05:30"  # the morning after the sample's days
    log = ""
    with WordPressServer(posts, prefix="/ca/", categories=categories) as site:
        outputs: dict[str, subprocess.CompletedProcess] = {}
        daemon = None
        try:

            def wp(line: str) -> subprocess.CompletedProcess:
                args = shlex.split(line, comments=True)
                return subprocess.run([bin_dir / args[0], *args[1:]], cwd=home, env=env,
                                      capture_output=True, text=True, timeout=300)  # fmt: skip

            # 1. init
            assert wp("wp-digest init").returncode == 0
            cfg = home / "wp-digest.toml"
            # 2. the edits, with this machine's site and mail server
            wanted["source"][0]["url"] = site.url
            wanted["mail"] |= {"host": "127.0.0.1", "port": smtp.port, "ca_file": str(ca_file)}
            cfg.write_text(edit(cfg.read_text(encoding="utf-8"), wanted), encoding="utf-8")
            # 3. the commands, in order
            for line in block("walkthrough").splitlines():
                command = shlex.split(line, comments=True)
                if command[0] == "export":
                    key, value = command[1].split("=", 1)
                    assert value == PASSWORD
                    env[key] = value
                elif command[1:] == ["run"]:
                    daemon = subprocess.Popen([bin_dir / "wp-digest", "run"], cwd=home, env=env,
                                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                              text=True)  # fmt: skip
                else:
                    result = wp(line)
                    assert result.returncode == 0, (line, result.stdout, result.stderr)
                    outputs[" ".join(command[1:])] = result
            assert daemon is not None
            lines: list[str] = []
            reader_thread = threading.Thread(target=lambda: lines.extend(daemon.stdout),
                                             daemon=True)  # fmt: skip
            reader_thread.start()
            deadline = time.monotonic() + 60
            while not any("daemon started" in line for line in lines):
                assert daemon.poll() is None and time.monotonic() < deadline, lines
                time.sleep(0.1)
            daemon.send_signal(signal.SIGINT)  # Ctrl-C, as the README says
            daemon.wait(timeout=60)
            reader_thread.join(timeout=10)
            log = "".join(lines)
            assert daemon.returncode == 0 and "daemon stopped" in log, log
        finally:
            if daemon and daemon.poll() is None:
                daemon.kill()
            smtp.stop()
    check = outputs["check"].stdout
    assert "FAIL" not in check and "STARTTLS, logged in as digest@example.org" in check
    assert "nextias posts" in check
    assert "nextias: 26 new" in outputs["crawl"].stdout
    assert reader in outputs["send --dry-run"].stdout
    [preview] = [m for m in smtp.messages if m["X-Envelope-To"] == reader]  # from send --to
    assert "22 Apr 2026" in str(preview["Subject"])
    assert "a new subscriber: digests start with" in outputs["send"].stdout
    assert "Traceback" not in log
