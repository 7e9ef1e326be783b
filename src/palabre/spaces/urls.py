from django.urls import path

from . import views

app_name = "spaces"
# "nouveau" comes before the slug patterns; services.RESERVED_SLUGS keeps it from being a slug.
urlpatterns = [
    path("", views.SpaceListView.as_view(), name="list"),
    path("nouveau/", views.SpaceCreateView.as_view(), name="create"),
    path("<slug:slug>/", views.SpaceDetailView.as_view(), name="detail"),
    path("<slug:slug>/modifier/", views.SpaceUpdateView.as_view(), name="update"),
    path("<slug:slug>/membres/", views.MemberListView.as_view(), name="members"),
    path("<slug:slug>/membres/gerer/", views.ManageMembersView.as_view(), name="manage_members"),
    path(
        "<slug:slug>/membres/<int:pk>/role/",
        views.MembershipChangeRoleView.as_view(),
        name="membership_change_role",
    ),
    path(
        "<slug:slug>/membres/<int:pk>/fin/",
        views.MembershipEndView.as_view(),
        name="membership_end",
    ),
    path("<slug:slug>/colleges/nouveau/", views.CollegeCreateView.as_view(), name="college_create"),
    path(
        "<slug:slug>/colleges/<int:pk>/modifier/",
        views.CollegeUpdateView.as_view(),
        name="college_update",
    ),
]
