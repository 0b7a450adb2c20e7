"""`wp-digest serve` in a real browser (Playwright driving Debian's Chromium), with a real
SMTP server for the confirmation and digest mails, and the RFC 8058 one-click POST."""

from __future__ import annotations

import json
import time
import urllib.parse
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from helpers import make_post, open_state, pin_clock, run
from webtools import SECRET, fetch, free_port, link_in, need_browser, start, web_config

from digest import clock, tokens
from digest.store import subscribers

IST = ZoneInfo("Asia/Kolkata")
READER = "reader@example.org"


@pytest.fixture(scope="module")
def browser():
    need_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        yield chromium
        chromium.close()


@pytest.fixture(autouse=True)
def secret(monkeypatch):
    """`send` (run in this process) signs readers' links with the same key as `serve`."""
    monkeypatch.setenv("WP_DIGEST_SECRET", SECRET)


def post_yesterday(site, post_id: int, paper: str, title: str, days_ago: int = 1) -> None:
    """A post at noon (IST) `days_ago` days before the pinned clock's day."""
    day = clock.now().astimezone(IST).date() - timedelta(days=days_ago)
    when = datetime(day.year, day.month, day.day, 12, 0, tzinfo=IST).astimezone(ZoneInfo("UTC"))
    post = make_post(post_id, when.strftime("%Y-%m-%dT%H:%M:%S"), title)
    post["content"] = {"rendered": f"<p><strong>Syllabus: {paper}/Polity</strong></p><p>{title} "
                                   "body text.</p>"}  # fmt: skip
    site.put(post)


def queued(cfg) -> list[tuple[str, str]]:
    """(kind, address) of every mail the site has queued, oldest first."""
    rows = open_state(cfg).execute("SELECT kind, email FROM mail_queue ORDER BY id")
    return [tuple(r) for r in rows]


def subscribe(page, url: str, email: str, papers: list[str], period: str = "daily") -> None:
    page.goto(url)
    page.fill("input[name=email]", email)
    page.check(f"input[name=period][value={period}]")
    for paper in papers:
        page.check(f"input[name=papers][value={paper}]")
    page.click("button.primary")
    page.wait_for_selector("text=Check your inbox")


@pytest.fixture
def web_on_the_23rd(tmp_path, site, smtp, monkeypatch):
    """The site and every command on one pinned clock, after the daily send time (07:00
    IST): yesterday's digest is due whatever the hour the suite runs (on the real clock it
    was not before 07:00 IST, and the whole-path test failed seven hours a day)."""
    pin_clock(monkeypatch, "2026-04-23T08:00:00+05:30")
    port = free_port()
    cfg = web_config(tmp_path, site.url, smtp.port, port)
    assert run(cfg, "crawl").exit_code == 0
    server = start(cfg, port)  # inherits the pinned clock: a reader joins on the 23rd
    yield server
    log = server.stop()
    assert "Traceback" not in log, log


