"""The dashboard's figures, built from small frames shaped like the metric queries' results."""

from datetime import UTC, date, datetime, timedelta

import pandas as pd

from dashboard import charts

DAYS = pd.date_range("2024-05-06", "2024-05-19", freq="D").date


def daily_frame() -> pd.DataFrame:
    """Two weeks as ``metrics.daily`` returns them: page figures, gains, enrolments per category."""
    n = len(DAYS)
    return pd.DataFrame(
        {
            "day": DAYS,
            "page_views": [10_000 + 500 * i for i in range(n)],
            "page_viewers": [5_000 + 100 * i for i in range(n)],
            "views_gain": [3_000 + 50 * i for i in range(n)],
            "interactions_gain": [90 + i for i in range(n)],
            "enrolment_voluntary_si": [10 + (i % 3) for i in range(n)],
            "enrolment_health_insurance": [60 + 2 * i for i in range(n)],
            "enrolments": [70 + (i % 3) + 2 * i for i in range(n)],
        }
    )


CAMPAIGNS = pd.DataFrame(
    {
        "id": [1, 2],
        "name": ["7 ngày cao điểm tuyên truyền nhóm nhỏ", "Tuần lễ vàng cùng Bưu điện"],
        "start_date": [date(2024, 5, 13), date(2024, 5, 25)],
        "end_date": [date(2024, 5, 19), date(2024, 5, 31)],
    }
)


def test_reach_and_enrolment_share_one_time_axis_with_campaigns_shaded():
    figure = charts.reach_vs_enrolment(daily_frame(), "vi", campaigns=CAMPAIGNS)
    line, *bars, campaign = figure.data
    assert line.type == "scatter" and line.name == "Lượt xem Trang"
    assert [bar.name for bar in bars] == ["BHXH tự nguyện", "BHYT"]
    assert [bar.marker.color for bar in bars] == [
        charts.CATEGORY_COLOURS["voluntary_si"],
        charts.CATEGORY_COLOURS["health_insurance"],
    ]
    assert figure.layout.title.text == "Tiếp cận và người tham gia mới theo ngày"
    assert figure.layout.xaxis2.title.text == "Ngày"
    assert "người" in figure.layout.yaxis2.title.text
    # Only the campaign inside the period is drawn, across both rows, named in the legend (not on the line).
    assert len(figure.layout.shapes) == 2
    assert campaign.name == "7 ngày cao điểm tuyên truyền nhóm nhỏ" and campaign.legendgroup == "campaigns"
    assert campaign.marker.color == figure.layout.shapes[0].fillcolor
    assert not figure.layout.annotations
    # Below the chart: a legend above it covers the title or a subplot's on a phone.
    assert figure.layout.legend.yref == "container" and figure.layout.legend.y == 0
    assert figure.layout.separators == ",."  # 18.600 in Vietnamese hover text and ticks


def test_the_same_chart_in_english_has_english_labels_and_separators():
    figure = charts.reach_vs_enrolment(daily_frame(), "en", measure="page_viewers")
    assert figure.layout.title.text == "Reach and new enrolments per day"
    assert figure.data[0].name == "Page viewers per day"
    assert [bar.name for bar in figure.data[1:]] == ["Voluntary social insurance", "Health insurance"]
    assert figure.layout.separators == ".,"
    assert "Page viewers per day" in figure.data[0].hovertemplate


def test_weekly_adds_views_but_averages_daily_viewers():
    frame = daily_frame()
    views, people = charts.reach_and_enrolment(frame, None, "page_views", weekly=True)
    viewers, _ = charts.reach_and_enrolment(frame, None, "page_viewers", weekly=True)
    assert list(views.period.dt.date) == [date(2024, 5, 6), date(2024, 5, 13)]
    assert views.value.tolist() == [frame.page_views[:7].sum(), frame.page_views[7:].sum()]
    assert viewers.value.tolist() == [frame.page_viewers[:7].mean(), frame.page_viewers[7:].mean()]
    first_week = people[people.period == pd.Timestamp("2024-05-06")].set_index("category")["count"]
    assert first_week["health_insurance"] == frame.enrolment_health_insurance[:7].sum()


def test_enrolment_given_in_long_form_is_used_instead_of_the_daily_columns():
    long = pd.DataFrame({"day": [DAYS[0], DAYS[1]], "category": ["vssid_install"] * 2, "count": [5, 7]})
    figure = charts.reach_vs_enrolment(daily_frame(), "en", enrolment=long)
    assert [bar.name for bar in figure.data[1:]] == ["VssID installs"]
    assert list(figure.data[1].y) == [5, 7]


def content_frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "content_id": [1, 2, 3, 4],
            "kind": ["reel", "photo", "livestream", "reel"],
            "title": [
                "30 giây hiểu về BHXH tự nguyện",
                "Chợ phiên Bắc Hà",
                "LIVESTREAM: Giải đáp",
                "Cài VssID",
            ],
            "views": [15_000, 4_000, 18_600, 9_000],
            "interactions": [400, 120, 1_977, 300],
            "reach": [9_000, 2_500, 11_240, 5_000],
            "rate_per_reach": [400 / 9_000, 120 / 2_500, 1_977 / 11_240, 300 / 5_000],
        }
    )


