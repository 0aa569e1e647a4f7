"""Process URLs: the council report (participatieverslag), its background jobs, and the evaluation."""

from django.urls import path

from participatiemix.processes import views_report

urlpatterns = [
    path("<slug:slug>/verslag/", views_report.report, name="report"),
    path("<slug:slug>/verslag/maken/", views_report.report_start, name="report_start"),
    path("<slug:slug>/verslag/taak/<id:pk>/", views_report.report_job, name="report_job"),
    path("<slug:slug>/verslag/taak/<id:pk>/bestand/", views_report.report_download, name="report_download"),
    path("<slug:slug>/evaluatie/", views_report.evaluation, name="evaluation"),
]
