"""Addresses of the reports part of the knowledge of a space."""

from django.urls import path

from ..views import reports as views

REPORTS = "espaces/<slug:slug>/capitalisation/"
REPORT = REPORTS + "<int:pk>/"

urlpatterns = [
    path(REPORTS, views.ReportListView.as_view(), name="reports"),
    path(REPORTS + "nouveau/", views.ReportCreateView.as_view(), name="report_create"),
    path(REPORT, views.ReportDetailView.as_view(), name="report"),
    path(REPORT + "modifier/", views.ReportEditView.as_view(), name="report_edit"),
    path(REPORT + "chiffres/", views.ReportRefreshView.as_view(), name="report_refresh"),
    path(REPORT + "workflow/", views.ReportActionView.as_view(), name="report_action"),
    path(REPORT + "commentaires/", views.ReportCommentView.as_view(), name="report_comment"),
    path(REPORT + "versions/", views.ReportVersionsView.as_view(), name="report_versions"),
    path(REPORT + "document.<str:fmt>", views.ReportDocumentView.as_view(), name="report_document"),
]
