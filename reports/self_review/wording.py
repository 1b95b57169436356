"""Every sentence and phrase the self-review report writes from the data, in the seed's words.

The words are the document's, written here literally and not taken from the models'
translatable labels: an official document reads the same whatever language the
interface is shown in. Counts are written with two digits under ten ("05 đồng chí").
"""

from __future__ import annotations

import datetime
import itertools

from chidoan.lib.numbers import vn_number
from chidoan.lib.text import date_line, two_digits
from members.models import BranchRating, Organisation, RatingLevel
from reports.self_review.data import TargetRow
from terms.models import CommitteeRole, CommitteeSeat, Outcome, SeatEndKind, SeatStartKind, Target, TargetKind

TYPE_CODE = "BC"  # Báo cáo: the type in the document's number, "Số: 05-BC/CĐ"
DOC_TYPE = "BÁO CÁO KIỂM ĐIỂM"
TARGETS_HEADING = "Kết quả thực hiện các chỉ tiêu Nghị quyết"
TARGETS_COLUMNS = ["TT", "Chỉ tiêu", "Chỉ tiêu đề ra", "Kết quả", "Đánh giá"]
SIGNER_ON_BEHALF = "TM. BAN CHẤP HÀNH"
SIGNER_TITLE = "BÍ THƯ"

# Each role as the report names it in the list of the elected committee.
ROLE_WORDS: dict[str, str] = {
    CommitteeRole.SECRETARY: "Bí thư Chi đoàn",
    CommitteeRole.DEPUTY: "Phó Bí thư Chi đoàn",
    CommitteeRole.MEMBER: "Ủy viên",
}

OUTCOME_WORDS: dict[str, str] = {
    Outcome.ACHIEVED: "Đạt",
    Outcome.EXCEEDED: "Vượt",
    Outcome.NOT_ACHIEVED: "Chưa đạt",
    Outcome.IN_PROGRESS: "Đang thực hiện",
}

# As read inside a sentence: "02 năm liên tiếp 2022, 2023 hoàn thành xuất sắc nhiệm vụ".
RATING_WORDS: dict[str, str] = {
    RatingLevel.EXCELLENT: "hoàn thành xuất sắc nhiệm vụ",
    RatingLevel.GOOD: "hoàn thành tốt nhiệm vụ",
    RatingLevel.COMPLETED: "hoàn thành nhiệm vụ",
    RatingLevel.NOT_COMPLETED: "không hoàn thành nhiệm vụ",
}

# The parts the Secretary writes, in the document's order: (field of SelfReviewReport, heading).
# Parts II (strengths, shortcomings) and III (the roles, lessons) both number from 1.
NARRATIVE_SECTIONS: list[tuple[str, str]] = [
    ("strengths", "1. Ưu điểm"),
    ("shortcomings", "2. Hạn chế"),
    ("secretary_role", f"1. Vai trò {ROLE_WORDS[CommitteeRole.SECRETARY]}"),
    ("deputy_role", f"2. Vai trò {ROLE_WORDS[CommitteeRole.DEPUTY]}"),
    ("members_role", "3. Vai trò các Ủy viên Ban Chấp hành Chi đoàn"),
    ("lessons", "4. Một số bài học kinh nghiệm"),
]
RESOLUTION_PART = 2  # the first two sections review the resolution (part II), the rest the leadership (III)


def narrative_sections(*, with_members: bool = True) -> list[tuple[str, str]]:
    """The parts to write for a committee; without Ủy viên (a branch under 9 members elects only a
    Secretary and a Deputy) there is no role of the committee members to review, and the lessons are 3."""
    if with_members:
        return NARRATIVE_SECTIONS
    return [
        (key, "3. Một số bài học kinh nghiệm" if key == "lessons" else heading)
        for key, heading in NARRATIVE_SECTIONS
        if key != "members_role"
    ]


# --------------------------------------------------------------------------- the document's fixed parts


def branch_phrase(branch: Organisation) -> str:
    """ "Chi đoàn Sở Lao động – Thương binh và Xã hội": the branch as the report names it."""
    return f"Chi đoàn {branch.short_name}"


