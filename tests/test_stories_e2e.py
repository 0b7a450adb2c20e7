"""Issue #31 end to end: three loopback WordPress sites write up the same story in their own
words; a reader of all three gets it once, with "also covered by" the other two, over real
SMTP; the story's first post, edited after the reader got it, comes back with what changed,
in the mail and on the site's page of the post."""

from __future__ import annotations

from helpers import make_post, run, write_config
from webtools import SECRET, free_port, start

from digest.sample.site import WordPressServer

READER = "reader@example.org"


def body(marker: str, *sentences: str) -> dict:
    return {"rendered": f"<p>Syllabus: {marker}</p>" + "".join(f"<p>{s}</p>" for s in sentences)}


STORY = {  # each site's own words for one decision
    "alpha": ("RBI holds the repo rate at 6.5 per cent", (
        "The Reserve Bank of India left its policy repo rate unchanged at 6.5 per cent.",
        "Governor Sanjay Malhotra said inflation must ease further before any cut.")),
    "beta": ("Repo rate unchanged at 6.5%: the RBI pauses", (
        "The Monetary Policy Committee kept the repo rate at 6.5 per cent, Governor "
        "Malhotra announced.", "The RBI wants inflation lower before it cuts rates.")),
    "gamma": ("RBI keeps the repo rate at 6.5 per cent", (
        "RBI policy: the repo rate stays at 6.5 per cent after the committee met.",
        "Governor Malhotra pointed to inflation above the target.")),
}  # fmt: skip
OTHER = {
    "alpha": ("Cheetahs released into Gandhi Sagar sanctuary", "GS3/Environment",
              "Two cheetahs from Kuno were moved to a second home in Madhya Pradesh."),
    "beta": ("Monsoon session of Parliament begins", "GS2/Polity",
             "Both Houses met for the first sitting of the session on Monday."),
    "gamma": ("Nalanda's new campus opens to students", "GS1/Culture",
              "The university's campus in Rajgir took in its first full batch."),
}  # fmt: skip
NEW_SENTENCE = "The committee also cut its inflation forecast to 4.2 per cent."


def site_posts(name: str, hour: int) -> list[dict]:
    title, sentences = STORY[name]
    other, marker, text = OTHER[name]
    return [
        make_post(
            1,
            f"2026-04-15T0{hour}:00:00",
            title,
            content=body("GS3/Economy", *sentences),
            link=f"https://{name}.example/ca/story",
        ),
        make_post(
            2,
            f"2026-04-15T0{hour + 3}:00:00",
            other,
            content=body(marker, text),
            link=f"https://{name}.example/ca/other",
        ),
    ]


def test_three_sites_one_story_once_with_also_covered_by_then_its_update(
    tmp_path, smtp, monkeypatch
):
    monkeypatch.setenv("WP_DIGEST_NOW", "2026-04-16T07:00:00+05:30")
    monkeypatch.setenv("WP_DIGEST_SECRET", SECRET)
    sites = {name: WordPressServer(site_posts(name, hour), prefix="/ca/").start()
             for hour, name in enumerate(("alpha", "beta", "gamma"), start=3)}  # fmt: skip
    port = free_port()
    try:
        extra = (
            f'\n[mail]\nhost = "127.0.0.1"\nport = {smtp.port}\nsecurity = "none"\n'
            f'from = "UPSC Digest <digest@example.org>"\n'
            f'\n[web]\nbase_url = "http://127.0.0.1:{port}/"\n'
            f'\n[[subscriber]]\nemail = "{READER}"\nperiod = "daily"\n'
        )
        cfg = write_config(tmp_path, {n: s.url for n, s in sites.items()}, extra)
        crawled = run(cfg, "crawl")
        assert crawled.exit_code == 0, crawled.output
        sent = run(cfg, "send")
        assert sent.exit_code == 0, sent.output
        [msg] = smtp.messages
        assert msg["Subject"] == "UPSC digest · Wed 15 Apr 2026 · 4 posts"
        text, html = (part.get_content() for part in msg.get_payload())
        assert text.count("RBI holds the repo rate at 6.5 per cent") == 1
        for name in ("beta", "gamma"):
            assert STORY[name][0] not in text  # not an entry of its own
            assert OTHER[name][0] in text  # their other news is
        assert "Also covered by: beta [4], gamma [5]" in text  # references, listed at the end
        assert html.count("Also covered by:") == 1
        assert f'href="{sites["beta"].url}' in html.split("Also covered by:")[1].split("</p>")[0]
        again = run(cfg, "explain", "gamma:1")
        assert "story: 3 write-ups (alpha:1)" in again.output

        # The next day alpha edits its write-up: it comes back with what changed; the other
        # two are not sent again.
        title, sentences = STORY["alpha"]
        edited = body("GS3/Economy", *sentences, NEW_SENTENCE)["rendered"]
        sites["alpha"].edit(1, "2026-04-16T05:00:00", content=edited)
        monkeypatch.setenv("WP_DIGEST_NOW", "2026-04-17T07:00:00+05:30")
        assert run(cfg, "crawl").exit_code == 0
        sent = run(cfg, "send")
        assert sent.exit_code == 0, sent.output
        update = smtp.messages[1]
        text, html = (part.get_content() for part in update.get_payload())
        assert "UPDATED" in text and f"+ {NEW_SENTENCE}" in text
        assert "<ins" in html and NEW_SENTENCE in html
        assert STORY["beta"][0] not in text and STORY["gamma"][0] not in text

        web = start(cfg, port)
        try:
            status, _, page = web.get("post/alpha/1/revisions")
        finally:
            log = web.stop()
        assert "Traceback" not in log, log
        assert status == 200 and f"<ins>+ {NEW_SENTENCE}</ins>" in page
        also = page.split("Also covered by:")[1].split("</p>")[0]
        assert ">beta</a>" in also and ">gamma</a>" in also
    finally:
        for site in sites.values():
            site.stop()
