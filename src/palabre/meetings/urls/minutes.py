from django.urls import path

from ..views import minutes as views

MINUTES = "espaces/<slug:slug>/reunions/<int:pk>/compte-rendu/"
OUTCOME = MINUTES + "resultats/<int:outcome>/"

urlpatterns = [
    path(MINUTES, views.MinutesView.as_view(), name="minutes"),
    path(MINUTES + "commencer/", views.MinutesStartView.as_view(), name="minutes_start"),
    path(MINUTES + "modifier/", views.MinutesEditView.as_view(), name="minutes_edit"),
    path(MINUTES + "resultats/ajouter/", views.OutcomeAddView.as_view(), name="outcome_add"),
    path(OUTCOME + "modifier/", views.OutcomeEditView.as_view(), name="outcome_edit"),
    path(OUTCOME + "supprimer/", views.OutcomeDeleteView.as_view(), name="outcome_delete"),
    path(OUTCOME + "statut/", views.OutcomeStatusView.as_view(), name="outcome_status"),
    path(MINUTES + "workflow/", views.MinutesActionView.as_view(), name="minutes_action"),
    path(MINUTES + "commentaires/", views.MinutesCommentView.as_view(), name="minutes_comment"),
    path(MINUTES + "versions/", views.MinutesVersionsView.as_view(), name="minutes_versions"),
    path(
        MINUTES + "document.<str:fmt>",
        views.MinutesDocumentView.as_view(),
        name="minutes_document",
    ),
    path(
        "espaces/<slug:slug>/actions-a-suivre/",
        views.ActionItemListView.as_view(),
        name="action_items",
    ),
]
