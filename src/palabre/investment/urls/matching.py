"""Addresses of the matching part."""

from django.urls import path

from ..views import matching as views

urlpatterns: list = [
    path(
        "opportunites/<int:pk>/investisseurs-correspondants/",
        views.OpportunityMatchesView.as_view(),
        name="opportunity_matches",
    ),
    path(
        "investisseurs/<int:pk>/opportunites-correspondantes/",
        views.InvestorMatchesView.as_view(),
        name="investor_matches",
    ),
]
