"""The reports app's URLs: the self-review report and the congress documents."""

from reports.urls_congress import urlpatterns as congress_urlpatterns
from reports.urls_report import urlpatterns as report_urlpatterns

app_name = "reports"
urlpatterns = report_urlpatterns + congress_urlpatterns
