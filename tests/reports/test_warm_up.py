"""A gunicorn worker renders a small PDF when it starts, so the first report a user asks for is not the slow one."""

from __future__ import annotations

import io
import runpy
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from types import SimpleNamespace

import pytest
from pypdf import PdfReader

from reports.render import page

ROOT = Path(__file__).resolve().parents[2]


class FakeWorker:
    def __init__(self) -> None:
        self.messages: list[str] = []
        self.log = self

    def info(self, message: str, *args: object) -> None:
        self.messages.append(message % args)


def fonts_in(pdf: bytes) -> set[str]:
    names = set()
    for pdf_page in PdfReader(io.BytesIO(pdf)).pages:
        for font in pdf_page["/Resources"]["/Font"].values():
            names.add(str(font.get_object()["/BaseFont"]))
    return names


def test_the_warm_up_page_uses_all_four_shipped_fonts():
    names = fonts_in(page.html_to_pdf(page.warm_up_html()))
    assert len(names) == 4, names
    assert all("Chidoan-Serif" in name for name in names), names  # the shipped files, under their family name


def run_hook_in_fresh_thread(worker: FakeWorker) -> bool:
    """Call gunicorn.conf.py's hook in a new thread (which has no font configuration yet); True if it made one."""
    hooks = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    made: list[bool] = []

    def start_worker() -> None:
        hooks["post_worker_init"](worker)
        made.append(getattr(page._local, "font_config", None) is not None)

    thread = threading.Thread(target=start_worker)
    thread.start()
    thread.join()
    return made[0]


def test_a_starting_worker_renders_the_warm_up_pdf(monkeypatch):
    monkeypatch.delenv("WARM_UP", raising=False)
    worker = FakeWorker()
    assert run_hook_in_fresh_thread(worker)
    assert len(worker.messages) == 1 and "warm-up PDF rendered" in worker.messages[0]


@pytest.mark.parametrize("value", ["false", "0", "off"])
def test_warm_up_false_starts_the_worker_without_rendering(monkeypatch, value):
    monkeypatch.setenv("WARM_UP", value)
    worker = FakeWorker()
    assert not run_hook_in_fresh_thread(worker)
    assert worker.messages == []


class FakeThreadWorker(FakeWorker):
    """gunicorn's gthread worker as the hook sees it: a pool of `threads` threads (`tpool`) and its settings."""

    def __init__(self, threads: int) -> None:
        super().__init__()
        self.tpool = ThreadPoolExecutor(max_workers=threads)
        self.cfg = SimpleNamespace(threads=threads)


def test_a_starting_threaded_worker_renders_the_warm_up_pdf_in_each_of_its_threads(monkeypatch):
    """The font configuration is one per thread: a thread of the pool left cold would make its first report slow."""
    monkeypatch.delenv("WARM_UP", raising=False)
    worker = FakeThreadWorker(3)
    try:
        runpy.run_path(str(ROOT / "gunicorn.conf.py"))["post_worker_init"](worker)
        together = threading.Barrier(3, timeout=60)

        def warmed() -> tuple[str, bool]:
            together.wait()  # one probe on each of the 3 threads
            return threading.current_thread().name, getattr(page._local, "font_config", None) is not None

        seen = [task.result(timeout=60) for task in [worker.tpool.submit(warmed) for _ in range(3)]]
    finally:
        worker.tpool.shutdown()
    assert len({name for name, _ in seen}) == 3
    assert all(made for _, made in seen)
    assert len(worker.messages) == 1 and "warm-up PDF rendered in 3 threads" in worker.messages[0]
