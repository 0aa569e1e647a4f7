from django.urls import path

from participatiemix.surveys import views

app_name = "surveys"

urlpatterns = [
    path("<id:pk>/", views.respond, name="respond"),
    path("<id:pk>/bedankt/", views.thanks, name="thanks"),
    path("mijn-antwoorden/<id:pk>/", views.own_answers, name="own"),
    path("<id:pk>/opbouw/", views.builder, name="builder"),
    path("<id:pk>/opbouw/instellingen/", views.settings_save, name="settings"),
    path("<id:pk>/opbouw/deel/", views.section_add, name="section_add"),
    path("<id:pk>/opbouw/deel/<id:section>/", views.section_edit, name="section_edit"),
    path("<id:pk>/opbouw/deel/<id:section>/verwijderen/", views.section_delete, name="section_delete"),
    path("<id:pk>/opbouw/deel/<id:section>/verplaatsen/", views.section_move, name="section_move"),
    path("<id:pk>/opbouw/deel/<id:section>/vraag/", views.question_add, name="question_add"),
    path("<id:pk>/opbouw/vraag/<id:question>/", views.question_edit, name="question_edit"),
    path("<id:pk>/opbouw/vraag/<id:question>/verwijderen/", views.question_delete, name="question_delete"),
    path("<id:pk>/opbouw/vraag/<id:question>/verplaatsen/", views.question_move, name="question_move"),
    path("<id:pk>/opbouw/vraag/<id:question>/sprong/", views.rule_add, name="rule_add"),
    path("<id:pk>/opbouw/sprong/<id:rule>/verwijderen/", views.rule_delete, name="rule_delete"),
    path("<id:pk>/voorbeeld/", views.preview, name="preview"),
    path("<id:pk>/papier/", views.paper, name="paper"),
    path("<id:pk>/resultaten/", views.results, name="results"),
    path("<id:pk>/antwoorden.<str:fmt>", views.export, name="export"),
]
