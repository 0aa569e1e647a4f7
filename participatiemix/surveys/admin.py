"""Surveys in the admin: reading and small fixes only; the form builder is the place to build a survey."""

from django.contrib import admin

from participatiemix.site.admin import OrganisationScopedAdmin
from participatiemix.surveys import services
from participatiemix.surveys.models import Question, Survey, SurveyResponse


class QuestionInline(admin.TabularInline):
    model = Question
    extra = 0
    fields = ("section", "position", "kind", "required", "text_nl", "text_en")


@admin.register(Survey)
class SurveyAdmin(OrganisationScopedAdmin):
    list_display = ("title_nl", "activity", "requires_account", "closed")
    list_filter = ("closed", "requires_account")
    search_fields = ("title_nl",)
    raw_id_fields = ("activity",)
    inlines = [QuestionInline]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        services.structure_changed(form.instance)  # submissions are checked against the new questions


@admin.register(SurveyResponse)
class SurveyResponseAdmin(OrganisationScopedAdmin):
    list_display = ("pk", "survey", "source", "lang", "created_at")
    list_filter = ("source",)
    raw_id_fields = ("contribution", "survey", "participant")
