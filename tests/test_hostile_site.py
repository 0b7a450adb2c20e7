"""Hostile input against the readers' site and readers' links (issue #26): `wp-digest serve`
as a real process, real SMTP servers (one that hangs), raw sockets for slow clients."""

from __future__ import annotations

import re
import socket
import threading
import time
import urllib.parse
from datetime import timedelta

import pytest
from helpers import make_post, open_state, pin_clock, run
from webtools import SECRET, free_port, link_in, start, web_config

from digest import clock, tokens
from digest.store import signups, subscribers

pytestmark = pytest.mark.slow
FORM = {"Content-Type": "application/x-www-form-urlencoded"}
CSRF = "c" * 43


def post_form(web, path: str, fields: dict, headers: dict | None = None):
    body = urllib.parse.urlencode({**fields, "csrf": CSRF}).encode()
    cookie = {"Cookie": f"wpd_csrf={CSRF}", **FORM, **(headers or {})}
    return web.get(path, data=body, headers=cookie)


@pytest.fixture(autouse=True)
def secret(monkeypatch):
    monkeypatch.setenv("WP_DIGEST_SECRET", SECRET)


# 2. Readers' links only where the template puts them --------------------------------------


def test_a_post_quoting_the_link_placeholder_receives_no_readers_link(
    tmp_path, site, smtp, monkeypatch
):
    """Each reader's manage URL used to replace a fixed placeholder across the whole body:
    a post that quoted it (an image!) sent every reader's own link to its server."""
    bait = "https://reader.invalid/manage"
    post = make_post(90001, "2026-04-21T06:30:00", "Bait")
    post["content"] = {"rendered": f'<p>Syllabus: GS2/Polity</p><p><img src="{bait}"> '
                                   f'<a href="{bait}">click</a> {bait}</p>'}  # fmt: skip
    site.put(post)
    cfg = web_config(tmp_path, site.url, smtp.port, free_port())
    cfg.write_text(
        cfg.read_text() + '\n[digest]\ncontent = "full"\nimages = true\n'
        '\n[[subscriber]]\nemail = "a@example.org"\n\n[[subscriber]]\nemail = "b@example.org"\n'
    )
    assert run(cfg, "crawl").exit_code == 0
    pin_clock(monkeypatch, "2026-04-22T07:05:00+05:30")
    assert run(cfg, "send").exit_code == 0
    db = open_state(cfg)
    refs = {r.email: r.ref for r in subscribers.listed(db)}
    assert len(smtp.messages) == 2
    for msg in smtp.messages:
        for part in ("plain", "html"):
            body = msg.get_body((part,)).get_content()
            [token] = re.findall(r"/manage/([\w.-]+)", body)  # the footer's, and no other
            assert tokens.read(SECRET, "manage", token) == refs[msg["To"]]  # their own
            assert body.count(bait) >= 1  # the post's own text stays as it was, inert


# 6. Sign-ups cannot bomb a mailbox ---------------------------------------------------------


@pytest.mark.parametrize(
    "web", ["\nmails_per_day = 2\nsignups_per_hour = 100\nconfirmations_per_hour = 6\n"],
    indirect=True,
)  # fmt: skip
def test_sign_up_limits_per_mailbox_per_network_and_in_all(web):
    for n in range(5):  # +tags and capitals reach one mailbox
        assert post_form(web, "subscribe", {"email": f"Victim+{n}@Example.org"})[0] == 200
    queued = open_state(web.cfg).execute("SELECT email FROM mail_queue").fetchall()
    assert len(queued) == 2
    for n in range(10):  # the site's own hourly cap, whoever asks
        post_form(web, "subscribe", {"email": f"reader{n}@example.org"})
    assert open_state(web.cfg).execute("SELECT count(*) FROM mail_queue").fetchone()[0] == 6


def test_clients_are_counted_by_address_and_ipv6_by_its_64():
    from starlette.requests import Request

    from digest.web import guard

    def client(host: str) -> str:
        return guard.client(Request({"type": "http", "client": (host, 1), "headers": []}))

    assert client("2001:db8:1:2:3::1") == client("2001:db8:1:2:ffff::9") == "2001:db8:1:2::/64"
    assert client("2001:db8:1:3::1") != client("2001:db8:1:2::1")
    assert client("192.0.2.7") == "192.0.2.7" == client("::ffff:192.0.2.7")
    assert client("evil, 1.2.3.4") == client("") == "invalid"
    assert guard.mailbox("Victim+bomb@Example.ORG") == "victim@example.org"


@pytest.mark.parametrize("web", ['\ntrusted_proxies = ["192.0.2.1"]\n'], indirect=True)
def test_x_forwarded_for_counts_only_from_trusted_proxies(web):
    """Loopback is not a trusted proxy here: its X-Forwarded-For is ignored, so a client
    cannot dodge the per-client limit by sending a new header each time."""
    for n in range(7):
        spoof = {"X-Forwarded-For": f"198.51.100.{n}"}
        status = post_form(web, "subscribe", {"email": f"r{n}@example.org"}, spoof)[0]
    assert status == 429  # the default 5 an hour, all counted against 127.0.0.1


