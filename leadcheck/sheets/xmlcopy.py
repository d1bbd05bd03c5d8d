"""The streamed annotated copy: the source package copied part by part, with marks added.

``show_result`` draws into a ``PlannedBook``, which only records what it is asked to draw.
``write_streamed_copy`` then copies every zip member of the source unchanged except four
index parts and the data sheet. The 校验结果 cells are appended to the rows of the data
sheet's XML, and the flag rules and a ``legacyDrawing`` reference follow ``sheetData``.
Notes, the hidden flags sheet, the 校验汇总 sheet and its chart are new parts. The rep's
formatting, macros, ribbon and any part openpyxl does not model stay byte for byte, and
no openpyxl load of the workbook takes place.

It handles a workbook validated for the first time. ``StreamUnsupported`` is raised
before anything is written for what it does not handle (a previous run's marks, notes
already on the data sheet, cells right of the 校验结果 column, rows without an ``r``
attribute, prefixed SpreadsheetML). The caller then uses the openpyxl path.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from pathlib import Path
from typing import BinaryIO, Sequence

from defusedxml.ElementTree import fromstring
from openpyxl.utils import column_index_from_string, get_column_letter

from leadcheck.sheets import xmlparts
from leadcheck.sheets.filebook import NOTE_AUTHOR, NOTE_HEIGHT, NOTE_WIDTH, flag_formula
from leadcheck.sheets.workbook import (
    ERROR_FILL, ERROR_FLAG, FLAGS_NAME, FLAGS_SHEET, SUMMARY_SHEET, WARNING_FILL, WARNING_FLAG,
    CellFlag, CellNote, ChartSpec, SheetLayout,
)

WORKBOOK_PART = "xl/workbook.xml"
WORKBOOK_RELS = "xl/_rels/workbook.xml.rels"
STYLES_PART = "xl/styles.xml"
CONTENT_TYPES = "[Content_Types].xml"
PACKAGE_RELS_NAMESPACE = "http://schemas.openxmlformats.org/package/2006/relationships"
RELATIONSHIP_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
WORKSHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
COMMENTS_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml"
DRAWING_TYPE = "application/vnd.openxmlformats-officedocument.drawing+xml"
CHART_TYPE = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
VML_TYPE = "application/vnd.openxmlformats-officedocument.vmlDrawing"

# Elements that must follow conditionalFormatting (and legacyDrawing), in the order of
# CT_Worksheet in ECMA-376 Part 1. A new element goes before the first one present.
AFTER_CONDITIONAL_FORMATTING = (
    "dataValidations", "hyperlinks", "printOptions", "pageMargins", "pageSetup", "headerFooter",
    "rowBreaks", "colBreaks", "customProperties", "cellWatches", "ignoredErrors", "smartTags",
    "drawing", "legacyDrawing", "legacyDrawingHF", "picture", "oleObjects", "controls",
    "webPublishItems", "tableParts", "extLst",
)
AFTER_LEGACY_DRAWING = AFTER_CONDITIONAL_FORMATTING[AFTER_CONDITIONAL_FORMATTING.index("legacyDrawingHF"):]

# Relationship ids of the parts added here; "lc" keeps them clear of Excel's rIdN.
ID_PREFIX = "rIdLc"

_ROW_TAG = re.compile(rb"<row\b([^>]*?)(/?)>")
_ROW_NUMBER = re.compile(rb'\br="(\d+)"')
_CELL_COLUMN = re.compile(rb'<c\b[^>]*?\br="([A-Z]+)\d+"')
_SPANS = re.compile(rb'\bspans="(\d+):(\d+)"')
_DIMENSION = re.compile(rb'<dimension ref="([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?"\s*/>')
_PRIORITY = re.compile(rb'\bpriority="(\d+)"')


class StreamUnsupported(Exception):
    """A workbook the streamed copy does not handle; ``str(error)`` says why, in English, for the log."""


class PlannedBook:
    """A workbook back end that records what ``show_result`` draws instead of drawing it."""

    def __init__(self, sheet_names: Sequence[str]) -> None:
        self._sheet_names = list(sheet_names)
        self.blocks: list[tuple[str, int, int, Sequence[Sequence[object]]]] = []
        self.flags: tuple[str, list[CellFlag], int, int] | None = None
        self.notes: dict[str, list[CellNote]] = {}
        self.sheets: dict[str, tuple[Sequence[Sequence[object]], SheetLayout]] = {}
        self.charts: dict[str, ChartSpec] = {}
        self.hidden: set[str] = set()

    def hide(self, sheet: str) -> None:
        """Make a sheet given to ``replace_sheet`` hidden (not part of the workbook interface)."""
        self.hidden.add(sheet)

    def sheet_names(self) -> list[str]:
        return list(self._sheet_names)

    def read_values(self, sheet: str) -> list[list[object]]:
        raise StreamUnsupported("a planned book has no values to read")

    def write_block(self, sheet: str, row: int, column: int, block: Sequence[Sequence[object]]) -> None:
        if sheet in self.sheets:
            raise StreamUnsupported("blocks written into a replaced sheet")
        self.blocks.append((sheet, row, column, block))

    def set_flags(self, sheet: str, flags: Sequence[CellFlag], last_row: int, last_column: int) -> None:
        self.flags = (sheet, list(flags), last_row, last_column)

    def add_notes(self, sheet: str, notes: Sequence[CellNote]) -> None:
        self.notes.setdefault(sheet, []).extend(notes)

    def replace_sheet(self, sheet: str, block: Sequence[Sequence[object]], layout: SheetLayout) -> None:
        self.sheets[sheet] = (block, layout)

    def add_chart(self, sheet: str, chart: ChartSpec) -> None:
        self.charts[sheet] = chart

    def clear_validation(self, sheet: str) -> None:
        """Do nothing: ``write_streamed_copy`` refuses a workbook that carries earlier marks."""


def write_streamed_copy(source: Path | BinaryIO, target: Path, sheet: str, plan: PlannedBook) -> None:
    """Write ``source`` (a path or an open zip file) with the marks of ``plan`` on ``sheet`` to ``target``.

    Raises ``StreamUnsupported`` before opening ``target`` when the package is outside what
    this writer handles. It does not check that ``plan`` came from ``sheet``'s rows.
    """
    with zipfile.ZipFile(source) as package:
        names = package.namelist()
        edit = _PackageEdit(package, names, sheet)
        replacements = edit.apply(plan)
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as output:
            # An unchanged member keeps its compression; a changed one is deflated.
            for info in package.infolist():
                data = replacements.pop(info.filename, None)
                if data is None:
                    output.writestr(info, package.read(info.filename))
                elif isinstance(data, list):
                    _write_pieces(output, info, data)
                else:
                    output.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED)
            for name, data in replacements.items():
                output.writestr(name, data)


class _PackageEdit:
    """The parts of one package that change, computed without writing anything."""

    def __init__(self, package: zipfile.ZipFile, names: list[str], sheet: str) -> None:
        self.package = package
        self.names = set(names)
        self.sheet = sheet
        self.parts: dict[str, bytes | list[bytes | memoryview]] = {}
        self.overrides: list[tuple[str, str]] = []
        self._sheet_bytes: bytes | None = None
        # Note shapes are numbered from a fixed id block, which another VML part may use.
        if any(name.lower().endswith(".vml") for name in names):
            raise StreamUnsupported("package already has VML drawings")
        for name in (WORKBOOK_PART, WORKBOOK_RELS, STYLES_PART, CONTENT_TYPES):
            if name not in self.names:
                raise StreamUnsupported(f"package without {name}")
            self.parts[name] = package.read(name)
            if b"<!DOCTYPE" in self.parts[name]:
                raise StreamUnsupported(f"{name} declares a DTD")

        workbook = fromstring(self.parts[WORKBOOK_PART])
        if not workbook.tag.startswith(f"{{{xmlparts.MAIN_NAMESPACE}}}") or b"<workbook" not in self.parts[WORKBOOK_PART]:
            raise StreamUnsupported("workbook.xml uses a namespace prefix")
        sheets = {element.get("name"): element for element in workbook.iter(f"{{{xmlparts.MAIN_NAMESPACE}}}sheet")}
        if FLAGS_SHEET in sheets or SUMMARY_SHEET in sheets or FLAGS_NAME.encode() in self.parts[WORKBOOK_PART]:
            raise StreamUnsupported("workbook carries an earlier run's marks")
        if sheet not in sheets:
            raise StreamUnsupported(f"no sheet named {sheet!r}")
        self.sheet_ids = [int(element.get("sheetId", 0)) for element in sheets.values()]
        relationship_id = sheets[sheet].get(f"{{{xmlparts.RELATIONSHIP_NAMESPACE}}}id")
        targets = {
            element.get("Id"): element.get("Target", "")
            for element in fromstring(self.parts[WORKBOOK_RELS]).iter(f"{{{PACKAGE_RELS_NAMESPACE}}}Relationship")
        }
        self.sheet_part = _resolve("xl", targets.get(relationship_id, ""))
        if self.sheet_part not in self.names:
            raise StreamUnsupported(f"sheet part {self.sheet_part!r} is missing")

    def apply(self, plan: PlannedBook) -> dict[str, bytes]:
        """Return every part to write: the changed ones by name, and the new ones."""
        if plan.flags is None or plan.flags[0] != self.sheet:
            raise StreamUnsupported("no flags planned for the data sheet")
        _, flags, last_row, last_column = plan.flags
        new_sheets: list[tuple[str, str, bool]] = []

        # The data sheet: result cells in its rows, then flag rules and the note drawing.
        cells = self._result_cells(plan)
        dxf_error, dxf_warning, bold_style = self._edit_styles()
        notes = plan.notes.get(self.sheet, [])
        sheet_rels = _rels_path(self.sheet_part)
        relationships = self._read_or_empty_rels(sheet_rels)
        legacy = None
        if notes:
            number = self._free_number("xl/comments{}.xml")
            comments, vml = f"xl/comments{number}.xml", f"xl/drawings/commentsDrawing{number}.vml"
            self.parts[comments] = xmlparts.comments_part(notes, NOTE_AUTHOR)
            self.parts[vml] = xmlparts.note_shapes_part(notes, NOTE_WIDTH, NOTE_HEIGHT)
            self.overrides.append(("/" + comments, COMMENTS_TYPE))
            relationships = _add_relationship(relationships, f"{ID_PREFIX}1", "comments", "/" + comments)
            relationships = _add_relationship(relationships, f"{ID_PREFIX}2", "vmlDrawing", "/" + vml)
            legacy = f"{ID_PREFIX}2"
        self.parts[sheet_rels] = relationships
        rules = self._rules_xml(last_row, last_column, dxf_error, dxf_warning)
        self.parts[self.sheet_part] = self._edit_data_sheet(cells, rules, legacy, last_row, last_column)

        # The hidden flags grid, then the summary sheets with their charts.
        by_row: dict[int, list[tuple[int, object]]] = {}
        for flag in flags:
            by_row.setdefault(flag.row, []).append((flag.column, flag.level))
        flags_part = self._new_sheet_part()
        self.parts[flags_part] = xmlparts.sheet_part(sorted(by_row.items()))
        new_sheets.append((FLAGS_SHEET, flags_part, True))
        for name, (block, layout) in plan.sheets.items():
            part = self._new_sheet_part()
            drawing_id = self._add_chart(part, name, plan.charts[name]) if name in plan.charts else None
            rows = [(row, list(enumerate(values, 1))) for row, values in enumerate(block, 1)]
            self.parts[part] = xmlparts.sheet_part(rows, layout.bold_rows, bold_style, layout.column_widths, drawing_id)
            new_sheets.append((name, part, name in plan.hidden))

        self._edit_workbook(new_sheets, last_row, last_column)
        self._edit_content_types()
        return self.parts

    def _result_cells(self, plan: PlannedBook) -> dict[int, tuple[int, bytes]]:
        cells: dict[int, tuple[int, bytes]] = {}
        for sheet, row, column, block in plan.blocks:
            if sheet != self.sheet or any(len(values) != 1 for values in block):
                raise StreamUnsupported("a block other than one column of the data sheet")
            for offset, values in enumerate(block):
                text = xmlparts.cell_xml(row + offset, column, values[0])
                if text:
                    cells[row + offset] = (column, text.encode("utf-8"))
        return cells

    def _edit_data_sheet(
        self, cells, rules: bytes, legacy: str | None, last_row: int, last_column: int
    ) -> list[bytes | memoryview]:
        data = self._sheet_xml()
        start, end = data.find(b"<sheetData>"), data.find(b"</sheetData>")
        if b"<worksheet" not in data[:4096] or start < 0 or end < 0 or b"<!DOCTYPE" in data[:4096]:
            raise StreamUnsupported("data sheet without a plain <sheetData> element")
        tail = data[end:]
        if b"<legacyDrawing" in tail:
            raise StreamUnsupported("data sheet already has notes")

        # Append each result cell just before its row's end tag. The pieces are views of
        # the original and are written out one by one, so a 200 MB sheet is never copied.
        view = memoryview(data)
        pieces, position, pending = [_dimension(data[:start], last_row, last_column)], start, dict(cells)
        for match in _ROW_TAG.finditer(data, start, end):
            number = _ROW_NUMBER.search(match.group(1))
            if number is None:
                raise StreamUnsupported("a row without an r attribute")
            entry = pending.pop(int(number.group(1)), None)
            if entry is None:
                continue
            column, cell = entry
            tag = _SPANS.sub(lambda spans: b'spans="%s:%d"' % (spans.group(1), max(int(spans.group(2)), column)), match.group(0))
            if match.group(2):
                pieces += [view[position:match.start()], tag[:-2].rstrip() + b">", cell, b"</row>"]
                position = match.end()
                continue
            close = data.find(b"</row>", match.end(), end)
            last_cell = data.rfind(b"<c ", match.end(), close)
            if last_cell >= 0:
                found = _CELL_COLUMN.match(data, last_cell)
                if found is None or column_index_from_string(found.group(1).decode()) >= column:
                    raise StreamUnsupported("a cell at or right of the 校验结果 column")
            pieces += [view[position:match.start()], tag, view[match.end():close], cell]
            position = close
        if pending:
            raise StreamUnsupported("a judged row missing from the sheet XML")
        pieces.append(view[position:end])

        # Flag rules and the note drawing, each before the first element that must follow it.
        tail = _insert_before(tail, AFTER_CONDITIONAL_FORMATTING, rules)
        if legacy is not None:
            element = f'<legacyDrawing xmlns:r="{xmlparts.RELATIONSHIP_NAMESPACE}" r:id="{legacy}"/>'.encode()
            tail = _insert_before(tail, AFTER_LEGACY_DRAWING, element)
        pieces.append(tail)
        return pieces

    def _rules_xml(self, last_row: int, last_column: int, dxf_error: int, dxf_warning: int) -> bytes:
        existing = [int(value) for value in _PRIORITY.findall(self._sheet_tail())]
        priority = max(existing, default=0)
        rules = "".join(
            f'<cfRule type="expression" dxfId="{dxf}" priority="{priority + offset}" stopIfTrue="1">'
            f"<formula>{flag_formula(level)}</formula></cfRule>"
            for offset, (level, dxf) in enumerate(((ERROR_FLAG, dxf_error), (WARNING_FLAG, dxf_warning)), 1)
        )
        return f'<conditionalFormatting sqref="A1:{get_column_letter(last_column)}{last_row}">{rules}</conditionalFormatting>'.encode()

    def _sheet_tail(self) -> bytes:
        data = self._sheet_xml()
        return data[data.find(b"</sheetData>"):]

    def _sheet_xml(self) -> bytes:
        if self._sheet_bytes is None:
            self._sheet_bytes = self.package.read(self.sheet_part)
        return self._sheet_bytes

    def _edit_styles(self) -> tuple[int, int, int]:
        """Add the two flag fills as differential formats and a bold cell format."""
        styles = self.parts[STYLES_PART]
        fills = [
            f'<dxf><fill><patternFill patternType="solid"><fgColor rgb="00{colour}"/><bgColor rgb="00{colour}"/>'
            f"</patternFill></fill></dxf>".encode()
            for colour in (ERROR_FILL, WARNING_FILL)
        ]
        styles, first_dxf = _append_items(styles, b"dxfs", b"dxf", fills, (b"<tableStyles", b"<colors", b"<extLst", b"</styleSheet>"))
        font = re.search(rb"<font>(.*?)</font>", styles, re.DOTALL)
        plain = re.sub(rb"<b\s*/>|<b\s+val=\"[^\"]*\"\s*/>", b"", font.group(1)) if font else b""
        styles, font_id = _append_items(styles, b"fonts", b"font", [b"<font><b/>" + plain + b"</font>"], ())
        bold_format = f'<xf numFmtId="0" fontId="{font_id}" fillId="0" borderId="0" xfId="0" applyFont="1"/>'.encode()
        styles, bold_style = _append_items(styles, b"cellXfs", b"xf", [bold_format], ())
        self.parts[STYLES_PART] = styles
        return first_dxf, first_dxf + 1, bold_style

    def _add_chart(self, sheet_part: str, sheet_name: str, spec: ChartSpec) -> str:
        drawing_number = self._free_number("xl/drawings/drawing{}.xml")
        chart_number = self._free_number("xl/charts/chart{}.xml")
        drawing, drawing_rels, chart = xmlparts.chart_parts(sheet_name, spec, chart_number)
        drawing_part = f"xl/drawings/drawing{drawing_number}.xml"
        self.parts[drawing_part] = drawing
        self.parts[_rels_path(drawing_part)] = drawing_rels
        self.parts[f"xl/charts/chart{chart_number}.xml"] = chart
        self.overrides += [("/" + drawing_part, DRAWING_TYPE), (f"/xl/charts/chart{chart_number}.xml", CHART_TYPE)]
        self.parts[_rels_path(sheet_part)] = _add_relationship(_empty_rels(), f"{ID_PREFIX}1", "drawing", "/" + drawing_part)
        return f"{ID_PREFIX}1"

    def _new_sheet_part(self) -> str:
        number = self._free_number("xl/worksheets/sheet{}.xml")
        part = f"xl/worksheets/sheet{number}.xml"
        self.parts[part] = b""
        self.overrides.append(("/" + part, WORKSHEET_TYPE))
        return part

    def _free_number(self, pattern: str) -> int:
        number = 1
        while pattern.format(number) in self.names or pattern.format(number) in self.parts:
            number += 1
        return number

    def _read_or_empty_rels(self, name: str) -> bytes:
        return self.package.read(name) if name in self.names else _empty_rels()

    def _edit_workbook(self, new_sheets: list[tuple[str, str, bool]], last_row: int, last_column: int) -> None:
        workbook, rels = self.parts[WORKBOOK_PART], self.parts[WORKBOOK_RELS]
        entries = []
        for offset, (name, part, hidden) in enumerate(new_sheets, 1):
            relationship_id = f"{ID_PREFIX}{offset}"
            rels = _add_relationship(rels, relationship_id, "worksheet", "/" + part)
            state = ' state="hidden"' if hidden else ""
            entries.append(
                f'<sheet xmlns:r="{xmlparts.RELATIONSHIP_NAMESPACE}" name="{xmlparts.xml_text(name)}" '
                f'sheetId="{max(self.sheet_ids) + offset}"{state} r:id="{relationship_id}"/>'
            )
        workbook = workbook.replace(b"</sheets>", "".join(entries).encode("utf-8") + b"</sheets>", 1)

        area = f"'{FLAGS_SHEET}'!$A$1:${get_column_letter(last_column)}${last_row}"
        name = f'<definedName name="{FLAGS_NAME}" hidden="1">{xmlparts.xml_text(area)}</definedName>'.encode("utf-8")
        empty_names = re.search(rb"<definedNames\s*/>", workbook)
        if empty_names is not None:
            workbook = workbook[:empty_names.start()] + b"<definedNames>" + name + b"</definedNames>" + workbook[empty_names.end():]
        elif b"</definedNames>" in workbook:
            workbook = workbook.replace(b"</definedNames>", name + b"</definedNames>", 1)
        else:
            workbook = workbook.replace(b"</sheets>", b"</sheets><definedNames>" + name + b"</definedNames>", 1)
        self.parts[WORKBOOK_PART], self.parts[WORKBOOK_RELS] = workbook, rels

    def _edit_content_types(self) -> None:
        types = self.parts[CONTENT_TYPES]
        added = b"".join(f'<Override PartName="{name}" ContentType="{kind}"/>'.encode() for name, kind in self.overrides)
        if not re.search(rb'<Default\s+Extension="vml"', types, re.IGNORECASE):
            added = f'<Default Extension="vml" ContentType="{VML_TYPE}"/>'.encode() + added
        if b"</Types>" not in types:
            raise StreamUnsupported("content types without </Types>")
        self.parts[CONTENT_TYPES] = types.replace(b"</Types>", added + b"</Types>", 1)


def _write_pieces(output: zipfile.ZipFile, source: zipfile.ZipInfo, pieces: list[bytes | memoryview]) -> None:
    info = zipfile.ZipInfo(source.filename, date_time=source.date_time)
    info.compress_type = zipfile.ZIP_DEFLATED
    with output.open(info, "w") as member:
        for piece in pieces:
            member.write(piece)


def _resolve(folder: str, target: str) -> str:
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(folder, target))


def _rels_path(part: str) -> str:
    folder, name = posixpath.split(part)
    return f"{folder}/_rels/{name}.rels"


def _empty_rels() -> bytes:
    return xmlparts.DECLARATION + f'<Relationships xmlns="{PACKAGE_RELS_NAMESPACE}"></Relationships>'.encode()


def _add_relationship(rels: bytes, relationship_id: str, kind: str, target: str) -> bytes:
    if f'Id="{relationship_id}"'.encode() in rels or b"</Relationships>" not in rels:
        raise StreamUnsupported(f"relationship {relationship_id} cannot be added")
    element = f'<Relationship Id="{relationship_id}" Type="{RELATIONSHIP_TYPE}{kind}" Target="{target}"/>'
    return rels.replace(b"</Relationships>", element.encode() + b"</Relationships>", 1)


def _dimension(head: bytes, last_row: int, last_column: int) -> bytes:
    """Return the sheet's head with its ``<dimension>`` widened to the marked area."""
    match = _DIMENSION.search(head)
    if match is None:
        return head
    first, first_row = match.group(1).decode(), int(match.group(2))
    end_column = max(column_index_from_string((match.group(3) or match.group(1)).decode()), last_column)
    end_row = max(int(match.group(4) or match.group(2)), last_row)
    ref = f'<dimension ref="{first}{first_row}:{get_column_letter(end_column)}{end_row}"/>'.encode()
    return head[:match.start()] + ref + head[match.end():]


