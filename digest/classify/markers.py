"""The marker grammar: how a line near the top of a post names its paper(s).

Sites do not share a format, but they share a family of them (tests/test_classify.py has
the real spellings, with where each came from). A marker line is

    [decoration] (LABEL | PAPER)+ [SUBJECT] (SEP PAPER [SUBJECT])*      "paper first"
    [decoration] SUBJECT SEP PAPER [closing]                            "subject first"

where LABEL is "Syllabus", "UPSC Syllabus Topic", "Relevance", "Related to", "Category",
"Topic", "Focus", "Tags"… followed by a separator; PAPER is GS1–GS4 in any spelling ("GS 2",
"GS-II", "G.S. Paper-1", "General Studies – 3", "GS Paper 2 & 3", "Paper II") or
Prelims/Essay; SEP is any of / | : – — - , ; and spaces. Decoration is a bullet, an
enumerator ("B.") or an opening bracket. Because a marker must *start* with a label or a
paper (or end with a paper after a separator), "The GS2 paper covers…" in running text
is not one. A line that is only a paper ("GS Paper 1") lends its paper to a subject-only
marker on the next line (InsightsIAS, Dr Rajkumar: "Focus: GS2." then "Topic: …").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from digest.classify.subjects import LABEL, subject_paper

# "2", "II", "२", and "2nd" (Chrome IAS: "GS- 2nd Paper")
NUM = r"(?:iv|i{1,3}|[1-4](?:st|nd|rd|th)?|[१-४])(?![\w])"
# "GS", "G.S.", "General Studies", and in Hindi editions "सामान्य अध्ययन", "जीएस"
GS = r"(?:g\.?\s?s\.?|gen(?:eral|l)?\.?\s*stud(?:ies|y)|सामान्य\s*अध्ययन|जी\.?\s?एस\.?)"
PAPER_WORD = r"(?:paper|पेपर|प्रश्न\s*-?\s*पत्र)"
_MORE = rf"(?:\s*(?:&|\band\b|,)\s*(?:{GS}\s*[-–—.]?\s*)?{NUM})*"
PAPER = re.compile(
    rf"(?<![\w])(?:(?:{GS})\s*[-–—.:]?\s*(?:{PAPER_WORD})?|{PAPER_WORD})\s*[-–—.:]?\s*"
    rf"(?P<num>{NUM}{_MORE})"
    r"|(?<![\w])(?P<named>prelim(?:s|inary)?(?:\s+exam(?:ination)?)?|essay"
    r"|प्रारंभिक\s*परीक्षा|प्रारम्भिक\s*परीक्षा|निबंध)(?![\w])",
    re.IGNORECASE,
)
# Words that may come before the label or paper: "UPSC GS Paper II: …", "UPSC CSE – SYLLABUS
# – GS – 3-", "UPSC CSE Mains Syllabus: GS-3-".
PREFIX_WORD = re.compile(r"(?:upsc|cse|ias|mains)(?:\s*[-–—:|]\s*|\s+)", re.IGNORECASE)
SEP = re.compile(r"[\s/|:–—\-,;&.·]*")
HARD_SEP = re.compile(r"\s*[/|:–—\-,;(\[]")
# Bullets, dashes and emoji ("📘 General Studies Paper 1: …") before a marker.
DECORATION = re.compile(
    r"^(?:[\s•·▪►✓*>\-–—\u2600-\u27bf\ufe0f\U0001f300-\U0001faff]+|[A-Za-z0-9]{1,2}[.)]\s+(?=\S))*[\s(\[{]*"
)
PRELIMS_HEADING = re.compile(
    r"^\s*(?:facts?\s+for\s+prelims|prelims?\s+(?:oriented|facts|specific|bits|pointers|corner)"
    r"|(?:mains\s+and\s+)?prelims\s+practice|pib\s+for\s+prelims|in\s+news\s+for\s+prelims"
    r"|प्रारंभिक\s*परीक्षा\s*(?:के\s*लिए|हेतु))\b",
    re.IGNORECASE,
)
# Section headings of daily compilations that name their papers by what they hold.
SECTION_HEADINGS = (
    (
        re.compile(
            r"^\s*(?:content|material)\s+for\s+mains\s+enrichment\s*(?:\(\s*(?:cme|essay\s*/"
            r"\s*ethics|ethics\s*/\s*essay)\s*\))?\s*:?\s*$",
            re.IGNORECASE,
        ),
        ("Essay", "GS4"),
    ),  # fmt: skip
    (
        re.compile(r"^\s*ethics\s+(?:case\s+stud(?:y|ies)|example)s?\s*:?\s*$", re.IGNORECASE),
        ("GS4",),
    ),  # fmt: skip
)
TITLE_MARKER = re.compile(r"^\s*[{\[](?P<inner>[^}\]]{1,200})[}\]]")
ROMAN = {"i": "1", "ii": "2", "iii": "3", "iv": "4", "१": "1", "२": "2", "३": "3", "४": "4"}
SENTENCE_END = re.compile(r"[a-z]{3,}[.!?] ")  # "…said. The" (not "Gen. Studies")
MAINS_SUBJECT = re.compile(
    r"\bmains\b(?!\s+(?:level|exam))\s*[-–—:|]\s*(?P<subject>[^/|:]{2,60})$", re.IGNORECASE
)
SUBJECT_FIRST_MAX = 120  # a "subject – GS2" line is short; a sentence ending in GS2 is prose


@dataclass(frozen=True)
class Marker:
    """One marker line, parsed. `papers[i]` is followed by `subjects[i]` (maybe "");
    `lead` is a subject given before any paper or without one."""

    rule: str  # "paper first" | "label, subject only" | "subject first" | "prelims heading"
    papers: tuple[str, ...]
    subjects: tuple[str, ...]
    lead: str = ""


def papers_of(token: re.Match[str]) -> list[str]:
    """ "GS Paper 2 & 3" -> [GS2, GS3]; "Prelims" -> [Prelims]."""
    named = token.group("named")
    if named:
        return ["Essay" if named.lower() in ("essay", "निबंध") else "Prelims"]
    nums = re.findall(r"iv|i{1,3}|[1-4]|[१-४]", token.group("num"), re.IGNORECASE)
    return ["GS" + ROMAN.get(n.lower(), n) for n in nums]


def _prefix(line: str, at: int) -> tuple[int, int, int]:
    """Read labels and papers from `at`: (end, labels seen, papers seen)."""
    labels = papers = 0
    while True:
        sep = SEP.match(line, at) if labels or papers else None
        at = sep.end() if sep else at
        while (word := PREFIX_WORD.match(line, at)) and not _label_at(line, at):
            at = word.end()  # "UPSC CSE – …", "Mains Paper 3:"; "Mains Examination:" is a label
        token = PAPER.match(line, at)
        if token and (labels or _paper_ends(line, token.end())):  # after a label, " " will do
            papers, at = papers + 1, token.end()
        elif (label := LABEL.match(line, at)) and _label_ends(line, label.end()):
            labels, at = labels + 1, label.end()
        else:
            return at, labels, papers


def _label_at(line: str, at: int) -> bool:
    label = LABEL.match(line, at)
    return label is not None and _label_ends(line, label.end())


def _paper_ends(line: str, end: int) -> bool:
    """A paper at the start stands alone: then a separator, a label, a bracket or the end."""
    rest = line[end:]
    if not rest.strip(" )]}.") or re.match(r"\s+related\b", rest, re.IGNORECASE):
        return True  # "GS Paper 1" alone; "B. GS2 Related" (BYJU'S section headings)
    if len(rest) < 80 and re.search(r"\s[-–—:|]\s*$", rest):
        return True  # "सामान्य अध्ययन पेपर 1 इतिहास -": a short subject, then a dash
    if re.fullmatch(r"(?:\s+(?:[A-Z][A-Za-z']*|and|&)){1,3}", rest) and subject_paper(rest):
        return True  # "GS3 Economy", "GS1 Social Issue": a heading naming a known subject
    return bool(HARD_SEP.match(rest) or LABEL.match(rest.lstrip()))


def _label_ends(line: str, end: int) -> bool:
    rest = line[end:]
    return bool(HARD_SEP.match(rest) or PAPER.match(rest.lstrip())) or not rest.strip()


def parse_line(line: str) -> Marker | None:
    """The marker a line of text holds, or None when it is not one."""
    decoration = DECORATION.match(line)
    start = decoration.end() if decoration else 0
    if PRELIMS_HEADING.match(line[start:]):  # "Facts for Prelims", "D. Facts for Prelims"
        return Marker("prelims heading", ("Prelims",), ("",))
    for heading, named in SECTION_HEADINGS:
        if heading.match(line[start:]):
            return Marker("section heading", named, tuple("" for _ in named))
    end, labels, papers = _prefix(line, start)
    if labels or papers:
        return _paper_first(line, start, labels)
    return _subject_first(line[start:]) or _bracket_last(line[start:])


def _paper_first(line: str, start: int, labels: int) -> Marker | None:
    body = line[start:]
    tokens = [t for t in PAPER.finditer(body) if t.group("num") or _named_ok(body, t)]
    if not tokens:
        return Marker("label, subject only", (), (), lead=body) if labels else None
    papers: list[str] = []
    subjects: list[str] = []
    for i, token in enumerate(tokens):
        stop = tokens[i + 1].start() if i + 1 < len(tokens) else len(body)
        for paper in papers_of(token):
            papers.append(paper)
            subjects.append(body[token.end() : stop])
    mains = MAINS_SUBJECT.search(body, tokens[-1].end())
    if mains and not any(p.startswith("GS") for p in papers):
        # "Syllabus: Prelims & Mains – POLITY" (IASbaba): the Mains paper is the subject's
        mains_paper = subject_paper(mains.group("subject"))
        if mains_paper:
            papers.append(mains_paper)
            subjects.append(mains.group("subject"))
    lead = body[: tokens[0].start()]
    return Marker("paper first", tuple(papers), tuple(subjects), lead=lead)


def _named_ok(body: str, token: re.Match[str]) -> bool:
    """ "Prelims"/"Essay" count as papers where they stand alone, not in "Prelims level"."""
    before = body[: token.start()].rstrip()
    if before and LABEL.search(before + " ") and LABEL.fullmatch(before.rstrip(":–—-| ")):
        return True  # "Syllabus: Prelims International Relations"
    return (not before or before[-1] in "/|:–—-,;(&") and _paper_ends(body, token.end())


def _subject_first(body: str) -> Marker | None:
    """ "International Relations | GS2", "Polity (GS Paper 2)": a short line ending in papers."""
    if len(body) > SUBJECT_FIRST_MAX:
        return None
    tail = len(body.rstrip(" \t)]}.;:,"))
    if not tail or not (body[tail - 1].isdigit() or body[tail - 1] in "ivIVsSyY"):
        return None  # ends in neither a numeral nor "Prelims"/"Essay"
    tokens = list(PAPER.finditer(body, 0, tail))
    if not tokens or tokens[-1].end() != tail:
        return None
    first = tokens[0]
    if SENTENCE_END.search(body[: first.start()].rstrip(" ([{")):
        return None  # prose; but "… impact assessment. (GS-3)" names its paper
    if not re.search(r"[/|:–—\-,;(\[]$", body[: first.start()].rstrip()):
        return None
    papers = [p for t in tokens for p in papers_of(t)]
    return Marker("subject first", tuple(papers), tuple("" for _ in papers), body[: first.start()])


BRACKET_LAST = re.compile(
    r"\((?P<inner>\s*(?:g\.?\s?s\.?|general\s+studies)[^()]{0,40})\)\s*$", re.IGNORECASE
)


def _bracket_last(body: str) -> Marker | None:
    """A heading that ends in its paper and subject in brackets (Chahal Academy: "Needed, a
    more unified Asian voice for Afghanistan (GS 2 IR)")."""
    found = BRACKET_LAST.search(body) if len(body) <= SUBJECT_FIRST_MAX + 40 else None
    if not found or SENTENCE_END.search(body[: found.start()]):
        return None
    inner = found.group("inner").strip()
    token = PAPER.match(inner)
    if token is None or not token.group("num"):
        return None
    papers = tuple(papers_of(token))
    subject = inner[token.end() :]
    return Marker("bracket last", papers, (subject,) + ("",) * (len(papers) - 1),
                  body[: found.start()])  # fmt: skip


TITLE_DATE = re.compile(
    r"^\s*(?:\d{1,2}\s+[A-Za-z]{3,9}|[A-Za-z]{3,9}\s+\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4})"
    r",?\s*(?:\d{4})?\s*[-–—:|]\s*"
)


def title_marker(title: str) -> Marker | None:
    """A paper in the title: in braces (PMF IAS: "{GS1 – A&C – Sites} Menhirs…"), or at its
    start, after a date maybe ("GS3 (Mains Answer Writing): …", "June 2 – GS4/Ethics: …")."""
    match = TITLE_MARKER.match(title)
    if match:
        marker = parse_line(match.group("inner"))
        return marker if marker and marker.papers else None
    date = TITLE_DATE.match(title)
    rest = title[date.end() :] if date else title
    token = PAPER.match(rest.lstrip())
    if not token or not re.match(r"\s*[(/|:–—\-]", rest.lstrip()[token.end() :]):
        return None  # the title does not start with a paper and a separator
    papers = papers_of(token)
    return Marker("title start", tuple(papers), tuple("" for _ in papers))


def is_marker(line: str) -> bool:
    """A line of text that files the post: excerpts leave it out, since the digest shows
    the paper and subject anyway."""
    marker = parse_line(line)
    return marker is not None and (bool(marker.papers) or marker.rule != "paper first")
