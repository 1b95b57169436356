"""Reads for the reports: the self-review report's data as one plain snapshot.

`report_data` gathers everything the document says in a fixed number of
queries and returns a `ReportData` of plain values; the HTML, PDF and DOCX
renderers all read that one object, and issuing stores it as JSON, so an
issued document can be rebuilt from its snapshot alone.
"""

from __future__ import annotations

import dataclasses
import datetime
import itertools
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from chidoan.lib.text import date_line, two_digits
from congress.models import Congress
from members.models import BranchRating, Organisation, RatingLevel
from reports.markup import paragraphs
from reports.models import NARRATIVE_SECTIONS, IssuedDocument, SelfReviewReport
from terms.models import (
    CommitteeRole,
    CommitteeSeat,
    Outcome,
    ProgressEntry,
    SeatEndKind,
    SeatStartKind,
    Target,
    TargetKind,
    Term,
)

TYPE_CODE = "BC"  # Báo cáo

# The seed's words for each role in the list of the elected committee.
ROLE_WORDS = {
    CommitteeRole.SECRETARY: "Bí thư Chi đoàn",
    CommitteeRole.DEPUTY: "Phó Bí thư Chi đoàn",
    CommitteeRole.MEMBER: "Ủy viên",
}

OUTCOME_WORDS = {
    Outcome.ACHIEVED: "Đạt",
    Outcome.EXCEEDED: "Vượt",
    Outcome.NOT_ACHIEVED: "Chưa đạt",
    Outcome.IN_PROGRESS: "Đang thực hiện",
}

RATING_WORDS = {
    RatingLevel.EXCELLENT: "hoàn thành xuất sắc nhiệm vụ",
    RatingLevel.GOOD: "hoàn thành tốt nhiệm vụ",
    RatingLevel.COMPLETED: "hoàn thành nhiệm vụ",
    RatingLevel.NOT_COMPLETED: "không hoàn thành nhiệm vụ",
}


@dataclass
class Section:
    key: str
    heading: str
    paragraphs: list[str]


@dataclass
class TargetRow:
    position: int
    name: str
    planned: str
    result: str
    outcome: str


@dataclass
class ReportData:
    """Everything the self-review report says, as plain values (JSON-serialisable)."""

    branch_id: int
    branch_name: str
    term_label: str
    term_slug: str
    upper_level_line: str
    issuing_body_line: str
    doc_type: str
    summary_lines: list[str]
    term_line: str
    opening: str
    committee_heading: str
    committee_intro: str
    committee_lines: list[str]
    committee_changes: str
    resolution_heading: str
    resolution_sections: list[Section]
    leadership_heading: str
    leadership_sections: list[Section]
    closing: str
    include_targets_table: bool
    targets_heading: str
    target_rows: list[TargetRow]
    dated_on: str
    number_line: str
    place_date_line: str
    signer_on_behalf: str
    signer_title: str
    signer_name: str
    recipients: list[str]
    missing: list[str] = field(default_factory=list)
    number: int | None = None

    @property
    def filename_stem(self) -> str:
        return f"bao-cao-kiem-diem-{self.term_slug}"

    def to_json(self) -> dict:
        return dataclasses.asdict(self)

    @classmethod
    def from_json(cls, data: dict) -> ReportData:
        values = dict(data)
        values["resolution_sections"] = [Section(**s) for s in values["resolution_sections"]]
        values["leadership_sections"] = [Section(**s) for s in values["leadership_sections"]]
        values["target_rows"] = [TargetRow(**r) for r in values["target_rows"]]
        return cls(**values)


# Data-driven sentences ---------------------------------------------------------


def branch_phrase(branch: Organisation) -> str:
    """ "Chi đoàn Sở Lao động – Thương binh và Xã hội": the branch as the report names it."""
    return f"Chi đoàn {branch.short_name}"


def review_date(term: Term) -> datetime.date:
    """The self-review looks at the term as a whole: targets are judged as at its close."""
    return term.ends_on + datetime.timedelta(days=1)


def default_document_date(term: Term, congress: Congress | None) -> datetime.date:
    """The report is presented at the congress: dated that day, or today if the congress is later."""
    today = timezone.localdate()
    if congress is not None and congress.held_on < today:
        return congress.held_on
    return today


def elected_seats(seats: list[CommitteeSeat]) -> list[CommitteeSeat]:
    return sorted(
        (s for s in seats if s.start_kind == SeatStartKind.ELECTED),
        key=lambda s: (s.position, s.started_on, s.pk),
    )


def committee_line(seat: CommitteeSeat) -> str:
    return f"- Đồng chí {seat.member.full_name}, {ROLE_WORDS[seat.role]}."


