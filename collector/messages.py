"""What the importers and sources say to users, in Vietnamese and English (see ``models.i18n.translate``)."""

import unicodedata

from models.i18n import translate
from models.messages import MESSAGES as MODEL_MESSAGES

MESSAGES: dict[str, dict[str, str]] = {
    # Connecting accounts with one button (collector/connect.py, collector/accounts.py).
    "connect_facebook": {"vi": "Facebook", "en": "Facebook"},
    "connect_zalo": {"vi": "Zalo OA", "en": "Zalo OA"},
    "connect_tiktok": {"vi": "TikTok", "en": "TikTok"},
    "connect_youtube": {"vi": "YouTube", "en": "YouTube"},
    "connect_field_app_id": {"vi": "Mã ứng dụng (App ID)", "en": "App ID"},
    "connect_field_app_secret": {"vi": "Khóa bí mật ứng dụng (App secret)", "en": "App secret"},
    "connect_field_secret_key": {"vi": "Khóa bí mật (Secret key)", "en": "Secret key"},
    "connect_field_client_key": {"vi": "Client key", "en": "Client key"},
    "connect_field_client_secret": {"vi": "Client secret", "en": "Client secret"},
    "connect_field_api_key": {"vi": "Khóa API của Google (API key)", "en": "Google API key"},
    "connect_field_missing": {
        "vi": "Hãy nhập {field} (không có dấu cách).",
        "en": "Enter the {field} (without spaces).",
    },
    "connect_app_missing": {
        "vi": "Chưa nhập thông tin ứng dụng {platform}; hãy nhập ở mục Thông tin ứng dụng trước.",
        "en": "The {platform} app credentials are not set; enter them under App credentials first.",
    },
    "connect_state_unknown": {
        "vi": "Lượt kết nối này không hợp lệ hoặc đã quá 10 phút; hãy bấm nút kết nối lại.",
        "en": "This connection attempt is unknown or older than 10 minutes; press the connect button again.",
    },
    "connect_state_other_user": {
        "vi": "Lượt kết nối này do người dùng khác bắt đầu; hãy tự bấm nút kết nối.",
        "en": "Another user started this connection attempt; press the connect button yourself.",
    },
    "connect_denied": {
        "vi": "{platform} chưa cho phép kết nối (đã bấm Hủy hoặc bỏ chọn quyền); lần sau hãy bấm "
        "Cho phép và giữ các quyền: {scopes}.",
        "en": "{platform} did not allow the connection (Cancel, or a permission unticked); next time "
        "press Allow and keep the permissions: {scopes}.",
    },
    "connect_permission_missing": {
        "vi": "{platform}: thiếu quyền {scopes}; hãy kết nối lại và giữ các quyền này khi được hỏi.",
        "en": "{platform}: the permission(s) {scopes} were not granted; connect again and keep them "
        "ticked when asked.",
    },
    "connect_refused_by": {
        "vi": "{platform} từ chối: {reason}. Hãy kiểm tra thông tin ứng dụng và bấm kết nối lại.",
        "en": "{platform} refused: {reason}. Check the app credentials and press connect again.",
    },
    "connect_unreachable": {
        "vi": "Không kết nối được tới {platform} ({error}); hãy kiểm tra mạng rồi thử lại.",
        "en": "Cannot reach {platform} ({error}); check the network and try again.",
    },
    "connect_bad_answer": {
        "vi": "{platform} trả lời không như mong đợi (mã {status}); hãy thử lại sau.",
        "en": "{platform} gave an unexpected answer (status {status}); try again later.",
    },
    "connect_no_pages": {
        "vi": "Tài khoản Facebook này không quản lý Trang nào; "
        "hãy dùng tài khoản quản trị Trang của cơ quan.",
        "en": "This Facebook account manages no Page; use an account that manages the office's Page.",
    },
    "connect_no_channel": {
        "vi": "Không tìm thấy kênh YouTube {channel}; hãy kiểm tra mã kênh (bắt đầu bằng UC).",
        "en": "No YouTube channel {channel}; check the channel ID (it starts with UC).",
    },
    # Sources changed from the dashboard (collector/sources_file.py).
    "status_paused": {
        "vi": "tạm dừng (không thu thập theo lịch)",
        "en": "paused (not collected on its schedule)",
    },
    "sources_unknown": {
        "vi": "Không có nguồn nào tên {name} trong tệp nguồn.",
        "en": "There is no source called {name} in the sources file.",
    },
    # Alerts by e-mail (collector/alerts.py).
    "alert_clock_invalid": {
        "vi": "không phải giờ HH:MM ({value}); ví dụ 10:00, hoặc 22:00-06:00 cho giờ yên lặng",
        "en": "not a time HH:MM ({value}); for example 10:00, or 22:00-06:00 for quiet hours",
    },
    "alert_failing": {
        "vi": "Nguồn {source} đã lỗi {runs} lần liên tiếp; lần gần nhất: {message}",
        "en": "Source {source} failed {runs} runs in a row; the last one: {message}",
    },
    "alert_stale": {
        "vi": "Nguồn {source} không chạy từ {when} (quá hai lần lịch của nó): bộ thu thập có thể đã dừng",
        "en": "Source {source} has not run since {when} (over twice its schedule): "
        "the collector may have stopped",
    },
    "alert_token_problem": {
        "vi": "Nguồn {source}: {message}",
        "en": "Source {source}: {message}",
    },
    "alert_refresh_expiring": {
        "vi": "Nguồn {source}: mã làm mới (refresh token) hết hạn lúc {when}; hãy kết nối lại tài khoản "
        "trong trang Quản trị trước thời điểm đó",
        "en": "Source {source}: its refresh token expires at {when}; connect the account again on the "
        "Administration page before then",
    },
    "alert_spreading": {
        "vi": "«{title}» ({channel}, {kind}, đăng {day}) đã đạt {views} lượt xem, gấp {times} lần trung vị "
        "{median} của Trang trong 90 ngày trước",
        "en": "“{title}” ({channel}, {kind}, published {day}) reached {views} views, {times} times the "
        "Page's median of {median} over the 90 days before",
    },
    "alert_enrolment": {
        "vi": "Chưa nhận được bảng kết quả phát triển ngày {day} (hạn {by})",
        "en": "Today's enrolment sheet ({day}) has not arrived (due by {by})",
    },
    "alert_source_failing_title": {
        "vi": "Nguồn dữ liệu lỗi hoặc ngừng chạy",
        "en": "Sources failing or stopped",
    },
    "alert_credentials_expiring_title": {
        "vi": "Mã truy cập sắp hết hạn hoặc bị thu hồi",
        "en": "Tokens expiring or withdrawn",
    },
    "alert_content_spreading_title": {
        "vi": "Bài đăng đang lan tỏa mạnh",
        "en": "Content spreading fast",
    },
    "alert_enrolment_missing_title": {
        "vi": "Chưa có bảng kết quả phát triển hôm nay",
        "en": "Today's enrolment sheet missing",
    },
    "alert_subject": {"vi": "[Cảnh báo] {title} ({count})", "en": "[Alert] {title} ({count})"},
    "alert_footer": {
        "vi": "Thư gửi tự động từ công cụ theo dõi tương tác; mỗi sự việc chỉ báo một lần.",
        "en": "Sent automatically by the engagement monitor; each occurrence is reported once.",
    },
    "alert_not_sent": {
        "vi": "Không gửi được cảnh báo «{title}»: {error}. Hãy kiểm tra các biến EM_SMTP_* và máy chủ thư.",
        "en": "The alert “{title}” could not be sent: {error}. "
        "Check the EM_SMTP_* settings and the mail server.",
    },
    "alerts_sent": {"vi": "Đã gửi {count} cảnh báo.", "en": "{count} alerts sent."},
    "alerts_none": {
        "vi": "Tệp nguồn chưa có nguồn nào loại alerts; xem README, mục Cảnh báo.",
        "en": "The sources file has no source of type alerts; see the README, Alerts.",
    },
    "alerts_result": {"vi": "{source}: {message}", "en": "{source}: {message}"},
    # Keeping it running: services at boot (collector/service.py).
    "service_command_failed": {
        "vi": "Lệnh {command} không thành công: {detail}",
        "en": "The command {command} failed: {detail}",
    },
    "service_no_permission": {
        "vi": "Không ghi được vào {folder}; hãy chạy bằng sudo, "
        "hoặc thêm --user để cài cho riêng tài khoản này.",
        "en": "Cannot write to {folder}; run it with sudo, or add --user to install for this account only.",
    },
    "service_no_program": {
        "vi": "Không tìm thấy chương trình engagement-monitor; hãy chạy lệnh này từ môi trường đã cài nó.",
        "en": "The engagement-monitor program was not found; "
        "run this from the environment it is installed in.",
    },
    "service_installed": {
        "vi": "Đã cài {path}; dịch vụ chạy khi khởi động máy và tự chạy lại khi dừng do lỗi.",
        "en": "Installed {path}; it starts at boot and restarts when it fails.",
    },
    "service_removed": {"vi": "Đã gỡ {path}.", "en": "Removed {path}."},
    "service_nothing_removed": {
        "vi": "Không có dịch vụ nào để gỡ.",
        "en": "There was no service to remove.",
    },
    "service_line": {
        "vi": "{service}: {installed}, trạng thái {state}, đã tự chạy lại {restarts} lần",
        "en": "{service}: {installed}, state {state}, restarted {restarts} times",
    },
    "service_is_installed": {"vi": "đã cài", "en": "installed"},
    "service_not_installed": {"vi": "chưa cài", "en": "not installed"},
    # Keeping it running: backup and restore (collector/backup.py).
    "backup_memory": {
        "vi": "Cơ sở dữ liệu trong bộ nhớ không sao lưu được; hãy dùng một tệp SQLite hoặc PostgreSQL.",
        "en": "An in-memory database cannot be backed up; use a SQLite file or PostgreSQL.",
    },
    "backup_no_database": {
        "vi": "Chưa có cơ sở dữ liệu {url} để sao lưu; hãy kiểm tra --db.",
        "en": "There is no database {url} to back up; check --db.",
    },
    "backup_backend_unknown": {
        "vi": "Chỉ sao lưu được SQLite và PostgreSQL, không phải {url}.",
        "en": "Only SQLite and PostgreSQL can be backed up, not {url}.",
    },
    "backup_pg_tool_missing": {
        "vi": "Không tìm thấy {tool}; hãy cài gói postgresql-client (cùng phiên bản với máy chủ).",
        "en": "{tool} not found; install postgresql-client (the server's version or newer).",
    },
    "backup_tool_failed": {
        "vi": "{tool} không chạy được với {url}: {detail}",
        "en": "{tool} failed on {url}: {detail}",
    },
    "backup_written": {
        "vi": "Đã sao lưu {url} vào {path} ({size} byte).",
        "en": "Backed up {url} to {path} ({size} bytes).",
    },
    "restore_unreadable": {
        "vi": "Không đọc được tệp sao lưu {path} ({reason}).",
        "en": "Cannot read the backup {path} ({reason}).",
    },
    "restore_not_backup": {
        "vi": "{path} không phải tệp sao lưu của engagement-monitor (SQLite hoặc pg_dump); "
        "hãy chọn đúng tệp.",
        "en": "{path} is not an engagement-monitor backup (SQLite or pg_dump); choose the right file.",
    },
    "restore_other_backend": {
        "vi": "{path} là bản sao lưu {kind}, không khôi phục được vào cơ sở dữ liệu {backend}; "
        "hãy chọn --db cùng loại.",
        "en": "{path} is a {kind} backup and cannot be restored into a {backend} database; "
        "choose a --db of the same kind.",
    },
    "restore_would_overwrite": {
        "vi": "Cơ sở dữ liệu {url} đã có số liệu; thêm --replace nếu thật sự muốn thay bằng bản sao lưu.",
        "en": "The database {url} already holds data; add --replace if you really want the backup instead.",
    },
    "restore_done": {
        "vi": "Đã khôi phục {path} vào {url}.",
        "en": "Restored {path} into {url}.",
    },
    # Cell problems, shown as ``file:row: column: <text>``.
    "id_scientific": {
        "vi": "ID đã bị Excel đổi sang dạng số mũ ({value}), không dùng được; hãy tải lại tệp xuất "
        "từ Meta và đừng lưu lại bằng Excel",
        "en": "ID damaged by Excel into scientific notation ({value}); download the export again "
        "and do not re-save it in Excel",
    },
    "number_scientific": {
        "vi": "số đã bị Excel đổi sang dạng số mũ ({value}); hãy tải lại tệp gốc",
        "en": "number damaged by Excel into scientific notation ({value}); use the original file",
    },
    "id_invalid": {"vi": "ID không hợp lệ ({value})", "en": "not a valid ID ({value})"},
    "value_missing": {"vi": "ô trống, cần có giá trị", "en": "empty, a value is required"},
    "count_invalid": {
        "vi": "không phải số nguyên ({value})",
        "en": "not a whole number ({value})",
    },
    "text_too_long": {
        "vi": "dài {length} ký tự, tối đa {limit} ({value})",
        "en": "{length} characters long, at most {limit} ({value})",
    },
    "number_invalid": {"vi": "không phải số ({value})", "en": "not a number ({value})"},
    "decimal_mixed": {
        "vi": "cột này viết số thập phân với dấu «{point}», ô này viết khác ({value}): sửa cho giống cả cột",
        "en": "the column writes decimals with «{point}», this cell not ({value}): write it like the rest",
    },
    "count_negative": {"vi": "số âm ({value})", "en": "negative count ({value})"},
    "count_negative_lifetime": {
        "vi": "số âm ({value}); nếu đây là bản xuất một giai đoạn, hãy cho biết ngày bằng --from/--to",
        "en": "negative count ({value}); if this export covers a period, give its dates with --from/--to",
    },
    "tiktok_link_invalid": {
        "vi": "không phải liên kết video TikTok ({value})",
        "en": "not a TikTok video link ({value})",
    },
    "day_without_year": {
        "vi": "ngày không có năm ({value}); hãy cho biết bằng --from/--to hoặc đặt năm vào tên tệp",
        "en": "a day without a year ({value}); give it with --from/--to or put the year in the file name",
    },
    "day_outside_period": {
        "vi": "ngày {value} không nằm trong giai đoạn đã cho (--from/--to)",
        "en": "the day {value} is not inside the period given (--from/--to)",
    },
    "category_class_invalid": {
        "vi": "phân loại không rõ ({value}); ghi “người tham gia” hoặc “kết quả khác”",
        "en": "unknown class ({value}); write “participants” or “other results”",
    },
    "number_too_large": {
        "vi": "số quá lớn ({value}); tối đa là {limit}",
        "en": "number too large ({value}); at most {limit}",
    },
    "interactions_mismatch": {
        "vi": "{total} khác xa tổng cảm xúc + bình luận + chia sẻ = {parts}",
        "en": "{total} is far from reactions + comments + shares = {parts}",
    },
    "studio_date_invalid": {
        "vi": "không phải ngày ({value}); YouTube Studio ghi ngày dạng 22 thg 5, 2024 hoặc May 22, 2024",
        "en": "not a date ({value}); YouTube Studio writes days as May 22, 2024 or 22 thg 5, 2024",
    },
    "date_invalid": {
        "vi": "không phải ngày ({value}); dùng YYYY-MM-DD hoặc dd/mm/yyyy",
        "en": "not a date ({value}); use YYYY-MM-DD or dd/mm/yyyy",
    },
    "datetime_invalid": {
        "vi": "không phải thời điểm MM/DD/YYYY HH:MM ({value})",
        "en": "not a time of the form MM/DD/YYYY HH:MM ({value})",
    },
    "date_out_of_range": {
        "vi": "ngày ngoài khoảng cho phép ({value}); năm phải từ {first} đến {last}",
        "en": "date out of range ({value}); the year must be between {first} and {last}",
    },
    "date_future": {
        "vi": "ngày sau hôm nay ({value}); kết quả không thể có trước khi xảy ra, hãy sửa ngày",
        "en": "a day after today ({value}); results cannot come from the future: correct the date",
    },
    "published_after_export": {
        "vi": "đăng sau thời điểm số liệu được xuất ({when}); hãy kiểm tra ngày đăng hoặc --as-of",
        "en": "published after the counts were taken ({when}); check the date or --as-of",
    },
    "other_page": {
        "vi": "dòng thuộc Trang khác ({value}); mỗi tệp chỉ xuất một Trang",
        "en": "row belongs to another Page ({value}); export one Page per file",
    },
    "chart_duplicate_day": {
        "vi": "cùng video và ngày với dòng {other}",
        "en": "same video and day as row {other}",
    },
    "duplicate_row": {
        "vi": "trùng ngày, đơn vị và loại với dòng {other}",
        "en": "same day, unit and category as row {other}",
    },
    "targets_invalid": {
        "vi": "chỉ tiêu phải có dạng loại=số;… ({value})",
        "en": "targets must look like category=number;… ({value})",
    },
    "campaign_dates": {
        "vi": "ngày kết thúc {end} trước ngày bắt đầu {start}",
        "en": "ends on {end}, before it starts on {start}",
    },
    "activity_kind_unknown": {
        "vi": "không rõ hình thức hoạt động ({value}); dùng một trong: {kinds}",
        "en": "unknown kind of activity ({value}); use one of: {kinds}",
    },
    "activity_duplicate": {
        "vi": "trùng tên, ngày bắt đầu và đơn vị với dòng {other}",
        "en": "same name, first day and unit as row {other}",
    },
    "activity_campaign_unknown": {
        "vi": "không có chiến dịch tên {value}; tạo chiến dịch trước (engagement-monitor campaign add) "
        "hoặc để trống ô này",
        "en": "no campaign named {value}; create it first (engagement-monitor campaign add) or leave "
        "the cell empty",
    },
    "unit_level_invalid": {
        "vi": "cấp không rõ ({value}); ghi Tỉnh, Huyện, Xã (hoặc Phường, Thị trấn) hay Khác",
        "en": "unknown level ({value}); write province, district, commune (or ward) or other",
    },
    "unit_parent_cycle": {
        "vi": "đơn vị {value} nằm trong vòng lặp đơn vị cha ({cycle}); một đơn vị không thể trực thuộc "
        "chính các đơn vị cấp dưới của nó",
        "en": "unit {value} is on a loop of parents ({cycle}); a unit cannot be under its own sub-units",
    },
    "unit_own_parent": {
        "vi": "đơn vị {value} không thể là đơn vị cha của chính nó",
        "en": "unit {value} cannot be its own parent",
    },
    "video_duplicate": {
        "vi": "video {value} đã có ở dòng {other}; mỗi video chỉ một dòng, hãy xóa dòng lặp",
        "en": "video {value} is already in row {other}; one row per video: remove the repeated row",
    },
    "article_duplicate": {
        "vi": "bài viết cùng tiêu đề, cùng ngày đã có ở dòng {other} ({value}); không tách được hai bài: "
        "hãy thêm cột ID bài viết hoặc xóa dòng lặp",
        "en": "an article with the same title on the same day is already in row {other} ({value}); the two "
        "cannot be told apart: add the article id column or remove the repeated row",
    },
    "unit_duplicate": {
        "vi": "đơn vị này đã có ở dòng {other}",
        "en": "this unit is already listed in row {other}",
    },
    # Whole-file problems: one line each, the database is left unchanged.
    "file_empty": {"vi": "{file}: tệp rỗng.", "en": "{file}: the file is empty."},
    "file_binary": {
        "vi": "{file}: không phải tệp CSV hay XLSX (nội dung nhị phân).",
        "en": "{file}: not a CSV or XLSX file (binary content).",
    },
    "file_xls": {
        "vi": "{file}: định dạng Excel .xls cũ; hãy lưu thành .xlsx hoặc .csv rồi nhập lại.",
        "en": "{file}: old Excel .xls format; save it as .xlsx or .csv and import it again.",
    },
    "file_xlsx_broken": {
        "vi": "{file}: tệp XLSX bị cắt cụt hoặc hỏng; hãy tải hoặc lưu lại tệp.",
        "en": "{file}: the XLSX workbook is truncated or damaged; download or save it again.",
    },
    "file_truncated": {
        "vi": "{file}: tệp kết thúc giữa chừng một dòng (tệp bị cắt cụt): hãy tải lại tệp.",
        "en": "{file}: the file ends in the middle of a row: download it again.",
    },
    "file_too_large": {
        "vi": "{file}: tệp {size} MB, vượt giới hạn {limit} MB; hãy xuất khoảng thời gian ngắn hơn.",
        "en": "{file}: the file is {size} MB, over the {limit} MB limit; export a shorter period.",
    },
    "file_special": {
        "vi": "{file}: không phải tệp thông thường (thiết bị, pipe hay socket); hãy chỉ đường dẫn tới một "
        "tệp CSV hoặc XLSX.",
        "en": "{file}: not a regular file (a device, pipe or socket); give the path of a CSV or XLSX file.",
    },
    "file_repeated_columns": {
        "vi": "{file}: tiêu đề có cột trùng tên ({columns}); không biết lấy số của cột nào: hãy đổi tên "
        "hoặc xóa cột thừa rồi nhập lại.",
        "en": "{file}: the header names a column twice ({columns}); which one holds the figures would be "
        "a guess: rename or remove the extra column, then import again.",
    },
    "file_xlsx_bomb": {
        "vi": "{file}: bảng tính giải nén ra {size} MB (gấp {ratio} lần tệp), quá lớn để là một bảng tính "
        "thật; hãy mở bằng Excel, lưu lại hoặc lưu thành CSV rồi nhập.",
        "en": "{file}: the workbook unpacks to {size} MB ({ratio} times the file), too much for a real "
        "workbook; open it in Excel and save it again, or save it as CSV, then import that.",
    },
    "file_archive": {
        "vi": "{file}: là tệp nén, không phải bảng tính XLSX; hãy giải nén và nhập tệp CSV/XLSX bên trong.",
        "en": "{file}: an archive, not an XLSX workbook; unpack it and import the CSV/XLSX inside.",
    },
    "file_encoding": {
        "vi": "{file}: không nhận ra bảng mã ký tự; hãy lưu thành CSV UTF-8.",
        "en": "{file}: cannot tell the text encoding; save it as CSV UTF-8.",
    },
    "file_no_header": {
        "vi": "{file}: không tìm thấy dòng tiêu đề cột.",
        "en": "{file}: no header row found.",
    },
    "file_unknown_kind": {
        "vi": "{file}: không nhận ra loại tệp (các cột: {columns}); cần một trong các loại: {kinds}; "
        "hoặc chỉ rõ bằng --kind.",
        "en": "{file}: unknown kind of file (columns: {columns}); expected one of: {kinds}; "
        "or name it with --kind.",
    },
    "file_missing_columns": {
        "vi": "{file}: không phải {kind}: thiếu cột {columns}.",
        "en": "{file}: not {kind}: missing columns {columns}.",
    },
    "file_no_rows": {
        "vi": "{file}: không có dòng dữ liệu nào.",
        "en": "{file}: no data rows.",
    },
    "file_rejected": {
        "vi": "{file}: {count} dòng lỗi, không nhập gì (dùng --skip-bad-rows để nhập các dòng đúng). "
        "Các lỗi đầu tiên:",
        "en": "{file}: {count} bad rows, nothing imported (use --skip-bad-rows to import the good "
        "rows). First problems:",
    },
    "file_unreadable": {
        "vi": "{file}: không đọc được tệp ({reason}).",
        "en": "{file}: cannot read the file ({reason}).",
    },
    "file_out_of_range": {
        "vi": "{file}: có số quá lớn để lưu vào cơ sở dữ liệu, không nhập gì; hãy kiểm tra các số trong tệp.",
        "en": "{file}: a number is too large for the database, nothing imported; check the file's numbers.",
    },
    "file_unexpected": {
        "vi": "{file}: lỗi không lường trước ({error}), không nhập gì từ tệp này; các tệp khác vẫn được "
        "nhập. Hãy báo lỗi này cho người phát triển.",
        "en": "{file}: unexpected error ({error}), nothing from this file was imported; the other files go "
        "on. Please report it to the developers.",
    },
    "no_channel": {
        "vi": "{file}: không biết tệp thuộc Trang nào; hãy nhập tệp xuất bài viết trước hoặc dùng "
        "--channel TÊN.",
        "en": "{file}: cannot tell which Page this file belongs to; import a posts export first or "
        "give --channel NAME.",
    },
    "zalo_no_channel": {
        "vi": '{file}: không biết bảng thống kê thuộc Zalo OA nào; hãy thêm --channel "TÊN OA".',
        "en": '{file}: cannot tell which Zalo OA this sheet belongs to; add --channel "OA NAME".',
    },
    "channel_unknown": {
        "vi": "Không có kênh nào tên {channel}; các kênh hiện có: {known}.",
        "en": "No channel named {channel}; known channels: {known}.",
    },
    "timezone_unknown": {
        "vi": "Múi giờ không hợp lệ: {timezone} (ví dụ Asia/Ho_Chi_Minh).",
        "en": "Unknown time zone: {timezone} (for example Asia/Ho_Chi_Minh).",
    },
    "youtube_channel_ambiguous": {
        "vi": "Có nhiều kênh YouTube ({known}); hãy chọn kênh của tệp bằng --channel.",
        "en": "There are several YouTube channels ({known}); choose the file's channel with --channel.",
    },
    "kind_unknown": {
        "vi": "Loại tệp không hợp lệ: {kind}; chọn một trong {kinds}.",
        "en": "Unknown kind: {kind}; choose one of {kinds}.",
    },
    # What an import recognised and did.
    "recognised": {
        "vi": "{file}: {kind}, tiêu đề {language}, bảng mã {encoding}, {rows} dòng{page}{captured}",
        "en": "{file}: {kind}, {language} headers, {encoding} encoding, {rows} rows{page}{captured}",
    },
    "recognised_page": {"vi": ", Trang {page}", "en": ", Page {page}"},
    "recognised_channel": {"vi": ", kênh {page}", "en": ", channel {page}"},
    "recognised_captured": {
        "vi": ", số liệu tính đến {when} (theo {origin})",
        "en": ", counts as of {when} (from {origin})",
    },
    "did": {
        "vi": "  đã nhập: {new} mới, {updated} cập nhật, {unchanged} không đổi, {rejected} bị loại",
        "en": "  imported: {new} new, {updated} updated, {unchanged} unchanged, {rejected} rejected",
    },
    "did_snapshots": {
        "vi": "  {snapshots} bản ghi số liệu mới",
        "en": "  {snapshots} new snapshots",
    },
    "already_imported": {
        "vi": "{file}: tệp này đã được nhập trước đó, không thay đổi gì.",
        "en": "{file}: already imported, nothing changed.",
    },
    "rejects_written": {
        "vi": "  các dòng bị loại và lý do đã ghi vào {path}",
        "en": "  rejected rows and reasons written to {path}",
    },
    "warnings": {
        "vi": "  {count} dòng có số liệu mâu thuẫn (vẫn nhập):",
        "en": "  {count} rows with contradicting numbers (imported anyway):",
    },
    "more_problems": {"vi": "  … và {count} lỗi khác", "en": "  … and {count} more"},
    "lang_vi": {"vi": "tiếng Việt", "en": "Vietnamese"},
    "lang_en": {"vi": "tiếng Anh", "en": "English"},
    "lang_none": {"vi": "không rõ ngôn ngữ", "en": "language-neutral"},
    "origin_as_of": {"vi": "--as-of", "en": "--as-of"},
    "origin_file_name": {"vi": "ngày cuối trong tên tệp", "en": "the end date in the file name"},
    "origin_modified": {"vi": "thời điểm sửa tệp", "en": "the file's modification time"},
    "origin_received": {"vi": "thời điểm nhận tệp", "en": "the time the file was received"},
    "kind_posts": {"vi": "tệp xuất bài viết Meta Business Suite", "en": "Meta Business Suite posts export"},
    "kind_youtube_videos": {
        "vi": "tệp xuất video YouTube Studio (Table data)",
        "en": "YouTube Studio videos export (Table data)",
    },
    "kind_zalo_articles": {
        "vi": "bảng thống kê bài viết Zalo OA",
        "en": "Zalo OA article statistics sheet",
    },
    "kind_page_metrics": {"vi": "chuỗi số liệu Trang ({metric})", "en": "page daily series ({metric})"},
    "kind_page_metrics_any": {"vi": "chuỗi số liệu Trang", "en": "page daily series"},
    "kind_enrolment": {"vi": "kết quả phát triển ({form})", "en": "enrolment results ({form})"},
    "form_long": {"vi": "dạng dọc", "en": "long form"},
    "form_wide": {"vi": "dạng ngang", "en": "wide form"},
    "kind_campaigns": {"vi": "danh sách chiến dịch", "en": "campaigns"},
    "kind_activities": {"vi": "danh sách hoạt động truyền thông", "en": "communication activities"},
    "kind_units": {"vi": "danh sách đơn vị", "en": "unit list"},
    "kind_instagram_posts": {
        "vi": "tệp xuất bài viết Instagram (Meta Business Suite)",
        "en": "Instagram posts export (Meta Business Suite)",
    },
    "kind_youtube_chart": {
        "vi": "lượt xem từng video theo ngày YouTube Studio (Chart data)",
        "en": "YouTube Studio daily views per video (Chart data)",
    },
    "kind_youtube_totals": {
        "vi": "lượt xem kênh theo ngày YouTube Studio (Totals)",
        "en": "YouTube Studio channel daily views (Totals)",
    },
    "kind_facebook_videos": {
        "vi": "tệp xuất video Meta Business Suite",
        "en": "Meta Business Suite video export",
    },
    "kind_tiktok_videos": {
        "vi": "tệp xuất nội dung TikTok Studio",
        "en": "TikTok Studio content export",
    },
    "kind_viewers_breakdown": {
        "vi": "người xem Trang theo ngày: tổng, mới, quay lại (Viewers)",
        "en": "Page daily viewers: total, new, returning (Viewers)",
    },
    "kind_follower_history": {
        "vi": "lịch sử người theo dõi Trang (FollowerHistory)",
        "en": "Page follower history (FollowerHistory)",
    },
    "archive_read": {
        "vi": "{file}: bản tải về từ YouTube Studio, {count} tệp:",
        "en": "{file}: a YouTube Studio download, {count} files:",
    },
    "archive_too_many": {
        "vi": "{file}: tệp nén có quá nhiều tệp (tối đa {limit}); không phải bản tải về từ YouTube Studio.",
        "en": "{file}: the archive holds too many files (at most {limit}); not a YouTube Studio download.",
    },
    "archive_bad_name": {
        "vi": "{file}: tệp nén chứa tên tệp không hợp lệ ({member}); không nhập gì.",
        "en": "{file}: the archive holds a file named outside it ({member}); nothing imported.",
    },
    "archive_broken": {
        "vi": "{file}: tệp nén bị hỏng hoặc có mật khẩu; hãy tải lại bản xuất.",
        "en": "{file}: the archive is damaged or encrypted; download the export again.",
    },
    "archive_views_agree": {
        "vi": "  Các tệp cùng cho một tổng lượt xem: {views}.",
        "en": "  The files add up to the same views: {views}.",
    },
    "archive_views_differ": {
        "vi": "  Các tệp cho tổng lượt xem khác nhau ({views}): hãy so với YouTube Studio, tải lại nếu cần.",
        "en": "  The files add up to different views ({views}): compare with YouTube Studio, download again "
        "if need be.",
    },
    "studio_period": {
        "vi": "  Số liệu của giai đoạn {start} – {end} (không phải số liệu trọn đời): đã lưu thành số liệu "
        "giai đoạn của {count} video, không lấy làm ảnh chụp.",
        "en": "  Figures of the period {start} – {end} (not lifetime counts): stored as the period's figures "
        "of {count} videos, not as snapshots.",
    },
    "studio_days_unknown": {
        "vi": "  {count} video không có thời gian xuất bản (đã xoá hoặc riêng tư): nhập với ngày chưa rõ.",
        "en": "  {count} videos without a publish time (deleted or private): imported with the day unknown.",
    },
    "studio_chart_read": {
        "vi": "  Lượt xem theo ngày của {videos} video, {start} – {end}: đã lưu thành số liệu từng ngày của "
        "từng video; lượt xem kênh theo ngày lấy từ Totals.csv.",
        "en": "  Daily views of {videos} videos, {start} – {end}: stored as each video's figures of each "
        "day; the channel's daily views come from Totals.csv.",
    },
    "days_changed": {
        "vi": "  {count} ngày đã có số khác và được cập nhật: {days}",
        "en": "  {count} days held other figures and were updated: {days}",
    },
    "import_summary": {
        "vi": "{ok} tệp đã xử lý, {failed} tệp lỗi.",
        "en": "{ok} files processed, {failed} failed.",
    },
    "nothing_found": {
        "vi": "{path}: không tìm thấy tệp CSV hay XLSX nào để nhập.",
        "en": "{path}: no CSV or XLSX file found to import.",
    },
    # Sources run by the scheduler.
    "folder_missing": {
        "vi": "Không có thư mục {folder}.",
        "en": "The folder {folder} does not exist.",
    },
    "folder_link": {
        "vi": "{file} là một liên kết (symlink), không được đọc hay ghi qua; hãy đặt chính tệp vào thư mục.",
        "en": "{file} is a link (symlink), never read or written through; put the file itself in the folder.",
    },
    "folder_result": {
        "vi": "{ok} tệp đã nhập, {failed} tệp lỗi, {waiting} tệp lỗi chờ sửa.",
        "en": "{ok} files imported, {failed} failed, {waiting} failed earlier and unchanged.",
    },
    "url_not_modified": {
        "vi": "{url}: tệp không đổi từ lần trước, không tải lại.",
        "en": "{url}: unchanged since last time, not downloaded.",
    },
    "url_http_error": {
        "vi": "{url}: máy chủ trả lời {status}.",
        "en": "{url}: the server answered {status}.",
    },
    "url_unreachable": {
        "vi": "{url}: không kết nối được ({reason}) sau {attempts} lần thử.",
        "en": "{url}: unreachable ({reason}) after {attempts} attempts.",
    },
    "url_too_large": {
        "vi": "{url}: tệp lớn hơn {limit} MB, không tải.",
        "en": "{url}: the file is larger than {limit} MB, not downloaded.",
    },
    # Campaign commands.
    "campaign_saved": {
        "vi": "Đã lưu chiến dịch {name} ({start} – {end}).",
        "en": "Campaign {name} saved ({start} – {end}).",
    },
    "campaign_unknown": MODEL_MESSAGES["campaign_unknown"],  # one text, also raised by models
    "campaign_none": {"vi": "Chưa có chiến dịch nào.", "en": "No campaigns yet."},
    "campaign_line": {
        "vi": "{name}: {start} – {end}{targets}; gán thêm {assigned}, loại ra {unassigned}",
        "en": "{name}: {start} – {end}{targets}; {assigned} added, {unassigned} taken out",
    },
    "campaign_targets": {"vi": "; chỉ tiêu {targets}", "en": "; targets {targets}"},
    "campaign_assigned": {
        "vi": "Đã gán {count} nội dung vào chiến dịch {name}.",
        "en": "{count} items assigned to campaign {name}.",
    },
    "campaign_unassigned": {
        "vi": "Đã loại {count} nội dung khỏi chiến dịch {name}.",
        "en": "{count} items taken out of campaign {name}.",
    },
    # Activity commands.
    "activity_saved": {
        "vi": "Đã lưu hoạt động {name} ({start} – {end}, {unit}).",
        "en": "Activity {name} saved ({start} – {end}, {unit}).",
    },
    "activity_removed": {
        "vi": "Đã xóa hoạt động {name} ({start}, {unit}).",
        "en": "Activity {name} removed ({start}, {unit}).",
    },
    "activity_unknown": {
        "vi": "Không có hoạt động {name} bắt đầu ngày {start} ở {unit}; xem danh sách bằng: "
        "engagement-monitor activity list.",
        "en": "No activity {name} starting on {start} in {unit}; see them with: "
        "engagement-monitor activity list.",
    },
    "activity_none": {"vi": "Chưa có hoạt động nào.", "en": "No activities yet."},
    "activity_line": {
        "vi": "{start} – {end} · {name} · {kind} · {unit}{venue} · tham dự: {attendance}{results}{campaign}",
        "en": "{start} – {end} · {name} · {kind} · {unit}{venue} · attendance: {attendance}"
        "{results}{campaign}",
    },
    "activity_results": {
        "vi": " · kết quả tại chỗ (đã nằm trong kết quả phát triển): {results}",
        "en": " · on the spot (already inside the enrolment results): {results}",
    },
    "activity_in_campaign": {"vi": " · chiến dịch {name}", "en": " · campaign {name}"},
    "activity_province": {"vi": "toàn tỉnh", "en": "province-wide"},
    "activity_kind_option": {
        "vi": "Không rõ hình thức hoạt động {value}; dùng một trong: {kinds}.",
        "en": "Unknown kind of activity {value}; use one of: {kinds}.",
    },
    "activity_name_missing": {
        "vi": "Hoạt động cần có tên.",
        "en": "An activity needs a name.",
    },
    "activity_dates": {
        "vi": "{name}: ngày kết thúc {end} trước ngày bắt đầu {start}.",
        "en": "{name}: ends on {end}, before it starts on {start}.",
    },
    "activity_count_invalid": {
        "vi": "Số người và kết quả tại chỗ phải là số không âm ({value}).",
        "en": "Attendance and on-the-spot results must be zero or more ({value}).",
    },
    "activity_campaign_option": {
        "vi": "Không có chiến dịch tên {name}; tạo chiến dịch trước (engagement-monitor campaign add).",
        "en": "No campaign named {name}; create it first (engagement-monitor campaign add).",
    },
    "activity_exists": {
        "vi": "Đã có hoạt động {name} bắt đầu ngày {start} ở {unit}.",
        "en": "There is already an activity {name} starting on {start} in {unit}.",
    },
    "content_unknown": {
        "vi": "Không tìm thấy nội dung có ID {ids}; không thay đổi gì.",
        "en": "No content with ID {ids}; nothing changed.",
    },
    "content_ambiguous": {
        "vi": "ID {content_id} khớp với nhiều nội dung; hãy ghi đủ ID dạng TRANG_BÀI.",
        "en": "ID {content_id} matches several items; give the full PAGE_POST ID.",
    },
    "target_invalid": {
        "vi": "Chỉ tiêu phải có dạng loại=số, ví dụ voluntary_si=250 ({value}).",
        "en": "A target must look like category=number, e.g. voluntary_si=250 ({value}).",
    },
    "period_option_half": {
        "vi": "Hãy cho cả --from và --to (ngày đầu và ngày cuối của bản xuất).",
        "en": "Give both --from and --to (the export's first and last day).",
    },
    "period_option_order": {
        "vi": "--from {start} sau --to {end}; ngày đầu phải trước ngày cuối.",
        "en": "--from {start} is after --to {end}; the first day comes first.",
    },
    "date_option_invalid": {
        "vi": "Ngày/giờ không hợp lệ: {value}; dùng YYYY-MM-DD hoặc YYYY-MM-DD HH:MM.",
        "en": "Not a date or time: {value}; use YYYY-MM-DD or YYYY-MM-DD HH:MM.",
    },
    # A Facebook Page read through the Graph API (also stored as the run's message).
    "page_token_missing": {
        "vi": "Trang {page}: biến môi trường {env} trống và tệp bí mật cũng không có; hãy đặt mã truy "
        "cập của Trang vào một trong hai nơi rồi khởi động lại trình thu thập.",
        "en": "Page {page}: the environment variable {env} is empty and the secrets file lacks it; put "
        "the Page access token in one of them and start the collector again.",
    },
    "page_token_expired": {
        "vi": "Trang {page} ({page_id}): mã truy cập đã hết hạn (mã lỗi Meta 190); hãy tạo mã truy cập "
        "Trang mới và đặt vào {env}.",
        "en": "Page {page} ({page_id}): the access token has expired (Meta code 190); create a new Page "
        "token and put it in {env}.",
    },
    "page_token_invalid": {
        "vi": "Trang {page} ({page_id}): mã truy cập không còn hợp lệ (mã lỗi Meta 190); hãy tạo mã truy "
        "cập Trang mới và đặt vào {env}.",
        "en": "Page {page} ({page_id}): the access token is no longer valid (Meta code 190); create a new "
        "Page token and put it in {env}.",
    },
    "page_permission": {
        "vi": "Trang {page} ({page_id}): mã truy cập thiếu quyền (mã lỗi Meta {code}); hãy cấp quyền "
        "pages_read_engagement và read_insights rồi đặt mã mới vào {env}.",
        "en": "Page {page} ({page_id}): the token lacks a permission (Meta code {code}); grant "
        "pages_read_engagement and read_insights, then put the new token in {env}.",
    },
    "page_rate_limited": {
        "vi": "Trang {page}: đã chạm giới hạn yêu cầu của Meta{wait}; phần đã đọc được giữ lại, phần còn "
        "lại sẽ lấy ở lần chạy sau.",
        "en": "Page {page}: Meta's request limit reached{wait}; what was read is kept, the rest comes "
        "next run.",
    },
    "rate_wait": {"vi": " trong khoảng {minutes} phút", "en": " for about {minutes} min"},
    "page_unavailable": {
        "vi": "Trang {page}: Graph API không trả lời sau nhiều lần thử ({reason}); lần chạy sau sẽ thử lại.",
        "en": "Page {page}: the Graph API did not answer after several tries ({reason}); the next run "
        "tries again.",
    },
    "graph_timeout": {"vi": "quá thời gian chờ", "en": "no answer in time"},
    "graph_connection": {"vi": "lỗi kết nối", "en": "connection problem"},
    "graph_unreadable": {
        "vi": "câu trả lời không đọc được, HTTP {status}",
        "en": "unreadable answer, HTTP {status}",
    },
    "page_stopped": {
        "vi": "Trang {page}: đã dừng trước khi xong; phần còn lại sẽ lấy ở lần chạy sau.",
        "en": "Page {page}: stopped before the end; the rest comes next run.",
    },
    "page_refused": {
        "vi": "Trang {page}: Meta từ chối một yêu cầu ({reason}).",
        "en": "Page {page}: Meta refused a request ({reason}).",
    },
    "metric_dropped": {
        "vi": "Meta không còn chấp nhận chỉ số {metric}: đã bỏ chỉ số này.",
        "en": "Meta no longer accepts the metric {metric}: dropped.",
    },
    "on_air": {
        "vi": "Đang phát trực tiếp: {title} ({viewers} người đang xem).",
        "en": "On air now: {title} ({viewers} watching).",
    },
    # A YouTube channel read through the YouTube Data API v3 (also stored as the run's message).
    "youtube_key_missing": {
        "vi": "Kênh YouTube {source}: biến môi trường {env} trống và tệp bí mật cũng không có; hãy tạo khóa "
        "API (YouTube Data API v3) trong Google Cloud console và đặt vào một trong hai nơi.",
        "en": "YouTube channel {source}: the environment variable {env} is empty and the secrets file lacks "
        "it; create an API key (YouTube Data API v3) in the Google Cloud console and put it in one of them.",
    },
    "youtube_key_invalid": {
        "vi": "Kênh YouTube {source}: Google từ chối khóa API ({reason}); hãy kiểm tra khóa trong {env}, "
        "bật YouTube Data API v3 cho dự án và cho phép khóa dùng API này.",
        "en": "YouTube channel {source}: Google refused the API key ({reason}); check the key in {env}, "
        "enable the YouTube Data API v3 for the project and allow the key to use it.",
    },
    "youtube_quota_exceeded": {
        "vi": "Kênh YouTube {source}: đã hết hạn mức YouTube Data API hôm nay (403 quotaExceeded); phần đã "
        "đọc được giữ lại, việc đọc tiếp tục sau nửa đêm giờ Thái Bình Dương ({reset}).",
        "en": "YouTube channel {source}: today's YouTube Data API quota is used up (403 quotaExceeded); what "
        "was read is kept, reading resumes after midnight Pacific Time ({reset}).",
    },
    "youtube_budget_spent": {
        "vi": "Kênh YouTube {source}: đã dùng {used} trên {quota} đơn vị hạn mức hôm nay (daily_quota); "
        "việc đọc tiếp tục sau nửa đêm giờ Thái Bình Dương ({reset}).",
        "en": "YouTube channel {source}: {used} of the day's {quota} quota units used (daily_quota); "
        "reading resumes after midnight Pacific Time ({reset}).",
    },
    "youtube_channel_missing": {
        "vi": "Kênh YouTube {source}: YouTube không có kênh {channel_id}; hãy kiểm tra channel_id "
        "(bắt đầu bằng UC, xem trong YouTube Studio > Cài đặt > Kênh > Cài đặt nâng cao).",
        "en": "YouTube channel {source}: YouTube has no channel {channel_id}; check channel_id (it starts "
        "with UC: YouTube Studio > Settings > Channel > Advanced settings).",
    },
    "youtube_unavailable": {
        "vi": "Kênh YouTube {source}: YouTube Data API không trả lời sau nhiều lần thử ({reason}); lần "
        "chạy sau sẽ thử lại.",
        "en": "YouTube channel {source}: the YouTube Data API did not answer after several tries "
        "({reason}); the next run tries again.",
    },
    "youtube_refused": {
        "vi": "Kênh YouTube {source}: YouTube từ chối một yêu cầu (HTTP {status}, {reason}).",
        "en": "YouTube channel {source}: YouTube refused a request (HTTP {status}, {reason}).",
    },
    "youtube_stopped": {
        "vi": "Kênh YouTube {source}: đã dừng trước khi xong; phần còn lại sẽ lấy ở lần chạy sau.",
        "en": "YouTube channel {source}: stopped before the end; the rest comes next run.",
    },
    "youtube_http": {"vi": "HTTP {status}", "en": "HTTP {status}"},
    "youtube_quota_status": {
        "vi": "hạn mức YouTube hôm nay: {used} / {quota} đơn vị",
        "en": "YouTube quota today: {used} / {quota} units",
    },
    "doctor_youtube_key": {"vi": "khóa API của nguồn '{source}'", "en": "source '{source}' API key"},
    "doctor_youtube_ok": {
        "vi": "khóa được chấp nhận, kênh {channel}; hạn mức hôm nay đã dùng {used} / {quota} đơn vị",
        "en": "key accepted, channel {channel}; quota used today {used} / {quota} units",
    },
    # A Zalo Official Account read through the OA Open API (also stored as the run's message).
    "zalo_refresh_missing": {
        "vi": "Zalo OA {source}: chưa có refresh token ({refresh_env}) trong tệp bí mật hay biến môi "
        "trường; hãy ủy quyền OA cho ứng dụng tại developers.zalo.me rồi ghi refresh token vào tệp bí mật.",
        "en": "Zalo OA {source}: no refresh token ({refresh_env}) in the secrets file or the environment; "
        "authorise the OA for the app at developers.zalo.me and put the refresh token in the secrets file.",
    },
    "zalo_secret_key_missing": {
        "vi": "Zalo OA {source}: thiếu khóa bí mật của ứng dụng ({env}); hãy chép Secret Key của ứng dụng "
        "tại developers.zalo.me vào tệp bí mật.",
        "en": "Zalo OA {source}: the app's secret key ({env}) is missing; copy the app's Secret Key from "
        "developers.zalo.me into the secrets file.",
    },
    "zalo_refresh_refused": {
        "vi": "Zalo OA {source}: refresh token đã hết hạn hoặc đã dùng rồi ({reason}); hãy ủy quyền lại OA "
        "cho ứng dụng tại developers.zalo.me và ghi refresh token mới vào {refresh_env} trong tệp bí mật.",
        "en": "Zalo OA {source}: the refresh token has expired or was used already ({reason}); "
        "re-authorise the OA for the app at developers.zalo.me and put the new refresh token in "
        "{refresh_env} in the secrets file.",
    },
    "zalo_token_refused": {
        "vi": "Zalo OA {source}: Zalo vẫn từ chối mã truy cập vừa gia hạn (mã lỗi {code}); hãy ủy quyền "
        "lại OA cho ứng dụng tại developers.zalo.me và ghi refresh token mới vào tệp bí mật.",
        "en": "Zalo OA {source}: Zalo refuses even the renewed access token (code {code}); re-authorise "
        "the OA for the app at developers.zalo.me and put the new refresh token in the secrets file.",
    },
    "zalo_secrets_unwritable": {
        "vi": "Zalo OA {source}: không ghi được refresh token mới vào {path} ({reason}); hãy cho phép ghi "
        "tệp này, nếu không lần sau sẽ phải ủy quyền lại.",
        "en": "Zalo OA {source}: could not write the new refresh token to {path} ({reason}); make the file "
        "writable, or the OA must be re-authorised next time.",
    },
    "zalo_unavailable": {
        "vi": "Zalo OA {source}: Zalo không trả lời sau nhiều lần thử ({reason}); lần chạy sau sẽ thử lại.",
        "en": "Zalo OA {source}: Zalo did not answer after several tries ({reason}); the next run tries "
        "again.",
    },
    "zalo_refused": {
        "vi": "Zalo OA {source}: Zalo từ chối một yêu cầu (mã lỗi {code}: {reason}).",
        "en": "Zalo OA {source}: Zalo refused a request (code {code}: {reason}).",
    },
    "zalo_stopped": {
        "vi": "Zalo OA {source}: đã dừng trước khi xong; phần còn lại sẽ lấy ở lần chạy sau.",
        "en": "Zalo OA {source}: stopped before the end; the rest comes next run.",
    },
    # A TikTok account read through the Display API (also stored as the run's message).
    "tiktok_refresh_missing": {
        "vi": "TikTok {source}: chưa có refresh token ({env}) trong tệp bí mật hay biến môi trường; hãy cho "
        "ứng dụng quyền truy cập tài khoản (Login Kit) rồi ghi refresh token vào tệp bí mật.",
        "en": "TikTok {source}: no refresh token ({env}) in the secrets file or the environment; authorise "
        "the app for the account (Login Kit) and put the refresh token in the secrets file.",
    },
    "tiktok_secret_missing": {
        "vi": "TikTok {source}: thiếu Client secret của ứng dụng ({env}); hãy chép từ developers.tiktok.com "
        "vào tệp bí mật.",
        "en": "TikTok {source}: the app's client secret ({env}) is missing; copy it from "
        "developers.tiktok.com into the secrets file.",
    },
    "tiktok_refresh_refused": {
        "vi": "TikTok {source}: refresh token đã hết hạn hoặc đã dùng rồi ({reason}); hãy cho ứng dụng quyền "
        "truy cập tài khoản lần nữa và ghi refresh token mới vào {refresh_env} trong tệp bí mật.",
        "en": "TikTok {source}: the refresh token has expired or was used already ({reason}); authorise the "
        "app again for the account and put the new refresh token in {refresh_env} in the secrets file.",
    },
    "tiktok_token_refused": {
        "vi": "TikTok {source}: TikTok vẫn từ chối mã truy cập vừa gia hạn ({code}); hãy cho ứng dụng quyền "
        "truy cập tài khoản lần nữa và ghi refresh token mới vào tệp bí mật.",
        "en": "TikTok {source}: TikTok refuses even the renewed access token ({code}); authorise the app "
        "again for the account and put the new refresh token in the secrets file.",
    },
    "tiktok_unavailable": {
        "vi": "TikTok {source}: TikTok không trả lời sau nhiều lần thử ({reason}); lần chạy sau sẽ thử lại.",
        "en": "TikTok {source}: TikTok did not answer after several tries ({reason}); the next run tries "
        "again.",
    },
    "tiktok_refused": {
        "vi": "TikTok {source}: TikTok từ chối một yêu cầu ({code}: {reason}); nếu là quyền (scope), hãy cho "
        "ứng dụng quyền video.list và user.info.stats.",
        "en": "TikTok {source}: TikTok refused a request ({code}: {reason}); for a scope, let the app have "
        "video.list and user.info.stats.",
    },
    "tiktok_secrets_unwritable": {
        "vi": "TikTok {source}: không ghi được refresh token mới vào {path} ({reason}); hãy cho phép ghi tệp "
        "này, nếu không lần sau sẽ phải cấp quyền lại.",
        "en": "TikTok {source}: could not write the new refresh token to {path} ({reason}); make the file "
        "writable, or the account must be authorised again next time.",
    },
    "tiktok_stopped": {
        "vi": "TikTok {source}: đã dừng trước khi xong; phần còn lại sẽ lấy ở lần chạy sau.",
        "en": "TikTok {source}: stopped before the end; the rest comes next run.",
    },
    "zalo_time_invalid": {
        "vi": "không phải ngày giờ dd/mm/yyyy HH:MM ({value})",
        "en": "not a date and time dd/mm/yyyy HH:MM ({value})",
    },
    # The collect command and the scheduler.
    "run_ok": {"vi": "thành công", "en": "ok"},
    "run_partial": {"vi": "một phần", "en": "partial"},
    "run_failed": {"vi": "thất bại", "en": "failed"},
    "run_running": {"vi": "đang chạy", "en": "running"},
    "run_skipped": {"vi": "bỏ qua", "en": "skipped"},
    "run_busy_elsewhere": {
        "vi": "nguồn này đang được một tiến trình thu thập khác chạy; lần này bỏ qua.",
        "en": "another collector is running this source right now; skipped this time.",
    },
    "run_result": {
        "vi": "{name}: {status}, {items} nội dung mới, {snapshots} bản ghi số liệu mới",
        "en": "{name}: {status}, {items} new items, {snapshots} new snapshots",
    },
    "run_interrupted": {
        "vi": "bị gián đoạn: trình thu thập đã dừng giữa chừng; lần chạy sau sẽ lấy bù.",
        "en": "interrupted: the collector stopped during this run; the next run catches up.",
    },
    "collect_no_sources": {
        "vi": "Tệp cấu hình không có nguồn nào: không có gì để thu thập.",
        "en": "No sources in the configuration: nothing to collect.",
    },
    "collect_closed": {
        "vi": "Đã đóng {count} lần chạy dở dang của trình thu thập trước.",
        "en": "Closed {count} run(s) left unfinished by an earlier collector.",
    },
    "collect_serving": {
        "vi": "Đang thu thập {count} nguồn; dừng bằng Ctrl+C.",
        "en": "Collecting {count} source(s); stop with Ctrl+C.",
    },
    "collect_stopping": {
        "vi": "Đang dừng: chờ các lần chạy đang dở ghi xong lô hiện tại…",
        "en": "Stopping: waiting for runs in progress to finish their current batch…",
    },
    "collect_stopped": {"vi": "Đã dừng.", "en": "Stopped."},
    # The sources file (sources.toml): ``file: source 'x': [key] problem.``
    "config_missing": {
        "vi": "{path}: không có tệp này; hãy sao chép sources.example.toml thành {path} rồi sửa, hoặc "
        "chỉ rõ tệp bằng --config.",
        "en": "{path}: no such file; copy sources.example.toml to {path} and edit it, or pass --config.",
    },
    "config_unreadable": {
        "vi": "{path}: không đọc được tệp ({reason}).",
        "en": "{path}: cannot read it ({reason}).",
    },
    "config_not_toml": {
        "vi": "{path}: không phải TOML hợp lệ ({reason}).",
        "en": "{path}: not valid TOML ({reason}).",
    },
    "config_source_unknown": {
        "vi": "Tệp cấu hình không có nguồn nào tên '{name}' (các nguồn: {known}).",
        "en": "No source named '{name}' in the configuration (known: {known}).",
    },
    "config_none": {"vi": "không có", "en": "none"},
    "config_where_name": {"vi": "nguồn '{name}': ", "en": "source '{name}': "},
    "config_where_number": {"vi": "nguồn thứ {number}: ", "en": "source number {number}: "},
    "config_duration": {
        "vi": "'{value}' không phải khoảng thời gian (viết ví dụ 30s, 10m, 1h, 1d)",
        "en": "'{value}' is not a duration (write e.g. 30s, 10m, 1h, 1d)",
    },
    "config_duration_zero": {"vi": "'{value}' phải dài hơn 0", "en": "'{value}' must be longer than zero"},
    "config_cron": {
        "vi": "'{value}' không phải biểu thức cron hợp lệ ({reason})",
        "en": "'{value}' is not a valid cron expression ({reason})",
    },
    "config_token_in_file": {
        "vi": "[{field}] không được ghi mã truy cập trong tệp này: hãy đặt nó vào một biến môi trường và "
        "ghi tên biến đó ở token_env",
        "en": "[{field}] a token must not be written in this file: put it in an environment variable and "
        "name that variable with token_env",
    },
    "config_both_schedules": {
        "vi": "[every] chỉ ghi every hoặc cron, không ghi cả hai",
        "en": "[every] give either every or cron, not both",
    },
    "config_base_url": {
        "vi": "'{value}' không phải địa chỉ http(s) không kèm phần truy vấn",
        "en": "'{value}' is not an http(s) address without query",
    },
    "config_email": {"vi": "'{value}' không phải địa chỉ e-mail", "en": "'{value}' is not an e-mail address"},
    "config_timezone": {
        "vi": "'{value}' không phải múi giờ (ví dụ Asia/Ho_Chi_Minh)",
        "en": "'{value}' is not a time zone (e.g. Asia/Ho_Chi_Minh)",
    },
    "config_name_twice": {
        "vi": "nguồn '{name}': [name] bị hai nguồn dùng chung",
        "en": "source '{name}': [name] is used by two sources",
    },
    "config_unknown_key": {"vi": "khóa không hợp lệ", "en": "unknown key"},
    "config_unknown_type": {
        "vi": "loại nguồn không hợp lệ (dùng một trong: {types})",
        "en": "unknown type (use one of: {types})",
    },
    "config_missing_type": {"vi": "thiếu (một trong: {types})", "en": "missing (one of: {types})"},
    # pydantic's own checks, by error type (others keep pydantic's English wording).
    "config_missing_key": {"vi": "thiếu, cần có giá trị", "en": "Field required"},
    "config_greater_than_equal": {
        "vi": "phải lớn hơn hoặc bằng {ge}",
        "en": "Input should be greater than or equal to {ge}",
    },
    "config_less_than_equal": {
        "vi": "phải nhỏ hơn hoặc bằng {le}",
        "en": "Input should be less than or equal to {le}",
    },
    "config_string_pattern_mismatch": {
        "vi": "không đúng dạng (mẫu {pattern})",
        "en": "String should match pattern '{pattern}'",
    },
    "config_string_too_short": {
        "vi": "phải có ít nhất {min_length} ký tự",
        "en": "String should have at least {min_length} character(s)",
    },
    "config_int_parsing": {"vi": "phải là số nguyên", "en": "Input should be a valid integer"},
    "config_string_type": {"vi": "phải là chuỗi ký tự", "en": "Input should be a valid string"},
    "config_literal_error": {"vi": "phải là {expected}", "en": "Input should be {expected}"},
    # The status command.
    "status_database": {"vi": "Cơ sở dữ liệu: {url}", "en": "Database: {url}"},
    "status_sources": {"vi": "Các nguồn trong {path}:", "en": "Sources in {path}:"},
    "status_no_config": {
        "vi": "Không có tệp cấu hình nguồn {path} (chỉ rõ bằng --config).",
        "en": "No sources file {path} (name one with --config).",
    },
    "status_no_sources": {"vi": "  (chưa có nguồn nào)", "en": "  (no sources)"},
    "status_source": {
        "vi": "  {name:<24} {type:<14} {schedule:<22} {last}",
        "en": "  {name:<24} {type:<14} {schedule:<22} {last}",
    },
    "status_every": {"vi": "mỗi {every}", "en": "every {every}"},
    "status_cron": {"vi": "cron {cron}", "en": "cron {cron}"},
    "status_never_run": {"vi": "chưa chạy lần nào", "en": "never run"},
    "status_last_run": {"vi": "lần cuối {when}: {status}", "en": "last run {when}: {status}"},
    "status_failing_since": {"vi": ", lỗi từ {when}", "en": ", failing since {when}"},
    "status_rows": {"vi": "Số dòng dữ liệu:", "en": "Row counts:"},
    "status_runs": {"vi": "Các lần thu thập gần nhất:", "en": "Last collection runs:"},
    "status_no_runs": {"vi": "Chưa có lần thu thập nào.", "en": "No collection runs yet."},
    "status_run": {
        "vi": "  {source:<24} {status:<10} {finished:<20} +{items} nội dung +{snapshots} số liệu  {message}",
        "en": "  {source:<24} {status:<10} {finished:<20} +{items} items +{snapshots} snapshots  {message}",
    },
    # The command line (collector/cli.py): database, demo, dashboard, users, maintenance, errors.
    "cli_error": {"vi": "Lỗi: {message}", "en": "Error: {message}"},
    "cli_interrupted": {"vi": "Đã dừng giữa chừng.", "en": "Interrupted."},
    "db_ready": {"vi": "Cơ sở dữ liệu đã sẵn sàng: {url}", "en": "Database ready: {url}"},
    "demo_already_loaded": {
        "vi": "Dữ liệu mẫu đã có sẵn trong {url}",
        "en": "Demo data already loaded in {url}",
    },
    "demo_loaded": {
        "vi": "Đã nạp dữ liệu mẫu vào {url}: {items} bài viết và video trực tiếp, {snapshots} bản ghi số "
        "liệu, {page_metrics} giá trị theo ngày của Trang, {enrolments} kết quả phát triển, "
        "{campaigns} chiến dịch.",
        "en": "Demo data loaded into {url}: {items} posts and livestreams, {snapshots} snapshots, "
        "{page_metrics} page-level daily values, {enrolments} enrolment results, {campaigns} campaigns.",
    },
    "demo_run": {"vi": "Đã nạp dữ liệu mẫu", "en": "Demo data loaded"},
    "demo_refused": {
        "vi": "Cơ sở dữ liệu này đã có dữ liệu; bản demo không bao giờ ghi đè lên dữ liệu. Hãy chạy demo "
        "không kèm --db, hoặc chỉ định một cơ sở dữ liệu mới.",
        "en": "This database already holds data; the demo never writes over it. "
        "Run the demo without --db, or give it a new database.",
    },
    "dashboard_serving": {
        "vi": "Bảng điều khiển: {url}  (đăng nhập: {mode}; dừng bằng Ctrl+C)",
        "en": "Dashboard: {url}  (sign-in {mode}; Ctrl+C to stop)",
    },
    "dashboard_serving_demo": {
        "vi": "Bảng điều khiển: {url}  (dừng bằng Ctrl+C)",
        "en": "Dashboard: {url}  (Ctrl+C to stop)",
    },
    "auth_off": {"vi": "tắt", "en": "off"},
    "auth_required": {"vi": "bắt buộc", "en": "required"},
    "auth_oidc": {"vi": "qua OIDC", "en": "oidc"},
    "auth_mode_unknown": {
        "vi": "Chế độ đăng nhập không hợp lệ: {mode}; dùng auto, off, required hoặc oidc.",
        "en": "Unknown sign-in mode {mode}: use auto, off, required or oidc.",
    },
    "auth_off_refused": {
        "vi": "Không thể tắt đăng nhập khi nghe trên {host}: máy tính khác có thể vào bảng điều khiển; "
        "hãy dùng --auth required hoặc --host 127.0.0.1.",
        "en": "Sign-in cannot be off on {host}: other computers could reach the dashboard; "
        "use --auth required or --host 127.0.0.1.",
    },
    "password_prompt": {"vi": "Mật khẩu", "en": "Password"},
    "password_again": {"vi": "Nhập lại mật khẩu", "en": "Repeat the password"},
    "password_mismatch": {
        "vi": "Hai lần nhập không khớp nhau; hãy nhập lại.",
        "en": "The two entries do not match; type it again.",
    },
    "user_added": {
        "vi": "Đã thêm người dùng {name} với vai trò {role}.",
        "en": "User {name} added with the {role} role.",
    },
    "user_password_changed": {"vi": "Đã đổi mật khẩu của {name}.", "en": "Password of {name} changed."},
    "user_role_changed": {"vi": "{name} giờ có vai trò {role}.", "en": "{name} now has the {role} role."},
    "user_removed": {"vi": "Đã xóa người dùng {name}.", "en": "User {name} removed."},
    "user_none": {
        "vi": "Chưa có người dùng nào: thêm bằng `engagement-monitor user add TÊN --role admin`.",
        "en": "No users yet: add one with `engagement-monitor user add NAME --role admin`.",
    },
    "user_line": {
        "vi": "  {name:<24} {role:<8} từ {since}{locked}",
        "en": "  {name:<24} {role:<8} since {since}{locked}",
    },
    "user_locked": {"vi": "  bị khóa đến {until}", "en": "  locked until {until}"},
    "rollup_rebuilt": {
        "vi": "Đã tính lại bảng tổng hợp theo ngày: {rows} dòng (nội dung × ngày).",
        "en": "Daily rollup rebuilt: {rows} item-days.",
    },
    "comments_read": {
        "vi": "Bình luận: {comments} mới, trong đó {questions} câu hỏi.",
        "en": "Comments: {comments} new, {questions} of them questions.",
    },
    "comments_permission": {
        "vi": "Trang {page}: Meta không cho đọc bình luận (mã truy cập thiếu quyền pages_read_user_content); "
        "hãy cấp quyền này cho mã của Trang, hoặc đặt comments = false.",
        "en": "Page {page}: Meta refused the comments (the token lacks pages_read_user_content); grant it "
        "to the Page token, or set comments = false.",
    },
    "comments_forgotten": {
        "vi": "Đã xóa {removed} bình luận cũ hơn {days} ngày; số đếm theo bài, ngày và chủ đề vẫn được giữ.",
        "en": "Removed {removed} comments older than {days} days; their counts by item, day and topic "
        "are kept.",
    },
    "snapshots_thinned": {
        "vi": "Bản ghi số liệu: đã xét {examined}, đã xóa {removed}.",
        "en": "Snapshots: {examined} examined, removed {removed}.",
    },
    "snapshots_thin_dry_run": {
        "vi": "Bản ghi số liệu: đã xét {examined}, sẽ xóa {removed}.",
        "en": "Snapshots: {examined} examined, would remove {removed}.",
    },
    # A source run that crashed on something we did not foresee (stored as the run's message).
    "run_unexpected": {
        "vi": "lỗi không mong đợi ({error}); chi tiết đã được ghi vào nhật ký của trình thu thập.",
        "en": "unexpected error ({error}); the details are in the collector's log.",
    },
    # The secrets file (collector/secrets.py).
    "secrets_missing": {
        "vi": "{path}: không có tệp bí mật này (do {env} chỉ định); hãy sửa {env} hoặc tạo tệp.",
        "en": "{path}: no such secrets file (named by {env}); correct {env} or create the file.",
    },
    "secrets_open": {
        "vi": "Người dùng khác đọc được tệp {path} (quyền {mode}); hãy chạy: chmod 600 {path}",
        "en": "{path} is open to other users (mode {mode}); run: chmod 600 {path}",
    },
    "secrets_unreadable": {
        "vi": "{path}: không đọc được tệp ({reason}).",
        "en": "{path}: cannot read it ({reason}).",
    },
    "secrets_not_toml": {
        "vi": '{path}: không phải TOML hợp lệ; hãy ghi mỗi dòng một TÊN = "giá trị".',
        "en": '{path}: not valid TOML; write one NAME = "value" per line.',
    },
    "secrets_not_text": {
        "vi": '{path}: {name} phải là chuỗi trong ngoặc kép (TÊN = "giá trị").',
        "en": '{path}: {name} must be a quoted string (NAME = "value").',
    },
    # The doctor command: ``STATUS  subject: message``.
    "doctor_ok": {"vi": "ĐẠT", "en": "OK"},
    "doctor_warn": {"vi": "LƯU Ý", "en": "WARN"},
    "doctor_fail": {"vi": "LỖI", "en": "FAIL"},
    "doctor_secrets": {"vi": "tệp bí mật", "en": "secrets"},
    "doctor_configuration": {"vi": "cấu hình", "en": "configuration"},
    "doctor_database": {"vi": "cơ sở dữ liệu", "en": "database"},
    "doctor_token": {"vi": "mã truy cập của nguồn '{source}'", "en": "source '{source}' token"},
    "doctor_no_secrets": {
        "vi": "không có tệp bí mật; mã truy cập lấy từ biến môi trường.",
        "en": "no secrets file; tokens come from environment variables.",
    },
    "doctor_secrets_private": {
        "vi": "{path} chỉ chủ sở hữu đọc được ({count} giá trị).",
        "en": "{path} is readable by its owner only ({count} value(s)).",
    },
    "doctor_no_config": {
        "vi": "không có {path}: chỉ nhập được tệp cho đến khi bạn thêm nguồn.",
        "en": "no {path}: only file imports until you add sources.",
    },
    "doctor_config": {"vi": "{path}: {count} nguồn ({kinds}).", "en": "{path}: {count} source(s) ({kinds})."},
    "doctor_schema_behind": {
        "vi": "{url} đang ở lược đồ {current}, chưa phải {head}: hãy chạy engagement-monitor init.",
        "en": "{url} is at schema {current}, not {head}: run engagement-monitor init.",
    },
    "doctor_database_ok": {
        "vi": "{url} kết nối được, lược đồ ở bản mới nhất ({head}).",
        "en": "{url} reachable, schema at the latest migration ({head}).",
    },
    "doctor_no_token": {
        "vi": "chưa có mã truy cập: hãy đặt biến môi trường {env} hoặc ghi vào tệp bí mật.",
        "en": "no token: set the environment variable {env} or put it in the secrets file.",
    },
    "doctor_zalo": {"vi": "Zalo OA '{source}'", "en": "Zalo OA '{source}'"},
    "doctor_zalo_missing": {
        "vi": "thiếu {env} trong tệp bí mật và biến môi trường; hãy ủy quyền OA cho ứng dụng tại "
        "developers.zalo.me và ghi vào tệp bí mật.",
        "en": "{env} is missing from the secrets file and the environment; authorise the OA for the app "
        "at developers.zalo.me and put it in the secrets file.",
    },
    "doctor_tiktok": {"vi": "TikTok '{source}'", "en": "TikTok '{source}'"},
    "doctor_tiktok_missing": {
        "vi": "thiếu {env} trong tệp bí mật và biến môi trường; hãy cho ứng dụng quyền truy cập tài khoản "
        "TikTok và ghi vào tệp bí mật.",
        "en": "{env} is missing from the secrets file and the environment; authorise the app for the TikTok "
        "account and put it in the secrets file.",
    },
    "doctor_tokens_ok": {
        "vi": "có refresh token và khóa ứng dụng; mã truy cập còn hiệu lực đến {when}, sẽ tự gia hạn.",
        "en": "refresh token and app key present; the access token is valid until {when} and renews itself.",
    },
    "doctor_tokens_ok_unknown": {
        "vi": "có refresh token và khóa ứng dụng; mã truy cập sẽ được gia hạn ở lần chạy tới.",
        "en": "refresh token and app key present; the access token will be renewed at the next run.",
    },
    "doctor_zalo_idle": {
        "vi": "refresh token gia hạn lần cuối lúc {renewed}, sẽ hết hạn khoảng {when} nếu không dùng; hãy "
        "chạy trình thu thập trước thời điểm đó, nếu không phải ủy quyền lại OA tại developers.zalo.me.",
        "en": "the refresh token was last renewed on {renewed} and lapses around {when} unless used; run "
        "the collector before then, or the OA must be re-authorised at developers.zalo.me.",
    },
    "doctor_renew": {
        "vi": "hãy tạo mã truy cập Trang mới và đặt vào {env}",
        "en": "create a new Page token and put it in {env}",
    },
    "doctor_token_expired": {"vi": "đã hết hạn lúc {when}; {renew}.", "en": "expired on {when}; {renew}."},
    "doctor_token_invalid": {
        "vi": "không hợp lệ ({problem}); {renew}.",
        "en": "not valid ({problem}); {renew}.",
    },
    "doctor_problem_expired": {"vi": "đã hết hạn", "en": "expired"},
    "doctor_problem_refused": {"vi": "Meta từ chối mã này", "en": "Meta refused it"},
    "doctor_token_scopes": {
        "vi": "thiếu quyền {scopes}; hãy cấp quyền rồi {renew}.",
        "en": "lacks the permission(s) {scopes}; grant them and {renew}.",
    },
    "doctor_token_forever": {
        "vi": "hợp lệ, không hết hạn, đủ quyền.",
        "en": "valid, does not expire, permissions complete.",
    },
    "doctor_token_soon": {
        "vi": "sẽ hết hạn sau {left} ({when}); {renew} trước thời điểm đó.",
        "en": "expires in {left} ({when}); {renew} before then.",
    },
    "doctor_token_valid": {
        "vi": "còn hiệu lực {left} nữa (đến {when}), đủ quyền.",
        "en": "valid for another {left} (until {when}), permissions complete.",
    },
    "doctor_days": {"vi": "{count} ngày", "en": "{count} days"},
    "doctor_hours": {"vi": "{count} giờ", "en": "{count} hours"},
    "doctor_unexpected": {
        "vi": "lỗi không mong đợi ({error}): {detail}",
        "en": "unexpected error ({error}): {detail}",
    },
}


# Values that name a file or quote a cell: whoever made the file chose them, so a newline in them
# must not start a line of its own in what we print (a forged "act.csv:2: Views: …").
_QUOTED_VALUES = ("file", "path", "value")


def say(key: str, lang: str, **values) -> str:
    """The message ``key`` in ``lang``; file names and cell values in it with control characters escaped."""
    for name in _QUOTED_VALUES:
        if name in values:
            values[name] = printable(str(values[name]))
    return translate(MESSAGES, key, lang, **values)


def printable(text: str) -> str:
    """``text`` with every character that moves or hides what follows (newline, carriage return,
    escape, tab, line separators, right-to-left overrides) written as its escape, ``\\n`` and so on."""
    return "".join(_escaped(ch) if _hides(ch) else ch for ch in text)


def _hides(ch: str) -> bool:
    bidi_control = "\u202a" <= ch <= "\u202e" or "\u2066" <= ch <= "\u2069"
    return bidi_control or unicodedata.category(ch) in ("Cc", "Zl", "Zp")


def _escaped(ch: str) -> str:
    return ch.encode("unicode_escape").decode("ascii")
