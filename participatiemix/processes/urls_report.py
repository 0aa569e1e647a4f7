"""Process URLs: report pages."""

urlpatterns = []
