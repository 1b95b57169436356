"""Demo data, reports part: the narrative of the seed's self-review report, word for word.

Only the paragraphs the Secretary writes are stored here; the title, the
headings, the opening, the committee, its change and the closing sentence
come out of the data (see reports.self_review.build.report_data). The seed's own
slips ("đổi mới về hình thức như.", "chưa mạnh dạng") are kept on purpose:
the product reproduces the document the branch wrote.
"""

from __future__ import annotations

from reports.models import SelfReviewReport
from terms.models import Term

NARRATIVE: dict[str, list[str]] = {
    "strengths": [
        "Ngay từ đầu nhiệm kỳ, Ban Chấp hành Chi đoàn đã xây dựng Quy chế làm việc của Ban Chấp hành nhiệm kỳ 2022 – 2024, Kế hoạch thực hiện nhiệm vụ công tác Đoàn và phong trào thanh niên nhiệm kỳ 2022 – 2024. Song song đó, đã tiến hành phân công trách nhiệm cho từng Ủy viên Ban Chấp hành phụ trách từng mảng công tác, từng chỉ tiêu Nghị quyết, qua đó đảm bảo việc thực hiện và hoàn thành nhiệm vụ kịp thời; có thể kiểm tra, đánh giá kết quả, rút kinh nghiệm một cách sâu sát.",
        "Trong nhiệm kỳ qua, Ban Chấp hành Chi đoàn đã có nhiều nỗ lực trong việc tích cực tham mưu với cấp ủy, Đoàn cấp trên; phối hợp tốt với Công đoàn cơ quan và chủ động liên kết với các Chi đoàn bạn thực hiện có hiệu quả nhiều hoạt động.",
        "Ban Chấp hành Chi đoàn tập trung chú trọng hình thức tuyên truyền phong phú, có chọn lọc về nội dung, đổi mới về hình thức như. Bên cạnh đó, Ban Chấp hành cũng chủ động duy trì thực hiện Sổ truyền thống của Chi đoàn nhằm giáo dục đoàn viên thanh niên hiểu về quá trình hoạt động của Chi đoàn.",
        "Ban Chấp hành Chi đoàn có sự cố gắng trong việc xây dựng Chi đoàn trở thành chi đoàn vững mạnh, 02 năm liên tiếp 2022, 2023 hoàn thành xuất sắc nhiệm vụ và đứng thứ hạng cao. Đặc biệt quan tâm đến công tác nâng cao chất lượng đoàn viên và việc theo dõi, phát triển, bồi dưỡng, giúp đỡ đoàn viên ưu tú; công tác tuyên dương, nêu gương đoàn viên tiêu biểu, có thành tích hoạt động trên các mặt công tác.",
        "Các thành viên trong Ban Chấp hành luôn đi đầu, làm gương trong các phong trào, hoạt động đoàn.",
    ],
    "shortcomings": [
        "Trong nhiệm kỳ, các đồng chí trong Ban Chấp hành có nhiều thay đổi trong công tác chuyên môn, đòi hỏi nhiều thời gian nghiên cứu để hoàn thành tốt công việc nên việc dành thời gian cho hoạt động Đoàn còn hạn chế.",
        "Đa số Ủy viên Ban Chấp hành mới được cơ cấu lần đầu, nên chưa mạnh dạng, chủ động trong công tác tham mưu cho Ban Chấp hành Chi đoàn.",
        "Trong nhiệm kỳ, có 01 chỉ tiêu kết nạp đoàn viên từ nguồn thanh niên của các Đơn vị trực thuộc chưa đạt do Sở có tuyển dụng viên chức nhưng đa phần không còn tuổi đoàn và nhân viên các Đơn vị làm việc theo chế độ hợp đồng lao động, thiếu ổn định nên đa phần không có nguyện vọng được kết nạp đoàn mặc dù Chi đoàn thường xuyên phối hợp Lãnh đạo, cấp ủy đơn vị trong công tác vận động, thuyết phục.",
    ],
    "secretary_role": [
        "Đồng chí Bí thư Chi đoàn phụ trách chung và chịu trách nhiệm trước cấp ủy và Đoàn cấp trên về hoạt động công tác Đoàn và phong trào thanh niên của Chi đoàn. Trong nhiệm kỳ đồng chí đã có nhiều nỗ lực và chủ động trong công tác tham mưu cấp ủy, tranh thủ sự ủng hộ, tạo điều kiện của lãnh đạo cơ quan trong tổ chức các hoạt động của Chi đoàn; luôn đi đầu và làm gương trong mọi hoạt động, phong trào đoàn; thường xuyên nhắc nhở, đôn đốc, kiểm tra các đồng chí Ủy viên Ban Chấp hành trong thực hiện các nhiệm vụ được giao; phát huy dân chủ trong các kỳ họp Ban Chấp hành, qua đó tạo điều kiện để các đồng chí trong Ban Chấp hành được tham gia đóng góp ý kiến, nêu quan điểm riêng của mình; thực hiện tự phê bình và phê bình nghiêm túc; phát huy tốt vai trò của đoàn viên trong phân công thực hiện các nhiệm vụ của Chi đoàn; có nhiều cố gắng đối với việc phát huy tinh thần đoàn kết nội bộ trong Ban Chấp hành, trong tập thể Chi đoàn.",
        "Tuy nhiên, do công việc chuyên môn nhiều nên chưa có nhiều thời gian đầu tư nghiên cứu, hiến kế cùng tập thể Ban Chấp hành đổi mới các hoạt động phong trào, tổ chức các hoạt động thi đua gắn với việc thực hiện nhiệm vụ chuyên môn của từng đoàn viên, có lúc còn chủ quan trong chỉ đạo thực hiện nhiệm vụ, chưa thực hiện tốt công tác theo dõi, nhắc nhở Ban Chấp hành Chi đoàn hoàn thành nhiệm vụ.",
    ],
    "deputy_role": [
        "Đồng chí Phó Bí thư Chi đoàn với nhiệm vụ giúp việc cho đồng chí Bí thư luôn thực hiện tốt vai trò chức trách của mình, tích cực tham mưu và tổ chức hoạt động phong trào. Tuy nhiên, do mới tham gia Ban Chấp hành nhiệm kỳ đầu nên việc tham mưu, đề xuất đôi khi chưa thật sự chủ động, kịp thời và sâu sát.",
    ],
    "members_role": [
        "Với các nhiệm vụ được phân công, từng đồng chí Ủy viên Ban Chấp hành đã nỗ lực hoàn thành tốt nhiệm vụ được giao, chấp hành nghiêm kỷ luật của Đảng, của Đoàn, luôn thể hiện tinh thần gương mẫu, khắc phục khó khăn, không ngừng rèn luyện phẩm chất đạo đức cách mạng, phát huy tinh thần đoàn kết, trách nhiệm, góp ý kiến để xây dựng hoạt động của Chi đoàn ngày càng vững mạnh.",
        "Các đồng chí Ủy viên Ban Chấp hành chưa sắp xếp hài hòa giữa công việc cơ quan và Chi đoàn nên các công việc đề ra có lúc chưa thực hiện đảm bảo thời gian và chất lượng. Từng cá nhân trong Ban Chấp hành chưa dành nhiều thời gian đầu tư cho hoạt động Chi đoàn cũng như đề xuất ý tưởng hay, mô hình mới cho hoạt động của Chi đoàn.",
    ],
    "lessons": [
        "Tập trung sự quan tâm, lãnh đạo, chỉ đạo của Đảng ủy, Ban Giám đốc Sở, của Đoàn cấp trên cùng sự hỗ trợ nhiệt tình của các tổ chức đoàn thể trong cơ quan để Ban Chấp hành Chi Đoàn Sở hoàn thành tốt mọi nhiệm vụ được giao.",
        "Ban chấp hành Chi Đoàn Sở cần phải chủ động, năng động hơn nữa trong hoạt động lãnh đạo điều hành; lấy sự năng động, tình nguyện của đoàn viên làm yếu tố then chốt và động lực để Ban Chấp hành Chi Đoàn Sở hoàn thành tốt nhiệm vụ. Cần phải thường xuyên đổi mới hoạt động đoàn phù hợp với thực tiễn để công tác đoàn ngày càng được nhiều đoàn viên thanh niên ủng hộ, tin tưởng và gắn bó.",
    ],
}

RECIPIENTS = "Đoàn Khối các cơ quan tỉnh (dữ liệu mẫu);\nĐại hội Chi đoàn;\nLưu VP."


def load_report(term: Term) -> SelfReviewReport:
    """The demo branch's report of 2022–2024, with the seed's narrative. Call once (see load_demo)."""
    report = SelfReviewReport(
        term=term,
        recipients=RECIPIENTS,
        **{key: "\n".join(paragraphs) for key, paragraphs in NARRATIVE.items()},
    )
    report.full_clean()
    report.save()
    return report
