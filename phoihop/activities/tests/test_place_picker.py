"""The activity form's place picker lists, without JavaScript, the units in force on the
activity's date (the date typed, else the activity's, else today) in the committee's area."""

import datetime as dt
import re

import pytest
import time_machine
from django.urls import reverse

from phoihop.activities.tests.test_pages import _form
from phoihop.localities.models import ChangeEvent, Kind, Level, Lineage, Locality

pytestmark = pytest.mark.django_db


def _unit(ref, name, short, kind, level, parent, **dates) -> Locality:
    unit = Locality(ref=ref, code=ref[-5:], name=name, short_name=short, kind=kind, level=level, parent=parent, **dates)
    unit.refresh_search_fields()
    unit.save()
    return unit


@pytest.fixture
def generations(cast):
    """Beside Lam Hạ (until 2025): a ward of Phủ Lý ended in 2019, and Phường Hà Nam of
    Ninh Bình from 2025, Lam Hạ's successor."""
    places = cast.places
    old = _unit("t.c00001", "Phường Cũ", "Cũ", Kind.PHUONG, Level.COMMUNE, places.phuly, valid_to=dt.date(2019, 1, 1))
    new = _unit("t.c00002", "Phường Hà Nam", "Hà Nam", Kind.PHUONG, Level.COMMUNE, places.ninhbinh,
                valid_from=dt.date(2025, 7, 1))
    event = ChangeEvent.objects.create(ref="t.e1", kind="merge", effective_date=dt.date(2025, 7, 1), legal_basis="NQ")
    Lineage.objects.create(event=event, predecessor=places.lamha, successor=new)
    return old, new


def _listed(response) -> set[int]:
    select = re.search(r'<select name="localities".*?</select>', response.content.decode(), re.S).group(0)
    return {int(pk) for pk in re.findall(r'<option value="(\d+)"', select)}


def test_a_new_activity_lists_the_units_of_today(client_for, cast, program, generations):
    old, new = generations
    response = client_for(cast.secretariat).get(reverse("activities:create"))
    listed = _listed(response)
    assert cast.places.lamha.pk in listed and cast.places.phuly.pk in listed
    assert old.pk not in listed and new.pk not in listed
    assert 'data-ac-on="2020-11-20"' in response.content.decode()  # the search asks for the same day


def test_the_typed_date_decides_the_list_when_the_form_comes_back(client_for, cast, program, generations):
    old, new = generations
    client = client_for(cast.secretariat)
    response = client.post(reverse("activities:create"), _form(cast, title="", start_date="05/08/2025",
                                                                 end_date="05/08/2025", localities=[]))
    assert response.status_code == 200  # refused (no title, a future date), shown again
    listed = _listed(response)
    assert new.pk in listed and cast.places.lamha.pk not in listed
    early = _listed(client.post(reverse("activities:create"), _form(cast, title="", start_date="10/06/2018",
                                                                  localities=[])))
    assert old.pk in early and new.pk not in early


def test_a_date_that_does_not_read_lists_today(client_for, cast, program, generations):
    _old, new = generations
    response = client_for(cast.secretariat).post(reverse("activities:create"),
                                                 _form(cast, start_date="31/02/2020", localities=[]))
    listed = _listed(response)
    assert cast.places.lamha.pk in listed and new.pk not in listed  # today's (20/11/2020)


def test_an_edit_lists_the_units_of_the_activitys_date(client_for, cast, program, generations, make_activity):
    old, _new = generations
    activity = make_activity(start_date=dt.date(2018, 6, 1), end_date=dt.date(2018, 6, 1), submit=False)
    listed = _listed(client_for(cast.secretariat).get(reverse("activities:edit", args=[activity.pk])))
    assert old.pk in listed


def test_a_new_activity_of_an_ended_program_lists_the_units_of_its_last_day(client_for, cast, program, generations):
    old, new = generations
    with time_machine.travel(dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC), tick=False):
        response = client_for(cast.secretariat).get(reverse("activities:create"))
    listed = _listed(response)
    assert cast.places.lamha.pk in listed and new.pk not in listed  # 31/12/2020, not 02/03/2026
    assert 'data-ac-on="2020-12-31"' in response.content.decode()
