"""File a post under its UPSC syllabus paper(s), and say why. Pure: no I/O, never raises.

The decision (`decision.py`): a marker near the top (the grammar in `markers.py`), items of
a compilation (`items.py`), the post's category and tag names through the syllabus
table (`subjects.py`), and for a post without a marker the model of `infer.py`. `filing.py`
applies the operator's pins and gives the store plain values to keep.
"""

from __future__ import annotations

from digest.classify.decision import Decision, classify, decide
from digest.classify.filing import Filing, file_post
from digest.classify.markers import is_marker
from digest.classify.subjects import normalise_subject, subject_paper
from digest.config.model import Rules
from digest.papers import PAPERS

__all__ = [
    "PAPERS",
    "Decision",
    "Filing",
    "Rules",
    "classify",
    "decide",
    "file_post",
    "is_marker",
    "normalise_subject",
    "subject_paper",
]