# 7, 13, 20. Digest pages, errors, the future --------------------------------------------


def test_digest_pages_exist_only_for_stored_periods_and_the_cache_is_bounded(tmp_path, site):
    from digest import config
    from digest.web import pages as pages_module

    site.put(make_post(90009, "2099-01-01T06:30:00", "From the future"))
    cfg_path = web_config(tmp_path, site.url, 25, free_port())
    assert run(cfg_path, "crawl").exit_code == 0
    cfg = config.load(cfg_path)
    pages = pages_module.Pages(cfg, SECRET)
    assert pages.digest("daily-2026-04-15") is not None
    for label in ("daily-1999-01-01", "daily-0001-01-01", "daily-9999-12-31", "weekly-9999-W52",
                  "monthly-9999-12", "daily-2099-01-01", "daily-2026-4-15"):  # fmt: skip
        assert pages.digest(label) is None, label
    for day in range(1, 32):  # more distinct pages than the cache holds
        pages.digest(f"daily-2026-03-{day:02d}")
    for day in range(1, 30):
        pages.digest(f"daily-2026-04-{day:02d}")
    assert len(pages._cache) <= pages_module.CACHE_ENTRIES
    labels = [e["label"] for e in pages.archive_entries()]
    assert labels and not [x for x in labels if "2099" in x]
    assert "2099" not in pages.feed()


def test_errors_that_were_500s(web):
    status, _, body = web.get("digest/daily-9999-12-31")
    assert status == 404 and "Traceback" not in body
    body = urllib.parse.urlencode({"email": "x@example.org", "csrf": "é" * 43}).encode()
    status, _, _ = web.get("subscribe", data=body, headers={**FORM, "Cookie": f"wpd_csrf={CSRF}"})
    assert status == 403


# 15. Redirects from base_url, not from the Host header -----------------------------------


def test_trailing_slash_redirects_never_take_the_host_header(web):
    with socket.create_connection(("127.0.0.1", int(web.url.rsplit(":", 1)[1].strip("/")))) as s:
        s.sendall(b"GET /search/ HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n")
        answer = b""
        while chunk := s.recv(4096):
            answer += chunk
    head = answer.split(b"\r\n\r\n")[0].decode()
    assert head.split()[1] in ("307", "308"), head
    assert f"location: {web.url}search" in head.lower() and "evil" not in head.lower()
    assert web.get("no/such/page/")[0] == 404


# 8. A hung mail server does not slow a page -------------------------------------------------


