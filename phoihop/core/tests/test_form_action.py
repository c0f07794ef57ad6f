"""form_action: the one way a page writes through a service."""

from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.test import RequestFactory

from phoihop.core.forms import form_action


class NameForm(forms.Form):
    name = forms.CharField()


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
