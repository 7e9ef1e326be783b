"""Addresses of the consultations of a space."""

from django.urls import path

from ..views import consultations as views

SPACE = "espaces/<slug:slug>/consultations"
CONSULTATION = f"{SPACE}/<int:pk>"
STATEMENT = f"{CONSULTATION}/propositions/<int:statement>"

urlpatterns = [
    path(f"{SPACE}/", views.ConsultationListView.as_view(), name="consultation_list"),
    path(f"{SPACE}/nouvelle/", views.ConsultationCreateView.as_view(), name="consultation_create"),
    path(f"{CONSULTATION}/", views.ConsultationDetailView.as_view(), name="consultation"),
    path(
        f"{CONSULTATION}/modifier/",
        views.ConsultationUpdateView.as_view(),
        name="consultation_update",
    ),
    path(
        f"{CONSULTATION}/statut/",
        views.ConsultationStatusView.as_view(),
        name="consultation_status",
    ),
    path(f"{CONSULTATION}/voter/", views.VoteView.as_view(), name="consultation_vote"),
    path(f"{CONSULTATION}/mes-votes/", views.MyVotesView.as_view(), name="consultation_my_votes"),
    path(
        f"{CONSULTATION}/propositions/proposer/",
        views.StatementSubmitView.as_view(),
        name="statement_submit",
    ),
    path(
        f"{CONSULTATION}/propositions/ajouter/",
        views.StatementAddView.as_view(),
        name="statement_add",
    ),
    path(
        f"{CONSULTATION}/moderation/",
        views.ModerationView.as_view(),
        name="consultation_moderation",
    ),
    path(f"{STATEMENT}/moderer/", views.StatementModerateView.as_view(), name="statement_moderate"),
    path(f"{CONSULTATION}/resultats/", views.ResultsView.as_view(), name="consultation_results"),
    path(f"{CONSULTATION}/analyser/", views.AnalyseView.as_view(), name="consultation_analyse"),
    path(
        f"{CONSULTATION}/resultats/export.<str:fmt>",
        views.ResultsExportView.as_view(),
        name="consultation_export",
    ),
    path(
        f"{CONSULTATION}/rapport.<str:fmt>",
        views.ReportView.as_view(),
        name="consultation_report",
    ),
]
