"""Build ``xl/vbaProject.bin`` from VBA source text ([MS-OVBA] 2.2-2.4).

The project holds no compiled code: the ``_VBA_PROJECT`` stream carries version 0xFFFF and
every module an empty performance cache, which tells Office to compile from the source
text when it opens the workbook. Each module stream is the MS-OVBA compressed source.

Code page: the project declares 936 (GBK, the ANSI code page of Simplified Chinese
Windows), but the builder accepts ASCII-only source text, so the stored bytes read the
same under any code page the VBA editor picks (English Windows, macOS). Chinese text that
the VBA code shows to users comes from Python, never from the VBA source.

Naming: ``source`` is a module's text as stored in the project, including its
``Attribute VB_…`` lines and without the ``VERSION``/``BEGIN``/``END`` header that exported
``.cls`` files carry.
"""

from __future__ import annotations

import enum
import struct
import uuid
from dataclasses import dataclass
from pathlib import Path

from leadcheck.build import cfb, ovba

# The ANSI code page declared for the project; see the module docstring.
CODE_PAGE = 936

# Locale of the project (en-US); Office uses it only for the VBA editor's own strings.
LCID = 0x0409

# PROJECTSYSKIND 1 = 32-bit Windows; 64-bit and Mac Office read such projects too.
SYS_KIND_WIN32 = 1

# References every Excel project carries: OLE Automation, and the Office library that
# defines IRibbonControl, which the ribbon callbacks take as their argument.
REFERENCES = (
    ("stdole", "*\\G{00020430-0000-0000-C000-000000000046}#2.0#0#"
               "C:\\Windows\\System32\\stdole2.tlb#OLE Automation"),
    ("Office", "*\\G{2DF8D04C-5BFA-101B-BDE5-00AA0044DE52}#2.0#0#"
               "C:\\Program Files\\Common Files\\Microsoft Shared\\OFFICE16\\MSO.DLL#"
               "Microsoft Office 16.0 Object Library"),
)

# Document modules bind to the host objects through these base interfaces (Excel's
# Workbook and Worksheet classes).
WORKBOOK_BASE = "0{00020819-0000-0000-C000-000000000046}"
WORKSHEET_BASE = "0{00020820-0000-0000-C000-000000000046}"

# Seed byte of the PROJECT stream's encrypted properties; fixed so builds are repeatable.
ENCRYPTION_SEED = 0x42

# Version written into the encrypted PROJECT properties, fixed by the format.
ENCRYPTION_VERSION = 2


class VbaProjectError(ValueError):
    """VBA source that the builder cannot store faithfully; the message names it."""


class ModuleKind(enum.Enum):
    """How a module is declared in the PROJECT stream and the ``dir`` stream."""

    STANDARD = "Module"
    CLASS = "Class"
    DOCUMENT = "Document"


@dataclass(frozen=True)
class VbaModule:
    """One module of the project: its name, kind and stored source text."""

    name: str
    kind: ModuleKind
    source: str


def read_module(path: Path) -> VbaModule:
    """Read a ``.bas`` or ``.cls`` export into a module, with CRLF line ends.

    The module name comes from its ``Attribute VB_Name`` line. Raises ``VbaProjectError``
    for non-ASCII text or a file without that line.
    """
    raw = path.read_bytes()
    if not raw.isascii():
        raise VbaProjectError(f"{path} contains non-ASCII characters; VBA sources must be ASCII")
    text = raw.decode("ascii")

    lines = text.replace("\r\n", "\n").split("\n")
    kind = ModuleKind.STANDARD
    if lines and lines[0].startswith("VERSION 1.0 CLASS"):
        kind = ModuleKind.CLASS
        end = lines.index("END")
        lines = lines[end + 1:]

    first = lines[0] if lines else ""
    prefix = 'Attribute VB_Name = "'
    if not first.startswith(prefix):
        raise VbaProjectError(f"{path} does not start with {prefix}…\"")
    name = first[len(prefix):].rstrip('"')
    return VbaModule(name=name, kind=kind, source="\r\n".join(lines))


