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
    # Summaries (models/summary.py).
    "campaign_unknown": {
        "vi": "Không có chiến dịch {name}; xem danh sách bằng: engagement-monitor campaign list.",
        "en": "No campaign named {name}; see them with: engagement-monitor campaign list.",
    },
}


def say(key: str, lang: str | None = None, **values) -> str:
    """The message ``key`` in ``lang`` (default: the configured language)."""
    return translate(MESSAGES, key, language(lang), **values)
