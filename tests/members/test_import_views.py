"""The import pages: upload, preview, confirm, progress; the tasks run at once here (ImmediateBackend).

tests/members/test_import_worker.py runs the same tasks through the real database worker.
"""

from __future__ import annotations

import datetime
import hashlib
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from members.imports import saving
from members.models import ImportJob, ImportState, Member, MemberStatusChange, StatusChangeKind
from tests.members.helpers import url
from tests.members.import_files import D, csv_bytes, person, xlsx

pytestmark = pytest.mark.django_db
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def _tasks_at_once(settings):
    settings.TASKS = IMMEDIATE


def job_url(name, branch, job):
    return reverse(f"members:{name}", kwargs={"slug": branch.slug, "job": job.pk})


def upload(client, branch, data: bytes, name="doan-vien.xlsx"):
    return client.post(url("import", branch), {"file": SimpleUploadedFile(name, data)}, follow=True)


def test_the_template_has_vietnamese_headers_drop_down_lists_and_instructions(client, roles, demo_branch):
    import io

    from openpyxl import load_workbook

    client.force_login(roles.secretary)
    response = client.get(url("import_template", demo_branch))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    workbook = load_workbook(io.BytesIO(response.content))
    sheet, instructions = workbook.worksheets
    assert [c.value for c in sheet[1]][:6] == ["Số thẻ đoàn viên", "Họ", "Tên đệm", "Tên", "Ngày sinh", "Giới tính"]
    lists = [v.formula1 for v in sheet.data_validations.dataValidation]
    assert '"Nữ,Nam,Khác"' in lists
    assert any("Đang sinh hoạt" in f and "Đã rời chi đoàn" in f for f in lists)
    assert '"Có,Không"' in lists  # Party membership, salary, leadership
    assert sheet.freeze_panes == "A2"
    assert instructions.title == "Hướng dẫn"
    rows = [[c.value for c in row] for row in instructions.iter_rows()]
    assert rows[-1][1:4] == ["Nguyễn", "Thị Thu", "Trang"]  # the example row


def test_an_upload_shows_the_preview_and_saves_nothing(client, roles, demo_branch):
    client.force_login(roles.secretary)
    before = Member.objects.count()
    bad = person(3, **{"Ngày vào Đoàn": D(2012, 1, 1)})
    response = upload(client, demo_branch, xlsx([person(1), person(2), bad]))
    page = response.content.decode()
    assert "Đã kiểm tra, chờ xác nhận" in page
    assert 'id="count-new">2<' in page and 'id="count-refused">1<' in page
    assert "Chưa đủ tuổi kết nạp" in page and "<td>4</td><td>Ngày vào Đoàn</td>" in page
    assert "Xác nhận và lưu" not in page  # a file with a refused row cannot be saved
    assert Member.objects.count() == before


def test_confirming_saves_every_row_with_history_naming_the_file(client, roles, demo_branch):
    client.force_login(roles.secretary)
    data = csv_bytes([person(1), person(2)], delimiter=";", bom=True)
    response = upload(client, demo_branch, data, name="danh-sach.csv")
    job = ImportJob.objects.latest("pk")
    assert "Xác nhận và lưu" in response.content.decode()
    assert not Member.objects.filter(given_name="Nhập001").exists()

    response = client.post(job_url("import_confirm", demo_branch, job), follow=True)
    job.refresh_from_db()
    assert job.state == ImportState.DONE
    assert bytes(job.content) == b""  # the saved file is not kept; its name and SHA-256 are
    assert "Đã lưu tất cả các dòng của tệp." in response.content.decode()
    member = Member.objects.get(given_name="Nhập001", branch=demo_branch)
    assert member.full_name == "Nguyễn Thị Nhập001" and member.search_key == "nguyen thi nhap001"
    assert member.date_of_birth == D(1998, 8, 5) and member.card_number == "IMP00001"
    change = MemberStatusChange.objects.get(member=member)
    assert (change.kind, change.on, change.recorded_by) == (StatusChangeKind.ADMITTED, D(2014, 3, 26), roles.secretary)
    record = member.history.get()
    sha = hashlib.sha256(data).hexdigest()
    assert record.history_change_reason == f"Tệp danh-sach.csv · SHA-256 {sha}"
    assert record.history_user == roles.secretary
    assert change.history.get().history_change_reason == record.history_change_reason
    # the member's history page says it
    history = client.get(url("history", demo_branch, member)).content.decode()
    assert "danh-sach.csv" in history


def test_an_update_changes_only_what_the_file_changes_and_keeps_the_version(client, roles, demo_branch):
    client.force_login(roles.secretary)
    trang = Member.objects.get(branch=demo_branch, given_name="Trang")
    row = {
        "Họ": trang.family_name,
        "Tên đệm": trang.middle_name,
        "Tên": trang.given_name,
        "Ngày sinh": trang.date_of_birth,
        "Giới tính": "Nữ",
        "Điện thoại": "0988777666",
    }
    upload(client, demo_branch, xlsx([row], list(row)))
    job = ImportJob.objects.latest("pk")
    assert job.result["updated"] == 1 and job.result["new"] == 0
    client.post(job_url("import_confirm", demo_branch, job))
    before = trang.version
    trang.refresh_from_db()
    assert trang.phone == "0988777666" and trang.version == before + 1
    assert trang.history.latest().history_change_reason.startswith("Tệp ")