def test_the_whole_path_subscribe_confirm_digest_one_click_leave(
    web_on_the_23rd, browser, smtp, site
):
    web = web_on_the_23rd
    page = browser.new_page()
    subscribe(page, web.url, READER, ["GS2"])
    confirm = link_in(smtp.wait_for(1)[-1], "confirm/")  # sent in the background
    assert smtp.messages[-1]["To"] == READER
    db = open_state(web.cfg)
    assert subscribers.get(db, READER).status == "pending"  # not before the link is opened
    page.goto(confirm)
    page.click("button.primary")
    page.wait_for_selector("text=You are subscribed")
    assert subscribers.get(open_state(web.cfg), READER).status == "active"
    # A GS2 and a GS3 post of the 22nd appear; the next send mails the reader only the GS2 one.
    post_yesterday(site, 90001, "GS2", "Parliament passes the bill")
    post_yesterday(site, 90002, "GS3", "Repo rate kept steady")
    assert run(web.cfg, "crawl").exit_code == 0
    smtp.messages.clear()
    result = run(web.cfg, "send")
    assert result.exit_code == 0, result.output
    (digest,) = [m for m in smtp.messages if m["To"] == READER]
    text = digest.get_body(("plain",)).get_content()
    assert "Parliament passes the bill" in text and "Repo rate kept steady" not in text
    header = digest["List-Unsubscribe"]
    assert digest["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    one_click = header.strip("<>").split(">")[0]
    assert one_click.startswith(web.url + "unsubscribe/") and READER not in one_click
    manage = link_in(digest, "manage/")
    # The mail client's one-click POST: no cookie, no CSRF token, no redirect.
    form = {"Content-Type": "application/x-www-form-urlencoded"}
    status, _, body = fetch(one_click, data=b"List-Unsubscribe=One-Click", headers=form)
    assert status == 200 and "Unsubscribed" in body
    assert subscribers.get(open_state(web.cfg), READER).status == "unsubscribed"
    post_yesterday(site, 90003, "GS2", "Another bill", days_ago=0)
    site.edit(90003, "2099-01-01T00:00:00")
    assert run(web.cfg, "crawl").exit_code == 0
    smtp.messages.clear()
    assert run(web.cfg, "send").exit_code == 0
    assert [m for m in smtp.messages if m["To"] == READER] == []
    page.goto(manage)  # the footer's link still shows where they stand
    page.wait_for_selector("text=not subscribed")


def test_manage_page_changes_papers_and_period(web, browser, smtp):
    assert run(web.cfg, "subscribers", "add", READER, "--paper", "GS1").exit_code == 0
    ref = subscribers.get(open_state(web.cfg), READER).ref
    page = browser.new_page()
    page.goto(web.url + "manage/" + tokens.make(SECRET, "manage", ref))
    page.check("input[name=period][value=weekly]")
    page.uncheck("input[name=papers][value=GS1]")
    page.check("input[name=papers][value=GS3]")
    page.check("input[name=papers][value=Essay]")
    page.click("button[value=save]")
    page.wait_for_selector("text=Saved.")
    reader = subscribers.get(open_state(web.cfg), READER)
    assert (reader.period, reader.papers, reader.status) == ("weekly", ("GS3", "Essay"), "active")
    page.click("button[value=leave]")
    page.wait_for_selector("text=You have left")
    assert subscribers.get(open_state(web.cfg), READER).status == "unsubscribed"


def test_search_finds_a_post_by_a_word_of_its_body(web, browser, site):
    post_yesterday(site, 90010, "GS2", "Treaty signed")
    site.edit(90010, "2099-01-01T00:00:00", content="<p>Syllabus: GS2/IR</p><p>The zymurgy "
              "accord covers brewing standards.</p>")  # fmt: skip
    assert run(web.cfg, "crawl").exit_code == 0  # searchable right after the crawl
    page = browser.new_page()
    page.goto(web.url)
    page.fill("input[name=q]", "Zymurgy")
    page.press("input[name=q]", "Enter")
    page.wait_for_selector("section.paper")
    assert page.locator("section.paper h2").all_inner_texts() == ["GS2 1"]
    assert page.locator(".hits a").inner_text() == "Treaty signed"
    assert "brewing standards" in page.locator(".hits p").inner_text()
    page.goto(web.url + "search?q=strong")  # tag names in the stored HTML are not words
    assert page.locator(".hits a").count() == 0
    status, _, body = web.get("search?q=" + urllib.parse.quote('"unbalanced AND ('))
    assert status == 200  # FTS syntax in the query is just words, never an error


@pytest.mark.parametrize("width", [375, 1024])
def test_screens_fit_the_viewport(web, browser, smtp, width):
    """Subscribe, confirm, manage, unsubscribe and search, without sideways scrolling."""
    assert run(web.cfg, "subscribers", "add", READER).exit_code == 0
    ref = subscribers.get(open_state(web.cfg), READER).ref
    page = browser.new_page(viewport={"width": width, "height": 800})
    screens = {
        "subscribe": web.url,
        "confirm": web.url + "confirm/" + tokens.make(SECRET, "confirm", ref),
        "manage": web.url + "manage/" + tokens.make(SECRET, "manage", ref),
        "unsubscribe": web.url + "unsubscribe/" + tokens.make(SECRET, "unsubscribe", ref),
        "search": web.url + "search?q=india",
    }
    for name, url in screens.items():
        page.goto(url)
        overflow = page.evaluate("document.documentElement.scrollWidth")
        assert overflow <= width, (name, overflow)
        heading = page.locator("h1").first.bounding_box()
        assert heading and heading["x"] >= 0 and heading["x"] + heading["width"] <= width, name
        page.screenshot(path=str(web.cfg.parent / f"{name}-{width}.png"), full_page=True)
    page.goto(web.url)
    email = page.locator("input[name=email]").bounding_box()
    assert email["width"] >= min(width - 80, 300)  # a comfortable field on a phone
    button = page.locator("button.primary").bounding_box()
    assert button["height"] >= 40  # a finger-sized target


def test_csrf_is_required_and_forged_or_expired_tokens_are_refused(web, smtp):
    form = urllib.parse.urlencode({"email": "x@example.org", "period": "daily"}).encode()
    status, _, body = web.get("subscribe", data=form)
    assert status == 403 and "form has expired" in body
    status, _, _ = web.get("subscribe", data=form + b"&csrf=" + b"a" * 43,
                           headers={"Cookie": "wpd_csrf=" + "b" * 43})  # fmt: skip
    assert status == 403 and smtp.messages == []
    assert run(web.cfg, "subscribers", "add", READER).exit_code == 0
    ref = subscribers.get(open_state(web.cfg), READER).ref
    forged = tokens.make("another-secret-0123456789", "unsubscribe", ref)
    status, _, body = web.get("unsubscribe/" + forged, data=b"List-Unsubscribe=One-Click")
    assert status == 400 and "not valid" in body
    wrong_purpose = tokens.make(SECRET, "manage", ref)  # a manage token cannot unsubscribe
    assert web.get("unsubscribe/" + wrong_purpose, data=b"x=1")[0] == 400
    from itsdangerous import TimestampSigner, URLSafeTimedSerializer

    class ThreeDaysAgo(TimestampSigner):
        def get_timestamp(self) -> int:
            return int(time.time()) - 3 * 86400

    old = URLSafeTimedSerializer(SECRET, salt="wp-digest/confirm", signer=ThreeDaysAgo)
    status, _, body = web.get("confirm/" + old.dumps(ref))
    assert status == 400 and "expired" in body
    assert subscribers.get(open_state(web.cfg), READER).status == "active"
    # GET never unsubscribes (mail scanners fetch links): it shows a button.
    status, _, body = web.get("unsubscribe/" + tokens.make(SECRET, "unsubscribe", ref))
    assert status == 200 and "<button" in body
    assert subscribers.get(open_state(web.cfg), READER).status == "active"


@pytest.mark.parametrize("web", ["\nsignups_per_hour = 3\nmails_per_day = 1\n"], indirect=True)
def test_rate_limits_refuse_and_answers_do_not_tell(web, browser, smtp):
    page = browser.new_page()
    subscribe(page, web.url, "a@example.org", [])
    first = page.locator("main").inner_text()
    subscribe(page, web.url, "a@example.org", [])  # same address: no second mail today
    assert page.locator("main").inner_text() == first
    assert queued(web.cfg) == [("confirm", "a@example.org")]
    assert [m["To"] for m in smtp.wait_for(1)] == ["a@example.org"]
    assert run(web.cfg, "subscribers", "add", "known@example.org").exit_code == 0
    subscribe(page, web.url, "known@example.org", [])  # an active reader: same answer
    assert page.locator("main").inner_text() == first.replace("a@example.org", "known@example.org")
    assert "already" in smtp.wait_for(2)[-1].get_content()  # their mail says so, not the page
    assert subscribers.get(open_state(web.cfg), "known@example.org").status == "active"
    page.goto(web.url)  # a fourth sign-up from this client within the hour
    page.fill("input[name=email]", "d@example.org")
    page.click("button.primary")
    page.wait_for_selector("text=Too many sign-ups")
    assert len(queued(web.cfg)) == 2


def test_errors_are_pages_with_headers_never_tracebacks(web):
    status, headers, body = web.get("no/such/page")
    assert status == 404 and "no such page" in body and "Traceback" not in body
    csp = headers["content-security-policy"]
    assert "frame-ancestors 'none'" in csp and "script-src" not in csp
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "no-referrer"
    assert web.get("digest/daily-2026-99-99")[0] == 404
    assert web.get("search?q=" + "x" * 500)[0] == 400
    assert web.get("subscribe", data=b"email=" + b"a" * 40000)[0] == 413
    status, headers, body = web.get("feed.xml")
    assert status == 200 and "<feed" in body and "digest/daily-2026-04-" in body
    status, _, body = web.get("digest/daily-2026-04-15")
    assert status == 200 and "GS2" in body


def test_subscribers_in_the_database_and_the_config(tmp_path, site, smtp):
    cfg = web_config(tmp_path, site.url, smtp.port, free_port(),
                     '\n[[subscriber]]\nemail = "ops@example.org"\npapers = ["GS2"]\n')  # fmt: skip
    assert run(cfg, "subscribers", "add", "Cli@Example.org", "--period", "weekly").exit_code == 0
    listing = run(cfg, "subscribers", "list").stdout
    assert "ops@example.org  active  daily  GS2  (config)" in listing
    assert "cli@example.org  active  weekly  all papers  (cli)" in listing
    csv_in = tmp_path / "in.csv"
    csv_in.write_text("email,period,papers\nx@example.org,monthly,GS1 GS4\ny@example.org,,\n")
    assert "2 readers, 2 new" in run(cfg, "subscribers", "import", str(csv_in)).stdout
    bad = tmp_path / "bad.csv"
    bad.write_text("email,period\nz@example.org,hourly\n")
    result = run(cfg, "subscribers", "import", str(bad))
    assert result.exit_code == 2 and "bad.csv:2: period must be" in result.stderr
    assert run(cfg, "subscribers", "remove", "y@example.org").exit_code == 0
    assert run(cfg, "subscribers", "remove", "nobody@example.org").exit_code == 2
    out = run(cfg, "subscribers", "export").stdout.splitlines()
    assert out[0] == "email,status,period,papers,origin,created,confirmed,left"
    assert any(line.startswith("x@example.org,active,monthly,GS1 GS4,cli,") for line in out)
    assert any(line.startswith("y@example.org,unsubscribed,") for line in out)
    # Removing a reader from the file unsubscribes them; the history stays.
    cfg.write_text(
        cfg.read_text().replace('email = "ops@example.org"', 'email = "new@example.org"')
    )
    status = run(cfg, "status").stdout
    assert "subscribers: 0 pending, 3 active, 2 unsubscribed, 0 suspended" in status


def test_repeated_permanent_failures_suspend_an_address(tmp_path, site, smtp, monkeypatch):
    cfg = web_config(tmp_path, site.url, smtp.port, free_port(), mail_extra="suspend_after = 2\n")
    assert run(cfg, "crawl").exit_code == 0
    pin_clock(monkeypatch, "2026-04-15T08:00:00+05:30")  # added (and so joined) on the 15th
    assert run(cfg, "subscribers", "add", "gone@example.org").exit_code == 0
    smtp.handler.rcpt_replies["gone@example.org"] = "550 5.1.1 no such user"
    for day in ("2026-04-16", "2026-04-17", "2026-04-18"):
        monkeypatch.setenv("WP_DIGEST_NOW", f"{day}T08:00:00+05:30")
        run(cfg, "send")
    db = open_state(cfg)
    assert subscribers.get(db, "gone@example.org").status == "suspended"
    attempts = db.execute("SELECT count(*) FROM deliveries").fetchone()[0]
    assert attempts == 2  # the third day skipped them
    assert "gone@example.org: suspended" in run(cfg, "status").stdout
    data = json.loads(run(cfg, "status", "--json").stdout)
    assert data["readers"]["suspended"] == 1


def test_serve_crawl_and_send_share_the_database(web, site, smtp):
    """Fifty clients sign up, search and read while a crawl and a send write: WAL readers
    never wait, writers take turns, and nothing reports "database is locked"."""
    import re as regex
    import threading

    from helpers import many_posts

    for post in many_posts(300):
        post["id"] += 100000
        site.put(post)
    for i in range(20):
        assert run(web.cfg, "subscribers", "add", f"r{i}@example.org").exit_code == 0
    statuses: list[int] = []
    lock = threading.Lock()

    def client(n: int) -> None:
        status, headers, body = web.get("")
        cookie = headers.get("set-cookie", "").split(";")[0]
        token = regex.search(r'name="csrf" value="([^"]+)"', body).group(1)
        got = [status]
        for path in ("search?q=india", "digest/daily-2026-04-15", "feed.xml"):
            got.append(web.get(path)[0])
        form = urllib.parse.urlencode(
            {"email": f"c{n}@example.org", "period": "weekly", "csrf": token}
        ).encode()
        got.append(web.get("subscribe", data=form, headers={"Cookie": cookie})[0])
        with lock:
            statuses.extend(got)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(50)]
    for t in threads:
        t.start()
    crawl = run(web.cfg, "crawl")
    send = run(web.cfg, "send")
    for t in threads:
        t.join(timeout=120)
    assert crawl.exit_code == 0, crawl.output
    assert send.exit_code == 0, send.output
    assert len(statuses) == 250 and set(statuses) <= {200, 429}, sorted(set(statuses))
    assert statuses.count(200) >= 200  # only sign-ups beyond the per-client limit are 429
    log = web.stop()
    assert "locked" not in log and "Traceback" not in log, log


