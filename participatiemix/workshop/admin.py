"""Werksessies in /beheer/: scoped to the user's organisations by the same permission layer as the pages."""

from django.contrib import admin

from participatiemix.organisations.roles import Ability
from participatiemix.site.admin import OrganisationScopedAdmin
from participatiemix.workshop.models import Group, Note, Question, Thread, Workshop


class WorkshopScopedAdmin(OrganisationScopedAdmin):
    # Running a werksessie (and so changing it) is FACILITATE, as on the pages.
    change_ability = Ability.FACILITATE


class ChildAdmin(WorkshopScopedAdmin):
    """Groups, notes and threads are made in the werksessie itself; here they can be corrected or removed,
    never added or moved to another session (whose id could belong to another organisation)."""

    def has_add_permission(self, request, *args) -> bool:
        return False


class QuestionInline(admin.TabularInline):
    model = Question
    extra = 0


@admin.register(Workshop)
class WorkshopAdmin(WorkshopScopedAdmin):
    list_display = ("title", "code", "organisation", "phase", "created_at")
    list_filter = ("phase",)
    search_fields = ("title", "code")
    readonly_fields = ("version", "created_at", "updated_at")
    inlines = [QuestionInline]


@admin.register(Group)
class GroupAdmin(ChildAdmin):
    list_display = ("name", "workshop", "created_at")
    search_fields = ("name", "workshop__code")
    readonly_fields = ("workshop", "version")


@admin.register(Note)
class NoteAdmin(ChildAdmin):
    list_display = ("text", "group", "question", "updated_at")
    search_fields = ("text",)
    list_select_related = ("group", "question")
    readonly_fields = ("group", "question", "version")


@admin.register(Thread)
class ThreadAdmin(ChildAdmin):
    list_display = ("label", "workshop", "question", "pinned", "removed")
    list_filter = ("pinned", "removed")
    readonly_fields = ("workshop", "question")
    exclude = ("notes",)
