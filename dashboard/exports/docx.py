"""The monthly communication report as a Word document, ready to sign.

Vietnamese: the layout of an administrative document as offices use Decree 30/2020/ND-CP (agency
and national motto in a borderless header table, number line left blank for the clerk, place and
date, centred title, numbered sections, recipients and signature blocks; Times New Roman 14 pt on
A4 with the decree's margins). English: the same content in a plain business layout. Written with
python-docx from a ``Summary`` (never the database); sentences come from ``report_narrative``,
tables from the same ``Table``s as the other exports, charts are the dashboard's Plotly figures
exported as PNG by kaleido (which needs Chrome/Chromium: without one the report says so and has
no charts). Text from social media only ever goes into text runs, which Word never evaluates.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Sequence
from dataclasses import replace
from datetime import date

import pandas as pd
import plotly.graph_objects as go
from docx import Document
from docx.document import Document as WordDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.image.image import Image as DocxImage
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt
from docx.table import Table as WordTable
from docx.text.paragraph import Paragraph
from tenacity import Retrying, retry_if_exception, stop_after_attempt

from dashboard import chart_images, charts
from dashboard import report_narrative as narrative
from dashboard.exports.tables import (
    Column,
    Format,
    Table,
    as_text,
    campaigns_table,
    content_table,
    enrolment_table,
    summary_blocks,
)
from dashboard.i18n import category_label, report_text
from dashboard.report_fonts import embed_metric_twin
from dashboard.report_questions import questions_paragraphs
from models.activities import kind_name
from models.i18n import fmt_day, fmt_document_date
from models.report_settings import ReportSettings
from models.summary import Summary
from models.write import local_day, now_utc

log = logging.getLogger(__name__)

FONT = "Times New Roman"
BODY_PT = 14
TABLE_PT = 12
SMALL_PT = 12
# Decree 30/2020/ND-CP, appendix I: top and bottom 20–25 mm, left 30–35 mm, right 15–20 mm.
MARGINS_MM = {"top": 20, "bottom": 20, "left": 30, "right": 15}
TEXT_WIDTH_MM = 210 - MARGINS_MM["left"] - MARGINS_MM["right"]
# The header and signature tables fill the text width, with narrow cell margins, so that in Times
# New Roman (or the embedded twin, dashboard/report_fonts.py) "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
# (88 mm at 12 pt bold) and an agency name up to 70 mm stay on one line each.
HEADER_COLUMNS_MM = (72, TEXT_WIDTH_MM - 72)
LAYOUT_CELL_MARGIN_MM = 0.5
TOP_CONTENT = 10
NUMBER_COLUMN_MM = 11  # the "TT" column: room for two digits
CHART_WIDTH_PX, CHART_SCALE = 760, 2
# A chart is at most this tall (narrower than the text when its picture is taller than wide): with
# its caption it then fits on any page that is less than about 60% full, so a chart that moves to
# the next page leaves at most about two-fifths of a page blank before it.
CHART_MAX_HEIGHT_MM = 95
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")
WORDS = (Format.TEXT, Format.URL)  # columns of words: left-aligned, wider
DATES = (Format.DATE, Format.DATETIME)


def to_docx(summary: Summary, lang: str, settings: ReportSettings | None = None) -> bytes:
    """The report of ``summary`` in ``lang`` as .docx bytes (charts left out without a browser)."""
    settings = settings or ReportSettings()
    document = Document()
    _page_and_styles(document, lang)
    embed_metric_twin(document)
    if lang == "vi":
        _vietnamese_heading(document, summary, settings)
    else:
        _business_heading(document, summary, settings)
    body = _Body(document, lang)
    intro = body.paragraph(report_text("intro", lang, period=narrative.period_text(summary, lang)))
    intro.paragraph_format.space_before = Pt(12)
    if summary.has_data:
        _content(body, summary, lang)
    else:
        body.paragraph(report_text("no_data", lang), bold=True)
        body.section("section_notes")
        body.paragraph(narrative.gaps_paragraph(summary, lang))
    body.paragraph(report_text("closing", lang, period=narrative.period_text(summary, lang)))
    _recipients_and_signature(document, settings, lang)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _content(body: _Body, summary: Summary, lang: str) -> None:
    """Sections I–III: communication on social media, enrolment results, notes on the figures."""
    figures, charts_line = _chart_images(summary, lang)
    blocks = {block.key: block for block in summary_blocks(summary, lang)}

    body.section("section_online")
    body.subsection("sub_channels")
    body.paragraph(narrative.channels_paragraph(summary, lang))
    body.paragraph(narrative.items_paragraph(summary, lang))
    body.subsection("sub_livestreams")
    for text in narrative.livestream_paragraphs(summary, lang):
        body.paragraph(text)
    asked = questions_paragraphs(summary, lang)
    if asked:
        body.subsection("sub_questions")
        for text in asked:
            body.paragraph(text)
    body.subsection("sub_reach")
    body.paragraph(narrative.reach_paragraph(summary, lang))
    body.table(blocks["kpis"].title, blocks["kpis"])
    top = summary.content.sort_values("views", ascending=False, na_position="last").head(TOP_CONTENT)
    body.table(
        report_text("table_top_content", lang, count=len(top)),
        content_table(replace(summary, content=top), lang),
        ["published_at", "kind", "title", "views", "interactions"],
        numbered=True,
    )
    if figures is not None and "kinds" in figures:
        body.chart(report_text("chart_content_comparison", lang), figures["kinds"])

    body.section("section_enrolment")
    body.subsection("sub_overall")
    body.paragraph(narrative.overall_paragraph(summary, lang))
    if summary.campaign is None:  # a campaign's own comparison is in its paragraph
        body.paragraph(narrative.comparison_paragraph(summary, lang))
    if figures is not None:
        body.chart(report_text("chart_reach_vs_enrolment", lang), figures["reach"])
    impacts = narrative.impact_paragraphs(summary, lang)
    if not impacts:  # the caution is said once: with the impact estimates when there are some
        body.paragraph(report_text("association_note", lang), italic=True)
    campaign_texts = narrative.campaign_paragraphs(summary, lang)
    if campaign_texts:
        body.subsection("sub_campaigns")
        for text in campaign_texts:
            body.paragraph(text)
        body.table(
            report_text("table_campaigns", lang), campaign_targets_table(summary, lang), group_first=True
        )
    if impacts:
        body.subsection("sub_impact")
        for text in impacts:
            body.paragraph(text)
    units = narrative.units_paragraph(summary, lang)
    if units:
        body.subsection("sub_units")
        body.paragraph(units)
        body.table(report_text("table_units", lang), enrolment_table(summary, lang), numbered=True)

    body.section("section_activities")
    for text in narrative.activities_paragraphs(summary, lang):
        body.paragraph(text)
    in_person = narrative.face_to_face_activities(summary)
    if not in_person.empty:
        body.table(
            report_text("table_activities", lang),
            activities_table(replace(summary, activities=in_person), lang),
            numbered=True,
        )
    reached = narrative.reached_paragraph(summary, lang)
    if reached:
        body.section("section_reached")
        body.paragraph(reached)

    body.section("section_notes")
    body.paragraph(narrative.gaps_paragraph(summary, lang))
    body.paragraph(report_text("exact_figures", lang))
    if figures is None:
        body.paragraph(charts_line, italic=True)
    _closing_sections(body, summary, lang)


def _closing_sections(body: _Body, summary: Summary, lang: str) -> None:
    """The four sections every monthly report ends with: the assessment written from the data (and
    what editors added to it), then the shortcomings, next month's tasks and recommendations that
    editors wrote for the period (``models.report_notes``), or a placeholder that shows on paper."""
    body.section("section_assessment")
    for text in narrative.assessment_paragraphs(summary, lang):
        body.paragraph(text)
    for text in _note_paragraphs(summary.notes.get("assessment", "")):
        body.paragraph(text)
    for section in ("shortcomings", "next_tasks", "recommendations"):
        body.section(f"section_{section}")
        texts = _note_paragraphs(summary.notes.get(section, ""))
        for text in texts:
            body.paragraph(text)
        if not texts:
            body.paragraph(report_text("note_missing", lang), bold=True, italic=True)


def _note_paragraphs(text: str) -> list[str]:
    """An editor's text as paragraphs: one per non-empty line."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def campaign_targets_table(summary: Summary, lang: str) -> Table:
    """One row per campaign and category: result, target and progress (fits a portrait page,
    unlike the wide campaign sheet of the workbook)."""
    wide = campaigns_table(summary, lang)
    keys = [column.key for column in wide.columns]
    rows = []
    for row in wide.rows:
        values = dict(zip(keys, row, strict=True))
        days = f"{fmt_day(values['start_date'], lang)} – {fmt_day(values['end_date'], lang)}"
        for key in keys:
            if key.startswith("enrolment_") and (values[key] or values.get(f"target_{key[10:]}")):
                category = key[len("enrolment_") :]
                rows.append(
                    [
                        f"{values['name']} ({days})",
                        category_label(category, lang),
                        values[key],
                        values.get(f"target_{category}"),
                        values.get(f"progress_{category}"),
                    ]
                )
    columns = [
        Column("campaign", report_text("campaign", lang), Format.TEXT),
        Column("category", report_text("category", lang), Format.TEXT),
        Column("actual", report_text("actual", lang), Format.COUNT),
        Column("target", report_text("target", lang), Format.COUNT),
        Column("progress", report_text("progress", lang), Format.PERCENT),
    ]
    return Table("campaign_targets", report_text("table_campaigns", lang), columns, rows)


