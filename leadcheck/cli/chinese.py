"""Chinese for click's own words: usage lines, option headings, its error messages.

click (8.x) passes every message through a module-level ``gettext`` alias named ``_``
(and ``ngettext`` for plurals). Rebinding those aliases in click's modules gives users
Chinese help and errors without depending on the locale of their machine. A message
missing from the table stays in English, which is harmless.
"""

from __future__ import annotations

import importlib
import unicodedata

import click
import click.formatting

# click's message ids → Chinese. Only messages a leadcheck user can meet are listed.
_MESSAGES = {
    "Usage:": "用法：",
    "Options": "选项",
    "Commands": "命令",
    "Positional arguments": "参数",
    "Show this message and exit.": "显示本帮助并退出。",
    "Show the version and exit.": "显示版本号并退出。",
    "%(prog)s, version %(version)s": "%(prog)s 版本 %(version)s",
    "Error: {message}": "错误：{message}",
    "Try '{command} {option}' for help.": "运行“{command} {option}”查看帮助。",
    "Missing argument": "缺少参数",
    "{name} {filename!r} is not executable.": "{name}“{filename}”无法执行。",
    "Missing option": "缺少选项",
    "Missing parameter": "缺少参数",
    "Missing command.": "缺少命令。",
    "Missing parameter: {param_name}": "缺少参数：{param_name}",
    "Missing {param_type}": "缺少{param_type}",
    "No such command {name!r}.": "没有名为“{name}”的命令。",
    "No such option {name!r}.": "没有“{name}”这个选项。",
    "Option {name!r} does not take a value.": "选项“{name}”不接受取值。",
    "Invalid value for {param_hint}: {message}": "{param_hint}的取值无效：{message}",
    "Invalid value: {message}": "取值无效：{message}",
    "{name} {filename!r} does not exist.": "{name}“{filename}”不存在。",
    "{name} {filename!r} is a directory.": "{name}“{filename}”是文件夹，不是文件。",
    "{name} {filename!r} is a file.": "{name}“{filename}”是文件，不是文件夹。",
    "{name} {filename!r} is not readable.": "{name}“{filename}”无法读取。",
    "{name} {filename!r} is not writable.": "{name}“{filename}”无法写入。",
    "file": "文件",
    "directory": "文件夹",
    "path": "路径",
    "default: {default}": "默认：{default}",
    "Aborted!": "已中止。",
    "Choose from:\n\t{choices}": "可选：\n\t{choices}",
    "{value!r} is not a valid {number_type}.": "“{value}”不是有效的{number_type}。",
    "{value!r} is not one of {choices}.": "“{value}”不在可选项 {choices} 中。",
    "{value!r} is not one of {choices}": "“{value}”不在可选项 {choices} 中",
    "Got unexpected extra argument ({args})": "多余的参数（{args}）",
    "Got unexpected extra arguments ({args})": "多余的参数（{args}）",
    "Option {name!r} requires an argument.": "选项“{name}”需要一个取值。",
    "Option {name!r} requires {nargs} arguments.": "选项“{name}”需要 {nargs} 个取值。",
    "Did you mean {possibility}?": "您是不是要输入 {possibility}？",
    "(Possible options: {possibilities})": "（可能的选项：{possibilities}）",
}

_CLICK_MODULES = ("core", "decorators", "exceptions", "formatting", "parser", "types", "termui", "utils")


def _translate(message: str) -> str:
    return _MESSAGES.get(message, message)


def _translate_plural(singular: str, plural: str, count: int) -> str:
    return _translate(singular if count == 1 else plural)


def display_width(text: str) -> int:
    """Return the terminal columns ``text`` takes: wide and full-width characters count 2."""
    return sum(2 if unicodedata.east_asian_width(character) in "WF" else 1 for character in text)


class ChineseHelpFormatter(click.HelpFormatter):
    """click's help layout with Chinese punctuation after section headings."""

    def write_heading(self, heading: str) -> None:
        self.write(f"{'':>{self.current_indent}}{heading}：\n")


# Placeholders shown in usage lines, by parameter name.
_ARGUMENT_METAVARS = {"file": "文件", "inputs": "文件或文件夹...", "output": "文件"}


def localize(command: click.Command) -> None:
    """Give ``command`` and its subcommands Chinese usage placeholders."""
    command.options_metavar = "[选项]"
    for parameter in command.params:
        if isinstance(parameter, click.Argument) and parameter.name in _ARGUMENT_METAVARS:
            parameter.metavar = _ARGUMENT_METAVARS[parameter.name]
    if isinstance(command, click.Group):
        command.subcommand_metavar = "命令 [参数]..."
        for subcommand in command.commands.values():
            localize(subcommand)


def install() -> None:
    """Rebind click's gettext aliases and layout so its own words come out in Chinese."""
    for name in _CLICK_MODULES:
        module = importlib.import_module(f"click.{name}")
        if hasattr(module, "_"):
            module._ = _translate
        if hasattr(module, "ngettext"):
            module.ngettext = _translate_plural

    # Column alignment in help tables counts characters; Chinese ones take two columns.
    click.formatting.term_len = display_width
    click.Context.formatter_class = ChineseHelpFormatter

    # click quotes a parameter as 'FILE' and ends "Missing argument 'FILE'." with an ASCII
    # full stop; Chinese text takes “文件” and 。.
    click.core.Parameter.get_error_hint = _option_hint
    click.core.Argument.get_error_hint = _argument_hint
    click.exceptions.MissingParameter.format_message = _missing_message(click.exceptions.MissingParameter.format_message)


def _option_hint(self: click.Parameter, ctx: click.Context | None) -> str:
    return " / ".join(f"“{hint}”" for hint in self.opts or [self.human_readable_name])


def _argument_hint(self: click.Argument, ctx: click.Context | None) -> str:
    return f"“{self.make_metavar(ctx) if ctx is not None else self.human_readable_name}”"


def _missing_message(format_message):
    def format_in_chinese(self: click.exceptions.MissingParameter) -> str:
        # Without an extra explanation, click's message is "<missing> <hint>." and its last
        # character is the full stop; a hint such as “文件或文件夹...” keeps its dots. Chinese
        # needs no space before the hint's opening quote.
        text = format_message(self).replace(" “", "“", 1)
        return text[:-1] + "。" if text.endswith(".") else text
    return format_in_chinese
