"""The marker grammar (digest/classify/markers.py): generated spellings and real ones.

Property tests build marker lines from the grammar sites share (label and paper in either
order, any separator, any case, Roman or Arabic numerals, with or without "Paper"/"General
Studies", bold or plain, several papers on a line, or the paper on one line and the subject
on the next), wrap them the way WordPress does, and check the paper and a clean subject come
out. The table below holds real spellings with where each was seen.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from digest.classify import decide

NUMERALS = {"GS1": ("1", "I", "i"), "GS2": ("2", "II", "ii"), "GS3": ("3", "III", "iii"),
            "GS4": ("4", "IV", "iv")}  # fmt: skip
GS_WORDS = ["GS", "Gs", "gs", "G.S.", "G.S", "General Studies", "GENERAL STUDIES", "Gen. Studies"]
PAPER_WORDS = ["", " Paper", " paper", " PAPER", "Paper"]
JOINERS = ["", " ", "-", " - ", " – ", "–", " —", "-"]
LABELS = ["Syllabus", "SYLLABUS", "syllabus", "UPSC Syllabus Topic", "Relevance",
          "Syllabus mapping", "Topic", "Related to", "Tags", "Focus"]  # fmt: skip
LABEL_SEPS = [":", " :", ": ", " - ", " – ", " | ", " —"]
HARD_SEPS = ["/", " / ", "|", " | ", ":", ": ", " – ", " — ", " - ", "-", ", ", "&nbsp;|&nbsp;"]
SUBJECTS = [
    "International Relations", "Polity and Governance", "Art &amp; Culture", "Economy",
    "Environment", "Science and Technology", "Person in News", "Indian Society",
    "Disaster Management", "Ethics in Public Administration", "Places in news, Geography",
    "Government Policies &amp; Interventions", "Bilateral ties with Japan",
]  # fmt: skip
CLEAN = {
    "Art &amp; Culture": "Art & Culture",
    "Government Policies &amp; Interventions": "Government Policies & Interventions",
}
PROSE = "<p>Officials said the plan, relevant to GS4 and Essay readers, will start in 2027.</p>"


@st.composite
def paper_token(draw, paper: str | None = None) -> tuple[str, str]:
    paper = paper or draw(st.sampled_from(["GS1", "GS2", "GS3", "GS4", "Prelims", "Essay"]))
    if paper in ("Prelims", "Essay"):
        return paper, draw(st.sampled_from([paper, paper.upper(), paper.lower()]))
    word = draw(st.sampled_from(GS_WORDS))
    paper_word = draw(st.sampled_from(PAPER_WORDS))
    if paper_word == "Paper" and word.endswith("."):
        paper_word = " Paper"
    if paper_word == "Paper":  # "GSPaper" is not written; "GS Paper", "G.S.PAPER" are
        paper_word = " Paper"
    joiner = draw(st.sampled_from(JOINERS))
    numeral = draw(st.sampled_from(NUMERALS[paper]))
    if numeral.isalpha() and joiner == "":  # "GSII" reads as a word; sites write "GS II", "GS-II"
        joiner = draw(st.sampled_from([" ", "-", " – "]))
    return paper, f"{word}{paper_word}{joiner}{numeral}"


def wrap(draw, line: str) -> str:
    style = draw(st.sampled_from(["strong", "plain", "b", "h4", "em-label", "nbsp"]))
    if style == "strong":
        return f"<p><strong>{line}</strong></p>"
    if style == "b":
        return f"<p><b>{line}</b></p>"
    if style == "h4":
        return f"<h4>{line}</h4>"
    if style == "nbsp":
        return f"<p>{line.replace(' ', '&nbsp;', 1)}&nbsp;</p>"
    return f"<p>{line}</p>"


SHAPES = ["label-paper", "paper-label", "label-subject-paper", "paper-subject", "subject-paper",
          "several", "two-lines"]  # fmt: skip


@st.composite
def marker_post(draw) -> tuple[str, list[str], list[str]]:
    """(content, expected papers, expected subjects) from one shape of the grammar."""
    shape = draw(st.sampled_from(SHAPES))
    label = draw(st.sampled_from(LABELS)) + draw(st.sampled_from(LABEL_SEPS))
    subject = draw(st.sampled_from(SUBJECTS))
    sep = draw(st.sampled_from(HARD_SEPS))
    paper, token = draw(paper_token())
    papers, subjects = [paper], [CLEAN.get(subject, subject)]
    lines: list[str]
    if shape == "label-paper":
        soft = draw(st.sampled_from(HARD_SEPS + [" "]))  # a label before allows a plain space
        lines = [f"{label} {token}{soft}{subject}"]
    elif shape == "paper-label":
        lines = [f"{token}{draw(st.sampled_from([' ', ' | ', ' – ']))}{label}{subject}"]
    elif shape == "label-subject-paper":
        lines = [f"{label} {subject}{sep}{token}"]
    elif shape == "paper-subject":
        lines = [f"{token}{sep}{subject}"]
    elif shape == "subject-paper":
        lines = [f"{subject}{sep}{token}" if draw(st.booleans()) else f"{subject} ({token})"]
    elif shape == "several":
        second_paper = draw(st.sampled_from([p for p in NUMERALS if p != paper]))
        _, token2 = draw(paper_token(second_paper))
        subject2 = draw(st.sampled_from([s for s in SUBJECTS if s != subject]))
        join = draw(st.sampled_from([", ", " &amp; ", " | ", "; "]))
        lines = [f"{label} {token}{sep}{subject}{join}{token2}{sep}{subject2}"]
        papers.append(second_paper)
        subjects.append(CLEAN.get(subject2, subject2))
    else:  # the paper alone, the subject under a label on the next line (InsightsIAS)
        lines = [token, f"{label} {subject}"]
    before = draw(st.lists(st.sampled_from(["<p>Context</p>", "<p><img src='x.png'></p>",
                                             "<p>Source: The Hindu</p>"]), max_size=2))  # fmt: skip
    html = "".join(before) + "".join(wrap(draw, line) for line in lines) + PROSE
    return html, papers, subjects


@settings(max_examples=600, deadline=None)
@given(marker_post())
def test_generated_markers_give_the_paper_and_a_clean_subject(case):
    content, papers, subjects = case
    decision = decide("A title", content)
    assert decision.papers == papers, decision.steps
    assert decision.subjects == subjects, decision.steps
    assert decision.reason.startswith("marker: ")


@settings(max_examples=300, deadline=None)
@given(paper_token(), st.sampled_from(["The", "Officials said", "This topic is important for"]))
def test_a_paper_mentioned_in_prose_does_not_count(token, opening):
    _, spelled = token
    content = f"<p>{opening} {spelled} questions this year, as the analysis shows.</p>" + PROSE
    assert decide("A title", content).papers == ["Other"]


# Real spellings, and where each was seen (public pages; fetched through the workplace
# search index on 2026-11-26). (line, papers, subjects)
REAL = [
    # IASbaba daily current affairs, test.iasbaba.com/posts/daily-current-affairs-ias-upsc-
    # prelims-and-mains-exam-27th-october-2025 and …-13th-november-2025
    ("( GS Paper 2 – Polity and Governance – Structure, Organization and Functioning of the "
     "Executive and the Judiciary)", ["GS2"],
     ["Polity and Governance – Structure, Organization and Functioning of the Executive and "
      "the Judiciary"]),
    ("(Related to: GS Paper 2 – Important International Institutions, Agencies and Fora)",
     ["GS2"], ["Important International Institutions, Agencies and Fora"]),
    ("(UPSC GS Paper II: Issues relating to development and management of Social Sector)",
     ["GS2"], ["Issues relating to development and management of Social Sector"]),
    ("Category: Government Schemes", ["GS2"], ["Government Schemes"]),
    ("Category: Environment and Ecology", ["GS3"], ["Environment and Ecology"]),
    # Rao's Academy current affairs, raosacademy.in/category/current-affairs (Dec 2025)
    ("Syllabus : GS 2 : International Reations", ["GS2"], ["International Reations"]),
    ("Syllabus : GS 2 : Governance", ["GS2"], ["Governance"]),
    # BYJU'S comprehensive news analysis, byjus.com/free-ias-prep/upsc-exam-comprehensive-
    # news-analysis-feb06 (section headings)
    ("B. GS2 Related", ["GS2"], []),
    ("C. GS3 Related", ["GS3"], []),
    # docslib.org/doc/623255 (an InsightsIAS-style compilation): "G.S.PAPER-1"
    ("G.S.PAPER-1", ["GS1"], []),
    # ForumIAS ("UPSC Syllabus Topic" on its 9 PM briefs; reference notes for the rest)
    ("UPSC Syllabus Topic: GS Paper 2 - Government Policies &amp; Interventions", ["GS2"],
     ["Government Policies & Interventions"]),
    # Vajiram & Ravi / Vision IAS / Shankar IAS / DrishtiIAS / PMF IAS: no page of theirs was
    # in the material reachable here; the spellings below follow the forms above in the order
    # the issue reports was missed (paper and label on one line, either order).
    ("GS2 | Syllabus: International Relations", ["GS2"], ["International Relations"]),
    ("International Relations | GS2", ["GS2"], ["International Relations"]),
    ("Relevance: GS Paper III – Economy", ["GS3"], ["Economy"]),
    ("Tags: GS Paper - 3, Indian Economy", ["GS3"], ["Indian Economy"]),
    ("GS Paper 2 &amp; 3: Polity, Economy", ["GS2", "GS3"], ["Polity, Economy"]),
    ("Polity (GS Paper 2)", ["GS2"], ["Polity"]),
    ("Syllabus: Mains – GS 3: Science &amp; Tech", ["GS3"], ["Science & Tech"]),
]  # fmt: skip


@pytest.mark.parametrize("line, papers, subjects", REAL, ids=[r[0][:40] for r in REAL])
def test_real_spellings(line, papers, subjects):
    content = f"<p><strong>{line}</strong></p><p>Context: the news of the day.</p>"
    decision = decide("A title", content)
    assert (decision.papers, decision.subjects) == (papers, subjects), decision.steps


# The paper on one line, the subject on the next: Dr Rajkumar IAS Academy daily analysis
# (drrajkumaracademy.com/showcurraffairs?CA_Id=3134), InsightsIAS secure synopsis
# (insightsonindia.com/2021/06/05/secure-synopsis-5-june-2021: "General Studies – 2").
TWO_LINES = [
    ("Focus: GS2.", "Topic: Issues relating to development and management of Health", "GS2"),
    ("General Studies – 1;", "Topic: Modern Indian history", "GS1"),
    ("GS Paper 1", "Syllabus: Physical Geography (Climate)", "GS1"),
]


@pytest.mark.parametrize("first, second, paper", TWO_LINES)
def test_paper_line_then_subject_line(first, second, paper):
    decision = decide("A title", f"<p>{first}</p><p>{second}</p><p>Body.</p>")
    assert decision.papers == [paper]
    assert decision.subjects == [second.split(":", 1)[1].strip()]


# Families read since the labelled set grew to 151 posts (tests/labelled_more.py has where
# each was seen): the papers each line files.
FAMILIES = [
    ("Mains Paper 3: Sci", ["GS3"]),  # CivilsDaily 2018, cut short in the stored copy
    ("GS3 Economy", ["GS3"]), ("GS1 Social Issue", ["GS1"]),  # jatinverma section headings
    ("Mains: GS II – Judiciary", ["GS2"]),  # Shankar IAS
    ("GS- 2nd Paper", ["GS2"]),  # Chrome IAS
    ("Topic in syllabus: Conservation, environmental pollution and degradation, environmental "
     "impact assessment. (GS-3)", ["GS3"]),  # raghukulcs
    ("Needed, a more unified Asian voice for Afghanistan (GS 2 IR)", ["GS2"]),  # Chahal
    ("📘 General Studies Paper 1: Indian Society, Geography, and History", ["GS1"]),
    ("Part of: Prelims and GS III – Economy", ["Prelims", "GS3"]),  # IASbaba 2021
    ("Syllabus: Prelims & Mains – POLITY", ["Prelims", "GS2"]),  # IASbaba 2025
    ("Syllabus: Prelims & Mains – CURRENT EVENT", ["Prelims"]),
    ("Main Examination: Government policies and interventions for development in various "
     "sectors", ["GS2"]),  # the Indian Express UPSC Key
    ("Content for Mains Enrichment (Ethics/Essay)", ["Essay", "GS4"]),  # InsightsIAS 2022
    ("Content for Mains Enrichment (CME)", ["Essay", "GS4"]),  # InsightsIAS 2023
]  # fmt: skip


@pytest.mark.parametrize("line, papers", FAMILIES, ids=[f[0][:40] for f in FAMILIES])
def test_families_read_from_the_labelled_set(line, papers):
    decision = decide("A title", f"<p><strong>{line}</strong></p><p>Context: the day.</p>")
    assert decision.papers == papers, decision.steps


NOT_MARKERS = [
    "Prelims level: FRBMA",  # CivilsDaily: a Prelims topic list, not a paper marker
    "GS3 economy questions were tough this year",  # prose, not a "GS3 Economy" heading
    "He said this. It matters for the exam (GS 2 IR)",  # a sentence ends before the bracket
    "Mains level: adhering to fiscal correction paths",
    "Prelims will be held on 25 May",
    "Essay writing is a skill",
    "The GS2 paper covers polity.",
    "Section 132 of the Income Tax Act",
]


@pytest.mark.parametrize("line", NOT_MARKERS)
def test_lines_that_are_not_markers(line):
    decision = decide("A title", f"<p>{line}</p><p>More text.</p>")
    assert decision.papers == ["Other"]
    assert decision.reason.startswith("none: no marker")


def test_reasons_say_what_matched_and_why_other():
    got = decide("t", "<p>Context</p><p><strong>Syllabus: GS2/Polity</strong></p>")
    assert got.reason == 'marker: line 2 "Syllabus: GS2/Polity" (paper first)'
    assert got.steps[0] == 'line 1 "Context": not a marker'
    fell = decide("t", "<p>No marker here.</p>", [7], names={7: "Environment"})
    assert fell.papers == ["GS3"] and fell.reason.startswith("terms: ")
    assert 'term 7 "Environment": syllabus table -> GS3' in fell.steps
    other = decide("t", "<p>No marker here.</p>", [8], names={8: "Daily Quiz"})
    assert other.papers == ["Other"]
    assert other.reason == (
        'none: no marker in the first 8 lines; categories/tags "Daily Quiz" name no paper'
    )
    unknown = decide("t", "<p>Category: Miscellaneous</p>")
    assert unknown.papers == ["Other"]
    assert unknown.reason.startswith('none: line 1 "Category: Miscellaneous"')
