"""Items of compilations (digest.classify.items), filed, stored, shown, pinned and searched:
fast, in-process (the same path against a real WordPress and SMTP server is in
tests/test_real_wordpress.py)."""

from __future__ import annotations

import json
from datetime import date
from zoneinfo import ZoneInfo

import pytest
from helpers import make_post, open_state, run
from stores import new_store, saved

from digest import periods, render
from digest.classify import decide
from digest.config import DigestSettings
from digest.store import queries

IST = ZoneInfo("Asia/Kolkata")
NEWS_IN_SHORT = """<p>Share on WhatsApp</p><p>Table of Contents</p>
<h2 id="dam">Dam safety rules notified</h2><p><strong>Syllabus: GS2/Governance</strong></p>
<p>The rules require owners of large dams to file safety reports.</p>
<h2 id="solar">Solar module imports</h2><p><strong>Syllabus: GS3/Economy</strong></p>
<p>Customs duty on cells rises next quarter.</p>
<h2>Bharatanatyam festival</h2><p><strong>Syllabus: GS1/Art and Culture</strong></p>
<p>A week of recitals in Thanjavur.</p>"""

BYJUS_STYLE = """<h3>A. GS1 Related</h3><p>Nothing here for today!!!</p>
<h3>B. GS2 Related</h3><h4>1. Tribunal reforms</h4><p>A bench on vacancies.</p>
<h4>2. Treaty with Oman</h4><p>A trade pact signed.</p>
<h3>C. GS3 Related</h3><p>Nothing here for today!!!</p>
<h3>D. Facts for Prelims</h3><h4>1. Great Indian Bustard</h4><p>A count in Jaisalmer.</p>"""


def test_a_compilation_is_split_into_items_each_filed_on_its_own():
    decision = decide("News In Short – 14 April 2026", NEWS_IN_SHORT)
    assert decision.papers == ["GS2", "GS3", "GS1"]
    assert [(i.heading, i.papers, i.anchor) for i in decision.items] == [
        ("Dam safety rules notified", ("GS2",), "dam"),
        ("Solar module imports", ("GS3",), "solar"),
        ("Bharatanatyam festival", ("GS1",), ""),
    ]
    assert decision.reason == "items: 3 items (GS2 1, GS3 1, GS1 1)"
    assert any(step.startswith('item 2 "Solar module imports": line 1') for step in decision.steps)


def test_sections_file_their_items_and_empty_sections_file_nothing():
    """A contents list names GS1 and GS3, and the post says nothing is there today: the
    post is not filed under them (the reverse trap)."""
    decision = decide("Comprehensive News Analysis", BYJUS_STYLE)
    assert decision.papers == ["GS2", "Prelims"]
    assert [(i.heading, i.papers) for i in decision.items] == [
        ("1. Tribunal reforms", ("GS2",)),
        ("2. Treaty with Oman", ("GS2",)),
        ("1. Great Indian Bustard", ("Prelims",)),
    ]


@pytest.mark.parametrize(
    "content",
    [
        "<h2>Only one</h2><p>Syllabus: GS2/Polity</p><p>Text.</p>",
        "<p>Syllabus: GS2/Polity</p><h2>Background</h2><p>Text.</p><h2>Way ahead</h2><p>More.</p>",
    ],
    ids=["one-heading", "a-post-with-sections"],
)
def test_a_post_with_one_subject_is_filed_whole(content):
    decision = decide("A post", content)
    assert decision.items == [] and decision.papers == ["GS2"]


def test_a_marker_under_boilerplate_is_still_near_the_top():
    promo = "".join(f"<p>{x}</p>" for x in ("Share this", "Telegram", "Download PDF",
                                             "Table of Contents", "Join our course"))  # fmt: skip
    content = promo + "<p>Intro.</p>" * 4 + "<p>Syllabus: GS3/Environment</p><p>Body.</p>"
    assert decide("A post", content).papers == ["GS3"]


def saved_compilation(tmp_path, monkeypatch, content=NEWS_IN_SHORT):
    monkeypatch.setenv("WP_DIGEST_NOW", "2026-04-14T08:00:00+05:30")
    db = new_store(tmp_path, [make_post(7, "2026-04-14T03:30:00", "News In Short",
                                        content={"rendered": content})])  # fmt: skip
    return db


def test_items_are_kept_with_their_revision_and_refiled_on_an_edit(tmp_path, monkeypatch):
    db = saved_compilation(tmp_path, monkeypatch)
    row = db["posts"].get(("wp", 7))
    assert json.loads(row["papers"]) == ["GS2", "GS3", "GS1"]
    assert [i["heading"] for i in json.loads(row["items"])][0] == "Dam safety rules notified"
    before = db.execute("SELECT count(*) FROM post_revisions").fetchone()[0]
    saved(db, [make_post(7, "2026-04-14T03:30:00", "News In Short",
                         content={"rendered": NEWS_IN_SHORT})])  # fmt: skip
    assert db.execute("SELECT count(*) FROM post_revisions").fetchone()[0] == before
    edited = NEWS_IN_SHORT.replace("GS3/Economy", "GS2/Governance")
    saved(db, [make_post(7, "2026-04-14T03:30:00", "News In Short", modified_gmt=
                         "2026-04-14T05:00:00", content={"rendered": edited})])  # fmt: skip
    row = db["posts"].get(("wp", 7))
    assert row["revision"] == 2 and json.loads(row["papers"]) == ["GS2", "GS1"]


