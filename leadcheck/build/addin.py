"""Build LeadCheck.xlam: the 有效客户管理 ribbon for supervisors and trainers.

The add-in carries the xlwings module and the admin callbacks, whose Python commands act
on the active workbook (also lead sheets not made from the template). Its worksheets stay
hidden, as in every add-in: 说明 (Sheet1) names the version, xlwings.conf (Sheet2) holds
the xlwings settings.
"""

from __future__ import annotations

from io import BytesIO

import xlsxwriter

from leadcheck import __version__
from leadcheck.build import package, sources
from leadcheck.build.template import BUILD_DATE, TEMPLATE_VERSION, XLWINGS_SHEET, write_xlwings_settings
from leadcheck.build.vbaproject import build_vba_project

ABOUT_SHEET = "说明"


def build_addin() -> bytes:
    """Return the bytes of LeadCheck.xlam; the result depends only on the source files."""
    output = BytesIO()
    workbook = xlsxwriter.Workbook(output, {"in_memory": True})
    workbook.set_properties({
        "title": "有效客户管理加载项",
        "comments": f"leadcheck {__version__}，配套模板版本 {TEMPLATE_VERSION}",
        "created": BUILD_DATE,
    })

    about = workbook.add_worksheet(ABOUT_SHEET)
    settings = workbook.add_worksheet(XLWINGS_SHEET)
    about.set_vba_name("Sheet1")
    settings.set_vba_name("Sheet2")
    workbook.set_vba_name("ThisWorkbook")

    about.set_column(0, 0, 80)
    about.write_string(0, 0, "有效客户管理加载项")
    about.write_string(1, 0, f"leadcheck {__version__}，配套模板版本 {TEMPLATE_VERSION}")
    about.write_string(2, 0, "功能区“有效客户管理”：校验当前工作簿、清除标记、配额汇总、合并工作簿、新建登记表、检查环境。")
    write_xlwings_settings(settings)

    vba = build_vba_project(sources.addin_modules(sheet_count=2))
    workbook.add_vba_project(BytesIO(vba), is_stream=True)
    workbook.close()
    return package.finish_package(output.getvalue(), sources.addin_ribbon(), addin=True)
