"""Every word the pages show, Vietnamese first and English beside it: one table, so a
translation or a better wording is one place to change (a test checks both are filled)."""
from __future__ import annotations

from collections.abc import Callable

from cadence.kinds import ItemKind, Language

# key: (Vietnamese, English)
WORDS: dict[str, tuple[str, str]] = {
    "app": ("Cadence · Nhắc việc kế hoạch truyền thông", "Cadence · Communication plan reminders"),
    "switch_language": ("English", "Tiếng Việt"),
    # the completion page
    "link_title": ("Báo cáo hoàn thành", "Report completion"),
    "link_intro": ("Liên kết này dùng để báo cáo các việc sau của {unit}.",
                   "This link is for reporting the following work of {unit}."),
    "due": ("Hạn", "Due"),
    "window": ("Kỳ", "Period"),
    "progress": ("Đã thực hiện", "Done so far"),
    "mark_done": ("Đã hoàn thành", "Done"),
    "evidence": ("Đường dẫn minh chứng (bài viết, trang chương trình…)",
                 "Evidence link (the article, the programme's page…)"),
    "aired_on": ("Ngày phát sóng / đăng tải", "Date aired / published"),
    "count": ("Số lượng đã thực hiện", "How many were produced"),
    "note": ("Ghi chú", "Note"),
    "reporter": ("Người báo cáo (họ tên)", "Reported by (your name)"),
    "optional": ("không bắt buộc", "optional"),
    "recorded": ("Đã ghi nhận: {what}. Cảm ơn!", "Recorded: {what}. Thank you!"),
    "already_done": ("Đã hoàn thành", "Already done"),
    "done_by": ("Ghi nhận lúc {at} bởi {actor} ({source})", "Recorded {at} by {actor} ({source})"),
    "all_done": ("Tất cả các việc của liên kết này đã được báo cáo hoàn thành.",
                 "Everything this link covers has been reported done."),
    "link_expires": ("Liên kết dùng được đến {at}.", "This link works until {at}."),
    "nothing_here": ("Liên kết này không còn việc nào của đơn vị.",
                     "This link no longer covers any work of the unit."),
    # links that cannot be used
    "link_forged": ("Liên kết không hợp lệ", "This link is not valid"),
    "link_forged_text": ("Liên kết bị sai hoặc không đầy đủ. Hãy mở lại liên kết trong tin nhắn mới nhất, "
                         "hoặc liên hệ đơn vị điều phối.",
                         "The link is wrong or incomplete. Open the link in the latest message again, "
                         "or contact the coordinating office."),
    "link_expired": ("Liên kết đã hết hạn", "This link has expired"),
    "link_expired_text": ("Liên kết này hết hạn lúc {at}.", "This link expired at {at}."),
    "link_revoked": ("Liên kết đã bị thu hồi", "This link has been revoked"),
    "link_revoked_text": ("Đơn vị điều phối đã thu hồi liên kết này.", "The coordinating office revoked this link."),
    "link_used": ("Liên kết đã được sử dụng", "This link has been used"),
    "ask_fresh": ("Gửi liên kết mới tới địa chỉ liên hệ của {unit}", "Send a fresh link to {unit}'s contacts"),
    "fresh_sent": ("Đã ghi nhận yêu cầu. Liên kết mới sẽ được gửi tới email/điện thoại đã đăng ký của {unit}.",
                   "Request recorded. A fresh link will be sent to {unit}'s registered email/phone."),
    "fresh_nobody": ("Đã ghi nhận yêu cầu, nhưng {unit} chưa có email hay số điện thoại liên hệ nào. "
                     "Vui lòng liên hệ đơn vị điều phối.",
                     "Request recorded, but {unit} has no contact email or phone yet. "
                     "Please contact the coordinating office."),
    "fresh_nothing": ("{unit} không còn việc nào đang chờ báo cáo.", "{unit} has nothing waiting to be reported."),
    "fresh_wait": ("Đã có yêu cầu gửi liên kết mới cho {unit} lúc {at}; vui lòng chờ tin nhắn.",
                   "A fresh link for {unit} was already requested at {at}; please wait for the message."),
    "not_yours": ("Việc này không thuộc liên kết của bạn.", "This item is not covered by your link."),
    "bad_input": ("Không ghi nhận được: {error}", "Not recorded: {error}"),
    "future_date": ("ngày phát sóng ở tương lai", "the air date is in the future"),
    "bad_date": ("ngày không hợp lệ", "not a valid date"),
    "bad_count": ("số lượng phải là số nguyên từ 1", "the count must be a whole number from 1"),
    # log-in
    "login": ("Đăng nhập", "Log in"),
    "logout": ("Đăng xuất", "Log out"),
    "username": ("Tên đăng nhập", "User name"),
    "password": ("Mật khẩu", "Password"),
    "login_failed": ("Sai tên đăng nhập hoặc mật khẩu.", "Wrong user name or password."),
    "login_limited": ("Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau {minutes} phút.",
                      "Too many failed log-ins. Please try again in {minutes} minutes."),
    "login_needed": ("Vui lòng đăng nhập để xem bảng theo dõi.", "Please log in to see the board."),
    # the board
    "board": ("Bảng theo dõi", "Board"),
    "plan": ("Kế hoạch", "Plan"),
    "scope": ("Lĩnh vực", "Scope"),
    "all": ("Tất cả", "All"),
    "unit": ("Đơn vị", "Unit"),
    "period": ("Thời gian", "Period"),
    "by": ("Cột theo", "Columns by"),
    "by_month": ("tháng", "month"),
    "by_week": ("tuần", "week"),
    "show": ("Xem", "Show"),
    "no_plans": ("Chưa có kế hoạch nào bạn được theo dõi.", "No plan is assigned to you yet."),
    "legend": ("Chú thích", "Legend"),
    "matrix": ("Tình hình theo đơn vị", "Status by unit"),
    "progress_title": ("Tiến độ theo nhiệm vụ", "Progress by activity"),
    "chart_title": ("Hoàn thành đúng hạn, trễ hạn và quá hạn theo thời gian", "Done on time, done late and overdue over time"),
    "activity": ("Nhiệm vụ", "Activity"),
    "declared": ("Chỉ tiêu", "Target"),
    "outputs": ("Đã thực hiện", "Done"),
    "items": ("Số việc", "Items"),
    "per_unit": ("mỗi đơn vị", "per unit"),
    "per_year": ("/năm", "/year"),
    "export": ("Xuất báo cáo", "Export"),
    "export_hint": ("Bảng tổng hợp để dán vào báo cáo định kỳ.", "The table for the periodic report."),
    "basis": ("Cách tính kỳ", "Period basis"),
    "basis_calendar": ("theo lịch", "calendar"),
    "basis_decree": ("kỳ báo cáo (NĐ 09/2019: 15 → 14)", "reporting period (Decree 09/2019: 15th → 14th)"),
    "span_month": ("Tháng", "Month"),
    "span_quarter": ("Quý", "Quarter"),
    "span_half": ("6 tháng", "Six months"),
    "span_year": ("Năm", "Year"),
    "total": ("Tổng", "Total"),
    "rate": ("Tỷ lệ hoàn thành", "Completion rate"),
    "no_items": ("Không có việc nào trong thời gian này.", "Nothing is due in this period."),
    # an item
    "item": ("Việc", "Item"),
    "kind": ("Loại", "Kind"),
    "status": ("Trạng thái", "Status"),
    "target": ("Chỉ tiêu", "Target"),
    "history": ("Diễn biến", "History"),
    "completions": ("Báo cáo hoàn thành", "Completions"),
    "messages": ("Nhắc việc và đôn đốc", "Reminders and escalations"),
    "no_messages": ("Chưa có tin nhắn nào được ghi nhận cho việc này.", "No message is recorded for this item yet."),
    "no_completions": ("Chưa có báo cáo hoàn thành.", "Not reported done yet."),
    "reminder_level": ("Nhắc trước {n} ngày làm việc", "Reminder {n} working days before"),
    "reminder_today": ("Nhắc vào ngày đến hạn", "Reminder on the due day"),
    "escalation_level": ("Đôn đốc, mức {n}: {rung}", "Escalation, level {n}: {rung}"),
    "escalation_steps": ("Các bước đôn đốc", "Escalation steps"),
    "nobody_to_tell": ("không có ai để báo", "nobody to tell"),
    "people": ("{n} người nhận", "{n} recipients"),
    "not_gathered": ("chờ gộp vào tin nhắn", "waiting to be gathered"),
    "link_requests": ("Yêu cầu liên kết mới", "Fresh link requests"),
    "done_at": ("Thực hiện lúc", "Done at"),
    "recorded_at": ("Ghi nhận lúc", "Recorded at"),
    "by_whom": ("Người báo cáo", "Reported by"),
    "source": ("Nguồn", "Source"),
    "when": ("Thời điểm", "When"),
    "what": ("Nội dung", "What"),
    "to": ("Gửi tới", "To"),
    "back": ("Quay lại bảng theo dõi", "Back to the board"),
    "forbidden": ("Không được phép", "Not allowed"),
    "forbidden_text": ("Bạn không có quyền thực hiện việc này.", "You may not do this."),
    "csrf_text": ("Biểu mẫu đã cũ hoặc không hợp lệ. Hãy tải lại trang rồi thử lại.",
                  "The form is stale or not valid. Reload the page and try again."),
    "not_found": ("Không tìm thấy", "Not found"),
    "not_found_text": ("Trang hoặc việc này không tồn tại, hoặc bạn không được xem.",
                       "This page or item does not exist, or you may not see it."),
}