def test_a_reader_sees_only_the_items_of_their_papers(tmp_path, monkeypatch):
    db = saved_compilation(tmp_path, monkeypatch)
    rows = queries.post_rows(db, "wp", 7)
    day = periods.containing("daily", date(2026, 4, 14), IST)
    view = render.build(rows, day, DigestSettings(), papers=("GS3",))
    [section] = view.sections
    [entry] = section.groups[0].posts
    assert (section.paper, entry.title, entry.from_title) == ("GS3", "Solar module imports",
                                                              "News In Short")  # fmt: skip
    assert entry.link.endswith("#solar") and "Customs duty" in entry.excerpt
    text = render.Renderer(DigestSettings()).text(view)
    assert "Dam safety" not in text and "Bharatanatyam" not in text
    everyone = render.build(rows, day, DigestSettings())  # the archive: every item
    assert [s.paper for s in everyone.sections] == ["GS1", "GS2", "GS3"]
    gs1 = everyone.sections[0].groups[0].posts[0]
    assert "#:~:text=Bharatanatyam%20festival" in gs1.link


def test_explain_lists_items_and_file_pins_one(tmp_path, monkeypatch):
    db = saved_compilation(tmp_path, monkeypatch)
    db.close()
    from helpers import write_config

    cfg = write_config(tmp_path, {})
    out = run(cfg, "explain", "wp:7").stdout
    assert 'item 1 "Dam safety rules notified": line 1 "Syllabus: GS2/Governance"' in out
    assert "classifier: GS2, GS3, GS1; items: 3 items" in out
    result = run(cfg, "file", "wp:7#2", "GS2", "Prelims")
    assert result.exit_code == 0, result.output
    assert "wp:7#2: pinned under GS2, Prelims; the post is now under GS2, Prelims, GS1" in (
        result.stdout
    )
    items = json.loads(open_state(cfg)["posts"].get(("wp", 7))["items"])
    assert items[1]["papers"] == ["GS2", "Prelims"] and items[1]["reason"].startswith("pinned")
    assert "item 2: pinned under GS2, Prelims" in run(cfg, "explain", "wp:7").stdout
    assert run(cfg, "file", "wp:7#9", "GS1").exit_code == 2  # no such item
    assert run(cfg, "file", "wp:7#2", "--clear").exit_code == 0
    assert json.loads(open_state(cfg)["posts"].get(("wp", 7))["papers"]) == ["GS2", "GS3", "GS1"]


def test_search_finds_a_compilation_by_an_items_words_and_shows_the_item(tmp_path, monkeypatch):
    from webtools import SECRET, web_config

    from digest import config
    from digest.web.pages import Pages

    db = saved_compilation(tmp_path, monkeypatch)
    from digest.store import search

    search.flush_index(db)
    db.close()
    cfg = config.load(str(web_config(tmp_path, "https://example.org/ca/", 25, 8080)))
    [(paper, [hit])] = Pages(cfg, SECRET).search("customs duty")
    assert (paper, hit["title"], hit["from"]) == ("GS3", "Solar module imports", "News In Short")
    assert hit["link"].endswith("#solar") and "Customs duty" in hit["excerpt"]


def test_an_unmarked_item_of_a_compilation_is_inferred_on_its_own():
    from digest.classify import infer

    content = NEWS_IN_SHORT + (
        "<h2>Monetary policy review</h2><p>The RBI kept the repo rate unchanged as inflation "
        "eased; banks expect credit growth to pick up and GDP to stay strong.</p>"
    )
    without = decide("News In Short", content)
    assert [i.heading for i in without.items][-1] == "Bharatanatyam festival"  # not an item
    decision = decide("News In Short", content, model=infer.Model())
    last = decision.items[-1]
    assert (last.n, last.heading, last.papers) == (4, "Monetary policy review", ("GS3",))
    assert last.reason.startswith("inferred: GS3 ") and "credit" in last.reason


HEADLINES_TABLE = """<p>PIB, Indian Express, AIR</p><table>
<tr><th>Headline</th><th>Source</th><th>Syllabus</th><th>Key points to know</th></tr>
<tr><td>Voter turnout and a holiday</td><td>The Hindu (Page 6)</td>
<td>Polity and Governance (GSII)</td><td>– Would a holiday raise turnout?</td></tr>
<tr><td>Air defence systems</td><td>The Hindu (Page12)</td><td>Defence (GSIII)</td>
<td>– What are they?</td></tr>
<tr><td>A French honour</td><td>The Hindu</td><td>Miscellaneous</td><td>– What is it?</td></tr>
<tr><td>A diet fad</td><td>Indian Express</td><td>Health (GSII) / S&amp;T (GSIII)</td>
<td>– Does it work?</td></tr></table>"""


def test_a_compilation_laid_out_as_a_table_has_a_story_to_a_row():
    """nextias' "Headlines of the Day": each row's Syllabus cell files that row; the header
    row and a row that names no paper are no items."""
    decision = decide("Headlines of the Day 16-05-2024", HEADLINES_TABLE)
    assert [(i.heading, i.papers) for i in decision.items] == [
        ("Voter turnout and a holiday", ("GS2",)),
        ("Air defence systems", ("GS3",)),
        ("A diet fad", ("GS2", "GS3")),
    ]
    assert decision.papers == ["GS2", "GS3"]
    first = decision.items[0]
    assert "turnout" in HEADLINES_TABLE[first.start : first.end]
    assert "Air defence" not in HEADLINES_TABLE[first.start : first.end]
