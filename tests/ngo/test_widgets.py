"""The select widgets that write their options in Python write Django's HTML exactly."""

import pytest
from django import forms
from django.utils import translation
from django_countries.widgets import LazySelect as CountriesLazySelect

from ngo import widgets

CHOICES = [
    ("", "Choose"),
    (None, "Nothing"),
    ("a&b", 'Quote " and <tag>'),
    ("Group <1>", [("x", "Ex"), ("y", "Why")]),
    (3, "Three"),
    ("x", "Ex again"),
]
ATTRS = {"id": "id_f", "required": True, "disabled": False, "data-none": None, "class": "a b"}


@pytest.mark.parametrize("value", [None, "", "x", "a&b", 3, "3", "missing", ["x", "y"]])
def test_select_writes_what_djangos_templates_write(value):
    django_html = forms.Select(choices=CHOICES).render("f", value, attrs=ATTRS)
    ours = widgets.Select(choices=CHOICES).render("f", value, attrs=ATTRS)
    assert ours == django_html


def test_a_cached_option_list_still_marks_each_visitors_choice():
    with translation.override("fr"):
        first = widgets.LazySelect(choices=CHOICES)
        first.cache_key = ("test", "fr")
        second = widgets.LazySelect(choices=[("other", "Never read: the key is the same")])
        second.cache_key = ("test", "fr")
        expected = CountriesLazySelect(choices=CHOICES).render("f", "y", attrs=ATTRS)
        assert first.render("f", "y", attrs=ATTRS) == expected
        assert second.render("f", "y", attrs=ATTRS) == expected
        assert 'value="3" selected' in second.render("f", "3", attrs=ATTRS)
