"""The ``leadcheck`` command line: argument parsing, progress bars and exit codes only.

Exit status: 0 when the input was read (whatever the verdicts), 1 when ``--strict`` is
given and a customer is invalid, 2 for unusable input.
"""

from __future__ import annotations

import importlib

import click

from leadcheck import __version__
from leadcheck.cli import chinese

# Installed before any command module is imported, because click translates some words
# (help-option text, placeholders such as FILE) when their decorators run.
chinese.install()

# Subcommand name → "module:attribute". A command's module, with its libraries (openpyxl,
# rapidfuzz, xlsxwriter), is imported only when that command runs or help lists it, so
# `leadcheck validate --json` does not pay for merge and template start-up.
SUBCOMMANDS = {
    "validate": "leadcheck.cli.validate:validate_command",
    "merge": "leadcheck.cli.merge:merge_command",
    "template": "leadcheck.cli.template:template_group",
}


class LazyGroup(click.Group):
    """A group whose subcommands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*SUBCOMMANDS, *super().list_commands(ctx)})

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in self.commands or name not in SUBCOMMANDS:
            return super().get_command(ctx, name)
        module_name, attribute = SUBCOMMANDS[name].split(":")
        command = getattr(importlib.import_module(module_name), attribute)
        chinese.localize(command)
        self.add_command(command, name)
        return command


@click.group(cls=LazyGroup, help="有效客户校验：检查客户登记表中的客户是否为有效客户，并说明原因。")
@click.version_option(__version__, "-V", "--version", prog_name="leadcheck")
@click.help_option("-h", "--help", help="显示本帮助并退出。")
def cli() -> None:
    pass


chinese.localize(cli)


def main() -> None:
    cli(prog_name="leadcheck")
