"""Tests of read_lead_sheet on real .xlsx, .xlsm, .xls and .csv files written in tmp_path.

Workbook tests run twice, through python-calamine and through the openpyxl fallback,
because both readers must return the same SheetData.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from datetime import date, datetime, time
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter
from openpyxl.styles import Font

from leadcheck.model.columns import template_headers
from leadcheck.model.config import CONFIG_SHEET, DATA_SHEET
from leadcheck.sheets import reader
from leadcheck.sheets.errors import InputError
from leadcheck.sheets.reader import SheetData, read_lead_sheet
from leadcheck.values import normalize_text

GOLDEN_FILE = Path("/work/shared/cases/leads-public.xlsx")
HEADERS = template_headers()
PHONE_INDEX = HEADERS.index("联系人1-电话")
DATE_INDEX = HEADERS.index("拜访日期")


@pytest.fixture(params=["calamine", "openpyxl"])
def backend(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run a test through each workbook reader; "openpyxl" hides python_calamine."""
    if request.param == "openpyxl":
        monkeypatch.setattr(reader, "python_calamine", None)
    return request.param


def customer_row(name: str, phone: object = "13957112345") -> list[object]:
    values: list[object] = [None] * len(HEADERS)
    values[0] = "张伟"
    values[DATE_INDEX] = date(2026, 11, 10)
    values[HEADERS.index("单位名称")] = name
    values[PHONE_INDEX] = phone
    return values


def write_xlsx(path: Path, rows: list[list[object]], sheet: str = DATA_SHEET) -> Path:
    """Write rows from Excel row 1 down; an empty list leaves a blank row."""
    workbook = openpyxl.Workbook()
    worksheet = workbook.active
    worksheet.title = sheet
    for row, values in enumerate(rows, start=1):
        for column, value in enumerate(values, start=1):
            if value is not None:
                worksheet.cell(row=row, column=column, value=value)
    workbook.save(path)
    return path


