import hashlib
import re
from datetime import date, timedelta
from functools import cache
from io import BytesIO, StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core import mail
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.forms import ValidationError
from django.test import Client
from PIL import Image, ImageCms
from PIL.PngImagePlugin import PngInfo
from pytest_django.asserts import assertContains, assertFormError, assertInHTML, assertNotContains

from ngo.forms import PhotoFormField
from ngo.models import Photo
from ngo.staff_groups import CONTENT_EDITORS, FUNDRAISING
from tests.builders import jpeg_bytes, make_photo, make_project, png_bytes, upload

pytestmark = pytest.mark.django_db

RED, BLUE = (255, 0, 0), (0, 0, 255)
CHILD = "Maria Jansen"
YESTERDAY = date.today() - timedelta(days=1)


def exif_with_gps_and_serial():
    exif = Image.Exif()
    exif[0x010F] = "CameraMaker"  # Make
    exif[0x0110] = "Model X"  # Model
    exif[0xA431] = "SERIAL-123456"  # BodySerialNumber
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2] = "N", (50.0, 51.0, 0.0)  # latitude
    gps[3], gps[4] = "E", (4.0, 21.0, 0.0)  # longitude
    return exif


def files_in(root):
    """Every file under a storage's folder, relative to it."""
    root = Path(root)
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


def public_files():
    return files_in(settings.MEDIA_ROOT)


def private_files():
    return files_in(settings.PRIVATE_MEDIA_ROOT)


def rendition_names(photo):
    extensions = ("webp", photo.fallback_extension)
    return sorted(
        photo.rendition_name(w, ext) for w in photo.rendition_widths() for ext in extensions
    )


def top_left_pixel(name):
    with default_storage.open(name) as file, Image.open(file) as image:
        return image.convert("RGB").getpixel((0, 0))


def close_to(colour, expected):
    # JPEG and lossy WebP shift pure colours by a few steps.
    return all(abs(a - b) <= 8 for a, b in zip(colour, expected, strict=True))


def photo_post(image=None, **fields):
    data = {
        "alt_text_en": "Houses on a hill",
        "caption_en": "",
        "credit": "A. Photographer",
        "consent_expires": "",
    }
    if image is not None:
        data["image"] = image
    data.update(fields)
    return data


def test_uploaded_jpeg_is_stored_without_exif_or_gps(admin_client):
    original = jpeg_bytes(exif=exif_with_gps_and_serial())
    assert b"SERIAL-123456" in original  # the test file really carries the data
    response = admin_client.post(
        "/admin/ngo/photo/add/",
        photo_post(upload("camera.jpg", original), published="on"),
    )
    assert response.status_code == 302, response.content
    photo = Photo.objects.get()
    stored = photo.image.read()
    assert b"SERIAL-123456" not in stored and b"CameraMaker" not in stored
    with Image.open(BytesIO(stored)) as image:
        assert dict(image.getexif()) == {}
        assert "exif" not in image.info
    assert (photo.width, photo.height) == (800, 600)


# Metadata of every kind, each carrying a marker that must not survive.


@cache  # a profile records when it was made: the same bytes each time
def icc_profile():
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def xmp_packet():
    return (
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF><rdf:Description>'
        f"<dc:subject>XMP {CHILD}</dc:subject></rdf:Description></rdf:RDF></x:xmpmeta>"
    ).encode()


def jpeg_segment(marker, payload):
    return marker + (len(payload) + 2).to_bytes(2, "big") + payload


def iptc_segment():
    """An APP13 Photoshop segment with an IPTC caption (record 2, dataset 120)."""
    caption = f"IPTC {CHILD}".encode()
    record = b"\x1c\x02\x78" + len(caption).to_bytes(2, "big") + caption
    record += b"\x00" * (len(record) % 2)
    resource = b"8BIM\x04\x04\x00\x00" + len(record).to_bytes(4, "big") + record
    return jpeg_segment(b"\xff\xed", b"Photoshop 3.0\x00" + resource)


