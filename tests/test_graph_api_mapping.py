"""The Graph API mapping on Meta's sample payloads, and the client's behaviour on a mock transport."""

import json
import logging
import sys
from datetime import UTC, date, datetime

import httpx
import pytest
from fake_graph import FIXTURES as PAYLOADS

from collector.platforms.facebook.api import (
    METRICS,
    current_metrics,
    insight_fields,
    insight_series,
    insight_windows,
    live_counts,
    live_ended_at,
    make_snapshot,
    map_live_video,
    map_page,
    map_page_insights,
    map_post,
    post_counts,
)
from collector.platforms.facebook.client import (
    GraphClient,
    PermissionProblem,
    RateLimited,
    TokenProblem,
    TransientError,
    make_http_client,
    parse_usage,
)
from collector.plumbing.http import GraphSettings
from collector.plumbing.paging import Paginator, strip_token
from collector.plumbing.redaction import RedactingFilter, redact

PAGE_ID = "100064523817765"
TOKEN = "EAA" + "MockPageToken9876543210zyxwvuSECRET"  # built so no scanner takes it for a real token
FAST = GraphSettings(attempts=4, backoff_s=0.001, backoff_cap_s=0.01, slow_pause_s=0.01, rate_wait_max_s=1)
NOW = datetime(2024, 5, 23, 1, 0, tzinfo=UTC)


def payload(name: str) -> dict:
    return json.loads((PAYLOADS / name).read_text(encoding="utf-8"))


def mock_client(handler, settings: GraphSettings = FAST) -> tuple[GraphClient, list[float]]:
    slept: list[float] = []
    http = make_http_client(
        "https://graph.example/v25.0/", TOKEN, settings=settings, transport=httpx.MockTransport(handler)
    )
    return GraphClient(http, settings=settings, sleep=slept.append), slept


# --- pure mapping --------------------------------------------------------------------------------


def test_the_page_becomes_a_channel_with_its_followers():
    channel = map_page(payload("page.json"), "Asia/Ho_Chi_Minh")
    assert (channel.external_id, channel.name, channel.followers) == (
        PAGE_ID,
        "Bảo hiểm xã hội tỉnh Lào Cai",
        48215,
    )
    assert channel.timezone == "Asia/Ho_Chi_Minh"


def test_posts_get_their_kind_time_and_counts_and_missing_shares_are_zero():
    posts = payload("posts_page1.json")["data"] + payload("posts_page2.json")["data"]
    records = [map_post(item) for item in posts]
    assert [r.kind for r in records] == ["video", "photo", "link"]
    assert records[0].published_at == datetime(2024, 5, 22, 13, 0, tzinfo=UTC)
    assert records[2].title == "Hướng dẫn cài đặt ứng dụng VssID - BHXH số"
    assert [post_counts(item) for item in posts] == [
        {"reactions": 1502, "comments": 371, "shares": 104},
        {"reactions": 214, "comments": 12, "shares": 0},
        {"reactions": 88, "comments": 5, "shares": 31},
    ]


def test_a_live_video_is_the_same_content_item_as_its_post_and_a_livestream():
    post = map_post(payload("posts_page1.json")["data"][0])
    live = payload("live_videos_live.json")["data"][0]
    record = map_live_video(PAGE_ID, live, post)
    assert record.external_id == post.external_id == "100064523817765_122100000000316760"
    assert (record.kind, record.live_status, record.duration_s) == ("livestream", "LIVE", None)
    assert record.permalink == post.permalink
    assert live_counts(live) == {"live_viewers": 734}
    assert live_ended_at(live) is None


def test_after_the_broadcast_it_is_a_vod_with_a_length_and_no_live_viewers():
    live = payload("live_videos_vod.json")["data"][0]
    record = map_live_video(PAGE_ID, live)
    assert (record.live_status, record.duration_s) == ("VOD", 3725.4)
    assert record.permalink == "https://www.facebook.com/100064523817765/videos/122100000000316760/"
    assert live_counts(live) == {}
    assert live_ended_at(live) == datetime(2024, 5, 22, 14, 2, 7, 400000, tzinfo=UTC)


def test_video_insights_give_plays_viewers_and_watch_time_in_seconds():
    fields = insight_fields(insight_series(payload("video_insights.json")))
    assert fields == {"views": 18600, "reach": 10915, "avg_watch_s": 16.718, "watch_time_s": 310956.0}


