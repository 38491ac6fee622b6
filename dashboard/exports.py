"""Engagement summaries as files: CSV (a zip, one file per table), Excel (.xlsx) and a printable report.

The writers take a ``models.summary.Summary`` and never query the database; texts come from the
translations catalog, numbers and dates are formatted by babel (report) or by Excel number formats.
Text that came from social media never becomes a formula: CSV cells that could start one are
prefixed with ``'``, and Excel cells are written with ``write_string``.
"""

from __future__ import annotations

import csv
import html
import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any

import pandas as pd
import xlsxwriter
from sqlalchemy import Connection

from dashboard import charts
from dashboard.i18n import (
    EXPORT_TEXTS,
    activity_kind_label,
    category_label,
    export_text,
    kind_label,
    platform_label,
    t,
)
from dashboard.report_questions import questions_html
from models import impact
from models.activities import with_reached
from models.categories import new_participants, other_results
from models.cells import neutralise
from models.i18n import (
    fmt_date,
    fmt_datetime,
    fmt_decimal,
    fmt_int,
    fmt_p_value,
    fmt_percent,
    language,
    significant,
)
from models.metrics import Scope
from models.periods import period_label
from models.report_settings import ReportSettings
from models.summary import Summary, build_summary

FORMATS = {
    "csv": ("zip", "application/zip"),
    "xlsx": ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "html": ("html", "text/html; charset=utf-8"),
    "docx": ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
}
EXCEL_FORMATS = {
    "int": "#,##0",
    "decimal": "#,##0.0",
    "percent": "0.0%",
    "change": "+0.0%;-0.0%;0.0%",
    "p_value": "0.00##",  # with the value rounded to two significant digits: 0.04, 0.33, 0.0099
    "date": "dd/mm/yyyy",
    "datetime": "dd/mm/yyyy hh:mm",
}
TOP_CONTENT = 10
REPORT_CHART_WIDTH = 680
KPI_KINDS = {
    "avg_reach": "decimal",
    "page_viewers_daily_avg": "decimal",
    "rate_per_reach": "percent",
    "rate_per_view": "percent",
}


@dataclass(frozen=True)
class Column:
    """A column of an exported table: its key, its header in the user's language, and its kind
    (int, decimal, percent, change, date, datetime, text, url; ``auto`` takes the row's kind)."""

    key: str
    label: str
    kind: str


@dataclass(frozen=True)
class Table:
    """One exported table: rows of plain values (dates and naive local datetimes, numbers, text)."""

    key: str
    title: str
    columns: list[Column]
    rows: list[list[Any]]
    row_kinds: list[str] = field(default_factory=list)

    def kind(self, row: int, column: int) -> str:
        kind = self.columns[column].kind
        return self.row_kinds[row] if kind == "auto" else kind


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
    # Imported here: the Word writer builds on this module's tables.
    from dashboard.report_docx import to_docx

    lang = language(lang)
    writers: dict[str, Callable[[Summary, str], bytes]] = {
        "csv": to_csv_zip,
        "xlsx": to_xlsx,
        "html": to_html,
        "docx": lambda summary, lang: to_docx(summary, lang, settings),
    }
    if fmt not in writers:
        raise ValueError(f"unknown export format {fmt!r}")
    return file_name(summary.scope, fmt, lang), writers[fmt](summary, lang), FORMATS[fmt][1]


def file_name(scope: Scope, fmt: str, lang: str) -> str:
    """``tong-hop-tuong-tac_2024-05-01_2024-05-31.xlsx``: ASCII, sortable, says the period."""
    prefix = export_text("file_prefix", lang)
    return f"{prefix}_{scope.start.isoformat()}_{scope.end.isoformat()}.{FORMATS[fmt][0]}"


# --- the tables, shared by the three writers ----------------------------------------------------


# Columns whose word in the interface has another name than the column.
LABEL_KEYS = {
    "published_at": "published",
    "permalink": "link",
    "started_at": "started",
    "avg_watch_s": "avg_watch",
    "day": "axis_day",
    "name": "campaign",
}


