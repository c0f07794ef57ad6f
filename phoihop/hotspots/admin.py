"""Administration: hotspot decisions are shown read-only, with their history, since every
designation, lift and linked response goes through the services (who decided, why)."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from phoihop.hotspots.models import Hotspot


@admin.register(Hotspot)
class HotspotAdmin(SimpleHistoryAdmin):
    list_display = ["locality", "committee", "designated_on", "designated_by", "lifted_on"]
    list_filter = ["committee"]
    list_select_related = ["locality", "committee", "designated_by"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