def document_module(name: str, base: str) -> VbaModule:
    """Return an empty document module (``ThisWorkbook``, ``Sheet1``, …) bound to ``base``."""
    lines = [
        f'Attribute VB_Name = "{name}"',
        f'Attribute VB_Base = "{base}"',
        "Attribute VB_GlobalNameSpace = False",
        "Attribute VB_Creatable = False",
        "Attribute VB_PredeclaredId = True",
        "Attribute VB_Exposed = True",
        "Attribute VB_TemplateDerived = False",
        "Attribute VB_Customizable = True",
        "",
    ]
    return VbaModule(name=name, kind=ModuleKind.DOCUMENT, source="\r\n".join(lines))


def build_vba_project(modules: list[VbaModule], project_name: str = "VBAProject") -> bytes:
    """Return the bytes of ``vbaProject.bin`` holding ``modules`` in the given order.

    Does not compile anything, so syntax errors in the source surface only in Office.
    """
    names = [module.name.upper() for module in modules]
    duplicates = sorted({name for name in names if names.count(name) > 1})
    if duplicates:
        raise VbaProjectError(f"duplicate VBA module names: {', '.join(duplicates)}")
    for module in modules:
        if not module.source.isascii() or not module.name.isascii():
            raise VbaProjectError(f"VBA module {module.name!r} contains non-ASCII text")

    container = cfb.CompoundFile()

    # Version 0xFFFF and no performance cache make Office compile from source.
    container.add_stream(("VBA", "_VBA_PROJECT"), bytes.fromhex("CC61FFFF000000"))
    container.add_stream(("VBA", "dir"), ovba.compress(_dir_stream(modules, project_name)))
    for module in modules:
        container.add_stream(("VBA", module.name), ovba.compress(_encode(module.source)))

    container.add_stream(("PROJECT",), _project_stream(modules, project_name))
    container.add_stream(("PROJECTwm",), _project_names_stream(modules))
    return container.to_bytes()


def _encode(text: str) -> bytes:
    return text.encode("cp936")


def _record(record_id: int, data: bytes) -> bytes:
    return struct.pack("<HI", record_id, len(data)) + data


def _text_record(record_id: int, unicode_id: int, text: str) -> bytes:
    """Return a record holding ``text`` in the code page, then its UTF-16 twin."""
    return _record(record_id, _encode(text)) + _record(unicode_id, text.encode("utf-16-le"))


def _dir_stream(modules: list[VbaModule], project_name: str) -> bytes:
    """Return the uncompressed ``dir`` stream: project information, references, modules."""
    parts = [
        _record(0x0001, struct.pack("<I", SYS_KIND_WIN32)),
        _record(0x0002, struct.pack("<I", LCID)),
        _record(0x0014, struct.pack("<I", LCID)),
        _record(0x0003, struct.pack("<H", CODE_PAGE)),
        _record(0x0004, _encode(project_name)),
        _text_record(0x0005, 0x0040, ""),
        _text_record(0x0006, 0x003D, ""),
        _record(0x0007, struct.pack("<I", 0)),
        _record(0x0008, struct.pack("<I", 0)),
        # PROJECTVERSION has a fixed Reserved size field of 4, then major and minor.
        struct.pack("<HIIH", 0x0009, 4, 1, 0),
        _text_record(0x000C, 0x003C, ""),
    ]

    for name, libid in REFERENCES:
        parts.append(_text_record(0x0016, 0x003E, name))
        registered = struct.pack("<I", len(libid)) + _encode(libid) + struct.pack("<IH", 0, 0)
        parts.append(_record(0x000D, registered))

    parts.append(struct.pack("<HIH", 0x000F, 2, len(modules)))
    parts.append(struct.pack("<HIH", 0x0013, 2, 0xFFFF))
    for module in modules:
        parts.append(_module_record(module))

    parts.append(struct.pack("<HI", 0x0010, 0))
    return b"".join(parts)


def _module_record(module: VbaModule) -> bytes:
    """Return the MODULE record; the source starts at offset 0 of its stream."""
    type_id = 0x0021 if module.kind is ModuleKind.STANDARD else 0x0022
    return b"".join([
        _record(0x0019, _encode(module.name)),
        _record(0x0047, module.name.encode("utf-16-le")),
        _text_record(0x001A, 0x0032, module.name),
        _text_record(0x001C, 0x0048, ""),
        _record(0x0031, struct.pack("<I", 0)),
        _record(0x001E, struct.pack("<I", 0)),
        _record(0x002C, struct.pack("<H", 0xFFFF)),
        struct.pack("<HI", type_id, 0),
        struct.pack("<HI", 0x002B, 0),
    ])


