"""Demo data, term part: the term 2022–2024 of the seed, its committee and resolution.

From the seed: the term, the five elected with their roles and order,
Nguyễn Thị Tú Uyên leaving the committee ("nghỉ việc"), the admission target
not achieved and its reason. Invented (dữ
liệu mẫu): exact dates, the other targets and their progress, assignments.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from members.demo import DemoMembers
from members.models import RatingLevel
from terms import services
from terms.models import CommitteeRole, Resolution, SeatEndKind, SeatStartKind, TargetKind, Term

D = datetime.date

TERM_STARTS = D(2022, 3, 1)
TERM_ENDS = D(2024, 8, 31)
UYEN_LEFT = D(2023, 10, 1)

# The seed's own words for why the admission target was not achieved.
ADMISSION_REASON = (
    "Sở có tuyển dụng viên chức nhưng đa phần không còn tuổi đoàn và nhân viên các Đơn vị làm việc theo "
    "chế độ hợp đồng lao động, thiếu ổn định nên đa phần không có nguyện vọng được kết nạp đoàn mặc dù "
    "Chi đoàn thường xuyên phối hợp Lãnh đạo, cấp ủy đơn vị trong công tác vận động, thuyết phục"
)


ORGANISATION = "Công tác tổ chức, xây dựng Đoàn"
PROPAGANDA = "Công tác tuyên truyền, phong trào"

# The resolution's targets in their order: what each plans, who is responsible, and its readings.
TARGETS: list[tuple[dict[str, Any], str, list[dict[str, Any]]]] = [
    (
        {"name": "kết nạp đoàn viên từ nguồn thanh niên của các Đơn vị trực thuộc", "area": ORGANISATION,
         "kind": TargetKind.NUMBER, "planned_value": Decimal(5), "unit": "đoàn viên"},
        "Đặng Tuyết Hằng",
        [
            {"recorded_on": D(2023, 3, 31), "value": Decimal(1), "reason_behind": ADMISSION_REASON,
             "evidence": "Quyết định kết nạp đoàn viên Lâm Thị Thảo (dữ liệu mẫu)"},
            {"recorded_on": D(2024, 8, 15), "value": Decimal(2), "reason_behind": ADMISSION_REASON,
             "evidence": "Quyết định kết nạp đoàn viên Tô Văn Hiếu (dữ liệu mẫu)"},
        ],
    ),
    (
        {"name": "giới thiệu đoàn viên ưu tú cho Đảng xem xét kết nạp", "area": ORGANISATION,
         "kind": TargetKind.NUMBER, "planned_value": Decimal(2), "unit": "đoàn viên"},
        "Lê Huỳnh Khắc Huy",
        [
            {"recorded_on": D(2023, 12, 20), "value": Decimal(2),
             "evidence": "Giới thiệu 02 đoàn viên ưu tú (dữ liệu mẫu)"},
            {"recorded_on": D(2024, 7, 30), "value": Decimal(3),
             "evidence": "Giới thiệu thêm 01 đoàn viên ưu tú (dữ liệu mẫu)"},
        ],
    ),
    (
        {"name": "Chi đoàn được xếp loại hoàn thành xuất sắc nhiệm vụ hằng năm", "area": ORGANISATION,
         "kind": TargetKind.RATING, "planned_rating": RatingLevel.EXCELLENT},
        "Lê Huỳnh Khắc Huy",
        [
            {"recorded_on": D(2023, 1, 15), "rating": RatingLevel.EXCELLENT, "evidence": "Xếp loại chi đoàn năm 2022"},
            {"recorded_on": D(2024, 1, 15), "rating": RatingLevel.EXCELLENT, "evidence": "Xếp loại chi đoàn năm 2023"},
        ],
    ),
    (
        {"name": "đoàn viên tham gia học tập, quán triệt nghị quyết của Đảng, của Đoàn", "area": PROPAGANDA,
         "kind": TargetKind.PERCENT, "planned_value": Decimal(100), "unit": "%"},
        "Hoàng Phạm Phương Nhi",
        [
            {"recorded_on": D(2024, 6, 30), "value": Decimal(100),
             "evidence": "Danh sách tham gia học tập nghị quyết (dữ liệu mẫu)"},
        ],
    ),
    (
        {"name": "thực hiện công trình, phần việc thanh niên mỗi năm", "area": PROPAGANDA,
         "kind": TargetKind.NUMBER, "planned_value": Decimal(2), "unit": "công trình"},
        "Đinh Thị Mai",
        [
            {"recorded_on": D(2023, 12, 31), "value": Decimal(2),
             "evidence": "Công trình “Góc đọc sách” và “Thắp sáng đường quê” (dữ liệu mẫu)"},
            {"recorded_on": D(2024, 8, 15), "value": Decimal(2), "evidence": "Tổng kết công trình thanh niên (dữ liệu mẫu)"},
        ],
    ),
    (
        {"name": "duy trì Sổ truyền thống của Chi đoàn", "area": PROPAGANDA,
         "kind": TargetKind.BOOLEAN, "planned_value": Decimal(1)},
        "Hoàng Phạm Phương Nhi",
        [
            {"recorded_on": D(2024, 8, 15), "value": Decimal(1),
             "evidence": "Sổ truyền thống Chi đoàn được cập nhật (dữ liệu mẫu)"},
        ],
    ),
]  # fmt: skip


@dataclass
class DemoTerm:
    term: Term
    resolution: Resolution


def load_term(demo: DemoMembers) -> DemoTerm:
    m = demo.by_name
    term = services.term_create(branch=demo.branch, starts_on=TERM_STARTS, ends_on=TERM_ENDS, number=None)
    roles = [
        CommitteeRole.SECRETARY,
        CommitteeRole.DEPUTY,
        CommitteeRole.MEMBER,
        CommitteeRole.MEMBER,
        CommitteeRole.MEMBER,
    ]
    seats = {}
    for position, (member, role) in enumerate(zip(demo.committee, roles, strict=True), start=1):
        seats[member.full_name] = services.seat_add(
            term=term,
            member=member,
            role=role,
            started_on=TERM_STARTS,
            start_kind=SeatStartKind.ELECTED,
            position=position,
        )
    services.seat_end(seat=seats["Nguyễn Thị Tú Uyên"], on=UYEN_LEFT, end_kind=SeatEndKind.LEFT, reason="nghỉ việc")

    areas = [
        ("Lê Huỳnh Khắc Huy", "Phụ trách chung"),
        ("Hoàng Phạm Phương Nhi", PROPAGANDA),
        ("Đặng Tuyết Hằng", ORGANISATION),
        ("Nguyễn Thị Tú Uyên", "Công tác văn thể, tình nguyện"),
        ("Đinh Thị Mai", "Công tác kiểm tra, đoàn phí"),
    ]
    for name, area in areas:
        services.assignment_set(term=term, member=m[name], area=area)

    resolution = services.resolution_ensure(
        term=term, title="Nghị quyết Đại hội Chi đoàn nhiệm kỳ 2022 – 2024", adopted_on=TERM_STARTS
    )
    for fields, responsible, readings in TARGETS:
        target = services.target_create(resolution=resolution, responsible=m[responsible], **fields)
        for reading in readings:
            services.progress_record(target=target, **reading)

    return DemoTerm(term=term, resolution=resolution)
