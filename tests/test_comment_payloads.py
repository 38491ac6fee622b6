"""Comments from Meta and YouTube into records: threads, the broadcast minute, and never a name."""

from datetime import UTC, datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from collector.comment_payloads import (
    GRAPH_COMMENT_FIELDS,
    graph_comment_params,
    map_comment_threads,
    map_graph_comments,
    newer_than,
    youtube_thread_params,
)

LIVE_START = datetime(2024, 5, 22, 13, 0, tzinfo=UTC)

GRAPH_PAGE = {
    "data": [
        {
            "id": "122_1",
            "created_time": "2024-05-22T13:02:10+0000",
            "message": "đóng BHXH tự nguyện bao nhiêu một tháng?",
            "from": {"id": "7001", "name": "Nguyễn Thị Hoa"},
            "permalink_url": "https://www.facebook.com/122?comment_id=1",
            "live_broadcast_timestamp": 130,
        },
        {
            "id": "122_2",
            "created_time": "2024-05-22T13:09:00+0000",
            "message": "Trần Văn Nam ơi vào hỏi đi",
            "from": {"id": "7002"},
            "message_tags": [{"id": "9", "name": "Trần Văn Nam", "offset": 0, "length": 12}],
        },
        {
            "id": "122_3",
            "created_time": "2024-05-22T13:10:00+0000",
            "message": "Dạ mức thấp nhất là 330.000 đồng/tháng ạ",
            "from": {"id": "100064523817765"},
            "parent": {"id": "122_1"},
        },
        {"id": "122_4", "message": "no time: dropped"},
    ],
    "paging": {"cursors": {"before": "B1", "after": "A1"}, "next": "https://graph.facebook.com/next"},
}


def test_graph_comments_keep_threads_broadcast_minutes_and_no_names():
    records, after = map_graph_comments(GRAPH_PAGE, broadcast_start=LIVE_START)
    assert after == "A1"
    assert [r.external_id for r in records] == ["122_1", "122_2", "122_3"]
    assert [r.thread_id for r in records] == ["122_1", "122_2", "122_1"]
    assert [r.offset_s for r in records] == [130.0, 540.0, 600.0]
    assert records[1].text == "@… ơi vào hỏi đi"
    assert "Hoa" not in repr(records) and "Nam" not in repr(records)
    assert records[2].author_id == "100064523817765"


def test_the_graph_query_asks_every_comment_oldest_first_and_no_name():
    params = graph_comment_params(after="A1")
    assert (params["filter"], params["order"], params["after"]) == ("stream", "chronological", "A1")
    assert "name" not in GRAPH_COMMENT_FIELDS.replace("message_tags", "")


YOUTUBE_PAGE = {
    "items": [
        {
            "id": "UgxThread1",
            "snippet": {
                "topLevelComment": {
                    "id": "UgxThread1",
                    "snippet": {
                        "textOriginal": "the bhyt het han gia han o dau a",
                        "authorDisplayName": "Lò Văn Páo",
                        "authorChannelId": {"value": "UCviewer1"},
                        "publishedAt": "2024-05-22T13:05:00Z",
                    },
                }
            },
            "replies": {
                "comments": [
                    {
                        "id": "UgxThread1.r1",
                        "snippet": {
                            "textOriginal": "Dạ ở bưu điện xã ạ",
                            "authorDisplayName": "BHXH Lào Cai",
                            "authorChannelId": {"value": "UCoffice"},
                            "publishedAt": "2024-05-22T13:20:00Z",
                            "parentId": "UgxThread1",
                        },
                    }
                ]
            },
        }
    ],
    "nextPageToken": "NEXT",
}


def test_youtube_threads_give_comments_and_replies_with_a_link_to_reply():
    records, token = map_comment_threads(YOUTUBE_PAGE, "vid22", broadcast_start=LIVE_START)
    assert token == "NEXT"
    assert [(r.external_id, r.thread_id, r.author_id) for r in records] == [
        ("UgxThread1", "UgxThread1", "UCviewer1"),
        ("UgxThread1.r1", "UgxThread1", "UCoffice"),
    ]
    assert records[0].offset_s == 300.0
    assert records[0].link == "https://www.youtube.com/watch?v=vid22&lc=UgxThread1"
    assert "Páo" not in repr(records)
    assert youtube_thread_params("vid22", "NEXT")["pageToken"] == "NEXT"
    assert newer_than(records, datetime(2024, 5, 22, 13, 10, tzinfo=UTC)) == records[1:]


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=10), inner, max_size=3),
    max_leaves=20,
)


@settings(suppress_health_check=[HealthCheck.too_slow])  # nested JSON is slow to draw on a busy machine
@given(st.dictionaries(st.sampled_from(["data", "paging", "items", "nextPageToken"]), json_values))
def test_any_answer_is_read_without_failing(payload):
    records, _ = map_graph_comments(payload)
    threads, _ = map_comment_threads(payload, "v")
    assert all(record.created_at.tzinfo is not None for record in records + threads)