def project_id(project_name: str, modules: list[VbaModule]) -> str:
    """Return the project GUID, derived from the module names so rebuilds repeat it."""
    key = project_name + ":" + ",".join(module.name for module in modules)
    return "{" + str(uuid.uuid5(uuid.NAMESPACE_URL, "leadcheck-vba:" + key)).upper() + "}"


def _project_stream(modules: list[VbaModule], project_name: str) -> bytes:
    """Return the PROJECT stream: module list, name, and unprotected, visible state."""
    identifier = project_id(project_name, modules)
    lines = [f'ID="{identifier}"']
    for module in modules:
        if module.kind is ModuleKind.DOCUMENT:
            lines.append(f"Document={module.name}/&H00000000")
        else:
            lines.append(f"{module.kind.value}={module.name}")

    key = sum(_encode(identifier)) & 0xFF
    lines += [
        f'Name="{project_name}"',
        'HelpContextID="0"',
        'VersionCompatible32="393222000"',
        # No protection, no password, visible: the values the format defines for those.
        f'CMG="{encrypt_property(struct.pack("<I", 0), key)}"',
        f'DPB="{encrypt_property(bytes([0]), key)}"',
        f'GC="{encrypt_property(bytes([0xFF]), key)}"',
        "",
        "[Host Extender Info]",
        "&H00000001={3832D640-CF90-11CF-8E43-00A0C911005A};VBE;&H00000000",
        "",
        "[Workspace]",
    ]
    lines += [f"{module.name}=0, 0, 0, 0, C" for module in modules]
    return _encode("\r\n".join(lines) + "\r\n")


def _project_names_stream(modules: list[VbaModule]) -> bytes:
    """Return PROJECTwm: each module name in the code page and in UTF-16."""
    parts = [
        _encode(module.name) + b"\x00" + module.name.encode("utf-16-le") + b"\x00\x00"
        for module in modules
    ]
    return b"".join(parts) + b"\x00\x00"


def encrypt_property(data: bytes, project_key: int, seed: int = ENCRYPTION_SEED) -> str:
    """Return ``data`` obfuscated as [MS-OVBA] 2.4.3.2 prescribes, as upper-case hex."""
    output = bytearray([seed, seed ^ ENCRYPTION_VERSION, seed ^ project_key])
    unencrypted_previous = project_key
    encrypted_previous, encrypted_before = output[2], output[1]

    def push(byte: int) -> None:
        nonlocal unencrypted_previous, encrypted_previous, encrypted_before
        encrypted = byte ^ ((encrypted_before + unencrypted_previous) & 0xFF)
        output.append(encrypted)
        encrypted_before = encrypted_previous
        encrypted_previous = encrypted
        unencrypted_previous = byte

    for _ in range((seed & 6) // 2):
        push(0)
    for byte in struct.pack("<I", len(data)) + data:
        push(byte)
    return output.hex().upper()


def decrypt_property(text: str) -> tuple[int, bytes]:
    """Return (project key, data) of an encrypted PROJECT property ([MS-OVBA] 2.4.3.3)."""
    raw = bytes.fromhex(text)
    seed, version_encrypted, key_encrypted = raw[0], raw[1], raw[2]
    if seed ^ version_encrypted != ENCRYPTION_VERSION:
        raise VbaProjectError(f"encrypted property {text!r} has an unknown version")
    project_key = seed ^ key_encrypted
    unencrypted_previous = project_key
    encrypted_previous, encrypted_before = key_encrypted, version_encrypted
    plain = bytearray()
    for encrypted in raw[3:]:
        byte = encrypted ^ ((encrypted_before + unencrypted_previous) & 0xFF)
        plain.append(byte)
        encrypted_before = encrypted_previous
        encrypted_previous = encrypted
        unencrypted_previous = byte
    ignored = (seed & 6) // 2
    length = struct.unpack("<I", plain[ignored:ignored + 4])[0]
    return project_key, bytes(plain[ignored + 4:ignored + 4 + length])
