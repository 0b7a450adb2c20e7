"""The delivery ledger and the send around it, fast: a store saved in-process, mail into an
outbox folder, pinned clocks. (The same paths over real SMTP are in tests/test_mail.py.)"""

from __future__ import annotations

import email
from datetime import datetime
from email import policy

from helpers import make_post, pin_clock
from stores import new_store, outbox_config, saved

from digest.mail import deliver
from digest.mail.readers import sync_readers
from digest.states import Send
from digest.store import ledger, subscribers

IST = "+05:30"


def at(day: int, hour: int = 12) -> str:
    """A UTC stamp for `hour`:00 IST on April `day`, 2026."""
    return (
        datetime.fromisoformat(f"2026-04-{day:02d}T{hour:02d}:00:00{IST}")
        .astimezone(datetime.fromisoformat("2026-01-01T00:00:00+00:00").tzinfo)
        .strftime("%Y-%m-%dT%H:%M:%S")
    )


def mailed(tmp_path, day: str):
    """The one digest in the outbox whose subject names `day` (e.g. "14 Apr 2026")."""
    mails = [email.message_from_bytes(m.read_bytes(), policy=policy.default)
             for m in (tmp_path / "outbox").glob("*.eml")]  # fmt: skip
    [message] = [m for m in mails if day in str(m["Subject"])]
    return message


def send(cfg, db, when: str):
    return deliver.send_due(cfg, db, datetime.fromisoformat(when))


def test_a_reader_starts_when_they_join_not_when_a_send_first_meets_them(tmp_path, monkeypatch):
    """Confirmed on Monday the 13th; the daemon is down until Friday the 17th. Their first
    digest covers Sunday the 12th on (the period before the one they joined in), not just
    Thursday (before: the first send that met them set their start)."""
    pin_clock(monkeypatch, f"2026-04-11T08:00:00{IST}")  # the posts were seen early
    db = new_store(tmp_path, [make_post(day, at(day), f"Post of the {day}th")
                              for day in range(11, 17)])  # fmt: skip
    cfg = outbox_config(tmp_path)
    pin_clock(monkeypatch, f"2026-04-13T10:00:00{IST}")
    subscribers.put(db, "r@example.org", "daily", [], "cli", "active")
    [outcome] = send(cfg, db, f"2026-04-17T07:05:00{IST}")
    assert (outcome.label, outcome.status) == ("daily-2026-04-16", Send.SENT)
    [delivery] = [ledger.get(db, 1)]
    items = ledger.items_of(db, delivery.id)
    assert sorted(post_id for _, post_id, _ in items) == [12, 13, 14, 15, 16]
    assert send(cfg, db, f"2026-04-17T09:00:00{IST}") == []  # exactly once


def test_coming_back_is_joining_again(tmp_path, monkeypatch):
    """A reader who left and comes back starts again then: the weeks away are not mailed."""
    pin_clock(monkeypatch, f"2026-04-01T08:00:00{IST}")
    db = new_store(tmp_path)
    subscribers.put(db, "r@example.org", "daily", [], "cli", "active")
    pin_clock(monkeypatch, f"2026-04-02T08:00:00{IST}")
    subscribers.set_status(db, "r@example.org", "unsubscribed")
    saved(db, [make_post(day, at(day)) for day in range(3, 15)])
    pin_clock(monkeypatch, f"2026-04-15T06:00:00{IST}")
    subscribers.set_status(db, "r@example.org", "active")
    reader = subscribers.get(db, "r@example.org")
    assert reader.joined == "2026-04-15T00:30:00" and reader.started is None
    [outcome] = send(outbox_config(tmp_path), db, f"2026-04-15T07:05:00{IST}")
    assert outcome.label == "daily-2026-04-14" and outcome.posts == 1  # the 14th only


def test_an_edited_post_comes_back_marked_with_what_changed(tmp_path, monkeypatch):
    pin_clock(monkeypatch, f"2026-04-13T08:00:00{IST}")
    db = new_store(tmp_path, [make_post(1, at(13), "First title")])
    cfg = outbox_config(tmp_path, '\n[[subscriber]]\nemail = "r@example.org"\n')
    assert [o.status for o in send(cfg, db, f"2026-04-14T07:05:00{IST}")] == [Send.SENT]
    edited = make_post(1, at(13), "Second title", modified_gmt=at(14))
    saved(db, [edited])
    rows, items = ledger.due_posts(db, "r@example.org", ("2026-04-12T18:30:00", at(13, 8)),
                                   "2026-04-14T18:30:00")  # fmt: skip
    [row] = rows
    assert row.updated and row.changes == ("title",) and row.revision == 2
    assert items == [("wp", 1, 2)]


