"""A <select> that writes its options in Python.

Django renders every <option> through a template of its own: a country list of
250 options costs a quarter of a donation page, while the names themselves are
read in a twentieth of a millisecond. This widget writes the same HTML as
Django's templates (django/forms/widgets/select.html and select_option.html),
character for character; only the way there is shorter.

A form whose choices are the same for every visitor (the countries in the page
language) sets `cache_key` on the widget: the options are then escaped once per
process and key, and each page only marks the selected one.
"""

from django import forms
from django.utils.html import conditional_escape, escape
from django.utils.safestring import mark_safe
from django_countries.widgets import LazySelect as CountriesLazySelect

# Option lists kept per cache_key: (language, choice set) → parts.
_OPTIONS = {}


def attributes(attrs):
    """What django/forms/widgets/attrs.html writes: False is left out, True is a bare name."""
    out = []
    for name, value in attrs.items():
        if value is False:
            continue
        out.append(f" {name}" if value is True else f' {name}="{escape(str(value))}"')
    return "".join(out)


def option_parts(choices):
    """The options as strings: (value, unselected html, selected html) for each option,
    plain strings for the optgroup tags between them."""
    parts = []

    def option(value, label):
        value = "" if value is None else str(value)
        label = conditional_escape(label)
        start = f'\n  <option value="{escape(value)}"'
        return (value, f"{start}>{label}</option>\n", f"{start} selected>{label}</option>\n")

    for group_value, group_label in choices:
        if isinstance(group_label, (list, tuple)):
            parts.append(f'\n  <optgroup label="{conditional_escape(group_value)}">')
            parts.extend(option(value, label) for value, label in group_label)
            parts.append("\n  </optgroup>")
        else:
            parts.append(option(group_value, group_label))
    return parts


class FastSelectMixin:
    """A select's HTML, written without a template per option."""

    cache_key = None

    def parts(self):
        if self.cache_key is None:
            return option_parts(self.choices)
        parts = _OPTIONS.get(self.cache_key)
        if parts is None:
            parts = _OPTIONS[self.cache_key] = option_parts(self.choices)
        return parts

    def render(self, name, value, attrs=None, renderer=None):
        final_attrs = self.build_attrs(self.attrs, attrs)
        selected = set(self.format_value(value))
        out = [f'<select name="{escape(name)}"{attributes(final_attrs)}>']
        found = False
        for part in self.parts():
            if isinstance(part, str):
                out.append(part)
                continue
            option_value, plain, chosen = part
            # As Django: only the first option with the value is selected.
            if not found and option_value in selected:
                out.append(chosen)
                found = True
            else:
                out.append(plain)
        out.append("\n</select>")
        return mark_safe("".join(out))  # noqa: S308 (every value above is escaped)


# Named as the widgets they stand for: crispy-forms puts the widget's class name
# in the class attribute ("select", "lazyselect"), and the page must stay the same.
class Select(FastSelectMixin, forms.Select):
    pass


class LazySelect(FastSelectMixin, CountriesLazySelect):
    pass
