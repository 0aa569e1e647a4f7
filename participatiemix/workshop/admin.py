from django.contrib import admin

from participatiemix.workshop.models import Group, Note, Question, Thread, Workshop


class QuestionInline(admin.TabularInline):
    model = Question
    extra = 0


@admin.register(Workshop)
class WorkshopAdmin(admin.ModelAdmin):
    list_display = ("title", "code", "phase", "created_at")
    list_filter = ("phase",)
    search_fields = ("title", "code")
    readonly_fields = ("version", "created_at", "updated_at")
    inlines = [QuestionInline]


@admin.register(Group)
class GroupAdmin(admin.ModelAdmin):
    list_display = ("name", "workshop", "created_at")
    search_fields = ("name", "workshop__code")


@admin.register(Note)
class NoteAdmin(admin.ModelAdmin):
    list_display = ("text", "group", "question", "updated_at")
    search_fields = ("text",)
    list_select_related = ("group", "question")


@admin.register(Thread)
class ThreadAdmin(admin.ModelAdmin):
    list_display = ("label", "workshop", "question", "pinned", "removed")
    list_filter = ("pinned", "removed")
