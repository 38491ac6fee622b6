"""The summary as an Excel workbook: Summary, Content, Daily (with a native chart), Campaigns,
Activities, Livestreams, Enrolment, Impact. Numbers and dates are real cells shown by Excel number
formats (one per column format); text from social media is written with ``write_string``, never as
a formula."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

import xlsxwriter

from dashboard.exports.tables import Format, Table, data_tables, questions_tables, summary_blocks
from dashboard.i18n import export_text
from models.summary import Summary

EXCEL_FORMATS = {
    Format.COUNT: "#,##0",
    Format.DECIMAL: "#,##0.0",
    Format.PERCENT: "0.0%",
    Format.CHANGE: "+0.0%;-0.0%;0.0%",
    Format.P_VALUE: "0.00##",  # with the value rounded to two significant digits: 0.04, 0.33, 0.0099
    Format.DATE: "dd/mm/yyyy",
    Format.DATETIME: "dd/mm/yyyy hh:mm",
}

MAX_WIDTH = {Format.TEXT: 60, Format.URL: 45}


class _Workbook:
    """An xlsxwriter workbook with one cell format per column format, writing data cells by type only."""

    def __init__(self, buffer: io.BytesIO) -> None:
        self.book = xlsxwriter.Workbook(
            buffer, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False}
        )
        self.formats = {
            format: self.book.add_format({"num_format": excel}) for format, excel in EXCEL_FORMATS.items()
        }
        self.header = self.book.add_format(
            {"bold": True, "bg_color": "#DCE6F1", "border": 1, "text_wrap": True}
        )
        self.heading = self.book.add_format({"bold": True, "font_size": 13})
        self.title = self.book.add_format({"bold": True, "font_size": 16})
        self.wrap = self.book.add_format({"text_wrap": True, "valign": "top"})

    def cell(self, sheet, row: int, column: int, value: Any, format: Format) -> int:
        """Write one value; the width it needs (in characters)."""
        if value is None:
            return 0
        if isinstance(value, str):
            if format == Format.URL and value.startswith(("https://", "http://")) and len(value) < 2000:
                sheet.write_url(row, column, value, string=value)
            else:
                sheet.write_string(
                    row, column, value, self.wrap if len(value) > MAX_WIDTH[Format.TEXT] else None
                )
            return len(value)
        if isinstance(value, date):  # datetimes too: naive local, shown as real Excel dates
            sheet.write_datetime(
                row,
                column,
                value,
                self.formats[Format.DATETIME if format == Format.DATETIME else Format.DATE],
            )
            return 16 if format == Format.DATETIME else 10
        sheet.write_number(row, column, value, self.formats.get(format, self.formats[Format.DECIMAL]))
        return 12

    def table(self, sheet, table: Table, first_row: int = 0) -> int:
        """Write ``table`` with a header row from ``first_row``; the row after it."""
        widths = [len(c.label) for c in table.columns]
        for column, spec in enumerate(table.columns):
            sheet.write_string(first_row, column, spec.label, self.header)
        for number, row in enumerate(table.rows):
            for column, value in enumerate(row):
                width = self.cell(
                    sheet, first_row + 1 + number, column, value, table.format_of(number, column)
                )
                widths[column] = max(widths[column], width)
        for column, spec in enumerate(table.columns):
            sheet.set_column(column, column, min(max(widths[column], 8) + 2, MAX_WIDTH.get(spec.format, 30)))
        return first_row + 1 + len(table.rows)

    def blocks(self, sheet, tables: list[Table], first_row: int) -> None:
        """``tables`` one under another from ``first_row``, each under its title."""
        row = first_row
        for table in tables:
            sheet.write_string(row, 0, table.title, self.heading)
            row = self.table(sheet, table, row + 1) + 1


def to_xlsx(summary: Summary, lang: str) -> bytes:
    """The workbook: Summary, Content, Daily (with a native chart), Campaigns, Activities, Livestreams,
    Enrolment, Campaign impact and, when people asked, Audience questions."""
    buffer = io.BytesIO()
    workbook = _Workbook(buffer)
    book = workbook.book
    book.set_properties({"title": export_text("report_title", lang), "comments": ""})
    sheet = book.add_worksheet(export_text("sheet_summary", lang))
    sheet.write_string(0, 0, export_text("report_title", lang), workbook.title)
    workbook.blocks(sheet, summary_blocks(summary, lang), 2)
    sheet.set_column(0, 0, 34)
    sheet.set_column(1, 1, 70, workbook.wrap)
    sheet.set_column(2, 3, 16)
    for table in data_tables(summary, lang):
        detail = book.add_worksheet(table.title)
        last_row = workbook.table(detail, table)
        detail.freeze_panes(1, 0)
        detail.autofilter(0, 0, max(last_row - 1, 0), len(table.columns) - 1)
        if table.key == "daily":
            _daily_chart(book, detail, table, lang)
    if questions := questions_tables(summary, lang):
        asked = book.add_worksheet(questions[0].title)
        workbook.blocks(asked, questions, 0)
        asked.set_column(0, 0, 34)
        asked.set_column(2, 2, 70, workbook.wrap)
    book.close()
    return buffer.getvalue()


def _daily_chart(book, sheet, table: Table, lang: str) -> None:
    """Enrolments per day as columns against page views and viewers as lines (second axis)."""
    keys = [c.key for c in table.columns]
    last = len(table.rows)
    if not last:
        return
    chart = book.add_chart({"type": "column"})
    enrolments = keys.index("enrolments")
    chart.add_series(
        {
            "name": [sheet.name, 0, enrolments],
            "categories": [sheet.name, 1, 0, last, 0],
            "values": [sheet.name, 1, enrolments, last, enrolments],
            "fill": {"color": "#F28E2B"},
        }
    )
    lines = book.add_chart({"type": "line"})
    for key, colour in (("page_views", "#4E79A7"), ("page_viewers", "#76B7B2")):
        column = keys.index(key)
        lines.add_series(
            {
                "name": [sheet.name, 0, column],
                "categories": [sheet.name, 1, 0, last, 0],
                "values": [sheet.name, 1, column, last, column],
                "y2_axis": True,
                "line": {"color": colour, "width": 2},
            }
        )
    chart.combine(lines)
    chart.set_title({"name": export_text("chart_reach_vs_enrolment", lang)})
    chart.set_x_axis({"date_axis": True, "num_format": "dd/mm", "major_unit": 7})
    chart.set_y_axis({"name": export_text("enrolments", lang), "num_format": "#,##0"})
    lines.set_y2_axis({"name": export_text("page_views", lang), "num_format": "#,##0"})
    chart.set_legend({"position": "bottom"})
    chart.set_size({"width": 900, "height": 400})
    sheet.insert_chart(1, len(table.columns) + 1, chart)
