from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import pgettext_lazy
from simple_history.admin import SimpleHistoryAdmin

from phoihop.accounts.models import User


@admin.register(User)
class PhoihopUserAdmin(SimpleHistoryAdmin, UserAdmin):
    list_display = ["username", "first_name", "last_name", "organization", "role", "is_active"]
    list_filter = ["role", "is_active", "organization"]
    search_fields = ["username", "first_name", "last_name", "search_text"]
    list_select_related = ["organization"]
    fieldsets = [
        *UserAdmin.fieldsets,
        (pgettext_lazy("nhóm trường", "Phối hợp"), {"fields": ["organization", "role"]}),
    ]
    add_fieldsets = [
        *UserAdmin.add_fieldsets,
        (pgettext_lazy("nhóm trường", "Phối hợp"), {"fields": ["organization", "role"]}),
    ]

    def save_model(self, request, obj, form, change):
        obj.refresh_search_fields()
        super().save_model(request, obj, form, change)
