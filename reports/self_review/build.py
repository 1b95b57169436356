"""The self-review report assembled: `report_data` for the document, `draft_narrative` for a first draft."""

from __future__ import annotations

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from congress.models import Congress
from members.models import Organisation
from reports.models import SelfReviewReport
from reports.render.markup import paragraphs
from reports.self_review import wording
from reports.self_review.data import ReportData, Section, TermRecords, load_term
from terms.models import CommitteeRole, CommitteeSeat, Term


def review_date(term: Term) -> datetime.date:
    """The self-review looks at the term as a whole: targets are judged as at its close."""
    return term.ends_on + datetime.timedelta(days=1)


def default_document_date(congress: Congress | None) -> datetime.date:
    """The report is presented at the congress: dated that day, or today if the congress is later."""
    today = timezone.localdate()
    if congress is not None and congress.held_on < today:
        return congress.held_on
    return today


def draft_narrative(term: Term) -> dict[str, str]:
    """The first draft of the narrative: what the data knows (ratings, targets), one paragraph per line."""
    records = load_term(term)
    on = review_date(records.term)
    strengths = [
        wording.targets_achieved_sentence(records.targets, on),
        wording.ratings_sentence(records.ratings),
    ]
    draft = {key: "" for key, _heading in wording.NARRATIVE_SECTIONS}  # every field of the report
    draft["strengths"] = "\n".join(s for s in strengths if s)
    draft["shortcomings"] = "\n".join(wording.targets_not_achieved_sentences(records.targets, on))
    return draft


def term_sections(term: Term) -> list[tuple[str, str]]:
    """The narrative parts the report of `term` has: no "Vai trò các Ủy viên" for a committee without any."""
    with_members = CommitteeSeat.objects.filter(term=term, role=CommitteeRole.MEMBER).exists()
    return wording.narrative_sections(with_members=with_members)


def _sections(report: SelfReviewReport | None, records: TermRecords) -> list[Section]:
    with_members = any(s.role == CommitteeRole.MEMBER for s in records.seats)
    return [
        Section(key=key, heading=heading, paragraphs=paragraphs(getattr(report, key) if report else ""))
        for key, heading in wording.narrative_sections(with_members=with_members)
    ]


def _missing(
    *,
    records: TermRecords,
    branch: Organisation,
    elected: list[CommitteeSeat],
    secretary: CommitteeSeat | None,
    on: datetime.date,
    sections: list[Section],
    recipients: list[str],
) -> list[str]:
    """What the report still lacks before it can be issued, in the order the document needs it."""
    missing: list[str] = []
    if not elected:
        missing.append(_("Chưa có Ban Chấp hành được bầu tại Đại hội trong nhiệm kỳ."))
    if secretary is None:
        missing.append(_("Không có Bí thư Chi đoàn giữ chức vào ngày ký %(date)s.") % {"date": f"{on:%d/%m/%Y}"})
    if records.congress is None:
        missing.append(_("Chưa có Đại hội Chi đoàn kết thúc nhiệm kỳ (để ghi nhiệm kỳ mới trong câu kết)."))
    if not branch.issuing_body_line.strip():
        missing.append(_("Chi đoàn chưa có dòng cơ quan ban hành trong tiêu đề văn bản."))
    if not branch.place_name.strip():
        missing.append(_("Chi đoàn chưa có địa danh ghi ngày tháng."))
    missing += [
        _("Chưa viết phần “%(heading)s”.") % {"heading": section.heading}
        for section in sections
        if not section.paragraphs
    ]
    if not recipients:
        missing.append(_("Chưa ghi nơi nhận."))
    return missing


def report_data(
    term: Term,
    *,
    report: SelfReviewReport | None = None,
    on: datetime.date | None = None,
    number: int | None = None,
) -> ReportData:
    """The self-review report of `term` as plain data, dated `on` (default: the congress day or today)."""
    records = load_term(term)
    term = records.term
    branch = term.branch
    if report is None:
        report = SelfReviewReport.objects.filter(term=term).first()
    label = term.label
    name = wording.branch_phrase(branch)
    on = on or default_document_date(records.congress)
    elected = records.elected_seats()
    secretary = records.secretary_on(on)
    sections = _sections(report, records)
    recipients = report.recipient_lines() if report else []
    include_table = bool(report and report.include_targets_table)
    review_on = review_date(term)
    rows = (
        [wording.target_row(i, t, review_on) for i, t in enumerate(records.targets, start=1)] if include_table else []
    )

    return ReportData(
        branch_id=branch.pk,
        branch_name=name,
        term_label=label,
        term_slug=term.slug,
        upper_level_line=branch.upper_level_line,
        issuing_body_line=branch.issuing_body_line,
        doc_type=wording.DOC_TYPE,
        summary_lines=wording.summary_lines(branch),
        term_line=wording.term_line(label),
        opening=wording.opening(name, label),
        committee_heading=wording.committee_heading(label),
        committee_intro=wording.committee_intro(name, label, len(elected)),
        committee_lines=[wording.committee_line(s) for s in elected],
        committee_changes=wording.committee_changes_sentence(records.seats),
        resolution_heading=wording.resolution_heading(label),
        resolution_sections=sections[: wording.RESOLUTION_PART],
        leadership_heading=wording.leadership_heading(label),
        leadership_sections=sections[wording.RESOLUTION_PART :],
        closing=wording.closing(name, label, records.congress.new_term_label if records.congress else None),
        include_targets_table=include_table,
        targets_heading=wording.TARGETS_HEADING,
        target_rows=rows,
        dated_on=on.isoformat(),
        number_line=wording.number_line(number, branch.document_symbol),
        place_date_line=wording.place_date_line(branch.place_name, on),
        signer_on_behalf=wording.SIGNER_ON_BEHALF,
        signer_title=wording.SIGNER_TITLE,
        signer_name=secretary.member.full_name if secretary else "",
        recipients=recipients,
        missing=_missing(
            records=records,
            branch=branch,
            elected=elected,
            secretary=secretary,
            on=on,
            sections=sections,
            recipients=recipients,
        ),
        number=number,
    )
