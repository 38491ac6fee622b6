"""Comments kept with privacy first: no names, commenters only as a salted hash, text gone after its
days with the counts kept; questions answered by the Page in their thread; staff relabelling audited."""

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from models.auth import audit_events
from models.comments import (
    CommentPolicy,
    CommentRecord,
    RelabelRefused,
    answer_figures,
    author_hash,
    corrections,
    questions,
    questions_by_minute,
    questions_by_topic_day,
    relabel,
    save_comments,
    top_questions,
    unanswered,
)
from models.metrics import Scope
from models.retention import forget_comments
from models.store import ChannelRecord, ContentRecord, save_channel, save_contents
from models.tables import Comment, CommentDay

PAGE = "100064523817765"
LIVE_START = datetime(2024, 5, 22, 13, 0, tzinfo=UTC)  # 20:00 in Lào Cai
MAY = Scope(date(2024, 5, 1), date(2024, 5, 31))
SALT = "muoi-rieng-cua-van-phong"
POLICY = CommentPolicy(salt=SALT, own_ids=frozenset({PAGE}))


def _livestream(connection) -> int:
    channel_id = save_channel(connection, ChannelRecord(PAGE, "BHXH tỉnh Lào Cai"))
    return save_contents(
        connection,
        channel_id,
        [ContentRecord("live1", "livestream", title="Hỏi đáp chính sách", published_at=LIVE_START)],
    ).ids["live1"]


def _comment(number: int, minute: int, text: str, author: str = "5551", thread: str | None = None):
    return CommentRecord(
        external_id=f"c{number}",
        thread_id=thread or f"c{number}",
        author_id=author,
        created_at=LIVE_START + timedelta(minutes=minute),
        text=text,
        link=f"https://www.facebook.com/live1?comment_id=c{number}",
        offset_s=minute * 60.0,
    )


LIVE_COMMENTS = [
    _comment(1, 2, "đóng BHXH tự nguyện bao nhiêu một tháng?", author="7001"),
    _comment(2, 3, "Hay quá cảm ơn ad", author="7002"),
    _comment(3, 5, "the bhyt het han gia han o dau a", author="7003"),
    _comment(4, 9, "Dạ ở UBND xã hoặc bưu điện ạ", author=PAGE, thread="c3"),
    _comment(5, 12, "ko dang nhap dc vssid giup e vs", author="7001"),
    _comment(6, 14, "Thẻ BHYT hết hạn thì gia hạn ở đâu ạ", author="7004"),
]


def test_a_livestreams_comments_are_kept_without_names_and_questions_get_their_topic(engine):
    with engine.begin() as connection:
        live = _livestream(connection)
        saved = save_comments(connection, live, LIVE_COMMENTS, POLICY, now=LIVE_START + timedelta(hours=1))
        again = save_comments(connection, live, LIVE_COMMENTS, POLICY, now=LIVE_START + timedelta(hours=2))
        rows = connection.execute(select(Comment)).all()
        asked = questions(connection, MAY)
        minutes = questions_by_minute(connection, live)
    assert (saved.new, saved.questions, again.new) == (6, 4, 0)
    stored = " ".join(str(value) for row in rows for value in row._mapping.values())
    assert "7001" not in stored and "7003" not in stored
    assert {row.author_hash for row in rows if not row.from_page} == {
        author_hash(person, SALT) for person in ("7001", "7002", "7003", "7004")
    }
    assert [row.from_page for row in rows].count(True) == 1
    assert asked["topic"].tolist() == ["voluntary_si", "health_insurance", "vssid", "health_insurance"]
    assert minutes.to_dict("records")[0] == {"minute": 2, "topic": "voluntary_si", "questions": 1}