def _activity_days(start: date, end: date, lang: str) -> date | str:
    """An activity's day, or its first and last day on two lines of a date column (each date whole,
    written as the body writes dates)."""
    return start if start == end else f"{fmt_day(start, lang)} –\n{fmt_day(end, lang)}"


def activities_table(summary: Summary, lang: str) -> Table:
    """The period's activities: name, kind, days, unit, attendance and on-the-spot results."""
    rows = [
        [
            row.name,
            kind_name(row.kind, lang),
            _activity_days(row.start_day, row.end_day, lang),
            row.unit or report_text("province_wide", lang),
            None if pd.isna(row.attendance) else int(row.attendance),
            int(row.on_spot),
        ]
        for row in summary.activities.itertuples()
    ]
    columns = [
        Column("name", report_text("activity", lang), Format.TEXT),
        Column("kind", report_text("kind", lang), Format.TEXT),
        Column("days", report_text("axis_day", lang), Format.DATE),
        Column("unit", report_text("col_unit", lang), Format.TEXT),
        Column("attendance", report_text("col_attendance", lang), Format.COUNT),
        Column("on_spot", report_text("col_on_spot", lang), Format.COUNT),
    ]
    return Table("activities", report_text("table_activities", lang), columns, rows)


# --- charts -------------------------------------------------------------------------------------


