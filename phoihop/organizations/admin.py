from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from phoihop.organizations.models import (
    Committee,
    Membership,
    Organization,
    OrgEvent,
    Person,
    Position,
)


class _RefreshSearchMixin:
    """The admin saves outside the services: keep the folded search copy in step."""

    def save_model(self, request, obj, form, change):
        obj.refresh_search_fields()
        super().save_model(request, obj, form, change)


@admin.register(Organization)
class OrganizationAdmin(_RefreshSearchMixin, SimpleHistoryAdmin):
    list_display = ["name", "short_name", "kind", "level", "locality", "valid_from", "valid_to"]
    list_filter = ["kind", "level"]
    search_fields = ["name", "short_name", "search_text"]
    raw_id_fields = ["locality", "parent"]
    list_select_related = ["locality"]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    raw_id_fields = ["organization"]


@admin.register(Committee)
class CommitteeAdmin(SimpleHistoryAdmin):
    list_display = ["name", "host", "locality", "valid_from", "valid_to"]
    search_fields = ["name", "short_name"]
    raw_id_fields = ["host", "locality"]
    inlines = [MembershipInline]


@admin.register(OrgEvent)
class OrgEventAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "kind", "effective_date", "legal_basis"]
    list_filter = ["kind"]
    filter_horizontal = ["predecessors", "successors"]


class PositionInline(admin.TabularInline):
    model = Position
    extra = 0
    raw_id_fields = ["organization"]


@admin.register(Person)
class PersonAdmin(_RefreshSearchMixin, SimpleHistoryAdmin):
    list_display = ["full_name", "organization", "email", "phone"]
    search_fields = ["full_name", "search_text"]
    raw_id_fields = ["organization", "user"]
    list_select_related = ["organization"]
    inlines = [PositionInline]
