"""Form helpers shared by every app's pages."""

from django import forms
from django.core.exceptions import ValidationError

from phoihop.core.history import record_version


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


def rebind_with_current_version(form_class, data, obj, **kwargs) -> forms.Form:
    """The submitted form again, carrying `obj`'s current version: after the stale-record
    message, saving once more is a conscious choice to overwrite."""
    data = data.copy()
    data["version"] = record_version(obj)
    form = form_class(data, **kwargs)
    form.is_valid()
    return form