def test_a_snapshot_merges_counts_post_insights_and_video_insights():
    post = insight_fields(insight_series(payload("post_insights.json")))
    video = insight_fields(insight_series(payload("video_insights.json")))
    snapshot = make_snapshot("x", NOW, {"reactions": 1502, "shares": 0}, post, video)
    assert (snapshot.source, snapshot.views, snapshot.reach, snapshot.clicks) == (
        "graph_api",
        18600,
        10915,
        655,
    )
    assert (snapshot.shares, snapshot.avg_watch_s, snapshot.live_viewers) == (0, 16.718, None)


def test_retired_metric_names_still_map_but_current_names_win():
    series = {"post_impressions": [{"value": 5}], "post_media_view": [{"value": 7}]}
    assert insight_fields(series) == {"views": 7}
    assert insight_fields({"post_impressions_unique": [{"value": 3}]}) == {"reach": 3}


def test_page_insights_land_on_the_local_day_they_end():
    records = map_page_insights(insight_series(payload("page_insights_day.json")), "Asia/Ho_Chi_Minh")
    views = {r.day: r.value for r in records if r.metric == "views"}
    assert views == {date(2024, 5, 13): 24310, date(2024, 5, 14): 31877, date(2024, 5, 15): 29045}
    assert {r.metric for r in records} == {"views", "viewers", "engagements"}
    # The end of 13 May in Hanoi is 17:00 UTC: that value belongs to the 13th, not the 14th.
    hanoi = {"page_media_view": [{"value": 1, "end_time": "2024-05-13T17:00:00+0000"}]}
    assert map_page_insights(hanoi, "Asia/Ho_Chi_Minh")[0].day == date(2024, 5, 13)


def test_insights_windows_are_at_most_90_days():
    windows = insight_windows(date(2024, 1, 1), date(2024, 7, 1))
    assert windows[0] == (date(2024, 1, 1), date(2024, 3, 31))
    assert windows[-1][1] == date(2024, 7, 1)
    assert all((until - since).days <= 90 for since, until in windows)
    assert insight_windows(date(2024, 1, 1), date(2024, 1, 1)) == []


def test_the_registry_asks_for_current_metrics_and_knows_the_replacements():
    assert current_metrics("post") == ["post_media_view", "post_total_media_view_unique", "post_clicks"]
    assert "page_follows" in current_metrics("page")
    assert current_metrics("post", dropped=["post_clicks"]) == [
        "post_media_view",
        "post_total_media_view_unique",
    ]
    assert METRICS["post_impressions"].replaced_by == "post_media_view"
    assert METRICS["page_impressions_unique"].replaced_by == "page_total_media_view_unique"


def test_usage_headers_are_read_as_percent_of_the_limit():
    usage = parse_usage(
        {
            "x-app-usage": '{"call_count":28,"total_time":25,"total_cputime":25}',
            "x-business-use-case-usage": '{"100064523817765":[{"type":"pages","call_count":96,'
            '"total_cputime":12,"total_time":30,"estimated_time_to_regain_access":7}]}',
        }
    )
    assert (usage.app, usage.business, usage.highest, usage.regain_minutes) == (28, 96, 96, 7)
    assert parse_usage({"x-app-usage": "not json"}).highest == 0


# --- secrets ---------------------------------------------------------------------------------------


def test_paging_links_lose_their_token_and_redact_hides_it_everywhere():
    link = payload("posts_page1.json")["paging"]["next"]
    assert "access_token" not in strip_token(link)
    assert "after=QVFIUm5leHRfY3Vyc29y" in strip_token(link)
    assert "PLACEHOLDER_TOKEN" not in redact(f"failed: {link}")
    make_http_client("https://graph.example/", TOKEN).close()  # registers the token
    assert TOKEN not in redact(f"token {TOKEN} and Authorization: Bearer {TOKEN}")


def test_the_logging_filter_redacts_messages_arguments_and_tracebacks():
    make_http_client("https://graph.example/", TOKEN).close()
    record = logging.LogRecord(
        "x", logging.ERROR, __file__, 1, "GET %s", (f"/me?access_token={TOKEN}",), None
    )
    try:
        raise ValueError(f"bad {TOKEN}")
    except ValueError:
        record.exc_info = sys.exc_info()
    RedactingFilter().filter(record)
    assert TOKEN not in record.getMessage()
    assert TOKEN not in record.exc_text


def test_the_paginator_follows_next_until_it_is_absent():
    paginator = Paginator("p/published_posts", {"limit": 2})
    paginator.advance(payload("posts_page1.json"))
    assert paginator.has_next and "access_token" not in paginator.next_url
    paginator.advance(payload("posts_page2.json"))
    assert not paginator.has_next and paginator.next_url is None


# --- the client on a mock transport ------------------------------------------------------------


