from django.urls import path

from participatiemix.plans import views

app_name = "plans"
urlpatterns = [
    path("", views.plan_list, name="list"),
    path("nieuw/", views.plan_new, name="new"),
    path("importeren/", views.plan_import, name="import"),
    path("vergelijk/", views.plans_compare, name="compare_plans"),
    path("<int:pk>/", views.plan_detail, name="detail"),
    path("<int:pk>/stap/<int:step>/", views.plan_step, name="step"),
    path("<int:pk>/instrument/", views.plan_instrument, name="instrument"),
    path("<int:pk>/versies/", views.plan_versions, name="versions"),
    path("<int:pk>/versies/<int:number>/", views.plan_version, name="version"),
    path("<int:pk>/vergelijk/", views.versions_compare, name="compare_versions"),
    path("<int:pk>/download/<str:fmt>/", views.plan_download, name="download"),
]
