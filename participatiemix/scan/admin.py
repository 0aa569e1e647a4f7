"""Admin: rounds and their groups and questions. Responses are anonymous and only shown as counts."""

from django.contrib import admin

from participatiemix.scan.models import CustomQuestion, Priority, RoundGroup, ScanRound


class RoundGroupInline(admin.TabularInline):
    model = RoundGroup
    extra = 0
    readonly_fields = ("token",)


class CustomQuestionInline(admin.TabularInline):
    model = CustomQuestion
    extra = 0
    max_num = 4


class PriorityInline(admin.TabularInline):
    model = Priority
    extra = 0


@admin.register(ScanRound)
class ScanRoundAdmin(admin.ModelAdmin):
    list_display = ("title", "municipality", "opens_on", "closes_on", "closed_at")
    list_filter = ("municipality",)
    search_fields = ("title", "municipality")
    readonly_fields = ("questionnaire_version", "closed_at", "created_by", "created_at")
    exclude = ("code_salt",)
    inlines = [RoundGroupInline, CustomQuestionInline, PriorityInline]
