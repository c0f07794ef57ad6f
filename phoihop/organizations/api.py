"""REST API for organizations, committees and people.

Querysets start from visible_to(); single records come through the scoped helpers, so
outsiders get 404 and read-only users 403 on writes. Writes go through the services.
"""

from django.utils.translation import gettext as _
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.response import Response

from phoihop.core.api import VERSION_HELP, VersionedUpdateMixin
from phoihop.organizations import services
from phoihop.organizations.models import Membership, Organization, Person, Position
from phoihop.organizations.selectors import (
    committees_for_user,
    get_committee_for_user,
    get_organization_for_people_edit,
    get_organization_for_user,
    get_person_for_user,
)


class OrganizationSerializer(serializers.ModelSerializer):
    version = serializers.IntegerField(
        write_only=True,
        required=False,
        min_value=0,
        help_text=VERSION_HELP,
    )

    class Meta:
        model = Organization
        fields = [
            "id",
            "name",
            "short_name",
            "aliases",
            "kind",
            "level",
            "locality",
            "parent",
            "valid_from",
            "valid_to",
            "email",
            "phone",
            "version",
        ]
        read_only_fields = ["id", "locality", "parent"]


class OrganizationApi(
    VersionedUpdateMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = OrganizationSerializer

    def get_queryset(self):
        orgs = Organization.objects.visible_to(self.request.user).order_by("name")
        q = self.request.query_params.get("q", "")
        return orgs.search(q) if q else orgs

    def get_object(self):
        write = self.request.method not in ("GET", "HEAD", "OPTIONS")
        return get_organization_for_user(self.request.user, self.kwargs["pk"], write=write)

    def perform_update(self, serializer):
        serializer.instance = services.organization_update(
            actor=self.request.user,
            organization=serializer.instance,
            **serializer.validated_data,
        )


class MembershipSerializer(serializers.ModelSerializer):
    organization_name = serializers.CharField(source="organization.name", read_only=True)

    class Meta:
        model = Membership
        fields = ["organization", "organization_name", "joined_on", "left_on", "order"]


class CommitteeSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    short_name = serializers.CharField()
    host = serializers.IntegerField(source="host_id")
    locality = serializers.IntegerField(source="locality_id")
    valid_from = serializers.DateField()
    valid_to = serializers.DateField()
    members = MembershipSerializer(source="memberships", many=True)


class CommitteeReadApi(viewsets.ReadOnlyModelViewSet):
    serializer_class = CommitteeSerializer

    def get_queryset(self):
        return committees_for_user(self.request.user).prefetch_related("memberships__organization")

    def get_object(self):
        return get_committee_for_user(self.request.user, self.kwargs["pk"])


class PositionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Position
        fields = ["id", "title", "organization", "is_focal_point", "valid_from", "valid_to"]


class PersonSerializer(serializers.ModelSerializer):
    positions = PositionSerializer(many=True, read_only=True)
    version = serializers.IntegerField(write_only=True, required=False, min_value=0)

    class Meta:
        model = Person
        fields = ["id", "full_name", "organization", "email", "phone", "positions", "version"]
        read_only_fields = ["id"]
        # The organization is checked by the scoped helper, not by a queryset here.
        extra_kwargs = {"organization": {"queryset": Organization.objects.all()}}


class PersonApi(
    VersionedUpdateMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = PersonSerializer

    def get_queryset(self):
        return (
            Person.objects.visible_to(self.request.user)
            .prefetch_related("positions")
            .order_by("full_name")
        )

    def get_object(self):
        write = self.request.method not in ("GET", "HEAD", "OPTIONS")
        return get_person_for_user(self.request.user, self.kwargs["pk"], write=write)

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        organization = get_organization_for_people_edit(
            request.user, serializer.validated_data["organization"].pk
        )
        data = {
            k: v
            for k, v in serializer.validated_data.items()
            if k in ("full_name", "email", "phone")
        }
        person = services.person_create(actor=request.user, organization=organization, **data)
        return Response(self.get_serializer(person).data, status=status.HTTP_201_CREATED)

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        if (
            data.pop("organization", serializer.instance.organization)
            != serializer.instance.organization
        ):
            raise serializers.ValidationError(
                {"organization": [_("Không đổi tổ chức của cán bộ qua API này.")]}
            )
        serializer.instance = services.person_update(
            actor=self.request.user, person=serializer.instance, **data
        )


def register(router) -> None:
    """Register this app's API viewsets on the project router."""
    router.register("organizations", OrganizationApi, basename="organization")
    router.register("committees", CommitteeReadApi, basename="committee")
    router.register("people", PersonApi, basename="person")
