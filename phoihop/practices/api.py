"""REST API for coordination models: the same rules as the pages.

The queryset starts from visible_to(); single records come through the scoped helper, so
outsiders get 404 and users without the right 403 before any input is read. Writes go
through the services.
"""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from phoihop.activities.models import Activity
from phoihop.core.api import VersionedUpdateMixin
from phoihop.core.api_params import query_int
from phoihop.localities.models import Locality
from phoihop.organizations.models import Organization
from phoihop.practices import selectors, services
from phoihop.practices.models import CoordinationModel, ModelStatus, Replication
from phoihop.practices.rules import can_propose_model
from phoihop.programs.models import ContentArea
from phoihop.programs.selectors import get_program_for_user


class ReplicationSerializer(serializers.ModelSerializer):
    locality_name = serializers.CharField(source="locality.full_name", read_only=True)

    class Meta:
        model = Replication
        fields = ["id", "locality", "locality_name", "started_on", "note"]
        # Any unit is accepted: the registry is public reference data.
        extra_kwargs = {"locality": {"queryset": Locality.objects.all()}}


class FigureTotalSerializer(serializers.Serializer):
    name = serializers.CharField()
    unit = serializers.CharField()
    total = serializers.DecimalField(max_digits=20, decimal_places=2)


class CoordinationModelSerializer(serializers.ModelSerializer):
    """Read shape; writes take the same field names (ids for relations)."""

    replications = ReplicationSerializer(many=True, read_only=True)
    evidence_figures = serializers.SerializerMethodField()
    version = serializers.IntegerField(write_only=True, required=False, min_value=0)

    class Meta:
        model = CoordinationModel
        fields = [
            "id",
            "program",
            "name",
            "content_area",
            "members",
            "localities",
            "started_on",
            "ended_on",
            "description",
            "evidence",
            "evidence_figures",
            "status",
            "decided_by",
            "decided_on",
            "decision_note",
            "replications",
            "version",
        ]
        read_only_fields = ["id", "program", "status", "decided_by", "decided_on", "decision_note"]
        # Membership and visibility are checked by the service, not by querysets here.
        extra_kwargs = {
            "name": {"required": False, "allow_blank": True},
            "description": {"required": False, "allow_blank": True},
            "content_area": {"queryset": ContentArea.objects.all()},
            "members": {"queryset": Organization.objects.all()},
            "localities": {"queryset": Locality.objects.all(), "required": False},
            "evidence": {"queryset": Activity.objects.all(), "required": False},
        }

    @extend_schema_field(FigureTotalSerializer(many=True))
    def get_evidence_figures(self, model):
        known = self.context.get("figures", {})
        figures = known[model.pk] if model.pk in known else selectors.evidence_figures(model)
        return FigureTotalSerializer(figures, many=True).data


class DecideSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=ModelStatus.choices)
    note = serializers.CharField(required=False, default="", allow_blank=True, max_length=300)


_M2M = ("members", "localities", "evidence")
_FIELDS = (
    "name",
    "content_area",
    "members",
    "localities",
    "started_on",
    "ended_on",
    "description",
    "evidence",
)


class CoordinationModelApi(
    VersionedUpdateMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Coordination models; filter with ?status=&content_area=<id>&member=<id>&program=<id>.
    Create with `program` in the body."""

    serializer_class = CoordinationModelSerializer

    def get_queryset(self):
        params = self.request.query_params
        filters = {
            name: value
            for name in ("content_area", "member", "program")
            if (value := query_int(params, name)) is not None
        }
        return selectors.models_for_list(
            self.request.user, status=params.get("status", ""), **filters
        ).prefetch_related("localities", "evidence", "replications__locality")

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.get_queryset())
        context = self.get_serializer_context() | {
            "figures": selectors.evidence_figures_for(page)
        }
        serializer = CoordinationModelSerializer(page, many=True, context=context)
        return self.get_paginated_response(serializer.data)

    def get_object(self):
        write = self.request.method not in ("GET", "HEAD", "OPTIONS")
        return selectors.get_coordination_model_for_user(
            self.request.user, self.kwargs["pk"], write=write
        )

    def create(self, request, *args, **kwargs):
        if not isinstance(request.data, dict):
            raise serializers.ValidationError(
                {"non_field_errors": [_("Dữ liệu gửi lên phải là một đối tượng (JSON object).")]}
            )
        program = get_program_for_user(request.user, request.data.get("program"))
        if not can_propose_model(request.user, program):
            raise PermissionDenied
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = {k: v for k, v in serializer.validated_data.items() if k in _FIELDS}
        model = services.coordination_model_create(actor=request.user, program=program, **data)
        return Response(self.get_serializer(model).data, status=status.HTTP_201_CREATED)

    def perform_update(self, serializer):
        model = serializer.instance
        current = {name: getattr(model, name) for name in _FIELDS if name not in _M2M}
        current |= {name: list(getattr(model, name).all()) for name in _M2M}
        data = {k: v for k, v in serializer.validated_data.items() if k in _FIELDS}
        serializer.instance = services.coordination_model_update(
            actor=self.request.user,
            model=model,
            version=serializer.validated_data.get("version"),
            **(current | data),
        )

    @extend_schema(request=DecideSerializer, responses=CoordinationModelSerializer)
    @action(detail=True, methods=["post"], serializer_class=DecideSerializer)
    def decide(self, request, pk=None):
        model = selectors.get_coordination_model_for_user(request.user, pk, decide=True)
        given = DecideSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        model = services.coordination_model_decide(
            actor=request.user, model=model, **given.validated_data
        )
        return Response(
            CoordinationModelSerializer(model, context=self.get_serializer_context()).data
        )

    @action(detail=True, methods=["post"], serializer_class=ReplicationSerializer)
    def replications(self, request, pk=None):
        model = selectors.get_coordination_model_for_user(request.user, pk, write=True)
        given = ReplicationSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        replication = services.replication_add(
            actor=request.user, model=model, **given.validated_data
        )
        return Response(ReplicationSerializer(replication).data, status=status.HTTP_201_CREATED)


def register(router) -> None:
    router.register("coordination-models", CoordinationModelApi, basename="coordination-model")
