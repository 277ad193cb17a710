import re

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

from ngo.forms import check_size

PDF_SIGNATURE = b"%PDF-"

# Names by which a PDF runs scripts or acts by itself: JavaScript (name tree,
# actions, XFA forms), additional actions on pages, fields and the document,
# and Launch actions that start programs (PDF 32000-1, 12.6).
ACTION_NAMES = frozenset({"/JS", "/JavaScript", "/AA", "/Launch", "/XFA"})
# Files carried inside the PDF, which readers offer to open (7.11.4).
ATTACHMENT_NAMES = frozenset({"/EmbeddedFile", "/EmbeddedFiles", "/EF"})
# A tag a browser would parse as HTML or SVG, had it taken the file for a page:
# the name must end as a tag name ends, so the bytes "<svg" that compressed
# streams hold by chance are not taken for one.
WEB_PAGE_MARKUP = re.compile(rb"<(?:html|script|svg)[\t\n\f\r />]|<!doctype[\t\n\f\r ]+html", re.I)

# A PDF name as written ("/JS", or "/J#53" with an escaped letter) and an escape in it.
NAME_TOKEN = re.compile(rb"/[^\x00\t\n\x0c\r /%()<>\[\]{}]*")
NAME_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")

PUBLICATION_TOO_LARGE = _("The file is %(size)s; publications may be at most %(limit)s.")
SCRIPTS_MESSAGE = _(
    "This PDF contains scripts or automatic actions, which we do not publish. Save it again "
    "without them (for example by printing it to PDF) and upload that file."
)


def read_pdf(file):
    """Open an uploaded file as a PDF, or explain to the editor why it is refused.

    The first bytes must be a PDF header and pypdf must be able to read the
    page tree, so a renamed file or a truncated download never goes public.
    Nothing active may be inside: no scripts, automatic actions, attached files
    or web-page markup.
    """
    file.seek(0)
    content = file.read()
    file.seek(0)
    if not content.startswith(PDF_SIGNATURE):
        raise forms.ValidationError(
            _("This file is not a PDF. Save the publication as a PDF and upload that."),
            code="not_pdf",
        )
    if WEB_PAGE_MARKUP.search(content):
        raise forms.ValidationError(
            _("This file is also a web page, which we do not accept. Upload a plain PDF."),
            code="pdf_web_page",
        )
    try:
        reader = PdfReader(file)
        encrypted = reader.is_encrypted
        pages = 0 if encrypted else len(reader.pages)
        refusal = None if encrypted else active_content(reader, content)
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
    if refusal:
        raise refusal
    return reader


def active_content(reader, content):
    """Why the PDF may not be published for what it holds, or None."""
    names = names_used(reader) if may_name_active_content(reader, content) else set()
    if names & ACTION_NAMES or opens_with_action(reader):
        return forms.ValidationError(SCRIPTS_MESSAGE, code="pdf_scripts")
    if names & ATTACHMENT_NAMES:
        return forms.ValidationError(
            _(
                "This PDF has files attached inside it, which we do not publish. Save it "
                "again without the attachments and upload that file."
            ),
            code="pdf_attachments",
        )
    return None


def opens_with_action(reader):
    """An /OpenAction other than showing a page of the document. "Open at page 1,
    fit to width" (a destination, or a GoTo action to one) is what office suites
    and typesetters write into many PDFs, and is harmless."""
    action = reader.trailer["/Root"].get_object().get("/OpenAction")
    action = action.get_object() if action is not None else None
    if not isinstance(action, DictionaryObject):
        return False
    return action.get("/S") != "/GoTo" or "/Next" in action


def may_name_active_content(reader, content):
    """Whether a name that matters is spelled anywhere: in the raw bytes, or in
    the unpacked object streams, the only places names can be. Most PDFs have
    none, and are spared walking every object, which takes pypdf seconds in a
    long file; bytes that only look like such a name get the walk, which tells."""
    packed = {stream for stream, _index in reader.xref_objStm.values()}
    unpacked = [reader.get_object(number).get_data() for number in packed]
    spelled = {name for data in (content, *unpacked) for name in names_in(data)}
    return bool(spelled & (ACTION_NAMES | ATTACHMENT_NAMES))


def names_in(data):
    return {
        NAME_ESCAPE.sub(unescape, token).decode("latin-1") for token in NAME_TOKEN.findall(data)
    }


def unescape(match):
    return bytes([int(match[1], 16)])


def names_used(reader):
    """Every name in the file, as key or value, in every object pypdf can find:
    those reached from the trailer and those listed in the cross-reference
    tables, including objects packed in object streams. pypdf decodes escaped
    names (/J#53 is /JS), so spelling a name oddly hides nothing."""
    numbered = [
        (number, generation) for generation, numbers in reader.xref.items() for number in numbers
    ]
    numbered += [(number, 0) for number in reader.xref_objStm]
    pending = [reader.trailer, *(IndirectObject(n, g, reader) for n, g in numbered)]
    seen, names = set(), set()
    while pending:
        item = pending.pop()
        if isinstance(item, IndirectObject):
            if (item.idnum, item.generation) in seen:
                continue
            seen.add((item.idnum, item.generation))
            item = item.get_object()
        if isinstance(item, NameObject):
            names.add(str(item))
        elif isinstance(item, DictionaryObject):
            pending.extend(item.keys())
            pending.extend(item.values())
        elif isinstance(item, ArrayObject):
            pending.extend(item)
    return names


class PDFFormField(forms.FileField):
    """A publication upload: a readable PDF within the size limit from settings."""

    def to_python(self, data):
        data = super().to_python(data)
        if data is None:
            return None
        check_size(data, settings.PUBLICATION_MAX_BYTES, PUBLICATION_TOO_LARGE)
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
