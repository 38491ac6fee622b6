"""The dashboard's words, Vietnamese first and English: the one translations module of the interface.

Labels of rates name their denominator; numbers and dates are never formatted here but by
``models.i18n`` (babel).
"""

from babel.numbers import get_decimal_symbol, get_group_symbol

from models.activities import kind_name
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
    "page_activities": {"vi": "Hoạt động", "en": "Activities"},
    "page_data": {"vi": "Dữ liệu", "en": "Data"},
    "page_admin": {"vi": "Quản trị", "en": "Administration"},
    "page_questions": {"vi": "Câu hỏi của người dân", "en": "Audience questions"},
    # Audience questions (app_pages/questions.py, question_charts.py).
    "no_questions": {
        "vi": "Chưa có câu hỏi nào trong khoảng thời gian này. Bình luận được thu khi nguồn Facebook hoặc "
        "YouTube có `comments = true` trong sources.toml.",
        "en": "No questions in this period. Comments are collected when a Facebook or YouTube source has "
        "`comments = true` in sources.toml.",
    },
    "questions_count": {"vi": "Câu hỏi", "en": "Questions"},
    "questions_count_help": {
        "vi": "Bình luận và trả lời của người dân có dạng câu hỏi (dấu hỏi, từ để hỏi, “không ạ”, "
        "“chưa ạ”…).",
        "en": "People's comments and replies worded as questions (question mark, question words, endings).",
    },
    "questions_answered": {"vi": "Đã trả lời", "en": "Answered"},
    "questions_answered_help": {
        "vi": "Phần câu hỏi mà Trang đã trả lời trong cùng luồng bình luận.",
        "en": "Share of questions the Page replied to in their thread.",
    },
    "questions_median": {"vi": "Trả lời sau (trung vị)", "en": "Median time to answer"},
    "questions_median_help": {
        "vi": "Trung vị thời gian từ câu hỏi đến trả lời đầu tiên của Trang, với các câu hỏi còn lưu "
        "nội dung.",
        "en": "Median time from a question to the Page's first reply, over the questions still kept.",
    },
    "questions_people": {"vi": "Số người hỏi", "en": "People asking"},
    "questions_people_help": {
        "vi": "Số người khác nhau (đếm bằng mã băm, không lưu tên).",
        "en": "Distinct people (counted by a salted hash; no names are stored).",
    },
    "minutes_value": {"vi": "{minutes} phút", "en": "{minutes} min"},
    "chart_questions_topics": {"vi": "Câu hỏi theo chủ đề, theo ngày", "en": "Questions by topic, per day"},
    "chart_questions_minute": {
        "vi": "Câu hỏi theo phút phát sóng: {title}",
        "en": "Questions by minute of the broadcast: {title}",
    },
    "axis_questions": {"vi": "Số câu hỏi", "en": "Questions"},
    "axis_broadcast_minute": {"vi": "Phút phát sóng", "en": "Minute of the broadcast"},
    "topic": {"vi": "Chủ đề", "en": "Topic"},
    "questions_livestream": {
        "vi": "Câu hỏi trong buổi phát trực tiếp",
        "en": "Questions during a livestream",
    },
    "questions_top": {"vi": "Câu hỏi nhiều nhất", "en": "Top questions"},
    "questions_top_help": {
        "vi": "Các câu hỏi viết gần giống nhau được gộp thành một nhóm; mỗi nhóm hiện cách hỏi "
        "gặp nhiều nhất.",
        "en": "Questions worded alike are grouped; each group shows its most frequent wording.",
    },
    "question_example": {"vi": "Câu hỏi", "en": "Question"},
    "times_asked": {"vi": "Số lần hỏi", "en": "Times asked"},
    "questions_unanswered": {"vi": "Chưa trả lời (cũ nhất trước)", "en": "Unanswered, oldest first"},
    "asked_at": {"vi": "Thời điểm hỏi", "en": "Asked at"},
    "content_item": {"vi": "Bài viết / video", "en": "Post or video"},
    "reply_link": {"vi": "Trả lời", "en": "Reply"},
    "reply": {"vi": "Trả lời trên nền tảng", "en": "Reply on the platform"},
    "all_answered": {
        "vi": "Mọi câu hỏi trong khoảng này đã được trả lời.",
        "en": "Every question here is answered.",
    },
    "relabel": {"vi": "Sửa chủ đề của một câu hỏi", "en": "Correct a question's topic"},
    "relabel_help": {
        "vi": "Chủ đề bạn sửa được ghi vào nhật ký và giúp bộ phân loại học cho lần sau.",
        "en": "Your correction is audited and teaches the classifier for next time.",
    },
    "relabel_question": {"vi": "Câu hỏi", "en": "Question"},
    "relabel_topic": {"vi": "Chủ đề đúng", "en": "Right topic"},
    "relabel_save": {"vi": "Lưu chủ đề", "en": "Save topic"},
    "relabel_saved": {"vi": "Đã lưu chủ đề.", "en": "Topic saved."},
    "text_not_kept": {"vi": "(không lưu nội dung)", "en": "(text not kept)"},
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
    "platforms": {"vi": "Nền tảng", "en": "Platforms"},
    "platform": {"vi": "Nền tảng", "en": "Platform"},
    "platform_facebook": {"vi": "Facebook", "en": "Facebook"},
    "platform_youtube": {"vi": "YouTube", "en": "YouTube"},
    "platform_zalo": {"vi": "Zalo", "en": "Zalo"},
    "platform_tiktok": {"vi": "TikTok", "en": "TikTok"},
    "platform_instagram": {"vi": "Instagram", "en": "Instagram"},
    "platform_comparison": {"vi": "So sánh các nền tảng", "en": "Platforms compared"},
    "platform_comparison_help": {
        "vi": "Tương tác = cảm xúc (lượt thích) + bình luận + chia sẻ; tỷ lệ tương tác trên lượt xem = "
        "tương tác ÷ lượt xem, tính trên nội dung có cả hai số. Lượt xem mỗi nền tảng đếm theo cách "
        "riêng (Facebook: lượt phát từ 3 giây; YouTube: lượt xem của YouTube).",
        "en": "Interactions = reactions (likes) + comments + shares; engagement per view = interactions ÷ "
        "views, over the items that have both. Each platform counts views its own way (Facebook: plays "
        "of 3 s or more; YouTube: YouTube's views).",
    },
    "all_kinds": {"vi": "Mọi loại", "en": "All kinds"},
    "chart_platforms": {
        "vi": "Lượt xem và tương tác theo nền tảng",
        "en": "Views and engagement by platform",
    },
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
    "enrolments": {"vi": "Người tham gia mới", "en": "New participants"},
    "other_results": {
        "vi": "Kết quả khác (không cộng vào người tham gia)",
        "en": "Other results (not added in)",
    },
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
        "vi": "Mức thay đổi so với kỳ trước ({start} – {end}).",
        "en": "Changes against the previous period ({start} – {end}).",
    },
    "page_report": {"vi": "Báo cáo", "en": "Report"},
    "report_notes_help": {
        "vi": "Những mục báo cáo tháng mà số liệu không tự viết được, cho kỳ {start} – {end}: báo cáo Word "
        "in nguyên văn, mỗi dòng một đoạn; mục để trống được in là “chưa có nội dung”. Mỗi lần lưu được "
        "ghi vào nhật ký.",
        "en": "The parts of the monthly report the figures cannot write, for {start} – {end}: the Word "
        "report prints them as written, one paragraph a line; an empty section prints as “not written yet”. "
        "Every save is audited.",
    },
    "report_notes_from_previous": {
        "vi": "Kỳ này chưa có nội dung: đây là nội dung của kỳ trước để bắt đầu; sửa rồi lưu cho kỳ này.",
        "en": "Nothing written for this period yet: this is the previous period's text to start from; "
        "edit it and save it for this period.",
    },
    "report_notes_saved": {"vi": "Đã lưu {count} mục.", "en": "{count} section(s) saved."},
    "no_year_data": {"vi": "Không có số liệu cùng kỳ.", "en": "No data for the same period last year."},
    "no_year_comparison": {
        "vi": "Không so sánh cùng kỳ (chỉ tháng, quý).",
        "en": "No same-period comparison (months and quarters only).",
    },
    "year_ago_dates": {
        "vi": "Cùng kỳ năm trước ({start} – {end}): trong phần giải thích của từng ô.",
        "en": "Same period last year ({start} – {end}): in each card's explanation.",
    },
    "card_year_ago": {
        "vi": "Cùng kỳ năm trước: {value} ({change}).",
        "en": "Same period last year: {value} ({change}).",
    },
    # Activities beyond the fanpage: never added to online figures, their results inside enrolments.
    "activities": {"vi": "Hoạt động ngoài fanpage", "en": "Activities beyond the fanpage"},
    "attendance": {"vi": "Người tham dự trực tiếp", "en": "Face-to-face attendance"},
    "reached": {
        "vi": "Người được tiếp cận qua tin nhắn, báo đài, pano (ước tính)",
        "en": "Reached by messages, press, radio, banners (estimated)",
    },
    "on_spot": {
        "vi": "Kết quả tại chỗ (đã tính trong người tham gia mới)",
        "en": "On-the-spot results (inside new enrolments)",
    },
    "on_spot_of": {"vi": "Tại chỗ: {category}", "en": "On the spot: {category}"},
    "activity": {"vi": "Hoạt động", "en": "Activity"},
    "activity_kind": {"vi": "Hình thức", "en": "Kind"},
    "venue": {"vi": "Địa điểm / kênh", "en": "Venue / channel"},
    "note": {"vi": "Ghi chú", "en": "Note"},
    "province_wide": {"vi": "Toàn tỉnh", "en": "Province-wide"},
    "activities_heading": {
        "vi": "Hoạt động truyền thông ngoài fanpage (hội nghị, văn nghệ, gian hàng, pano, báo đài, Zalo…)",
        "en": "Communication beyond the fanpage (conferences, performances, booths, banners, press, Zalo…)",
    },
    "activities_markers_help": {
        "vi": "Hàng dưới cùng: các hoạt động ngoài fanpage theo hình thức (điểm: một ngày, đoạn: nhiều "
        "ngày); di chuột để xem chi tiết.",
        "en": "Bottom row: activities beyond the fanpage by kind (a point for a day, a line for several); "
        "hover for details.",
    },
    "activities_list": {"vi": "Các hoạt động trong khoảng thời gian", "en": "Activities in the period"},
    "no_activities": {
        "vi": "Chưa có hoạt động nào trong khoảng thời gian này. Thêm ở dưới, hoặc nhập bảng hoạt động ở "
        "trang Dữ liệu.",
        "en": "No activity in this period. Add one below, or import an activity sheet on the Data page.",
    },
    "new_activity": {"vi": "Thêm hoạt động mới", "en": "New activity"},
    "edit_activity": {"vi": "Sửa hoạt động", "en": "Edit activity"},
    "activity_unit_help": {
        "vi": "Xã, huyện hoặc phường; để trống nếu là hoạt động toàn tỉnh.",
        "en": "Commune, district or ward; leave it empty for a province-wide activity.",
    },
    "activity_results_help": {
        "vi": "Kết quả tại chỗ (người tham gia, mua thẻ, được hỗ trợ ngay tại hoạt động): là một phần của "
        "kết quả phát triển những ngày đó, không cộng thêm.",
        "en": "On-the-spot results (people who enrolled, bought a card or were helped at the activity): a "
        "part of those days' enrolment results, not extra to them.",
    },
    "no_campaign": {"vi": "(không thuộc chiến dịch nào)", "en": "(no campaign)"},
    "delete_activity": {"vi": "Xóa hoạt động", "en": "Delete activity"},
    "activity_saved": {"vi": "Đã lưu hoạt động “{name}”.", "en": "Activity “{name}” saved."},
    "activity_deleted": {"vi": "Đã xóa hoạt động “{name}”.", "en": "Activity “{name}” deleted."},
    "activity_name_required": {"vi": "Cần nhập tên hoạt động.", "en": "An activity needs a name."},
    "activity_taken": {
        "vi": "Đã có hoạt động “{name}” bắt đầu ngày {start} ở {unit}: hãy chọn hoạt động đó để sửa.",
        "en": "There is already an activity “{name}” starting on {start} in {unit}: choose it to edit it.",
    },
    "activities_arithmetic": {
        "vi": "Người tham dự là người được tiếp cận trực tiếp, không cộng vào lượt xem hay người tiếp cận "
        "trên mạng. Kết quả tại chỗ là một phần của kết quả phát triển những ngày đó, không cộng thêm.",
        "en": "Attendance is people reached offline and is never added to online views or reach. "
        "On-the-spot results are a part of those days' enrolment results, not extra to them.",
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
    "kind_article": {"vi": "Bài viết Zalo OA", "en": "Zalo OA article"},
    # Enrolment categories.
    "category_voluntary_si": {"vi": "BHXH tự nguyện", "en": "Voluntary social insurance"},
    "category_health_insurance": {"vi": "BHYT", "en": "Health insurance"},
    "category_vssid_install": {"vi": "Cài đặt VssID", "en": "VssID installs"},
    "category_non_cash": {"vi": "Chi trả không dùng tiền mặt", "en": "Non-cash payment"},
    "target_of": {"vi": "Chỉ tiêu {category}", "en": "Target {category}"},
    "progress_of": {"vi": "Đạt {category}", "en": "Progress {category}"},
    # Overview.
    "kpi_heading": {"vi": "Chỉ số chính", "en": "Key figures"},
    # Key figure cards: a label short enough to show whole on a 1400-px screen, the definition as help.
    "kpi_views": {"vi": "Lượt xem / phát", "en": "Views / plays"},
    "kpi_views_help": {
        "vi": "Tổng lượt xem (bài viết, ảnh) và lượt phát (video, thước phim, trực tiếp) của các nội dung "
        "đăng trong kỳ, theo số liệu mới nhất.",
        "en": "Views (posts, photos) and plays (videos, reels, livestreams) of the items published in the "
        "period, latest counts.",
    },
    "kpi_avg_reach": {"vi": "Tiếp cận TB / nội dung", "en": "Avg reach per item"},
    "kpi_avg_reach_help": {
        "vi": "Người tiếp cận trung bình / nội dung: số người tiếp cận của mỗi nội dung đăng trong kỳ, "
        "lấy trung bình trên các nội dung có số liệu.",
        "en": "Average reach per item: the people reached by each item published in the period, averaged "
        "over the items that have the figure.",
    },
    "kpi_page_viewers": {"vi": "Người xem Trang / ngày", "en": "Page viewers per day"},
    "kpi_page_viewers_help": {
        "vi": "Người xem Trang (trung bình / ngày): số người xem Trang mỗi ngày trong kỳ, lấy trung bình.",
        "en": "Page viewers (daily average): the people who viewed the Page each day of the period, "
        "averaged.",
    },
    "kpi_interactions": {"vi": "Tương tác", "en": "Interactions"},
    "kpi_interactions_help": {
        "vi": "Tương tác = cảm xúc + bình luận + lượt chia sẻ của các nội dung đăng trong kỳ.",
        "en": "Interactions = reactions + comments + shares of the items published in the period.",
    },
    "kpi_rate_per_reach": {"vi": "Tương tác / tiếp cận", "en": "Engagement / reach"},
    "kpi_rate_per_reach_help": {
        "vi": "Tỷ lệ tương tác / người tiếp cận: tổng tương tác chia tổng người tiếp cận, trên các nội "
        "dung có cả hai số.",
        "en": "Engagement rate per reach: interactions divided by people reached, over the items that have "
        "both figures.",
    },
    "kpi_rate_per_view": {"vi": "Tương tác / lượt xem", "en": "Engagement / views"},
    "kpi_rate_per_view_help": {
        "vi": "Tỷ lệ tương tác / lượt xem: tổng tương tác chia tổng lượt xem, trên các nội dung có cả "
        "hai số.",
        "en": "Engagement rate per view: interactions divided by views, over the items that have both "
        "figures.",
    },
    "kpi_items": {"vi": "Số nội dung", "en": "Items"},
    "kpi_items_help": {
        "vi": "Số nội dung (bài viết, ảnh, liên kết, video, thước phim, trực tiếp) đăng trong kỳ.",
        "en": "Items (posts, photos, links, videos, reels, livestreams) published in the period.",
    },
    "kpi_enrolments": {"vi": "Người tham gia mới", "en": "New participants"},
    "kpi_enrolments_help": {
        "vi": "Người tham gia mới trong kỳ: BHXH tự nguyện, BHYT và các nhóm đơn vị đánh dấu là người "
        "tham gia; cài VssID, chi trả không dùng tiền mặt… là kết quả khác, không cộng vào.",
        "en": "New participants in the period: voluntary social insurance, health insurance and any "
        "category the office marks so; VssID installs, non-cash payment… are other results, not added.",
    },
    "kpi_other_results": {"vi": "Kết quả khác", "en": "Other results"},
    "kpi_other_results_help": {
        "vi": "Cài VssID, chi trả không dùng tiền mặt và các nhóm khác: tính riêng, không cộng vào người "
        "tham gia mới.",
        "en": "VssID installs, non-cash payment and other categories: counted beside new participants, "
        "never added to them.",
    },
    "kpi_enrolments_by_category": {"vi": "Kết quả theo nhóm", "en": "Results by category"},
    "kpi_enrolment_help": {
        "vi": "Người tham gia mới – {category}: số người tham gia mới của nhóm này trong kỳ.",
        "en": "New enrolments – {category}: new participants of this category in the period.",
    },
    "kpi_activities": {"vi": "Hoạt động ngoài fanpage", "en": "Offline activities"},
    "kpi_activities_help": {
        "vi": "Số hoạt động truyền thông ngoài fanpage trong kỳ (hội nghị, văn nghệ, gian hàng, pano, báo "
        "đài, Zalo…).",
        "en": "Communication activities beyond the fanpage in the period (conferences, performances, "
        "booths, banners, press, Zalo…).",
    },
    "kpi_attendance": {"vi": "Người tham dự trực tiếp", "en": "Face-to-face attendance"},
    "kpi_attendance_help": {
        "vi": "Người tham dự trực tiếp (văn nghệ, gian hàng, hội nghị, nhóm nhỏ, lễ phát động); không cộng "
        "người nhận tin nhắn, báo đài, pano, cũng không cộng vào lượt xem hay người tiếp cận trên mạng.",
        "en": "People met in person (performances, booths, conferences, small groups, launches); people "
        "sent messages or reached by press, radio and banners are not added, nor are online views.",
    },
    "kpi_reached": {"vi": "Tiếp cận gián tiếp (ước tính)", "en": "Reached at a distance (estimated)"},
    "kpi_reached_help": {
        "vi": "Người nhận tin nhắn, nghe đài, đọc báo, xem pano theo ước tính của đơn vị; tính riêng, không "
        "cộng vào người tham dự trực tiếp.",
        "en": "People sent messages or reached by press, radio and banners, as the office estimates; "
        "counted apart, never added to face-to-face attendance.",
    },
    "kpi_on_spot": {"vi": "Kết quả tại chỗ", "en": "On-the-spot results"},
    "kpi_on_spot_help": {
        "vi": "Người tham gia, mua thẻ hoặc được hỗ trợ ngay tại hoạt động; đã tính trong người tham gia "
        "mới, không cộng thêm.",
        "en": "People who enrolled, bought a card or were helped at an activity; inside new enrolments, "
        "not extra to them.",
    },
    "kpi_category_voluntary_si": {"vi": "BHXH tự nguyện", "en": "Voluntary SI"},
    "kpi_category_health_insurance": {"vi": "BHYT", "en": "Health insurance"},
    "kpi_category_vssid_install": {"vi": "Cài đặt VssID", "en": "VssID installs"},
    "kpi_category_non_cash": {"vi": "Không dùng tiền mặt", "en": "Non-cash payment"},
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
    # Campaign impact against a baseline (models/impact.py).
    "impact_heading": {
        "vi": "Chiến dịch mang lại thêm bao nhiêu người?",
        "en": "Campaign impact against a baseline",
    },
    "impact_intro": {
        "vi": "So sánh số người tham gia trong những ngày chiến dịch với **số dự kiến** nếu mọi thứ diễn ra "
        "như các tuần bình thường trước đó (cùng nhịp các ngày trong tuần; bỏ qua ngày lễ và ngày của các "
        "chiến dịch khác). Khoảng dao động cho biết số dự kiến có thể chênh bao nhiêu chỉ do may rủi.",
        "en": "Enrolments on the campaign's days against the **expected** count had things gone as in the "
        "ordinary weeks before (same weekday pattern; holidays and other campaigns' days left out). The "
        "interval says how far the expected count could move by chance alone.",
    },
    "impact_caution": {
        "vi": "**Đọc kết quả thế nào:** đây là **mối liên hệ** với chiến dịch, **chưa phải bằng chứng** "
        "chiến dịch là nguyên nhân. Số người tăng cũng có thể do hạn đóng, chính sách hỗ trợ mới, đợt cấp "
        "thẻ BHYT học sinh, một đơn vị nhập số liệu dồn, hay các hoạt động khác cùng lúc. Khi số thực "
        "tế nằm trong khoảng dao động, không nên nói chiến dịch “không hiệu quả”: có thể chỉ là chưa đủ "
        "số liệu.",
        "en": "**How to read this:** it is an **association** with the campaign, **not proven cause**. A "
        "rise can also come from payment deadlines, a new subsidy, a school health-insurance round, a unit "
        "entering results late in bulk, or other work at the same time. When the observed count is inside "
        "the interval, do not call the campaign “ineffective”: there may simply be too little data.",
    },
    "impact_campaign": {"vi": "Chiến dịch cần đánh giá", "en": "Campaign to assess"},
    "impact_expected": {"vi": "Dự kiến", "en": "Expected"},
    "impact_observed": {"vi": "Thực tế", "en": "Observed"},
    "impact_interval": {"vi": "Khoảng dao động 95%", "en": "95% interval"},
    "impact_expected_low": {"vi": "Dự kiến: thấp", "en": "Expected: low"},
    "impact_expected_high": {"vi": "Dự kiến: cao", "en": "Expected: high"},
    "impact_difference": {"vi": "Chênh lệch", "en": "Difference"},
    "impact_difference_low": {"vi": "Chênh lệch: thấp", "en": "Difference: low"},
    "impact_difference_high": {"vi": "Chênh lệch: cao", "en": "Difference: high"},
    "impact_ratio": {"vi": "Gấp (lần)", "en": "Ratio (×)"},
    "impact_baseline_days": {"vi": "Số ngày nền", "en": "Baseline days"},
    "impact_placebo_as_high": {"vi": "Giai đoạn thường cao như vậy", "en": "Quiet periods as high"},
    "impact_placebo_windows": {"vi": "Số giai đoạn thường", "en": "Quiet periods"},
    "impact_in_words": {"vi": "Diễn giải", "en": "In words"},
    "impact_none": {
        "vi": "Chưa có chiến dịch hoặc kết quả phát triển để đánh giá.",
        "en": "No campaign or enrolment results to assess yet.",
    },
    "chart_impact": {
        "vi": "Thực tế so với dự kiến, theo loại",
        "en": "Observed against expected, per category",
    },
    "placebo_heading": {
        "vi": "Kiểm tra đối chứng: những giai đoạn không có chiến dịch",
        "en": "Placebo check: periods without a campaign",
    },
    "placebo_category": {"vi": "Loại", "en": "Category"},
    "placebo_axis": {"vi": "Thực tế ÷ dự kiến", "en": "Observed ÷ expected"},
    "placebo_windows": {"vi": "Số giai đoạn", "en": "Periods"},
    "placebo_campaign": {"vi": "Chiến dịch", "en": "Campaign"},
    "chart_placebo": {
        "vi": "{category}: chiến dịch so với các giai đoạn thường cùng độ dài",
        "en": "{category}: the campaign against quiet periods of the same length",
    },
    "units_heading": {
        "vi": "Theo đơn vị: nơi có hoạt động so với nơi khác",
        "en": "Per unit: focus units against the others",
    },
    "units_focus": {"vi": "Đơn vị trọng điểm", "en": "Focus units"},
    "units_focus_help": {
        "vi": "Mặc định là các đơn vị có hoạt động truyền thông của chiến dịch (trang Dữ liệu → hoạt động); "
        "có thể chọn lại.",
        "en": "By default the units where the campaign's communication activities were held; change them "
        "as you like.",
    },
    "units_category": {"vi": "Loại người tham gia", "en": "Enrolment category"},
    "units_before": {"vi": "Trước chiến dịch (người/ngày)", "en": "Before (per day)"},
    "units_during": {"vi": "Trong chiến dịch (người/ngày)", "en": "During (per day)"},
    "units_ratio": {"vi": "Gấp (lần)", "en": "Ratio (×)"},
    "units_is_focus": {"vi": "Trọng điểm", "en": "Focus"},
    "units_yes": {"vi": "có", "en": "yes"},
    "units_no": {"vi": "không", "en": "no"},
    "units_none": {
        "vi": "Kết quả phát triển chưa có đơn vị nào để so sánh.",
        "en": "The enrolment results hold no units to compare.",
    },
    # Content.
    "search": {"vi": "Tìm theo tiêu đề", "en": "Search titles"},
    "period_figures": {"vi": "Số liệu của giai đoạn (bản xuất)", "en": "Figures of the period (export)"},
    "period_figures_help": {
        "vi": "{items} nội dung, số liệu đúng giai đoạn này theo bản xuất của nền tảng (YouTube Studio), "
        "không phải số liệu trọn đời; lượt thích là số ròng, có thể âm.",
        "en": "{items} items, their figures over exactly this period as the platform's export gives them "
        "(YouTube Studio), not lifetime counts; likes are net and may be negative.",
    },
    "likes": {"vi": "Lượt thích", "en": "Likes"},
    "comments": {"vi": "Bình luận", "en": "Comments"},
    "shares": {"vi": "Chia sẻ", "en": "Shares"},
    "watch_time_h": {"vi": "Thời gian xem (giờ)", "en": "Watch time (hours)"},
    "all_content": {"vi": "Tất cả nội dung", "en": "All content"},
    "content_page": {"vi": "Trang", "en": "Page"},
    "activities_rows": {
        "vi": "Hoạt động {first}–{last} trong {total}; trang sau để xem tiếp, hoặc chọn một chiến dịch",
        "en": "Activities {first}–{last} of {total}; the next page for more, or choose a campaign",
    },
    "content_rows": {"vi": "Nội dung {first}–{last} trong {total}", "en": "Items {first}–{last} of {total}"},
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
    "all_broadcasts": {"vi": "Tất cả buổi phát", "en": "All broadcasts"},
    # The chosen broadcast's key figures, as cards above its viewer curve.
    "live_plays": {"vi": "Lượt phát", "en": "Plays"},
    "live_plays_help": {
        "vi": "Lượt phát của buổi phát theo số liệu mới nhất (cả lúc trực tiếp và xem lại).",
        "en": "The broadcast's plays at the latest count (live and replays).",
    },
    "live_interactions": {"vi": "Tương tác", "en": "Interactions"},
    "live_interactions_help": {
        "vi": "Cảm xúc + bình luận + lượt chia sẻ của buổi phát, theo số liệu mới nhất.",
        "en": "Reactions + comments + shares of the broadcast, at the latest count.",
    },
    "live_peak": {"vi": "Người xem cao nhất", "en": "Peak live viewers"},
    "live_peak_help": {
        "vi": "Số người xem cùng lúc cao nhất trong khi phát trực tiếp, từ các lần đo trong buổi phát.",
        "en": "The most people watching at once while live, from the counts taken during the broadcast.",
    },
    "live_peak_at": {"vi": "Lúc cao nhất", "en": "Peak at"},
    "live_peak_at_help": {
        "vi": "Lúc có nhiều người xem nhất: {when}.",
        "en": "When most people watched: {when}.",
    },
    "live_avg_watch": {"vi": "Xem trung bình", "en": "Average watch time"},
    "live_avg_watch_help": {
        "vi": "Thời gian xem trung bình mỗi lượt phát, theo Meta.",
        "en": "Average time watched per play, as Meta reports it.",
    },
    "seconds_value": {"vi": "{seconds} giây", "en": "{seconds} s"},
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
        "vi": "Tệp xuất bài viết, video từ Meta Business Suite (Facebook, Instagram; CSV/XLSX), tệp số liệu "
        "theo ngày của Trang, bản tải về YouTube Studio (tệp .zip), tệp xuất TikTok Studio, kết quả phát "
        "triển người tham gia, danh sách chiến dịch, bảng hoạt động truyền thông. Nhập lại cùng một tệp "
        "không thêm gì.",
        "en": "Posts and video exports from Meta Business Suite (Facebook, Instagram; CSV/XLSX), the Page's "
        "daily series, YouTube Studio's download (the .zip), TikTok Studio's export, enrolment results, a "
        "list of campaigns, the sheet of communication activities. Importing the same file again adds "
        "nothing.",
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
    "chart_coverage": {"vi": "Những ngày đã có dữ liệu", "en": "Days with data"},
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
    # Administration (app_pages/admin.py): users and sources, for admins only.
    "admin_only": {
        "vi": "Trang này chỉ dành cho người có quyền quản trị.",
        "en": "This page is for admins only.",
    },
    "admin_users": {"vi": "Người dùng", "en": "Users"},
    "admin_no_users": {"vi": "Chưa có người dùng nào.", "en": "No users yet."},
    "admin_created": {"vi": "Ngày tạo", "en": "Created"},
    "admin_locked_until": {"vi": "Bị khóa đến", "en": "Locked until"},
    "admin_role": {"vi": "Quyền", "en": "Role"},
    "admin_add_user": {"vi": "Thêm người dùng", "en": "Add a user"},
    "admin_initial_password": {"vi": "Mật khẩu ban đầu", "en": "Initial password"},
    "admin_add": {"vi": "Thêm", "en": "Add"},
    "admin_change_role": {"vi": "Đổi quyền", "en": "Change a role"},
    "admin_new_role": {"vi": "Quyền mới", "en": "New role"},
    "admin_reset_password": {"vi": "Đặt lại mật khẩu", "en": "Reset a password"},
    "admin_new_password": {"vi": "Mật khẩu mới", "en": "New password"},
    "admin_reset_help": {
        "vi": "Mở khóa tài khoản và đăng xuất người đó trên mọi trình duyệt.",
        "en": "Also lifts a lockout and signs them out everywhere.",
    },
    "admin_remove_user": {"vi": "Xóa người dùng", "en": "Remove a user"},
    "admin_remove_confirm": {
        "vi": "Tôi chắc chắn (nhật ký vẫn giữ những gì người này đã làm)",
        "en": "I am sure (the audit trail keeps what they did)",
    },
    "admin_remove": {"vi": "Xóa", "en": "Remove"},
    "admin_save": {"vi": "Lưu", "en": "Save"},
    "admin_user": {"vi": "Người dùng", "en": "User"},
    "admin_user_added": {"vi": "Đã thêm {name} ({role}).", "en": "Added {name} ({role})."},
    "admin_role_changed": {"vi": "{name} giờ có quyền {role}.", "en": "{name} is now {role}."},
    "admin_password_reset": {"vi": "Đã đặt lại mật khẩu của {name}.", "en": "Reset the password of {name}."},
    "admin_user_removed": {"vi": "Đã xóa {name}.", "en": "Removed {name}."},
    "admin_confirm_first": {
        "vi": "Hãy đánh dấu ô xác nhận trước khi xóa.",
        "en": "Tick the confirmation box before removing.",
    },
    "admin_last": {
        "vi": "{name} là người quản trị duy nhất: hãy cấp quyền quản trị cho người khác trước.",
        "en": "{name} is the only admin: make someone else an admin first.",
    },
    "admin_sources": {"vi": "Nguồn dữ liệu", "en": "Sources"},
    "admin_sources_file": {
        "vi": "Các nguồn được khai báo trong tệp {path} trên máy chủ; thêm, bớt hoặc đổi nguồn ở mục "
        "Kết nối tài khoản và Quản lý nguồn, hoặc sửa tệp đó (biến môi trường ENGAGEMENT_MONITOR_CONFIG "
        "chỉ định tệp khác).",
        "en": "Sources are declared in {path} on the server; add, remove or change one under Connect "
        "accounts and Manage sources, or edit that file (the ENGAGEMENT_MONITOR_CONFIG environment "
        "variable points to another file).",
    },
    "admin_no_config": {
        "vi": "Không tìm thấy tệp nguồn {path}: chưa có nguồn nào được khai báo. Hãy sao chép "
        "sources.example.toml thành {path} trên máy chủ rồi sửa.",
        "en": "No sources file at {path}: no source is configured. Copy sources.example.toml to {path} "
        "on the server and edit it.",
    },
    "admin_no_sources": {"vi": "Tệp {path} chưa khai báo nguồn nào.", "en": "{path} declares no sources."},
    "admin_type": {"vi": "Loại", "en": "Type"},
    "admin_schedule": {"vi": "Lịch chạy", "en": "Schedule"},
    "admin_hourly": {"vi": "mỗi giờ", "en": "hourly"},
    "admin_token": {"vi": "Mã truy cập", "en": "Token"},
    "admin_not_checked": {
        "vi": "chưa kiểm tra (engagement-monitor doctor)",
        "en": "not checked yet (engagement-monitor doctor)",
    },
    # The dashboard as staff use it (issue 23): what was seen, posts against livestreams, charts to share.
    "published_heading": {"vi": "Nội dung đăng trong kỳ", "en": "Published in the period"},
    "published_explained": {
        "vi": "Các số dưới đây chỉ tính nội dung đăng trong kỳ, theo số liệu mới nhất của từng nội dung.",
        "en": "The figures below count only the content published in the period, by its latest figures.",
    },
    "seen_heading": {"vi": "Được xem trong kỳ", "en": "Seen in the period"},
    "seen_explained": {
        "vi": "Lượt xem Trang từng ngày, và lượt xem, tương tác mà mọi nội dung (đăng bất cứ lúc nào) "
        "nhận thêm trong kỳ.",
        "en": "The Page's daily views, and the views and interactions all content (published at any "
        "time) gained in the period.",
    },
    "seen_page_views": {"vi": "Lượt xem Trang", "en": "Page views"},
    "seen_page_views_help": {
        "vi": "Tổng lượt xem Trang theo từng ngày trong kỳ (số liệu Trang).",
        "en": "The Page's views, added up over the days of the period (Page figures).",
    },
    "seen_page_viewers": {"vi": "Người xem Trang / ngày", "en": "Page viewers per day"},
    "seen_page_viewers_help": {
        "vi": "Số người xem Trang mỗi ngày trong kỳ, lấy trung bình.",
        "en": "The people who viewed the Page each day of the period, averaged.",
    },
    "seen_views_gain": {"vi": "Lượt xem mới nội dung", "en": "New views of content"},
    "seen_views_gain_help": {
        "vi": "Lượt xem mà mọi nội dung nhận thêm trong kỳ, dù đăng trước hay trong kỳ (từ các lần "
        "ghi số liệu).",
        "en": "Views gained in the period by all content, published before or during it (from the "
        "snapshots).",
    },
    "seen_interactions_gain": {"vi": "Tương tác mới", "en": "New interactions"},
    "seen_interactions_gain_help": {
        "vi": "Tương tác (cảm xúc, bình luận, chia sẻ) mà mọi nội dung nhận thêm trong kỳ.",
        "en": "Interactions (reactions, comments, shares) gained in the period by all content.",
    },
    "posts_vs_livestreams": {"vi": "Bài đăng và phát trực tiếp", "en": "Posts and livestreams"},
    "posts_vs_livestreams_help": {
        "vi": "Mọi bài đăng (bài viết, ảnh, liên kết, video, thước phim) so với mọi buổi phát trực tiếp "
        "đăng trong kỳ. Chi tiết theo nền tảng và loại nội dung ở dưới.",
        "en": "All posts (text, photos, links, videos, reels) against all livestreams published in the "
        "period. The detail by platform and kind is below.",
    },
    "format_post": {"vi": "Bài đăng", "en": "Posts"},
    "format_livestream": {"vi": "Phát trực tiếp", "en": "Livestreams"},
    "format": {"vi": "Hình thức", "en": "Format"},
    "campaign_chosen_heading": {"vi": "Chiến dịch: {name}", "en": "Campaign: {name}"},
    "campaign_chosen_help": {
        "vi": "Kỳ đã đặt theo ngày của chiến dịch. Tác động ước tính ở trang Tiếp cận và kết quả phát triển.",
        "en": "The period is set to the campaign's dates. The estimated impact is on the Reach vs "
        "enrolment page.",
    },
    "campaign_impact_link": {"vi": "Xem tác động của chiến dịch", "en": "See the campaign's impact"},
    "per_item": {"vi": "Mỗi nội dung", "en": "Per item"},
    "unit_minutes": {"vi": "phút", "en": "minutes"},
    "unit_hours": {"vi": "giờ", "en": "hours"},
    "download_png": {"vi": "Tải ảnh biểu đồ (PNG)", "en": "Download chart (PNG)"},
    "chart_period": {"vi": "Kỳ {start} – {end}", "en": "Period {start} – {end}"},
    "chart_source": {
        "vi": "Nguồn: số liệu các nền tảng và kết quả phát triển, lập ngày {made}",
        "en": "Source: platform figures and enrolment results, made on {made}",
    },
    "phone_more_rows": {
        "vi": "… và {count} dòng nữa (xem đủ trên máy tính hoặc tải Excel).",
        "en": "… and {count} more rows (see them all on a computer or download Excel).",
    },
    "no_rows": {"vi": "Không có dòng nào.", "en": "No rows."},
    "date_from": {"vi": "Từ ngày", "en": "From"},
    "date_to": {"vi": "Đến ngày", "en": "To"},
    "upload_drop": {
        "vi": "Kéo thả tệp vào đây hoặc bấm Chọn tệp (CSV, XLSX, TXT)",
        "en": "Drop files here or click Choose files (CSV, XLSX, TXT)",
    },
    "table_name_channel": {"vi": "Kênh", "en": "Channels"},
    "table_name_content": {"vi": "Nội dung", "en": "Content items"},
    "table_name_metric_snapshot": {"vi": "Lần ghi số liệu nội dung", "en": "Content snapshots"},
    "table_name_page_metric": {"vi": "Số liệu Trang theo ngày", "en": "Daily Page figures"},
    "table_name_campaign": {"vi": "Chiến dịch", "en": "Campaigns"},
    "table_name_enrolment_result": {"vi": "Kết quả phát triển", "en": "Enrolment results"},
    "table_name_activity": {"vi": "Hoạt động", "en": "Activities"},
    "table_name_collection_run": {"vi": "Lần thu thập", "en": "Collection runs"},
    "admin_never": {"vi": "chưa chạy", "en": "never run"},
    "admin_run_now": {"vi": "Chạy ngay", "en": "Run now"},
    "admin_collect_now": {"vi": "Thu thập ngay", "en": "Collect now"},
    "admin_check_token": {"vi": "Kiểm tra mã truy cập ngay", "en": "Check token now"},
    "admin_running": {"vi": "Đang chạy {name}…", "en": "Running {name}…"},
    "admin_not_a_page": {
        "vi": "{name} không phải Trang Facebook: không có mã truy cập để kiểm tra.",
        "en": "{name} is not a Facebook Page: there is no token to check.",
    },
    # Connecting accounts and managing sources (dashboard/connect_ui.py).
    "connect_heading": {"vi": "Kết nối tài khoản", "en": "Connect accounts"},
    "connect_app_heading": {
        "vi": "Thông tin ứng dụng (nhập một lần cho cả cơ quan)",
        "en": "App credentials (entered once for the office)",
    },
    "connect_app_set": {
        "vi": "{platform}: đã đặt ngày {day} bởi {user}",
        "en": "{platform}: set on {day} by {user}",
    },
    "connect_app_not_set": {"vi": "{platform}: chưa đặt", "en": "{platform}: not set"},
    "connect_app_saved": {
        "vi": "Đã lưu thông tin ứng dụng {platform} vào tệp bí mật.",
        "en": "The {platform} app credentials are saved in the secrets file.",
    },
    "connect_accounts_heading": {"vi": "Kết nối một tài khoản", "en": "Connect an account"},
    "connect_redirect_note": {
        "vi": "Địa chỉ chuyển hướng cần khai báo trong ứng dụng của từng nền tảng: {url}",
        "en": "The redirect address to register in each platform's app: {url}",
    },
    "connect_button_facebook": {"vi": "Kết nối Trang Facebook", "en": "Connect a Facebook Page"},
    "connect_button_zalo": {"vi": "Kết nối Zalo OA", "en": "Connect a Zalo OA"},
    "connect_button_tiktok": {"vi": "Kết nối TikTok", "en": "Connect TikTok"},
    "connect_button_youtube": {"vi": "Kết nối kênh YouTube", "en": "Connect a YouTube channel"},
    "connect_set_app_first": {
        "vi": "Hãy nhập thông tin ứng dụng của nền tảng này trước.",
        "en": "Enter this platform's app credentials first.",
    },
    "connect_youtube_channel": {
        "vi": "Mã kênh YouTube (bắt đầu bằng UC)",
        "en": "YouTube channel ID (starts with UC)",
    },
    "connect_choose_pages": {"vi": "Chọn các Trang cần theo dõi", "en": "Choose the Pages to follow"},
    "connect_store": {"vi": "Lưu các Trang đã chọn", "en": "Store the chosen Pages"},
    "connect_stored": {
        "vi": "Đã kết nối: {names}. Mã truy cập đã lưu vào tệp bí mật; nguồn đã thêm vào tệp nguồn.",
        "en": "Connected: {names}. The tokens are in the secrets file; the sources are in the sources file.",
    },
    "manage_heading": {"vi": "Quản lý nguồn", "en": "Manage sources"},
    "manage_paused": {"vi": "tạm dừng", "en": "paused"},
    "manage_test": {"vi": "Thử kết nối", "en": "Test it now"},
    "manage_pause": {"vi": "Tạm dừng", "en": "Pause"},
    "manage_resume": {"vi": "Chạy lại", "en": "Resume"},
    "manage_remove_sure": {"vi": "Tôi chắc chắn muốn xóa nguồn này", "en": "I am sure I want to remove it"},
    "manage_add_folder": {
        "vi": "Thêm thư mục nhận tệp xuất (Meta, bảng kết quả)",
        "en": "Add a folder for exports and enrolment sheets",
    },
    "manage_folder_path": {"vi": "Thư mục", "en": "Folder"},
    "manage_saved": {"vi": "Đã lưu tệp nguồn.", "en": "The sources file is saved."},
    # Alerts on the Administration page (dashboard/office_ui.py).
    "alerts_heading": {"vi": "Cảnh báo qua thư điện tử", "en": "Alerts by e-mail"},
    "alerts_none": {
        "vi": 'Chưa có nguồn cảnh báo (type = "alerts") trong tệp nguồn; xem README, mục Cảnh báo.',
        "en": 'No alerts source (type = "alerts") in the sources file; see the README, Alerts.',
    },
    "alerts_quiet": {
        "vi": "{name}: giờ yên lặng {quiet}; bản tổng hợp hằng ngày lúc {digest}.",
        "en": "{name}: quiet hours {quiet}; daily digest at {digest}.",
    },
    "alerts_no_quiet": {"vi": "không có", "en": "none"},
    "alert_kind": {"vi": "Cảnh báo", "en": "Alert"},
    "alert_to": {"vi": "Gửi tới", "en": "Sent to"},
    "alert_when": {"vi": "Cách gửi", "en": "How"},
    "alert_at_once": {"vi": "ngay", "en": "at once"},
    "alert_digest": {"vi": "tổng hợp hằng ngày", "en": "daily digest"},
    "alert_last_fired": {"vi": "Lần gửi gần nhất", "en": "Last sent"},
}


