"""The rendered digest in a real browser: headless Chromium at phone and desktop widths."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from PIL import Image, ImageStat
from test_digest import crawled, view_for  # noqa: F401 - the fixture is used below

from digest import render
from digest.config import DigestSettings

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
if not CHROMIUM and not os.environ.get("CI"):
    pytest.skip("chromium is not installed (apt-get install chromium)", allow_module_level=True)

FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--hide-scrollbars",
]  # fmt: skip


def chromium(tmp_path: Path, width: int, *args: str) -> subprocess.CompletedProcess:
    assert CHROMIUM, "CI must have chromium: .ci/run installs it"
    profile = tmp_path / f"profile-{width}"
    cmd = [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", f"--window-size={width},1600", *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120)


@pytest.fixture
def page(crawled, tmp_path):  # noqa: F811
    html = render.Renderer(DigestSettings()).html(view_for(crawled, "weekly", date(2026, 4, 15)))
    path = tmp_path / "digest.html"
    path.write_text(html, encoding="utf-8")
    return path


@pytest.mark.parametrize("width", [375, 1024])
def test_renders_non_blank(page, tmp_path, width):
    shot = tmp_path / f"shot-{width}.png"
    result = chromium(tmp_path, width, f"--screenshot={shot}", page.as_uri())
    assert shot.exists(), result.stderr[-2000:]
    image = Image.open(shot).convert("L")
    assert image.size[0] == width
    stat = ImageStat.Stat(image)
    assert stat.stddev[0] > 20  # text and headings, not a blank page
    dark = sum(image.histogram()[:100])
    assert dark > 2000  # plenty of dark (text) pixels


def test_no_horizontal_overflow_on_a_phone(page, tmp_path):
    # Headless windows are at least 500 px wide, so the phone is a 375 px iframe.
    probe = tmp_path / "probe.html"
    probe.write_text(
        f'<iframe id="f" src="{page.name}" style="width:375px;height:900px;border:0" '
        'onload="var d=this.contentWindow.document.documentElement;'
        "document.body.setAttribute('data-probe', d.scrollWidth + 'x' + "
        'this.contentWindow.innerWidth)"></iframe>',
        encoding="utf-8",
    )
    result = chromium(
        tmp_path, 1024, "--allow-file-access-from-files", "--dump-dom", probe.as_uri()
    )
    match = re.search(r'data-probe="(\d+)x(\d+)"', result.stdout)
    assert match, result.stderr[-2000:]
    scroll, inner = map(int, match.groups())
    assert inner == 375
    assert scroll <= inner, f"content is {scroll}px wide in a {inner}px viewport"