def _insert_before(tail: bytes, followers: Sequence[str], element: bytes) -> bytes:
    positions = [tail.find(f"<{name}".encode()) for name in followers]
    positions = [position for position in positions if position >= 0]
    position = min(positions) if positions else tail.rfind(b"</worksheet>")
    if position < 0:
        raise StreamUnsupported("sheet XML without </worksheet>")
    return tail[:position] + element + tail[position:]


def _append_items(
    styles: bytes, collection: bytes, child: bytes, items: list[bytes], before: Sequence[bytes]
) -> tuple[bytes, int]:
    """Append ``items`` to ``<collection>`` of styles.xml; return the new XML and the first new index."""
    open_tag = re.search(rb"<%s\b([^>]*?)(/?)>" % collection, styles)
    if open_tag is None:
        if not before:
            raise StreamUnsupported(f"styles.xml without <{collection.decode()}>")
        position = min(p for p in (styles.find(tag) for tag in before) if p >= 0)
        element = b'<%s count="%d">%s</%s>' % (collection, len(items), b"".join(items), collection)
        return styles[:position] + element + styles[position:], 0
    if open_tag.group(2):
        first = 0
        element = b'<%s count="%d">%s</%s>' % (collection, len(items), b"".join(items), collection)
        return styles[:open_tag.start()] + element + styles[open_tag.end():], first
    close = styles.find(b"</%s>" % collection, open_tag.end())
    body = styles[open_tag.end():close]
    first = len(re.findall(rb"<%s\b" % child, body))
    attributes = re.sub(rb'\bcount="\d+"', b"", open_tag.group(1)).rstrip()
    tag = b'<%s%s count="%d">' % (collection, attributes, first + len(items))
    return styles[:open_tag.start()] + tag + body + b"".join(items) + styles[close:], first
