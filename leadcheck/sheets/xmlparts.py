"""The SpreadsheetML parts that the streamed annotated copy adds to a package, as bytes.

Each function returns one finished part: the notes of a sheet (``xl/commentsN.xml`` and
the VML drawing Excel needs to show them), a plain sheet of values, the drawing that
anchors a chart, and the chart itself. The XML mirrors what openpyxl 3.1.5 writes for the
same content, so the streamed copy and the openpyxl copy look the same in Excel.

Naming: ``row`` and ``column`` are 1-based Excel coordinates. Text goes through
``xml_text``, which escapes markup and replaces characters XML 1.0 cannot hold.
"""

from __future__ import annotations

from typing import Iterable, Sequence
from xml.sax.saxutils import escape

from openpyxl import Workbook as OpenpyxlWorkbook
from openpyxl.chart import BarChart
from openpyxl.drawing.spreadsheet_drawing import SpreadsheetDrawing
from openpyxl.packaging.relationship import RelationshipList
from openpyxl.utils import get_column_letter
from openpyxl.xml.functions import tostring

from leadcheck.sheets.safety import xml_safe_text
from leadcheck.sheets.workbook import CellNote, ChartSpec

DECLARATION = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
MAIN_NAMESPACE = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELATIONSHIP_NAMESPACE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

# Shape ids of notes: VML numbers shapes in blocks of 1024 per drawing, and openpyxl starts
# its notes at 1026 in block 1, so one drawing per package keeps every id unique.
FIRST_SHAPE_ID = 1026


def xml_text(value: object) -> str:
    """Return ``value`` as escaped XML character data."""
    return escape(xml_safe_text(str(value)))


def cell_xml(row: int, column: int, value: object, style: int = 0) -> str:
    """Return one ``<c>`` element: numbers as numbers, text as an inline string, None as empty.

    An empty string is empty too, as openpyxl saves it. Booleans and dates are not handled:
    the blocks written by validation hold neither.
    """
    reference = f"{get_column_letter(column)}{row}"
    styled = f' s="{style}"' if style else ""
    if value is None or value == "":
        return f'<c r="{reference}"{styled}/>' if style else ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return f'<c r="{reference}"{styled}><v>{value}</v></c>'
    return f'<c r="{reference}"{styled} t="inlineStr"><is><t xml:space="preserve">{xml_text(value)}</t></is></c>'


def comments_part(notes: Sequence[CellNote], author: str) -> bytes:
    """Return ``xl/commentsN.xml`` holding ``notes``, all by ``author``."""
    items = "".join(
        f'<comment ref="{get_column_letter(note.column)}{note.row}" authorId="0">'
        f'<text><t xml:space="preserve">{xml_text(note.text)}</t></text></comment>'
        for note in notes
    )
    body = (
        f'<comments xmlns="{MAIN_NAMESPACE}"><authors><author>{xml_text(author)}</author></authors>'
        f"<commentList>{items}</commentList></comments>"
    )
    return DECLARATION + body.encode("utf-8")


def note_shapes_part(notes: Sequence[CellNote], width: int, height: int) -> bytes:
    """Return the VML drawing of the note boxes: hidden until the cell is pointed at."""
    shape = (
        '<v:shape id="_x0000_s{id:04d}" type="#_x0000_t202" style="position:absolute; margin-left:59.25pt;'
        f'margin-top:1.5pt;width:{width}px;height:{height}px;z-index:1;visibility:hidden" fillcolor="#ffffe1" '
        'o:insetmode="auto"><v:fill color2="#ffffe1"/><v:shadow color="black" obscured="t"/>'
        '<v:path o:connecttype="none"/><v:textbox style="mso-direction-alt:auto"><div style="text-align:left"/>'
        '</v:textbox><x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/>'
        "<x:AutoFill>False</x:AutoFill><x:Row>{row}</x:Row><x:Column>{column}</x:Column></x:ClientData></v:shape>"
    )
    shapes = "".join(
        shape.format(id=number, row=note.row - 1, column=note.column - 1)
        for number, note in enumerate(notes, FIRST_SHAPE_ID)
    )
    body = (
        '<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" '
        'xmlns:x="urn:schemas-microsoft-com:office:excel"><o:shapelayout v:ext="edit">'
        '<o:idmap v:ext="edit" data="1"/></o:shapelayout><v:shapetype id="_x0000_t202" coordsize="21600,21600" '
        'o:spt="202" path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/>'
        f'<v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>{shapes}</xml>'
    )
    return body.encode("utf-8")


