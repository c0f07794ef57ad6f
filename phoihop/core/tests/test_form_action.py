"""form_action: the one way a page writes through a service."""

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.test import RequestFactory

from phoihop.core.forms import button_action, form_action
from phoihop.core.history import STALE_MESSAGE, ensure_unchanged, record_version


class NameForm(forms.Form):
    name = forms.CharField()


class VersionedForm(NameForm):
    version = forms.IntegerField()


def _post(data):
    request = RequestFactory().post("/", data)
    request.session = {}
    request._messages = FallbackStorage(request)
    return request


def _refuse(data):
    raise ValidationError({"name": "Tên đã có."})


def test_a_valid_form_runs_the_service_flashes_and_answers_the_redirect():
    request = _post({"name": "Hội LHPN"})
    done = form_action(
        request,
        NameForm(request.POST),
        lambda data: data["name"].upper(),
        success=lambda name: f"Đã lưu {name}.",
        then=lambda name: HttpResponse(name),
    )
    assert done.content.decode() == "HỘI LHPN"
    assert [str(m) for m in get_messages(request)] == ["Đã lưu HỘI LHPN."]


def test_a_service_refusal_lands_on_the_form_and_nothing_is_answered():
    request = _post({"name": "Hội LHPN"})
    form = NameForm(request.POST)
    assert form_action(request, form, _refuse, then=lambda _: HttpResponse()) is None
    assert form.errors == {"name": ["Tên đã có."]}
    assert list(get_messages(request)) == []


def test_an_unbound_or_invalid_form_never_calls_the_service():
    request = _post({})
    called = []
    for form in (NameForm(), NameForm(request.POST)):
        assert form_action(request, form, called.append, then=lambda _: HttpResponse()) is None
    assert called == []


@pytest.mark.django_db
def test_a_stale_refusal_keeps_what_was_typed_and_carries_the_current_version(cast):
    target = cast.women_focal
    request = _post({"name": "Của tôi", "version": record_version(target) - 1})
    form = VersionedForm(request.POST)
    done = form_action(
        request,
        form,
        lambda data: ensure_unchanged(target, data["version"]),
        current=target,
        then=lambda _: HttpResponse(),
    )
    assert done is None
    assert form.data["name"] == "Của tôi"
    assert form.cleaned_data["version"] == record_version(target)
    assert form.non_field_errors() == [str(STALE_MESSAGE)]


def test_another_refusal_leaves_the_version_typed():
    request = _post({"name": "Hội LHPN", "version": "7"})
    form = VersionedForm(request.POST)
    form_action(request, form, _refuse, current=object(), then=lambda _: HttpResponse())
    assert form.data["version"] == "7"
    assert form.errors == {"name": ["Tên đã có."]}


def test_a_button_flashes_its_success_and_goes_back():
    request = _post({})
    back = HttpResponse("trang")
    done = button_action(request, lambda data: "A", success=lambda a: f"Đã gửi {a}.", back=back)
    assert done is back
    assert [(m.level_tag, str(m)) for m in get_messages(request)] == [("success", "Đã gửi A.")]


def test_a_button_flashes_each_refusal_or_all_of_them_joined():
    def refuse(data):
        raise ValidationError(["Thiếu số liệu.", "Thiếu kết luận."])

    for joined, expected in (
        (False, ["Thiếu số liệu.", "Thiếu kết luận."]),
        (True, ["Thiếu số liệu. Thiếu kết luận."]),
    ):
        request = _post({})
        done = button_action(request, refuse, success="x", back=HttpResponse(), joined=joined)
        assert done.status_code == 200
        assert [(m.level_tag, str(m)) for m in get_messages(request)] == [
            ("error", e) for e in expected
        ]


def test_a_button_with_an_invalid_form_flashes_its_errors_and_never_calls_the_service():
    request = _post({})
    called = []
    button_action(
        request, called.append, form=NameForm(request.POST), success="x", back=HttpResponse()
    )
    assert called == []
    assert [str(m) for m in get_messages(request)] == [
        str(forms.Field.default_error_messages["required"])
    ]
