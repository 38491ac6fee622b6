"""The duty officer learns by e-mail which people's questions have waited too long for an answer:
the oldest first, with their item, topic, age, shortened text and a link to reply, never a name;
each question once, none when all are answered (SQLite and PostgreSQL, the local SMTP server)."""

from datetime import timedelta

import pytest

from collector.alerts import MAX_QUESTIONS_LISTED
from models.comments import CommentPolicy, CommentRecord, save_comments
from models.store import ChannelRecord, ContentRecord, save_channel, save_contents
from tests.test_alerts import DUTY, MONDAY_1030, alerts_config, run
from tests.test_report_source import smtp_server  # noqa: F401  (the fixture)

PAGE = "111"
LIVE = "111_live"
LINK = "https://www.facebook.com/live?comment_id="
LONG_QUESTION = (
    "Cho em hỏi đóng BHXH tự nguyện bao nhiêu một tháng ạ, em làm tự do ở xã Bảo Nhai, "
    "mỗi tháng thu nhập không đều, có được đóng theo quý không ạ?"
)


def asked(number: int, hours_ago: float, text: str, author: str = "7001") -> CommentRecord:
    return CommentRecord(
        f"c{number}", f"c{number}", author, MONDAY_1030 - timedelta(hours=hours_ago), text, f"{LINK}{number}"
    )


def reply(number: int, to: int, hours_ago: float) -> CommentRecord:
    return CommentRecord(
        f"r{number}", f"c{to}", PAGE, MONDAY_1030 - timedelta(hours=hours_ago), "Dạ, ở bưu điện xã ạ"
    )


def livestream_with(engine, comments: list[CommentRecord], store_text: bool = True) -> None:
    with engine.begin() as connection:
        channel = save_channel(connection, ChannelRecord(PAGE, "BHXH tỉnh Lào Cai"))
        ids = save_contents(
            connection,
            channel,
            [
                ContentRecord(
                    LIVE,
                    "livestream",
                    title="Hỏi đáp chính sách BHXH, BHYT",
                    permalink="https://www.facebook.com/live",
                    published_at=MONDAY_1030 - timedelta(hours=60),
                )
            ],
        ).ids
        policy = CommentPolicy(salt="muối", own_ids=frozenset({PAGE}), store_text=store_text)
        save_comments(connection, ids[LIVE], comments, policy, now=MONDAY_1030)


def questions_config(**rule: str):
    settings = ", ".join([f'email_to = ["{DUTY}"]', *(f"{key} = {value}" for key, value in rule.items())])
    return alerts_config(questions_unanswered=f"{{ {settings} }}")


THE_LIVESTREAM = [
    asked(1, 50, LONG_QUESTION, author="7001"),
    asked(2, 30, "the bhyt het han gia han o dau a", author="7002"),
    asked(3, 29, "ko dang nhap dc vssid giup e vs", author="7003"),
    reply(4, to=3, hours_ago=28),
    asked(5, 3, "rút BHXH 1 lần cần giấy tờ gì ạ?", author="7005"),
    asked(6, 40, "Hay quá cảm ơn ad", author="7006"),  # not a question
]


