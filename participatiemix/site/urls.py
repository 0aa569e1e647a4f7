from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from participatiemix.site import views

site_patterns = (
    [
        path("", views.home, name="home"),
        path("toegankelijkheid/", views.accessibility, name="accessibility"),
        path("over/", views.about, name="about"),
        path("inloggen/", auth_views.LoginView.as_view(template_name="site/login.html"), name="login"),
        path("uitloggen/", auth_views.LogoutView.as_view(), name="logout"),
    ],
    "site",
)

urlpatterns = [
    path("", include(site_patterns)),
    path("i18n/", include("django.conf.urls.i18n")),
    # Browsers ask for /favicon.ico on pages without our <link rel="icon"> (the admin).
    path("favicon.ico", views.favicon),
    path("beheer/", admin.site.urls),
    path("instrumenten/", include("participatiemix.catalogue.urls")),
    path("plannen/", include("participatiemix.plans.urls")),
    path("zelfscan/", include("participatiemix.scan.urls")),
    path("werksessies/", include("participatiemix.workshop.urls")),
    path("organisatie/", include("participatiemix.organisations.urls")),
    path("processen/", include("participatiemix.processes.urls")),
    path("enquetes/", include("participatiemix.surveys.urls")),
    path("bijeenkomsten/", include("participatiemix.meetings.urls")),
    path("account/", include("participatiemix.site.urls_accounts")),
]

handler400 = "participatiemix.site.views.bad_request"
handler403 = "participatiemix.site.views.permission_denied"
handler404 = "participatiemix.site.views.page_not_found"
handler500 = "participatiemix.site.views.server_error"
# django-allauth's own rate limits answer with this view too (the Dutch 429 page).
handler429 = "participatiemix.site.views.ratelimited"
