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


def parse_paper(value: str) -> str:
    """A paper as a person writes it ("gs 2", "GS2", "essay") in its one spelling, or
    ValueError naming the choices. The one parser for the CLI, the config, the web form and
    CSV import."""
    wanted = value.replace(" ", "").replace("-", "").lower() if isinstance(value, str) else ""
    for paper in PAPERS:
        if wanted == paper.lower():
            return paper
    raise ValueError(f"{value!r} is not a paper (one of {', '.join(PAPERS)})")


def parse_papers(values: object) -> list[str]:
    """Several papers (in order, each once) by parse_paper."""
    return list(dict.fromkeys(parse_paper(v) for v in values))  # type: ignore[attr-defined]


def paper_rank(paper: str) -> int:
    return PAPERS.index(paper) if paper in PAPERS else len(PAPERS)
