"""Form helpers shared by every app's pages, and the one form action: a page's write
through a service (`form_action`)."""

import datetime as dt
import functools
from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms.models import ModelChoiceIterator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from phoihop.core.history import record_version
from phoihop.lib import bounds, vnformat

DATE_ERRORS = {
    "invalid": gettext_lazy(
        "Ngày không hợp lệ: “%(value)s”; hãy gõ dạng ngày/tháng/năm, ví dụ 05/03/2020."
    ),
    "not_a_day": gettext_lazy(
        "Ngày không hợp lệ: “%(value)s” không có thật (xem lại ngày và tháng)."
    ),
    "required": gettext_lazy("Hãy nhập ngày."),
}


class DateInput(forms.DateInput):
    """A text box showing dd/mm/yyyy whatever the browser's language; date-input.js
    (loaded by base.html) adds a calendar beside it, offline."""

    input_type = "text"

    def __init__(self, attrs=None):
        defaults = {
            "placeholder": gettext_lazy("dd/mm/yyyy"),
            "inputmode": "numeric",
            "autocomplete": "off",
            "size": 10,
            "maxlength": 10,
            "class": "date-input",
            "data-date-input": "",
            "data-min": bounds.DATE_MIN.isoformat(),
            "data-max": bounds.DATE_MAX.isoformat(),
        }
        super().__init__({**defaults, **(attrs or {})}, format="%d/%m/%Y")


class DateField(forms.DateField):
    """A date typed the Vietnamese way (vnformat.parse_date), held to bounds' years."""

    widget = DateInput

    def __init__(self, **kwargs):
        kwargs["error_messages"] = {**DATE_ERRORS, **kwargs.get("error_messages", {})}
        super().__init__(**kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        try:
            return vnformat.parse_date(str(value))
        except vnformat.DateFormatError as error:
            raise ValidationError(
                self.error_messages[error.kind],
                code=error.kind,
                params={"value": str(value).strip()[:40]},
            ) from None


def date_field(label, *, required=True, **kwargs) -> DateField:
    """The one date field of every form (see DateField)."""
    return DateField(label=label, required=required, **kwargs)


class _SharedRowsIterator(ModelChoiceIterator):
    """A ModelChoiceField's options from rows read once for several fields."""

    def __init__(self, field, rows: Callable[[], list]):
        super().__init__(field)
        self.rows = rows

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.rows():
            yield self.choice(obj)

    def __len__(self):
        return len(self.rows()) + (self.field.empty_label is not None)

    def __bool__(self):
        return self.field.empty_label is not None or bool(self.rows())


def share_choices(form: forms.Form, *names: str) -> None:
    """The named model choice fields, which offer one queryset (the first's), list their
    options from one query instead of one each, read when the form is first drawn.
    Validation still looks a submitted id up in each field's queryset."""
    queryset = form.fields[names[0]].queryset
    rows = functools.cache(lambda: list(queryset))
    for name in names:
        field = form.fields[name]
        field.queryset = queryset
        field.iterator = functools.partial(_SharedRowsIterator, rows=rows)
        field.widget.choices = field.choices


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Show a service's ValidationError on `form`: field errors beside their fields,
    the rest at the top."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


def is_stale(error: ValidationError) -> bool:
    return not hasattr(error, "error_dict") and any(e.code == "stale" for e in error.error_list)


def _carry_current_version(form: forms.Form, obj) -> None:
    """Re-bind `form` in place with what was typed and `obj`'s current version: after the
    stale-record message, saving once more is a conscious choice to overwrite."""
    fresh = type(obj)._base_manager.filter(pk=obj.pk).first() or obj
    data = form.data.copy()
    data[form.add_prefix("version")] = record_version(fresh)
    form.data = data
    form.full_clean()


def _attempt(run: Callable, data) -> tuple[object, ValidationError | None]:
    """`run(data)`, and the service's refusal, if any: the one place a page catches it."""
    try:
        return run(data), None
    except ValidationError as error:
        return None, error


def _flash(request, text, result) -> None:
    messages.success(request, (text(result) if callable(text) else text) or _("Đã lưu thay đổi."))


def form_action(
    request, form: forms.Form, run: Callable, *, then: Callable, success=None, current=None
):
    """A page's write, once: when `form` is bound and valid, `run(form.cleaned_data)`
    calls the service. Its ValidationError goes onto the form (fields beside their
    fields) and None comes back, so the view shows the form again; on success the
    `success` message (a string, or a function of what `run` returned; default "saved")
    is flashed and `then(result)`, the redirect, returned.

    `current`: the object an edit form changes, when the form carries its `version`
    (core.history.ensure_unchanged). If the service answers that it changed since the
    form was opened, the form keeps what was typed and now carries the current version,
    so that saving again is a conscious choice to overwrite.

        done = form_action(request, form, lambda data: services.plan_create(...),
                           then=lambda plan: redirect("programs:plan_detail", pk=plan.pk))
        if done:
            return done
    """
    if not form.is_bound or not form.is_valid():
        return None
    result, error = _attempt(run, form.cleaned_data)
    if error is not None:
        if current is not None and is_stale(error):
            _carry_current_version(form, current)
        add_service_errors(form, error)
        return None
    _flash(request, success, result)
    return then(result)


def button_action(
    request, run: Callable, *, back, success, form: forms.Form | None = None, joined=False
):
    """A button's write: a POST from a page with no form to show again (submit, confirm,
    deactivate...). `run(data)` calls the service (`data`: `form`'s cleaned data, or {}
    without a form); its refusal, or `form`'s errors, are flashed as error messages (one
    each, or `joined` into one), else the `success` message (a string, or a function of
    what `run` returned). `back`, the response to the page, is returned either way.

        return button_action(request, lambda _: services.activity_submit(...),
                             success=_("Đã gửi."), back=redirect("activities:detail", pk=pk))
    """
    if form is not None and not form.is_valid():
        error = ValidationError([message for errors in form.errors.values() for message in errors])
    else:
        result, error = _attempt(run, form.cleaned_data if form is not None else {})
    if error is None:
        _flash(request, success, result)
    else:
        for message in [" ".join(error.messages)] if joined else error.messages:
            messages.error(request, message)
    return back
