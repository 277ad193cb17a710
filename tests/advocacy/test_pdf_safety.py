"""Publications are plain PDFs: no scripts, automatic actions, attachments or web-page markup."""

import zlib
from io import BytesIO
from pathlib import Path

import pytest
from django.conf import settings
from django.forms import ValidationError
from pypdf import PdfWriter
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    NameObject,
    NumberObject,
    TextStringObject,
)

from advocacy.forms import PDFFormField
from advocacy.models import Publication
from tests.builders import make_publication, pdf_bytes, pdf_upload

pytestmark = pytest.mark.django_db

SCRIPTS = "This PDF contains scripts or automatic actions, which we do not publish."
ATTACHMENTS = "This PDF has files attached inside it, which we do not publish."
WEB_PAGE = "This file is also a web page, which we do not accept. Upload a plain PDF."


def name(value):
    return NameObject(value)


def action(kind, **entries):
    return DictionaryObject(
        {name("/S"): name(kind), **{name(f"/{k}"): TextStringObject(v) for k, v in entries.items()}}
    )


def build(change=None):
    """A one-page PDF made by pypdf, after `change(writer, page)` added something to it."""
    writer = PdfWriter()
    page = writer.add_blank_page(200, 280)
    if change:
        change(writer, page)
    buffer = BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def document_javascript(writer, page):
    # The document-level JavaScript name tree, run when the file opens.
    script = writer._add_object(action("/JavaScript", JS="app.alert('hello')"))
    names = DictionaryObject({name("/Names"): ArrayObject([TextStringObject("hello"), script])})
    writer._root_object[name("/Names")] = DictionaryObject({name("/JavaScript"): names})


def open_action_script(writer, page):
    writer._root_object[name("/OpenAction")] = writer._add_object(
        action("/JavaScript", JS="app.alert('hello')")
    )


def open_action_web_address(writer, page):
    # No script, but it opens a web page by itself when the file is opened.
    writer._root_object[name("/OpenAction")] = action("/URI", URI="https://tracker.example/")


def page_additional_action(writer, page):
    page[name("/AA")] = DictionaryObject(
        {name("/O"): action("/URI", URI="https://tracker.example/")}
    )


def link_that_launches_a_program(writer, page):
    link = DictionaryObject(
        {
            name("/Type"): name("/Annot"),
            name("/Subtype"): name("/Link"),
            name("/Rect"): ArrayObject([NumberObject(n) for n in (10, 10, 100, 40)]),
            name("/A"): action("/Launch", F="C:\\Windows\\System32\\calc.exe"),
        }
    )
    page[name("/Annots")] = ArrayObject([writer._add_object(link)])


def escaped_names(content):
    """The same PDF with its names spelled in hex escapes, which readers decode."""
    return (
        content.replace(b"/JavaScript", b"/JavaScrip#74")
        .replace(b"/JS ", b"/J#53 ")
        .replace(b"/OpenAction", b"/OpenActio#6e")
    )


def object_stream_pdf():
    """A PDF 1.5 whose JavaScript sits in a compressed object stream, out of sight
    of any search through the raw bytes."""
    packed = [
        b"<< /JavaScript << /Names [(hello) 6 0 R] >> >>",
        b"<< /S /JavaScript /JS (app.alert('hello')) >>",
    ]
    header = f"5 0 6 {len(packed[0]) + 1} ".encode()
    stream = zlib.compress(header + b"\n".join(packed))
    bodies = {
        1: b"<< /Type /Catalog /Pages 2 0 R /Names 5 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 280] >>",
        4: b"<< /Type /ObjStm /N 2 /First %d /Filter /FlateDecode /Length %d >>\nstream\n"
        % (len(header), len(stream))
        + stream
        + b"\nendstream",
    }
    content, offsets = b"%PDF-1.5\n", {}
    for number, body in bodies.items():
        offsets[number] = len(content)
        content += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    offsets[7] = len(content)
    rows = [(0, 0, 65535), *[(1, offsets[n], 0) for n in (1, 2, 3, 4)], (2, 4, 0), (2, 4, 1)]
    rows.append((1, offsets[7], 0))
    table = b"".join(
        t.to_bytes(1, "big") + f.to_bytes(4, "big") + g.to_bytes(2, "big") for t, f, g in rows
    )
    content += (
        b"7 0 obj\n<< /Type /XRef /Size 8 /W [1 4 2] /Root 1 0 R /Length %d >>\nstream\n"
        % len(table)
        + table
        + b"\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n" % offsets[7]
    )
    assert b"/JavaScript" not in content and b"/JS" not in content
    return content


def attachment(writer, page):
    writer.add_attachment("notes.txt", b"Names and addresses of the children")


