from django.urls import path

from . import views

app_name = "jobs"
urlpatterns = [
    path("", views.JobListView.as_view(), name="list"),
    path("verification/", views.SelftestView.as_view(), name="selftest"),
    path("<uuid:pk>/", views.JobDetailView.as_view(), name="detail"),
    path("<uuid:pk>/fichier/", views.JobResultFileView.as_view(), name="result_file"),
]
