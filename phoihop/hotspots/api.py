"""REST API for hotspots and hotspot scores, with the pages' rules.

Scores come from the cases the caller may see (so a sensitive case never moves the
numbers an uninvolved member gets); designated hotspots start from their visible_to()
queryset; writes go through the services (secretariat only) so outsiders get 404 and
read-only users 403.
"""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema_serializer
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from phoihop.activities.models import Activity
from phoihop.core.access import get_scoped
from phoihop.core.api_params import id_field, query_int, text_field
from phoihop.hotspots import selectors as hotspots
from phoihop.hotspots import services as services_hotspots
from phoihop.hotspots.forms import ScoreFilterForm
from phoihop.localities.models import Locality
from phoihop.organizations.selectors import committees_for_user, get_committee_for_user


def _committee(request, pk=None):
    pk = pk or request.query_params.get("committee")
    if pk:
        return get_committee_for_user(request.user, pk)
    committee = committees_for_user(request.user).first()
    if committee is None:
        raise serializers.ValidationError({"committee": [_("Bạn chưa thuộc Ban Chỉ đạo nào.")]})
    return committee


# --- Scores -------------------------------------------------------------------------------


class ScoredCaseSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    topic = serializers.CharField()
    opened_on = serializers.DateField()
    weight = serializers.IntegerField()
    open_at_end = serializers.BooleanField()
    unresolved = serializers.BooleanField()
    age_days = serializers.IntegerField()
    recurrence = serializers.BooleanField()
    points = serializers.DecimalField(max_digits=10, decimal_places=2)


class LocalityScoreSerializer(serializers.Serializer):
    locality = serializers.IntegerField()
    name = serializers.CharField()
    district = serializers.CharField()
    score = serializers.DecimalField(max_digits=10, decimal_places=2)
    band = serializers.CharField()
    case_count = serializers.IntegerField()
    open_count = serializers.IntegerField()
    cases = ScoredCaseSerializer(many=True)


@extend_schema_serializer(many=False)  # one object for the window, rows in `results`
class ScoresSerializer(serializers.Serializer):
    committee = serializers.IntegerField()
    start = serializers.DateField()
    end = serializers.DateField()
    results = LocalityScoreSerializer(many=True)


class HotspotScoreApi(viewsets.GenericViewSet):
    """GET /api/hotspot-scores/?committee=&start=&end=&topic=&by_2025=true

    One row per locality with its score and the contributing cases (visible to you),
    each with its points: the score is their sum.
    """

    serializer_class = ScoresSerializer
    pagination_class = None

    def list(self, request):
        committee = _committee(request)
        form = ScoreFilterForm(
            request.query_params or None, default=hotspots.default_window(committee)
        )
        if form.is_bound and not form.is_valid():
            raise serializers.ValidationError(form.errors)
        window = form.window
        scores = hotspots.hotspot_scores_for_user(
            request.user,
            committee,
            start=window.start,
            end=window.end,
            topic=form.chosen_topic,
            by_2025=form.grouped_2025,
        )
        return Response(
            {
                "committee": committee.pk,
                "start": window.start,
                "end": window.end,
                "results": [_score_json(entry) for entry in scores],
            }
        )


def _score_json(entry) -> dict:
    unit = entry.locality
    return {
        "locality": unit.pk,
        "name": unit.name,
        "district": hotspots.district_name(unit),
        "score": str(entry.score),
        "band": entry.band,
        "case_count": entry.case_count,
        "open_count": entry.open_count,
        "cases": [
            {
                "id": item.row.pk,
                "title": item.row.title,
                "topic": item.row.topic,
                "opened_on": item.row.opened_on,
                "weight": item.weight,
                "open_at_end": item.open_at_end,
                "unresolved": item.unresolved,
                "age_days": item.age_days,
                "recurrence": item.row.is_recurrence,
                "points": str(item.points),
            }
            for item in entry.cases
        ],
    }


# --- Designated hotspots --------------------------------------------------------------------


class HotspotSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    committee = serializers.IntegerField(source="committee_id")
    locality = serializers.IntegerField(source="locality_id")
    locality_name = serializers.CharField(source="locality.name")
    designated_on = serializers.DateField()
    designated_by = serializers.CharField(source="designated_by.display_name", default="")
    reason = serializers.CharField()
    lifted_on = serializers.DateField(allow_null=True)
    lifted_by = serializers.CharField(source="lifted_by.display_name", default="")
    lift_reason = serializers.CharField()
    responses = serializers.SerializerMethodField()
    score_at_decision = serializers.SerializerMethodField()

    def get_responses(self, hotspot) -> list[int]:
        user = self.context["request"].user
        return list(
            Activity.objects.visible_to(user)
            .filter(pk__in=hotspot.responses.values("pk"))
            .values_list("pk", flat=True)
        )

    def get_score_at_decision(self, hotspot) -> str | None:
        """Computed from everything the secretariat saw: only deciders get it."""
        if hotspots.can_decide_hotspots(self.context["request"].user, hotspot.committee):
            return str(hotspot.score_at_decision)
        return None


class DesignateInputSerializer(serializers.Serializer):
    committee = id_field()
    locality = id_field()
    reason = text_field()
    start = serializers.DateField(required=False)
    end = serializers.DateField(required=False)

    def validate(self, data):
        if ("start" in data) != ("end" in data):
            raise serializers.ValidationError(_("Hãy nhập cả hai ngày của khoảng tính điểm."))
        return data


class LiftInputSerializer(serializers.Serializer):
    reason = text_field()


class LinkInputSerializer(serializers.Serializer):
    activity = id_field()


class HotspotApi(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Hotspot decisions. POST designates (secretariat), /lift/ lifts, /responses/ links."""

    serializer_class = HotspotSerializer

    def get_queryset(self):
        hotspots_qs = hotspots.hotspots_for_user(self.request.user)
        committee = query_int(self.request.query_params, "committee")
        if committee is not None:
            hotspots_qs = hotspots_qs.filter(committee_id=committee)
        if self.request.query_params.get("active") in ("1", "true"):
            hotspots_qs = hotspots_qs.filter(lifted_on__isnull=True)
        return hotspots_qs.order_by("-designated_on", "-pk")

    def get_object(self):
        write = self.action in ("lift", "responses")
        return hotspots.get_hotspot_for_user(self.request.user, self.kwargs["pk"], write=write)

    def _respond(self, hotspot, code=status.HTTP_200_OK) -> Response:
        fresh = hotspots.get_hotspot_for_user(self.request.user, hotspot.pk)
        return Response(
            HotspotSerializer(fresh, context={"request": self.request}).data, status=code
        )

    def create(self, request):
        data = DesignateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        committee = _committee(request, data.validated_data["committee"])
        if not hotspots.can_decide_hotspots(request.user, committee):
            raise PermissionDenied
        locality = get_scoped(
            Locality.objects.visible_to(request.user), data.validated_data["locality"]
        )
        start, end = data.validated_data.get("start"), data.validated_data.get("end")
        hotspot = services_hotspots.hotspot_designate(
            actor=request.user,
            committee=committee,
            locality=locality,
            reason=data.validated_data["reason"],
            window=(start, end) if start else None,
        )
        return self._respond(hotspot, status.HTTP_201_CREATED)

    @action(detail=True, methods=["post"])
    def lift(self, request, pk=None):
        hotspot = self.get_object()
        data = LiftInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services_hotspots.hotspot_lift(
            actor=request.user, hotspot=hotspot, reason=data.validated_data["reason"]
        )
        return self._respond(hotspot)

    @action(detail=True, methods=["post"])
    def responses(self, request, pk=None):
        hotspot = self.get_object()
        data = LinkInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        activity = get_scoped(
            Activity.objects.visible_to(request.user), data.validated_data["activity"]
        )
        services_hotspots.hotspot_link_response(
            actor=request.user, hotspot=hotspot, activity=activity
        )
        return self._respond(hotspot)


def register(router) -> None:
    """Register the hotspot endpoints on the project router."""
    router.register("hotspot-scores", HotspotScoreApi, basename="hotspot-score")
    router.register("hotspots", HotspotApi, basename="hotspot")
