"""The ribbon's Python entry points, called from VBA through xlwings ``RunPython``.

Each button runs ``import leadcheck.commands.ribbon as ribbon; ribbon.<function>()``. No
module or function name derives from the workbook's file name, so ``客户线索 (2).xlsm`` in
a Chinese user folder works like any other. Every entry point goes through
``run_command``: the rep sees a Chinese message box with a next step, never a traceback,
and details go to the log file that the message names.

A button of the add-in acts on the active workbook (``ExcelBook.caller``). 校验整表 and
清除标记 lift the data sheet's protection while they write and restore it afterwards.
"""

from __future__ import annotations

import importlib
import logging
import logging.handlers
import os
import sys
from pathlib import Path
from typing import Callable

from leadcheck.commands.clear import clear_book
from leadcheck.commands.environment import environment_checks, environment_report
from leadcheck.model.config import DATA_SHEET, ConfigError
from leadcheck.model.result import QUOTA_TITLES
from leadcheck.sheets.errors import InputError
from leadcheck.sheets.excelbook import ExcelBook, NoWorkbookError, SheetProtectedError
from leadcheck.sheets.workbook import SheetNotFoundError

log = logging.getLogger("leadcheck.ribbon")

# Environment variable that moves the log file, for a machine where the default folder
# is not writable.
LOG_ENVIRONMENT = "LEADCHECK_LOG"
LOG_NAME = "leadcheck.log"
# One megabyte keeps a few hundred runs; three old files are kept beside the current one.
LOG_MAX_BYTES = 1_000_000
LOG_BACKUPS = 3

HELP_TEXT = """有效客户校验 使用说明

校验整表：按有效客户判断标准检查“客户登记”表。
  · 红色单元格：错误，该客户因此不算有效客户；
  · 黄色单元格：提醒，不影响有效，但请核对；
  · 鼠标移到带红色小三角的单元格上，可看原因和改法；
  · “校验结果”列写明每行结论；“校验汇总”表有各业务员的统计、10% 名额使用情况和图表。
清除标记：去掉颜色、批注、“校验结果”列和“校验汇总”表，表格恢复校验前的样子。发送文件前请先清除。
配额汇总：只刷新“校验汇总”表，不改动“客户登记”表。
检查环境：查看 Python、xlwings、leadcheck、模板版本和模板规则是否就绪。
合并工作簿：选择多个登记表，合并成一份新的汇总工作簿，保存在当前工作簿旁边。
新建登记表（加载项）：用标准模板新建一份空白登记表，不会覆盖已有文件。

出错时，提示框会给出日志文件位置，请把该文件发给管理员。"""

BookFactory = Callable[[], ExcelBook]

# Errors of modules that load only when a command needs them (the engine, merge), whose
# message is a Chinese sentence for the rep: (module, class name).
OPTIONAL_USER_ERRORS = (
    ("leadcheck.engine", "MissingColumnsError"),
    ("leadcheck.merge.pipeline", "MergeError"),
    ("leadcheck.merge.output", "OutputError"),
    ("leadcheck.build.sheet", "NewSheetError"),
)


def log_path() -> Path:
    """Return the log file: ``LEADCHECK_LOG`` if set, else the platform's per-user log folder."""
    if os.environ.get(LOG_ENVIRONMENT):
        return Path(os.environ[LOG_ENVIRONMENT])
    if sys.platform == "win32" and os.environ.get("LOCALAPPDATA"):
        return Path(os.environ["LOCALAPPDATA"]) / "leadcheck" / LOG_NAME
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Logs" / "leadcheck" / LOG_NAME
    state = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(state) / "leadcheck" / LOG_NAME


def configure_logging() -> Path:
    """Send the package's log records to the rotating log file; returns the file's path.

    A handler added by an earlier call for another path is replaced, so each process logs
    to one file.
    """
    path = log_path()
    package_log = logging.getLogger("leadcheck")
    for handler in list(package_log.handlers):
        if getattr(handler, "leadcheck_ribbon", False):
            if handler.baseFilename == str(path.resolve()):
                return path
            package_log.removeHandler(handler)
            handler.close()

    path.parent.mkdir(parents=True, exist_ok=True)
    handler = logging.handlers.RotatingFileHandler(path, maxBytes=LOG_MAX_BYTES, backupCount=LOG_BACKUPS, encoding="utf-8")
    handler.leadcheck_ribbon = True
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
    package_log.addHandler(handler)
    package_log.setLevel(logging.INFO)
    return path


def user_error_types() -> tuple[type[BaseException], ...]:
    """Return the errors whose message is already a Chinese sentence for the rep."""
    types: list[type[BaseException]] = [SheetNotFoundError, InputError, ConfigError, NoWorkbookError, SheetProtectedError]
    for module, name in OPTIONAL_USER_ERRORS:
        try:
            types.append(getattr(importlib.import_module(module), name))
        except (ImportError, AttributeError):
            log.warning("error type missing name=%s.%s", module, name)
    return tuple(types)


