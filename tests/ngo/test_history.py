"""Content history in the admin (ngo/history.py): each admin save keeps a version with
its inline rows, the history page lists them, two versions compare field by field,
and an old version restores the item and its inline rows as a new version. Donor
data is never versioned here."""

from html.parser import HTMLParser

import pytest
import reversion
from django.apps import apps
from django.test import Client
from django.utils import translation
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects
from reversion.models import Version

from advocacy.models import Agenda, Demand
from ngo.models import TranslationEdit
from ngo.staff_groups import CONTENT_EDITORS, FUNDRAISING
from programmes.models import Funder, Principle
from tests.builders import make_agenda, make_demand, make_funder, make_photo, make_programme
from tests.conftest import staff_client

pytestmark = pytest.mark.django_db


class FormReader(HTMLParser):
    """The values a browser would send for the admin's change form, as rendered."""

    def __init__(self):
        super().__init__()
        self.data, self.in_form = {}, False
        self.textarea = self.select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and "id" in attrs and attrs["id"].endswith("_form"):
            self.in_form = True
        if not self.in_form:
            return
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in ("submit", "button", "file"):
            choice = attrs.get("type") in ("checkbox", "radio")
            if choice and "checked" not in attrs:
                return
            self.data.setdefault(name, []).append(attrs.get("value") or ("on" if choice else ""))
        elif tag == "textarea" and name:
            self.textarea = name
            self.data[name] = [""]
        elif tag == "select" and name:
            self.select = name
            self.data.setdefault(name, [])
        elif tag == "option" and self.select and "selected" in attrs:
            self.data[self.select].append(attrs.get("value", ""))

    def handle_data(self, data):
        if self.textarea:
            self.data[self.textarea][0] += data

    def handle_endtag(self, tag):
        if tag == "textarea":
            # Browsers drop the newline that follows <textarea>.
            self.data[self.textarea][0] = self.data[self.textarea][0].removeprefix("\n")
            self.textarea = None
        elif tag == "select":
            self.select = None
        elif tag == "form":
            self.in_form = False


def form_data(response):
    reader = FormReader()
    reader.feed(response.content.decode())
    return reader.data


def save_in_admin(client, url, **changes):
    data = form_data(client.get(url))
    for name, value in changes.items():
        data[name] = [value]
    data["_save"] = ["Save"]
    return client.post(url, data)


def change_url(programme):
    return f"/admin/programmes/programme/{programme.pk}/change/"


@pytest.fixture
def programme():
    programme = make_programme(slug="families")
    programme.title_da = "Gamle ord om familier"
    programme.save()
    Principle.objects.create(programme=programme, order=1, heading_en="Keep siblings together")
    return programme


@pytest.fixture
def two_versions(admin_client, programme):
    """The programme saved twice in the admin: first as it was, then with a new Danish
    title and its principle deleted."""
    url = change_url(programme)
    assert save_in_admin(admin_client, url).status_code == 302
    principle = programme.principles.get()
    response = save_in_admin(
        admin_client,
        url,
        title_da="Nye ord om familier",
        **{"principles-0-DELETE": "on", "principles-0-id": str(principle.pk)},
    )
    assert response.status_code == 302
    old, new = Version.objects.get_for_object(programme).order_by("pk")
    return old, new


def test_an_admin_save_keeps_a_version_with_its_user_and_what_changed(
    admin_client, admin_user, two_versions
):
    old, new = two_versions

    assert new.revision.user == admin_user
    assert new.field_dict["title_da"] == "Nye ord om familier"
    assert old.field_dict["title_da"] == "Gamle ord om familier"
    # Django's change message, read in the reader's language.
    assert "Changed Title [da]." in new.revision.get_comment()
    assert "Deleted principle “Keep siblings together”." in new.revision.get_comment()
    with translation.override("nl"):
        assert "Title [da]" in new.revision.get_comment()
        assert "Changed" not in new.revision.get_comment()


def test_the_history_page_lists_the_versions_newest_first(admin_client, programme, two_versions):
    old, new = two_versions

    response = admin_client.get(f"/admin/programmes/programme/{programme.pk}/history/")

    assertContains(response, "<caption>2 versions</caption>", html=True)
    html = response.content.decode()
    new_link = f"/admin/programmes/programme/{programme.pk}/history/{new.pk}/"
    old_link = f"/admin/programmes/programme/{programme.pk}/history/{old.pk}/"
    assert html.index(new_link) < html.index(old_link)
    assertContains(response, "Changed Title [da].")
    assertContains(response, f'name="from" value="{old.pk}" id="from-{old.pk}" checked')
    assertContains(
        response, f'action="/admin/programmes/programme/{programme.pk}/history/compare/"'
    )
    assertContains(response, "Compare selected versions")


