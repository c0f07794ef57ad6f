"""Administration: topics are edited here (name, sensitivity, expected handling time);
reports and cases are shown read-only, since every change to them goes through the
services, which keep the timeline and the rules. The leaders a committee designates to
read its sensitive cases are added and removed here, through the same services."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from phoihop.situations.models import Case, SensitiveReader, SituationReport, Topic
from phoihop.situations.services_sensitive import (
    sensitive_reader_designate,
    sensitive_reader_remove,
)


@admin.register(Topic)
class TopicAdmin(SimpleHistoryAdmin):
    list_display = ["name", "code", "sensitive", "handling_days", "order", "is_active"]
    list_editable = ["sensitive", "handling_days", "order", "is_active"]
    search_fields = ["name", "code"]


class ReadOnlyAdmin(SimpleHistoryAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Case)
class CaseAdmin(ReadOnlyAdmin):
    list_display = ["title", "committee", "topic", "locality", "status", "lead", "opened_on", "due_date", "sensitive"]
    list_filter = ["status", "topic", "sensitive"]
    search_fields = ["search_text"]
    list_select_related = ["committee", "topic", "locality", "lead"]


@admin.register(SituationReport)
class SituationReportAdmin(ReadOnlyAdmin):
    list_display = ["title", "committee", "topic", "locality", "reported_on", "reporting_org", "sensitive", "case"]
    list_filter = ["topic", "sensitive"]
    search_fields = ["search_text"]
    list_select_related = ["committee", "topic", "locality", "reporting_org", "case"]


@admin.register(SensitiveReader)
class SensitiveReaderAdmin(SimpleHistoryAdmin):
    """Who, beside the secretariat, reads a committee's sensitive cases. Designations are
    added or removed, never edited, so each one keeps who decided it and when."""

    list_display = ["user", "committee", "designated_on", "designated_by"]
    list_filter = ["committee"]
    list_select_related = ["user", "committee", "designated_by"]
    fields = ["committee", "user", "designated_on"]
    autocomplete_fields = ["user"]

    def has_change_permission(self, request, obj=None):
        return obj is None and super().has_change_permission(request, obj)

    def save_model(self, request, obj, form, change):
        saved = sensitive_reader_designate(
            actor=request.user, committee=obj.committee, user=obj.user, designated_on=obj.designated_on
        )
        obj.pk = saved.pk

    def delete_model(self, request, obj):
        sensitive_reader_remove(actor=request.user, reader=obj)

    def delete_queryset(self, request, queryset):
        for reader in queryset:
            sensitive_reader_remove(actor=request.user, reader=reader)
