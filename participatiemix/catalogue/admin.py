from django.contrib import admin

from participatiemix.catalogue.forms import ExperienceForm, LocalInstrumentForm
from participatiemix.catalogue.models import Experience, LocalInstrument


class _RecordsAuthor(admin.ModelAdmin):
    def save_model(self, request, obj, form, change):
        if not change and obj.created_by_id is None:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(LocalInstrument)
class LocalInstrumentAdmin(_RecordsAuthor):
    form = LocalInstrumentForm
    list_display = ("name_nl", "slug", "municipality", "online", "cost_max_eur", "created_at")
    list_filter = ("municipality", "online")
    search_fields = ("name_nl", "name_en", "slug", "summary_nl", "municipality")


@admin.register(Experience)
class ExperienceAdmin(_RecordsAuthor):
    form = ExperienceForm
    list_display = ("instrument_id", "municipality", "when", "created_at")
    list_filter = ("municipality",)
    search_fields = ("instrument_id", "municipality", "where", "what_worked", "what_did_not")
