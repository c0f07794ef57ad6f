"""The report form's place picker lists, without JavaScript, the communes in force on the
report's date (the date typed, else today) in the committee's area."""

import datetime as dt
import re

import pytest
import time_machine
from django.urls import reverse

from phoihop.localities.models import ChangeEvent, Kind, Level, Lineage, Locality
from phoihop.situations.tests.test_pages import _report_data

pytestmark = pytest.mark.django_db


def _unit(ref, name, short, parent, **dates) -> Locality:
    unit = Locality(ref=ref, code=ref[-5:], name=name, short_name=short, kind=Kind.PHUONG, level=Level.COMMUNE,
                    parent=parent, **dates)
    unit.refresh_search_fields()
    unit.save()
    return unit


@pytest.fixture
def successor(cast):
    """Phường Hà Nam of Ninh Bình from 2025, Lam Hạ's successor."""
    new = _unit("t.c00002", "Phường Hà Nam", "Hà Nam", cast.places.ninhbinh, valid_from=dt.date(2025, 7, 1))
    event = ChangeEvent.objects.create(ref="t.e1", kind="merge", effective_date=dt.date(2025, 7, 1), legal_basis="NQ")
    Lineage.objects.create(event=event, predecessor=cast.places.lamha, successor=new)
    return new


def _listed(response) -> set[int]:
    select = re.search(r'<select name="locality".*?</select>', response.content.decode(), re.S).group(0)
    return {int(pk) for pk in re.findall(r'<option value="(\d+)"', select)}


@time_machine.travel(dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC), tick=False)
def test_a_new_report_lists_the_communes_of_today(client_for, cast, successor):
    response = client_for(cast.women_focal).get(reverse("situations:report_create"))
    assert _listed(response) == {successor.pk}  # Lam Hạ ended on 1/7/2025
    assert 'data-ac-on="2026-03-02"' in response.content.decode()


@time_machine.travel(dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC), tick=False)
def test_the_typed_date_decides_the_list_when_the_form_comes_back(client_for, cast, successor):
    client = client_for(cast.women_focal)
    response = client.post(reverse("situations:report_create"),
                           _report_data(cast, title="", reported_on="14/06/2025", locality=[]))
    assert response.status_code == 400  # refused (no title), shown again
    assert _listed(response) == {cast.places.lamha.pk}  # communes only, of 14/06/2025
    bad = client.post(reverse("situations:report_create"),
                      _report_data(cast, title="", reported_on="khong phai ngay", locality=[]))
    assert _listed(bad) == {successor.pk}