class HungSmtp:
    """Accepts connections and never says a word."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(100)
        self.port = self.sock.getsockname()[1]
        self.conns: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.conns.append(conn)

    def close(self) -> None:
        self.sock.close()
        for conn in self.conns:
            conn.close()


def test_a_hung_mail_server_never_slows_a_page(tmp_path, site, smtp):
    hung = HungSmtp()
    port = free_port()
    cfg = web_config(tmp_path, site.url, hung.port, port, "\nsignups_per_hour = 1000\n",
                     mail_extra="timeout = 30\n")  # fmt: skip
    assert run(cfg, "crawl").exit_code == 0
    web = start(cfg, port)
    try:
        answers: list[int] = []

        def sign_up(n: int) -> None:
            answers.append(post_form(web, "subscribe", {"email": f"r{n}@example.org"})[0])

        threads = [threading.Thread(target=sign_up, args=(n,)) for n in range(45)]
        started = time.monotonic()
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=60)
        took = time.monotonic() - started
        assert answers == [200] * 45
        assert web.get("healthz")[0] == 200
        # Generous: the mail timeout is 30 s, and a request that waited for it took that long.
        assert took < 20, took
        count = open_state(cfg).execute("SELECT count(*) FROM mail_queue WHERE status = "
                                        "'pending'").fetchone()[0]  # fmt: skip
        assert count == 45  # nothing lost: they go out when the server answers
    finally:
        web.stop()
        hung.close()


# 12. Confirmation links work once ---------------------------------------------------------


def test_a_confirmation_link_works_once(web, smtp):
    reader = "once@example.org"
    assert post_form(web, "subscribe", {"email": reader})[0] == 200
    confirm = link_in(smtp.wait_for(1)[-1], "confirm/").removeprefix(web.url)
    assert post_form(web, confirm, {})[0] == 200
    assert subscribers.get(open_state(web.cfg), reader).status == "active"
    status, _, body = post_form(web, confirm, {})  # again: nothing changes, it says so
    assert status == 200 and "Already confirmed" in body and "manage/" in body
    ref = subscribers.get(open_state(web.cfg), reader).ref
    one_click = "unsubscribe/" + tokens.make(SECRET, "unsubscribe", ref)
    assert web.get(one_click, data=b"List-Unsubscribe=One-Click", headers=FORM)[0] == 200
    status, _, body = post_form(web, confirm, {})  # replayed after leaving
    assert status == 400 and "used already" in body
    assert subscribers.get(open_state(web.cfg), reader).status == "unsubscribed"
    # A new sign-up gets a new link; the old one still does nothing.
    assert post_form(web, "subscribe", {"email": reader})[0] == 200
    assert post_form(web, confirm, {})[0] == 400
    fresh = link_in(smtp.wait_for(2)[-1], "confirm/").removeprefix(web.url)
    assert fresh != confirm and post_form(web, fresh, {})[0] == 200


# 14. Slow clients ---------------------------------------------------------------------------


def test_clients_trickling_headers_are_disconnected(web):
    from digest.web.server import HEADER_SECONDS

    port = int(web.url.rsplit(":", 1)[1].strip("/"))
    socks = []
    for _ in range(50):
        s = socket.create_connection(("127.0.0.1", port))
        s.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n")  # and never the end of the headers
        s.settimeout(HEADER_SECONDS + 10)
        socks.append(s)
    time.sleep(1)
    s = socks[0]
    s.sendall(b"X-Trickle: 1\r\n")  # bytes keep coming, slowly
    closed = 0
    deadline = time.monotonic() + HEADER_SECONDS + 10
    for s in socks:
        try:
            s.settimeout(max(0.1, deadline - time.monotonic()))
            closed += s.recv(100) == b""
        except OSError:
            pass
        finally:
            s.close()
    assert closed == 50
    assert web.get("healthz")[0] == 200


def test_pending_sign_ups_expire_in_the_site_sweep(tmp_path):
    """The site's sender also sweeps: sign-ups never confirmed and old rate events go."""
    from digest import config, store
    from digest.mail import links
    from digest.web.mailer import PENDING_FOR, Mailer

    cfg_path = web_config(tmp_path, "https://example.org/", 25, free_port())
    cfg = config.load(cfg_path)
    with store.session(cfg.database) as db:
        old = clock.now() - PENDING_FOR - timedelta(hours=1)
        signups.request(db, "stale@example.org", "daily", [], old)
        db.execute("UPDATE mail_queue SET status = 'sent'")
        db.conn.commit()
    mailer = Mailer(cfg, links.Links(cfg.web.base_url, SECRET))
    assert mailer.once() == 0
    assert subscribers.get(open_state(cfg_path), "stale@example.org") is None


def test_serve_on_a_busy_port_says_so_in_one_line(tmp_path, site, smtp):
    import subprocess
    import sys

    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen(1)
    port = taken.getsockname()[1]
    cfg = web_config(tmp_path, site.url, smtp.port, port)
    try:
        result = subprocess.run(
            [sys.executable, "-m", "digest", "--config", str(cfg), "serve", "--port", str(port)],
            env={**__import__("os").environ, "WP_DIGEST_SECRET": SECRET},
            capture_output=True, text=True, timeout=60,
        )  # fmt: skip
    finally:
        taken.close()
    assert result.returncode == 1
    assert result.stderr.strip() == f"error: address in use: 127.0.0.1:{port}"


def test_ctrl_c_ends_a_command_with_130_and_loses_nothing(tmp_path, site, monkeypatch):
    """A send stuck on a mail server that never answers, interrupted: exit 130, and the
    digest stays pending with its Message-ID (sent on the next run), never marked sent."""
    import signal
    import subprocess
    import sys
    from pathlib import Path

    hung = HungSmtp()
    cfg = web_config(tmp_path, site.url, hung.port, free_port(),
                     '\n[[subscriber]]\nemail = "r@example.org"\n',
                     mail_extra="timeout = 60\n")  # fmt: skip
    assert run(cfg, "crawl").exit_code == 0
    script = Path(sys.executable).with_name("wp-digest")
    env = {**__import__("os").environ, "WP_DIGEST_SECRET": SECRET,
           "WP_DIGEST_NOW": "2026-04-22T08:00:00+05:30"}  # fmt: skip
    try:
        pipe = subprocess.PIPE
        proc = subprocess.Popen([script, "--config", str(cfg), "send"], env=env, stdout=pipe,
                                stderr=pipe, text=True)  # fmt: skip
        deadline = time.monotonic() + 30
        while not hung.conns and time.monotonic() < deadline:
            time.sleep(0.1)
        time.sleep(0.5)
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=30)
    finally:
        hung.close()
    assert proc.returncode == 130, err
    assert "Traceback" not in err and err.strip().endswith("interrupted")
    statuses = [r[0] for r in open_state(cfg).execute("SELECT status FROM deliveries")]
    assert statuses in ([], ["pending"])  # never "sent"
