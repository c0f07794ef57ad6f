"""REST API for period reports: read, submit, accept, return.

The queryset starts from visible_to(); single records come through the scoped helper, so
outsiders get 404 and users without the right 403. Writes go through the services.
"""

from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from phoihop.core.api_params import query_int
from phoihop.reporting import selectors, services
from phoihop.reporting.models import PeriodReport


class PeriodReportSerializer(serializers.ModelSerializer):
    organization_name = serializers.CharField(source="organization.name", read_only=True)
    state = serializers.SerializerMethodField()

    class Meta:
        model = PeriodReport
        fields = [
            "id",
            "program",
            "organization",
            "organization_name",
            "period_start",
            "period_end",
            "due_date",
            "status",
            "state",
            "narrative",
            "submitted_at",
            "review_comment",
        ]
        read_only_fields = fields

    def get_state(self, report) -> str:
        return selectors.report_state(report, self.context["today"])


class SubmitSerializer(serializers.Serializer):
    narrative = serializers.CharField(required=False, default="", allow_blank=True)


class ReturnSerializer(serializers.Serializer):
    comment = serializers.CharField(required=False, default="", allow_blank=True)


class PeriodReportApi(viewsets.ReadOnlyModelViewSet):
    """Expected reports; filter with ?program=<id>&organization=<id>&status=<status>."""

    serializer_class = PeriodReportSerializer

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "today": timezone.localdate()}

    def get_queryset(self):
        reports = selectors.reports_for_user(self.request.user).order_by("-period_end", "pk")
        params = self.request.query_params
        for name in ("program", "organization"):
            if (value := query_int(params, name)) is not None:
                reports = reports.filter(**{f"{name}_id": value})
        if params.get("status"):
            reports = reports.filter(status=params["status"])
        return reports

    def get_object(self):
        return selectors.get_period_report_for_user(self.request.user, self.kwargs["pk"])

    def _run(self, request, pk, *, review: bool, input_class=None, call):
        """Scoped lookup first (404 / 403), then the input, then the service."""
        report = selectors.get_period_report_for_user(
            request.user, pk, write=not review, review=review
        )
        data = {}
        if input_class is not None:
            given = input_class(data=request.data)
            given.is_valid(raise_exception=True)
            data = given.validated_data
        report = call(report, **data)
        return Response(PeriodReportSerializer(report, context=self.get_serializer_context()).data)

    @extend_schema(request=SubmitSerializer, responses=PeriodReportSerializer)
    @action(detail=True, methods=["post"], serializer_class=SubmitSerializer)
    def submit(self, request, pk=None):
        return self._run(
            request,
            pk,
            review=False,
            input_class=SubmitSerializer,
            call=lambda report, narrative: services.period_report_submit(
                actor=request.user, report=report, narrative=narrative
            ),
        )

    @extend_schema(request=None, responses=PeriodReportSerializer)
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        return self._run(
            request,
            pk,
            review=True,
            call=lambda report: services.period_report_accept(actor=request.user, report=report),
        )

    @extend_schema(request=ReturnSerializer, responses=PeriodReportSerializer)
    @action(detail=True, methods=["post"], url_path="return", serializer_class=ReturnSerializer)
    def return_(self, request, pk=None):
        return self._run(
            request,
            pk,
            review=True,
            input_class=ReturnSerializer,
            call=lambda report, comment: services.period_report_return(
                actor=request.user, report=report, comment=comment
            ),
        )


def register(router) -> None:
    router.register("period-reports", PeriodReportApi, basename="period-report")
