"""Reading comments in Vietnamese: which ones ask something, and about what."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from models.questions import (
    TOPICS,
    Correction,
    TopicModel,
    fold,
    group_similar,
    is_question,
    lexicon_topic,
    shorten,
)


@pytest.mark.parametrize(
    "comment",
    [
        "đóng BHXH tự nguyện bao nhiêu một tháng?",
        "dong bhxh tu nguyen bn 1 thang",
        "thẻ BHYT hết hạn gia hạn ở đâu",
        "the bhyt het han gia han o dau",
        "gia han the bhyt online dc ko",
        "Mẹ em 58 tuổi còn tham gia được không ạ",
        "đã có lương hưu tháng này chưa ạ",
        "rut 1 lan can giay to j",
        "nghi thai san dc may thang v",
        "cai vssid tren iphone ntn",
        "Cho em hỏi về đóng tiền qua ngân hàng",
        "ko dang nhap dc vssid giup e vs",
        "vậy hả ad",
        "bhyt ở xã hay ở huyện",
    ],
)
def test_what_people_ask_is_read_as_a_question_with_or_without_diacritics(comment):
    assert is_question(comment)


@pytest.mark.parametrize(
    "comment",
    [
        "Hay quá cảm ơn ad",
        "cam on bhxh tinh nhieu",
        "Không có gì ạ",
        "Em đã gia hạn thẻ bhyt thành công nhờ hướng dẫn",
        "Chưa bao giờ xem live bổ ích thế",
        "Em cũng không đăng nhập được vssid",
        "sao kê rõ ràng minh bạch",
        "",
        "👍👍",
    ],
)
def test_thanks_greetings_and_statements_are_not_questions(comment):
    assert not is_question(comment)


def test_teen_code_and_plain_vietnamese_fold_to_the_same_words():
    assert fold("Gia hạn thẻ BHYT được không ạ?") == fold("gia han the bhyt dc ko a ?")
    assert fold("quên mk VSS ID") == "quen mat khau vssid"
    assert fold("đóng bảo hiểm xã hội bn") == "dong bhxh bao nhieu"


@given(st.text(max_size=200))
def test_any_comment_is_read_without_failing(comment):
    assert isinstance(is_question(comment), bool)
    assert lexicon_topic(comment) in TOPICS


@pytest.mark.parametrize(
    ("comment", "topic"),
    [
        ("đóng BHXH tự nguyện bao nhiêu một tháng?", "voluntary_si"),
        ("thẻ BHYT hết hạn gia hạn ở đâu?", "health_insurance"),
        ("mua bhyt ho gia dinh 4 nguoi bao nhieu", "health_insurance"),
        ("không đăng nhập được VssID", "vssid"),
        ("ko nhan dc ma otp", "vssid"),
        ("rút bhxh 1 lần cần gì", "pension"),
        ("luong huu thang nay bao gio co", "pension"),
        ("nghỉ thai sản được mấy tháng", "sickness_maternity"),
        ("dong tien qua momo dc ko", "payment"),
        ("livestream có xem lại được không", "other"),
    ],
)
def test_the_lexicon_puts_common_questions_on_their_topic(comment, topic):
    assert lexicon_topic(comment) == topic
    assert TopicModel().topic_of(comment) == topic


def test_staff_corrections_teach_the_classifier_a_topic_the_lexicon_does_not_know():
    asked = "tong dai 1900 goi mai ko ai nghe may"
    corrected = TopicModel([Correction("Sao gọi tổng đài 1900 mãi không ai nghe máy", "other")])
    assert corrected.topic_of(asked) == "other"
    taught = TopicModel(
        [
            Correction("đóng bhxh qua app ngân hàng nào", "payment"),
            Correction("ứng dụng vnpt đóng tiền được không", "payment"),
        ]
    )
    assert taught.topic_of("dong bhxh qua app ngan hang nao") == "payment"
    assert taught.learned == 2


def test_questions_worded_alike_fall_in_one_group_largest_first():
    groups = group_similar(
        [
            "gia hạn thẻ bhyt ở đâu",
            "rút bhxh 1 lần cần giấy tờ gì",
            "gia han the bhyt o dau a",
            "Gia hạn thẻ BHYT ở đâu ạ?",
        ]
    )
    assert groups[0] == groups[2] == groups[3] == 0
    assert groups[1] == 1


def test_long_comments_are_shortened_at_a_word():
    text = "Cho em hỏi " + "rất " * 40 + "dài"
    short = shorten(text, 40)
    assert short.endswith("…") and len(short) <= 41 and "  " not in short
    assert shorten("ngắn thôi") == "ngắn thôi"
