"""Read-only admin for the place registry: it is loaded from the package data
(`manage.py localities_load`), never edited by hand."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from phoihop.localities.models import ChangeEvent, Lineage, Locality


class ReadOnlyAdmin(SimpleHistoryAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Locality)
class LocalityAdmin(ReadOnlyAdmin):
    list_display = ["name", "kind", "level", "parent", "valid_from", "valid_to", "ref"]
    list_filter = ["level", "kind"]
    search_fields = ["search_text", "ref", "code"]
    list_select_related = ["parent"]
    raw_id_fields = ["parent"]


@admin.register(ChangeEvent)
class ChangeEventAdmin(ReadOnlyAdmin):
    list_display = ["ref", "kind", "effective_date", "resolution", "legal_basis"]
    list_filter = ["kind", "effective_date"]
    search_fields = ["ref", "resolution", "note"]


@admin.register(Lineage)
class LineageAdmin(admin.ModelAdmin):
    list_display = ["event", "predecessor", "successor", "is_primary", "is_whole"]
    raw_id_fields = ["event", "predecessor", "successor"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