def test_a_preview_to_any_address_works_with_the_site_and_carries_no_readers_links(
    tmp_path, site, smtp, monkeypatch
):
    """`send --to ADDR` (what `send --dry-run` suggests) crashed with an AssertionError in
    every deployment with [web] base_url (#30); and `send` says where the mail went."""
    cfg = web_config(tmp_path, site.url, smtp.port, free_port(),
                     '\n[[subscriber]]\nemail = "r@example.org"\n')  # fmt: skip
    assert run(cfg, "crawl").exit_code == 0
    pin_clock(monkeypatch, "2026-04-22T08:00:00+05:30")
    result = run(cfg, "send", "--to", "boss@example.org")
    assert result.exit_code == 0, result.output
    [msg] = smtp.messages
    body = msg.get_body(("plain",)).get_content()
    assert msg["To"] == "boss@example.org" and "manage/" not in body
    assert f"mail sent via 127.0.0.1:{smtp.port}" in result.stdout
    assert run(cfg, "send").exit_code == 0 and len(smtp.messages) == 2


NAV = ('href="/#archive"', '"/search"', 'href="/#subscribe"')  # search: a link or the form


def test_every_page_has_the_sites_header_and_no_page_is_a_dead_end(web, smtp):
    """#30 item 11: the digest pages had no header; "Unsubscribed" no way back; a mistyped
    address lost the form."""
    for path in ("", "search?q=repo", "digest/daily-2026-04-15", "no/such/page"):
        status, _, body = web.get(path)
        assert status in (200, 404) and all(link in body for link in NAV), path
        assert 'href="/"' in body, path
    # A mistyped address: the form again, filled in as it was, saying what is wrong.
    _, headers, home = web.get("")
    token = headers["set-cookie"].split("wpd_csrf=")[1].split(";")[0]
    form = urllib.parse.urlencode(
        {
            "csrf": token,
            "email": "reader.example.org",
            "period": "weekly",
            "papers": ["GS2", "GS3"],
        },  # fmt: skip
        doseq=True,
    ).encode()
    status, _, body = web.get("subscribe", data=form, headers={"Cookie": f"wpd_csrf={token}"})
    assert status == 400 and "does not look like an e-mail address" in body
    assert 'value="reader.example.org"' in body and 'aria-invalid="true"' in body
    assert 'value="weekly" checked' in body and 'value="daily" checked' not in body
    assert 'value="GS2" checked' in body and 'value="GS3" checked' in body
    assert 'value="GS1" checked' not in body and smtp.messages == []
    # Unsubscribed: a way back (the reader's manage page, which offers to subscribe again).
    assert run(web.cfg, "subscribers", "add", READER).exit_code == 0
    ref = subscribers.get(open_state(web.cfg), READER).ref
    leave = tokens.make(SECRET, "unsubscribe", ref)
    status, _, body = web.get("unsubscribe/" + leave, data=b"List-Unsubscribe=One-Click")
    assert status == 200 and "Unsubscribed" in body and "Subscribe again" in body
    manage = tokens.make(SECRET, "manage", ref)
    assert f"/manage/{manage}" in body
    status, _, body = web.get("manage/" + manage)
    assert status == 200 and 'value="resubscribe"' in body


