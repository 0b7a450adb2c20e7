"""File a post under its UPSC syllabus paper(s). Pure: no I/O, never raises on any input.

Sites mark the paper near the top of each post, in many spellings (see
tests/reference/wordpress-rest.md): `Syllabus: GS2/International Relations`,
`Syllabus :GS1/Places`, `GS 2 – Polity – Union and States`, `GS Paper 3` followed by
`Syllabus: <subject>`, `{GS1 – A&C – Sites}` in a title, `Category: ENVIRONMENT`,
"Facts for Prelims" headings. Only a marker that *starts a line near the top* counts: a
sentence that mentions "GS2" further down does not make a post GS2. A subject without a
paper, and failing all markers the post's category and tag names, go through one subject
table built from the UPSC syllabus.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable, Mapping
from typing import Any

from digest.config.model import Rules
from digest.papers import PAPERS
from digest.text import text_lines

__all__ = ["PAPERS", "Rules", "classify", "classify_row", "is_marker"]
HEAD_LINES = 8  # how far down "near the top" reaches, in lines of text
HEAD_CHARS = 1200
HEAD_SCAN = 4000  # characters of HTML read to find the first HEAD_LINES lines

# Subject keyword -> paper, from the UPSC Mains syllabus. A keyword matches at the start of a
# word ("urbani" matches Urbanization and Urbanisation); the earliest match in the subject wins.
SUBJECTS: tuple[tuple[str, str], ...] = (
    ("art", "GS1"), ("a&c", "GS1"), ("culture", "GS1"), ("heritage", "GS1"),
    ("history", "GS1"), ("historical", "GS1"), ("freedom struggle", "GS1"),
    ("society", "GS1"), ("social issue", "GS1"), ("women", "GS1"), ("population", "GS1"),
    ("poverty", "GS1"), ("urbani", "GS1"), ("communalism", "GS1"), ("geograph", "GS1"),
    ("places", "GS1"), ("person", "GS1"), ("indian society", "GS1"),
    ("polity", "GS2"), ("constitution", "GS2"), ("governance", "GS2"), ("parliament", "GS2"),
    ("judiciary", "GS2"), ("social justice", "GS2"), ("welfare", "GS2"), ("scheme", "GS2"),
    ("health", "GS2"), ("education", "GS2"), ("international relation", "GS2"), ("ir", "GS2"),
    ("bilateral", "GS2"), ("federalism", "GS2"), ("election", "GS2"), ("moyas", "GS2"),
    ("econom", "GS3"), ("budget", "GS3"), ("agricultur", "GS3"), ("infrastructure", "GS3"),
    ("energy", "GS3"), ("science", "GS3"), ("technology", "GS3"), ("space", "GS3"),
    ("s&t", "GS3"), ("it", "GS3"), ("biotechnology", "GS3"), ("environment", "GS3"),
    ("ecology", "GS3"), ("biodiversity", "GS3"), ("climate change", "GS3"),
    ("disaster", "GS3"), ("internal security", "GS3"), ("security", "GS3"),
    ("defence", "GS3"), ("cyber", "GS3"), ("banking", "GS3"), ("industry", "GS3"),
    ("ethics", "GS4"), ("integrity", "GS4"), ("aptitude", "GS4"), ("probity", "GS4"),
    ("case stud", "GS4"), ("attitude", "GS4"),
    ("essay", "Essay"), ("prelims", "Prelims"),
)  # fmt: skip

_PAPER = (
    r"(?:(?P<gs>gs|general\s+studies)\s*(?:paper)?\s*[-–—.]?\s*(?P<num>i{1,3}v?|iv|[1-4])(?![\w])"
    r"|(?P<named>prelims|essay)(?![\w]))"
)
PAPER_TOKEN = re.compile(_PAPER, re.IGNORECASE)
SYLLABUS = re.compile(r"^\s*syllabus\s*[:\-–]\s*(?P<value>.*)$", re.IGNORECASE)
PAPER_LINE = re.compile(r"^\s*" + _PAPER + r"\s*[:\-–]?\s*$", re.IGNORECASE)
CATEGORY_LINE = re.compile(r"^\s*(?:category|topic)\s*[:\-–]\s*(?P<value>.+)$", re.IGNORECASE)
PRELIMS_HEADING = re.compile(
    r"^\s*(?:facts?\s+for\s+prelims|prelims?\s+(?:oriented|facts|specific|bits|pointers)"
    r"|(?:mains\s+and\s+)?prelims\s+practice|pib\s+for\s+prelims)\b",
    re.IGNORECASE,
)
TITLE_MARKER = re.compile(
    r"^\s*[{\[]\s*" + _PAPER + r"\s*(?:[-–—:/]\s*(?P<rest>[^}\]]*))?[}\]]", re.IGNORECASE
)
SEPARATORS = " \t/:–—-,;&|.·"
ROMAN = {"i": "1", "ii": "2", "iii": "3", "iv": "4"}
NO_RULES = Rules()


def normalise_subject(subject: str) -> str:
    """Display form: entities decoded, spaces collapsed, separators trimmed, sane case."""
    text = " ".join(html.unescape(subject).replace("\xa0", " ").split()).strip(SEPARATORS)
    text = text.replace(" ,", ",")
    if text.isupper() and len(text) > 4:
        text = text.title()  # ENVIRONMENT -> Environment; keep short acronyms (A&C, IR)
    elif text[:1].islower():
        text = text[:1].upper() + text[1:]
    return text


def _paper(match: re.Match[str]) -> str:
    named = match.group("named")
    if named:
        return named.capitalize()
    num = match.group("num").lower()
    return "GS" + ROMAN.get(num, num)


def subject_paper(subject: str, rules: Rules = NO_RULES) -> str | None:
    """The paper a subject belongs to: the earliest keyword found in it wins."""
    low = " " + html.unescape(subject).lower().replace("\xa0", " ")
    best: tuple[int, str] | None = None
    for table in (rules.subjects, SUBJECTS):
        for keyword, paper in table:
            pattern = r"(?<![a-z0-9])" + re.escape(keyword.lower())
            if len(keyword) <= 3:
                pattern += r"(?![a-z0-9])"  # short keywords ("art", "it") only as whole words
            found = re.search(pattern, low)
            if found and (best is None or found.start() < best[0]):
                best = (found.start(), paper)
        if best:
            return best[1]
    return None


def split_papers(value: str) -> list[tuple[str, str]]:
    """`GS1/ Urbanization, challenges, GS2/ Governance` -> [(GS1, Urbanization, challenges),
    (GS2, Governance)]. Text before the first paper token is ignored."""
    tokens = list(PAPER_TOKEN.finditer(value))
    out = []
    for i, token in enumerate(tokens):
        end = tokens[i + 1].start() if i + 1 < len(tokens) else len(value)
        out.append((_paper(token), normalise_subject(value[token.end() : end])))
    return out


def _from_title(title: str) -> list[tuple[str, str]]:
    match = TITLE_MARKER.match(html.unescape(title or ""))
    if not match:
        return []
    return [(_paper(match), normalise_subject(match.group("rest") or ""))]


def _from_head(lines: list[str], rules: Rules) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    paper_line: str | None = None  # InsightsIAS: "GS Paper 1" on its own, then "Syllabus: …"
    for line in lines:
        if match := PAPER_LINE.match(line):
            paper_line = _paper(match)
        elif match := SYLLABUS.match(line):
            value = match.group("value")
            pairs = split_papers(value) if PAPER_TOKEN.match(value.strip()) else []
            if not pairs:
                subject = normalise_subject(value)
                paper = paper_line or subject_paper(subject, rules)
                pairs = [(paper, subject)] if paper else []
            found += pairs
        elif match := CATEGORY_LINE.match(line):
            subject = normalise_subject(match.group("value"))
            paper = subject_paper(subject, rules)
            if paper:
                found.append((paper, subject))
        elif PRELIMS_HEADING.match(line):
            found.append(("Prelims", ""))
    if paper_line and not found:
        found.append((paper_line, ""))
    return found


def _from_terms(
    term_ids: Iterable[int], names: Mapping[int, str], rules: Rules
) -> list[tuple[str, str]]:
    by_id = dict(rules.categories)
    out = []
    for term_id in term_ids:
        if term_id in by_id:
            out.append((by_id[term_id], normalise_subject(names.get(term_id, ""))))
            continue
        name = names.get(term_id)
        paper = subject_paper(name, rules) if name else None
        if paper:
            out.append((paper, normalise_subject(name or "")))
    return out


def classify(
    title: str,
    content: str,
    terms: Iterable[int] = (),
    rules: Rules = NO_RULES,
    names: Mapping[int, str] | None = None,
) -> tuple[list[str], list[str]]:
    """(papers, subjects) of a post. `terms` are its category and tag IDs; `names` their names.

    Papers keep the order the post gives them, without repeats; no marker at all gives
    ["Other"]. Subjects are the site's words, cleaned for display.
    """
    try:
        head = text_lines((content or "")[:HEAD_SCAN])[:HEAD_LINES]
        head = [line[:HEAD_CHARS] for line in head]
        pairs = _from_title(title) + _from_head(head, rules)
        if not pairs:
            pairs = _from_terms(terms, names or {}, rules)
    except (RecursionError, MemoryError):  # pathological input: file it, don't crash
        pairs = []
    papers: list[str] = []
    subjects: list[str] = []
    for paper, subject in pairs:
        if paper not in papers:
            papers.append(paper)
        if subject and subject not in subjects:
            subjects.append(subject)
    return (papers or ["Other"]), subjects


def classify_row(row: Mapping[str, Any], rules: Rules, names: Mapping[int, str]) -> dict[str, str]:
    """The store's columns for a post row (categories and tags as lists of IDs)."""
    terms = list(row.get("categories") or []) + list(row.get("tags") or [])
    papers, subjects = classify(
        row.get("title") or "", row.get("content") or "", terms, rules, names
    )
    return {
        "papers": json.dumps(papers),
        "subjects": json.dumps(subjects, ensure_ascii=False),
    }


def is_marker(line: str) -> bool:
    """A line of text that files the post (a syllabus, paper, category or Prelims marker):
    excerpts leave it out, since the digest shows the paper and subject anyway."""
    return any(m.match(line) for m in (SYLLABUS, PAPER_LINE, CATEGORY_LINE, PRELIMS_HEADING))
