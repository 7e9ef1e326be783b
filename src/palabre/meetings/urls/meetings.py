from django.urls import path

from ..views import meetings as views

urlpatterns = [
    path(
        "espaces/<slug:slug>/reunions/<int:pk>/", views.MeetingDetailView.as_view(), name="detail"
    ),
]
