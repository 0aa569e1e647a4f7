from django.urls import path

from participatiemix.plans import views

app_name = "plans"
urlpatterns = [
    path("", views.plan_list, name="list"),
    path("nieuw/", views.plan_new, name="new"),
    path("importeren/", views.plan_import, name="import"),
    path("vergelijk/", views.plans_compare, name="compare_plans"),
    path("gedeeld/<slug:token>/", views.shared, name="shared"),
    path("gedeeld/<slug:token>/download/<str:fmt>/", views.shared_download, name="shared_download"),
    path("<id:pk>/", views.plan_detail, name="detail"),
    path("<id:pk>/stap/<id:step>/", views.plan_step, name="step"),
    path("<id:pk>/instrument/", views.plan_instrument, name="instrument"),
    path("<id:pk>/versies/", views.plan_versions, name="versions"),
    path("<id:pk>/versies/<id:number>/", views.plan_version, name="version"),
    path("<id:pk>/vergelijk/", views.versions_compare, name="compare_versions"),
    path("<id:pk>/download/<str:fmt>/", views.plan_download, name="download"),
    path("<id:pk>/delen/", views.share_create, name="share_create"),
    path("<id:pk>/delen/<id:link_id>/intrekken/", views.share_revoke, name="share_revoke"),
    path("<id:pk>/reacties/", views.comment_add, name="comment_add"),
    path("<id:pk>/reacties/<id:comment_id>/verwijderen/", views.comment_delete, name="comment_delete"),
]
