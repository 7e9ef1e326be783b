"""Addresses of the dashboard part of the indicators."""

from django.urls import path

from ..views import dashboard, management

INDICATORS = "espaces/<slug:slug>/indicateurs/"
INDICATOR = INDICATORS + "<str:code>/"

urlpatterns = [
    path(INDICATORS, dashboard.DashboardView.as_view(), name="dashboard"),
    path(INDICATORS + "export.<str:fmt>", dashboard.ExportView.as_view(), name="export"),
    # Before the indicator's address, which would take "nouveau" for a code.
    path(INDICATORS + "nouveau/", management.IndicatorCreateView.as_view(), name="create"),
    path(INDICATOR, dashboard.DetailView.as_view(), name="detail"),
    path(INDICATOR + "registres/", dashboard.RecordsView.as_view(), name="records"),
]
