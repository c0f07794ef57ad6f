from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from phoihop.intake.models import IntakeDocument


@admin.register(IntakeDocument)
class IntakeDocumentAdmin(SimpleHistoryAdmin):
    list_display = ["title", "committee", "text_date", "uploaded_by", "created_at"]
    list_filter = ["committee"]
    search_fields = ["title", "source_name"]
    readonly_fields = ["text", "extraction", "created_at"]
    raw_id_fields = ["reports", "activities", "review"]