def test_content_kinds_keep_their_colour_in_every_chart():
    content = content_frame()
    top = charts.top_content(content, "views", 3, "vi")
    assert top.layout.title.text == "3 nội dung có lượt xem cao nhất"
    colours = {trace.name: trace.marker.color for trace in top.data}
    assert colours == {
        "Phát trực tiếp": charts.KIND_COLOURS["livestream"],
        "Thước phim (reel)": charts.KIND_COLOURS["reel"],
    }
    boxes = charts.content_comparison(content, "en")
    assert {trace.name: trace.marker.color for trace in boxes.data}["Reel"] == charts.KIND_COLOURS["reel"]
    kinds = pd.DataFrame(
        {
            "kind": ["livestream", "reel"],
            "items": [1, 2],
            "median_views": [18_600, 12_000],
            "median_interactions": [1_977, 350],
        }
    )
    comparison = charts.kind_comparison(kinds, "en")
    assert list(comparison.data[0].marker.color) == [
        charts.KIND_COLOURS["livestream"],
        charts.KIND_COLOURS["reel"],
    ]
    # The two panels one above the other, their titles apart (side by side they ran together).
    assert [a.text for a in comparison.layout.annotations] == [
        "Median views per item",
        "Median interactions per item",
    ]
    assert comparison.layout.yaxis.domain[0] > comparison.layout.yaxis2.domain[1]
    assert comparison.data[0].orientation == "h"  # kinds named beside their bars, never colliding


def test_top_content_by_a_rate_shows_percentages():
    figure = charts.top_content(content_frame(), "rate_per_reach", 2, "en")
    assert figure.layout.xaxis.tickformat == ".1%"
    assert figure.layout.xaxis.title.text == "Engagement rate / reach"
    assert sum(len(trace.x) for trace in figure.data) == 2


def test_growth_curves_compare_items_at_the_same_age():
    curves = pd.DataFrame(
        {
            "content_id": [1, 1, 2, 2],
            "title": ["Reel", "Reel", "Ảnh", "Ảnh"],
            "kind": ["reel", "reel", "photo", "photo"],
            "hours": [1.0, 24.0, 1.0, 24.0],
            "views": [500, 9_000, 200, 3_000],
        }
    )
    figure = charts.growth_curves(curves, "vi")
    assert len(figure.data) == 2
    assert figure.layout.xaxis.title.text == "Giờ kể từ khi đăng"  # the unit is in the words
    assert figure.data[0].line.color == charts.KIND_COLOURS["reel"]


def test_live_curve_marks_the_peak_in_local_time_and_vietnamese_numbers():
    start = datetime(2024, 5, 22, 13, 0, tzinfo=UTC)
    viewers = [12, 400, 1_236, 900]
    curve = pd.DataFrame(
        {
            "broadcast": "LIVESTREAM",
            "started_at": start,
            "captured_at": [start + timedelta(minutes=m) for m in (0, 18, 36, 54)],
            "live_viewers": viewers,
            "timezone": "Asia/Ho_Chi_Minh",
        }
    )
    figure = charts.live_viewers(curve, "vi", title="LIVESTREAM")
    line, peak = figure.data
    assert list(line.x) == [0, 18, 36, 54]
    assert list(peak.x) == [36] and list(peak.y) == [1_236]
    assert peak.text[0] == "Cao nhất: 1.236 người lúc 22/05/2024 20:36"
    assert figure.layout.xaxis.title.text == "Phút kể từ khi bắt đầu"  # no English "(min)"


def test_lag_charts_highlight_the_chosen_lag_and_pair_days():
    series = charts.lag_series(daily_frame(), None, "page_views")
    assert series.enrolments.tolist() == daily_frame().enrolments.tolist()
    correlations = pd.DataFrame({"lag": [0, 1, 2], "correlation": [0.1, 0.5, -0.2], "pairs": [13, 12, 11]})
    bars = charts.lag_bars(correlations, 1, "en")
    assert bars.data[0].marker.color[1] != bars.data[0].marker.color[0]
    assert bars.layout.yaxis.range == (-1, 1)
    scatter = charts.lag_scatter(series, 2, "page_views", "en")
    assert len(scatter.data[0].x) == len(series) - 1 - 2
    assert scatter.layout.yaxis.title.text == "Change in new enrolments 2 days later"


def test_campaign_progress_shows_actual_against_target():
    campaign = pd.Series(
        {
            "name": "7 ngày cao điểm",
            "enrolment_voluntary_si": 262,
            "target_voluntary_si": 250,
            "enrolment_health_insurance": 1_837,
            "target_health_insurance": 1_800,
            "enrolment_vssid_install": 519,
        }
    )
    figure = charts.campaign_progress(campaign, ["voluntary_si", "health_insurance", "vssid_install"], "vi")
    bars, targets = figure.data
    assert list(bars.x) == [262, 1_837, 519]
    assert list(bars.text) == ["262 / 250 (104,8%)", "1.837 / 1.800 (102,1%)", "519"]
    assert list(targets.x) == [250, 1_800]
    assert figure.layout.title.text == "Tiến độ: 7 ngày cao điểm"
    # Each category's progress written above its bar from the left edge, never cut at the bar's end.
    assert [a.text for a in figure.layout.annotations][0] == "BHXH tự nguyện: <b>262 / 250 (104,8%)</b>"


