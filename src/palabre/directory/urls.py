from django.urls import path

from . import views

app_name = "directory"
urlpatterns = [
    path("personnes/", views.PersonListView.as_view(), name="person_list"),
    path("personnes/nouvelle/", views.PersonCreateView.as_view(), name="person_create"),
    path("personnes/export/", views.PersonExportView.as_view(), name="person_export"),
    path("personnes/doublons/", views.DuplicatesView.as_view(), name="duplicates"),
    path("personnes/<int:pk>/", views.PersonDetailView.as_view(), name="person_detail"),
    path("personnes/<int:pk>/modifier/", views.PersonUpdateView.as_view(), name="person_update"),
    path("personnes/<int:pk>/fusionner/", views.PersonMergeView.as_view(), name="person_merge"),
    path(
        "personnes/<int:pk>/consentements/ajouter/",
        views.ConsentCreateView.as_view(),
        name="consent_add",
    ),
    path("organisations/", views.OrganisationListView.as_view(), name="organisation_list"),
    path(
        "organisations/nouvelle/",
        views.OrganisationCreateView.as_view(),
        name="organisation_create",
    ),
    path(
        "organisations/<int:pk>/",
        views.OrganisationDetailView.as_view(),
        name="organisation_detail",
    ),
    path(
        "organisations/<int:pk>/modifier/",
        views.OrganisationUpdateView.as_view(),
        name="organisation_update",
    ),
]
