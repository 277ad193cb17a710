import re

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.core.management import call_command

from ngo.staff_groups import CONTENT_EDITORS, FUNDRAISING, STAFF_GROUP_APPS, staff_groups_sync

pytestmark = pytest.mark.django_db


def test_migrations_create_both_staff_groups():
    assert set(Group.objects.values_list("name", flat=True)) >= {CONTENT_EDITORS, FUNDRAISING}


@pytest.mark.parametrize("group_name", [CONTENT_EDITORS, FUNDRAISING])
def test_groups_hold_only_their_own_apps_permissions(group_name):
    apps = set(
        Group.objects.get(name=group_name).permissions.values_list(
            "content_type__app_label", flat=True
        )
    )
    assert apps <= set(STAFF_GROUP_APPS[group_name])


def permissions_of(group):
    return set(group.permissions.values_list("content_type__app_label", "codename"))


def test_sync_removes_the_other_groups_permissions_added_by_hand():
    editors = Group.objects.get(name=CONTENT_EDITORS)
    fundraising = Group.objects.get(name=FUNDRAISING)
    editors_own, fundraising_own = permissions_of(editors), permissions_of(fundraising)
    editors.permissions.add(Permission.objects.get(codename="view_donor"))
    fundraising.permissions.add(
        Permission.objects.get(codename="change_project"),
        Permission.objects.get(codename="delete_sponsorship"),  # never deleted, even by them
    )
    staff_groups_sync()
    assert permissions_of(editors) == editors_own
    assert permissions_of(fundraising) == fundraising_own
    assert ("programmes", "change_project") in editors_own
    assert ("donations", "view_donor") in fundraising_own


def test_sync_gives_back_a_permission_removed_by_hand():
    editors = Group.objects.get(name=CONTENT_EDITORS)
    editors.permissions.remove(Permission.objects.get(codename="change_project"))
    staff_groups_sync()
    assert editors.permissions.filter(codename="change_project").exists()


def test_sync_keeps_a_permission_outside_every_group_s_apps():
    editors = Group.objects.get(name=CONTENT_EDITORS)
    user_perm = Permission.objects.get(codename="view_user")
    editors.permissions.add(user_perm)
    staff_groups_sync()
    # Permissions outside every group's apps are left to the administrators.
    assert editors.permissions.filter(pk=user_perm.pk).exists()


def test_admin_login_page_is_served(client):
    response = client.get("/admin/", follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0].startswith("/admin/login/")


def test_demo_staff_account_prints_a_generated_password_once(capsys):
    call_command("ensure_demo_staff")
    first = capsys.readouterr().out
    password = re.search(r"password '([^']+)'", first).group(1)
    assert len(password) >= 12
    assert User.objects.get(username="demo").check_password(password)

    call_command("ensure_demo_staff")
    second = capsys.readouterr().out
    assert password not in second and "exists" in second
    assert User.objects.get(username="demo").check_password(password)


def test_demo_passwords_differ_between_sites(capsys, django_user_model):
    passwords = []
    for _ in range(2):
        django_user_model.objects.filter(username="demo").delete()
        call_command("ensure_demo_staff")
        passwords.append(re.search(r"password '([^']+)'", capsys.readouterr().out).group(1))
    assert passwords[0] != passwords[1]
