"""vbaProject.bin built from the addin/ sources, read back by olefile and olevba."""

import io
from pathlib import Path

import olefile
import pytest
from oletools.olevba import VBA_Parser

from leadcheck.build import cfb
from leadcheck.build.vbaproject import (
    WORKBOOK_BASE,
    ModuleKind,
    VbaModule,
    VbaProjectError,
    build_vba_project,
    decrypt_property,
    document_module,
    encrypt_property,
    read_module,
)

ADDIN = Path(__file__).parent.parent / "addin"


def olevba_modules(project: bytes) -> dict[str, str]:
    """Return {module name: source} as olevba extracts them from a vbaProject.bin."""
    parser = VBA_Parser("vbaProject.bin", data=project)
    modules = {}
    for _, stream_path, _, code in parser.extract_all_macros():
        modules[stream_path.split("/")[-1]] = code
    parser.close()
    return modules


@pytest.fixture(scope="module")
def modules():
    return [
        document_module("ThisWorkbook", WORKBOOK_BASE),
        read_module(ADDIN / "xlwings.bas"),
        read_module(ADDIN / "Dictionary.cls"),
        read_module(ADDIN / "LeadCheckRibbon.bas"),
    ]


def test_olevba_reads_back_exact_sources(modules):
    extracted = olevba_modules(build_vba_project(modules))
    assert sorted(extracted) == sorted(module.name for module in modules)
    for module in modules:
        assert extracted[module.name] == module.source, module.name


def test_sources_match_files_on_disk(modules):
    by_name = {module.name: module for module in modules}
    bas = (ADDIN / "xlwings.bas").read_bytes().decode("ascii")
    assert by_name["xlwings"].source == bas
    cls = (ADDIN / "Dictionary.cls").read_bytes().decode("ascii")
    assert cls.endswith(by_name["Dictionary"].source)
    assert by_name["Dictionary"].kind is ModuleKind.CLASS


def test_project_stream_lists_modules(modules):
    ole = olefile.OleFileIO(io.BytesIO(build_vba_project(modules)))
    project = ole.openstream("PROJECT").read().decode("ascii")
    assert "Document=ThisWorkbook/&H00000000\r\n" in project
    assert "Module=xlwings\r\n" in project
    assert "Class=Dictionary\r\n" in project
    assert "Module=LeadCheckRibbon\r\n" in project
    assert ole.openstream("VBA/_VBA_PROJECT").read() == bytes.fromhex("CC61FFFF000000")


def test_project_properties_decrypt_to_unprotected(modules):
    ole = olefile.OleFileIO(io.BytesIO(build_vba_project(modules)))
    lines = ole.openstream("PROJECT").read().decode("ascii").split("\r\n")
    values = dict(line.split("=", 1) for line in lines if line[:4] in ("ID=\"", "CMG=", "DPB=", "GC=\""))
    key = sum(values["ID"].strip('"').encode()) & 0xFF
    assert decrypt_property(values["CMG"].strip('"')) == (key, b"\x00\x00\x00\x00")
    assert decrypt_property(values["DPB"].strip('"')) == (key, b"\x00")
    assert decrypt_property(values["GC"].strip('"')) == (key, b"\xff")


def test_decrypt_matches_excel_written_values():
    # CMG and GC of an unprotected project saved by Excel (ID sums to key 0x2B).
    assert decrypt_property("8D8FA61394EA98EA98EA98EA98") == (0x2B, b"\x00" * 4)
    assert decrypt_property("8D8FA61394EF95EF9510") == (0x2B, b"\xff")
    assert decrypt_property(encrypt_property(b"abc", 0x2B, seed=0x8D)) == (0x2B, b"abc")


def test_build_is_deterministic(modules):
    assert build_vba_project(modules) == build_vba_project(list(modules))


def test_module_over_64_kb_round_trips():
    body = "".join(f"Sub Step{i}()\r\n    Debug.Print {i}\r\nEnd Sub\r\n" for i in range(3000))
    module = VbaModule("Large", ModuleKind.STANDARD, 'Attribute VB_Name = "Large"\r\n' + body)
    assert len(module.source) > 65_536
    extracted = olevba_modules(build_vba_project([module]))
    assert extracted["Large"] == module.source


def test_non_ascii_source_is_rejected():
    module = VbaModule("Bad", ModuleKind.STANDARD, 'Attribute VB_Name = "Bad"\r\nMsgBox "校验"')
    with pytest.raises(VbaProjectError, match="Bad"):
        build_vba_project([module])


def test_duplicate_module_names_are_rejected():
    module = VbaModule("Same", ModuleKind.STANDARD, 'Attribute VB_Name = "Same"\r\n')
    with pytest.raises(VbaProjectError, match="SAME"):
        build_vba_project([module, module])


def test_compound_file_tree_holds_many_siblings():
    container = cfb.CompoundFile()
    payloads = {f"S{i:02d}": bytes([i]) * (i * 700) for i in range(40)}
    for name, data in payloads.items():
        container.add_stream(("VBA", name), data)
    ole = olefile.OleFileIO(io.BytesIO(container.to_bytes()), raise_defects=olefile.DEFECT_INCORRECT)
    for name, data in payloads.items():
        assert ole.openstream(f"VBA/{name}").read() == data


def test_compound_file_rejects_long_name():
    container = cfb.CompoundFile()
    with pytest.raises(cfb.CompoundFileError, match="x" * 32):
        container.add_stream(("x" * 32,), b"")