def _label(key: str, lang: str) -> str:
    """The header of a metric column, including per-category enrolment, target and progress."""
    for prefix, template in (
        ("enrolment_", None),
        ("target_", "target_of"),
        ("progress_", "progress_of"),
        ("on_spot_", "on_spot_of"),
    ):
        if key.startswith(prefix):
            category = category_label(key[len(prefix) :], lang)
            return category if template is None else export_text(template, lang, category=category)
    own = f"col_{key}"
    return export_text(own if own in EXPORT_TEXTS else LABEL_KEYS.get(key, key), lang)


def _kind_of(key: str) -> str:
    if key.startswith("progress_") or key.startswith("rate_"):
        return "percent"
    if key.endswith("_change"):
        return "change"
    if key.startswith("avg_") or key.endswith("_per_10k_views") or key.endswith("_s"):
        return "decimal"
    return "int"


def _value(value: Any) -> Any:
    """A plain Python value: None for missing, int for whole numbers of integer columns."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if hasattr(value, "item"):
        return value.item()
    return value


def _local(moment: Any, timezone: str) -> datetime | None:
    """A UTC moment as a naive local datetime of the channel (what a spreadsheet should show)."""
    if moment is None or pd.isna(moment):
        return None
    return pd.Timestamp(moment).tz_convert(timezone).tz_localize(None).to_pydatetime()


def _table(key: str, lang: str, frame: pd.DataFrame, spec: list[tuple[str, str]]) -> Table:
    """A table of ``frame``'s columns in ``spec`` (key, kind; kind ``metric`` is inferred)."""
    columns = [
        Column(name, _label(name, lang), _kind_of(name) if kind == "metric" else kind) for name, kind in spec
    ]
    rows = [[_value(record[c.key]) for c in columns] for record in frame.to_dict("records")]
    return Table(key, export_text(f"sheet_{key}", lang), columns, rows)


def content_table(summary: Summary, lang: str) -> Table:
    frame = summary.content.copy()
    if not frame.empty:
        frame["published_at"] = [
            _local(m, z) for m, z in zip(frame.published_at, frame.timezone, strict=True)
        ]
        frame["as_of"] = [_local(m, z) for m, z in zip(frame.as_of, frame.timezone, strict=True)]
        frame["kind"] = [kind_label(k, lang) for k in frame.kind]
        frame["platform"] = [platform_label(p, lang) for p in frame.platform]
    spec = [
        ("published_at", "datetime"),
        ("platform", "text"),
        ("channel", "text"),
        ("kind", "text"),
        ("title", "text"),
        ("permalink", "url"),
        *((m, "metric") for m in ("views", "reach", "reactions", "comments", "shares", "clicks")),
        ("interactions", "int"),
        ("rate_per_reach", "percent"),
        ("rate_per_view", "percent"),
        ("watch_time_s", "decimal"),
        ("avg_watch_s", "decimal"),
        ("campaigns", "text"),
        ("as_of", "datetime"),
        ("external_id", "text"),
    ]
    return _table("content", lang, frame.reindex(columns=[k for k, _ in spec]), spec)


def daily_table(summary: Summary, lang: str) -> Table:
    enrolments = [c for c in summary.daily.columns if c.startswith("enrolment_")]
    spec = [
        ("day", "date"),
        *(
            (m, "int")
            for m in ("page_views", "page_viewers", "page_engagements", "views_gain", "interactions_gain")
        ),
        ("items_published", "int"),
        *((c, "int") for c in enrolments),
        ("enrolments", "int"),
        ("other_results", "int"),
    ]
    return _table("daily", lang, summary.daily, spec)


def campaigns_table(summary: Summary, lang: str) -> Table:
    frame = summary.campaigns
    per_category = [c for c in frame.columns if c.startswith(("enrolment_", "target_", "progress_"))]
    spec = [
        ("name", "text"),
        ("start_date", "date"),
        ("end_date", "date"),
        ("days", "int"),
        ("items", "int"),
        ("views", "int"),
        ("interactions", "int"),
        ("avg_reach", "decimal"),
        ("rate_per_reach", "percent"),
        ("enrolments", "int"),
        ("other_results", "int"),
        ("activities", "int"),
        ("attendance", "int"),
        ("reached", "int"),
        ("on_spot", "int"),
        ("enrolments_per_10k_views", "decimal"),
        ("views_before", "int"),
        ("views_change", "change"),
        ("enrolments_before", "int"),
        ("enrolments_change", "change"),
        *((c, "metric") for c in per_category),
    ]
    return _table("campaigns", lang, frame.reindex(columns=[k for k, _ in spec]), spec)


