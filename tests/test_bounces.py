"""Bounces and complaints (#32), fast: reports as Postfix, Exim, Gmail and Outlook write
them, an ARF complaint, a vacation reply and a malformed message (tests/bounces/), read from
a real Maildir by the real CLI. The IMAP mailbox and the whole path (a digest sent, its DSN
back, the next send skipping the reader) are in tests/test_bounce_imap.py."""

from __future__ import annotations

import mailbox
from pathlib import Path

import pytest
from helpers import run
from stores import new_store, outbox_config

from digest.mail import bounces
from digest.mail.message import verp, verp_ref
from digest.store import subscribers

FIXTURES = Path(__file__).parent / "bounces"
REF = "0123abcd4567ef89"


def fixture(name: str, ref: str = REF) -> bytes:
    return (FIXTURES / name).read_bytes().replace(b"{REF}", ref.encode())


@pytest.mark.parametrize(
    "name, kind, status, address",
    [
        ("postfix-hard.eml", "hard", "5.1.1", "gone@reader.example"),
        ("gmail-hard.eml", "hard", "5.1.1", "nobody.here@gmail.com"),
        ("outlook-soft.eml", "soft", "4.2.2", "full.box@outlook.com"),
        ("exim-hard.eml", "hard", "", "left.long.ago@reader.example"),  # not a DSN: flufl
        ("arf-complaint.eml", "complaint", "abuse", "annoyed@mailbox-provider.example"),
        ("vacation.eml", "ignored", "", None),
        ("malformed.eml", "unreadable", "", None),
    ],
)
def test_each_report_is_read_for_what_it_is(name, kind, status, address):
    report = bounces.read(fixture(name), "bounces@example.org")
    assert (report.kind, report.status, report.address) == (kind, status, address)
    if name not in ("exim-hard.eml", "malformed.eml"):  # those came back to a plain address
        assert report.ref == REF


def test_verp_addresses_name_the_reader_and_nothing_else():
    assert verp("bounces@example.org", REF) == f"bounces+{REF}@example.org"
    assert verp_ref(f"<Bounces+{REF}@Example.org>", "bounces@example.org") == REF.lower()
    for other in (f"bounces+{REF}@example.net", "bounces@example.org", f"other+{REF}@example.org",
                  "bounces+a/b@example.org"):  # fmt: skip
        assert verp_ref(other, "bounces@example.org") is None


def _setup(tmp_path, extra: str = ""):
    outbox_config(tmp_path)
    cfg = tmp_path / "wp-digest.toml"
    box = tmp_path / "Maildir"
    cfg.write_text(
        cfg.read_text().replace(
            '[mail]\n', f'[mail]\nbounce_address = "bounces@example.org"\nbounces = "Maildir"\n'
            f"soft_bounce_limit = 2\n{extra}",
        ),
        encoding="utf-8",
    )  # fmt: skip
    db = new_store(tmp_path)
    refs = {}
    for email in ("gone@reader.example", "full.box@outlook.com", "annoyed@mailbox-provider.example",
                  "away@reader.example", "left.long.ago@reader.example"):  # fmt: skip
        subscribers.put(db, email, "daily", [], "cli", "active")
        refs[email] = subscribers.get(db, email).ref
    db.close()
    return cfg, mailbox.Maildir(box, create=True), refs


def test_the_maildir_is_read_once_and_each_report_acts_on_its_reader(tmp_path):
    cfg, box, refs = _setup(tmp_path)
    box.add(fixture("postfix-hard.eml", refs["gone@reader.example"]))
    box.add(fixture("outlook-soft.eml", refs["full.box@outlook.com"]))
    box.add(fixture("arf-complaint.eml", refs["annoyed@mailbox-provider.example"]))
    box.add(fixture("vacation.eml", refs["away@reader.example"]))
    box.add(fixture("exim-hard.eml"))
    box.add(fixture("malformed.eml"))
    result = run(cfg, "bounces")
    assert result.exit_code == 0, result.output
    out = result.output
    assert "gone@reader.example: hard bounce (5.1.1): suspended" in out
    assert "full.box@outlook.com: soft bounce (4.2.2): soft bounce 1 of 2 in 7 days" in out
    assert "annoyed@mailbox-provider.example: complaint (abuse): unsubscribed" in out
    assert "left.long.ago@reader.example: hard bounce: suspended" in out  # by its address
    assert "away@reader.example" not in out  # a vacation reply is not a bounce
    assert "unreadable message kept" in out
    # Moved, never deleted: the inbox is empty, every message is in .Processed.
    assert len(box) == 0 and len(box.get_folder("Processed")) == 6
    listed = run(cfg, "subscribers", "list").output
    assert "gone@reader.example  suspended" in listed and "last hard 5.1.1 2026-" in listed
    assert "annoyed@mailbox-provider.example  unsubscribed" in listed
    assert "away@reader.example  active" in listed and "full.box@outlook.com  active" in listed
    assert run(cfg, "bounces").output.strip() == "no new bounces"
    # A second soft bounce within the window suspends; the same report again counts once.
    box.add(fixture("outlook-soft.eml", refs["full.box@outlook.com"]))
    assert "no new bounces" in run(cfg, "bounces").output
    second = fixture("outlook-soft.eml", refs["full.box@outlook.com"]).replace(
        b"Message-ID: <9f2a", b"Message-ID: <second-9f2a"
    )
    box.add(second)
    assert "suspended (2 soft bounces in 7 days)" in run(cfg, "bounces").output
    status = run(cfg, "status").output
    assert "in the last 7 days: 2 hard bounces, 2 soft bounces, 1 complaint" in status


def test_reactivate_brings_back_a_suspended_address_only(tmp_path):
    cfg, box, refs = _setup(tmp_path)
    box.add(fixture("postfix-hard.eml", refs["gone@reader.example"]))
    box.add(fixture("arf-complaint.eml", refs["annoyed@mailbox-provider.example"]))
    assert run(cfg, "bounces").exit_code == 0
    result = run(cfg, "subscribers", "reactivate", "gone@reader.example")
    assert result.exit_code == 0 and "gone@reader.example: active again" in result.output
    refused = run(cfg, "subscribers", "reactivate", "annoyed@mailbox-provider.example")
    assert refused.exit_code == 2 and "is unsubscribed, not suspended" in refused.output
    assert run(cfg, "subscribers", "reactivate", "nobody@example.org").exit_code == 2


def test_mailbox_and_config_errors_are_one_line(tmp_path):
    cfg, _, _ = _setup(tmp_path)
    cfg.write_text(cfg.read_text().replace('bounces = "Maildir"', 'bounces = "nowhere"'))
    result = run(cfg, "bounces")
    assert result.exit_code == 1 and "not a Maildir" in result.output
    for value, says in [('"pop3://u@h/"', "only imaps://"), ('"imaps://host/INBOX"', "USER@HOST")]:
        cfg.write_text(cfg.read_text().replace('bounces = "nowhere"', f"bounces = {value}"))
        bad = run(cfg, "bounces")
        assert bad.exit_code == 2 and says in bad.output, bad.output
        cfg.write_text(cfg.read_text().replace(f"bounces = {value}", 'bounces = "nowhere"'))
    cfg.write_text(cfg.read_text().replace('"bounces@example.org"', '"b+x@example.org"'))
    assert "without +tag" in run(cfg, "bounces").output