def web_page_after_header():
    # A comment line is ignored by PDF readers, not by a browser sniffing the start.
    return pdf_bytes().replace(b"\n", b"\n%<html><script>alert(1)</script>\n", 1)


def with_web_page(markup):
    return pdf_bytes() + markup


def post_publication(client, content):
    return client.post(
        "/admin/advocacy/publication/add/",
        {
            "title_en": "Siblings together",
            "summary_en": "Why siblings belong together.",
            "date": "2024-03-01",
            "language": "en",
            "file": pdf_upload("guide.pdf", content),
            "published": "on",
        },
    )


def stored_publications():
    folder = Path(settings.MEDIA_ROOT) / "publications"
    return list(folder.iterdir()) if folder.exists() else []


@pytest.mark.parametrize(
    "make_content,message",
    [
        (lambda: build(document_javascript), SCRIPTS),
        (lambda: build(open_action_script), SCRIPTS),
        (lambda: build(open_action_web_address), SCRIPTS),
        (lambda: build(page_additional_action), SCRIPTS),
        (lambda: build(link_that_launches_a_program), SCRIPTS),
        (lambda: escaped_names(build(open_action_script)), SCRIPTS),
        (object_stream_pdf, SCRIPTS),
        (lambda: build(attachment), ATTACHMENTS),
        (lambda: with_web_page(b"\n<html><body>Hello</body></html>\n"), WEB_PAGE),
        (lambda: with_web_page(b"\n<!DOCTYPE html>\n"), WEB_PAGE),
        (lambda: with_web_page(b"\n<ScRiPt>alert(1)</script>\n"), WEB_PAGE),
        (lambda: with_web_page(b"\n<SVG/onload=alert(1)>\n"), WEB_PAGE),
        (web_page_after_header, WEB_PAGE),
    ],
    ids=[
        "javascript-name-tree",
        "open-action-script",
        "open-action-web-address",
        "page-additional-action",
        "launch",
        "escaped-names",
        "object-stream",
        "embedded-file",
        "html",
        "doctype",
        "script",
        "svg",
        "markup-after-header",
    ],
)
def test_an_active_or_web_page_pdf_is_refused_with_a_clear_message(
    editor_client, make_content, message
):
    response = post_publication(editor_client, make_content())
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Publication.objects.exists()
    assert stored_publications() == []


def open_at_first_page(writer, page):
    # What office suites write: open at page 1, fit to the window.
    writer._root_object[name("/OpenAction")] = ArrayObject([page.indirect_reference, name("/Fit")])


def open_with_goto(writer, page):
    destination = ArrayObject([page.indirect_reference, name("/Fit")])
    writer._root_object[name("/OpenAction")] = DictionaryObject(
        {name("/S"): name("/GoTo"), name("/D"): destination}
    )


def web_link(writer, page):
    writer.add_uri(0, "https://www.example.org/", [10, 10, 100, 40])


@pytest.mark.parametrize(
    "make_content",
    [
        pdf_bytes,
        lambda: build(open_at_first_page),
        lambda: build(open_with_goto),
        lambda: build(web_link),
    ],
    ids=["plain", "open-at-first-page", "open-with-goto", "web-link"],
)
def test_ordinary_pdfs_are_accepted(editor_client, make_content):
    response = post_publication(editor_client, make_content())
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Publication.objects.get().page_count == 1
    assert len(stored_publications()) == 1


def test_a_pdf_that_only_mentions_scripts_in_its_text_is_accepted(editor_client):
    def title(writer, page):
        writer.add_metadata({"/Title": "Why we refuse QJavaScript and QLaunch"})

    # pypdf escapes "/" in strings; the raw name, of the same length, keeps the offsets.
    content = build(title).replace(b"QJavaScript", b"/JavaScript").replace(b"QLaunch", b"/Launch")
    assert b"(Why we refuse /JavaScript and /Launch)" in content
    response = post_publication(editor_client, content)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Publication.objects.get().page_count == 1
    assert len(stored_publications()) == 1


def test_the_form_field_gives_each_refusal_its_own_code():
    cases = [
        (build(open_action_script), "pdf_scripts"),
        (build(attachment), "pdf_attachments"),
        (with_web_page(b"<html>"), "pdf_web_page"),
    ]
    for content, code in cases:
        with pytest.raises(ValidationError) as error:
            PDFFormField().clean(pdf_upload("guide.pdf", content))
        assert error.value.code == code


def test_a_publication_saved_outside_the_admin_is_checked_too():
    with pytest.raises(ValidationError) as error:
        make_publication(file=pdf_upload("guide.pdf", build(document_javascript)))
    assert error.value.code == "pdf_scripts"
    assert not Publication.objects.exists()
