"""REST API for programs, annual plans, tasks (with computed progress) and indicators.

Querysets start from visible_to(); single records come through the scoped helpers, so
outsiders get 404 and read-only users 403 on writes. Writes go through the services.
"""

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.response import Response

from phoihop.core.api import VERSION_HELP, VersionedUpdateMixin
from phoihop.core.api_params import query_int
from phoihop.localities.models import Locality
from phoihop.organizations.models import Organization
from phoihop.programs import selectors, services
from phoihop.programs.models import (
    AnnualPlan,
    ContentArea,
    Indicator,
    Program,
    ProgramMember,
    Task,
)

WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


def _download_url(url_name: str, obj, document) -> str | None:
    """Where an attached document is downloaded: its record's view, which checks access."""
    return reverse(url_name, args=[obj.pk]) if document else None


def _param(name: str, description: str) -> OpenApiParameter:
    return OpenApiParameter(name, OpenApiTypes.INT, description=description)


# --- programs ----------------------------------------------------------------------------


class ProgramMemberSerializer(serializers.ModelSerializer):
    organization_name = serializers.CharField(source="organization.name", read_only=True)

    class Meta:
        model = ProgramMember
        fields = ["id", "organization", "organization_name", "joined_on", "left_on", "is_signatory", "signatory"]
        read_only_fields = fields


class ContentAreaSerializer(serializers.ModelSerializer):
    class Meta:
        model = ContentArea
        fields = ["id", "number", "name", "description"]
        read_only_fields = fields


class ProgramSerializer(serializers.ModelSerializer):
    members = ProgramMemberSerializer(many=True, read_only=True)
    content_areas = ContentAreaSerializer(many=True, read_only=True)
    version = serializers.IntegerField(
        write_only=True,
        required=False,
        min_value=0,
        help_text=VERSION_HELP,
    )
    # The address of the permission-checked download, never the file's /media/ path.
    signed_document = serializers.SerializerMethodField()

    class Meta:
        model = Program
        fields = [
            "id",
            "name",
            "committee",
            "level",
            "period_start",
            "period_end",
            "description",
            "report_frequency",
            "report_due_days",
            "signed_on",
            "signed_place",
            "signed_document",
            "members",
            "content_areas",
            "version",
        ]
        read_only_fields = ["id", "committee", "signed_on", "signed_place", "signed_document"]

    def get_signed_document(self, program) -> str | None:
        return _download_url("programs:document", program, program.signed_document)