def t(key: str, lang: str, **values) -> str:
    """The interface text ``key`` in ``lang``."""
    return translate(TEXTS, key, lang, **values)


def kind_label(kind: str, lang: str) -> str:
    """A content kind in the user's words (unknown kinds as they are)."""
    return t(f"kind_{kind}", lang) if f"kind_{kind}" in TEXTS else kind


def platform_label(platform: str, lang: str) -> str:
    """A platform's name (unknown platforms as they are)."""
    return t(f"platform_{platform}", lang) if f"platform_{platform}" in TEXTS else platform


def category_label(category: str, lang: str) -> str:
    """An enrolment category in the user's words (categories the office defined as they are)."""
    return t(f"category_{category}", lang) if f"category_{category}" in TEXTS else category


def kpi_category_label(category: str, lang: str) -> str:
    """An enrolment category as a key figure card's label: a short name when the full one is long."""
    key = f"kpi_category_{category}"
    return t(key, lang) if key in TEXTS else category_label(category, lang)


def activity_kind_label(kind: str, lang: str) -> str:
    """A kind of activity in the user's words (``Gian hàng tư vấn`` / ``Booth or consultation point``)."""
    return kind_name(kind, lang)


def status_label(status: str, lang: str) -> str:
    return t(f"status_{status}", lang) if f"status_{status}" in TEXTS else status


