"""The yardstick of bench/throughput.py: a bare Django site whose one view answers "ok".

No apps, no middleware, no database: what gunicorn and Django alone serve on this machine.

    gunicorn bench.bare_site:application --workers 2
"""

from __future__ import annotations

from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.http import HttpRequest, HttpResponse
from django.urls import path

if not settings.configured:
    settings.configure(
        DEBUG=False,
        SECRET_KEY="bare-site-" + "x" * 50,
        ALLOWED_HOSTS=["127.0.0.1", "localhost"],
        ROOT_URLCONF=__name__,
        MIDDLEWARE=[],
        INSTALLED_APPS=[],
        DATABASES={},
    )


def ok(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("", ok)]

application = get_wsgi_application()