@extend_schema_view(
    list=extend_schema(parameters=[_param("committee", "Chỉ chương trình của Ban Chỉ đạo này.")])
)
class ProgramApi(
    VersionedUpdateMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Coordination programs of the user's committees. Only the committee's secretariat
    (or an administrator) changes them."""

    serializer_class = ProgramSerializer
    queryset = Program.objects.none()  # for the schema; requests use get_queryset()

    def get_queryset(self):
        programs = selectors.programs_for_user(self.request.user).prefetch_related(
            "members__organization", "content_areas"
        )
        committee = query_int(self.request.query_params, "committee")
        if committee is not None:
            programs = programs.filter(committee_id=committee)
        return programs.order_by("-period_start", "name")

    def get_object(self):
        write = self.request.method in WRITE_METHODS
        return selectors.get_program_for_user(self.request.user, self.kwargs["pk"], write=write)

    def perform_update(self, serializer):
        serializer.instance = services.program_update(
            actor=self.request.user, program=serializer.instance, **serializer.validated_data
        )


# --- plans -------------------------------------------------------------------------------


class AnnualPlanSerializer(serializers.ModelSerializer):
    title = serializers.CharField(max_length=250, required=False, allow_blank=True)
    document = serializers.SerializerMethodField()

    class Meta:
        model = AnnualPlan
        fields = ["id", "program", "year", "title", "status", "signed_on", "signed_place", "document"]
        read_only_fields = ["id", "status", "signed_on", "signed_place", "document"]
        # The program is checked by the scoped helper, and uniqueness by the service.
        extra_kwargs = {"program": {"queryset": Program.objects.all()}}
        validators = []

    def get_document(self, plan) -> str | None:
        return _download_url("programs:plan_document", plan, plan.document)


@extend_schema_view(
    list=extend_schema(
        parameters=[_param("program", "Chỉ kế hoạch của chương trình này."), _param("year", "Năm.")]
    )
)
class AnnualPlanApi(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Annual coordination plans. The secretariat creates them within the program period."""

    serializer_class = AnnualPlanSerializer
    queryset = AnnualPlan.objects.none()

    def get_queryset(self):
        plans = selectors.plans_for_user(self.request.user)
        params = self.request.query_params
        program, year = query_int(params, "program"), query_int(params, "year")
        if program is not None:
            plans = plans.filter(program_id=program)
        if year is not None:
            plans = plans.filter(year=year)
        return plans.order_by("program_id", "-year")

    def get_object(self):
        return selectors.get_plan_for_user(self.request.user, self.kwargs["pk"])

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        program = selectors.get_program_for_user(request.user, data["program"].pk, write=True)
        plan = services.plan_create(
            actor=request.user, program=program, year=data["year"], title=data.get("title", "")
        )
        return Response(self.get_serializer(plan).data, status=status.HTTP_201_CREATED)


# --- tasks -------------------------------------------------------------------------------


class TargetProgressSerializer(serializers.Serializer):
    indicator = serializers.IntegerField(source="indicator.pk")
    indicator_code = serializers.CharField(source="indicator.code")
    target = serializers.DecimalField(max_digits=18, decimal_places=2)
    achieved = serializers.DecimalField(max_digits=18, decimal_places=2)
    ratio = serializers.DecimalField(max_digits=12, decimal_places=4, allow_null=True)
    reached = serializers.BooleanField()


class TaskProgressSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=selectors.TaskStatus.CHOICES)
    status_label = serializers.CharField()
    confirmed_count = serializers.IntegerField(help_text="Số hoạt động đã xác nhận.")
    targets = TargetProgressSerializer(many=True)


class TargetInputSerializer(serializers.Serializer):
    indicator = serializers.PrimaryKeyRelatedField(queryset=Indicator.objects.all())
    value = serializers.DecimalField(max_digits=18, decimal_places=2)


class TaskSerializer(serializers.ModelSerializer):
    number = serializers.IntegerField(min_value=1, max_value=32767, required=False)
    targets = TargetInputSerializer(
        many=True,
        write_only=True,
        required=False,
        help_text="Thay toàn bộ chỉ tiêu của nhiệm vụ: [{indicator, value}].",
    )
    progress = serializers.SerializerMethodField()
    version = serializers.IntegerField(write_only=True, required=False, min_value=0)

    class Meta:
        model = Task
        fields = [
            "id",
            "plan",
            "number",
            "title",
            "description",
            "content_area",
            "lead",
            "partners",
            "localities",
            "due_date",
            "targets",
            "progress",
            "version",
        ]
        read_only_fields = ["id"]
        # Relations are checked by the services (program, members, scope), not here.
        extra_kwargs = {
            "plan": {"queryset": AnnualPlan.objects.all()},
            "content_area": {"queryset": ContentArea.objects.all()},
            "lead": {"queryset": Organization.objects.all()},
            "partners": {"queryset": Organization.objects.all(), "required": False},
            "localities": {"queryset": Locality.objects.all(), "required": False},
        }

    @extend_schema_field(TaskProgressSerializer)
    def get_progress(self, task):
        progress = self.context.get("progress", {}).get(task.pk) or selectors.task_progress(
            task, as_of=timezone.localdate()
        )
        return TaskProgressSerializer(progress).data


TASK_FILTERS = [
    _param("plan", "Chỉ nhiệm vụ của kế hoạch này."),
    _param("program", "Chỉ nhiệm vụ của chương trình này."),
    _param("year", "Năm kế hoạch."),
    _param("content_area", "Nội dung phối hợp."),
    _param("lead", "Cơ quan chủ trì."),
]