def committee_changes_sentence(seats: list[CommitteeSeat]) -> str:
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
    for level in (RatingLevel.EXCELLENT, RatingLevel.GOOD, RatingLevel.COMPLETED, RatingLevel.NOT_COMPLETED):
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


def _number(value: Decimal | None) -> str:
    if value is None:
        return ""
    normalised = value.normalize()
    text = f"{normalised:f}"
    return text.replace(".", ",")


def target_row(position: int, target: Target, on: datetime.date) -> TargetRow:
    entry = target.latest_entry()
    if target.kind == TargetKind.RATING:
        planned = RATING_WORDS.get(target.planned_rating, "").capitalize()
        result = RATING_WORDS.get(entry.rating, "").capitalize() if entry and entry.rating else ""
    elif target.kind == TargetKind.BOOLEAN:
        planned = "Có"
        result = ("Có" if (entry.value or 0) > 0 else "Không") if entry else ""
    else:
        unit = f" {target.unit}" if target.unit and target.unit != "%" else target.unit
        planned = f"{_number(target.planned_value)}{unit}"
        result = f"{_number(entry.value)}{unit}" if entry and entry.value is not None else ""
    return TargetRow(
        position=position,
        name=target.name[:1].upper() + target.name[1:],
        planned=planned,
        result=result,
        outcome=OUTCOME_WORDS[target.outcome_on(on)],
    )


# The whole report ----------------------------------------------------------------


@dataclass
class _Loaded:
    term: Term
    seats: list[CommitteeSeat]
    congress: Congress | None
    ratings: list[BranchRating]
    targets: list[Target]


def _load(term: Term) -> _Loaded:
    term = Term.objects.select_related("branch").get(pk=term.pk)
    seats = list(CommitteeSeat.objects.filter(term=term).select_related("member").order_by("started_on", "id"))
    congress = Congress.objects.filter(closes_term=term).first()
    ratings = list(
        BranchRating.objects.filter(branch=term.branch, year__gte=term.starts_on.year, year__lte=term.ends_on.year)
    )
    targets: QuerySet[Target] = (
        Target.objects.filter(resolution__term=term)
        .select_related("resolution__term")
        .prefetch_related(Prefetch("progress_entries", queryset=ProgressEntry.objects.order_by("recorded_on", "id")))
        .order_by("position", "id")
    )
    return _Loaded(term=term, seats=seats, congress=congress, ratings=ratings, targets=list(targets))


def draft_narrative(term: Term) -> dict[str, str]:
    """The first draft of the narrative: what the data knows (ratings, targets), one paragraph per line."""
    loaded = _load(term)
    on = review_date(loaded.term)
    strengths = [targets_achieved_sentence(loaded.targets, on), ratings_sentence(loaded.ratings)]
    shortcomings = targets_not_achieved_sentences(loaded.targets, on)
    return {
        "strengths": "\n".join(s for s in strengths if s),
        "shortcomings": "\n".join(shortcomings),
        "secretary_role": "",
        "deputy_role": "",
        "members_role": "",
        "lessons": "",
    }