def chart_figures(summary: Summary, lang: str) -> dict[str, go.Figure]:
    """The report's charts, from the dashboard's figure functions."""
    figures: dict[str, go.Figure] = {
        "reach": charts.reach_vs_enrolment(
            summary.daily, lang, enrolment=summary.enrolment_daily, campaigns=summary.campaigns
        )
    }
    if not summary.kinds.empty:
        figures["kinds"] = charts.kind_comparison(summary.kinds, lang)
    return figures


def _chart_images(summary: Summary, lang: str) -> tuple[dict[str, bytes] | None, str]:
    """The report's charts as PNG, or None and the one line that says why (no Chrome/Chromium, or the
    browser failed); the report is written either way."""
    figures = chart_figures(summary, lang)
    # A busy machine's browser sometimes fails once to start or to answer: one more try before
    # the report goes without its charts (never when there is no browser at all).
    again = Retrying(
        stop=stop_after_attempt(2),
        retry=retry_if_exception(lambda error: not _no_browser(error)),
        reraise=True,
    )
    try:
        return again(lambda: dict(zip(figures, render_pngs(list(figures.values())), strict=True))), ""
    # Whatever stops the browser (missing, refusing to start, crashing, too slow) must not stop the report.
    except Exception as error:  # noqa: BLE001
        reason = (str(error).strip().splitlines() or [type(error).__name__])[0]
        if _no_browser(error):
            line = report_text("charts_missing", lang)
        else:
            line = report_text("charts_failed", lang, reason=reason)
        log.warning("%s (%s)", line, reason)
        return None, line


def _no_browser(error: BaseException) -> bool:
    return chart_images.no_browser(error)


