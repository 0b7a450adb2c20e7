"""The view model of a digest (digest.render.view) from typed rows, and the monthly book's
text bullets (digest.render.bullets): pure, fast."""

from __future__ import annotations

from dataclasses import FrozenInstanceError
from datetime import date
from zoneinfo import ZoneInfo

import pytest

from digest import periods, render
from digest.config import DigestSettings
from digest.store.rows import DigestRow

IST = ZoneInfo("Asia/Kolkata")
DAY = periods.containing("daily", date(2026, 4, 15), IST)


def row(post_id: int, papers: tuple[str, ...], **kw) -> DigestRow:
    fields = dict(
        source="wp", post_id=post_id, revision=1, title=f"Post {post_id}",
        link=f"https://example.org/{post_id}", date_gmt=f"2026-04-15T0{post_id}:00:00",
        modified_gmt=f"2026-04-15T0{post_id}:00:00", excerpt="", categories=(),
        content=f"<p>Syllabus: {'/'.join(papers)}</p><p>Body of {post_id}.</p>",
        papers=papers, subjects=("Polity",),
    )  # fmt: skip
    return DigestRow(**{**fields, **kw})


def test_posts_are_grouped_under_their_first_paper_and_named_under_the_others():
    view = render.build([row(1, ("GS3", "GS2")), row(2, ("GS2",)), row(3, ())], DAY,
                        DigestSettings())  # fmt: skip
    assert [s.paper for s in view.sections] == ["GS2", "GS3", "Other"]
    gs3 = view.sections[1].groups[0].posts[0]
    assert gs3.other_papers == ["GS2"] and gs3.excerpt == "Body of 1."
    assert (view.total, view.updated, view.counts[0]) == (3, 0, ("GS2", 1))


def test_an_updated_row_is_marked_with_what_changed():
    view = render.build([row(1, ("GS2",)).marked(True, ("title",))], DAY, DigestSettings())
    post = view.sections[0].groups[0].posts[0]
    assert post.updated and post.meta_line.startswith("UPDATED (title) · ")
    assert view.updated == 1


def test_rows_are_frozen_and_marking_makes_a_new_one():
    original = row(1, ("GS2",))
    marked = original.marked(True, ("content",))
    assert not original.updated and marked.updated and marked != original
    with pytest.raises(FrozenInstanceError):
        original.updated = True  # type: ignore[misc]
    assert hash(original) == hash(row(1, ("GS2",)))  # equal rows: one rendering


def test_full_content_is_sanitised_and_links_made_safe():
    bad = '<p>x</p><script>alert(1)</script><a href="javascript:x">j</a>'
    hostile = row(1, ("GS2",), content=bad, link="javascript:alert(1)")
    post = (
        render.build([hostile], DAY, DigestSettings(content="full")).sections[0].groups[0].posts[0]
    )
    assert "<script" not in post.html and "javascript:" not in post.html and post.link == ""


@pytest.mark.parametrize(
    "markup, expected",
    [
        (
            "<ul><li>a</li><li><strong>b</strong> c</li></ul>",
            "<ul><li>• a</li><li>• <strong>b</strong> c</li></ul>",
        ),
        # Nested items get the deeper bullet, also under a numbered list; numbered items
        # keep WeasyPrint's markers.
        (
            "<ol><li>one<ul><li>sub<ul><li>subsub</li></ul></li></ul></li></ol>",
            "<ol><li>one<ul><li>– sub<ul><li>– subsub</li></ul></li></ul></li></ol>",
        ),
        # Into a first paragraph, after leading white space (which a line start drops).
        (
            "<ul>\n<li>\n  <p>para</p><p>two</p></li><li>\n x</li></ul>",
            "<ul>\n<li>\n  <p>• para</p><p>two</p></li><li>\n • x</li></ul>",
        ),
        # An item that starts with a block, or is empty, still shows its bullet.
        (
            "<ul><li><ul><li>deep</li></ul></li><li></li></ul>",
            "<ul><li>• <ul><li>– deep</li></ul></li><li>• </li></ul>",
        ),
        # Entities and an attribute holding ">" are text and attribute, not tags.
        (
            '<ul><li>&amp; x</li><li><a title="a>b" href="https://e.org/">l</a></li></ul>',
            '<ul><li>• &amp; x</li><li>• <a title="a>b" href="https://e.org/">l</a></li></ul>',
        ),
        ("<ul><li>left open", "<ul><li>• left open"),
        ("<p>no list</p>", "<p>no list</p>"),
        (None, None),
    ],
)
def test_bullets_are_written_into_their_items(markup, expected):
    """#33: in the PDF a bulleted item's bullet is its first text (WeasyPrint's marker boxes
    were a fifth of a part's layout); the bullet and its no-break space, by depth."""
    from digest.render.bullets import bulleted

    assert bulleted(markup) == (
        expected and expected.replace("• ", "•\u00a0").replace("– ", "–\u00a0")
    )