def test_the_token_travels_in_a_header_never_in_the_url_even_when_following_next():
    seen = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        body = (
            payload("posts_page1.json") if "after" not in request.url.params else payload("posts_page2.json")
        )
        body = json.loads(json.dumps(body).replace("https://graph.facebook.com", "https://graph.example"))
        return httpx.Response(200, json=body)

    client, _ = mock_client(handler)
    batches = list(client.posts(PAGE_ID, NOW))
    assert [len(b) for b in batches] == [2, 1]
    assert all(TOKEN not in str(r.url) and "access_token" not in str(r.url) for r in seen)
    assert all(r.headers["authorization"] == f"Bearer {TOKEN}" for r in seen)


def test_5xx_and_timeouts_are_retried_with_backoff_then_succeed():
    answers = iter(["timeout", 500, 503, 200])

    def handler(request: httpx.Request) -> httpx.Response:
        answer = next(answers)
        if answer == "timeout":
            raise httpx.ReadTimeout("slow", request=request)
        return httpx.Response(answer, json=payload("page.json") if answer == 200 else {})

    client, slept = mock_client(handler)
    assert client.page(PAGE_ID)["id"] == PAGE_ID
    assert client.requests == 4 and len(slept) == 3 and all(0 <= s <= 0.01 for s in slept)


def test_retries_are_bounded():
    client, _ = mock_client(lambda request: httpx.Response(502, text="bad gateway"))
    with pytest.raises(TransientError, match="HTTP 502"):
        client.page(PAGE_ID)
    assert client.requests == FAST.attempts


@pytest.mark.parametrize(
    ("body", "error"),
    [
        (payload("error_token_expired.json"), TokenProblem),
        ({"error": {"message": "(#10) Permission denied", "code": 10}}, PermissionProblem),
        ({"error": {"message": "(#200) Requires pages_read_engagement", "code": 200}}, PermissionProblem),
    ],
)
def test_token_and_permission_problems_are_not_retried(body, error):
    client, _ = mock_client(lambda request: httpx.Response(400, json=body))
    with pytest.raises(error):
        client.page(PAGE_ID)
    assert client.requests == 1


def test_a_retired_metric_is_found_dropped_and_the_rest_retried():
    asked = []

    def handler(request: httpx.Request) -> httpx.Response:
        metrics = request.url.params["metric"].split(",")
        asked.append(metrics)
        if "post_clicks" in metrics:
            return httpx.Response(400, json=payload("error_invalid_metric.json"))
        data = [e for e in payload("post_insights.json")["data"] if e["name"] in metrics]
        return httpx.Response(200, json={"data": data})

    client, _ = mock_client(handler)
    answer = client.post_insights("p_1")
    assert answer.retired == ["post_clicks"]
    assert set(answer.values) == {"post_media_view", "post_total_media_view_unique"}
    assert client.dropped == {"post_clicks"}
    asked.clear()
    assert client.post_insights("p_2").retired == []
    assert asked == [["post_media_view", "post_total_media_view_unique"]]


def test_a_short_rate_limit_is_waited_out_and_a_long_one_ends_the_request():
    headers = {
        "X-Business-Use-Case-Usage": json.dumps(
            {PAGE_ID: [{"type": "pages", "call_count": 100, "estimated_time_to_regain_access": 7}]}
        )
    }
    answers = iter(
        [
            httpx.Response(400, json=payload("error_rate_limit.json")),
            httpx.Response(200, json={"id": PAGE_ID}),
        ]
    )
    client, slept = mock_client(
        lambda request: next(answers), FAST.model_copy(update={"rate_wait_default_s": 0.02})
    )
    assert client.page(PAGE_ID) == {"id": PAGE_ID}
    assert slept == [0.02]

    client, _ = mock_client(
        lambda request: httpx.Response(400, json=payload("error_rate_limit.json"), headers=headers)
    )
    with pytest.raises(RateLimited) as raised:
        client.page(PAGE_ID)
    assert raised.value.wait_s == 7 * 60 and raised.value.code == 32


def test_the_client_slows_down_as_usage_nears_the_limit():
    usage = iter([10, 90, 90])

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json={}, headers={"X-App-Usage": json.dumps({"call_count": next(usage)})})

    client, slept = mock_client(handler)
    client.page(PAGE_ID)
    client.page(PAGE_ID)
    assert slept == []  # usage was low before the second request
    client.page(PAGE_ID)
    assert len(slept) == 1 and 0 < slept[0] <= FAST.slow_pause_s


def test_a_next_link_to_another_host_is_refused():
    body = {"data": [{"id": "1"}], "paging": {"next": "https://evil.example/steal?x=1"}}
    client, _ = mock_client(lambda request: httpx.Response(200, json=body))
    with pytest.raises(Exception, match="another host"):
        list(client.posts(PAGE_ID, NOW))