def livestreams_table(summary: Summary, lang: str) -> Table:
    frame = summary.livestreams.copy()
    if not frame.empty:
        frame["started_at"] = [_local(m, z) for m, z in zip(frame.started_at, frame.timezone, strict=True)]
        frame["peak_at"] = [_local(m, z) for m, z in zip(frame.peak_at, frame.timezone, strict=True)]
    spec = [
        ("started_at", "datetime"),
        ("channel", "text"),
        ("title", "text"),
        ("permalink", "url"),
        ("duration_s", "decimal"),
        ("peak_live_viewers", "int"),
        ("peak_at", "datetime"),
        ("avg_live_viewers", "decimal"),
        ("views", "int"),
        ("reach", "int"),
        ("interactions", "int"),
        ("avg_watch_s", "decimal"),
    ]
    return _table("livestreams", lang, frame.reindex(columns=[k for k, _ in spec]), spec)


def enrolment_table(summary: Summary, lang: str) -> Table:
    """Enrolments per unit (rows) and category (columns), with each unit's new participants and,
    beside them, its other results (``models.categories``)."""
    frame = summary.enrolment_by_unit
    categories = list(summary.enrolments.category)
    totals = ["enrolments", "other_results"]
    if frame.empty:
        wide = pd.DataFrame(columns=["unit", *(f"enrolment_{c}" for c in categories), *totals])
    else:
        wide = frame.pivot_table(
            index="unit", columns="category", values="count", aggfunc="sum", fill_value=0
        )
        wide = wide.reindex(columns=categories, fill_value=0)
        per_unit = wide.to_dict("index")
        wide["enrolments"] = [new_participants(per_unit[unit], summary.participants) for unit in wide.index]
        wide["other_results"] = [other_results(per_unit[unit], summary.participants) for unit in wide.index]
        wide = wide.rename(columns={c: f"enrolment_{c}" for c in categories}).reset_index()
    spec = [
        ("unit", "text"),
        *((f"enrolment_{c}", "int") for c in categories),
        *((total, "int") for total in totals),
    ]
    return _table("enrolment", lang, wide, spec)


def activities_table(summary: Summary, lang: str) -> Table:
    """The activities beyond the fanpage, one row each, with their on-the-spot results per category."""
    frame = with_reached(summary.activities)  # face to face and reached apart, never one column
    if not frame.empty:
        frame["kind"] = [activity_kind_label(kind, lang) for kind in frame.kind]
        frame["unit"] = [unit or export_text("province_wide", lang) for unit in frame.unit]
    per_category = [c for c in frame.columns if c.startswith("on_spot_")]
    spec = [
        ("start_day", "date", "start_date"),
        ("end_day", "date", "end_date"),
        ("name", "text", "activity"),
        ("kind", "text", "activity_kind"),
        ("unit", "text", "col_unit"),
        ("venue", "text", "venue"),
        ("attendance", "int", "attendance"),
        ("reached", "int", "reached"),
        ("on_spot", "int", "on_spot"),
        *((c, "int", None) for c in per_category),
        ("campaign", "text", "campaign"),
        ("note", "text", "note"),
    ]
    columns = [
        Column(key, export_text(label, lang) if label else _label(key, lang), kind)
        for key, kind, label in spec
    ]
    rows = [[_value(record[c.key]) for c in columns] for record in frame.to_dict("records")]
    return Table("activities", export_text("sheet_activities", lang), columns, rows)