def jpeg_with_metadata():
    exif = exif_with_gps_and_serial()
    exif[0x0112] = 6  # Orientation: rotate 90° clockwise to show
    buffer = BytesIO()
    Image.new("RGB", (800, 600), (200, 100, 50)).save(
        buffer,
        "JPEG",
        exif=exif,
        comment=f"COM {CHILD}, 7 years".encode(),
        icc_profile=icc_profile(),
    )
    data = buffer.getvalue()
    xmp = jpeg_segment(b"\xff\xe1", b"http://ns.adobe.com/xap/1.0/\x00" + xmp_packet())
    # Raw segments right after the start-of-image marker, as cameras write them.
    return data[:2] + xmp + iptc_segment() + data[2:]


def png_with_metadata():
    info = PngInfo()
    info.add_text("Author", f"tEXt {CHILD}")
    info.add_text("Comment", f"zTXt {CHILD}", zip=True)
    info.add_itxt("Description", f"iTXt {CHILD}", lang="nl", tkey="Beschrijving")
    info.add_itxt("XML:com.adobe.xmp", xmp_packet().decode())
    buffer = BytesIO()
    Image.new("RGBA", (800, 600), (*BLUE, 255)).save(
        buffer, "PNG", pnginfo=info, icc_profile=icc_profile(), exif=exif_with_gps_and_serial()
    )
    return buffer.getvalue()


def webp_with_metadata():
    buffer = BytesIO()
    Image.new("RGB", (800, 600), RED).save(
        buffer,
        "WEBP",
        exif=exif_with_gps_and_serial(),
        xmp=xmp_packet(),
        icc_profile=icc_profile(),
    )
    return buffer.getvalue()


# Marker bytes of each kind of metadata: camera and child details, and the
# headers of EXIF (with its GPS IFD), XMP, IPTC, and PNG text and EXIF chunks.
METADATA_MARKERS = [
    CHILD.encode(),
    b"SERIAL-123456",
    b"CameraMaker",
    b"Exif\x00\x00",
    b"http://ns.adobe.com/xap",
    b"xmpmeta",
    b"Photoshop 3.0",
    b"8BIM",
    b"tEXt",
    b"zTXt",
    b"iTXt",
    b"eXIf",
]


def stored_files(photo):
    with photo.image.open("rb") as original:
        files = {photo.image.name: original.read()}
    for name in rendition_names(photo):
        with default_storage.open(name) as rendition:
            files[name] = rendition.read()
    return files


