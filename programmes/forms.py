from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from programmes.models import ProjectStatus


class ProjectFilterForm(forms.Form):
    """The project list's filters: plain GET parameters, so a filtered list is a link."""

    programme = forms.ChoiceField(label=_("Programme"), required=False)
    country = forms.ChoiceField(label=_("Country"), required=False)
    sdg = forms.TypedChoiceField(
        label=_("Sustainable Development Goal"), required=False, coerce=int, empty_value=None
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Any status")), *ProjectStatus.choices]
    )

    def __init__(self, *args, programmes, country_codes, sdgs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].choices = [("", _("All programmes"))] + [
            (p.slug, p.title) for p in programmes
        ]
        # Name only the countries in use: translating the whole list is slow.
        self.fields["country"].choices = [("", _("All countries"))] + sorted(
            ((code, countries.name(code)) for code in country_codes), key=lambda c: str(c[1])
        )
        self.fields["sdg"].choices = [("", _("All goals"))] + [(g.number, str(g)) for g in sdgs]
