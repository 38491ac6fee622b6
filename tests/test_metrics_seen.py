"""What staff watching this week want to know: what was seen in the period, whenever it was published,
and all posts against all livestreams in one plain comparison (the demo data, SQLite and PostgreSQL)."""

from datetime import date

from models import metrics
from models.metrics import Scope

MAY = Scope(date(2024, 5, 1), date(2024, 5, 31))
THIS_WEEK = Scope(date(2024, 6, 3), date(2024, 6, 7))  # nothing published, but the Page and old posts seen


def test_a_week_without_new_posts_still_shows_what_was_seen(demo_engine):
    with demo_engine.connect() as connection:
        published = metrics.totals(connection, THIS_WEEK)
        seen = metrics.seen_totals(connection, THIS_WEEK)
        daily = metrics.daily(connection, THIS_WEEK)
        kpis = metrics.seen_kpis(connection, THIS_WEEK)
    assert published["items"] == 0 and published["views"] is None  # what the old cards showed: "–"
    assert seen["page_views"] == daily.page_views.sum() > 0
    assert seen["page_viewers_daily_avg"] == daily.page_viewers.mean()
    assert seen["views_gain"] == daily.views_gain.sum() > 0  # views gained by May's posts this week
    assert seen["interactions_gain"] == daily.interactions_gain.sum() > 0
    assert kpis["page_views"]["previous"] > 0 and kpis["page_views"]["change"] is not None


def test_what_was_seen_follows_the_filters(demo_engine):
    livestreams = Scope(MAY.start, MAY.end, kinds=("livestream",))
    with demo_engine.connect() as connection:
        everything = metrics.seen_totals(connection, MAY)
        broadcasts = metrics.seen_totals(connection, livestreams)
        gains = metrics.content_daily_gains(connection, livestreams)
    assert broadcasts["views_gain"] == gains.views_gain.sum() < everything["views_gain"]


def test_all_posts_against_all_livestreams_add_up_to_the_period(demo_engine):
    with demo_engine.connect() as connection:
        formats = metrics.posts_vs_livestreams(connection, MAY).set_index("format")
        totals = metrics.totals(connection, MAY)
        kinds = metrics.kind_comparison(connection, MAY).set_index("kind")
        nothing = metrics.posts_vs_livestreams(connection, THIS_WEEK)
    assert list(formats.index) == ["post", "livestream"]
    assert formats.loc["livestream", "items"] == kinds.loc["livestream", "items"] == 2
    assert formats["items"].sum() == totals["items"]
    assert formats["views"].sum() == totals["views"]
    assert formats["interactions"].sum() == totals["interactions"]
    livestream = formats.loc["livestream"]
    assert livestream.rate_per_view == livestream.interactions / livestream.views
    assert list(nothing["items"]) == [0, 0]  # both rows, even in a period without content
