from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from phoihop.programs.models import Program


@admin.register(Program)
class ProgramAdmin(SimpleHistoryAdmin):
    list_display = ["name", "committee", "level", "period_start", "period_end", "signed_on"]
    list_filter = ["level"]
    search_fields = ["name", "committee__name"]
    list_select_related = ["committee"]
    date_hierarchy = "period_start"
