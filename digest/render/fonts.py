"""Does an installed font cover the scripts a book is written in? If not, say so once.

WeasyPrint draws a box ("tofu") for every character no font covers and says nothing; a
monthly book of Hindi posts would be unreadable without a warning. fontconfig (which Pango,
and so WeasyPrint, uses) is asked through `fc-list`.
"""

from __future__ import annotations

import functools
import logging
import shutil
import subprocess
from collections.abc import Iterable

log = logging.getLogger("wp-digest.render")

# Indian scripts current-affairs sites publish in: Unicode block, fontconfig language, and
# the Debian package with a Noto font for it.
SCRIPTS: dict[str, tuple[int, int, str]] = {
    "Devanagari": (0x0900, 0x097F, "hi"),
    "Bengali": (0x0980, 0x09FF, "bn"),
    "Gurmukhi": (0x0A00, 0x0A7F, "pa"),
    "Gujarati": (0x0A80, 0x0AFF, "gu"),
    "Odia": (0x0B00, 0x0B7F, "or"),
    "Tamil": (0x0B80, 0x0BFF, "ta"),
    "Telugu": (0x0C00, 0x0C7F, "te"),
    "Kannada": (0x0C80, 0x0CFF, "kn"),
    "Malayalam": (0x0D00, 0x0D7F, "ml"),
}
PACKAGE = "fonts-noto-core"
_warned: set[str] = set()


def scripts_in(texts: Iterable[str]) -> set[str]:
    found: set[str] = set()
    for text in texts:
        for char in text:
            code = ord(char)
            if code < 0x0900 or code > 0x0D7F:
                continue
            for name, (first, last, _) in SCRIPTS.items():
                if first <= code <= last:
                    found.add(name)
    return found


@functools.cache
def covered(lang: str) -> bool:
    """Whether fontconfig knows a font for this language (assumed yes without fc-list)."""
    fc_list = shutil.which("fc-list")
    if not fc_list:
        return True
    try:
        out = subprocess.run(
            [fc_list, f":lang={lang}", "family"], capture_output=True, text=True, timeout=30
        )
    except (OSError, subprocess.TimeoutExpired):
        return True
    return bool(out.stdout.strip())


def warn_uncovered(texts: Iterable[str]) -> list[str]:
    """Warn once per process for each script in `texts` that no installed font covers;
    returns the scripts warned about now."""
    missing = []
    for script in sorted(scripts_in(texts) - _warned):
        if not covered(SCRIPTS[script][2]):
            _warned.add(script)
            missing.append(script)
            log.warning(
                "no installed font covers %s: the monthly PDF shows boxes instead of its text "
                "(install one: apt-get install %s)",
                script,
                PACKAGE,
            )
    return missing


def book_ready(texts: Iterable[str]) -> tuple[bool, str]:
    """For `wp-digest check`: can the monthly book be laid out, in every script `texts`
    (the stored posts' titles) are written in? (ok, what was found)"""
    try:
        import weasyprint  # heavy: only when asked
    except (ImportError, OSError) as e:  # OSError: Pango's shared libraries are missing
        return False, f"WeasyPrint cannot load ({e}); install Pango: apt-get install libpango-1.0-0"
    if not covered("en"):
        return False, "no font is installed: apt-get install fonts-dejavu-core"
    scripts = sorted(scripts_in(texts))
    missing = [s for s in scripts if not covered(SCRIPTS[s][2])]
    if missing:
        return False, (f"no font covers {', '.join(missing)}, used by stored posts: "
                       f"apt-get install {PACKAGE}")  # fmt: skip
    return True, f"WeasyPrint {weasyprint.__version__}; fonts for Latin" + "".join(
        f", {s}" for s in scripts
    )