def test_readers_due_the_same_rows_share_one_rendering_and_rows_are_never_changed(
    tmp_path, monkeypatch
):
    pin_clock(monkeypatch, f"2026-04-13T08:00:00{IST}")
    posts = [make_post(1, at(13), "A"), make_post(2, at(13, 13), "B")]
    posts[1]["content"] = {"rendered": "<p>Syllabus: GS3/Economy</p><p>b</p>"}
    db = new_store(tmp_path, posts)
    readers = "".join(
        f'\n[[subscriber]]\nemail = "{who}@example.org"\n{papers}'
        for who, papers in (("a", ""), ("b", ""), ("c", 'papers = ["GS3"]\n'))
    )
    cfg = outbox_config(tmp_path, readers)
    now = datetime.fromisoformat(f"2026-04-14T07:05:00{IST}")
    sender = deliver.Sender(cfg, db, now, False)
    with sender.channel:
        for reader in sync_readers(cfg, db, now=now):
            assert [o.status for o in sender.serve(reader)] == [Send.SENT]
    assert len(sender.channel.rendered) == 2  # a and b: one digest; c (GS3 only): another
    cached = list(sender.post_rows.values())
    assert all(not row.updated for row in cached)  # what readers got was made from copies
    assert len(list((tmp_path / "outbox").glob("*.eml"))) == 3


def test_a_readers_next_digest_looks_only_past_their_last_one(tmp_path, monkeypatch):
    """#33: a digest records how far it reaches (the end of its period, when it was made);
    the next looks only at what is new since, through indexes. Nothing is lost on the way:
    a revision stamped by a crawl just before that digest was made but committed just after
    still comes, and so does a post first seen since, whatever its date."""
    pin_clock(monkeypatch, f"2026-04-13T08:00:00{IST}")
    db = new_store(tmp_path, [make_post(1, at(13), "Monday's")])
    subscribers.put(db, "r@example.org", "daily", [], "cli", "active")
    cfg = outbox_config(tmp_path)
    pin_clock(monkeypatch, f"2026-04-14T07:05:00{IST}")
    [first] = send(cfg, db, f"2026-04-14T07:05:00{IST}")
    assert first.label == "daily-2026-04-13" and first.status == Send.SENT
    assert ledger.reach(db, "r@example.org") == ("2026-04-13T18:30:00", "2026-04-14T01:35:00")
    # A crawl stamped this post (Monday's date) ten minutes before that digest was made, and
    # committed it after: "seen by then" keeps an hour's margin, so it is not skipped.
    pin_clock(monkeypatch, f"2026-04-14T06:55:00{IST}")
    saved(db, [make_post(2, at(13, 20), "Monday night's, crawled late")])
    # A post back-dated to last week, first seen after the digest.
    pin_clock(monkeypatch, f"2026-04-14T15:00:00{IST}")
    saved(db, [make_post(3, at(6), "Back-dated")])
    pin_clock(monkeypatch, f"2026-04-15T07:05:00{IST}")
    saved(db, [make_post(4, at(14), "Tuesday's")])
    [second] = send(cfg, db, f"2026-04-15T07:05:00{IST}")
    assert second.label == "daily-2026-04-14" and second.status == Send.SENT
    items = ledger.items_of(db, ledger.delivery(db, "r@example.org", second.label).id)
    assert sorted(post_id for _, post_id, _ in items) == [2, 3, 4]  # Monday's not again
    assert ledger.reach(db, "r@example.org")[0] == "2026-04-14T18:30:00"


def _body(*sentences: str) -> dict:
    text = " ".join(sentences)
    return {"rendered": f"<p><strong>Syllabus: GS2/Polity</strong></p>\n<p>{text}</p>\n"}


