"""Addresses of the evaluation part: the committee, the scores, the financial offers, ranking."""

from django.urls import path

from ..views import evaluation as views

urlpatterns = [
    path("<int:pk>/evaluateurs/", views.EvaluatorsView.as_view(), name="evaluators"),
    path("<int:pk>/declaration/", views.DeclareView.as_view(), name="declare"),
    path("<int:pk>/evaluation/", views.EvaluationView.as_view(), name="evaluation"),
    path(
        "<int:pk>/evaluation/transmettre/", views.SubmitScoresView.as_view(), name="submit_scores"
    ),
    path(
        "<int:pk>/evaluation/fichiers/<int:file_pk>/",
        views.EvaluationFileView.as_view(),
        name="evaluation_file",
    ),
    path(
        "<int:pk>/evaluation/<int:submission_pk>/",
        views.ScoreSheetView.as_view(),
        name="score_sheet",
    ),
    path("<int:pk>/offres-financieres/", views.FinancialView.as_view(), name="financial"),
    path("<int:pk>/classement/", views.RankingView.as_view(), name="ranking"),
]
