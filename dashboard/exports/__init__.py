"""Engagement summaries as files: CSV (a zip, one file per table), Excel (.xlsx), a printable report
(HTML) and the Word report (.docx).

``tables`` builds the tables and declares each column's format; each writer (``csv``, ``xlsx``,
``html``, ``docx``) takes a ``models.summary.Summary`` and never queries the database. Texts come
from the translations catalog; numbers and dates are formatted by babel or by Excel number formats.
Text that came from social media never becomes a formula: CSV cells that could start one are
prefixed with ``'``, and Excel cells are written with ``write_string``.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module

from sqlalchemy import Connection

from dashboard.exports.tables import (
    TEXT_FORMATS,
    Column,
    Format,
    Table,
    activities_table,
    campaigns_table,
    comparison_rows,
    content_table,
    daily_table,
    data_tables,
    enrolment_table,
    impact_table,
    livestreams_table,
    summary_blocks,
)
from dashboard.i18n import export_text
from models.cells import neutralise
from models.i18n import language
from models.metrics import Scope
from models.report_settings import ReportSettings
from models.summary import Summary, build_summary

__all__ = [
    "FORMATS",
    "HTML_KIND_FORMAT",
    "WRITERS",
    "Column",
    "Format",
    "Table",
    "activities_table",
    "campaigns_table",
    "comparison_rows",
    "content_table",
    "daily_table",
    "data_tables",
    "enrolment_table",
    "export_bytes",
    "file_name",
    "impact_table",
    "livestreams_table",
    "neutralise",
    "summary_blocks",
    "write_summary",
]


@dataclass(frozen=True)
class Writer:
    """One file format: its file extension, MIME type, and the module of this package that writes it.

    The module is imported the first time its format is written, as the source and file-kind
    registries load their runners: an Excel export never loads Plotly (the printable report's
    charts) nor python-docx and the browser that draws the Word report's charts."""

    extension: str
    mime: str
    module: str
    function: str
    settings: bool = False  # whether the writer takes the report's letterhead settings

    def write(self, summary: Summary, lang: str, settings: ReportSettings | None) -> bytes:
        write = getattr(import_module(f"dashboard.exports.{self.module}"), self.function)
        return write(summary, lang, settings) if self.settings else write(summary, lang)


# The formats, in the order the dashboard offers them; ``settings`` only matter to the Word report.
WRITERS = {
    "csv": Writer("zip", "application/zip", "csv", "to_csv_zip"),
    "xlsx": Writer(
        "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx", "to_xlsx"
    ),
    "html": Writer("html", "text/html; charset=utf-8", "html", "to_html"),
    "docx": Writer(
        "docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "docx",
        "to_docx",
        settings=True,
    ),
}
FORMATS = {fmt: (writer.extension, writer.mime) for fmt, writer in WRITERS.items()}
HTML_KIND_FORMAT = TEXT_FORMATS  # the name the printable report's formats had before the package


def export_bytes(
    connection: Connection,
    scope: Scope,
    fmt: str,
    lang: str,
    campaign: str | None = None,
    settings: ReportSettings | None = None,
) -> tuple[str, bytes, str]:
    """The summary of ``scope`` as a file: ``(file name, content, MIME type)``."""
    return write_summary(build_summary(connection, scope, campaign), fmt, lang, settings)


def write_summary(
    summary: Summary, fmt: str, lang: str, settings: ReportSettings | None = None
) -> tuple[str, bytes, str]:
    """``summary`` written as ``fmt`` (csv, xlsx, html or docx) in ``lang``; ``settings`` name the
    agency, place and signer of the Word report."""
    lang = language(lang)
    if fmt not in WRITERS:
        raise ValueError(f"unknown export format {fmt!r}")
    writer = WRITERS[fmt]
    return file_name(summary.scope, fmt, lang), writer.write(summary, lang, settings), writer.mime


def file_name(scope: Scope, fmt: str, lang: str) -> str:
    """``tong-hop-tuong-tac_2024-05-01_2024-05-31.xlsx``: ASCII, sortable, says the period."""
    prefix = export_text("file_prefix", lang)
    return f"{prefix}_{scope.start.isoformat()}_{scope.end.isoformat()}.{FORMATS[fmt][0]}"
