"""The classifier on real posts (tests/labelled_posts.py): exact papers per post and per
item, and precision and recall per paper. The floors below are what the set gives today
(bench/RESULTS.md has the figures); a change that files real posts worse fails here."""

from __future__ import annotations

from collections import Counter

from labelled_more import POSTS as MORE
from labelled_posts import POSTS as FIRST
from labelled_posts import body_of
from scoring import score

from digest.classify import decide

POSTS = FIRST + MORE


def outcomes() -> list[tuple[str, list[str], list[str]]]:
    """(what, expected papers, filed papers) for every post, and every item of one."""
    out = []
    for post in POSTS:
        decision = decide(post["title"], body_of(post))
        expected = post["expected"]
        if isinstance(expected, dict):
            filed = {item.heading: list(item.papers) for item in decision.items}
            # a page seen with one item of a compilation: that item is the post
            filed = filed or {heading: list(decision.papers) for heading in expected}
            for heading, papers in expected.items():
                out.append((f"{post['url']} / {heading}", papers, filed.get(heading, [])))
        else:
            out.append((post["url"], expected, decision.papers))
    return out


def figures() -> tuple[float, dict[str, tuple[float, float]]]:
    return score(outcomes())


def test_real_posts_are_filed_under_the_papers_their_markers_name():
    found = outcomes()
    per_site = Counter(p["site"] for p in POSTS)
    assert len(POSTS) >= 150 and len(per_site) >= 12  # issue #28: 150 posts from 12 sites,
    assert max(per_site.values()) <= 20  # none over 20 from one site
    wrong = [(what, e, f) for what, e, f in found if sorted(e) != sorted(f)]
    exact, per = figures()
    assert exact >= 0.95, wrong
    for paper, (precision, recall) in per.items():
        assert precision >= 0.9 and recall >= 0.9, (paper, precision, recall, wrong)


if __name__ == "__main__":  # the figures for bench/RESULTS.md
    exact, per = figures()
    print(f"{len(POSTS)} posts, {len(outcomes())} filings (posts and items), "
          f"{len({p['site'] for p in POSTS})} sites: exact {exact:.1%}")  # fmt: skip
    for paper, (precision, recall) in per.items():
        print(f"  {paper}: precision {precision:.2f}, recall {recall:.2f}")
