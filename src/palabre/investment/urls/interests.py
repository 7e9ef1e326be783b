"""Addresses of the interests part."""

from django.urls import path

from ..views import interests as views

urlpatterns = [
    path(
        "opportunites/<int:pk>/manifester-mon-interet/",
        views.InterestCreateView.as_view(),
        name="interest_create",
    ),
    path("mes-manifestations/", views.MyInterestsView.as_view(), name="my_interests"),
    path(
        "opportunites/<int:pk>/manifestations/",
        views.OpportunityInterestsView.as_view(),
        name="opportunity_interests",
    ),
    path("manifestations/<int:pk>/", views.InterestDetailView.as_view(), name="interest"),
    path(
        "manifestations/<int:pk>/statut/",
        views.InterestStatusView.as_view(),
        name="interest_status",
    ),
]