def read_both(path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[SheetData, SheetData]:
    with_calamine = read_lead_sheet(path)
    monkeypatch.setattr(reader, "python_calamine", None)
    with_openpyxl = read_lead_sheet(path)
    monkeypatch.undo()
    return with_calamine, with_openpyxl


def input_error(path: Path) -> str:
    with pytest.raises(InputError) as caught:
        read_lead_sheet(path)
    message = str(caught.value)
    assert f"“{path.name}”" in message
    return message


# Golden file.


def test_golden_file_rows_and_columns(tmp_path: Path, backend: str) -> None:
    path = tmp_path / GOLDEN_FILE.name
    shutil.copyfile(GOLDEN_FILE, path)

    data = read_lead_sheet(path)

    assert data.sheet_name == DATA_SHEET
    assert data.header_row == 1
    assert len(data.headers) == 44
    assert data.headers == HEADERS
    assert [row for row, _ in data.rows] == list(range(2, 43))
    assert all(len(values) == 44 for _, values in data.rows)
    assert data.config_text is None


def test_golden_file_readers_agree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / GOLDEN_FILE.name
    shutil.copyfile(GOLDEN_FILE, path)

    with_calamine, with_openpyxl = read_both(path, monkeypatch)

    assert with_calamine.headers == with_openpyxl.headers
    for (row, calamine_values), (_, openpyxl_values) in zip(with_calamine.rows, with_openpyxl.rows):
        assert calamine_values == openpyxl_values, f"row {row}"
    assert with_calamine == with_openpyxl


def test_reading_leaves_folder_untouched(tmp_path: Path, backend: str) -> None:
    path = tmp_path / GOLDEN_FILE.name
    shutil.copyfile(GOLDEN_FILE, path)
    before = {entry.name: (entry.stat().st_mtime_ns, entry.read_bytes()) for entry in tmp_path.iterdir()}

    read_lead_sheet(path)

    after = {entry.name: (entry.stat().st_mtime_ns, entry.read_bytes()) for entry in tmp_path.iterdir()}
    assert after == before


# Header row and layout.


@pytest.mark.parametrize("title_rows", [0, 1, 2])
def test_header_row_under_title_rows(tmp_path: Path, backend: str, title_rows: int) -> None:
    titles = [["2026年11月客户登记表"], ["制表：销售部"]][:title_rows]
    path = write_xlsx(tmp_path / "titled.xlsx", [*titles, HEADERS, customer_row("杭州市城建设计研究院")])

    data = read_lead_sheet(path)

    assert data.header_row == title_rows + 1
    assert data.headers == HEADERS
    assert [row for row, _ in data.rows] == [title_rows + 2]
    assert data.rows[0][1][HEADERS.index("单位名称")] == "杭州市城建设计研究院"


def test_header_row_with_marks_and_blank_first_row(tmp_path: Path, backend: str) -> None:
    marked = ["业务员*", "拜访日期（必填）", " 单位名称 "]
    path = write_xlsx(tmp_path / "marked.xlsx", [[], marked, ["张伟", "2026-11-10", "某设计院"]])

    data = read_lead_sheet(path)

    assert data.header_row == 2
    assert data.headers == marked
    assert data.rows == [(3, ["张伟", "2026-11-10", "某设计院"])]


def test_header_row_without_template_headers(tmp_path: Path, backend: str) -> None:
    path = write_xlsx(tmp_path / "other.xlsx", [[], ["Name", "Phone"], ["张伟", "123"]])

    data = read_lead_sheet(path)

    assert data.header_row == 2
    assert data.headers == ["Name", "Phone"]
    assert data.rows == [(3, ["张伟", "123"])]


def test_reordered_and_extra_columns_kept(tmp_path: Path, backend: str) -> None:
    headers = ["单位名称", "自定义备注", "业务员", "联系人1-电话", "拜访日期"]
    values = ["某设计院", "老客户", "李娜", "0571-87654300", date(2026, 11, 21)]
    path = write_xlsx(tmp_path / "reordered.xlsx", [headers, values])

    data = read_lead_sheet(path)

    assert data.headers == headers
    assert data.rows == [(2, values)]


def test_blank_rows_skipped_with_row_numbers(tmp_path: Path, backend: str) -> None:
    rows = [HEADERS, customer_row("甲设计院"), [], [None, None, "   "], customer_row("乙设计院"), [], [], customer_row("丙设计院")]
    path = write_xlsx(tmp_path / "gaps.xlsx", [*rows, [], []])

    data = read_lead_sheet(path)

    assert [row for row, _ in data.rows] == [2, 5, 8]
    names = [values[HEADERS.index("单位名称")] for _, values in data.rows]
    assert names == ["甲设计院", "乙设计院", "丙设计院"]


def test_trailing_empty_columns_trimmed(tmp_path: Path, backend: str) -> None:
    path = write_xlsx(tmp_path / "wide.xlsx", [["业务员", "拜访日期", "单位名称"], ["张伟"]])
    workbook = openpyxl.load_workbook(path)
    workbook[DATA_SHEET]["Z2"].font = Font(bold=True)
    workbook[DATA_SHEET]["AA1"].value = "   "
    workbook.save(path)

    data = read_lead_sheet(path)

    assert data.headers == ["业务员", "拜访日期", "单位名称"]
    assert data.rows == [(2, ["张伟", None, None])]


def test_data_beyond_last_header_kept(tmp_path: Path, backend: str) -> None:
    path = write_xlsx(tmp_path / "overflow.xlsx", [["业务员", "拜访日期", "单位名称"], ["张伟", None, None, None, "附注"]])

    data = read_lead_sheet(path)

    assert data.headers == ["业务员", "拜访日期", "单位名称", None, None]
    assert data.rows == [(2, ["张伟", None, None, None, "附注"])]


def test_used_range_to_last_row(tmp_path: Path, backend: str) -> None:
    path = write_xlsx(tmp_path / "inflated.xlsx", [HEADERS, customer_row("甲设计院")])
    workbook = openpyxl.load_workbook(path)
    workbook[DATA_SHEET]["A1048576"].font = Font(bold=True)
    workbook.save(path)

    data = read_lead_sheet(path)

    assert [row for row, _ in data.rows] == [2]


def test_readers_stop_after_blank_rows(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    far_row = reader.MAX_BLANK_ROWS + 10
    rows: list[list[object]] = [HEADERS, customer_row("甲设计院")] + [[]] * (far_row - 3) + [customer_row("远处设计院")]
    path = write_xlsx(tmp_path / "far.xlsx", rows)

    with_calamine, with_openpyxl = read_both(path, monkeypatch)

    assert [row for row, _ in with_calamine.rows] == [2]
    assert [row for row, _ in with_openpyxl.rows] == [2]


# Cell values.


def test_numeric_phone_cells(tmp_path: Path, backend: str) -> None:
    path = write_xlsx(tmp_path / "phones.xlsx", [HEADERS, customer_row("甲设计院", 13957112345), customer_row("乙设计院", 57187654328)])

    data = read_lead_sheet(path)

    phones = [values[PHONE_INDEX] for _, values in data.rows]
    assert phones == [13957112345.0, 57187654328.0]
    assert all(type(phone) is float for phone in phones)
    assert [normalize_text(phone) for phone in phones] == ["13957112345", "57187654328"]


def test_date_and_time_cells(tmp_path: Path, backend: str) -> None:
    headers = ["拜访日期", "联系人1-沟通时间", "时刻", "文字日期"]
    values = [date(2026, 11, 10), datetime(2026, 11, 10, 14, 30), time(9, 15), "2026年11月10日"]
    path = write_xlsx(tmp_path / "dates.xlsx", [headers, values])

    data = read_lead_sheet(path)

    visit, contact, moment, text = data.rows[0][1]
    assert visit == date(2026, 11, 10)
    assert type(visit) is date
    assert contact == datetime(2026, 11, 10, 14, 30)
    assert moment == time(9, 15)
    assert text == "2026年11月10日"


def test_error_and_formula_cells(tmp_path: Path, backend: str) -> None:
    path = tmp_path / "formulas.xlsx"
    workbook = xlsxwriter.Workbook(path)
    worksheet = workbook.add_worksheet(DATA_SHEET)
    worksheet.write_row(0, 0, ["业务员", "人数", "单位名称", "备注"])
    worksheet.write_string(1, 0, "张伟")
    worksheet.write_formula(1, 1, "=100+20", None, 120)
    worksheet.write_formula(1, 2, "=1/0", None, "#DIV/0!")
    worksheet.write_string(1, 3, " ")
    workbook.close()

    data = read_lead_sheet(path)

    assert data.rows == [(2, ["张伟", 120.0, None, None])]


def test_config_sheet_text(tmp_path: Path, backend: str) -> None:
    path = write_xlsx(tmp_path / "configured.xlsx", [HEADERS, customer_row("甲设计院")])
    workbook = openpyxl.load_workbook(path)
    config_sheet = workbook.create_sheet(CONFIG_SHEET)
    config_sheet.sheet_state = "veryHidden"
    for row, line in enumerate(["quota_percent = 20", None, 'filler_words = ["无", "不详"]', None], start=1):
        config_sheet.cell(row=row, column=1, value=line)
    workbook.save(path)

    data = read_lead_sheet(path)

    assert data.config_text == 'quota_percent = 20\n\nfiller_words = ["无", "不详"]'
    assert data.sheet_name == DATA_SHEET


def test_sheet_name_compared_after_nfkc(tmp_path: Path, backend: str) -> None:
    path = write_xlsx(tmp_path / "spaced.xlsx", [HEADERS, customer_row("甲设计院")], sheet=" 客户登记 ")

    data = read_lead_sheet(path)

    assert data.sheet_name == " 客户登记 "
    assert [row for row, _ in data.rows] == [2]


def test_xlsm_file(tmp_path: Path, backend: str) -> None:
    path = tmp_path / "macro.xlsm"
    workbook = xlsxwriter.Workbook(path)
    worksheet = workbook.add_worksheet(DATA_SHEET)
    worksheet.write_row(0, 0, HEADERS)
    worksheet.write_row(1, 0, ["张伟", "2026-11-10", "电话联系"])
    workbook.close()

    data = read_lead_sheet(path)

    assert data.headers == HEADERS
    assert data.rows[0][1][:3] == ["张伟", "2026-11-10", "电话联系"]


# CSV.


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16", "utf-16-le", "utf-16-be"])
def test_csv_encodings(tmp_path: Path, encoding: str) -> None:
    # Excel's UTF-16 "Unicode 文本" export separates cells with tabs.
    delimiter = "\t" if encoding.startswith("utf-16") else ","
    unit = f"杭州市城建设计研究院{delimiter}东区"
    lines = [
        ["业务员", "拜访日期", "单位名称", "联系人1-电话"],
        ["张伟", "2026-11-10", f'"{unit}"', "13957112345"],
        ["", "", "", ""],
        ["李娜", "", "某设计院", ""],
    ]
    path = tmp_path / "leads.csv"
    path.write_bytes("".join(delimiter.join(cells) + "\r\n" for cells in lines).encode(encoding))

    data = read_lead_sheet(path)

    assert data.sheet_name == "leads"
    assert data.header_row == 1
    assert data.headers == ["业务员", "拜访日期", "单位名称", "联系人1-电话"]
    assert data.rows[0] == (2, ["张伟", "2026-11-10", unit, "13957112345"])
    assert data.rows[1] == (4, ["李娜", None, "某设计院", None])
    assert data.config_text is None


def test_csv_title_row(tmp_path: Path) -> None:
    path = tmp_path / "titled.csv"
    path.write_text("2026年客户登记表\n业务员,拜访日期,单位名称\n张伟,2026-11-10,某设计院\n", encoding="utf-8")

    data = read_lead_sheet(path)

    assert data.header_row == 2
    assert data.rows == [(3, ["张伟", "2026-11-10", "某设计院"])]


def test_csv_undecodable(tmp_path: Path) -> None:
    path = tmp_path / "binary.csv"
    path.write_bytes(b"\x80\xff\x80\xff,abc\n")

    message = input_error(path)

    assert "编码" in message
    assert "UTF-8" in message


def test_csv_containing_workbook(tmp_path: Path) -> None:
    path = tmp_path / "renamed.csv"
    shutil.copyfile(GOLDEN_FILE, path)

    message = input_error(path)

    assert ".xlsx" in message


# Errors.


def test_missing_sheet(tmp_path: Path, backend: str) -> None:
    path = write_xlsx(tmp_path / "wrongsheet.xlsx", [HEADERS], sheet="Sheet1")
    workbook = openpyxl.load_workbook(path)
    workbook.create_sheet("汇总")
    workbook.save(path)

    message = input_error(path)

    assert "没有名为“客户登记”的工作表" in message
    assert "现有：Sheet1、汇总" in message


def test_empty_sheet(tmp_path: Path, backend: str) -> None:
    path = write_xlsx(tmp_path / "blank.xlsx", [])

    message = input_error(path)

    assert "是空的" in message


def test_file_not_found(tmp_path: Path) -> None:
    message = input_error(tmp_path / "nothere.xlsx")

    assert "不存在" in message
    assert str(tmp_path) in message


def test_folder_instead_of_file(tmp_path: Path) -> None:
    folder = tmp_path / "folder.xlsx"
    folder.mkdir()

    assert "文件夹" in input_error(folder)


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.xlsx"
    path.write_bytes(b"")

    assert "空文件" in input_error(path)


def test_text_file_named_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "notes.xlsx"
    path.write_text("业务员,单位名称\n张伟,某设计院\n", encoding="utf-8")

    message = input_error(path)

    assert "不是 Excel 工作簿" in message
    assert "另存为 .xlsx" in message


def test_zip_without_workbook(tmp_path: Path) -> None:
    path = tmp_path / "document.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", "<document/>")

    assert "不是 Excel 工作簿" in input_error(path)


def test_truncated_zip(tmp_path: Path) -> None:
    data = GOLDEN_FILE.read_bytes()
    path = tmp_path / "truncated.xlsx"
    path.write_bytes(data[: len(data) // 2])

    message = input_error(path)

    assert "损坏或不完整" in message


def test_corrupt_sheet_xml(tmp_path: Path, backend: str) -> None:
    path = tmp_path / "corrupt.xlsx"
    with zipfile.ZipFile(GOLDEN_FILE) as source, zipfile.ZipFile(path, "w") as target:
        for member in source.infolist():
            content = source.read(member.filename)
            if member.filename == "xl/worksheets/sheet1.xml":
                content = content[: len(content) // 2]
            target.writestr(member.filename, content)

    assert "已损坏" in input_error(path)


def test_uncompressed_size_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / GOLDEN_FILE.name
    shutil.copyfile(GOLDEN_FILE, path)
    monkeypatch.setattr(reader, "MAX_UNCOMPRESSED_BYTES", 1024)

    message = input_error(path)

    assert "解压后" in message
    assert "上限" in message


def test_password_protected_workbook(tmp_path: Path) -> None:
    ooxml = pytest.importorskip("msoffcrypto.format.ooxml")
    path = tmp_path / "locked.xlsx"
    with GOLDEN_FILE.open("rb") as plain, path.open("wb") as encrypted:
        ooxml.OOXMLFile(plain).encrypt("secret", encrypted)

    message = input_error(path)

    assert "密码" in message
    assert "加密" in message


def test_unsupported_suffix(tmp_path: Path) -> None:
    path = tmp_path / "leads.numbers"
    path.write_bytes(b"data")

    message = input_error(path)

    assert "不受支持" in message
    assert ".xlsx" in message


def test_permission_denied(tmp_path: Path) -> None:
    path = tmp_path / GOLDEN_FILE.name
    shutil.copyfile(GOLDEN_FILE, path)
    path.chmod(0)
    if os.geteuid() != 0:
        assert "无法读取" in input_error(path)
        return

    # Root reads any file, so the read runs in a child without the capabilities that allow it.
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("setpriv is needed to drop root's read capabilities")
    script = (
        "import sys\n"
        "from leadcheck.sheets.reader import read_lead_sheet, InputError\n"
        "try:\n    read_lead_sheet(sys.argv[1])\n"
        "except InputError as error:\n    print(error)\n"
    )
    dropped = "-dac_override,-dac_read_search"
    completed = subprocess.run(
        [setpriv, f"--inh-caps={dropped}", f"--bounding-set={dropped}", sys.executable, "-c", script, str(path)],
        capture_output=True, text=True, check=True, cwd=Path(__file__).parent.parent,
    )
    assert f"“{path.name}”无法读取" in completed.stdout


# .xls through LibreOffice.


@pytest.fixture(scope="module")
def xls_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice is needed to write an .xls file")
    folder = tmp_path_factory.mktemp("xls")
    source = folder / "leads.xlsx"
    shutil.copyfile(GOLDEN_FILE, source)
    subprocess.run(
        [soffice, "--headless", f"-env:UserInstallation=file://{folder}/profile", "--convert-to", "xls", "--outdir", str(folder), str(source)],
        capture_output=True, check=True, timeout=120,
    )
    return folder / "leads.xls"


def test_xls_matches_xlsx(xls_copy: Path) -> None:
    from_xls = read_lead_sheet(xls_copy)
    from_xlsx = read_lead_sheet(xls_copy.with_suffix(".xlsx"))

    assert from_xls.headers == from_xlsx.headers
    assert from_xls.rows == from_xlsx.rows


def test_xls_without_calamine(xls_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reader, "python_calamine", None)

    message = input_error(xls_copy)

    assert "另存为 .xlsx" in message


def test_xls_named_xlsx(xls_copy: Path, tmp_path: Path) -> None:
    path = tmp_path / "renamed.xlsx"
    shutil.copyfile(xls_copy, path)

    assert "旧版 .xls" in input_error(path)


def test_csv_with_stray_nul_stays_utf8(tmp_path: Path) -> None:
    path = tmp_path / "leads.csv"
    path.write_bytes("业务员,单位名称\r\n张伟,杭州市城建\x00设计研究院\r\n".encode("utf-8"))

    data = read_lead_sheet(path)

    assert data.headers == ["业务员", "单位名称"]
    assert data.rows[0][1][0] == "张伟"