KIND_WORDS: dict[ItemKind, tuple[str, str]] = {
    ItemKind.PRODUCE: ("Sản phẩm", "Output"),
    ItemKind.REBROADCAST: ("Phát lại", "Rebroadcast"),
    ItemKind.TASK: ("Nhiệm vụ", "Task"),
    ItemKind.CHECK_IN: ("Cập nhật tiến độ", "Progress check"),
    ItemKind.REPORT: ("Báo cáo", "Report"),
}

# The message that carries a fresh link (sent through the daemon's outbox).
MESSAGE_WORDS: dict[str, tuple[str, str]] = {
    "subject": ("Liên kết mới để báo cáo hoàn thành – {unit}", "A fresh link to report work done – {unit}"),
    "greeting": ("Kính gửi {name},", "Dear {name},"),
    "body": ("Theo yêu cầu trên trang báo cáo, đây là liên kết mới để báo cáo hoàn thành các việc của {unit}:",
             "As asked on the reporting page, here is a fresh link to report the work of {unit} done:"),
    "items": ("Các việc:", "The work:"),
    "item": ("- {label} (hạn {due})", "- {label} (due {due})"),
    "until": ("Liên kết dùng được đến {at}.", "The link works until {at}."),
    "sms": ("{url} Liên kết mới báo cáo hoàn thành của {unit}.", "{url} Fresh link to report the work of {unit}."),
    "sign": ("Cadence – nhắc việc kế hoạch truyền thông", "Cadence – communication plan reminders"),
}

