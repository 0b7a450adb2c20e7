"""`pip install .` gives a working wp-digest from any directory, package data included."""

from __future__ import annotations

import subprocess

from helpers import fresh_venv


def test_wheel_installs_and_runs_from_another_directory(tmp_path):
    env_dir = tmp_path / "venv"
    bin_dir = fresh_venv(tmp_path)
    work = tmp_path / "elsewhere"
    work.mkdir()

    def run(*args):
        return subprocess.run(args, cwd=work, capture_output=True, text=True, timeout=120)

    where = run(bin_dir / "python", "-c", "import digest, spiders; print(digest.__file__)")
    assert str(env_dir) in where.stdout, where.stdout + where.stderr
    version = run(bin_dir / "wp-digest", "--version")
    assert version.returncode == 0 and "0.1.0" in version.stdout
    assert run(bin_dir / "python", "-m", "digest", "--help").returncode == 0
    crawl = run(bin_dir / "wp-digest", "--db", "sample.db", "crawl", "--sample")
    assert crawl.returncode == 0, crawl.stderr
    assert "sample: 26 new" in crawl.stdout
    assert run(bin_dir / "wp-digest", "init").returncode == 0
    assert "[[source]]" in (work / "wp-digest.toml").read_text()
    # The whole pipeline from the installed wheel: templates and sample data must be in it.
    demo = run(bin_dir / "wp-digest", "demo", "--out", "demo")
    assert demo.returncode == 0, demo.stderr
    assert "Rendered 12 digests" in demo.stdout
    html = (work / "demo" / "daily-2026-04-22.html").read_text()
    assert "GS1" in html and "style=" in html  # rendered from the bundled templates, CSS inlined
    assert list((work / "demo" / "outbox").glob("*.eml"))
    assert (work / "demo" / "feed.xml").exists()
