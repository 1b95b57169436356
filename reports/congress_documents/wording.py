"""The phrases the congress documents write around the day's records (the templates hold the sentences)."""

from __future__ import annotations

from chidoan.lib.numbers import vn_number
from congress.models import DELEGATION_KINDS, Congress, ElectedBy, Election, ElectionKind, kind_phrase
from members.models import Organisation

MINUTES_TITLE = "Biên bản Đại hội"
COUNTING_RECORD_TITLE = "Biên bản kiểm phiếu"
RESOLUTION_TITLE = "Nghị quyết Đại hội"
DELEGATION_TITLE = "Danh sách đại biểu dự Đại hội cấp trên"
PRESIDIUM_ON_BEHALF = "TM. ĐOÀN CHỦ TỊCH"
COUNTING_HEAD = "Trưởng ban"
COUNTING_MEMBER = "Thành viên"
RESOLUTION_RECIPIENTS = ["Chi bộ", "Ban Chấp hành Chi đoàn", "Đoàn viên Chi đoàn"]  # after the upper level
ARCHIVE = "Lưu VP."

BALLOT_INSTRUCTION = (
    "Đồng ý bầu đồng chí nào thì để nguyên họ tên đồng chí đó; không đồng ý bầu đồng chí nào "
    "thì gạch ngang cả họ và tên đồng chí đó."
)


def percent(part: int, whole: int) -> str:
    """A share in percent with two decimals, written the Vietnamese way: 17 of 18 -> "94,44"; of none, "0"."""
    if not whole:
        return "0"
    return vn_number(part * 100 / whole, places=2)


def election_title(election: Election, congress: Congress) -> str:
    """What is elected: "Ban Chấp hành Chi đoàn Sở … nhiệm kỳ 2024 – 2027", "Bí thư Chi đoàn Sở … nhiệm kỳ …"."""
    branch = congress.closes_term.branch
    term = congress.new_term_label
    if election.kind == ElectionKind.COMMITTEE:
        return f"Ban Chấp hành Chi đoàn {branch.short_name} nhiệm kỳ {term}"
    if election.kind in DELEGATION_KINDS:
        return f"{kind_phrase(election.kind)} ({upper_congress(branch)})"
    return f"{election.get_kind_display()} Chi đoàn {branch.short_name} nhiệm kỳ {term}"


def upper_congress(branch: Organisation) -> str:
    """The congress the delegates go to: "Đại hội Đoàn Khối …", or, with no upper level recorded, "Đại hội Đoàn cấp trên"."""
    parent = branch.parent if branch.parent_id else None
    return f"Đại hội {parent.name}" if parent is not None else "Đại hội Đoàn cấp trên"


def congress_body_line(branch: Organisation) -> str:
    """The congress as the issuing body of its documents: "ĐẠI HỘI CHI ĐOÀN SỞ …"."""
    return f"Đại hội Chi đoàn {branch.short_name}".upper()


def committee_meeting_line(branch: Organisation) -> str:
    """The new committee's first meeting, which elects the Secretary in a large branch: "HỘI NGHỊ BAN CHẤP HÀNH …"."""
    return f"Hội nghị Ban Chấp hành Chi đoàn {branch.short_name} lần thứ nhất".upper()


def voters_line(election: Election, branch: Organisation) -> str:
    """Who votes on the ballot: the congress, or the new committee at its first meeting."""
    if election.elected_by == ElectedBy.COMMITTEE:
        return committee_meeting_line(branch)
    return congress_body_line(branch)


def resolution_number_line(branch: Organisation) -> str:
    """The congress issues one resolution: "Số: 01-NQ/ĐHCĐ"."""
    return f"Số: 01-NQ/ĐH{branch.document_symbol or 'CĐ'}"


def resolution_recipients(branch: Organisation) -> list[str]:
    upper = branch.parent.name if branch.parent_id and branch.parent else ""
    return [line for line in (upper, *RESOLUTION_RECIPIENTS) if line] + [ARCHIVE]


def delegation_recipients(branch: Organisation) -> list[str]:
    """The list goes to the upper level, which convenes its congress."""
    upper = branch.parent.name if branch.parent_id and branch.parent else ""
    return [line for line in (upper, "Ban Chấp hành Chi đoàn") if line] + [ARCHIVE]