@pytest.mark.parametrize(
    "name,make_bytes,content_type,size",
    [
        # The orientation tag is applied before it goes: 800 × 600 stands up.
        ("camera.jpg", jpeg_with_metadata, "image/jpeg", (600, 800)),
        ("scan.png", png_with_metadata, "image/png", (800, 600)),
        ("phone.webp", webp_with_metadata, "image/webp", (800, 600)),
    ],
)
def test_every_kind_of_metadata_is_dropped_and_the_colour_profile_kept(
    editor_client, name, make_bytes, content_type, size
):
    data = make_bytes()
    assert CHILD.encode() in data or b"SERIAL-123456" in data  # the file really carries them
    response = editor_client.post(
        "/admin/ngo/photo/add/",
        photo_post(SimpleUploadedFile(name, data, content_type), published="on"),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    photo = Photo.objects.get()
    assert (photo.width, photo.height) == size
    files = stored_files(photo)
    assert len(files) == 1 + 2 * len(photo.rendition_widths())
    for stored_name, content in files.items():
        found = [marker for marker in METADATA_MARKERS if marker in content]
        assert found == [], stored_name
        with Image.open(BytesIO(content)) as image:
            assert image.info.get("icc_profile") == icc_profile(), stored_name
            assert dict(image.getexif()) == {} and dict(image.getexif().get_ifd(0x8825)) == {}
            assert not {"comment", "xmp", "photoshop", "exif"} & image.info.keys(), stored_name
            assert getattr(image, "text", {}) == {}


def test_transparency_survives_in_png_and_webp_renditions():
    image = Image.new("RGBA", (400, 300), (*BLUE, 255))
    image.paste((0, 0, 0, 0), (0, 0, 200, 300))  # the left half is see-through
    buffer = BytesIO()
    image.save(buffer, "PNG")
    photo = make_photo(image=upload("logo.png", buffer.getvalue(), "image/png"))
    for name in rendition_names(photo):
        with default_storage.open(name) as file, Image.open(file) as rendition:
            assert rendition.convert("RGBA").getpixel((0, 0))[3] == 0, name


# Renditions: named for their photo, public only while the photo is.


def test_photos_with_the_same_file_name_show_their_own_pixels():
    red = make_photo(image=upload("family.jpg", jpeg_bytes(colour=RED)))
    blue = make_photo(image=upload("family.png", png_bytes(colour=BLUE), "image/png"))
    assert set(rendition_names(red)).isdisjoint(rendition_names(blue))
    for photo, colour in ((red, RED), (blue, BLUE)):
        for name in rendition_names(photo):
            assert close_to(top_left_pixel(name), colour), name
    assert public_files() == sorted(rendition_names(red) + rendition_names(blue))


def test_original_is_private_and_public_media_holds_only_renditions():
    photo = make_photo(image=upload("family.jpg"))
    assert private_files() == [photo.image.name] == ["photos/family.jpg"]
    assert public_files() == rendition_names(photo)
    assert all(
        re.fullmatch(rf"photos/renditions/{photo.pk}-[0-9a-f]{{12}}-\d+\.(webp|jpg)", n)
        for n in public_files()
    )
    with pytest.raises(ValueError):
        photo.image.url  # noqa: B018 - the original has no public address


def test_a_photo_without_valid_consent_gets_no_public_files():
    photo = make_photo(
        shows_identifiable_child=True, consent_on_file=True, consent_expires=YESTERDAY
    )
    assert private_files() == [photo.image.name]
    assert public_files() == []


def test_unpublishing_removes_the_renditions_and_publishing_makes_them_again(editor_client):
    photo = make_photo()
    url = f"/admin/ngo/photo/{photo.pk}/change/"
    response = editor_client.post(url, photo_post())
    assert response.status_code == 302, response.content.decode()[:2000]
    assert public_files() == [] and private_files() == [photo.image.name]

    response = editor_client.post(url, photo_post(published="on"))
    assert response.status_code == 302
    assert public_files() == rendition_names(photo)


def test_replacing_the_image_removes_the_old_original_and_renditions(
    editor_client, django_capture_on_commit_callbacks
):
    photo = make_photo(image=upload("old.jpg", jpeg_bytes(colour=RED)))
    old_original, old_renditions = photo.image.name, rendition_names(photo)
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            f"/admin/ngo/photo/{photo.pk}/change/",
            photo_post(upload("new.jpg", jpeg_bytes(size=(700, 500), colour=BLUE)), published="on"),
        )
    assert response.status_code == 302, response.content.decode()[:2000]
    photo.refresh_from_db()
    assert photo.image.name != old_original
    assert private_files() == [photo.image.name]
    assert public_files() == rendition_names(photo)
    assert set(old_renditions).isdisjoint(public_files())
    assert all(close_to(top_left_pixel(name), BLUE) for name in public_files())


def test_deleting_a_photo_in_the_admin_removes_all_its_files(
    editor_client, django_capture_on_commit_callbacks
):
    photo = make_photo()
    other = make_photo()
    url = f"/admin/ngo/photo/{photo.pk}/delete/"
    assert editor_client.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(url, {"post": "yes"})
    assert response.status_code == 302
    assert not Photo.objects.filter(pk=photo.pk).exists()
    assert private_files() == [other.image.name]
    assert public_files() == rendition_names(other)


def test_a_queryset_delete_removes_renditions_at_once_and_originals_on_commit(
    django_capture_on_commit_callbacks,
):
    make_photo(), make_photo()
    with django_capture_on_commit_callbacks(execute=True):
        Photo.objects.all().delete()
        assert public_files() == []
        # A rolled-back delete must not lose the originals.
        assert len(private_files()) == 2
    assert private_files() == []


