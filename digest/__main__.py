"""`python -m digest` and the `wp-digest` script (pyproject's console script points here).

sqlite-utils imports numpy whenever it is installed, and scikit-learn installs it for the
stories model, which runs in a short child of its own (digest.store.stories). No command
uses numpy; the daemon and the readers' site would carry it (10-20 MB) for months. So the
command line tells Python, before anything is imported, that there is none.
"""

import sys


def main() -> None:
    sys.modules.setdefault("numpy", None)  # type: ignore[arg-type]
    from digest.cli import main as command_line

    command_line()


if __name__ == "__main__":
    main()
