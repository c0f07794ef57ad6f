"""REST API for user accounts: administrators and secretariat read the users they can
see; everyone reads their own account at /api/users/me/."""

from rest_framework import permissions, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from phoihop.accounts.models import User
from phoihop.accounts.selectors import can_manage_users, get_user_for_user


class UserSerializer(serializers.ModelSerializer):
    full_name = serializers.CharField(source="get_full_name", read_only=True)
    role_display = serializers.CharField(source="get_role_display", read_only=True)
    email = serializers.CharField(read_only=True)  # may be blank: not documented as format email

    class Meta:
        model = User
        fields = [
            "id",
            "username",
            "first_name",
            "last_name",
            "full_name",
            "email",
            "organization",
            "role",
            "role_display",
            "is_active",
        ]
        read_only_fields = fields


class CanManageUsers(permissions.BasePermission):
    """User lists are for administrators and the secretariat; `me` is for everyone."""

    def has_permission(self, request, view) -> bool:
        return view.action == "me" or can_manage_users(request.user)


class UserReadApi(viewsets.ReadOnlyModelViewSet):
    serializer_class = UserSerializer
    permission_classes = [permissions.IsAuthenticated, CanManageUsers]

    def get_queryset(self):
        return User.objects.visible_to(self.request.user).order_by("username")

    def get_object(self):
        return get_user_for_user(self.request.user, self.kwargs["pk"])

    @action(detail=False, methods=["get"])
    def me(self, request):
        return Response(UserSerializer(request.user).data)


def register(router) -> None:
    """Register this app's API viewsets on the project router."""
    router.register("users", UserReadApi, basename="user")