def test_data_coverage_shows_only_days_with_data():
    frame = daily_frame()
    frame.loc[3, "page_views"] = None
    figure = charts.data_coverage(frame, "en")
    assert [trace.name for trace in figure.data] == ["Page views", "New views of content", "New participants"]
    assert len(figure.data[0].x) == len(frame) - 1


def test_charts_have_no_english_toolbar_and_share_as_a_png_with_period_office_and_source():
    config = charts.chart_config("reach-vs-enrolment")
    assert config["displayModeBar"] is False  # Plotly's buttons speak English only
    figure = charts.reach_vs_enrolment(daily_frame(), "vi", campaigns=CAMPAIGNS)
    shared = charts.shareable(
        figure, "vi", "Kỳ: Tháng 5/2024 (01/05/2024 – 31/05/2024)", "BẢO HIỂM XÃ HỘI TỈNH X", "Nguồn: …"
    )
    header = shared.layout.title.text
    for part in ("Tiếp cận và người tham gia mới theo ngày", "01/05/2024", "BẢO HIỂM XÃ HỘI TỈNH X", "Nguồn"):
        assert part in header
    assert shared.layout.width == charts.SHARE_WIDTH_PX and shared.layout.font.size >= 16
    assert (
        figure.layout.title.text == "Tiếp cận và người tham gia mới theo ngày"
    )  # the chart itself unchanged


def test_a_short_period_has_one_tick_per_day_and_never_the_same_date_twice():
    week = daily_frame().head(5)
    figure = charts.daily_trend(week.assign(views_gain=1, interactions_gain=1), "vi")
    assert figure.layout.xaxis2.dtick == charts.DAY_MS and figure.layout.xaxis2.tickformat == "%d/%m"
    month = charts.day_ticks(pd.Series(pd.date_range("2024-05-01", "2024-05-31")))
    assert month["dtick"] == 4 * charts.DAY_MS  # at most about 8 labels: a phone has room for them


def test_items_with_the_same_title_get_a_bar_each():
    content = pd.DataFrame(
        {
            "content_id": [1, 2, 3],
            "kind": ["reel", "reel", "photo"],
            "title": ["BHYT hộ gia đình: đóng thế nào?", "BHYT hộ gia đình: đóng thế nào?", "Chợ phiên"],
            "published_day": [date(2024, 5, 17), date(2024, 5, 27), date(2024, 5, 2)],
            "views": [24_759, 26_692, 4_000],
        }
    )
    figure = charts.top_content(content, "views", 3, "vi")
    labels = [label for trace in figure.data for label in trace.y]
    assert len(set(labels)) == 3
    assert "BHYT hộ gia đình: đóng thế nào? · 27/05/2024" in labels
    # Named above each bar (a phone has no room beside it); two platforms: each label says which.
    assert {a.text for a in figure.layout.annotations} == set(labels)
    twice = content.assign(platform=["facebook", "youtube", "facebook"], published_day=date(2024, 5, 17))
    labels = [label for trace in charts.top_content(twice, "views", 3, "vi").data for label in trace.y]
    assert "BHYT hộ gia đình: đóng thế nào? · 17/05/2024 · YouTube" in labels
    assert sorted(x for trace in figure.data for x in trace.x) == [4_000, 24_759, 26_692]


def test_campaign_impact_draws_expected_with_its_interval_and_observed_per_category():
    from models.impact import Estimate, estimates_frame

    estimates = [
        Estimate(
            "voluntary_si",
            date(2024, 5, 13),
            date(2024, 5, 19),
            "ok",
            observed=262,
            expected=56.0,
            expected_low=41.0,
            expected_high=73.0,
        ),
        Estimate("health_insurance", date(2024, 5, 13), date(2024, 5, 19), "too_little_history"),
    ]
    figure = charts.impact_estimates(estimates_frame(estimates), "en")
    assert figure.layout.title.text == "Observed against expected, per category"
    expected, observed = figure.data
    assert (expected.name, observed.name) == ("Expected", "Observed")
    assert (expected.error_x.array[0], expected.error_x.arrayminus[0]) == (17.0, 15.0)
    assert observed.x[0] == 262
    assert [a.text for a in figure.layout.annotations] == ["Voluntary social insurance"]


def test_placebo_distribution_marks_the_campaigns_ratio():
    figure = charts.placebo_distribution([0.9, 1.0, 1.1, 1.2], 4.6, "health_insurance", "vi")
    assert figure.layout.title.text == "BHYT: chiến dịch so với các giai đoạn thường cùng độ dài"
    assert list(figure.data[0].x) == [0.9, 1.0, 1.1, 1.2]
    assert figure.layout.shapes[0].x0 == 4.6
