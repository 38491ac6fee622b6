"""The summary as a zip of CSV files: summary.csv, one file per detail table and questions.csv
(machine-readable values: ISO dates, local times, plain numbers, rates as fractions). Text that
could start a formula is prefixed with ``'`` (``models.cells.neutralise``)."""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import date, datetime
from typing import Any

from dashboard.exports.tables import Table, data_tables, questions_tables, summary_blocks
from models.cells import neutralise
from models.summary import Summary


def _csv_cell(value: Any) -> Any:
    if isinstance(value, str):
        return neutralise(value)
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, date):
        return value.isoformat()
    return "" if value is None else value


def _csv_bytes(tables: list[Table]) -> bytes:
    """Tables one after another (a blank line between), UTF-8 with BOM so Excel reads Vietnamese."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for number, table in enumerate(tables):
        if number:
            writer.writerow([])
        if len(tables) > 1:
            writer.writerow([neutralise(table.title)])
        writer.writerow([neutralise(c.label) for c in table.columns])
        writer.writerows([_csv_cell(v) for v in row] for row in table.rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_csv_zip(summary: Summary, lang: str) -> bytes:
    """A zip of CSV files: summary.csv, one per detail table, and questions.csv when people asked."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("summary.csv", _csv_bytes(summary_blocks(summary, lang)))
        for table in data_tables(summary, lang):
            archive.writestr(f"{table.key}.csv", _csv_bytes([table]))
        if questions := questions_tables(summary, lang):
            archive.writestr("questions.csv", _csv_bytes(questions))
    return buffer.getvalue()
