"""What every app's REST API shares: the version an update must carry. (A service's
errors become API errors in one place, the exception handler in core.api_errors.)

Updates (PUT, PATCH) say which version of the record they change, as the edit pages do
with their hidden field: a ``version`` in the body, or an ``If-Match`` header holding
the ETag the record's GET returned. Without one the API answers 428 Precondition
Required; a stale one is refused with 409 Conflict (412 Precondition Failed when it came
in If-Match). The comparison itself stays where the pages have it, in the services
(``ensure_unchanged`` inside the writing transaction): the mixin only makes the version
required and hands it to them. The version is ``record_version(record)``, the same the
edit pages carry.
"""

from collections.abc import Mapping

from django.http import QueryDict
from django.utils.translation import gettext_lazy
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework import serializers, status
from rest_framework.exceptions import APIException
from rest_framework.response import Response

from phoihop.core.history import record_version

UPDATE_ACTIONS = ("update", "partial_update")
VERSION_HELP = gettext_lazy(
    "Phiên bản đã đọc (id lịch sử mới nhất, cũng là ETag); bắt buộc khi sửa, trừ khi gửi "
    "tiêu đề If-Match."
)


class VersionRequired(APIException):
    status_code = status.HTTP_428_PRECONDITION_REQUIRED
    default_detail = gettext_lazy(
        "Hãy gửi phiên bản bản ghi đã đọc khi sửa: trường “version”, hoặc tiêu đề If-Match "
        "với ETag nhận được khi đọc bản ghi."
    )
    default_code = "version_required"


def etag(version: int) -> str:
    return f'"{version}"'


def _if_match(request) -> int | None:
    """The version in an If-Match header ("12", W/"12" or 12); None when absent or "*"."""
    raw = request.headers.get("If-Match", "").strip().removeprefix("W/").strip('"')
    if not raw or raw == "*":
        return None
    if not raw.isdigit() or len(raw) > 18:
        raise serializers.ValidationError({"If-Match": [gettext_lazy("ETag không hợp lệ.")]})
    return int(raw)


def _with_version(data, version: int):
    if isinstance(data, QueryDict):
        data = data.copy()
        data["version"] = str(version)
        return data
    return {**data, "version": version}


class VersionedUpdateMixin:
    """For viewsets with UpdateModelMixin: GET of one record sends its ETag, PUT and PATCH
    need the version read. `version_from_header` tells the exception handler to answer a
    stale version with 412 rather than 409."""

    version_from_header = False

    def retrieve(self, request, *args, **kwargs):
        instance = self.get_object()
        response = Response(self.get_serializer(instance).data)
        response["ETag"] = etag(record_version(instance))
        return response

    def update_data(self, data):
        """`data` of an update, with the version read (from If-Match when the body has
        none); 428 when there is none. Call it after the scoped lookup, so outsiders
        still get 404 first."""
        if not isinstance(data, Mapping):
            return data  # not an object: the serializer refuses it with 400
        if data.get("version") not in (None, ""):
            return data
        version = _if_match(self.request)
        if version is None:
            raise VersionRequired
        self.version_from_header = True
        return _with_version(data, version)

    def get_serializer(self, *args, **kwargs):
        if self.action in UPDATE_ACTIONS and "data" in kwargs:
            kwargs["data"] = self.update_data(kwargs["data"])
        return super().get_serializer(*args, **kwargs)


class VersionedAutoSchema(AutoSchema):
    """The OpenAPI schema, with what VersionedUpdateMixin adds to updates: the If-Match
    header and the 428, 409 and 412 answers."""

    def _versioned_update(self) -> bool:
        return self.method in ("PUT", "PATCH") and isinstance(self.view, VersionedUpdateMixin)

    def get_override_parameters(self):
        parameters = super().get_override_parameters()
        if not self._versioned_update():
            return parameters
        if_match = OpenApiParameter(
            "If-Match",
            OpenApiTypes.STR,
            OpenApiParameter.HEADER,
            description=gettext_lazy("ETag của bản ghi khi đọc; thay cho trường “version”."),
        )
        return [*parameters, if_match]

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if self._versioned_update() and direction == "response":
            detail = {"type": "object", "properties": {"detail": {"type": "string"}}}
            for code in ("409", "412", "428"):
                responses.setdefault(code, self._get_response_for_code(detail, code))
        return responses
