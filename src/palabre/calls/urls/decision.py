"""Addresses of the decision part."""

from django.urls import path

from ..views import decision as views

urlpatterns = [
    path("<int:pk>/decision/", views.DecideView.as_view(), name="decide"),
    path(
        "<int:pk>/rapport.<str:fmt>",
        views.ReportView.as_view(),
        name="report",
    ),
]
