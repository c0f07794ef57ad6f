"""REST API for situation reports, cases and their follow-ups, with the pages' rules.

Lists start from visible_to() through the selectors, so a sensitive case or report never
appears for an uninvolved member; single records come through get_case_for_user /
get_report_for_user (404 for those who may not see, 403 on writes for read-only users).
Every write goes through the services. Files are sent as multipart `attachments`.
"""

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from phoihop.core.api_params import id_field, id_list_field, text_field
from phoihop.lib.bounds import INT_MAX
from phoihop.localities.models import Locality
from phoihop.organizations.models import Committee, Organization
from phoihop.situations import selectors, services
from phoihop.situations.forms import CaseFilterForm, ReportFilterForm
from phoihop.situations.models import Case, CaseAttachment, CaseEvent, SituationReport, Topic


def _pick(queryset, pk, message):
    """A record of `queryset` by id, or a Vietnamese 400 error."""
    found = queryset.filter(pk=pk).first() if pk is not None else None
    if found is None:
        raise serializers.ValidationError(message)
    return found


# --- Reading ------------------------------------------------------------------------------


class AttachmentSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()

    class Meta:
        model = CaseAttachment
        fields = ["id", "original_name", "content_type", "size", "url"]

    def get_url(self, attachment) -> str:
        return reverse("situations:attachment", args=[attachment.pk])


class TopicSerializer(serializers.ModelSerializer):
    class Meta:
        model = Topic
        fields = ["id", "code", "name", "sensitive", "handling_days", "is_active"]


class ReportSerializer(serializers.ModelSerializer):
    locality_name = serializers.CharField(source="locality.full_name", read_only=True)
    attachments = AttachmentSerializer(many=True, read_only=True)

    class Meta:
        model = SituationReport
        fields = [
            "id", "committee", "reported_on", "locality", "locality_name", "topic", "severity",
            "people_affected", "title", "description", "reporting_org", "sensitive", "case",
            "attachments", "created_at",
        ]
        read_only_fields = fields


