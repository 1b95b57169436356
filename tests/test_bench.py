"""The benchmarks (bench/) still run against the product: every name they import from it exists.

The scripts import most of the product inside their functions (after django.setup()), so a
module that moves would only show when someone runs a long benchmark; this reads their
imports instead, and asks each script for its --help.
"""

from __future__ import annotations

import ast
import importlib
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
OURS = {"bench", "chidoan", "members", "terms", "congress", "reports"}
SCRIPTS = sorted((ROOT / "bench").glob("*.py"))


def product_imports(path: Path) -> list[tuple[int, str, str | None]]:
    """(line, module, name) of each import of ours in the file, wherever it is written; name None for `import x`."""
    found: list[tuple[int, str, str | None]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] in OURS:
            found.extend((node.lineno, node.module, alias.name) for alias in node.names)
        elif isinstance(node, ast.Import):
            found.extend((node.lineno, a.name, None) for a in node.names if a.name.split(".")[0] in OURS)
    return found


@pytest.mark.parametrize("path", SCRIPTS, ids=lambda p: p.name)
def test_every_product_name_a_bench_imports_exists(path):
    missing = []
    for line, module, name in product_imports(path):
        try:
            imported = importlib.import_module(module)
        except ImportError as error:
            missing.append(f"{path.name}:{line}: {module} ({error})")
            continue
        if name is not None and not hasattr(imported, name):
            try:
                importlib.import_module(f"{module}.{name}")
            except ImportError:
                missing.append(f"{path.name}:{line}: {module}.{name}")
    assert not missing, "The benchmark imports what the product no longer has:\n" + "\n".join(missing)


def test_the_check_reads_imports_inside_functions(tmp_path):
    script = tmp_path / "x.py"
    script.write_text("def f():\n    from members.selectors import gone\n    import reports.nowhere\n")
    assert product_imports(script) == [(2, "members.selectors", "gone"), (3, "reports.nowhere", None)]


@pytest.mark.parametrize(
    "name",
    [
        "scale.py",
        "growth.py",
        "throughput.py",
        "report_pdf.py",
        "import_members.py",
        "page_growth.py",
        "dashboard_cache.py",
        "profile_pages.py",
        "frame_cost.py",
    ],
)
def test_each_bench_script_starts_and_explains_its_options(name):
    result = subprocess.run(
        [sys.executable, str(ROOT / "bench" / name), "--help"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "--repeat" in result.stdout