IMPACT_SPEC = [
    ("campaign", "text"),
    ("category", "text"),
    ("observed", "int"),
    ("expected", "int"),
    ("expected_low", "int"),
    ("expected_high", "int"),
    ("difference", "int"),
    ("difference_low", "int"),
    ("difference_high", "int"),
    ("ratio", "decimal"),
    ("baseline_days", "int"),
    ("placebo_as_high", "int"),
    ("placebo_windows", "int"),
    ("placebo_p", "p_value"),
    ("in_words", "text"),
]


def impact_table(summary: Summary, lang: str) -> Table:
    """Observed against expected per campaign and category, the placebo check, and the words."""
    frame = impact.estimates_frame(summary.impact)
    frame["campaign"] = [estimate.campaign for estimate in summary.impact]
    frame["category"] = [category_label(c, lang) for c in frame.category]
    # The caution once (in the definitions), not in every row's words.
    frame["in_words"] = [impact.describe(estimate, lang, caution=False) for estimate in summary.impact]
    frame["placebo_p"] = [None if pd.isna(p) else significant(p) for p in frame.placebo_p]
    return _table("impact", lang, frame.reindex(columns=[k for k, _ in IMPACT_SPEC]), IMPACT_SPEC)


def data_tables(summary: Summary, lang: str) -> list[Table]:
    """The detail tables, in the order of the workbook's sheets after Summary."""
    return [
        content_table(summary, lang),
        daily_table(summary, lang),
        campaigns_table(summary, lang),
        activities_table(summary, lang),
        livestreams_table(summary, lang),
        enrolment_table(summary, lang),
        impact_table(summary, lang),
    ]


def comparison_rows(summary: Summary, lang: str) -> list[list[str]]:
    """The periods the key figures are compared with (``Scope.previous``, ``Scope.year_ago``), or
    that the same period of last year has no data."""
    before, year = summary.scope.previous(), summary.scope.year_ago()
    if year is None:
        year_text = export_text("no_year_comparison", lang)
    elif not summary.has_year_ago_data:
        year_text = export_text("no_year_data", lang)
    else:
        year_text = period_label(year.start, year.end, lang)
    return [
        [export_text("previous", lang), period_label(before.start, before.end, lang)],
        [export_text("year_ago", lang), year_text],
    ]


