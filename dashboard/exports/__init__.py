"""Engagement summaries as files: CSV (a zip, one file per table), Excel (.xlsx), a printable report
(HTML) and the Word report (.docx).

``tables`` builds the tables and declares each column's format; each writer (``csv``, ``xlsx``,
``html``, ``docx``) takes a ``models.summary.Summary`` and never queries the database. Texts come
from the translations catalog; numbers and dates are formatted by babel or by Excel number formats.
Text that came from social media never becomes a formula: CSV cells that could start one are
prefixed with ``'``, and Excel cells are written with ``write_string``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Connection

from dashboard.exports.csv import to_csv_zip
from dashboard.exports.docx import to_docx
from dashboard.exports.html import to_html
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
from dashboard.exports.xlsx import EXCEL_FORMATS, to_xlsx
from dashboard.i18n import export_text
from models.cells import neutralise
from models.i18n import language
from models.metrics import Scope
from models.report_settings import ReportSettings
from models.summary import Summary, build_summary

__all__ = [
    "EXCEL_FORMATS",
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
    """One file format: its file extension, MIME type, and the function that writes a summary."""

    extension: str
    mime: str
    write: Callable[[Summary, str, ReportSettings | None], bytes]


# The formats, in the order the dashboard offers them; ``settings`` only matter to the Word report.
WRITERS = {
    "csv": Writer("zip", "application/zip", lambda summary, lang, settings: to_csv_zip(summary, lang)),
    "xlsx": Writer(
        "xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        lambda summary, lang, settings: to_xlsx(summary, lang),
    ),
    "html": Writer(
        "html", "text/html; charset=utf-8", lambda summary, lang, settings: to_html(summary, lang)
    ),
    "docx": Writer(
        "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", to_docx
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