def test_compare_shows_the_changed_words_and_not_the_unchanged_fields(
    admin_client, programme, two_versions
):
    old, new = two_versions
    url = f"/admin/programmes/programme/{programme.pk}/history/compare/"

    # Picked the other way round, the older version is still on the left.
    response = admin_client.get(url, {"from": new.pk, "to": old.pk})

    assert response.status_code == 200
    assertContains(response, '<th scope="row">Title [da]</th>', html=True)
    assertContains(
        response, '<del><span class="visually-hidden">removed: </span>Gamle</del>', html=True
    )
    assertContains(
        response, '<ins><span class="visually-hidden">added: </span>Nye</ins>', html=True
    )
    # Unchanged words are not marked; unchanged fields are not listed.
    assertNotContains(response, "<del>ord")
    assertNotContains(response, "Title [en]")
    assertNotContains(response, "Summary [da]")
    # The deleted principle is shown as removed, with its heading.
    assertContains(response, "Principle “Keep siblings together”: removed")
    html = response.content.decode()
    assert html.index("Gamle") < html.index("Nye")


def test_compare_escapes_the_texts_it_shows(admin_client, programme):
    url = change_url(programme)
    save_in_admin(admin_client, url)
    save_in_admin(admin_client, url, title_da="<script>alert(1)</script> familier")
    old, new = Version.objects.get_for_object(programme).order_by("pk")

    response = admin_client.get(
        f"/admin/programmes/programme/{programme.pk}/history/compare/",
        {"from": old.pk, "to": new.pk},
    )

    assertNotContains(response, "<script>alert(1)")
    assertContains(response, "&lt;script&gt;alert(1)&lt;/script&gt;")


def test_restoring_an_old_version_brings_back_its_title_and_inline_rows(
    admin_client, client, programme, two_versions
):
    old, _new = two_versions
    assert not programme.principles.exists()
    url = f"/admin/programmes/programme/{programme.pk}/history/{old.pk}/"

    page = admin_client.get(url)
    assertContains(page, "Gamle ord om familier")
    assertContains(page, "Keep siblings together")
    # Only looking does not restore anything.
    programme.refresh_from_db()
    assert programme.title_da == "Nye ord om familier"
    assert not programme.principles.exists()

    danish = TranslationEdit.objects.filter(
        model="programmes.programme", object_id=programme.pk, language="da"
    )
    danish_before = danish.get().changed_at
    data = form_data(page)
    data["_save"] = ["Save"]
    response = admin_client.post(url, data)

    assertRedirects(response, "/admin/programmes/programme/", fetch_redirect_response=False)
    programme.refresh_from_db()
    assert programme.title_da == "Gamle ord om familier"
    # The restored Danish text counts as changed for the translation overview.
    assert danish.get().changed_at > danish_before
    assert list(programme.principles.values_list("heading_en", flat=True)) == [
        "Keep siblings together"
    ]
    versions = Version.objects.get_for_object(programme).order_by("pk")
    assert versions.count() == 3
    assert "Reverted to previous version" in versions.last().revision.get_comment()
    # The public page shows the restored text.
    with translation.override("da"):
        public = client.get(programme.get_absolute_url())
    assertContains(public, "Gamle ord om familier")


def other_staff(django_user_model, group):
    # A client of its own: the admin_client behind two_versions is pytest's `client`.
    return staff_client(Client(), django_user_model, group)


def test_staff_without_permission_on_the_model_get_403(django_user_model, programme, two_versions):
    old, new = two_versions
    fundraising_client = other_staff(django_user_model, FUNDRAISING)
    base = f"/admin/programmes/programme/{programme.pk}/history/"

    assert fundraising_client.get(base).status_code == 403
    compare = fundraising_client.get(f"{base}compare/", {"from": old.pk, "to": new.pk})
    assert compare.status_code == 403


def test_content_editors_see_history_and_compare(django_user_model, programme, two_versions):
    old, new = two_versions
    editor_client = other_staff(django_user_model, CONTENT_EDITORS)
    base = f"/admin/programmes/programme/{programme.pk}/history/"

    assert editor_client.get(base).status_code == 200
    assert editor_client.get(f"{base}compare/", {"from": old.pk, "to": new.pk}).status_code == 200


def test_a_version_of_another_object_is_not_found(admin_client, programme, two_versions):
    old, _new = two_versions
    other = make_programme(slug="other")
    save_in_admin(admin_client, change_url(other))
    foreign = Version.objects.get_for_object(other).get()
    base = f"/admin/programmes/programme/{programme.pk}/history/"

    assert (
        admin_client.get(f"{base}compare/", {"from": old.pk, "to": foreign.pk}).status_code == 404
    )
    assert admin_client.get(f"{base}{foreign.pk}/").status_code == 404


