"""What every download shares: no cache keeps a copy, and a bad filter exports nothing.

- `@private_download` on every view that sends an export or a stored file: the answer
  carries `Cache-Control: private, no-store`, so neither a shared proxy nor the browser's
  disk cache keeps a copy of a list of cases or a signed document.
- `private_file_view(lookup)`: the one view that sends a stored file (an activity's or a
  case's attachment, a program's signed document). `lookup(user, pk)` is the owning
  app's scoped lookup (outsiders 404, as on the record's page) and answers the record;
  `file_of(record)` its (file, name, content type). Images and PDF open in the browser,
  anything else (and a file of unknown type) is downloaded; a missing file is 404.
- `filter_refused(request, form, back)`: an export whose filters do not validate is not
  widened to "everything"; the user gets a 400 page naming each bad filter, in
  Vietnamese, with a link back to the list.
"""

from collections.abc import Callable

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.views.decorators.cache import cache_control

from phoihop.lib.uploads import CONTENT_TYPES, INLINE_KINDS

NO_STORE = {"private": True, "no_store": True}
private_download = cache_control(**NO_STORE)
INLINE_TYPES = frozenset(CONTENT_TYPES[kind] for kind in INLINE_KINDS)


def _attachment_file(record):
    return record.file, record.original_name, record.content_type


def private_file_view(lookup: Callable, file_of: Callable = _attachment_file):
    """A view `(request, pk)` sending the file of `lookup(request.user, pk)`; `file_of`
    answers (FieldFile, name, content type or None); the default reads an attachment's
    `file`, `original_name` and `content_type`."""

    @login_required
    @private_download
    def view(request, pk: int):
        return stored_file_response(*file_of(lookup(request.user, pk)))

    return view


def stored_file_response(stored, name: str, content_type: str | None, *, inline: bool | None = None):
    """The answer carrying one stored file (FieldFile): images and PDF inline unless
    `inline` says otherwise, a missing file 404. The caller has checked who asks."""
    if not stored:
        raise Http404
    try:
        handle = stored.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    inline = content_type in INLINE_TYPES if inline is None else inline
    return FileResponse(handle, as_attachment=not inline, filename=name, content_type=content_type)


def filter_refused(request, form, list_url: str):
    """The 400 answer to an export with invalid filters; `list_url` is the list page,
    reopened with the same filters so their errors show beside the fields."""
    back = f"{list_url}?{request.GET.urlencode()}" if request.GET else list_url
    response = render(request, "core/filter_refused.html", {"form": form, "back": back}, status=400)
    patch_cache_control(response, **NO_STORE)
    return response
