"""The demo dataset, read through the metric queries: the May 2024 figures staff know by heart."""

import re
from datetime import date

import pandas as pd
import pytest
from sqlalchemy import select

from collector.demo import ZALO_ARTICLES, ZALO_FOLLOWERS, load_demo
from models import metrics
from models.errors import UserError
from models.metrics import Scope
from models.tables import Channel, Content, MetricSnapshot, PageMetric

MAY = Scope(date(2024, 5, 1), date(2024, 5, 31))
FACEBOOK_MAY = Scope(MAY.start, MAY.end, platforms=("facebook",))  # the demo also has a YouTube channel
PEAK_WEEK = Scope(date(2024, 5, 13), date(2024, 5, 19))


@pytest.fixture
def demo(demo_engine):
    return demo_engine


def test_peak_week_enrolments_are_the_reported_totals(demo):
    with demo.connect() as connection:
        totals = metrics.enrolment_totals(connection, PEAK_WEEK)
        golden_week_first_day = metrics.enrolment_totals(
            connection, Scope(date(2024, 5, 25), date(2024, 5, 25))
        )
    assert totals == {"voluntary_si": 262, "health_insurance": 1837, "vssid_install": 519, "non_cash": 101}
    assert golden_week_first_day["voluntary_si"] + golden_week_first_day["health_insurance"] == 136


def test_the_livestream_has_18600_plays_1977_interactions_and_a_peak(demo):
    with demo.connect() as connection:
        live = metrics.livestreams(connection, FACEBOOK_MAY)
        curve = metrics.live_curve(connection, int(live.content_id[0]))
    assert len(live) == 1
    row = live.iloc[0]
    assert (row.views, row.interactions) == (18600, 1977)
    assert row.peak_live_viewers == curve.live_viewers.max() == 1236
    assert row.peak_at == curve.captured_at[curve.live_viewers.idxmax()]
    assert len(curve) > 15  # a snapshot every three minutes on air


def test_campaign_table_shows_targets_and_actuals(demo):
    with demo.connect() as connection:
        table = metrics.campaign_table(connection).set_index("name")
    peak = table.loc["7 ngày cao điểm tuyên truyền nhóm nhỏ"]
    assert (peak.enrolment_voluntary_si, peak.enrolment_health_insurance) == (262, 1837)
    assert (peak.target_voluntary_si, peak.target_health_insurance) == (250, 1800)
    assert peak.progress_voluntary_si == pytest.approx(262 / 250)
    assert peak.enrolments_per_10k_views == pytest.approx(10_000 * peak.enrolments / peak.views)


def test_interactions_are_reactions_comments_and_shares_and_rates_name_their_denominator(demo):
    with demo.connect() as connection:
        items = metrics.content_metrics(connection, MAY)
        totals = metrics.totals(connection, MAY)
    # Unknown parts count as 0 (models.metrics.interactions_of): Zalo articles have shares but no
    # likes, YouTube videos likes but no shares.
    parts = items[["reactions", "comments", "shares"]]
    assert (items.interactions == parts.fillna(0).sum(axis=1)).all()
    assert totals["interactions"] == items.interactions.sum()
    assert totals["views"] == items.views.sum()
    assert totals["rate_per_view"] == pytest.approx(items.interactions.sum() / items.views.sum())
    assert totals["avg_reach"] == pytest.approx(items.reach.mean())


def test_daily_gains_add_up_to_the_growth_of_lifetime_counts(demo):
    with demo.connect() as connection:
        whole = Scope(date(2024, 4, 1), date(2024, 6, 7))
        days = metrics.daily(connection, whole)
        items = metrics.content_metrics(connection, whole)
    assert days.views_gain.sum() == items.views.sum()
    assert days.enrolment_voluntary_si.sum() > 0
    assert list(days.day) == sorted(days.day) and len(days) == whole.days


def test_kpis_compare_with_the_previous_period_of_equal_length(demo):
    with demo.connect() as connection:
        figures = metrics.kpis(connection, PEAK_WEEK)
        before = metrics.totals(connection, Scope(date(2024, 5, 6), date(2024, 5, 12)))
    assert figures["views"]["previous"] == before["views"]
    assert figures["views"]["change"] == pytest.approx(figures["views"]["value"] / before["views"] - 1)


def test_posts_and_livestreams_compared_per_kind(demo):
    with demo.connect() as connection:
        kinds = metrics.kind_comparison(connection, MAY).set_index("kind")
        items = metrics.content_metrics(connection, MAY)
    assert kinds.loc["livestream", "items"] == 2  # the broadcast on Facebook and its YouTube copy
    assert kinds["items"].sum() == len(items)
    photos = items[items.kind == "photo"]
    assert kinds.loc["photo", "median_views"] == photos.views.median()


def test_lag_explorer_refuses_to_draw_noise_from_too_few_days(demo):
    with demo.connect() as connection:
        month = metrics.daily(connection, MAY)
        week = metrics.daily(connection, PEAK_WEEK)
    assert metrics.lag_correlation(month, "page_viewers", "enrolments").enough_data
    assert not metrics.lag_correlation(week, "page_viewers", "enrolments").enough_data


def test_demo_never_writes_over_existing_data_and_says_so_in_the_users_language(engine, monkeypatch):
    monkeypatch.delenv("ENGAGEMENT_MONITOR_LANG", raising=False)
    load_demo(engine)
    with pytest.raises(UserError, match="^Cơ sở dữ liệu này đã có dữ liệu; bản demo không bao giờ ghi đè"):
        load_demo(engine)
    monkeypatch.setenv("ENGAGEMENT_MONITOR_LANG", "en")
    with pytest.raises(UserError, match="never writes over"):
        load_demo(engine)


