"""Dates are typed the Vietnamese way on every form: 05/03/2020 is 5 March 2020 whatever
the browser's language, and a bad date is refused in Vietnamese, keeping what was typed."""

import datetime as dt
import importlib
import inspect
import pkgutil

import pytest
import time_machine
from django import forms
from django.urls import reverse

import phoihop
from phoihop.activities.models import Activity
from phoihop.activities.tests.test_pages import _form as activity_form
from phoihop.core.forms import DateField
from phoihop.reviews.data import Kind
from phoihop.reviews.models import ReviewReport
from phoihop.reviews.tests.test_pages import _create_data as review_form
from phoihop.situations import services
from phoihop.situations.models import CaseEvent, SituationReport
from phoihop.situations.tests.conftest import make_report
from phoihop.situations.tests.test_pages import _report_data as report_form

MARCH_5 = dt.date(2020, 3, 5)


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(dt.datetime(2020, 11, 20, 9, 0, tzinfo=dt.UTC), tick=False):
        yield


def _form_classes():
    for module_info in pkgutil.walk_packages(phoihop.__path__, "phoihop."):
        name = module_info.name
        if ".tests" in name or not name.rsplit(".", 1)[-1].startswith("forms"):
            continue
        module = importlib.import_module(name)
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, forms.BaseForm) and cls.__module__ == name:
                yield cls


def test_every_date_field_of_every_form_is_the_vietnamese_one():
    classes = list(_form_classes())
    dated = {
        f"{cls.__module__}.{cls.__name__}.{field_name}": type(field)
        for cls in classes
        for field_name, field in cls.base_fields.items()
        if isinstance(field, forms.DateField)
    }
    assert len(dated) > 30
    assert {name: kind for name, kind in dated.items() if kind is not DateField} == {}


def test_the_widget_is_a_text_box_showing_day_month_year():
    field = DateField(label="Từ ngày")
    html = field.widget.render("start", MARCH_5)
    assert 'type="text"' in html and 'value="05/03/2020"' in html
    assert "data-date-input" in html and 'inputmode="numeric"' in html
    assert 'data-min="1900-01-01"' in html and 'data-max="2100-12-31"' in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("31/02/2020", "Ngày không hợp lệ: “31/02/2020” không có thật"),
        ("5/3/20", "Ngày không hợp lệ: “5/3/20”; hãy gõ dạng ngày/tháng/năm"),
        ("03/05/1800", "Ngày phải nằm trong các năm 1900–2100."),
    ],
)
def test_a_bad_date_is_refused_in_vietnamese_and_what_was_typed_stays(client_for, cast, program, typed, message):
    response = client_for(cast.military_focal).post(
        reverse("activities:create"), activity_form(cast, start_date=typed, end_date="12/10/2020")
    )
    assert response.status_code == 200
    assert message in response.context["form"].errors["start_date"][0]
    body = response.content.decode()
    assert f'value="{typed}"' in body
    assert not Activity.objects.exists()


@pytest.mark.django_db
def test_activity_dates_typed_day_first_are_saved(client_for, cast, program):
    client_for(cast.military_focal).post(
        reverse("activities:create"), activity_form(cast, start_date="05/03/2020", end_date="5/3/2020")
    )
    activity = Activity.objects.get()
    assert (activity.start_date, activity.end_date) == (MARCH_5, MARCH_5)


@pytest.mark.django_db
def test_situation_report_date_typed_day_first_is_saved(client_for, cast):
    client_for(cast.women_focal).post(reverse("situations:report_create"), report_form(cast, reported_on="05/03/2020"))
    assert SituationReport.objects.get().reported_on == MARCH_5


@pytest.mark.django_db
def test_case_follow_up_date_typed_day_first_is_saved(client_for, cast, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    report = make_report(cast, reported_on=dt.date(2020, 3, 2))
    case = services.case_open(actor=cast.secretariat, report=report, opened_on=dt.date(2020, 3, 2))
    services.case_assign(actor=cast.secretariat, case=case, lead=cast.military, due_date=dt.date(2020, 4, 30))
    case.refresh_from_db()
    response = client_for(cast.military_focal).post(
        reverse("situations:case_follow_up", args=[case.pk]),
        {"happened_on": "05/03/2020", "text": "Đối thoại với các hộ dân.", "revision": case.revision},
    )
    assert response.status_code == 302
    assert case.events.get(kind=CaseEvent.Kind.FOLLOW_UP).happened_on == MARCH_5


@pytest.mark.django_db
def test_review_period_typed_day_first_is_saved(client_for, cast, program):
    data = review_form(program, kind=Kind.CUSTOM, start="05/03/2020", end="30/09/2020")
    response = client_for(cast.secretariat).post(reverse("reviews:create"), data)
    assert response.status_code == 302
    assert (ReviewReport.objects.get().start, ReviewReport.objects.get().end) == (MARCH_5, dt.date(2020, 9, 30))