def sheet_part(
    rows: Iterable[tuple[int, Sequence[tuple[int, object]]]],
    bold_rows: Iterable[int] = (),
    bold_style: int = 0,
    column_widths: Sequence[tuple[int, float]] = (),
    drawing_id: str | None = None,
) -> bytes:
    """Return a worksheet part holding ``rows`` of (column, value) cells, in row order.

    Cells of ``bold_rows`` get ``bold_style`` (a ``cellXfs`` index). ``drawing_id`` is the
    relationship id of the sheet's drawing, if it has one.
    """
    bold = set(bold_rows)
    lines = []
    for row, cells in rows:
        style = bold_style if row in bold else 0
        text = "".join(cell_xml(row, column, value, style) for column, value in cells)
        lines.append(f'<row r="{row}">{text}</row>' if text else "")
    columns = "".join(
        f'<col min="{column}" max="{column}" width="{width}" customWidth="1"/>' for column, width in column_widths
    )
    drawing = f'<drawing r:id="{drawing_id}"/>' if drawing_id else ""
    body = (
        f'<worksheet xmlns="{MAIN_NAMESPACE}" xmlns:r="{RELATIONSHIP_NAMESPACE}">'
        + (f"<cols>{columns}</cols>" if columns else "")
        + f'<sheetData>{"".join(lines)}</sheetData>'
        + '<pageMargins left="0.75" right="0.75" top="1" bottom="1" header="0.5" footer="0.5"/>'
        + f"{drawing}</worksheet>"
    )
    return DECLARATION + body.encode("utf-8")


def bar_chart(worksheet: object, spec: ChartSpec) -> BarChart:
    """Return the clustered bar chart of ``spec`` reading ``worksheet``, anchored on it."""
    from openpyxl.chart import Reference

    bar = BarChart()
    bar.type = "col"
    bar.grouping = "clustered"
    bar.title = spec.title
    bar.width = 16
    bar.height = 8
    for column in spec.series_columns:
        data = Reference(worksheet, min_col=column, min_row=spec.header_row, max_row=spec.last_row)
        bar.add_data(data, titles_from_data=True)
    labels = Reference(worksheet, min_col=spec.categories_column, min_row=spec.first_row, max_row=spec.last_row)
    bar.set_categories(labels)
    bar.anchor = f"{get_column_letter(spec.anchor_column)}{spec.anchor_row}"
    return bar


def chart_parts(sheet_name: str, spec: ChartSpec, chart_number: int) -> tuple[bytes, bytes, bytes]:
    """Return the drawing, the drawing's relationships and the chart ``xl/charts/chartN.xml``.

    The chart is openpyxl's own serialisation of the chart ``FileBook.add_chart`` draws.
    """
    worksheet = OpenpyxlWorkbook().active
    worksheet.title = sheet_name
    chart = bar_chart(worksheet, spec)
    chart._id = chart_number

    drawing = SpreadsheetDrawing()
    drawing.charts.append(chart)
    drawing_xml = DECLARATION + tostring(drawing._write())
    links = RelationshipList()
    for relationship in drawing._rels:
        links.append(relationship)
    relationships = DECLARATION + tostring(links.to_tree())
    return drawing_xml, relationships, DECLARATION + tostring(chart._write())
