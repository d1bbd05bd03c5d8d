"""Ribbon sources: every button's onAction is a callback Sub that hands over to Python."""

import re

import pytest

from leadcheck.build import sources
from leadcheck.build.ribbon import RibbonError, callback_subs, load_ribbon, ribbon_callbacks

# Command functions of leadcheck.commands.ribbon that the callbacks may call.
COMMANDS = {
    "validate_sheet", "clear_flags", "quota_summary", "merge_workbooks",
    "check_environment", "show_help", "new_lead_sheet",
}

RIBBONS = [
    (sources.TEMPLATE_RIBBON, sources.TEMPLATE_CALLBACKS, "有效客户",
     ["校验整表", "清除标记", "配额汇总", "合并工作簿", "检查环境", "帮助"]),
    (sources.ADDIN_RIBBON, sources.ADDIN_CALLBACKS, "有效客户管理",
     ["校验整表", "清除标记", "配额汇总", "合并工作簿", "新建登记表", "检查环境", "帮助"]),
]


@pytest.mark.parametrize("ribbon, callbacks, tab, labels", RIBBONS)
def test_every_on_action_has_callback_sub(ribbon, callbacks, tab, labels):
    xml = (sources.ADDIN_DIR / ribbon).read_bytes()
    source = (sources.ADDIN_DIR / callbacks).read_bytes().decode("ascii")
    declared = callback_subs(source)
    actions = ribbon_callbacks(xml)
    assert len(actions) == len(labels)
    for control, callback in actions.items():
        assert callback in declared, control


@pytest.mark.parametrize("ribbon, callbacks, tab, labels", RIBBONS)
def test_ribbon_tab_and_button_labels(ribbon, callbacks, tab, labels):
    xml = (sources.ADDIN_DIR / ribbon).read_text(encoding="utf-8")
    assert re.search(rf'<tab id="\w+" label="{tab}">', xml)
    assert re.findall(r'<button [^>]*?label="([^"]+)"', xml) == labels


@pytest.mark.parametrize("ribbon, callbacks, tab, labels", RIBBONS)
def test_callbacks_run_python_commands(ribbon, callbacks, tab, labels):
    source = (sources.ADDIN_DIR / callbacks).read_bytes().decode("ascii")
    calls = re.findall(
        r'RunPython "import leadcheck\.commands\.ribbon as ribbon; ribbon\.(\w+)\(\)"', source
    )
    assert len(calls) == len(labels)
    assert set(calls) <= COMMANDS
    assert "\r\n" in source
    assert "\n" not in source.replace("\r\n", "")


def test_missing_callback_is_rejected(tmp_path):
    ribbon = tmp_path / "ribbon.xml"
    ribbon.write_text(
        '<customUI xmlns="http://schemas.microsoft.com/office/2009/07/customui">'
        '<ribbon><tabs><tab id="t" label="x"><group id="g" label="g">'
        '<button id="b" label="b" onAction="NoSuchSub"/></group></tab></tabs></ribbon></customUI>',
        encoding="utf-8",
    )
    with pytest.raises(RibbonError, match="NoSuchSub"):
        load_ribbon(ribbon, "Sub Other(control As IRibbonControl)\r\nEnd Sub\r\n")