def report_data(
    term: Term,
    *,
    report: SelfReviewReport | None = None,
    on: datetime.date | None = None,
    number: int | None = None,
) -> ReportData:
    """The self-review report of `term` as plain data, dated `on` (default: the congress day or today)."""
    loaded = _load(term)
    term = loaded.term
    branch = term.branch
    if report is None:
        report = SelfReviewReport.objects.filter(term=term).first()
    label = term.label
    name = branch_phrase(branch)
    on = on or default_document_date(term, loaded.congress)
    missing: list[str] = []

    elected = elected_seats(loaded.seats)
    if not elected:
        missing.append(_("Chưa có Ban Chấp hành được bầu tại Đại hội trong nhiệm kỳ."))
    secretary = next(
        (s for s in loaded.seats if s.role == CommitteeRole.SECRETARY and s.held_on(on)),
        None,
    )
    if secretary is None:
        missing.append(_("Không có Bí thư Chi đoàn giữ chức vào ngày ký %(date)s.") % {"date": f"{on:%d/%m/%Y}"})
    if loaded.congress is not None:
        closing_target = f"Đại hội {name} nhiệm kỳ {loaded.congress.new_term_label}"
    else:
        closing_target = f"Đại hội {name}"
        missing.append(_("Chưa có Đại hội Chi đoàn kết thúc nhiệm kỳ (để ghi nhiệm kỳ mới trong câu kết)."))
    if not branch.issuing_body_line.strip():
        missing.append(_("Chi đoàn chưa có dòng cơ quan ban hành trong tiêu đề văn bản."))
    if not branch.place_name.strip():
        missing.append(_("Chi đoàn chưa có địa danh ghi ngày tháng."))

    texts = {key: getattr(report, key, "") if report else "" for key, _heading in NARRATIVE_SECTIONS}
    sections = [
        Section(key=key, heading=heading, paragraphs=paragraphs(texts[key])) for key, heading in NARRATIVE_SECTIONS
    ]
    for section in sections:
        if not section.paragraphs:
            missing.append(_("Chưa viết phần “%(heading)s”.") % {"heading": section.heading})
    recipients = report.recipient_lines() if report else []
    if not recipients:
        missing.append(_("Chưa ghi nơi nhận."))

    review_on = review_date(term)
    include_table = bool(report and report.include_targets_table)
    rows = [target_row(i, t, review_on) for i, t in enumerate(loaded.targets, start=1)] if include_table else []

    symbol = branch.document_symbol
    number_line = f"Số: {number:02d}-{TYPE_CODE}/{symbol}" if number else f"Số:      -{TYPE_CODE}/{symbol}"
    place = branch.place_name.strip()
    place_date = f"{place}, {date_line(on)}" if place else date_line(on).capitalize()

    return ReportData(
        branch_id=branch.pk,
        branch_name=name,
        term_label=label,
        term_slug=term.slug,
        upper_level_line=branch.upper_level_line,
        issuing_body_line=branch.issuing_body_line,
        doc_type="BÁO CÁO KIỂM ĐIỂM",
        summary_lines=["HOẠT ĐỘNG CỦA BAN CHẤP HÀNH CHI ĐOÀN", branch.short_name.upper()],
        term_line=f"NHIỆM KỲ {label}",
        opening=(
            "Thực hiện chức trách, quyền hạn được quy định trong Điều lệ Đoàn; Quy chế làm việc của Ban Chấp hành "
            f"Chi đoàn và Nghị quyết Đại hội {name}, Ban Chấp hành {name} nhiệm kỳ {label} nghiêm túc tự phê bình, "
            "kiểm điểm ưu, khuyết điểm trong quá trình lãnh đạo, điều hành như sau:"
        ),
        committee_heading=f"I. Tình hình Ban Chấp hành nhiệm kỳ {label}",
        committee_intro=(
            f"Đại hội {name}, nhiệm kỳ {label} đã bầu ra Ban Chấp hành gồm {two_digits(len(elected))} đồng chí."
        ),
        committee_lines=[committee_line(s) for s in elected],
        committee_changes=committee_changes_sentence(loaded.seats),
        resolution_heading=f"II. Kiểm điểm việc lãnh đạo thực hiện Nghị quyết Đại hội Chi đoàn nhiệm kỳ {label}",
        resolution_sections=sections[:2],
        leadership_heading=f"III. Kiểm điểm việc lãnh đạo điều hành của Ban Chấp hành Chi đoàn nhiệm kỳ {label}",
        leadership_sections=sections[2:],
        closing=f"Trên đây là Báo cáo kiểm điểm của Ban Chấp hành {name} nhiệm kỳ {label} trình {closing_target}.",
        include_targets_table=include_table,
        targets_heading="Kết quả thực hiện các chỉ tiêu Nghị quyết",
        target_rows=rows,
        dated_on=on.isoformat(),
        number_line=number_line,
        place_date_line=place_date,
        signer_on_behalf="TM. BAN CHẤP HÀNH",
        signer_title="BÍ THƯ",
        signer_name=secretary.member.full_name if secretary else "",
        recipients=recipients,
        missing=missing,
        number=number,
    )


def branch_documents(branch: Organisation) -> list[dict]:
    """Each term of the branch with its report (if started) and issued versions, newest term first."""
    terms = list(Term.objects.filter(branch=branch).select_related("self_review_report").order_by("-starts_on"))
    issued = issued_documents(branch=branch)
    by_term: dict[int, list[IssuedDocument]] = {}
    for doc in issued:
        by_term.setdefault(doc.term_id, []).append(doc)
    return [
        {
            "term": term,
            "report": getattr(term, "self_review_report", None),
            "issued": by_term.get(term.pk, []),
        }
        for term in terms
    ]


def issued_documents(*, branch: Organisation, term: Term | None = None) -> QuerySet[IssuedDocument]:
    """Issued documents without their stored bytes (listed, not downloaded)."""
    qs = IssuedDocument.objects.filter(organisation=branch).defer("snapshot", "html", "pdf", "docx")
    if term is not None:
        qs = qs.filter(term=term)
    return qs.select_related("issued_by").order_by("-issued_on", "-year", "-number")
