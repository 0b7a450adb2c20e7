"""Subjects: the words a site gives after (or instead of) the paper, and the paper a subject
belongs to when the site names none. One table, built from the UPSC Mains syllabus."""

from __future__ import annotations

import html
import re

from digest.config.model import Rules

NO_RULES = Rules()
SEPARATORS = " \t/:–—-,;&|.·"
PAIRS = {"(": ")", "[": "]", "{": "}"}
# Words that label a marker ("Syllabus:", "UPSC Syllabus Topic", "Related to"), and that
# frame one rather than name a subject ("GS2 Related", "Paper").
LABEL = re.compile(
    r"(?:upsc\s+|mains\s+|gs\s+)?(?:syllabus(?:\s+(?:topic|mapping|covered|section))?"
    r"|relevance|relevant\s+(?:for|to|in)|related\s+to|categor(?:y|ies)"
    r"|topics?(?:\s+in\s+(?:the\s+)?syllabus)?|subjects?"
    r"|focus|tags?|section|part\s+of|mains(?:\s+exam(?:ination)?)?|main\s+exam(?:ination)?"
    r"|paper"
    # Hindi editions: "मुख्य परीक्षा" (Mains), "पाठ्यक्रम" (syllabus), "विषय" (topic)
    r"|मुख्य\s*परीक्षा|पाठ्यक्रम|विषय)(?![\w])",
    re.IGNORECASE,
)
FRAMING = re.compile(
    rf"^(?:(?:upsc|cse|mains)\s+|(?:{LABEL.pattern})[\s:–—\-|/.,;]*)+"
    r"|(?:\b(?:related|syllabus|section|paper))+$",
    re.IGNORECASE,
)

# Subject keyword -> paper, from the UPSC Mains syllabus. A keyword matches at the start of a
# word ("urbani" matches Urbanization and Urbanisation); the earliest match in the subject wins.
SUBJECTS: tuple[tuple[str, str], ...] = (
    ("art", "GS1"), ("a&c", "GS1"), ("culture", "GS1"), ("heritage", "GS1"),
    ("history", "GS1"), ("historical", "GS1"), ("freedom struggle", "GS1"),
    ("society", "GS1"), ("social issue", "GS1"), ("women", "GS1"), ("population", "GS1"),
    ("poverty", "GS1"), ("urbani", "GS1"), ("communalism", "GS1"), ("geograph", "GS1"),
    ("places", "GS1"), ("person", "GS1"), ("indian society", "GS1"),
    ("social sector", "GS2"), ("social service", "GS2"),
    ("polity", "GS2"), ("constitution", "GS2"), ("governance", "GS2"), ("parliament", "GS2"),
    ("judiciary", "GS2"), ("social justice", "GS2"), ("welfare", "GS2"), ("scheme", "GS2"),
    ("health", "GS2"), ("education", "GS2"), ("international relation", "GS2"), ("ir", "GS2"),
    ("international organi", "GS2"), ("international institution", "GS2"),
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
    # Phrases of the syllabus itself (sites quote it after "Main Examination:", "Topic:")
    ("government polic", "GS2"), ("government intervention", "GS2"), ("statutory", "GS2"),
    ("quasi-judicial", "GS2"), ("constitutional bod", "GS2"), ("pressure group", "GS2"),
    ("representation of people", "GS2"), ("vulnerable section", "GS2"), ("hunger", "GS2"),
    ("transparency", "GS2"), ("accountability", "GS2"), ("e-governance", "GS2"),
    ("civil service", "GS2"), ("diaspora", "GS2"),
    ("salient features of indian society", "GS1"), ("globali", "GS1"), ("regionalism", "GS1"),
    ("secularism", "GS1"), ("geophysical", "GS1"), ("world history", "GS1"),
    ("modern indian history", "GS1"), ("national movement", "GS1"),
    ("inclusive growth", "GS3"), ("investment model", "GS3"), ("land reform", "GS3"),
    ("food processing", "GS3"), ("money laundering", "GS3"), ("border management", "GS3"),
    ("terroris", "GS3"), ("extremis", "GS3"), ("conservation", "GS3"), ("pollution", "GS3"),
    ("mobilization of resources", "GS3"), ("employment", "GS3"), ("minimum support", "GS3"),
    ("irrigation", "GS3"), ("cropping", "GS3"), ("animal-rearing", "GS3"),
    ("intellectual property", "GS3"), ("emotional intelligence", "GS4"),
)  # fmt: skip


def normalise_subject(subject: str) -> str:
    """Display form: entities decoded, spaces collapsed, framing words and separators
    trimmed, sane case."""
    text = _trim(" ".join(html.unescape(subject).replace("\xa0", " ").split()))
    for _ in range(3):  # "Related to: Syllabus – Polity" -> "Polity"
        trimmed = _trim(FRAMING.sub("", text))
        if trimmed == text:
            break
        text = trimmed
    text = text.replace(" ,", ",")
    if text.isupper() and len(text) > 4:
        text = text.title()  # ENVIRONMENT -> Environment; keep short acronyms (A&C, IR)
    elif text[:1].islower():
        text = text[:1].upper() + text[1:]
    return text


def _trim(text: str) -> str:
    """Separators off both ends, and brackets that open or close nothing: "(Climate)" stays,
    the "(" of "(UPSC GS Paper II: …)" goes."""
    while True:
        text = text.strip(SEPARATORS)
        if text[:1] in PAIRS and PAIRS[text[0]] not in text:
            text = text[1:]
        elif text[-1:] in PAIRS:
            text = text[:-1]
        elif text[-1:] in PAIRS.values() and text.count(text[-1]) > sum(
            text.count(o) for o, c in PAIRS.items() if c == text[-1]
        ):
            text = text[:-1]
        else:
            return text


def subject_paper(subject: str, rules: Rules = NO_RULES) -> str | None:
    """The paper a subject belongs to: the earliest keyword found in it wins; a source's own
    [source.classify] subjects before the built-in table."""
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
