from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ngo.models import Photo
from ngo.staff_groups import CONTENT_EDITORS


class Command(BaseCommand):
    help = (
        "Run daily: unpublish the photos whose consent has run out, remove their public "
        "files and email the content editors the list. Running it again changes nothing."
    )

    def handle(self, *args, **options):
        # One transaction, so that when the mail can not be sent the photos stay
        # marked published and the next run tells the editors after all. Their
        # public files are gone either way, and public pages show a placeholder.
        with transaction.atomic():
            withdrawn = withdraw_expired_photos()
            recipients = editor_addresses()
            if withdrawn and recipients:
                try:
                    send_mail(*notice(withdrawn), from_email=None, recipient_list=recipients)
                except OSError as error:
                    raise CommandError(
                        f"The mail to the content editors failed ({error}); the photos' public "
                        "files are removed, and the next run unpublishes them and tries again."
                    ) from error
        # Withdrawn photos that nobody was told about go to stderr, which cron mails.
        stream = self.stderr if withdrawn and not recipients else self.stdout
        stream.write(summary(len(withdrawn), len(recipients)))


def withdraw_expired_photos():
    """Unpublish the published photos without valid consent; the ones it unpublished.

    Saving an unpublished photo removes its renditions; photos already
    unpublished lose any left over from before.
    """
    withdrawn = []
    for photo in Photo.objects.consent_expired().select_for_update():
        if photo.published:
            photo.published = False
            photo.save(update_fields=["published"])
            withdrawn.append(photo)
        else:
            photo.remove_renditions()
    return withdrawn


def editor_addresses():
    users = get_user_model().objects.filter(is_active=True, groups__name=CONTENT_EDITORS)
    return sorted(set(users.exclude(email="").values_list("email", flat=True)))


def notice(photos):
    """The subject and plain-text body of the mail to the content editors."""
    count = len(photos)
    subject = ngettext(
        "%(count)s photo taken off the website: consent expired",
        "%(count)s photos taken off the website: consent expired",
        count,
    ) % {"count": count}
    intro = ngettext(
        "The consent for %(count)s photo of a child has run out, so it is no longer "
        "published and its files are removed from the website:",
        "The consent for %(count)s photos of children has run out, so they are no longer "
        "published and their files are removed from the website:",
        count,
    ) % {"count": count}
    lines = [
        f"- {photo.alt_text}: {reverse('admin:ngo_photo_change', args=[photo.pk])}"
        for photo in photos
    ]
    advice = _("Publish a photo again once new consent is on file, or delete it.")
    return subject, "\n\n".join([intro, "\n".join(lines), advice]) + "\n"


def summary(withdrawn, recipients):
    if not withdrawn:
        return "No published photo has consent that has run out."
    if not recipients:
        return (
            f"Unpublished {withdrawn} photo(s) whose consent has run out; no active content "
            "editor has an email address, so nobody was told."
        )
    return (
        f"Unpublished {withdrawn} photo(s) whose consent has run out and emailed "
        f"{recipients} content editor(s)."
    )
