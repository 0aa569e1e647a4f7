from django.contrib import admin

from participatiemix.plans.models import Plan, PlanComment, PlanShareLink, PlanVersion
from participatiemix.site.admin import OrganisationScopedAdmin


class PlanVersionInline(admin.TabularInline):
    model = PlanVersion
    fields = ("number", "note", "created_by", "created_at")
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = False


@admin.register(Plan)
class PlanAdmin(OrganisationScopedAdmin):
    list_display = ("title", "organisation", "municipality", "origin", "created_by", "updated_at")
    search_fields = ("title", "municipality")
    list_filter = ("origin",)
    readonly_fields = ("latest_version", "created_at", "updated_at")
    inlines = [PlanVersionInline]


@admin.register(PlanVersion)
class PlanVersionAdmin(OrganisationScopedAdmin):
    list_display = ("plan", "number", "note", "created_by", "created_at")
    list_select_related = ("plan", "created_by")
    readonly_fields = ("plan", "number", "case", "preconditions", "choices", "advice", "advice_en", "created_at")


@admin.register(PlanShareLink)
class PlanShareLinkAdmin(OrganisationScopedAdmin):
    """Links are made and revoked on the plan page (the token is shown only there); here they are only listed."""

    list_display = ("plan", "created_by", "created_at", "expires_at", "revoked_at", "revoked_by")
    list_select_related = ("plan", "created_by", "revoked_by")
    readonly_fields = ("plan", "created_by", "created_at", "expires_at", "revoked_at", "revoked_by")
    fields = readonly_fields

    def has_change_permission(self, request, obj=None) -> bool:
        return False  # revoked on the plan page, where who revoked it is recorded

    def has_add_permission(self, request, *args) -> bool:
        return False


@admin.register(PlanComment)
class PlanCommentAdmin(OrganisationScopedAdmin):
    list_display = ("plan", "version_number", "author", "created_at")
    list_select_related = ("plan", "author")
    readonly_fields = ("plan", "version_number", "author", "created_at")

    def has_add_permission(self, request, *args) -> bool:
        return False
