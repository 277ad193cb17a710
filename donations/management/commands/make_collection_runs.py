"""For a scheduler: make the collection runs of the next collection date.

Run it daily: it makes a run for each scheme that has sponsorships due on the
first collection date at least COLLECTION_RUN_LEAD_DAYS away, and does nothing
for collections already in a run, so running it twice makes nothing new.
"""

from datetime import date, timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from donations import collections
from donations.banking import scheme_for


class Command(BaseCommand):
    help = "Make the bank files of the next collection date, one run per scheme."

    def add_arguments(self, parser):
        parser.add_argument("--date", type=date.fromisoformat, help="collection date, YYYY-MM-DD")
        parser.add_argument("--scheme", help="only this scheme (sepa, avtalegiro, …)")

    def handle(self, *args, **options):
        earliest = timezone.localdate() + timedelta(days=settings.COLLECTION_RUN_LEAD_DAYS)
        day = options["date"] or collections.next_collection_date(earliest)
        if day.day not in settings.DONATION_COLLECTION_DAYS:
            raise CommandError(f"{day} is not one of the collection days.")
        schemes = [scheme_for(code) for code in settings.DONATION_CURRENCIES if scheme_for(code)]
        if options["scheme"]:
            if options["scheme"] not in schemes:
                raise CommandError(f"Unknown scheme {options['scheme']!r}.")
            schemes = [options["scheme"]]
        for scheme in schemes:
            self.make(scheme, day)

    def make(self, scheme, day):
        if not collections.preview(scheme, day).count:
            self.stdout.write(f"{scheme} {day}: nothing due")
            return
        try:
            run = collections.start_run(scheme, day)
        except collections.RunRefused as refusal:
            self.stdout.write(f"{scheme} {day}: {refusal}")
            return
        self.stdout.write(f"{scheme} {day}: run {run.pk}, {run.count} collections, {run.total}")
