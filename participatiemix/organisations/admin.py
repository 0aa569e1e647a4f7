"""Admin: organisations and memberships (superusers; a beheerder manages members on /organisatie/)."""

from django.contrib import admin

from participatiemix.organisations.models import Membership, Organisation


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "kind"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["municipalities"]
    inlines = [MembershipInline]

    def has_module_permission(self, request) -> bool:
        return request.user.is_active and request.user.is_superuser