def render_pngs(figures: list[go.Figure]) -> list[bytes]:
    """PNG images of ``figures`` at the report's width, untitled (the caption names them), drawn by
    one browser: starting Chromium per chart took most of the report's time."""
    untitled = [go.Figure(figure).update_layout(title=None) for figure in figures]
    return chart_images.render_pngs(untitled, CHART_WIDTH_PX, CHART_SCALE)


# --- layout -------------------------------------------------------------------------------------


def _language(style, lang: str) -> None:
    """The document's language (vi-VN, or en-GB), so Word checks the spelling in the right one:
    in the Normal style and in the document defaults that every other style (tables, headers)
    starts from (no python-docx API: the w:lang of the run properties)."""
    defaults = style.element.getparent().find(qn("w:docDefaults"))
    run_defaults = None if defaults is None else defaults.find(qn("w:rPrDefault"))
    targets = [style.element.get_or_add_rPr()]
    if run_defaults is not None and run_defaults.find(qn("w:rPr")) is not None:
        targets.append(run_defaults.find(qn("w:rPr")))
    tag = "vi-VN" if lang == "vi" else "en-GB"
    for properties in targets:
        found = properties.find(qn("w:lang"))
        element = found if found is not None else OxmlElement("w:lang")
        for key in ("w:val", "w:eastAsia", "w:bidi"):
            element.set(qn(key), tag)
        if found is None:
            properties.append(element)


def _page_numbers(section) -> None:
    """Page numbers top centre from page 2 (Decree 30): a PAGE field in the header, and a first
    page with a header of its own, left empty (no python-docx API for fields: w:fldSimple)."""
    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "2"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _page_and_styles(document: WordDocument, lang: str = "vi") -> None:
    """A4 with the decree's margins; Times New Roman everywhere, 14 pt body text; page numbers from
    page 2; the document's language."""
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(MARGINS_MM["top"]), Mm(MARGINS_MM["bottom"])
    section.left_margin, section.right_margin = Mm(MARGINS_MM["left"]), Mm(MARGINS_MM["right"])
    for name in ("Normal", "Table Grid"):
        style = document.styles[name]
        style.font.name = FONT
        # python-docx sets only the Latin font; Word picks the East Asian slot for some Vietnamese
        # text, so name Times New Roman there too (no API for it: the rFonts attribute).
        style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    normal = document.styles["Normal"]
    _language(normal, lang)
    _page_numbers(section)
    normal.font.size = Pt(BODY_PT)
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.1


def _text(
    paragraph: Paragraph,
    text: str,
    bold: bool = False,
    italic: bool = False,
    underline: bool = False,
    size: int | None = None,
) -> Paragraph:
    run = paragraph.add_run(text)
    run.bold, run.italic, run.underline = bold or None, italic or None, underline or None
    if size:
        run.font.size = Pt(size)
    return paragraph


def _centred(paragraph: Paragraph, after: int = 0) -> Paragraph:
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.space_after = Pt(after)
    paragraph.paragraph_format.first_line_indent = None
    return paragraph


def _short_rule(paragraph: Paragraph, width_mm: float, column_mm: float) -> None:
    """A short centred line under ``paragraph`` (agency name, title), as offices draw it: an empty
    2 pt paragraph after it with a bottom border, narrowed by indents to ``width_mm``.

    python-docx has no API for paragraph borders: one w:pBdr/w:bottom element."""
    rule = paragraph.insert_paragraph_before("")
    # insert_paragraph_before puts it above: move the text paragraph back in front of it.
    rule._p.addprevious(paragraph._p)
    layout = rule.paragraph_format
    layout.left_indent = layout.right_indent = Mm((column_mm - width_mm) / 2)
    layout.first_line_indent = None
    layout.space_before, layout.space_after, layout.line_spacing = Pt(0), Pt(0), Pt(2)
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    rule._p.get_or_add_pPr().append(borders)


def _fixed_table(
    document: WordDocument, rows: int, widths_mm: Sequence[float], layout: bool = False
) -> WordTable:
    """A borderless table (no style: Word's default table has no borders) of fixed widths; a
    ``layout`` table (letterhead, signature) has narrow left and right cell margins."""
    table = document.add_table(rows=rows, cols=len(widths_mm))
    table.autofit = False
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    if layout:
        _narrow_cell_margins(table, LAYOUT_CELL_MARGIN_MM)
    for column, width in zip(table.columns, widths_mm, strict=True):
        column.width = Mm(width)  # the grid LibreOffice reads
        for cell in column.cells:
            cell.width = Mm(width)  # the cell widths Word reads
    return table


