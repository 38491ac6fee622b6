"""The demo's comments: what people asked during the 22 May livestream and under a few May posts,
and the office's replies. Drawn from their own seed, so the demo's other figures are unchanged;
commenters are made-up numeric ids, hashed like real ones, and no comment carries a name."""

import random
import unicodedata
from datetime import UTC, datetime, timedelta

from sqlalchemy import Connection

from models.comments import CommentPolicy, CommentRecord, save_comments
from models.questions import TopicModel

SEED = 20240522_2
DEMO_SALT = "demo-salt-not-a-secret"

# What people ask, in their words (with diacritics; a share is written without, below).
QUESTIONS = (
    "đóng BHXH tự nguyện bao nhiêu một tháng ạ?",
    "Cho em hỏi mức đóng bhxh tự nguyện thấp nhất là bao nhiêu",
    "mình làm nông thì có tham gia bhxh tự nguyện được không ạ",
    "45 tuổi mới đóng tự nguyện có kịp hưởng lương hưu không ad",
    "Hộ nghèo được hỗ trợ đóng bhxh tự nguyện bao nhiêu phần trăm",
    "đóng bù những năm còn thiếu được không ạ",
    "Đăng ký bhxh tự nguyện ở đâu vậy ad",
    "thẻ BHYT hết hạn gia hạn ở đâu?",
    "bhyt hộ gia đình 1 người bao nhiêu tiền vậy",
    "Nhà em 5 người mua bhyt hộ gia đình thì người thứ 5 đóng bao nhiêu",
    "gia hạn thẻ bhyt online được không ạ",
    "Thẻ bhyt của con em bị mất làm lại ở đâu",
    "Khám trái tuyến có được bhyt chi trả không ạ",
    "Đổi nơi khám chữa bệnh ban đầu thì làm sao",
    "đi khám bằng căn cước gắn chip thay thẻ bhyt được không",
    "Không đăng nhập được VssID ad ơi giúp em với",
    "Em không nhận được mã OTP khi đăng ký VssID là sao ạ",
    "Quên mật khẩu VssID thì lấy lại thế nào",
    "Tải VssID ở đâu ạ",
    "Đăng nhập vssid bằng tài khoản định danh điện tử được chưa ạ",
    "Trên vssid xem quá trình đóng ở mục nào vậy",
    "Rút bhxh 1 lần cần giấy tờ gì ạ",
    "Nghỉ việc bao lâu thì được rút bảo hiểm xã hội một lần",
    "Lương hưu tháng này bao giờ được nhận ạ",
    "Đóng đủ 20 năm thì lương hưu được bao nhiêu phần trăm",
    "Chưa đủ 15 năm thì có được hưởng lương hưu không",
    "Nghỉ thai sản được mấy tháng ạ",
    "Sinh con được hưởng thai sản bao nhiêu tiền",
    "Chồng có được hưởng chế độ thai sản khi vợ sinh không",
    "Nghỉ ốm mấy ngày thì được hưởng chế độ ốm đau",
    "Đóng bhxh qua ngân hàng được không ạ",
    "đóng tiền bhyt qua momo được không ad",
    "Chuyển khoản đóng bhxh tự nguyện vào số tài khoản nào ạ",
    "Nhận lương hưu qua tài khoản ngân hàng thì đăng ký ở đâu",
    "Livestream có xem lại được không ạ",
    "Số điện thoại tổng đài bhxh là bao nhiêu ạ",
)
# Shorthand some people type instead (teen-code).
SHORTHAND = (
    "dong bhxh tu nguyen bn 1 thang vay ad",
    "the bhyt het han roi gia han o dau a",
    "ko dang nhap dc vssid giup e vs",
    "ko nhan dc otp vssid la sao",
    "rut bhxh 1 lan can giay to j",
    "nghi thai san dc may thang v",
    "dong bhyt qua atm dc k",
    "bhyt ho gd 4 nguoi dong bn",
)
REMARKS = (
    "Hay quá cảm ơn ad",
    "Chương trình rất bổ ích 👍",
    "Chào cả nhà, em ở Bảo Yên",
    "em o bat xat",
    "Nghe rõ ạ",
    "ủng hộ bhxh tỉnh",
    "Cảm ơn các anh chị đã giải đáp",
    "Thông tin rất hữu ích cho bà con",
    "Nhà em vừa mua bhyt hộ gia đình cho cả nhà rồi",
    "Mình đã cài vssid thành công",
)
REPLIES = (
    "Dạ, BHXH tỉnh xin trả lời: bạn vui lòng xem hướng dẫn trong bài ghim hoặc gọi 1900 9068 ạ.",
    "Dạ, bạn có thể liên hệ đại lý thu ở xã hoặc bưu điện gần nhất ạ.",
    "Dạ, BHXH tỉnh đã nhắn tin hướng dẫn chi tiết cho bạn ạ.",
    "Dạ, mức đóng thấp nhất hiện nay khoảng 330.000 đồng/tháng, có hỗ trợ theo đối tượng ạ.",
)
# Posts of May that people commented on: (position among May's posts by publish time, comments).
COMMENTED_POSTS = ((3, 9), (11, 6), (17, 12), (24, 5), (30, 8), (38, 7))