def number_separators(lang: str) -> str:
    """Plotly's ``layout.separators`` for ``lang``: the decimal then the thousands symbol (babel's)."""
    return get_decimal_symbol(lang) + get_group_symbol(lang)


def other_language(lang: str) -> str:
    return next(code for code in LANGUAGES if code != lang)


# Exports (CSV, Excel, the printable report): their own words only; the labels of metrics, content
# kinds and enrolment categories are the interface's above. ``col_*`` name a column the interface
# has no word for.
EXPORT_TEXTS: dict[str, dict[str, str]] = {
    "file_prefix": {"vi": "tong-hop-tuong-tac", "en": "engagement-summary"},
    "report_title": {"vi": "Báo cáo tổng hợp tương tác và kết quả phát triển", "en": "Engagement summary"},
    "period_text": {"vi": "Từ {start} đến {end}", "en": "From {start} to {end}"},
    "sheet_summary": {"vi": "Tổng hợp", "en": "Summary"},
    "sheet_content": {"vi": "Nội dung", "en": "Content"},
    "sheet_daily": {"vi": "Theo ngày", "en": "Daily"},
    "sheet_campaigns": {"vi": "Chiến dịch", "en": "Campaigns"},
    "sheet_livestreams": {"vi": "Phát trực tiếp", "en": "Livestreams"},
    "sheet_activities": {"vi": "Hoạt động", "en": "Activities"},
    "sheet_enrolment": {"vi": "Kết quả theo đơn vị", "en": "Enrolment"},
    "sheet_impact": {"vi": "Tác động chiến dịch", "en": "Campaign impact"},
    "sheet_platforms": {"vi": "So sánh các nền tảng", "en": "Platforms compared"},
    "downloads": {"vi": "Tải báo cáo", "en": "Download a summary"},
    "download_xlsx": {"vi": "Excel (.xlsx)", "en": "Excel (.xlsx)"},
    "download_csv": {"vi": "CSV (tệp .zip)", "en": "CSV (.zip)"},
    "download_html": {"vi": "Báo cáo để in (.html)", "en": "Printable report (.html)"},
    "download_docx": {"vi": "Báo cáo Word (.docx)", "en": "Word report (.docx)"},
    "downloads_help": {
        "vi": "Theo đúng bộ lọc và ngôn ngữ đang chọn.",
        "en": "For the filters and language chosen above.",
    },
    "period_start": {"vi": "Từ ngày", "en": "Period start"},
    "period_end": {"vi": "Đến ngày", "en": "Period end"},
    "timezone": {"vi": "Múi giờ", "en": "Time zone"},
    "none": {"vi": "(không có)", "en": "(none)"},
    "no_data": {
        "vi": "Không có dữ liệu trong khoảng thời gian này.",
        "en": "There is no data for this period.",
    },
    "item": {"vi": "Mục", "en": "Item"},
    "value": {"vi": "Giá trị", "en": "Value"},
    "figure": {"vi": "Chỉ số", "en": "Figure"},
    "previous": {"vi": "Kỳ trước", "en": "Previous period"},
    "change": {"vi": "Thay đổi", "en": "Change"},
    "change_on_previous": {"vi": "{change} so với kỳ trước", "en": "{change} on the previous period"},
    "change_on_year": {
        "vi": "{change} so với cùng kỳ năm trước",
        "en": "{change} on the same period last year",
    },
    "year_ago": {"vi": "Cùng kỳ năm trước", "en": "Same period last year"},
    "change_year": {"vi": "Thay đổi so với cùng kỳ", "en": "Change on last year"},
    "enrolments_vs_targets": {"vi": "Kết quả phát triển so với chỉ tiêu", "en": "Enrolments against targets"},
    "category": {"vi": "Loại", "en": "Category"},
    "progress": {"vi": "Tỷ lệ hoàn thành", "en": "Progress"},
    "definitions": {"vi": "Định nghĩa", "en": "Definitions"},
    "term": {"vi": "Thuật ngữ", "en": "Term"},
    "definition": {"vi": "Định nghĩa (mẫu số)", "en": "Definition (denominator)"},
    "data_gaps": {"vi": "Dữ liệu còn thiếu", "en": "Data gaps"},
    "gap": {"vi": "Thiếu", "en": "Missing"},
    "gap_days": {"vi": "Số ngày", "en": "Days"},
    "gap_dates": {"vi": "Các ngày", "en": "Dates"},
    "gap_no_page_data": {"vi": "Ngày không có số liệu Trang", "en": "Days without page figures"},
    "gap_no_enrolment": {"vi": "Ngày không có kết quả phát triển", "en": "Days without enrolment results"},
    "gap_no_collection": {"vi": "Ngày không thu thập được dữ liệu", "en": "Days without any collection"},
    "chart_reach_vs_enrolment": {
        "vi": "Lượt xem, người xem Trang và người tham gia mới theo ngày",
        "en": "Daily page views and viewers against new enrolments",
    },
    "chart_content_comparison": {"vi": "So sánh nội dung theo loại", "en": "Content compared by kind"},
    "association_note": {
        "vi": "Tiếp cận và người tham gia mới tăng cùng lúc là đi cùng nhau, không chứng minh nhân quả.",
        "en": "Reach and enrolments rising together is an association, not proof of cause.",
    },
    "top_content_n": {"vi": "{count} nội dung nhiều lượt xem nhất", "en": "Top {count} content by views"},
    "col_reactions": {"vi": "Cảm xúc", "en": "Reactions"},
    "col_comments": {"vi": "Bình luận", "en": "Comments"},
    "col_shares": {"vi": "Lượt chia sẻ", "en": "Shares"},
    "col_clicks": {"vi": "Lượt nhấp", "en": "Clicks"},
    "col_watch_time_s": {"vi": "Tổng thời gian xem (giây)", "en": "Watch time (seconds)"},
    "col_campaigns": {"vi": "Chiến dịch", "en": "Campaigns"},
    "col_platform": {"vi": "Nền tảng", "en": "Platform"},
    "col_as_of": {"vi": "Số liệu tính đến", "en": "Counts as of"},
    "col_external_id": {"vi": "Mã bài đăng", "en": "Post ID"},
    "col_page_engagements": {"vi": "Tương tác Trang", "en": "Page engagements"},
    "col_days": {"vi": "Số ngày", "en": "Days"},
    "col_views_before": {"vi": "Lượt xem kỳ trước", "en": "Views, period before"},
    "col_enrolments_before": {"vi": "Người tham gia mới kỳ trước", "en": "Enrolments, period before"},
    "col_duration_s": {"vi": "Thời lượng (giây)", "en": "Duration (seconds)"},
    "col_unit": {"vi": "Đơn vị", "en": "Unit"},
    "col_category": {"vi": "Loại", "en": "Category"},
    "col_observed": {"vi": "Thực tế", "en": "Observed"},
    "col_expected": {"vi": "Dự kiến", "en": "Expected"},
    "col_expected_low": {"vi": "Dự kiến: thấp (95%)", "en": "Expected: low (95%)"},
    "col_expected_high": {"vi": "Dự kiến: cao (95%)", "en": "Expected: high (95%)"},
    "col_difference": {"vi": "Chênh lệch", "en": "Difference"},
    "col_difference_low": {"vi": "Chênh lệch: thấp", "en": "Difference: low"},
    "col_difference_high": {"vi": "Chênh lệch: cao", "en": "Difference: high"},
    "col_ratio": {"vi": "Gấp (lần)", "en": "Ratio (×)"},
    "col_baseline_days": {"vi": "Số ngày nền", "en": "Baseline days"},
    "col_placebo_as_high": {"vi": "Giai đoạn thường cao như vậy", "en": "Quiet periods as high"},
    "col_placebo_windows": {"vi": "Số giai đoạn thường", "en": "Quiet periods"},
    "col_placebo_p": {"vi": "p (đối chứng)", "en": "p (placebo)"},
    "col_in_words": {"vi": "Diễn giải", "en": "In words"},
    "col_previous_period": {"vi": "Kỳ trước", "en": "Previous period"},
    "col_local_days": {"vi": "Ngày", "en": "Days"},
    "def_views": {
        "vi": "Lượt xem (lượt phát) trọn đời của mỗi nội dung, theo số liệu cuối cùng đến hết ngày cuối kỳ.",
        "en": "Lifetime views (plays) of each item, from its last count on or before the period's last day.",
    },
    "def_interactions": {"vi": "Cảm xúc + bình luận + lượt chia sẻ.", "en": "Reactions + comments + shares."},
    "def_rate_per_reach": {
        "vi": "Tương tác ÷ người tiếp cận, cộng trên cùng các nội dung.",
        "en": "Interactions ÷ reach, both summed over the same items.",
    },
    "def_rate_per_view": {
        "vi": "Tương tác ÷ lượt xem, cộng trên cùng các nội dung.",
        "en": "Interactions ÷ views, both summed over the same items.",
    },
    "def_avg_reach": {
        "vi": "Tổng người tiếp cận ÷ số nội dung; không cộng dồn (một người có thể thấy nhiều bài).",
        "en": "Sum of reach ÷ number of items; reach does not add up (one person sees several posts).",
    },
    "def_page_views": {
        "vi": "Tổng lượt xem Trang theo ngày trong kỳ.",
        "en": "Sum of the page's daily views over the period.",
    },
    "def_page_viewers_daily_avg": {
        "vi": "Tổng người xem Trang theo ngày ÷ số ngày có số liệu.",
        "en": "Sum of the page's daily viewers ÷ days with figures.",
    },
    "def_views_gain": {
        "vi": "Lượt xem cuối ngày trừ lượt xem cuối ngày hôm trước, cộng trên các nội dung.",
        "en": "A day's last view count minus the day before's, summed over items.",
    },
    "def_enrolments_per_10k_views": {
        "vi": "Người tham gia mới × 10.000 ÷ lượt xem của chiến dịch (đi cùng nhau, không phải nhân quả).",
        "en": "New enrolments × 10,000 ÷ the campaign's views (association, not cause).",
    },
    "def_previous_period": {
        "vi": "Khoảng thời gian dài bằng kỳ này, ngay trước kỳ này (với chiến dịch: mọi nội dung của kỳ đó).",
        "en": "The period of equal length just before this one (for a campaign: all content of that period).",
    },
    "def_attendance": {
        "vi": "Số người tham dự trực tiếp (văn nghệ, gian hàng, hội nghị, nhóm nhỏ, lễ phát động); không "
        "cộng người nhận tin nhắn, báo đài, pano, cũng không cộng vào lượt xem hay người tiếp cận trên mạng.",
        "en": "People met in person (performances, booths, conferences, small groups, launches); people "
        "reached by messages, press, radio or banners are not added, nor are online views or reach.",
    },
    "def_reached": {
        "vi": "Số người được tiếp cận qua tin nhắn, báo đài, pano theo ước tính của đơn vị; tính riêng, "
        "không cộng vào người tham dự trực tiếp.",
        "en": "People reached by messages, press, radio or banners, as the office estimates; counted "
        "apart, never added to face-to-face attendance.",
    },
    "def_on_spot": {
        "vi": "Người tham gia, mua thẻ hoặc được hỗ trợ ngay tại hoạt động; là một phần của kết quả phát "
        "triển những ngày đó, không cộng thêm.",
        "en": "People who enrolled, bought a card or were helped at an activity; a part of those days' "
        "enrolment results, not extra to them.",
    },
    "def_local_days": {
        "vi": "Ngày theo giờ địa phương của kênh (Asia/Ho_Chi_Minh = UTC+7).",
        "en": "Local days of the channel (Asia/Ho_Chi_Minh is UTC+7).",
    },
}


