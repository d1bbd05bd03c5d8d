"""新建登记表 from the add-in: copy the shipped template to a new file the user names.

The template is the committed ``template/LeadTemplate.xlsm``; an installed package carries
it as ``leadcheck/template/LeadTemplate.xlsm`` (see pyproject.toml). It is copied byte for
byte, never rebuilt and never re-saved with openpyxl, which would drop the ribbon.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Protocol

import leadcheck
from leadcheck.build.template import TEMPLATE_VERSION
from leadcheck.commands.ribbon import unused_path

log = logging.getLogger(__name__)

TEMPLATE_FILE = "LeadTemplate.xlsm"
# The name the save dialog suggests; the rep usually puts their own name in front.
SUGGESTED_NAME = "客户登记.xlsm"
SAVE_TITLE = "新建登记表：选择保存位置和文件名"

# Endings that a rep may type by habit; the copy is a macro workbook, so they become .xlsm.
REPLACED_SUFFIXES = (".xlsx", ".xls", ".xlsb", ".xltx", ".xltm")


class NewSheetError(Exception):
    """A new lead sheet that cannot be created; ``str(error)`` is one Chinese sentence."""


class SaveChooser(Protocol):
    """What 新建登记表 needs from the workbook: its folder and a save dialog (``ExcelBook`` has both)."""

    @property
    def folder(self) -> Path | None:
        """Return the saved workbook's folder, or ``None``."""

    def choose_save_path(self, suggested: Path, title: str) -> Path | None:
        """Return the path the user chose; ``None`` when the dialog was cancelled."""


def template_path() -> Path:
    """Return the template file: the repository's, or the installed package's copy."""
    checkout = Path(__file__).resolve().parents[2] / "template" / TEMPLATE_FILE
    if checkout.is_file():
        return checkout
    return Path(leadcheck.__file__).resolve().parent / "template" / TEMPLATE_FILE


def new_lead_sheet(book: SaveChooser) -> str | None:
    """Ask where to save, copy the template there, and return the message for the user.

    Returns ``None`` when the dialog is cancelled. Raises ``NewSheetError`` when the file
    exists (it is never overwritten) or the template is missing.
    """
    folder = book.folder or Path.home()
    chosen = book.choose_save_path(unused_path(folder / SUGGESTED_NAME), SAVE_TITLE)
    if chosen is None:
        log.info("new sheet cancelled")
        return None
    target = copy_template(macro_path(chosen))
    return f"已用模板 {TEMPLATE_VERSION} 新建登记表：\n{target}\n请在 Excel 中打开它，在“客户登记”表中填写。"


def macro_path(path: Path) -> Path:
    """Return ``path`` with the .xlsm ending that a macro workbook needs."""
    if path.suffix.lower() == ".xlsm":
        return path
    if path.suffix.lower() in REPLACED_SUFFIXES:
        return path.with_suffix(".xlsm")
    return path.with_name(path.name + ".xlsm")


def copy_template(target: Path) -> Path:
    """Copy the template to ``target``, which must not exist yet; returns ``target``."""
    source = template_path()
    if not source.is_file():
        raise NewSheetError(f"本机的 leadcheck 缺少模板文件 {TEMPLATE_FILE}：请运行 pip install --upgrade leadcheck 后重试。")

    # Exclusive creation: an existing file, even one created after the dialog closed, stays as it is.
    try:
        with target.open("xb") as handle:
            handle.write(source.read_bytes())
    except FileExistsError:
        raise NewSheetError(f"文件“{target.name}”已存在，没有覆盖它：请换一个文件名，再点“新建登记表”。") from None
    log.info("new sheet target=%s template=%s", target, TEMPLATE_VERSION)
    return target
