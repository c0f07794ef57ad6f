"""The one check of an uploaded file, for every app that keeps one: evidence of an
activity, attachments of a case or report, a program's signed document.

`checked_upload(upload)` judges a Django UploadedFile by its size first (nothing larger
than PHOIHOP_MAX_UPLOAD_MB is read into memory), then by its extension and its own bytes
(phoihop.lib.uploads.check_upload), and answers the clean name to keep and the content
type to serve it with; else a ValidationError a user can read (code "bad_upload", under
`field` when one is named).
"""

from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError

from phoihop.lib.text import clean_name
from phoihop.lib.uploads import CONTENT_TYPES, check_upload


@dataclass(frozen=True)
class CheckedUpload:
    upload: object  # the Django UploadedFile, rewound
    name: str  # the original name, cleaned, at most 255 characters
    kind: str  # "PDF", "PNG", … (phoihop.lib.uploads)

    @property
    def content_type(self) -> str:
        return CONTENT_TYPES[self.kind]

    @property
    def suffix(self) -> str:
        return PurePath(self.name).suffix.lower()


def max_upload_bytes() -> int:
    return settings.PHOIHOP_MAX_UPLOAD_MB * 1024 * 1024


def checked_upload(upload, *, field: str | None = None, allowed: frozenset[str] | None = None) -> CheckedUpload:
    """`upload` judged by size, extension and bytes (only `allowed` kinds, default all)."""
    name = clean_name(PurePath(getattr(upload, "name", "") or "").name)[:255] or "tep"
    limit = max_upload_bytes()
    upload.seek(0)
    # Office files are read whole: their zip directory sits at the end.
    data = upload.read() if upload.size <= limit else b""
    upload.seek(0)
    try:
        kind = check_upload(name, data, upload.size, max_bytes=limit, allowed=allowed)
    except ValueError as error:
        message = ValidationError(str(error), code="bad_upload")
        raise (ValidationError({field: message}) if field else message) from None
    return CheckedUpload(upload, name, kind)
