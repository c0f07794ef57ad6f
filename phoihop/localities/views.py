"""Pages of the place registry: browse and search, one unit's facts and lineage, and the
JSON suggestions behind search-as-you-type fields."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from phoihop.localities import selectors
from phoihop.localities.forms import AutocompleteForm, LocalityFilterForm

PAGE_SIZE = 50


@login_required
def locality_list(request):
    form = LocalityFilterForm(request.GET or None, provinces=selectors.provinces_for_filter(request.user))
    units = selectors.localities_for_browse(request.user, **form.filters())
    page = Paginator(units, PAGE_SIZE).get_page(request.GET.get("trang"))
    query = request.GET.copy()
    query.pop("trang", None)
    return render(request, "localities/list.html", {"form": form, "page": page, "query": query.urlencode()})


@login_required
def locality_detail(request, pk: int):
    unit = selectors.get_locality_for_user(request.user, pk)
    children, children_count = selectors.locality_children(unit)
    return render(request, "localities/detail.html", {
        "unit": unit,
        "children": children,
        "children_count": children_count,
        "predecessor_links": selectors.locality_predecessor_links(unit),
        "successor_links": selectors.locality_successor_links(unit),
        "timeline": selectors.locality_timeline(unit),
    })


@login_required
def locality_autocomplete(request):
    form = AutocompleteForm(request.GET)
    if not form.is_valid():
        return JsonResponse({"error": form.first_error()}, status=400)
    data = form.cleaned_data
    parent = None
    if data["parent"]:
        try:
            parent = selectors.get_locality_for_user(request.user, data["parent"])
        except Http404:
            return JsonResponse({"error": _("Không tìm thấy đơn vị cấp trên.")}, status=400)
    units = selectors.localities_for_autocomplete(
        request.user, q=data["q"], parent=parent, on=data["on"], level=data["level"]
    )
    return JsonResponse([_suggestion(unit) for unit in units], safe=False)


def _suggestion(unit) -> dict:
    return {
        "id": unit.pk,
        "name": unit.name,
        "full_name": unit.full_name,
        "valid_from": unit.valid_from.isoformat() if unit.valid_from else None,
        "valid_to": unit.valid_to.isoformat() if unit.valid_to else None,
    }