def test_expired_consent_hides_the_photo_and_lists_it_for_editors(client, admin_client):
    photo = make_photo(
        shows_identifiable_child=True,
        consent_on_file=True,
        consent_expires=date.today() + timedelta(days=10),
    )
    project = make_project(hero_photo=photo)
    response = client.get(project.get_absolute_url())
    assertContains(response, default_storage.url(photo.rendition_name(320, "webp")))

    Photo.objects.filter(pk=photo.pk).update(consent_expires=YESTERDAY)
    response = client.get(project.get_absolute_url())
    assertNotContains(response, "photos/renditions/")
    placeholder = '<img class="placeholder" src="/static/img/placeholder.svg" alt=""'
    assertContains(response, f'{placeholder} width="1200" height="675">', html=True)

    listing = admin_client.get("/admin/ngo/photo/?consent=expired")
    assertContains(listing, "1 published photo(s) show a child whose consent is missing or expired")
    assertContains(listing, f"/admin/ngo/photo/{photo.pk}/change/")


def test_responsive_renditions_are_made_once_and_served_with_srcset(client):
    photo = make_photo(image=upload("wide.jpg", jpeg_bytes(size=(1000, 500))))
    names = [photo.rendition_name(w, ext) for w in (320, 640, 960, 1000) for ext in ("webp", "jpg")]
    assert sorted(names) == public_files()
    with Image.open(default_storage.open(photo.rendition_name(640, "webp"))) as image:
        assert (image.format, image.size) == ("WEBP", (640, 320))
    modified = default_storage.get_modified_time(names[0])
    photo.make_renditions()  # a second call keeps what exists
    photo.save()  # and so does saving the photo again
    assert default_storage.get_modified_time(names[0]) == modified

    def url(width, extension):
        return default_storage.url(photo.rendition_name(width, extension))

    def srcset(extension):
        return ", ".join(f"{url(w, extension)} {w}w" for w in (320, 640, 960, 1000))

    sizes = "(min-width: 72rem) 72rem, 100vw"
    project = make_project(hero_photo=photo)
    html = client.get(project.get_absolute_url()).content.decode()
    # The hero is above the fold: fetched first, never lazily.
    assertInHTML(
        f"""<picture>
          <source type="image/webp" srcset="{srcset("webp")}" sizes="{sizes}">
          <img src="{url(960, "jpg")}" srcset="{srcset("jpg")}" sizes="{sizes}"
            alt="Houses on a hill" width="1000" height="500" fetchpriority="high">
        </picture>""",
        html,
    )


def test_cards_below_the_fold_load_lazily(client):
    project = make_project(hero_photo=make_photo())
    response = client.get(project.programme.get_absolute_url())
    # The programme has no photo of its own: the project card's is the only one.
    assertContains(response, "<picture>", count=1)
    assertContains(response, 'loading="lazy" decoding="async"', count=1)
    assertNotContains(response, "fetchpriority")


def test_credit_is_shown_as_photo_credit(client):
    project = make_project(hero_photo=make_photo(credit="Iván Hidalgo"))
    assertContains(
        client.get(project.get_absolute_url()),
        '<span class="credit">Photo: Iván Hidalgo</span>',
        html=True,
    )


# The admin: previews from renditions, or the private original for staff only.


def test_admin_previews_public_photos_from_renditions_and_others_from_the_original(
    editor_client,
):
    public = make_photo(alt_text="Public")
    hidden = make_photo(alt_text="Hidden", published=False)
    listing = editor_client.get("/admin/ngo/photo/")
    assertContains(listing, f"/media/photos/renditions/{public.pk}-")
    assertContains(listing, f"/admin/ngo/photo/{hidden.pk}/original/")
    assertNotContains(listing, f"/admin/ngo/photo/{public.pk}/original/")

    page = editor_client.get(f"/admin/ngo/photo/{hidden.pk}/change/")
    assertContains(page, f'href="/admin/ngo/photo/{hidden.pk}/original/"')
    assertNotContains(page, "Currently:")
    assertNotContains(page, hidden.image.name)


