"""Administration: topics are edited here (name, sensitivity, expected handling time);
reports and cases are shown read-only, since every change to them goes through the
services, which keep the timeline and the rules."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from phoihop.situations.models import Case, SituationReport, Topic


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
