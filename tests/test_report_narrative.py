"""The report's sentences: rounded the way offices write, never overstating, never claiming cause."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dashboard.report_narrative import change_text, day_ranges, days_text, result_text
from models.i18n import NEARLY_WITHIN, approximate, fmt_about, fmt_document_date


@given(st.integers(min_value=0, max_value=10**12))
def test_rounded_figures_never_overstate_or_understate_in_the_wrong_direction(value):
    relation, figure = approximate(value)
    if relation == "exact":
        assert figure == value
    elif relation == "more_than":  # "hơn 18.600": the truth is above what we say, by under 1 %
        assert figure < value and (value - figure) < 0.01 * value
    else:  # "gần 2.000": the truth is just below what we say
        assert relation == "nearly"
        assert value < figure and figure - value <= NEARLY_WITHIN * figure


@given(st.integers(min_value=1000, max_value=10**12))
def test_rounded_figures_are_round(value):
    relation, figure = approximate(value)
    if relation != "exact":
        significant = str(figure).rstrip("0")
        assert len(significant) <= 3


@given(st.integers(min_value=0, max_value=999))
def test_small_figures_are_exact(value):
    assert approximate(value) == ("exact", value)


@pytest.mark.parametrize(
    "value,vi,en",
    [
        (18600, "18.600", "18,600"),
        (1977, "gần 2.000", "nearly 2,000"),
        (18643, "hơn 18.600", "more than 18,600"),
        (582849, "hơn 582.000", "more than 582,000"),
        (262, "262", "262"),
        (None, "–", "–"),
    ],
)
def test_office_phrasing_in_both_languages(value, vi, en):
    assert fmt_about(value, "vi") == vi and fmt_about(value, "en") == en


def test_the_date_line_follows_the_decree():
    assert fmt_document_date("Lào Cai", date(2024, 5, 31), "vi") == "Lào Cai, ngày 31 tháng 5 năm 2024"
    # Days below 10 and the months January and February take a leading zero.
    assert fmt_document_date("Lào Cai", date(2024, 2, 5), "vi") == "Lào Cai, ngày 05 tháng 02 năm 2024"
    assert fmt_document_date("Lào Cai", date(2024, 12, 9), "vi") == "Lào Cai, ngày 09 tháng 12 năm 2024"
    assert fmt_document_date("Lao Cai", date(2024, 5, 31), "en") == "Lao Cai, 31 May 2024"


def test_missing_days_read_as_ranges_of_whole_dates():
    days = [date(2024, 5, d) for d in (1, 2, 3, 12, 20, 21)]
    assert day_ranges(days, "vi") == "1/5/2024–3/5/2024, 12/5/2024, 20/5/2024–21/5/2024"
    assert day_ranges(days, "en") == "1 May 2024–3 May 2024, 12 May 2024, 20 May 2024–21 May 2024"


def test_changes_and_periods_in_words():
    assert change_text(0.125, "vi") == "tăng 12,5%" and change_text(-0.03, "en") == "down 3.0%"
    assert (
        change_text(0.0, "vi") == "không đổi"
        and change_text(None, "en") == "no figures for the previous period"
    )
    assert days_text(date(2024, 5, 13), date(2024, 5, 19), "vi") == "từ ngày 13/5/2024 đến ngày 19/5/2024"


def test_results_against_targets_are_exact():
    assert result_text("voluntary_si", 262, "vi", 250, 1.048) == (
        "phát triển mới 262 người tham gia BHXH tự nguyện (đạt 104,8% chỉ tiêu 250)"
    )
    assert result_text("health_insurance", 1837, "en") == "1,837 people joined health insurance"
    assert result_text("lớp tập huấn", 12, "vi") == "lớp tập huấn: 12"
