"""Zip-level care of the parts of an .xlsm that openpyxl does not model.

openpyxl 3.1.5 with ``keep_vba=True`` copies ``xl/vbaProject.bin`` and the ``customUI/``
files into the saved package, but writes a fresh ``_rels/.rels`` that lacks the ribbon's
relationship, so Excel no longer shows the template's ribbon tab. ``restore_package_parts``
puts back, from the source package: those parts byte for byte, the root relationships
that point at them, and their content types.

Part names follow the Open Packaging Conventions: zip member names without a leading
slash (``customUI/customUI14.xml``), and ``PartName`` values with one.
"""

from __future__ import annotations

import os
import tempfile
import zipfile
from pathlib import Path
from xml.etree import ElementTree

from defusedxml.ElementTree import fromstring

ROOT_RELS = "_rels/.rels"
CONTENT_TYPES = "[Content_Types].xml"
RELS_NAMESPACE = "http://schemas.openxmlformats.org/package/2006/relationships"
TYPES_NAMESPACE = "http://schemas.openxmlformats.org/package/2006/content-types"


class PackageError(ValueError):
    """A package whose parts cannot be restored; the message names the file and part."""


def is_preserved_part(name: str) -> bool:
    """Return True for the parts copied verbatim from the source: VBA and ribbon files."""
    return name.startswith(("customUI/", "xl/vba")) or name == "xl/vbaProject.bin"


def restore_package_parts(source: Path, saved: Path) -> list[str]:
    """Copy the VBA and ribbon parts of ``source`` into ``saved`` and relink them.

    ``saved`` is rewritten through a temporary file in its own folder and ``os.replace``.
    Returns the names of the restored parts. It does not check that the VBA project still
    matches the sheets (a macro naming a deleted sheet stays broken).
    """
    with zipfile.ZipFile(source) as original:
        preserved = {name: original.read(name) for name in original.namelist() if is_preserved_part(name)}
        source_rels = original.read(ROOT_RELS) if ROOT_RELS in original.namelist() else None
        source_types = original.read(CONTENT_TYPES)
    if not preserved:
        return []

    with zipfile.ZipFile(saved) as written:
        members = [(info, written.read(info.filename)) for info in written.infolist()]
    data_by_name = {info.filename: data for info, data in members}
    if ROOT_RELS not in data_by_name or CONTENT_TYPES not in data_by_name:
        raise PackageError(f"“{saved.name}”缺少 {ROOT_RELS} 或 {CONTENT_TYPES}：不是完整的 Excel 文件")

    # Rewrite the two index parts, keep every other member, and put the preserved parts back.
    replacements = dict(preserved)
    if source_rels is not None:
        replacements[ROOT_RELS] = merge_relationships(data_by_name[ROOT_RELS], source_rels)
    replacements[CONTENT_TYPES] = merge_content_types(data_by_name[CONTENT_TYPES], source_types, set(preserved))

    handle, temp_name = tempfile.mkstemp(dir=saved.parent, prefix=".~", suffix=saved.suffix)
    os.close(handle)
    try:
        with zipfile.ZipFile(temp_name, "w", zipfile.ZIP_DEFLATED) as output:
            for info, data in members:
                output.writestr(info, replacements.pop(info.filename, data))
            for name, data in replacements.items():
                output.writestr(name, data)
        os.replace(temp_name, saved)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
    return sorted(preserved)


def merge_relationships(saved_rels: bytes, source_rels: bytes) -> bytes:
    """Add to ``saved_rels`` each source relationship whose target is a preserved part."""
    saved = fromstring(saved_rels)
    tag = f"{{{RELS_NAMESPACE}}}Relationship"
    targets = {element.get("Target", "").lstrip("/") for element in saved.iter(tag)}
    ids = {element.get("Id") for element in saved.iter(tag)}

    for element in fromstring(source_rels).iter(tag):
        target = element.get("Target", "").lstrip("/")
        if not is_preserved_part(target) or target in targets:
            continue
        relationship = ElementTree.SubElement(saved, tag, dict(element.attrib))
        if relationship.get("Id") in ids:
            relationship.set("Id", _free_id(ids))
        ids.add(relationship.get("Id"))
    return _serialize(saved, RELS_NAMESPACE)


def merge_content_types(saved_types: bytes, source_types: bytes, parts: set[str]) -> bytes:
    """Add the source's content types for ``parts``: overrides by name, defaults by extension."""
    saved = fromstring(saved_types)
    default_tag = f"{{{TYPES_NAMESPACE}}}Default"
    override_tag = f"{{{TYPES_NAMESPACE}}}Override"
    extensions = {element.get("Extension", "").lower() for element in saved.iter(default_tag)}
    overrides = {element.get("PartName") for element in saved.iter(override_tag)}
    wanted_extensions = {name.rsplit(".", 1)[-1].lower() for name in parts if "." in name}
    wanted_names = {"/" + name for name in parts}

    source = fromstring(source_types)
    for element in source.iter(default_tag):
        extension = element.get("Extension", "").lower()
        if extension in wanted_extensions and extension not in extensions:
            ElementTree.SubElement(saved, default_tag, dict(element.attrib))
            extensions.add(extension)
    for element in source.iter(override_tag):
        name = element.get("PartName")
        if name in wanted_names and name not in overrides:
            ElementTree.SubElement(saved, override_tag, dict(element.attrib))
    return _serialize(saved, TYPES_NAMESPACE)


def _free_id(ids: set[str | None]) -> str:
    number = 1
    while f"rIdUI{number}" in ids:
        number += 1
    return f"rIdUI{number}"


def _serialize(root: ElementTree.Element, namespace: str) -> bytes:
    ElementTree.register_namespace("", namespace)
    return ElementTree.tostring(root, encoding="UTF-8", xml_declaration=True)
