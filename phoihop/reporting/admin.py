from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from phoihop.reporting.models import PeriodReport


@admin.register(PeriodReport)
class PeriodReportAdmin(SimpleHistoryAdmin):
    list_display = ["organization", "program", "period_start", "period_end", "due_date", "status"]
    list_filter = ["status", "program"]
    date_hierarchy = "due_date"
    raw_id_fields = ["program", "organization", "submitted_by"]
    list_select_related = ["organization", "program"]
