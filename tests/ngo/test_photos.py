import re
from datetime import date, timedelta
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.forms import ValidationError
from PIL import Image

from ngo.forms import PhotoFormField
from ngo.models import Photo
from tests.builders import jpeg_bytes, make_photo, make_project, upload

pytestmark = pytest.mark.django_db


def exif_with_gps_and_serial():
    exif = Image.Exif()
    exif[0x010F] = "CameraMaker"  # Make
    exif[0x0110] = "Model X"  # Model
    exif[0xA431] = "SERIAL-123456"  # BodySerialNumber
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2] = "N", (50.0, 51.0, 0.0)  # latitude
    gps[3], gps[4] = "E", (4.0, 21.0, 0.0)  # longitude
    return exif


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("admin", "a@example.org", "a-long-password-1")
    client.force_login(user)
    return client


def photo_post(image, **fields):
    data = {
        "image": image,
        "alt_text_en": "Houses on a hill",
        "caption_en": "",
        "credit": "A. Photographer",
        "consent_expires": "",
    }
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


def test_child_photo_without_consent_can_not_be_published(admin_client):
    response = admin_client.post(
        "/admin/ngo/photo/add/",
        photo_post(upload(), shows_identifiable_child="on", published="on"),
    )
    assert response.status_code == 200
    assert (
        "only be published with consent on file that has not expired" in response.content.decode()
    )
    assert Photo.objects.count() == 0


def test_child_photo_with_expired_consent_can_not_be_published(admin_client):
    yesterday = (date.today() - timedelta(days=1)).isoformat()
    response = admin_client.post(
        "/admin/ngo/photo/add/",
        photo_post(
            upload(),
            shows_identifiable_child="on",
            consent_on_file="on",
            consent_expires=yesterday,
            published="on",
        ),
    )
    assert response.status_code == 200
    assert Photo.objects.count() == 0


def test_child_photo_with_valid_consent_is_published(admin_client):
    response = admin_client.post(
        "/admin/ngo/photo/add/",
        photo_post(
            upload(),
            shows_identifiable_child="on",
            consent_on_file="on",
            consent_expires=(date.today() + timedelta(days=90)).isoformat(),
            published="on",
        ),
    )
    assert response.status_code == 302
    assert Photo.objects.get().is_public


def test_expired_consent_hides_the_photo_and_lists_it_for_editors(client, admin_client):
    photo = make_photo(
        shows_identifiable_child=True,
        consent_on_file=True,
        consent_expires=date.today() + timedelta(days=10),
    )
    project = make_project(hero_photo=photo)
    html = client.get(project.get_absolute_url()).content.decode()
    assert photo.rendition_name(320, "webp").split("/")[-1] in html

    Photo.objects.filter(pk=photo.pk).update(consent_expires=date.today() - timedelta(days=1))
    html = client.get(project.get_absolute_url()).content.decode()
    assert photo.image.name.split("/")[-1].rsplit(".", 1)[0] not in html
    assert 'class="placeholder"' in html

    listing = admin_client.get("/admin/ngo/photo/?consent=expired").content.decode()
    assert "1 published photo(s) show a child whose consent is missing or expired" in listing
    assert f"/admin/ngo/photo/{photo.pk}/change/" in listing


def test_responsive_renditions_are_made_once_and_served_with_srcset(client):
    photo = make_photo(image=upload("wide.jpg", jpeg_bytes(size=(1000, 500))))
    storage = photo.image.storage
    names = [photo.rendition_name(w, ext) for w in (320, 640, 960, 1000) for ext in ("webp", "jpg")]
    assert all(storage.exists(name) for name in names)
    with Image.open(storage.open(photo.rendition_name(640, "webp"))) as image:
        assert (image.format, image.size) == ("WEBP", (640, 320))
    modified = storage.get_modified_time(names[0])
    photo.make_renditions()  # a second call keeps what exists
    assert storage.get_modified_time(names[0]) == modified

    project = make_project(hero_photo=photo)
    html = client.get(project.get_absolute_url()).content.decode()
    source = re.search(r'<source type="image/webp" srcset="([^"]+)"', html).group(1)
    assert source.count("w,") == 3 and source.endswith("1000w")
    assert 'fetchpriority="high"' in html  # the hero is above the fold


def test_cards_below_the_fold_load_lazily(client):
    project = make_project(hero_photo=make_photo())
    html = client.get(project.programme.get_absolute_url()).content.decode()
    card = html.split('class="card project-card"')[1]
    assert 'loading="lazy"' in card.split("</li>")[0]


def test_credit_is_shown_as_photo_credit(client):
    project = make_project(hero_photo=make_photo(credit="Iván Hidalgo"))
    assert "Photo: Iván Hidalgo" in client.get(project.get_absolute_url()).content.decode()


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
    response = admin_client.post("/admin/ngo/photo/add/", photo_post(big_png(20_000, 20_000)))
    assert response.status_code == 200
    assert "may be a decompression bomb" in response.content.decode()
    assert Photo.objects.count() == 0
