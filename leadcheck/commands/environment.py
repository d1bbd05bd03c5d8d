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
from leadcheck.build.template import GUIDE_SHEET, TEMPLATE_VERSION
from leadcheck.model.columns import ColumnMap
from leadcheck.model.config import CONFIG_SHEET, DATA_SHEET, DEFAULT_CONFIG, ConfigError, config_from_toml
from leadcheck.sheets.workbook import SheetNotFoundError, Workbook

# The oldest Python the package supports (pyproject.toml ``requires-python``).
MIN_PYTHON = (3, 11)

# Rows read from the top of 校验规则 and 填写说明 when looking for the template version:
# it sits in the header comment or on the second row, well within the first few.
HEADER_LINES = 5

INSTALL_HINT = "在命令行运行 pip install --upgrade leadcheck"
NEW_TEMPLATE_HINT = "请用加载项的“新建登记表”或 leadcheck template build 生成新模板，再把数据复制过去"

# The version a template states: "模板版本 1.1.0" in the 校验规则 header, or
# "模板版本：1.0.0（…）" on 填写说明 in templates older than 1.1.0.
TEMPLATE_VERSION_PATTERN = re.compile(r"模板版本[：:\s]*(\d+(?:\.\d+)*)")


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


def check_xlwings(vba_version: str | None = None) -> Check:
    """Compare the installed xlwings with leadcheck's pin and with the workbook's VBA module.

    ``vba_version`` is the version the xlwings VBA module in Excel reports: ``None`` when
    not asked (no Excel), "" when the workbook lacks the helper that reports it.
    """
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
    if vba_version is None:
        return Check("xlwings", True, installed)
    if not vba_version:
        return Check(
            "xlwings", False,
            f"{installed}；工作簿缺少 leadcheck 的辅助宏，无法确认其 xlwings VBA 模块的版本：{NEW_TEMPLATE_HINT}",
        )
    if vba_version != installed:
        return Check(
            "xlwings", False,
            f"本机 Python 的 xlwings 是 {installed}，工作簿中的 xlwings VBA 模块是 {vba_version}，两者必须一致：{NEW_TEMPLATE_HINT}",
        )
    return Check("xlwings", True, f"{installed}（与工作簿中的 xlwings VBA 模块一致）")


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

    checks.append(check_template_version(book))
    checks.append(_check_config(book))
    return checks


def template_version_of(book: Workbook) -> str | None:
    """Return the template version the workbook states, or ``None`` for a workbook not made from it."""
    for sheet in (CONFIG_SHEET, GUIDE_SHEET):
        if sheet not in book.sheet_names():
            continue
        for row in book.read_values(sheet)[:HEADER_LINES]:
            match = TEMPLATE_VERSION_PATTERN.search(str(row[0] if row else ""))
            if match:
                return match.group(1)
    return None


def check_template_version(book: Workbook) -> Check:
    """Compare the workbook's template version with the one this leadcheck builds."""
    version = template_version_of(book)
    if version is None:
        return Check("模板版本", True, f"工作簿不是用模板新建的，无版本号；本机配套模板为 {TEMPLATE_VERSION}")
    if _version_key(version) < _version_key(TEMPLATE_VERSION):
        return Check("模板版本", False, f"{version}，比本机配套的 {TEMPLATE_VERSION} 旧：{NEW_TEMPLATE_HINT}")
    if _version_key(version) > _version_key(TEMPLATE_VERSION):
        return Check("模板版本", False, f"{version}，比本机 leadcheck 配套的 {TEMPLATE_VERSION} 新：{INSTALL_HINT}")
    return Check("模板版本", True, version)


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


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


def environment_checks(book: Workbook | None, vba_xlwings: str | None = None) -> list[Check]:
    """Run every check; without a workbook only the computer is checked.

    ``vba_xlwings`` is the version of the xlwings VBA module in Excel, as ``check_xlwings`` takes it.
    """
    checks = [check_python(), check_xlwings(vba_xlwings), check_engine()]
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
