"""What models/ says to users (database and sign-in problems), in Vietnamese and English.

The language is the configured one (``models.i18n.language``): models/ knows nothing of the CLI's
``--lang`` or the dashboard's language choice.
"""

from models.i18n import language, translate

MESSAGES: dict[str, dict[str, str]] = {
    # Opening the database (models/db.py).
    "db_url_invalid": {
        "vi": "Địa chỉ cơ sở dữ liệu không hợp lệ: {url}; hãy sửa --db hoặc ENGAGEMENT_MONITOR_DB "
        "(ví dụ sqlite:///data/engagement.db).",
        "en": "Invalid database URL: {url}; correct --db or ENGAGEMENT_MONITOR_DB "
        "(for example sqlite:///data/engagement.db).",
    },
    "db_folder": {
        "vi": "Không tạo được thư mục {folder} cho cơ sở dữ liệu ({reason}); hãy chọn thư mục khác "
        "bằng --db.",
        "en": "Cannot create the folder {folder} for the database ({reason}); choose another one with --db.",
    },
    "unit_parent_cycle_stored": {
        "vi": "Danh sách đơn vị tạo thành vòng lặp đơn vị cha cùng các đơn vị đã có ({cycle}); hãy sửa cột "
        "Đơn vị cha rồi nhập lại.",
        "en": "The unit list makes a loop of parents with the units already stored ({cycle}); correct the "
        "parent column and import it again.",
    },
    "text_too_long": {
        "vi": "{column} dài {length} ký tự, tối đa {limit} ({value}); hãy rút ngắn rồi thử lại.",
        "en": "{column} is {length} characters long, at most {limit} ({value}); shorten it and try again.",
    },
    "snapshot_counts_differ": {
        "vi": "{count} mục đã có số liệu khác cho cùng thời điểm ({when}, ví dụ {example}); không nhập gì, "
        "số liệu cũ được giữ. Nếu đây là bản xuất mới hơn, hãy nhập lại với --as-of là lúc xuất tệp.",
        "en": "{count} items already have other counts for the same moment ({when}, for example "
        "{example}); nothing imported, the stored counts are kept. If this export is newer, import it "
        "again with --as-of set to when it was taken.",
    },
    "db_busy": {
        "vi": "Cơ sở dữ liệu đang bận: một chương trình khác đang ghi vào; hãy thử lại sau ít phút.",
        "en": "The database is busy: another program is writing to it; try again in a few minutes.",
    },
    "db_unavailable": {
        "vi": "Không mở hoặc cập nhật được cơ sở dữ liệu {url} ({error}: {detail}); hãy kiểm tra địa chỉ "
        "--db, máy chủ cơ sở dữ liệu và quyền truy cập, rồi chạy lại.",
        "en": "Cannot open or migrate the database {url} ({error}: {detail}); check the --db address, "
        "the database server and the access rights, then run it again.",
    },
    # Users, roles and sign-in (models/auth.py).
    "sign_in_refused": {
        "vi": "Sai tên hoặc mật khẩu, hoặc đã thử sai quá nhiều lần (tài khoản bị khóa tạm): kiểm tra lại, "
        "hoặc đợi {minutes} phút rồi thử lại.",
        "en": "Wrong name or password, or too many failed attempts (account locked for now): check them, "
        "or wait {minutes} minutes and try again.",
    },
    "role_unknown": {
        "vi": "Vai trò không hợp lệ: {role}; dùng một trong {roles}.",
        "en": "Unknown role {role}: use one of {roles}.",
    },
    "role_needed": {
        "vi": "Việc này cần vai trò {needed}; {who}. Hãy nhờ người quản trị (admin).",
        "en": "This needs the {needed} role; {who}. Ask an admin.",
    },
    "role_yours": {"vi": "bạn đang có vai trò {role}", "en": "you have the {role} role"},
    "role_none": {
        "vi": "bạn chưa có vai trò nào (chưa đăng nhập)",
        "en": "you have no role (not signed in)",
    },
    "password_short": {
        "vi": "Mật khẩu quá ngắn: cần ít nhất {length} ký tự.",
        "en": "The password is too short: use at least {length} characters.",
    },
    "user_name_invalid": {
        "vi": "Tên người dùng dài từ 1 đến 100 ký tự và không có khoảng trắng.",
        "en": "A user name is 1 to 100 characters without spaces.",
    },
    "user_exists": {
        "vi": "Đã có người dùng tên {name}; đổi mật khẩu bằng `engagement-monitor user passwd {name}`.",
        "en": "A user named {name} already exists; change the password with "
        "`engagement-monitor user passwd {name}`.",
    },
    "user_unknown": {
        "vi": "Không có người dùng tên {name}; xem danh sách bằng `engagement-monitor user list`.",
        "en": "No user named {name}; `engagement-monitor user list` shows them.",
    },
    # Campaign impact (models/impact.py): the plain-words estimate for leadership.
    "category_voluntary_si": {"vi": "BHXH tự nguyện", "en": "voluntary social insurance"},
    "category_health_insurance": {"vi": "BHYT", "en": "health insurance"},
    "category_vssid_install": {"vi": "cài đặt VssID", "en": "VssID installs"},
    "category_non_cash": {
        "vi": "nhận lương hưu, trợ cấp không dùng tiền mặt",
        "en": "non-cash benefit payment",
    },
    "impact_period": {"vi": "từ {start} đến {end}", "en": "from {start} to {end}"},
    "impact_no_window_data": {
        "vi": "{category} {period}: chưa có kết quả phát triển nào được báo cáo trong những ngày này.",
        "en": "{category} {period}: no enrolment results were reported for these days.",
    },
    "impact_too_little_history": {
        "vi": "{category} {period}: chưa đủ dữ liệu để ước tính: chỉ có {days} ngày bình thường (không "
        "chiến dịch, không nghỉ lễ) trong {weeks} tuần trước đó, cần ít nhất {needed} ngày (4 tuần). "
        "Hãy nhập kết quả phát triển của những tuần trước chiến dịch.",
        "en": "{category} {period}: too little history to estimate: only {days} ordinary days (no "
        "campaign, no holiday) in the {weeks} weeks before, at least {needed} (4 weeks) are needed. "
        "Import the enrolment results of the weeks before the campaign.",
    },
    "impact_figures": {
        "vi": "{category} {period}: ghi nhận {observed} người, trong khi theo {baseline_days} ngày bình "
        "thường trước đó dự kiến khoảng {expected} (khoảng tin cậy {level}: {low}–{high}); chênh lệch "
        "{difference} ({difference_low} đến {difference_high}), gấp {ratio} lần mức dự kiến.",
        "en": "{category} {period}: {observed} recorded, where the {baseline_days} ordinary days "
        "before predict about {expected} ({level} interval: {low}–{high}); a difference of {difference} "
        "({difference_low} to {difference_high}), {ratio} times the expected level.",
    },
    "impact_verdict_up": {
        "vi": "Con số này cao hơn hẳn mức thường thấy.",
        "en": "That is clearly above the usual level.",
    },
    "impact_verdict_down": {
        "vi": "Con số này thấp hơn hẳn mức thường thấy.",
        "en": "That is clearly below the usual level.",
    },
    "impact_verdict_none": {
        "vi": "Con số này vẫn nằm trong mức dao động thường thấy: chưa thấy khác biệt rõ.",
        "en": "That is within the usual ups and downs: no clear difference.",
    },
    "placebo_small": {
        "vi": "Trong {as_high} trên {windows} giai đoạn cùng độ dài không có chiến dịch, số người tham gia "
        "cũng cao như vậy so với dự kiến (p ≈ {p}).",
        "en": "In {as_high} of {windows} quiet periods of the same length the count was as high against "
        "its expected level (p ≈ {p}).",
    },
    "placebo_not_small": {
        "vi": "Trong {as_high} trên {windows} giai đoạn cùng độ dài không có chiến dịch, số người tham gia "
        "cũng cao như vậy so với dự kiến (p ≈ {p}): mức này không hiếm gặp.",
        "en": "In {as_high} of {windows} quiet periods of the same length the count was as high against "
        "its expected level (p ≈ {p}): not unusual.",
    },
    "placebo_too_few": {
        "vi": "Chưa kiểm tra đối chứng được: chỉ có {windows} giai đoạn cùng độ dài không có chiến dịch, "
        "cần ít nhất {needed} giai đoạn.",
        "en": "The placebo check could not be made: only {windows} quiet periods of the same length, "
        "at least {needed} are needed.",
    },
    "placebo_none": {
        "vi": "Chưa kiểm tra đối chứng được: không có giai đoạn nào không có chiến dịch đủ dài để đối chiếu.",
        "en": "The placebo check could not be made: no quiet period long enough to compare with.",
    },
    "impact_caution": {
        "vi": "Đây là mối liên hệ với chiến dịch, chưa phải bằng chứng chiến dịch là nguyên nhân: hạn đóng, "
        "chính sách hỗ trợ mới, đợt cấp thẻ BHYT học sinh hay việc nhập số liệu dồn cũng có thể giải thích.",
        "en": "This is an association with the campaign, not proven cause: deadlines, a new subsidy, a "
        "school health-insurance round or results entered late in bulk could also explain it.",
    },
    "units_figures": {
        "vi": "{category}: ở các đơn vị trọng điểm ({units}) số người mỗi ngày gấp {focus_ratio} lần "
        "các tuần trước, ở các đơn vị khác gấp {other_ratio} lần; đơn vị trọng điểm so với đơn vị khác: "
        "gấp {relative} lần (khoảng {level}: {low}–{high}).",
        "en": "{category}: in the focus units ({units}) the daily count was {focus_ratio} times that of the "
        "weeks before, in the other units {other_ratio} times; focus against other units: {relative} times "
        "({level} interval: {low}–{high}).",
    },
    "units_verdict_up": {
        "vi": "Các đơn vị trọng điểm tăng rõ hơn các đơn vị khác.",
        "en": "The focus units rose clearly more than the others.",
    },
    "units_verdict_down": {
        "vi": "Các đơn vị trọng điểm tăng ít hơn rõ so với các đơn vị khác.",
        "en": "The focus units rose clearly less than the others.",
    },
    "units_verdict_none": {
        "vi": "Chưa thấy khác biệt rõ giữa hai nhóm đơn vị.",
        "en": "No clear difference between the two groups of units.",
    },
    "units_caution": {
        "vi": "So sánh này giả định hai nhóm sẽ biến động như nhau nếu không có hoạt động (hãy xem cột "
        "“trước chiến dịch”); đơn vị được chọn làm trọng điểm thường đã khác các đơn vị còn lại.",
        "en": "This comparison assumes both groups would have moved alike without the activities (check the "
        "“before” column); units chosen as focus often differed from the others already.",
    },
    "units_no_units": {
        "vi": "{category}: chưa so sánh được theo đơn vị: cần ít nhất một đơn vị trọng điểm và một đơn vị "
        "khác có kết quả phát triển.",
        "en": "{category}: no per-unit comparison: it needs at least one focus unit and one other unit with "
        "enrolment results.",
    },
    "units_too_little_history": {
        "vi": "{category}: chưa so sánh được theo đơn vị: cần ít nhất {needed} ngày bình thường trước "
        "chiến dịch.",
        "en": "{category}: no per-unit comparison: it needs at least {needed} ordinary days before the "
        "campaign.",
    },
    # Comments and questions (models/comments.py).
    "topic_unknown": {
        "vi": "Chủ đề không hợp lệ: {topic}; chọn một trong {topics}.",
        "en": "Unknown topic {topic}: choose one of {topics}.",
    },
    "comment_gone": {
        "vi": "Bình luận này không còn (đã quá thời hạn lưu và chỉ còn số đếm); hãy tải lại trang.",
        "en": "This comment is gone (past its keeping time, only its counts remain); reload the page.",
    },
    "topic_voluntary_si": {"vi": "BHXH tự nguyện", "en": "Voluntary social insurance"},
    "topic_health_insurance": {"vi": "Thẻ BHYT (mua, gia hạn, hộ gia đình)", "en": "Health insurance card"},
    "topic_vssid": {"vi": "VssID (cài đặt, đăng nhập, OTP)", "en": "VssID (install, log-in, OTP)"},
    "topic_pension": {"vi": "Lương hưu, BHXH một lần", "en": "Pensions and one-off withdrawal"},
    "topic_sickness_maternity": {"vi": "Ốm đau, thai sản", "en": "Sickness and maternity"},
    "topic_payment": {"vi": "Cách đóng tiền, nhận tiền", "en": "Payment methods"},
    "topic_other": {"vi": "Khác", "en": "Other"},
    # Summaries (models/summary.py).
    "campaign_unknown": {
        "vi": "Không có chiến dịch {name}; xem danh sách bằng: engagement-monitor campaign list.",
        "en": "No campaign named {name}; see them with: engagement-monitor campaign list.",
    },
}


def say(key: str, lang: str | None = None, **values) -> str:
    """The message ``key`` in ``lang`` (default: the configured language)."""
    return translate(MESSAGES, key, language(lang), **values)


def category_name(category: str, lang: str | None = None) -> str:
    """The name staff use for an enrolment category (BHXH tự nguyện / voluntary social insurance)."""
    key = f"category_{category}"
    return say(key, lang) if key in MESSAGES else category


def topic_name(topic: str, lang: str | None = None) -> str:
    """The name staff use for a question topic (Thẻ BHYT / Health insurance card)."""
    key = f"topic_{topic}"
    return say(key, lang) if key in MESSAGES else topic
