"""``leadcheck template build`` and ``build-addin``: write the Excel artefacts from source."""

from __future__ import annotations

from pathlib import Path

import click

from leadcheck.model.config import DEFAULT_CONFIG, ConfigError, config_from_toml


@click.group("template", help="生成客户登记模板（.xlsm）和管理加载项（.xlam）。")
@click.help_option("-h", "--help")
def template_group() -> None:
    pass


@template_group.command("build", help="生成客户登记模板 LeadTemplate.xlsm，可用规则文件定制。")
@click.option(
    "--config", "config_path", type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="规则文件（TOML），例如改名额比例、负责人职务、必填列；不给则用公司标准。",
)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
    default=Path("LeadTemplate.xlsm"), show_default=True, help="生成的模板文件路径（.xlsm）。",
)
@click.help_option("-h", "--help")
def build_command(config_path: Path | None, output: Path) -> None:
    from leadcheck.build.template import TemplateError, build_template

    config = DEFAULT_CONFIG
    header = ""
    if config_path is not None:
        try:
            config = config_from_toml(config_path.read_text(encoding="utf-8"))
        except (ConfigError, UnicodeDecodeError) as error:
            raise click.ClickException(f"规则文件 {config_path} 无法使用：{error}") from error
        header = f"规则来源：{config_path.name}"

    if output.suffix.lower() != ".xlsm":
        raise click.BadParameter(f"“{output}”：模板必须保存为 .xlsm，宏才能保留", param_hint="-o")
    try:
        data = build_template(config, config_header=header)
    except TemplateError as error:
        raise click.ClickException(str(error)) from error
    output.write_bytes(data)
    click.echo(f"已生成模板：{output}")


@template_group.command("build-addin", help="生成主管和培训用的加载项 LeadCheck.xlam。")
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
    default=Path("LeadCheck.xlam"), show_default=True, help="生成的加载项文件路径（.xlam）。",
)
@click.help_option("-h", "--help")
def build_addin_command(output: Path) -> None:
    from leadcheck.build.addin import build_addin

    if output.suffix.lower() != ".xlam":
        raise click.BadParameter(f"“{output}”：加载项必须保存为 .xlam", param_hint="-o")
    output.write_bytes(build_addin())
    click.echo(f"已生成加载项：{output}")
