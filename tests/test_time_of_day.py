"""The suite does not depend on the hour it runs, and sends are right at every hour.

A test that read the real clock once made the suite red from 00:00 to 07:00 IST every day
(yesterday's daily digest is not due before the 07:00 send). Here:
- no test reads the wall clock except where it says why (the scan below);
- `send` and `tick` are run under pinned clocks just before and after midnight and the
  07:00 send time in IST, and across both DST changes of a zone that has them.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from helpers import make_post, open_state, pin_clock, run, write_config

from digest.sample.site import WordPressServer

TESTS = Path(__file__).parent
WALL_CLOCK = re.compile(r"\b(?:datetime\.now|datetime\.utcnow|date\.today|time\.time)\(")
# Where a test reads the real clock on purpose, and why.
ALLOWED = {
    "test_daemon.py": "the daemon's scheduler runs on the real clock; the test picks the zone",
    "test_web.py": "the age of a signed token (itsdangerous reads the real clock)",
    "smtp_server.py": "the validity window of the test server's TLS certificate",
}


@pytest.mark.parametrize("path", sorted(TESTS.glob("*.py")), ids=lambda p: p.name)
def test_no_test_reads_the_wall_clock_without_saying_why(path):
    if path.name == Path(__file__).name:
        return
    uses = [
        f"{path.name}:{n}: {line.strip()}"
        for n, line in enumerate(path.read_text().splitlines(), 1)
        if WALL_CLOCK.search(line)
    ]
    if path.name in ALLOWED:
        return
    assert uses == [], "pin the clock (helpers.pin_clock or MovingClock) instead:\n" + "\n".join(
        uses
    )


def noon_posts(stamps: dict[int, str]) -> list[dict]:
    return [make_post(pid, stamp, f"Post {pid} of the day") for pid, stamp in stamps.items()]


def sent(cfg, smtp) -> list[tuple[str, set[int]]]:
    """(label, post IDs) of every digest the reader was sent, oldest first."""
    db = open_state(cfg)
    rows = db.execute(
        "SELECT d.id, d.label FROM deliveries d WHERE d.status = 'sent' ORDER BY d.id"
    ).fetchall()
    out = []
    for delivery_id, label in rows:
        ids = {
            r[0]
            for r in db.execute(
                "SELECT post_id FROM delivery_items WHERE delivery_id = ?", [delivery_id]
            )
        }
        out.append((label, ids))
    assert len(smtp.messages) == len(out)  # the ledger says sent exactly what the server got
    return out


def setup(tmp_path, site, smtp, monkeypatch, zone: str, daily: str, joined: str):
    extra = (
        f'\n[mail]\nhost = "127.0.0.1"\nport = {smtp.port}\nsecurity = "none"\n'
        f'from = "d@example.org"\n\n[schedule]\ndaily = "{daily}"\n'
        '\n[[subscriber]]\nemail = "a@example.org"\n'
    )
    cfg = write_config(tmp_path, {"wp": site.url}, extra)
    cfg.write_text(cfg.read_text().replace("Asia/Kolkata", zone))
    pin_clock(monkeypatch, joined)  # the reader is met, then the posts are crawled
    assert run(cfg, "send").exit_code == 0
    assert run(cfg, "crawl").exit_code == 0
    return cfg


IST_POSTS = {
    15: "2026-04-15T06:30:00",  # 12:00 IST on the 15th
    16: "2026-04-16T06:30:00",  # 12:00 IST on the 16th
    17: "2026-04-16T18:28:00",  # 23:58 IST on the 16th
}


@pytest.mark.slow
@pytest.mark.parametrize(
    ("now", "expected"),
    [
        ("2026-04-16T23:59:00+05:30", [("daily-2026-04-15", {15})]),
        ("2026-04-17T00:01:00+05:30", [("daily-2026-04-15", {15})]),
        ("2026-04-17T06:59:00+05:30", [("daily-2026-04-15", {15})]),
        ("2026-04-17T07:01:00+05:30", [("daily-2026-04-16", {15, 16, 17})]),
    ],
    ids=["23:59", "00:01", "06:59", "07:01"],
)
def test_send_and_tick_around_midnight_and_the_send_time_in_ist(
    tmp_path, smtp, monkeypatch, now, expected
):
    with WordPressServer(noon_posts(IST_POSTS)) as site:
        cfg = setup(tmp_path, site, smtp, monkeypatch, "Asia/Kolkata", "07:00",
                    "2026-04-13T08:00:00+05:30")  # fmt: skip
        pin_clock(monkeypatch, now)
        assert run(cfg, "send").exit_code == 0
        assert sent(cfg, smtp) == expected
        assert run(cfg, "tick").exit_code == 0  # cron a minute later: nothing twice
        assert sent(cfg, smtp) == expected
        pin_clock(monkeypatch, "2026-04-17T07:05:00+05:30")  # the morning's send
        assert run(cfg, "send").exit_code == 0
        got = sent(cfg, smtp)
        assert got[-1][0] == "daily-2026-04-16"
        assert set().union(*(ids for _, ids in got)) == {15, 16, 17}  # each post once
        assert sum(len(ids) for _, ids in got) == 3


@pytest.mark.slow
def test_the_spring_forward_gap_sends_once_an_hour_later(tmp_path, smtp, monkeypatch):
    """New York, 8 March 2026: 02:00 EST jumps to 03:00 EDT, so a 02:30 send time does not
    exist that day. It goes out once, at 02:30 by the clock before the change (03:30 EDT)."""
    posts = {6: "2026-03-06T17:00:00", 7: "2026-03-07T17:00:00", 8: "2026-03-08T16:00:00"}
    with WordPressServer(noon_posts(posts)) as site:
        cfg = setup(tmp_path, site, smtp, monkeypatch, "America/New_York", "02:30",
                    "2026-03-05T08:00:00-05:00")  # fmt: skip
        steps = [
            ("2026-03-08T01:59:00-05:00", [("daily-2026-03-06", {6})]),
            ("2026-03-08T03:01:00-04:00", [("daily-2026-03-06", {6})]),
            ("2026-03-08T03:31:00-04:00", [("daily-2026-03-06", {6}), ("daily-2026-03-07", {7})]),
            ("2026-03-09T02:31:00-04:00", [("daily-2026-03-06", {6}), ("daily-2026-03-07", {7}),
                                           ("daily-2026-03-08", {8})]),
        ]  # fmt: skip
        for now, expected in steps:
            pin_clock(monkeypatch, now)
            assert run(cfg, "tick").exit_code == 0
            assert sent(cfg, smtp) == expected, now


@pytest.mark.slow
def test_the_repeated_hour_of_fall_back_sends_once(tmp_path, smtp, monkeypatch):
    """New York, 1 November 2026: 01:00-02:00 happens twice (EDT, then EST). A 01:30 send goes
    out on the first pass only, and the 25-hour day's digest holds both ends of it."""
    posts = {
        31: "2026-10-31T16:00:00",  # 12:00 EDT on the 31st
        1: "2026-11-01T04:30:00",  # 00:30 EDT on the 1st
        2: "2026-11-02T04:30:00",  # 23:30 EST on the 1st
    }
    with WordPressServer(noon_posts(posts)) as site:
        cfg = setup(tmp_path, site, smtp, monkeypatch, "America/New_York", "01:30",
                    "2026-10-29T08:00:00-04:00")  # fmt: skip
        steps = [
            ("2026-11-01T01:29:00-04:00", []),  # the 30th had no posts: nothing to send
            ("2026-11-01T01:31:00-04:00", [("daily-2026-10-31", {31})]),
            ("2026-11-01T01:31:00-05:00", [("daily-2026-10-31", {31})]),
            ("2026-11-02T01:31:00-05:00", [("daily-2026-10-31", {31}),
                                           ("daily-2026-11-01", {1, 2})]),
        ]  # fmt: skip
        for now, expected in steps:
            pin_clock(monkeypatch, now)
            assert run(cfg, "tick").exit_code == 0
            assert sent(cfg, smtp) == expected, now
