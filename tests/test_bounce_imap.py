"""The whole bounce path (#32) with real parts: digests sent through aiosmtpd carry each
reader's VERP envelope sender; a DSN and a complaint land in a real IMAP mailbox (dovecot,
started here with its own config); the next `tick` reads them before it sends, suspends one
reader, unsubscribes the other, and mails neither; the reports stay in the mailbox, marked."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import open_state, run, write_config
from imap_server import PASSWORD, Dovecot

from digest.store import subscribers

FIXTURES = Path(__file__).parent / "bounces"
A, B, C = "gone@reader.example", "annoyed@mailbox-provider.example", "fine@reader.example"


@pytest.fixture
def imap():
    server = Dovecot()
    yield server
    server.stop()


def test_a_bounce_in_the_imap_mailbox_suspends_its_reader_before_the_next_send(
    tmp_path, site, smtp, imap, monkeypatch
):
    monkeypatch.setenv("WP_DIGEST_BOUNCES_PASSWORD", PASSWORD)
    readers = "".join(f'\n[[subscriber]]\nemail = "{e}"\n' for e in (A, B, C))
    cfg = write_config(
        tmp_path,
        {"sample": site.url},
        f'\n[mail]\nhost = "127.0.0.1"\nport = {smtp.port}\nsecurity = "none"\n'
        f'from = "UPSC Digest <digest@example.org>"\nbounce_address = "bounces@example.org"\n'
        f'bounces = "{imap.url}"\nca_file = "{imap.ca_file}"\n{readers}',
    )
    monkeypatch.setenv("WP_DIGEST_NOW", "2026-04-16T07:05:00+05:30")
    assert run(cfg, "crawl").exit_code == 0
    assert run(cfg, "tick").exit_code == 0  # the morning's digests: the mailbox is empty
    db = open_state(cfg)
    refs = {e: subscribers.get(db, e).ref for e in (A, B, C)}
    sent = {m["X-Envelope-To"]: m["X-Envelope-From"] for m in smtp.messages}
    assert sent == {e: f"bounces+{refs[e]}@example.org" for e in (A, B, C)}  # VERP
    assert all(m["From"] == "UPSC Digest <digest@example.org>" for m in smtp.messages)
    # A's server bounces the digest; B's provider forwards a complaint; C is on holiday.
    imap.deliver((FIXTURES / "postfix-hard.eml").read_bytes()
                 .replace(b"{REF}", refs[A].encode()).replace(b"\n", b"\r\n"))  # fmt: skip
    imap.deliver((FIXTURES / "arf-complaint.eml").read_bytes()
                 .replace(b"{REF}", refs[B].encode()).replace(b"\n", b"\r\n"))  # fmt: skip
    imap.deliver((FIXTURES / "vacation.eml").read_bytes()
                 .replace(b"{REF}", refs[C].encode()).replace(b"\n", b"\r\n"))  # fmt: skip
    before = len(smtp.messages)
    monkeypatch.setenv("WP_DIGEST_NOW", "2026-04-17T07:05:00+05:30")
    result = run(cfg, "tick")
    assert result.exit_code == 0, result.output
    db = open_state(cfg)
    assert subscribers.get(db, A).status == "suspended"
    assert subscribers.get(db, B).status == "unsubscribed"
    assert subscribers.get(db, C).status == "active"
    assert [m["X-Envelope-To"] for m in smtp.messages[before:]] == [C]  # only C is mailed
    # Read once, kept: three messages in the mailbox, all marked, none left to read.
    assert len(imap.search("ALL")) == 3 and imap.search("UNKEYWORD", "WpDigestDone") == []
    assert run(cfg, "bounces").output.strip() == "no new bounces"
    status = run(cfg, "status").output
    assert "in the last 7 days: 1 hard bounce, 1 complaint" in status
    checked = run(cfg, "check").output
    assert f"ok    bounce mailbox: 127.0.0.1:{imap.port}: logged in, 0 message(s)" in checked
    assert "Traceback" not in imap.log()


def test_imap_errors_are_one_line_and_the_password_never_shows(tmp_path, imap, monkeypatch):
    monkeypatch.setenv("WP_DIGEST_BOUNCES_PASSWORD", "not-the-password")
    cfg = write_config(
        tmp_path, {}, f'\n[mail]\nbounce_address = "bounces@example.org"\n'
        f'bounces = "{imap.url}"\nca_file = "{imap.ca_file}"\n',
    )  # fmt: skip
    result = run(cfg, "bounces")
    assert result.exit_code == 1 and "bounce mailbox 127.0.0.1:" in result.output
    assert "not-the-password" not in result.output
    monkeypatch.delenv("WP_DIGEST_BOUNCES_PASSWORD")
    missing = run(cfg, "bounces")
    assert missing.exit_code == 2 and "WP_DIGEST_BOUNCES_PASSWORD" in missing.output
    # TLS stays verified: without the server's CA the mailbox is refused.
    monkeypatch.setenv("WP_DIGEST_BOUNCES_PASSWORD", PASSWORD)
    cfg.write_text(cfg.read_text().replace(f'ca_file = "{imap.ca_file}"\n', ""))
    unverified = run(cfg, "bounces")
    assert unverified.exit_code == 1 and "CERTIFICATE_VERIFY_FAILED" in unverified.output
