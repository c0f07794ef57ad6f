"""The locality search-as-you-type widget: a plain <select multiple> without JavaScript."""

import datetime as dt

import pytest
from django import forms

from phoihop.localities.models import Locality
from phoihop.localities.widgets import LocalityAutocompleteWidget

pytestmark = pytest.mark.django_db


def _form(places, **widget_kwargs):
    class PlaceForm(forms.Form):
        units = forms.ModelMultipleChoiceField(
            queryset=Locality.objects.all(),
            required=False,
            widget=LocalityAutocompleteWidget(**widget_kwargs),
        )

    return PlaceForm


def test_without_javascript_it_lists_the_given_queryset(places):
    form_class = _form(places, queryset=Locality.objects.within(places.phuly), parent=places.hanam)
    html = str(form_class()["units"])
    assert '<select name="units"' in html and "multiple" in html
    assert "Phường Lam Hạ, Thành phố Phủ Lý, Tỉnh Hà Nam (đến 30/06/2025)" in html
    assert "Nam Định" not in html
    assert 'data-ac-url="/dia-ban/goi-y/"' in html
    assert f'data-ac-parent="{places.hanam.pk}"' in html


def test_a_chosen_unit_outside_the_queryset_stays_listed_and_selected(places):
    form_class = _form(
        places, queryset=Locality.objects.within(places.phuly), on=dt.date(2020, 5, 1)
    )
    form = form_class(data={"units": [places.namdinh.pk]})
    assert form.is_valid()
    html = str(form["units"])
    assert f'<option value="{places.namdinh.pk}" selected>' in html
    assert 'data-ac-on="2020-05-01"' in html


def test_the_field_accepts_any_unit_its_own_queryset_allows(places):
    form = _form(places, queryset=Locality.objects.none())(data={"units": [places.lamha.pk]})
    assert form.is_valid()
    assert list(form.cleaned_data["units"]) == [places.lamha]


def test_the_form_brings_the_autocomplete_script(places):
    form = _form(places, queryset=Locality.objects.none())()
    assert "phoihop/autocomplete.js" in str(form.media)
