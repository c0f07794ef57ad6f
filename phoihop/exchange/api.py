"""REST API for bulletins and the notification inbox, with the pages' rules.

Bulletins start from their visible_to() queryset (bulletins_for_user); sending goes
through the service (focal points and secretariat), so outsiders get 404 and read-only
users 403.
"""

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from phoihop.core.api_params import id_field, id_list_field, text_field
from phoihop.exchange import services
from phoihop.exchange.selectors import (
    bulletins_for_user,
    get_bulletin_for_user,
    get_notification_for_user,
    notifications_for_user,
    unread_first,
)
from phoihop.organizations.models import Organization
from phoihop.organizations.selectors import get_committee_for_user


class BulletinSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    committee = serializers.IntegerField(source="committee_id", read_only=True)
    sender = serializers.IntegerField(source="sender_id", read_only=True)
    sender_name = serializers.CharField(source="sender.name", read_only=True)
    recipients = serializers.SerializerMethodField()
    title = serializers.CharField(read_only=True)
    body = serializers.CharField(read_only=True)
    created_at = serializers.DateTimeField(read_only=True)

    def get_recipients(self, bulletin) -> list[int]:
        return [org.pk for org in bulletin.recipients.all()]


class BulletinInputSerializer(serializers.Serializer):
    committee = id_field()
    title = serializers.CharField(max_length=250)
    body = text_field()
    recipients = id_list_field()


class BulletinApi(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Bulletins you sent or received. POST sends one (focal points and secretariat)."""

    serializer_class = BulletinSerializer

    def get_queryset(self):
        return bulletins_for_user(self.request.user)

    def get_object(self):
        return get_bulletin_for_user(self.request.user, self.kwargs["pk"])

    def create(self, request):
        data = BulletinInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        committee = get_committee_for_user(request.user, data.validated_data["committee"])
        ids = set(data.validated_data["recipients"])
        # Scoped: an id of another committee's organization is "not found", never named.
        recipients = list(Organization.objects.visible_to(request.user).filter(pk__in=ids))
        if len(recipients) != len(ids):
            raise serializers.ValidationError({"recipients": [_("Có đơn vị nhận không tồn tại.")]})
        bulletin = services.bulletin_send(
            actor=request.user,
            committee=committee,
            title=data.validated_data["title"],
            body=data.validated_data["body"],
            recipients=recipients,
        )
        fresh = get_bulletin_for_user(request.user, bulletin.pk)
        return Response(BulletinSerializer(fresh).data, status=status.HTTP_201_CREATED)


class NotificationSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    kind = serializers.CharField(read_only=True)
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    text = serializers.CharField(read_only=True)
    url = serializers.CharField(read_only=True)
    created_at = serializers.DateTimeField(read_only=True)
    read_at = serializers.DateTimeField(read_only=True, allow_null=True)


class NotificationApi(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Your notifications, unread first: only those about records you may see now (the
    inbox page's and the badge's rule). POST …/read/ marks one read, POST read_all/ all."""

    serializer_class = NotificationSerializer

    def get_queryset(self):
        return unread_first(notifications_for_user(self.request.user))

    def get_object(self):
        return get_notification_for_user(self.request.user, self.kwargs["pk"])

    @extend_schema(request=None, responses=NotificationSerializer)
    @action(detail=True, methods=["post"])
    def read(self, request, pk=None):
        note = self.get_object()
        services.notification_mark_read(actor=request.user, notification=note)
        note.refresh_from_db()
        return Response(NotificationSerializer(note).data)

    @extend_schema(
        request=None,
        responses=inline_serializer("NotificationsMarked", {"marked": serializers.IntegerField()}),
    )
    @action(detail=False, methods=["post"], url_path="read-all")
    def read_all(self, request):
        return Response({"marked": services.notification_mark_read(actor=request.user)})


def register(router) -> None:
    """Register the bulletin and notification endpoints on the project router."""
    router.register("bulletins", BulletinApi, basename="bulletin")
    router.register("notifications", NotificationApi, basename="notification")
