from django.contrib import admin

from participatiemix.plans.models import Plan, PlanVersion


class PlanVersionInline(admin.TabularInline):
    model = PlanVersion
    fields = ("number", "note", "created_by", "created_at")
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = False


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
    list_display = ("title", "municipality", "origin", "created_by", "updated_at")
    search_fields = ("title", "municipality")
    list_filter = ("origin",)
    readonly_fields = ("latest_version", "created_at", "updated_at")
    inlines = [PlanVersionInline]


@admin.register(PlanVersion)
class PlanVersionAdmin(admin.ModelAdmin):
    list_display = ("plan", "number", "note", "created_by", "created_at")
    list_select_related = ("plan", "created_by")
    readonly_fields = ("plan", "number", "case", "preconditions", "choices", "advice", "advice_en", "created_at")
