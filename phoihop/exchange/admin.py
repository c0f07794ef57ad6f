"""Administration: bulletins are shown read-only (sending goes through the service, which
checks the sender and tells the recipients). Notifications are each user's own and stay
out of the admin."""

from django.contrib import admin

from phoihop.exchange.models import Bulletin


@admin.register(Bulletin)
class BulletinAdmin(admin.ModelAdmin):
    list_display = ["title", "committee", "sender", "created_at"]
    list_filter = ["committee"]
    list_select_related = ["committee", "sender"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
