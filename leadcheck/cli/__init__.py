"""The ``leadcheck`` command line: argument parsing, progress bars and exit codes only.

Exit status: 0 when the input was read (whatever the verdicts), 1 when ``--strict`` is
given and a customer is invalid, 2 for unusable input.
"""

from __future__ import annotations

import click

from leadcheck import __version__
from leadcheck.cli import chinese

# Installed before the command modules are imported, because click translates some words
# (help-option text, placeholders such as FILE) when their decorators run.
chinese.install()

from leadcheck.cli.merge import merge_command  # noqa: E402
from leadcheck.cli.template import template_group  # noqa: E402
from leadcheck.cli.validate import validate_command  # noqa: E402


@click.group(help="有效客户校验：检查客户登记表中的客户是否为有效客户，并说明原因。")
@click.version_option(__version__, "-V", "--version", prog_name="leadcheck")
@click.help_option("-h", "--help", help="显示本帮助并退出。")
def cli() -> None:
    pass


cli.add_command(validate_command)
cli.add_command(merge_command)
cli.add_command(template_group)
chinese.localize(cli)


def main() -> None:
    cli(prog_name="leadcheck")