def _narrow_cell_margins(table: WordTable, margin_mm: float) -> None:
    """Left and right cell margins of ``table`` (no API for them: a w:tblCellMar, placed before
    w:tblLook as the schema orders them, or Word calls the file damaged)."""
    margins = OxmlElement("w:tblCellMar")
    for side in ("w:left", "w:right"):
        margin = OxmlElement(side)
        margin.set(qn("w:w"), str(round(margin_mm / 25.4 * 1440)))
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    properties = table._tbl.tblPr
    look = properties.find(qn("w:tblLook"))
    if look is None:
        properties.append(margins)
    else:
        look.addprevious(margins)


def _cell_lines(cell, lines: Sequence[tuple[str, dict]], align=WD_ALIGN_PARAGRAPH.CENTER) -> list[Paragraph]:
    """Fill a table cell with one paragraph per (text, run options)."""
    paragraphs = []
    for number, (text, options) in enumerate(lines):
        paragraph = cell.paragraphs[0] if number == 0 else cell.add_paragraph()
        _centred(paragraph)
        paragraph.alignment = align
        _text(paragraph, text, **options)
        paragraphs.append(paragraph)
    return paragraphs


def _vietnamese_heading(document: WordDocument, summary: Summary, settings: ReportSettings) -> None:
    """Agency and national motto, number and date lines, then the title (Decree 30/2020 layout)."""
    agency, place, _ = settings.in_language("vi")
    header = _fixed_table(document, 2, HEADER_COLUMNS_MM, layout=True)
    left, right = header.rows[0].cells
    agency_lines = _cell_lines(
        left, [(settings.parent_agency, {"size": 12}), (agency, {"bold": True, "size": 12})]
    )
    _short_rule(agency_lines[-1], 26, HEADER_COLUMNS_MM[0])
    _cell_lines(
        right,
        [
            (report_text("motto_country", "vi"), {"bold": True, "size": 12}),
            (report_text("motto_words", "vi"), {"bold": True, "underline": True, "size": 13}),
        ],
    )
    number, day = header.rows[1].cells
    for cell in (number, day):
        cell.paragraphs[0].paragraph_format.space_before = Pt(6)
    _cell_lines(number, [(_number_line(settings, "vi"), {"size": 13})])
    _cell_lines(day, [(fmt_document_date(place, signing_day(settings), "vi"), {"italic": True, "size": 14})])
    _title(document, summary, "vi", space_before=18)


def signing_day(settings: ReportSettings) -> date:
    """The date line's day: the signing date given, else today (local), never the period's end."""
    return settings.signed_on or local_day(now_utc())


def _number_line(settings: ReportSettings, lang: str) -> str:
    """ "Số: 12/BC-BHXH" with a number given, else the blank the clerk fills in."""
    if settings.document_number:
        return report_text("number_given", lang, number=settings.document_number, code=settings.document_code)
    return report_text("number_line", lang, code=settings.document_code)


def _business_heading(document: WordDocument, summary: Summary, settings: ReportSettings) -> None:
    """The English layout: agency name, then place and date on the right, then the title."""
    agency, place, _ = settings.in_language("en")
    _text(document.add_paragraph(), agency, bold=True, size=13).paragraph_format.space_after = Pt(0)
    if settings.parent_agency:
        _text(document.add_paragraph(), settings.parent_agency, size=12)
    dated = _text(document.add_paragraph(), fmt_document_date(place, signing_day(settings), "en"))
    dated.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _title(document, summary, "en", space_before=12)


def _title(document: WordDocument, summary: Summary, lang: str, space_before: int) -> None:
    kind = _centred(document.add_paragraph())
    kind.paragraph_format.space_before = Pt(space_before)
    _text(kind, report_text("document_kind", lang), bold=True, size=BODY_PT)
    subject = _text(
        _centred(document.add_paragraph()),
        report_text("title", lang, period=narrative.period_text(summary, lang)),
        bold=True,
        size=BODY_PT,
    )
    _short_rule(subject, 40, TEXT_WIDTH_MM)
    subject.paragraph_format.space_after = Pt(0)


