"""Addresses of the applicants part."""

from django.urls import path

from ..views import applicants as views

urlpatterns = [
    path("<int:pk>/soumettre/", views.SubmitView.as_view(), name="submit"),
    path("mes-soumissions/", views.MySubmissionsView.as_view(), name="my_submissions"),
    path("soumissions/<int:pk>/", views.SubmissionView.as_view(), name="submission"),
    path(
        "soumissions/<int:pk>/fichiers/<int:file_pk>/",
        views.SubmissionFileView.as_view(),
        name="submission_file",
    ),
]