def without_diacritics(text: str) -> str:
    plain = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in plain if not unicodedata.combining(ch)).lower()


def _asked(rng: random.Random) -> str:
    if rng.random() < 0.2:
        return rng.choice(SHORTHAND)
    text = rng.choice(QUESTIONS)
    return without_diacritics(text).replace("?", "") if rng.random() < 0.3 else text


def _thread(
    rng: random.Random,
    number: int,
    object_id: str,
    permalink: str,
    at: datetime,
    page_id: str,
    broadcast_start: datetime | None,
    reply_chance: float,
    reply_minutes: tuple[float, float],
    now: datetime,
) -> list[CommentRecord]:
    """One comment (a question two times in three) and, sometimes, the Page's reply."""
    comment_id = f"{object_id.split('_')[-1]}_{number:05d}"
    asking = rng.random() < 0.68
    text = _asked(rng) if asking else rng.choice(REMARKS)

    def offset(moment: datetime) -> float | None:
        if broadcast_start is None:
            return None
        seconds = (moment - broadcast_start).total_seconds()
        return seconds if seconds <= 3725 else None

    records = [
        CommentRecord(
            external_id=comment_id,
            thread_id=comment_id,
            author_id=str(7_000_000 + rng.randint(1, 2400)),
            created_at=at,
            text=text,
            link=f"{permalink}?comment_id={comment_id}",
            offset_s=offset(at),
        )
    ]
    if asking and rng.random() < reply_chance:
        replied = at + timedelta(minutes=rng.uniform(*reply_minutes))
        if replied <= now:
            reply_id = f"{comment_id}r"
            records.append(
                CommentRecord(
                    external_id=reply_id,
                    thread_id=comment_id,
                    author_id=page_id,
                    created_at=replied,
                    text=rng.choice(REPLIES),
                    link=f"{permalink}?comment_id={reply_id}",
                    offset_s=offset(replied),
                )
            )
    return records


def livestream_comments(
    rng: random.Random, object_id: str, permalink: str, start: datetime, page_id: str, now: datetime
) -> list[CommentRecord]:
    """About 230 comments during the broadcast (most around the questions segment) and some after."""
    records: list[CommentRecord] = []
    number = 0
    for minute in range(62):
        busy = 1.0 + 4.5 * max(0.0, 1 - abs(minute - 36) / 18)
        for _ in range(round(busy + rng.uniform(-0.5, 1.0))):
            number += 1
            at = start + timedelta(minutes=minute, seconds=rng.randint(0, 59))
            records += _thread(rng, number, object_id, permalink, at, page_id, start, 0.55, (1, 20), now)
    for _ in range(34):  # replays over the next days
        number += 1
        at = start + timedelta(hours=rng.uniform(1.2, 90))
        records += _thread(rng, number, object_id, permalink, at, page_id, start, 0.4, (30, 600), now)
    return records


def post_comments(
    rng: random.Random,
    object_id: str,
    permalink: str,
    published: datetime,
    count: int,
    page_id: str,
    now: datetime,
) -> list[CommentRecord]:
    records: list[CommentRecord] = []
    for number in range(1, count + 1):
        at = published + timedelta(hours=rng.uniform(0.2, 30))
        if at <= now:
            records += _thread(rng, number, object_id, permalink, at, page_id, None, 0.6, (20, 900), now)
    return records


def save_demo_comments(
    connection: Connection,
    page_id: str,
    livestream: tuple[int, str, str, datetime],
    posts: list[tuple[int, str, str, datetime]],
    now: datetime,
) -> int:
    """Write the demo's comments; how many. ``livestream`` and each post: (content id, external id,
    permalink, published at)."""
    rng = random.Random(SEED)
    policy = CommentPolicy(salt=DEMO_SALT, own_ids=frozenset({page_id}))
    model = TopicModel()
    content_id, external_id, permalink, start = livestream
    records = livestream_comments(rng, external_id, permalink, start.astimezone(UTC), page_id, now)
    written = save_comments(connection, content_id, records, policy, model, now=now).new
    for position, count in COMMENTED_POSTS:
        if position >= len(posts):
            continue
        content_id, external_id, permalink, published = posts[position]
        records = post_comments(rng, external_id, permalink, published, count, page_id, now)
        written += save_comments(connection, content_id, records, policy, model, now=now).new
    return written
