from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from pypdf import PdfReader

PDF_SIGNATURE = b"%PDF-"


def read_pdf(file):
    """Open an uploaded file as a PDF, or explain to the editor why it is refused.

    The first bytes must be a PDF header and pypdf must be able to read the
    page tree, so a renamed file or a truncated download never goes public.
    """
    file.seek(0)
    head = file.read(len(PDF_SIGNATURE))
    file.seek(0)
    if head != PDF_SIGNATURE:
        raise forms.ValidationError(
            _("This file is not a PDF. Save the publication as a PDF and upload that."),
            code="not_pdf",
        )
    try:
        reader = PdfReader(file)
        encrypted = reader.is_encrypted
        pages = 0 if encrypted else len(reader.pages)
    except Exception as error:  # pypdf raises many kinds of errors on broken files
        raise forms.ValidationError(
            _("This PDF is damaged or incomplete and can not be opened."), code="damaged_pdf"
        ) from error
    finally:
        file.seek(0)
    if encrypted:
        raise forms.ValidationError(
            _("This PDF is protected with a password. Upload a version anyone can open."),
            code="encrypted_pdf",
        )
    if pages == 0:
        raise forms.ValidationError(
            _("This PDF is damaged or incomplete and can not be opened."), code="damaged_pdf"
        )
    return reader


class PDFFormField(forms.FileField):
    """A publication upload: a readable PDF within the size limit from settings."""

    def to_python(self, data):
        data = super().to_python(data)
        if data is None:
            return None
        if data.size > settings.PUBLICATION_MAX_BYTES:
            raise forms.ValidationError(
                _("The file is %(size)s; publications may be at most %(limit)s."),
                code="file_too_large",
                params={
                    "size": filesizeformat(data.size),
                    "limit": filesizeformat(settings.PUBLICATION_MAX_BYTES),
                },
            )
        read_pdf(data)
        return data


class PublicationFilterForm(forms.Form):
    """The publication list's filters: plain GET parameters, so a filtered list is a link."""

    agenda = forms.ChoiceField(label=_("Agenda"), required=False)
    language = forms.ChoiceField(label=_("Language"), required=False)

    def __init__(self, *args, agendas, languages, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agenda"].choices = [("", _("All agendas"))] + [
            (agenda.slug, agenda.title) for agenda in agendas
        ]
        # In the site's language order, only the languages files exist in.
        self.fields["language"].choices = [("", _("All languages"))] + [
            (code, name) for code, name in settings.LANGUAGES if code in languages
        ]