def summary_blocks(summary: Summary, lang: str) -> list[Table]:
    """The Summary sheet: about the period, key figures, enrolments vs targets, definitions, gaps."""
    about = [
        [export_text("period_start", lang), summary.start],
        [export_text("period_end", lang), summary.end],
        [export_text("channels", lang), ", ".join(summary.channels) or export_text("none", lang)],
        [
            export_text("campaign", lang),
            summary.campaign.name if summary.campaign else export_text("none", lang),
        ],
        [export_text("timezone", lang), summary.timezone],
    ]
    about_kinds = ["date", "date", "text", "text", "text"]
    if not summary.has_data:
        about.append([export_text("status", lang), export_text("no_data", lang)])
        about_kinds.append("text")
    about.extend(comparison_rows(summary, lang))
    about_kinds.extend(["text", "text"])
    kpi_rows = [
        [
            _label(key, lang),
            figure["value"],
            figure["previous"],
            figure["change"],
            figure.get("year_ago"),
            figure.get("change_year"),
        ]
        for key, figure in summary.kpis.items()
    ]
    kpi_kinds = [KPI_KINDS.get(key, "int") for key in summary.kpis]
    platforms = [
        [
            platform_label(r.platform, lang),
            t("all_kinds", lang) if pd.isna(r.kind) else kind_label(r.kind, lang),
            _value(r.items),
            _value(r.views),
            _value(r.interactions),
            _value(r.rate_per_view),
        ]
        for r in summary.platforms.itertuples()
    ]
    enrolments = [
        [category_label(r.category, lang), r.actual, _value(r.target), _value(r.progress)]
        for r in summary.enrolments.itertuples()
    ]
    definitions = [[_label(key, lang), export_text(f"def_{key}", lang)] for key in summary.definitions]
    if summary.impact:
        definitions.append([export_text("sheet_impact", lang), impact.caution(lang)])
    gaps = [
        [export_text(f"gap_{kind}", lang), len(days), ", ".join(fmt_date(d, lang) for d in days)]
        for kind, days in summary.gaps.items()
    ]
    return [
        Table(
            "about",
            export_text("report_title", lang),
            [
                Column("item", export_text("item", lang), "text"),
                Column("value", export_text("value", lang), "auto"),
            ],
            about,
            about_kinds,
        ),
        Table(
            "kpis",
            export_text("kpi_heading", lang),
            [
                Column("figure", export_text("figure", lang), "text"),
                Column("value", export_text("value", lang), "auto"),
                Column("previous", export_text("previous", lang), "auto"),
                Column("change", export_text("change", lang), "change"),
                Column("year_ago", export_text("year_ago", lang), "auto"),
                Column("change_year", export_text("change_year", lang), "change"),
            ],
            kpi_rows,
            kpi_kinds,
        ),
        Table(
            "platforms",
            export_text("sheet_platforms", lang),
            [
                Column("platform", _label("platform", lang), "text"),
                Column("kind", _label("kind", lang), "text"),
                Column("items", _label("items", lang), "int"),
                Column("views", _label("views", lang), "int"),
                Column("interactions", _label("interactions", lang), "int"),
                Column("rate_per_view", _label("rate_per_view", lang), "percent"),
            ],
            platforms,
        ),
        Table(
            "enrolments",
            export_text("enrolments_vs_targets", lang),
            [
                Column("category", export_text("category", lang), "text"),
                Column("actual", export_text("actual", lang), "int"),
                Column("target", export_text("target", lang), "int"),
                Column("progress", export_text("progress", lang), "percent"),
            ],
            enrolments,
        ),
        Table(
            "definitions",
            export_text("definitions", lang),
            [
                Column("term", export_text("term", lang), "text"),
                Column("definition", export_text("definition", lang), "text"),
            ],
            definitions,
        ),
        Table(
            "gaps",
            export_text("data_gaps", lang),
            [
                Column("gap", export_text("gap", lang), "text"),
                Column("days", export_text("gap_days", lang), "int"),
                Column("dates", export_text("gap_dates", lang), "text"),
            ],
            gaps,
        ),
    ]


