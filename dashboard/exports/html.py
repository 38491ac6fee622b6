"""The summary as a self-contained printable report (HTML, A4): everything inlined, no network
needed to open it; numbers and dates written by babel in the user's language (``tables.as_text``)."""

from __future__ import annotations

import html
from dataclasses import replace
from typing import Any

from dashboard import charts
from dashboard.exports.tables import (
    Format,
    Table,
    as_text,
    column_label,
    content_table,
    data_tables,
    kpi_format,
    summary_blocks,
)
from dashboard.i18n import export_text
from dashboard.report_questions import questions_html
from models import impact
from models.i18n import fmt_date
from models.summary import Summary

TOP_CONTENT = 10
REPORT_CHART_WIDTH = 680

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


def _html_cell(value: Any, format: Format, lang: str) -> str:
    if value is None:
        return "<td>–</td>"
    if isinstance(value, str):
        if format == Format.URL and value.startswith(("https://", "http://")):
            return f'<td><a href="{html.escape(value)}">{html.escape(export_text("open", lang))}</a></td>'
        return f"<td>{html.escape(value)}</td>"
    shown = as_text(value, format, lang)
    return f'<td class="n">{html.escape(shown)}</td>'


def _html_table(table: Table, lang: str, keys: list[str] | None = None) -> str:
    """``table`` as HTML (only the columns ``keys`` when given), numbers formatted by babel."""
    chosen = [i for i, c in enumerate(table.columns) if keys is None or c.key in keys]
    if not table.rows:
        return f'<p class="note">{html.escape(export_text("no_data", lang))}</p>'
    header = "".join(f"<th>{html.escape(table.columns[i].label)}</th>" for i in chosen)
    body = "".join(
        "<tr>" + "".join(_html_cell(row[i], table.format_of(n, i), lang) for i in chosen) + "</tr>"
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
        value = as_text(figure["value"], kpi_format(key), lang)
        change = export_text(
            "change_on_previous", lang, change=as_text(figure["change"], Format.CHANGE, lang)
        )
        if figure.get("year_ago") is not None:
            change += "; " + export_text(
                "change_on_year", lang, change=as_text(figure["change_year"], Format.CHANGE, lang)
            )
        cards.append(
            f'<div class="figure"><div class="label">{html.escape(column_label(key, lang))}</div>'
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
