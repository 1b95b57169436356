"""The reports app's URLs, under /chi-doan/<slug>/van-ban/: the self-review report, the congress documents
and the periodic statistics (of any organisation).

One view per document takes the format; each format keeps its own URL name.
"""

from django.urls import path

from reports.views import congress, issued, self_review, statistics, submissions, transfers

app_name = "reports"

REPORT = "bao-cao-kiem-diem/<slug:term>/"
CONGRESS = "dai-hoi/<int:pk>/"
ELECTION = CONGRESS + "bau-cu/<int:election_pk>/"
TRANSFER = "chuyen-sinh-hoat/<int:pk>/giay-gioi-thieu/"
STATISTICS = "so-lieu/"
HTML, PDF, DOCX = {"fmt": "html"}, {"fmt": "pdf"}, {"fmt": "docx"}

urlpatterns = [
    path("", issued.documents_list, name="list"),
    path(REPORT, self_review.page, name="self_review"),
    path(REPORT + "soan-thao/", self_review.edit, name="self_review_edit"),
    path(REPORT + "xem-truoc/", self_review.preview, name="self_review_preview"),
    path(REPORT + "pdf/", self_review.document, PDF, name="self_review_pdf"),
    path(REPORT + "docx/", self_review.document, DOCX, name="self_review_docx"),
    path(REPORT + "ban-hanh/", self_review.issue, name="self_review_issue"),
    path("da-ban-hanh/<int:pk>/gui-len/", submissions.send, name="issued_send"),
    path("da-ban-hanh/<int:pk>/<slug:fmt>/", issued.download, name="issued_download"),
    path(CONGRESS + "bien-ban/", congress.minutes, HTML, name="congress_minutes"),
    path(CONGRESS + "bien-ban/pdf/", congress.minutes, PDF, name="congress_minutes_pdf"),
    path(CONGRESS + "nghi-quyet/", congress.resolution, HTML, name="congress_resolution"),
    path(CONGRESS + "nghi-quyet/pdf/", congress.resolution, PDF, name="congress_resolution_pdf"),
    path(CONGRESS + "doan-dai-bieu/", congress.delegation, HTML, name="congress_delegation"),
    path(CONGRESS + "doan-dai-bieu/pdf/", congress.delegation, PDF, name="congress_delegation_pdf"),
    path(CONGRESS + "doan-dai-bieu/docx/", congress.delegation, DOCX, name="congress_delegation_docx"),
    path(ELECTION + "bien-ban-kiem-phieu/", congress.counting_record, HTML, name="counting_record"),
    path(ELECTION + "bien-ban-kiem-phieu/pdf/", congress.counting_record, PDF, name="counting_record_pdf"),
    path(ELECTION + "phieu-bau/", congress.ballots, HTML, name="ballots"),
    path(ELECTION + "phieu-bau/pdf/", congress.ballots, PDF, name="ballots_pdf"),
    # The periodic statistics: the slug is any organisation's, a branch or a level above it.
    path(STATISTICS, statistics.statistics, name="statistics"),
    path(STATISTICS + "ban-hanh/", statistics.issue, name="statistics_issue"),
    path(STATISTICS + "<int:pk>/", statistics.report_page, name="statistics_report"),
    path(STATISTICS + "<int:pk>/gui-len/", statistics.send, name="statistics_send"),
    path(STATISTICS + "<int:pk>/<slug:fmt>/", statistics.download, name="statistics_download"),
    path(TRANSFER, transfers.letter, HTML, name="transfer_letter"),
    path(TRANSFER + "pdf/", transfers.letter, PDF, name="transfer_letter_pdf"),
]
