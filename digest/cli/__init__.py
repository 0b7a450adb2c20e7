"""The `wp-digest` command line: thin commands that wire config, crawl, store and render.

Exit codes: 0 ok, 1 a runtime failure (a source or a delivery failed), 2 usage or config error.
Each module registers its commands on the one group in `base`.
"""

from digest.cli import check, filing, ops, pipeline, readers, stories
from digest.cli.base import cli

cli.add_command(filing.explain)
cli.add_command(filing.file_cmd)
cli.add_command(stories.cluster)
cli.add_command(readers.subscribers_group)
cli.add_command(readers.serve)
cli.add_command(ops.backup)
cli.add_command(ops.posts)
cli.add_command(check.check)
cli.add_command(ops.demo_cmd)
cli.add_command(ops.bounces_cmd)

__all__ = ["cli", "main", "pipeline"]


def main() -> None:
    """The console script. Ctrl-C ends any command with status 130, as shells expect (click
    alone would say "Aborted!" and exit 1, like a failure)."""
    import sys

    import click

    try:
        code = cli.main(prog_name="wp-digest", standalone_mode=False)
    except (KeyboardInterrupt, click.exceptions.Abort):
        click.echo("interrupted", err=True)
        sys.exit(130)
    except click.ClickException as e:
        e.show()
        sys.exit(e.exit_code)
    sys.exit(code if isinstance(code, int) else 0)
