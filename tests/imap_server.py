"""A real IMAP server (Debian's dovecot-imapd) on 127.0.0.1 for the bounce mailbox tests:
its own config, folders and TLS certificate in a temporary folder; nothing in /etc."""

from __future__ import annotations

import getpass
import imaplib
import os
import shutil
import socket
import ssl
import subprocess
import tempfile
import time
from pathlib import Path

from helpers import need
from smtp_server import free_port, make_ca

USER, PASSWORD = "bounces", "imap-s3cret-pw"

CONFIG = """\
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = required
ssl_cert = <{root}/server.pem
ssl_key = <{root}/server.key
mail_location = maildir:{root}/mail/%u
first_valid_uid = 1
default_internal_user = {internal}
default_login_user = {login}
auth_mechanisms = plain
passdb {{
  driver = static
  args = password={password}
}}
userdb {{
  driver = static
  args = uid={owner} gid={group} home={root}/mail/%u
}}
service imap-login {{
  inet_listener imap {{
    port = 0
  }}
  inet_listener imaps {{
    port = {port}
    ssl = yes
  }}
}}
"""


class Dovecot:
    """dovecot -F with a config of its own; `ca_file` verifies its certificate."""

    def __init__(self) -> None:
        binary = shutil.which("dovecot") or "/usr/sbin/dovecot"
        need("dovecot", os.path.exists(binary), "apt-get install dovecot-imapd")
        # Not under pytest's tmp_path (mode 700): dovecot's own users must reach it.
        self.root = Path(tempfile.mkdtemp(prefix="wp-digest-imap-"))
        self.root.chmod(0o755)
        self.ca_file, _ = make_ca(self.root)
        for name in ("run", "state", "mail"):
            (self.root / name).mkdir()
        self.port = free_port()
        if os.geteuid() == 0:
            internal, login, owner = "dovecot", "dovenull", "dovecot"
            shutil.chown(self.root / "mail", "dovecot", "dovecot")
        else:
            internal = login = owner = getpass.getuser()
        conf = self.root / "dovecot.conf"
        conf.write_text(CONFIG.format(root=self.root, internal=internal, login=login,
                                      owner=owner, group=owner, port=self.port,
                                      password=PASSWORD))  # fmt: skip
        self.proc = subprocess.Popen([binary, "-F", "-c", str(conf)], stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL)  # fmt: skip
        deadline = time.monotonic() + 20
        while True:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                break
            except OSError:
                if self.proc.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError(f"dovecot did not start: {self.log()}") from None
                time.sleep(0.1)

    @property
    def url(self) -> str:
        return f"imaps://{USER}@127.0.0.1:{self.port}/INBOX"

    def client(self) -> imaplib.IMAP4_SSL:
        context = ssl.create_default_context(cafile=str(self.ca_file))
        conn = imaplib.IMAP4_SSL("127.0.0.1", self.port, ssl_context=context)
        conn.login(USER, PASSWORD)
        conn.select("INBOX")
        return conn

    def deliver(self, raw: bytes) -> None:
        """Put a message in the inbox, as the mail server that received a bounce would."""
        conn = self.client()
        conn.append("INBOX", None, None, raw)
        conn.logout()

    def search(self, *criteria: str) -> list[bytes]:
        conn = self.client()
        _, found = conn.uid("SEARCH", *criteria)
        conn.logout()
        return (found[0] or b"").split()

    def log(self) -> str:
        path = self.root / "dovecot.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        shutil.rmtree(self.root, ignore_errors=True)
