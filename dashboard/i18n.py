"""The dashboard's words, Vietnamese first and English: the one translations module of the interface.

Labels of rates name their denominator; numbers and dates are never formatted here but by
``models.i18n`` (babel).
"""

from babel.numbers import get_decimal_symbol, get_group_symbol

from models.i18n import LANGUAGES, translate

LANGUAGE_NAMES = {"vi": "Tiếng Việt", "en": "English"}

TEXTS: dict[str, dict[str, str]] = {
    # The frame: app title, navigation, sidebar filters.
    "app_title": {"vi": "Theo dõi tương tác", "en": "Engagement monitor"},
    "page_start": {"vi": "Bắt đầu", "en": "Get started"},
    "page_overview": {"vi": "Tổng quan", "en": "Overview"},
    "page_reach_enrolment": {"vi": "Tiếp cận và kết quả phát triển", "en": "Reach vs enrolment"},
    "page_content": {"vi": "Nội dung", "en": "Content"},
    "page_livestreams": {"vi": "Phát trực tiếp", "en": "Livestreams"},
    "page_campaigns": {"vi": "Chiến dịch", "en": "Campaigns"},
    "page_data": {"vi": "Dữ liệu", "en": "Data"},
    "language": {"vi": "Ngôn ngữ", "en": "Language"},
    "filters": {"vi": "Bộ lọc", "en": "Filters"},
    "period": {"vi": "Khoảng thời gian", "en": "Period"},
    "period_week": {"vi": "Tuần này", "en": "This week"},
    "period_month": {"vi": "Tháng này", "en": "This month"},
    "period_last_month": {"vi": "Tháng trước", "en": "Last month"},
    "period_campaign": {"vi": "Thời gian một chiến dịch", "en": "A campaign's dates"},
    "period_custom": {"vi": "Tự chọn", "en": "Custom"},
    "dates": {"vi": "Từ ngày – đến ngày", "en": "From – to"},
    "period_shown": {"vi": "{start} – {end} ({days} ngày)", "en": "{start} – {end} ({days} days)"},
    "period_help": {
        "vi": "“Tuần này” và “tháng này” tính đến ngày cuối cùng có dữ liệu ({last}).",
        "en": "“This week” and “this month” run up to the last day with data ({last}).",
    },
    "channels": {"vi": "Kênh", "en": "Channels"},
    "kinds": {"vi": "Loại nội dung", "en": "Content kinds"},
    "campaign": {"vi": "Chiến dịch", "en": "Campaign"},
    "all": {"vi": "Tất cả", "en": "All"},
    "share_hint": {
        "vi": "Bộ lọc nằm trong địa chỉ trang: sao chép địa chỉ để chia sẻ đúng góc nhìn này.",
        "en": "The filters live in the page address: copy it to share exactly this view.",
    },
    # Errors and the empty database.
    "error_generic": {
        "vi": "Đã xảy ra lỗi khi hiển thị trang này. Chi tiết đã được ghi vào nhật ký máy chủ; "
        "hãy thử lại hoặc báo cho người quản trị.",
        "en": "Something went wrong while showing this page. The details are in the server log; "
        "try again or tell your administrator.",
    },
    "start_title": {
        "vi": "Chào mừng đến với công cụ theo dõi tương tác",
        "en": "Welcome to the engagement monitor",
    },
    "start_body": {
        "vi": "Cơ sở dữ liệu chưa có dữ liệu. Có hai cách để bắt đầu:\n\n"
        "1. **Nhập tệp** trên trang **Dữ liệu**: tệp xuất bài viết từ Meta Business Suite (CSV/XLSX, "
        "tiêu đề tiếng Việt hoặc tiếng Anh), tệp lượt xem / người xem của Trang, bảng kết quả phát "
        "triển người tham gia, danh sách chiến dịch.\n"
        "2. **Xem thử với dữ liệu mẫu** (tháng 5/2024, BHXH tỉnh Lào Cai): chạy lệnh "
        "`engagement-monitor demo`.",
        "en": "The database holds no data yet. Two ways to start:\n\n"
        "1. **Import a file** on the **Data** page: a posts export from Meta Business Suite (CSV/XLSX, "
        "Vietnamese or English headers), the Page's views / viewers files, the enrolment results "
        "spreadsheet, a list of campaigns.\n"
        "2. **Try it with the demo data** (May 2024, Lao Cai Social Insurance): run "
        "`engagement-monitor demo`.",
    },
    "go_to_data": {"vi": "Đến trang Dữ liệu để nhập tệp", "en": "Go to the Data page to import a file"},
    "no_data_in_period": {
        "vi": "Không có dữ liệu trong khoảng thời gian và bộ lọc đã chọn.",
        "en": "No data for the chosen period and filters.",
    },
    # Metrics: every rate names its denominator.
    "views": {"vi": "Lượt xem", "en": "Views"},
    "views_plays": {"vi": "Lượt xem / phát", "en": "Views / plays"},
    "reach": {"vi": "Người tiếp cận", "en": "Reach"},
    "avg_reach": {"vi": "Người tiếp cận trung bình / nội dung", "en": "Average reach per item"},
    "page_views": {"vi": "Lượt xem Trang", "en": "Page views"},
    "page_viewers": {"vi": "Người xem Trang / ngày", "en": "Page viewers per day"},
    "page_viewers_daily_avg": {
        "vi": "Người xem Trang (trung bình / ngày)",
        "en": "Page viewers (daily average)",
    },
    "views_gain": {"vi": "Lượt xem mới của nội dung", "en": "New views of content"},
    "interactions_gain": {"vi": "Tương tác mới", "en": "New interactions"},
    "interactions": {"vi": "Tương tác", "en": "Interactions"},
    "interactions_help": {
        "vi": "Tương tác = cảm xúc + bình luận + lượt chia sẻ.",
        "en": "Interactions = reactions + comments + shares.",
    },
    "rate_per_reach": {
        "vi": "Tỷ lệ tương tác / người tiếp cận",
        "en": "Engagement rate / reach",
    },
    "rate_per_view": {"vi": "Tỷ lệ tương tác / lượt xem", "en": "Engagement rate / views"},
    "items": {"vi": "Số nội dung", "en": "Items"},
    "items_published": {"vi": "Nội dung đăng", "en": "Items published"},
    "enrolments": {"vi": "Người tham gia mới", "en": "New enrolments"},
    "enrolments_per_10k_views": {
        "vi": "Người tham gia mới / 10.000 lượt xem",
        "en": "Enrolments per 10,000 views",
    },
    "median_views": {"vi": "Lượt xem trung vị / nội dung", "en": "Median views per item"},
    "median_interactions": {
        "vi": "Tương tác trung vị / nội dung",
        "en": "Median interactions per item",
    },
    "change_vs_previous": {
        "vi": "So với {days} ngày liền trước ({start} – {end})",
        "en": "Against the previous {days} days ({start} – {end})",
    },
    "views_change": {"vi": "Lượt xem so với trước chiến dịch", "en": "Views vs before"},
    "enrolments_change": {
        "vi": "Người tham gia so với trước chiến dịch",
        "en": "Enrolments vs before",
    },
    # Content kinds.
    "kind_post": {"vi": "Bài viết", "en": "Post"},
    "kind_photo": {"vi": "Ảnh", "en": "Photo"},
    "kind_link": {"vi": "Liên kết", "en": "Link"},
    "kind_video": {"vi": "Video", "en": "Video"},
    "kind_reel": {"vi": "Thước phim (reel)", "en": "Reel"},
    "kind_livestream": {"vi": "Phát trực tiếp", "en": "Livestream"},
    # Enrolment categories.
    "category_voluntary_si": {"vi": "BHXH tự nguyện", "en": "Voluntary social insurance"},
    "category_health_insurance": {"vi": "BHYT", "en": "Health insurance"},
    "category_vssid_install": {"vi": "Cài đặt VssID", "en": "VssID installs"},
    "category_non_cash": {"vi": "Chi trả không dùng tiền mặt", "en": "Non-cash payment"},
    "target_of": {"vi": "Chỉ tiêu {category}", "en": "Target {category}"},
    "progress_of": {"vi": "Đạt {category}", "en": "Progress {category}"},
    # Overview.
    "kpi_heading": {"vi": "Chỉ số chính", "en": "Key figures"},
    "daily_trend": {"vi": "Diễn biến theo ngày", "en": "Daily trend"},
    "top_content": {"vi": "Nội dung nổi bật", "en": "Top content"},
    # Reach vs enrolment.
    "granularity": {"vi": "Theo", "en": "By"},
    "daily": {"vi": "Ngày", "en": "Day"},
    "weekly": {"vi": "Tuần", "en": "Week"},
    "reach_measure": {"vi": "Chỉ số tiếp cận", "en": "Reach measure"},
    "categories": {"vi": "Loại người tham gia", "en": "Enrolment categories"},
    "units": {"vi": "Đơn vị", "en": "Units"},
    "campaign_table": {"vi": "Kết quả từng chiến dịch", "en": "Per campaign"},
    "no_campaigns": {
        "vi": "Chưa có chiến dịch nào trong khoảng thời gian này. Tạo chiến dịch ở trang Chiến dịch.",
        "en": "No campaign in this period. Create one on the Campaigns page.",
    },
    "lag_heading": {"vi": "Độ trễ giữa tiếp cận và kết quả", "en": "Lag explorer"},
    "lag_days": {"vi": "Độ trễ (ngày)", "en": "Lag (days)"},
    "lag_caution": {
        "vi": "Đây là mức độ **đi cùng nhau**, không phải **quan hệ nhân quả**: số người tham gia tăng "
        "sau khi lượt tiếp cận tăng có thể do chiến dịch tại thôn bản, ngày nghỉ hay hạn đóng. "
        "Hãy dùng kết quả này để đặt câu hỏi, không để kết luận.",
        "en": "This shows **association**, not **cause**: enrolments rising after reach rises may come "
        "from village campaigns, holidays or payment deadlines. Use it to ask questions, not to "
        "draw conclusions.",
    },
    "lag_too_little": {
        "vi": "Chưa đủ dữ liệu để tính độ trễ: cần ít nhất {pairs} ngày liên tiếp có cả số liệu tiếp cận "
        "và kết quả phát triển. Hãy chọn khoảng thời gian dài hơn.",
        "en": "Too little data to explore lags: at least {pairs} consecutive days with both reach and "
        "enrolment figures are needed. Choose a longer period.",
    },
    "lag_best": {
        "vi": "Tương quan mạnh nhất ở độ trễ {lag} ngày (r = {r}, {pairs} cặp ngày).",
        "en": "The strongest correlation is at a lag of {lag} days (r = {r}, {pairs} pairs of days).",
    },
    # Content.
    "search": {"vi": "Tìm theo tiêu đề", "en": "Search titles"},
    "all_content": {"vi": "Tất cả nội dung", "en": "All content"},
    "kind_comparison": {"vi": "Bài viết và phát trực tiếp theo loại", "en": "Posts vs livestreams by kind"},
    "top_n": {"vi": "Số nội dung", "en": "How many"},
    "top_metric": {"vi": "Xếp theo", "en": "Ranked by"},
    "growth_heading": {"vi": "Tăng trưởng theo tuổi nội dung", "en": "Growth by age"},
    "growth_items": {"vi": "Chọn nội dung để so sánh", "en": "Items to compare"},
    "title": {"vi": "Tiêu đề", "en": "Title"},
    "kind": {"vi": "Loại", "en": "Kind"},
    "published": {"vi": "Thời gian đăng", "en": "Published"},
    "link": {"vi": "Liên kết", "en": "Link"},
    "open": {"vi": "Mở", "en": "Open"},
    "channel": {"vi": "Kênh", "en": "Channel"},
    # Livestreams.
    "no_livestreams": {
        "vi": "Không có buổi phát trực tiếp nào trong khoảng này.",
        "en": "No livestream in this period.",
    },
    "started": {"vi": "Bắt đầu", "en": "Started"},
    "duration": {"vi": "Thời lượng (phút)", "en": "Duration (minutes)"},
    "peak_live_viewers": {"vi": "Người xem trực tiếp cao nhất", "en": "Peak live viewers"},
    "peak_at": {"vi": "Lúc cao nhất", "en": "Peak at"},
    "avg_live_viewers": {"vi": "Người xem trực tiếp trung bình", "en": "Average live viewers"},
    "plays": {"vi": "Lượt phát", "en": "Plays"},
    "avg_watch": {"vi": "Thời gian xem trung bình (giây)", "en": "Average watch time (seconds)"},
    "broadcast": {"vi": "Buổi phát", "en": "Broadcast"},
    "compare_broadcasts": {"vi": "So sánh các buổi phát", "en": "Compare broadcasts"},
    # Campaigns.
    "campaign_list": {"vi": "Danh sách chiến dịch", "en": "Campaigns"},
    "progress_heading": {"vi": "Tiến độ so với chỉ tiêu", "en": "Progress against targets"},
    "new_campaign": {"vi": "Tạo chiến dịch mới", "en": "New campaign"},
    "edit_campaign": {"vi": "Sửa chiến dịch", "en": "Edit campaign"},
    "name": {"vi": "Tên", "en": "Name"},
    "start_date": {"vi": "Ngày bắt đầu", "en": "Start date"},
    "end_date": {"vi": "Ngày kết thúc", "en": "End date"},
    "description": {"vi": "Mô tả", "en": "Description"},
    "targets": {"vi": "Chỉ tiêu (để 0 nếu không có)", "en": "Targets (0 for none)"},
    "save": {"vi": "Lưu", "en": "Save"},
    "create": {"vi": "Tạo", "en": "Create"},
    "delete": {"vi": "Xóa chiến dịch", "en": "Delete campaign"},
    "confirm_delete": {"vi": "Tôi chắc chắn muốn xóa", "en": "Yes, delete it"},
    "saved": {"vi": "Đã lưu chiến dịch “{name}”.", "en": "Campaign “{name}” saved."},
    "deleted": {"vi": "Đã xóa chiến dịch “{name}”.", "en": "Campaign “{name}” deleted."},
    "name_required": {"vi": "Cần nhập tên chiến dịch.", "en": "A campaign needs a name."},
    "name_taken": {
        "vi": "Đã có chiến dịch tên “{name}”.",
        "en": "There is already a campaign named “{name}”.",
    },
    "dates_reversed": {
        "vi": "Ngày kết thúc phải sau hoặc trùng ngày bắt đầu.",
        "en": "The end date must be on or after the start date.",
    },
    "membership": {"vi": "Nội dung của chiến dịch", "en": "Content of the campaign"},
    "membership_help": {
        "vi": "Nội dung đăng trong thời gian chiến dịch tự động thuộc chiến dịch. Đánh dấu để thêm nội "
        "dung đăng ngoài thời gian đó, bỏ dấu để loại ra. Danh sách gồm nội dung trong khoảng thời gian "
        "đang lọc và nội dung đã thuộc chiến dịch.",
        "en": "Content published during the campaign belongs to it automatically. Tick to add content "
        "published outside its dates, untick to take it out. The list holds the content of the filtered "
        "period and the campaign's current content.",
    },
    "in_campaign": {"vi": "Thuộc chiến dịch", "en": "In campaign"},
    "save_membership": {"vi": "Lưu nội dung chiến dịch", "en": "Save campaign content"},
    "membership_saved": {"vi": "Đã cập nhật {count} nội dung.", "en": "{count} items updated."},
    "no_targets": {"vi": "Chiến dịch này chưa có chỉ tiêu.", "en": "This campaign has no targets."},
    "actual": {"vi": "Thực hiện", "en": "Actual"},
    "target": {"vi": "Chỉ tiêu", "en": "Target"},
    # Data.
    "upload_heading": {"vi": "Nhập tệp", "en": "Import files"},
    "upload_help": {
        "vi": "Tệp xuất bài viết từ Meta Business Suite (CSV/XLSX), tệp Lượt xem/Người xem của Trang, "
        "kết quả phát triển người tham gia, danh sách chiến dịch. Nhập lại cùng một tệp không thêm gì.",
        "en": "Posts exports from Meta Business Suite (CSV/XLSX), the Page's Views/Viewers files, "
        "enrolment results, a list of campaigns. Importing the same file again adds nothing.",
    },
    "upload": {"vi": "Chọn tệp", "en": "Choose files"},
    "import": {"vi": "Nhập", "en": "Import"},
    "skip_bad_rows": {
        "vi": "Bỏ qua dòng lỗi và nhập các dòng còn lại",
        "en": "Skip bad rows and import the rest",
    },
    "runs_heading": {"vi": "Các lần thu thập và nhập dữ liệu", "en": "Collection runs"},
    "health_heading": {"vi": "Tình trạng nguồn dữ liệu", "en": "Source health"},
    "counts_heading": {"vi": "Số dòng dữ liệu", "en": "Row counts"},
    "source": {"vi": "Nguồn", "en": "Source"},
    "status": {"vi": "Trạng thái", "en": "Status"},
    "status_ok": {"vi": "Thành công", "en": "OK"},
    "status_partial": {"vi": "Một phần", "en": "Partial"},
    "status_failed": {"vi": "Thất bại", "en": "Failed"},
    "status_running": {"vi": "Đang chạy", "en": "Running"},
    "finished": {"vi": "Kết thúc", "en": "Finished"},
    "new_items": {"vi": "Nội dung mới", "en": "New items"},
    "new_snapshots": {"vi": "Số liệu mới", "en": "New snapshots"},
    "message": {"vi": "Ghi chú", "en": "Message"},
    "last_run": {"vi": "Lần chạy gần nhất", "en": "Last run"},
    "last_success": {"vi": "Thành công gần nhất", "en": "Last success"},
    "failing_since": {"vi": "Lỗi từ", "en": "Failing since"},
    "token_problem": {"vi": "Vấn đề mã truy cập", "en": "Token problem"},
    "no_runs": {"vi": "Chưa có lần thu thập nào.", "en": "No collection runs yet."},
    "table": {"vi": "Bảng", "en": "Table"},
    "rows": {"vi": "Số dòng", "en": "Rows"},
    # Charts: titles, axes with units, hover.
    "chart_reach_enrolment": {
        "vi": "Tiếp cận và người tham gia mới theo {period}",
        "en": "Reach and new enrolments per {period}",
    },
    "axis_day": {"vi": "Ngày", "en": "Day"},
    "axis_week": {"vi": "Tuần (bắt đầu thứ Hai)", "en": "Week (starting Monday)"},
    "axis_people": {"vi": "Người", "en": "People"},
    "axis_count": {"vi": "Số lượng", "en": "Count"},
    "axis_hours": {"vi": "Giờ kể từ khi đăng", "en": "Hours since publishing"},
    "axis_minutes": {"vi": "Phút kể từ khi bắt đầu", "en": "Minutes since start"},
    "axis_correlation": {"vi": "Hệ số tương quan r", "en": "Correlation r"},
    "axis_percent_target": {"vi": "% chỉ tiêu", "en": "% of target"},
    "axis_reach_change": {"vi": "Thay đổi so với hôm trước: {measure}", "en": "Day-to-day change: {measure}"},
    "axis_enrolment_change": {
        "vi": "Thay đổi người tham gia mới sau {lag} ngày",
        "en": "Change in new enrolments {lag} days later",
    },
    "chart_trend": {"vi": "Lượt xem và tương tác theo ngày", "en": "Views and interactions per day"},
    "chart_kinds": {"vi": "So sánh theo loại nội dung", "en": "Comparison by content kind"},
    "chart_views_by_kind": {"vi": "Lượt xem từng nội dung theo loại", "en": "Views of each item by kind"},
    "chart_top": {"vi": "{n} nội dung có {metric} cao nhất", "en": "Top {n} items by {metric}"},
    "chart_growth": {"vi": "Lượt xem theo số giờ kể từ khi đăng", "en": "Views by hours since publishing"},
    "chart_live": {"vi": "Người xem trực tiếp: {title}", "en": "Live viewers: {title}"},
    "chart_live_compare": {"vi": "So sánh người xem trực tiếp", "en": "Live viewers compared"},
    "chart_lag": {
        "vi": "Tương quan giữa thay đổi tiếp cận và người tham gia mới theo độ trễ",
        "en": "Correlation of changes in reach with new enrolments, by lag",
    },
    "chart_lag_scatter": {
        "vi": "Từng cặp ngày ở độ trễ {lag} ngày",
        "en": "Each pair of days at a lag of {lag} days",
    },
    "chart_progress": {"vi": "Tiến độ: {name}", "en": "Progress: {name}"},
    "peak": {"vi": "Cao nhất: {viewers} người lúc {time}", "en": "Peak: {viewers} viewers at {time}"},
    "live_viewers": {"vi": "Người xem trực tiếp", "en": "Live viewers"},
    "hover_pairs": {"vi": "Số cặp ngày", "en": "Pairs of days"},
}


def t(key: str, lang: str, **values) -> str:
    """The interface text ``key`` in ``lang``."""
    return translate(TEXTS, key, lang, **values)


def kind_label(kind: str, lang: str) -> str:
    """A content kind in the user's words (unknown kinds as they are)."""
    return t(f"kind_{kind}", lang) if f"kind_{kind}" in TEXTS else kind


def category_label(category: str, lang: str) -> str:
    """An enrolment category in the user's words (categories the office defined as they are)."""
    return t(f"category_{category}", lang) if f"category_{category}" in TEXTS else category


def status_label(status: str, lang: str) -> str:
    return t(f"status_{status}", lang) if f"status_{status}" in TEXTS else status


def number_separators(lang: str) -> str:
    """Plotly's ``layout.separators`` for ``lang``: the decimal then the thousands symbol (babel's)."""
    return get_decimal_symbol(lang) + get_group_symbol(lang)


def other_language(lang: str) -> str:
    return next(code for code in LANGUAGES if code != lang)
