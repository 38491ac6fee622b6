"""The tables of an engagement summary and their columns, each column declaring its format.

Every writer (``csv``, ``xlsx``, ``html``, ``docx``) and the dashboard's tables read the same
declaration: a :class:`Format` says how a column's values are shown (a count, a percentage, a
p-value, a date…); the tables are built from a ``models.summary.Summary``, never the database.
This module imports no writer.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

import pandas as pd

from dashboard.i18n import (
    EXPORT_TEXTS,
    activity_kind_label,
    category_label,
    export_text,
    kind_label,
    platform_label,
    t,
)
from dashboard.report_questions import quoted_examples
from models import impact
from models.activities import with_reached
from models.categories import new_participants, other_results
from models.i18n import (
    fmt_date,
    fmt_datetime,
    fmt_decimal,
    fmt_int,
    fmt_p_value,
    fmt_percent,
    significant,
)
from models.messages import topic_name
from models.periods import period_label
from models.summary import Summary


class Format(StrEnum):
    """How a column's values are shown: the one declaration the exports and the pages share."""

    COUNT = "int"
    DECIMAL = "decimal"  # a ratio or an average, one decimal
    PERCENT = "percent"  # a fraction shown as a percentage
    CHANGE = "change"  # a signed percentage change
    P_VALUE = "p_value"  # two significant digits
    DATE = "date"
    DATETIME = "datetime"  # a naive local time
    TEXT = "text"
    URL = "url"
    BY_ROW = "auto"  # each row says its own (the key-figures table)


# A value as text in the user's language (the HTML report, the Word report), by its format.
TEXT_FORMATS: dict[str, Callable[[Any, str], str]] = {
    Format.COUNT: fmt_int,
    Format.DECIMAL: fmt_decimal,
    Format.P_VALUE: fmt_p_value,
    Format.PERCENT: fmt_percent,
    Format.CHANGE: lambda value, lang: ("+" if value and value > 0 else "") + fmt_percent(value, lang),
    Format.DATE: fmt_date,
    # Table times are already naive local times: shown as they are (babel takes naive as UTC).
    Format.DATETIME: lambda value, lang: fmt_datetime(value, lang, timezone="UTC"),
}


def as_text(value: Any, format: str, lang: str) -> str:
    """A number or date of a column of ``format`` as babel writes it in ``lang``."""
    return TEXT_FORMATS.get(format, fmt_decimal)(value, lang)


# The key figures that are not counts (every other key figure is one).
KPI_FORMATS = {
    "avg_reach": Format.DECIMAL,
    "page_viewers_daily_avg": Format.DECIMAL,
    "rate_per_reach": Format.PERCENT,
    "rate_per_view": Format.PERCENT,
}
# Columns repeated per enrolment category (``enrolment_bhxh_tu_nguyen``, ``progress_bhyt_hgd``…).
PER_CATEGORY = {
    "enrolment_": Format.COUNT,
    "target_": Format.COUNT,
    "progress_": Format.PERCENT,
    "on_spot_": Format.COUNT,
}


@dataclass(frozen=True)
class Column:
    """A column of an exported table: its key, its header in the user's language, its format."""

    key: str
    label: str
    format: Format


@dataclass(frozen=True)
class Table:
    """One exported table: rows of plain values (dates and naive local datetimes, numbers, text)."""

    key: str
    title: str
    columns: list[Column]
    rows: list[list[Any]]
    row_formats: list[Format] = field(default_factory=list)

    def format_of(self, row: int, column: int) -> Format:
        declared = self.columns[column].format
        return self.row_formats[row] if declared == Format.BY_ROW else declared


def kpi_format(key: str) -> Format:
    return KPI_FORMATS.get(key, Format.COUNT)


def per_category_columns(columns: Any, *families: str) -> list[tuple[str, Format]]:
    """The per-category columns of ``families`` (prefixes of ``PER_CATEGORY``) among ``columns``, in
    their order, with their declared format."""
    return [
        (name, PER_CATEGORY[family]) for name in columns for family in families if name.startswith(family)
    ]


# Columns whose word in the interface has another name than the column.
LABEL_KEYS = {
    "published_at": "published",
    "permalink": "link",
    "started_at": "started",
    "avg_watch_s": "avg_watch",
    "day": "axis_day",
    "name": "campaign",
}


def column_label(key: str, lang: str) -> str:
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
    """A table of ``frame``'s columns in ``spec`` (key, format)."""
    columns = [Column(name, column_label(name, lang), format) for name, format in spec]
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
        ("published_at", Format.DATETIME),
        ("platform", Format.TEXT),
        ("channel", Format.TEXT),
        ("kind", Format.TEXT),
        ("title", Format.TEXT),
        ("permalink", Format.URL),
        *((m, Format.COUNT) for m in ("views", "reach", "reactions", "comments", "shares", "clicks")),
        ("interactions", Format.COUNT),
        ("rate_per_reach", Format.PERCENT),
        ("rate_per_view", Format.PERCENT),
        ("watch_time_s", Format.DECIMAL),
        ("avg_watch_s", Format.DECIMAL),
        ("campaigns", Format.TEXT),
        ("as_of", Format.DATETIME),
        ("external_id", Format.TEXT),
    ]
    return _table("content", lang, frame.reindex(columns=[k for k, _ in spec]), spec)