def test_a_version_of_another_model_with_the_same_id_is_not_found(admin_client):
    funder = Funder.objects.create(pk=4242, name="Same id")
    make_programme(slug="same-id", id=4242)
    save_in_admin(admin_client, f"/admin/programmes/funder/{funder.pk}/change/")
    version = Version.objects.get_for_object(funder).get()

    response = admin_client.get(f"/admin/programmes/programme/4242/history/{version.pk}/")

    assert response.status_code == 404
    assert Funder.objects.get(pk=4242).name == "Same id"


def test_compare_without_two_versions_says_so(admin_client, programme, two_versions):
    base = f"/admin/programmes/programme/{programme.pk}/history/"

    response = admin_client.get(f"{base}compare/", {"from": "x"}, follow=True)
    superscript = admin_client.get(f"{base}compare/", {"from": "²", "to": "1"}, follow=True)

    assertRedirects(response, base)
    assertContains(response, "Choose two versions to compare.")
    assertContains(superscript, "Choose two versions to compare.")


def test_deleted_content_can_be_recovered(admin_client):
    funder = make_funder(name="Children's Fund")
    save_in_admin(admin_client, f"/admin/programmes/funder/{funder.pk}/change/")
    response = admin_client.post(f"/admin/programmes/funder/{funder.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302

    changelist = admin_client.get("/admin/programmes/funder/")
    assertContains(changelist, 'href="/admin/programmes/funder/recover/"')
    recover = admin_client.get("/admin/programmes/funder/recover/")
    assertContains(recover, "Children&#x27;s Fund")
    deleted = Version.objects.get_deleted(funder.__class__).get()
    url = f"/admin/programmes/funder/recover/{deleted.pk}/"
    data = form_data(admin_client.get(url))
    data["_save"] = ["Save"]
    admin_client.post(url, data)

    assert funder.__class__.objects.filter(name="Children's Fund").exists()


def test_a_demand_is_kept_with_its_agenda_and_its_status_changes_with_it(admin_client):
    agenda = make_agenda()
    make_demand(agenda)

    save_in_admin(admin_client, f"/admin/advocacy/agenda/{agenda.pk}/change/")

    revision = Version.objects.get_for_object(agenda).get().revision
    assert revision.version_set.filter(content_type__model="demand").count() == 1
    assert reversion.is_registered(Demand) and reversion.is_registered(Agenda)
    assert "status_changes" in reversion.revisions._get_options(Demand).follow


@pytest.mark.parametrize(
    "url",
    [
        "/admin/ngo/homepage/",
        "/admin/ngo/sitedetails/",
        "/admin/ngo/page/add/",
        "/admin/advocacy/publication/add/",
    ],
)
def test_singletons_and_other_content_admins_still_open(admin_client, url):
    response = admin_client.get(url, follow=True)

    assert response.status_code == 200


def test_content_models_are_versioned():
    for label in (
        "programmes.Programme",
        "programmes.Principle",
        "programmes.Project",
        "programmes.Goal",
        "programmes.Funder",
        "advocacy.Agenda",
        "advocacy.Milestone",
        "advocacy.Coalition",
        "advocacy.Publication",
        "ngo.Photo",
        "ngo.HomePage",
        "ngo.Page",
        "ngo.SiteDetails",
        "ngo.Appeal",
    ):
        assert reversion.is_registered(apps.get_model(label)), label


def test_donor_data_is_not_versioned():
    models = list(apps.get_app_config("donations").get_models())

    registered = [m._meta.label for m in models if reversion.is_registered(m)]

    assert {"Donor", "Mandate", "Sponsorship", "Gift", "Collection", "BankImport"} <= {
        m.__name__ for m in models
    }
    assert registered == []


def test_a_version_whose_photo_file_is_gone_is_not_restored(admin_client):
    photo = make_photo()
    url = f"/admin/ngo/photo/{photo.pk}/change/"
    assert save_in_admin(admin_client, url).status_code == 302
    version = Version.objects.get_for_object(photo).get()
    # A replaced original is deleted (consent): its old versions name a missing file.
    photo.image.storage.delete(photo.image.name)

    response = admin_client.get(f"/admin/ngo/photo/{photo.pk}/history/{version.pk}/", follow=True)

    assertRedirects(response, f"/admin/ngo/photo/{photo.pk}/history/")
    assertContains(response, "is no longer stored, so the version cannot be restored")


def test_deleted_photos_are_not_offered_for_recovery(admin_client):
    photo = make_photo()
    save_in_admin(admin_client, f"/admin/ngo/photo/{photo.pk}/change/")
    admin_client.post(f"/admin/ngo/photo/{photo.pk}/delete/", {"post": "yes"})
    deleted = Version.objects.get_deleted(photo.__class__).get()

    assertNotContains(admin_client.get("/admin/ngo/photo/"), "/recover/")
    assert admin_client.get("/admin/ngo/photo/recover/").status_code == 404
    assert admin_client.get(f"/admin/ngo/photo/recover/{deleted.pk}/").status_code == 404
