"""The hostile-input catalogue: (name, builder, expected outcome) for ``leadcheck validate``.

Each case's builder writes one input into an empty folder and returns its path. The
outcome of ``leadcheck validate FILE --json`` is ``expected``; the outcome of writing the
annotated copy is ``copy`` (the same unless the case is about the output). ``Verdicts``
states how many customers get a verdict, how many are valid, and findings as
(row, column, code) that must be among them. ``Refused`` lists words that the one
Chinese error line must contain. ``options`` adds command-line options for the copy run.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Callable

from badinput import inputs
from badinput.inputs import HEADERS, UNITS, base_rows, column, customer_values, write_book, write_csv, write_raw
from badinput.packages import SHEET_PART, Error, declare_size, sheet_parts, write_space_bomb
from leadcheck.model.config import DATA_SHEET

GIB = 1024**3


@dataclass(frozen=True)
class Verdicts:
    customers: int
    valid: int
    first_row: int = 2
    findings: frozenset[tuple[int, str, str]] = frozenset()


@dataclass(frozen=True)
class Refused:
    words: tuple[str, ...]


Outcome = Verdicts | Refused


@dataclass(frozen=True)
class Case:
    name: str
    build: Callable[[Path], Path]
    expected: Outcome
    copy: Outcome | None = None
    options: Callable[[Path], list[str]] = field(default=lambda source: [])

    @property
    def copy_outcome(self) -> Outcome:
        return self.copy if self.copy is not None else self.expected


BASE = Verdicts(3, 3)
GOLDEN = Verdicts(41, 23)
# The first unit name ends in control characters, read as U+FFFD: not a registered name.
UNIT_GARBLED = Verdicts(3, 2, findings=frozenset({(2, "单位名称", "incomplete-unit-name")}))


def _raw_file(name: str, content: bytes) -> Callable[[Path], Path]:
    def build(folder: Path) -> Path:
        path = folder / name
        path.write_bytes(content)
        return path
    return build


def _book(name: str, rows: Callable[[], list[list[object]]] = base_rows, sheet: str = DATA_SHEET,
          edit: Callable | None = None) -> Callable[[Path], Path]:
    return lambda folder: write_book(folder / name, rows(), sheet, edit)


def _changed(**changes: object) -> Callable[[], list[list[object]]]:
    """Rows whose first customer (row 2) has ``changes`` applied."""
    def rows() -> list[list[object]]:
        table = base_rows()
        table[1] = customer_values(**{"单位名称": UNITS[0], **changes})
        return table
    return rows


def _truncated(folder: Path) -> Path:
    path = write_book(folder / "truncated.xlsx", base_rows())
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    return path


def _folder(folder: Path) -> Path:
    path = folder / "folder.xlsx"
    path.mkdir()
    return path


def _title_rows(count: int) -> Callable[[], list[list[object]]]:
    return lambda: [["2026年11月客户登记表"]] * count + base_rows()


def _duplicate_headers() -> list[list[object]]:
    rows = base_rows()
    rows[0].append("单位名称")
    for values in rows[1:]:
        values.append("重复的单位名称列")
    return rows


def _without_columns(*headers: str) -> Callable[[], list[list[object]]]:
    keep = [index for index, header in enumerate(HEADERS) if header not in headers]
    return lambda: [[values[index] for index in keep] for values in base_rows()]


def _merge(worksheet) -> None:
    # The title row spans the sheet; the rep's name is merged down over rows 3 to 5.
    worksheet.insert_rows(1)
    worksheet["A1"] = "2026年11月客户登记表"
    worksheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADERS))
    worksheet.merge_cells("A3:A5")


def _hide(worksheet) -> None:
    worksheet.row_dimensions[3].hidden = True
    worksheet.column_dimensions["C"].hidden = True


def _autofilter(worksheet) -> None:
    worksheet.auto_filter.ref = f"A1:AR{worksheet.max_row}"
    worksheet.auto_filter.add_filter_column(3, [UNITS[0]])
    worksheet.row_dimensions[3].hidden = True
    worksheet.row_dimensions[4].hidden = True


def _twenty_rows() -> list[list[object]]:
    return [list(HEADERS)] + [customer_values(单位名称=f"杭州市第{number}设计研究院有限公司") for number in range(20)]


def _inflate(worksheet) -> None:
    # A fill on the last row of the sheet makes Excel's used range end at row 1,048,576.
    from openpyxl.styles import PatternFill

    worksheet.cell(1048576, len(HEADERS)).fill = PatternFill("solid", start_color="FFFF00")


def _errors() -> list[list[object]]:
    rows = base_rows()
    rows[1][column("人数") - 1] = Error("#N/A")
    rows[2][column("联系人1-电话") - 1] = Error("#REF!")
    return rows


def _escaped_controls(folder: Path) -> Path:
    parts = sheet_parts(base_rows(), DATA_SHEET)
    parts["xl/sharedStrings.xml"] = parts["xl/sharedStrings.xml"].replace(UNITS[0], UNITS[0] + "_x0001__x001F_", 1)
    return inputs.write_parts(folder / "controls.xlsx", parts)


def _bomb(declared: int | None) -> Callable[[Path], Path]:
    def build(folder: Path) -> Path:
        path = folder / "bomb.xlsx"
        write_space_bomb(path, sheet_parts(base_rows(), DATA_SHEET), 3 * GIB)
        if declared is not None:
            declare_size(path, SHEET_PART, declared)
        return path
    return build


def _declared_only(folder: Path) -> Path:
    path = write_book(folder / "declared.xlsx", base_rows())
    declare_size(path, "xl/worksheets/sheet1.xml", 3 * GIB)
    return path


def _csv(name: str, encoding: str, delimiter: str = ",", rows: Callable = base_rows) -> Callable[[Path], Path]:
    return lambda folder: write_csv(folder / name, rows(), encoding, delimiter)


def _mixed_csv(folder: Path) -> Path:
    path = write_csv(folder / "mixed.csv", base_rows()[:2], "utf-8")
    more = write_csv(folder / "more.csv", base_rows()[2:], "gbk")
    path.write_bytes(path.read_bytes() + more.read_bytes())
    more.unlink()
    return path


def _lock(pattern: str) -> Callable[[Path], Path]:
    def build(folder: Path) -> Path:
        source = write_book(folder / "客户登记.xlsx", base_rows())
        (folder / pattern.format("客户登记.校验.xlsx")).write_text("张伟", encoding="utf-8")
        return source
    return build


def _beside_file(folder: Path) -> Path:
    (folder / "not-a-folder").write_text("", encoding="utf-8")
    return write_book(folder / "客户登记.xlsx", base_rows())


FORMULA_TEXTS = {
    "单位名称": '=HYPERLINK("http://example.invalid","点击")',
    "业务员意见": "@SUM(A1:A9)",
    "备注": "-",
    "联系人1-电话": "+86 571 87654321",
    "联系人2-评价意向": "\t=1+1",
    "系统现状": "\r-2+3",
}

CATALOGUE: tuple[Case, ...] = (
    # Files that are not lead sheets at all.
    Case("empty-xlsx", _raw_file("empty.xlsx", b""), Refused(("空文件",))),
    Case("empty-csv", _raw_file("empty.csv", b""), Refused(("空文件",))),
    Case("text-named-xlsx", _raw_file("text.xlsx", "业务员,单位名称\n".encode()), Refused(("不是 Excel 工作簿",))),
    Case("png-named-xls", _raw_file("picture.xls", b"\x89PNG\r\n\x1a\n" + bytes(64)), Refused(("不是 Excel 工作簿",))),
    Case("truncated-zip", _truncated, Refused(("已损坏",))),
    Case("zip-without-workbook", lambda folder: inputs.write_parts(folder / "notes.xlsx", {"readme.txt": "你好"}),
         Refused(("不是 Excel 工作簿",))),
    Case("workbook-named-csv", _book("book.csv"), Refused(("内容却是 Excel 工作簿",))),
    Case("xlsx-named-xls", _book("book.xls"), Refused(("内容却是 .xlsx",))),
    Case("xls-named-xlsx", lambda folder: inputs.xls_copy(folder, "old.xlsx"), Refused(("旧版 .xls",))),
    Case("unsupported-suffix", _raw_file("book.numbers", b"data"), Refused(("不受支持",))),
    Case("folder-named-xlsx", _folder, Refused(("文件夹",))),
    Case("missing-file", lambda folder: folder / "absent.xlsx", Refused(("不存在",))),
    Case("password-protected", inputs.encrypted, Refused(("密码", "加密"))),
    # Workbooks without a usable sheet.
    Case("no-data-sheet", _book("other.xlsx", sheet="Sheet1"), Refused(("客户登记", "Sheet1"))),
    Case("empty-data-sheet", _book("blank.xlsx", rows=lambda: []), Refused(("是空的",))),
    Case("missing-required-headers", _book("columns.xlsx", _without_columns("单位名称", "业务员")),
         Refused(("缺少必需的列", "单位名称", "业务员"))),
    # Workbooks read correctly despite their layout.
    Case("golden-copy", inputs.golden, GOLDEN),
    Case("xls", lambda folder: inputs.xls_copy(folder, "leads.xls"), GOLDEN),
    Case("header-only", _book("header.xlsx", rows=lambda: [list(HEADERS)]), Verdicts(0, 0)),
    Case("title-row", _book("title.xlsx", _title_rows(1)), Verdicts(3, 3, first_row=3)),
    Case("two-title-rows", _book("titles.xlsx", _title_rows(2)), Verdicts(3, 3, first_row=4)),
    Case("sheet-name-padded", _book("padded.xlsx", sheet=" 客户登记 "), BASE),
    Case("duplicate-headers", _book("twice.xlsx", _duplicate_headers), BASE),
    Case("merged-cells", _book("merged.xlsx", edit=_merge), Verdicts(3, 3, first_row=3)),
    Case("hidden-rows-and-columns", _book("hidden.xlsx", edit=_hide), BASE),
    Case("autofilter", _book("filtered.xlsx", edit=_autofilter), BASE),
    Case("formulas-cached", lambda folder: inputs.with_formulas(folder, cached=True), BASE),
    Case("formulas-uncached", lambda folder: inputs.with_formulas(folder, cached=False),
         Verdicts(3, 1, findings=frozenset({(2, "人数", "missing-field"), (3, "单位名称", "missing-field")}))),
    Case("error-values", lambda folder: write_raw(folder / "errors.xlsx", _errors()),
         Verdicts(3, 1, findings=frozenset({(2, "人数", "missing-field"), (3, "联系人1-电话", "contact-missing-field")}))),
    Case("used-range-1048576", _book("inflated.xlsx", _twenty_rows, edit=_inflate), Verdicts(20, 20)),
    Case("cells-10000-characters", _book("long.xlsx", _changed(系统现状="已有OA系统，对现状不满意。" * 770)), BASE),
    Case("emoji", _book("emoji.xlsx", _changed(业务员="张伟😀", 业务员意见="下周演示👍🏻，客户很满意🎉")), BASE),
    Case("control-characters", _book("controls.xlsx", _changed(业务员意见="下周安排演示\u200b\u202e\ufeff")), BASE),
    Case("escaped-control-characters", _escaped_controls, UNIT_GARBLED),
    Case("numbers-where-text-expected", _book("numbers.xlsx", _changed(单位名称=12345, 业务员=7)),
         Verdicts(3, 2, findings=frozenset({(2, "单位名称", "incomplete-unit-name")}))),
    Case("dates-where-text-expected", _book("dates.xlsx", _changed(地址=date(2026, 11, 10))),
         Verdicts(3, 2, findings=frozenset({(2, "地址", "incomplete-address")}))),
    Case("text-where-date-expected", _book("when.xlsx", _changed(拜访日期="上周三")),
         Verdicts(3, 2, findings=frozenset({(2, "拜访日期", "invalid-date")}))),
    # CSV exports in the encodings that Chinese Excel and WPS write.
    Case("csv-utf8", _csv("utf8.csv", "utf-8"), BASE),
    Case("csv-utf8-bom", _csv("bom.csv", "utf-8-sig"), BASE),
    Case("csv-gb18030", _csv("gbk.csv", "gb18030"), BASE),
    Case("csv-gb18030-bom", lambda folder: write_csv(folder / "gbbom.csv", [["\ufeff" + HEADERS[0], *HEADERS[1:]], *base_rows()[1:]], "gb18030"), BASE),
    Case("csv-utf16-tabs", _csv("unicode.csv", "utf-16", "\t"), BASE),
    Case("csv-mixed-encodings", _mixed_csv, Refused(("混用了两种编码", "第 3 行"))),
    Case("csv-undecodable", _raw_file("binary.csv", bytes(range(128, 256)) * 4), Refused(("编码无法识别",))),
    Case("csv-control-characters", _csv("controls.csv", "utf-8", rows=_changed(业务员意见="下周\x01安排\x0b演示\x1f")), BASE),
    Case("csv-formula-text", _csv("formulas.csv", "utf-8", rows=_changed(**FORMULA_TEXTS)), Verdicts(3, 2)),
    # Packages built to exhaust the reader.
    Case("billion-laughs", inputs.billion_laughs, Refused(("DTD",))),
    Case("external-entity", inputs.external_entity, Refused(("DTD",))),
    Case("zip-bomb-3gib", _bomb(None), Refused(("解压后", "上限"))),
    Case("zip-bomb-understated-size", _bomb(4096), Refused(("已损坏",))),
    Case("zip-declaring-3gib", _declared_only, Refused(("解压后", "上限"))),
    Case("too-many-parts", lambda folder: inputs.too_many_parts(folder, 10_001), Refused(("部件", "上限"))),
    Case("malformed-xml", inputs.malformed_sheet, UNIT_GARBLED, copy=Refused(("内部格式不规范", "--json"))),
    # Output targets that cannot or must not be written.
    Case("output-under-a-file", _beside_file, BASE, copy=Refused(("不是文件夹",)),
         options=lambda source: ["-o", str(source.parent / "not-a-folder" / "copy.xlsx")]),
    Case("output-excel-lock", _lock("~${}"), BASE, copy=Refused(("锁定文件", "~$客户登记.校验.xlsx"))),
    Case("output-libreoffice-lock", _lock(".~lock.{}#"), BASE, copy=Refused(("锁定文件", ".~lock."))),
    Case("output-is-input", _book("self.xlsx"), BASE, copy=Refused(("就是输入文件",)),
         options=lambda source: ["-o", str(source)]),
    Case("output-xlsm-for-xlsx", _book("plain.xlsx"), BASE, copy=Refused(("不含宏",)),
         options=lambda source: ["-o", str(source.with_suffix(".xlsm"))]),
)
