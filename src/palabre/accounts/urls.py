from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("profil/", views.ProfileView.as_view(), name="profile"),
    path("inviter/<int:person_pk>/", views.InviteView.as_view(), name="invite"),
    path(
        "invitation/<str:uidb64>/<str:token>/",
        views.AcceptInvitationView.as_view(),
        name="accept_invitation",
    ),
]
