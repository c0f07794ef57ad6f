from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from phoihop.search.forms import SearchForm
from phoihop.search.selectors import search_for_user


@login_required
def search_results(request):
    """Tìm kiếm: the header box's results, grouped by kind, each scoped to the user.

    The box is in the page header (base.html); `search_q` fills it back in."""
    form = SearchForm(request.GET)
    if not form.is_valid():
        context = {"error": form.first_error(), "search_q": ""}
        return render(request, "search/results.html", context, status=400)
    q = form.cleaned_data["q"]
    groups = search_for_user(request.user, q)
    found = sum(group.total for group in groups)
    context = {"q": q, "search_q": q, "groups": groups, "found": found}
    return render(request, "search/results.html", context)
