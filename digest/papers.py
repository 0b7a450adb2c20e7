"""The UPSC papers wp-digest files posts under, in the order digests show them."""

from __future__ import annotations

PAPERS = ("GS1", "GS2", "GS3", "GS4", "Essay", "Prelims", "Other")

PAPER_TITLES = {
    "GS1": "GS1 · Heritage, history, society, geography",
    "GS2": "GS2 · Polity, governance, social justice, international relations",
    "GS3": "GS3 · Economy, environment, science, security",
    "GS4": "GS4 · Ethics, integrity and aptitude",
    "Essay": "Essay",
    "Prelims": "Prelims",
    "Other": "Other",
}


def paper_rank(paper: str) -> int:
    return PAPERS.index(paper) if paper in PAPERS else len(PAPERS)