class CaseSerializer(serializers.ModelSerializer):
    locality_name = serializers.CharField(source="locality.full_name", read_only=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    overdue = serializers.SerializerMethodField()
    recurrence_of = serializers.SerializerMethodField()
    escalated_to = serializers.SerializerMethodField()

    class Meta:
        model = Case
        fields = [
            "id", "committee", "title", "topic", "locality", "locality_name", "severity",
            "people_affected", "sensitive", "status", "status_display", "lead", "supporters",
            "opened_on", "due_date", "closed_on", "outcome", "overdue", "reopen_count",
            "recurrence_of", "escalated_to", "revision",
        ]
        read_only_fields = fields

    def get_overdue(self, case) -> bool:
        return selectors.case_is_overdue(case)

    def _visible_link(self, pk) -> int | None:
        """A linked case's id only when the reader may see it (no hint of hidden cases)."""
        if pk is None:
            return None
        user = self.context["request"].user
        return pk if Case.objects.visible_to(user).filter(pk=pk).exists() else None

    def get_recurrence_of(self, case) -> int | None:
        return self._visible_link(case.recurrence_of_id)

    def get_escalated_to(self, case) -> int | None:
        return self._visible_link(case.escalated_to_id)


class EventSerializer(serializers.ModelSerializer):
    """A timeline line as its reader sees it: pass events through
    selectors.events_for_reader first (text with references filled, hidden ones unnamed)."""

    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    actor_name = serializers.SerializerMethodField()
    text = serializers.CharField(source="display_text", read_only=True)
    related_case = serializers.SerializerMethodField()
    related_report = serializers.SerializerMethodField()
    attachments = AttachmentSerializer(many=True, read_only=True)

    class Meta:
        model = CaseEvent
        fields = [
            "id", "kind", "kind_display", "happened_on", "recorded_at", "actor_name", "organization",
            "text", "related_case", "related_report", "from_status", "to_status", "attachments",
        ]
        read_only_fields = fields

    def get_actor_name(self, event) -> str:
        return event.actor.display_name if event.actor else ""

    def get_related_case(self, event) -> int | None:
        """The other case's id only when the reader may see it."""
        return event.case_reference.pk if event.case_reference else None

    def get_related_report(self, event) -> int | None:
        return event.report_reference.pk if event.report_reference else None


# --- Writing ------------------------------------------------------------------------------


class ReportWriteSerializer(serializers.Serializer):
    committee = id_field(required=False)
    reported_on = serializers.DateField()
    locality = id_field()
    topic = id_field()
    title = serializers.CharField(max_length=300)
    description = text_field()
    severity = serializers.IntegerField(min_value=1, max_value=4, default=2)
    people_affected = serializers.IntegerField(min_value=0, max_value=INT_MAX, default=0)
    sensitive = serializers.BooleanField(allow_null=True, default=None)


class RevisionSerializer(serializers.Serializer):
    """A case action changes the case, so it says which revision it read (as the pages'
    hidden field does); a stale one is refused with 409."""

    revision = serializers.IntegerField(
        min_value=0, max_value=INT_MAX,
        error_messages={"required": _("Hãy gửi phiên bản (revision) của vụ việc đã đọc.")},
    )


class AssignSerializer(RevisionSerializer):
    lead = id_field()
    supporters = id_list_field()
    due_date = serializers.DateField(required=False, allow_null=True, default=None)


class FollowUpSerializer(RevisionSerializer):
    happened_on = serializers.DateField()
    text = text_field(error_messages={"blank": _("Hãy ghi nội dung đã làm.")})
    status = serializers.CharField(required=False, allow_blank=True, default="")


class CloseSerializer(RevisionSerializer):
    status = serializers.CharField()
    outcome = text_field(allow_blank=True)
    closed_on = serializers.DateField(required=False, allow_null=True, default=None)


class ReopenSerializer(RevisionSerializer):
    reason = text_field(allow_blank=True)


class EscalateSerializer(RevisionSerializer):
    to_committee = id_field()


class LinkSerializer(serializers.Serializer):
    earlier = id_field()


class OpenCaseSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")


class MergeSerializer(serializers.Serializer):
    case = id_field()


def _valid(serializer_class, request) -> dict:
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


def _files(request) -> list:
    return request.FILES.getlist("attachments") if hasattr(request, "FILES") else []


# --- The viewsets -------------------------------------------------------------------------


class TopicApi(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Situation topics (land and religion are sensitive by default)."""

    serializer_class = TopicSerializer
    queryset = Topic.objects.all()
    pagination_class = None


class ReportApi(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet):
    """Situation reports: list (filters: q, topic, member, locality, without_case), retrieve,
    create (multipart for attachments); actions open-case and merge (secretariat)."""

    serializer_class = ReportSerializer

    def get_serializer_class(self):
        return ReportWriteSerializer if self.action == "create" else ReportSerializer

    def get_queryset(self):
        form = ReportFilterForm(self.request.query_params or None, user=self.request.user)
        if form.is_bound and not form.is_valid():
            raise serializers.ValidationError(form.errors)
        return selectors.reports_for_user(self.request.user, form.filters()).prefetch_related("attachments")

    def get_object(self):
        write = self.action in ("open_case", "merge")
        return selectors.get_report_for_user(self.request.user, self.kwargs["pk"], write=write)

    def _committee(self, pk) -> Committee:
        committees = selectors.committees_for_reporting(self.request.user)
        if not committees:
            raise PermissionDenied
        if pk is None and len(committees) == 1:
            return committees[0]
        return _pick(Committee.objects.filter(pk__in=[c.pk for c in committees]), pk,
                     {"committee": [_("Hãy chọn Ban Chỉ đạo mà tổ chức của bạn là thành viên.")]})

    def create(self, request, *args, **kwargs):
        data = _valid(ReportWriteSerializer, request)
        report = services.report_create(
            actor=request.user,
            committee=self._committee(data.get("committee")),
            reported_on=data["reported_on"],
            locality=_pick(Locality.objects.all(), data["locality"], {"locality": [_("Không tìm thấy địa bàn đã chọn.")]}),
            topic=_pick(Topic.objects.all(), data["topic"], {"topic": [_("Không tìm thấy lĩnh vực.")]}),
            title=data["title"], description=data["description"], severity=data["severity"],
            people_affected=data["people_affected"], sensitive=data["sensitive"], attachments=_files(request),
        )
        fresh = selectors.get_report_for_user(request.user, report.pk)
        return Response(ReportSerializer(fresh).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=OpenCaseSerializer, responses=CaseSerializer)
    @action(detail=True, methods=["post"], url_path="open-case")
    def open_case(self, request, pk=None):
        report = self.get_object()
        data = _valid(OpenCaseSerializer, request)
        case = services.case_open(actor=request.user, report=report, title=data["title"] or None)
        return Response(CaseSerializer(case, context={"request": request}).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=MergeSerializer, responses=CaseSerializer)
    @action(detail=True, methods=["post"])
    def merge(self, request, pk=None):
        report = self.get_object()
        data = _valid(MergeSerializer, request)
        case = selectors.get_case_for_user(request.user, data["case"])
        case = services.report_merge(actor=request.user, duplicate=report, into_case=case)
        return Response(CaseSerializer(case, context={"request": request}).data)


class CaseApi(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Cases: list (filters: q, committee, topic, status [or "open"], locality, member,
    overdue, date_from, date_to), retrieve, the timeline, follow-ups, and the actions
    assign, close, reopen, escalate, link-recurrence."""

    serializer_class = CaseSerializer

    def get_queryset(self):
        form = CaseFilterForm(self.request.query_params or None, user=self.request.user)
        if form.is_bound and not form.is_valid():
            raise serializers.ValidationError(form.errors)
        return selectors.cases_for_user(self.request.user, form.filters())

    def get_object(self):
        write = self.request.method == "POST"
        return selectors.get_case_for_user(self.request.user, self.kwargs["pk"], write=write)

    def _respond(self, case, code=status.HTTP_200_OK) -> Response:
        fresh = selectors.get_case_for_user(self.request.user, case.pk)
        return Response(CaseSerializer(fresh, context={"request": self.request}).data, status=code)

    def _org(self, pk):
        return _pick(Organization.objects.visible_to(self.request.user), pk, _("Không tìm thấy tổ chức."))

    @extend_schema(responses=EventSerializer(many=True))
    @action(detail=True, methods=["get"], pagination_class=None)
    def timeline(self, request, pk=None):
        events = selectors.case_timeline(self.get_object(), request.user)
        return Response(EventSerializer(events, many=True).data)

    @extend_schema(request=FollowUpSerializer, responses=EventSerializer(many=True))
    @action(detail=True, methods=["get", "post"], url_path="follow-ups", pagination_class=None)
    def follow_ups(self, request, pk=None):
        case = self.get_object()
        if request.method == "GET":
            events = [e for e in selectors.case_timeline(case, request.user) if e.kind == CaseEvent.Kind.FOLLOW_UP]
            return Response(EventSerializer(events, many=True).data)
        data = _valid(FollowUpSerializer, request)
        event = services.case_follow_up(
            actor=request.user, case=case, happened_on=data["happened_on"],
            text=data["text"], attachments=_files(request), status=data["status"] or None,
            revision=data["revision"],
        )
        [event] = selectors.events_for_reader([event], request.user)
        return Response(EventSerializer(event).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=AssignSerializer, responses=CaseSerializer)
    @action(detail=True, methods=["post"])
    def assign(self, request, pk=None):
        case = self.get_object()
        data = _valid(AssignSerializer, request)
        supporters = [self._org(pk) for pk in data["supporters"]]
        case = services.case_assign(
            actor=request.user, case=case, lead=self._org(data["lead"]),
            supporters=supporters, due_date=data["due_date"], revision=data["revision"],
        )
        return self._respond(case)

    @extend_schema(request=CloseSerializer, responses=CaseSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        case = self.get_object()
        data = _valid(CloseSerializer, request)
        case = services.case_close(
            actor=request.user, case=case, status=data["status"],
            outcome=data["outcome"], closed_on=data["closed_on"], revision=data["revision"],
        )
        return self._respond(case)

    @extend_schema(request=ReopenSerializer, responses=CaseSerializer)
    @action(detail=True, methods=["post"])
    def reopen(self, request, pk=None):
        case = self.get_object()
        data = _valid(ReopenSerializer, request)
        case = services.case_reopen(
            actor=request.user, case=case, reason=data["reason"], revision=data["revision"]
        )
        return self._respond(case)

    @extend_schema(request=EscalateSerializer, responses=CaseSerializer)
    @action(detail=True, methods=["post"])
    def escalate(self, request, pk=None):
        case = self.get_object()
        data = _valid(EscalateSerializer, request)
        higher_ids = [c.pk for c in selectors.higher_committees(case.committee)]
        committee = _pick(Committee.objects.filter(pk__in=higher_ids), data["to_committee"], {
            "to_committee": [_("Chỉ chuyển lên Ban Chỉ đạo cấp trên có địa bàn bao gồm địa bàn của Ban Chỉ đạo này.")]
        })
        higher = services.case_escalate(
            actor=request.user, case=case, to_committee=committee, revision=data["revision"]
        )
        payload = CaseSerializer(higher, context={"request": request}).data
        return Response(payload, status=status.HTTP_201_CREATED)

    @extend_schema(request=LinkSerializer, responses=CaseSerializer)
    @action(detail=True, methods=["post"], url_path="link-recurrence")
    def link_recurrence(self, request, pk=None):
        case = self.get_object()
        data = _valid(LinkSerializer, request)
        earlier = _pick(Case.objects.visible_to(request.user), data["earlier"],
                        {"earlier": [_("Không tìm thấy vụ việc trước.")]})
        return self._respond(services.case_link_recurrence(actor=request.user, case=case, earlier=earlier))


def register(router) -> None:
    """Register this app's API viewsets on the project router."""
    router.register("situation-topics", TopicApi, basename="situation-topic")
    router.register("situation-reports", ReportApi, basename="situation-report")
    router.register("cases", CaseApi, basename="case")
