"""Words people read in Cadence's output, Vietnamese first. One table, so a translation is
one place to change. (English output for the store commands is not written yet.)"""
from __future__ import annotations

from cadence.kinds import ItemKind

KIND = {
    ItemKind.PRODUCE: "sản phẩm",
    ItemKind.REBROADCAST: "phát lại",
    ItemKind.TASK: "nhiệm vụ",
    ItemKind.CHECK_IN: "cập nhật tiến độ",
    ItemKind.REPORT: "báo cáo",
}

DUE_COLUMNS = ("Mã", "Hạn", "Đơn vị", "Kế hoạch", "Mục", "Nội dung", "Loại", "Kỳ", "Đã/Chỉ tiêu", "Trạng thái", "Đôn đốc")

IMPORTED = "Đã nhập kế hoạch «{key}» ({start} → {end}): {created} mục mới, {updated} cập nhật, {unchanged} giữ nguyên, {retired} ngừng."
READ_WARNINGS = "Cảnh báo khi đọc kế hoạch:"
NOTES = "Ghi chú khi lập lịch:"
NO_ITEMS = "Không có mục nào."
DONE = "Đã ghi nhận mục {id} ({unit}, {ref}): {done}/{target} — {status}."
CSV_DONE = "Đã ghi nhận {count} dòng hoàn thành từ {file}."
UNITS_SAVED = "Đã lưu danh mục đơn vị: {added} thêm mới, {updated} cập nhật."
SEEDED = "Đã thêm {added} xã, phường, đặc khu của {province} ({updated} đã có) vào nhóm «{group}»."
MAPPED = "Đã ghi nhớ: «{text}» → {target}."
DISSOLVED = "Đơn vị {unit} giải thể từ {on}: {moved} mục chuyển sang {successor}, {retired} mục ngừng."
INITIALISED = "Đã tạo cấu hình {config} và cơ sở dữ liệu {database}."