def export_text(key: str, lang: str, **values) -> str:
    """An export's text ``key`` in ``lang``: its own catalog first, then the interface's."""
    return translate(EXPORT_TEXTS if key in EXPORT_TEXTS else TEXTS, key, lang, **values)


# The Word report (dashboard/report_docx.py, dashboard/report_narrative.py): the letterhead of a
# Vietnamese administrative document and the sentences written from the data.
REPORT_TEXTS: dict[str, dict[str, str]] = {
    "motto_country": {"vi": "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "en": "SOCIALIST REPUBLIC OF VIETNAM"},
    "motto_words": {"vi": "Độc lập - Tự do - Hạnh phúc", "en": "Independence - Freedom - Happiness"},
    "number_line": {"vi": "Số:        /{code}", "en": "No.:        /{code}"},
    "number_given": {"vi": "Số: {number}/{code}", "en": "No.: {number}/{code}"},
    "section_assessment": {"vi": "ĐÁNH GIÁ CHUNG", "en": "Overall assessment"},
    "section_shortcomings": {"vi": "TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN", "en": "Shortcomings and their causes"},
    "section_next_tasks": {"vi": "PHƯƠNG HƯỚNG, NHIỆM VỤ THÁNG TỚI", "en": "Tasks for the coming month"},
    "section_recommendations": {"vi": "KIẾN NGHỊ, ĐỀ XUẤT", "en": "Recommendations"},
    "note_missing": {
        "vi": "[CHƯA CÓ NỘI DUNG: biên tập viên viết mục này ở trang “Báo cáo” của bảng điều khiển trước "
        "khi trình ký]",
        "en": "[NOT WRITTEN YET: an editor writes this section on the dashboard's “Report” page before "
        "signing]",
    },
    "assessment_targets_met": {"vi": "Đạt chỉ tiêu: {items}.", "en": "Targets met: {items}."},
    "assessment_targets_missed": {"vi": "Chưa đạt chỉ tiêu: {items}.", "en": "Targets missed: {items}."},
    "assessment_target": {
        "vi": "{campaign}: {category} {actual}/{target} ({progress})",
        "en": "{campaign}: {category} {actual}/{target} ({progress})",
    },
    "assessment_up": {"vi": "Tăng so với {period}: {items}.", "en": "Up on {period}: {items}."},
    "assessment_down": {"vi": "Giảm so với {period}: {items}.", "en": "Down on {period}: {items}."},
    "assessment_figure": {"vi": "{label} {value} ({change})", "en": "{label} {value} ({change})"},
    "assessment_none": {
        "vi": "Chưa đủ số liệu để đánh giá tăng, giảm so với kỳ trước.",
        "en": "Not enough figures to say what rose or fell against the previous period.",
    },
    "document_kind": {"vi": "BÁO CÁO", "en": "REPORT"},
    "title": {"vi": "Kết quả công tác truyền thông {period}", "en": "Communication results, {period}"},
    "period_month": {"vi": "tháng {month}", "en": "{month}"},
    "period_days": {"vi": "từ ngày {start} đến ngày {end}", "en": "from {start} to {end}"},
    "period_campaign": {"vi": "chiến dịch “{name}” ({days})", "en": "of the campaign “{name}” ({days})"},
    "previous_period": {"vi": "kỳ trước", "en": "the previous period"},
    "period_quarter": {"vi": "quý {quarter}/{year}", "en": "Q{quarter} {year}"},
    "period_year": {"vi": "năm {year}", "en": "{year}"},
    "compare_previous": {
        "vi": "So với {period} ({count} người tham gia mới), số người tham gia mới {change}.",
        "en": "Against {period} ({count} new participants), new participants were {change}.",
    },
    "compare_year": {
        "vi": "So với cùng kỳ năm trước ({period}: {count} người), {change}.",
        "en": "Against the same period last year ({period}: {count}), {change}.",
    },
    "compare_year_none": {
        "vi": "Không có số liệu cùng kỳ năm trước ({period}) để so sánh.",
        "en": "No data for the same period last year ({period}) to compare with.",
    },
    "intro": {
        "vi": "Căn cứ số liệu theo dõi trên các kênh truyền thông và kết quả phát triển người tham gia "
        "do các đơn vị báo cáo, xin báo cáo kết quả công tác truyền thông {period} như sau:",
        "en": "From the figures of our communication channels and the enrolment results reported by "
        "the units, this report sets out the communication results of {period}.",
    },
    "section_online": {"vi": "KẾT QUẢ TRUYỀN THÔNG TRÊN MẠNG XÃ HỘI", "en": "Communication on social media"},
    "section_enrolment": {"vi": "KẾT QUẢ PHÁT TRIỂN NGƯỜI THAM GIA", "en": "Enrolment results"},
    "section_notes": {"vi": "SỐ LIỆU VÀ GHI CHÚ", "en": "About the figures"},
    "section_activities": {"vi": "HOẠT ĐỘNG TRUYỀN THÔNG TRỰC TIẾP", "en": "Offline activities"},
    "sub_channels": {"vi": "Kênh và nội dung đăng tải", "en": "Channels and content"},
    "sub_livestreams": {"vi": "Phát trực tiếp", "en": "Livestreams"},
    "sub_reach": {"vi": "Lượt xem và tương tác", "en": "Views and interactions"},
    "sub_questions": {"vi": "Câu hỏi của người dân", "en": "Audience questions"},
    "questions_paragraph": {
        "vi": "Trong kỳ, người dân đặt {count} câu hỏi trong bình luận; Trang đã trả lời {answered} câu "
        "({share}){median}.",
        "en": "In the period people asked {count} questions in comments; the Page answered {answered} "
        "({share}){median}.",
    },
    "report_questions_median": {
        "vi": ", thời gian trả lời trung vị {minutes} phút",
        "en": ", with a median time to answer of {minutes} minutes",
    },
    "questions_topics": {"vi": "Các chủ đề được hỏi nhiều nhất:", "en": "The topics asked about most:"},
    "questions_topic": {
        "vi": "{topic}: {count} câu hỏi{examples}",
        "en": "{topic}: {count} questions{examples}",
    },
    "questions_examples": {"vi": ", ví dụ {examples}", "en": ", for example {examples}"},
    "sub_overall": {"vi": "Kết quả chung", "en": "Overall"},
    "sub_campaigns": {"vi": "Kết quả các chiến dịch", "en": "Campaigns"},
    "sub_impact": {
        "vi": "Ước tính tác động của chiến dịch (mối liên hệ, không phải nhân quả)",
        "en": "Campaign impact estimate (association, not cause)",
    },
    "sub_units": {"vi": "Kết quả theo đơn vị", "en": "By unit"},
    "channels": {
        "vi": "Kênh có số liệu trong kỳ: {channels} (nền tảng: {platforms}).",
        "en": "Channels with figures in the period: {channels} (platforms: {platforms}).",
    },
    "platforms": {"vi": "Theo nền tảng: {parts}.", "en": "By platform: {parts}."},
    "platform_figures": {
        "vi": "{platform} {items} nội dung, {views} lượt xem",
        "en": "{platform} {items} items, {views} views",
    },
    "items": {
        "vi": "Đã đăng tải {posts} bài viết ({breakdown}) và {lives} buổi phát trực tiếp; "
        "{previous} ({previous_days}) có {posts_before} bài viết và {lives_before} buổi phát trực tiếp.",
        "en": "{posts} posts ({breakdown}) and {lives} livestream(s) were published; "
        "{previous} ({previous_days}) had {posts_before} posts and {lives_before} livestream(s).",
    },
    "no_items": {
        "vi": "Trong kỳ không có nội dung mới được đăng tải; {previous} có {before} nội dung.",
        "en": "No new content was published in the period; {previous} had {before} items.",
    },
    "livestream": {
        "vi": "Buổi phát trực tiếp “{title}” ({channel}, ngày {day}) thu hút {views} lượt xem và "
        "{interactions} lượt tương tác (cảm xúc, bình luận, chia sẻ)",
        "en": "The livestream “{title}” ({channel}, {day}) drew {views} plays and {interactions} "
        "interactions (reactions, comments and shares)",
    },
    "livestream_peak": {
        "vi": "; lúc đông nhất có {peak} người xem cùng lúc",
        "en": "; at its peak {peak} people were watching at the same time",
    },
    "livestreams_count": {
        "vi": "Trong kỳ có {count} buổi phát trực tiếp, tổng cộng {views} lượt xem.",
        "en": "There were {count} livestreams in the period, {views} plays in all.",
    },
    "no_livestreams": {
        "vi": "Trong kỳ không có buổi phát trực tiếp.",
        "en": "There was no livestream in the period.",
    },
    "reach": {
        "vi": "Các nội dung đăng trong kỳ đạt {views} lượt xem và {interactions} lượt tương tác.",
        "en": "The content published in the period reached {views} views and {interactions} interactions.",
    },
    "page_views": {
        "vi": "Trang có {page_views} lượt xem trong kỳ ({change} so với {previous}).",
        "en": "The page had {page_views} views in the period ({change} on {previous}).",
    },
    "up": {"vi": "tăng {percent}", "en": "up {percent}"},
    "down": {"vi": "giảm {percent}", "en": "down {percent}"},
    "unchanged": {"vi": "không đổi", "en": "unchanged"},
    "no_base": {"vi": "kỳ trước chưa có số liệu", "en": "no figures for the previous period"},
    "overall": {
        "vi": "Trong kỳ, toàn tỉnh {results}.",
        "en": "Results across the province in the period: {results}.",
    },
    "participants_total": {
        "vi": "có {count} người tham gia mới ({parts})",
        "en": "{count} new participants ({parts})",
    },
    "other_results_beside": {
        "vi": "; kết quả khác, không cộng vào số người tham gia: {parts}",
        "en": "; other results, not added to the participants: {parts}",
    },
    "no_enrolment": {
        "vi": "Chưa có kết quả phát triển người tham gia trong kỳ.",
        "en": "No enrolment results were reported for the period.",
    },
    "result_voluntary_si": {
        "vi": "phát triển mới {count} người tham gia BHXH tự nguyện",
        "en": "{count} new voluntary social insurance participants",
    },
    "result_health_insurance": {
        "vi": "{count} người tham gia BHYT",
        "en": "{count} people joined health insurance",
    },
    "result_vssid_install": {
        "vi": "hướng dẫn {count} người cài đặt ứng dụng VssID",
        "en": "{count} people were helped to install VssID",
    },
    "result_non_cash": {
        "vi": "{count} người hưởng chuyển sang nhận chế độ không dùng tiền mặt",
        "en": "{count} moved to non-cash benefit payment",
    },
    "result_other": {"vi": "{label}: {count}", "en": "{label}: {count}"},
    "against_target": {
        "vi": " (đạt {progress} chỉ tiêu {target})",
        "en": " ({progress} of the target of {target})",
    },
    "campaign_results": {
        "vi": "Chiến dịch “{name}” ({days}): {results}.",
        "en": "Campaign “{name}” ({days}): {results}.",
    },
    "campaign_no_results": {"vi": "chưa có kết quả phát triển", "en": "no enrolment results yet"},
    "first_day": {
        "vi": "Ngày đầu tiên của chiến dịch ({day}) có {count} người tham gia {categories}.",
        "en": "On the first day of the campaign ({day}), {count} people joined {categories}.",
    },
    "and": {"vi": "và", "en": "or"},
    "campaign_association": {
        "vi": "So với {days} ngày liền trước, lượt xem {views_change}, số người tham gia mới "
        "{enrolments_change}; đây là sự đi cùng nhau về thời gian, không chứng minh chiến dịch "
        "là nguyên nhân.",
        "en": "Compared with the {days} days before it, views were {views_change} and new participants "
        "{enrolments_change}; this is an association in time, not proof that the campaign caused it.",
    },
    "trust_estimate": {
        "vi": "So với {days} ngày liền trước, số người tham gia mới {change}, nhưng {reason}, nên không "
        "dùng được làm mức bình thường; nên tin vào ước tính theo các tuần bình thường trước đó (mục tác "
        "động): gấp {ratio} lần mức dự kiến.",
        "en": "Against the {days} days before, new participants were {change}, but {reason}, so they are "
        "no fair baseline; trust the estimate from the ordinary weeks before (the impact section): "
        "{ratio} times the expected level.",
    },
    "trust_reason_campaign": {
        "vi": "những ngày đó cũng thuộc chiến dịch {names}",
        "en": "those days were themselves part of {names}",
    },
    "trust_reason_short": {
        "vi": "một giai đoạn ngắn như vậy dao động theo ngày trong tuần và ngày lễ",
        "en": "so short a span moves with weekdays and holidays",
    },
    "units": {
        "vi": "Các đơn vị có nhiều người tham gia mới nhất: {units}.",
        "en": "Units with the most new participants: {units}.",
    },
    "no_activities": {
        "vi": "Chưa có hoạt động truyền thông trực tiếp nào được ghi nhận trong kỳ.",
        "en": "No offline activity was recorded for the period.",
    },
    "activities": {
        "vi": "Trong kỳ, đơn vị tổ chức {count} hoạt động truyền thông trực tiếp ({kinds}).",
        "en": "In the period the office held {count} offline activities ({kinds}).",
    },
    "activities_attendance": {
        "vi": "Tổng số người tham dự ghi nhận được là {attendance} người ({known} hoạt động có số liệu).",
        "en": "{attendance} people attended, as recorded ({known} activities with figures).",
    },
    "activities_on_spot": {"vi": "Kết quả ngay tại chỗ: {results}.", "en": "Results on the spot: {results}."},
    "reached_activities": {
        "vi": "Ngoài các hoạt động trực tiếp, đơn vị tuyên truyền qua {count} hoạt động khác ({kinds}).",
        "en": "Besides the face-to-face activities, the office communicated through {count} other "
        "activities ({kinds}).",
    },
    "reached_people": {
        "vi": "Số người được tiếp cận theo ước tính là {reached} người; con số này tính riêng, không cộng "
        "vào số người tham dự trực tiếp.",
        "en": "They reached an estimated {reached} people, a figure kept apart from face-to-face attendance.",
    },
    "section_reached": {
        "vi": "TUYÊN TRUYỀN QUA TIN NHẮN, BÁO ĐÀI, PANO",
        "en": "Messages, press, radio and banners",
    },
    "activities_rule": {
        "vi": "Kết quả tại chỗ đã nằm trong kết quả phát triển của các ngày đó, không cộng thêm; số người "
        "tham dự trực tiếp không cộng vào lượt xem trên mạng xã hội.",
        "en": "On-the-spot results are part of those days' enrolment results, not extra to them; people "
        "attending in person are never added to online views.",
    },
    "table_activities": {"vi": "Các hoạt động truyền thông trực tiếp", "en": "Offline activities"},
    "col_attendance": {"vi": "Người tham dự", "en": "Attendance"},
    "col_on_spot": {"vi": "Kết quả tại chỗ", "en": "On the spot"},
    "gaps": {"vi": "Số liệu còn thiếu: {parts}.", "en": "Missing figures: {parts}."},
    "gap_no_page_data": {
        "vi": "{count} ngày không có số liệu Trang ({days})",
        "en": "{count} days without page figures ({days})",
    },
    "gap_no_enrolment": {
        "vi": "{count} ngày không có kết quả phát triển ({days})",
        "en": "{count} days without enrolment results ({days})",
    },
    "gap_no_collection": {
        "vi": "{count} ngày không thu thập được dữ liệu ({days})",
        "en": "{count} days without any collection ({days})",
    },
    "no_gaps": {
        "vi": "Số liệu có đủ cho cả {count} ngày của kỳ báo cáo.",
        "en": "The figures are complete for all {count} days of the period.",
    },
    "exact_figures": {
        "vi": "Số liệu trong lời văn được làm tròn (“hơn”, “gần”); số chính xác ở các bảng.",
        "en": "Figures in the text are rounded (“more than”, “nearly”); the tables give the exact figures.",
    },
    "closing": {
        "vi": "Trên đây là báo cáo kết quả công tác truyền thông {period}./.",
        "en": "This concludes the report on the communication results of {period}.",
    },
    "table": {"vi": "Bảng {number}. {title}", "en": "Table {number}. {title}"},
    "chart": {"vi": "Biểu đồ {number}. {title}", "en": "Chart {number}. {title}"},
    "table_campaigns": {
        "vi": "Kết quả các chiến dịch so với chỉ tiêu",
        "en": "Campaign results against targets",
    },
    "table_top_content": {"vi": "{count} nội dung nhiều lượt xem nhất", "en": "Top {count} content by views"},
    "table_units": {"vi": "Kết quả phát triển theo đơn vị", "en": "Enrolment results by unit"},
    "charts_missing": {
        "vi": "Không vẽ được biểu đồ vì máy chưa có trình duyệt Chrome/Chromium; hãy cài rồi xuất lại "
        "báo cáo.",
        "en": "The charts were left out: there is no Chrome/Chromium browser on this computer; install one "
        "and export again.",
    },
    "charts_failed": {
        "vi": "Không vẽ được biểu đồ (trình duyệt Chrome/Chromium báo lỗi: {reason}); số liệu đầy đủ "
        "ở các bảng.",
        "en": "The charts were left out (the Chrome/Chromium browser failed: {reason}); the tables hold "
        "every figure.",
    },
    "recipients": {"vi": "Nơi nhận:", "en": "Distribution:"},
    "number_column": {"vi": "TT", "en": "No."},
}


def report_text(key: str, lang: str, **values) -> str:
    """A text of the Word report: its own catalog first, then the exports' and the interface's."""
    if key in REPORT_TEXTS:
        return translate(REPORT_TEXTS, key, lang, **values)
    return export_text(key, lang, **values)


# Sign-in, roles and the audit trail (dashboard/auth_ui.py).
AUTH_TEXTS: dict[str, dict[str, str]] = {
    "sign_in_title": {"vi": "Đăng nhập", "en": "Sign in"},
    "sign_in": {"vi": "Đăng nhập", "en": "Sign in"},
    "sign_in_oidc": {"vi": "Đăng nhập bằng tài khoản cơ quan", "en": "Sign in with the office account"},
    "user_name": {"vi": "Tên người dùng", "en": "User name"},
    "password": {"vi": "Mật khẩu", "en": "Password"},
    "sign_in_refused": {
        "vi": "Sai tên hoặc mật khẩu, hoặc đã thử sai quá nhiều lần: kiểm tra lại, "
        "hoặc đợi {minutes} phút rồi thử lại.",
        "en": "Wrong name or password, or too many failed attempts: check them, "
        "or wait {minutes} minutes and try again.",
    },
    "no_users": {
        "vi": "Chưa có người dùng nào. Trên máy chủ, chạy: engagement-monitor user add TÊN --role admin",
        "en": "No users yet. On the server, run: engagement-monitor user add NAME --role admin",
    },
    "signed_in_as": {"vi": "Đã đăng nhập: {name} ({role})", "en": "Signed in as {name} ({role})"},
    "sign_out": {"vi": "Đăng xuất", "en": "Sign out"},
    "role_viewer": {"vi": "xem", "en": "viewer"},
    "role_editor": {"vi": "biên tập", "en": "editor"},
    "role_admin": {"vi": "quản trị", "en": "admin"},
    "read_only": {
        "vi": "Bạn có quyền xem và xuất dữ liệu; nhập tệp và sửa chiến dịch cần quyền biên tập.",
        "en": "You can see and export; importing files and editing campaigns needs the editor role.",
    },
    "audit_heading": {"vi": "Nhật ký thay đổi", "en": "Audit trail"},
    "audit_empty": {"vi": "Chưa có thay đổi nào được ghi lại.", "en": "No changes recorded yet."},
    "audit_at": {"vi": "Thời điểm", "en": "When"},
    "audit_user": {"vi": "Người thực hiện", "en": "Who"},
    "audit_action": {"vi": "Thao tác", "en": "Action"},
    "audit_target": {"vi": "Đối tượng", "en": "What"},
    "audit_detail": {"vi": "Chi tiết", "en": "Detail"},
    "audit_export": {"vi": "Tải nhật ký (CSV, {count} dòng)", "en": "Download the trail (CSV, {count} rows)"},
}