def test_questions_waiting_over_a_day_are_mailed_oldest_first_once_each(engine, smtp_server):  # noqa: F811
    port, inbox = smtp_server
    livestream_with(engine, THE_LIVESTREAM)
    config = questions_config()  # 24 hours by default

    result = run(engine, config, port, MONDAY_1030)
    assert result.status == "ok", result.message
    assert len(inbox.messages) == 1
    mail = inbox.messages[0]
    assert inbox.recipients[0] == [DUTY]
    assert mail["Subject"] == "[Cảnh báo] Câu hỏi của người dân chưa được trả lời (2)"
    lines = mail.get_content().splitlines()
    assert lines[0] == (
        "2 câu hỏi đã chờ quá 24 giờ mà cơ quan chưa trả lời (tổng cộng 2 câu đang chờ), câu cũ nhất trước:"
    )
    # Oldest first: the 50-hour question (shortened), then the 30-hour one; the answered one is not there.
    assert lines[1].startswith("- chờ 2 ngày · «Hỏi đáp chính sách BHXH, BHYT» · BHXH tự nguyện: «Cho em hỏi")
    assert "…» · trả lời: https://www.facebook.com/live?comment_id=1" in lines[1]
    assert LONG_QUESTION not in lines[1]
    assert lines[2] == (
        "- chờ 30 giờ · «Hỏi đáp chính sách BHXH, BHYT» · Thẻ BHYT (mua, gia hạn, hộ gia đình): "
        "«the bhyt het han gia han o dau a» · trả lời: https://www.facebook.com/live?comment_id=2"
    )
    assert "vssid" not in mail.get_content() and "7001" not in mail.get_content()

    run(engine, config, port, MONDAY_1030 + timedelta(minutes=15))
    assert len(inbox.messages) == 1  # the same questions still waiting: not mailed again

    run(engine, config, port, MONDAY_1030 + timedelta(hours=21, minutes=30))
    assert len(inbox.messages) == 2  # the 3-hour question has now waited 24 hours too: only it
    later = inbox.messages[1].get_content().splitlines()
    assert later[0].startswith("1 câu hỏi đã chờ quá 24 giờ") and "(tổng cộng 3 câu đang chờ)" in later[0]
    assert later[1].startswith("- chờ 24 giờ") and "rút BHXH 1 lần" in later[1]
    assert len(later) == 4  # intro, the question, a blank line, the footer


@pytest.mark.parametrize("hours", [1, 24])
def test_nothing_is_sent_when_every_question_is_answered(engine, smtp_server, hours):  # noqa: F811
    port, inbox = smtp_server
    livestream_with(
        engine,
        [
            *THE_LIVESTREAM,
            reply(7, to=1, hours_ago=49),
            reply(8, to=2, hours_ago=1),
            reply(9, to=5, hours_ago=1),
        ],
    )
    run(engine, questions_config(hours=str(hours)), port, MONDAY_1030 + timedelta(days=3))
    assert inbox.messages == []


def test_the_threshold_is_the_offices_and_text_not_kept_is_said(engine, smtp_server):  # noqa: F811
    port, inbox = smtp_server
    livestream_with(engine, THE_LIVESTREAM, store_text=False)
    run(
        engine,
        alerts_config(language='"en"', questions_unanswered=f'{{ email_to = ["{DUTY}"], hours = 48 }}'),
        port,
        MONDAY_1030,
    )
    [mail] = inbox.messages
    assert mail["Subject"] == "[Alert] Questions waiting for an answer (1)"
    lines = mail.get_content().splitlines()
    assert lines[0] == (
        "1 question has waited over 48 hours for an answer from the office (1 waiting in all), oldest first:"
    )
    assert lines[1] == (
        "- waiting 2 days · “Hỏi đáp chính sách BHXH, BHYT” · Voluntary social insurance: “text not kept” · "
        "reply: https://www.facebook.com/live?comment_id=1"
    )


def test_a_long_wait_list_is_cut_and_counted(engine, smtp_server):  # noqa: F811
    port, inbox = smtp_server
    many = MAX_QUESTIONS_LISTED + 5
    livestream_with(engine, [asked(n, 100 - n, f"thẻ bhyt số {n} gia hạn ở đâu?") for n in range(many)])
    run(engine, questions_config(), port, MONDAY_1030)
    [mail] = inbox.messages
    lines = mail.get_content().splitlines()
    assert mail["Subject"].endswith(f"({many})")
    assert lines[1].startswith("- chờ 4 ngày") and "thẻ bhyt số 0 gia hạn" in lines[1]
    assert len([line for line in lines if line.startswith("- ")]) == MAX_QUESTIONS_LISTED
    assert "… và 5 câu khác: xem trang Câu hỏi của người dân." in lines
