"""The targets tab: targets added, edited, deleted, their progress recorded and read, stale saves refused."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from terms import services
from terms.models import Resolution, Target, TargetKind
from tests.terms.pages import TERM, login, seat_of, target_named, target_post, url

D = datetime.date


# Targets -------------------------------------------------------------------------------------------------


def test_members_read_the_targets_with_progress_responsible_and_outcome(client, roles):
    page = login(client, roles, "member").get(url("targets")).content.decode()
    assert "Kết nạp đoàn viên từ nguồn thanh niên của các Đơn vị trực thuộc" in page
    assert "Chưa đạt" in page and "Vượt" in page and "Đạt" in page
    assert "Đặng Tuyết Hằng" in page  # who is responsible
    assert "2 đoàn viên" in page and "5 đoàn viên" in page  # achieved and planned
    assert "không có nguyện vọng được kết nạp đoàn" in page  # the reason it is behind
    assert 'id="the-chi-tieu"' in page  # the cards a phone shows
    assert url("target_add") not in page


def test_shares_and_yes_no_targets_read_the_vietnamese_way_on_the_list_and_the_history(client, roles, demo_term):
    share = services.target_create(
        resolution=demo_term.resolution, name="đoàn viên học nghị quyết", kind=TargetKind.PERCENT,
        planned_value=Decimal("85.50"),
    )  # fmt: skip
    services.progress_record(target=share, recorded_on=D(2024, 8, 1), value=Decimal("90.25"))
    tradition = target_named(demo_term, "duy trì Sổ truyền thống")
    login(client, roles, "secretary")
    row = next(r for r in client.get(url("targets")).context["rows"] if r["target"] == share)
    assert (row["planned_text"], row["achieved_text"]) == ("85,5%", "90,25%")
    history = client.get(url("target_history", share.pk)).content.decode()
    assert "90,25%" in history
    tradition_history = client.get(url("target_history", tradition.pk)).content.decode()
    assert "Đã thực hiện" in tradition_history.split('id="tien-do"')[1]  # not "1" with no unit


def test_the_secretary_adds_a_target_with_a_responsible_member(client, roles, demo_term):
    hang = seat_of(demo_term, "Đặng Tuyết Hằng").member
    response = login(client, roles, "secretary").post(
        url("target_add", query=f"nhiem-ky={TERM}"),
        {"name": "tổ chức hiến máu tình nguyện", "area": "Tình nguyện", "kind": "number", "planned_value": "3",
         "unit": "đợt", "responsible": hang.pk},
        follow=True,
    )  # fmt: skip
    target = Target.objects.get(resolution__term=demo_term, name="tổ chức hiến máu tình nguyện")
    assert response.redirect_chain[-1][0] == url("targets", query=f"nhiem-ky={TERM}") + f"#chi-tieu-{target.pk}"
    assert (target.planned_value, target.unit, target.responsible) == (Decimal(3), "đợt", hang)
    assert "Tổ chức hiến máu tình nguyện" in response.content.decode()


def test_a_target_in_a_term_without_a_resolution_creates_the_resolution_with_it(client, roles, demo_branch):
    new_term = services.term_create(branch=demo_branch, starts_on=D(2024, 9, 1), ends_on=D(2027, 2, 28))
    response = login(client, roles, "admin").post(
        url("target_add", query="nhiem-ky=2024-2027"),
        {"name": "kết nạp đoàn viên mới", "kind": "number", "planned_value": "4", "unit": "đoàn viên"},
    )
    assert response.status_code == 302
    new_term.refresh_from_db()
    assert [t.name for t in new_term.resolution.targets.all()] == ["kết nạp đoàn viên mới"]


def test_a_refused_target_saves_nothing_not_even_the_resolution(client, roles, demo_branch):
    new_term = services.term_create(branch=demo_branch, starts_on=D(2024, 9, 1), ends_on=D(2027, 2, 28))
    response = login(client, roles, "admin").post(
        url("target_add", query="nhiem-ky=2024-2027"),
        {"name": "đoàn viên học nghị quyết", "kind": "percent", "planned_value": "150"},
    )
    assert response.status_code == 200
    assert "Tỷ lệ không thể vượt quá 100%." in response.content.decode()
    assert not Resolution.objects.filter(term=new_term).exists()


def test_a_rating_target_without_a_rating_is_explained_on_its_field(client, roles):
    response = login(client, roles, "secretary").post(url("target_add"), {"name": "xếp loại", "kind": "rating"})
    assert response.status_code == 200
    assert response.context["form"].errors["planned_rating"] == ["Chỉ tiêu xếp loại cần ghi mức xếp loại đề ra."]


def test_the_responsible_must_be_on_the_committee(client, roles, demo_term):
    trang = roles.member.member
    response = login(client, roles, "secretary").post(
        url("target_add"), {"name": "x", "kind": "number", "planned_value": "1", "responsible": trang.pk}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["responsible"]
    assert not Target.objects.filter(name="x").exists()


def test_the_secretary_edits_a_target(client, roles, admission):
    response = login(client, roles, "secretary").post(
        url("target_edit", admission.pk),
        {**target_post(admission), "planned_value": "6", "version": admission.version},
        follow=True,
    )
    assert response.status_code == 200 and response.redirect_chain
    before = admission.version
    admission.refresh_from_db()
    assert admission.planned_value == Decimal(6)
    assert admission.version == before + 1


@pytest.mark.parametrize(("planned", "shown"), [("85.50", "85.5"), ("5.00", "5"), ("10.00", "10")])
def test_the_edit_form_starts_from_the_planned_value_as_a_number_input_reads_it(
    client, roles, demo_term, planned, shown
):
    target = services.target_create(
        resolution=demo_term.resolution, name="đoàn viên học nghị quyết", kind=TargetKind.PERCENT,
        planned_value=Decimal(planned),
    )  # fmt: skip
    page = login(client, roles, "secretary").get(url("target_edit", target.pk)).content.decode()
    assert f'name="planned_value" value="{shown}"' in page  # a dot, no exponent: what the browser accepts


def test_a_concurrent_edit_is_refused_and_both_versions_are_kept_on_screen(client, roles, admission):
    opened_on = admission.version
    # Someone else saves first.
    services.target_update(target=Target.objects.get(pk=admission.pk), expected_version=opened_on, unit="người")
    response = login(client, roles, "deputy").post(
        url("target_edit", admission.pk),
        {**target_post(admission), "name": "kết nạp đoàn viên (sửa của tôi)", "version": opened_on},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "vừa được người khác thay đổi" in page
    assert "kết nạp đoàn viên (sửa của tôi)" in page  # what I typed is not lost
    # What the other person saved, beside what I typed, field by field.
    assert [(c.label, c.saved, c.typed) for c in response.context["changed"]] == [
        ("nội dung chỉ tiêu", admission.name, "kết nạp đoàn viên (sửa của tôi)"),
        ("đơn vị", "người", "đoàn viên"),
    ]
    assert "hiện lưu <strong>người</strong>, bạn nhập <strong>đoàn viên</strong>" in page
    admission.refresh_from_db()
    assert admission.name.startswith("kết nạp đoàn viên từ nguồn")  # not overwritten
    assert (admission.unit, admission.version) == ("người", opened_on + 1)
    assert response.context["form"]["version"].value() == str(admission.version)


def test_an_edit_without_the_version_is_refused(client, roles, admission):
    response = login(client, roles, "secretary").post(
        url("target_edit", admission.pk), {**target_post(admission), "name": "khác"}
    )
    assert response.status_code == 200
    assert "Biểu mẫu đã cũ hoặc không đầy đủ. Hãy mở lại trang rồi nhập lại." in response.content.decode()
    admission.refresh_from_db()
    assert admission.name != "khác"


def test_deleting_a_target_asks_for_confirmation_then_deletes_it(client, roles, bare_target):
    login(client, roles, "secretary")
    confirm = client.get(url("target_delete", bare_target.pk)).content.decode()
    assert "Bạn có chắc chắn?" in confirm
    assert Target.objects.filter(pk=bare_target.pk).exists()
    response = client.post(url("target_delete", bare_target.pk), {"version": bare_target.version}, follow=True)
    assert response.redirect_chain[-1][0] == url("targets", query=f"nhiem-ky={TERM}")
    assert not Target.objects.filter(pk=bare_target.pk).exists()
    assert "Đã xóa chỉ tiêu" in response.content.decode()


def test_a_target_with_progress_cannot_be_deleted(client, roles, admission):
    login(client, roles, "secretary")
    assert (
        "Không thể xóa chỉ tiêu đã có số liệu tiến độ"
        in client.get(url("target_delete", admission.pk)).content.decode()
    )
    response = client.post(url("target_delete", admission.pk), {"version": admission.version}, follow=True)
    assert "Không thể xóa chỉ tiêu đã có số liệu tiến độ" in response.content.decode()
    assert Target.objects.filter(pk=admission.pk).exists()
    assert admission.progress_entries.count() == 2


def test_deleting_a_target_changed_since_the_confirmation_is_refused(client, roles, bare_target):
    opened_on = bare_target.version
    services.target_update(target=Target.objects.get(pk=bare_target.pk), expected_version=opened_on, unit="buổi")
    response = login(client, roles, "secretary").post(
        url("target_delete", bare_target.pk), {"version": opened_on}, follow=True
    )
    assert "vừa được người khác thay đổi" in response.content.decode()
    assert Target.objects.filter(pk=bare_target.pk).exists()


def test_the_responsible_committee_member_records_progress(client, roles, admission):
    response = login(client, roles, "committee").post(
        url("progress_add", admission.pk),
        {"recorded_on": "2024-08-30", "value": "3", "evidence": "Quyết định số 12", "reason_behind": "ít nguồn"},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == url("targets", query=f"nhiem-ky={TERM}") + f"#chi-tieu-{admission.pk}"
    entry = admission.progress_entries.get(recorded_on=D(2024, 8, 30))
    assert (entry.value, entry.evidence, entry.recorded_by) == (Decimal(3), "Quyết định số 12", roles.committee)
    assert "3 đoàn viên" in response.content.decode()


def test_a_done_or_not_target_is_recorded_as_done(client, roles, demo_term):
    tradition = target_named(demo_term, "duy trì Sổ truyền thống")
    response = login(client, roles, "deputy").post(
        url("progress_add", tradition.pk), {"recorded_on": "2024-08-25", "value": "1", "evidence": "Sổ đã cập nhật"}
    )
    assert response.status_code == 302
    assert tradition.progress_entries.get(recorded_on=D(2024, 8, 25)).value == Decimal(1)


def test_members_see_every_dated_reading_of_a_target_with_its_evidence(client, roles):
    page = login(client, roles, "member").get(url("targets")).content.decode()
    assert "31/03/2023" in page and "Quyết định kết nạp đoàn viên Lâm Thị Thảo" in page  # the first of two readings


def test_the_progress_form_starts_from_the_last_reason_given(client, roles, admission):
    form = login(client, roles, "committee").get(url("progress_add", admission.pk)).context["form"]
    assert form["reason_behind"].value().startswith("Sở có tuyển dụng viên chức")


def test_progress_behind_schedule_without_a_reason_is_refused(client, roles, admission):
    response = login(client, roles, "committee").post(
        url("progress_add", admission.pk), {"recorded_on": "2024-08-30", "value": "3"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["reason_behind"] == [
        "Chỉ tiêu đang chậm so với tiến độ nhiệm kỳ: cần ghi lý do."
    ]
    assert admission.progress_entries.count() == 2


def test_a_rating_target_takes_a_rating_not_a_number(client, roles, demo_term):
    rating_target = target_named(demo_term, "Chi đoàn được xếp loại")
    login(client, roles, "secretary")
    form = client.get(url("progress_add", rating_target.pk)).context["form"]
    assert "rating" in form.fields and "value" not in form.fields
    response = client.post(url("progress_add", rating_target.pk), {"recorded_on": "2024-08-20", "rating": "excellent"})
    assert response.status_code == 302
    assert rating_target.progress_entries.filter(recorded_on=D(2024, 8, 20), rating="excellent").exists()


def test_the_target_history_shows_who_changed_what(client, roles, admission):
    login(client, roles, "secretary")
    client.post(url("target_edit", admission.pk), {**target_post(admission), "unit": "người", "version": 1})
    login(client, roles, "committee")
    client.post(
        url("progress_add", admission.pk), {"recorded_on": "2024-08-30", "value": "3", "reason_behind": "ít nguồn"}
    )
    response = login(client, roles, "officer").get(url("target_history", admission.pk))
    page = response.content.decode()
    edits = [entry for entry in response.context["history"] if entry.who == "Lê Huỳnh Khắc Huy"]
    assert [(c.label, c.old, c.new) for entry in edits for c in entry.changes] == [("đơn vị", "đoàn viên", "người")]
    assert '<del class="text-body-secondary">đoàn viên</del>' in page  # old → new, as the page shows it
    assert "30/08/2024" in page and "Người ghi: Đặng Tuyết Hằng" in page  # who recorded the progress
    assert "Quyết định kết nạp đoàn viên Lâm Thị Thảo" in page  # the progress entries with their evidence