@extend_schema_view(list=extend_schema(parameters=TASK_FILTERS))
class TaskApi(
    VersionedUpdateMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Tasks of annual plans; `progress` is computed from confirmed activities."""

    serializer_class = TaskSerializer
    queryset = Task.objects.none()

    def get_queryset(self):
        tasks = selectors.tasks_for_user(self.request.user).prefetch_related("partners", "localities")
        params = self.request.query_params
        for name, lookup in (
            ("plan", "plan_id"),
            ("program", "plan__program_id"),
            ("year", "plan__year"),
            ("content_area", "content_area_id"),
            ("lead", "lead_id"),
        ):
            value = query_int(params, name)
            if value is not None:
                tasks = tasks.filter(**{lookup: value})
        return tasks.order_by("plan_id", "content_area__number", "number", "pk")

    def get_object(self):
        write = self.request.method in WRITE_METHODS
        return selectors.get_task_for_user(self.request.user, self.kwargs["pk"], write=write)

    def list(self, request, *args, **kwargs):
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset)
        tasks = list(queryset if page is None else page)
        self._progress = selectors.tasks_progress(tasks, as_of=timezone.localdate())  # one batch for the page
        data = self.get_serializer(tasks, many=True).data
        return Response(data) if page is None else self.get_paginated_response(data)

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "progress": getattr(self, "_progress", {})}

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        plan = selectors.get_plan_for_user(request.user, data.pop("plan").pk, write=True)
        targets = data.pop("targets", None)
        data.pop("version", None)
        with transaction.atomic():
            task = services.task_create(actor=request.user, plan=plan, **data)
            if targets is not None:
                _replace_targets(request.user, task, targets)
        return Response(self.get_serializer(task).data, status=status.HTTP_201_CREATED)

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        task = serializer.instance
        if data.pop("plan", task.plan) != task.plan:
            raise serializers.ValidationError(
                {"plan": [_("Không chuyển nhiệm vụ sang kế hoạch khác qua API này.")]}
            )
        targets = data.pop("targets", None)
        with transaction.atomic():
            task = services.task_update(actor=self.request.user, task=task, **data)
            if targets is not None:
                _replace_targets(self.request.user, task, targets)
        serializer.instance = task


def _replace_targets(actor, task: Task, rows: list[dict]) -> None:
    indicators = [row["indicator"].pk for row in rows]
    if len(indicators) != len(set(indicators)):
        raise DjangoValidationError({"targets": _("Mỗi chỉ tiêu chỉ nhập một lần.")})
    targets = {row["indicator"]: row["value"] for row in rows}
    services.task_targets_replace(actor=actor, task=task, targets=targets)


# --- indicators --------------------------------------------------------------------------


class IndicatorSerializer(serializers.ModelSerializer):
    version = serializers.IntegerField(write_only=True, required=False, min_value=0)

    class Meta:
        model = Indicator
        fields = [
            "id",
            "code",
            "name",
            "unit",
            "aggregation",
            "summable_across_members",
            "summable_across_levels",
            "decimals",
            "description",
            "is_active",
            "order",
            "review_phrase",
            "version",
        ]
        read_only_fields = ["id"]
        extra_kwargs = {"code": {"validators": []}}  # uniqueness: the service, in Vietnamese


class IndicatorApi(
    VersionedUpdateMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """The indicator catalogue: every signed-in user reads it, administrators change it."""

    serializer_class = IndicatorSerializer
    queryset = Indicator.objects.none()

    def get_queryset(self):
        return selectors.indicators_for_user(self.request.user).order_by("order", "name")

    def get_object(self):
        write = self.request.method in WRITE_METHODS
        return selectors.get_indicator_for_user(self.request.user, self.kwargs["pk"], write=write)

    def create(self, request, *args, **kwargs):
        if not selectors.can_edit_indicators(request.user):
            raise PermissionDenied  # before validation: a viewer learns nothing from errors
        return super().create(request, *args, **kwargs)

    def perform_create(self, serializer):
        data = {k: v for k, v in serializer.validated_data.items() if k != "version"}
        serializer.instance = services.indicator_create(actor=self.request.user, **data)

    def perform_update(self, serializer):
        serializer.instance = services.indicator_update(
            actor=self.request.user, indicator=serializer.instance, **serializer.validated_data
        )


def register(router) -> None:
    """Register this app's API viewsets on the project router."""
    router.register("programs", ProgramApi, basename="program")
    router.register("plans", AnnualPlanApi, basename="plan")
    router.register("tasks", TaskApi, basename="task")
    router.register("indicators", IndicatorApi, basename="indicator")
