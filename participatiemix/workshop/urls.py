from django.urls import path

from participatiemix.workshop import views

app_name = "workshop"
urlpatterns = [
    path("", views.index, name="index"),
    path("nieuw/", views.workshop_create, name="create"),
    path("<id:pk>/", views.workshop_detail, name="detail"),
    path("<id:pk>/wijzigen/", views.workshop_edit, name="edit"),
    path("<id:pk>/volgende-fase/", views.workshop_advance, name="advance"),
    path("<id:pk>/extra-tijd/", views.workshop_extend, name="extend"),
    path("<id:pk>/vraag/", views.workshop_question, name="question"),
    path("<id:pk>/rode-draden/", views.threads, name="threads"),
    path("<id:pk>/rode-draden/groeperen/", views.threads_regroup, name="regroup"),
    path("<id:pk>/rode-draden/samenvoegen/", views.threads_merge, name="merge"),
    path("<id:pk>/rode-draden/ongedaan-maken/", views.threads_undo, name="undo"),
    path("<id:pk>/rode-draden/<id:thread_id>/", views.thread_action, name="thread_action"),
    path("<id:pk>/verslag.<str:fmt>", views.export, name="export"),
    path("<id:pk>/groepen/<id:group_id>/naar-plan/", views.group_to_plan, name="to_plan"),
    path("beamer/<str:code>/", views.projector, name="projector"),
    path("beamer/<str:code>/live/", views.projector_live, name="projector_live"),
    path("beamer/<str:code>/tijd/", views.projector_timer, name="projector_timer"),
    path("doe-mee/", views.join, name="join"),
    path("doe-mee/<str:code>/", views.join_group, name="join_group"),
    path("doe-mee/<str:code>/flip-over/", views.flipover, name="flipover"),
    path("doe-mee/<str:code>/flip-over/live/", views.flipover_live, name="flipover_live"),
    path("doe-mee/<str:code>/notities/<id:note_id>/", views.note_edit, name="note_edit"),
]
