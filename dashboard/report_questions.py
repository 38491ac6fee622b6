"""The few lines the Word report and the printable report give to what people asked: how many
questions, the share answered and the median time to answer, the top topics with shortened examples
(no names)."""

import html

from dashboard.i18n import report_text
from models.i18n import fmt_decimal, fmt_int, fmt_percent
from models.messages import topic_name
from models.summary import Summary


def questions_paragraphs(summary: Summary, lang: str) -> list[str]:
    """Paragraphs of the section "Audience questions"; none when nobody asked anything."""
    asked = summary.questions
    if asked is None:
        return []
    figures = asked.figures
    median = (
        report_text("report_questions_median", lang, minutes=fmt_decimal(figures.median_minutes, lang))
        if figures.median_minutes is not None
        else ""
    )
    paragraphs = [
        report_text(
            "questions_paragraph",
            lang,
            count=fmt_int(figures.questions, lang),
            answered=fmt_int(figures.answered, lang),
            share=fmt_percent(figures.share_answered, lang),
            median=median,
        ),
    ]
    if asked.topics:
        paragraphs.append(report_text("questions_topics", lang))
    for topic, count, examples in asked.topics:
        quoted = quoted_examples(examples)
        paragraphs.append(
            "- "
            + report_text(
                "questions_topic",
                lang,
                topic=topic_name(topic, lang),
                count=fmt_int(count, lang),
                examples=report_text("questions_examples", lang, examples=quoted) if quoted else "",
            )
            + "."
        )
    return paragraphs


def quoted_examples(examples: list[str]) -> str:
    """The shortened examples of a topic in quotes, as every export shows them: “…”; “…”."""
    return "; ".join(f"“{example}”" for example in examples)


def questions_html(summary: Summary, lang: str) -> str:
    """The same lines as a section of the printable (HTML) report; empty when nobody asked anything."""
    paragraphs = questions_paragraphs(summary, lang)
    if not paragraphs:
        return ""
    heading = f"<h2>{html.escape(report_text('sub_questions', lang))}</h2>"
    items = "".join(f"<li>{html.escape(text.removeprefix('- '))}</li>" for text in paragraphs[2:])
    lines = "".join(f"<p>{html.escape(text)}</p>" for text in paragraphs[:2])
    return heading + lines + (f"<ul>{items}</ul>" if items else "")
