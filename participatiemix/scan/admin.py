"""Admin: rounds and their groups and questions, scoped to the user's organisations (OrganisationScopedAdmin).

Responses, answers and address tallies have no admin: they are anonymous and only shown as counts.
"""

from django.contrib import admin

from participatiemix.organisations.roles import Ability
from participatiemix.scan.models import CustomQuestion, Priority, RoundGroup, ScanRound
from participatiemix.site.admin import OrganisationScopedAdmin
from participatiemix.site.permissions import has_ability


class RoundPartInline(admin.TabularInline):
    """A part of a round, allowed as the round is: `obj` is the parent ScanRound (VIEW to see, EDIT to change)."""

    def has_view_permission(self, request, obj=None) -> bool:
        return has_ability(request.user, Ability.VIEW, obj)

    def has_change_permission(self, request, obj=None) -> bool:
        return has_ability(request.user, Ability.EDIT, obj)

    def has_add_permission(self, request, obj=None) -> bool:
        return self.has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        return self.has_change_permission(request, obj)


class RoundGroupInline(RoundPartInline):
    model = RoundGroup
    extra = 0
    readonly_fields = ("token",)


class CustomQuestionInline(RoundPartInline):
    model = CustomQuestion
    extra = 0
    max_num = 4


class PriorityInline(RoundPartInline):
    model = Priority
    extra = 0


@admin.register(ScanRound)
class ScanRoundAdmin(OrganisationScopedAdmin):
    list_display = ("title", "organisation", "municipality", "opens_on", "closes_on", "closed_at")
    list_filter = ("municipality",)
    search_fields = ("title", "municipality")
    readonly_fields = ("questionnaire_version", "closed_at", "created_by", "created_at")
    exclude = ("code_salt",)
    inlines = [RoundGroupInline, CustomQuestionInline, PriorityInline]