def summary_lines(branch: Organisation) -> list[str]:
    return ["HOẠT ĐỘNG CỦA BAN CHẤP HÀNH CHI ĐOÀN", branch.short_name.upper()]


def term_line(label: str) -> str:
    return f"NHIỆM KỲ {label}"


def opening(name: str, label: str) -> str:
    return (
        "Thực hiện chức trách, quyền hạn được quy định trong Điều lệ Đoàn; Quy chế làm việc của Ban Chấp hành "
        f"Chi đoàn và Nghị quyết Đại hội {name}, Ban Chấp hành {name} nhiệm kỳ {label} nghiêm túc tự phê bình, "
        "kiểm điểm ưu, khuyết điểm trong quá trình lãnh đạo, điều hành như sau:"
    )


def committee_heading(label: str) -> str:
    return f"I. Tình hình Ban Chấp hành nhiệm kỳ {label}"


def committee_intro(name: str, label: str, elected: int) -> str:
    return f"Đại hội {name}, nhiệm kỳ {label} đã bầu ra Ban Chấp hành gồm {two_digits(elected)} đồng chí."


def resolution_heading(label: str) -> str:
    return f"II. Kiểm điểm việc lãnh đạo thực hiện Nghị quyết Đại hội Chi đoàn nhiệm kỳ {label}"


def leadership_heading(label: str) -> str:
    return f"III. Kiểm điểm việc lãnh đạo điều hành của Ban Chấp hành Chi đoàn nhiệm kỳ {label}"


def closing(name: str, label: str, new_term_label: str | None) -> str:
    """Presented to the congress that opens the next term (named by its term once there is one)."""
    to = f"Đại hội {name} nhiệm kỳ {new_term_label}" if new_term_label else f"Đại hội {name}"
    return f"Trên đây là Báo cáo kiểm điểm của Ban Chấp hành {name} nhiệm kỳ {label} trình {to}."


def number_line(number: int | None, symbol: str) -> str:
    """ "Số: 05-BC/CĐ" once issued; the draft leaves the number blank to be written by hand."""
    return f"Số: {number:02d}-{TYPE_CODE}/{symbol}" if number else f"Số:      -{TYPE_CODE}/{symbol}"


def place_date_line(place: str, on: datetime.date) -> str:
    """ "Đồng Nai, ngày 20 tháng 8 năm 2024"; without a place, "Ngày 20 tháng 8 năm 2024"."""
    place = place.strip()
    return f"{place}, {date_line(on)}" if place else date_line(on).capitalize()


# --------------------------------------------------------------------------- the committee


def committee_line(seat: CommitteeSeat) -> str:
    return f"- Đồng chí {seat.member.full_name}, {ROLE_WORDS[seat.role]}."


def committee_changes_sentence(seats: list[CommitteeSeat]) -> str:
    """Who left, was added or changed role during the term, in date order; or that nothing changed."""
    changes: list[tuple[datetime.date, str]] = []
    for seat in seats:
        name = seat.member.full_name
        if seat.ended_on and seat.end_kind in (SeatEndKind.LEFT, SeatEndKind.REMOVED):
            reason = seat.end_reason.strip().rstrip(".")
            if not reason:
                reason = "thôi tham gia Ban Chấp hành" if seat.end_kind == SeatEndKind.LEFT else "được miễn nhiệm"
            changes.append((seat.ended_on, f"đồng chí {name} {reason}"))
        if seat.start_kind == SeatStartKind.ADDED:
            changes.append((seat.started_on, f"đồng chí {name} được bổ sung làm {ROLE_WORDS[seat.role]}"))
        elif seat.start_kind == SeatStartKind.ROLE_CHANGE:
            changes.append((seat.started_on, f"đồng chí {name} chuyển sang làm {ROLE_WORDS[seat.role]}"))
    if not changes:
        return "Trong quá trình hoạt động của nhiệm kỳ, Ban Chấp hành Chi đoàn không có sự thay đổi."
    changes.sort(key=lambda c: c[0])
    listed = "; ".join(text for _on, text in changes)
    return f"Trong quá trình hoạt động của nhiệm kỳ, Ban Chấp hành Chi đoàn có sự thay đổi ({listed})."