def test_an_update_shows_what_changed_since_the_version_this_reader_received(tmp_path, monkeypatch):
    """#31: two edits after the reader's digest: both show, as sentences added and removed,
    with the old title; a cosmetic edit (spacing, a tracking parameter, an image) is stored
    as a revision and not sent."""
    pin_clock(monkeypatch, f"2026-04-13T08:00:00{IST}")
    first = make_post(1, at(13), "First title", content=_body("The court ruled.", "Appeals lie."))
    db = new_store(tmp_path, [first])
    cfg = outbox_config(tmp_path, '\n[[subscriber]]\nemail = "r@example.org"\n')
    assert [o.status for o in send(cfg, db, f"2026-04-14T07:05:00{IST}")] == [Send.SENT]
    pin_clock(monkeypatch, f"2026-04-14T09:00:00{IST}")
    saved(db, [make_post(1, at(13), "First title", modified_gmt=at(14, 9),
                         content=_body("The court ruled 4-1.", "Appeals lie."))])  # fmt: skip
    saved(db, [make_post(1, at(13), "Second title", modified_gmt=at(14, 10),
                         content=_body("The court ruled 4-1.", "Appeals lie.",
                                       "A review is likely."))])  # fmt: skip
    rows, items = ledger.due_posts(db, "r@example.org", ("2026-04-12T18:30:00", at(13, 8)),
                                   "2026-04-14T18:30:00")  # fmt: skip
    [row] = rows
    assert row.updated and row.revision == 3 and items == [("wp", 1, 2), ("wp", 1, 3)]
    assert row.diff == (("-", "The court ruled."), ("+", "The court ruled 4-1."),
                        ("+", "A review is likely."))  # fmt: skip
    assert row.old_title == "First title"
    [outcome] = send(cfg, db, f"2026-04-15T07:05:00{IST}")
    assert outcome.status == Send.SENT
    message = mailed(tmp_path, "14 Apr 2026")
    text = message.get_body(("plain",)).get_content()
    assert "Title was: First title" in text and "+ A review is likely." in text
    assert "- The court ruled." in text
    html = message.get_body(("html",)).get_content()
    assert "<ins" in html and "+ A review is likely.</ins>" in html and "<del" in html
    # A cosmetic edit: the same words, other markup, a tracking parameter, an image.
    pin_clock(monkeypatch, f"2026-04-15T09:00:00{IST}")
    cosmetic = {"rendered": '<p><strong>Syllabus:  GS2/Polity</strong></p><p>The court '
                'ruled 4-1.  Appeals <a href="https://example.org/x?utm_source=mail">lie</a>.'
                '<img src="https://example.org/new.png"> A review is likely.</p>'}  # fmt: skip
    saved(db, [make_post(1, at(13), "Second title", modified_gmt=at(15, 9), content=cosmetic)])
    assert db["posts"].get(("wp", 1))["revision"] == 4  # stored
    assert send(cfg, db, f"2026-04-16T07:05:00{IST}")[0].status == Send.NOTHING  # not sent


def test_sentence_diffs_are_capped_and_plain():
    from digest.changes import MAX_CHANGES, cosmetic, sentence_diff

    old = "<p>" + " ".join(f"Old {i}." for i in range(10)) + "</p>"
    new = "<p>" + " ".join(f"New {i}." for i in range(10)) + "</p>"
    diff = sentence_diff(old, new)
    assert len(diff) == MAX_CHANGES + 1 and diff[-1] == ("…", "and 14 more changes")
    assert sentence_diff("<p>नई योजना शुरू। लाभ बढ़ा।</p>", "<p>नई योजना शुरू। लाभ घटा।</p>") == (
        ("-", "लाभ बढ़ा।"), ("+", "लाभ घटा।"))  # fmt: skip
    assert sentence_diff("<p>A.</p>", "<p>A. 5 &lt; 6 <b>now</b>.</p>") == (("+", "5 < 6 now."),)
    assert cosmetic(("T", "<p>One.  Two.</p>"), ("T", "<div>One.<br>Two.</div>"))
    assert not cosmetic(("T", "<p>One.</p>"), ("T2", "<p>One.</p>"))


def test_an_update_that_moves_a_post_to_another_paper_says_so(tmp_path, monkeypatch):
    pin_clock(monkeypatch, f"2026-04-13T08:00:00{IST}")
    db = new_store(tmp_path, [make_post(1, at(13), "Repo rate", content=_body("Rates held."))])
    cfg = outbox_config(tmp_path, '\n[[subscriber]]\nemail = "r@example.org"\n')
    assert [o.status for o in send(cfg, db, f"2026-04-14T07:05:00{IST}")] == [Send.SENT]
    pin_clock(monkeypatch, f"2026-04-14T09:00:00{IST}")
    moved = {"rendered": "<p><strong>Syllabus: GS3/Economy</strong></p>\n<p>Rates held.</p>"}
    saved(db, [make_post(1, at(13), "Repo rate", modified_gmt=at(14, 9), content=moved)])
    rows, _ = ledger.due_posts(db, "r@example.org", ("2026-04-12T18:30:00", at(13, 8)),
                               "2026-04-14T18:30:00")  # fmt: skip
    [row] = rows
    assert row.papers == ("GS3",) and row.old_papers == ("GS2",)
    send(cfg, db, f"2026-04-15T07:05:00{IST}")
    message = mailed(tmp_path, "14 Apr 2026")
    assert "Filed before under GS2; now under GS3" in message.get_body(("plain",)).get_content()