class _Body:
    """The running text: numbered sections (I., II. / 1., 2.), justified paragraphs, tables, charts."""

    def __init__(self, document: WordDocument, lang: str) -> None:
        self.document, self.lang = document, lang
        self.sections = self.subsections = self.tables = self.charts = 0

    def paragraph(self, text: str, bold: bool = False, italic: bool = False) -> Paragraph:
        paragraph = _text(self.document.add_paragraph(), text, bold=bold, italic=italic)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        paragraph.paragraph_format.first_line_indent = Cm(1)
        return paragraph

    def section(self, key: str) -> None:
        self.sections += 1
        self.subsections = 0
        number = ROMAN[self.sections - 1] if self.lang == "vi" else str(self.sections)
        heading = self.paragraph(f"{number}. {report_text(key, self.lang)}", bold=True)
        heading.paragraph_format.space_before = Pt(6)
        heading.paragraph_format.keep_with_next = True

    def subsection(self, key: str) -> None:
        self.subsections += 1
        number = f"{self.subsections}." if self.lang == "vi" else f"{self.sections}.{self.subsections}."
        heading = self.paragraph(f"{number} {report_text(key, self.lang)}", bold=True)
        heading.paragraph_format.keep_with_next = True

    def caption(self, key: str, number: int, title: str) -> None:
        caption = _centred(self.document.add_paragraph(), after=3)
        caption.paragraph_format.space_before = Pt(6)
        caption.paragraph_format.keep_with_next = True
        _text(caption, report_text(key, self.lang, number=number, title=title), bold=True, size=SMALL_PT)

    def table(
        self,
        title: str,
        table: Table,
        keys: list[str] | None = None,
        numbered: bool = False,
        group_first: bool = False,
    ) -> None:
        """``table`` (its columns ``keys`` when given) as a real Word table with a numbered caption;
        ``numbered`` adds a TT column, ``group_first`` merges repeated values of the first column."""
        self.tables += 1
        self.caption("table", self.tables, title)
        if not table.rows:
            _text(
                _centred(self.document.add_paragraph(), after=6),
                report_text("no_data", self.lang),
                italic=True,
            )
            return
        chosen = [i for i, column in enumerate(table.columns) if keys is None or column.key in keys]
        labels = ([report_text("number_column", self.lang)] if numbered else []) + [
            table.columns[i].label for i in chosen
        ]
        widths = _column_widths([table.columns[i] for i in chosen], numbered, self.lang)
        word = _fixed_table(self.document, 1 + len(table.rows), widths)
        word.style = self.document.styles["Table Grid"]
        for cell, label in zip(word.rows[0].cells, labels, strict=True):
            _cell_lines(cell, [(label, {"bold": True, "size": TABLE_PT})])
        _repeat_header(word.rows[0])
        for row in word.rows:
            _keep_row_whole(row)
        for number, row in enumerate(table.rows):
            cells = word.rows[number + 1].cells
            values = [(str(number + 1), Format.COUNT)] if numbered else []
            values += [
                (_cell_text(row[i], table.format_of(number, i), self.lang), table.format_of(number, i))
                for i in chosen
            ]
            for cell, (text, format) in zip(cells, values, strict=True):
                align = WD_ALIGN_PARAGRAPH.LEFT if format in WORDS else WD_ALIGN_PARAGRAPH.RIGHT
                if numbered and cell is cells[0]:
                    align = WD_ALIGN_PARAGRAPH.CENTER
                _cell_lines(cell, [(text, {"size": TABLE_PT})], align)
        if group_first:
            _merge_repeats(word, [row[chosen[0]] for row in table.rows])
        self.document.add_paragraph().paragraph_format.space_after = Pt(0)

    def chart(self, title: str, png: bytes) -> None:
        """The chart, sized to fit (``chart_width_mm``), with its caption below it on the same page:
        only the picture is kept with its caption, nothing before it is dragged along."""
        self.charts += 1
        picture = _centred(self.document.add_paragraph(), after=0)
        picture.paragraph_format.space_before = Pt(6)
        picture.paragraph_format.keep_with_next = True
        picture.paragraph_format.line_spacing = 1.0  # a multiple above 1 adds to a picture's line
        picture.add_run().add_picture(io.BytesIO(png), width=Mm(chart_width_mm(png)))
        caption = _centred(self.document.add_paragraph(), after=6)
        caption.paragraph_format.keep_with_next = False
        _text(
            caption,
            report_text("chart", self.lang, number=self.charts, title=title),
            italic=True,
            size=SMALL_PT,
        )


