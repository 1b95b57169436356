"""Request size: a body over the form limit is refused with 413 before a byte of it is read.

The requests go through Django's WSGI handler, as gunicorn hands them over, with a
`wsgi.input` that fails the test if the body is read beyond what is allowed.
"""

from __future__ import annotations

import io

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt

from chidoan.lib.http import MIB, accepts_upload, client_ip

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.test_request_size")]

LIMIT = 2_621_440  # the default DATA_UPLOAD_MAX_MEMORY_SIZE, 2.5 MiB
CSRF_COOKIE = "csrftoken=" + "a" * 32  # as a visitor who opened the sign-in page first would send


@csrf_exempt
@accepts_upload()
def upload(request: HttpRequest) -> HttpResponse:
    return HttpResponse(str(sum(len(f.read()) for f in request.FILES.values())))


@csrf_exempt
@accepts_upload(max_mb=1)
def small_upload(request: HttpRequest) -> HttpResponse:
    return HttpResponse(str(len(request.body)))


@csrf_exempt
def form(request: HttpRequest) -> HttpResponse:
    return HttpResponse(str(len(request.POST.get("note", ""))))


urlpatterns = [
    path("", include("chidoan.urls")),
    path("thu/tep/", upload),
    path("thu/tep-nho/", small_upload),
    path("thu/bieu-mau/", form),
]


class GuardedInput(io.RawIOBase):
    """A well-formed multipart body of `length` bytes (one file, "a" * n) that refuses to give more than `allowed`.

    `requested` counts every byte asked for, the refused ones too (Django turns the error
    into a 500 page, so the tests read this count rather than the exception).
    """

    HEAD = b'--xyz\r\nContent-Disposition: form-data; name="tep"; filename="to.bin"\r\n\r\n'
    TAIL = b"\r\n--xyz--\r\n"

    def __init__(self, length: int, allowed: int) -> None:
        self.length, self.allowed, self.position, self.requested = length, allowed, 0, 0

    def readable(self) -> bool:
        return True

    def byte_range(self, start: int, end: int) -> bytes:
        head, tail_at = self.HEAD, self.length - len(self.TAIL)
        out = bytearray()
        if start < len(head):
            out += head[start : min(end, len(head))]
        filler = max(0, min(end, tail_at) - max(start, len(head)))
        out += b"a" * filler
        if end > tail_at:
            out += self.TAIL[max(0, start - tail_at) : end - tail_at]
        return bytes(out)

    def readinto(self, buffer) -> int:
        size = min(len(buffer), self.length - self.position)
        self.requested += size
        if self.position + size > self.allowed:
            raise AssertionError(f"the body was read beyond {self.allowed} bytes")
        buffer[:size] = self.byte_range(self.position, self.position + size)
        self.position += size
        return size


def wsgi_post(path_info: str, *, length: int | None, allowed: int = 0, chunked: bool = False, **environ):
    answer: dict = {}

    def start_response(status, headers, exc_info=None):
        answer["status"] = int(status.split()[0])
        answer["headers"] = dict(headers)

    body = GuardedInput(length or 10 * MIB, allowed)
    env = {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": path_info,
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "80",
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.url_scheme": "http",
        "wsgi.input": body,
        "CONTENT_TYPE": "multipart/form-data; boundary=xyz",
        **environ,
    }
    if length is not None:
        env["CONTENT_LENGTH"] = str(length)
    if chunked:
        env["HTTP_TRANSFER_ENCODING"] = "chunked"
    content = b"".join(WSGIHandler()(env, start_response))
    return answer["status"], answer["headers"], content.decode(), body.requested


@pytest.mark.parametrize("content_type", ["multipart/form-data; boundary=xyz", "application/x-www-form-urlencoded"])
def test_a_100_mib_post_to_the_sign_in_page_is_refused_unread(content_type):
    status, _, page, read = wsgi_post(
        "/tai-khoan/login/", length=100 * MIB, CONTENT_TYPE=content_type, HTTP_COOKIE=CSRF_COOKIE
    )
    assert status == 413
    assert read == 0
    assert "Dữ liệu gửi lên quá lớn" in page and "2,5 MB" in page and 'lang="vi"' in page


def test_without_the_guard_the_sign_in_page_reads_the_whole_body(settings):
    """What the guard prevents: the CSRF check parses the multipart form, reading the body to its end."""
    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if m != "chidoan.web.limits.RequestSizeLimitMiddleware"]
    _, _, _, read = wsgi_post("/tai-khoan/login/", length=30 * MIB, allowed=30 * MIB, HTTP_COOKIE=CSRF_COOKIE)
    assert read == 30 * MIB


def test_a_branch_page_that_takes_no_file_is_refused_too():
    status, _, _, read = wsgi_post("/chi-doan/so-lao-dong-thuong-binh-va-xa-hoi/doan-vien/", length=LIMIT + 1)
    assert (status, read) == (413, 0)


def test_a_chunked_body_without_a_length_is_refused_by_a_page_that_takes_no_file():
    status, _, page, read = wsgi_post("/tai-khoan/login/", length=None, chunked=True)
    assert (status, read) == (411, 0)
    assert "Content-Length" in page


def test_a_nonsense_length_is_refused():
    status, _, _, read = wsgi_post("/tai-khoan/login/", length=None, CONTENT_LENGTH="lots")
    assert (status, read) == (400, 0)


def test_a_form_just_under_the_limit_is_read(client):
    response = client.post("/thu/bieu-mau/", {"note": "x" * (LIMIT - 1000)})
    assert response.status_code == 200
    assert response.content == str(LIMIT - 1000).encode()


def test_the_form_limit_comes_from_the_settings(settings, client):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 100_000
    assert client.post("/thu/bieu-mau/", {"note": "x" * 200_000}).status_code == 413
    assert client.post("/thu/bieu-mau/", {"note": "x" * 50_000}).status_code == 200


def test_a_view_marked_as_taking_files_takes_a_file_up_to_the_upload_limit(client):
    file = io.BytesIO(b"b" * (10 * MIB))
    file.name = "danh-sach.xlsx"
    response = client.post("/thu/tep/", {"file": file})
    assert response.status_code == 200
    assert response.content == str(10 * MIB).encode()


def test_beyond_the_upload_limit_even_an_upload_view_refuses_unread(settings):
    assert settings.UPLOAD_MAX_MB == 20
    status, _, _, read = wsgi_post("/thu/tep/", length=20 * MIB + 1)
    assert (status, read) == (413, 0)
    status, _, _, _ = wsgi_post("/thu/tep-nho/", length=MIB + 1)
    assert status == 413


def test_an_upload_view_reads_a_body_within_its_limit():
    status, _, page, read = wsgi_post("/thu/tep-nho/", length=MIB, allowed=MIB, CONTENT_TYPE="application/octet-stream")
    assert (status, page, read) == (200, str(MIB), MIB)


def test_the_client_address_is_remote_addr_without_a_proxy(settings):
    settings.PROXY_COUNT = 0
    request = RequestFactory().get("/", REMOTE_ADDR="127.0.0.9", HTTP_X_FORWARDED_FOR="127.0.0.66")
    assert client_ip(request) == "127.0.0.9"


def test_behind_one_proxy_the_client_address_is_the_one_the_proxy_appended(settings):
    settings.PROXY_COUNT = 1
    spoofed = RequestFactory().get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="127.0.0.66, 127.0.0.7")
    assert client_ip(spoofed) == "127.0.0.7"
    direct = RequestFactory().get("/", REMOTE_ADDR="127.0.0.1")
    assert client_ip(direct) == "127.0.0.1"
