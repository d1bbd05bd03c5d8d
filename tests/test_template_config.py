"""``leadcheck template build --config``: a trainer's rules shape the built template."""

import io
import re
import zipfile

import openpyxl
import pytest
from click.testing import CliRunner
from openpyxl.utils import get_column_letter

from leadcheck.cli.template import template_group
from leadcheck.model.columns import template_headers
from leadcheck.model.config import CONFIG_SHEET, DATA_SHEET, config_from_toml

RULES = """\
# 华东区 2027 年规则
quota_percent = 15
visit_methods = ["电话联系", "直接上门", "电话预约并上门", "视频会议"]
head_titles = ["主任", "部长", "科长", "处长", "院长", "所长", "信息化专员"]
required_fields = ["业务员", "拜访日期", "拜访方式", "单位名称", "单位类型", "资质", "地址", "人数",
                   "系统现状", "未来计划", "重要程度", "业务员意见"]

[add]
required_fields = ["微信"]
filler_words = ["无", "-", "/", "不详", "待定", "?", "xx", "同上", "暂无", "未知", "见附件"]
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    folder = tmp_path_factory.mktemp("custom")
    rules = folder / "rules.toml"
    rules.write_text(RULES, encoding="utf-8")
    output = folder / "公司模板.xlsm"
    result = CliRunner().invoke(template_group, ["build", "--config", str(rules), "-o", str(output)])
    assert result.exit_code == 0, result.output
    assert "公司模板.xlsm" in result.output
    return output.read_bytes()


@pytest.fixture(scope="module")
def workbook(built):
    return openpyxl.load_workbook(io.BytesIO(built), keep_vba=True)


def test_config_sheet_carries_trainer_rules(workbook):
    lines = [row[0] or "" for row in workbook[CONFIG_SHEET].iter_rows(values_only=True)]
    assert any("rules.toml" in line for line in lines)
    assert config_from_toml("\n".join(lines)) == config_from_toml(RULES)


def test_dropdown_lists_follow_config(workbook):
    (sheet_name, cells), = workbook.defined_names["LeadCheck_VisitMethods"].destinations
    values = [row[0].value for row in workbook[sheet_name][cells.replace("$", "")]]
    assert values == ["电话联系", "直接上门", "电话预约并上门", "视频会议"]
    (sheet_name, cells), = workbook.defined_names["LeadCheck_FillerWords"].destinations
    assert workbook[sheet_name][cells.replace("$", "")][-1][0].value == "见附件"


def test_extra_required_column_gets_tint(built):
    with zipfile.ZipFile(io.BytesIO(built)) as package:
        sheet_xml = package.read("xl/worksheets/sheet1.xml").decode()
    letter = get_column_letter(template_headers().index("单位类型") + 1)
    assert re.search(rf'<conditionalFormatting sqref="{letter}2:{letter}\d+">', sheet_xml)


def test_extra_required_column_is_added(workbook):
    headers = [cell.value for cell in workbook[DATA_SHEET][1]]
    assert headers.index("微信") == headers.index("备注") + 1
    assert headers.index("联系人1-姓名") == headers.index("微信") + 1


def test_built_template_validates_cleanly(built, tmp_path):
    from leadcheck.engine import validate_rows
    from leadcheck.sheets.reader import read_lead_sheet

    path = tmp_path / "rep.xlsm"
    path.write_bytes(built)
    sheet = read_lead_sheet(path)
    config = config_from_toml(sheet.config_text)

    assert "微信" in config.required_fields
    assert validate_rows(sheet.headers, [], config=config).customers == []


def test_input_messages_quote_config(workbook):
    prompts = [validation.prompt or "" for validation in workbook[DATA_SHEET].data_validations.dataValidation]
    assert any("15% 的名额" in prompt for prompt in prompts)
    assert any("视频会议" in prompt for prompt in prompts)


def test_unknown_key_is_rejected(tmp_path):
    rules = tmp_path / "rules.toml"
    rules.write_text("quota_percnt = 15\n", encoding="utf-8")
    result = CliRunner().invoke(template_group, ["build", "--config", str(rules), "-o", str(tmp_path / "a.xlsm")])
    assert result.exit_code == 1
    assert "quota_percnt" in result.output
    assert not (tmp_path / "a.xlsm").exists()


def test_empty_dropdown_list_is_rejected(tmp_path):
    rules = tmp_path / "rules.toml"
    rules.write_text("genders = []\n", encoding="utf-8")
    result = CliRunner().invoke(template_group, ["build", "--config", str(rules), "-o", str(tmp_path / "a.xlsm")])
    assert result.exit_code == 1
    assert "genders" in result.output


def test_output_must_be_xlsm(tmp_path):
    result = CliRunner().invoke(template_group, ["build", "-o", str(tmp_path / "模板.xlsx")])
    assert result.exit_code == 2
    assert ".xlsm" in result.output
