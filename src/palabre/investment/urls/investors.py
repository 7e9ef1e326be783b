"""Addresses of the investors part."""

from django.urls import path

from ..views import investors as views

urlpatterns = [
    path("mon-profil/", views.MyProfileView.as_view(), name="my_profile"),
    path("investisseurs/", views.InvestorListView.as_view(), name="investor_list"),
    path("investisseurs/<int:pk>/", views.InvestorDetailView.as_view(), name="investor"),
]
