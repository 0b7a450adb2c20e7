"""The code style is part of the build: ruff check and ruff format, as the guide asks."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_ruff_check_and_format():
    ruff = shutil.which("ruff")
    assert ruff, "ruff is a test dependency: pip install -e '.[test]'"
    check = subprocess.run([ruff, "check", "."], cwd=ROOT, capture_output=True, text=True)
    assert check.returncode == 0, check.stdout
    fmt = subprocess.run([ruff, "format", "--check", "."], cwd=ROOT, capture_output=True, text=True)
    assert fmt.returncode == 0, fmt.stdout


@pytest.mark.slow  # 20 s from cold: CI runs it, the inner loop does not
def test_mypy_finds_no_type_errors():
    """Types at the seams are checked, not hoped for: mypy over digest/ and spiders/
    (its settings are in pyproject.toml)."""
    mypy = shutil.which("mypy")
    assert mypy, "mypy is a test dependency: pip install -e '.[test]'"
    run = subprocess.run([mypy], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stdout + run.stderr
