"""What the importers and sources say to users, in Vietnamese and English (see ``models.i18n.translate``)."""

from models.i18n import translate

MESSAGES: dict[str, dict[str, str]] = {
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
    "number_invalid": {"vi": "không phải số ({value})", "en": "not a number ({value})"},
    "count_negative": {"vi": "số âm ({value})", "en": "negative count ({value})"},
    "interactions_mismatch": {
        "vi": "{total} khác xa tổng cảm xúc + bình luận + chia sẻ = {parts}",
        "en": "{total} is far from reactions + comments + shares = {parts}",
    },
    "date_invalid": {
        "vi": "không phải ngày ({value}); dùng YYYY-MM-DD hoặc dd/mm/yyyy",
        "en": "not a date ({value}); use YYYY-MM-DD or dd/mm/yyyy",
    },
    "datetime_invalid": {
        "vi": "không phải thời điểm MM/DD/YYYY HH:MM ({value})",
        "en": "not a time of the form MM/DD/YYYY HH:MM ({value})",
    },
    "other_page": {
        "vi": "dòng thuộc Trang khác ({value}); mỗi tệp chỉ xuất một Trang",
        "en": "row belongs to another Page ({value}); export one Page per file",
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
    "file_too_large": {
        "vi": "{file}: tệp {size} MB, vượt giới hạn {limit} MB; hãy xuất khoảng thời gian ngắn hơn.",
        "en": "{file}: the file is {size} MB, over the {limit} MB limit; export a shorter period.",
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
        "vi": "{file}: không nhận ra loại tệp (các cột: {columns}); cần tệp xuất bài viết Meta, chuỗi số "
        "liệu Trang, kết quả phát triển hoặc danh sách chiến dịch, hoặc chỉ rõ bằng --kind.",
        "en": "{file}: unknown kind of file (columns: {columns}); expected a Meta posts export, a page "
        "series, enrolment results or campaigns, or name it with --kind.",
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
    "no_channel": {
        "vi": "{file}: không biết tệp thuộc Trang nào; hãy nhập tệp xuất bài viết trước hoặc dùng "
        "--channel TÊN.",
        "en": "{file}: cannot tell which Page this file belongs to; import a posts export first or "
        "give --channel NAME.",
    },
    "channel_unknown": {
        "vi": "Không có kênh nào tên {channel}; các kênh hiện có: {known}.",
        "en": "No channel named {channel}; known channels: {known}.",
    },
    "timezone_unknown": {
        "vi": "Múi giờ không hợp lệ: {timezone} (ví dụ Asia/Ho_Chi_Minh).",
        "en": "Unknown time zone: {timezone} (for example Asia/Ho_Chi_Minh).",
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
    "kind_page_metrics": {"vi": "chuỗi số liệu Trang ({metric})", "en": "page daily series ({metric})"},
    "kind_page_metrics_any": {"vi": "chuỗi số liệu Trang", "en": "page daily series"},
    "kind_enrolment": {"vi": "kết quả phát triển ({form})", "en": "enrolment results ({form})"},
    "form_long": {"vi": "dạng dọc", "en": "long form"},
    "form_wide": {"vi": "dạng ngang", "en": "wide form"},
    "kind_campaigns": {"vi": "danh sách chiến dịch", "en": "campaigns"},
    "import_summary": {
        "vi": "{ok} tệp đã xử lý, {failed} tệp lỗi.",
        "en": "{ok} files processed, {failed} failed.",
    },
    # Sources run by the scheduler.
    "folder_missing": {
        "vi": "Không có thư mục {folder}.",
        "en": "The folder {folder} does not exist.",
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
    "campaign_unknown": {
        "vi": "Không có chiến dịch {name}; xem danh sách bằng: engagement-monitor campaign list.",
        "en": "No campaign named {name}; see them with: engagement-monitor campaign list.",
    },
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
    "date_option_invalid": {
        "vi": "Ngày/giờ không hợp lệ: {value}; dùng YYYY-MM-DD hoặc YYYY-MM-DD HH:MM.",
        "en": "Not a date or time: {value}; use YYYY-MM-DD or YYYY-MM-DD HH:MM.",
    },
}


def say(key: str, lang: str, **values) -> str:
    """The message ``key`` in ``lang``."""
    return translate(MESSAGES, key, lang, **values)
