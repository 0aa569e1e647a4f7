"""Process pages (/processen/): public pages for residents, "Mijn inbreng", staff pages and the council report.
Each group lives in its own module; the names share the `processes` namespace."""

from participatiemix.processes import urls_participant, urls_public, urls_report, urls_staff

app_name = "processes"

# Fixed words first ("mijn-inbreng", "nieuw") so they never read as a process slug.
urlpatterns = urls_participant.urlpatterns + urls_staff.urlpatterns + urls_report.urlpatterns + urls_public.urlpatterns
