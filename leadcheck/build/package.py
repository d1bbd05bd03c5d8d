"""Finish an Office package written by XlsxWriter: ribbon part, add-in type, fixed zip.

XlsxWriter cannot add a ribbon (``customUI/customUI14.xml``) or write an ``.xlam``. This
step rewrites the zip: it adds the ribbon part and its relationship from ``_rels/.rels``,
optionally switches the workbook's content type to an add-in, and writes members in sorted
order with one fixed timestamp, so equal input gives byte-equal packages.
"""

from __future__ import annotations

import re
import zipfile
from io import BytesIO

# Relationship type of an Office 2010+ ribbon part; Office 2007 used .../ui/extensibility too,
# but with customUI.xml and another schema, which Excel 2010 and later ignore for this part.
RIBBON_RELATIONSHIP = "http://schemas.microsoft.com/office/2007/relationships/ui/extensibility"
RIBBON_PART = "customUI/customUI14.xml"

MACRO_WORKBOOK_TYPE = "application/vnd.ms-excel.sheet.macroEnabled.main+xml"
ADDIN_WORKBOOK_TYPE = "application/vnd.ms-excel.addin.macroEnabled.main+xml"

# The earliest date a zip entry can carry; used for every member so rebuilds are equal.
FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


class PackageError(ValueError):
    """A package that cannot be finished as asked; the message names the part."""


def finish_package(package: bytes, ribbon_xml: bytes, *, addin: bool = False) -> bytes:
    """Return ``package`` with the ribbon linked, members sorted and timestamps fixed."""
    with zipfile.ZipFile(BytesIO(package)) as source:
        members = {name: source.read(name) for name in source.namelist()}

    if RIBBON_PART in members:
        raise PackageError(f"package already contains {RIBBON_PART}")
    members[RIBBON_PART] = ribbon_xml
    members["_rels/.rels"] = _add_ribbon_relationship(members["_rels/.rels"])

    if addin:
        types = members["[Content_Types].xml"]
        if MACRO_WORKBOOK_TYPE.encode() not in types:
            raise PackageError(f"[Content_Types].xml lacks {MACRO_WORKBOOK_TYPE}")
        members["[Content_Types].xml"] = types.replace(
            MACRO_WORKBOOK_TYPE.encode(), ADDIN_WORKBOOK_TYPE.encode()
        )
    return write_sorted_zip(members)


def _add_ribbon_relationship(rels: bytes) -> bytes:
    text = rels.decode("utf-8")
    used = {int(number) for number in re.findall(r'Id="rId(\d+)"', text)}
    identifier = f"rId{max(used, default=0) + 1}"
    relationship = (
        f'<Relationship Id="{identifier}" Type="{RIBBON_RELATIONSHIP}" Target="{RIBBON_PART}"/>'
    )
    if "</Relationships>" not in text:
        raise PackageError("_rels/.rels has no </Relationships> end tag")
    return text.replace("</Relationships>", relationship + "</Relationships>").encode("utf-8")


def write_sorted_zip(members: dict[str, bytes]) -> bytes:
    """Return a deflated zip of ``members`` in name order, all dated ``FIXED_ZIP_TIME``."""
    output = BytesIO()
    with zipfile.ZipFile(output, "w") as target:
        for name in sorted(members):
            info = zipfile.ZipInfo(name, date_time=FIXED_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            target.writestr(info, members[name])
    return output.getvalue()