def test_staff_who_may_see_photos_get_the_original(editor_client):
    photo = make_photo(published=False)
    response = editor_client.get(f"/admin/ngo/photo/{photo.pk}/original/")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert "no-store" in response["Cache-Control"]
    with photo.image.open("rb") as original:
        assert b"".join(response.streaming_content) == original.read()
    assert editor_client.get("/admin/ngo/photo/999999/original/").status_code == 404


def test_the_original_is_refused_to_visitors_and_other_staff(fundraising_client):
    photo = make_photo()
    url = f"/admin/ngo/photo/{photo.pk}/original/"
    assert Client().get(url).status_code == 302  # to the sign-in page
    assert fundraising_client.get(url).status_code == 403


# The daily consent check.


def make_staff(django_user_model, username, group, email, is_active=True):
    user = django_user_model.objects.create_user(
        username, email=email, is_staff=True, is_active=is_active
    )
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def editors(django_user_model):
    make_staff(django_user_model, "ann", CONTENT_EDITORS, "ann@example.org")
    make_staff(django_user_model, "bob", CONTENT_EDITORS, "bob@example.org", is_active=False)
    make_staff(django_user_model, "cas", CONTENT_EDITORS, "")
    make_staff(django_user_model, "dee", FUNDRAISING, "dee@example.org")


def child_photo(alt_text, expires, published=True):
    """A photo published while its consent was valid; the consent may run out later."""
    photo = make_photo(
        alt_text=alt_text,
        shows_identifiable_child=True,
        consent_on_file=True,
        consent_expires=date.today() + timedelta(days=30),
        published=published,
    )
    Photo.objects.filter(pk=photo.pk).update(consent_expires=expires)
    photo.refresh_from_db()
    return photo


def expire_photo_consents():
    out = StringIO()
    call_command("expire_photo_consents", stdout=out, stderr=out)
    return out.getvalue()


def test_photos_whose_consent_ran_out_are_unpublished_and_editors_told(editors):
    expired = child_photo("Girl at the school gate", YESTERDAY)
    assert public_files() == rendition_names(expired)  # public until the check runs
    valid = child_photo("Boy with a kite", date.today())
    child_photo("Unpublished draft", YESTERDAY, published=False)

    output = expire_photo_consents()

    expired.refresh_from_db()
    assert not expired.published
    assert Photo.objects.get(pk=valid.pk).published
    assert public_files() == rendition_names(valid)
    assert len(private_files()) == 3
    assert output.strip() == (
        "Unpublished 1 photo(s) whose consent has run out and emailed 1 content editor(s)."
    )
    [message] = mail.outbox
    assert message.to == ["ann@example.org"]
    assert message.subject == "1 photo taken off the website: consent expired"
    assert f"- Girl at the school gate: /admin/ngo/photo/{expired.pk}/change/" in message.body
    assert "Boy with a kite" not in message.body and "Unpublished draft" not in message.body


def test_running_the_consent_check_again_changes_nothing(editors):
    child_photo("Girl at the school gate", YESTERDAY)
    expire_photo_consents()
    files = (public_files(), private_files())
    assert expire_photo_consents().strip() == "No published photo has consent that has run out."
    assert len(mail.outbox) == 1
    assert (public_files(), private_files()) == files


def test_a_failed_mail_is_sent_on_the_next_run(editors, monkeypatch):
    photo = child_photo("Girl at the school gate", YESTERDAY)

    def refuse(*args, **kwargs):
        raise ConnectionRefusedError("mail server down")

    monkeypatch.setattr("ngo.management.commands.expire_photo_consents.send_mail", refuse)
    with pytest.raises(CommandError, match="mail server down"):
        expire_photo_consents()
    assert public_files() == []  # the public files go at once, mail or not
    assert Photo.objects.get(pk=photo.pk).published  # so that the next run tells the editors

    monkeypatch.undo()
    expire_photo_consents()
    assert not Photo.objects.get(pk=photo.pk).published
    assert len(mail.outbox) == 1


