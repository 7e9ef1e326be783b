"""The meetings app's addresses, one module per part of a meeting's life."""

from . import attendance, framing, meetings, minutes, registration, training

app_name = "meetings"

urlpatterns = [
    *meetings.urlpatterns,
    *framing.urlpatterns,
    *registration.urlpatterns,
    *attendance.urlpatterns,
    *minutes.urlpatterns,
    *training.urlpatterns,
]
