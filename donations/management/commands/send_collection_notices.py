"""For a scheduler: email each donor the amount and date of their coming collection.

Run it daily: it queues a notice for every collection in the next
COLLECTION_NOTICE_DAYS that has none yet (the task worker sends them), so running
it twice queues nothing new. It prints a count, never a donor.
"""

from django.core.management.base import BaseCommand

from donations import notices


class Command(BaseCommand):
    help = "Queue the collection notices (pre-notifications) due today."

    def handle(self, *args, **options):
        count = notices.queue_notices()
        self.stdout.write(f"{count} collection notice(s) queued.")
