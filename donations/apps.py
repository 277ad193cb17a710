import sys

from django.apps import AppConfig
from django.conf import settings
from django.utils.translation import gettext_lazy as _


class DonationsConfig(AppConfig):
    name = "donations"
    verbose_name = _("Donations")

    def ready(self):
        # A wrong creditor identifier or account would put money or mandates in the
        # wrong place: a production site refuses to start with one, in one clear line.
        if settings.DEBUG:
            return
        from donations.banking import settings_problems

        problems = settings_problems(own_values_required=True)
        if problems:
            sys.exit("ngo: banking settings: " + "; ".join(problems) + "; refusing to start.")