def test_a_question_is_answered_when_the_page_replies_in_its_thread(engine):
    with engine.begin() as connection:
        live = _livestream(connection)
        save_comments(connection, live, LIVE_COMMENTS[:3], POLICY, now=LIVE_START + timedelta(minutes=6))
        before = answer_figures(connection, MAY)
        # The reply comes in a later run.
        save_comments(connection, live, LIVE_COMMENTS[3:], POLICY, now=LIVE_START + timedelta(minutes=20))
        after = answer_figures(connection, MAY)
        waiting = unanswered(connection, MAY)
    assert (before.questions, before.answered) == (2, 0)
    assert (after.questions, after.answered, after.people) == (4, 1, 3)
    assert after.median_minutes == pytest.approx(4.0)
    assert waiting["text"].tolist() == [
        "đóng BHXH tự nguyện bao nhiêu một tháng?",
        "ko dang nhap dc vssid giup e vs",
        "Thẻ BHYT hết hạn thì gia hạn ở đâu ạ",
    ]


def test_after_its_days_a_comments_text_is_gone_and_its_counts_stay(engine):
    with engine.begin() as connection:
        live = _livestream(connection)
        save_comments(connection, live, LIVE_COMMENTS, POLICY, now=LIVE_START)
        by_topic_before = questions_by_topic_day(connection, MAY)
        figures_before = answer_figures(connection, MAY)
        kept = forget_comments(connection, keep_days=90, now=LIVE_START + timedelta(days=89))
        forgotten = forget_comments(connection, keep_days=90, now=LIVE_START + timedelta(days=91))
        left = connection.execute(select(Comment)).all()
        counts = connection.execute(select(CommentDay)).all()
        by_topic_after = questions_by_topic_day(connection, MAY)
        figures_after = answer_figures(connection, MAY)
    assert (kept.removed, forgotten.removed) == (0, 6)
    assert left == []
    assert sum(row.comments for row in counts) == 5  # the people's comments; the Page's reply not
    assert by_topic_after.equals(by_topic_before)
    assert (figures_after.questions, figures_after.answered) == (figures_before.questions, 1)
    assert figures_after.median_minutes is None  # times go with the comments


def test_an_office_that_keeps_no_text_still_sees_questions_topics_and_answers(engine):
    policy = CommentPolicy(salt=SALT, own_ids=frozenset({PAGE}), store_text=False)
    with engine.begin() as connection:
        live = _livestream(connection)
        save_comments(connection, live, LIVE_COMMENTS, policy, now=LIVE_START + timedelta(hours=1))
        texts = connection.execute(select(Comment.text)).scalars().all()
        figures = answer_figures(connection, MAY)
        top = top_questions(connection, MAY)
    assert texts == [None] * 6
    assert (figures.questions, figures.answered) == (4, 1)
    assert top.empty


def test_old_comments_of_a_first_collection_are_counted_once_and_never_kept(engine):
    now = LIVE_START + timedelta(days=200)
    with engine.begin() as connection:
        live = _livestream(connection)
        save_comments(connection, live, LIVE_COMMENTS, POLICY, now=now)
        save_comments(connection, live, LIVE_COMMENTS, POLICY, now=now)
        kept = connection.execute(select(Comment)).all()
        by_topic = questions_by_topic_day(connection, MAY)
    assert kept == []
    assert by_topic["questions"].sum() == 4


def test_staff_relabel_a_question_and_the_audit_trail_says_who(engine):
    with engine.begin() as connection:
        live = _livestream(connection)
        save_comments(connection, live, LIVE_COMMENTS, POLICY, now=LIVE_START + timedelta(hours=1))
        comment_id = int(questions(connection, MAY)["id"].iloc[0])
        relabel(connection, comment_id, "payment", "hoa")
        with pytest.raises(RelabelRefused):
            relabel(connection, comment_id, "lottery", "hoa")
        learned = corrections(connection)
        events = audit_events(connection)
    assert [(c.text, c.topic) for c in learned] == [("đóng BHXH tự nguyện bao nhiêu một tháng?", "payment")]
    event = events[0]
    assert (event.user, event.action, event.target) == ("hoa", "question_topic", f"comment:{comment_id}")
    assert event.detail == {"from": "voluntary_si", "to": "payment"}
