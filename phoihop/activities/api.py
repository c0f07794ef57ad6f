"""REST API for activities, with the same rules as the pages.

Lists start from Activity.objects.visible_to() (through the selectors) and take the list
page's filters; single records come through get_activity_for_user, so outsiders get 404
and read-only users 403 on writes. Every write goes through the services.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from phoihop.activities import selectors, services
from phoihop.activities.forms import ActivityFilterForm
from phoihop.activities.models import Activity, Figure, ParticipantRole, Participation
from phoihop.core.access import get_scoped
from phoihop.core.api import VersionedUpdateMixin
from phoihop.core.api_params import id_field, id_list_field, text_field
from phoihop.lib.bounds import MAX_LIST, MAX_LOCALITIES
from phoihop.localities.models import Locality
from phoihop.programs.models import Indicator

# --- Reading ------------------------------------------------------------------------------


class ParticipationSerializer(serializers.ModelSerializer):
    organization_name = serializers.CharField(source="organization.name", read_only=True)

    class Meta:
        model = Participation
        fields = [
            "organization",
            "organization_name",
            "role",
            "status",
            "contribution",
            "responded_at",
        ]


class FigureSerializer(serializers.ModelSerializer):
    indicator_code = serializers.CharField(source="indicator.code", read_only=True)
    unit = serializers.CharField(source="indicator.unit", read_only=True)

    class Meta:
        model = Figure
        fields = ["indicator", "indicator_code", "unit", "value"]


class ActivitySerializer(serializers.ModelSerializer):
    participations = ParticipationSerializer(many=True, read_only=True)
    figures = FigureSerializer(many=True, read_only=True)
    is_joint = serializers.BooleanField(read_only=True)

    class Meta:
        model = Activity
        fields = [
            "id",
            "program",
            "task",
            "title",
            "start_date",
            "end_date",
            "content_area",
            "lead",
            "localities",
            "narrative",
            "status",
            "review_comment",
            "participant_count",
            "is_joint",
            "revision",
            "figures",
            "participations",
            "created_at",
            "submitted_at",
            "confirmed_at",
        ]
        read_only_fields = fields


# --- Writing ------------------------------------------------------------------------------


class FigureInputSerializer(serializers.Serializer):
    indicator = id_field()
    value = serializers.DecimalField(max_digits=18, decimal_places=2, min_value=0)


class ActivityWriteSerializer(serializers.Serializer):
    """What a client sends; plain ids, checked by the services against the program."""

    program = id_field(required=False)
    title = serializers.CharField(max_length=300)
    start_date = serializers.DateField()
    end_date = serializers.DateField()
    content_area = id_field()
    lead = id_field(
        required=False,
        help_text=gettext_lazy("Chỉ quản trị hệ thống chọn; mặc định là tổ chức của người dùng."),
    )
    partners = id_list_field()
    localities = id_list_field(max_length=MAX_LOCALITIES)
    task = id_field(required=False, allow_null=True)
    narrative = text_field(required=False, allow_blank=True, default="")
    figures = FigureInputSerializer(
        many=True,
        required=False,
        default=list,
        max_length=MAX_LIST,
        error_messages={"max_length": gettext_lazy("Danh sách dài quá: tối đa {max_length} mục.")},
    )
    version = serializers.IntegerField(
        min_value=1,
        required=False,
        write_only=True,
        help_text=gettext_lazy(
            "Phiên bản đã đọc (revision); bắt buộc khi sửa, trừ khi gửi tiêu đề If-Match."
        ),
    )
    submit = serializers.BooleanField(required=False, default=False, write_only=True)

    def validate_localities(self, ids):
        if Locality.objects.filter(pk__in=ids).count() != len(set(ids)):
            raise serializers.ValidationError(_("Có địa bàn không tồn tại."))
        return ids

    def validate_figures(self, rows):
        ids = [row["indicator"] for row in rows]
        if len(ids) != len(set(ids)):
            raise serializers.ValidationError(_("Mỗi chỉ tiêu chỉ nhập một lần."))
        if Indicator.objects.filter(pk__in=ids).count() != len(ids):
            raise serializers.ValidationError(_("Có chỉ tiêu không tồn tại."))
        return rows

    def activity_data(self, lead_id: int) -> services.ActivityData:
        data = self.validated_data
        return services.ActivityData(
            title=data["title"],
            start_date=data["start_date"],
            end_date=data["end_date"],
            content_area_id=data["content_area"],
            lead_id=lead_id,
            partner_ids=data["partners"],
            locality_ids=data["localities"],
            task_id=data.get("task"),
            narrative=data["narrative"],
            figures={row["indicator"]: row["value"] for row in data["figures"]},
        )


def _current_input(activity: Activity) -> dict:
    """The activity as write input, so a PATCH only changes what it names."""
    return {
        "title": activity.title,
        "start_date": activity.start_date,
        "end_date": activity.end_date,
        "content_area": activity.content_area_id,
        "partners": [
            p.organization_id
            for p in activity.participations.all()
            if p.role == ParticipantRole.PARTNER
        ],
        "localities": list(activity.localities.values_list("pk", flat=True)),
        "task": activity.task_id,
        "narrative": activity.narrative,
        "figures": [
            {"indicator": f.indicator_id, "value": f.value} for f in activity.figures.all()
        ],
    }


class ReturnInputSerializer(serializers.Serializer):
    comment = text_field(
        error_messages={"required": gettext_lazy("Hãy ghi rõ lý do trả lại để đơn vị bổ sung.")}
    )


class RespondInputSerializer(serializers.Serializer):
    accept = serializers.BooleanField()
    contribution = text_field(required=False, allow_blank=True, default="")


# --- The viewset --------------------------------------------------------------------------


@extend_schema(responses=ActivitySerializer)
class ActivityApi(
    VersionedUpdateMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Activities: list (filters: q, program, status, content_area, organization, lead,
    locality, date_from, date_to), retrieve, create, update; actions submit, confirm,
    return and respond."""

    serializer_class = ActivitySerializer

    def get_serializer_class(self):
        if self.action in ("create", "update", "partial_update"):
            return ActivityWriteSerializer
        return ActivitySerializer

    def get_queryset(self):
        form = ActivityFilterForm(self.request.query_params or None, user=self.request.user)
        if form.is_bound and not form.is_valid():
            raise serializers.ValidationError(form.errors)
        return selectors.activities_for_user(self.request.user, form.filters()).prefetch_related(
            Prefetch("figures", queryset=Figure.objects.select_related("indicator")),
            "localities",
        )

    def get_object(self):
        write = self.action in ("update", "partial_update", "submit")
        return selectors.get_activity_for_user(self.request.user, self.kwargs["pk"], write=write)

    def _respond_with(self, activity, code=status.HTTP_200_OK) -> Response:
        fresh = selectors.get_activity_for_user(self.request.user, activity.pk)
        return Response(ActivitySerializer(fresh).data, status=code)

    def create(self, request, *args, **kwargs):
        serializer = ActivityWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        if "program" not in serializer.validated_data:
            raise serializers.ValidationError({"program": [_("Hãy chọn chương trình.")]})
        program = get_scoped(
            selectors.programs_for_reporting(request.user), serializer.validated_data["program"]
        )
        lead_id = self._lead_id(serializer)
        activity = services.activity_create(
            actor=request.user,
            program=program,
            data=serializer.activity_data(lead_id),
            submit=serializer.validated_data["submit"],
        )
        return self._respond_with(activity, status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        activity = self.get_object()
        data = self.update_data(request.data)
        if kwargs.get("partial"):
            data = {**_current_input(activity), **data}
        serializer = ActivityWriteSerializer(data=data)
        serializer.is_valid(raise_exception=True)
        lead = serializer.validated_data.get("lead", activity.lead_id)
        if lead != activity.lead_id:
            raise serializers.ValidationError({"lead": [_("Không đổi cơ quan chủ trì qua API.")]})
        activity = services.activity_update(
            actor=request.user,
            activity=activity,
            data=serializer.activity_data(activity.lead_id),
            version=serializer.validated_data.get("version"),
        )
        return self._respond_with(activity)

    def _lead_id(self, serializer) -> int | None:
        """The lead named (the service refuses other organizations' with 403), else the
        user's own organization."""
        return serializer.validated_data.get("lead") or self.request.user.organization_id

    def _run(self, service, **kwargs) -> Response:
        activity = service(actor=self.request.user, **kwargs)
        return self._respond_with(activity)

    @extend_schema(request=None, responses=ActivitySerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        return self._run(services.activity_submit, activity=self.get_object())

    @extend_schema(request=None, responses=ActivitySerializer)
    @action(detail=True, methods=["post"])
    def confirm(self, request, pk=None):
        return self._run(services.activity_confirm, activity=self.get_object())

    @extend_schema(request=ReturnInputSerializer, responses=ActivitySerializer)
    @action(detail=True, methods=["post"], url_path="return")
    def send_back(self, request, pk=None):
        activity = self.get_object()
        serializer = ReturnInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return self._run(
            services.activity_return,
            activity=activity,
            comment=serializer.validated_data["comment"],
        )

    @extend_schema(request=RespondInputSerializer, responses=ActivitySerializer)
    @action(detail=True, methods=["post"])
    def respond(self, request, pk=None):
        """A partner confirms (with its part) or declines its participation."""
        activity = self.get_object()
        serializer = RespondInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        participation = activity.participations.filter(
            organization_id=request.user.organization_id, role=ParticipantRole.PARTNER
        ).first()
        if participation is None:
            raise PermissionDenied
        services.participation_respond(
            actor=request.user,
            participation=participation,
            accept=serializer.validated_data["accept"],
            contribution=serializer.validated_data["contribution"],
        )
        return self._respond_with(activity)


def register(router) -> None:
    """Register this app's API viewsets on the project router."""
    router.register("activities", ActivityApi, basename="activity")
