"""Local knowledge in /beheer/: scoped to the user's organisations, with the same forms (and checks) as the pages."""

from django.contrib import admin

from participatiemix.catalogue.forms import ExperienceForm, LocalInstrumentForm
from participatiemix.catalogue.models import Experience, LocalInstrument
from participatiemix.site.admin import OrganisationScopedAdmin


class LocalInstrumentAdminForm(LocalInstrumentForm):
    class Meta(LocalInstrumentForm.Meta):
        fields = ["organisation", *LocalInstrumentForm.Meta.fields]


class ExperienceAdminForm(ExperienceForm):
    class Meta(ExperienceForm.Meta):
        fields = ["organisation", *ExperienceForm.Meta.fields]


class _OwnedByOrganisation(OrganisationScopedAdmin):
    def save_model(self, request, obj, form, change):
        if not change and obj.created_by_id is None:
            obj.created_by = request.user
        obj.municipality = obj.organisation.name
        super().save_model(request, obj, form, change)


@admin.register(LocalInstrument)
class LocalInstrumentAdmin(_OwnedByOrganisation):
    form = LocalInstrumentAdminForm
    list_display = ("name_nl", "slug", "organisation", "online", "cost_max_eur", "created_at")
    list_filter = (("organisation", admin.RelatedOnlyFieldListFilter), "online")
    search_fields = ("name_nl", "name_en", "slug", "summary_nl", "organisation__name")


@admin.register(Experience)
class ExperienceAdmin(_OwnedByOrganisation):
    form = ExperienceAdminForm
    list_display = ("instrument_id", "organisation", "when", "created_at")
    list_filter = (("organisation", admin.RelatedOnlyFieldListFilter),)
    search_fields = ("instrument_id", "organisation__name", "where", "what_worked", "what_did_not")
