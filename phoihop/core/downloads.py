"""What every download shares: no cache keeps a copy, and a bad filter exports nothing.

- `@private_download` on every view that sends an export or a stored file: the answer
  carries `Cache-Control: private, no-store`, so neither a shared proxy nor the browser's
  disk cache keeps a copy of a list of cases or a signed document.
- `filter_refused(request, form, back)`: an export whose filters do not validate is not
  widened to "everything"; the user gets a 400 page naming each bad filter, in
  Vietnamese, with a link back to the list.
"""

from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.views.decorators.cache import cache_control

NO_STORE = {"private": True, "no_store": True}
private_download = cache_control(**NO_STORE)


def filter_refused(request, form, list_url: str):
    """The 400 answer to an export with invalid filters; `list_url` is the list page,
    reopened with the same filters so their errors show beside the fields."""
    back = f"{list_url}?{request.GET.urlencode()}" if request.GET else list_url
    response = render(request, "core/filter_refused.html", {"form": form, "back": back}, status=400)
    patch_cache_control(response, **NO_STORE)
    return response
