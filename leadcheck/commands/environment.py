"""检查环境: what the ribbon needs on this computer and in this workbook, in Chinese.

Each check returns one ``Check`` line; the ribbon joins them into one message box. A
check never raises for what it inspects: a missing piece is a line that says how to add it.
"""

from __future__ import annotations

import importlib
import importlib.metadata
import platform
import re
import sys
from dataclasses import dataclass

import leadcheck
from leadcheck.model.columns import ColumnMap
from leadcheck.model.config import CONFIG_SHEET, DATA_SHEET, DEFAULT_CONFIG, ConfigError, config_from_toml
from leadcheck.sheets.workbook import SheetNotFoundError, Workbook

# The oldest Python the package supports (pyproject.toml ``requires-python``).
MIN_PYTHON = (3, 11)

INSTALL_HINT = "在命令行运行 pip install --upgrade leadcheck"


@dataclass(frozen=True, slots=True)
class Check:
    """One line of the environment report: what was checked, whether it is fine, the details."""

    item: str
    ok: bool
    detail: str

    def line(self) -> str:
        return f"{'✔' if self.ok else '✘'} {self.item}：{self.detail}"


def check_python() -> Check:
    version = platform.python_version()
    if sys.version_info[:2] >= MIN_PYTHON:
        return Check("Python", True, version)
    wanted = ".".join(map(str, MIN_PYTHON))
    return Check("Python", False, f"{version} 太旧：请安装 Python {wanted} 或更新版本")


def pinned_xlwings() -> str | None:
    """Return the xlwings version leadcheck declares (``xlwings==X``), or ``None`` if unknown."""
    try:
        requirements = importlib.metadata.requires("leadcheck") or []
    except importlib.metadata.PackageNotFoundError:
        return None
    for requirement in requirements:
        match = re.fullmatch(r"xlwings\s*==\s*([\w.]+)", requirement.split(";")[0].strip())
        if match:
            return match.group(1)
    return None


def check_xlwings() -> Check:
    try:
        installed = importlib.metadata.version("xlwings")
    except importlib.metadata.PackageNotFoundError:
        return Check("xlwings", False, f"未安装：{INSTALL_HINT}")
    pinned = pinned_xlwings()
    if pinned and installed != pinned:
        return Check(
            "xlwings", False,
            f"已安装 {installed}，模板需要 {pinned}：请运行 pip install xlwings=={pinned}，并确认 Excel 加载项也是 {pinned}",
        )
    return Check("xlwings", True, installed)


def check_engine() -> Check:
    try:
        importlib.import_module("leadcheck.engine")
    except ImportError as error:
        return Check("leadcheck", False, f"{leadcheck.__version__} 安装不完整（{error}）：{INSTALL_HINT}")
    return Check("leadcheck", True, leadcheck.__version__)


def check_workbook(book: Workbook) -> list[Check]:
    """Check the data sheet's headers and the embedded rule configuration."""
    checks: list[Check] = []
    try:
        values = book.read_values(DATA_SHEET)
    except SheetNotFoundError as error:
        return [Check(DATA_SHEET, False, str(error))]

    columns = ColumnMap.from_headers(list(values[0]) if values else [])
    missing = [name for name in DEFAULT_CONFIG.required_fields if name not in columns.customer]
    if missing:
        checks.append(Check(DATA_SHEET, False, f"缺少列 {'、'.join(missing)}：请按模板补上这些列标题"))
    else:
        checks.append(Check(DATA_SHEET, True, f"{max(len(values) - 1, 0)} 行数据，联系人 {len(columns.contacts)} 组"))

    checks.append(_check_config(book))
    return checks


def _check_config(book: Workbook) -> Check:
    if CONFIG_SHEET not in book.sheet_names():
        return Check(CONFIG_SHEET, True, "工作簿中没有规则表，按默认标准校验")
    lines = [str(row[0]) for row in book.read_values(CONFIG_SHEET) if row and row[0] is not None]
    text = "\n".join(lines)
    try:
        config = config_from_toml(text)
    except ConfigError as error:
        return Check(CONFIG_SHEET, False, f"{error}：请用模板重新生成工作簿，或请培训负责人修正规则")

    # The header comment lines name the template's version; the values that differ from
    # the standard are what a trainer changed.
    header = "；".join(line.lstrip("# ").strip() for line in lines if line.startswith("#") and line.strip("# "))
    changed = [name for name in config.__dataclass_fields__ if getattr(config, name) != getattr(DEFAULT_CONFIG, name)]
    detail = f"模板：{header or '未注明版本'}；"
    detail += f"与默认标准不同的规则：{'、'.join(changed)}" if changed else "全部规则为默认标准"
    return Check(CONFIG_SHEET, True, detail)


def environment_checks(book: Workbook | None) -> list[Check]:
    """Run every check; without a workbook only the computer is checked."""
    checks = [check_python(), check_xlwings(), check_engine()]
    if book is not None:
        checks.extend(check_workbook(book))
    return checks


def environment_report(checks: list[Check]) -> str:
    """Return the message box text: one line per check, then a verdict."""
    lines = [check.line() for check in checks]
    if all(check.ok for check in checks):
        lines.append("\n环境正常，可以使用“校验整表”。")
    else:
        lines.append("\n请按 ✘ 行的说明处理后，再点“检查环境”确认。")
    return "\n".join(lines)
