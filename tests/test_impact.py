"""Campaign impact: observed against expected enrolments, on series whose truth we know, and on the demo."""

from datetime import date, timedelta

import numpy as np
import pandas as pd
import pytest

from models import impact
from models.impact import days_between, describe, estimate_uplift, placebo_check

START, END = date(2024, 5, 13), date(2024, 5, 19)
WEEKDAY_SHAPE = (1.0, 1.1, 1.0, 0.9, 1.2, 0.6, 0.3)
DRAWS = 400  # enough for a 95 % interval in a test, fast on two cores


def series(
    seed: int,
    level: float = 40,
    lift: float = 1.0,
    first: date = date(2024, 1, 1),
    last: date = date(2024, 7, 15),
    start: date = START,
    end: date = END,
    size: float = 20,
) -> tuple[dict[date, int], float]:
    """Daily counts (negative binomial around a weekly pattern) lifted ×``lift`` on start…end,
    and the true number the lift added on average (what the estimate should recover)."""
    rng = np.random.default_rng(seed)
    counts, added = {}, 0.0
    for day in days_between(first, last):
        mu = level * WEEKDAY_SHAPE[day.weekday()]
        if start <= day <= end:
            added += mu * (lift - 1)
            mu *= lift
        counts[day] = int(rng.negative_binomial(size, size / (size + mu)))
    return counts, added


def test_a_known_uplift_is_recovered_within_its_interval():
    counts, added = series(seed=3, lift=1.6)
    estimate = estimate_uplift(counts, START, END, category="health_insurance", draws=DRAWS)
    assert estimate.ok and estimate.baseline_days == impact.LOOKBACK_DAYS
    assert estimate.difference_low <= added <= estimate.difference_high
    assert estimate.clear_uplift
    assert estimate.ratio_low <= estimate.observed / (estimate.observed - added) <= estimate.ratio_high
    assert estimate.ratio == pytest.approx(estimate.observed / estimate.expected)


def test_the_interval_is_for_the_windows_total_and_covers_the_truth_most_of_the_time():
    """Across twenty series with a 1.4× lift, the 95 % interval of the difference holds the truth
    in at least 17: a prediction interval for the total, not a (much narrower) one for the mean."""
    covered = 0
    for seed in range(20):
        counts, added = series(seed=100 + seed, lift=1.4)
        estimate = estimate_uplift(counts, START, END, draws=DRAWS, seed=seed)
        covered += estimate.difference_low <= added <= estimate.difference_high
    assert covered >= 17


def test_without_an_effect_the_interval_covers_zero_and_quiet_weeks_look_alike():
    counts, _ = series(seed=7, lift=1.0)
    estimate = estimate_uplift(counts, START, END, draws=DRAWS)
    assert estimate.difference_low <= 0 <= estimate.difference_high
    assert not estimate.clear_uplift and not estimate.clear_drop
    placebo = placebo_check(counts, START, END, set(), estimate.ratio)
    assert placebo.windows >= 20
    assert placebo.p_value > impact.SMALL_P_VALUE
    text = describe(impact.replace(estimate, placebo=placebo), "en")
    assert "no clear difference" in text
    assert f"of {placebo.windows} quiet periods" in text and "not unusual" in text


def test_a_large_uplift_is_rare_among_quiet_weeks_and_said_in_plain_words():
    counts, _ = series(seed=11, lift=1.8)
    estimate = estimate_uplift(counts, START, END, category="voluntary_si", draws=DRAWS)
    placebo = placebo_check(counts, START, END, set(), estimate.ratio)
    assert placebo.as_high == 0 and placebo.p_value == pytest.approx(1 / (placebo.windows + 1))
    text = describe(impact.replace(estimate, placebo=placebo), "vi")
    assert text.startswith("BHXH tự nguyện từ 13/5/2024 đến 19/5/2024: ghi nhận ")
    assert f"Không giai đoạn nào trong {placebo.windows} giai đoạn cùng độ dài không có chiến dịch" in text
    assert "Trong 0 trên" not in text  # none of them, said as people say it
    assert "chưa phải bằng chứng chiến dịch là nguyên nhân" in text


def test_with_less_than_four_weeks_before_the_campaign_it_says_so_instead_of_estimating():
    counts, _ = series(seed=1, first=START - timedelta(days=20), lift=2.0)
    estimate = estimate_uplift(counts, START, END, category="health_insurance")
    assert estimate.status == "too_little_history" and estimate.expected is None
    assert estimate.baseline_days == 20 and estimate.difference is None
    assert describe(estimate, "vi").startswith(
        "BHYT từ 13/5/2024 đến 19/5/2024: chưa đủ dữ liệu để ước tính: chỉ có 20 ngày bình thường"
    )
    assert "too little history to estimate: only 20 ordinary days" in describe(estimate, "en")
    assert "at least 28 (4 weeks)" in describe(estimate, "en")