def test_the_consent_check_says_when_nobody_could_be_told():
    child_photo("Girl at the school gate", YESTERDAY)
    assert "nobody was told" in expire_photo_consents()
    assert mail.outbox == []


# Demo content and photos stored before originals were private.


def test_demo_photos_have_private_originals_and_public_renditions():
    call_command("load_demo", verbosity=0, stdout=StringIO())
    photos = list(Photo.objects.all())
    assert photos and any(not photo.is_public for photo in photos)
    assert private_files() == sorted(photo.image.name for photo in photos)
    expected = [name for photo in photos if photo.is_public for name in rendition_names(photo)]
    assert [name for name in public_files() if name.startswith("photos/")] == sorted(expected)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_migration_moves_originals_out_of_public_media_and_renames_renditions():
    original = jpeg_bytes(size=(700, 400), colour=RED)
    executor = MigrationExecutor(connection)
    try:
        executor.migrate([("ngo", "0002_photo")])
        OldPhoto = executor.loader.project_state([("ngo", "0002_photo")]).apps.get_model(
            "ngo", "Photo"
        )
        default_storage.save("photos/family.jpg", ContentFile(original))
        old_renditions = [
            f"photos/renditions/family-{w}.{e}" for w in (320, 640, 700) for e in ("webp", "jpg")
        ]
        for name in old_renditions:
            default_storage.save(name, ContentFile(b"old"))
        fields = {"width": 700, "height": 400, "alt_text": "Houses", "published": True}
        row = OldPhoto.objects.create(
            image="photos/family.jpg", shows_identifiable_child=False, **fields
        )
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
    finally:
        call_command("migrate", verbosity=0)

    photo = Photo.objects.get(pk=row.pk)
    assert photo.content_hash == hashlib.sha256(original).hexdigest()
    assert private_files() == ["photos/family.jpg"]
    assert public_files() == rendition_names(photo)
    assert all(close_to(top_left_pixel(name), RED) for name in public_files())


def gif_bytes():
    buffer = BytesIO()
    Image.new("P", (10, 10)).save(buffer, "GIF")
    return buffer.getvalue()


def big_png(width, height):
    buffer = BytesIO()
    Image.new("1", (width, height)).save(buffer, "PNG")
    return SimpleUploadedFile("big.png", buffer.getvalue(), "image/png")


@pytest.mark.parametrize(
    "make_file,code",
    [
        (lambda: big_png(20_000, 20_000), "decompression_bomb"),
        (lambda: big_png(8_000, 6_000), "too_many_pixels"),
        (
            lambda: SimpleUploadedFile("x.jpg", b"not an image at all", "image/jpeg"),
            "invalid_image",
        ),
        (
            lambda: SimpleUploadedFile("x.gif", gif_bytes(), "image/gif"),
            "format_not_allowed",
        ),
    ],
)
def test_bad_uploads_get_a_clear_error(make_file, code):
    with pytest.raises(ValidationError) as error:
        PhotoFormField().clean(make_file())
    assert error.value.code == code


def test_oversized_file_is_refused(settings):
    settings.PHOTO_MAX_BYTES = 1000
    with pytest.raises(ValidationError) as error:
        PhotoFormField().clean(upload())
    assert error.value.code == "file_too_large"
    assert "photos may be at most 1000" in error.value.messages[0]


def test_bomb_upload_through_admin_shows_message_and_stores_nothing(admin_client):
    response = admin_client.post(
        "/admin/ngo/photo/add/", photo_post(big_png(20_000, 20_000), published="on")
    )
    assertFormError(
        response.context["adminform"].form,
        "image",
        "This image claims an enormous size and may be a decompression bomb.",
    )
    assert Photo.objects.count() == 0
    assert public_files() == [] and private_files() == []
