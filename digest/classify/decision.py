"""File a post under its UPSC syllabus paper(s), and say why. Pure: no I/O, never raises.

Sites mark the paper near the top of each post, in many spellings; `markers` holds the
grammar they share. Only a marker in the title or the first HEAD_LINES lines counts: a
sentence that mentions "GS2" further down does not make a post GS2. A subject without a
paper, and failing all markers the post's category and tag names, go through one subject
table built from the UPSC syllabus (`subjects`). Every decision carries its reason, stored
with the post, so `explain` and `status` can say why a post is where it is.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from digest.classify import infer, items
from digest.classify.items import Item
from digest.classify.markers import Marker, parse_line, title_marker
from digest.classify.subjects import normalise_subject, subject_paper
from digest.config.model import Rules
from digest.text import text_lines

HEAD_LINES = 8  # how far down "near the top" reaches, in lines of text
HEAD_CHARS = 1200
HEAD_SCAN = 4000  # characters of HTML read, at most, to find the first HEAD_LINES lines
FIRST_SCAN = 1200  # read first; most posts have their HEAD_LINES lines in it
NO_RULES = Rules()
SHOWN = 70  # characters of a line quoted in a reason


@dataclass
class Decision:
    """Papers and subjects of a post, the one-line reason (stored with the post; it starts
    with a code: marker, title, terms, pinned, none) and the steps `explain` prints."""

    papers: list[str] = field(default_factory=list)
    subjects: list[str] = field(default_factory=list)
    reason: str = ""
    steps: list[str] = field(default_factory=list)
    trace: bool = True  # keep the steps (explain); filing at crawl speed leaves them out
    items: list[Item] = field(default_factory=list)  # a compilation's, each filed on its own

    def step(self, text: str) -> None:
        self.steps.append(text)

    def add(self, paper: str, subject: str) -> None:
        if paper not in self.papers:
            self.papers.append(paper)
        if subject and subject not in self.subjects:
            self.subjects.append(subject)


def _quote(line: str) -> str:
    line = " ".join(line.split())
    return json.dumps(line if len(line) <= SHOWN else line[: SHOWN - 1] + "…", ensure_ascii=False)


def _apply(marker: Marker, decision: Decision, pending: list[str], rules: Rules) -> list[str]:
    """Add a marker's papers and subjects; return the papers a next line may take up."""
    lead = normalise_subject(marker.lead)
    if not marker.papers:  # a subject alone: the paper line above, else the syllabus table
        paper = pending[0] if pending else (subject_paper(lead, rules) if lead else None)
        if paper:
            decision.add(paper, lead)
        return []
    subjects = [normalise_subject(s) for s in marker.subjects]
    if lead and not subjects[0]:  # "Syllabus: International Relations | GS2"
        subjects[0] = lead
    for paper, subject in zip(marker.papers, subjects, strict=True):
        decision.add(paper, subject)
    return list(marker.papers) if not any(subjects) else []


def decide(
    title: str,
    content: str,
    terms: Iterable[int] = (),
    rules: Rules = NO_RULES,
    names: Mapping[int, str] | None = None,
    *,
    trace: bool = True,
    model: infer.Model | None = None,
) -> Decision:
    """The filing decision for a post. `terms` are its category and tag IDs; `names` their
    names. Papers keep the order the post gives them; nothing found gives ["Other"]. With a
    `model`, a post without a marker is filed by what it is about when the model is sure."""
    decision = Decision(trace=trace)
    try:
        _decide(decision, title or "", content or "", terms, rules, names or {}, model)
        if not decision.papers and model is not None:
            _infer(decision, title or "", content or "", terms, names or {}, model)
    except (RecursionError, MemoryError):  # pathological input: file it, don't crash
        decision = Decision(reason="none: the post could not be read")
    if not decision.papers:
        decision.papers = ["Other"]
    return decision


def _infer_item(heading: str, lines: list[str], model: infer.Model):
    """An item of a compilation with no marker and no section, filed by its words."""
    guess = model.guess(infer.tokens(heading, lines))
    if guess is None or not guess.filed:
        return None
    return (guess.paper,), (), f"inferred: {infer.describe(guess)}"


def _decide(decision, title, content, terms, rules, names, model=None) -> None:
    heading = " ".join(text_lines(html.unescape(title)))
    if (marker := title_marker(heading)) is not None:
        _apply(marker, decision, [], rules)
        if decision.trace:
            decision.step(f"title {_quote(heading)}: title marker -> {_found(decision)}")
    if "<h" in content or "<strong" in content or "<b>" in content or "<tr" in content:
        guess = (lambda heading, lines: _infer_item(heading, lines, model)) if model else None
        found = items.split(content, lambda lines: _file_lines(lines, rules), guess)
        if found:
            _from_items(decision, found)
            return
    lines = text_lines(content[:FIRST_SCAN])
    if len(lines) <= HEAD_LINES and len(content) > FIRST_SCAN:  # the last may be cut short
        lines = text_lines(content[:HEAD_SCAN])
    head = [line[:HEAD_CHARS] for line in _readable(lines)[:HEAD_LINES]]
    matched = _scan(head, decision, rules)
    first_match = ""
    if matched:
        number, line, rule = matched[0]
        first_match = f"line {number} {_quote(line)} ({rule})"
    if decision.papers:
        first = first_match or f"title {_quote(heading)}"
        code = "marker" if matched else "title"
        decision.reason = f"{code}: {first}"
        return
    if matched:
        decision.step("a marker was found but named no paper the syllabus knows")
    else:
        decision.step(f"no marker in the title or the first {HEAD_LINES} lines")
    by_id = dict(rules.categories)
    for term_id in terms:
        name = names.get(term_id, "")
        paper = by_id.get(term_id) or (subject_paper(name, rules) if name else None)
        how = "source rule" if term_id in by_id else "syllabus table"
        if paper:
            decision.add(paper, normalise_subject(name))
            decision.steps.append(f"term {term_id} {_quote(name)}: {how} -> {paper}")
    if decision.papers:
        decision.reason = f"terms: {'; '.join(decision.steps[-len(decision.papers) :])}"[:300]
    elif matched:
        decision.reason = f"none: {first_match} names no known paper or subject"
    else:
        named = [names[t] for t in terms if t in names]
        why = (
            f"categories/tags {', '.join(map(_quote, named))} name no paper"
            if named
            else ("no category or tag names a paper")
        )
        decision.reason = f"none: no marker in the first {HEAD_LINES} lines; {why}"[:300]
    if not decision.papers:
        decision.steps.append("-> Other")


