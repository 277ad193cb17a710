"""Where a sponsor's money goes: where the need is greatest, a country, or a project.

One small value with one text form ("need", "country-BE", "project-12") that the
form, the view's ?project=, the admin filter and the model all share.
"""

import re
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from django_countries import countries

NEED = "need"
_KEY = re.compile(
    r"need|country-(?P<country>[A-Z]{2})|project-(?P<project>[1-9]\d{0,17})", re.ASCII
)


@dataclass(frozen=True)
class Place:
    country: str = ""
    project_id: int | None = None

    @classmethod
    def parse(cls, key):
        """The place a key names, or None for anything else."""
        match = _KEY.fullmatch(key or "")
        if match is None:
            return None
        if match["project"]:
            return cls(project_id=int(match["project"]))
        if match["country"]:
            return cls(country=match["country"]) if match["country"] in countries else None
        return cls()

    @classmethod
    def of(cls, sponsorship):
        if sponsorship.project_id:
            return cls(project_id=sponsorship.project_id)
        return cls(country=str(sponsorship.country or ""))

    @property
    def key(self):
        if self.project_id:
            return f"project-{self.project_id}"
        if self.country:
            return f"country-{self.country}"
        return NEED

    def sponsorship_filter(self):
        """Keyword arguments that select the sponsorships for this place."""
        if self.project_id:
            return {"project_id": self.project_id}
        return {"country": self.country, "project__isnull": True}


def describe(place, project=None):
    """The place in words, in the active language."""
    if place.project_id:
        return project.name if project is not None else ""
    if place.country:
        return _("Anywhere in %(country)s") % {"country": countries.name(place.country)}
    return _("Where the need is greatest")