# --- CSV ----------------------------------------------------------------------------------------


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
    """A zip of CSV files: summary.csv and one per detail table (machine-readable values:
    ISO dates, local times, plain numbers, rates as fractions)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("summary.csv", _csv_bytes(summary_blocks(summary, lang)))
        for table in data_tables(summary, lang):
            archive.writestr(f"{table.key}.csv", _csv_bytes([table]))
    return buffer.getvalue()


# --- Excel --------------------------------------------------------------------------------------

MAX_WIDTH = {"text": 60, "url": 45}


class _Workbook:
    """An xlsxwriter workbook with one cell format per kind, writing data cells by type only."""

    def __init__(self, buffer: io.BytesIO) -> None:
        self.book = xlsxwriter.Workbook(
            buffer, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False}
        )
        self.formats = {kind: self.book.add_format({"num_format": f}) for kind, f in EXCEL_FORMATS.items()}
        self.header = self.book.add_format(
            {"bold": True, "bg_color": "#DCE6F1", "border": 1, "text_wrap": True}
        )
        self.heading = self.book.add_format({"bold": True, "font_size": 13})
        self.title = self.book.add_format({"bold": True, "font_size": 16})
        self.wrap = self.book.add_format({"text_wrap": True, "valign": "top"})

    def cell(self, sheet, row: int, column: int, value: Any, kind: str) -> int:
        """Write one value; the width it needs (in characters)."""
        if value is None:
            return 0
        if isinstance(value, str):
            if kind == "url" and value.startswith(("https://", "http://")) and len(value) < 2000:
                sheet.write_url(row, column, value, string=value)
            else:
                sheet.write_string(row, column, value, self.wrap if len(value) > MAX_WIDTH["text"] else None)
            return len(value)
        if isinstance(value, date):  # datetimes too: naive local, shown as real Excel dates
            sheet.write_datetime(
                row, column, value, self.formats["datetime" if kind == "datetime" else "date"]
            )
            return 16 if kind == "datetime" else 10
        sheet.write_number(row, column, value, self.formats.get(kind, self.formats["decimal"]))
        return 12

    def table(self, sheet, table: Table, first_row: int = 0) -> int:
        """Write ``table`` with a header row from ``first_row``; the row after it."""
        widths = [len(c.label) for c in table.columns]
        for column, spec in enumerate(table.columns):
            sheet.write_string(first_row, column, spec.label, self.header)
        for number, row in enumerate(table.rows):
            for column, value in enumerate(row):
                width = self.cell(sheet, first_row + 1 + number, column, value, table.kind(number, column))
                widths[column] = max(widths[column], width)
        for column, spec in enumerate(table.columns):
            sheet.set_column(column, column, min(max(widths[column], 8) + 2, MAX_WIDTH.get(spec.kind, 30)))
        return first_row + 1 + len(table.rows)


def to_xlsx(summary: Summary, lang: str) -> bytes:
    """The workbook: Summary, Content, Daily (with a native chart), Campaigns, Activities, Livestreams,
    Enrolment."""
    buffer = io.BytesIO()
    workbook = _Workbook(buffer)
    book = workbook.book
    book.set_properties({"title": export_text("report_title", lang), "comments": ""})
    sheet = book.add_worksheet(export_text("sheet_summary", lang))
    blocks = summary_blocks(summary, lang)
    sheet.write_string(0, 0, export_text("report_title", lang), workbook.title)
    row = 2
    for block in blocks:
        sheet.write_string(row, 0, block.title, workbook.heading)
        row = workbook.table(sheet, block, row + 1) + 1
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


# --- HTML report --------------------------------------------------------------------------------

PRINT_CSS = """
body { font-family: "Segoe UI", Arial, sans-serif; color: #222; margin: 24px; }
h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 16px; margin: 24px 0 8px; }
.period { color: #555; margin-bottom: 16px; }
.figures { display: flex; flex-wrap: wrap; gap: 10px; }
.figure { border: 1px solid #ddd; border-radius: 6px; padding: 8px 12px; min-width: 150px; }
.figure .value { font-size: 20px; font-weight: 600; }
.figure .label, .figure .change { color: #555; font-size: 12px; }
table { border-collapse: collapse; width: 100%; font-size: 12px; table-layout: auto; }
th, td { border: 1px solid #ddd; padding: 3px 6px; text-align: left; vertical-align: top;
  overflow-wrap: break-word; }
td.n { text-align: right; white-space: nowrap; } th { background: #f0f4f8; }
.note { color: #555; font-size: 12px; } .chart { width: 100%; }
@media screen and (max-width: 640px) {
  body { margin: 10px; } .figure { min-width: 0; flex: 1 1 40%; }
  table, .chart { display: block; overflow-x: auto; }
}
@page { size: A4; margin: 14mm; }
@media print {
  body { margin: 0; } table { font-size: 10px; }
  .figure, .chart, tr { break-inside: avoid; }
  h2 { break-after: avoid; } section.page { break-before: page; }
  .chart { max-width: 180mm; } a { color: inherit; text-decoration: none; }
}
"""
HTML_KIND_FORMAT: dict[str, Callable[[Any, str], str]] = {
    "int": fmt_int,
    "decimal": fmt_decimal,
    "p_value": fmt_p_value,
    "percent": fmt_percent,
    "change": lambda value, lang: ("+" if value and value > 0 else "") + fmt_percent(value, lang),
    "date": fmt_date,
    # Table times are already naive local times: shown as they are (babel takes naive as UTC).
    "datetime": lambda value, lang: fmt_datetime(value, lang, timezone="UTC"),
}


def _html_cell(value: Any, kind: str, lang: str) -> str:
    if value is None:
        return "<td>–</td>"
    if isinstance(value, str):
        if kind == "url" and value.startswith(("https://", "http://")):
            return f'<td><a href="{html.escape(value)}">{html.escape(export_text("open", lang))}</a></td>'
        return f"<td>{html.escape(value)}</td>"
    shown = HTML_KIND_FORMAT.get(kind, fmt_decimal)(value, lang)
    return f'<td class="n">{html.escape(shown)}</td>'


def _html_table(table: Table, lang: str, keys: list[str] | None = None) -> str:
    """``table`` as HTML (only the columns ``keys`` when given), numbers formatted by babel."""
    chosen = [i for i, c in enumerate(table.columns) if keys is None or c.key in keys]
    if not table.rows:
        return f'<p class="note">{html.escape(export_text("no_data", lang))}</p>'
    header = "".join(f"<th>{html.escape(table.columns[i].label)}</th>" for i in chosen)
    body = "".join(
        "<tr>" + "".join(_html_cell(row[i], table.kind(n, i), lang) for i in chosen) + "</tr>"
        for n, row in enumerate(table.rows)
    )
    return f"<table><thead><tr>{header}</tr></thead><tbody>{body}</tbody></table>"


def _figures(summary: Summary, lang: str) -> str:
    cards = []
    keys = ["views", "interactions", "rate_per_view", "page_views", "enrolments", "other_results"]
    keys += [k for k in summary.kpis if k.startswith("enrolment_")]
    keys += [k for k in ("activities", "attendance", "reached") if k in summary.kpis]
    for key in keys:
        figure = summary.kpis[key]
        kind = KPI_KINDS.get(key, "int")
        value = HTML_KIND_FORMAT[kind](figure["value"], lang)
        change = export_text(
            "change_on_previous", lang, change=HTML_KIND_FORMAT["change"](figure["change"], lang)
        )
        if figure.get("year_ago") is not None:
            change += "; " + export_text(
                "change_on_year", lang, change=HTML_KIND_FORMAT["change"](figure["change_year"], lang)
            )
        cards.append(
            f'<div class="figure"><div class="label">{html.escape(_label(key, lang))}</div>'
            f'<div class="value">{html.escape(value)}</div>'
            f'<div class="change">{html.escape(change)}</div></div>'
        )
    return f'<div class="figures">{"".join(cards)}</div>'


def _charts(summary: Summary, lang: str) -> list[tuple[str, str]]:
    """(heading, HTML) of the report's charts; plotly.js is inlined once, in the first.

    The daily chart always has its days; the comparison by kind only when there is content."""
    figures = [
        (
            export_text("chart_reach_vs_enrolment", lang),
            charts.reach_vs_enrolment(
                summary.daily,
                lang,
                enrolment=summary.enrolment_daily,
                campaigns=summary.campaigns,
                activities=summary.activities,
            ),
        )
    ]
    if not summary.kinds.empty:
        figures.append(
            (export_text("chart_content_comparison", lang), charts.kind_comparison(summary.kinds, lang))
        )
    config = {"displaylogo": False, "responsive": False, "displayModeBar": False}  # its buttons: English
    return [
        # A fixed width that fits the printable width of A4 (182 mm ≈ 688 px), on screen and on paper.
        (
            heading,
            figure.update_layout(width=REPORT_CHART_WIDTH).to_html(
                full_html=False, include_plotlyjs=number == 0, config=config
            ),
        )
        for number, (heading, figure) in enumerate(figures)
    ]


def _impact_section(summary: Summary, table: Table, lang: str) -> str:
    """The campaign-impact figures and, for each, the estimate in words with its caution."""
    if not summary.impact:
        return ""
    keys = ["campaign", "category", "observed", "expected", "expected_low", "expected_high", "ratio"]
    keys += ["placebo_as_high", "placebo_windows"]
    words = "".join(
        f"<li>{html.escape(impact.describe(estimate, lang, caution=False))}</li>"
        for estimate in summary.impact
    )
    return (
        f"<section><h2>{html.escape(table.title)}</h2>{_html_table(table, lang, keys)}"
        f'<ul class="note">{words}</ul><p class="note">{html.escape(impact.caution(lang))}</p></section>'
    )


def to_html(summary: Summary, lang: str) -> bytes:
    """A self-contained printable report (A4): everything inlined, no network needed to open it."""
    title = export_text("report_title", lang)
    period = export_text(
        "period_text", lang, start=fmt_date(summary.start, lang), end=fmt_date(summary.end, lang)
    )
    blocks = {block.key: block for block in summary_blocks(summary, lang)}
    # The impact caution stands under the estimates here: not a second time among the definitions.
    said = impact.caution(lang)
    definitions = replace(blocks["definitions"], rows=[r for r in blocks["definitions"].rows if r[1] != said])
    tables = {table.key: table for table in data_tables(summary, lang)}
    top = summary.content.sort_values("views", ascending=False, na_position="last").head(TOP_CONTENT)
    top_table = content_table(replace(summary, content=top), lang)
    about = " · ".join(
        html.escape(part)
        for part in (
            ", ".join(summary.channels) or export_text("none", lang),
            f"{export_text('campaign', lang)}: {summary.campaign.name}" if summary.campaign else "",
            f"{export_text('timezone', lang)}: {summary.timezone}",
        )
        if part
    )
    sections = [
        f"<h1>{html.escape(title)}</h1>",
        f'<div class="period">{html.escape(period)} · {about}</div>',
    ]
    if not summary.has_data:
        sections.append(f'<p class="note"><strong>{html.escape(export_text("no_data", lang))}</strong></p>')
    sections.append(f"<h2>{html.escape(export_text('kpi_heading', lang))}</h2>{_figures(summary, lang)}")
    sections.append(f'<p class="note">{html.escape(export_text("activities_arithmetic", lang))}</p>')
    if summary.platforms.platform.nunique() > 1:
        sections.append(
            f"<h2>{html.escape(blocks['platforms'].title)}</h2>{_html_table(blocks['platforms'], lang)}"
        )
    sections.append(
        f"<h2>{html.escape(blocks['enrolments'].title)}</h2>{_html_table(blocks['enrolments'], lang)}"
    )
    for heading, chart in _charts(summary, lang):
        sections.append(f'<div class="chart" aria-label="{html.escape(heading)}">{chart}</div>')
    if not summary.impact:  # else the impact section says the caution, once
        sections.append(f'<p class="note">{html.escape(export_text("association_note", lang))}</p>')
    campaign_keys = [
        "name",
        "start_date",
        "end_date",
        "views",
        "enrolments",
        "activities",
        "attendance",
        "reached",
    ]
    campaign_keys += ["on_spot", "enrolments_per_10k_views"]
    campaign_keys += [
        "enrolments_change",
        *(c.key for c in tables["campaigns"].columns if "progress_" in c.key),
    ]
    sections += [
        f'<section class="page"><h2>{html.escape(tables["campaigns"].title)}</h2>'
        f"{_html_table(tables['campaigns'], lang, campaign_keys)}",
        f"<h2>{html.escape(tables['activities'].title)}</h2>"
        f'<p class="note">{html.escape(export_text("activities_arithmetic", lang))}</p>'
        + _html_table(
            tables["activities"],
            lang,
            ["start_day", "end_day", "name", "kind", "unit", "venue", "attendance", "reached", "on_spot"]
            + [c.key for c in tables["activities"].columns if c.key.startswith("on_spot_")],
        ),
        f"<h2>{html.escape(export_text('top_content', lang, count=TOP_CONTENT))}</h2>"
        + _html_table(
            top_table,
            lang,
            ["published_at", "kind", "title", "views", "interactions", "rate_per_view", "permalink"],
        ),
        f"<h2>{html.escape(tables['livestreams'].title)}</h2>"
        + _html_table(
            tables["livestreams"],
            lang,
            [
                "started_at",
                "title",
                "duration_s",
                "peak_live_viewers",
                "views",
                "interactions",
                "avg_watch_s",
            ],
        )
        + "</section>",
        questions_html(summary, lang),
        _impact_section(summary, tables["impact"], lang),
        f"<h2>{html.escape(blocks['definitions'].title)}</h2>{_html_table(definitions, lang)}",
        f"<h2>{html.escape(blocks['gaps'].title)}</h2>{_html_table(blocks['gaps'], lang)}",
    ]
    page = (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{html.escape(title)} – {html.escape(period)}</title><style>{PRINT_CSS}</style></head>"
        f"<body>{''.join(sections)}</body></html>"
    )
    return page.encode("utf-8")
