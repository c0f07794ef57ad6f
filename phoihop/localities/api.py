"""Read-only REST API of the place registry: /api/localities/ with filters q, level, on, parent."""

from django.db.models import Q
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers, viewsets
from rest_framework.exceptions import ValidationError

from phoihop.localities.forms import LocalityQueryForm
from phoihop.localities.models import Locality
from phoihop.localities.selectors import localities_visible_to

FILTERS = [
    OpenApiParameter("q", OpenApiTypes.STR, description="Tên (không cần dấu), kể cả tên cũ."),
    OpenApiParameter("level", OpenApiTypes.INT, enum=[1, 2, 3], description="Cấp: 1 tỉnh, 2 huyện, 3 xã."),
    OpenApiParameter("on", OpenApiTypes.DATE, description="Chỉ đơn vị có hiệu lực vào ngày này."),
    OpenApiParameter("parent", OpenApiTypes.INT, description="Chỉ đơn vị trực thuộc (trực tiếp hoặc gián tiếp)."),
]


class LocalitySerializer(serializers.ModelSerializer):
    full_name = serializers.CharField(read_only=True)
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)

    class Meta:
        model = Locality
        fields = [
            "id", "ref", "code", "name", "short_name", "kind", "kind_display", "level", "parent",
            "full_name", "valid_from", "valid_to", "latitude", "longitude", "former_names",
        ]
        read_only_fields = fields


@extend_schema_view(list=extend_schema(parameters=FILTERS))
class LocalityViewSet(viewsets.ReadOnlyModelViewSet):
    """Administrative units of both generations (before and from 1 July 2025)."""

    serializer_class = LocalitySerializer
    queryset = Locality.objects.none()  # for the schema; requests use get_queryset()

    def get_queryset(self):
        units = localities_visible_to(self.request.user).order_by("level", "name", "pk")
        if self.action != "list":
            return units
        return _filtered(units, self.request.query_params)


def _filtered(units, params):
    form = LocalityQueryForm({k: params.get(k) for k in ("q", "parent", "on", "level")})
    if not form.is_valid():
        raise ValidationError({"detail": form.first_error()})
    data = form.cleaned_data
    if data["q"]:
        units = units.search(data["q"])
    if data["level"]:
        units = units.filter(level=data["level"])
    if data["on"]:
        units = units.valid_on(data["on"])
    if data["parent"]:
        units = units.filter(Q(parent_id=data["parent"]) | Q(parent__parent_id=data["parent"]))
    return units


def register(router) -> None:
    """Register this app's API viewsets on the project router."""
    router.register("localities", LocalityViewSet, basename="locality")
