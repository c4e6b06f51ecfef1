"""Small plans written for tests, in the style of the real ones."""

PLAN = """KẾ HOẠCH
Truyền thông về cải cách hành chính năm 2026 của UBND xã Hòa Bình
Thực hiện Kế hoạch số 1/KH-UBND của UBND tỉnh.
I. MỤC ĐÍCH
1. Mục đích chung
II. NHIỆM VỤ, HOẠT ĐỘNG CỤ THỂ
1. Về cải cách hành chính
a) Xây dựng chuyên mục phát thanh về CCHC
- Tần suất: 02 chuyên mục/tháng (20 chuyên mục/năm).
- Đơn vị chủ trì: Đài Truyền thanh xã.
- Đơn vị phối hợp: Văn phòng HĐND và UBND xã; các ban, ngành liên quan.
- Thời gian thực hiện: Năm 2026.
b) Tổ chức hội nghị tập huấn. Định kỳ rà soát tài liệu.
- Thời gian thực hiện: Quý II/2026.
{extra}
III. TỔ CHỨC THỰC HIỆN
1. Văn phòng HĐND và UBND xã
a) Làm đầu mối, theo dõi, đôn đốc việc thực hiện Kế hoạch này; định kỳ hằng quý báo cáo UBND huyện.
b) Chủ trì thực hiện nhiệm vụ tại điểm b, c khoản 1 thuộc phần II.
Nơi nhận:
- Như trên;
"""