def test_a_save_that_fails_midway_saves_nothing_and_says_why_in_vietnamese(client, roles, demo_branch, monkeypatch):
    client.force_login(roles.secretary)
    upload(client, demo_branch, xlsx([person(1), person(2)]))
    job = ImportJob.objects.latest("pk")
    real = saving.bulk_create_with_history

    def fail_on_status_changes(objs, model, **kwargs):
        if model is MemberStatusChange:
            raise RuntimeError("the worker died")
        return real(objs, model, **kwargs)

    monkeypatch.setattr(saving, "bulk_create_with_history", fail_on_status_changes)
    response = client.post(job_url("import_confirm", demo_branch, job), follow=True)
    job.refresh_from_db()
    assert job.state == ImportState.FAILED
    assert "Không có thay đổi nào được lưu" in job.error and "RuntimeError" in job.error
    assert job.error in response.content.decode()
    assert not Member.objects.filter(given_name__startswith="Nhập").exists()  # the members went with it


def test_a_job_whose_worker_stopped_is_marked_failed(client, roles, demo_branch, settings):
    client.force_login(roles.secretary)
    job = ImportJob.objects.create(
        branch=demo_branch, file_name="x.xlsx", file_sha256="0" * 64, content=b"", state=ImportState.SAVING
    )
    response = client.get(job_url("import_status", demo_branch, job))
    assert json.loads(response.content)["running"] is True
    ImportJob.objects.filter(pk=job.pk).update(updated_at=timezone.now() - datetime.timedelta(minutes=16))
    status = json.loads(client.get(job_url("import_status", demo_branch, job)).content)
    assert status["state"] == "failed" and status["running"] is False
    assert "bị dừng giữa chừng" in status["error"]


def test_the_job_page_reloads_itself_without_javascript_and_has_no_inline_script(client, roles, demo_branch):
    client.force_login(roles.secretary)
    job = ImportJob.objects.create(
        branch=demo_branch,
        file_name="x.xlsx",
        file_sha256="0" * 64,
        content=b"",
        state=ImportState.CHECKING,
        progress_done=250,
        progress_total=1000,
    )
    page = client.get(job_url("import_job", demo_branch, job)).content.decode()
    assert '<noscript><meta http-equiv="refresh" content="3"></noscript>' in page
    assert 'value="25"' in page and "250 / 1000 dòng" in page
    assert "<script>" not in page and "js/import_progress.js" in page


def test_a_wrong_file_gets_its_message_and_changes_nothing(client, roles, demo_branch):
    client.force_login(roles.secretary)
    before = Member.objects.count()
    page = upload(client, demo_branch, b"%PDF-1.7 not a sheet\x00\x00", name="x.pdf").content.decode()
    assert "không phải là bảng tính" in page
    assert Member.objects.count() == before


def test_a_csv_renamed_to_xlsx_is_named_as_not_a_spreadsheet_not_as_missing_columns(client, roles, demo_branch):
    client.force_login(roles.secretary)
    before = Member.objects.count()
    page = upload(client, demo_branch, "Họ,Tên\nNguyễn,An\n".encode(), name="sai.xlsx").content.decode()
    assert "“sai.xlsx” có đuôi của bảng tính nhưng nội dung không phải là bảng tính Excel" in page
    assert "Thiếu cột bắt buộc" not in page
    assert Member.objects.count() == before


def test_a_file_over_the_size_limit_is_refused_on_the_form(client, roles, demo_branch, settings):
    settings.IMPORT_MAX_MB = 1
    client.force_login(roles.secretary)
    page = upload(client, demo_branch, b"a" * (1024 * 1024 + 1), name="big.csv").content.decode()
    assert "Tệp lớn hơn giới hạn 1 MB." in page
    assert not ImportJob.objects.filter(file_name="big.csv").exists()


def test_a_file_larger_than_an_ordinary_form_is_still_read_and_checked(client, roles, demo_branch, settings):
    """The upload page takes files up to its own limit; every other page refuses bodies over 2.5 MiB unread."""
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE < 3 * 1024 * 1024
    client.force_login(roles.secretary)
    response = upload(client, demo_branch, b"\x00" * (3 * 1024 * 1024), name="lon.xlsx")
    assert response.status_code == 200
    assert "Tệp lớn hơn giới hạn" not in response.content.decode()


def test_another_branchs_job_is_not_found(client, roles, demo_branch):
    from members.models import Organisation

    other = Organisation.objects.get(slug="so-y-te-mau")
    job = ImportJob.objects.create(branch=other, file_name="x.xlsx", file_sha256="0" * 64, content=b"")
    client.force_login(roles.secretary)
    assert client.get(job_url("import_job", demo_branch, job)).status_code == 404


def test_confirm_refuses_a_get(client, roles, demo_branch):
    job = ImportJob.objects.create(branch=demo_branch, file_name="x.xlsx", file_sha256="0" * 64, content=b"")
    client.force_login(roles.secretary)
    assert client.get(job_url("import_confirm", demo_branch, job)).status_code == 405


def test_a_long_file_name_is_shortened_in_history_but_the_sha256_is_whole():
    reason = saving.change_reason("danh-sach-doan-vien-chi-doan-so-lao-dong-2024-ban-cuoi.xlsx", "a" * 64)
    assert len(reason) == 100 and reason.endswith(" · SHA-256 " + "a" * 64)
    assert reason.startswith("Tệp danh-sach") and "…" in reason
