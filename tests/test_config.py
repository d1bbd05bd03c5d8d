"""Rule configuration: TOML overrides, [add] lists, rejected keys, and the documented keys."""

import dataclasses
from pathlib import Path

import pytest

from leadcheck.model.config import DEFAULT_CONFIG, ConfigError, RuleConfig, config_from_toml

ROOT = Path(__file__).resolve().parents[1]


def test_top_level_list_replaces():
    config = config_from_toml('head_titles = ["首席信息官"]')
    assert config.head_titles == ("首席信息官",)


def test_add_table_appends():
    config = config_from_toml('[add]\nhead_titles = ["首席信息官", "主任"]')
    assert config.head_titles == (*DEFAULT_CONFIG.head_titles, "首席信息官")


def test_add_after_replace():
    config = config_from_toml('required_fields = ["业务员"]\n[add]\nrequired_fields = ["微信"]')
    assert config.required_fields == ("业务员", "微信")


@pytest.mark.parametrize(
    "text, words",
    [
        ("quota_percnt = 15", ["quota_percnt", "quota_percent"]),
        ('[add]\nquota_percent = [1]', ["quota_percent", "列表"]),
        ("quota_percent = 0", ["quota_percent"]),
        ('quota_percent = "15"', ["quota_percent", "应为整数"]),
        ("head_titles = [1, 2]", ["head_titles"]),
        ("head_titles = [", ["TOML", "文件末尾"]),
        ("quota_percent = 15\n= 3", ["TOML", "第 2 行第 1 列附近"]),
    ],
)
def test_invalid_config_rejected(text, words):
    with pytest.raises(ConfigError) as raised:
        config_from_toml(text)
    for word in words:
        assert word in str(raised.value)


def test_example_rules_file_parses():
    config = config_from_toml((ROOT / "examples" / "rules.toml").read_text(encoding="utf-8"))
    assert config.quota_percent == 15
    assert "首席信息官" in config.head_titles
    assert "微信" in config.required_fields


def test_every_key_documented():
    text = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
    for field in dataclasses.fields(RuleConfig):
        assert f"`{field.name}`" in text, field.name
