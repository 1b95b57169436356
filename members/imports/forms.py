"""The upload form of the import: one file, within the size limit."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Tệp danh sách đoàn viên (XLSX hoặc CSV)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv,text/csv"}),
    )

    def clean_file(self) -> object:
        upload = self.cleaned_data["file"]
        if upload.size > settings.IMPORT_MAX_MB * 1024 * 1024:
            raise forms.ValidationError(_("Tệp lớn hơn giới hạn %(mb)s MB.") % {"mb": settings.IMPORT_MAX_MB})
        if upload.size == 0:
            raise forms.ValidationError(_("Tệp trống."))
        return upload