def test_serve_logs_each_request_and_each_readers_event_without_tokens_or_addresses(
    tmp_path, site, smtp, sample_store
):
    """#30 item 10: Common Log Format per request (tokens masked, no query strings) and a
    line per sign-up, confirmation and departure naming the reader by reference only."""
    import re

    port = free_port()
    cfg = web_config(tmp_path, site.url, smtp.port, port)
    sample_store(None, cfg)
    server = start(cfg, port)
    try:
        assert run(cfg, "subscribers", "add", READER).exit_code == 0
        ref = subscribers.get(open_state(cfg), READER).ref
        manage = tokens.make(SECRET, "manage", ref)
        leave = tokens.make(SECRET, "unsubscribe", ref)
        assert server.get("search?q=repo+rate")[0] == 200
        assert server.get("manage/" + manage)[0] == 200
        assert server.get("unsubscribe/" + leave, data=b"List-Unsubscribe=One-Click")[0] == 200
        assert server.get("no/such/page")[0] == 404
    finally:
        log = server.stop()
    stamp = r"\[\d\d/\w{3}/\d{4}:\d\d:\d\d:\d\d [+-]\d{4}\]"
    for request, status in [
        (r"GET /search\?\.\.\.", 200),
        (r"GET /manage/\[token\]", 200),
        (r"POST /unsubscribe/\[token\]", 200),
        (r"GET /no/such/page", 404),
    ]:
        clf = rf'127\.0\.0\.1 - - {stamp} "{request} HTTP/1\.1" {status} \d+'
        assert re.search(clf, log), (request, log)
    assert f"unsubscribed: reader {ref} (one-click)" in log
    assert manage not in log and leave not in log and READER not in log
    assert "repo" not in log  # what readers search for stays theirs
    assert "WARNING" not in log.split("\n")[0]  # the start line is INFO


def test_a_posts_revisions_and_what_changed_between_any_two(web, site):
    """#31: the site shows a post's revisions and the diff between two of them; search
    links to it; unknown posts, single revisions and bad numbers are 404s."""
    site.edit(71990, "2026-05-01T00:00:00", title="An edited title",
              content="<p>Syllabus: GS2/International Relations</p><p>A new first "
                      "sentence. Nothing else is left.</p>")  # fmt: skip
    assert run(web.cfg, "crawl").exit_code == 0
    status, _, body = web.get("post/sample/71990/revisions")
    assert status == 200 and "What changed from revision 1 to 2" in body
    assert "Title was:" in body and "<ins>+ A new first sentence.</ins>" in body
    assert "<del>" in body and 'href="/#archive"' in body
    status, _, found = web.get("search?q=edited+title")
    assert status == 200 and 'href="/post/sample/71990/revisions"' in found
    for path in ("post/sample/71990/revisions?from=2&to=1", "post/sample/71990/revisions?to=9",
                 "post/sample/71991/revisions", "post/nowhere/71990/revisions",
                 "post/sample/x/revisions", "post/sample/71990/revisions?from=-1"):  # fmt: skip
        assert web.get(path)[0] == 404, path