def chart_width_mm(png: bytes) -> float:
    """The width a chart is printed at: the text width, or less so that it is at most
    ``CHART_MAX_HEIGHT_MM`` tall."""
    image = DocxImage.from_blob(png)
    return min(TEXT_WIDTH_MM, CHART_MAX_HEIGHT_MM * image.px_width / image.px_height)


# Date columns get the room of a whole date on one line ("27/05/2024" never wraps to "27/05/202 | 4").
DATE_COLUMN_MM = {"vi": 25, "en": 34}


def _column_widths(columns: Sequence[Column], numbered: bool, lang: str) -> list[float]:
    """Column widths (mm) filling the text width: date columns fixed, the others by weight."""
    room = TEXT_WIDTH_MM - (NUMBER_COLUMN_MM if numbered else 0)
    dated = [column.format in DATES for column in columns]
    room -= DATE_COLUMN_MM[lang] * sum(dated)
    weights = [_column_weight(column) for column, is_date in zip(columns, dated, strict=True) if not is_date]
    widths = []
    for column, is_date in zip(columns, dated, strict=True):
        widths.append(DATE_COLUMN_MM[lang] if is_date else room * _column_weight(column) / sum(weights))
    return [NUMBER_COLUMN_MM, *widths] if numbered else widths


def _keep_row_whole(row) -> None:
    """A row never splits across two pages (no python-docx API: w:cantSplit)."""
    row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


def _column_weight(column: Column) -> float:
    """A column's share of the table width: titles and names wide, numbers narrow."""
    if column.key in ("title", "campaign", "name"):
        return 3.2
    if column.format in WORDS:
        return 1.6
    if column.format in DATES:
        return 1.2
    return 1.1


def _repeat_header(row) -> None:
    """Repeat the header row on every page the table runs onto (no python-docx API: w:tblHeader)."""
    row._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))


def _merge_repeats(word: WordTable, values: list) -> None:
    """Merge the first column's cells of consecutive rows with the same value (keeping one text)."""
    start = 0
    for end in range(1, len(values) + 1):
        if end == len(values) or values[end] != values[start]:
            if end - start > 1:
                top = word.cell(start + 1, 0)
                for row in range(start + 2, end + 1):
                    word.cell(row, 0).text = ""
                top.merge(word.cell(end, 0))
                for extra in top.paragraphs[1:]:
                    extra._p.getparent().remove(extra._p)
            start = end


def _cell_text(value, format: Format, lang: str) -> str:
    """A table value as text: numbers and dates formatted by babel, text exactly as it came."""
    if value is None:
        return "–"
    if isinstance(value, str):
        return value
    if format == Format.DATETIME:
        return fmt_day(value.date(), lang)
    if format == Format.DATE:
        return fmt_day(value, lang)
    return as_text(value, format, lang)


def _recipients_and_signature(document: WordDocument, settings: ReportSettings, lang: str) -> None:
    """ "Nơi nhận" bottom left (italic bold heading, the list ending with the filing line) and the
    signer's title, room to sign, and name bottom right."""
    _, _, signer_title = settings.in_language(lang)
    table = _fixed_table(document, 1, HEADER_COLUMNS_MM, layout=True)
    left, right = table.rows[0].cells
    recipients = list(settings.recipients) or ["Lưu: VT"]
    lines = [(report_text("recipients", lang), {"bold": True, "italic": True, "size": 12})]
    lines += [
        (f"- {name}{'.' if number == len(recipients) - 1 else ';'}", {"size": 11})
        for number, name in enumerate(recipients)
    ]
    _cell_lines(left, lines, WD_ALIGN_PARAGRAPH.LEFT)
    signature = [(signer_title.upper() if lang == "vi" else signer_title, {"bold": True, "size": BODY_PT})]
    signature += [("", {})] * 4 + [(settings.signer, {"bold": True, "size": BODY_PT})]
    _cell_lines(right, signature)
    left.paragraphs[0].paragraph_format.space_before = Pt(12)
    right.paragraphs[0].paragraph_format.space_before = Pt(12)
