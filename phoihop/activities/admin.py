from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from phoihop.activities.models import Activity, Attachment, Figure, Participation


class ParticipationInline(admin.TabularInline):
    model = Participation
    extra = 0
    raw_id_fields = ["organization", "responded_by"]


class FigureInline(admin.TabularInline):
    model = Figure
    extra = 0


class AttachmentInline(admin.TabularInline):
    model = Attachment
    extra = 0
    readonly_fields = [
        "original_name", "content_type", "size", "uploaded_by", "uploaded_at", "deleted_at", "deleted_by",
    ]
    fields = readonly_fields
    can_delete = False  # deleting is soft, through the page (the secretariat can restore)

    def has_add_permission(self, request, obj=None):
        return False  # uploads go through the service, which checks their bytes


@admin.register(Activity)
class ActivityAdmin(SimpleHistoryAdmin):
    """For administrators repairing data; people work through the pages and the API."""

    list_display = ["title", "program", "lead", "start_date", "status", "participant_count"]
    list_filter = ["status", "program"]
    search_fields = ["title", "search_text"]
    list_select_related = ["program", "lead"]
    raw_id_fields = ["program", "task", "content_area", "lead", "localities", "created_by"]
    readonly_fields = ["participant_count", "revision", "submitted_at", "confirmed_at"]
    date_hierarchy = "start_date"
    inlines = [ParticipationInline, FigureInline, AttachmentInline]

    def save_model(self, request, obj, form, change):
        obj.refresh_search_fields()
        super().save_model(request, obj, form, change)
