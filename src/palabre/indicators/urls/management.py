"""Addresses of the management part of the indicators."""

from django.urls import path

from ..views import management
from .dashboard import INDICATOR

urlpatterns = [
    path(INDICATOR + "modifier/", management.IndicatorEditView.as_view(), name="edit"),
    path(INDICATOR + "supprimer/", management.IndicatorDeleteView.as_view(), name="delete"),
    path(INDICATOR + "valeurs/", management.ValueEnterView.as_view(), name="value"),
    path(
        INDICATOR + "valeurs/<str:period>/preuve/",
        management.EvidenceView.as_view(),
        name="evidence",
    ),
]