def run_command(title: str, action: Callable[[ExcelBook], str | None], book_factory: BookFactory | None = None) -> None:
    """Run ``action`` on the calling workbook and show its message, or the error, in a box.

    ``book_factory`` defaults to ``ExcelBook.caller``, looked up at call time.
    """
    path = configure_logging()
    log.info("command start title=%s", title)
    try:
        book = (book_factory or ExcelBook.caller)()
    except Exception:
        # Outside Excel (or with a broken xlwings) there is no box to show: log and re-raise.
        log.exception("no calling workbook title=%s", title)
        raise
    try:
        message = action(book)
    except user_error_types() as error:
        log.warning("command rejected title=%s book=%s error=%s", title, book.name, error)
        book.alert(_with_next_step(error), title, critical=True)
        return
    # The ribbon is the outermost frame: any other failure becomes a message box, not a traceback.
    except Exception:
        log.exception("command failed title=%s book=%s", title, book.name)
        book.alert(
            f"“{title}”运行出错，工作簿未被改坏。\n请先点“检查环境”查看是否缺少组件；"
            f"若仍出错，请把日志文件发给管理员：\n{path}",
            title, critical=True,
        )
        return
    log.info("command done title=%s book=%s", title, book.name)
    if message:
        book.alert(message, title)


def _with_next_step(error: BaseException) -> str:
    text = str(error)
    if isinstance(error, ConfigError):
        return f"{text}\n请用最新模板重新生成工作簿，或请培训负责人修正“校验规则”表。"
    if type(error).__name__ == "MissingColumnsError":
        return f"{text}\n请按模板补上这些列标题（列的顺序不限），再点“校验整表”。"
    return text


def _validate(book: ExcelBook) -> str:
    from leadcheck.commands.validate import validate_book

    book.require_workbook()
    with book.unprotected(DATA_SHEET):
        result = validate_book(book, source=book.name)
    valid = sum(1 for verdict in result.customers if verdict.valid)
    invalid = len(result.customers) - valid
    return (
        f"校验完成：{len(result.customers)} 个客户，有效 {valid} 个，无效 {invalid} 个。\n"
        "红色单元格是错误（客户因此无效），黄色是提醒；鼠标移到单元格上可看原因。\n"
        "“校验结果”列写明每行结论，“校验汇总”表有各业务员统计。发送文件前请点“清除标记”。"
    )


def _clear(book: ExcelBook) -> str:
    book.require_workbook()
    with book.unprotected(DATA_SHEET):
        clear_book(book)
    return "已清除校验标记，表格已恢复校验前的样子。"


def _summarize(book: ExcelBook) -> str:
    from leadcheck.commands.summary import summarize_book

    book.require_workbook()
    result = summarize_book(book, source=book.name)
    over = [usage for usage in result.quotas if usage.exceeded]
    if not over:
        return "“校验汇总”表已更新：没有业务员超出比例名额。"
    lines = [f"{usage.rep}：{QUOTA_TITLES[usage.name]} 超出 {usage.exceeded} 个" for usage in over]
    return "“校验汇总”表已更新。超出名额：\n" + "\n".join(lines)


def _environment(book: ExcelBook) -> str:
    workbook = book if book.has_workbook else None
    return environment_report(environment_checks(workbook, book.xlwings_vba_version()))


def unused_path(path: Path) -> Path:
    """Return ``path``, or ``name (2).ext``, ``name (3).ext``… when that file exists.

    Does not reserve the name: a file created in between is the writer's to refuse.
    """
    candidate, number = path, 2
    while candidate.exists():
        candidate = path.with_name(f"{path.stem} ({number}){path.suffix}")
        number += 1
    return candidate


def _optional(module: str, function: str, feature: str) -> Callable[[ExcelBook], str | None]:
    """Return the entry point ``module.function``, or an action whose message explains that it is not installed."""
    def missing(book: ExcelBook) -> str:
        return f"本机的 leadcheck 还没有“{feature}”功能：请运行 pip install --upgrade leadcheck 后重试。"

    try:
        return getattr(importlib.import_module(module), function)
    except (ImportError, AttributeError) as error:
        log.warning("entry point missing name=%s.%s error=%s", module, function, error)
        return missing


def validate_sheet() -> None:
    run_command("校验整表", _validate)


def clear_flags() -> None:
    run_command("清除标记", _clear)


def quota_summary() -> None:
    run_command("配额汇总", _summarize)


def check_environment() -> None:
    run_command("检查环境", _environment)


def show_help() -> None:
    run_command("帮助", lambda book: HELP_TEXT)


def merge_workbooks() -> None:
    run_command("合并工作簿", _optional("leadcheck.merge.ribbon", "merge_into_workbook", "合并工作簿"))


def new_lead_sheet() -> None:
    run_command("新建登记表", _optional("leadcheck.build.sheet", "new_lead_sheet", "新建登记表"))