def daily_table(summary: Summary, lang: str) -> Table:
    enrolments = [c for c in summary.daily.columns if c.startswith("enrolment_")]
    spec = [
        ("day", Format.DATE),
        *(
            (m, Format.COUNT)
            for m in ("page_views", "page_viewers", "page_engagements", "views_gain", "interactions_gain")
        ),
        ("items_published", Format.COUNT),
        *((c, Format.COUNT) for c in enrolments),
        ("enrolments", Format.COUNT),
        ("other_results", Format.COUNT),
    ]
    return _table("daily", lang, summary.daily, spec)


def campaigns_table(summary: Summary, lang: str) -> Table:
    frame = summary.campaigns
    spec = [
        ("name", Format.TEXT),
        ("start_date", Format.DATE),
        ("end_date", Format.DATE),
        ("days", Format.COUNT),
        ("items", Format.COUNT),
        ("views", Format.COUNT),
        ("interactions", Format.COUNT),
        ("avg_reach", Format.DECIMAL),
        ("rate_per_reach", Format.PERCENT),
        ("enrolments", Format.COUNT),
        ("other_results", Format.COUNT),
        ("activities", Format.COUNT),
        ("attendance", Format.COUNT),
        ("reached", Format.COUNT),
        ("on_spot", Format.COUNT),
        ("enrolments_per_10k_views", Format.DECIMAL),
        ("views_before", Format.COUNT),
        ("views_change", Format.CHANGE),
        ("enrolments_before", Format.COUNT),
        ("enrolments_change", Format.CHANGE),
        *per_category_columns(frame.columns, "enrolment_", "target_", "progress_"),
    ]
    return _table("campaigns", lang, frame.reindex(columns=[k for k, _ in spec]), spec)


def livestreams_table(summary: Summary, lang: str) -> Table:
    frame = summary.livestreams.copy()
    if not frame.empty:
        frame["started_at"] = [_local(m, z) for m, z in zip(frame.started_at, frame.timezone, strict=True)]
        frame["peak_at"] = [_local(m, z) for m, z in zip(frame.peak_at, frame.timezone, strict=True)]
    spec = [
        ("started_at", Format.DATETIME),
        ("channel", Format.TEXT),
        ("title", Format.TEXT),
        ("permalink", Format.URL),
        ("duration_s", Format.DECIMAL),
        ("peak_live_viewers", Format.COUNT),
        ("peak_at", Format.DATETIME),
        ("avg_live_viewers", Format.DECIMAL),
        ("views", Format.COUNT),
        ("reach", Format.COUNT),
        ("interactions", Format.COUNT),
        ("avg_watch_s", Format.DECIMAL),
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
        ("unit", Format.TEXT),
        *((f"enrolment_{c}", Format.COUNT) for c in categories),
        *((total, Format.COUNT) for total in totals),
    ]
    return _table("enrolment", lang, wide, spec)


def activities_table(summary: Summary, lang: str) -> Table:
    """The activities beyond the fanpage, one row each, with their on-the-spot results per category."""
    frame = with_reached(summary.activities)  # face to face and reached apart, never one column
    if not frame.empty:
        frame["kind"] = [activity_kind_label(kind, lang) for kind in frame.kind]
        frame["unit"] = [unit or export_text("province_wide", lang) for unit in frame.unit]
    spec = [
        ("start_day", Format.DATE, "start_date"),
        ("end_day", Format.DATE, "end_date"),
        ("name", Format.TEXT, "activity"),
        ("kind", Format.TEXT, "activity_kind"),
        ("unit", Format.TEXT, "col_unit"),
        ("venue", Format.TEXT, "venue"),
        ("attendance", Format.COUNT, "attendance"),
        ("reached", Format.COUNT, "reached"),
        ("on_spot", Format.COUNT, "on_spot"),
        *((c, format, None) for c, format in per_category_columns(frame.columns, "on_spot_")),
        ("campaign", Format.TEXT, "campaign"),
        ("note", Format.TEXT, "note"),
    ]
    columns = [
        Column(key, export_text(label, lang) if label else column_label(key, lang), format)
        for key, format, label in spec
    ]
    rows = [[_value(record[c.key]) for c in columns] for record in frame.to_dict("records")]
    return Table("activities", export_text("sheet_activities", lang), columns, rows)


