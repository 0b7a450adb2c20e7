"""Inferred filing: for a post with no marker, the paper its words say it is about.

A small, transparent model, written here: multinomial naive Bayes over a post's words (its
title, headings and text, and its site's category and tag names). Its counts start from
the syllabus vocabulary (digest.classify.vocabulary) and grow with every post a site did
mark: those are labelled examples, and the store keeps what they taught (table
`learned_words`, rebuilt by `reclassify`). Deterministic: the same counts and the same post
give the same filing. A paper is inferred only when the model is confident (CONFIDENT) and
has evidence (EVIDENCE words at least); otherwise the post stays "Other" with its best
guess in the reason. Why not scikit-learn: this model needs no fitting step, loads in
microseconds in the crawler, and says which words decided — and it measured as well on the
labelled posts (bench/RESULTS.md).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from digest.classify.vocabulary import VOCABULARY

PAPERS = tuple(VOCABULARY)  # what can be inferred (Essay is left to markers)
WORD = re.compile(r"[a-z][a-z\-]{2,}|[\u0900-\u097f]{2,}")
STOP = frozenset(
    """the and for with that this from are was were has have had its their which will
    been into also more than after over under about said says would could should other
    such these those they them then there here what when where while who whom whose why
    how all any both each few most some only own same very can just not but our out per
    new one two three first last year years day days today week month india indian
    government govt news context source sources recently recent upsc ias prelims mains
    exam gs paper syllabus key points about important introduction conclusion""".split()
)
PRIOR_WEIGHT = 3.0  # a syllabus word counts as this many sightings in marked posts
SMOOTHING = 0.5
CONFIDENT = 0.8  # posterior of the best paper needed to file it
EVIDENCE = 3  # distinct words that favour it, at least
TEMPER = 12.0  # words per unit of evidence: long posts are not more certain per word
MAX_WORDS = 1500


@dataclass(frozen=True)
class Guess:
    paper: str
    confidence: float
    evidence: tuple[str, ...]  # the words that most favour it
    scores: tuple[tuple[str, float], ...]  # every paper's posterior, best first
    filed: bool  # confident enough to file


class Model:
    """Word counts per paper: the vocabulary's, plus what marked posts taught."""

    def __init__(self, learned: Mapping[str, Mapping[str, float]] | None = None):
        self.counts: dict[str, dict[str, float]] = {}
        for paper, text in VOCABULARY.items():
            counts: dict[str, float] = {}
            for word in words(text):
                counts[word] = counts.get(word, 0.0) + PRIOR_WEIGHT
            for word, n in (learned or {}).get(paper, {}).items():
                counts[word] = counts.get(word, 0.0) + n
            self.counts[paper] = counts
        self.vocab = set().union(*self.counts.values())
        self.totals = {p: sum(c.values()) for p, c in self.counts.items()}

    def guess(self, tokens: Iterable[str]) -> Guess | None:
        """The best paper for these words, or None when none of them is known."""
        seen = Counter(w for w in tokens if w in self.vocab)
        if not seen:
            return None
        size = len(self.vocab)
        logs = {}
        for paper in PAPERS:
            total, counts = self.totals[paper], self.counts[paper]
            logs[paper] = sum(
                n * math.log((counts.get(w, 0.0) + SMOOTHING) / (total + SMOOTHING * size))
                for w, n in seen.items()
            )
        temper = max(1.0, sum(seen.values()) / TEMPER)
        top = max(logs.values())
        weights = {p: math.exp((v - top) / temper) for p, v in logs.items()}
        norm = sum(weights.values())
        scores = sorted(((p, w / norm) for p, w in weights.items()), key=lambda x: -x[1])
        best, confidence = scores[0]
        favour = sorted(
            (w for w in seen if self._favours(w, best)),
            key=lambda w: (-seen[w] * self._lift(w, best), w),
        )
        filed = confidence >= CONFIDENT and len(favour) >= EVIDENCE
        return Guess(best, confidence, tuple(favour[:6]), tuple(scores), filed)

    def _rate(self, word: str, paper: str) -> float:
        return (self.counts[paper].get(word, 0.0) + SMOOTHING) / self.totals[paper]

    def _lift(self, word: str, paper: str) -> float:
        others = max(self._rate(word, p) for p in PAPERS if p != paper)
        return self._rate(word, paper) / others

    def _favours(self, word: str, paper: str) -> bool:
        return self._lift(word, paper) > 1.5


def words(text: str) -> list[str]:
    """Lower-case words of plain text, stop words out."""
    return [w.strip("-") for w in WORD.findall(text.lower()) if w not in STOP]


def tokens(title: str, text_lines: Iterable[str], term_names: Iterable[str] = ()) -> list[str]:
    """A post's words for the model: the title counts twice, terms' names once each."""
    out = words(title) * 2
    for line in text_lines:
        out += words(line)
        if len(out) > MAX_WORDS:
            break
    for name in term_names:
        out += words(name)
    return out


def describe(guess: Guess) -> str:
    """The reason's tail: "GS3 0.83 — monsoon, kharif, msp"."""
    why = ", ".join(guess.evidence[:5])
    return f"{guess.paper} {guess.confidence:.2f}" + (f" — {why}" if why else "")
