"""Search-as-you-type choice of places, as progressive enhancement.

Without JavaScript the widget is a plain <select multiple> of the queryset it is given
(say, a province's units) plus whatever is already chosen. With
phoihop/autocomplete.js it shows the chosen units and a search box that queries
/dia-ban/goi-y/ (restricted to the units in force on a date and under a parent) and adds
the units picked; the <select> stays the value the form posts.

The form field's own queryset decides what is *accepted* (any unit, for instance); the
widget's queryset only decides what is *listed* without JavaScript.
"""

import datetime as dt

from django import forms
from django.urls import reverse
from django.utils.translation import gettext as _

from phoihop.localities.models import Locality


class LocalityAutocompleteWidget(forms.SelectMultiple):
    template_name = "localities/widgets/locality_autocomplete.html"

    class Media:
        js = ["phoihop/autocomplete.js"]

    def __init__(
        self,
        attrs=None,
        *,
        queryset=None,
        on: dt.date | None = None,
        on_input: str = "",
        parent: Locality | None = None,
    ):
        super().__init__(attrs)
        self.queryset = queryset
        self.on = on
        self.on_input = on_input  # id of a date input whose value replaces `on` live
        self.parent = parent

    def __deepcopy__(self, memo):
        copy = super().__deepcopy__(memo)
        copy.queryset = self.queryset
        return copy

    def get_context(self, name, value, attrs):
        if self.queryset is not None:
            self.choices = self._listed(value)
        context = super().get_context(name, value, attrs)
        context["widget"]["autocomplete"] = {
            "url": reverse("localities:autocomplete"),
            "on": self.on.isoformat() if self.on else "",
            "on_input": self.on_input,
            "parent": self.parent.pk if self.parent else "",
        }
        return context

    def _listed(self, value) -> list[tuple[int, str]]:
        """The queryset's units, then chosen units outside it, labelled with their parents."""
        chosen = {int(v) for v in (value or []) if str(v).isdigit()}
        units = list(self.queryset.select_related("parent__parent"))
        listed = {unit.pk for unit in units}
        extra = Locality.objects.filter(pk__in=chosen - listed).select_related("parent__parent")
        return [(unit.pk, label(unit)) for unit in [*extra, *units]]


def label(unit: Locality) -> str:
    """ "Phường Lam Hạ, Thành phố Phủ Lý, Tỉnh Hà Nam (đến 30/06/2025)"."""
    if not unit.valid_to:
        return unit.full_name
    last_day = unit.valid_to - dt.timedelta(days=1)
    return _("%(name)s (đến %(date)s)") % {"name": unit.full_name, "date": f"{last_day:%d/%m/%Y}"}