IMPACT_SPEC = [
    ("campaign", Format.TEXT),
    ("category", Format.TEXT),
    ("observed", Format.COUNT),
    ("expected", Format.COUNT),
    ("expected_low", Format.COUNT),
    ("expected_high", Format.COUNT),
    ("difference", Format.COUNT),
    ("difference_low", Format.COUNT),
    ("difference_high", Format.COUNT),
    ("ratio", Format.DECIMAL),
    ("baseline_days", Format.COUNT),
    ("placebo_as_high", Format.COUNT),
    ("placebo_windows", Format.COUNT),
    ("placebo_p", Format.P_VALUE),
    ("in_words", Format.TEXT),
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


def questions_tables(summary: Summary, lang: str) -> list[Table]:
    """What people asked, as the Word and printable reports say it: how many questions, how many
    the Page answered, the share answered and the median minutes to answer; then the top topics with
    their shortened examples (no names; none where the text is not kept). No table when nobody asked."""
    asked = summary.questions
    if asked is None:
        return []
    figures = asked.figures
    rows = [
        [t("questions_count", lang), figures.questions],
        [t("questions_answered", lang), figures.answered],
        [export_text("questions_share_answered", lang), figures.share_answered],
        [export_text("questions_median_minutes", lang), figures.median_minutes],
    ]
    topics = [
        [topic_name(topic, lang), count, quoted_examples(examples) or None]
        for topic, count, examples in asked.topics
    ]
    return [
        Table(
            "questions",
            export_text("sheet_questions", lang),
            [
                Column("figure", export_text("figure", lang), Format.TEXT),
                Column("value", export_text("value", lang), Format.BY_ROW),
            ],
            rows,
            [Format.COUNT, Format.COUNT, Format.PERCENT, Format.DECIMAL],
        ),
        Table(
            "question_topics",
            export_text("questions_top_topics", lang),
            [
                Column("topic", t("topic", lang), Format.TEXT),
                Column("questions", t("questions_count", lang), Format.COUNT),
                Column("examples", export_text("questions_examples_shortened", lang), Format.TEXT),
            ],
            topics,
        ),
    ]


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
    about_formats = [Format.DATE, Format.DATE, Format.TEXT, Format.TEXT, Format.TEXT]
    if not summary.has_data:
        about.append([export_text("status", lang), export_text("no_data", lang)])
        about_formats.append(Format.TEXT)
    about.extend(comparison_rows(summary, lang))
    about_formats.extend([Format.TEXT, Format.TEXT])
    kpi_rows = [
        [
            column_label(key, lang),
            figure["value"],
            figure["previous"],
            figure[Format.CHANGE],
            figure.get("year_ago"),
            figure.get("change_year"),
        ]
        for key, figure in summary.kpis.items()
    ]
    kpi_formats = [kpi_format(key) for key in summary.kpis]
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
    definitions = [[column_label(key, lang), export_text(f"def_{key}", lang)] for key in summary.definitions]
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
                Column("item", export_text("item", lang), Format.TEXT),
                Column("value", export_text("value", lang), Format.BY_ROW),
            ],
            about,
            about_formats,
        ),
        Table(
            "kpis",
            export_text("kpi_heading", lang),
            [
                Column("figure", export_text("figure", lang), Format.TEXT),
                Column("value", export_text("value", lang), Format.BY_ROW),
                Column("previous", export_text("previous", lang), Format.BY_ROW),
                Column(Format.CHANGE, export_text(Format.CHANGE, lang), Format.CHANGE),
                Column("year_ago", export_text("year_ago", lang), Format.BY_ROW),
                Column("change_year", export_text("change_year", lang), Format.CHANGE),
            ],
            kpi_rows,
            kpi_formats,
        ),
        Table(
            "platforms",
            export_text("sheet_platforms", lang),
            [
                Column("platform", column_label("platform", lang), Format.TEXT),
                Column("kind", column_label("kind", lang), Format.TEXT),
                Column("items", column_label("items", lang), Format.COUNT),
                Column("views", column_label("views", lang), Format.COUNT),
                Column("interactions", column_label("interactions", lang), Format.COUNT),
                Column("rate_per_view", column_label("rate_per_view", lang), Format.PERCENT),
            ],
            platforms,
        ),
        Table(
            "enrolments",
            export_text("enrolments_vs_targets", lang),
            [
                Column("category", export_text("category", lang), Format.TEXT),
                Column("actual", export_text("actual", lang), Format.COUNT),
                Column("target", export_text("target", lang), Format.COUNT),
                Column("progress", export_text("progress", lang), Format.PERCENT),
            ],
            enrolments,
        ),
        Table(
            "definitions",
            export_text("definitions", lang),
            [
                Column("term", export_text("term", lang), Format.TEXT),
                Column("definition", export_text("definition", lang), Format.TEXT),
            ],
            definitions,
        ),
        Table(
            "gaps",
            export_text("data_gaps", lang),
            [
                Column("gap", export_text("gap", lang), Format.TEXT),
                Column("days", export_text("gap_days", lang), Format.COUNT),
                Column("dates", export_text("gap_dates", lang), Format.TEXT),
            ],
            gaps,
        ),
    ]
