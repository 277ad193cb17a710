from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

# Each app that has demo content gives it a command of its own; they run in
# this order because later content refers to earlier content.
DEMO_COMMANDS = ("demo_programmes", "demo_advocacy", "demo_site")


class Command(BaseCommand):
    help = "Load or refresh the demo content. Running it again updates rows, never duplicates."

    def handle(self, *args, **options):
        with transaction.atomic():
            for name in DEMO_COMMANDS:
                call_command(name, stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo content is loaded."))
