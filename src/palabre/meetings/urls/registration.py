from django.urls import path

from ..views import registration as views

MEETING = "espaces/<slug:slug>/reunions/<int:pk>"

urlpatterns = [
    path(f"{MEETING}/invitations/", views.InviteView.as_view(), name="invite"),
    path(
        f"{MEETING}/invitations/lettres.<str:fmt>",
        views.InvitationLettersView.as_view(),
        name="invitation_letters",
    ),
    path(f"{MEETING}/inscription/", views.RegisterView.as_view(), name="register"),
    path(
        f"{MEETING}/inscription-publique/",
        views.PublicRegisterView.as_view(),
        name="public_register",
    ),
    path(
        f"{MEETING}/inscription/annuler/",
        views.CancelOwnRegistrationView.as_view(),
        name="cancel_registration",
    ),
    path(
        "reunions/inscription/annuler/<str:token>/",
        views.CancelByTokenView.as_view(),
        name="cancel_by_token",
    ),
    path(f"{MEETING}/inscriptions/", views.RegistrationListView.as_view(), name="registrations"),
    path(
        f"{MEETING}/inscriptions/export/",
        views.RegistrationExportView.as_view(),
        name="registrations_export",
    ),
    path(
        f"{MEETING}/inscriptions/<int:registration_pk>/annuler/",
        views.RegistrationCancelForView.as_view(),
        name="registration_cancel",
    ),
]
