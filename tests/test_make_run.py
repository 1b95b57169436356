"""`make run` starts the task worker beside the site and stops it with the site, whatever stops the site."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def alive(marker: str) -> bool:
    return subprocess.run(["pgrep", "-f", marker], capture_output=True).returncode == 0


@pytest.fixture
def fake_environment(tmp_path):
    """A BIN whose python stands in for manage.py: the worker sleeps (with a marker), runserver stops after 1 s
    (FAKE_SERVER_SECONDS)."""
    if not shutil.which("make") or not shutil.which("pgrep"):
        pytest.skip("make and pgrep are needed to run the Makefile")
    marker = f"chidoan-test-worker-{uuid.uuid4().hex}"
    fake = tmp_path / "bin"
    fake.mkdir()
    python = fake / "python"
    python.write_text(
        "#!/bin/sh\n"
        'case "$*" in\n'
        f"  *db_worker*) exec python3 -c 'import time; time.sleep(120)' {marker} ;;\n"
        '  *runserver*) sleep "${FAKE_SERVER_SECONDS:-1}" ;;\n'
        "esac\n"
    )
    python.chmod(0o755)
    stamp = tmp_path / ".installed"
    stamp.touch()  # newer than the requirements: make does not reinstall
    yield ["make", "--no-print-directory", "run", f"BIN={fake}", f"STAMP={stamp}"], marker
    subprocess.run(["pkill", "-f", marker])


def test_the_worker_stops_when_the_site_stops(fake_environment):
    command, marker = fake_environment
    subprocess.run(command, cwd=ROOT, check=True, capture_output=True, timeout=60)
    time.sleep(0.5)
    assert not alive(marker), "the task worker outlived `make run`"


def _ctrl_c_as_in_a_terminal() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def test_the_worker_stops_on_ctrl_c(fake_environment):
    command, marker = fake_environment
    environment = {**os.environ, "FAKE_SERVER_SECONDS": "60"}  # the site runs until Ctrl-C
    process = subprocess.Popen(
        command,
        cwd=ROOT,
        env=environment,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        # As from a terminal, Ctrl-C is not ignored, even when these tests run as a background job of a
        # script (`make test &` in .ci/run), whose commands inherit SIGINT ignored.
        preexec_fn=_ctrl_c_as_in_a_terminal,
    )
    for _ in range(100):
        if alive(marker):
            break
        time.sleep(0.1)
    assert alive(marker), "the worker did not start"
    os.killpg(process.pid, signal.SIGINT)  # what Ctrl-C in a terminal does: the whole foreground group
    process.wait(timeout=30)
    time.sleep(0.5)
    assert not alive(marker), "the task worker outlived Ctrl-C"
