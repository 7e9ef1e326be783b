from django.urls import path

from . import views

app_name = "notifications"
urlpatterns = [
    path("", views.NotificationListView.as_view(), name="list"),
    path("<int:pk>/", views.NotificationOpenView.as_view(), name="open"),
    path("tout-lu/", views.MarkAllReadView.as_view(), name="mark_all_read"),
    path("preferences/", views.PreferenceView.as_view(), name="preferences"),
]
