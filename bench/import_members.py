"""How fast and how lean the members import is, against django-import-export on the same file and model.

    .venv/bin/python bench/import_members.py [--rows 10000] [--repeat 2]

Builds a throwaway SQLite database (migrated once, copied fresh for every run) with one
empty branch, and an XLSX file of `--rows` new members with the template's columns. Then,
interleaved (product, django-import-export, product, ...), each run in a process of its
own, checks and saves the whole file into the branch:

* the product: members.imports (python-calamine reads, every row held to the model's
  full_clean and members.rules, bulk writes with bulk history, one admission record each);
* django-import-export: a ModelResource on Member (tablib reads through openpyxl, each row
  cleaned with full_clean and saved with its history record, in one transaction).

It prints each run's seconds and peak resident memory (ru_maxrss of the run's process),
the medians, the ratio (aim: the product at least 5 times faster) and the product's peak
(aim: at most 300 MB); and how long calamine and openpyxl's read-only mode take to read
the same file. Never asserts anything.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
BRANCH_SLUG = "chi-doan-bench-nhap"


def _setup_django(db: Path) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{db}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chidoan.settings")
    os.environ["TASKS_BACKEND"] = "django_tasks.backends.immediate.ImmediateBackend"
    import django

    django.setup()


def prepare(db: Path, file: Path, rows: int) -> None:
    """Migrate, add an empty branch, write the file."""
    import datetime

    from django.core.management import call_command
    from openpyxl import Workbook

    from members.imports.columns import COLUMNS
    from members.models import Organisation, OrganisationKind

    call_command("migrate", verbosity=0)
    parent = Organisation.objects.create(kind=OrganisationKind.GRASSROOTS, name="Đoàn cơ sở bench", slug="bench")
    Organisation.objects.create(
        kind=OrganisationKind.BRANCH, name="Chi đoàn bench", short_name="bench", slug=BRANCH_SLUG, parent=parent
    )
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Đoàn viên")
    sheet.append([column.title for column in COLUMNS])
    for i in range(rows):
        born = datetime.date(1990, 1, 1) + datetime.timedelta(days=i % 3000)
        sheet.append([
            f"B{i:07d}", "Nguyễn", "Văn" if i % 2 else "Thị", f"Bench{i:05d}", born, "Nam" if i % 2 else "Nữ",
            born + datetime.timedelta(days=18 * 366), "Đang sinh hoạt", "Không", None, "Có", "Không",
            f"09{i:08d}", f"bench{i}@example.org", f"Số {i} đường Thử", "Phòng Thử nghiệm", "",
        ])  # fmt: skip
    workbook.save(file)


def run_product(file: Path) -> int:
    from members.imports.checking import check_table
    from members.imports.reading import read_table
    from members.imports.saving import change_reason, plan_save
    from members.models import Organisation

    data = file.read_bytes()
    branch = Organisation.objects.get(slug=BRANCH_SLUG)
    plan = check_table(branch=branch, table=read_table(data))
    assert not plan.refused, plan.refused[:3]
    plan_save(plan=plan, by=None, reason=change_reason(file.name, "0" * 64))
    return len(plan.new)


def run_import_export(file: Path) -> int:
    import tablib
    from import_export import fields, resources, widgets

    from members.imports.columns import BY_KEY, choices
    from members.models import Member, Organisation

    branch = Organisation.objects.get(slug=BRANCH_SLUG)

    class LabelWidget(widgets.CharWidget):
        def __init__(self, key: str) -> None:
            super().__init__()
            self.labels = {label: value for value, label in choices(key)}

        def clean(self, value, row=None, **kwargs):
            return self.labels.get(value, value)

    class YesNoWidget(widgets.BooleanWidget):
        def clean(self, value, row=None, **kwargs):
            return value == "Có"

    def field(key: str, widget=None) -> fields.Field:
        return fields.Field(attribute=key, column_name=BY_KEY[key].title, widget=widget or widgets.CharWidget())

    date = widgets.DateWidget

    class MemberResource(resources.ModelResource):
        card_number = field("card_number")
        family_name = field("family_name")
        middle_name = field("middle_name")
        given_name = field("given_name")
        date_of_birth = field("date_of_birth", date())
        gender = field("gender", LabelWidget("gender"))
        admitted_on = field("admitted_on", date())
        is_party_member = field("is_party_member", YesNoWidget())
        party_admitted_on = field("party_admitted_on", date())
        has_salary = field("has_salary", YesNoWidget())
        leadership_exemption = field("leadership_exemption", YesNoWidget())
        phone = field("phone")
        email = field("email")
        address = field("address")
        workplace = field("workplace")
        notes = field("notes")

        class Meta:
            model = Member
            import_id_fields = ("card_number",)
            fields = tuple(BY_KEY)
            exclude = ("status",)
            skip_unchanged = True
            clean_model_instances = True

        def init_instance(self, row=None):
            return Member(branch=branch)

    dataset = tablib.Dataset().load(file.read_bytes(), format="xlsx")
    result = MemberResource().import_data(dataset, dry_run=False, raise_errors=True, use_transactions=True)
    return result.totals["new"]


def child(tool: str, db: Path, file: Path, rows: int) -> None:
    _setup_django(db)
    if tool == "prepare":
        prepare(db, file, rows)
        return
    start = time.perf_counter()
    saved = run_product(file) if tool == "product" else run_import_export(file)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "peak_mb": peak, "saved": saved}))


def readers(file: Path, repeat: int = 3) -> tuple[float, float]:
    """Median seconds to read every cell: python-calamine, openpyxl read-only."""
    from openpyxl import load_workbook
    from python_calamine import CalamineWorkbook

    def calamine() -> None:
        CalamineWorkbook.from_path(str(file)).get_sheet_by_index(0).to_python()

    def openpyxl() -> None:
        workbook = load_workbook(file, read_only=True)
        list(workbook.worksheets[0].iter_rows(values_only=True))
        workbook.close()

    def median(action) -> float:
        times = []
        for _ in range(repeat):
            start = time.perf_counter()
            action()
            times.append(time.perf_counter() - start)
        return statistics.median(times)

    return median(calamine), median(openpyxl)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=10_000, help="members in the file (default 10000)")
    parser.add_argument("--repeat", type=int, default=2, help="runs of each tool, interleaved (default 2)")
    parser.add_argument("--child", nargs=3, metavar=("TOOL", "DB", "FILE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        tool, db, file = args.child
        child(tool, Path(db), Path(file), args.rows)
        return
    with tempfile.TemporaryDirectory(prefix="bench-import-") as tmp:
        base, file = Path(tmp) / "base.sqlite3", Path(tmp) / "doan-vien.xlsx"
        env = {**os.environ}
        subprocess.run(
            [sys.executable, __file__, "--rows", str(args.rows), "--child", "prepare", str(base), str(file)],
            check=True,
            cwd=ROOT,
            env=env,
        )
        print(f"{args.rows:,} new members, {file.stat().st_size / 2**20:.1f} MB XLSX, SQLite, one process per run")
        results: dict[str, list[dict]] = {"product": [], "django-import-export": []}
        for round_ in range(args.repeat):
            for tool in ("product", "django-import-export"):
                db = Path(tmp) / f"{tool}-{round_}.sqlite3"
                shutil.copy(base, db)
                out = subprocess.run(
                    [sys.executable, __file__, "--child", tool, str(db), str(file)],
                    check=True, cwd=ROOT, env=env, capture_output=True, text=True,
                )  # fmt: skip
                figures = json.loads(out.stdout.strip().splitlines()[-1])
                results[tool].append(figures)
                print(f"  {tool:22} run {round_ + 1}: {figures['seconds']:7.2f} s, peak {figures['peak_mb']:6.0f} MB,"
                      f" {figures['saved']:,} saved")  # fmt: skip
                db.unlink()
        product = statistics.median(r["seconds"] for r in results["product"])
        other = statistics.median(r["seconds"] for r in results["django-import-export"])
        print(
            f"median: product {product:.2f} s, django-import-export {other:.2f} s, ratio {other / product:.1f}× (aim ≥ 5×)"
        )
        peak = max(r["peak_mb"] for r in results["product"])
        other_peak = max(r["peak_mb"] for r in results["django-import-export"])
        print(f"peak memory: product {peak:.0f} MB (aim ≤ 300 MB), django-import-export {other_peak:.0f} MB")
        calamine, openpyxl = readers(file)
        print(f"reading the file: python-calamine {calamine:.2f} s, openpyxl read-only {openpyxl:.2f} s")


if __name__ == "__main__":
    main()
