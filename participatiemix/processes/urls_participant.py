"""Process URLs: participant pages."""

urlpatterns = []
