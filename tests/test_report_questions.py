"""The Word report's few lines on what people asked: count, share answered, median time, top topics
with shortened examples and never a name."""

from datetime import date

from models.comments import answer_figures
from models.i18n import fmt_int
from models.metrics import Scope
from tests.test_report_docx import body_text, no_browser, word_report  # noqa: F401 (fixture)

MAY = Scope(date(2024, 5, 1), date(2024, 5, 31))
NOTHING = Scope(date(2030, 1, 1), date(2030, 1, 31))


def test_the_may_report_says_how_many_asked_what_and_how_fast_the_office_answered(demo_engine, no_browser):  # noqa: F811
    with demo_engine.connect() as connection:
        figures = answer_figures(connection, MAY)
    text = body_text(word_report(demo_engine, MAY, "vi")[0])
    assert "Câu hỏi của người dân" in text
    assert f"người dân đặt {fmt_int(figures.questions, 'vi')} câu hỏi trong bình luận" in text
    assert f"Trang đã trả lời {fmt_int(figures.answered, 'vi')} câu" in text
    assert "- BHXH tự nguyện:" in text and "ví dụ “" in text
    english = body_text(word_report(demo_engine, MAY, "en")[0])
    assert "Audience questions" in english and "median time to answer" in english


def test_a_period_without_questions_has_no_questions_section(demo_engine, no_browser):  # noqa: F811
    assert "Câu hỏi của người dân" not in body_text(word_report(demo_engine, NOTHING, "vi")[0])