# Lines that come before what a reader reads: promotions, share buttons, a contents list's
# title. They do not count towards "the first lines" (a marker under them is still near
# the top of the post).
BOILERPLATE = re.compile(
    r"^\s*(?:table\s+of\s+contents?|contents|share(?:\s+(?:this|on|via))?\b|print\b"
    r"|(?:join|follow)\s+(?:us|our)\b|click\s+here\b|download\b|subscribe\b|whatsapp\b"
    r"|telegram\b|facebook\b|twitter\b|linkedin\b|email\b|copy\s+link|read\s+more\b"
    r"|posted\s+(?:on|by)\b|by\s+admin\b|last\s+updated\b|home\s*[»>/]|admission|enrol"
    r"|call\s+(?:us|now)\b|toggle\b|\[?\s*hide\s*\]?$|\d+\s+(?:views|comments|min\s+read))",
    re.IGNORECASE,
)
READ_AT_MOST = 40  # lines looked at for the first HEAD_LINES a reader reads


def _readable(lines: list[str]) -> list[str]:
    return [line for line in lines[:READ_AT_MOST] if not BOILERPLATE.match(line)]


def _scan(head: list[str], decision: Decision, rules: Rules) -> list[tuple[int, str, str]]:
    """Apply the markers among `head`'s lines; the (number, line, rule) of each."""
    pending: list[str] = []
    matched: list[tuple[int, str, str]] = []
    for number, line in enumerate(head, 1):
        marker = parse_line(line)
        if marker is None:
            if decision.trace:
                decision.step(f"line {number} {_quote(line)}: not a marker")
            pending = []
            continue
        before = len(decision.papers), len(decision.subjects)
        pending = _apply(marker, decision, pending, rules)
        if decision.trace:
            gained = (len(decision.papers), len(decision.subjects)) != before
            result = _found(decision) if gained else "no paper (subject not in the table)"
            decision.step(f"line {number} {_quote(line)}: {marker.rule} -> {result}")
        matched.append((number, line, marker.rule))
    return matched


def _file_lines(lines: list[str], rules: Rules):
    """The first lines of an item, filed: (papers, subjects, reason) or None."""
    found = Decision(trace=False)
    matched = _scan([line[:HEAD_CHARS] for line in _readable(lines)], found, rules)
    if not found.papers:
        return None
    number, line, rule = matched[0]
    return tuple(found.papers), tuple(found.subjects), f"line {number} {_quote(line)} ({rule})"


def _from_items(decision: Decision, found: list[Item]) -> None:
    """A compilation: its papers are its items' papers, in order; each item keeps its own."""
    decision.items = found
    decision.papers, decision.subjects = [], []  # the items decide, not a title or a TOC
    for item in found:
        for i, paper in enumerate(item.papers):
            decision.add(paper, item.subjects[i] if i < len(item.subjects) else "")
        if decision.trace:
            decision.step(f"item {item.n} {_quote(item.heading)}: {item.reason} -> "
                          f"{', '.join(item.papers)}")  # fmt: skip
    shares = ", ".join(f"{p} {sum(p in i.papers for i in found)}" for p in decision.papers)
    decision.reason = f"items: {len(found)} items ({shares})"[:300]


def _infer(decision, title, content, terms, names, model: infer.Model) -> None:
    """The last step before "Other": the post's words against the model."""
    heading = " ".join(text_lines(html.unescape(title)))
    words = infer.tokens(heading, text_lines(content[:INFER_SCAN]),
                         [names[t] for t in terms if t in names])  # fmt: skip
    guess = model.guess(words)
    if guess is None:
        return
    if decision.trace:
        scores = ", ".join(f"{p} {s:.2f}" for p, s in guess.scores)
        decision.step(f"inferred from the words: {scores}; evidence {', '.join(guess.evidence)}")
    if guess.filed:
        decision.add(guess.paper, "")
        decision.reason = f"inferred: {infer.describe(guess)}"[:300]
        decision.steps.append(f"-> {guess.paper} (confidence {guess.confidence:.2f})")
    else:
        decision.reason = f"none: no marker; best guess {guess.paper} {guess.confidence:.2f}"


INFER_SCAN = 20_000  # characters of a post's HTML the model reads


def _found(decision: Decision) -> str:
    subjects = f" ({'; '.join(decision.subjects)})" if decision.subjects else ""
    return ", ".join(decision.papers) + subjects


def classify(
    title: str,
    content: str,
    terms: Iterable[int] = (),
    rules: Rules = NO_RULES,
    names: Mapping[int, str] | None = None,
) -> tuple[list[str], list[str]]:
    """(papers, subjects) of a post: `decide` without the reasons."""
    decision = decide(title, content, terms, rules, names, trace=False)
    return decision.papers, decision.subjects
