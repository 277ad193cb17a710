import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

USERNAME = "demo"


class Command(BaseCommand):
    help = "Create the demo staff account once, with a generated password printed that time."

    def handle(self, *args, **options):
        User = get_user_model()
        if User.objects.filter(username=USERNAME).exists():
            self.stdout.write(
                f"Demo staff account '{USERNAME}' exists; "
                f"reset its password with: python manage.py changepassword {USERNAME}"
            )
            return
        password = secrets.token_urlsafe(12)
        User.objects.create_superuser(username=USERNAME, email="", password=password)
        # Printed once, to the person who started the site; stored only hashed.
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo staff account created: username '{USERNAME}', password '{password}' "
                "(shown only this time)"
            )
        )
