"""Addresses of the programme part."""

from django.urls import path

from ..views import programme as views

urlpatterns: list = [
    path("", views.ProgrammeView.as_view(), name="programme"),
    path("export/", views.ProgrammeExportView.as_view(), name="programme_export"),
    path("taux-de-change/", views.RateListView.as_view(), name="rates"),
    path("taux-de-change/ajouter/", views.RateAddView.as_view(), name="rate_add"),
]
