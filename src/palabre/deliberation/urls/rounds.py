"""Addresses of the prioritisation rounds of a space."""

from django.urls import path

from ..views import rounds as views

SPACE = "espaces/<slug:slug>/priorisation"
ROUND = f"{SPACE}/<int:pk>"

urlpatterns = [
    path(f"{SPACE}/", views.RoundListView.as_view(), name="round_list"),
    path(f"{SPACE}/nouveau/", views.RoundCreateView.as_view(), name="round_create"),
    path(f"{ROUND}/", views.RoundDetailView.as_view(), name="round"),
    path(f"{ROUND}/modifier/", views.RoundUpdateView.as_view(), name="round_update"),
    path(f"{ROUND}/ouvrir/", views.RoundOpenView.as_view(), name="round_open"),
    path(f"{ROUND}/cloturer/", views.RoundCloseView.as_view(), name="round_close"),
    path(f"{ROUND}/vote/", views.RoundVoteView.as_view(), name="round_vote"),
    path(f"{ROUND}/resultats/export/", views.RoundExportView.as_view(), name="round_export"),
    path(
        f"{ROUND}/resultats/document.<str:fmt>",
        views.RoundDocumentView.as_view(),
        name="round_document",
    ),
]
