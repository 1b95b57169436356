"""Load the demo branch: the branch of the seed report, with one login per role.

Safe to run twice: when the demo branch exists, nothing is changed.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from congress.demo import load_congress
from members.demo import DEMO_PASSWORD, LOGINS, branch_exists, load_members
from reports.demo import load_report
from terms.demo import load_term


class Command(BaseCommand):
    help = "Nạp chi đoàn mẫu (chi đoàn của báo cáo gốc) và các tài khoản mẫu."

    def handle(self, *args: Any, **options: Any) -> None:
        if branch_exists():
            self.stdout.write("Dữ liệu mẫu đã có sẵn, không thay đổi gì.")
        else:
            with transaction.atomic():
                members = load_members()
                demo_term = load_term(members)
                load_congress(demo_term.term)
                load_report(demo_term.term)
            self.stdout.write(self.style.SUCCESS("Đã nạp chi đoàn mẫu: Chi đoàn Sở Lao động – Thương binh và Xã hội."))
        self.stdout.write(f"Tài khoản mẫu (mật khẩu chung: {DEMO_PASSWORD}):")
        for username, role in LOGINS:
            self.stdout.write(f"  {username:<10} {role}")
