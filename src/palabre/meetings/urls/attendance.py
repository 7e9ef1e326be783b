from django.urls import path

from ..views import attendance as views

MEETING = "espaces/<slug:slug>/reunions/<int:pk>"

urlpatterns = [
    path(f"{MEETING}/emargement/", views.CheckInView.as_view(), name="check_in"),
    path(f"{MEETING}/emargement/nouveau/", views.WalkInView.as_view(), name="walk_in"),
    path(
        f"{MEETING}/emargement/en-ligne/",
        views.OnlineAttendanceView.as_view(),
        name="attendance_online",
    ),
    path(
        f"{MEETING}/emargement/<int:person>/",
        views.CheckInPersonView.as_view(),
        name="check_in_person",
    ),
    path(
        f"{MEETING}/feuille-emargement.<str:fmt>",
        views.SignInSheetView.as_view(),
        name="sign_in_sheet",
    ),
    path(f"{MEETING}/presences/", views.AttendanceListView.as_view(), name="attendance"),
    path(
        f"{MEETING}/presences/export.<str:fmt>",
        views.AttendanceExportView.as_view(),
        name="attendance_export",
    ),
    path(
        f"{MEETING}/presences/<int:attendance>/retirer/",
        views.AttendanceRemoveView.as_view(),
        name="attendance_remove",
    ),
    path(
        f"{MEETING}/presences/importer/",
        views.AttendanceImportView.as_view(),
        name="attendance_import",
    ),
    path(
        f"{MEETING}/presences/modele.xlsx",
        views.AttendanceTemplateView.as_view(),
        name="attendance_import_template",
    ),
]