RUNG_WORDS: dict[str, tuple[str, str]] = {
    "contacts": ("đầu mối liên hệ của đơn vị", "the unit's contacts"),
    "head": ("thủ trưởng đơn vị", "the unit's head"),
    "monitor": ("cơ quan theo dõi (đầu mối)", "the plan's monitor"),
    "issuer": ("cơ quan ban hành kế hoạch", "the issuing authority"),
}

MESSAGE_STATE_WORDS: dict[str, tuple[str, str]] = {
    "pending": ("đang chờ gửi", "waiting"),
    "sending": ("đang gửi", "sending"),
    "sent": ("đã gửi", "sent"),
    "failed": ("không gửi được", "failed"),
    "cancelled": ("không gửi (việc đã xong)", "not sent (already done)"),
}

SOURCE_WORDS: dict[str, tuple[str, str]] = {
    "cli": ("dòng lệnh", "command line"),
    "csv": ("tệp CSV", "CSV file"),
    "web": ("liên kết trong tin nhắn", "link in a message"),
}


def translator(language: Language) -> Callable[..., str]:
    """``t("key", name=value)``: the word in ``language``, with its fields filled."""
    index = 0 if language is Language.VI else 1

    def t(key: str, **fields) -> str:
        text = WORDS[key][index]
        return text.format(**fields) if fields else text

    return t


def word(table: dict, key, language: Language) -> str:
    """A word from one of the enum tables above."""
    pair = table.get(key)
    if pair is None:
        return str(getattr(key, "value", key))
    return pair[0 if language is Language.VI else 1]
