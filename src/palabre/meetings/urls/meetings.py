from django.urls import path

from ..views import meetings as views

SPACE = "espaces/<slug:slug>/reunions"
MEETING = f"{SPACE}/<int:pk>"

urlpatterns = [
    path("reunions/", views.MeetingListView.as_view(), name="list"),
    path("reunions/calendrier/", views.MeetingCalendarView.as_view(), name="calendar"),
    path(f"{SPACE}/", views.SpaceMeetingListView.as_view(), name="space_list"),
    path(f"{SPACE}/calendrier/", views.SpaceMeetingCalendarView.as_view(), name="space_calendar"),
    path(f"{SPACE}/nouvelle/", views.MeetingCreateView.as_view(), name="create"),
    path("espaces/<slug:slug>/reunions.ics", views.SpaceFeedView.as_view(), name="space_feed"),
    path(f"{MEETING}/", views.MeetingDetailView.as_view(), name="detail"),
    path(f"{MEETING}/modifier/", views.MeetingUpdateView.as_view(), name="update"),
    path(f"{MEETING}/annuler/", views.MeetingCancelView.as_view(), name="cancel"),
    path(f"{MEETING}/reunion.ics", views.MeetingIcsView.as_view(), name="ics"),
]
