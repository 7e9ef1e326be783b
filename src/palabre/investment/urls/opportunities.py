"""Addresses of the opportunities part."""

from django.urls import path

from ..views import opportunities as views

urlpatterns = [
    path("opportunites/", views.OpportunityListView.as_view(), name="opportunity_list"),
    path(
        "opportunites/nouvelle/",
        views.OpportunityCreateView.as_view(),
        name="opportunity_create",
    ),
    path("opportunites/<int:pk>/", views.OpportunityDetailView.as_view(), name="opportunity"),
    path(
        "opportunites/<int:pk>/modifier/",
        views.OpportunityEditView.as_view(),
        name="opportunity_edit",
    ),
    path(
        "opportunites/<int:pk>/statut/",
        views.OpportunityStatusView.as_view(),
        name="opportunity_status",
    ),
    path(
        "opportunites/<int:pk>/documents/ajouter/",
        views.DocumentAddView.as_view(),
        name="opportunity_document_add",
    ),
    path(
        "opportunites/<int:pk>/documents/<int:document_pk>/",
        views.DocumentView.as_view(),
        name="opportunity_document",
    ),
]
