from django.contrib.auth.models import Group, Permission

CONTENT_EDITORS = "Content editors"
FUNDRAISING = "Fundraising"

# Which apps' models each staff group manages. Content editors never get donor
# data, and fundraising staff do not edit the public content.
STAFF_GROUP_APPS = {
    CONTENT_EDITORS: ("ngo", "programmes", "advocacy"),
    # The task queue: whether each donor's confirmation email went out.
    FUNDRAISING: ("donations", "django_tasks_database"),
}

# Groups whose members must sign in with a second factor (ngo/two_factor.py):
# they can reveal bank and national numbers.
TWO_FACTOR_GROUPS = (FUNDRAISING,)

# Signed mandates and the donations on them are cancelled, never deleted.
NEVER_DELETED = ("delete_mandate", "delete_sponsorship", "delete_gift")


def staff_groups_sync(**kwargs):
    """Give each staff group every permission of its apps and none of the others'."""
    for name, app_labels in STAFF_GROUP_APPS.items():
        group, _created = Group.objects.get_or_create(name=name)
        own = Permission.objects.filter(content_type__app_label__in=app_labels)
        foreign_apps = [
            label for other, labels in STAFF_GROUP_APPS.items() if other != name for label in labels
        ]
        foreign = Permission.objects.filter(content_type__app_label__in=foreign_apps)
        group.permissions.add(*own.exclude(codename__in=NEVER_DELETED))
        group.permissions.remove(*foreign, *own.filter(codename__in=NEVER_DELETED))