def test_a_campaign_is_compared_with_everything_published_in_the_days_before_it(demo):
    with demo.connect() as connection:
        peak = metrics.campaigns(connection).set_index("name").loc["7 ngày cao điểm tuyên truyền nhóm nhỏ"]
        figures = metrics.kpis(
            connection, Scope(date(2024, 5, 13), date(2024, 5, 19), campaign_id=int(peak.id))
        )
        week_before = metrics.totals(connection, Scope(date(2024, 5, 6), date(2024, 5, 12)))
    assert figures["views"]["previous"] == week_before["views"] > 0


def test_the_demo_command_reports_in_vietnamese_by_default(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from collector.cli import app

    monkeypatch.delenv("ENGAGEMENT_MONITOR_LANG", raising=False)
    url = f"sqlite:///{tmp_path / 'demo.db'}"
    loaded = CliRunner().invoke(app, ["--db", url, "demo", "--load-only"])
    assert loaded.exit_code == 0, loaded.output
    assert loaded.output.startswith(f"Đã nạp dữ liệu mẫu vào {url}: ")
    assert re.search(r" \d{1,3}(\.\d{3})+ bản ghi số liệu,", loaded.output)  # 2.293, not 2,293
    again = CliRunner().invoke(app, ["--db", url, "demo", "--load-only"])
    assert again.output.strip() == f"Dữ liệu mẫu đã có sẵn trong {url}"
    rebuilt = CliRunner().invoke(app, ["--db", url, "maintenance", "rebuild-rollup"])
    assert rebuilt.output.startswith("Đã tính lại bảng tổng hợp theo ngày: ")
    thinned = CliRunner().invoke(app, ["--db", url, "maintenance", "thin-snapshots", "--dry-run"])
    assert thinned.output.startswith("Bản ghi số liệu: đã xét ") and "sẽ xóa" in thinned.output


@pytest.mark.parametrize("metric", ["views", "interactions", "reach", "rate_per_reach", "rate_per_view"])
def test_top_content_is_the_top_of_the_content_list(demo, metric):
    with demo.connect() as connection:
        campaign_id = int(metrics.campaigns(connection).id[0])
        for scope in (MAY, PEAK_WEEK, Scope(MAY.start, MAY.end, campaign_id=campaign_id)):
            top = metrics.top_content(connection, scope, metric, 10)
            items = metrics.content_metrics(connection, scope)
            expected = items.dropna(subset=[metric]).nlargest(10, metric).reset_index(drop=True)
            assert len(top) == min(10, items[metric].notna().sum())
            # Zalo articles and YouTube videos have no reach: a column with gaps is float in the whole
            # list, int in the top.
            pd.testing.assert_frame_equal(top, expected, check_dtype=False)


def test_the_zalo_oa_has_its_may_articles_with_views_shares_and_followers(demo):
    with demo.connect() as connection:
        channels = connection.execute(select(Channel.platform, Channel.name, Channel.followers)).all()
        items = metrics.content_metrics(connection, MAY)
        final = connection.execute(
            select(Content.external_id, MetricSnapshot.views, MetricSnapshot.shares)
            .join(MetricSnapshot, MetricSnapshot.content_id == Content.id)
            .join(Channel, Channel.id == Content.channel_id)
            .where(Channel.platform == "zalo")
            .order_by(MetricSnapshot.captured_at)
        ).all()
        follows = (
            connection.execute(
                select(PageMetric.value).where(PageMetric.metric == "follows").order_by(PageMetric.day)
            )
            .scalars()
            .all()
        )
    assert ("zalo", "BHXH tỉnh Lào Cai", ZALO_FOLLOWERS[1]) in channels
    articles = items[items.kind == "article"]
    assert len(articles) == len(ZALO_ARTICLES)
    last = {external_id: (views, shares) for external_id, views, shares in final}
    # Counts grow toward the final figures; a week after publishing they are within 1 % of them.
    for external_id, _, _, views, shares in ZALO_ARTICLES:
        assert views * 0.99 <= last[external_id][0] <= views and last[external_id][1] <= shares
    assert (follows[0], follows[-1]) == ZALO_FOLLOWERS


def test_platforms_are_compared_per_kind_with_the_named_denominator(demo):
    with demo.connect() as connection:
        platforms = metrics.platform_comparison(connection, MAY)
        youtube_only = metrics.totals(connection, Scope(MAY.start, MAY.end, platforms=("youtube",)))
        facebook_live = metrics.livestreams(connection, FACEBOOK_MAY)
        everything = metrics.totals(connection, MAY)
    whole = platforms[platforms.kind.isna()].set_index("platform")
    assert list(whole.index) == ["facebook", "youtube", "zalo"]
    assert whole["items"].sum() == everything["items"] and whole["views"].sum() == everything["views"]
    assert (whole.loc["youtube", "items"], whole.loc["youtube", "views"]) == (5, youtube_only["views"])
    per_kind = platforms.dropna(subset=["kind"]).set_index(["platform", "kind"])
    assert per_kind.loc[("facebook", "livestream"), "views"] == 18600 == facebook_live.views[0]
    assert per_kind.loc[("youtube", "livestream"), "views"] == 3120
    youtube = whole.loc["youtube"]
    assert youtube.rate_per_view == pytest.approx(youtube.interactions / youtube.views)
    assert youtube_only["rate_per_reach"] is None  # YouTube gives no reach: no rate on that base
