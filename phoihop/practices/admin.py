from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from phoihop.practices.models import CoordinationModel, Replication


class ReplicationInline(admin.TabularInline):
    model = Replication
    extra = 0
    raw_id_fields = ["locality"]


@admin.register(CoordinationModel)
class CoordinationModelAdmin(SimpleHistoryAdmin):
    list_display = ["name", "program", "content_area", "status", "started_on", "decided_on"]
    list_filter = ["status", "program"]
    search_fields = ["name"]
    # The place and activity registries are large: ids, not drop-downs.
    raw_id_fields = ["program", "content_area", "decided_by", "localities", "evidence"]
    filter_horizontal = ["members"]
    list_select_related = ["program", "content_area"]
    inlines = [ReplicationInline]
