from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from phoihop.programs.models import (
    AnnualPlan,
    ContentArea,
    Indicator,
    Program,
    ProgramMember,
    Task,
    TaskTarget,
)


class ProgramMemberInline(admin.TabularInline):
    model = ProgramMember
    extra = 0
    autocomplete_fields = ["organization", "signatory"]


class ContentAreaInline(admin.TabularInline):
    model = ContentArea
    extra = 0


@admin.register(Program)
class ProgramAdmin(SimpleHistoryAdmin):
    list_display = ["name", "committee", "level", "period_start", "period_end", "signed_on"]
    list_filter = ["level"]
    search_fields = ["name", "committee__name"]
    list_select_related = ["committee"]
    date_hierarchy = "period_start"
    inlines = [ProgramMemberInline, ContentAreaInline]


@admin.register(Indicator)
class IndicatorAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name", "unit", "aggregation", "summable_across_members", "is_active", "order"]
    list_filter = ["aggregation", "is_active"]
    search_fields = ["code", "name"]


@admin.register(AnnualPlan)
class AnnualPlanAdmin(SimpleHistoryAdmin):
    list_display = ["title", "program", "year", "status", "signed_on"]
    list_filter = ["status", "year"]
    list_select_related = ["program"]
    search_fields = ["title", "program__name"]


class TaskTargetInline(admin.TabularInline):
    model = TaskTarget
    extra = 0


@admin.register(Task)
class TaskAdmin(SimpleHistoryAdmin):
    list_display = ["title", "plan", "number", "content_area", "lead", "due_date"]
    list_select_related = ["plan", "content_area", "lead"]
    list_filter = ["plan__year"]
    search_fields = ["title"]
    filter_horizontal = ["partners"]
    raw_id_fields = ["plan", "content_area", "localities"]  # thousands of communes
    inlines = [TaskTargetInline]
