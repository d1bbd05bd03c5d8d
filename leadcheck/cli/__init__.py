"""The ``leadcheck`` command line: argument parsing, progress bars and exit codes only.

Exit status: 0 when the input was read (whatever the verdicts), 1 when ``--strict`` is
given and a customer is invalid, 2 for unusable input.
"""

from __future__ import annotations

import click

from leadcheck import __version__
from leadcheck.cli import chinese
from leadcheck.cli.validate import validate_command

chinese.install()


@click.group(help="有效客户校验：检查客户登记表中的客户是否为有效客户，并说明原因。")
@click.version_option(__version__, "-V", "--version", prog_name="leadcheck")
@click.help_option("-h", "--help")
def cli() -> None:
    pass


cli.add_command(validate_command)


def _add_optional_commands() -> None:
    """Register the commands whose modules are present in this build."""
    from leadcheck.cli import merge, template

    cli.add_command(merge.merge_command)
    cli.add_command(template.template_group)


try:
    _add_optional_commands()
except ImportError:
    pass


def main() -> None:
    cli(prog_name="leadcheck")