# --------------------------------------------------------------------------- ratings and targets


def _years_phrase(years: list[int]) -> str:
    listed = ", ".join(str(y) for y in years)
    if len(years) == 1:
        return f"năm {listed}"
    consecutive = all(b - a == 1 for a, b in itertools.pairwise(years))
    return f"{two_digits(len(years))} năm {'liên tiếp ' if consecutive else ''}{listed}"


def ratings_sentence(ratings: list[BranchRating]) -> str:
    """ "… 02 năm liên tiếp 2022, 2023 hoàn thành xuất sắc nhiệm vụ và đứng thứ hạng cao." from the yearly ratings."""
    if not ratings:
        return ""
    by_level: dict[str, list[BranchRating]] = {}
    for rating in sorted(ratings, key=lambda r: r.year):
        by_level.setdefault(rating.level, []).append(rating)
    phrases = []
    for level in RATING_WORDS:
        group = by_level.get(level)
        if not group:
            continue
        phrase = f"{_years_phrase([r.year for r in group])} {RATING_WORDS[level]}"
        notes = {r.rank_note.strip().rstrip(".") for r in group}
        if len(notes) == 1 and (note := notes.pop()):
            phrase += f" và {note}"
        phrases.append(phrase)
    strong = RatingLevel.EXCELLENT in by_level or RatingLevel.GOOD in by_level
    if strong:
        return (
            "Ban Chấp hành Chi đoàn có sự cố gắng trong việc xây dựng Chi đoàn trở thành chi đoàn vững mạnh, "
            + "; ".join(phrases)
            + "."
        )
    return "Kết quả xếp loại Chi đoàn: " + "; ".join(phrases) + "."


def targets_achieved_sentence(targets: list[Target], on: datetime.date) -> str:
    if not targets:
        return ""
    reached = [t for t in targets if t.outcome_on(on) in (Outcome.ACHIEVED, Outcome.EXCEEDED)]
    return (
        f"Trong nhiệm kỳ, Chi đoàn đạt và vượt {two_digits(len(reached))}/{two_digits(len(targets))} "
        "chỉ tiêu Nghị quyết Đại hội đề ra."
    )


def targets_not_achieved_sentences(targets: list[Target], on: datetime.date) -> list[str]:
    """ "Trong nhiệm kỳ, có 01 chỉ tiêu … chưa đạt do …." from the targets and the reasons recorded."""
    missed = [t for t in targets if t.outcome_on(on) == Outcome.NOT_ACHIEVED]
    if not missed:
        return []

    def because(target: Target) -> str:
        reason = " ".join(target.reason_behind().split()).rstrip(".")
        return f" do {reason}" if reason else ""

    if len(missed) == 1:
        target = missed[0]
        return [f"Trong nhiệm kỳ, có 01 chỉ tiêu {target.name} chưa đạt{because(target)}."]
    sentences = [f"Trong nhiệm kỳ, có {two_digits(len(missed))} chỉ tiêu chưa đạt."]
    sentences += [f"Chỉ tiêu {t.name} chưa đạt{because(t)}." for t in missed]
    return sentences


def target_row(position: int, target: Target, on: datetime.date) -> TargetRow:
    """A target's row in the results table: its name, what was planned, the result and the outcome."""
    entry = target.latest_entry()
    if target.kind == TargetKind.RATING:
        planned = RATING_WORDS.get(target.planned_rating, "").capitalize()
        result = RATING_WORDS.get(entry.rating, "").capitalize() if entry and entry.rating else ""
    elif target.kind == TargetKind.BOOLEAN:
        planned = "Có"
        result = ("Có" if (entry.value or 0) > 0 else "Không") if entry else ""
    else:
        unit = f" {target.unit}" if target.unit and target.unit != "%" else target.unit
        planned = f"{vn_number(target.planned_value)}{unit}"
        result = f"{vn_number(entry.value)}{unit}" if entry and entry.value is not None else ""
    return TargetRow(
        position=position,
        name=target.name[:1].upper() + target.name[1:],
        planned=planned,
        result=result,
        outcome=OUTCOME_WORDS[target.outcome_on(on)],
    )