def test_holidays_and_other_campaigns_stay_out_of_the_baseline():
    """A busy earlier campaign and Tết-like closed days would raise or lower the expected level."""
    counts, _ = series(seed=5, lift=1.0)
    earlier = days_between(date(2024, 4, 22), date(2024, 4, 28))
    for day in earlier:
        counts[day] *= 4
    counts[date(2024, 4, 30)] = counts[date(2024, 5, 1)] = 0
    naive = estimate_uplift(counts, START, END, draws=0)
    excluded = set(earlier) | impact.vietnam_holidays(date(2024, 1, 1), date(2024, 12, 31))
    fair = estimate_uplift(counts, START, END, excluded, draws=DRAWS)
    assert fair.baseline_days == impact.LOOKBACK_DAYS - 7 - 4  # the campaign, 18/4, 29/4, 30/4, 1/5
    assert fair.expected < naive.expected
    assert fair.difference_low <= 0 <= fair.difference_high


def test_vietnamese_public_holidays_include_tet_and_the_fixed_days():
    days = impact.vietnam_holidays(date(2024, 1, 1), date(2024, 12, 31))
    assert {date(2024, 1, 1), date(2024, 4, 30), date(2024, 5, 1), date(2024, 9, 2)} <= days
    assert set(days_between(date(2024, 2, 8), date(2024, 2, 14))) <= days
    assert date(2024, 4, 29) in days  # Monday off in exchange for Saturday 4 May
    assert date(2024, 5, 13) not in days


def test_holidays_are_known_for_years_no_table_of_ours_names():
    # Tết and Hùng Kings' day move with the lunar calendar; staff will run estimates long after 2027.
    days = impact.vietnam_holidays(date(2028, 1, 1), date(2030, 12, 31))
    assert {date(2028, 1, 26), date(2029, 2, 13), date(2030, 2, 3)} <= days  # days of Tết
    assert {date(2028, 4, 4), date(2028, 4, 30), date(2029, 9, 2)} <= days
    assert date(2029, 5, 15) not in days
    # A yearly notice's longer Tết break counts whole, weekends and bridge days included.
    assert set(days_between(date(2026, 2, 14), date(2026, 2, 22))) <= impact.vietnam_holidays(
        date(2026, 1, 1), date(2026, 12, 31)
    )


def test_days_without_any_report_are_unknown_not_zero():
    counts, _ = series(seed=9)
    gaps = [START - timedelta(days=n) for n in range(1, 15)]
    thinned = {day: count for day, count in counts.items() if day not in gaps}
    estimate = estimate_uplift(thinned, START, END, draws=0)
    assert estimate.baseline_days == impact.LOOKBACK_DAYS - 14
    zeros = estimate_uplift({**thinned, **dict.fromkeys(gaps, 0)}, START, END, draws=0)
    assert zeros.expected < estimate.expected


def test_a_weekday_closed_throughout_the_baseline_is_expected_to_stay_closed():
    counts, _ = series(seed=2)
    for day in counts:
        if day.weekday() == 6 and not START <= day <= END:
            counts[day] = 0
    estimate = estimate_uplift(counts, START, END, draws=DRAWS)
    assert estimate.ok
    sunday = estimate_uplift(counts, END, END, draws=DRAWS)  # 19 May 2024 is a Sunday
    assert sunday.expected == sunday.expected_low == sunday.expected_high == 0
    assert sunday.observed > 0 and sunday.clear_uplift


def test_a_steady_rise_before_the_campaign_is_taken_as_a_trend():
    rng = np.random.default_rng(4)
    counts = {
        day: int(rng.poisson(20 * 1.04 ** ((day - date(2024, 3, 1)).days / 7) * WEEKDAY_SHAPE[day.weekday()]))
        for day in days_between(date(2024, 3, 1), END)
    }
    flat, _ = series(seed=4)
    assert estimate_uplift(counts, START, END, draws=0).trend
    assert not estimate_uplift(flat, START, END, draws=0).trend


def test_overdispersed_counts_get_a_negative_binomial_model_and_a_wider_interval():
    noisy, _ = series(seed=6, size=3)
    calm, _ = series(seed=6, size=1e6)  # practically Poisson
    wide = estimate_uplift(noisy, START, END, draws=DRAWS)
    narrow = estimate_uplift(calm, START, END, draws=DRAWS)
    assert (wide.model, narrow.model) == ("negative_binomial", "poisson")
    assert (wide.expected_high - wide.expected_low) > (narrow.expected_high - narrow.expected_low)


