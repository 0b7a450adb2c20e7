"""Keep README's references true: the commands' equal to their `--help`, the configuration's
to digest.config.reference (the keys the reader accepts, the model's defaults).

`python -m digest.readme` rewrites the blocks between the markers; tests fail when the
README disagrees with either.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from digest.cli import cli

START, END = "<!-- cli-reference:start -->", "<!-- cli-reference:end -->"
CONFIG_START, CONFIG_END = "<!-- config-reference:start -->", "<!-- config-reference:end -->"


def help_text(name: str | None) -> str:
    """Exactly what `wp-digest [NAME] --help` prints, at a fixed width."""
    from click.testing import CliRunner

    args = [name, "--help"] if name else ["--help"]
    result = CliRunner().invoke(
        cli, args, prog_name="wp-digest", terminal_width=100, max_content_width=100
    )
    return result.output.rstrip()


def reference() -> str:
    parts = [START, "", "```", help_text(None), "```"]
    for name in sorted(cli.commands):
        parts += ["", f"### `wp-digest {name}`", "", "```", help_text(name), "```"]
    return "\n".join(parts + ["", END])


def config_reference() -> str:
    from digest.config.reference import markdown

    return "\n".join([CONFIG_START, "", markdown(), "", CONFIG_END])


def update(readme: Path) -> bool:
    text = readme.read_text(encoding="utf-8")
    new = re.sub(re.escape(START) + ".*?" + re.escape(END), lambda m: reference(), text, flags=re.S)
    new = re.sub(re.escape(CONFIG_START) + ".*?" + re.escape(CONFIG_END),
                 lambda m: config_reference(), new, flags=re.S)  # fmt: skip
    if new != text:
        readme.write_text(new, encoding="utf-8")
    return new != text


if __name__ == "__main__":
    path = Path(sys.argv[1] if len(sys.argv) > 1 else "README.md")
    print(f"{path}: {'updated' if update(path) else 'already up to date'}")
