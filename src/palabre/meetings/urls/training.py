from django.urls import path

from ..views import training as views

TRAINING = "espaces/<slug:slug>/reunions/<int:pk>/formation/"

urlpatterns = [
    path(TRAINING, views.TrainingView.as_view(), name="training"),
    path(f"{TRAINING}evaluations/", views.TrainingScoresView.as_view(), name="training_scores"),
    path(f"{TRAINING}satisfaction/", views.TrainingSurveyView.as_view(), name="training_survey"),
    path(
        f"{TRAINING}attestation/<int:person>.<str:fmt>",
        views.TrainingCertificateView.as_view(),
        name="training_certificate",
    ),
    path(
        f"{TRAINING}attestations.zip",
        views.TrainingCertificatesView.as_view(),
        name="training_certificates",
    ),
]