def unit_frame(focus_lift: float, other_lift: float, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    rows = []
    sizes = {"Bắc Hà": 12, "Si Ma Cai": 8, "Bảo Thắng": 15, "Bảo Yên": 11, "Văn Bàn": 10, "Bát Xát": 9}
    for unit, size in sizes.items():
        lift = focus_lift if unit in ("Bắc Hà", "Si Ma Cai") else other_lift
        for day in days_between(date(2024, 3, 11), END):
            mu = size * WEEKDAY_SHAPE[day.weekday()] * (lift if day >= START else 1)
            rows.append({"unit": unit, "day": day, "count": float(rng.poisson(mu))})
    return pd.DataFrame(rows)


def test_difference_in_differences_finds_the_focus_units_extra_rise():
    comparison = impact.difference_in_differences(
        unit_frame(2.0, 1.2), {"Bắc Hà", "Si Ma Cai"}, START, END, category="health_insurance"
    )
    assert comparison.status == "ok"
    assert comparison.relative_low <= 2.0 / 1.2 <= comparison.relative_high
    assert comparison.relative_low > 1
    table = comparison.table
    assert list(table.unit[:2]) == ["Bắc Hà", "Si Ma Cai"] and table.focus[:2].all()
    assert comparison.focus_ratio == pytest.approx(2.0, rel=0.2)
    assert comparison.other_ratio == pytest.approx(1.2, rel=0.2)


def test_difference_in_differences_without_a_difference_covers_one():
    comparison = impact.difference_in_differences(
        unit_frame(1.5, 1.5, seed=3), {"Bắc Hà", "Si Ma Cai"}, START, END
    )
    assert comparison.relative_low <= 1 <= comparison.relative_high


def test_difference_in_differences_needs_units_on_both_sides():
    frame = unit_frame(1.5, 1.5)
    assert impact.difference_in_differences(frame, set(), START, END).status == "no_units"
    assert impact.difference_in_differences(frame, set(frame.unit), START, END).status == "no_units"


PEAK_WEEK = "7 ngày cao điểm tuyên truyền nhóm nhỏ"


def test_the_demos_peak_week_shows_a_clear_uplift_for_health_insurance(demo_engine):
    with demo_engine.connect() as connection:
        estimates = {e.category: e for e in impact.campaign_impact(connection, PEAK_WEEK, draws=DRAWS)}
    health = estimates["health_insurance"]
    assert (health.observed, health.start, health.end) == (1837, START, END)
    assert health.clear_uplift and health.ratio > 2
    assert health.baseline_days >= impact.MIN_BASELINE_DAYS
    assert health.placebo.windows >= 20 and health.placebo.as_high == 0
    assert estimates["voluntary_si"].observed == 262
    text = describe(health, "en")
    assert "That is clearly above the usual level." in text
    assert "association with the campaign, not proven cause" in text
    assert "mối liên hệ với chiến dịch, chưa phải bằng chứng" in describe(health, "vi")


def test_the_estimates_table_and_the_per_unit_words_say_the_same_figures():
    counts, _ = series(seed=3, lift=1.6)
    estimate = estimate_uplift(counts, START, END, category="health_insurance", draws=DRAWS)
    estimate = impact.replace(estimate, placebo=placebo_check(counts, START, END, set(), estimate.ratio))
    row = impact.estimates_frame([estimate]).iloc[0]
    assert (row.observed, row.expected, row.ratio) == (estimate.observed, estimate.expected, estimate.ratio)
    assert (row.placebo_windows, row.placebo_as_high) == (estimate.placebo.windows, estimate.placebo.as_high)
    comparison = impact.difference_in_differences(
        unit_frame(2.0, 1.0), {"Bắc Hà", "Si Ma Cai"}, START, END, category="health_insurance"
    )
    text = impact.describe_units(comparison, ["Bắc Hà", "Si Ma Cai"], "en")
    assert text.startswith("Health insurance: in the focus units (Bắc Hà, Si Ma Cai) the daily count was ")
    assert "The focus units rose clearly more than the others." in text
    assert "parallel" not in text and "would have moved alike" in text


@pytest.mark.parametrize("demo_url", ["sqlite"], indirect=True)
def test_the_impact_command_says_the_estimates_the_caution_once_and_the_units(demo_url, monkeypatch):
    from typer.testing import CliRunner

    from collector.cli import app

    monkeypatch.delenv("ENGAGEMENT_MONITOR_LANG", raising=False)
    result = CliRunner().invoke(app, ["--db", demo_url, "impact", PEAK_WEEK, "--lang", "en"])
    assert result.exit_code == 0, result.output
    lines = result.output.strip().splitlines()
    assert lines[1].startswith(
        "Health insurance from 13 May 2024 to 19 May 2024: 1,837 recorded, where the 41 "
    )
    assert sum("not proven cause" in line for line in lines) == 1
    assert lines[-1].startswith("Health insurance: in the focus units (Bắc Hà)")
    chosen = CliRunner().invoke(app, ["--db", demo_url, "impact", PEAK_WEEK, "--focus", "Si Ma Cai"])
    assert "ở các đơn vị trọng điểm (Si Ma Cai)" in chosen.output
    unknown = CliRunner().invoke(app, ["--db", demo_url, "impact", "Chiến dịch không có"])
    assert str(unknown.exception).startswith("Không có chiến dịch Chiến dịch không có; xem danh sách")
