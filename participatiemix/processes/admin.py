from django.contrib import admin

from participatiemix.processes.models import Activity, Contribution, CouncilMoment, Phase, Process
from participatiemix.site.admin import OrganisationScopedAdmin


class PhaseInline(admin.TabularInline):
    model = Phase
    extra = 0
    fields = ("phase", "level", "starts", "ends")


@admin.register(Process)
class ProcessAdmin(OrganisationScopedAdmin):
    list_display = ("title", "slug", "status", "organisation")
    list_filter = ("status",)
    search_fields = ("title", "slug")
    inlines = [PhaseInline]
    raw_id_fields = ("plan", "plan_version", "created_by")


@admin.register(Activity)
class ActivityAdmin(OrganisationScopedAdmin):
    list_display = ("title", "instrument", "app", "kind", "status")
    list_filter = ("app", "kind", "status")


@admin.register(Contribution)
class ContributionAdmin(OrganisationScopedAdmin):
    list_display = ("summary", "kind", "source", "status", "created_at")
    list_filter = ("status", "source", "kind")
    raw_id_fields = ("activity", "participant")


@admin.register(CouncilMoment)
class CouncilMomentAdmin(OrganisationScopedAdmin):
    list_display = ("process", "moment", "phase", "due", "done_on")
