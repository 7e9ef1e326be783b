from django.urls import path

from . import views

app_name = "documents"
urlpatterns = [
    path("", views.ArchiveView.as_view(), name="list"),
    path("verifier/", views.VerifyView.as_view(), name="verify"),
    path("<int:pk>/telecharger/", views.DownloadView.as_view(), name="download"),
]
